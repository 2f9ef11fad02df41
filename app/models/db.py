"""Opening the cache: engines, SQLite pragmas, migrations, backups and clear refusals.

``open_cache(url)`` is the one way in. It creates the cache if missing, refuses a cache made by a newer
console (``CacheTooNew``), copies an SQLite cache aside before migrating it, and turns "this is not a
database" into ``CacheCorrupt`` with the file kept for inspection. SQLite runs in WAL mode so the GUI
can read while a sync writes.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import make_url

from app.errors import ConsoleError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class CacheError(ConsoleError):
    """A cache that cannot be opened; ``str()`` is a message for the user."""

    default_code = "cache"


class CacheTooNew(CacheError):
    pass


class CacheCorrupt(CacheError):
    pass


def _sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


#: Per-connection SQLite settings. A 32 MiB page cache and a 40 MB WAL between checkpoints keep
#: a large sync from re-reading index pages and checkpointing after every few pages.
SQLITE_PRAGMAS: tuple[str, ...] = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
    "PRAGMA cache_size=-32768",
    "PRAGMA wal_autocheckpoint=10000",
)


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    for pragma in SQLITE_PRAGMAS:
        cur.execute(pragma)
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the pragmas the console relies on (SQLite: WAL, FKs, timeout)."""
    path = _sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
    return engine


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _backup_sqlite(path: Path, revision: str | None) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{revision or 'unversioned'}.{stamp}.bak")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def open_cache(url: str) -> Engine:
    """Open (creating or migrating as needed) the cache at ``url`` and return its engine."""
    engine = make_engine(url)
    path = _sqlite_path(url)
    try:
        current = current_revision(engine)
    except exc.DatabaseError as e:
        engine.dispose()
        where = f" ({path})" if path else ""
        raise CacheCorrupt(
            f"The local cache{where} is damaged and cannot be read. It was left untouched; "
            "move it aside and sync again to rebuild it."
        ) from e
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    if current == head:
        return engine
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        engine.dispose()
        raise CacheTooNew(
            "This cache was written by a newer version of the console "
            f"(schema {current}). Update the console to open it; the cache was not changed."
        )
    if current is not None and path is not None and path.exists():
        _backup_sqlite(path, current)
    upgrade(engine)
    return engine


@contextmanager
def connected(conn: Connection | Engine) -> Iterator[Connection]:
    """A connection: ``conn`` itself, or a new one from an engine (closed afterwards)."""
    if isinstance(conn, Engine):
        with conn.connect() as c:
            yield c
    else:
        yield conn


def upgrade(engine: Engine, revision: str = "head") -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def copy_cache_aside(path: Path) -> Path:
    """Move a damaged cache file aside (keeping it) so a fresh one can be made."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged.{stamp}")
    shutil.move(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            shutil.move(side, target.with_name(target.name + suffix))
    return target
