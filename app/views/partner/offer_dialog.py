"""The exclusive-offer form (申请云商店专属优惠; from a demand: 更多 > 创建专属优惠).

Fields as the Partner Center's: 优惠名称, 用户账号 (fixed to the demand's customer when made from a
demand), 优惠有效期, products with their discount; a special business request (提交特殊商务申请 /
转人工处理) with its reason beyond the authorised discount. When every product is at discount 1
(a 100 % partner discount) the three conditions of the original material are shown: condition 2
is looked up in the cache in the background (the bridge's READ lane), conditions 1 and 3 are for
the user to confirm, since the console cannot check them. OK checks the form's rules
(:func:`app.services.offers.actions.check_fields`) and the conditions before closing; queuing
re-checks everything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services.offers import actions as oa
from app.services.offers import rules
from app.services.offers.catalog import KnownProduct
from app.views.bridge import Bridge
from app.views.common.forms import button_row
from app.views.demands.dialogs import CheckedDialog
from app.views.i18n import translate
from app.views.partner.offer_words import check_text, condition_text, reason_text


def _to_qt(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()))


def _from_qt(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


class OfferDialog(CheckedDialog):
    """The offer form; :meth:`request` is the application once accepted."""

    def __init__(self, bridge: Bridge, engine: Engine, products: list[KnownProduct],
                 clock: Callable[[], datetime], parent: QWidget | None = None, *,
                 account: str | None = None, product_id: str = "") -> None:
        super().__init__(translate("OfferDialog", "Apply for an exclusive offer (申请专属优惠)")
                         if account is None else
                         translate("OfferDialog", "Create an exclusive offer (创建专属优惠)"),
                         parent)
        self.setObjectName("offerDialog")
        self.bridge, self.engine, self.clock = bridge, engine, clock
        self.products = products
        self.condition: list[rules.Condition] = []
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("offerName")
        self.name.setPlaceholderText(translate("OfferDialog", "e.g. 自拓优惠-XX商品-XX折扣"))
        self.account = QLineEdit(account or "", self)
        self.account.setObjectName("offerAccount")
        self.account.setReadOnly(account is not None)
        start = clock().astimezone() + timedelta(days=1)
        start = start.replace(minute=0, second=0, microsecond=0)
        self.valid_from = QDateTimeEdit(_to_qt(start), self)
        self.valid_to = QDateTimeEdit(_to_qt(start + timedelta(days=90)), self)
        for edit in (self.valid_from, self.valid_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        form.addRow(translate("OfferDialog", "Offer name:"), self.name)
        form.addRow(translate("OfferDialog", "Customer account (用户账号):"), self.account)
        form.addRow(translate("OfferDialog", "Valid from:"), self.valid_from)
        form.addRow(translate("OfferDialog", "Valid until:"), self.valid_to)
        self.layout_.addLayout(form)

        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("offerProducts")
        self.table.setHorizontalHeaderLabels([
            translate("OfferDialog", "Product"), translate("OfferDialog", "Discount"),
            translate("OfferDialog", "Specification")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        # Room for a few products without scrolling (the form is short otherwise).
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height()
                                    + self.fontMetrics().height() * 2 * 4)
        add = QPushButton(translate("OfferDialog", "Add product"), self)
        add.clicked.connect(lambda: self.add_line(""))
        remove = QPushButton(translate("OfferDialog", "Remove product"), self)
        remove.clicked.connect(self._remove)
        self.layout_.addWidget(QLabel(translate(
            "OfferDialog", "Products and the customer's discount (0.85 = 85% of the list "
                           "price; 1 = a 100% partner discount):"), self))
        self.layout_.addWidget(self.table)
        self.layout_.addLayout(button_row(add, remove))

        self.special = QCheckBox(translate(
            "OfferDialog", "Beyond my authorised discount: submit a special business request "
                           "(提交特殊商务申请 / 转人工处理)"), self)
        self.special.setObjectName("offerSpecial")
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("offerReason")
        self.reason.setPlaceholderText(translate("OfferDialog", "Reason for the approver"))
        self.reason.setMaximumHeight(self.fontMetrics().height() * 3 + 12)
        self.reason.setEnabled(False)
        self.special.toggled.connect(self.reason.setEnabled)
        note = QLabel(translate(
            "OfferDialog", "Within your authorised discount (授权折扣, shown under the product's "
                           "成交价分成) KooGallery approves the offer at once. Beyond it, the "
                           "request waits for manual approval (审批中) and can be revoked until "
                           "then. The console does not see your authorised discounts: a plain "
                           "application beyond them is refused."), self)
        note.setWordWrap(True)
        self.layout_.addWidget(self.special)
        self.layout_.addWidget(self.reason)
        self.layout_.addWidget(note)

        self.full_box = QGroupBox(translate("OfferDialog", "100% partner discount: the "
                                                           "conditions"), self)
        self.full_box.setObjectName("fullDiscount")
        box = QVBoxLayout(self.full_box)
        self.confirm_bound = QCheckBox(condition_text("bound"), self.full_box)
        self.confirm_bound.setObjectName("confirmBound")
        self.no_offer = QLabel(self.full_box)
        self.no_offer.setObjectName("noOfferCheck")
        self.no_offer.setWordWrap(True)
        self.confirm_picks = QCheckBox(condition_text("picks_partner"), self.full_box)
        self.confirm_picks.setObjectName("confirmPicks")
        for widget in (self.confirm_bound, self.no_offer, self.confirm_picks):
            box.addWidget(widget)
        for check in (self.confirm_bound, self.confirm_picks):
            check.setStyleSheet("QCheckBox { spacing: 6px; }")
        self.layout_.addWidget(self.full_box)
        self.finish_layout()
        self.add_line(product_id)
        self.account.textChanged.connect(lambda _t: self._conditions())
        self._conditions()
        # Wide enough for a product's name and id in either language (a CJK font's "M" is narrow).
        em = max(self.fontMetrics().horizontalAdvance("M"), self.fontMetrics().height())
        self.resize(em * 56, self.sizeHint().height())

    # -- products -------------------------------------------------------------------------------

    def add_line(self, product_id: str, discount: Decimal = Decimal("0.9")) -> None:
        n = self.table.rowCount()
        self.table.insertRow(n)
        combo = QComboBox(self.table)
        combo.setEditable(True)
        for p in self.products:
            combo.addItem(f"{p.name}  ({p.product_id})", p.product_id)
        found = combo.findData(product_id)
        if found >= 0:
            combo.setCurrentIndex(found)
        elif product_id:
            combo.setEditText(product_id)
        combo.currentIndexChanged.connect(lambda _i: self._conditions())
        self.table.setCellWidget(n, 0, combo)
        spin = QDoubleSpinBox(self.table)
        spin.setRange(0.01, 1.0)
        spin.setDecimals(2)
        spin.setSingleStep(0.05)
        spin.setValue(float(discount))
        spin.valueChanged.connect(lambda _v: self._conditions())
        self.table.setCellWidget(n, 1, spin)
        self.table.setItem(n, 2, QTableWidgetItem(""))
        self._conditions()

    def _remove(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)
        self._conditions()

    def lines(self) -> tuple[oa.OfferLine, ...]:
        out = []
        for r in range(self.table.rowCount()):
            combo, spin = self.table.cellWidget(r, 0), self.table.cellWidget(r, 1)
            if not isinstance(combo, QComboBox) or not isinstance(spin, QDoubleSpinBox):
                continue
            pid = str(combo.currentData() or "") if combo.currentIndex() >= 0 and \
                combo.currentText() == combo.itemText(combo.currentIndex()) else \
                combo.currentText().strip()
            name = next((p.name for p in self.products if p.product_id == pid), pid)
            sku = self.table.item(r, 2)
            out.append(oa.OfferLine(pid, name, Decimal(f"{spin.value():.2f}"),
                                    sku.text().strip() if sku else ""))
        return tuple(out)

    # -- the 100 % conditions -------------------------------------------------------------------

    def _conditions(self) -> None:
        lines = self.lines() if hasattr(self, "full_box") else ()
        full = rules.is_full_discount([line.discount for line in lines])
        self.full_box.setVisible(full)
        self._fit()
        if not full:
            self.condition = []
            return
        account = self.account.text().strip()
        ids = {line.product_id for line in lines}
        engine, now = self.engine, self.clock()
        self.no_offer.setText(condition_text("no_offer") + "\n"
                              + translate("OfferDialog", "Checking…"))

        def shown(found: list[rules.Condition]) -> None:
            self.condition = found
            self.no_offer.setText(condition_text("no_offer") + "\n→ " + check_text(found[1]))
            color = "#c62828" if found[1].check is rules.Check.NOT_MET else "#2e7d32"
            self.no_offer.setStyleSheet(f"color: {color}")
            self._fit()

        self.bridge.run(lambda _c: rules.full_discount_conditions(engine, account, ids, now),
                        name="offers.conditions", owner=self, latest="conditions",
                        on_success=shown)

    def _fit(self) -> None:
        """Grow to show a changed (wrapped) text whole; never shrink what the user sized."""
        self.layout_.activate()
        wanted = self.sizeHint().height()
        if wanted > self.height():
            self.resize(self.width(), wanted)

    # -- the result -----------------------------------------------------------------------------

    def request(self) -> oa.OfferRequest:
        confirmed = {code for code, box in (("bound", self.confirm_bound),
                                            ("picks_partner", self.confirm_picks))
                     if box.isChecked()}
        return oa.OfferRequest(
            self.name.text(), self.account.text(), _from_qt(self.valid_from.dateTime()),
            _from_qt(self.valid_to.dateTime()), self.lines(),
            special_request=self.special.isChecked(),
            special_reason=self.reason.toPlainText(), confirmed=frozenset(confirmed))

    def problem_text(self) -> str:
        request = self.request()
        try:
            oa.check_fields(request, self.clock())
        except oa.OfferError as e:
            return reason_text(e.failure_code, e.params, str(e))
        if not request.full_discount:
            return ""
        clash = next((c for c in self.condition if c.check is rules.Check.NOT_MET), None)
        if clash is not None:
            return reason_text("offer_exists", {"offer": clash.clash})
        for code in ("bound", "picks_partner"):
            if code not in request.confirmed:
                return reason_text(f"confirm_{code}")
        return ""
