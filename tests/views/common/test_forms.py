"""A form dialog's problem line, and its one way of saving: buttons off while the write runs,
then announce + saved + accept, or the buttons back and the reason shown with the dialog open."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from app.views.bridge import Bridge, TaskContext
from app.views.common.forms import message_label, save_in_background

pytestmark = pytest.mark.gui


def test_message_label_is_hidden_wrapped_and_styled(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    label = message_label(parent, "someError", "color: red;")
    assert label.objectName() == "someError"
    assert label.styleSheet() == "color: red;"
    assert label.wordWrap() and label.isHidden()
    assert not label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    copyable = message_label(parent, "other", selectable=True)
    assert copyable.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def _dialog(qtbot: Any) -> tuple[QDialog, QDialogButtonBox]:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save, dialog)
    dialog.open()
    return dialog, buttons


def test_a_save_announces_hands_over_the_result_and_accepts(qtbot: Any) -> None:
    bridge = Bridge()
    dialog, buttons = _dialog(qtbot)
    saved: list[object] = []
    announced: list[tuple[frozenset[str], object]] = []
    bridge.changed.connect(lambda c, s: announced.append((c, s)))

    def work(_ctx: TaskContext) -> str:
        assert not buttons.isEnabled()  # off while the write runs
        return "stored"

    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        save_in_background(dialog, bridge, work, name="save", buttons=buttons,
                           announce={"things"}, saved=saved.append, failed=pytest.fail)
        assert not buttons.isEnabled()
    assert saved == ["stored"]
    assert announced == [(frozenset({"things"}), dialog)]
    assert buttons.isEnabled()


def test_a_failed_save_keeps_the_dialog_open_and_says_why(qtbot: Any) -> None:
    bridge = Bridge()
    dialog, buttons = _dialog(qtbot)
    reasons: list[str] = []
    announced: list[object] = []
    bridge.changed.connect(lambda c, s: announced.append(c))

    def work(_ctx: TaskContext) -> str:
        raise OSError("disk full")

    save_in_background(dialog, bridge, work, name="save", buttons=buttons, announce={"things"},
                       saved=pytest.fail, failed=lambda exc: reasons.append(str(exc)))
    qtbot.waitUntil(lambda: bool(reasons))
    assert reasons == ["disk full"]
    assert buttons.isEnabled() and dialog.isVisible()
    assert announced == []
