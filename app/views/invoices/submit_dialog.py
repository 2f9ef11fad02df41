"""Record how an invoice went out (number, date, courier tracking number) and submit it.

The invoice's number and date come from the invoicing software once it was issued; the courier's
tracking number once the paper invoice and its 开票清单 were mailed (an e-invoice has none). The
submit-stage checks run as the values are typed, with warnings to acknowledge. "Submit" hands the
values to the view's submit function (the bridge's write lane): it stores them on the draft,
queues the submission in the outbox and sends it at once when the marketplace answers; offline,
it waits in the outbox and goes out by itself later.

Signals of :class:`SubmitDialog`
--------------------------------
``submitRequested(object, object)``
    The draft with the recorded values (``DraftData``) and the attachments (``list[Path]``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.services.invoices.data import DraftData, NoticeFacts
from app.services.invoices.rules import Finding, Stage, blocking, by_field, check, fmt_amount
from app.views.common.forms import Button, ask_file, dialog_buttons, stack
from app.views.i18n import translate
from app.views.invoices.problems import ERROR_STYLE, ProblemList, add_field_row

_FIELDS = ("invoice_no", "invoice_date", "courier_no")


class SubmitDialog(QDialog):
    """Records the mailing of one invoice and asks for its submission."""

    submitRequested = Signal(object, object)

    def __init__(
        self, draft: DraftData, notice: NoticeFacts, has_seal: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("submitDialog")
        self.setWindowTitle(translate("SubmitDialog", "Record and Submit Invoice"))
        self._draft = draft
        self._notice = notice
        self._has_seal = has_seal
        self._acknowledged = set(draft.acknowledged)
        self.attachments: list[Path] = []
        self.findings: list[Finding] = []
        about = QLabel(
            translate("SubmitDialog", "%1 · %2 · %3 %4")
            .replace("%1", draft.requisition_no)
            .replace("%2", draft.period)
            .replace("%3", fmt_amount(draft.total_amount))
            .replace("%4", draft.currency_code),
            self,
        )
        self.invoice_no = QLineEdit(draft.invoice_no, self)
        self.invoice_no.setObjectName("submitInvoiceNo")
        self.invoice_date = QDateEdit(self)
        self.invoice_date.setObjectName("submitInvoiceDate")
        self.invoice_date.setCalendarPopup(True)
        self.invoice_date.setDisplayFormat("yyyy-MM-dd")
        when = draft.invoice_date or date.today()
        self.invoice_date.setDate(QDate(when.year, when.month, when.day))
        self.courier_no = QLineEdit(draft.courier_no, self)
        self.courier_no.setObjectName("submitCourierNo")
        self.attachment = QLabel(translate("SubmitDialog", "None"), self)
        attach = QPushButton(translate("SubmitDialog", "Attach Scan or E-invoice…"), self)
        attach.clicked.connect(lambda: self.attach())
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attachment, 1)
        attach_row.addWidget(attach)
        form = QFormLayout()
        self.problems: dict[str, ProblemList] = {}
        for field, label, widget in (
            ("invoice_no", translate("SubmitDialog", "Invoice No."), self.invoice_no),
            ("invoice_date", translate("SubmitDialog", "Invoice date"), self.invoice_date),
            ("courier_no", translate("SubmitDialog", "Courier tracking No."), self.courier_no),
        ):
            problems = add_field_row(form, field, label, widget, self)
            problems.acknowledged.connect(self._on_ack)
            self.problems[field] = problems
        form.addRow(translate("SubmitDialog", "Attachment (optional)"), attach_row)
        self.general = ProblemList("general", self)
        self.general.acknowledged.connect(self._on_ack)
        self.status = QLabel(self)
        self.status.setObjectName("submitStatus")
        self.status.setWordWrap(True)
        self.buttons = dialog_buttons(self, Button.Cancel, self.submit)
        self.submit_button = self.buttons.addButton(
            translate("SubmitDialog", "Submit"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.submit_button.setObjectName("submitButton")
        stack(self, about, form, self.general, self.status, self.buttons)
        self.invoice_no.textChanged.connect(self.recheck)
        self.courier_no.textChanged.connect(self.recheck)
        self.invoice_date.dateChanged.connect(self.recheck)
        self.recheck()

    def draft(self) -> DraftData:
        qd = self.invoice_date.date()
        return replace(
            self._draft,
            invoice_no=self.invoice_no.text().strip(),
            invoice_date=date(qd.year(), qd.month(), qd.day()),
            courier_no=self.courier_no.text().strip(),
            acknowledged=frozenset(self._acknowledged),
        )

    def recheck(self) -> None:
        self.findings = check(
            self.draft(), self._notice, stage=Stage.SUBMIT, has_seal=self._has_seal
        )
        grouped = by_field(self.findings)
        acks = frozenset(self._acknowledged)
        for field, problems in self.problems.items():
            problems.show_findings(grouped.get(field, []), acks)
        self.general.show_findings([f for f in self.findings if f.field not in _FIELDS], acks)
        still = blocking(self.findings, self._acknowledged)
        self.submit_button.setEnabled(not still)
        if still and any(f.field not in _FIELDS and not f.acknowledgeable for f in still):
            self.status.setText(
                translate(
                    "SubmitDialog", "The draft itself has errors: fix them in the editor first."
                )
            )
            self.status.setStyleSheet(ERROR_STYLE)
        else:
            self.status.setText("")

    def _on_ack(self, code: str, on: bool) -> None:
        (self._acknowledged.add if on else self._acknowledged.discard)(code)
        self.recheck()

    def attach(self, path: Path | None = None) -> None:
        if path is None:
            path = ask_file(
                self,
                translate("SubmitDialog", "Scan or E-invoice"),
                translate("SubmitDialog", "Invoices (*.pdf *.jpg *.jpeg *.png)"),
            )
            if path is None:
                return
        self.attachments = [path]
        self.attachment.setText(path.name)

    def submit(self) -> None:
        self.recheck()
        if not self.submit_button.isEnabled():
            return
        self.submit_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(translate("SubmitDialog", "Submitting…"))
        self.submitRequested.emit(self.draft(), list(self.attachments))

    def finished_with(self, message: str, ok: bool) -> None:
        """The view reports the outcome: close on success, else show why and allow a retry."""
        if ok:
            self.accept()
            return
        self.status.setText(message)
        self.status.setStyleSheet(ERROR_STYLE)
        self.submit_button.setEnabled(True)
