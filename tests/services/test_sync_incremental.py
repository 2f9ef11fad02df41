"""Issue 18 §2: an incremental sync after a million orders in under 2 s.

An incremental sync of every seller collection is mostly a page or two per collection; what
it cost beyond the pages' own writing was fixed per collection (timings live in
``bench/sync.py --incremental-only``, never here).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, event

from app.models.db import BEHIND_CHECKPOINTER_PAGES
from app.services.sync.engine import SELLER_COLLECTIONS, Progress, SyncEngine
from tests.sandbox_fixtures import Sandbox


def test_issue18_s2_a_sync_commits_without_a_disk_flush_per_collection(
    sandbox: Sandbox, cache: Engine
) -> None:
    """Issue 18 §2: the note of a collection's start and its summary at the end committed
    durably (``synchronous=FULL``), and that commit flushed every page the collection had just
    written: one disk flush per collection on the incremental sync's path. They are rebuildable like the pages (the next sync writes them again), so a sync
    commits nothing with a flush; the connection is durable again afterwards."""
    levels: list[int] = []
    thresholds: list[int] = []

    def on_commit(conn: Any) -> None:
        raw = conn.connection.driver_connection
        levels.append(raw.execute("PRAGMA synchronous").fetchone()[0])
        thresholds.append(raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0])

    with sandbox.client() as client:
        first = SyncEngine(client, cache, page_limit=200).sync(SELLER_COLLECTIONS)
        assert first.ok, first.failure
        event.listen(cache, "commit", on_commit)
        try:
            again = SyncEngine(client, cache, page_limit=200).sync(SELLER_COLLECTIONS)
        finally:
            event.remove(cache, "commit", on_commit)
    assert again.ok, again.failure
    assert len(levels) >= 2 * len(SELLER_COLLECTIONS)  # a start and an end per collection at least
    assert set(levels) == {1}, levels  # NORMAL: no flush
    # ... and no commit copies the WAL back itself: the run's checkpoint thread does that.
    assert set(thresholds) == {BEHIND_CHECKPOINTER_PAGES}, thresholds
    with cache.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL again
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() < (
            BEHIND_CHECKPOINTER_PAGES)


def test_issue18_s3_a_long_sync_adds_the_new_orders_names_to_the_search_as_it_goes(
    sandbox: Sandbox, cache: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a sync writes, a search matches the orders above the search index's refreshed
    mark directly; the sync adds the new orders' names to the index every
    ``SEARCH_TAIL_ROWS`` orders, so that tail stays short however long the sync (the names it
    adds are found through the index, the mark follows)."""
    from app.models import search as idx
    from app.services.orders import query

    monkeypatch.setattr(query, "SEARCH_TAIL_ROWS", 100)
    tails: list[int] = []

    def after_page(progress: Progress) -> None:
        if progress.collection == "orders" and not progress.finished:
            with cache.connect() as conn:
                top = conn.exec_driver_sql("SELECT max(rowid) FROM orders").scalar_one()
                mark = conn.exec_driver_sql(
                    f"SELECT refreshed_rowid FROM {idx.STATE}").scalar_one()
            tails.append(top - mark)

    with sandbox.client() as client:
        report = SyncEngine(client, cache, page_limit=40, progress=after_page,
                            use_helper_process=False).sync(["orders"])
    assert report.ok, report.failure
    assert len(tails) >= 10 and max(tails) < 100, tails  # never more than the bound behind
    with cache.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql(
            f"SELECT value FROM {idx.TERMS} WHERE kind = 'r'")}
        newest_refreshed = conn.exec_driver_sql(
            f"SELECT customer_real_name FROM orders WHERE rowid = (SELECT refreshed_rowid FROM "
            f"{idx.STATE})").scalar_one()
    assert newest_refreshed in names
