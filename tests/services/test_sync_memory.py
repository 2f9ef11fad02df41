"""Issue 18 §2: the sync's memory stays flat however many pages a collection has.

The sync's helper process grew to 1.5 GB at a million orders: every page's body (about 2 MB
of JSON) stayed attached to its httpx response, and httpx's response and its stream refer to
each other, so each response (and its body) lived until the garbage collector found that cycle,
which the helper, raising the collector's threshold to 50,000, did only every thousand pages
or so. These tests check what is still alive after pages were fetched, with the collector off
(so only reference counting frees anything, as between two of the helper's rare collections).
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from app.models import db
from app.services.marketplace.client import AuthenticationError, MarketplaceClient, Page
from app.services.marketplace.wire import COLLECTIONS_BY_NAME
from app.services.sync import pages
from app.services.sync.engine import (
    INDEX_BUILD_CACHE_KIB,
    SyncEngine,
    collection_counts,
    drop_secondary_indexes,
    restore_indexes,
)
from app.services.sync.mapping import MAPPERS
from app.services.sync.pages import prepare_page
from tests.sandbox_fixtures import Sandbox


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


def _bodies_kept_by_responses() -> int:
    """Bytes of response bodies still reachable from httpx responses (alive or in cycles)."""
    kept = 0
    for obj in gc.get_objects():
        if isinstance(obj, httpx.Response):
            content = obj.__dict__.get("_content")
            if content is not None:
                kept += len(content)
    return kept


def test_issue18_s2_a_fetched_page_body_is_freed_with_the_page(
    sandbox: Sandbox, collector_off: None
) -> None:
    """Issue 18 §2: once a page is parsed, its raw body is not kept by the HTTP response (which
    only the garbage collector would free); memory then stays flat from page to page."""
    orders = COLLECTIONS_BY_NAME["orders"]
    before = _bodies_kept_by_responses()
    with sandbox.client() as client:
        cursor = None
        for _ in range(4):
            page = client.get_page(orders, cursor, 100)
            assert page.items and page.nbytes > 10_000
            cursor = page.next_cursor
            del page
        assert _bodies_kept_by_responses() == before


def test_issue18_s2_an_error_answer_is_still_read_in_words(
    sandbox: Sandbox, collector_off: None
) -> None:
    """The error fields of a refused request come from the body read once (no longer from the
    response object): the code and message still reach the user's words."""
    orders = COLLECTIONS_BY_NAME["orders"]
    before = _bodies_kept_by_responses()
    client = MarketplaceClient(sandbox.url, sandbox.access_key, "wrong-secret")
    with client, pytest.raises(AuthenticationError) as err:
        client.get_page(orders, None, 10)
    assert err.value.code and err.value.code in str(err.value)
    assert _bodies_kept_by_responses() == before


def test_issue18_s2_writing_a_page_leaves_no_statements_for_the_collector(
    sandbox: Sandbox, cache: Engine, tmp_path: Path
) -> None:
    """Issue 18 §2: the syncing process grew with the number of pages because each page built
    its ``json_each`` conditions afresh, which left SQLAlchemy objects (and the page's ids) in
    reference cycles until the collector came by. Written page after page, nothing of the
    statements is left for the collector."""
    with sandbox.client() as client:
        assert SyncEngine(client, cache, page_limit=50).sync(("orders",)).ok  # warm: caches
        second = db.open_cache(f"sqlite:///{tmp_path / 'second.sqlite3'}")
        try:
            gc.collect()
            gc.disable()
            gc.set_debug(gc.DEBUG_SAVEALL)
            try:
                report = SyncEngine(client, second, page_limit=50).sync(("orders",))
                gc.collect()
                left = [o for o in gc.garbage if type(o).__module__.startswith("sqlalchemy")]
            finally:
                gc.set_debug(0)
                gc.garbage.clear()
                gc.enable()
            assert report.ok, report.failure
            pages = report.collections[0].pages
            assert pages >= 10 and collection_counts(second) == collection_counts(cache)
            assert len(left) < pages, f"{len(left)} SQLAlchemy objects left in cycles"
        finally:
            second.dispose()


def test_issue18_s2_indexes_are_built_with_a_small_sorter_and_the_cache_size_restored(
    sandbox: Sandbox, cache: Engine
) -> None:
    """Issue 18 §2: SQLite sorts an index's keys in memory up to the page cache's size, so the
    bulk load's index build grew with the rows (32 MB more at a million orders). The indexes are
    built with a 4 MB cache, and the connection gets its own cache size back."""
    with sandbox.client() as client:
        assert SyncEngine(client, cache).sync(("orders",)).ok
    seen: list[str] = []
    with cache.begin() as conn:
        before = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
        dropped = drop_secondary_indexes(conn, MAPPERS["orders"])
        conn.connection.driver_connection.set_trace_callback(seen.append)  # type: ignore[union-attr]
        try:
            assert restore_indexes(conn, MAPPERS["orders"]) == dropped
        finally:
            conn.connection.driver_connection.set_trace_callback(None)  # type: ignore[union-attr]
        after = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    creates = [i for i, sql in enumerate(seen) if sql.startswith("CREATE INDEX")]
    small = seen.index(f"PRAGMA cache_size=-{INDEX_BUILD_CACHE_KIB}")
    assert len(creates) == len(dropped) and small < creates[0]
    assert seen[-1] == f"PRAGMA cache_size={before}" and after == before == -32768


def test_issue18_s2_no_big_page_is_alive_while_the_next_is_fetched(
    sandbox: Sandbox, cache: Engine, monkeypatch: pytest.MonkeyPatch, collector_off: None
) -> None:
    """Issue 18 §2: at a million orders a bills page is one or two bills of up to 10 MB of JSON
    (about 45 MB as records and rows), and the syncing process rose by 60 MB while they synced:
    the writer's page, the page queued behind it and the one being fetched were alive at once.
    A page of ``LOOKAHEAD_MAX_BYTES`` or more is not fetched ahead of: when the next page is
    fetched, the writer has let the big one go (here every page counts as big)."""
    monkeypatch.setattr(pages, "LOOKAHEAD_MAX_BYTES", 1)
    given: list[weakref.ref[Page]] = []
    alive_at_fetch: list[int] = []
    get_page = MarketplaceClient.get_page

    def watched(self: MarketplaceClient, coll: Any, cursor: str | None, limit: int) -> Page:
        alive_at_fetch.append(sum(1 for ref in given if ref() is not None))
        page = get_page(self, coll, cursor, limit)
        given.append(weakref.ref(page))
        return page

    monkeypatch.setattr(MarketplaceClient, "get_page", watched)
    with sandbox.client() as client:
        report = SyncEngine(client, cache, page_limit=5).sync(("bills",))
    assert report.ok, report.failure
    assert report.collections[0].pages >= 3
    assert alive_at_fetch and set(alive_at_fetch) == {0}, alive_at_fetch


def test_issue18_s2_preparing_a_page_lets_each_record_and_row_go(sandbox: Sandbox) -> None:
    """Issue 18 §2: preparing a page held its records, their rows and the rows' tuples all at
    once (a 10 MB bill: 17 MB of records, 56 MB at the peak). Each record is let go once
    mapped and each row once in storage form; what is written is the same."""
    coll = COLLECTIONS_BY_NAME["bills"]
    with sandbox.client() as client:
        page = client.get_page(coll, None, 20)
        again = client.get_page(coll, None, 20)
    lines = sum(len(b["lines"]) for b in again.items)
    assert lines > 0
    prepared = prepare_page(coll, MAPPERS["bills"], page, sqlite=True)
    assert page.items == []  # consumed
    by_table = {t: data for t, _sql, data in prepared.statements}
    assert len(by_table["bills"]) == len(again.items) and len(by_table["bill_lines"]) == lines
    expected = prepare_page(coll, MAPPERS["bills"], again, sqlite=True)
    assert prepared.statements == expected.statements and prepared.ids == expected.ids
    assert prepared.fetched == expected.fetched == 20
