"""The supervision task list model: an ordered list of task rowids, rows read lazily by block.

The same shape as the orders table (``app.views.orders.model``), smaller: the filter runs in SQL
on the bridge's READ lane (:func:`app.services.supervision_query.ids`), the answer replaces the
list in one reset, and rows are read :data:`BLOCK` at a time when first painted (an indexed read of
a few hundred rows on the GUI thread; SQLite in WAL mode never makes a reader wait). The current
task is kept across a reset by its rowid (:meth:`attach_selection`). An answer to an older query is
dropped.

Signals
-------
``countChanged(int)``
    The number of tasks listed, after each query.
``queryFinished()``
    The latest query's list is in the model.
``queryFailed(str)``
    The latest query failed; the text is for the user (the old list stays).
"""

from __future__ import annotations

import logging
from array import array
from collections import OrderedDict
from datetime import tzinfo
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from sqlalchemy import Engine

from app.services import supervision_query as q
from app.services.supervision_query import TaskFilter, TaskRow
from app.views.bridge import Bridge, Lane, TaskContext
from app.views.orders.labels import money
from app.views.supervision import labels

log = logging.getLogger("seller_console.views")

BLOCK = 200
MAX_BLOCKS = 16
Index = QModelIndex | QPersistentModelIndex
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class SupervisionTableModel(QAbstractTableModel):
    """Tasks of one filter, read lazily. See the module docstring for the signals."""

    countChanged = Signal(int)
    queryFinished = Signal()
    queryFailed = Signal(str)

    #: ``data(index, TaskIdRole)`` -> the task id.
    TaskIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, engine: Engine | None, bridge: Bridge, parent: QObject | None = None, *,
                 tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._bridge = bridge
        self._tz = tz
        self._ids: array[int] = array("q")
        self._blocks: OrderedDict[int, dict[int, TaskRow]] = OrderedDict()
        self._filter = TaskFilter()
        self._generation = 0
        self.pending = False
        self._titles = [labels.tr(t) for _k, t in labels.COLUMNS]
        self._selection: QItemSelectionModel | None = None

    def attach_selection(self, selection: QItemSelectionModel | None) -> None:
        """The view's selection: its current task is kept (by rowid) across every new list."""
        self._selection = selection

    # -- Qt ---------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(labels.COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._titles)):
            return self._titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        self.TaskIdRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        key = labels.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if key == "amount" else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        row = self.task_at(index.row())
        if row is None:
            return "—" if role == Qt.ItemDataRole.DisplayRole else None
        if role == self.TaskIdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.product_name} {row.sku_name or ''}".strip() if key == "product" \
                else None
        return self._cell(key, row)

    def _cell(self, key: str, row: TaskRow) -> str:
        if key == "task":
            return row.id
        if key == "order":
            return row.order_id
        if key == "customer":
            return row.customer_name
        if key == "product":
            return row.product_name
        if key == "node":
            return row.node + (" 🔒" if row.frozen else "")
        if key == "owner":
            return labels.owner(row.node_owner)
        if key == "since":
            return labels.local_time(row.node_entered_time, self._tz)
        if key == "class":
            return row.product_class
        if key == "type":
            return row.delivery_type
        if key == "scenario":
            return row.sales_scenario if row.sales_scenario in q.SCENARIOS else q.OTHER_SCENARIO
        if key == "appeal":
            return row.appeal_status or ""
        return money(row.order_amount, row.currency_code)

    # -- rows -------------------------------------------------------------------------------------

    def task_at(self, row: int) -> TaskRow | None:
        block_no = row // BLOCK
        block = self._blocks.get(block_no)
        if block is None and self._engine is None:
            return None
        if block is None:
            assert self._engine is not None
            wanted = self._ids[block_no * BLOCK:(block_no + 1) * BLOCK]
            try:
                block = q.rows_by_rowid(self._engine, wanted)
            except Exception:  # noqa: BLE001 - a cache that went away shows empty rows
                log.exception("could not read a block of supervision tasks")
                block = {}
            self._blocks[block_no] = block
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block_no)
        return block.get(self._ids[row])

    def row_of_task(self, task_id: str) -> int:
        """The row showing ``task_id``, or -1 (one indexed lookup, then a scan of the ids)."""
        if self._engine is None:
            return -1
        rowid = q.rowid_of(self._engine, task_id)
        return -1 if rowid is None else self.row_of_rowid(rowid)

    def row_of_rowid(self, rowid: int) -> int:
        try:
            return self._ids.index(rowid)
        except ValueError:
            return -1

    @property
    def current_filter(self) -> TaskFilter:
        return self._filter

    # -- queries ----------------------------------------------------------------------------------

    def set_engine(self, engine: Engine | None) -> None:
        """Show another cache (None: none open; the list empties)."""
        self._engine = engine
        if engine is None:
            self._generation += 1
            self._arrived(self._generation, array("q"))
            return
        self.set_filter(self._filter)

    def set_filter(self, f: TaskFilter) -> None:
        self._filter = f
        self.refresh()

    def refresh(self) -> None:
        """Run the current filter again (the cache changed, or the filter did)."""
        self._generation += 1
        generation, engine, f = self._generation, self._engine, self._filter
        if engine is None:
            return
        self.pending = True

        def work(_ctx: TaskContext) -> array[int]:
            return q.ids(engine, f)

        self._bridge.run(work, name="supervision.ids", lane=Lane.READ,
                         on_success=lambda ids: self._arrived(generation, ids),
                         on_failure=lambda exc: self._failed(generation, exc))

    def _arrived(self, generation: int, ids: array[int]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        sel = self._selection
        kept: int | None = None
        if sel is not None and shiboken6.isValid(sel) and sel.currentIndex().isValid():
            row = sel.currentIndex().row()
            kept = self._ids[row] if row < len(self._ids) else None
        self.beginResetModel()
        self._ids = ids
        self._blocks.clear()
        self.endResetModel()
        if kept is not None and sel is not None:
            row = self.row_of_rowid(kept)
            if row >= 0:
                flags = QItemSelectionModel.SelectionFlag
                sel.setCurrentIndex(self.index(row, 0), flags.ClearAndSelect | flags.Rows)
        self.pending = False
        self.countChanged.emit(len(ids))
        self.queryFinished.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.pending = False
        self.queryFailed.emit(str(exc) or type(exc).__name__)

    def retranslate(self) -> None:
        self._titles = [labels.tr(t) for _k, t in labels.COLUMNS]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._titles) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(self._titles) - 1))
