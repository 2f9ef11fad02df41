"""The language-change hook (app.views.common.retranslating)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QWidget

from app.views.common.retranslating import Retranslating


class Greeting(Retranslating, QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.words = "Hello"
        self.label = QLabel(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.words)


def test_a_language_change_re_sets_the_texts(qtbot: Any) -> None:
    widget = Greeting()
    qtbot.addWidget(widget)
    widget.words = "你好"
    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    assert widget.label.text() == "你好"


def test_other_changes_leave_the_texts(qtbot: Any) -> None:
    widget = Greeting()
    qtbot.addWidget(widget)
    widget.words = "你好"
    widget.setEnabled(False)  # an EnabledChange reaches changeEvent as well
    assert widget.label.text() == "Hello"
    assert not widget.isEnabled()
