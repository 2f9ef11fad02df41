"""The orders table model: an ordered list of row ids, rows fetched lazily a block at a time.

Like Anki's browser, the model never holds the orders themselves: it holds the ``orders.rowid`` of
the current filter in SQL order (an ``array('q')``: 8 MB for a million orders) and a small LRU
cache of row blocks (:data:`BLOCK` rows each, at most :data:`MAX_BLOCKS`). A block is read with one
indexed query of a few hundred rows the first time the view paints one of its rows: a small read,
done on the GUI thread (SQLite in WAL mode never makes a reader wait for the writer).

Filtering and sorting happen in SQL. A new filter or sort runs :func:`orders_query.ids` on the
bridge's READ lane, first for the first :data:`FIRST_PAGE` rows (a few milliseconds), which the
model shows at once, then for the whole list, whose remaining rows are appended (``rowsInserted``:
scroll position and selection stay). A refresh of the same filter reads the whole list and swaps it
in (a model reset), restoring the selection and current row by row id. An answer to an older query
(the user typed on, or switched profile) is dropped.

Signals
-------
``countChanged(int)``
    The number of orders listed, after each swap.
``queryStarted()``
    A query for a new id list was sent (the view shows "Searching…").
``firstRowsShown()``
    The first rows of the latest query are in the table: its first page (read first, with
    ``LIMIT``, while the whole list is read) or, for a short list or a refresh, the whole list.
``queryFinished()``
    The whole id list of the latest query is in the table.
``queryFailed(str)``
    The latest query failed; the text is for the user (the old list stays).
"""

from __future__ import annotations

import contextlib
import logging
from array import array
from collections import OrderedDict
from collections.abc import Iterable
from datetime import tzinfo
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from sqlalchemy import Engine

from app.services import orders_query
from app.services.orders_query import OrderFilter, OrderRow, SortColumn
from app.views.bridge import Bridge, Lane, TaskContext
from app.views.orders.labels import COLUMNS, Column, Labels

log = logging.getLogger("seller_console.views")

#: Rows per lazily fetched block, and how many blocks the model keeps.
BLOCK = 200
MAX_BLOCKS = 24
#: Rows read first for a new filter or sort, shown while the whole list is read.
FIRST_PAGE = 3 * BLOCK
#: A selection larger than this is not carried across a reset (only the current row is).
MAX_KEPT_SELECTION = 10_000

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ITEM_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
               | Qt.ItemFlag.ItemNeverHasChildren)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


_OTHER_ROLES = frozenset({_TOOLTIP, int(Qt.ItemDataRole.UserRole) + 1,
                          int(Qt.ItemDataRole.UserRole) + 2})


class OrdersTableModel(QAbstractTableModel):
    """Orders of one filter, in SQL order, read lazily. See the module docstring for signals."""

    countChanged = Signal(int)
    queryStarted = Signal()
    firstRowsShown = Signal()
    queryFinished = Signal()
    queryFailed = Signal(str)

    #: ``data(index, RowIdRole)`` -> the order's ``orders.rowid``.
    RowIdRole = Qt.ItemDataRole.UserRole + 1
    #: ``data(index, OrderIdRole)`` -> the order id.
    OrderIdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(
        self,
        engine: Engine,
        bridge: Bridge,
        parent: QObject | None = None,
        *,
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._bridge = bridge
        self._tz = tz
        self._ids: array[int] = array("q")
        self._blocks: OrderedDict[int, dict[int, OrderRow]] = OrderedDict()
        # rowid -> every column's text, made once per row while its block is cached (painting
        # asks for each cell again on every frame).
        self._texts: dict[int, tuple[str, ...]] = {}
        self._filter = OrderFilter()
        self._generation = 0
        self._pending: OrderFilter | None = None
        self._first_page: array[int] | None = None  # shown while the whole list is read
        self._selection: QItemSelectionModel | None = None
        self._labels = Labels.current()
        self.columns: tuple[Column, ...] = COLUMNS

    # -- what the model shows ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ITEM_FLAGS if index.isValid() else _NO_FLAGS

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        col = self.columns[section]
        if role == _DISPLAY:
            return self._labels.titles[col.key]
        if role == _ALIGNMENT and col.right_aligned:
            return _RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every painted cell: keep the common path short.
        if role == _DISPLAY:
            row = index.row()
            if not index.isValid() or not 0 <= row < len(self._ids):
                return None
            texts = self._texts.get(self._ids[row])
            if texts is None:
                order = self.order_at(row)
                if order is None:  # the order left the cache after the list was made
                    return "—"
                texts = self._texts[order.rowid] = tuple(
                    self._labels.cell(c.key, order, self._tz) for c in self.columns)
            return texts[index.column()]
        if role == _ALIGNMENT:
            return _RIGHT if self.columns[index.column()].right_aligned else _LEFT
        if role not in _OTHER_ROLES or not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == self.RowIdRole:
            return self._ids[index.row()]
        order = self.order_at(index.row())
        if order is None:
            return None
        if role == self.OrderIdRole:
            return order.id
        if self.columns[index.column()].key in ("customer", "account", "customer_id"):
            return "\n".join(v for v in (order.customer_real_name, order.customer_name,
                                         order.customer_id) if v)
        return None

    # -- rows -------------------------------------------------------------------------------------

    @property
    def current_filter(self) -> OrderFilter:
        """The filter of the latest query (what the list shows, or will once it arrives)."""
        return self._pending if self._pending is not None else self._filter

    def row_ids(self) -> array[int]:
        """The listed rowids in order (do not modify; it is swapped whole on each query)."""
        return self._ids

    def row_of(self, rowid: int) -> int:
        """The row showing ``rowid``, or -1 (a scan of the list: call it for a few ids only)."""
        try:
            return self._ids.index(rowid)
        except ValueError:
            return -1

    def order_at(self, row: int) -> OrderRow | None:
        """The order on ``row``, read with its block if not cached; None if it left the cache."""
        block_no = row // BLOCK
        block = self._blocks.get(block_no)
        if block is None:
            block = self._fetch_block(block_no)
        else:
            self._blocks.move_to_end(block_no)
        return block.get(self._ids[row])

    def _fetch_block(self, block_no: int) -> dict[int, OrderRow]:
        wanted = self._ids[block_no * BLOCK:(block_no + 1) * BLOCK]
        try:
            block = orders_query.rows_by_rowid(self._engine, wanted)
        except Exception:  # noqa: BLE001 - a cache that went away shows empty rows, not a crash
            log.exception("could not read a block of orders")
            block = {}
        self._blocks[block_no] = block
        while len(self._blocks) > MAX_BLOCKS:
            _old, dropped = self._blocks.popitem(last=False)
            for rowid in dropped:
                self._texts.pop(rowid, None)
        return block

    def _clear_rows(self) -> None:
        self._blocks.clear()
        self._texts.clear()

    def cached_blocks(self) -> int:
        return len(self._blocks)

    # -- queries ----------------------------------------------------------------------------------

    def attach_selection(self, selection: QItemSelectionModel | None) -> None:
        """The view's selection, kept (by row id) across every swap of the id list."""
        self._selection = selection

    def set_engine(self, engine: Engine) -> None:
        """Show another cache (profile switch): the list empties, then the same filter re-runs."""
        self._engine = engine
        self._generation += 1  # an answer from the old cache is dropped
        self.beginResetModel()
        self._ids = array("q")
        self._clear_rows()
        self.endResetModel()
        self.countChanged.emit(0)
        self.set_filter(self.current_filter, force=True)

    def set_filter(self, f: OrderFilter, *, force: bool = False) -> None:
        """List the orders of ``f`` (its sort included). Nothing happens if it is the filter
        already shown or asked for, unless ``force``."""
        if not force and f == self.current_filter and self._generation > 0:
            return
        self._run(f, first_page=True)

    def refresh(self) -> None:
        """Query the current filter again (the cache changed), keeping selection and current row."""
        self._run(self.current_filter, first_page=False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by the column's index (the header asks for this)."""
        if not 0 <= column < len(self.columns):
            return
        sort: SortColumn = self.columns[column].sort
        self.set_filter(self.current_filter.sorted_by(
            sort, order == Qt.SortOrder.DescendingOrder))

    def _run(self, f: OrderFilter, *, first_page: bool) -> None:
        self._generation += 1
        generation = self._generation
        self._pending = f
        self._first_page = None
        engine = self._engine
        keep = self._selected_rowids()

        def work(ctx: TaskContext) -> tuple[array[int], dict[int, int]]:
            if first_page:
                head = orders_query.ids(engine, f, limit=FIRST_PAGE)
                if len(head) < FIRST_PAGE:  # that is the whole list
                    return head, positions_of(head, keep)
                ctx.report((head, positions_of(head, keep)))
            found = orders_query.ids(engine, f)
            return found, positions_of(found, keep)

        self.queryStarted.emit()
        self._bridge.run(
            work, name="orders.ids", lane=Lane.READ,
            on_progress=lambda part: self._page_arrived(generation, part),
            on_success=lambda result: self._arrived(generation, f, result),
            on_failure=lambda exc: self._failed(generation, exc),
        )

    def _page_arrived(self, generation: int, part: tuple[array[int], dict[int, int]]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        head, positions = part
        current = self._current_rowid()
        self.beginResetModel()
        self._ids = head
        self._clear_rows()
        self.endResetModel()
        self._first_page = head
        self._restore_selection(positions, current)
        self.firstRowsShown.emit()

    def _arrived(self, generation: int, f: OrderFilter,
                 result: tuple[array[int], dict[int, int]]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # the model is gone, or a newer query was sent since
        ids, positions = result
        head, self._first_page = self._first_page, None
        self._filter = f
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
            self.beginResetModel()
            self._ids = ids
            self._clear_rows()
            self.endResetModel()
            self._restore_selection(positions, current)
            self.firstRowsShown.emit()
        self.countChanged.emit(len(ids))
        self.queryFinished.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._pending = None
        self.queryFailed.emit(str(exc) or type(exc).__name__)

    # -- keeping the selection --------------------------------------------------------------------

    def _selected_rowids(self) -> list[int]:
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
        last = len(self.columns) - 1
        for top, bottom in _runs(sorted(positions.values())):
            selection.select(self.index(top, 0), self.index(bottom, last))
        flags = QItemSelectionModel.SelectionFlag
        if current is not None and current in positions:
            sel.setCurrentIndex(self.index(positions[current], 0), flags.NoUpdate)
        sel.select(selection, flags.ClearAndSelect | flags.Rows)

    # -- text -------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Take the words of the new interface language (titles and raw values)."""
        self._labels = Labels.current()
        self._texts.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(self.columns) - 1))

    @property
    def labels(self) -> Labels:
        return self._labels

    @property
    def tz(self) -> tzinfo | None:
        return self._tz


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
