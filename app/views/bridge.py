"""The one bridge between the GUI thread and background work.

A view describes work as "run this function, then on success that, on failure that, report progress
here"; the bridge runs the function on a worker thread and delivers every outcome by signal on the GUI
thread. The function never touches a widget. Two lanes: ``WRITE`` is serialised (SQLite has one
writer: syncs, outbox sends, imports), ``READ`` is parallel (queries, network reads).

After work that changed the cache, call :meth:`Bridge.announce` with what changed ("orders",
"supervision_tasks", ...); views listen to :attr:`Bridge.changed`, mark themselves stale and re-query
when visible.

Signals
-------
``changed(object, object)``
    ``(frozenset[str] of collection names, source object or None)`` after work changed the cache.
``busy_changed(bool)``
    True while any task runs, False when all are done.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger("seller_console.views")


class Lane(Enum):
    READ = "read"
    WRITE = "write"


@dataclass
class TaskContext:
    """Handed to the work function: report progress, and see whether to stop."""

    cancel: threading.Event
    _progress: Callable[[Any], None]

    def report(self, value: Any) -> None:
        """Send ``value`` to the task's ``on_progress`` on the GUI thread."""
        self._progress(value)

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set()


class _Signals(QObject):
    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object, str)  # exception, formatted traceback (for logs only)
    finished = Signal()


@dataclass(eq=False)
class Task:
    """A handle on submitted work: ``cancel()`` asks it to stop; ``key`` de-duplicates."""

    name: str
    key: str | None
    cancel_event: threading.Event = field(default_factory=threading.Event)
    done: bool = False

    def cancel(self) -> None:
        self.cancel_event.set()


class _Runnable(QRunnable):
    def __init__(
        self, fn: Callable[[TaskContext], Any], task: Task, signals: _Signals
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._task = task
        self._signals = signals

    def run(self) -> None:
        ctx = TaskContext(self._task.cancel_event, self._signals.progress.emit)
        try:
            result = self._fn(ctx)
        except BaseException as e:  # noqa: BLE001 - every failure goes to on_failure, on the GUI thread
            self._signals.failed.emit(e, traceback.format_exc())
        else:
            self._signals.succeeded.emit(result)
        finally:
            self._signals.finished.emit()


class Bridge(QObject):
    """Runs work on worker threads and reports on the GUI thread. One per application."""

    changed = Signal(object, object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, read_threads: int = 4) -> None:
        super().__init__(parent)
        self._read = QThreadPool(self)
        self._read.setMaxThreadCount(read_threads)
        self._write = QThreadPool(self)
        self._write.setMaxThreadCount(1)
        self._running: dict[int, tuple[Task, _Signals]] = {}
        self._by_key: dict[str, Task] = {}

    # -- submitting ------------------------------------------------------------------------------

    def run(
        self,
        fn: Callable[[TaskContext], Any],
        *,
        name: str,
        lane: Lane = Lane.READ,
        key: str | None = None,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> Task | None:
        """Run ``fn(ctx)`` on a worker. Returns None (and runs nothing) if a task with the same
        ``key`` is still running: a sync started while one runs is not started twice."""
        if key is not None and key in self._by_key:
            log.info("%s is already running; not starting it twice", key)
            return None
        task = Task(name=name, key=key)
        signals = _Signals()
        if on_progress is not None:
            signals.progress.connect(on_progress)
        if on_success is not None:
            signals.succeeded.connect(on_success)

        def failed(exc: BaseException, tb: str) -> None:
            log.warning("%s failed: %s\n%s", name, exc, tb)
            if on_failure is not None:
                on_failure(exc)

        signals.failed.connect(failed)

        def finished() -> None:
            task.done = True
            self._running.pop(id(task), None)
            if key is not None:
                self._by_key.pop(key, None)
            if on_finished is not None:
                on_finished()
            if not self._running:
                self.busy_changed.emit(False)
            # The last reference to ``signals`` was just dropped above while it is still sending
            # this signal; keep it until the event loop is back, so it is never destroyed during
            # its own emission (rare errors from PySide's disconnect bookkeeping otherwise).
            QTimer.singleShot(0, lambda: signals)

        signals.finished.connect(finished)
        was_idle = not self._running
        self._running[id(task)] = (task, signals)
        if key is not None:
            self._by_key[key] = task
        pool = self._write if lane is Lane.WRITE else self._read
        pool.start(_Runnable(fn, task, signals))
        if was_idle:
            self.busy_changed.emit(True)
        return task

    def running(self, key: str) -> Task | None:
        return self._by_key.get(key)

    def is_busy(self) -> bool:
        return bool(self._running)

    @Slot()
    def cancel_all(self) -> None:
        for task, _signals in list(self._running.values()):
            task.cancel()

    def announce(self, collections: set[str] | frozenset[str], source: object = None) -> None:
        """Tell the views that the cache changed."""
        self.changed.emit(frozenset(collections), source)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until both lanes are empty (shutdown and tests only)."""
        return self._read.waitForDone(msecs) and self._write.waitForDone(msecs)
