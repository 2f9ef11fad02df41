"""The Outbox area: the actions waiting for the marketplace (or done), and the journal.

Tab "Actions": the outbox entries of the current cache, filtered by state (all, the open ones, or
one state) and kind, newest first, with state, action, record, summary, attempts, next try (local
time), the marketplace's reason for entries that need attention, and files. Actions on the
selected entry:

* Send Now: sends every waiting entry at once, retry times ignored (the controller's run).
* Fix and Resend…: for an entry that needs attention (or waits): correct its text fields in
  :class:`~app.views.outbox.fix_dialog.FixDialog`, then it is sent again.
* Discard…: after a confirmation, gives up an entry that was not delivered.
* Open Record: the task (or invoice notice) the entry is for.

Tab "Journal": :class:`~app.views.outbox.journal.JournalPage`.

Reads run on the READ lane, changes on the WRITE lane; after a change the view announces
``{"outbox"}`` (the controller then sends). The list re-reads when ``outbox`` changes (once per
burst; a hidden view when it is shown again).

Signals of :class:`OutboxView`
------------------------------
``openRecord(str, str)``
    ``(kind, id)`` of the record to open (``supervision_task``, ``invoice_notice``).
``titleChanged()``
    The area's title (with the number needing attention) changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.models.outbox import NEEDS_ATTENTION, OPEN_STATES, PENDING
from app.services.outbox.queue import EntryView, Outbox
from app.views.bridge import Bridge, Lane
from app.views.change_watcher import ChangeWatcher
from app.views.common.titles import record_title
from app.views.context import AreaWorkspace
from app.views.i18n import translate
from app.views.outbox.fix_dialog import FixDialog
from app.views.outbox.journal import JournalPage
from app.views.outbox.model import (
    STATES,
    WIDE_COLUMNS,
    OutboxModel,
    files_tooltip,
    kind_title,
    next_try_text,
    reason_text,
    state_title,
)
from app.views.outbox_controller import OutboxController

WATCHED = frozenset({"outbox"})
#: Rows listed at most (newest first); the outbox of one console stays far below this.
LIMIT = 2000
OPENABLE = frozenset({"supervision_task", "invoice_notice", "demand", "order"})


class OutboxView(QWidget):
    """The Outbox area (see the module docstring)."""

    openRecord = Signal(str, str)
    titleChanged = Signal()

    def __init__(self, bridge: Bridge, workspace: AreaWorkspace, controller: OutboxController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxView")
        self.bridge = bridge
        self.workspace = workspace
        self.controller = controller
        self._attention = 0
        self.confirm_box: QMessageBox | None = None
        self.fix_dialog: FixDialog | None = None

        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("outboxStateFilter")
        for key in ("", "open", *STATES):
            self.state_filter.addItem("", key)
        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("outboxKindFilter")
        self.kind_filter.addItem("", "")
        for combo in (self.state_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self.refresh)
        self.model = OutboxModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("outboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.send_button = self._button("outboxSendNow", self.send_now)
        self.fix_button = self._button("outboxResend", self.fix_selected)
        self.discard_button = self._button("outboxDiscard", self.discard_selected)
        self.open_button = self._button("outboxOpenRecord", self.open_selected)
        self.details = QLabel(self)
        self.details.setObjectName("outboxDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel(self)
        self.message.setObjectName("outboxMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label, self.kind_label = QLabel(self), QLabel(self)
        self.state_label.setBuddy(self.state_filter)
        self.kind_label.setBuddy(self.kind_filter)

        filters = QHBoxLayout()
        for widget in (self.state_label, self.state_filter, self.kind_label, self.kind_filter):
            filters.addWidget(widget)
        filters.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.send_button, self.fix_button, self.discard_button, self.open_button):
            actions.addWidget(button)
        actions.addWidget(self.message, 1)
        self.actions_page = QWidget(self)
        page = QVBoxLayout(self.actions_page)
        page.addLayout(filters)
        page.addWidget(self.table, 1)
        page.addWidget(self.details)
        page.addLayout(actions)
        self.journal = JournalPage(bridge, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("outboxTabs")
        self.tabs.addTab(self.actions_page, "")
        self.tabs.addTab(self.journal, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.watcher = ChangeWatcher(self, bridge, WATCHED, self._load,
                                     retranslate=self.retranslate, delay_ms=150)
        workspace.engineChanged.connect(self.set_engine)
        controller.countsChanged.connect(self._on_counts)
        controller.finished.connect(lambda _r: self.watcher.mark_stale())
        controller.started.connect(self._update_actions)
        # Built after the sender has counted (the window builds it after its first paint): the
        # title counts from what the sender knows now.
        self._attention = controller.counts.get(NEEDS_ATTENTION, 0)
        self.retranslate()
        self.set_engine(workspace.engine)

    def _button(self, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def title(self) -> str:
        if self._attention:
            return translate("OutboxView", "Outbox (%1)").replace("%1", str(self._attention))
        return translate("OutboxView", "Outbox")

    @property
    def outbox(self) -> Outbox | None:
        return self.controller.outbox

    # -- list --------------------------------------------------------------------------------------

    def set_engine(self, engine: Engine | None) -> None:
        self.bridge.forget(self, "list")  # an answer from the old cache is dropped
        self.model.set_rows([])
        self.message.clear()
        self.journal.set_engine(engine)
        self._update_actions()
        if engine is not None:
            self.refresh()

    def refresh(self) -> None:
        """Re-read the entries of the chosen filter (READ lane)."""
        self.watcher.refresh_now()

    def _load(self) -> None:
        outbox = self.outbox
        if outbox is None:
            return
        chosen = self.state_filter.currentData() or ""
        states: tuple[str, ...] | None = (OPEN_STATES if chosen == "open" else
                                          (chosen,) if chosen else None)
        kind = self.kind_filter.currentData() or ""

        def work(_ctx: Any) -> tuple[list[EntryView], list[str]]:
            rows = outbox.entries(states=states, limit=LIMIT)
            kinds = sorted({e.kind for e in outbox.entries(limit=LIMIT)})
            return [e for e in rows if not kind or e.kind == kind], kinds

        self.bridge.run(work, name="list the outbox",
                        owner=self, latest="list",
                        on_success=lambda r: self._show(*r),
                        on_failure=lambda exc: self.say(str(exc), True))
        self.journal.refresh()

    def _show(self, rows: list[EntryView], kinds: list[str]) -> None:
        current = self.selected()
        self.model.set_rows(rows)
        known = {self.kind_filter.itemData(n) for n in range(self.kind_filter.count())}
        self.kind_filter.blockSignals(True)
        for kind in kinds:
            if kind not in known:
                self.kind_filter.addItem(kind_title(kind), kind)
        self.kind_filter.blockSignals(False)
        if current is not None:
            self.select_entry(current.id)
        self.table.resizeColumnsToContents()
        limit = self.fontMetrics().horizontalAdvance("M") * 28
        for column in WIDE_COLUMNS:
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), limit))
        self._update_actions()

    def select_entry(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def selected(self) -> EntryView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_counts(self, counts: dict[str, int]) -> None:
        attention = counts.get(NEEDS_ATTENTION, 0)
        if attention != self._attention:
            self._attention = attention
            self.titleChanged.emit()
        self.watcher.mark_stale()

    # -- actions -----------------------------------------------------------------------------------

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c0392b;" if error else "")

    def send_now(self) -> None:
        if self.controller.send_now():
            self.say(translate("OutboxView", "Sending what waits…"))
        elif self.controller.running:
            self.say(translate("OutboxView", "Already sending; everything waiting is sent next."))

    def fix_selected(self) -> None:
        entry = self.selected()
        if entry is None or entry.state not in (NEEDS_ATTENTION, PENDING):
            return
        dialog = FixDialog(entry, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.resend(entry.id, dialog.payload()))
        self.fix_dialog = dialog
        dialog.open()

    def resend(self, entry_id: int, payload: dict[str, Any] | None) -> None:
        """Send an entry again (``payload``: the corrected request, None: unchanged)."""
        outbox = self.outbox
        if outbox is not None:
            self._write(lambda: outbox.resend(entry_id, payload), "resend outbox entry",
                        translate("OutboxView", "Queued again: it is sent now."))

    def discard_selected(self) -> None:
        entry = self.selected()
        if entry is None or entry.state not in (NEEDS_ATTENTION, PENDING):
            return
        box = QMessageBox(QMessageBox.Icon.Question, translate("OutboxView", "Discard the Action"),
                          translate("OutboxView", "Discard “%1”? It will never be sent; the journal keeps a "
                                  "record that you discarded it.").replace("%1", entry.summary),
                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("outboxDiscardConfirm")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda result: self._discard_answer(entry.id, result))
        self.confirm_box = box
        box.open()

    def _discard_answer(self, entry_id: int, result: int) -> None:
        self.confirm_box = None
        outbox = self.outbox
        if result == QMessageBox.StandardButton.Discard.value and outbox is not None:
            self._write(lambda: outbox.discard(entry_id), "discard outbox entry",
                        translate("OutboxView", "Discarded."))

    def _write(self, fn: Callable[[], EntryView], name: str, done_text: str) -> None:
        def done(entry: EntryView) -> None:
            self.say(done_text)
            self.bridge.announce({"outbox"}, self)
            self.refresh()
            self.select_entry(entry.id)

        self.bridge.run(lambda _ctx: fn(), name=name, lane=Lane.WRITE,
                        owner=self, on_success=done,
                        on_failure=lambda exc: self.say(str(exc), True))

    def open_selected(self) -> None:
        entry = self.selected()
        if entry is not None and entry.target_type in OPENABLE:
            self.openRecord.emit(entry.target_type, entry.target_id)

    def _show_details(self, entry: EntryView | None) -> None:
        """The selected entry in full (the reason first), or what the list is for."""
        if entry is None:
            self.details.setStyleSheet("")
            self.details.setText(translate("OutboxView", "Nothing queued yet. What you do offline (confirm, "
                                         "deliver, appeal, invoices) waits here until the "
                                         "marketplace has it, and is sent exactly once.")
                                 if self.model.rowCount() == 0 else "")
            return
        lines = [f"{kind_title(entry.kind)} · {record_title(entry.target_type)} "
                 f"{entry.target_id} · {state_title(entry.state)}", entry.summary]
        if reason_text(entry) and entry.state == NEEDS_ATTENTION:
            lines.append(translate("OutboxView", "The marketplace's reason: %1").replace("%1", reason_text(entry)))
        elif reason_text(entry) and entry.state == PENDING:
            lines.append(translate("OutboxView", "Last problem: %1").replace("%1", reason_text(entry)))
        if next_try_text(entry):
            lines.append(translate("OutboxView", "Next try: %1").replace("%1", next_try_text(entry)))
        if entry.files:
            lines.append(files_tooltip(entry))
        self.details.setStyleSheet("color: #c0392b;" if entry.state == NEEDS_ATTENTION else "")
        self.details.setText("\n".join(lines))

    def _update_actions(self, *_args: object) -> None:
        entry = self.selected()
        self._show_details(entry)
        has_cache = self.outbox is not None
        fixable = entry is not None and entry.state in (NEEDS_ATTENTION, PENDING)
        self.send_button.setEnabled(has_cache)
        self.fix_button.setEnabled(fixable)
        self.discard_button.setEnabled(fixable)
        self.open_button.setEnabled(entry is not None and entry.target_type in OPENABLE)
        why = translate("OutboxView", "Only an action that was not delivered can be changed.")
        for button in (self.fix_button, self.discard_button):
            button.setToolTip("" if fixable or entry is None else why)

    # -- texts -------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.tabs.setTabText(0, translate("OutboxView", "Actions"))
        self.tabs.setTabText(1, translate("OutboxView", "Journal"))
        self.state_label.setText(translate("OutboxView", "&State:"))
        self.kind_label.setText(translate("OutboxView", "&Action:"))
        for n in range(self.state_filter.count()):
            key = self.state_filter.itemData(n)
            self.state_filter.setItemText(n, translate("OutboxView", "All") if not key else
                                          translate("OutboxView", "Not yet delivered") if key == "open" else
                                          state_title(key))
        for n in range(self.kind_filter.count()):
            key = self.kind_filter.itemData(n)
            self.kind_filter.setItemText(n, kind_title(key) if key else translate("OutboxView", "All actions"))
        self.send_button.setText(translate("OutboxView", "Send &Now"))
        self.send_button.setToolTip(translate("OutboxView", "Send every waiting action now, without waiting for "
                                            "its retry time"))
        self.fix_button.setText(translate("OutboxView", "&Fix and Resend…"))
        self.discard_button.setText(translate("OutboxView", "&Discard…"))
        self.open_button.setText(translate("OutboxView", "&Open Record"))
        self.model.refresh_texts()
        self._show_details(self.selected())  # the details' texts are words too
