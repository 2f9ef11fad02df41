"""What an area of the main window may use: :class:`AreaWorkspace` and :class:`AreaContext`.

An area never gets the whole :class:`~app.views.workspace.Workspace` (which also switches targets,
keeps the profiles and the keychain, runs the sandbox): it declares ``workspace: AreaWorkspace``
and reads only what is listed here. ``Workspace`` satisfies the protocol, and so does the view
tests' stand-in (``tests.support.cache_workspace.CacheWorkspace``), so an area is built the same way
in the window and in its tests.

:class:`AreaContext` is what the window hands every area's factory in
:mod:`app.views.area_registry`: the bridge, the workspace (as an ``AreaWorkspace``), the
window-state ``QSettings`` and the two window-wide services an area may show (the sync, the
outbox sender).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QSettings, SignalInstance
from sqlalchemy import Engine

from app.config.paths import AppPaths
from app.config.settings import SettingsStore
from app.services.marketplace.credentials import Credentials
from app.views.bridge import Bridge

if TYPE_CHECKING:
    from app.views.outbox_controller import OutboxController
    from app.views.sync_controller import SyncController
    from app.views.workspace import Target


@runtime_checkable
class AreaWorkspace(Protocol):
    """What an area may use of the window's workspace.

    ``engineChanged(object)``
        The current cache's ``Engine`` once open, ``None`` while another one is being opened.
    ``engine``
        The current cache, or ``None`` while none is open.
    ``target``
        What the console is connected to (``target.role``: "seller" or "partner";
        ``target.profile``: ``None`` for the sandbox), or ``None`` before the first is opened.
    ``paths``
        The console's folders (the outbox's attachments, the settlement rules, exports).
    ``settings``
        The user's settings (``settings.load()``: thresholds, timeouts).
    ``connector(target)``
        A function that, on a worker thread, returns how to reach ``target``'s marketplace.
    """

    @property
    def engineChanged(self) -> SignalInstance: ...  # noqa: N802 - a Qt signal

    @property
    def engine(self) -> Engine | None: ...

    @property
    def target(self) -> Target | None: ...

    @property
    def paths(self) -> AppPaths: ...

    @property
    def settings(self) -> SettingsStore: ...

    def connector(self, target: Target) -> Callable[[], Credentials]: ...


@dataclass(frozen=True)
class AreaContext:
    """What the window gives every area's factory (see :mod:`app.views.area_registry`)."""

    bridge: Bridge
    workspace: AreaWorkspace
    #: The window-state settings: where an area keeps its columns and splitters.
    state: QSettings
    sync: SyncController
    #: The window's outbox sender (the Outbox area shows and drives it).
    outbox: OutboxController
