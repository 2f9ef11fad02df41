"""What the console is connected to: the built-in sandbox or a profile, and that target's cache.

A :class:`Target` is either the embedded sandbox (no profile yet, or chosen from the profile menu)
or one :class:`~app.config.profiles.Profile`. The :class:`Workspace` opens the target's cache on the write
lane (opening may migrate it) and hands the engine to the views by signal; switching targets
disposes of the old engine only after the work queued on it has finished.

The :class:`~app.services.marketplace.embedded_sandbox.EmbeddedSandbox` (shared with the command
line, so without Qt) runs the sandbox marketplace inside this process (see that module).

Signals of :class:`Workspace`
-----------------------------
``targetChanged(object)``
    The new :class:`Target`, at once when a switch starts.
``engineChanged(object)``
    The new cache ``Engine`` once open, or ``None`` while a cache is being opened.
``sandboxStateChanged(str)``
    ``"starting"``, ``"running"``, ``"failed"`` or ``"stopped"``.
``cacheFailed(str, bool)``
    A cache could not be opened: the user's message, and whether starting a fresh cache (moving
    the damaged one aside) would help (only for damage ``quick_check`` confirmed).
``cacheRescued(str, bool)``
    A damaged cache was set aside for a fresh one: the user's message (where what they made was
    saved, and that it is in the new cache) and whether everything could be read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine

from app.config.paths import AppPaths
from app.config.profiles import Profile, ProfileStore
from app.config.settings import SettingsStore
from app.models.db import CacheCorrupt, CacheError, open_cache
from app.services.marketplace.credentials import Credentials, CredentialStore, resolve_credentials
from app.services.marketplace.embedded_sandbox import (
    SANDBOX_FOLDER,
    EmbeddedSandbox,
    connect,
    drop_stale_cache,
    sandbox_cache_url,
    sqlite_file,
)
from app.services.network import network_config
from app.views.bridge import Bridge, Lane, TaskContext
from app.views.common.failures import cache_failure_text, failure_text
from app.views.i18n import translate

if TYPE_CHECKING:
    from app.services.cache_rescue import RescueReport

log = logging.getLogger("seller_console.views")

SANDBOX_STARTING = "starting"
SANDBOX_RUNNING = "running"
SANDBOX_FAILED = "failed"
SANDBOX_STOPPED = "stopped"


# --------------------------------------------------------------------------------------------------
# Targets


@dataclass(frozen=True)
class Target:
    """The built-in sandbox (``profile is None``) or one profile."""

    profile: Profile | None = None

    @property
    def is_sandbox(self) -> bool:
        return self.profile is None

    @property
    def key(self) -> str:
        """A stable identity: ``"sandbox"`` or ``"profile:<name>"``."""
        return "sandbox" if self.profile is None else f"profile:{self.profile.name}"

    @property
    def role(self) -> str:
        return "seller" if self.profile is None else self.profile.role


SANDBOX = Target()

__all__ = [
    "SANDBOX", "SANDBOX_FAILED", "SANDBOX_FOLDER", "SANDBOX_RUNNING", "SANDBOX_STARTING",
    "SANDBOX_STOPPED", "EmbeddedSandbox", "Target", "Workspace",
]  # fmt: skip


class Workspace(QObject):
    """The current target and its open cache. One per main window; lives on the GUI thread."""

    targetChanged = Signal(object)
    engineChanged = Signal(object)
    sandboxStateChanged = Signal(str)
    cacheFailed = Signal(str, bool)
    cacheRescued = Signal(str, bool)
    #: The target is already open in another window of this console (one window per profile);
    #: this workspace stays on its target and that window comes to the front.
    openElsewhere = Signal(object)

    def __init__(
        self,
        paths: AppPaths,
        profiles: ProfileStore,
        credentials: CredentialStore,
        settings: SettingsStore,
        bridge: Bridge,
        sandbox: EmbeddedSandbox | None = None,
        environ: Mapping[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.profiles = profiles
        self.credentials = credentials
        self.settings = settings
        self._bridge = bridge
        self.sandbox = sandbox or EmbeddedSandbox(paths.data_dir / SANDBOX_FOLDER)
        self._environ: Mapping[str, str] = dict(environ) if environ is not None else {}
        self._target: Target | None = None
        self._engine: Engine | None = None
        self._sandbox_state = SANDBOX_STOPPED
        #: Whether another window of the console shows a target (set by
        #: :class:`app.views.windows.ConsoleWindows`; a lone window has no other).
        self.open_elsewhere: Callable[[Target], bool] = lambda _target: False

    # -- state -----------------------------------------------------------------------------------

    @property
    def target(self) -> Target | None:
        return self._target

    @property
    def engine(self) -> Engine | None:
        return self._engine

    @property
    def sandbox_state(self) -> str:
        return self._sandbox_state

    def sandbox_cache_url(self) -> str:
        return sandbox_cache_url(self.paths)

    def cache_url(self, target: Target) -> str:
        if target.profile is None:
            return self.sandbox_cache_url()
        return target.profile.cache_url(self.paths)

    def initial_target(self) -> Target:
        """The profile used last if it still exists, else the built-in sandbox."""
        last = self.settings.load().last_profile
        if last:
            try:
                return Target(self.profiles.get(last))
            except Exception as exc:  # noqa: BLE001 - a damaged profiles file must not stop the start
                log.warning("last profile %r is not available (%s); opening the sandbox", last, exc)
        return SANDBOX

    # -- switching -------------------------------------------------------------------------------

    def open(self, target: Target) -> None:
        """Switch to ``target``: announce it, then open its cache on the write lane. A target
        another window of the console shows is not opened twice (``openElsewhere``)."""
        if self.open_elsewhere(target):
            self.openElsewhere.emit(target)
            return
        self._target = target
        try:
            self.settings.update(
                last_profile=None if target.profile is None else target.profile.name
            )
        except Exception as exc:  # noqa: BLE001 - remembering the choice is a convenience only
            log.warning("could not remember the last profile: %s", exc)
        self._release_engine()
        self.targetChanged.emit(target)
        url = self.cache_url(target)
        sandbox = self.sandbox if target.is_sandbox else None
        if sandbox is not None and not sandbox.running:
            self._set_sandbox_state(SANDBOX_STARTING)

        def work(ctx: TaskContext) -> Engine:
            if sandbox is not None:
                sandbox.ensure_started()
                drop_stale_cache(sandbox, url)
            return open_cache(url)

        def sandbox_state() -> None:
            if sandbox is not None:
                self._set_sandbox_state(SANDBOX_RUNNING if sandbox.running else SANDBOX_FAILED)

        def switched_meanwhile(outcome: object) -> None:
            """The user switched again while this cache opened: close it, keep the sandbox's state."""
            sandbox_state()
            if isinstance(outcome, Engine):
                self._dispose_later(outcome)

        def opened(engine: Engine) -> None:
            sandbox_state()
            self._hand_out(engine)

        def failed(exc: BaseException) -> None:
            if sandbox is not None and not sandbox.running:
                self._set_sandbox_state(SANDBOX_FAILED)
            if isinstance(exc, CacheError):
                self.cacheFailed.emit(cache_failure_text(exc), isinstance(exc, CacheCorrupt))
            elif sandbox is not None and not sandbox.running:
                self.cacheFailed.emit(f"The sandbox marketplace could not start: {exc}", False)
            else:
                self.cacheFailed.emit(f"The local cache could not be opened: {exc}", False)

        self._bridge.run(
            work,
            name=f"open cache of {target.key}",
            lane=Lane.WRITE,
            owner=self,
            latest="open",
            on_success=opened,
            on_failure=failed,
            on_dropped=switched_meanwhile,
        )

    def reopen(self) -> None:
        """Open the current target again (after a failure)."""
        if self._target is not None:
            self.open(self._target)

    def start_fresh_cache(self) -> None:
        """Rescue what the user made from a damaged cache file into a folder beside it, move the
        file aside (it is kept for inspection), open a new cache and bring the rescue into it
        (issue 15 §1; :func:`app.services.cache_rescue.rescue_and_start_fresh`)."""
        target = self._target
        if target is None:
            return
        url = self.cache_url(target)
        path = sqlite_file(url)
        if path is None or not path.exists():
            self.open(target)
            return
        # The rescue (and the import machinery it restores with) is loaded when it is needed.
        from app.services.cache_rescue import default_folder, rescue_and_start_fresh
        from app.services.outbox.factory import file_store
        from app.services.outbox.filestore import store_root_for

        self._release_engine()
        paths = self.paths
        folder = default_folder(path.parent / "rescued")
        files_root = store_root_for(url, paths.caches_dir)

        def work(ctx: TaskContext) -> tuple[Engine, RescueReport, Path]:
            engine, rescued, _restored, moved = rescue_and_start_fresh(
                url, folder, files_root, lambda e: file_store(e, paths).add)
            log.warning("moved the damaged cache aside to %s; rescued into %s", moved, folder)
            return engine, rescued, moved

        def done(result: tuple[Engine, RescueReport, Path]) -> None:
            engine, rescued, moved = result
            self._hand_out(engine)
            if rescued.complete:
                text = translate(
                    "Workspace", "A fresh cache was started. Everything you made was saved to "
                    "%1 and brought into it; the damaged cache was kept as %2. Sync to fetch the "
                    "marketplace's records again.")
            else:
                text = translate(
                    "Workspace", "A fresh cache was started. What could be read of what you made "
                    "was saved to %1 and brought into it, but %3 rows could not be read; the "
                    "damaged cache was kept as %2.").replace(
                        "%3", str(sum(rescued.unreadable.values()) + len(rescued.missing_files)))
            self.cacheRescued.emit(text.replace("%1", str(folder)).replace("%2", str(moved)),
                                   rescued.complete)

        def failed(exc: BaseException) -> None:
            text = translate("Workspace", "The damaged cache was not set aside, because what you "
                             "made could not be saved first: %1").replace("%1", failure_text(exc))
            self.cacheFailed.emit(text, False)

        self._bridge.run(work, name=f"rescue cache of {target.key}", lane=Lane.WRITE, owner=self,
                         latest="open", on_success=done, on_failure=failed)

    def _hand_out(self, engine: Engine) -> None:
        """Make ``engine`` the current cache and tell the views. The outbox's action kinds are
        registered first: whatever queues, lists or sends an action (the areas, the outbox
        sender) does it on a cache handed out here. ``seller-console gui`` leaves the registration
        to this point, after the window is shown (issue 17); registering again changes nothing."""
        from app.services.outbox.action_kinds import register_action_kinds

        register_action_kinds()
        self._engine = engine
        self.engineChanged.emit(engine)

    def _release_engine(self) -> None:
        engine, self._engine = self._engine, None
        if engine is not None:
            self.engineChanged.emit(None)
            self._dispose_later(engine)

    def _dispose_later(self, engine: Engine) -> None:
        """Dispose on the write lane, i.e. after every write queued on that engine."""
        self._bridge.run(lambda ctx: engine.dispose(), name="close cache", lane=Lane.WRITE)

    def _set_sandbox_state(self, state: str) -> None:
        if state != self._sandbox_state:
            self._sandbox_state = state
            self.sandboxStateChanged.emit(state)

    # -- connections (called on worker threads) --------------------------------------------------

    def connector(self, target: Target) -> Callable[[], Credentials]:
        """A function that, on a worker thread, returns how to reach ``target``'s marketplace:
        it starts the sandbox (and moves its clock) or reads the secret key from the keychain.
        It raises ``CredentialsError``/``KeychainUnavailable`` with a message for the user."""
        if target.profile is None:
            sandbox = self.sandbox

            def sandbox_connection() -> Credentials:
                return connect(sandbox)

            return sandbox_connection
        name = target.profile.name
        profiles, store, environ = self.profiles, self.credentials, self._environ
        settings = self.settings

        def profile_connection() -> Credentials:
            network = network_config(settings.load(), store, environ)  # Settings → Network
            return resolve_credentials(profiles, store, name, None, environ, network=network)

        return profile_connection

    # -- shutdown ----------------------------------------------------------------------------------

    def shutdown(self, wait_ms: int = 15000, stop_sandbox: bool = True) -> None:
        """Stop everything this workspace started: cancel work, close the cache, stop the sandbox
        (unless ``stop_sandbox`` is False: other windows of the console still use it)."""
        self.open_elsewhere = lambda _target: False
        self._bridge.forget(self, "open")
        self._bridge.cancel_all()
        self._bridge.wait_idle(wait_ms)
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.dispose()
        if stop_sandbox:
            self.sandbox.stop()
            self._set_sandbox_state(SANDBOX_STOPPED)
