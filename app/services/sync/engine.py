"""The sync engine: marketplace pages into the cache, resumable, exactly once.

For each collection, pages are fetched after the stored cursor. Each page is validated record by
record at the boundary (a bad record is set aside with its id and the reason, never stored half-way,
and does not stop the rest), then merged in ONE transaction together with the page's cursor. Killed at
any moment, the next run resumes from the last committed cursor; nothing is lost or stored twice.

The next page is fetched on a helper thread while the current one is written, so the network and
the database overlap. Every record a page brings is written (inserted, or replaced when its id is
in the cache already: ``updated`` counts those, changed or not); tombstones delete.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Index,
    String,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.schema import CreateIndex

from app import models as m
from app.models.db import Checkpointer, rebuildable
from app.services.marketplace.client import BadRecord, Cancelled, MarketplaceClient, Page
from app.services.marketplace.wire import (
    COLLECTIONS,
    COLLECTIONS_BY_NAME,
    Collection,
    parse_hw_time,
)
from app.services.orders.query import refresh_search_tail
from app.services.sync.mapping import MAPPERS, Children, Mapper, WireTime
from app.services.sync.pages import Prefetcher, PreparedPage, prepare_page
from app.services.sync.worker import HelperProcess, WorkerJob
from app.services.sync.writer import statement_columns, writer_for

log = logging.getLogger("seller_console.sync")

_TABLES = m.Base.metadata.tables

SELLER_COLLECTIONS: tuple[str, ...] = tuple(c.name for c in COLLECTIONS if not c.partner)
ALL_COLLECTIONS: tuple[str, ...] = tuple(c.name for c in COLLECTIONS)


@dataclass
class CollectionSummary:
    """What one collection's sync did. ``error`` is a sentence for the user, or None."""

    collection: str
    fetched: int = 0
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    set_aside: int = 0
    pages: int = 0
    seconds: float = 0.0
    error: str | None = None
    #: The exception behind ``error`` (not serialised), so callers can tell its kind.
    failure: BaseException | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("failure")
        d["seconds"] = round(self.seconds, 3)
        return d


@dataclass
class SyncReport:
    collections: list[CollectionSummary] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.error is None for c in self.collections)

    @property
    def failure(self) -> BaseException | None:
        """The first collection's failure, if any (the run stops there)."""
        return next((c.failure for c in self.collections if c.failure is not None), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "collections": {c.collection: c.as_dict() for c in self.collections},
        }


@dataclass(frozen=True)
class Progress:
    """A progress report: ``done`` records of ``total`` (None when the server gives no estimate)."""

    collection: str
    done: int
    total: int | None
    finished: bool = False


ProgressCallback = Callable[[Progress], None]


def _now() -> datetime:
    return datetime.now(UTC)


#: A first sync with at least this many changes to go moves fetching to a helper process.
HELPER_PROCESS_THRESHOLD = 20_000


def secondary_indexes(mapper: Mapper) -> list[Index]:
    """The non-unique indexes of a collection's table and its child tables (the ones a bulk
    load may build at the end); primary keys and unique indexes are never among them."""
    tables = [mapper.table, *(t for t, _fk in mapper.children.values())]
    return [i for t in tables for i in sorted(t.indexes, key=lambda i: str(i.name)) if not i.unique]


def drop_secondary_indexes(conn: Connection, mapper: Mapper) -> list[str]:
    """Drop the secondary indexes of ``mapper``'s tables (SQLite), for a bulk load into tables
    that were empty; :func:`restore_indexes` builds them again. Returns the names dropped."""
    present = _index_names(conn)
    dropped = []
    for index in secondary_indexes(mapper):
        if index.name in present:
            conn.exec_driver_sql(f'DROP INDEX "{index.name}"')
            dropped.append(str(index.name))
    return dropped


def restore_indexes(conn: Connection, mapper: Mapper) -> list[str]:
    """Create whichever secondary index of ``mapper``'s tables is missing, with the very
    statement the schema makes (a bulk load ended, or was killed before it could rebuild them).
    Returns the names created; nothing is done when all are there."""
    present = _index_names(conn)
    missing = [i for i in secondary_indexes(mapper) if i.name not in present]
    if missing:
        with _small_sorter(conn):
            for index in missing:
                conn.execute(CreateIndex(index))
    return [str(i.name) for i in missing]


#: The page cache (KiB) while indexes are built; SQLite's sorter may use as much as the page cache.
INDEX_BUILD_CACHE_KIB = 4096


@contextmanager
def _small_sorter(conn: Connection) -> Iterator[None]:
    """Build indexes with a small page cache, so with a small sorter (issue 18 §2).

    SQLite sorts an index's keys in memory up to the page cache's size (the cache's 32 MB), so
    building the indexes of a million orders took 32 MB more than of 100,000 (whose keys fit in
    a few). With 4 MB the sorter spills to a temporary file sooner and merges it; measured on
    918,640 orders, no slower, and the process's peak did not rise at all."""
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{INDEX_BUILD_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


def _index_names(conn: Connection) -> set[str]:
    rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))
    return {r[0] for r in rows}


def _is_empty(conn: Connection, mapper: Mapper) -> bool:
    return conn.execute(select(mapper.table.c.id).limit(1)).first() is None


_gc_lock = threading.Lock()
_gc_users = 0
_gc_saved: tuple[int, ...] = ()


@contextmanager
def _fewer_gc_pauses() -> Iterator[None]:
    """A sync allocates millions of short-lived objects; collecting the young generation less
    often makes it markedly faster. The thresholds are restored when the last sync ends."""
    global _gc_users, _gc_saved  # noqa: PLW0603 - process-wide setting, counted across threads
    with _gc_lock:
        if _gc_users == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(max(_gc_saved[0], 50_000), *_gc_saved[1:])
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0:
                gc.set_threshold(*_gc_saved)


_IDS_PARAM = "json_ids"
_JSON_IN: dict[tuple[str, str], ColumnElement[bool]] = {}


def _json_in(column: ColumnElement[Any]) -> ColumnElement[bool]:
    """``column IN (SELECT value FROM json_each(:json_ids))``, built once per column.

    Built afresh for every page, this expression left about 120 objects in reference cycles per
    statement, with the page's ids in them, freed only when the garbage collector (threshold
    50,000 during a sync) came by: the syncing process grew with the number of pages (issue 18
    §2). Built once, the ids travel as the statement's parameter and go with it.
    """
    key = (column.table.name, column.name)
    cond = _JSON_IN.get(key)
    if cond is None:
        listed = func.json_each(bindparam(_IDS_PARAM, type_=String)).table_valued("value")
        cond = _JSON_IN[key] = column.in_(select(listed.c.value))
    return cond


def _in(
    column: ColumnElement[Any], values: Sequence[str], sqlite: bool
) -> Iterable[tuple[ColumnElement[bool], dict[str, Any]]]:
    """``column IN values`` as conditions, each with its parameters, for as few statements as
    possible.

    SQLite gets the whole list as one JSON parameter (``json_each``): rendering and binding 900
    parameters per statement cost a first sync more than the statements' own work. Other
    databases get ``IN`` lists of at most 900 values.
    """
    if not values:
        return
    if sqlite:
        yield _json_in(column), {_IDS_PARAM: orjson.dumps(list(values)).decode()}
        return
    for i in range(0, len(values), 900):
        yield column.in_(values[i : i + 900]), {}


class CursorMoved(Exception):
    """Another sync of the collection wrote a page since this one read the cursor."""


def sync_lock_key(collection: str) -> int:
    """The PostgreSQL advisory lock key of a collection's sync (a stable signed 64-bit number)."""
    digest = hashlib.sha256(f"seller-console sync {collection}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _wire_version(value: Any) -> datetime | None:
    """A page's ``remote_updated_at`` as an aware datetime (SQLite pages carry the stored text)."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, WireTime):
        return value.to_datetime()
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def _refused(page: PreparedPage, table: str, stored: dict[str, Any]) -> set[str]:
    """The ids of the page whose row the version guard keeps (``excluded.remote_updated_at >=
    stored`` is not true, NULLs included, as the upsert's SQL decides)."""
    incoming: dict[str, Any] = {}
    for tname, sql, data in page.statements:
        if tname == table:
            cols = statement_columns(sql)
            at_id, at_version = cols.index("id"), cols.index("remote_updated_at")
            incoming.update((d[at_id], d[at_version]) for d in data)
    for tname, rows in page.rows:
        if tname == table:
            incoming.update((r["id"], r.get("remote_updated_at")) for r in rows)
    refused = set()
    for record_id, old in stored.items():
        new = _wire_version(incoming.get(record_id))
        if new is None or old is None or new < old:
            refused.add(record_id)
    return refused


class SyncEngine:
    """Brings collections from the marketplace into the cache. One instance per worker thread."""

    def __init__(
        self,
        client: MarketplaceClient,
        engine: Engine,
        *,
        page_limit: int = 1000,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        clock: Callable[[], datetime] = _now,
        use_helper_process: bool = True,
    ) -> None:
        self.client = client
        self.engine = engine
        self.page_limit = page_limit
        self._progress = progress or (lambda p: None)
        self._cancel = cancel or threading.Event()
        self._clock = clock
        self.use_helper_process = use_helper_process
        self._sqlite = engine.dialect.name == "sqlite"
        self._write_lock = threading.Lock()  # one writer at a time
        self._helper: HelperProcess | None = None  # reused by the collections of one run
        self._in_run = False
        #: Takes the WAL checkpoints of this run's commits (SQLite), see :meth:`_writing`.
        self._checkpointer: Checkpointer | None = None
        #: Per collection, the cursor this run last read or wrote (see :meth:`_merge_page`).
        self._cursors: dict[str, str | None] = {}

    # -- public ------------------------------------------------------------------------------------

    def sync(self, collections: Sequence[str] = SELLER_COLLECTIONS) -> SyncReport:
        """Sync each collection in turn. An authentication or network failure stops the run (the
        remaining collections would fail the same way); other collections' results are kept."""
        unknown = [c for c in collections if c not in COLLECTIONS_BY_NAME]
        if unknown:
            raise ValueError(f"unknown collections: {', '.join(unknown)}")
        report = SyncReport()
        self._in_run = True
        try:
            with self._checkpointing():
                for name in collections:
                    summary = self.sync_collection(name)
                    report.collections.append(summary)
                    if summary.error is not None:
                        break
        finally:
            self._in_run = False
            self._close_helper()
        return report

    @contextmanager
    def _checkpointing(self) -> Iterator[None]:
        """A checkpoint thread for the writes inside (one per run, or per collection synced
        alone); the last checkpoint is waited for at the end."""
        if self._checkpointer is not None:
            yield
            return
        self._checkpointer = Checkpointer(self.engine)
        try:
            yield
        finally:
            checkpointer, self._checkpointer = self._checkpointer, None
            checkpointer.close()

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One write transaction of the sync (bookkeeping or a page): a fast commit
        (``rebuildable``: what the sync writes can be fetched again, see :meth:`_start`) whose WAL
        checkpoint is left to the run's checkpoint thread, so no commit waits for one."""
        with self._write_lock, self.engine.begin() as conn:
            rebuildable(conn)
            if self._checkpointer is not None:
                self._checkpointer.writing(conn)
            yield conn
        if self._checkpointer is not None:
            self._checkpointer.committed()

    def _close_helper(self) -> None:
        if self._helper is not None:
            self._helper.close()
            self._helper = None

    def sync_collection(self, name: str) -> CollectionSummary:
        """Sync one collection to the end, as the only sync of it in the team: on PostgreSQL the
        collection's advisory lock is held throughout (another console's sync of it waits, then
        goes on from the cursor this one reached); see :meth:`_sync_collection`."""
        try:
            with self._checkpointing(), self._collection_lock(name):
                return self._sync_collection(name)
        except Cancelled as e:  # while waiting for another console's sync of it
            summary = CollectionSummary(collection=name, error=str(e), failure=e)
            self._progress(Progress(name, 0, 0, finished=True))
            return summary

    @contextmanager
    def _collection_lock(self, name: str) -> Iterator[None]:
        """PostgreSQL: hold the advisory lock of ``name`` on a connection of its own (released
        when the sync ends, or by the server when a killed console's connection drops). Waiting
        for it ends when the sync is cancelled. SQLite needs none: its pages check the cursor
        (see :meth:`_merge_page`)."""
        if self.engine.dialect.name != "postgresql":
            yield
            return
        key = sync_lock_key(name)
        with self.engine.connect() as conn:
            while not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
                conn.commit()
                log.info("waiting for another console's sync of %s", name)
                if self._cancel.wait(0.2):
                    raise Cancelled("Stopped at your request.")
            conn.commit()
            try:
                yield
            finally:
                try:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    conn.commit()
                except Exception:  # noqa: BLE001 - closing the connection releases it too
                    log.warning("could not release the sync lock of %s", name, exc_info=True)

    def _sync_collection(self, name: str) -> CollectionSummary:
        """Sync one collection to the end. Failures are reported in the summary (``error`` and
        ``failure``), never swallowed: what was committed before them stays committed.

        Pages are fetched one ahead on a thread. When the first page says many changes follow
        (a first sync of a large account) and the cache is SQLite, the rest is fetched and
        prepared by a helper process on the other core while this one writes.
        """
        coll = COLLECTIONS_BY_NAME[name]
        mapper = MAPPERS[name]
        summary = CollectionSummary(collection=name)
        started = time.perf_counter()
        sqlite = self.engine.dialect.name == "sqlite"
        with self._writing() as conn:
            cursor = self._start(conn, name)
            may_bulk_load = sqlite and self._ready_for_bulk_load(conn, mapper, cursor)
        self._cursors[name] = cursor
        client = self.client.spec().make(self._cancel)  # httpx clients are not shared by threads
        source = Prefetcher(client, coll, cursor, self.page_limit)
        handed_over = bulk_loading = False
        try:
            with _fewer_gc_pauses():
                items: Iterator[Page | PreparedPage] = iter(source)
                while (item := next(items, None)) is not None:
                    if self._cancel.is_set():
                        raise Cancelled("Stopped at your request.")
                    page = (
                        item
                        if isinstance(item, PreparedPage)
                        else prepare_page(coll, mapper, item, sqlite)
                    )
                    del item  # the parsed records: not held while the page is written
                    self._merge_page(coll, mapper, page, summary)
                    remaining = page.remaining
                    total = summary.fetched + remaining if remaining is not None else None
                    self._progress(Progress(name, summary.fetched, total))
                    if (
                        not handed_over
                        and self.use_helper_process
                        and sqlite
                        and page.has_more
                        and (remaining or 0) >= HELPER_PROCESS_THRESHOLD
                    ):
                        if may_bulk_load:
                            bulk_loading = self._begin_bulk_load(mapper)
                        source.close()
                        if self._helper is None or self._helper.broken:
                            if self._helper is not None:
                                self._helper.close()
                            self._helper = HelperProcess()
                        job = WorkerJob(
                            self.client.spec(), name, page.next_cursor, self.page_limit, sqlite
                        )
                        items = self._helper.pages(job, self._cancel)
                        handed_over = True
                    del page  # freed before the next page is fetched (issue 18 §2: big bills)
                if self._cancel.is_set():  # the pages stopped because of it: not a success
                    raise Cancelled("Stopped at your request.")
        except CursorMoved as e:
            # Another sync of this collection (another console on this SQLite cache) got further:
            # this page was not written, the cursor stays where that sync put it.
            log.info("sync of %s stopped: %s", name, e)
        except Exception as e:  # noqa: BLE001 - reported in the summary, see docstring
            summary.error = str(e) or type(e).__name__
            summary.failure = e
            log.warning("sync of %s stopped: %s", name, summary.error)
        finally:
            source.close()
            if handed_over and summary.error is not None and self._helper is not None:
                self._helper.broken = True  # its queue may still hold pages of this collection
            if not self._in_run:
                self._close_helper()
            client.close()
            if bulk_loading:
                self._end_bulk_load(mapper)
            summary.seconds = time.perf_counter() - started
            self._finish(name, summary)
            self._progress(Progress(name, summary.fetched, summary.fetched, finished=True))
        return summary

    # -- bookkeeping -------------------------------------------------------------------------------

    def _start(self, conn: Connection, name: str) -> str | None:
        """Read the collection's cursor and note the start time.

        This note and the summary at the end (:meth:`_finish`) commit like the pages
        (``rebuildable``: no fsync): the next sync writes them again, and a durable commit here
        flushed every page the collection had just written, one disk flush per collection (issue
        18 §2, the incremental sync of a million orders). What a page wrote becomes durable at
        the next checkpoint or durable commit; an OS crash before it can lose the last pages and
        their cursor together, which the next sync fetches again."""
        st = _TABLES["sync_state"]
        row = conn.execute(select(st.c.cursor).where(st.c.collection == name)).first()
        if row is None:
            conn.execute(insert(st).values(collection=name, last_started_at=self._clock()))
            return None
        conn.execute(
            update(st).where(st.c.collection == name).values(last_started_at=self._clock())
        )
        return row.cursor  # type: ignore[no-any-return]

    # -- a first sync's bulk load -------------------------------------------------------------------

    def _ready_for_bulk_load(self, conn: Connection, mapper: Mapper, cursor: str | None) -> bool:
        """Rebuild any secondary index a killed bulk load left missing; True when this is a first
        sync (no cursor) into empty tables, so a large one may be loaded as a bulk load."""
        restored = restore_indexes(conn, mapper)
        if restored:
            log.info("rebuilt indexes a stopped sync had left out: %s", ", ".join(restored))
        return cursor is None and _is_empty(conn, mapper)

    def _begin_bulk_load(self, mapper: Mapper) -> bool:
        """A large first sync fills its tables without their secondary indexes and builds them
        once at the end (:meth:`_end_bulk_load`): a third less CPU and half the bytes written
        than keeping nine B-trees sorted page by page (``docs/performance.md``)."""
        with self._write_lock, self.engine.begin() as conn:
            dropped = drop_secondary_indexes(conn, mapper)
        log.info("bulk load of %s: indexes built at the end (%d)", mapper.table.name, len(dropped))
        return True

    def _end_bulk_load(self, mapper: Mapper) -> None:
        """Build the indexes the bulk load left out, whether the sync finished or stopped (what
        is committed stays, and the cache answers as fast as before). Should this fail, the next
        sync builds them before it writes."""
        try:
            with self._write_lock, self.engine.begin() as conn:
                restore_indexes(conn, mapper)
        except Exception:  # noqa: BLE001 - never hide the sync's own error; retried next sync
            log.exception("could not build the indexes of %s yet", mapper.table.name)

    def _finish(self, name: str, summary: CollectionSummary) -> None:
        st = _TABLES["sync_state"]
        values: dict[str, Any] = {"last_summary": summary.as_dict(), "last_error": summary.error}
        if summary.error is None:
            values["last_finished_at"] = self._clock()
        try:
            with self._writing() as conn:
                conn.execute(update(st).where(st.c.collection == name).values(**values))
        except Exception:  # noqa: BLE001 - never hide the sync's own error behind this one
            log.exception("could not record the sync summary of %s", name)

    # -- one page, one transaction -----------------------------------------------------------------

    def _merge_page(
        self, coll: Collection, mapper: Mapper, page: PreparedPage, summary: CollectionSummary
    ) -> None:
        """Write one prepared page and its cursor in one transaction."""
        table = mapper.table
        ids = page.ids
        now = self._clock()
        sqlite = self._sqlite
        with self._writing() as conn:
            st = _TABLES["sync_state"]
            moved = conn.execute(
                update(st)
                .where(st.c.collection == coll.name,
                       st.c.cursor.is_not_distinct_from(self._cursors.get(coll.name)))
                .values(cursor=page.next_cursor)
            )
            if not moved.rowcount:  # checked first: the row stays locked until this commits
                raise CursorMoved(f"another sync of {coll.name} moved ahead of this one")
            versioned = "remote_updated_at" in table.c
            stored: dict[str, Any] = {}
            for cond, params in _in(table.c.id, ids, sqlite):
                cols = (table.c.id, table.c.remote_updated_at) if versioned else (table.c.id,)
                for row in conn.execute(select(*cols).where(cond), params):
                    stored[row[0]] = row[1] if versioned else None
            old_ids = [i for i in ids if i in stored]
            # Children follow their parent's verdict: a parent the version guard refuses (an
            # older version than the cache has) keeps its children as they are.
            refused = _refused(page, table.name, stored) if versioned and old_ids else set()
            replaced = [i for i in old_ids if i not in refused] if refused else old_ids
            for ctable, fk in mapper.children.values():
                for cond, params in _in(ctable.c[fk], replaced, sqlite):
                    conn.execute(delete(ctable).where(cond), params)
            kids = {ctable.name: fk for ctable, fk in mapper.children.values()}
            for tname, sql, data in page.statements:
                if refused and tname in kids:
                    at = statement_columns(sql).index(kids[tname])
                    data = [d for d in data if d[at] not in refused]
                if data:
                    conn.exec_driver_sql(sql, data)
            for tname, rows in page.rows:
                if refused and tname in kids:
                    rows = [r for r in rows if r[kids[tname]] not in refused]
                writer_for(_TABLES[tname]).upsert(conn, rows)
            self._record_tombstones(conn, coll, mapper, page, ids, summary, now)
            self._record_set_aside(conn, coll, page.bad, ids, now)
            if table.name == "orders":  # a search meanwhile scans few of the new orders
                refresh_search_tail(conn)
        self._cursors[coll.name] = page.next_cursor
        summary.pages += 1
        summary.fetched += page.fetched
        summary.inserted += len(ids) - len(old_ids)
        summary.updated += len(old_ids)
        summary.set_aside += len(page.bad)

    def _record_tombstones(
        self,
        conn: Connection,
        coll: Collection,
        mapper: Mapper,
        page: PreparedPage,
        arrived: list[str],
        summary: CollectionSummary,
        now: datetime,
    ) -> None:
        tomb = _TABLES["tombstones"]
        # a record that comes back after its deletion was re-created: its tombstone goes
        for cond, params in _in(tomb.c.record_id, arrived, self._sqlite):
            conn.execute(delete(tomb).where(tomb.c.collection == coll.name, cond), params)
        if not page.tombstones:
            return
        gone = [t.id for t in page.tombstones]
        for cond, params in _in(mapper.table.c.id, gone, self._sqlite):
            result = conn.execute(delete(mapper.table).where(cond), params)
            summary.deleted += result.rowcount or 0
        writer_for(tomb).upsert(
            conn,
            [
                {
                    "collection": coll.name,
                    "record_id": t.id,
                    "deleted_at": parse_hw_time(t.delete_time),
                    "seen_at": now,
                }
                for t in page.tombstones
            ],
        )

    def _record_set_aside(
        self,
        conn: Connection,
        coll: Collection,
        bad: list[BadRecord],
        good_ids: list[str],
        now: datetime,
    ) -> None:
        sa = _TABLES["set_aside_records"]
        for cond, params in _in(sa.c.record_id, good_ids, self._sqlite):
            conn.execute(delete(sa).where(sa.c.collection == coll.name, cond), params)
        if not bad:
            return
        for b in bad:
            log.warning("set aside %s %s: %s", coll.name, b.record_id, b.reason)
        writer_for(sa).upsert(
            conn,
            [
                {
                    "collection": coll.name,
                    "record_id": b.record_id,
                    "error": b.reason,
                    "payload": orjson.dumps(b.raw).decode(),
                    "seen_at": now,
                }
                for b in bad
            ],
        )


def collection_counts(engine: Engine) -> dict[str, int]:
    """Live records per collection in the cache (tombstones are not in the tables)."""
    from sqlalchemy import func

    counts: dict[str, int] = {}
    with engine.connect() as conn:
        for name, mapper in MAPPERS.items():
            counts[name] = conn.execute(select(func.count()).select_from(mapper.table)).scalar_one()
    return counts


def sync_states(engine: Engine) -> dict[str, dict[str, Any]]:
    """Per collection: the last finished sync time, the last summary and the last error."""
    st = _TABLES["sync_state"]
    out: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for row in conn.execute(select(st)):
            out[row.collection] = {
                "last_finished_at": (
                    row.last_finished_at.replace(tzinfo=UTC) if row.last_finished_at else None
                ),
                "last_summary": row.last_summary,
                "last_error": row.last_error,
            }
    return out


def set_aside_records(engine: Engine) -> list[dict[str, Any]]:
    sa = _TABLES["set_aside_records"]
    with engine.connect() as conn:
        return [
            {"collection": r.collection, "id": r.record_id, "error": r.error}
            for r in conn.execute(select(sa).order_by(sa.c.collection, sa.c.record_id))
        ]


__all__ = [
    "ALL_COLLECTIONS",
    "SELLER_COLLECTIONS",
    "Children",
    "CollectionSummary",
    "Progress",
    "SyncEngine",
    "SyncReport",
    "collection_counts",
    "set_aside_records",
    "sync_states",
]
