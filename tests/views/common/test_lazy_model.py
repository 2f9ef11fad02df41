"""The shared lazy id-list model (app.views.common.lazy_model) over a fake source: the model tester,
blocks read lazily, LRU eviction, the first page then the rest, the selection kept across a reset,
and older answers dropped.

Every wait is on a signal or a condition (the id queries run on the bridge's worker threads).
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, cast

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.views.app import pin_interpreter_singletons
from app.views.bridge import Bridge
from app.views.common.lazy_model import Index, LazyIdModel, positions_of

pin_interpreter_singletons()

pytestmark = pytest.mark.gui

WAIT_MS = 20_000
#: Not a real engine: the fake model never uses it, but "no cache open" is None.
ENGINE = cast(Engine, object())


class Source:
    """Rows ``rowid -> "row <rowid>"``; a query is ``"asc"`` or ``"desc"`` (or ``"even"``)."""

    def __init__(self, n: int) -> None:
        self.rowids = list(range(1, n + 1))
        self.block_reads: list[list[int]] = []

    def ids(self, query: str, limit: int | None) -> array[int]:
        found = [r for r in self.rowids if query != "even" or r % 2 == 0]
        if query == "desc":
            found.reverse()
        return array("q", found[:limit] if limit is not None else found)


class FakeModel(LazyIdModel[str, str]):
    def __init__(self, source: Source, bridge: Bridge, parent: QObject | None = None,
                 **kwargs: Any) -> None:
        super().__init__(ENGINE, bridge, "asc", parent, name="fake", **kwargs)
        self.source = source
        self.dropped: list[int] = []

    def read_ids(self, engine: Engine, query: str, limit: int | None) -> array[int]:
        return self.source.ids(query, limit)

    def read_rows(self, engine: Engine, rowids: Sequence[int]) -> dict[int, str]:
        self.source.block_reads.append(list(rowids))
        return {r: f"row {r}" for r in rowids if r in self.source.rowids}

    def rows_dropped(self, rows: Iterable[int]) -> None:
        self.dropped.extend(rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        row = self.row_at(index.row())
        return "—" if row is None else f"{row} / {index.column()}"


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[Bridge]:
    b = Bridge()
    yield b
    b.wait_idle()


def _query(qtbot: QtBot, model: FakeModel, query: str, **kwargs: Any) -> None:
    with qtbot.waitSignal(model.queryFinished, timeout=WAIT_MS):
        model.run_query(query, **kwargs)


def test_the_model_passes_the_model_tester(qtbot: QtBot, qtmodeltester: Any,  # noqa: ANN401
                                           bridge: Bridge) -> None:
    model = FakeModel(Source(1000), bridge, block=100, max_blocks=4)
    _query(qtbot, model, "desc")
    qtmodeltester.check(model)
    assert model.rowCount() == 1000 and model.columnCount() == 2
    assert model.data(model.index(0, 1)) == "row 1000 / 1"
    assert model.rowid_at(999) == 1 and model.row_of(1000) == 0 and model.row_of(5000) == -1
    assert model.current_query == "desc" and not model.pending


def test_rows_are_read_lazily_a_block_at_a_time(qtbot: QtBot, bridge: Bridge) -> None:
    source = Source(1000)
    model = FakeModel(source, bridge, block=100, max_blocks=4)
    _query(qtbot, model, "asc")
    assert model.cached_blocks() == 0 and source.block_reads == []  # nothing read yet
    assert model.data(model.index(5, 0)) == "row 6 / 0"
    assert source.block_reads == [list(range(1, 101))]
    model.data(model.index(99, 1))  # the same block: no read
    assert len(source.block_reads) == 1
    assert model.data(model.index(950, 0)) == "row 951 / 0"
    assert source.block_reads[-1] == list(range(901, 1001))
    assert model.cached_blocks() == 2


def test_the_least_recently_used_block_is_dropped(qtbot: QtBot, bridge: Bridge) -> None:
    source = Source(1000)
    model = FakeModel(source, bridge, block=100, max_blocks=3)
    _query(qtbot, model, "asc")
    for row in (0, 100, 200, 0):  # blocks 0, 1, 2, then 0 again: block 1 is the oldest
        model.row_at(row)
    model.row_at(300)
    assert model.cached_blocks() == 3
    assert model.dropped == list(range(101, 201))
    reads = len(source.block_reads)
    model.row_at(50)  # block 0 stayed
    assert len(source.block_reads) == reads
    model.row_at(150)  # block 1 is read again
    assert source.block_reads[-1] == list(range(101, 201))


def test_a_row_gone_from_the_cache_reads_as_none(qtbot: QtBot, bridge: Bridge) -> None:
    source = Source(10)
    model = FakeModel(source, bridge)
    _query(qtbot, model, "asc")
    source.rowids.remove(3)
    assert model.row_at(2) is None and model.data(model.index(2, 0)) == "—"


def test_the_first_page_shows_then_the_rest_is_appended(qtbot: QtBot, bridge: Bridge) -> None:
    model = FakeModel(Source(500), bridge, block=50, first_page_rows=150)
    seen: list[tuple[str, int]] = []
    model.firstRowsShown.connect(lambda: seen.append(("first", model.rowCount())))
    model.rowsInserted.connect(lambda _p, _first, last: seen.append(("appended", last + 1)))
    model.modelReset.connect(lambda: seen.append(("reset", model.rowCount())))
    _query(qtbot, model, "asc")
    assert seen == [("reset", 150), ("first", 150), ("appended", 500)]
    seen.clear()
    _query(qtbot, model, "asc", first_page=False)  # a refresh swaps the whole list at once
    assert seen == [("reset", 500), ("first", 500)]


class RestWatchingModel(FakeModel):
    """Says when the read of a whole list (no limit) starts."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rest_started = threading.Event()

    def read_ids(self, engine: Engine, query: str, limit: int | None) -> array[int]:
        if limit is None:
            self.rest_started.set()
        return super().read_ids(engine, query, limit)


def test_the_rest_is_read_once_the_first_page_is_shown(qtbot: QtBot, bridge: Bridge) -> None:
    """Issue 18 §3: the long read of the whole list must not take CPU from the GUI thread while
    it paints the first page, so it starts only after the first page is shown."""
    model = RestWatchingModel(Source(500), bridge, block=50, first_page_rows=150)
    started_while_showing: list[bool] = []
    # Waits (bounded) on the worker: the old model started the rest at once, so it was seen here.
    model.firstRowsShown.connect(
        lambda: started_while_showing.append(model.rest_started.wait(0.5)))
    _query(qtbot, model, "asc")
    assert started_while_showing == [False]
    assert model.rest_started.is_set() and model.rowCount() == 500


def test_a_new_query_does_not_wait_on_the_first_page_of_the_old_one(
        qtbot: QtBot, bridge: Bridge) -> None:
    """The worker of a query whose first page is never shown (a newer query came) goes on."""
    model = FakeModel(Source(500), bridge, block=50, first_page_rows=150)
    model.run_query("asc")
    model.run_query("desc")
    model.clear(ENGINE)  # drops both answers: neither first page is shown
    qtbot.waitUntil(lambda: not bridge.is_busy(), timeout=WAIT_MS)  # no worker left waiting
    _query(qtbot, model, "even")
    assert model.rowCount() == 250


def test_the_selection_is_kept_across_a_reset(qtbot: QtBot, bridge: Bridge) -> None:
    model = FakeModel(Source(300), bridge, block=50)
    selection = QItemSelectionModel(model)
    model.attach_selection(selection)
    _query(qtbot, model, "asc")
    flags = QItemSelectionModel.SelectionFlag
    for row in (3, 4, 250):
        selection.select(model.index(row, 0), flags.Select | flags.Rows)
    selection.setCurrentIndex(model.index(250, 0), flags.NoUpdate)
    _query(qtbot, model, "desc")  # the same rows, in the other order
    kept = sorted(model.rowid_at(i.row()) for i in selection.selectedRows())
    assert kept == [4, 5, 251]
    assert model.rowid_at(selection.currentIndex().row()) == 251
    _query(qtbot, model, "even")  # rowids 4 and 251 are not listed any more
    assert [model.rowid_at(i.row()) for i in selection.selectedRows()] == [4]
    assert not selection.currentIndex().isValid()


def test_only_the_latest_answer_is_shown(qtbot: QtBot, bridge: Bridge) -> None:
    model = FakeModel(Source(100), bridge)
    counts: list[int] = []
    model.countChanged.connect(counts.append)
    model.run_query("asc")
    _query(qtbot, model, "even")
    bridge.wait_idle()
    qtbot.waitUntil(lambda: not bridge.is_busy(), timeout=WAIT_MS)
    assert counts == [50] and model.rowCount() == 50 and model.current_query == "even"


def test_clearing_drops_the_answer_on_the_way(qtbot: QtBot, bridge: Bridge) -> None:
    model = FakeModel(Source(100), bridge)
    counts: list[int] = []
    model.countChanged.connect(counts.append)
    model.run_query("even")
    model.clear(None)  # no cache open: the list empties, the asked query stays the query
    bridge.wait_idle()
    qtbot.waitUntil(lambda: not bridge.is_busy(), timeout=WAIT_MS)
    assert counts == [0] and model.rowCount() == 0 and not model.pending
    assert model.current_query == "even" and model.row_at(0) is None
    model.run_query("asc")  # without a cache: only remembered
    assert not model.pending and model.current_query == "asc"


def test_positions_of_finds_few_and_many() -> None:
    ids = array("q", [9, 7, 5, 3, 1])
    assert positions_of(ids, [5, 42]) == {5: 2}
    assert positions_of(ids, [1, 3, 5, 7, 9, 42]) == {9: 0, 7: 1, 5: 2, 3: 3, 1: 4}
    assert positions_of(ids, []) == {}
