"""A large first sync loads its tables as a bulk load: secondary indexes built once at the end.

The speed is measured in ``bench/sync.py`` (docs/performance.md); these tests check the behaviour:
the indexes really are left out while the rows go in, and the cache ends with exactly the schema
(and the rows) a page-by-page sync gives; a bulk load stopped half-way leaves nothing missing after
the next sync.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from app.models import db
from app.services.sync.engine import (
    SyncEngine,
    collection_counts,
    drop_secondary_indexes,
    secondary_indexes,
)
from app.services.sync.mapping import MAPPERS
from tests.sandbox_fixtures import Sandbox

_SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"


def _schema(engine: Engine) -> list[tuple[str, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(_SCHEMA))]


def _index_names(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='index'"))}


def _dump(engine: Engine, table: str) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(f'SELECT * FROM "{table}" ORDER BY id'))]


def test_a_large_first_sync_builds_the_same_schema_and_rows_as_page_by_page(
    own_sandbox: Sandbox, cache: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.services.sync.engine as sync_module

    wanted = {str(i.name) for i in secondary_indexes(MAPPERS["orders"])}
    assert "ix_orders_create_time" in wanted and "ix_order_lines_order_id" in wanted

    # page by page (below the threshold): the reference cache
    reference = db.open_cache(f"sqlite:///{tmp_path / 'reference.sqlite3'}")
    try:
        with own_sandbox.client() as client:
            assert SyncEngine(client, reference, page_limit=25).sync(("orders",)).ok
        # bulk load: past a lowered threshold; the progress callback looks at the schema meanwhile
        monkeypatch.setattr(sync_module, "HELPER_PROCESS_THRESHOLD", 50)
        missing_while_loading: list[set[str]] = []

        def look(p: sync_module.Progress) -> None:
            if not p.finished:
                missing_while_loading.append(wanted - _index_names(cache))

        with own_sandbox.client() as client:
            report = SyncEngine(client, cache, page_limit=25, progress=look).sync(("orders",))
        assert report.ok, report.failure
        assert any(m == wanted for m in missing_while_loading)  # the bulk path was taken
        assert _schema(cache) == _schema(reference)
        assert collection_counts(cache)["orders"] == own_sandbox.stats()["orders"]
        for table in ("orders", "order_lines"):
            assert _dump(cache, table) == _dump(reference, table)
    finally:
        reference.dispose()


def test_indexes_a_stopped_bulk_load_left_out_are_built_by_the_next_sync(
    own_sandbox: Sandbox, cache: Engine
) -> None:
    with own_sandbox.client() as client:
        assert SyncEngine(client, cache, page_limit=100).sync(("orders", "supervision_tasks")).ok
    complete = _schema(cache)
    with cache.begin() as conn:  # as a sync killed in the middle of its bulk load leaves it
        assert drop_secondary_indexes(conn, MAPPERS["orders"])
        assert drop_secondary_indexes(conn, MAPPERS["supervision_tasks"])
    assert _schema(cache) != complete
    with own_sandbox.client() as client:
        assert SyncEngine(client, cache, page_limit=100).sync(("orders", "supervision_tasks")).ok
    assert _schema(cache) == complete


def test_a_sync_into_tables_that_hold_rows_keeps_its_indexes(
    own_sandbox: Sandbox, cache: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a first sync into empty tables is a bulk load: a resync from the start of a cache
    that already holds orders writes page by page with every index in place."""
    import app.services.sync.engine as sync_module

    with own_sandbox.client() as client:
        assert SyncEngine(client, cache, page_limit=100).sync(("orders",)).ok
    with cache.begin() as conn:
        conn.execute(text("UPDATE sync_state SET cursor = NULL WHERE collection = 'orders'"))
    monkeypatch.setattr(sync_module, "HELPER_PROCESS_THRESHOLD", 50)
    wanted = {str(i.name) for i in secondary_indexes(MAPPERS["orders"])}
    missing: list[set[str]] = []
    with own_sandbox.client() as client:
        report = SyncEngine(
            client, cache, page_limit=25,
            progress=lambda p: missing.append(wanted - _index_names(cache)),
        ).sync(("orders",))
    assert report.ok, report.failure
    assert report.collections[0].updated == own_sandbox.stats()["orders"]
    assert missing and not any(missing)
