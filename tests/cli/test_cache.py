"""``seller-console cache check|rescue|restore|fresh`` (issue 15 §1), run as a user runs them."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert, select

import app.models as m
from app.models import db
from tests.cli.run import one_line, run_cli


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "SELLER_CONSOLE_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM":
            "offscreen"}


def _cache_with_work(path: Path) -> None:
    engine = db.open_cache(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(insert(m.CompanyProfile.__table__).values(
            id=1, name="某某公司", updated_at=datetime(2026, 12, 1, tzinfo=UTC)))
    engine.dispose()


def _damage(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='alembic_version'"
                            ).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\xa5" * size)


def test_issue15_s1_cache_fresh_rescues_sets_aside_and_restores(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite3"
    _cache_with_work(path)
    env = _env(tmp_path)
    url = f"sqlite:///{path}"
    assert run_cli("cache", "check", "--db", url, env=env).returncode == 0
    fresh = run_cli("cache", "fresh", "--db", url, env=env)
    assert fresh.returncode == 2 and "not damaged" in one_line(fresh)
    _damage(path)
    check = run_cli("cache", "check", "--db", url, env=env)
    assert check.returncode == 6 and "damaged" in one_line(check)
    rescued = run_cli("cache", "rescue", "--db", url, "--to", str(tmp_path / "r"), "--json",
                      env=env)
    assert rescued.returncode == 0, rescued.stderr
    assert json.loads(rescued.stdout)["rows"]["company_profile"] == 1
    done = run_cli("cache", "fresh", "--db", url, "--to", str(tmp_path / "r2"), env=env)
    assert done.returncode == 0, done.stderr
    assert "kept as" in done.stdout
    engine = db.open_cache(url)
    with engine.connect() as conn:
        assert conn.execute(select(m.CompanyProfile.name)).scalar() == "某某公司"
    engine.dispose()
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    restored = run_cli("cache", "restore", str(tmp_path / "r"), "--db", other, env=env)
    assert restored.returncode == 0, restored.stderr
    engine = db.open_cache(other)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.CompanyProfile.__table__)
                            ).scalar() == 1
    engine.dispose()
    zh = run_cli("cache", "check", "--db", url, "--lang", "zh_CN", env=env)
    assert zh.returncode == 0
