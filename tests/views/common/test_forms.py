"""A form dialog's problem line, and its one way of saving: buttons off while the write runs,
then announce + saved + accept, or the buttons back and the reason shown with the dialog open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from app.views.bridge import Bridge, TaskContext
from app.views.common import forms
from app.views.common.forms import (
    OK_CANCEL,
    ask_file,
    button_row,
    dialog_buttons,
    message_label,
    save_in_background,
    stack,
)

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


def test_dialog_buttons_accept_through_the_callback_and_cancel_rejects(qtbot: Any) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    accepted: list[bool] = []
    box = dialog_buttons(dialog, OK_CANCEL, lambda: accepted.append(True))
    assert box.parent() is dialog
    box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert accepted == [True] and dialog.result() == 0  # the callback decides, not the box
    dialog.open()
    with qtbot.waitSignal(dialog.rejected):
        box.button(QDialogButtonBox.StandardButton.Cancel).click()


def test_stack_puts_widgets_and_layouts_top_to_bottom_with_their_stretch(qtbot: Any) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    first, last = QLabel(owner), QLabel(owner)
    row = QHBoxLayout()
    layout = stack(owner, first, (row, 2), (last, 1))
    assert owner.layout() is layout
    assert [layout.itemAt(i).widget() or layout.itemAt(i).layout() for i in range(3)] == [
        first, row, last]
    assert [layout.stretch(i) for i in range(3)] == [0, 2, 1]


def test_button_row_keeps_the_buttons_left(qtbot: Any) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    add, remove = QPushButton(owner), QPushButton(owner)
    row = button_row(add, remove)
    assert row.count() == 3
    assert row.itemAt(0).widget() is add and row.itemAt(1).widget() is remove
    assert row.itemAt(2).spacerItem() is not None and row.stretch(2) == 1


def test_ask_file_is_a_path_or_none(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    asked: list[tuple[Any, ...]] = []

    def fake(*args: Any) -> tuple[str, str]:
        asked.append(args)
        return answer

    monkeypatch.setattr(forms.QFileDialog, "getOpenFileName", fake)
    answer = ("/tmp/scan.pdf", "PDF (*.pdf)")
    assert ask_file(parent, "Scan", "PDF (*.pdf)") == Path("/tmp/scan.pdf")
    assert asked == [(parent, "Scan", "", "PDF (*.pdf)")]
    answer = ("", "")
    assert ask_file(parent, "Scan", "PDF (*.pdf)") is None
