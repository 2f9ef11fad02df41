"""The console's windows: one per profile, several profiles side by side in one process.

A partner (客户服务商) applies for exclusive offers (专属优惠) and submits customer demands under
its partner profile while it watches its shop under its seller profile (issue 16 §3). Profile >
Open in New Window opens another profile in a window of its own: each window has its own
:class:`~app.views.bridge.Bridge`, :class:`~app.views.workspace.Workspace` (its cache),
:class:`~app.views.sync_controller.SyncController` and, through the window, its outbox
controller, so the two never share a cache, a sync or an outbox. They share the process: the
settings, the translations, the keychain and the embedded sandbox.

One window per profile still holds: a profile already shown in a window is not opened again; that
window comes to the front (also when a window's profile switcher chooses it). A second start of
the console brings the window used last to the front (``app.views.single_instance``), and the
window lock records every cache the windows have open, so the command line leaves their outboxes'
sending to them (``app.services.instance.window_holding``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal
from sqlalchemy import Engine

from app.config.paths import AppPaths
from app.config.profiles import ProfileStore
from app.config.settings import SettingsStore
from app.services.marketplace.client import RetryPolicy
from app.services.marketplace.credentials import CredentialStore
from app.views.bridge import Bridge
from app.views.i18n import Translations
from app.views.main_window import MainWindow
from app.views.sync_controller import SyncController
from app.views.workspace import EmbeddedSandbox, Target, Workspace


@dataclass
class ConsoleWindow:
    """One window and what it alone owns."""

    window: MainWindow
    workspace: Workspace
    sync: SyncController
    bridge: Bridge


class ConsoleWindows(QObject):
    """Opens and closes the console's windows. Signals: ``opened(ConsoleWindow)``,
    ``cachesChanged(list[str])`` (the caches the windows have open, for the window lock)."""

    opened = Signal(object)
    cachesChanged = Signal(list)

    def __init__(self, paths: AppPaths, profiles: ProfileStore, credentials: CredentialStore,
                 settings: SettingsStore, translations: Translations, sandbox: EmbeddedSandbox,
                 state: Callable[[], QSettings], *, environ: Mapping[str, str] | None = None,
                 retry: RetryPolicy | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths, self.profiles, self.credentials = paths, profiles, credentials
        self.settings, self.translations, self.sandbox = settings, translations, sandbox
        self._state, self._environ, self._retry = state, environ, retry
        self.windows: list[ConsoleWindow] = []

    def showing(self, target: Target, besides: Workspace | None = None) -> ConsoleWindow | None:
        """The window (other than ``besides``'s) that shows ``target``."""
        return next((w for w in self.windows if w.workspace is not besides
                     and w.workspace.target is not None
                     and w.workspace.target.key == target.key), None)

    def open(self, target: Target | None = None) -> ConsoleWindow:
        """A window for ``target`` (the initial target for None): the one that shows it already,
        brought to the front, or a new one."""
        if target is not None:
            shown = self.showing(target)
            if shown is not None:
                bring_to_front(shown.window)
                return shown
        current = self.settings.load()
        bridge = Bridge(self)
        workspace = Workspace(self.paths, self.profiles, self.credentials, self.settings, bridge,
                              sandbox=self.sandbox, environ=self._environ, parent=self)
        sync = SyncController(bridge, workspace, interval_minutes=current.sync_interval_minutes,
                              timeout_s=current.http_timeout_s, retry=self._retry, parent=self)
        window = MainWindow(workspace, sync, bridge, self.translations, self._state())
        made = ConsoleWindow(window, workspace, sync, bridge)
        self.windows.append(made)

        def elsewhere(chosen: Target) -> bool:
            other = self.showing(chosen, besides=workspace)
            if other is not None:
                bring_to_front(other.window)
            return other is not None

        workspace.open_elsewhere = elsewhere
        workspace.engineChanged.connect(lambda _e: self._caches_changed())
        window.newWindowRequested.connect(self.open)
        window.closed.connect(lambda: self._closed(made))
        window.start(target)
        if self.windows.index(made) and target is not None:  # not on top of the first one
            first = self.windows[0].window.geometry()
            window.move(first.x() + 40, first.y() + 40)
        window.show()
        self.opened.emit(made)
        return made

    def last(self) -> ConsoleWindow | None:
        return self.windows[-1] if self.windows else None

    def caches(self) -> list[str]:
        engines: list[Engine] = [w.workspace.engine for w in self.windows
                                 if w.workspace.engine is not None]
        return [str(engine.url) for engine in engines]

    def _caches_changed(self) -> None:
        self.cachesChanged.emit(self.caches())

    def _closed(self, made: ConsoleWindow) -> None:
        """A closed window gives up its cache and work; the sandbox stops with the last one."""
        if made not in self.windows:
            return
        self.windows.remove(made)
        made.sync.cancel()
        made.workspace.shutdown(stop_sandbox=not self.windows)
        for obj in (made.window, made.sync, made.workspace):
            obj.deleteLater()
        # Finished work still reports on the event loop: the bridge goes once it has.
        if made.bridge.is_busy():
            made.bridge.busy_changed.connect(
                lambda busy: None if busy else made.bridge.deleteLater())
        else:
            made.bridge.deleteLater()
        self._caches_changed()

    def shutdown(self) -> None:
        """Close every window's work (the application quits)."""
        for made in list(self.windows):
            self.windows.remove(made)
            made.workspace.shutdown(stop_sandbox=False)
        self.sandbox.stop()


def bring_to_front(window: MainWindow) -> None:
    """Show ``window``, restored and active."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
