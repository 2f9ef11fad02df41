"""A team cache on PostgreSQL: the same schema, and the sync stores exactly what it stores on SQLite.

These tests need a PostgreSQL server: ``SELLER_CONSOLE_TEST_PG_URL`` names one where the test user
may create databases (``postgresql+psycopg://user:password@127.0.0.1/postgres``); each test gets
a database of its own and drops it. ``.ci/run`` installs and starts PostgreSQL and sets the URL (with
``SELLER_CONSOLE_REQUIRE_PG=1``, so that a missing server fails CI instead of skipping). On a
developer machine without PostgreSQL they are skipped, saying why.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.engine import make_url

import app.models as m
from app.models import db
from app.models.search import include_name
from app.services.sync import SELLER_COLLECTIONS, SyncEngine
from tests.services.conftest import Sandbox

PG_URL_ENV = "SELLER_CONSOLE_TEST_PG_URL"

#: Every table the sync writes, with the columns that order its rows.
SYNCED_TABLES = ("orders", "order_lines", "supervision_tasks", "demands", "bills", "bill_lines",
                 "invoice_notices", "interface_messages", "tombstones", "set_aside_records")


@pytest.fixture
def pg_url() -> Iterator[str]:
    admin_url = os.environ.get(PG_URL_ENV)
    if not admin_url:
        if os.environ.get("SELLER_CONSOLE_REQUIRE_PG") == "1":
            pytest.fail(f"{PG_URL_ENV} is not set, and this run requires PostgreSQL")
        pytest.skip(f"no PostgreSQL server: set {PG_URL_ENV} (.ci/run does)")
    name = f"seller_console_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_cache(pg_url: str) -> Iterator[Engine]:
    engine = db.open_cache(pg_url)
    try:
        yield engine
    finally:
        engine.dispose()


def test_the_schema_on_postgresql_is_the_models_and_every_step_migrates(pg_url: str) -> None:
    engine = db.open_cache(pg_url)
    try:
        assert db.current_revision(engine) == db.head_revision()
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": include_name})
            assert compare_metadata(context, m.Base.metadata) == []
        script = ScriptDirectory.from_config(db.alembic_config())
        db.downgrade(engine, "base")
        assert db.current_revision(engine) is None
        for rev in [r.revision for r in script.walk_revisions()][::-1]:  # oldest first
            db.upgrade(engine, rev)
            assert db.current_revision(engine) == rev
    finally:
        engine.dispose()


def test_money_and_times_round_trip_exactly(pg_cache: Engine) -> None:
    when = datetime(2026, 11, 21, 23, 59, 59, tzinfo=UTC)
    with pg_cache.begin() as conn:
        conn.execute(insert(m.Bill.__table__).values(
            id="B1", period="202611", category="sales", entity="华为云计算技术有限公司",
            currency_code="CNY", sales_amount=Decimal("12345678901.23"),
            settlement_amount=Decimal("-0.01"), status="待开票", create_time=when,
            remote_updated_at=when,
        ))
    with pg_cache.connect() as conn:
        row = conn.execute(select(m.Bill.__table__).where(m.Bill.__table__.c.id == "B1")).one()
    assert row.sales_amount == Decimal("12345678901.23") and row.settlement_amount == Decimal("-0.01")
    assert row.create_time == when and row.create_time.tzinfo is not None


def _contents(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table's rows in primary-key order, as the SQLAlchemy types read them back
    (minus the local bookkeeping time ``seen_at``)."""
    tables = m.Base.metadata.tables
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for name in SYNCED_TABLES:
            table = tables[name]
            columns = [c for c in table.columns if c.name != "seen_at"]
            query = select(*columns).order_by(*table.primary_key.columns)
            out[name] = [tuple(row) for row in conn.execute(query)]
    return out


def _sync(sandbox: Sandbox, engine: Engine) -> None:
    with sandbox.client() as client:
        report = SyncEngine(client, engine, page_limit=150).sync(SELLER_COLLECTIONS)
    assert report.ok, report.failure


def test_a_sync_stores_on_postgresql_exactly_what_it_stores_on_sqlite(
    own_sandbox: Sandbox, pg_cache: Engine, cache: Engine
) -> None:
    _sync(own_sandbox, pg_cache)
    _sync(own_sandbox, cache)
    first = _contents(cache)
    assert all(first[t] for t in ("orders", "order_lines", "supervision_tasks", "bills"))
    assert _contents(pg_cache) == first

    # two sandbox days later: new and changed records, deletions as tombstones
    own_sandbox.admin("POST", "advance", {"hours": 48})
    _sync(own_sandbox, pg_cache)
    _sync(own_sandbox, cache)
    later = _contents(cache)
    assert later != first and later["tombstones"]
    assert _contents(pg_cache) == later
