"""The bridge drops what nobody wants any more: results for a deleted owner, and results of a task
that a later one of the same series replaced. And the change watcher's one refresh policy."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from app.views.bridge import Bridge, Lane, TaskContext
from app.views.change_watcher import ChangeWatcher

pytestmark = pytest.mark.gui


def _gated(gate: threading.Event, value: object) -> Any:
    def work(_ctx: TaskContext) -> object:
        assert gate.wait(10)
        return value

    return work


def test_latest_only_drops_the_earlier_result(qtbot: Any) -> None:
    bridge = Bridge()
    owner = QWidget()
    qtbot.addWidget(owner)
    got: list[object] = []
    finished: list[object] = []
    first_gate, second_gate = threading.Event(), threading.Event()
    first = bridge.run(_gated(first_gate, "old"), name="t", owner=owner, latest="list",
                       on_success=got.append, on_finished=lambda: finished.append("old"))
    second = bridge.run(_gated(second_gate, "new"), name="t", owner=owner, latest="list",
                        on_success=got.append, on_finished=lambda: finished.append("new"))
    assert first is not None and second is not None
    first_gate.set()  # the old answer arrives first: it must not be shown
    qtbot.waitUntil(lambda: first.done)
    assert got == [] and finished == []
    second_gate.set()
    qtbot.waitUntil(lambda: second.done)
    assert got == ["new"]
    assert finished == ["new"]
    assert bridge._latest == {}


def test_series_are_per_owner_and_per_name(qtbot: Any) -> None:
    bridge = Bridge()
    a, b = QWidget(), QWidget()
    qtbot.addWidget(a)
    qtbot.addWidget(b)
    got: list[object] = []
    for owner, latest, value in ((a, "list", 1), (b, "list", 2), (a, "detail", 3)):
        bridge.run(lambda _ctx, v=value: v, name="t", owner=owner, latest=latest,
                   on_success=got.append)
    qtbot.waitUntil(lambda: not bridge.is_busy())
    assert sorted(got) == [1, 2, 3]  # type: ignore[type-var]


def test_forget_drops_a_running_result(qtbot: Any) -> None:
    bridge = Bridge()
    owner = QWidget()
    qtbot.addWidget(owner)
    got: list[object] = []
    gate = threading.Event()
    task = bridge.run(_gated(gate, "x"), name="t", owner=owner, latest="detail",
                      on_success=got.append, on_failure=got.append)
    assert task is not None
    bridge.forget(owner, "detail")
    gate.set()
    qtbot.waitUntil(lambda: task.done)
    assert got == []


def test_a_deleted_owner_gets_nothing(qtbot: Any) -> None:
    bridge = Bridge()
    owner = QWidget()
    got: list[object] = []
    gate = threading.Event()

    def fail(_ctx: TaskContext) -> None:
        assert gate.wait(10)
        raise RuntimeError("late")

    task = bridge.run(fail, name="t", lane=Lane.WRITE, owner=owner,
                      on_failure=got.append, on_finished=lambda: got.append("finished"))
    assert task is not None
    owner.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(owner))
    gate.set()
    qtbot.waitUntil(lambda: task.done)
    assert got == []


def test_without_owner_every_outcome_is_delivered(qtbot: Any) -> None:
    bridge = Bridge()
    got: list[object] = []
    with qtbot.waitSignal(bridge.busy_changed, check_params_cb=lambda busy: not busy):
        bridge.run(lambda ctx: ctx.report(1) or 2, name="t", on_progress=got.append,
                   on_success=got.append, on_finished=lambda: got.append("finished"))
    assert got == [1, 2, "finished"]


def test_watcher_refreshes_visible_views_and_recounts_hidden_ones(qtbot: Any) -> None:
    bridge = Bridge()
    view = QWidget()
    qtbot.addWidget(view)
    calls: list[str] = []
    ChangeWatcher(view, bridge, {"orders"}, lambda: calls.append("refresh"),
                  recount=lambda: calls.append("recount"), delay_ms=1)
    bridge.announce({"demands"})  # not watched
    bridge.announce({"orders"})  # hidden: only the count
    qtbot.waitUntil(lambda: calls == ["recount"])
    view.show()  # stale and now seen: the list at once
    assert calls == ["recount", "refresh"]
    bridge.announce({"orders"})
    bridge.announce({"orders"})  # one burst, one refresh
    qtbot.waitUntil(lambda: calls == ["recount", "refresh", "refresh"])


def test_watcher_without_recount_waits_until_shown(qtbot: Any) -> None:
    bridge = Bridge()
    view = QWidget()
    qtbot.addWidget(view)
    calls: list[str] = []
    watcher = ChangeWatcher(view, bridge, {"orders"}, lambda: calls.append("refresh"), delay_ms=1)
    bridge.announce({"orders"})
    assert watcher.stale and not watcher.timer.isActive()
    view.show()
    assert calls == ["refresh"] and not watcher.stale


def test_a_superseded_result_goes_to_on_dropped(qtbot: Any) -> None:
    bridge = Bridge()
    owner = QWidget()
    qtbot.addWidget(owner)
    got: list[object] = []
    dropped: list[object] = []
    gate = threading.Event()
    first = bridge.run(_gated(gate, "old cache"), name="t", owner=owner, latest="open",
                       on_success=got.append, on_dropped=dropped.append)
    second = bridge.run(lambda _ctx: "new cache", name="t", owner=owner, latest="open",
                        on_success=got.append, on_dropped=dropped.append)
    assert first is not None and second is not None
    qtbot.waitUntil(lambda: second.done)
    gate.set()
    qtbot.waitUntil(lambda: first.done)
    assert got == ["new cache"]
    assert dropped == ["old cache"]


def test_a_task_is_done_when_its_outcome_arrives(qtbot: Any) -> None:
    """A success callback may start the same keyed work again at once (an export after an
    export): the finished task no longer blocks its key."""
    bridge = Bridge()
    seen: list[object] = []

    def again(result: object) -> None:
        seen.append(result)
        if result == 1:
            seen.append(bridge.run(lambda _ctx: 2, name="t", key="k", on_success=again) is not None)

    first = bridge.run(lambda _ctx: 1, name="t", key="k", on_success=again)
    assert first is not None
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [1, True, 2]


def test_every_outcome_arrives_in_order_through_the_bridges_one_channel(qtbot: Any) -> None:
    """CI ended once in a segmentation fault on the GUI thread while a worker ran: each task had
    a signals object of its own, whose last reference could be dropped on the worker thread (the
    QObject destroyed there while the GUI thread delivered its queued signals). One channel now
    lives as long as the bridge: hundreds of quick tasks on both lanes deliver every progress,
    outcome and end in order, and leave the bridge with no more objects than it had."""
    bridge = Bridge()
    before = len(bridge.children())
    events: dict[int, list[str]] = {}

    def work(n: int) -> Any:
        def run(ctx: TaskContext) -> int:
            ctx.report(n)
            if n % 7 == 0:
                raise ValueError(n)
            return n

        return run

    for n in range(300):
        seen = events.setdefault(n, [])
        bridge.run(work(n), name="t", lane=Lane.WRITE if n % 3 == 0 else Lane.READ,
                   on_progress=lambda v, s=seen, n=n: s.append(f"p{v}") if v == n else None,
                   on_success=lambda r, s=seen: s.append(f"s{r}"),
                   on_failure=lambda e, s=seen: s.append(f"f{e}"),
                   on_finished=lambda s=seen: s.append("end"))
    qtbot.waitUntil(lambda: not bridge.is_busy(), timeout=30000)
    for n, seen in events.items():
        assert seen == [f"p{n}", f"f{n}" if n % 7 == 0 else f"s{n}", "end"], (n, seen)
    assert len(bridge.children()) == before
    bridge.wait_idle()
