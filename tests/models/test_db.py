"""app/models/db.py: ``connected``, the one way a query takes an engine or an open connection."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from app.models.db import connected


def test_connected_reuses_a_connection_and_opens_one_from_an_engine() -> None:
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        with connected(conn) as c:
            assert c is conn
        assert not conn.closed
    with connected(engine) as c:
        assert c.execute(text("SELECT 1")).scalar_one() == 1
    assert c.closed
    engine.dispose()


def test_issue16_s3_two_caches_migrate_at_once_on_two_threads(tmp_path: Path) -> None:
    """Two windows side by side open their caches at once, each on its own thread: Alembic's
    global context must not tear one migration down under the other (one at a time)."""
    import threading

    from app.models.db import open_cache

    start = threading.Barrier(4)
    failures: list[BaseException] = []

    def open_one(n: int) -> None:
        start.wait()
        try:
            open_cache(f"sqlite:///{tmp_path / f'cache{n}.sqlite3'}").dispose()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=open_one, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
