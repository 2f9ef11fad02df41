"""The Query Order panel of the Integration area (查询订单, interfaces.md §7.2; issue 14 §2).

Looks up one order (and optionally one line) at KooGallery through the profile's open-API host and
shows the answer in words beside what the cache holds for that order: whether the cache has it,
and every field where the two differ. ``seller-console order query ORDER_ID [--line LINE_ID]``
does the same. The nine ``MOCK…`` orders answer without a real purchase.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.exchange.terms import (
    CHARGING_MODE,
    ORDER_STATUS,
    ORDER_TYPE,
    SUPERVISION_STATUS,
)
from app.services.marketplace.credentials import open_client
from app.services.marketplace.wire import MOCK_ORDER_IDS
from app.services.openapi import codes, orders
from app.views.bridge import TaskContext
from app.views.common.failures import failure_text
from app.views.common.formats import amount, local_time
from app.views.common.forms import button_row
from app.views.common.retranslating import Retranslating
from app.views.context import AreaContext
from app.views.export_runner import interface_language
from app.views.i18n import translate


@dataclass(frozen=True)
class QueryResult:
    answer: orders.OrderAnswer
    cache: orders.CacheView | None


class OrderQueryPanel(Retranslating, QWidget):
    """Query Order beside the cache."""

    def __init__(self, context: AreaContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderQueryPanel")
        self.bridge = context.bridge
        self.workspace = context.workspace
        self.result: QueryResult | None = None

        self.order_edit = QLineEdit(self)
        self.order_edit.setObjectName("orderId")
        self.order_edit.setMaxLength(64)
        self.order_edit.setClearButtonEnabled(True)
        self.line_edit = QLineEdit(self)
        self.line_edit.setObjectName("orderLineId")
        self.line_edit.setMaxLength(64)
        self.mock_combo = QComboBox(self)
        self.mock_combo.setObjectName("mockOrders")
        self.order_label, self.line_label, self.mock_label = QLabel(self), QLabel(self), QLabel(self)
        self.query_button = QPushButton(self)
        self.query_button.setObjectName("queryOrder")
        self.answer = QLabel(self)
        self.answer.setObjectName("orderAnswer")
        self.answer.setWordWrap(True)
        self.answer.setTextFormat(Qt.TextFormat.RichText)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.cache_label = QLabel(self)
        self.cache_label.setObjectName("cacheVerdict")
        self.cache_label.setWordWrap(True)
        self.diffs = QTableWidget(0, 4, self)
        self.diffs.setObjectName("cacheDifferences")
        self.diffs.verticalHeader().hide()
        self.diffs.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.diffs.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.diffs.hide()

        form = QFormLayout()
        form.addRow(self.order_label, self.order_edit)
        form.addRow(self.line_label, self.line_edit)
        form.addRow(self.mock_label, self.mock_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(button_row(self.query_button))
        layout.addWidget(self.answer)
        layout.addWidget(self.cache_label)
        layout.addWidget(self.diffs, 1)
        layout.addStretch(0)

        self.query_button.clicked.connect(self.run_query)
        self.order_edit.returnPressed.connect(self.run_query)
        self.line_edit.returnPressed.connect(self.run_query)
        self.mock_combo.activated.connect(self._mock_chosen)
        self.retranslate()

    def retranslate(self) -> None:
        self.order_label.setText(translate("OrderQueryPanel", "&Order ID:"))
        self.order_label.setBuddy(self.order_edit)
        self.line_label.setText(translate("OrderQueryPanel", "&Line ID:"))
        self.line_label.setBuddy(self.line_edit)
        self.line_edit.setPlaceholderText(translate("OrderQueryPanel", "optional: one line"))
        self.mock_label.setText(translate("OrderQueryPanel", "Test orders:"))
        self.mock_combo.clear()
        self.mock_combo.addItem(translate("OrderQueryPanel", "KooGallery's MOCK orders…"))
        self.mock_combo.addItems(list(MOCK_ORDER_IDS))
        self.query_button.setText(translate("OrderQueryPanel", "&Query KooGallery"))
        self.diffs.setHorizontalHeaderLabels([
            translate("OrderQueryPanel", "Line"), translate("OrderQueryPanel", "Field"),
            translate("OrderQueryPanel", "KooGallery"), translate("OrderQueryPanel", "Cache")])
        if self.result is not None:
            self.show_result(self.result)

    def _mock_chosen(self, index: int) -> None:
        if index > 0:
            order_id = self.mock_combo.itemText(index)
            self.order_edit.setText(order_id)
            self.line_edit.setText(f"{order_id}-000001")

    def _say(self, text: str, bad: bool = False) -> None:
        self.answer.setStyleSheet("color:#c0392b" if bad else "")
        self.answer.setText(html.escape(text))

    def run_query(self) -> None:
        order_id, line_id = self.order_edit.text().strip(), self.line_edit.text().strip()
        try:
            orders.check_id(order_id)
            if line_id:
                orders.check_id(line_id, "order line")
        except orders.OrderQueryError:
            self._say(translate("OrderQueryPanel", "An order or line ID is 1 to 64 characters "
                                "without blanks."), True)
            return
        target = self.workspace.target
        if target is None:
            self._say(translate("OrderQueryPanel", "Open a profile first."), True)
            return
        connect = self.workspace.connector(target)
        engine = self.workspace.engine

        def work(_ctx: TaskContext) -> QueryResult:
            with open_client(connect()) as client:
                answer = orders.query(client, order_id, line_id or None)
            return QueryResult(answer, orders.compare(engine, answer) if engine else None)

        def done(result: QueryResult) -> None:
            self.query_button.setEnabled(True)
            self.show_result(result)

        def failed(exc: BaseException) -> None:
            self.query_button.setEnabled(True)
            self._say(failure_text(exc), True)

        self.query_button.setEnabled(False)
        self._say(translate("OrderQueryPanel", "Asking KooGallery…"))
        self.cache_label.clear()
        self.diffs.hide()
        self.bridge.run(work, name="order.query", owner=self, latest="query", on_success=done,
                        on_failure=failed)

    def show_result(self, result: QueryResult) -> None:
        self.result = result
        lang = interface_language()
        a, e = result.answer, html.escape
        if not a.found:
            self.answer.setStyleSheet("color:#c0392b")
            self.answer.setText(e(translate("OrderQueryPanel", "Order {id}: {meaning} ({error}): "
                                            "{message}").format(
                id=a.order_id, meaning=codes.describe(a.code, lang, a.message),
                error=a.code or "-", message=a.message)))
        else:
            kinds, modes = ORDER_TYPE.words(lang), CHARGING_MODE.words(lang)
            test = translate("OrderQueryPanel", " (test order)") if a.test else ""
            head = translate("OrderQueryPanel", "Order {id}{test}: {type}, ordered {when}, buyer "
                             "{buyer}").format(
                id=a.order_id, test=test, type=kinds.get(a.order_type or "", a.order_type or "-"),
                when=local_time(a.create_time), buyer=a.customer_name or "-")
            items = []
            for ln in a.lines:
                period = (", " + orders.period_words(ln.period_number, ln.period_type, lang)
                      if ln.period_type else "")
                items.append(translate("OrderQueryPanel", "Line {id}: {mode}{period}, expires "
                                       "{expire}, amount {amount} (after discount {after})")
                             .format(id=ln.line_id,
                                     mode=modes.get(ln.charging_mode or "", ln.charging_mode or "-"),
                                     period=period,
                                     expire=local_time(ln.expire_time) if ln.expire_time else "-",
                                     amount=amount(ln.amount) if ln.amount is not None else "-",
                                     after=amount(ln.amount_after_discount)
                                     if ln.amount_after_discount is not None else "-"))
            self.answer.setStyleSheet("")
            self.answer.setText(f"<b>{e(head)}</b><ul style='margin:0'>"
                                + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>")
        self._show_cache(result.cache)

    def _show_cache(self, cache: orders.CacheView | None) -> None:
        lang = interface_language()
        if cache is None:
            text, bad = translate("OrderQueryPanel", "No cache is open to compare with."), False
        elif not cache.present:
            text, bad = translate("OrderQueryPanel", "The cache does not hold this order."), False
        elif not cache.differences and not cache.missing_lines:
            text, bad = translate("OrderQueryPanel", "The cache agrees with KooGallery (order "
                                  "status {status}, supervision {supervision}).").format(
                status=ORDER_STATUS.words(lang).get(cache.order_status or "",
                                                    cache.order_status or "-"),
                supervision=SUPERVISION_STATUS.words(lang).get(
                    cache.supervision_status or "", cache.supervision_status or "-")), False
        else:
            text, bad = translate("OrderQueryPanel", "The cache differs from KooGallery:"), True
        self.cache_label.setStyleSheet("color:#c0392b" if bad else "")
        self.cache_label.setText(text)
        rows = [(d.line or "", d.field, d.marketplace, d.cache)
                for d in (cache.differences if cache else ())]
        rows += [(line_id, translate("OrderQueryPanel", "(the line)"),
                  translate("OrderQueryPanel", "present"), translate("OrderQueryPanel", "missing"))
                 for line_id in (cache.missing_lines if cache else ())]
        self.diffs.setRowCount(len(rows))
        for n, values in enumerate(rows):
            for col, value in enumerate(values):
                self.diffs.setItem(n, col, QTableWidgetItem(value))
        self.diffs.setVisible(bool(rows))
