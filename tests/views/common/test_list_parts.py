"""The shared parts of the big lists' areas (app.views.common.filter_bar, .panes, .choice_button):
a filter bar's debounced typing, the list-and-detail splitter and the detail pane."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QTableView, QWidget
from pytestqt.qtbot import QtBot

from app.views.app import pin_interpreter_singletons
from app.views.common.choice_button import ChoiceButton
from app.views.common.filter_bar import FilterBar
from app.views.common.panes import DetailPane, list_and_detail

pin_interpreter_singletons()

pytestmark = pytest.mark.gui


class WordBar(FilterBar):
    def __init__(self) -> None:
        super().__init__(None, search_name="wordSearch", search_width=100)
        self.kind = ChoiceButton(str.upper, self)
        self.kind.set_values(["a", "b"])
        self.kind.selectionChanged.connect(self.apply)
        self.clear = self.make_clear_button()
        self.resets = 0

    def filter(self) -> tuple[str, frozenset[str]]:
        return self.search.text(), self.kind.selected()

    def reset(self) -> None:
        self.resets += 1
        self.search.clear()
        self.apply()


def test_typing_applies_once_when_it_stops_other_controls_at_once(qtbot: QtBot) -> None:
    bar = WordBar()
    qtbot.addWidget(bar)
    seen: list[object] = []
    bar.filterChanged.connect(seen.append)
    assert bar.search.objectName() == "wordSearch"
    with qtbot.waitSignal(bar.filterChanged, timeout=5000):
        for text in ("c", "co", "cod"):
            bar.search.setText(text)
            bar.search.textEdited.emit(text)
    assert seen == [("cod", frozenset())]
    next(a for a in bar.kind.menu().actions() if a.data() == "b").trigger()
    assert seen[-1] == ("cod", frozenset({"b"})) and bar.kind.text() == ": B"
    bar.search.textEdited.emit("cod")
    bar.clear.click()  # applies at once; the typed burst is folded in
    assert bar.resets == 1 and seen[-1] == ("", frozenset({"b"})) and len(seen) == 3
    bar.search.textEdited.emit("x")
    bar.stop_typing()
    assert not bar._typing.isActive()


def test_the_table_sits_beside_its_detail_pane(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    table = QTableView(parent)
    pane = DetailPane(parent, "someDetail", tz=None)
    QLabel("facts", pane.body)
    pane.body_layout.addWidget(QLabel("more", pane.body))
    splitter = list_and_detail(parent, table, pane, stretch=(3, 1), sizes=(900, 400))
    assert splitter.widget(0) is table and splitter.widget(1) is pane
    assert pane.objectName() == "someDetail" and pane.widget() is pane.body
    assert pane.widgetResizable()
