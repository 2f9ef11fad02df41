"""The cache schema: migrations from empty, head equals the models, clear refusals."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import insert, select, text

import app.models as m
from app.models import db
from app.models.search import include_name


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def test_upgrade_from_empty_reaches_head_and_matches_models(tmp_path: Path) -> None:
    engine = db.open_cache(_url(tmp_path / "c.sqlite3"))
    assert db.current_revision(engine) == db.head_revision()
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"include_name": include_name}), m.Base.metadata
        )
        mode = conn.execute(text("PRAGMA journal_mode")).scalar_one()
    assert diff == []
    assert mode == "wal"


def test_every_step_downgrades_and_upgrades(tmp_path: Path) -> None:
    engine = db.make_engine(_url(tmp_path / "c.sqlite3"))
    script = ScriptDirectory.from_config(db.alembic_config())
    revisions = [r.revision for r in script.walk_revisions()][::-1]  # oldest first
    assert len(set(revisions)) == len(revisions)
    for rev in revisions:
        db.upgrade(engine, rev)
        assert db.current_revision(engine) == rev
    db.downgrade(engine, "base")
    assert db.current_revision(engine) is None
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()


def test_a_cache_from_a_newer_console_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    db.open_cache(_url(path)).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    with pytest.raises(db.CacheTooNew, match="newer version"):
        db.open_cache(_url(path))
    assert path.read_bytes() == before


def test_a_corrupt_cache_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database, just bytes " * 200)
    with pytest.raises(db.CacheCorrupt, match="damaged") as err:
        db.open_cache(_url(path))
    assert "Traceback" not in str(err.value)
    assert path.exists()
    moved = db.copy_cache_aside(path)
    assert moved.exists() and not path.exists()
    db.open_cache(_url(path)).dispose()


def test_money_and_times_round_trip_exactly(tmp_path: Path) -> None:
    engine = db.open_cache(_url(tmp_path / "c.sqlite3"))
    when = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(
            insert(m.Bill.__table__).values(
                id="b1", period="202602", category="联营商品", entity="华为云计算技术有限公司",
                currency_code="CNY", sales_amount=Decimal("1005.10"),
                settlement_amount=Decimal("-0.01"), tax_rate=Decimal("0.06"),
                status="待开票", create_time=when, remote_updated_at=when, row_hash="x",
            )
        )
        row = conn.execute(select(m.Bill.__table__)).one()
        raw = conn.execute(text("SELECT sales_amount FROM bills")).scalar_one()
    assert row.sales_amount == Decimal("1005.10") and isinstance(row.sales_amount, Decimal)
    assert row.settlement_amount == Decimal("-0.01")
    assert row.tax_rate == Decimal("0.06")
    assert row.create_time == when and row.create_time.tzinfo is not None
    assert raw == 100510  # integer cents: exact sums in SQL


def test_money_refuses_floats_and_sub_cent_amounts(tmp_path: Path) -> None:
    money = m.Money()
    with pytest.raises(TypeError):
        money.process_bind_param(1.5, None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="two decimal places"):
        money.process_bind_param(Decimal("1.005"), None)  # type: ignore[arg-type]
