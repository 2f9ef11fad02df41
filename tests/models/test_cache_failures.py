"""Issue 15 §1: a cache that cannot be opened is not a damaged cache.

Each cause (locked, not writable, disk full, server down, real damage) is told apart and never
offers a fresh cache unless ``PRAGMA quick_check`` (or "not a database") confirms damage; and every
commit is durable (``synchronous=FULL``).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app.models import db


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def test_issue15_s1_a_locked_cache_is_locked_not_damaged(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.sqlite3"
    db.open_cache(_url(path)).dispose()
    monkeypatch.setattr(db, "SQLITE_PRAGMAS", tuple(
        "PRAGMA busy_timeout=50" if p.startswith("PRAGMA busy_timeout") else p
        for p in db.SQLITE_PRAGMAS))
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA journal_mode=DELETE")  # leave WAL so an exclusive lock blocks readers
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE held (x)")
    try:
        with pytest.raises(db.CacheError) as err:
            db.open_cache(_url(path))
    finally:
        holder.rollback()
        holder.close()
    assert type(err.value) is db.CacheLocked
    assert err.value.failure_code == "cache_locked"
    assert "locked" in str(err.value) and "damaged" not in str(err.value)


def test_issue15_s1_a_root_owned_cache_is_a_permission_problem(tmp_path: Path) -> None:
    """As root the check runs as the unprivileged user ``nobody`` (a file left by ``sudo``)."""
    folder = tmp_path / "home"
    folder.mkdir()
    path = folder / "c.sqlite3"
    db.open_cache(_url(path)).dispose()
    script = (
        "import sys; from app.models import db\n"
        "try:\n"
        f"    db.open_cache({_url(path)!r})\n"
        "except db.CacheError as e:\n"
        "    print(type(e).__name__); print(e)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    if os.geteuid() == 0:
        os.chmod(tmp_path, 0o755)
        os.chmod(folder, 0o755)
        os.chmod(path, 0o644)
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
               sys.executable, "-c", script]
    else:
        os.chmod(path, 0o444)
        os.chmod(folder, 0o555)
        cmd = [sys.executable, "-c", script]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp_path,
                             timeout=120, check=False)
    finally:
        os.chmod(folder, 0o755)
        os.chmod(path, 0o644)
    lines = out.stdout.splitlines()
    assert lines and lines[0] == "CachePermission", out.stdout + out.stderr
    assert "cannot be written" in out.stdout and "damaged" not in out.stdout


def test_issue15_s1_a_full_disk_is_a_full_disk(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    db.open_cache(_url(path)).dispose()
    conn = sqlite3.connect(path)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(sqlite3.OperationalError) as full:
        conn.execute("CREATE TABLE filler (x)")
        conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 4000,)] * 200)
        conn.commit()
    conn.close()
    err = db.classify_failure(_url(path), full.value)
    assert type(err) is db.CacheDiskFull and "full" in str(err)
    assert "damaged" not in str(err)
    with pytest.raises(OSError) as oserr, open("/dev/full", "wb") as dev:
        dev.write(b"x")
        dev.flush()
    assert type(db.classify_failure(_url(path), oserr.value)) is db.CacheDiskFull


def test_issue15_s1_a_postgresql_server_that_is_down_is_not_damage() -> None:
    url = "postgresql+psycopg://console:secret-pw@127.0.0.1:9/cache"
    with pytest.raises(db.CacheError) as err:
        db.open_cache(url)
    assert type(err.value) is db.CacheServerDown
    assert "secret-pw" not in str(err.value)
    assert "PostgreSQL server" in str(err.value)


def test_issue15_s1_damage_is_confirmed_by_quick_check(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    engine = db.open_cache(_url(path))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE filler (x TEXT)"))
        for _ in range(40):
            conn.execute(text("INSERT INTO filler VALUES (:x)"), {"x": "y" * 3000})
    engine.dispose()
    assert db.quick_check(path) is None
    raw = bytearray(path.read_bytes())
    page = 4096
    last = len(raw) // page - 1
    raw[last * page:last * page + 200] = b"\xff" * 200  # a bad page deep in the file
    path.write_bytes(bytes(raw))
    assert db.quick_check(path) is not None
    # a database error on a sound file is not called damage
    sound = tmp_path / "sound.sqlite3"
    db.open_cache(_url(sound)).dispose()
    err = db.classify_failure(_url(sound), sqlite3.DatabaseError("disk I/O error"))
    assert not isinstance(err, db.CacheCorrupt)
    assert isinstance(db.classify_failure(_url(path), sqlite3.DatabaseError("disk I/O error")),
                      db.CacheCorrupt)


def test_issue15_s1_every_commit_is_durable(tmp_path: Path) -> None:
    engine = db.open_cache(_url(tmp_path / "c.sqlite3"))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    engine.dispose()


def test_issue15_s1_only_a_rebuildable_sync_page_commits_without_fsync(tmp_path: Path) -> None:
    engine = db.open_cache(_url(tmp_path / "c.sqlite3"))
    with engine.begin() as conn:
        db.rebuildable(conn)
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL for this page
        conn.execute(text("CREATE TABLE page (x)"))
    with engine.connect() as conn:  # the same pooled connection, durable again
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2
    engine.dispose()
