"""The Supervision area (服务监管): the task list with its filters, and the detail page of the
current task with the seller's actions.

The view follows the workspace's cache (``engineChanged``) and builds the cache's outbox with
:func:`app.services.outbox.factory.make_outbox`. Queries and detail loads run on the READ lane; actions
are queued by the dialogs on the WRITE lane, which then announce ``{"outbox"}``. When
``supervision_tasks`` or ``outbox`` change, the list and the detail re-query once per burst (a
hidden view when it is shown again). Nothing here waits on the network: sending is the
dispatcher's job.

Signals
-------
``orderRequested(str)``
    The user clicked the order of a task: the order id.
``countChanged(int)``
    The number of tasks listed, or the navigation's numbers (:meth:`SupervisionView.title`:
    waiting on the seller / all tasks) changed.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services.evidence import package as evidence
from app.services.exchange.export_areas import Area, TableFilter
from app.services.exchange.exports import ExportFormat, ExportRequest
from app.services.marketplace.credentials import open_client
from app.services.openapi import license
from app.services.outbox.factory import make_outbox
from app.services.outbox.queue import Outbox
from app.services.supervision import actions as sv
from app.services.supervision import query as q
from app.services.supervision.counts import TaskCounts, task_counts
from app.views.bridge import Bridge, TaskContext
from app.views.change_watcher import ChangeWatcher
from app.views.common.area_view import AreaView
from app.views.common.panes import list_and_detail
from app.views.common.tables import ViewState, fit_to_contents
from app.views.context import AreaWorkspace
from app.views.export_runner import ExportRunner, interface_language
from app.views.i18n import translate
from app.views.integration.license_panel import license_words
from app.views.orders.labels import money
from app.views.supervision import labels
from app.views.supervision.deliver_dialog import DeliverDialog
from app.views.supervision.detail import LICENSE_KEY, TaskDetailPane, load_detail
from app.views.supervision.dialogs import (
    AppealDialog,
    CommentDialog,
    RefundDialog,
    failure_text,
)
from app.views.supervision.filter_bar import SupervisionFilterBar
from app.views.supervision.model import SupervisionTableModel

log = logging.getLogger("seller_console.views")

WATCHED = frozenset({"supervision_tasks", "outbox", "orders"})
DETAIL_DELAY_MS = 60
STATE_VERSION = 2  # 2: columns fitted to their contents, a wider detail pane
FITTED_KEY = "supervision/columns_fitted"
#: Once tasks are listed, every column is as wide as its title and its contents (the Task column
#: read "SS2611300755O66BD-0000…"), within these bounds (a very long customer or product name
#: is cut rather than pushing the other columns out of sight).
FIT_MIN, FIT_MAX = 48, 280
#: The widest amount the Amount column holds without cutting, whatever rows are in view.
AMOUNT_SAMPLE = Decimal("99999999.99")


class SupervisionView(AreaView):
    """The Supervision area. See the module docstring for the signals."""

    orderRequested = Signal(str)
    countChanged = Signal(int)

    def __init__(self, bridge: Bridge, workspace: AreaWorkspace, state: QSettings | None = None,
                 parent: QWidget | None = None, *, tz: tzinfo | None = None) -> None:
        super().__init__("supervisionView", bridge, workspace, parent)
        self.state = state
        self.outbox: Outbox | None = None
        self._tz = tz
        self._count: int | None = None
        self._open_task: str | None = None
        self._columns_fitted = False
        self._columns_restored = False
        self.dialog: QDialog | None = None  # the dialog opened last (tests)
        self.filter_bar = SupervisionFilterBar(self)
        self.model = SupervisionTableModel(None, bridge, self, tz=tz)
        self.table = QTableView(self)
        self.table.setObjectName("supervisionTable")
        self.table.setModel(self.model)
        self.model.attach_selection(self.table.selectionModel())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((190, 110, 90, 125, 200, 170, 150, 60, 70, 70, 70, 100)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.detail = TaskDetailPane(self, tz=tz)
        self.status = QLabel(self)
        # The detail pane gets room to read without scrolling on a 1280-pixel-wide screen
        # (its row of action buttons is about 570 pixels wide in English).
        self.splitter = list_and_detail(self, self.table, self.detail, stretch=(3, 4),
                                        sizes=(460, 600))
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.exporter = ExportRunner(bridge, self)
        self.export_button = QPushButton(translate("SupervisionView", "Export…"), self)
        self.export_button.setObjectName("exportSupervision")
        self.export_button.clicked.connect(self.ask_export)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)
        self.view_state = ViewState(state, "supervision", table=self.table,
                                    splitter=self.splitter, version=STATE_VERSION)
        # Hidden, the list is re-counted all the same: a seller has tens of thousands of tasks at
        # most, so re-counting is cheap, and the navigation's "Supervision (N)" stays true after
        # a sync.
        self._counts: TaskCounts | None = None
        self.watcher = ChangeWatcher(self, bridge, WATCHED, self._refresh,
                                     recount=self._recount_hidden,
                                     enabled=lambda: self.engine is not None)
        self._detail_timer = QTimer(self, singleShot=True, interval=DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._load_current)
        self.filter_bar.filterChanged.connect(self.model.set_filter)
        self.model.countChanged.connect(self._counted)
        self.model.queryFinished.connect(self._query_finished)
        self.model.queryFinished.connect(self._fit_columns_once)
        self.model.queryFailed.connect(lambda m: self.status.setText(
            translate("SupervisionView", "The tasks could not be read: %1").replace("%1", m)))
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._detail_timer.start() if current.isValid() else None)
        self.detail.actionRequested.connect(self.start_action)
        self.detail.orderRequested.connect(self.orderRequested)
        workspace.engineChanged.connect(self.set_engine)
        self.restore_state()
        self.set_engine(workspace.engine)

    def title(self) -> str:
        """ "Supervision (12 / 1,219)": the tasks waiting on the seller, then all of them."""
        counts = self._counts
        if counts is None:
            return translate("SupervisionView", "Supervision")
        return (translate("SupervisionView", "Supervision (%1 / %2)")
                .replace("%1", f"{counts.waiting:,}").replace("%2", f"{counts.total:,}"))

    def title_tooltip(self) -> str:
        """What the numbers of :meth:`title` mean (the navigation shows it on hover)."""
        counts = self._counts
        if counts is None:
            return ""
        return (translate("SupervisionView", "%1 tasks wait for you (their current step is "
                                             "yours); %2 tasks in the cache in all.")
                .replace("%1", f"{counts.waiting:,}").replace("%2", f"{counts.total:,}"))

    def _recount_hidden(self) -> None:
        self.model.refresh()
        self._recount()

    def _recount(self) -> None:
        """Count the tasks waiting on the seller and all tasks (the navigation's numbers);
        a hidden list is re-counted too, so the numbers stay true after a sync."""
        engine = self.engine
        if engine is None:
            return

        def counted(counts: TaskCounts) -> None:
            if engine is self.engine and counts != self._counts:
                self._counts = counts
                self.countChanged.emit(self._count if self._count is not None else counts.total)

        self.bridge.run(lambda ctx: task_counts(engine), name="supervision.counts",
                        owner=self, latest="counts", on_success=counted)

    # -- cache ------------------------------------------------------------------------------------

    def set_engine(self, engine: Engine | None) -> None:
        self.engine = engine
        self.bridge.forget(self, "detail")
        self.detail.show_empty()
        self.outbox = make_outbox(engine, self.workspace.paths) \
            if engine is not None else None
        self.model.set_engine(engine)
        self.bridge.forget(self, "counts")
        self._counts = None
        if engine is not None:
            self._load_choices(engine)
            self._recount()

    def refresh(self) -> None:
        """Re-query the list and the current task's detail (the cache or the outbox changed)."""
        self.watcher.refresh_now()

    def _refresh(self) -> None:
        self.model.refresh()
        self._recount()
        if self.detail.detail is not None:
            self.load_task(self.detail.detail.task.id)

    def _load_choices(self, engine: Engine) -> None:
        def work(_ctx: TaskContext) -> dict[q.FilterColumn, list[str]]:
            return {c: q.distinct_values(engine, c) for c in q.FilterColumn}

        def loaded(choices: dict[q.FilterColumn, list[str]]) -> None:
            for column, values in choices.items():
                self.filter_bar.set_choices(column, values)

        self.bridge.run(work, name="supervision.choices", owner=self, on_success=loaded)

    def save_state(self) -> None:
        """Column widths and order and the splitter, in the window-state settings (and whether
        the columns were fitted to the tasks: default widths saved by a hidden area are not
        the user's)."""
        self.view_state.save()
        if self.state is not None:
            self.state.setValue(FITTED_KEY, self._columns_fitted or self._columns_restored)

    def restore_state(self) -> None:
        fitted = self.state is not None and str(self.state.value(FITTED_KEY, "")).lower() == "true"
        if self.view_state.restore() and fitted:
            self._columns_restored = True  # the user's own widths stay

    def fit_columns(self, *, titles_only: bool = False) -> None:
        """Every column as wide as its title and the rows in view (the Amount column: any
        amount below a hundred million), within :data:`FIT_MIN`..:data:`FIT_MAX`;
        ``titles_only``: only widen the columns whose title no longer fits."""
        amount = [key for key, _title in labels.COLUMNS].index("amount")
        fit_to_contents(self.table, least=FIT_MIN, most=FIT_MAX,
                        samples={amount: money(AMOUNT_SAMPLE, "CNY")}, titles_only=titles_only)

    def _fit_columns_once(self) -> None:
        """The first time tasks are listed in view (unless the user's widths were restored): a
        hidden list is re-counted too, but its rows in view are measured once it is shown."""
        if (self._columns_fitted or self._columns_restored or self.model.rowCount() == 0
                or not self.table.isVisible()):
            return
        self._columns_fitted = True
        self.fit_columns()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._columns_fitted:
            QTimer.singleShot(0, self, self._fit_columns_once)  # once laid out

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self.save_state()  # also when the window closes: its pages are hidden first
        super().hideEvent(event)

    # -- the current task -------------------------------------------------------------------------

    def open_task(self, task_id: str) -> None:
        """Select ``task_id`` in the list (searching for it if the filter hides it) and show it."""
        row = self.model.row_of_task(task_id) if not self.model.pending else -1
        if row >= 0:
            self._select(row)
        else:
            self._open_task = task_id
            self.filter_bar.search.setText(task_id)
            self.model.set_filter(self.filter_bar.filter())
        self.load_task(task_id)

    def _select(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, self.table.selectionModel().SelectionFlag.ClearAndSelect
            | self.table.selectionModel().SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _query_finished(self) -> None:
        if self._open_task is not None:
            row = self.model.row_of_task(self._open_task)
            self._open_task = None
            if row >= 0:
                self._select(row)

    def _load_current(self) -> None:
        current: QModelIndex = self.table.selectionModel().currentIndex()
        task_id = self.model.data(current, SupervisionTableModel.TaskIdRole)
        if task_id:
            self.load_task(str(task_id))

    def load_task(self, task_id: str) -> None:
        engine, outbox = self.engine, self.outbox
        if engine is None or outbox is None:
            return

        def failed(exc: BaseException) -> None:
            self.detail.show_message(failure_text(exc))

        self.bridge.run(lambda _ctx: load_detail(engine, outbox, task_id),
                        name="supervision.detail", owner=self, latest="detail",
                        on_success=self.detail.show_detail, on_failure=failed)

    # -- actions ----------------------------------------------------------------------------------

    def start_action(self, key: str) -> None:
        """Open the dialog of an action button (``confirm``, ``reject``, ``deliver``, ``appeal``)
        or save the evidence package (``evidence``)."""
        d = self.detail.detail
        if d is None or self.outbox is None:
            return
        if key == "evidence":
            self.save_evidence()
            return
        if key == "refund":
            self._open(RefundDialog(self.bridge, self.outbox, d.task, self))
            return
        if key == LICENSE_KEY:
            self.activate_license()
            return
        verdict = d.availability[sv.SellerAction(key)]
        if not verdict.allowed:
            return
        if key in ("confirm", "reject"):
            dialog: QDialog = CommentDialog(self.bridge, self.outbox, d.task, key == "reject",
                                            self)
        elif key == "deliver":
            dialog = DeliverDialog(self.bridge, self.outbox, d.task, verdict.server_action,
                                   self.workspace.paths.config_dir, self)
        else:
            dialog = AppealDialog(self.bridge, self.outbox, d.task, self)
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.queued.connect(lambda entry: self.status.setText(  # type: ignore[attr-defined]
            translate("SupervisionView", "Queued in the outbox: %1").replace("%1", entry.summary)))
        self.dialog = dialog
        dialog.open()

    def activate_license(self, code: str | None = None) -> None:
        """授权码激活: ask for the buyer's license code and activate it at KooGallery (License 2.0,
        on a worker); the answer in words in the status line. The task moves on at the next sync."""
        d, target = self.detail.detail, self.workspace.target
        if d is None or target is None or not sv.license_activation(d.task).allowed:
            return
        if code is None:
            code, ok = QInputDialog.getText(
                self, translate("SupervisionView", "Activate License Code"),
                translate("SupervisionView", "The license code the buyer received for order %1:")
                .replace("%1", d.task.order_id))
            if not ok:
                return
        try:
            value = license.check_code(code)
        except license.LicenseError:
            self.status.setText(translate("LicensePanel", "A license code is 1 to 64 characters "
                                          "without blanks."))
            return
        connect = self.workspace.connector(target)

        def work(_ctx: TaskContext) -> license.LicenseAnswer:
            with open_client(connect()) as client:
                return license.activate(client, value)

        self.status.setText(translate("LicensePanel", "Asking KooGallery…"))
        self.bridge.run(work, name="supervision.license", owner=self, latest="license",
                        on_success=lambda a: self.status.setText(license_words(a, True)),
                        on_failure=lambda exc: self.status.setText(failure_text(exc)))

    def save_evidence(self, path: Path | None = None) -> None:
        """Write the current task's evidence package (asks where when no path is given)."""
        d = self.detail.detail
        if d is None or self.engine is None or self.outbox is None:
            return
        if path is None:
            name, _f = QFileDialog.getSaveFileName(
                self, translate("SupervisionView", "Save Evidence Package"), f"evidence-{d.task.id}.zip",
                translate("SupervisionView", "ZIP archives (*.zip)"))
            if not name:
                return
            path = Path(name)
        engine, store, task_id, target = self.engine, self.outbox.files, d.task.id, path
        self.status.setText(translate("SupervisionView", "Writing the evidence package…"))

        def work(_ctx: TaskContext) -> evidence.ExportSummary:
            return evidence.export(engine, store, task_id, target, tz=self._tz)

        def done(summary: evidence.ExportSummary) -> None:
            self.status.setText(translate("SupervisionView", "Saved %1: %2 file(s) included, %3 only listed.")
                                .replace("%1", str(summary.path))
                                .replace("%2", str(summary.included))
                                .replace("%3", str(summary.not_included)))

        self.bridge.run(work, name="supervision.evidence", owner=self, on_success=done,
                        on_failure=lambda e: self.status.setText(str(e)))

    def export_request(self, path: Path, fmt: ExportFormat) -> ExportRequest:
        """The tasks the list shows now (its filter), as an export request."""
        flt = TableFilter(tasks=self.filter_bar.filter(), as_of=datetime.now(UTC))
        return ExportRequest(Area.SUPERVISION_TASKS, fmt, path, table_filter=flt, tz=self._tz,
                             language=interface_language())

    def ask_export(self) -> None:
        """Export… : ask for the file, then export with progress and Cancel."""
        self.exporter.ask(self.engine, "supervision_tasks.csv", self.export_request)

    # -- text -------------------------------------------------------------------------------------

    def _counted(self, count: int) -> None:
        self._count = count
        self.status.setText(translate("SupervisionView", "%n task(s)", "", count))
        self.countChanged.emit(count)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.model.retranslate()
            if self._columns_fitted:
                self.fit_columns(titles_only=True)  # titles in another language: none cut
            self.export_button.setText(translate("SupervisionView", "Export…"))
            if self._count is not None:
                self._counted(self._count)
        super().changeEvent(event)
