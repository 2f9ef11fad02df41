"""A cache synced from the sandbox over real HTTP, once per test module, copied for each test.

Tests that change the synced data (reconciliation mismatches, export filters) import the two
fixtures below; a sync of the shared ``sandbox`` runs once per module and every test gets its own
copy of the resulting file, so tests never see each other's changes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.models import db
from app.services.sync.engine import ALL_COLLECTIONS, SyncEngine
from tests.sandbox_fixtures import Sandbox


@pytest.fixture(scope="module")
def synced_file(sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The path of a cache holding every collection of the module's sandbox."""
    path = tmp_path_factory.mktemp("synced") / "synced.sqlite3"
    engine = db.open_cache(f"sqlite:///{path}")
    with sandbox.client() as client:
        assert SyncEngine(client, engine, page_limit=200).sync(ALL_COLLECTIONS).ok
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def synced(synced_file: Path, tmp_path: Path) -> Iterator[Engine]:
    """A fresh copy of the synced cache for one test (tests change it)."""
    target = tmp_path / "cache.sqlite3"
    shutil.copy(synced_file, target)
    engine = db.open_cache(f"sqlite:///{target}")
    try:
        yield engine
    finally:
        engine.dispose()
