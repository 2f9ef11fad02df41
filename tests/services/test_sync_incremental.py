"""Issue 18 §2: an incremental sync after a million orders in under 2 s.

An incremental sync of every seller collection is mostly a page or two per collection; what
it cost beyond the pages' own writing was fixed per collection (timings live in
``bench/sync.py --incremental-only``, never here).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event

from app.services.sync.engine import SELLER_COLLECTIONS, SyncEngine
from tests.sandbox_fixtures import Sandbox


def test_issue18_s2_a_sync_commits_without_a_disk_flush_per_collection(
    sandbox: Sandbox, cache: Engine
) -> None:
    """Issue 18 §2: the note of a collection's start and its summary at the end committed
    durably (``synchronous=FULL``), and that commit flushed every page the collection had just
    written: one disk flush per collection on the incremental sync's path. They are rebuildable like the pages (the next sync writes them again), so a sync
    commits nothing with a flush; the connection is durable again afterwards."""
    levels: list[int] = []

    def on_commit(conn: Any) -> None:
        raw = conn.connection.driver_connection
        levels.append(raw.execute("PRAGMA synchronous").fetchone()[0])

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
    with cache.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL again
