"""Form dialogs: the problem line under the form, and the one way such a dialog saves.

A form dialog (labelled fields, a line that says what went wrong, Save/OK and Cancel) saves on the
bridge's WRITE lane with :func:`save_in_background`: its buttons are disabled while the write runs;
on success the changed collections are announced, ``saved`` gets the stored value and the dialog
is accepted; on failure the buttons come back and ``failed`` says why, the dialog staying open
with what was typed. Nothing is delivered to a dialog that was closed (deleted) meanwhile.

The dialog's parts are put together the same way everywhere: :func:`dialog_buttons` (the button
box whose Cancel/Close rejects the dialog), :func:`stack` (the parts top to bottom) and
:func:`button_row` (buttons side by side, pushed to the left); :func:`ask_file` asks for one file;
:func:`grow_to_fit` makes a dialog tall enough for every wrapped line once its words changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from app.views.bridge import Bridge, Lane, TaskContext

T = TypeVar("T")

Button = QDialogButtonBox.StandardButton
OK_CANCEL = Button.Ok | Button.Cancel
SAVE_CANCEL = Button.Save | Button.Cancel

#: One part of a :func:`stack`: a widget or a layout, or either with its stretch factor.
Part = QWidget | QLayout | tuple[QWidget | QLayout, int]


def dialog_buttons(dialog: QDialog, buttons: QDialogButtonBox.StandardButton,
                   accepted: Callable[[], Any] | None = None) -> QDialogButtonBox:
    """The button box of ``dialog`` with ``buttons``: the accepting one (OK, Save...) calls
    ``accepted``, Cancel or Close rejects the dialog."""
    box = QDialogButtonBox(buttons, dialog)
    if accepted is not None:
        box.accepted.connect(accepted)
    box.rejected.connect(dialog.reject)
    return box


def stack(owner: QWidget, *parts: Part) -> QVBoxLayout:
    """``owner``'s layout: ``parts`` from top to bottom (``(part, stretch)`` to give one a
    stretch factor)."""
    layout = QVBoxLayout(owner)
    for part in parts:
        item, factor = part if isinstance(part, tuple) else (part, 0)
        if isinstance(item, QLayout):
            layout.addLayout(item, factor)
        else:
            layout.addWidget(item, factor)
    return layout


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """``buttons`` side by side on the left, the rest of the row empty."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def message_label(parent: QWidget, name: str, style: str = "", *,
                  selectable: bool = False) -> QLabel:
    """The dialog's problem line: word-wrapped, styled with ``style``, hidden until it has
    something to say (``selectable``: the text can be selected and copied)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet(style)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def grow_to_fit(dialog: QWidget) -> None:
    """Grow ``dialog`` (never shrink it) to show every wrapped line: a dialog is sized from its
    size hint, which does not count the lines a word-wrapped label needs at the dialog's real
    width, nor a message set after it was shown."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalSizeHint().height())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


def ask_file(parent: QWidget, title: str, filters: str) -> Path | None:
    """One existing file chosen in the system's file dialog (``filters``: Qt's name filters), or
    None when the user cancels."""
    name, _filter = QFileDialog.getOpenFileName(parent, title, "", filters)
    return Path(name) if name else None


def save_in_background(
    dialog: QDialog,
    bridge: Bridge,
    work: Callable[[TaskContext], T],
    *,
    name: str,
    buttons: QWidget,
    announce: Iterable[str],
    saved: Callable[[T], Any],
    failed: Callable[[BaseException], Any],
) -> None:
    """Run ``work`` on the WRITE lane for ``dialog`` with ``buttons`` disabled meanwhile; then
    announce ``announce`` (as ``dialog``), call ``saved(result)`` and accept the dialog, or call
    ``failed(exc)`` and leave it open."""
    changed = set(announce)
    buttons.setEnabled(False)

    def done(result: T) -> None:
        buttons.setEnabled(True)
        if changed:
            bridge.announce(changed, dialog)
        saved(result)
        dialog.accept()

    def refused(exc: BaseException) -> None:
        buttons.setEnabled(True)
        failed(exc)

    bridge.run(work, name=name, lane=Lane.WRITE, owner=dialog, on_success=done,
               on_failure=refused)
