"""The one row-list table model (app.views.common.rows_model), without a view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.views.common.rows_model import (
    RIGHT,
    WARN,
    Column,
    RowsTableModel,
    amount_column,
    count_column,
    time_column,
)

Role = Qt.ItemDataRole


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    amount: Decimal
    late: bool = False


BLUE = QColor("#1e88e5")
ITEMS = [Item("a", "Apple", Decimal("1.50")), Item("b", "Pear", Decimal("-2.00"), late=True),
         Item("c", "", Decimal("0"))]


def columns(title: list[str]) -> list[Column[Item]]:
    return [
        Column(lambda: title[0], lambda i: i.name, lambda i: i.name),
        Column(lambda: "Amount", lambda i: f"{i.amount:,.2f}", right=True,
               warn=lambda i: i.amount < 0),
        Column(lambda: "Late", lambda i: "yes" if i.late else "",
               brush=lambda i: QBrush(BLUE) if i.late else None),
    ]


def test_qt_model_contract(qtmodeltester: Any) -> None:
    model: RowsTableModel[Item] = RowsTableModel(columns(["Name"]))
    qtmodeltester.check(model)
    model.set_rows(ITEMS)
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_cells_roles_and_headers() -> None:
    model: RowsTableModel[Item] = RowsTableModel(columns(["Name"]))
    counts: list[int] = []
    model.countChanged.connect(counts.append)
    model.set_rows(ITEMS)
    assert counts == [3] and model.rows == ITEMS and model.rowCount() == 3
    assert model.columnCount() == 3
    assert model.rowCount(model.index(0, 0)) == 0 and model.columnCount(model.index(0, 0)) == 0
    assert [model.headerData(n, Qt.Orientation.Horizontal) for n in range(3)] == \
        ["Name", "Amount", "Late"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.headerData(3, Qt.Orientation.Horizontal) is None

    name, amount, late = (model.index(1, c) for c in range(3))
    assert name.data() == "Pear" and name.data(Role.ToolTipRole) == "Pear"
    assert model.index(2, 0).data(Role.ToolTipRole) is None  # an empty tooltip is none
    assert amount.data() == "-2.00" and amount.data(Role.ToolTipRole) is None
    assert amount.data(Role.TextAlignmentRole) == int(RIGHT)
    assert name.data(Role.TextAlignmentRole) is None
    assert amount.data(Role.ForegroundRole).color() == QColor(WARN)
    assert model.index(0, 1).data(Role.ForegroundRole) is None  # not warned
    assert late.data(Role.ForegroundRole).color() == BLUE
    assert model.index(0, 2).data(Role.ForegroundRole) is None
    assert name.data(Role.UserRole) is ITEMS[1] and name.data(model.RowRole) is ITEMS[1]
    assert model.data(QModelIndex()) is None
    flags = model.flags(name)
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert not flags & Qt.ItemFlag.ItemIsEditable


def test_row_at_takes_a_number_or_an_index() -> None:
    model: RowsTableModel[Item] = RowsTableModel(columns(["Name"]))
    model.set_rows(ITEMS)
    assert model.row_at(0) is ITEMS[0] and model.row_at(model.index(2, 1)) is ITEMS[2]
    assert model.row_at(3) is None and model.row_at(-1) is None
    assert model.row_at(QModelIndex()) is None


def test_set_rows_keeps_its_own_list() -> None:
    model: RowsTableModel[Item] = RowsTableModel(columns(["Name"]))
    given = list(ITEMS)
    model.set_rows(given)
    given.clear()
    assert model.rowCount() == 3


def test_key_answers_user_role() -> None:
    class ById(RowsTableModel[Item]):
        def key(self, row: Item) -> str:
            return row.id

    model = ById(columns(["Name"]))
    model.set_rows(ITEMS)
    assert model.index(1, 0).data(Role.UserRole) == "b"
    assert model.index(1, 0).data(model.RowRole) is ITEMS[1]


def test_texts_follow_the_language_and_the_time(qtbot: Any) -> None:
    title = ["Name"]
    model: RowsTableModel[Item] = RowsTableModel(columns(title))
    model.set_rows(ITEMS)
    title[0] = "名称"
    with qtbot.waitSignal(model.headerDataChanged) as header:
        model.retranslate()
    assert header.args == [Qt.Orientation.Horizontal, 0, 2]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "名称"
    with qtbot.waitSignals([model.dataChanged, model.headerDataChanged]):
        model.refresh_texts()


def test_column_builders_show_amounts_counts_and_times() -> None:
    tz = timezone(timedelta(hours=8))
    when = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    amount = amount_column(lambda: "Amount", lambda i: i.amount if i.id != "c" else None,
                           tooltip=lambda i: i.id, warn=lambda i: i.late)
    count = count_column(lambda: "Letters", lambda i: len(i.name))
    at = time_column(lambda: "At", lambda i: when if i.id == "a" else None, tz)
    day = time_column(lambda: "Day", lambda i: when, tz, with_time=False)
    model: RowsTableModel[Item] = RowsTableModel([amount, count, at, day])
    model.set_rows(ITEMS)
    assert [model.index(r, 0).data() for r in range(3)] == ["1.50", "-2.00", ""]
    assert [model.index(r, 1).data() for r in range(3)] == ["5", "4", "0"]
    assert [model.index(r, 2).data() for r in range(3)] == ["2026-03-01 16:00", "", ""]
    assert model.index(0, 3).data() == "2026-03-01"
    assert model.index(0, 0).data(Role.TextAlignmentRole) == int(RIGHT)
    assert model.index(0, 1).data(Role.TextAlignmentRole) == int(RIGHT)
    assert model.index(0, 2).data(Role.TextAlignmentRole) is None
    assert model.index(1, 0).data(Role.ToolTipRole) == "b"
    assert model.index(1, 0).data(Role.ForegroundRole).color() == QColor(WARN)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Letters"
