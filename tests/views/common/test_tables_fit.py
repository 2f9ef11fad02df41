"""app.views.common.tables: columns fitted to titles and contents, a last column never cut."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.views.common.tables import fit_to_contents, make_table

pytestmark = pytest.mark.gui

LONG = "Sparkoo Technologies Singapore Pte. Ltd."


def _model(rows: list[list[str]]) -> QStandardItemModel:
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["Period", "Amount", "Entity"])
    for row in rows:
        model.appendRow([QStandardItem(text) for text in row])
    return model


def _table(qtbot: QtBot, width: int, whole_last: bool) -> QTableView:
    model = _model([])
    table = make_table(None, "t", model, whole_last=whole_last)  # type: ignore[arg-type]
    qtbot.addWidget(table)
    table.resize(width, 200)
    table.show()
    qtbot.waitExposed(table)
    model.beginResetModel()
    for row in (["202611", "1.00", "华为云计算技术有限公司"], ["202611", "2.00", LONG]):
        model.appendRow([QStandardItem(text) for text in row])
    model.endResetModel()
    return table


def test_a_stretched_last_column_is_never_narrower_than_its_contents(qtbot: QtBot) -> None:
    table = _table(qtbot, 260, whole_last=True)
    header = table.horizontalHeader()
    assert header.sectionSize(2) >= table.sizeHintForColumn(2)
    assert not header.stretchLastSection()  # it does not fit: the table scrolls sideways
    table.resize(1200, 200)  # room again: the last column fills the width
    qtbot.waitUntil(header.stretchLastSection)
    assert sum(header.sectionSize(c) for c in range(3)) >= table.viewport().width()


def test_without_whole_last_the_stretched_column_is_cut(qtbot: QtBot) -> None:
    table = _table(qtbot, 260, whole_last=False)
    assert table.horizontalHeader().sectionSize(2) < table.sizeHintForColumn(2)


def test_fit_to_contents_holds_titles_rows_and_samples(qtbot: QtBot) -> None:
    model = _model([["202611", "1.00", "x"]])
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(900, 200)
    table.show()
    sample = "¥99,999,999.99"
    fit_to_contents(table, least=10, most=400, samples={1: sample})
    header = table.horizontalHeader()
    for column in range(3):
        assert header.sectionSize(column) >= header.sectionSizeHint(column)
        assert header.sectionSize(column) >= table.sizeHintForColumn(column)
    assert header.sectionSize(1) >= table.fontMetrics().horizontalAdvance(sample)
    fit_to_contents(table, least=10, most=60)
    assert header.sectionSize(1) <= 60
