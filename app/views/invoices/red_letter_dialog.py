"""Record the red-letter invoice (红字发票) that cancels an issued invoice sent back (退票, §6.3).

When Huawei refuses an issued invoice, or a customer returns one (已退回, §6.5), the seller
cancels it in the invoicing software with a red-letter invoice, after the 红字确认单 (red-letter
confirmation, 信息表 for paper invoices) is confirmed. The clerk records the red-letter invoice's
number, the confirmation's number and the date here; the view keeps the old draft as cancelled
and makes a new draft to issue again (``drafts.record_red_letter``).

Signals of :class:`RedLetterDialog`
-----------------------------------
``recordRequested(str, str, object)``
    The red-letter invoice number, the confirmation number and the date (``datetime.date``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.services.invoices.data import DraftData
from app.services.invoices.rules import fmt_amount
from app.views.common.forms import Button, dialog_buttons, stack
from app.views.i18n import translate
from app.views.invoices.problems import ERROR_STYLE


class RedLetterDialog(QDialog):
    """The red-letter invoice of one sent-back invoice."""

    recordRequested = Signal(str, str, object)

    def __init__(self, draft: DraftData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redLetterDialog")
        self.setWindowTitle(translate("RedLetterDialog", "Record Red-Letter Invoice"))
        self.draft = draft
        about = QLabel(
            translate("RedLetterDialog", "Invoice %1 of %2 (%3 %4) is cancelled by a red-letter "
                                         "invoice (红字); a new draft is made to issue again.")
            .replace("%1", draft.invoice_no or "—")
            .replace("%2", draft.invoice_date.isoformat() if draft.invoice_date else "—")
            .replace("%3", fmt_amount(draft.total_amount))
            .replace("%4", draft.currency_code),
            self,
        )
        about.setWordWrap(True)
        self.number = QLineEdit(self)
        self.number.setObjectName("redLetterNo")
        self.info_no = QLineEdit(self)
        self.info_no.setObjectName("redLetterInfoNo")
        self.when = QDateEdit(self)
        self.when.setObjectName("redLetterDate")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd")
        today = date.today()
        self.when.setDate(QDate(today.year, today.month, today.day))
        form = QFormLayout()
        form.addRow(translate("RedLetterDialog", "Red-letter invoice No."), self.number)
        form.addRow(translate("RedLetterDialog", "Red-letter confirmation No. (红字确认单)"),
                    self.info_no)
        form.addRow(translate("RedLetterDialog", "Date"), self.when)
        self.status = QLabel(self)
        self.status.setObjectName("redLetterStatus")
        self.status.setWordWrap(True)
        self.buttons = dialog_buttons(self, Button.Cancel, self.record)
        self.record_button = self.buttons.addButton(
            translate("RedLetterDialog", "Record"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.record_button.setObjectName("redLetterRecord")
        stack(self, about, form, self.status, self.buttons)

    def record(self) -> None:
        qd = self.when.date()
        self.record_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(translate("RedLetterDialog", "Recording…"))
        self.recordRequested.emit(self.number.text().strip(), self.info_no.text().strip(),
                                  date(qd.year(), qd.month(), qd.day()))

    def finished_with(self, message: str, ok: bool) -> None:
        """The view reports the outcome: close on success, else show why and allow a retry."""
        if ok:
            self.accept()
            return
        self.status.setText(message)
        self.status.setStyleSheet(ERROR_STYLE)
        self.record_button.setEnabled(True)
