"""The detail pane beside the orders table: one order's lines, buyer, amounts, dates, timeline, and
links to its service supervision tasks (服务监管).

The pane only shows what it is given (an :class:`OrderDetail` loaded by the view on a worker); it
keeps that detail so it can show it again in another language. User data is escaped before it goes
into rich text.

Signals
-------
``supervisionTaskRequested(str)``
    The user clicked "Open supervision task": the task id.
``billingDiagnosisRequested(str)``
    The user clicked "Why not billed?": the order id.
"""

from __future__ import annotations

import html
from datetime import tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.orders.query import OrderDetail, TimelineKind
from app.views.common.formats import local_time
from app.views.common.panes import DetailPane
from app.views.common.retranslating import Retranslating
from app.views.common.titles import term, term_beside
from app.views.i18n import QT_TRANSLATE_NOOP, translate
from app.views.orders.labels import Labels, money

TASK_LINK = "task:"

#: A line's period (periodType year | month | day), one and more (no numerus: the pending
#: translations of issue 13 carry plain strings).
_PERIODS = {
    "year": (QT_TRANSLATE_NOOP("OrderDetailPane", "%1 year"), QT_TRANSLATE_NOOP("OrderDetailPane", "%1 years")),
    "month": (QT_TRANSLATE_NOOP("OrderDetailPane", "%1 month"), QT_TRANSLATE_NOOP("OrderDetailPane", "%1 months")),
    "day": (QT_TRANSLATE_NOOP("OrderDetailPane", "%1 day"), QT_TRANSLATE_NOOP("OrderDetailPane", "%1 days")),
}


def _period(number: int | None, unit: str | None) -> str:
    """"3 years" / "3 年"; an unknown unit as it is."""
    if not number:
        return ""
    words = _PERIODS.get(unit or "")
    if words is None:
        return f"{number} {unit or ''}".strip()
    return translate("OrderDetailPane", words[0 if number == 1 else 1]).replace("%1", str(number))


class OrderDetailPane(Retranslating, DetailPane):
    """Shows one order. See the module docstring for its signal."""

    supervisionTaskRequested = Signal(str)
    billingDiagnosisRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, tz: tzinfo | None = None) -> None:
        super().__init__(parent, "orderDetail", tz=tz)
        self._detail: OrderDetail | None = None
        self._state = "empty"  # empty | loading | missing | error | detail
        self._message = ""

        body, layout = self.body, self.body_layout
        self.header = QLabel(body)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setWordWrap(True)
        self.notice = QLabel(body)
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.why_billed = QPushButton(body)
        self.why_billed.setObjectName("whyNotBilled")
        self.why_billed.clicked.connect(
            lambda: self._detail and self.billingDiagnosisRequested.emit(self._detail.id))
        self.tasks = QLabel(body)
        self.tasks.setWordWrap(True)
        self.tasks.setTextFormat(Qt.TextFormat.RichText)
        self.tasks.linkActivated.connect(self._link)

        self.buyer_box = QGroupBox(body)
        self.buyer = QFormLayout(self.buyer_box)
        self.amounts_box = QGroupBox(body)
        self.amounts = QFormLayout(self.amounts_box)
        self.lines_box = QGroupBox(body)
        self.lines = QTableWidget(self.lines_box)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.verticalHeader().setVisible(False)
        QVBoxLayout(self.lines_box).addWidget(self.lines)
        self.timeline_box = QGroupBox(body)
        self.timeline = QLabel(self.timeline_box)
        self.timeline.setTextFormat(Qt.TextFormat.RichText)
        self.timeline.setWordWrap(True)
        QVBoxLayout(self.timeline_box).addWidget(self.timeline)

        for w in (self.header, self.why_billed, self.notice, self.tasks, self.buyer_box, self.amounts_box,
                  self.lines_box, self.timeline_box):
            layout.addWidget(w)
        self._compact()
        layout.addStretch(1)
        self.retranslate()

    def _compact(self) -> None:
        """Tight spacing, so that a typical order reads without scrolling beside the list on a
        1280×800 screen (the pane is about 420 by 620 pixels there)."""
        line = self.fontMetrics().height()
        self.body_layout.setSpacing(line // 3)
        for inner in (self.buyer, self.amounts, self.lines_box.layout(),
                      self.timeline_box.layout()):
            if inner is not None:
                inner.setContentsMargins(line // 2, line // 4, line // 2, line // 4)
        for form in (self.buyer, self.amounts):
            form.setVerticalSpacing(line // 4)
        self.lines.verticalHeader().setDefaultSectionSize(line + 8)

    # -- what to show -----------------------------------------------------------------------------

    @property
    def detail(self) -> OrderDetail | None:
        return self._detail if self._state == "detail" else None

    def show_detail(self, detail: OrderDetail) -> None:
        self._detail, self._state = detail, "detail"
        self._render()

    def show_empty(self) -> None:
        self._detail, self._state = None, "empty"
        self._render()

    def show_loading(self, order_id: str) -> None:
        self._state, self._message = "loading", order_id
        self._render()

    def show_missing(self, order_id: str) -> None:
        self._detail, self._state, self._message = None, "missing", order_id
        self._render()

    def show_error(self, message: str) -> None:
        self._detail, self._state, self._message = None, "error", message
        self._render()

    def _link(self, href: str) -> None:
        if href.startswith(TASK_LINK):
            self.supervisionTaskRequested.emit(href[len(TASK_LINK):])

    # -- rendering --------------------------------------------------------------------------------

    def _render(self) -> None:
        d = self._detail if self._state in ("detail", "loading") else None
        for box in (self.buyer_box, self.amounts_box, self.lines_box, self.timeline_box,
                    self.why_billed):
            box.setVisible(d is not None)
        self.tasks.setVisible(d is not None and bool(d.supervision_tasks))
        notices = {
            "empty": translate("OrderDetailPane", "Select an order to see its details."),
            "loading": translate("OrderDetailPane", "Loading order %1…").replace("%1", self._message),
            "missing": translate("OrderDetailPane", "Order %1 is no longer in the local cache.").replace(
                "%1", self._message),
            "error": translate("OrderDetailPane", "The order could not be read: %1").replace("%1", self._message),
            "detail": "",
        }
        self.notice.setText(notices[self._state])
        self.notice.setVisible(bool(notices[self._state]))
        if d is None:
            self.header.clear()
            return
        labels = Labels.current()
        self.header.setText(
            f"<b>{html.escape(d.id)}</b> · {html.escape(labels.status(d.order_status))}"
            f" · {html.escape(labels.order_type(d.order_type))}")
        self._render_buyer(d)
        self._render_amounts(d, labels)
        self._render_lines(d, labels)
        self._render_timeline(d)
        self._render_tasks(d)

    def _form(self, form: QFormLayout, rows: list[tuple[str, str]]) -> None:
        while form.rowCount():
            form.removeRow(0)
        for label, value in rows:
            field = QLabel(value)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setTextFormat(Qt.TextFormat.PlainText)
            field.setWordWrap(True)
            form.addRow(label, field)

    def _render_buyer(self, d: OrderDetail) -> None:
        info = d.buyer_info
        rows = [
            (translate("OrderDetailPane", "Customer"), d.customer_real_name or ""),
            (translate("OrderDetailPane", "Account"), d.customer_name),
            (translate("OrderDetailPane", "Customer ID"), d.customer_id),
            (translate("OrderDetailPane", "Phone"), str(info.get("mobilePhone") or "")),
            (translate("OrderDetailPane", "Email"), str(info.get("email") or "")),
        ]
        if d.partner_name:
            rows.append((translate("OrderDetailPane", "Partner"), d.partner_name))
        self._form(self.buyer, [(k, v) for k, v in rows if v])

    def _render_amounts(self, d: OrderDetail, labels: Labels) -> None:
        rows = [
            (translate("OrderDetailPane", "Total"), money(d.total_amount, d.currency_code)),
            (translate("OrderDetailPane", "Discount"), money(d.discount, d.currency_code)),
            (translate("OrderDetailPane", "Charging mode"), labels.charging_mode(d.charging_mode)),
            (translate("OrderDetailPane", "Product"), " ".join(v for v in (d.product_name, d.sku_name) if v)),
            (translate("OrderDetailPane", "Product class"), term(d.product_class)),
            (translate("OrderDetailPane", "Supervision"), term(d.supervision_status)),
            (translate("OrderDetailPane", "Instance"), d.instance_id or ""),
        ]
        self._form(self.amounts, [(k, v) for k, v in rows if v])

    def _render_lines(self, d: OrderDetail, labels: Labels) -> None:
        titles = [translate("OrderDetailPane", "Line"), translate("OrderDetailPane", "Product"), translate("OrderDetailPane", "Charging mode"),
                  translate("OrderDetailPane", "Period"), translate("OrderDetailPane", "Amount"), translate("OrderDetailPane", "After discount"),
                  translate("OrderDetailPane", "Expires")]
        self.lines.clear()
        self.lines.setColumnCount(len(titles))
        self.lines.setHorizontalHeaderLabels(titles)
        self.lines.setRowCount(len(d.lines))
        for r, ln in enumerate(d.lines):
            period = _period(ln.period_number, ln.period_type)
            cells = [ln.id, " ".join(v for v in (ln.product_name, ln.sku_name) if v),
                     labels.charging_mode(ln.charging_mode), period,
                     money(ln.amount, d.currency_code),
                     money(ln.amount_after_discount, d.currency_code),
                     local_time(ln.expire_time, self._tz)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.lines.setItem(r, c, item)
        self.lines.resizeColumnsToContents()
        self._fit_lines_height()

    def _fit_lines_height(self) -> None:
        """The lines table as high as its rows (a one-line order does not take a screenful), so
        that the pane reads without scrolling; wide lines scroll sideways inside the table."""
        table = self.lines
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        scroll = table.horizontalScrollBar().sizeHint().height()
        height = (table.horizontalHeader().sizeHint().height() + rows + scroll
                  + 2 * table.frameWidth())
        table.setFixedHeight(height)

    def _render_timeline(self, d: OrderDetail) -> None:
        words = {
            TimelineKind.CREATED: translate("OrderDetailPane", "Created"),
            TimelineKind.PAID: translate("OrderDetailPane", "Paid"),
            TimelineKind.EFFECTIVE: translate("OrderDetailPane", "Took effect"),
            TimelineKind.EXPIRES: translate("OrderDetailPane", "Expires"),
            TimelineKind.SUPERVISION: translate("OrderDetailPane", "Supervision node"),
            TimelineKind.UPDATED: translate("OrderDetailPane", "Last changed"),
        }
        items = []
        for e in d.timeline:
            detail = term_beside(e.detail) if e.kind == TimelineKind.SUPERVISION else e.detail
            extra = f" — {html.escape(detail)}" if detail else ""
            items.append(f"<li>{html.escape(local_time(e.when, self._tz))} "
                         f"{html.escape(words[e.kind])}{extra}</li>")
        # No space above and below the list, a small indent: the timeline is read, not browsed.
        self.timeline.setText('<ul style="margin-top:0px; margin-bottom:0px; margin-left:0px;'
                              ' -qt-list-indent:1;">' + "".join(items) + "</ul>")

    def _render_tasks(self, d: OrderDetail) -> None:
        parts = []
        label = html.escape(translate("OrderDetailPane", "Open supervision task"))  # outside the f-string: lupdate
        for t in d.supervision_tasks:
            parts.append(
                f'<a href="{TASK_LINK}{html.escape(t.id, quote=True)}">{label}</a> '
                f"{html.escape(t.id)} · {html.escape(term_beside(t.node))}")
        self.tasks.setText("<br>".join(parts))

    # -- text -------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.buyer_box.setTitle(translate("OrderDetailPane", "Buyer"))
        self.amounts_box.setTitle(translate("OrderDetailPane", "Amounts"))
        self.lines_box.setTitle(translate("OrderDetailPane", "Order lines"))
        self.timeline_box.setTitle(translate("OrderDetailPane", "Timeline"))
        self.why_billed.setText(translate("OrderDetailPane", "Why not billed?"))
        self._render()
