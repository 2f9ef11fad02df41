"""The invoice draft editor: every field of the form, each with its problems right under it.

The checks (``rules.check``) are pure and take well under a millisecond, so they run on the GUI
thread a moment after each edit; the problems appear under the field they concern (errors in red,
warnings with an Acknowledge box), problems of the whole invoice at the top. Saving writes the
draft on the bridge's write lane; a draft with errors may be saved (it is a draft) but is not
printed or submitted until they are fixed.

Signals of :class:`DraftEditor`
-------------------------------
``saved(object)``
    The stored :class:`~app.services.invoices.data.DraftData` after Save succeeded.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models.invoices import can_edit
from app.services.invoices import drafts as store
from app.services.invoices.data import DraftData, DraftLine, NoticeFacts
from app.services.invoices.rules import Finding, Stage, blocking, by_field, check, fmt_amount
from app.views.bridge import Bridge
from app.views.common.forms import message_label, save_in_background
from app.views.i18n import translate
from app.views.invoices.labels import form_text, state_text
from app.views.invoices.problems import ERROR_STYLE, ProblemList

NO_DATE = QDate(2000, 1, 1)  # the date edit's "not set" value (shown as a blank)
CHECK_DELAY_MS = 120


#: (field, label) per group; ``None`` fields are not on that form.
def _seller_fields(intl: bool) -> list[tuple[str, str]]:
    rows = [
        ("seller_name", translate("DraftEditor", "Company name")),
        (
            "seller_tax_no",
            translate("DraftEditor", "VAT No.")
            if intl
            else translate("DraftEditor", "Unified social credit code"),
        ),
        ("seller_address", translate("DraftEditor", "Address")),
        ("seller_phone", translate("DraftEditor", "Phone")),
        ("seller_bank", translate("DraftEditor", "Bank")),
        ("seller_account", translate("DraftEditor", "Bank account No.")),
    ]
    if intl:
        rows += [
            ("seller_beneficiary", translate("DraftEditor", "Beneficiary")),
            ("seller_bank_address", translate("DraftEditor", "Bank address")),
            ("seller_swift", translate("DraftEditor", "SWIFT code")),
        ]
    return rows


def _buyer_fields(intl: bool) -> list[tuple[str, str]]:
    if intl:
        return [
            ("buyer_name", translate("DraftEditor", "Invoice to")),
            ("buyer_tax_no", translate("DraftEditor", "InTouch No.")),
            ("buyer_address", translate("DraftEditor", "Address")),
        ]
    return [
        ("buyer_name", translate("DraftEditor", "Name")),
        ("buyer_tax_no", translate("DraftEditor", "Taxpayer ID")),
        ("buyer_address", translate("DraftEditor", "Address")),
        ("buyer_phone", translate("DraftEditor", "Phone")),
        ("buyer_bank", translate("DraftEditor", "Bank")),
        ("buyer_account", translate("DraftEditor", "Bank account No.")),
    ]


_LINE_COLUMNS = ("item_name", "tax_rate", "amount_excl_tax", "tax", "amount")


class DraftEditor(QDialog):
    """Edits one draft. Open with ``open()``; see the module docstring for the signal."""

    saved = Signal(object)

    def __init__(
        self,
        draft: DraftData,
        notice: NoticeFacts,
        has_seal: bool,
        engine: Engine,
        bridge: Bridge,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("draftEditor")
        self.setWindowTitle(
            translate("DraftEditor", "Invoice %1 — %2")
            .replace("%1", draft.requisition_no)
            .replace("%2", form_text(draft.form))
        )
        self._draft = draft
        self._notice = notice
        self._has_seal = has_seal
        self._engine = engine
        self._bridge = bridge
        self._acknowledged = set(draft.acknowledged)
        self._bad_cells: list[str] = []
        self.fields: dict[str, QLineEdit | QPlainTextEdit | QDateEdit] = {}
        self.problems: dict[str, ProblemList] = {}
        self.findings: list[Finding] = []
        intl = not draft.is_cn
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.recheck)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.general = self._problems("general", layout)
        layout.addWidget(self._references())
        layout.addWidget(
            self._group(translate("DraftEditor", "Seller (销售方)"), _seller_fields(intl))
        )
        layout.addWidget(
            self._group(translate("DraftEditor", "Buyer (购买方)"), _buyer_fields(intl))
        )
        layout.addWidget(self._lines_box())
        extra = [("service_item", translate("DraftEditor", "Service item"))] if intl else []
        extra += [
            ("remarks", translate("DraftEditor", "Remarks (备注)")),
            ("invoice_no", translate("DraftEditor", "Invoice No.")),
            ("invoice_date", translate("DraftEditor", "Invoice date")),
            ("courier_no", translate("DraftEditor", "Courier tracking No.")),
        ]
        layout.addWidget(self._group(translate("DraftEditor", "Invoice"), extra))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.summary = QLabel(self)
        self.summary.setObjectName("draftSummary")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.error = message_label(self, "draftSaveError", ERROR_STYLE)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.summary)
        outer.addWidget(self.error)
        outer.addWidget(self.buttons)
        editable = can_edit(draft.state)
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(not editable)
            else:
                widget.setEnabled(editable)
        self.lines.setEnabled(editable)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(editable)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 60, self.fontMetrics().height() * 48)
        self.recheck()

    # -- building --------------------------------------------------------------------------------

    def _problems(self, field: str, layout: QVBoxLayout | QFormLayout) -> ProblemList:
        problems = ProblemList(field, self)
        problems.acknowledged.connect(self._on_ack)
        self.problems[field] = problems
        if isinstance(layout, QFormLayout):
            layout.addRow("", problems)
        else:
            layout.addWidget(problems)
        return problems

    def _references(self) -> QGroupBox:
        d, n = self._draft, self._notice
        box = QGroupBox(translate("DraftEditor", "From the invoice notice"), self)
        form = QFormLayout(box)
        rows = [
            (
                translate("DraftEditor", "Requisition No. (申付单号)"),
                d.requisition_no,
                "requisition_no",
            ),
            (translate("DraftEditor", "Settlement period (对账期次)"), d.period, "period"),
            (
                translate("DraftEditor", "Notice amount (开票金额)"),
                f"{fmt_amount(n.invoice_amount)} {n.currency_code}",
                None,
            ),
            (translate("DraftEditor", "Currency"), d.currency_code, "currency_code"),
            (
                translate("DraftEditor", "Tax rate"),
                f"{(d.tax_rate * 100).normalize():f}%",
                "tax_rate",
            ),
            (translate("DraftEditor", "State"), state_text(d.state), None),
        ]
        for label, value, field in rows:
            shown = QLabel(value, box)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, shown)
            if field is not None:
                self._problems(field, form)
        if d.last_error:
            refused = QLabel(
                translate("DraftEditor", "The marketplace refused it: %1").replace(
                    "%1", d.last_error
                ),
                box,
            )
            refused.setWordWrap(True)
            refused.setStyleSheet(ERROR_STYLE)
            form.addRow(refused)
        return box

    def _group(self, title: str, rows: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        for field, label in rows:
            widget = self._editor(field)
            form.addRow(label, widget)
            self._problems(field, form)
        return box

    def _editor(self, field: str) -> QWidget:
        value = getattr(self._draft, field)
        widget: QLineEdit | QPlainTextEdit | QDateEdit
        if field == "remarks":
            widget = QPlainTextEdit(str(value), self)
            widget.setFixedHeight(self.fontMetrics().height() * 4)
            widget.textChanged.connect(self._timer.start)
        elif field == "invoice_date":
            widget = QDateEdit(self)
            widget.setCalendarPopup(True)
            widget.setMinimumDate(NO_DATE)
            widget.setSpecialValueText(" ")
            widget.setDisplayFormat("yyyy-MM-dd")
            widget.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
            widget.dateChanged.connect(self._timer.start)
        else:
            widget = QLineEdit(str(value), self)
            widget.textChanged.connect(self._timer.start)
        widget.setObjectName(f"field_{field}")
        self.fields[field] = widget
        return widget

    def _lines_box(self) -> QGroupBox:
        box = QGroupBox(translate("DraftEditor", "Lines"), self)
        layout = QVBoxLayout(box)
        self.lines = QTableWidget(len(self._draft.lines), len(_LINE_COLUMNS), box)
        self.lines.setObjectName("draftLines")
        self.lines.setHorizontalHeaderLabels([
            translate("DraftEditor", "Item (劳务名称)"), translate("DraftEditor", "Tax rate"), translate("DraftEditor", "Amount excl. tax"), translate("DraftEditor", "Tax"),
            translate("DraftEditor", "Amount"),
        ])  # fmt: skip
        for row, line in enumerate(self._draft.lines):
            values = (
                line.item_name,
                str(line.tax_rate),
                str(line.amount_excl_tax),
                str(line.tax),
                str(line.amount),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.lines.setItem(row, column, item)
        self.lines.horizontalHeader().setStretchLastSection(True)
        self.lines.setFixedHeight(self.fontMetrics().height() * (len(self._draft.lines) + 3))
        self.lines.itemChanged.connect(self._timer.start)
        layout.addWidget(self.lines)
        self._problems("lines", layout)
        total = QHBoxLayout()
        self.total = QLabel(box)
        self.total.setObjectName("draftTotal")
        total.addStretch(1)
        total.addWidget(self.total)
        layout.addLayout(total)
        self._problems("total_amount", layout)
        return box

    # -- values ----------------------------------------------------------------------------------

    def _lines(self) -> tuple[DraftLine, ...]:
        out = []
        self._bad_cells = []
        for row in range(self.lines.rowCount()):
            items = [self.lines.item(row, c) for c in range(len(_LINE_COLUMNS))]
            cells = [item.text().strip() if item is not None else "" for item in items]
            numbers: list[Decimal] = []
            for column, text in enumerate(cells[1:], start=1):
                try:
                    value = Decimal(text.replace(",", ""))
                    if not value.is_finite() or (
                        column > 1 and value != value.quantize(Decimal("0.01"))
                    ):
                        raise InvalidOperation
                    numbers.append(value)
                except InvalidOperation:
                    self._bad_cells.append(f"{row + 1}:{column}")
                    numbers.append(self._draft.lines[row].amount if column == 4 else Decimal(0))
            out.append(
                DraftLine(
                    cells[0],
                    numbers[0],
                    numbers[1].quantize(Decimal("0.01")),
                    numbers[2].quantize(Decimal("0.01")),
                    numbers[3].quantize(Decimal("0.01")),
                )
            )
        return tuple(out)

    def draft(self) -> DraftData:
        """The draft as the form shows it now."""
        values: dict[str, Any] = {}
        for field, widget in self.fields.items():
            if isinstance(widget, QDateEdit):
                qd = widget.date()
                values[field] = None if qd == NO_DATE else date(qd.year(), qd.month(), qd.day())
            elif isinstance(widget, QPlainTextEdit):
                values[field] = widget.toPlainText()
            else:
                values[field] = widget.text().strip()
        return replace(
            self._draft, lines=self._lines(), acknowledged=frozenset(self._acknowledged), **values
        )

    # -- checks ----------------------------------------------------------------------------------

    def recheck(self) -> None:
        """Run the checks on the form's values and show each problem next to its field."""
        draft = self.draft()
        self.findings = check(draft, self._notice, stage=Stage.PRINT, has_seal=self._has_seal)
        grouped = by_field(self.findings)
        shown: set[str] = set()
        for field, problems in self.problems.items():
            if field == "general":
                continue
            problems.show_findings(grouped.get(field, []), frozenset(self._acknowledged))
            shown.add(field)
        rest = [f for f in self.findings if f.field not in shown]
        self.general.show_findings(rest, frozenset(self._acknowledged))
        self.total.setText(
            translate("DraftEditor", "Total %1 %2 (excl. tax %3, tax %4)")
            .replace("%1", fmt_amount(draft.total_amount))
            .replace("%2", draft.currency_code)
            .replace("%3", fmt_amount(draft.amount_excl_tax))
            .replace("%4", fmt_amount(draft.tax_amount))
        )
        still = blocking(self.findings, self._acknowledged)
        errors = sum(1 for f in still if not f.acknowledgeable)
        warnings = len(still) - errors
        if self._bad_cells:
            self.summary.setText(
                translate(
                    "DraftEditor",
                    "Some amounts in the lines are not numbers with at most two "
                    "decimals (cells %1).",
                ).replace("%1", ", ".join(self._bad_cells))
            )
            self.summary.setStyleSheet(ERROR_STYLE)
        elif still:
            self.summary.setText(
                translate(
                    "DraftEditor",
                    "%1 error(s) and %2 warning(s) to acknowledge before this "
                    "invoice can be printed.",
                )
                .replace("%1", str(errors))
                .replace("%2", str(warnings))
            )
            self.summary.setStyleSheet(ERROR_STYLE)
        else:
            self.summary.setText(translate("DraftEditor", "Ready to print."))
            self.summary.setStyleSheet("")

    def _on_ack(self, code: str, on: bool) -> None:
        if on:
            self._acknowledged.add(code)
        else:
            self._acknowledged.discard(code)
        self.recheck()

    # -- saving ----------------------------------------------------------------------------------

    def save(self) -> None:
        self.recheck()
        if self._bad_cells:
            return
        draft = self.draft()
        engine = self._engine
        self.error.hide()

        def work(_ctx: object) -> DraftData:
            with Session(engine) as session, session.begin():
                return store.save_draft(session, draft)

        def failed(exc: BaseException) -> None:
            self.error.setText(
                translate("DraftEditor", "The draft could not be saved: %1").replace("%1", str(exc))
            )
            self.error.show()

        save_in_background(
            self,
            self._bridge,
            work,
            name="save invoice draft",
            buttons=self.buttons,
            announce={"invoice_drafts"},
            saved=self.saved.emit,
            failed=failed,
        )
