"""Request the platform-fee invoice (平台费发票, business-rules §5.5, §6.5).

Huawei invoices the platform fee of paid 通用 bills to the seller as a 数电专票 or a 数电普票. The
dialog lists the paid 通用 bills (``platform_fee.paid_general_bills``) with their fee and their
negative orders; checking a bill checks every bill of the same 申付单 with it
(``platform_fee.close_selection``), the negative orders are always part of the request and reduce
its amount, and a bill already asked for cannot be checked. The view queues the request through
the outbox (``platform_fee.queue_request``: the same checks as ``seller-console invoice
platform-fee``).

Signals of :class:`PlatformFeeDialog`
-------------------------------------
``requestRequested(list, str)``
    The checked bill ids and the invoice type (数电专票 or 数电普票).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.services.invoices import platform_fee as pf
from app.views.common.formats import amount
from app.views.common.forms import Button, dialog_buttons, grow_to_fit, message_label, stack
from app.views.i18n import translate
from app.views.invoices.labels import platform_fee_refusal_text
from app.views.invoices.problems import ERROR_STYLE, WARNING_STYLE

_ID = Qt.ItemDataRole.UserRole


def invoice_type_text(invoice_type: str) -> str:
    """数电专票 / 数电普票 in the interface language (the marketplace's term kept beside it)."""
    if invoice_type == pf.SPECIAL_DIGITAL:
        return translate("PlatformFeeDialog", "Digital VAT special invoice (数电专票)")
    return translate("PlatformFeeDialog", "Digital ordinary invoice (数电普票)")


class PlatformFeeDialog(QDialog):
    """The paid 通用 bills to check, the invoice type, the amount of the request."""

    requestRequested = Signal(list, str)

    def __init__(self, bills: Sequence[pf.FeeBill], missing: Mapping[str, list[str]],
                 parent: QWidget | None = None) -> None:
        """``missing``: per invoice type, the company-profile fields it still lacks."""
        super().__init__(parent)
        self.setObjectName("platformFeeDialog")
        self.setWindowTitle(translate("PlatformFeeDialog", "Request Platform-Fee Invoice"))
        self.bills = list(bills)
        self.missing = dict(missing)
        about = QLabel(translate(
            "PlatformFeeDialog",
            "Huawei invoices the platform fee of paid 通用 bills to you (平台费发票). Bills of one "
            "requisition (申付单) are requested together; negative orders are always included "
            "and reduce the amount."), self)
        about.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setObjectName("platformFeeBills")
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setHeaderLabels([
            translate("PlatformFeeDialog", "Bill"),
            translate("PlatformFeeDialog", "Settlement period"),
            translate("PlatformFeeDialog", "Requisition No."),
            translate("PlatformFeeDialog", "Platform service fee"),
            translate("PlatformFeeDialog", "Negative orders"),
            translate("PlatformFeeDialog", "Requested"),
        ])
        for bill in self.bills:
            item = QTreeWidgetItem([
                bill.bill_id, bill.period, bill.requisition_no or "—",
                f"{amount(bill.fee)} {bill.currency_code}", str(len(bill.negative_lines)),
                translate("PlatformFeeDialog", "already requested") if bill.requested else "",
            ])
            item.setData(0, _ID, bill.bill_id)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            if bill.requested:
                flags &= ~Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            self.table.addTopLevelItem(item)
        header = self.table.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._on_checked)
        self.invoice_type = QComboBox(self)
        self.invoice_type.setObjectName("platformFeeType")
        for kind in pf.INVOICE_TYPES:
            self.invoice_type.addItem(invoice_type_text(kind), kind)
        self.invoice_type.currentIndexChanged.connect(lambda _i: self._update())
        self.total = QLabel(self)
        self.total.setObjectName("platformFeeAmount")
        form = QFormLayout()
        form.addRow(translate("PlatformFeeDialog", "Invoice type"), self.invoice_type)
        form.addRow(translate("PlatformFeeDialog", "Amount of the request"), self.total)
        self.status = message_label(self, "platformFeeStatus", selectable=True)
        self.buttons = dialog_buttons(self, Button.Cancel, self.request)
        self.request_button = self.buttons.addButton(
            translate("PlatformFeeDialog", "Request Invoice"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.request_button.setObjectName("platformFeeRequest")
        stack(self, about, (self.table, 1), form, self.status, self.buttons)
        self.resize(760, 420)
        self._update()

    def checked(self) -> list[str]:
        """The checked bills' ids, in the list's order."""
        return [str(item.data(0, _ID)) for item in self._items()
                if item.checkState(0) == Qt.CheckState.Checked]

    def set_checked(self, bill_ids: Sequence[str]) -> None:
        """Check ``bill_ids`` (and the bills of their 申付单), as a click would."""
        wanted = set(bill_ids)
        for item in self._items():
            if item.data(0, _ID) in wanted and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(0, Qt.CheckState.Checked)

    def _items(self) -> list[QTreeWidgetItem]:
        items = (self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount()))
        return [item for item in items if item is not None]

    def _on_checked(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        if item.checkState(0) == Qt.CheckState.Checked:
            together = pf.close_selection(self.bills, [str(item.data(0, _ID))])
            self.table.blockSignals(True)
            for other in self._items():
                if other.data(0, _ID) in together and other.flags() & Qt.ItemFlag.ItemIsEnabled:
                    other.setCheckState(0, Qt.CheckState.Checked)
            self.table.blockSignals(False)
        self._update()

    def _update(self) -> None:
        chosen = self.checked()
        currencies = sorted({b.currency_code for b in self.bills if b.bill_id in chosen})
        self.total.setText(" + ".join(
            f"{amount(pf.selection_amount([b for b in self.bills if b.currency_code == c], chosen))}"
            f" {c}" for c in currencies) or "—")
        missing = self.missing.get(str(self.invoice_type.currentData()), [])
        if not self.bills:
            self._say(translate("PlatformFeeDialog", "No paid 通用 bill in the cache yet: sync "
                                                     "first, or wait until a bill is paid."))
        elif missing:
            self._say(platform_fee_refusal_text(pf.PlatformFeeError(
                "", failure_code="platform_fee.company", params={"fields": ", ".join(missing)})),
                WARNING_STYLE)
        else:
            self._say("")
        self.request_button.setEnabled(bool(chosen) and not missing)

    def _say(self, text: str, style: str = "") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)
        self.status.setVisible(bool(text))
        grow_to_fit(self)

    def request(self) -> None:
        self.request_button.setEnabled(False)
        self._say(translate("PlatformFeeDialog", "Requesting…"))
        self.requestRequested.emit(self.checked(), str(self.invoice_type.currentData()))

    def finished_with(self, message: str, ok: bool) -> None:
        """The view reports the outcome: close on success, else show why and allow a retry."""
        if ok:
            self.accept()
            return
        self._say(message, ERROR_STYLE)
        self.request_button.setEnabled(True)
