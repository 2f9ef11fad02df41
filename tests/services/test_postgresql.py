"""A team cache on PostgreSQL: the same schema, the sync stores exactly what it stores on SQLite, and
the orders and supervision lists (row keys, filters, search) give the same answers.

These tests need a PostgreSQL server: see :mod:`tests.support.postgres` (its ``pg_url`` fixture
gives each test a database of its own).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, insert, select

import app.models as m
from app.models import db
from app.models.search import include_name
from app.services.orders import query as orders_query
from app.services.supervision import query as supervision_query
from app.services.sync.engine import SELLER_COLLECTIONS, SyncEngine
from tests.sandbox_fixtures import Sandbox

#: Every table the sync writes, with the columns that order its rows.
SYNCED_TABLES = ("orders", "order_lines", "supervision_tasks", "demands", "bills", "bill_lines",
                 "invoice_notices", "interface_messages", "tombstones", "set_aside_records")

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


def _listed(engine: Engine, f: orders_query.OrderFilter) -> list[str]:
    keys = orders_query.ids(engine, f)
    rows = orders_query.rows_by_rowid(engine, keys)
    return [rows[k].id for k in keys]


def test_the_orders_and_supervision_lists_work_on_postgresql(
    own_sandbox: Sandbox, pg_cache: Engine, cache: Engine
) -> None:
    _sync(own_sandbox, pg_cache)
    _sync(own_sandbox, cache)
    Filter, Sort = orders_query.OrderFilter, orders_query.SortColumn
    everything = _listed(cache, Filter())
    # the same orders in the same order wherever the sort is not a text collation
    # (400 orders generated, 按需 ones not listed: business-rules §4)
    assert _listed(pg_cache, Filter()) == everything and 0 < len(everything) < 400
    for f in (Filter(sort=Sort.AMOUNT, descending=False), Filter(statuses=frozenset({"已完成"})),
              Filter(sort=Sort.PAID, charging_modes=frozenset({"PERIOD", "ON_DEMAND"}))):
        assert _listed(pg_cache, f) == _listed(cache, f)
    # search: a Chinese substring of a customer's name (short and trigram-long), an order id prefix
    with cache.connect() as conn:
        name, order_id = conn.execute(
            select(m.Order.customer_real_name, m.Order.id).where(
                func.length(m.Order.customer_real_name) >= 6).limit(1)).one()
    for text_ in (name[1:3], name[1:5], order_id[:8].lower()):
        f = Filter(text=text_, sort=Sort.CUSTOMER)
        assert set(_listed(pg_cache, f)) == set(_listed(cache, f)) != set()
        assert orders_query.count(pg_cache, f) == orders_query.count(cache, f)
    # a row's key finds it again, and its detail opens
    key = orders_query.rowid_of(pg_cache, order_id)
    assert key is not None and orders_query.rows_by_rowid(pg_cache, [key])[key].id == order_id
    assert orders_query.detail(pg_cache, order_id).lines
    assert (orders_query.distinct_values(pg_cache, orders_query.FilterColumn.STATUS)
            == orders_query.distinct_values(cache, orders_query.FilterColumn.STATUS))

    owners = supervision_query.distinct_values(pg_cache, supervision_query.FilterColumn.OWNER)
    assert owners == supervision_query.distinct_values(cache, supervision_query.FilterColumn.OWNER)
    now = datetime(2026, 11, 20, tzinfo=UTC)
    for tf in (supervision_query.TaskFilter(),
               supervision_query.TaskFilter(owners=frozenset(owners[:1])),
               supervision_query.TaskFilter(overdue=True)):
        pg_keys = supervision_query.ids(pg_cache, tf, now)
        lite_keys = supervision_query.ids(cache, tf, now)
        pg_rows = supervision_query.rows_by_rowid(pg_cache, pg_keys)
        lite_rows = supervision_query.rows_by_rowid(cache, lite_keys)
        listed = [pg_rows[k].id for k in pg_keys]
        assert listed == [lite_rows[k].id for k in lite_keys] and listed, tf
    assert supervision_query.rowid_of(pg_cache, listed[0]) == pg_keys[0]
