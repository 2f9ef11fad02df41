"""The one bridge between the GUI thread and background work.

A view describes work as "run this function, then on success that, on failure that, report progress
here"; the bridge runs the function on a worker thread and delivers every outcome by signal on the GUI
thread. The function never touches a widget. Two lanes: ``WRITE`` is serialised (SQLite has one
writer: syncs, outbox sends, imports), ``READ`` is parallel (queries, network reads).

Stale results are the bridge's business, not the view's. A task run for an ``owner`` (the widget that
asked) delivers nothing once the owner has been deleted: a dialog closed while its work ran never
sees the answer. A task run with ``latest="name"`` is one of a series: when a later task of the same
owner and name has been started (or :meth:`Bridge.forget` was called), the earlier one's outcome is
dropped, so a slow answer to an old question never overwrites the answer to the current one. Views
therefore keep no generation counters and wrap no callbacks by hand.

After work that changed the cache, call :meth:`Bridge.announce` with what changed ("orders",
"supervision_tasks", ...); views listen through :class:`app.views.change_watcher.ChangeWatcher`,
which marks them stale and re-queries when they are visible.

Signals
-------
``changed(object, object)``
    ``(frozenset[str] of collection names, source object or None)`` after work changed the cache.
``busy_changed(bool)``
    True while any task runs, False when all are done.
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

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
    """The bridge's one channel from the workers, created with the bridge (its parent) and never
    deleted before it: a worker's reference is never the last one, so no QObject is ever
    destroyed on a worker thread while the GUI thread delivers its queued signals. Each signal
    carries the number of the task it is about."""

    progress = Signal(int, object)
    succeeded = Signal(int, object)
    failed = Signal(int, object, str)  # task, exception, formatted traceback (for logs only)
    finished = Signal(int)


@dataclass(eq=False)
class Task:
    """A handle on submitted work: ``cancel()`` asks it to stop; ``key`` de-duplicates.

    ``owner`` and ``series`` decide whether its outcome is still wanted (see :class:`Bridge`).
    """

    name: str
    key: str | None
    owner: QObject | None = None
    series: tuple[int, str] | None = None
    cancel_event: threading.Event = field(default_factory=threading.Event)
    done: bool = False

    def cancel(self) -> None:
        self.cancel_event.set()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskContext], Any], task: Task, number: int,
                 signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._task = task
        self._number = number
        self._signals = signals

    def run(self) -> None:
        number = self._number
        ctx = TaskContext(self._task.cancel_event,
                          lambda value: self._emit(self._signals.progress, number, value))
        try:
            result = self._fn(ctx)
        except BaseException as e:  # noqa: BLE001 - every failure goes to on_failure, on the GUI thread
            self._emit(self._signals.failed, number, e, traceback.format_exc())
        else:
            self._emit(self._signals.succeeded, number, result)
        finally:
            self._emit(self._signals.finished, number)

    def _emit(self, signal: Any, *args: object) -> None:
        """Send an outcome to the GUI thread. If the bridge was torn down meanwhile (the end of the
        application, or of a test), PySide has deleted the signals' object: nobody is listening,
        and the worker ends quietly instead of raising from the thread pool."""
        try:
            signal.emit(*args)
        except RuntimeError as exc:
            log.debug("%s: its outcome has nobody to go to (%s)", self._task.name, exc)


@dataclass(eq=False)
class _Delivery:
    """Where one running task's outcome goes, on the GUI thread."""

    task: Task
    progress: Callable[[Any], None]
    succeeded: Callable[[Any], None]
    failed: Callable[[BaseException, str], None]
    finished: Callable[[], None]


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
        self._running: dict[int, _Delivery] = {}
        self._by_key: dict[str, Task] = {}
        self._latest: dict[tuple[int, str], Task] = {}
        self._numbers = itertools.count(1)
        self._signals = _Signals(self)
        self._signals.progress.connect(self._progress)
        self._signals.succeeded.connect(self._succeeded)
        self._signals.failed.connect(self._failed)
        self._signals.finished.connect(self._finished)

    # -- submitting ------------------------------------------------------------------------------

    def run(
        self,
        fn: Callable[[TaskContext], Any],
        *,
        name: str,
        lane: Lane = Lane.READ,
        key: str | None = None,
        owner: QObject | None = None,
        latest: str | None = None,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        on_finished: Callable[[], None] | None = None,
        on_dropped: Callable[[Any], None] | None = None,
    ) -> Task | None:
        """Run ``fn(ctx)`` on a worker. Returns None (and runs nothing) if a task with the same
        ``key`` is still running: a sync started while one runs is not started twice.

        With an ``owner``, the callbacks run only while the owner exists. With ``latest``, only the
        newest task of that name (per owner) delivers: starting another one, or
        :meth:`forget`, drops the outcome of the ones before it. A dropped task still runs to its
        end (a write is never cut short), and ``on_finished`` is dropped with the rest.
        ``on_dropped`` receives what a superseded task produced (its result, or the exception) when
        that must be released or accounted for (an opened cache to close); it is not called once
        the owner is gone.
        """
        if key is not None and key in self._by_key:
            log.info("%s is already running; not starting it twice", key)
            return None
        series = (id(owner), latest) if latest is not None else None
        task = Task(name=name, key=key, owner=owner, series=series)
        if series is not None:
            self._latest[series] = task

        def deliver(callback: Callable[..., None] | None) -> Callable[..., None]:
            def guarded(*args: Any) -> None:
                if callback is not None and self._wanted(task):
                    callback(*args)

            return guarded

        def dropped(outcome: object) -> None:
            if on_dropped is not None and not self._wanted(task) and (
                    task.owner is None or shiboken6.isValid(task.owner)):
                on_dropped(outcome)

        def settle() -> None:
            """The work is over: say so before its outcome is handed on, so that a callback
            may start the same work again (``key``) and sees this task as done."""
            task.done = True
            if key is not None and self._by_key.get(key) is task:
                del self._by_key[key]

        on_succeeded = deliver(on_success)

        def succeeded(result: object) -> None:
            settle()
            on_succeeded(result)
            dropped(result)

        on_failed = deliver(on_failure)

        def failed(exc: BaseException, tb: str) -> None:
            log.warning("%s failed: %s\n%s", name, exc, tb)
            settle()
            on_failed(exc)
            dropped(exc)

        on_done = deliver(on_finished)

        def finished() -> None:
            settle()
            on_done()
            if series is not None and self._latest.get(series) is task:
                del self._latest[series]
            task.owner = None

        number = next(self._numbers)
        was_idle = not self._running
        self._running[number] = _Delivery(task, deliver(on_progress), succeeded, failed, finished)
        if key is not None:
            self._by_key[key] = task
        pool = self._write if lane is Lane.WRITE else self._read
        pool.start(_Runnable(fn, task, number, self._signals))
        if was_idle:
            self.busy_changed.emit(True)
        return task

    # -- delivering (GUI thread) -----------------------------------------------------------------

    @Slot(int, object)
    def _progress(self, number: int, value: object) -> None:
        delivery = self._running.get(number)
        if delivery is not None:
            delivery.progress(value)

    @Slot(int, object)
    def _succeeded(self, number: int, result: object) -> None:
        delivery = self._running.get(number)
        if delivery is not None:
            delivery.succeeded(result)

    @Slot(int, object, str)
    def _failed(self, number: int, exc: BaseException, tb: str) -> None:
        delivery = self._running.get(number)
        if delivery is not None:
            delivery.failed(exc, tb)

    @Slot(int)
    def _finished(self, number: int) -> None:
        delivery = self._running.pop(number, None)
        if delivery is None:
            return
        delivery.finished()
        if not self._running:
            self.busy_changed.emit(False)

    def _wanted(self, task: Task) -> bool:
        """Whether ``task``'s outcome still has somewhere to go (see :meth:`run`)."""
        if task.owner is not None and not shiboken6.isValid(task.owner):
            return False
        return task.series is None or self._latest.get(task.series) is task

    def forget(self, owner: QObject | None, latest: str) -> None:
        """Drop the outcome of ``owner``'s running ``latest`` task, if any (the question it
        answers is no longer asked, e.g. the selection was cleared)."""
        self._latest.pop((id(owner), latest), None)

    def running(self, key: str) -> Task | None:
        return self._by_key.get(key)

    def is_busy(self) -> bool:
        return bool(self._running)

    @Slot()
    def cancel_all(self) -> None:
        for delivery in list(self._running.values()):
            delivery.task.cancel()

    def announce(self, collections: set[str] | frozenset[str], source: object = None) -> None:
        """Tell the views that the cache changed."""
        self.changed.emit(frozenset(collections), source)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until both lanes are empty (shutdown and tests only)."""
        return self._read.waitForDone(msecs) and self._write.waitForDone(msecs)

