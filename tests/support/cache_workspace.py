"""A stand-in for the window's workspace in view tests: an open cache, its paths and a profile
role, with the ``engineChanged(object)`` signal the views listen to. It is an
:class:`~app.views.context.AreaWorkspace` (mypy checks it below), so an area takes it where the
window gives the real workspace."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine

from app.config.paths import AppPaths
from app.config.profiles import Profile
from app.config.settings import SettingsStore
from app.services.marketplace.client import Unreachable
from app.services.marketplace.credentials import Credentials
from app.views.workspace import SANDBOX, Target

if TYPE_CHECKING:
    from app.views.context import AreaWorkspace


class CacheWorkspace(QObject):
    """What an area needs of the workspace. Signals: ``engineChanged(object)`` (never emitted
    unless a test does). The target is the sandbox for a seller, a partner profile for
    ``role="partner"``; there is no marketplace (a connection fails as unreachable)."""

    engineChanged = Signal(object)

    def __init__(self, engine: Engine, home: Path, role: str = "seller") -> None:
        super().__init__()
        self.engine: Engine | None = engine
        self.paths = AppPaths.under(home)
        self.settings = SettingsStore(self.paths)
        self.target: Target | None = (
            SANDBOX
            if role == "seller"
            else Target(Profile(name=role, endpoint="https://127.0.0.1:9", access_key="test",
                                role="partner"))
        )

    def connector(self, target: Target) -> Callable[[], Credentials]:
        def unreachable() -> Credentials:
            raise Unreachable("no marketplace in this test")

        return unreachable


if TYPE_CHECKING:
    _checked: type[AreaWorkspace] = CacheWorkspace
