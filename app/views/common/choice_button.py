"""A tool button whose menu picks any number of values (order statuses, task nodes, ...): the filter
bars of the orders and supervision areas.

The button's text says what is picked: the title alone when nothing is (nothing filtered), else
"Title: first value" or "Title (3)". Values are raw (e.g. 处理中, RENEW); ``label`` turns one into
the words shown.

Signals
-------
``selectionChanged()``
    The user checked or unchecked a value (not emitted by :meth:`set_selected`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget


class ChoiceButton(QToolButton):
    """Multi-choice filter button. See the module docstring for its signal."""

    selectionChanged = Signal()

    def __init__(self, label: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = label
        self._title = ""
        self._values: list[str] = []
        self._selected: set[str] = set()
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self._rebuild()

    def set_title(self, title: str) -> None:
        self._title = title
        self._rebuild()

    def set_values(self, values: Iterable[str]) -> None:
        """The values offered; a selected value that is no longer offered stays offered."""
        self._values = sorted(set(values) | self._selected)
        self._rebuild()

    def selected(self) -> frozenset[str]:
        return frozenset(self._selected)

    def set_selected(self, values: Iterable[str]) -> None:
        self._selected = set(values)
        self._values = sorted(set(self._values) | self._selected)
        self._rebuild()

    def _rebuild(self) -> None:
        menu = self.menu()
        menu.clear()
        for value in self._values:
            action = QAction(self._label(value), menu)
            action.setCheckable(True)
            action.setChecked(value in self._selected)
            action.setData(value)
            action.toggled.connect(lambda on, v=value: self._toggled(v, on))
            menu.addAction(action)
        self._rebuild_text_only()

    def _toggled(self, value: str, on: bool) -> None:
        if on:
            self._selected.add(value)
        else:
            self._selected.discard(value)
        self._rebuild_text_only()
        self.selectionChanged.emit()

    def _rebuild_text_only(self) -> None:
        if not self._selected:
            self.setText(self._title)
        elif len(self._selected) == 1:
            self.setText(f"{self._title}: {self._label(next(iter(self._selected)))}")
        else:
            self.setText(f"{self._title} ({len(self._selected)})")
