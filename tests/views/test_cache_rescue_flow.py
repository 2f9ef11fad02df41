"""Issue 15 §1 in the window: a locked cache never offers a fresh one; a damaged one is rescued
(everything the user made saved to a folder) before it is set aside, and brought into the new cache."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, insert, select

import app.models as m
from app.config.paths import AppPaths
from app.config.profiles import Profile, ProfileStore
from app.config.settings import SettingsStore
from app.models import db
from app.services.marketplace.credentials import CredentialStore
from app.services.outbox.factory import make_outbox
from app.views.bridge import Bridge
from app.views.workspace import Target, Workspace

pytestmark = pytest.mark.gui
WAIT_MS = 20000


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[Bridge]:
    b = Bridge()
    yield b
    b.wait_idle()


def _workspace(tmp_path: Path, bridge: Bridge) -> tuple[Workspace, Target, Path]:
    paths = AppPaths.under(tmp_path / "home")
    profile = Profile("shop", "https://marketplace.example.com", "AK123")
    ProfileStore(paths).add(profile)
    ws = Workspace(paths, ProfileStore(paths), CredentialStore(), SettingsStore(paths), bridge)
    target = Target(profile)
    url = ws.cache_url(target)
    return ws, target, Path(url.removeprefix("sqlite:///"))


def test_issue15_s1_start_fresh_rescues_first_and_brings_it_back(
    qtbot: QtBot, tmp_path: Path, bridge: Bridge
) -> None:
    ws, target, path = _workspace(tmp_path, bridge)
    engine = db.open_cache(f"sqlite:///{path}")
    evidence = tmp_path / "letter.pdf"
    evidence.write_bytes(b"%PDF-1.4 letter")
    from app.services.outbox.queue import QueuedFile

    make_outbox(engine, ws.paths).enqueue("supervision.deliver", "T-9", {"n": 1},
                                          files=[QueuedFile(evidence, "acceptance")])
    with engine.begin() as conn:
        conn.execute(insert(m.CompanyProfile.__table__).values(
            id=1, name="某某公司", updated_at=datetime(2026, 12, 1, tzinfo=UTC)))
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='alembic_version'"
                            ).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\xa5" * size)

    with qtbot.waitSignal(ws.cacheFailed, timeout=WAIT_MS) as failed:
        ws.open(target)
    message, can_start_fresh = failed.args
    assert can_start_fresh and "damaged" in message

    with qtbot.waitSignal(ws.cacheRescued, timeout=WAIT_MS) as rescued:
        ws.start_fresh_cache()
    text, complete = rescued.args
    assert complete and "saved to" in text
    new: Engine | None = ws.engine
    assert new is not None
    with new.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.OutboxEntry.__table__)
                            ).scalar() == 1
        assert conn.execute(select(m.CompanyProfile.name)).scalar() == "某某公司"
    assert list((path.parent / "rescued").glob("rescue-*/manifest.json"))
    ws.shutdown()


def test_issue15_s1_a_locked_cache_offers_to_try_again_not_a_fresh_cache(
    qtbot: QtBot, tmp_path: Path, bridge: Bridge, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, target, path = _workspace(tmp_path, bridge)
    db.open_cache(f"sqlite:///{path}").dispose()
    monkeypatch.setattr(db, "SQLITE_PRAGMAS", tuple(
        "PRAGMA busy_timeout=50" if p.startswith("PRAGMA busy_timeout") else p
        for p in db.SQLITE_PRAGMAS))
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE held (x)")
    try:
        with qtbot.waitSignal(ws.cacheFailed, timeout=WAIT_MS) as failed:
            ws.open(target)
    finally:
        holder.rollback()
        holder.close()
    message, can_start_fresh = failed.args
    assert not can_start_fresh
    assert "locked" in message and "damaged" not in message
    ws.shutdown()
