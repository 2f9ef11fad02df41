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


def test_issue18_s2_the_checkpointer_copies_the_wal_back_off_the_writers_commits(
    tmp_path: Path,
) -> None:
    """A writer that leaves its checkpoints to a :class:`Checkpointer` commits with the raised
    threshold (back to the usual one in the pool); after ``close`` what it committed is in the
    database file itself, copied there by the thread."""
    import shutil
    import sqlite3

    from app.models.db import BEHIND_CHECKPOINTER_PAGES, SQLITE_PRAGMAS, Checkpointer, open_cache

    path = tmp_path / "cache.sqlite3"
    engine = open_cache(f"sqlite:///{path}")
    usual = next(int(p.rsplit("=", 1)[1]) for p in SQLITE_PRAGMAS if "wal_autocheckpoint" in p)
    with engine.connect() as keep_the_wal:  # an open connection: closing the last one checkpoints
        keep_the_wal.exec_driver_sql("SELECT 1")
        checkpointer = Checkpointer(engine)
        for n in range(3):
            with engine.begin() as conn:
                checkpointer.writing(conn)
                assert conn.exec_driver_sql(
                    "PRAGMA wal_autocheckpoint").scalar() == BEHIND_CHECKPOINTER_PAGES
                conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS page (n INTEGER, body TEXT)")
                conn.exec_driver_sql("INSERT INTO page VALUES (?, ?)", (n, "x" * 5000))
            checkpointer.committed()
        checkpointer.close()
        assert checkpointer.checkpoints >= 1
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == usual
        alone = tmp_path / "file-alone.sqlite3"  # the database file without its WAL
        shutil.copyfile(path, alone)
    copy = sqlite3.connect(alone)
    try:
        assert copy.execute("SELECT count(*) FROM page").fetchone()[0] == 3
    finally:
        copy.close()
    engine.dispose()

