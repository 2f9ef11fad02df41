"""Form dialogs: the problem line under the form, and the one way such a dialog saves.

A form dialog (labelled fields, a line that says what went wrong, Save/OK and Cancel) saves on the
bridge's WRITE lane with :func:`save_in_background`: its buttons are disabled while the write runs;
on success the changed collections are announced, ``saved`` gets the stored value and the dialog
is accepted; on failure the buttons come back and ``failed`` says why, the dialog staying open
with what was typed. Nothing is delivered to a dialog that was closed (deleted) meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from app.views.bridge import Bridge, Lane, TaskContext

T = TypeVar("T")


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
