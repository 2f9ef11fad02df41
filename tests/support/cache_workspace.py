"""A stand-in for the window's workspace in view tests: an open cache, its paths and a profile
role, with the ``engineChanged(object)`` signal the views listen to."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine

from app.config import AppPaths


class CacheWorkspace(QObject):
    """What an area needs of the workspace. Signals: ``engineChanged(object)`` (never emitted
    unless a test does)."""

    engineChanged = Signal(object)

    def __init__(self, engine: Engine, home: Path, role: str = "seller") -> None:
        super().__init__()
        self.engine = engine
        self.paths = AppPaths.under(home)
        self.target = SimpleNamespace(role=role)
