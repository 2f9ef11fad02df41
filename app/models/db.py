"""Opening the cache: engines, SQLite pragmas, migrations, backups and clear refusals.

``open_cache(url)`` is the one way in. It creates the cache if missing, refuses a cache made by a newer
console (``CacheTooNew``), copies an SQLite cache aside before migrating it, and tells apart why a
cache cannot be opened (issue 15 §1): :func:`classify_failure` turns a database error into

* ``CacheLocked``: another program holds a lock on the file (wait, or close it);
* ``CachePermission``: the file or its folder cannot be written by this user (e.g. left
  root-owned after a ``sudo`` run);
* ``CacheDiskFull``: the disk (or quota) is full, or has less than :data:`DISK_FULL_BELOW` free
  (SQLite then fails with "disk I/O error", which is not damage);
* ``CacheServerDown``: a PostgreSQL server that does not answer or refuses the login;
* ``CacheCorrupt``: real damage, confirmed by ``PRAGMA quick_check`` (only this one may be set
  aside for a fresh cache, and only after what the user made is rescued, see
  :mod:`app.services.cache_rescue`).

Each keeps the file untouched and says what to do. SQLite runs in WAL mode so the GUI can read while
a sync writes, with ``synchronous=FULL``: every commit (a queued outbox action is a promise to the
user, and so are drafts and the journal) is on the disk before it returns, so an OS crash or a power
cut cannot drop it. A sync page, which can be fetched again, is written with :func:`rebuildable`
(``synchronous=NORMAL`` for that transaction only); ``bench/durability.py`` measures both.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.engine import make_url

from app.errors import ConsoleError

if TYPE_CHECKING:
    # Alembic (0.2 to 0.5 s to import) is imported only when a cache is migrated or checked the
    # long way: opening a cache that is at the head needs none of it (see :func:`_open`).
    from alembic.config import Config

log = logging.getLogger("seller_console.db")

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class CacheError(ConsoleError):
    """A cache that cannot be opened; ``str()`` is a message for the user."""

    default_code = "cache"


class CacheTooNew(CacheError):
    default_code = "cache_too_new"


class CacheCorrupt(CacheError):
    """Real damage (``quick_check`` failed or the file is not a database): may be set aside."""

    default_code = "cache_damaged"


class CacheLocked(CacheError):
    default_code = "cache_locked"


class CachePermission(CacheError):
    default_code = "cache_permission"


class CacheDiskFull(CacheError):
    default_code = "cache_disk_full"


class CacheServerDown(CacheError):
    default_code = "cache_server_down"


#: The failure codes of the cache errors, all ending the command line with the cache's exit code.
CACHE_CODES: tuple[str, ...] = (
    "cache", "cache_too_new", "cache_damaged", "cache_locked", "cache_permission",
    "cache_disk_full", "cache_server_down",
)


def _sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


#: Per-connection SQLite settings. A 32 MiB page cache and a 40 MB WAL between checkpoints keep
#: a large sync from re-reading index pages and checkpointing after every few pages.
SQLITE_PRAGMAS: tuple[str, ...] = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
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


#: What a transaction may change for itself (:func:`rebuildable`, :meth:`Checkpointer.writing`)
#: and the pool puts back when the connection is returned.
_RESET_ON_CHECKIN = tuple(p for p in SQLITE_PRAGMAS
                          if p.startswith(("PRAGMA synchronous", "PRAGMA wal_autocheckpoint")))


def _on_sqlite_checkin(dbapi_conn: Any, _record: Any) -> None:
    """Back to durable commits and the usual checkpoints for the connection's next user (after
    :func:`rebuildable` or :meth:`Checkpointer.writing`)."""
    with contextlib.suppress(sqlite3.Error):  # a connection in trouble is discarded anyway
        for pragma in _RESET_ON_CHECKIN:
            dbapi_conn.execute(pragma)


def rebuildable(conn: Connection) -> None:
    """Make this transaction's commit fast instead of durable (``synchronous=NORMAL``): only for
    what can be fetched again, i.e. a sync page and its cursor, which commit or vanish together
    (an OS crash can lose the last page, and the next sync fetches it again). Call it first in the
    transaction, before any write; the connection is durable again when returned to the pool."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA synchronous=NORMAL")


#: The automatic checkpoint of a connection whose checkpoints a :class:`Checkpointer` runs: only
#: reached when that thread falls behind (the WAL is then about 200 MB).
BEHIND_CHECKPOINTER_PAGES = 50000


class Checkpointer:
    """SQLite's WAL checkpoint on a thread of its own while a long series of writes runs (a sync).

    With ``wal_autocheckpoint`` the commit that takes the WAL past its threshold copies the whole
    WAL back into the database file before it returns: at a million orders one commit of an
    incremental sync waited 1.5 s for that (``docs/performance.md``). A writer that calls
    :meth:`writing` first in each transaction and :meth:`committed` after it leaves that work to
    this thread, which runs ``PRAGMA wal_checkpoint(PASSIVE)`` on a connection of its own while
    the writer goes on (a passive checkpoint blocks neither writers nor readers; SQLite starts
    the WAL over once it is all copied back). Should the thread fall behind, the writer's own
    automatic checkpoint still bounds the WAL (:data:`BEHIND_CHECKPOINTER_PAGES`).
    :meth:`close` runs the last checkpoint and waits for it. Nothing changes on PostgreSQL.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sqlite = engine.dialect.name == "sqlite"
        self._wanted = threading.Event()
        self._closing = False
        self.checkpoints = 0
        self._thread: threading.Thread | None = None
        if self._sqlite:
            self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
            self._thread.start()

    def writing(self, conn: Connection) -> None:
        """Call first in a write transaction: its commit leaves the checkpoint to this thread
        (until the connection goes back to the pool)."""
        if self._sqlite:
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={BEHIND_CHECKPOINTER_PAGES}")

    def committed(self) -> None:
        """A transaction begun with :meth:`writing` has committed: checkpoint soon."""
        self._wanted.set()

    def close(self) -> None:
        """Run the last checkpoint (if anything was committed since the one before) and wait."""
        if self._thread is None:
            return
        self._closing = True
        self._wanted.set()
        self._thread.join()
        self._thread = None

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            closing = self._closing
            try:
                with self._engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
                self.checkpoints += 1
            except Exception:  # noqa: BLE001 - the writers' automatic checkpoint is still there
                log.warning("the background checkpoint of the cache failed", exc_info=True)
            if closing and not self._wanted.is_set():
                return


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the pragmas the console relies on (SQLite: WAL, FKs, timeout,
    durable commits)."""
    path = _sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "checkin", _on_sqlite_checkin)
    return engine


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

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


def _where(url: str) -> str:
    path = _sqlite_path(url)
    if path is not None:
        return str(path)
    return make_url(url).render_as_string(hide_password=True)


def quick_check(path: Path) -> str | None:
    """``PRAGMA quick_check`` of the SQLite file at ``path`` (opened read-only): None when it is
    sound, else the first problem found, one line (or why the check itself could not run)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error as e:
        return str(e)
    try:
        rows = conn.execute("PRAGMA quick_check(5)").fetchall()
    except sqlite3.DatabaseError as e:
        return str(e)
    finally:
        conn.close()
    first = str(rows[0][0]) if rows else "no answer"
    if first == "ok":
        return None
    # SQLite may put several problems (and a "*** in database main ***" heading) in one row:
    # the first problem, so the message stays one line.
    problems = [line for line in first.splitlines() if line.strip() and not line.startswith("***")]
    return problems[0].strip() if problems else first.strip()


def _os_error(e: BaseException) -> OSError | None:
    while e is not None:
        if isinstance(e, OSError):
            return e
        e = e.__cause__ or e.__context__  # type: ignore[assignment]
    return None


def classify_failure(url: str, error: BaseException) -> CacheError:
    """The :class:`CacheError` that says why the cache at ``url`` failed with ``error`` (a database
    error or an OS error): locked, permission, disk full, server down or damaged. Damage is named
    only when ``quick_check`` confirms it (or the file is not a database at all); anything else
    stays a plain :class:`CacheError` that never offers a fresh cache."""
    if isinstance(error, CacheError):
        return error
    where = _where(url)
    params = {"where": where}
    text = str(getattr(error, "orig", None) or error).lower()
    path = _sqlite_path(url)
    oserr = _os_error(error)
    if oserr is not None and oserr.errno in (errno.ENOSPC, errno.EDQUOT):
        text += " database or disk is full"
    if oserr is not None and oserr.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        text += " readonly database"
    if path is None:
        if "could not connect" in text or "connection refused" in text or "timeout" in text \
                or "password authentication failed" in text or "does not exist" in text \
                or "server closed the connection" in text or "no route" in text \
                or "name or service not known" in text:
            return CacheServerDown(
                f"The cache server at {where} cannot be reached or refused the login. Nothing "
                "was changed; check that the PostgreSQL server is running and the profile's "
                "database address, then try again.", params=params)
        return CacheError(f"The cache at {where} cannot be used: {error}. Nothing was changed.",
                          params=params)
    if "locked" in text or "busy" in text:
        return CacheLocked(
            f"The local cache ({where}) is locked by another program (another console, a sync "
            "or a backup). Nothing was changed; close the other program or wait, then try again.",
            params=params)
    if "disk is full" in text or "disk or quota" in text or _disk_nearly_full(path):
        return CacheDiskFull(
            f"The disk holding the local cache ({where}) is full. Nothing was lost; free some "
            "space, then try again.", params=params)
    if "readonly" in text or "read-only" in text or "unable to open" in text \
            or "permission" in text or _not_writable(path):
        return CachePermission(
            f"The local cache ({where}) or its folder cannot be written by this user (was a "
            "sync run as another user, e.g. with sudo?). Nothing was changed; give the file back "
            "to your user (chown) or make it writable, then try again.", params=params)
    problem = quick_check(path) if path.exists() else None
    if problem is not None or "not a database" in text or "malformed" in text:
        return CacheCorrupt(
            f"The local cache ({where}) is damaged ({problem or text.strip()}). It was left "
            "untouched. Starting a fresh cache (Start a Fresh Cache in the window, or "
            "`seller-console cache fresh`) first saves everything you made (queued actions and "
            "their files, invoice drafts, the company profile, imports, the journal) and brings "
            "it into the new cache.", params=params)
    return CacheError(f"The local cache ({where}) cannot be used: {error}. Nothing was changed.",
                      params=params)


#: Free bytes below which the disk of an SQLite cache counts as full: SQLite needs a few pages, its
#: WAL and a 32 KiB shared-memory file; with less, it fails with "disk I/O error" (a full tmpfs
#: cannot map the shared-memory file), which is not damage.
DISK_FULL_BELOW = 1 << 20


def _disk_nearly_full(path: Path) -> bool:
    try:
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        return shutil.disk_usage(folder).free < DISK_FULL_BELOW
    except OSError:  # a folder this user may not even look into: not a question of space
        return False


def _not_writable(path: Path) -> bool:
    if path.exists():
        return not os.access(path, os.R_OK | os.W_OK) or not os.access(path.parent, os.W_OK)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return not os.access(folder, os.W_OK)


def open_cache(url: str) -> Engine:
    """Open (creating or migrating as needed) the cache at ``url`` and return its engine; a cache
    that cannot be opened raises the :class:`CacheError` that says why (:func:`classify_failure`)."""
    path = _sqlite_path(url)
    try:
        if path is not None and _not_writable(path):
            raise PermissionError(errno.EACCES, "not writable", str(path))
        engine = make_engine(url)
    except OSError as e:
        raise classify_failure(url, e) from e
    try:
        return _open(engine, url, path)
    except (exc.DBAPIError, exc.OperationalError, sqlite3.Error, OSError) as e:
        engine.dispose()
        raise classify_failure(url, e) from e
    except BaseException:
        engine.dispose()
        raise


_REVISION_LINE = re.compile(
    r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(None|\"([^\"]*)\"|'([^']*)')\s*$", re.M
)


def _head_on_disk() -> str | None:
    """The head revision read straight from the migration files (no Alembic import), or None when
    they do not make one simple chain (a merge, a branch, a file written another way): then
    :func:`_open` asks Alembic."""
    revisions: set[str] = set()
    downs: set[str] = set()
    try:
        files = sorted(MIGRATIONS_DIR.joinpath("versions").glob("*.py"))
        for file in files:
            if file.name == "__init__.py":
                continue
            found = dict.fromkeys(("revision", "down_revision"), "")
            for m in _REVISION_LINE.finditer(file.read_text(encoding="utf-8")):
                found[m.group(1)] = m.group(3) or m.group(4) or ""
            if not found["revision"]:
                return None
            revisions.add(found["revision"])
            if found["down_revision"]:
                downs.add(found["down_revision"])
    except OSError:
        return None
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 and downs <= revisions else None


def _stored_revision(engine: Engine) -> str | None:
    """The cache's one stored schema revision by plain SQL, or None (no table yet, several rows,
    any error: :func:`_open` then takes Alembic's way, which reports real errors)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except exc.DBAPIError:
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def _open(engine: Engine, url: str, path: Path | None) -> Engine:
    # The common start: a cache already at the head. Checked with one query against the head read
    # from the migration files, so neither Alembic nor the scripts are loaded (bench/startup.py).
    head_on_disk = _head_on_disk()
    if head_on_disk is not None and _stored_revision(engine) == head_on_disk:
        return engine
    from alembic.script import ScriptDirectory

    current = current_revision(engine)
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    if current == head:
        return engine
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
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


#: Alembic's commands publish their context through module globals (``alembic.context``), so two
#: caches migrated at once on two threads (two windows side by side, each opening its cache on its
#: own bridge) would tear each other's down: one migration at a time in the process.
_MIGRATING = threading.Lock()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    cfg = alembic_config()
    with _MIGRATING, engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    cfg = alembic_config()
    with _MIGRATING, engine.begin() as conn:
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
