"""The supervision task list model: the tasks of one filter, read lazily by block.

The id list, the blocks, the query on the bridge and the current task kept across a reset are the
shared :class:`app.views.common.lazy_model.LazyIdModel`, as for the orders table, smaller: the
filter runs in SQL on the bridge's READ lane (:func:`app.services.supervision.query.ids`), the
answer replaces the list in one reset, and rows are read :data:`BLOCK` at a time when first painted.
This model adds the task list's columns and their words. Signals are those of ``LazyIdModel``
(the view uses ``countChanged``, ``queryFinished`` and ``queryFailed``).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from sqlalchemy import Engine

from app.services.supervision import query as q
from app.services.supervision.query import TaskFilter, TaskRow
from app.views.bridge import Bridge
from app.views.common.formats import local_time
from app.views.common.lazy_model import Index, LazyIdModel
from app.views.common.titles import term
from app.views.orders.labels import money
from app.views.supervision import labels

BLOCK = 200
MAX_BLOCKS = 16


class SupervisionTableModel(LazyIdModel[TaskFilter, TaskRow]):
    """Tasks of one filter, read lazily. See ``LazyIdModel`` for the signals."""

    #: ``data(index, TaskIdRole)`` -> the task id.
    TaskIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, engine: Engine | None, bridge: Bridge, parent: QObject | None = None, *,
                 tz: tzinfo | None = None) -> None:
        super().__init__(engine, bridge, TaskFilter(), parent, name="supervision",
                         what="supervision tasks", block=BLOCK, max_blocks=MAX_BLOCKS)
        self._tz = tz
        self._titles = [labels.tr(t) for _k, t in labels.COLUMNS]

    # -- the tasks' queries -----------------------------------------------------------------------

    def read_ids(self, engine: Engine, query: TaskFilter, limit: int | None) -> array[int]:
        return q.ids(engine, query)

    def read_rows(self, engine: Engine, rowids: Sequence[int]) -> dict[int, TaskRow]:
        return q.rows_by_rowid(engine, rowids)

    # -- Qt ---------------------------------------------------------------------------------------

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(labels.COLUMNS)

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
        row = self.row_at(index.row())
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
            return term(row.node) + (" 🔒" if row.frozen else "")
        if key == "owner":
            return labels.owner(row.node_owner)
        if key == "since":
            return local_time(row.node_entered_time, self._tz)
        if key == "class":
            return term(row.product_class)
        if key == "type":
            return term(row.delivery_type)
        if key == "scenario":
            return term(row.sales_scenario if row.sales_scenario in q.SCENARIOS else q.OTHER_SCENARIO)
        if key == "appeal":
            return term(row.appeal_status or "")
        return money(row.order_amount, row.currency_code)

    # -- rows -------------------------------------------------------------------------------------

    def row_of_task(self, task_id: str) -> int:
        """The row showing ``task_id``, or -1 (one indexed lookup, then a scan of the ids)."""
        if self._engine is None:
            return -1
        rowid = q.rowid_of(self._engine, task_id)
        return -1 if rowid is None else self.row_of(rowid)

    @property
    def current_filter(self) -> TaskFilter:
        return self.current_query

    # -- queries ----------------------------------------------------------------------------------

    def set_engine(self, engine: Engine | None) -> None:
        """Show another cache (None: none open; the list empties)."""
        if engine is None:
            self.clear(None)
            self.queryFinished.emit()
            return
        self._engine = engine
        self.set_filter(self.current_filter)

    def set_filter(self, f: TaskFilter) -> None:
        self.run_query(f, first_page=False)

    def refresh(self) -> None:
        """Run the current filter again (the cache changed, or the filter did)."""
        self.run_query(self.current_filter, first_page=False)

    def retranslate(self) -> None:
        self._titles = [labels.tr(t) for _k, t in labels.COLUMNS]
        self.all_changed()
