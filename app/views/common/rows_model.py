"""The one read-only table model over a short list of row objects, with columns declared as data.

The Bills, bill-line, reconciliation, partner, demands, outbox, journal and deadline tables are
small (a few hundred rows at most, read whole on a worker), so one model shape serves them: each
column is a :class:`Column` with a header (a function, so a language switch shows), the display
text of a row, and optionally a tooltip, right alignment and a colour. A table declares its
columns; :meth:`RowsTableModel.set_rows` swaps the rows in one reset.

Roles: ``DisplayRole`` the text, ``ToolTipRole`` the tooltip (none when empty),
``TextAlignmentRole`` right for amounts and counts, ``ForegroundRole`` the warning red
(``warn``) or the column's brush; ``RowRole`` the row object, ``UserRole`` :meth:`key` of the row
(the row itself unless a model says otherwise).

Most columns are one of a few kinds, built by :func:`amount_column` (a right-aligned figure
whose row or column names the currency), :func:`count_column` (a right-aligned whole number) and
:func:`time_column` (a stored time in the user's zone); the header stays the table's own
``lambda: translate(context, text)``, so the strings are found where they are shown.

Signals
-------
``countChanged(int)``
    The number of rows after :meth:`RowsTableModel.set_rows`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.views.common.formats import amount, local_time

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WARN = "#c62828"
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One column: its header (called at paint time), the display text of a row, and optionally
    a tooltip, right alignment (amounts, counts), the warning colour (``warn`` true for the row)
    and a colour of its own (``brush``: None for the default)."""

    header: Callable[[], str]
    text: Callable[[Row], str]
    tooltip: Callable[[Row], str] | None = None
    right: bool = False
    warn: Callable[[Row], bool] | None = None
    brush: Callable[[Row], QBrush | None] | None = None


def amount_column(header: Callable[[], str], value: Callable[[Row], Decimal | None], *,
                  tooltip: Callable[[Row], str] | None = None,
                  warn: Callable[[Row], bool] | None = None) -> Column[Row]:
    """A right-aligned amount, ``1,234.50`` (empty for no value; see
    :func:`~app.views.common.formats.amount`)."""
    return Column(header, lambda row: amount(value(row)), tooltip, right=True, warn=warn)


def count_column(header: Callable[[], str], count: Callable[[Row], int]) -> Column[Row]:
    """A right-aligned whole number."""
    return Column(header, lambda row: str(count(row)), right=True)


def time_column(header: Callable[[], str], when: Callable[[Row], datetime | None],
                tz: tzinfo | None, *, with_time: bool = True) -> Column[Row]:
    """A stored time in the zone ``tz`` (None: the system's), ``2026-03-01 16:00`` or, without
    the time, the date (see :func:`~app.views.common.formats.local_time`)."""
    return Column(header, lambda row: local_time(when(row), tz, with_time))


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    """See the module docstring. :attr:`rows` is the list shown (replace it with
    :meth:`set_rows`)."""

    countChanged = Signal(int)
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, columns: Sequence[Column[Row]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()
        self.countChanged.emit(len(self.rows))

    def row_at(self, at: int | Index) -> Row | None:
        """The row at a row number or an index; None outside the list (or an invalid index)."""
        if not isinstance(at, int):
            if not at.isValid():
                return None
            at = at.row()
        return self.rows[at] if 0 <= at < len(self.rows) else None

    def key(self, row: Row) -> Any:
        """What ``UserRole`` gives for ``row``: the row itself (a model may answer its id)."""
        return row

    def retranslate(self) -> None:
        """The language changed: the headers show again."""
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def refresh_texts(self) -> None:
        """Texts that depend on the time or the language changed: every cell and header shows
        again."""
        if self.rows and self.columns:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(self.columns) - 1))
        self.retranslate()

    # -- Qt -------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.columns[section].header()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) \
                or not 0 <= index.column() < len(self.columns):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(RIGHT)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.warn is not None and column.warn(row):
                return QBrush(QColor(WARN))
            if column.brush is not None:
                return column.brush(row)
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self.key(row)
        if role == self.RowRole:
            return row
        return None
