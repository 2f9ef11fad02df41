"""Re-read a view when what it shows changed: the bridge's announcements, merged per burst, only
while the view is visible (a hidden view just remembers it is stale and re-reads as soon as it is shown); and
its words when the language changes.

Used by the Charts, Bills and Partner areas instead of each repeating the same event handling.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.views.bridge import Bridge


class ChangeWatcher(QObject):
    """Watches ``bridge.changed`` for ``watched`` collections on behalf of ``view``.

    ``refresh`` runs (after ``delay_ms``, once per burst) when a watched collection changed and the
    view is visible, or when a stale view is shown; ``retranslate`` runs on a language change.
    ``enabled`` is consulted before marking stale (a view with no cache open says False).
    """

    def __init__(self, view: QWidget, bridge: Bridge, watched: Iterable[str],
                 refresh: Callable[[], None], *, retranslate: Callable[[], None] | None = None,
                 enabled: Callable[[], bool] = lambda: True, delay_ms: int = 250) -> None:
        super().__init__(view)
        self.view = view
        self.watched = frozenset(watched)
        self.stale = False
        self._refresh = refresh
        self._retranslate = retranslate
        self._enabled = enabled
        self.timer = QTimer(self, singleShot=True, interval=delay_ms)
        self.timer.timeout.connect(self._run)
        bridge.changed.connect(self._on_changed)
        view.installEventFilter(self)

    def _run(self) -> None:
        self.stale = False
        self._refresh()

    def _on_changed(self, collections: frozenset[str], _source: object) -> None:
        if collections & self.watched and self._enabled():
            self.stale = True
            if self.view.isVisible():
                self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.view:
            if event.type() == QEvent.Type.Show and self.stale:
                self.timer.stop()
                self._run()  # at once: the user is looking
            elif event.type() == QEvent.Type.LanguageChange and self._retranslate is not None:
                self._retranslate()
        return False
