"""The one way an area follows the cache: re-read when what it shows changed, only while it is seen.

Every area that shows cached data builds one :class:`ChangeWatcher`. The policy, chosen once for all:

- a **visible** area re-reads as soon as a watched collection changed, once per burst of
  announcements (``delay_ms`` after the first);
- a **hidden** area only remembers that it is stale, and re-reads at once when it is shown;
- an area whose navigation entry carries a number ("Supervision (N)") passes ``recount``: that runs
  after a burst even while the area is hidden, so the number stays true without re-reading the list;
- on a language change it calls ``retranslate``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.views.bridge import Bridge

REFRESH_DELAY_MS = 250


class ChangeWatcher(QObject):
    """Watches ``bridge.changed`` for ``watched`` collections on behalf of ``view``.

    ``refresh`` runs (after ``delay_ms``, once per burst) when a watched collection changed and the
    view is visible, or at once when a stale view is shown; ``recount`` (optional) runs after a
    burst while the view is hidden; ``retranslate`` runs on a language change. ``enabled`` is
    consulted before marking stale (a view with no cache open says False).
    """

    def __init__(self, view: QWidget, bridge: Bridge, watched: Iterable[str],
                 refresh: Callable[[], None], *, retranslate: Callable[[], None] | None = None,
                 recount: Callable[[], None] | None = None,
                 enabled: Callable[[], bool] = lambda: True,
                 delay_ms: int = REFRESH_DELAY_MS) -> None:
        super().__init__(view)
        self.view = view
        self.watched = frozenset(watched)
        self.stale = False
        self._refresh = refresh
        self._recount = recount
        self.retranslate = retranslate
        self._enabled = enabled
        self.timer = QTimer(self, singleShot=True, interval=delay_ms)
        self.timer.timeout.connect(self._run)
        bridge.changed.connect(self._on_changed)
        view.installEventFilter(self)

    def refresh_now(self) -> None:
        """Re-read at once (a filter changed, the user asked): the pending burst is folded in."""
        self.timer.stop()
        self.stale = False
        self._refresh()

    def refresh_soon(self) -> None:
        """Re-read after the delay, merged with anything else that arrives meanwhile."""
        self.timer.start()

    def mark_stale(self) -> None:
        """Re-read when next visible (now, if it is)."""
        self.stale = True
        if self.view.isVisible():
            self.timer.start()

    def _run(self) -> None:
        if self.view.isVisible():
            self.stale = False
            self._refresh()
        elif self._recount is not None:
            self._recount()

    def _on_changed(self, collections: frozenset[str], _source: object) -> None:
        if collections & self.watched and self._enabled():
            self.stale = True
            if self.view.isVisible() or self._recount is not None:
                self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.view:
            if event.type() == QEvent.Type.Show and self.stale:
                self.refresh_now()  # at once: the user is looking
            elif event.type() == QEvent.Type.LanguageChange and self.retranslate is not None:
                self.retranslate()
        return False
