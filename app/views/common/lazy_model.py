"""The table model of the big lists: an ordered list of row ids, rows read lazily a block at a time.

Like Anki's browser, the model never holds the records themselves: it holds the SQLite ``rowid``
of every row the current query lists, in SQL order (an ``array('q')``: 8 MB for a million rows),
and a small LRU cache of row blocks (``block`` rows each, at most ``max_blocks``). A block is read
with one indexed query of a few hundred rows the first time the view paints one of its rows: a
small read, done on the GUI thread (SQLite in WAL mode never makes a reader wait for the writer).

Filtering and sorting happen in SQL. A query (:meth:`LazyIdModel.run_query`) reads the id list on
the bridge's READ lane. With ``first_page_rows`` set, a new query reads that many rows first (a
few milliseconds), which the model shows at once, then the whole list, whose remaining rows are
appended (``rowsInserted``: scroll position and selection stay). The worker starts reading the
whole list only once the first page is on the screen (the event loop went round after the swap,
so its paint is done), or after :data:`FIRST_PAGE_WAIT_S` at most: on a busy 2-core machine (a
sync writing, other programs) the long read would otherwise take CPU from the GUI thread while it
paints the first rows. Otherwise, and for a refresh, the whole list is swapped in with one model
reset. Across every swap the view's
selection and current row are kept by row id (:meth:`LazyIdModel.attach_selection`). Only the
answer to the latest query is shown: the bridge drops the others (``latest=``), and nothing
arrives once the model is gone (``owner=``).

An area's model subclasses :class:`LazyIdModel` and adds only its columns, labels and queries:
:meth:`~LazyIdModel.read_ids`, :meth:`~LazyIdModel.read_rows`, ``columnCount``, ``headerData`` and
``data`` (reading rows with :meth:`~LazyIdModel.row_at`).

Signals
-------
``countChanged(int)``
    The number of rows listed, after each swap.
``queryStarted()``
    A query for a new id list was sent.
``firstRowsShown()``
    The first rows of the latest query are in the table: its first page or, for a short list or
    a refresh, the whole list.
``queryFinished()``
    The whole id list of the latest query is in the table.
``queryFailed(str)``
    The latest query failed; the text is for the user (the old list stays).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from sqlalchemy import Engine

from app.views.bridge import Bridge, Lane, TaskContext
from app.views.common.failures import cache_read_failure_text, failure_text

log = logging.getLogger("seller_console.views")

#: A selection larger than this is not carried across a reset (only the current row is).
MAX_KEPT_SELECTION = 10_000
#: The bridge series of a model's id queries (``latest=``): only the newest one delivers.
IDS = "ids"
#: Longest wait of a query's worker for its first page to be painted before it reads the rest.
FIRST_PAGE_WAIT_S = 1.0

Index = QModelIndex | QPersistentModelIndex

Q = TypeVar("Q")  # a query: the filter and sort of the list
R = TypeVar("R")  # a row as read from the cache

_ITEM_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
               | Qt.ItemFlag.ItemNeverHasChildren)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags

#: An answer: the ids in order, and where the rows selected when it was asked now are.
_Answer = tuple["array[int]", dict[int, int]]


class LazyIdModel(QAbstractTableModel, Generic[Q, R]):
    """Rows of one query, in SQL order, read lazily. See the module docstring for the signals.

    ``name`` names the bridge tasks (``<name>.ids``); ``what`` names the rows in the log.
    """

    countChanged = Signal(int)
    queryStarted = Signal()
    firstRowsShown = Signal()
    queryFinished = Signal()
    queryFailed = Signal(str)

    def __init__(self, engine: Engine | None, bridge: Bridge, query: Q,
                 parent: QObject | None = None, *, name: str, what: str = "rows",
                 block: int = 200, max_blocks: int = 24,
                 first_page_rows: int | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._bridge = bridge
        self._name = name
        self._what = what
        self.block = block
        self.max_blocks = max_blocks
        self.first_page_rows = first_page_rows
        self._ids: array[int] = array("q")
        self._blocks: OrderedDict[int, dict[int, R]] = OrderedDict()
        self._query = query  # what the list shows
        self._pending: Q | None = None  # asked for, not yet shown
        self._queried = False
        self._first_rows: array[int] | None = None  # the first page, while the rest is read
        # Set once the latest query's first page is painted (its worker then reads the rest).
        self._head_shown = threading.Event()
        self._selection: QItemSelectionModel | None = None

    # -- what an area's model says ----------------------------------------------------------------

    def read_ids(self, engine: Engine, query: Q, limit: int | None) -> array[int]:
        """The rowids ``query`` lists, in order (at most ``limit``). Runs on a worker."""
        raise NotImplementedError

    def read_rows(self, engine: Engine, rowids: Sequence[int]) -> dict[int, R]:
        """The rows of ``rowids`` by rowid (one block; a rowid gone from the cache is left out)."""
        raise NotImplementedError

    def rows_dropped(self, rows: Iterable[int]) -> None:
        """The rows of these rowids left the block cache (an area's model may forget what it
        made of them)."""

    def rows_cleared(self) -> None:
        """Every cached row was dropped (the list was swapped)."""

    # -- Qt ---------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._ids)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ITEM_FLAGS if index.isValid() else _NO_FLAGS

    # -- rows -------------------------------------------------------------------------------------

    @property
    def engine(self) -> Engine | None:
        return self._engine

    @property
    def current_query(self) -> Q:
        """The latest query (what the list shows, or will once its answer arrives)."""
        return self._pending if self._pending is not None else self._query

    @property
    def pending(self) -> bool:
        """True while the answer to the latest query has not arrived."""
        return self._pending is not None

    def rowid_at(self, row: int) -> int:
        return self._ids[row]

    def row_ids(self) -> array[int]:
        """The listed rowids in order (do not modify; it is swapped whole on each query)."""
        return self._ids

    def row_of(self, rowid: int) -> int:
        """The row showing ``rowid``, or -1 (a scan of the list: call it for a few ids only)."""
        try:
            return self._ids.index(rowid)
        except ValueError:
            return -1

    def row_at(self, row: int) -> R | None:
        """The record on ``row``, read with its block if not cached; None if it left the cache
        (or no cache is open)."""
        block_no = row // self.block
        block = self._blocks.get(block_no)
        if block is None:
            if self._engine is None:
                return None
            block = self._fetch_block(self._engine, block_no)
        else:
            self._blocks.move_to_end(block_no)
        return block.get(self._ids[row])

    def cached_blocks(self) -> int:
        return len(self._blocks)

    def _fetch_block(self, engine: Engine, block_no: int) -> dict[int, R]:
        wanted = self._ids[block_no * self.block:(block_no + 1) * self.block]
        try:
            block = self.read_rows(engine, wanted)
        except Exception as exc:  # noqa: BLE001 - a cache that went away: a message, not a crash
            # Damage found after the cache opened (a bad page deep in the file) reaches the
            # user as a message, not as blank rows (issue 15 §1).
            log.exception("could not read a block of %s", self._what)
            self.queryFailed.emit(cache_read_failure_text(exc))
            block = {}
        self._blocks[block_no] = block
        while len(self._blocks) > self.max_blocks:
            _old, dropped = self._blocks.popitem(last=False)
            self.rows_dropped(dropped)
        return block

    def _swap(self, ids: array[int]) -> None:
        """Show ``ids`` instead of the list (one model reset; cached rows are dropped)."""
        self.beginResetModel()
        self._ids = ids
        self._blocks.clear()
        self.rows_cleared()
        self.endResetModel()

    # -- queries ----------------------------------------------------------------------------------

    def attach_selection(self, selection: QItemSelectionModel | None) -> None:
        """The view's selection, kept (by row id) across every swap of the id list."""
        self._selection = selection

    def clear(self, engine: Engine | None) -> None:
        """Show an empty list of ``engine`` (another cache, or None); an answer on the way is
        dropped."""
        self._engine = engine
        self._bridge.forget(self, IDS)
        if self._pending is not None:  # the query asked for stays the list's query
            self._query, self._pending = self._pending, None
        self._first_rows = None
        self._head_shown.set()  # a worker waiting for its first page to show goes on (dropped)
        self._swap(array("q"))
        self.countChanged.emit(0)

    def run_query(self, query: Q, *, first_page: bool = True) -> None:
        """List the rows of ``query``. ``first_page``: show the first rows as soon as they are
        read (a new filter or sort; only if the model has ``first_page_rows``); else swap the
        whole list in at once (a refresh). Without a cache, only remember the query."""
        engine = self._engine
        if engine is None:
            self._bridge.forget(self, IDS)
            self._query, self._pending = query, None
            return
        self._queried = True
        self._pending = query
        self._first_rows = None
        keep = self._selected_rowids()
        head_size = self.first_page_rows if first_page else None
        self._head_shown.set()  # the query before this one needs no answer any more
        head_shown = self._head_shown = threading.Event()

        def work(ctx: TaskContext) -> _Answer:
            if head_size is not None:
                head = self.read_ids(engine, query, head_size)
                if len(head) < head_size:  # that is the whole list
                    return head, positions_of(head, keep)
                ctx.report((head, positions_of(head, keep)))
                # The rest once the first page is painted: its read would slow the paint down.
                head_shown.wait(FIRST_PAGE_WAIT_S)
            found = self.read_ids(engine, query, None)
            return found, positions_of(found, keep)

        self.queryStarted.emit()
        self._bridge.run(
            work, name=f"{self._name}.ids", lane=Lane.READ, owner=self, latest=IDS,
            on_progress=self._first_page_arrived,
            on_success=lambda answer: self._arrived(query, answer),
            on_failure=self._failed,
        )

    def has_queried(self) -> bool:
        """Whether a query ran since the model was made."""
        return self._queried

    def _first_page_arrived(self, answer: _Answer) -> None:
        head, positions = answer
        current = self._current_rowid()
        self._swap(head)
        self._first_rows = head
        self._restore_selection(positions, current)
        self.firstRowsShown.emit()
        # A zero timer fires after the events already queued: the paint of the first rows.
        QTimer.singleShot(0, self._head_shown.set)

    def _arrived(self, query: Q, answer: _Answer) -> None:
        ids, positions = answer
        head, self._first_rows = self._first_rows, None
        self._query = query
        self._pending = None
        if head is not None and self._ids is head and ids[:len(head)] == head:
            # The first page is already shown: append the rest (view and selection stay put).
            if len(ids) > len(head):
                self.beginInsertRows(QModelIndex(), len(head), len(ids) - 1)
                self._ids = ids
                self.endInsertRows()
            sel = self._selection
            if sel is not None and shiboken6.isValid(sel) and not sel.hasSelection():
                self._restore_selection(positions, None)
        else:
            current = self._current_rowid()
            self._swap(ids)
            self._restore_selection(positions, current)
            self.firstRowsShown.emit()
        self.countChanged.emit(len(ids))
        self.queryFinished.emit()

    def _failed(self, exc: BaseException) -> None:
        self._pending = None
        self.queryFailed.emit(failure_text(exc))

    # -- keeping the selection --------------------------------------------------------------------

    def _selected_rowids(self) -> list[int]:
        """The current row's rowid first, then the selected rows' (none if there are too many)."""
        sel = self._selection
        if sel is None or not shiboken6.isValid(sel):
            return []
        out: list[int] = []
        current = sel.currentIndex()
        if current.isValid() and current.row() < len(self._ids):
            out.append(self._ids[current.row()])
        total = 0
        for rng in sel.selection().toList():
            total += rng.bottom() - rng.top() + 1
            if total > MAX_KEPT_SELECTION:
                return out[:1]
            out.extend(self._ids[rng.top():rng.bottom() + 1])
        return out

    def _current_rowid(self) -> int | None:
        sel = self._selection
        if sel is None or not shiboken6.isValid(sel):
            return None
        current = sel.currentIndex()
        if current.isValid() and current.row() < len(self._ids):
            return self._ids[current.row()]
        return None

    def _restore_selection(self, positions: dict[int, int], current: int | None) -> None:
        sel = self._selection
        if sel is None or not shiboken6.isValid(sel) or not positions:
            return
        selection = QItemSelection()
        last = self.columnCount() - 1
        for top, bottom in _runs(sorted(positions.values())):
            selection.select(self.index(top, 0), self.index(bottom, last))
        flags = QItemSelectionModel.SelectionFlag
        if current is not None and current in positions:
            sel.setCurrentIndex(self.index(positions[current], 0), flags.NoUpdate)
        sel.select(selection, flags.ClearAndSelect | flags.Rows)

    # -- text -------------------------------------------------------------------------------------

    def all_changed(self) -> None:
        """Every header title and cell changed (the interface language did)."""
        columns = self.columnCount()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, columns - 1))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        raise NotImplementedError


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of consecutive rows: one selection range per run."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def positions_of(ids: array[int], wanted: Iterable[int]) -> dict[int, int]:
    """Where each wanted rowid sits in ``ids`` (one pass; runs on the worker)."""
    want = set(wanted)
    if not want:
        return {}
    if len(want) <= 4:
        out: dict[int, int] = {}
        for rid in want:
            with contextlib.suppress(ValueError):
                out[rid] = ids.index(rid)
        return out
    return {rid: row for row, rid in enumerate(ids) if rid in want}
