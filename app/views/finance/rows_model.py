"""A read-only table model over a list of row objects, with columns declared as data.

The Bills, bill-line, reconciliation and partner tables are small (read whole by a query on the
READ lane), so one model shape serves them: each column is a :class:`Column` with a translated
header, the display text of a row, and optionally a tooltip and an alignment. Subclasses declare
their columns; :meth:`RowsTableModel.set_rows` swaps the rows in one reset.

Signals
-------
``countChanged(int)``
    The number of rows after :meth:`set_rows`.
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

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WARN = "#c62828"


def money(value: Decimal | None) -> str:
    """``12,345.60``: exact, two places; empty for no value."""
    return "" if value is None else f"{value:,.2f}"


def local_time(value: datetime | None, tz: tzinfo | None, with_time: bool = True) -> str:
    """A stored UTC time in the user's zone (``tz`` None: the system's)."""
    if value is None:
        return ""
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One column: its header (called at paint time, so a language switch shows), display text,
    and optional tooltip, right alignment (amounts) and warning colour."""

    header: Callable[[], str]
    text: Callable[[Row], str]
    tooltip: Callable[[Row], str] | None = None
    right: bool = False
    warn: Callable[[Row], bool] | None = None


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    """See the module docstring. ``UserRole`` gives the row object."""

    countChanged = Signal(int)

    def __init__(self, columns: Sequence[Column[Row]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        self.countChanged.emit(len(rows))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.columns[section].header()
        return None

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(RIGHT)
        if role == Qt.ItemDataRole.ForegroundRole and column.warn is not None and column.warn(row):
            return QBrush(QColor(WARN))
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def row_at(self, index: Index) -> Row | None:
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None
