"""Syncing in the background: start, progress, cancel, interval, connectivity and the status bar.

:class:`SyncController` owns "the" sync of the console. It runs the sync engine on the bridge's
write lane under one key, so a sync asked for while one runs (the button, F5, the interval timer)
is not started twice. Progress arrives per page; the collection a page landed in is announced
(at most every 1.5 s per collection, and when it is finished), so the views fill in while the
sync runs; when the sync ends the controller announces the collections that changed, so every
view re-queries, and it keeps what the status bar shows:
the last sync time and whether the marketplace answers (online) or not (offline).

Failures are turned into a :class:`SyncFailure`: a kind the window can act on (for a wrong key it
offers to edit the profile), the service's own sentence as details, never a traceback.

Signals of :class:`SyncController`
----------------------------------
``started()``
    A sync began.
``progressed(object)``
    A :class:`SyncProgress`: the collection, its place in the run, records done and the total.
``finished(object)``
    A :class:`SyncOutcome` once the sync ended (succeeded, failed or was cancelled).
``stateChanged()``
    Anything the status bar shows changed (running, connectivity, last sync time).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QElapsedTimer,
    QEvent,
    QLocale,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton
from sqlalchemy import Engine

from app.services.marketplace.client import (
    Cancelled,
    RetryPolicy,
)
from app.services.marketplace.credentials import open_client
from app.views.banner import Badge
from app.views.bridge import Bridge, Lane, TaskContext
from app.views.common import failures
from app.views.common.backoff import BackoffTimer
from app.views.common.titles import collection_title
from app.views.i18n import format_local_time, translate
from app.views.workspace import Target, Workspace

if TYPE_CHECKING:
    # The sync engine (its mapping, pages and writer) is imported by the first sync or status
    # read, not with the window (issue 17: the window is shown before it is loaded).
    from app.services.sync.engine import Progress, SyncReport

log = logging.getLogger("seller_console.sync")

SYNC_KEY = "sync"
# Offline, the first automatic retry comes after a minute; each next one waits twice as long.
OFFLINE_RETRY_FIRST_MS = 60_000
# Announced after every sync (the time of the last sync changed even if no record did).
SYNC_STATE = "sync_state"
# While a sync runs, a collection whose pages land is announced at most this often (and once
# more when it is finished), so the views fill in as the records arrive, not only at the end.
LANDED_ANNOUNCE_MS = 1500


class Connectivity(StrEnum):
    UNKNOWN = "unknown"
    ONLINE = "online"
    OFFLINE = "offline"


class FailureKind(StrEnum):
    AUTHENTICATION = "authentication"
    UNREACHABLE = "unreachable"
    FAULTS = "faults"
    REFUSED = "refused"
    KEYCHAIN = "keychain"
    CREDENTIALS = "credentials"
    ENDPOINT = "endpoint"
    CACHE = "cache"
    UNEXPECTED = "unexpected"


@dataclass(frozen=True)
class SyncFailure:
    """Why a sync stopped: ``kind`` for the window, ``details`` in the service's words."""

    kind: FailureKind
    details: str

    @property
    def needs_profile_fix(self) -> bool:
        return self.kind in (
            FailureKind.AUTHENTICATION,
            FailureKind.CREDENTIALS,
            FailureKind.ENDPOINT,
        )

    def headline(self) -> str:
        """One translated sentence saying what happened and what to do."""
        return failures.headline(self.kind)


def classify_failure(exc: BaseException) -> SyncFailure:
    """The failure behind an exception raised by a sync (never a traceback in ``details``)."""
    kind = FailureKind(failures.headline_code(exc))
    return SyncFailure(kind, failures.technical_detail(exc))


@dataclass(frozen=True)
class CollectionProgress:
    """One collection's progress: ``done`` records of ``total`` (None: no estimate yet)."""

    collection: str
    done: int
    total: int | None
    finished: bool = False


@dataclass(frozen=True)
class SyncProgress:
    """Where a run of ``count`` collections stands. The sync engine may fetch several collections
    side by side, so more than one can be active at once; ``collections`` holds every collection
    that reported so far, in the run's order."""

    collections: tuple[CollectionProgress, ...]
    count: int

    @property
    def active(self) -> tuple[CollectionProgress, ...]:
        return tuple(c for c in self.collections if not c.finished)

    @property
    def finished(self) -> int:
        return sum(1 for c in self.collections if c.finished)

    @property
    def done(self) -> int:
        """Records fetched by the active collections."""
        return sum(c.done for c in self.active)

    @property
    def total(self) -> int | None:
        """Records the active collections will fetch, if every one of them has an estimate."""
        totals = [c.total for c in self.active]
        if not totals or any(t is None for t in totals):
            return None
        return sum(t for t in totals if t is not None)

    def of(self, collection: str) -> CollectionProgress | None:
        return next((c for c in self.collections if c.collection == collection), None)


@dataclass(frozen=True)
class SyncOutcome:
    """How a sync ended. ``failure`` is None when it succeeded or was cancelled."""

    target_key: str
    cancelled: bool = False
    failure: SyncFailure | None = None
    report: SyncReport | None = None
    changed: frozenset[str] = field(default_factory=frozenset)

    @property
    def ok(self) -> bool:
        return not self.cancelled and self.failure is None


def collections_for(target: Target) -> tuple[str, ...]:
    """A partner (客户服务商) account syncs its partner collections as well."""
    from app.services.sync.engine import ALL_COLLECTIONS, SELLER_COLLECTIONS

    return ALL_COLLECTIONS if target.role == "partner" else SELLER_COLLECTIONS


def _latest_sync(engine: Engine) -> datetime | None:
    from app.services.sync.engine import sync_states

    finished = [
        s["last_finished_at"] for s in sync_states(engine).values() if s["last_finished_at"]
    ]
    return max(finished) if finished else None


class SyncController(QObject):
    """The console's one sync: start, cancel, interval, and what the status bar shows."""

    started = Signal()
    progressed = Signal(object)
    finished = Signal(object)
    stateChanged = Signal()

    def __init__(
        self,
        bridge: Bridge,
        workspace: Workspace,
        *,
        interval_minutes: int = 0,
        timeout_s: float = 30.0,
        retry: RetryPolicy | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._workspace = workspace
        self._timeout_s = timeout_s
        self._retry = retry
        self._running_for: str | None = None
        self._progress: SyncProgress | None = None
        self._connectivity = Connectivity.UNKNOWN
        self._last_synced_at: datetime | None = None
        self._last_outcome: SyncOutcome | None = None
        self._announced: dict[str, int] = {}  # collection -> when it was last announced
        self._landed = QElapsedTimer()
        self._landed.start()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._timer.timeout.connect(self._on_interval)
        self._offline_retry = BackoffTimer(OFFLINE_RETRY_FIRST_MS, self)
        self._offline_retry.timeout.connect(self._on_interval)
        self.set_interval(interval_minutes)
        workspace.engineChanged.connect(self._on_engine)
        workspace.targetChanged.connect(self._on_target)

    # -- what the status bar shows ---------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running_for is not None

    @property
    def progress(self) -> SyncProgress | None:
        return self._progress

    @property
    def connectivity(self) -> Connectivity:
        return self._connectivity

    @property
    def last_synced_at(self) -> datetime | None:
        return self._last_synced_at

    @property
    def last_outcome(self) -> SyncOutcome | None:
        return self._last_outcome

    # -- control ---------------------------------------------------------------------------------

    def set_interval(self, minutes: int) -> None:
        """Sync every ``minutes`` (0: only when asked, and no retries when offline either)."""
        self._timer.stop()
        self._offline_retry.stop()
        if minutes > 0:
            self._timer.start(minutes * 60_000)

    def set_timeout(self, seconds: float) -> None:
        self._timeout_s = seconds

    def sync(self, collections: Sequence[str] | None = None) -> bool:
        """Start a sync of the current target; False if one runs already or no cache is open."""
        target, engine = self._workspace.target, self._workspace.engine
        if target is None or engine is None:
            log.info("sync asked for before a cache is open; ignored")
            return False
        names = tuple(collections) if collections else collections_for(target)
        connect = self._workspace.connector(target)
        timeout_s, retry = self._timeout_s, self._retry

        from app.services.sync.engine import SyncEngine

        def work(ctx: TaskContext) -> SyncReport:
            connection = connect()
            if ctx.cancelled:
                raise Cancelled("Stopped at your request.")
            with open_client(
                connection, timeout_s=timeout_s, retry=retry, cancel=ctx.cancel
            ) as client:
                engine_ = SyncEngine(client, engine, progress=ctx.report, cancel=ctx.cancel)
                return engine_.sync(names)

        key = target.key
        # The outcome is handled once the bridge has let go of the task (on_finished), so that
        # whoever hears of it can start the next sync at once.
        result: dict[str, Any] = {}
        task = self._bridge.run(
            work,
            name=f"sync {key}",
            lane=Lane.WRITE,
            key=SYNC_KEY,
            owner=self,
            on_success=lambda report: result.update(report=report),
            on_failure=lambda exc: result.update(exc=exc),
            on_progress=lambda p: self._on_progress(names, p),
            on_finished=lambda: self._done(
                key, engine, names, result.get("report"), result.get("exc")
            ),
        )
        if task is None:
            return False
        self._running_for = key
        self._progress = None
        self._announced = {}
        self.started.emit()
        self.stateChanged.emit()
        return True

    def cancel(self) -> None:
        """Ask the running sync to stop after the page in flight (what was stored stays)."""
        task = self._bridge.running(SYNC_KEY)
        if task is not None:
            task.cancel()

    # -- internals -------------------------------------------------------------------------------

    def _on_progress(self, names: tuple[str, ...], value: Any) -> None:
        from app.services.sync.engine import Progress

        if not isinstance(value, Progress) or self._running_for is None:
            return
        known = {c.collection: c for c in (self._progress.collections if self._progress else ())}
        known[value.collection] = CollectionProgress(
            value.collection, value.done, value.total, value.finished
        )
        order = {name: n for n, name in enumerate(names)}
        ordered = tuple(sorted(known.values(), key=lambda c: order.get(c.collection, len(names))))
        self._progress = SyncProgress(ordered, len(names))
        self.progressed.emit(self._progress)
        self.stateChanged.emit()
        self._announce_landed(value)

    def _announce_landed(self, value: Progress) -> None:
        """Records of ``value.collection`` were committed: let the views show them now."""
        if value.done <= 0:
            return
        now = self._landed.elapsed()
        last = self._announced.get(value.collection)
        if value.finished or last is None or now - last >= LANDED_ANNOUNCE_MS:
            self._announced[value.collection] = now
            self._bridge.announce({value.collection}, self)

    def _done(
        self,
        key: str,
        engine: Engine,
        names: tuple[str, ...],
        report: SyncReport | None,
        exc: BaseException | None,
    ) -> None:
        failure_exc = exc if exc is not None else (report.failure if report else None)
        cancelled = isinstance(failure_exc, Cancelled)
        failure = None if failure_exc is None or cancelled else classify_failure(failure_exc)
        changed = frozenset(
            c.collection
            for c in (report.collections if report else [])
            if c.inserted or c.updated or c.deleted
        )
        outcome = SyncOutcome(key, cancelled, failure, report, changed)
        self._running_for = None
        self._progress = None
        current = self._workspace.target
        if current is not None and current.key == key:
            if failure is not None and failure.kind is FailureKind.UNREACHABLE:
                self._connectivity = Connectivity.OFFLINE
            elif report is not None and any(c.error is None for c in report.collections):
                self._connectivity = Connectivity.ONLINE  # at least one call succeeded
            if report is not None and any(c.error is None for c in report.collections):
                self._last_synced_at = datetime.now(UTC)
            self._last_outcome = outcome
            if report is not None:
                self._bridge.announce(changed | {SYNC_STATE}, self)
            self._reload_last_sync(engine)
        self.finished.emit(outcome)
        self.stateChanged.emit()
        if self._timer.isActive():  # the interval counts from the end of the last sync
            self._timer.start()
            self._schedule_offline_retry()

    def _schedule_offline_retry(self) -> None:
        """Offline, try again sooner than the interval (1, 2, 4, ... minutes, up to it), so the
        console is back online soon after the network is; online, forget the back-off."""
        if self._connectivity is not Connectivity.OFFLINE:
            self._offline_retry.stop()
            self._offline_retry.reset()
            return
        self._offline_retry.start_next(self._timer.interval())

    def _on_interval(self) -> None:
        if self._workspace.engine is None or self.running:
            return
        if self._last_synced_at is None and self._last_outcome is None:
            return  # never synced: the first sync is the user's choice (first-run page)
        self.sync()

    def _on_target(self, _target: Target) -> None:
        if self.running:
            self.cancel()
        self._connectivity = Connectivity.UNKNOWN
        self._last_synced_at = None
        self._last_outcome = None
        self.stateChanged.emit()

    def _on_engine(self, engine: Engine | None) -> None:
        if engine is not None:
            self._reload_last_sync(engine, catch_up=True)

    def _reload_last_sync(self, engine: Engine, catch_up: bool = False) -> None:
        def loaded(value: datetime | None) -> None:
            if self._workspace.engine is not engine:
                return
            self._last_synced_at = value
            self.stateChanged.emit()
            # A cache opened long after its last sync is brought up to date at once, as the
            # interval promises; a cache never synced waits for the user (first-run page).
            interval_ms = self._timer.interval() if self._timer.isActive() else 0
            if catch_up and value is not None and interval_ms and not self.running:
                age_ms = (datetime.now(UTC) - value).total_seconds() * 1000
                if age_ms >= interval_ms:
                    self.sync()

        self._bridge.run(
            lambda ctx: _latest_sync(engine),
            name="last sync time",
            owner=self,
            on_success=loaded,
        )


# --------------------------------------------------------------------------------------------------
# The status bar


class SyncStatus(QObject):
    """The sync's part of the status bar: what runs (with progress and Cancel), the last sync time,
    and the online/offline and sandbox badges. Re-reads the controller on every change."""

    def __init__(
        self, controller: SyncController, workspace: Workspace, status_bar: QStatusBar
    ) -> None:
        super().__init__(status_bar)
        self._controller = controller
        self._workspace = workspace
        self.message = QLabel(status_bar)
        self.message.setObjectName("syncMessage")
        self.bar = QProgressBar(status_bar)
        self.bar.setObjectName("syncProgress")
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(status_bar.fontMetrics().horizontalAdvance("M") * 14)
        self.cancel_button = QToolButton(status_bar)
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.clicked.connect(controller.cancel)
        self.last_sync = QLabel(status_bar)
        self.last_sync.setObjectName("lastSync")
        self.connectivity = Badge(status_bar)
        self.connectivity.setObjectName("connectivityBadge")
        self.sandbox = Badge(status_bar)
        self.sandbox.setObjectName("sandboxBadge")
        status_bar.addWidget(self.message, 1)
        status_bar.addWidget(self.bar)
        status_bar.addWidget(self.cancel_button)
        status_bar.addPermanentWidget(self.last_sync)
        status_bar.addPermanentWidget(self.connectivity)
        status_bar.addPermanentWidget(self.sandbox)
        controller.stateChanged.connect(self.refresh)
        workspace.targetChanged.connect(self.refresh)
        workspace.engineChanged.connect(self.refresh)
        workspace.sandboxStateChanged.connect(self.refresh)
        status_bar.installEventFilter(self)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        return False

    def refresh(self, *_args: object) -> None:
        c = self._controller
        target = self._workspace.target
        self.cancel_button.setText(translate("SyncStatus", "Cancel"))
        self.cancel_button.setToolTip(
            translate("SyncStatus", "Stop the sync after the current page")
        )
        running = c.running
        self.bar.setVisible(running)
        self.cancel_button.setVisible(running)
        self.message.setText(self._message())
        if c.last_synced_at is not None:
            self.last_sync.setText(
                translate("SyncStatus", "Last sync %1").replace(
                    "%1", format_local_time(c.last_synced_at)
                )
            )
        else:
            self.last_sync.setText(translate("SyncStatus", "Not synced yet"))
        p = c.progress
        total = p.total if p is not None else None
        if running and p is not None and total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(p.done, total))
        elif running:
            self.bar.setRange(0, 0)  # busy
        if c.connectivity is Connectivity.OFFLINE:
            last = (
                format_local_time(c.last_synced_at)
                if c.last_synced_at
                else translate("SyncStatus", "never")
            )
            self.connectivity.set_badge(
                translate("SyncStatus", "Offline: working from the cache, last synced %1").replace(
                    "%1", last
                ),
                Badge.WARNING,
            )
        elif c.connectivity is Connectivity.ONLINE:
            self.connectivity.set_badge(translate("SyncStatus", "Online"), Badge.OK)
        else:
            self.connectivity.set_badge("", Badge.NEUTRAL)
        self.connectivity.setVisible(c.connectivity is not Connectivity.UNKNOWN)
        is_sandbox = target is not None and target.is_sandbox
        self.sandbox.setVisible(is_sandbox)
        if is_sandbox:
            self.sandbox.set_badge(translate("SyncStatus", "Sandbox"), Badge.SANDBOX)
            self.sandbox.setToolTip(
                translate(
                    "SyncStatus",
                    "You are working with the built-in sandbox marketplace: generated demo data, "
                    "nothing reaches KooGallery.",
                )
            )

    def _message(self) -> str:
        c = self._controller
        state = self._workspace.sandbox_state
        target = self._workspace.target
        if c.running:
            p = c.progress
            if p is None or not p.active:
                return translate("SyncStatus", "Connecting to the marketplace…")
            names = translate("SyncStatus", ", ").join(
                collection_title(a.collection) for a in p.active
            )
            step = (
                translate("SyncStatus", "Syncing %1 (%2 of %3)")
                .replace("%1", names)
                .replace("%2", str(min(p.count, p.finished + len(p.active))))
                .replace("%3", str(p.count))
            )
            locale = QLocale()
            total = p.total
            if total:
                return (
                    step
                    + ": "
                    + translate("SyncStatus", "%1 of %2")
                    .replace("%1", locale.toString(p.done))
                    .replace("%2", locale.toString(total))
                )
            return step + ": " + locale.toString(p.done)
        if target is not None and target.is_sandbox and state == "starting":
            return translate("SyncStatus", "Preparing the sandbox marketplace…")
        if self._workspace.engine is None:
            return translate("SyncStatus", "Opening the cache…")
        outcome = c.last_outcome
        if outcome is not None and outcome.cancelled:
            return translate("SyncStatus", "Sync cancelled; what was fetched is kept.")
        if outcome is not None and outcome.failure is not None:
            return translate("SyncStatus", "The last sync did not finish.")
        if outcome is not None and outcome.ok:
            changed = sum(
                c_.inserted + c_.updated + c_.deleted
                for c_ in (outcome.report.collections if outcome.report else [])
            )
            if changed:
                return translate("SyncStatus", "Synced: %Ln record(s) changed.", "", changed)
            return translate("SyncStatus", "Synced: the cache is up to date.")
        return translate("SyncStatus", "Ready")
