"""Pages of a collection made ready to write: fetched one ahead on a thread, mapped to rows.

Both the sync engine (:mod:`app.services.sync.engine`) and its helper process
(:mod:`app.services.sync.worker`) run this part, so it lives apart from both.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app import models as m
from app.services.marketplace.client import BadRecord, MarketplaceClient, MarketplaceError, Page
from app.services.marketplace.wire import Collection, Tombstone, dict_adapter
from app.services.sync.mapping import Mapper, Row, SqliteForm, StorageTuple
from app.services.sync.writer import writer_for

_TABLES = m.Base.metadata.tables


class StuckCursor(MarketplaceError):
    """The marketplace says more pages follow but its cursor does not move."""

    default_code = "faults"


@dataclass
class PreparedPage:
    """A page ready to write: for SQLite, statements with rows already in storage form (so a
    worker process can prepare while the engine writes); for other databases, plain rows."""

    ids: list[str]
    statements: list[tuple[str, str, list[tuple[Any, ...]]]]  # (table, sql, rows)
    rows: list[tuple[str, list[Row]]]  # (table, rows) for SQLAlchemy Core
    bad: list[BadRecord]
    tombstones: list[Tombstone]
    next_cursor: str
    has_more: bool
    remaining: int | None
    fetched: int


def prepare_page(coll: Collection, mapper: Mapper, page: Page, sqlite: bool) -> PreparedPage:
    """Map a validated page to rows (a record whose values cannot be stored is set aside).

    Consumes ``page.items``: each record is let go once mapped, and (SQLite) each row once in
    storage form, so a page is never held three times over (records, rows, tuples). A bills page
    at a million orders is one or two bills of up to 10 MB of JSON each (issue 18 §2)."""
    if sqlite and mapper.sqlite is not None:
        return _prepare_tuples(coll, mapper, mapper.sqlite, page)
    parents: list[Row] = []
    children: dict[str, list[Row]] = {n: [] for n in mapper.children}
    bad = list(page.bad)
    id_key = _snake(coll.id_field)
    fetched = len(page.items) + len(page.bad) + len(page.tombstones)
    records = page.items
    records.reverse()  # popped from the end: in page order, each freed once mapped
    while records:
        record = records.pop()
        try:
            row, kids = mapper.to_rows(record)
        except (ValueError, ArithmeticError) as e:  # e.g. an impossible calendar date
            raw = dict_adapter(coll.record).dump_python(record, by_alias=True, mode="json")
            bad.append(BadRecord(str(record.get(id_key, "?")), f"{type(e).__name__}: {e}", raw))
            continue
        parents.append(row)
        for cname, crows in kids.items():
            children[cname].extend(crows)
        del record, row, kids
    ids = [r["id"] for r in parents]
    tables = [(mapper.table.name, parents)] + [(n, children[n]) for n in mapper.children]
    statements: list[tuple[str, str, list[tuple[Any, ...]]]] = []
    plain: list[tuple[str, list[Row]]] = []
    for tname, rows in tables:
        if not rows:
            continue
        if sqlite:
            sql, data = writer_for(_TABLES[tname]).prepare_sqlite(rows, consume=True)
            statements.append((tname, sql, data))
        else:
            plain.append((tname, rows))
    return PreparedPage(
        ids=ids,
        statements=statements,
        rows=plain,
        bad=bad,
        tombstones=list(page.tombstones),
        next_cursor=page.next_cursor,
        has_more=page.has_more,
        remaining=page.remaining,
        fetched=fetched,
    )


def _prepare_tuples(coll: Collection, mapper: Mapper, form: SqliteForm, page: Page) -> PreparedPage:
    """:func:`prepare_page` for SQLite with a mapper that builds storage tuples directly (no row
    dicts: issue 18 §2). A record is mapped whole before any of its tuples is kept, so a record
    set aside leaves nothing behind."""
    parents: list[StorageTuple] = []
    kids: list[list[StorageTuple]] = [[] for _ in form.child_columns]
    bad = list(page.bad)
    fetched = len(page.items) + len(page.bad) + len(page.tombstones)
    to_tuples = form.to_tuples
    records = page.items
    records.reverse()  # popped from the end: in page order, each freed once mapped
    while records:
        record = records.pop()
        try:
            row, children = to_tuples(record)
        except (ValueError, ArithmeticError) as e:  # e.g. an impossible calendar date
            raw = dict_adapter(coll.record).dump_python(record, by_alias=True, mode="json")
            rid = str(record.get(_snake(coll.id_field), "?"))
            bad.append(BadRecord(rid, f"{type(e).__name__}: {e}", raw))
            continue
        parents.append(row)
        for into, rows in zip(kids, children, strict=True):
            into.extend(rows)
        del record, row, children
    statements: list[tuple[str, str, list[tuple[Any, ...]]]] = []
    tables = [(mapper.table, form.columns, parents)] + [
        (table, columns, rows)
        for (table, _fk), columns, rows in zip(
            mapper.children.values(), form.child_columns, kids, strict=True
        )
    ]
    for table, columns, rows in tables:
        if rows:
            statements.append((table.name, writer_for(table).sqlite_statement(columns), rows))
    return PreparedPage(
        ids=[row[0] for row in parents],
        statements=statements,
        rows=[],
        bad=bad,
        tombstones=list(page.tombstones),
        next_cursor=page.next_cursor,
        has_more=page.has_more,
        remaining=page.remaining,
        fetched=fetched,
    )


#: A page of at least this many bytes is not fetched ahead of: the next one is fetched once the
#: writer is done with it (issue 18 §2: a bills page at a million orders is up to 10 MB of JSON,
#: about 45 MB as records and rows; fetched ahead, two or three of them were alive at once).
LOOKAHEAD_MAX_BYTES = 4 * 1024 * 1024


class Prefetcher:
    """Fetches pages on a helper thread, one ahead of the writer (not after a page of
    :data:`LOOKAHEAD_MAX_BYTES` or more: then the next is fetched when the writer asks for it)."""

    _DONE = object()

    def __init__(
        self, client: MarketplaceClient, coll: Collection, cursor: str | None, limit: int
    ) -> None:
        self._q: queue.Queue[object] = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._asked = threading.Condition()
        self._asks = 0  # pages the writer has asked for
        self._thread = threading.Thread(
            target=self._run,
            args=(client, coll, cursor, limit),
            daemon=True,
            name=f"fetch-{coll.name}",
        )
        self._thread.start()

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(
        self, client: MarketplaceClient, coll: Collection, cursor: str | None, limit: int
    ) -> None:
        given = 0
        try:
            while not self._stop.is_set():
                page = client.get_page(coll, cursor, limit)
                big = page.nbytes >= LOOKAHEAD_MAX_BYTES
                has_more, next_cursor = page.has_more, page.next_cursor
                if not self._put(page):
                    return
                del page  # the writer's now: not kept alive here while the next is fetched
                given += 1
                if not has_more:
                    break
                if big and not self._writer_asks_for(given + 1):
                    return
                if next_cursor == cursor or not next_cursor:
                    # "more" on a cursor that does not move would loop forever (issue 15 §3)
                    raise StuckCursor(
                        f"The marketplace keeps saying more {coll.name} follow without moving "
                        f"on from cursor {cursor!r}; the sync stopped. What was synced is kept; "
                        "try again later.", failure_code="faults")
                cursor = next_cursor
            self._put(self._DONE)
        except BaseException as e:  # noqa: BLE001 - handed to the writer thread to re-raise
            self._put(e)

    def _writer_asks_for(self, n: int) -> bool:
        """Wait until the writer asks for its ``n``-th page (False: stopped meanwhile)."""
        with self._asked:
            while self._asks < n:
                if self._stop.is_set():
                    return False
                self._asked.wait(0.1)
        return True

    def __iter__(self) -> Iterator[Page]:
        return self

    def __next__(self) -> Page:
        # Not a generator: a generator's frame would hold the page it last gave until the next
        # one arrived, two big pages at once (issue 18 §2).
        with self._asked:
            self._asks += 1
            self._asked.notify()
        item = self._q.get()
        if item is self._DONE:
            self._q.put(item)  # stays done
            raise StopIteration
        if isinstance(item, BaseException):
            raise item
        assert isinstance(item, Page)
        return item

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


def _snake(camel: str) -> str:
    return "".join("_" + ch.lower() if ch.isupper() else ch for ch in camel)
