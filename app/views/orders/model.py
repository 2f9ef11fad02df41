"""The orders table model: the orders of one filter, read lazily a block at a time.

The id list, the blocks, the queries on the bridge and the selection kept across a reset are the
shared :class:`app.views.common.lazy_model.LazyIdModel` (``orders.rowid``; an ``array('q')`` of 8 MB
for a million orders; :data:`BLOCK` rows a block, at most :data:`MAX_BLOCKS`). This model adds the
orders' columns, their words (:class:`~app.views.orders.labels.Labels`) and their queries
(:mod:`app.services.orders.query`): a new filter or sort shows its first :data:`FIRST_PAGE` rows
at once, then appends the rest; a refresh of the same filter swaps the whole list in. Signals are
those of ``LazyIdModel``.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from sqlalchemy import Engine

from app.services.orders import query as orders_query
from app.services.orders.query import OrderFilter, OrderRow, SortColumn
from app.views.bridge import Bridge
from app.views.common.lazy_model import Index, LazyIdModel, positions_of
from app.views.orders.labels import COLUMNS, Column, Labels

__all__ = ["BLOCK", "FIRST_PAGE", "MAX_BLOCKS", "OrdersTableModel", "positions_of"]

#: Rows per lazily fetched block, and how many blocks the model keeps.
BLOCK = 200
MAX_BLOCKS = 24
#: Rows read first for a new filter or sort, shown while the whole list is read.
FIRST_PAGE = 3 * BLOCK

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


_OTHER_ROLES = frozenset({_TOOLTIP, int(Qt.ItemDataRole.UserRole) + 1,
                          int(Qt.ItemDataRole.UserRole) + 2})


class OrdersTableModel(LazyIdModel[OrderFilter, OrderRow]):
    """Orders of one filter, in SQL order, read lazily. See ``LazyIdModel`` for the signals."""

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
        super().__init__(engine, bridge, OrderFilter(), parent, name="orders", what="orders",
                         block=BLOCK, max_blocks=MAX_BLOCKS,
                         first_page_rows=FIRST_PAGE)
        self._tz = tz
        # rowid -> every column's text, made once per row while its block is cached (painting
        # asks for each cell again on every frame).
        self._texts: dict[int, tuple[str, ...]] = {}
        self._labels = Labels.current()
        self.columns: tuple[Column, ...] = COLUMNS

    # -- the orders' queries ----------------------------------------------------------------------

    def read_ids(self, engine: Engine, query: OrderFilter, limit: int | None) -> array[int]:
        return orders_query.ids(engine, query, limit=limit)

    def read_rows(self, engine: Engine, rowids: Sequence[int]) -> dict[int, OrderRow]:
        return orders_query.rows_by_rowid(engine, rowids)

    def rows_dropped(self, rows: Iterable[int]) -> None:
        for rowid in rows:
            self._texts.pop(rowid, None)

    def rows_cleared(self) -> None:
        self._texts.clear()

    # -- what the model shows ---------------------------------------------------------------------

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

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
                order = self.row_at(row)
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
        order = self.row_at(index.row())
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
        return self.current_query

    def order_at(self, row: int) -> OrderRow | None:
        """The order on ``row``, read with its block if not cached; None if it left the cache."""
        return self.row_at(row)

    # -- queries ----------------------------------------------------------------------------------

    def set_engine(self, engine: Engine) -> None:
        """Show another cache (profile switch): the list empties, then the same filter re-runs."""
        self.clear(engine)  # an answer from the old cache is dropped
        self.set_filter(self.current_filter, force=True)

    def set_filter(self, f: OrderFilter, *, force: bool = False) -> None:
        """List the orders of ``f`` (its sort included). Nothing happens if it is the filter
        already shown or asked for, unless ``force``."""
        if not force and f == self.current_filter and self.has_queried():
            return
        self.run_query(f, first_page=True)

    def refresh(self) -> None:
        """Query the current filter again (the cache changed), keeping selection and current row."""
        self.run_query(self.current_filter, first_page=False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by the column's index (the header asks for this)."""
        if not 0 <= column < len(self.columns):
            return
        sort: SortColumn = self.columns[column].sort
        self.set_filter(self.current_filter.sorted_by(
            sort, order == Qt.SortOrder.DescendingOrder))

    # -- text -------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Take the words of the new interface language (titles and raw values)."""
        self._labels = Labels.current()
        self._texts.clear()
        self.all_changed()

    @property
    def labels(self) -> Labels:
        return self._labels

    @property
    def tz(self) -> tzinfo | None:
        return self._tz
