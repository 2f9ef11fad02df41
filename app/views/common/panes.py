"""The list-and-detail layout of the big lists (orders, supervision tasks): the table on the left,
the current record's detail pane on the right, in a splitter the user can drag (its sizes are saved
with the table's columns, :class:`app.views.common.tables.ViewState`).

:class:`DetailPane` is the scrolling pane such a detail is drawn in: an area's pane subclasses it
and fills :attr:`DetailPane.body_layout`.
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget


def list_and_detail(parent: QWidget, table: QWidget, detail: QWidget, *,
                    stretch: tuple[int, int], sizes: tuple[int, int]) -> QSplitter:
    """``table`` and ``detail`` side by side, growing by ``stretch``, first ``sizes`` wide."""
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.addWidget(table)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    splitter.setSizes(list(sizes))
    return splitter


class DetailPane(QScrollArea):
    """A scrolling pane named ``name`` whose content is :attr:`body` (laid out top to bottom by
    :attr:`body_layout`); times in it are shown in ``tz``."""

    def __init__(self, parent: QWidget | None, name: str, *, tz: tzinfo | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self._tz = tz
        self.body = QWidget(self)
        self.setWidget(self.body)
        self.body_layout = QVBoxLayout(self.body)
