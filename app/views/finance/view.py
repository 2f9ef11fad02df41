"""The Bills area (账单与结算): bills by period with their lines and the settlement the rules
expect per line, "why was this order not billed?", and the Reconciliation tab (对账) listing what
needs a person, with click-through to the records.

Reading runs on the bridge's READ lane; the settlement rules are the profile's
(:func:`app.services.finance.settlement_rules.rules_for_profile`). The lists re-read when bills, orders,
supervision tasks or invoices change (once per burst, a hidden view when shown). Every table
exports what it shows (:class:`app.views.export_runner.ExportRunner`).

Signals
-------
``openRecord(str, str)``
    Open a record elsewhere: ``("order", order_id)`` or ``("invoice_notice", notice_id)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services.exchange.export_areas import Area, TableFilter
from app.services.exchange.exports import ExportFormat, ExportRequest
from app.services.finance import bills_query as bq
from app.services.finance.reconciliation import (
    Flag,
    FlagFilter,
    FlagKind,
    ReconciliationCancelled,
    flags,
    summary,
)
from app.services.finance.settlement_rules import (
    SettlementRules,
    rules_for_profile,
    unconfirmed_values,
)
from app.views.bridge import Bridge, Task, TaskContext
from app.views.change_watcher import ChangeWatcher
from app.views.common.area_view import AreaView
from app.views.common.combos import refill
from app.views.common.failures import failure_text
from app.views.common.formats import local_time
from app.views.common.tables import make_table
from app.views.common.titles import term
from app.views.context import AreaWorkspace
from app.views.export_runner import ExportRunner, interface_language
from app.views.finance.bills_model import BillsTableModel
from app.views.finance.diagnosis_dialog import DiagnosisDialog
from app.views.finance.flags_model import FlagsTableModel, kind_text
from app.views.finance.lines_model import BillLinesModel
from app.views.i18n import translate

WATCHED = frozenset({"bills", "orders", "supervision_tasks", "invoice_notices", "invoices"})


class BillsView(AreaView):
    """The Bills area. See the module docstring for its signal."""

    openRecord = Signal(str, str)

    def __init__(self, bridge: Bridge, workspace: AreaWorkspace, parent: QWidget | None = None, *,
                 tz: tzinfo | None = None, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__("billsView", bridge, workspace, parent)
        self._tz = tz
        self._clock = clock or (lambda: datetime.now(UTC))
        self.dialog: DiagnosisDialog | None = None
        self.exporter = ExportRunner(bridge, self)

        # Bills tab
        self.period = QComboBox(self)
        self.period.setObjectName("billsPeriod")
        self.status = QComboBox(self)
        self.status.setObjectName("billsStatus")
        for combo in (self.period, self.status):  # "All periods" / a long status, never cut off
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period_label, self.status_label = QLabel(self), QLabel(self)
        self.export_bills, self.export_lines = QPushButton(self), QPushButton(self)
        self.why, self.open_order = QPushButton(self), QPushButton(self)
        self.why.setObjectName("whyNotBilled")
        self.bills_model = BillsTableModel(self, tz)
        self.lines_model = BillLinesModel(self, tz)
        self.bills_table = make_table(self, "billsTable", self.bills_model, whole_last=True)
        self.lines_table = make_table(self, "billLinesTable", self.lines_model, whole_last=True)
        bar = QHBoxLayout()
        for w in (self.period_label, self.period, self.status_label, self.status):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.export_bills)
        line_bar = QHBoxLayout()
        for button in (self.why, self.open_order, self.export_lines):
            line_bar.addWidget(button)
        line_bar.addStretch(1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.rules_notice = QLabel(self)
        self.rules_notice.setObjectName("unconfirmedRulesNotice")
        self.rules_notice.setWordWrap(True)
        self.rules_notice.setStyleSheet("QLabel { background: #fff4d6; color: #5c4400; "
                                        "padding: 4px; border-radius: 3px; }")
        self.rules_notice.hide()
        lower_layout.addWidget(self.rules_notice)
        lower_layout.addLayout(line_bar)
        lower_layout.addWidget(self.lines_table, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setObjectName("billsSplitter")
        split.addWidget(self.bills_table)
        split.addWidget(lower)
        bills_page = QWidget(self)
        bills_layout = QVBoxLayout(bills_page)
        bills_layout.addLayout(bar)
        bills_layout.addWidget(split, 1)

        # Reconciliation tab
        self.kind = QComboBox(self)
        self.kind.setObjectName("flagKind")
        self.flag_search = QLineEdit(self)
        self.flag_search.setClearButtonEnabled(True)
        self.export_flags, self.open_flag = QPushButton(self), QPushButton(self)
        self.flags_model = FlagsTableModel(self, tz)
        self.flags_table = make_table(self, "flagsTable", self.flags_model, whole_last=True)
        self.all_flags: list[Flag] = []  # every kind, for the counts; the table shows one kind
        self.flags_task: Task | None = None
        self.recheck, self.cancel_flags = QPushButton(self), QPushButton(self)
        self.cancel_flags.setObjectName("cancelReconciliation")
        self.flag_progress = QProgressBar(self)
        self.flag_progress.setRange(0, 0)
        self.flag_state = QLabel(self)
        self.flag_state.setObjectName("reconciliationState")
        flag_bar = QHBoxLayout()
        flag_bar.addWidget(self.kind)
        flag_bar.addWidget(self.flag_search, 1)
        flag_bar.addWidget(self.open_flag)
        flag_bar.addWidget(self.recheck)
        flag_bar.addWidget(self.export_flags)
        run_bar = QHBoxLayout()
        run_bar.addWidget(self.flag_state, 1)
        run_bar.addWidget(self.flag_progress)
        run_bar.addWidget(self.cancel_flags)
        self._show_running(False)
        flags_page = QWidget(self)
        flags_layout = QVBoxLayout(flags_page)
        flags_layout.addLayout(flag_bar)
        flags_layout.addLayout(run_bar)
        flags_layout.addWidget(self.flags_table, 1)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(bills_page, "")
        self.tabs.addTab(flags_page, "")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

        self.watcher = ChangeWatcher(self, bridge, WATCHED, self.refresh,
                                     retranslate=self.retranslate,
                                     enabled=lambda: self.engine is not None)
        self._flag_timer = QTimer(self, singleShot=True, interval=250)
        self._flag_timer.timeout.connect(self.refresh_flags)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh_bills())
        self.status.currentIndexChanged.connect(lambda _i: self.refresh_bills())
        self.kind.currentIndexChanged.connect(lambda _i: self.show_kind())
        self.recheck.clicked.connect(self.refresh_flags)
        self.cancel_flags.clicked.connect(self.cancel_reconciliation)
        self.flag_search.textChanged.connect(lambda _t: self._flag_timer.start())
        self.bills_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self.load_lines())
        self.lines_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._enable())
        self.lines_table.doubleClicked.connect(lambda _i: self._open_line_order())
        self.flags_table.doubleClicked.connect(lambda _i: self.open_current_flag())
        self.why.clicked.connect(self._why_current)
        self.open_order.clicked.connect(self._open_line_order)
        self.open_flag.clicked.connect(self.open_current_flag)
        self.export_bills.clicked.connect(lambda: self.ask_export(Area.BILLS))
        self.export_lines.clicked.connect(lambda: self.ask_export(Area.BILL_LINES))
        self.export_flags.clicked.connect(lambda: self.ask_export(Area.RECONCILIATION))
        workspace.engineChanged.connect(self.set_engine)
        self.retranslate()
        self.set_engine(workspace.engine)

    # -- words ----------------------------------------------------------------------------------

    def title(self) -> str:
        return translate("BillsView", "Bills")

    def retranslate(self) -> None:
        self.tabs.setTabText(0, translate("BillsView", "Bills and settlement"))
        self.tabs.setTabText(1, translate("BillsView", "Reconciliation"))
        self.period_label.setText(translate("BillsView", "Period:"))
        self.status_label.setText(translate("BillsView", "Status:"))
        self.why.setText(translate("BillsView", "Why not billed?"))
        self.why.setToolTip(translate("BillsView", "The bill-run checks for the chosen line's "
                                                   "order, each with its date"))
        self.open_order.setText(translate("BillsView", "Open order"))
        self.open_flag.setText(translate("BillsView", "Open record"))
        self.recheck.setText(translate("BillsView", "Check again"))
        self.recheck.setToolTip(translate("BillsView", "Run the reconciliation again over the "
                                                       "cache"))
        self.cancel_flags.setText(translate("BillsView", "Cancel"))
        for button in (self.export_bills, self.export_lines, self.export_flags):
            button.setText(translate("BillsView", "Export…"))
        self.flag_search.setPlaceholderText(translate("BillsView", "Search order, bill or reason"))
        self._fill_kinds()
        # The "everything" choices and the statuses are words too (the periods are numbers).
        if self.period.count():
            self.period.setItemText(0, translate("BillsView", "All periods"))
        if self.status.count():
            self.status.setItemText(0, translate("BillsView", "All"))
        for n in range(1, self.status.count()):
            self.status.setItemText(n, term(str(self.status.itemData(n))))
        for model in (self.bills_model, self.lines_model, self.flags_model):
            model.retranslate()

    @staticmethod
    def _fill(combo: QComboBox, values: list[str], label: Callable[[str], str],
              everything: str) -> None:
        refill(combo, [(everything, ""), *((label(value), value) for value in values)])

    # -- loading --------------------------------------------------------------------------------

    def rules(self) -> SettlementRules:
        target = self.workspace.target
        profile = target.profile if target is not None else None
        return rules_for_profile(self.workspace.paths, profile.name if profile is not None else None)

    def role(self) -> str:
        target = self.workspace.target
        return target.role if target is not None else "seller"

    def set_engine(self, engine: Engine | None) -> None:
        self.engine = engine
        self.refresh()

    def refresh(self) -> None:
        """Re-read the choices, the bills (and the current bill's lines) and the flags."""
        engine = self.engine
        if engine is None:
            for model in (self.bills_model, self.lines_model, self.flags_model):
                model.set_rows([])
            self.all_flags = []
            self._fill_kinds()
            return

        def loaded(found: tuple[list[str], list[str]]) -> None:
            periods, statuses = found
            self._fill(self.period, periods, str, translate("BillsView", "All periods"))
            self._fill(self.status, statuses, term, translate("BillsView", "All"))
            self.refresh_bills()

        self.bridge.run(lambda _c: bq.choices(engine), name="bills.choices",
                        owner=self, on_success=loaded, on_failure=self._failed)
        self.refresh_flags()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(translate("BillsView", "Could not read the bills: %1")
                             .replace("%1", failure_text(exc)))

    def bill_filter(self) -> bq.BillFilter:
        return bq.BillFilter(period=str(self.period.currentData() or ""),
                             status=str(self.status.currentData() or ""))

    def refresh_bills(self) -> None:
        engine = self.engine
        if engine is None:
            return
        flt = self.bill_filter()
        keep = self.current_bill_id()

        def loaded(rows: list[bq.BillRow]) -> None:
            self.bills_model.set_rows(rows)
            ids = [r.id for r in rows]
            self.bills_table.selectRow(ids.index(keep) if keep in ids else 0)
            if not rows:
                self.lines_model.set_rows([])
            self.message.setText("")

        self.bridge.run(lambda _c: bq.list_bills(engine, flt), name="bills.list",
                        owner=self, latest="bills", on_success=loaded, on_failure=self._failed)

    def current_bill_id(self) -> str | None:
        row = self.bills_model.row_at(self.bills_table.currentIndex())
        return row.id if row is not None else None

    def load_lines(self) -> None:
        engine, bill_id = self.engine, self.current_bill_id()
        if engine is None or bill_id is None:
            return
        rules = self.rules()

        def loaded(rows: list[bq.LineRow]) -> None:
            if bill_id == self.current_bill_id():
                self.lines_model.set_rows(rows)
                self._enable()
                self.show_rules_notice(rules, rows)

        self.bridge.run(lambda _c: bq.bill_lines(engine, bill_id, rules), name="bills.lines",
                        owner=self, on_success=loaded, on_failure=self._failed)

    def show_rules_notice(self, rules: SettlementRules, rows: list[bq.LineRow]) -> None:
        """Say so when an expected settlement shown uses a value the published rules do not
        confirm (domain §5.4: the 2022 baseline table, the 2024 incremental tiers ...)."""
        used = [r for r in rows if r.settlement is not None and r.settlement.expected is not None
                and r.settlement.expected.unconfirmed]
        names = unconfirmed_values(rules)
        self.rules_notice.setVisible(bool(used and names))
        if used and names:
            self.rules_notice.setText(
                translate("BillsView", "The expected settlement of %1 line(s) uses values "
                                       "KooGallery's published rules do not confirm (%2); "
                                       "check them against your agreement and correct the "
                                       "profile's settlement rules file if they differ.")
                .replace("%1", f"{len(used):,}").replace("%2", ", ".join(names)))

    def flag_filter(self) -> FlagFilter:
        kind = str(self.kind.currentData() or "")
        return FlagFilter(kinds=frozenset({kind}) if kind else frozenset(),
                          text=self.flag_search.text())

    def _fill_kinds(self) -> None:
        """The kind choices with how many flags each has (the last completed check)."""
        counts = summary(self.all_flags)
        self._fill(self.kind, [k.value for k in FlagKind],
                   lambda v: translate("BillsView", "%1 (%2)").replace("%1", kind_text(v))
                   .replace("%2", f"{counts[FlagKind(v)]:,}"),
                   translate("BillsView", "Everything flagged (%1)")
                   .replace("%1", f"{len(self.all_flags):,}"))

    def show_kind(self) -> None:
        """The table shows the flags of the chosen kind (no new query)."""
        kind = str(self.kind.currentData() or "")
        self.flags_model.set_rows([f for f in self.all_flags if not kind or f.kind.value == kind])

    def _show_running(self, running: bool) -> None:
        self.flag_progress.setVisible(running)
        self.cancel_flags.setVisible(running)
        self.recheck.setEnabled(not running)

    def cancel_reconciliation(self) -> None:
        """Stop the running check between steps; the table keeps the previous result."""
        if self.flags_task is not None and not self.flags_task.done:
            self.flags_task.cancel()

    def refresh_flags(self) -> None:
        """Run the reconciliation (every kind, the search text) on the READ lane, with progress
        and Cancel; a new run cancels the one running."""
        engine = self.engine
        if engine is None:
            return
        self.cancel_reconciliation()
        rules, now, role = self.rules(), self._clock(), self.role()
        flt = FlagFilter(text=self.flag_search.text())

        def work(ctx: TaskContext) -> list[Flag]:
            return list(flags(engine, rules, now=now, role=role, flt=flt, cancel=ctx.cancel,
                              progress=lambda kind, count: ctx.report((kind, count))))

        def progressed(value: tuple[str, int]) -> None:
            kind, count = value
            step = kind_text(kind) if kind in {k.value for k in FlagKind} else ""
            self.flag_state.setText(translate("BillsView", "Checking: %1… %2 flagged so far")
                                    .replace("%1", step).replace("%2", f"{count:,}"))

        def loaded(found: list[Flag]) -> None:
            self._show_running(False)
            self.all_flags = found
            self._fill_kinds()
            self.show_kind()
            self.flag_state.setText(translate("BillsView", "%1 flagged as of %2")
                                    .replace("%1", f"{len(found):,}")
                                    .replace("%2", local_time(now, self._tz)))

        def failed(exc: BaseException) -> None:
            self._show_running(False)
            if isinstance(exc, ReconciliationCancelled):
                self.flag_state.setText(translate(
                    "BillsView", "Cancelled; the list shows the previous check."))
            else:
                self.flag_state.setText(translate("BillsView", "The reconciliation failed: %1")
                                        .replace("%1", failure_text(exc)))

        self._show_running(True)
        self.flag_state.setText(translate("BillsView", "Checking…"))
        self.flags_task = self.bridge.run(work, name="reconciliation.flags",
                                          owner=self, latest="flags",  # a new run supersedes
                                          on_progress=progressed, on_success=loaded,
                                          on_failure=failed)

    # -- navigation -----------------------------------------------------------------------------

    def open_period(self, period: str, _product_class: str | None = None) -> None:
        """Show the bills of ``period`` (from a chart); the product class shows in the lines."""
        self.tabs.setCurrentIndex(0)
        index = self.period.findData(period)
        if index < 0:
            self.period.addItem(period, period)
            index = self.period.count() - 1
        self.status.setCurrentIndex(0)
        self.period.setCurrentIndex(index)

    def _enable(self) -> None:
        has_line = self.lines_model.row_at(self.lines_table.currentIndex()) is not None
        self.why.setEnabled(has_line)
        self.open_order.setEnabled(has_line)

    def _current_line_order(self) -> str | None:
        row = self.lines_model.row_at(self.lines_table.currentIndex())
        return row.order_id if row is not None else None

    def _why_current(self) -> None:
        order_id = self._current_line_order()
        if order_id:
            self.diagnose_order(order_id)

    def _open_line_order(self) -> None:
        order_id = self._current_line_order()
        if order_id:
            self.openRecord.emit("order", order_id)

    def diagnose_order(self, order_id: str) -> DiagnosisDialog | None:
        """Show "why was this order not billed?" for ``order_id`` (non-modal)."""
        if self.engine is None:
            return None
        dialog = DiagnosisDialog(self.bridge, self.engine, order_id, self.rules(), self,
                                 role=self.role(), now=self._clock, tz=self._tz)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    def open_current_flag(self) -> None:
        flag = self.flags_model.row_at(self.flags_table.currentIndex())
        if flag is None:
            return
        if flag.order_id:
            self.openRecord.emit("order", flag.order_id)
        elif flag.notice_id:
            self.openRecord.emit("invoice_notice", flag.notice_id)
        elif flag.bill_id:
            self.open_period(flag.bill_id[:6])

    # -- export ---------------------------------------------------------------------------------

    def export_request(self, area: Area, path: Path, fmt: ExportFormat) -> ExportRequest:
        """What the table of ``area`` shows now, as an export request."""
        table: TableFilter | None
        if area is Area.BILLS:
            flt = self.bill_filter()
            table = TableFilter(statuses=frozenset({flt.status}) if flt.status else frozenset(),
                                period=flt.period)
        elif area is Area.BILL_LINES:
            table = TableFilter(bill_id=self.current_bill_id() or "")
        else:
            f = self.flag_filter()
            table = TableFilter(statuses=f.kinds, text=f.text)
        return ExportRequest(area, fmt, path, table_filter=table, tz=self._tz, now=self._clock(),
                             profile_role=self.role(), rules=self.rules(),
                             language=interface_language())

    def ask_export(self, area: Area) -> None:
        suggested = f"{area.value}-{self._clock():%Y%m%d}.csv"
        self.exporter.ask(self.engine, suggested,
                          lambda path, fmt: self.export_request(area, path, fmt))
