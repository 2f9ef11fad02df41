"""The Demands list as a Qt table model (rows read whole: demands are few).

Signals
-------
``countChanged(int)``
    The number of demands listed after a (re)load.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.services.demands import PENDING_ACCEPTANCE
from app.services.demands_query import DemandRow

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("name", "source", "status", "countdown", "product", "customer", "assigned",
           "expected", "partner", "id")


def header(column: str) -> str:
    return {
        "name": translate("DemandsModel", "Demand"),
        "source": translate("DemandsModel", "Source"),
        "status": translate("DemandsModel", "Status"),
        "countdown": translate("DemandsModel", "Accept within"),
        "product": translate("DemandsModel", "Product"),
        "customer": translate("DemandsModel", "Customer"),
        "assigned": translate("DemandsModel", "Assigned"),
        "expected": translate("DemandsModel", "Expected signing"),
        "partner": translate("DemandsModel", "Partner"),
        "id": translate("DemandsModel", "Demand ID"),
    }[column]


def countdown(deadline: datetime | None, now: datetime) -> tuple[str, int]:
    """The 5-day acceptance countdown in words, and its urgency (0 fine, 1 under a day, 2 over)."""
    if deadline is None:
        return "", 0
    left = (deadline - now).total_seconds()
    if left <= 0:
        return translate("DemandsModel", "window passed"), 2
    days, rest = divmod(int(left), 86400)
    hours = rest // 3600
    if days:
        text = translate("DemandsModel", "%1 d %2 h left").replace("%1", str(days)).replace(
            "%2", str(hours))
    else:
        text = translate("DemandsModel", "%1 h %2 min left").replace("%1", str(hours)).replace(
            "%2", str(rest % 3600 // 60))
    return text, 1 if left < 86400 else 0


def status_text(row: DemandRow) -> str:
    return f"{row.status}({row.close_result})" if row.close_result else row.status


class DemandsTableModel(QAbstractTableModel):
    countChanged = Signal(int)

    def __init__(self, parent: Any = None, tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DemandRow] = []
        self._tz = tz
        self.now = datetime.now(UTC)

    def set_rows(self, rows: list[DemandRow], now: datetime | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.now = now or datetime.now(UTC)
        self.endResetModel()
        self.countChanged.emit(len(rows))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return header(COLUMNS[section])
        return None

    def _local(self, value: datetime | None, with_time: bool = True) -> str:
        if value is None:
            return ""
        local = value.astimezone(self._tz)
        return local.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = COLUMNS[index.column()]
        pending = row.status == PENDING_ACCEPTANCE
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "countdown":
                return countdown(row.accept_deadline, self.now)[0] if pending else ""
            return {
                "name": row.name, "source": row.source, "status": status_text(row),
                "product": row.product_name or "", "customer": row.customer_name or "",
                "assigned": self._local(row.assign_time),
                "expected": self._local(row.expected_sign_date, with_time=False),
                "partner": row.partner_name or "", "id": row.id,
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == "countdown" and pending:
            urgency = countdown(row.accept_deadline, self.now)[1]
            if urgency:
                return QBrush(QColor("#c62828" if urgency == 2 else "#e65100"))
        if role == Qt.ItemDataRole.ToolTipRole and column == "countdown" and pending \
                and row.accept_deadline is not None:
            return translate("DemandsModel", "Closes by itself at %1 unless accepted").replace(
                "%1", self._local(row.accept_deadline))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
