"""Issue 15 §1: before any cache is set aside, everything the user made is exported to a folder it
can be re-imported from, and re-imported into the new cache."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select

import app.models as m
from app.models import db
from app.services import cache_rescue
from app.services.outbox import journal
from app.services.outbox.filestore import FileStore, store_root_for
from app.services.outbox.queue import Outbox, QueuedFile


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _files(url: str, tmp: Path) -> FileStore:
    return FileStore(store_root_for(url, tmp / "caches"))


def _made_by_the_user(engine: Engine, url: str, tmp: Path) -> None:
    evidence = tmp / "acceptance.pdf"
    evidence.write_bytes(b"%PDF-1.4 acceptance letter " * 50)
    outbox = Outbox(engine, _files(url, tmp), actor="li.lei")
    outbox.enqueue("supervision.deliver", "T-1", {"note": "交付"},
                   files=[QueuedFile(evidence, "acceptance")], summary="deliver T-1")
    outbox.enqueue("supervision.deliver", "T-2", {"note": "second"}, summary="deliver T-2")
    with engine.begin() as conn:
        conn.execute(insert(m.CompanyProfile.__table__).values(
            id=1, name="杭州某某科技有限公司", tax_no="91330100MA2XXXXX", seal_image=b"\x89PNG..",
            updated_at=datetime(2026, 12, 1, tzinfo=UTC)))
        # synced data (can be synced again), made big so the file has many pages
        conn.execute(insert(m.SetAsideRecord.__table__), [
            {"collection": "orders", "record_id": f"O{n:06d}", "error": "x" * 200,
             "payload": str(n), "seen_at": datetime(2026, 1, 1, tzinfo=UTC)}
            for n in range(3000)])


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.execute(select(func.count()).select_from(
            m.Base.metadata.tables[name])).scalar_one() for name in cache_rescue.USER_TABLES}


def _break_page_of(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` (the damage a bad sector leaves)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            (table,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\xa5" * size)


def test_issue15_s1_rescue_and_restore_round_trip(tmp_path: Path) -> None:
    url = _url(tmp_path / "c.sqlite3")
    engine = db.open_cache(url)
    _made_by_the_user(engine, url, tmp_path)
    before = _counts(engine)
    engine.dispose()
    folder = tmp_path / "rescued"
    report = cache_rescue.rescue(url, folder, _files(url, tmp_path).root)
    assert report.complete and report.files == 1
    assert report.rows["outbox_entries"] == 2 and report.rows["journal_entries"] == 2
    assert (folder / "manifest.json").exists()

    other_url = _url(tmp_path / "new.sqlite3")
    new = db.open_cache(other_url)
    store = _files(other_url, tmp_path)
    restored = cache_rescue.restore(folder, new, store.add)
    assert _counts(new) == before
    assert restored.files == 1
    with new.connect() as conn:
        profile = conn.execute(select(m.CompanyProfile.__table__)).one()
        sha = conn.execute(select(m.OutboxFile.sha256)).scalar_one()
    assert profile.name == "杭州某某科技有限公司" and profile.seal_image == b"\x89PNG.."
    assert store.has(sha)
    assert journal.verify(new).ok
    again = cache_rescue.restore(folder, new, store.add)  # twice adds nothing
    assert sum(again.added.values()) == 0 and _counts(new) == before
    new.dispose()


def test_issue15_s1_a_damaged_cache_is_rescued_set_aside_and_brought_back(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    url = _url(path)
    engine = db.open_cache(url)
    _made_by_the_user(engine, url, tmp_path)
    before = _counts(engine)
    engine.dispose()
    _break_page_of(path, "alembic_version")
    with pytest.raises(db.CacheCorrupt):
        db.open_cache(url)

    store_root = _files(url, tmp_path).root
    new, rescued, restored, moved = cache_rescue.rescue_and_start_fresh(
        url, tmp_path / "rescue", store_root, lambda e: _files(url, tmp_path).add)
    assert moved.exists() and path.exists()
    assert rescued.complete
    assert _counts(new) == before
    with new.connect() as conn:
        assert conn.execute(select(func.count()).select_from(
            m.SetAsideRecord.__table__)).scalar() == 0
    assert journal.verify(new).ok
    new.dispose()


def test_issue15_s1_rows_on_a_bad_page_are_counted_not_silently_dropped(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    url = _url(path)
    engine = db.open_cache(url)
    with engine.begin() as conn:
        conn.execute(insert(m.JournalEntry.__table__), [
            {"seq": n, "at": datetime(2026, 1, 1, tzinfo=UTC), "actor": "a", "action": "queued",
             "target": f"t:{n}", "detail": {"pad": "p" * 300}, "outbox_key": None,
             "prev_hash": "0" * 64, "hash": "1" * 64} for n in range(1, 400)])
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    with path.open("r+b") as f:  # a leaf page in the middle of the journal's rows
        f.seek((pages - 10) * size)
        f.write(b"\x00\x01" * (size // 2))
    report = cache_rescue.rescue(url, tmp_path / "r", None)
    assert not report.complete
    assert report.rows["journal_entries"] + report.unreadable.get("journal_entries", 0) > 300
