"""The sandbox's record store: SQLite, one row per record, pre-serialised JSON payloads.

Every record row carries its collection, its id, a global change sequence ``seq`` (the row id), a
tombstone flag and the record's JSON as orjson wrote it. Any change to a record, its deletion included,
moves it to a new, higher ``seq``, so "everything that changed since cursor N" is one indexed range
query, and serving a page is that query plus a byte concatenation: records are never re-serialised per
request. Sequence numbers are never reused (they come from a counter kept under the write lock).

The store also keeps what the clock advance needs: ``live`` (the record can still change with time),
``gen`` (the key to rebuild it) and ``aux`` (an order's pending settlement period; a performance
record's period). Threads: one writer connection behind a lock; each reading thread has its own
connection (WAL mode lets reads run while the advance writes).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.sandbox.data.generate import AUX_FIX, SHARD, Row, bulk_writer

_SCHEMA = """
CREATE TABLE records (
    seq INTEGER PRIMARY KEY,
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    delete_time TEXT,
    live INTEGER NOT NULL DEFAULT 0,
    gen TEXT,
    aux TEXT,
    payload BLOB
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_INDEXES = """
CREATE UNIQUE INDEX records_key ON records (collection, id);
CREATE INDEX records_page ON records (collection, seq);
CREATE INDEX records_live ON records (collection) WHERE live = 1;
CREATE INDEX records_aux ON records (collection, aux) WHERE aux IS NOT NULL;
CREATE INDEX records_count ON records (collection, deleted);
"""
_UPSERT = """
INSERT INTO records (seq, collection, id, deleted, delete_time, live, gen, aux, payload)
VALUES (?, ?, ?, 0, NULL, ?, ?, ?, ?)
ON CONFLICT (collection, id) DO UPDATE SET
    seq = excluded.seq, deleted = 0, delete_time = NULL, live = excluded.live,
    gen = excluded.gen, aux = excluded.aux, payload = excluded.payload
"""
#: What the write endpoints keep: answers by idempotency key (a repeated key gets the stored answer
#: and has no second effect) and uploaded files by upload key (a repeated upload stores nothing).
_WRITE_TABLES = """
CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, status INTEGER NOT NULL,
    body BLOB NOT NULL, created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS uploads (
    upload_key TEXT PRIMARY KEY, file_id TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL,
    size INTEGER NOT NULL, sha256 TEXT NOT NULL, content_type TEXT, created INTEGER NOT NULL,
    attached INTEGER NOT NULL DEFAULT 0
);
"""
FILE_NAME = "sandbox.sqlite3"


#: Records kept in a collection but never served by its list endpoint, by a mark in the payload:
#: 按需 (pay-per-use) orders are not in the seller's order list (business-rules §4); their income
#: appears in bills. The generator keeps them to build those bill lines.
UNLISTED: dict[str, bytes] = {"orders": b'"chargingMode":"ON_DEMAND"'}


def listed(collection: str, payload: bytes | None) -> bool:
    """Whether the list endpoint serves a record with this payload (see :data:`UNLISTED`)."""
    mark = UNLISTED.get(collection)
    return mark is None or payload is None or mark not in payload


def _unlisted_term(mark: bytes) -> str:
    """The unlisted records' condition as SQL text (their partial index needs it literally)."""
    return f"instr(payload, X'{mark.hex()}') > 0"


#: One partial index per collection with unlisted records, so a page's ``remaining`` counts them
#: without reading every payload that follows it (issue 18: that count read the rest of a
#: million orders' payloads for every page, tens of seconds a page).
_UNLISTED_INDEXES = "".join(
    f"CREATE INDEX IF NOT EXISTS records_unlisted_{name} ON records (collection, seq) "
    f"WHERE {_unlisted_term(mark)};\n"
    for name, mark in UNLISTED.items()
)


def _unlisted(collection: str) -> tuple[str, tuple[bytes, ...]]:
    """The SQL condition (and its parameter) leaving out the unlisted records of ``collection``."""
    mark = UNLISTED.get(collection)
    if mark is None:
        return "", ()
    return " AND (payload IS NULL OR instr(payload, ?) = 0)", (mark,)


@dataclass(frozen=True)
class Page:
    """Rows of one page: live payloads and tombstones in seq order."""

    items: list[bytes]
    tombstones: list[tuple[str, str]]  # (id, deleteTime)
    last_seq: int  # the highest seq covered (the cursor's own seq when the page is empty)
    has_more: bool
    remaining: int = 0  # changes after this page (for the client's progress bar)


#: A page stops growing past this many bytes of records (at least one record is always sent), so
#: a page of very large records (a bill with thousands of lines) stays small in both peers' memory.
MAX_PAGE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Stored:
    """A stored record as the clock advance reads it."""

    id: str
    payload: bytes | None
    live: bool
    gen: str | None
    aux: str | None
    deleted: bool


class RecordStore:
    """SQLite-backed records with change sequences; safe to use from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._writer = self._connect()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._writer.executescript(_WRITE_TABLES)
        self._writer.executescript(_UNLISTED_INDEXES)  # a store generated before they existed
        row = self._writer.execute("SELECT COALESCE(MAX(seq), 0) FROM records").fetchone()
        self._seq: int = row[0]
        self._closed = False

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    # -- building ----------------------------------------------------------------------------------

    @staticmethod
    def build(path: Path, rows: Iterable[Row], meta: dict[str, str]) -> None:
        """Write a new store at ``path`` from ``rows`` (in seq order), atomically: the data goes to a
        temporary file that replaces ``path`` only when complete, so a crash never leaves a
        half-generated store that looks reusable."""
        tmp = path.with_name(path.name + ".building")
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
        conn = bulk_writer(tmp)
        try:
            conn.executescript(_SCHEMA)
            conn.execute("BEGIN")
            fixes: list[tuple[str | None, str]] = []
            batch: list[tuple[object, ...]] = []
            seq = 0
            for row in rows:
                if row.collection == AUX_FIX:
                    fixes.append((row.aux, row.id))
                    continue
                if row.collection == SHARD:  # a worker's rows, copied over in SQLite itself
                    _insert(conn, batch)
                    batch.clear()
                    conn.execute("COMMIT")
                    conn.execute("ATTACH DATABASE ? AS shard", (row.id,))
                    cur = conn.execute(
                        "INSERT INTO records (seq, collection, id, live, gen, aux, payload) "
                        "SELECT ? + n, collection, id, live, gen, aux, payload FROM shard.rows "
                        "ORDER BY n", (seq,))
                    seq += cur.rowcount
                    conn.execute("DETACH DATABASE shard")
                    Path(row.id).unlink(missing_ok=True)
                    conn.execute("BEGIN")
                    continue
                seq += 1
                batch.append((seq, row.collection, row.id, 1 if row.live else 0, row.gen,
                              row.aux, row.payload))
                if len(batch) >= 5000:
                    _insert(conn, batch)
                    batch.clear()
            _insert(conn, batch)
            conn.execute("COMMIT")
            conn.executescript(_INDEXES + _UNLISTED_INDEXES)
            conn.execute("BEGIN")
            conn.executemany(
                "UPDATE records SET aux = ? WHERE collection = 'orders' AND id = ?", fixes)
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", sorted(meta.items()))
            conn.execute("COMMIT")
        finally:
            conn.close()
        os.replace(tmp, path)

    @staticmethod
    def read_meta(path: Path) -> dict[str, str]:
        """The meta table of an existing store (empty if it cannot be read)."""
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        except sqlite3.Error:
            return {}
        try:
            return dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error:
            return {}
        finally:
            conn.close()

    # -- reading -----------------------------------------------------------------------------------

    def _reader(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if self._closed:
                raise RuntimeError("store closed")
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._readers.append(conn)
        return conn

    def page(self, collection: str, after: int, limit: int) -> Page:
        """Up to ``limit`` changes in ``collection`` with seq > ``after``, in seq order; records of
        the collection's :data:`UNLISTED` kind are kept (the generator needs them) but never served."""
        hidden, mark = _unlisted(collection)
        rows = self._reader().execute(
            "SELECT seq, id, deleted, delete_time, payload FROM records "
            f"WHERE collection = ? AND seq > ?{hidden} ORDER BY seq LIMIT ?",
            (collection, after, *mark, limit + 1),
        ).fetchall()
        has_more = len(rows) > limit
        if has_more:
            rows = rows[:limit]
        items: list[bytes] = []
        tombstones: list[tuple[str, str]] = []
        size = 0
        for n, (_seq, rid, deleted, delete_time, payload) in enumerate(rows):
            if n and size + len(payload or b"") > MAX_PAGE_BYTES:
                rows = rows[:n]
                has_more = True
                break
            if deleted:
                tombstones.append((rid, delete_time))
            else:
                items.append(payload)
                size += len(payload)
        last = rows[-1][0] if rows else after
        remaining = 0
        if has_more:  # all that follows (on the index alone), less the unlisted (on theirs)
            reader = self._reader()
            remaining = reader.execute(
                "SELECT count(*) FROM records WHERE collection = ? AND seq > ?",
                (collection, last)).fetchone()[0]
            unlisted = UNLISTED.get(collection)
            if unlisted is not None:
                remaining -= reader.execute(
                    "SELECT count(*) FROM records WHERE collection = ? AND seq > ? AND "
                    f"{_unlisted_term(unlisted)}", (collection, last)).fetchone()[0]
        return Page(items, tombstones, last, has_more, remaining)

    def write_stats(self) -> dict[str, int]:
        """Uploaded files (and how many of them an action attached) and answered actions."""
        conn = self._reader()
        uploads, attached = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(attached > 0), 0) FROM uploads").fetchone()
        actions = conn.execute("SELECT COUNT(*) FROM idempotency").fetchone()[0]
        return {"uploads": uploads, "uploads_attached": attached, "actions": actions}

    def stats(self) -> dict[str, int]:
        """Live (non-deleted) records per collection, as the API serves them (without the
        :data:`UNLISTED` ones)."""
        counts = dict(self._reader().execute(
            "SELECT collection, COUNT(*) FROM records WHERE deleted = 0 GROUP BY collection"
        ).fetchall())
        for collection in UNLISTED:
            hidden, mark = _unlisted(collection)
            unlisted = self._reader().execute(
                "SELECT count(*) FROM records WHERE collection = ? AND deleted = 0 AND NOT "
                f"(1 = 1{hidden})", (collection, *mark)).fetchone()[0]
            if unlisted:
                counts[collection] -= unlisted
        return counts

    def unlisted_ids(self, collection: str) -> list[str]:
        """The ids of the records of ``collection`` kept but not served (:data:`UNLISTED`)."""
        hidden, mark = _unlisted(collection)
        if not hidden:
            return []
        return [r[0] for r in self._reader().execute(
            f"SELECT id FROM records WHERE collection = ? AND NOT (1 = 1{hidden})",
            (collection, *mark)).fetchall()]

    def get(self, collection: str, rid: str) -> Stored | None:
        return _get(self._reader(), collection, rid)

    def live(self, collection: str) -> list[Stored]:
        return _live(self._reader(), collection)

    def with_aux(self, collection: str, low: str, high: str) -> list[Stored]:
        return _with_aux(self._reader(), collection, low, high)

    def meta(self, key: str, default: str | None = None) -> str | None:
        return _meta(self._reader(), key, default)

    # -- writing -----------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        """One write transaction; all changes in it get fresh seqs, in call order."""
        with self._lock:
            self._writer.execute("BEGIN IMMEDIATE")
            writer = Writer(self)
            try:
                yield writer
            except BaseException:
                self._writer.execute("ROLLBACK")
                self._seq = writer.start_seq
                raise
            self._writer.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            self._writer.close()


class Writer:
    """The write operations available inside :meth:`RecordStore.transaction`."""

    def __init__(self, store: RecordStore) -> None:
        self._store = store
        self._conn = store._writer
        self.start_seq = store._seq

    def _next(self) -> int:
        self._store._seq += 1
        return self._store._seq

    def put(self, collection: str, rid: str, payload: bytes, live: bool = False,
            gen: str | None = None, aux: str | None = None) -> int:
        """Insert or replace a record; it gets a new seq (returned)."""
        seq = self._next()
        self._conn.execute(_UPSERT, (seq, collection, rid, 1 if live else 0, gen, aux, payload))
        return seq

    def delete(self, collection: str, rid: str, delete_time: str) -> bool:
        """Turn a live record into a tombstone with a new seq; False if there was none."""
        seq = self._next()
        cur = self._conn.execute(
            "UPDATE records SET seq = ?, deleted = 1, delete_time = ?, live = 0, payload = NULL "
            "WHERE collection = ? AND id = ? AND deleted = 0", (seq, delete_time, collection, rid))
        if cur.rowcount == 0:
            self._store._seq -= 1
            return False
        return True

    def set_flags(self, collection: str, rid: str, live: bool, aux: str | None) -> None:
        """Change the advance's bookkeeping of a record without changing the record (same seq)."""
        self._conn.execute("UPDATE records SET live = ?, aux = ? WHERE collection = ? AND id = ?",
                           (1 if live else 0, aux, collection, rid))

    def set_gen(self, collection: str, rid: str, gen: str | None, live: bool) -> None:
        """Re-key how the advance treats a record (e.g. hand it to the user: ``manual``)."""
        self._conn.execute("UPDATE records SET gen = ?, live = ? WHERE collection = ? AND id = ?",
                           (gen, 1 if live else 0, collection, rid))

    def set_meta(self, key: str, value: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def answered(self, key: str) -> tuple[str, int, bytes] | None:
        """The stored (fingerprint, status, body) of an idempotency key, if it was used."""
        row = self._conn.execute(
            "SELECT fingerprint, status, body FROM idempotency WHERE key = ?", (key,)).fetchone()
        return None if row is None else (row[0], row[1], bytes(row[2]))

    def remember(self, key: str, fingerprint: str, status: int, body: bytes, now: int) -> None:
        self._conn.execute("INSERT INTO idempotency VALUES (?, ?, ?, ?, ?)",
                           (key, fingerprint, status, body, now))

    def upload(self, upload_key: str) -> dict[str, object] | None:
        return self._upload_where("upload_key", upload_key)

    def upload_by_id(self, file_id: str) -> dict[str, object] | None:
        return self._upload_where("file_id", file_id)

    def _upload_where(self, column: str, value: str) -> dict[str, object] | None:
        """The upload whose ``column`` (``upload_key`` or ``file_id``, both unique) is ``value``."""
        row = self._conn.execute(
            "SELECT file_id, file_name, size, sha256, content_type, attached FROM uploads "
            f"WHERE {column} = ?", (value,)).fetchone()
        return None if row is None else dict(zip(
            ("fileId", "fileName", "size", "sha256", "contentType", "attached"), row, strict=True))

    def add_upload(self, upload_key: str, file_id: str, file_name: str, size: int, sha256: str,
                   content_type: str | None, now: int) -> None:
        self._conn.execute("INSERT INTO uploads VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                           (upload_key, file_id, file_name, size, sha256, content_type, now))

    def mark_attached(self, file_id: str) -> None:
        self._conn.execute("UPDATE uploads SET attached = attached + 1 WHERE file_id = ?",
                           (file_id,))

    # Reads inside the transaction go through the writing connection, so they see its own writes.

    def get(self, collection: str, rid: str) -> Stored | None:
        return _get(self._conn, collection, rid)

    def live(self, collection: str) -> list[Stored]:
        return _live(self._conn, collection)

    def with_aux(self, collection: str, low: str, high: str) -> list[Stored]:
        return _with_aux(self._conn, collection, low, high)

    def meta(self, key: str, default: str | None = None) -> str | None:
        return _meta(self._conn, key, default)


_COLUMNS = "id, payload, live, gen, aux, deleted"


def _insert(conn: sqlite3.Connection, batch: list[tuple[object, ...]]) -> None:
    if batch:
        conn.executemany("INSERT INTO records (seq, collection, id, live, gen, aux, payload) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", batch)


def _stored(row: tuple[object, ...]) -> Stored:
    return Stored(str(row[0]), row[1] if isinstance(row[1], bytes) else None, bool(row[2]),
                  row[3] if isinstance(row[3], str) else None,
                  row[4] if isinstance(row[4], str) else None, bool(row[5]))


def _get(conn: sqlite3.Connection, collection: str, rid: str) -> Stored | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM records WHERE collection = ? AND id = ?",
                       (collection, rid)).fetchone()
    return None if row is None else _stored(row)


def _live(conn: sqlite3.Connection, collection: str) -> list[Stored]:
    """Records of ``collection`` that may still change with time, in seq order."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM records WHERE collection = ? AND live = 1 "
                        "ORDER BY seq", (collection,)).fetchall()
    return [_stored(r) for r in rows]


def _with_aux(conn: sqlite3.Connection, collection: str, low: str, high: str) -> list[Stored]:
    """Live records of ``collection`` whose ``aux`` lies in [low, high] (string order), by seq."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM records WHERE collection = ? AND aux >= ? "
                        "AND aux <= ? AND deleted = 0 ORDER BY seq",
                        (collection, low, high)).fetchall()
    return [_stored(r) for r in rows]


def _meta(conn: sqlite3.Connection, key: str, default: str | None) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return default if row is None else str(row[0])
