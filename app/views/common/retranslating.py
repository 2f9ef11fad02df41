"""The one language-change hook of a widget that re-sets its own texts.

A widget whose texts are made in code (not by an area's :class:`~app.views.change_watcher.
ChangeWatcher`) mixes in :class:`Retranslating` before its Qt class and implements
``retranslate()``; on each ``QEvent.LanguageChange`` (a language switch) the mixin calls it and
then passes the event on::

    class JournalPage(Retranslating, QWidget):
        def retranslate(self) -> None:
            self.verify_button.setText(translate("JournalPage", "&Verify"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    # Type checkers see the widget the mixin is mixed into; at run time it is a plain mixin, so
    # the Qt class that follows it in the bases is the one Qt builds.
    _Widget = QWidget
else:
    _Widget = object


class Retranslating(_Widget):
    """Calls :meth:`retranslate` on a language switch (see the module docstring)."""

    def retranslate(self) -> None:
        """Re-set every text in the interface language."""
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
