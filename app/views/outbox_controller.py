"""Sending the outbox in the background, and the outbox's part of the status bar.

:class:`OutboxController` delivers what the user queued without being asked: after anything is
queued (``bridge.changed`` with ``"outbox"``), on a timer, at the retry time of an entry waiting
after a transient fault, and at once after a successful sync (the marketplace answers again). It
runs :meth:`~app.services.outbox.queue.Dispatcher.send_due` on the bridge's WRITE lane under one key, so
two dispatchers never run at once (nor beside a sync or another write), with a
:class:`~app.services.marketplace.client.MarketplaceClient` made for the current target as the sync makes it.

* Offline (the marketplace does not answer): the run pauses; it is tried again by itself after 1,
  2, 4, ... minutes (up to :data:`OFFLINE_RETRY_MAX_MS`) and right after the next good sync.
* A refused key: sending stops until the profile is fixed (or a sync succeeds again); the window
  shows :meth:`OutboxProblem.headline` with the fixing action.
* After deliveries: the changed collections are announced and a sync of the affected collections
  starts, so the task shows its new node.

Signals of :class:`OutboxController`
------------------------------------
``started()``
    A dispatch run began.
``progressed(object)``
    A :class:`~app.services.outbox.queue.DispatchProgress` (uploading bytes, or sending).
``finished(object)``
    The :class:`~app.services.outbox.queue.DispatchReport` of a run, or None when it could not start
    sending (no connection: the reason is in :attr:`OutboxController.problem`).
``countsChanged(object)``
    ``dict[state, int]`` of the current cache's outbox.
``problemChanged(object)``
    An :class:`OutboxProblem`, or None once sending works again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QStatusBar, QToolButton
from sqlalchemy import Engine

from app.models.outbox import NEEDS_ATTENTION, PENDING, SENDING
from app.services.marketplace.client import RetryPolicy
from app.services.outbox.factory import make_outbox, send_due
from app.services.outbox.queue import DispatchProgress, DispatchReport, EntryView, Outbox
from app.views.bridge import Bridge, Lane, TaskContext
from app.views.common.backoff import BackoffTimer
from app.views.i18n import translate
from app.views.sync_controller import SyncController, SyncOutcome, classify_failure
from app.views.workspace import Workspace

log = logging.getLogger("seller_console.outbox")

DISPATCH_KEY = "outbox-dispatch"
#: How often the controller looks for due entries anyway (retry times are also timed exactly).
TICK_MS = 60_000
OFFLINE_RETRY_FIRST_MS = 60_000
OFFLINE_RETRY_MAX_MS = 15 * 60_000
#: The collections a delivered action changes, by target type (synced after a delivery).
SYNC_AFTER = {
    "supervision_task": ("supervision_tasks",),
    "invoice_notice": ("invoice_notices", "bills"),
    "demand": ("demands",),
    "offer": ("exclusive_offers",),
}
#: Views that follow outbox entries besides the Outbox area (invoice drafts show their entry).
ANNOUNCE_WITH = {"invoice_notice": {"invoice_drafts"}}


@dataclass(frozen=True)
class OutboxProblem:
    """Why sending stopped: ``kind`` "auth", "offline" or "connection"; ``details`` in the
    service's words (never a traceback)."""

    kind: str
    details: str

    def headline(self) -> str:
        if self.kind == "auth":
            return translate(
                "OutboxProblem",
                "The marketplace refused this profile's keys, so queued actions are not being "
                "sent. Fix the keys; sending resumes by itself after the next good sync.",
            )
        if self.kind == "offline":
            return translate(
                "OutboxProblem",
                "The marketplace cannot be reached. Queued actions wait and are sent when it "
                "answers again.",
            )
        return translate(
            "OutboxProblem",
            "Queued actions cannot be sent: the connection to the marketplace could not be made.",
        )


def due_entries(outbox: Outbox, now: datetime, ignore_schedule: bool) -> tuple[int, datetime | None]:
    """How many pending entries are due now, and the earliest retry time of the others."""
    due, later = 0, None
    for e in outbox.entries(states=[PENDING]):
        if ignore_schedule or e.next_attempt_at is None or e.next_attempt_at <= now:
            due += 1
        elif later is None or e.next_attempt_at < later:
            later = e.next_attempt_at
    return due, later


@dataclass(frozen=True)
class _Run:
    report: DispatchReport | None
    delivered: tuple[EntryView, ...]
    touched: tuple[EntryView, ...]
    counts: dict[str, int]
    next_retry: datetime | None


class OutboxController(QObject):
    """The console's one outbox sender for the current cache (see the module docstring)."""

    started = Signal()
    progressed = Signal(object)
    finished = Signal(object)
    countsChanged = Signal(object)
    problemChanged = Signal(object)

    def __init__(self, bridge: Bridge, workspace: Workspace, sync: SyncController, *,
                 timeout_s: float = 30.0, retry: RetryPolicy | None = None,
                 tick_ms: int = TICK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._workspace = workspace
        self._sync = sync
        self.timeout_s = timeout_s
        self.retry = retry
        self.outbox: Outbox | None = None
        self._counts: dict[str, int] = {}
        self._problem: OutboxProblem | None = None
        self._progress: DispatchProgress | None = None
        self._running = False
        self._again = False
        self._again_now = False
        self._sync_wanted: set[str] = set()
        self._tick = QTimer(self)
        self._tick.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start(tick_ms)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self.kick)
        self._offline_timer = BackoffTimer(OFFLINE_RETRY_FIRST_MS, self)
        self._offline_timer.timeout.connect(self.kick)
        bridge.changed.connect(self._on_changed)
        workspace.engineChanged.connect(self._on_engine)
        sync.finished.connect(self._on_sync_finished)
        if workspace.engine is not None:
            self._on_engine(workspace.engine)

    # -- what the status bar and the Outbox area show ---------------------------------------------

    @property
    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def progress(self) -> DispatchProgress | None:
        return self._progress

    @property
    def problem(self) -> OutboxProblem | None:
        return self._problem

    # -- control ---------------------------------------------------------------------------------

    def set_timeout(self, seconds: float) -> None:
        self.timeout_s = seconds

    def send_now(self) -> bool:
        """Send every pending entry now, retry times ignored ("Send now"); also after a stop for
        a refused key (the user says it is fixed)."""
        return self._dispatch(ignore_schedule=True, forced=True)

    def kick(self) -> bool:
        """Send what is due, unless sending stopped for a refused key. False if nothing started
        (no cache, or a run is going on: it runs again when that one ends)."""
        if self._problem is not None and self._problem.kind == "auth":
            return False
        return self._dispatch(ignore_schedule=False, forced=False)

    def reload_counts(self) -> None:
        outbox = self.outbox
        if outbox is None:
            return
        self._bridge.run(lambda _ctx: outbox.counts(), name="outbox counts",
                         owner=self,
                         on_success=lambda c: self._set_counts(outbox, c))

    # -- internals -------------------------------------------------------------------------------

    def _dispatch(self, ignore_schedule: bool, forced: bool) -> bool:
        outbox, target = self.outbox, self._workspace.target
        if outbox is None or target is None:
            return False
        if self._running:
            self._again = True
            self._again_now = self._again_now or ignore_schedule
            return False
        connect = self._workspace.connector(target)
        timeout_s, retry = self.timeout_s, self.retry

        def work(ctx: TaskContext) -> _Run:
            now = outbox.now()
            due, _later = due_entries(outbox, now, ignore_schedule)
            report: DispatchReport | None = None
            if due and not ctx.cancelled:
                report = send_due(outbox, connect(), ignore_schedule=ignore_schedule,
                                  timeout_s=timeout_s, retry=retry, cancel=ctx.cancel,
                                  progress=ctx.report)
            touched: list[EntryView] = []
            delivered: set[int] = set()
            if report is not None:
                delivered = set(report.delivered)
                touched = [outbox.get(i) for i in (*report.delivered, *report.refused)]
            _due, later = due_entries(outbox, outbox.now(), False)
            return _Run(report, tuple(e for e in touched if e.id in delivered), tuple(touched),
                        outbox.counts(), later)

        result: dict[str, Any] = {}
        task = self._bridge.run(
            work, name="send the outbox", lane=Lane.WRITE, key=DISPATCH_KEY,
            owner=self,
            on_success=lambda run: result.update(run=run),
            on_failure=lambda exc: result.update(exc=exc),
            on_progress=self._on_progress,
            on_finished=lambda: self._done(outbox, result.get("run"), result.get("exc")),
        )
        if task is None:
            self._again = True
            return False
        if forced and self._problem is not None and self._problem.kind == "auth":
            self._set_problem(None)
        self._running = True
        self._progress = None
        self.started.emit()
        return True

    def _on_progress(self, value: object) -> None:
        if isinstance(value, DispatchProgress) and self._running:
            self._progress = value
            self.progressed.emit(value)

    def _done(self, outbox: Outbox, run: _Run | None, exc: BaseException | None) -> None:
        self._running = False
        self._progress = None
        current = outbox is self.outbox
        report = run.report if run is not None else None
        if exc is not None:
            failure = classify_failure(exc)
            log.info("the outbox could not be sent: %s", failure.details)
            kind = ("auth" if failure.needs_profile_fix else
                    "offline" if failure.kind.value == "unreachable" else "connection")
            if current:
                self._set_problem(OutboxProblem(kind, failure.details))
                self._schedule_offline_retry()
        elif report is not None and report.paused in ("offline", "auth"):
            if current:
                self._set_problem(OutboxProblem(report.paused, report.message))
                self._schedule_offline_retry()
        elif current and report is not None:
            self._set_problem(None)
            self._offline_timer.reset()
            self._offline_timer.stop()
        if run is not None and current:
            self._set_counts(outbox, run.counts)
            self._after_changes(run)
            self._schedule_retry(run.next_retry)
        self.finished.emit(report)
        if self._again:
            again_now, self._again, self._again_now = self._again_now, False, False
            if again_now:
                self.send_now()
            else:
                self.kick()

    def _after_changes(self, run: _Run) -> None:
        if not run.touched:
            return
        announce = {"outbox"}
        for e in run.touched:
            announce |= ANNOUNCE_WITH.get(e.target_type, set())
        self._bridge.announce(announce, self)
        for e in run.delivered:
            self._sync_wanted.update(SYNC_AFTER.get(e.target_type, ()))
        self._start_wanted_sync()

    def _start_wanted_sync(self) -> None:
        if self._sync_wanted and self._sync.sync(sorted(self._sync_wanted)):
            self._sync_wanted.clear()

    def _schedule_retry(self, when: datetime | None) -> None:
        if when is None:
            self._retry_timer.stop()
            return
        ms = max(1000, int((when - datetime.now(UTC)).total_seconds() * 1000) + 500)
        self._retry_timer.start(min(ms, 24 * 3600 * 1000))

    def _schedule_offline_retry(self) -> None:
        if self._problem is None or self._problem.kind == "auth":
            self._offline_timer.stop()
            return
        self._offline_timer.start_next(OFFLINE_RETRY_MAX_MS)

    def _set_problem(self, problem: OutboxProblem | None) -> None:
        if problem != self._problem:
            self._problem = problem
            self.problemChanged.emit(problem)

    def _set_counts(self, outbox: Outbox, counts: dict[str, int]) -> None:
        if outbox is self.outbox and counts != self._counts:
            self._counts = dict(counts)
            self.countsChanged.emit(self.counts)

    def _on_tick(self) -> None:
        """The periodic look for due entries; offline, the back-off timer decides instead."""
        if self._offline_timer.isActive():
            return
        self.kick()

    def _on_changed(self, collections: frozenset[str], source: object) -> None:
        if source is self or "outbox" not in collections:
            return
        self.reload_counts()
        self.kick()

    def _on_sync_finished(self, outcome: SyncOutcome) -> None:
        if self._sync_wanted:
            self._start_wanted_sync()
        if outcome.ok and self._problem is not None:
            # The marketplace answers (and takes the keys) again: resume at once.
            self._set_problem(None)
            self._offline_timer.reset()
            self.kick()

    def _on_engine(self, engine: Engine | None) -> None:
        self.outbox = make_outbox(engine, self._workspace.paths) if engine is not None else None
        self._counts = {}
        self._sync_wanted.clear()
        self._set_problem(None)
        self._retry_timer.stop()
        self._offline_timer.stop()
        self._offline_timer.reset()
        self.countsChanged.emit(self.counts)
        if engine is not None:
            self.reload_counts()
            self.kick()


# --------------------------------------------------------------------------------------------------
# The status bar


def counts_text(counts: dict[str, int]) -> str:
    """"Outbox: 2 waiting, 1 needs attention" (or "Outbox: nothing waiting")."""
    waiting = counts.get(PENDING, 0) + counts.get(SENDING, 0)
    attention = counts.get(NEEDS_ATTENTION, 0)
    parts = []
    if waiting:
        parts.append(translate("OutboxStatus", "%1 waiting").replace("%1", str(waiting)))
    if attention:
        words = (translate("OutboxStatus", "%1 needs attention") if attention == 1 else
                 translate("OutboxStatus", "%1 need attention"))
        parts.append(words.replace("%1", str(attention)))
    if not parts:
        return translate("OutboxStatus", "Outbox: nothing waiting")
    return translate("OutboxStatus", "Outbox: %1").replace(
        "%1", translate("OutboxStatus", ", ").join(parts))


def progress_text(p: DispatchProgress) -> str:
    """"Uploading “summary”: 1.2 MB of 4.0 MB" or "Sending “summary”…"."""
    locale = QLocale()
    if p.step == "uploading" and p.total_bytes:
        return (translate("OutboxStatus", "Uploading “%1”: %2 of %3")
                .replace("%1", p.summary)
                .replace("%2", locale.formattedDataSize(p.sent_bytes))
                .replace("%3", locale.formattedDataSize(p.total_bytes)))
    return translate("OutboxStatus", "Sending “%1”…").replace("%1", p.summary)


class OutboxStatus(QObject):
    """The outbox's part of the status bar: counts (a button that opens the Outbox area) and,
    while sending, what is sent with a progress bar.

    Signals: ``openRequested()`` when the counts are clicked.
    """

    openRequested = Signal()

    def __init__(self, controller: OutboxController, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self._controller = controller
        self.button = QToolButton(status_bar)
        self.button.setObjectName("outboxStatus")
        self.button.setAutoRaise(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.clicked.connect(self.openRequested)
        self.bar = QProgressBar(status_bar)
        self.bar.setObjectName("outboxProgress")
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(status_bar.fontMetrics().horizontalAdvance("M") * 10)
        self.bar.setVisible(False)
        status_bar.addPermanentWidget(self.bar)
        status_bar.addPermanentWidget(self.button)
        for signal in (controller.started, controller.progressed, controller.finished,
                       controller.countsChanged, controller.problemChanged):
            signal.connect(self.refresh)
        status_bar.installEventFilter(self)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        return False

    def refresh(self, *_args: object) -> None:
        c = self._controller
        p = c.progress
        text = counts_text(c.counts)
        if c.running and p is not None:
            text = progress_text(p)
            if p.step == "uploading" and p.total_bytes:
                self.bar.setRange(0, 1000)
                self.bar.setValue(round(1000 * p.sent_bytes / p.total_bytes))
            else:
                self.bar.setRange(0, 0)
        self.bar.setVisible(c.running and p is not None)
        problem = c.problem
        if problem is not None and not c.running:
            text += " " + (translate("OutboxStatus", "(offline)") if problem.kind == "offline"
                           else translate("OutboxStatus", "(stopped)"))
        self.button.setText(text)
        self.button.setToolTip(
            problem.headline() if problem is not None
            else translate("OutboxStatus", "Open the outbox: actions waiting for the marketplace"))
        self.button.setVisible(c.outbox is not None)
