"""Project-wide test setup: headless Qt, an isolated home folder, no real keychain."""

from __future__ import annotations

import os
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from app.services.logs import default_registry
from app.services.outbox.action_kinds import register_action_kinds
from app.views.app import pin_interpreter_singletons

# PySide6 6.12 on CPython 3.11 leaks references to None/True per signal (see the function's
# docstring); a long test session would otherwise abort. A no-op on Python 3.12 and later.
pin_interpreter_singletons()

# What the composition root (app/__main__.py) does before any front end runs: every outbox
# action kind is registered, so the tests' outboxes and dispatchers know them all.
register_action_kinds()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own SELLER_CONSOLE_HOME and never sees the developer's keys."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SELLER_CONSOLE_HOME", str(home))
    monkeypatch.delenv("SELLER_CONSOLE_AK", raising=False)
    monkeypatch.delenv("SELLER_CONSOLE_SK", raising=False)


@pytest.fixture(autouse=True)
def _forget_logged_secrets() -> Iterator[None]:
    """The log's secret registry is process-wide (``app.services.logs``): a test that registered
    a short test secret such as ``"secret"`` would mask that word in later tests' logs."""
    yield
    default_registry().clear()
