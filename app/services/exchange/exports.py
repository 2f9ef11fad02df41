"""Export what a table shows (its filter and chosen columns) to CSV or XLSX, streaming.

Rows are read in batches straight from SQL in storage form (see :mod:`app.services.exchange.export_areas`),
never as ORM objects, and written as they arrive, so memory stays flat for a million rows. The run
reports progress after every batch and checks a cancel flag between batches; a cancelled or failed
export leaves nothing behind: the file is written under a temporary name in the target folder and
renamed over the target only when complete.

Values:

* CSV is UTF-8 with a byte-order mark (so Excel on Windows opens Chinese text correctly). Amounts
  are exact decimal text made from the integer cents (``-1234.50``); times are in the user's zone
  as ``YYYY-MM-DD HH:MM:SS``. Text cells starting with ``= + - @`` get a leading ``'`` so a
  spreadsheet never runs them as formulas (amounts and times are not text cells and stay as is).
* XLSX is written by our own streaming writer (:mod:`app.services.exchange.xlsx_stream`; XlsxWriter
  alone needed longer than the 60 s target for a million rows). Amounts are number cells with a
  ``#,##0.00`` format whose stored value is the exact decimal text made from the cents (no float
  on our side; a spreadsheet reads it as the double nearest the amount). Times are date cells in
  the user's zone. Text is written verbatim as inline strings, which are never evaluated, so
  formula-looking text needs no guard quote (the words of coded columns may be shared strings,
  also never evaluated). A sheet holds at most 1,048,575 rows below its
  header; more continue on the next sheet.

On SQLite (every table but the reconciliation flags, unless a column is a JSON list), SQLite
writes each row whole, as the file holds it (:mod:`app.services.exchange.sql_rows`), on a
reading thread; a big export (:data:`SPLIT_ROWS`) is read in two halves on two connections that
see the same snapshot, the second half written to a part file beside the target and appended.
Rows whose values need quoting, escaping or cleaning are written by the column-by-column path,
so the content is the same either way.

:func:`export` is plain synchronous code for a worker thread; the GUI passes a progress callback and
a ``threading.Event`` to cancel.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import queue
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    String,
    func,
    literal_column,
    select,
)

from app.services.exchange import sql_rows
from app.services.exchange.export_areas import (
    Area,
    AreaSpec,
    ExportColumn,
    Kind,
    SqlFormat,
    TableFilter,
    filter_and_order,
    select_rows,
    spec,
    sql_formatted,
)
from app.services.exchange.terms import words
from app.services.exchange.xlsx_stream import CellKind, XlsxStreamWriter, row_cells
from app.services.finance.reconciliation import FlagFilter, flag_rows
from app.services.finance.settlement_rules import SettlementRules, load_rules
from app.services.orders.query import OrderFilter, _has_search_index

#: Rows per batch read from SQL and written before progress and cancel are looked at.
BATCH_ROWS = 5000
#: Whether SQLite writes whole rows where it can (:mod:`app.services.exchange.sql_rows`); tests
#: and the benchmark turn it off to compare with the column-by-column path.
FAST_ROWS = True
#: From this many rows, a fast export is read on two connections, each half on its own core
#: (0: never).
SPLIT_ROWS = 100_000
#: Data rows per XLSX sheet (Excel's limit is 1,048,576 rows including the header).
XLSX_SHEET_ROWS = 1_048_575
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class ExportCancelled(Exception):
    """The export was cancelled; no file was written (a previous file at the target is kept)."""


ProgressCallback = Callable[[int, int | None], None]
"""``progress(rows_written, total_rows_or_None)``, called after every batch and at the end."""


@dataclass(frozen=True)
class ExportRequest:
    """What to export. ``columns`` are column keys of the area (None: its defaults), in order.

    ``order_filter`` applies to the orders area, ``table_filter`` to the others (and, as kinds and
    text, to reconciliation flags). ``tz`` is the user's zone for times (None: the system's);
    ``language`` (``en`` or ``zh_CN``) is the language of the headers (unless ``headers`` names
    them) and of the values: a column with ``terms`` writes each stored code as its word in that
    language (:mod:`app.services.exchange.terms`; a code without a word is written as stored).
    ``codes`` adds, right after each such column, a column of the stored codes (for machines).
    ``labels`` maps a column key to {raw value: shown value}, replacing the column's terms.
    ``now`` is the reconciliation's "as of" time (None: the current time); the reconciliation
    uses ``rules`` (else the defaults with the ``rules_override`` file merged over them) and
    ``profile_role``.
    """

    area: Area
    format: ExportFormat
    out: Path
    columns: tuple[str, ...] | None = None
    order_filter: OrderFilter | None = None
    table_filter: TableFilter | None = None
    tz: tzinfo | None = None
    language: str = "en"
    headers: Mapping[str, str] | None = None
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    codes: bool = False
    now: datetime | None = None
    profile_role: str = "seller"
    rules_override: Path | None = None
    rules: SettlementRules | None = None


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    seconds: float
    format: ExportFormat
    columns: tuple[str, ...]


# -- values ---------------------------------------------------------------------------------------


def cents_text(cents: int) -> str:
    """Integer cents as exact decimal text: ``-123450`` -> ``"-1234.50"``."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}.{frac:02d}"


def _cents(value: Any) -> int:
    if isinstance(value, Decimal):
        return int(value.scaleb(2))
    return int(value)


_EXCEL_EPOCH = datetime(1899, 12, 30)
_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)


class TimeConverter:
    """UTC storage values (SQLite text or naive/aware datetimes) -> the user's zone.

    The zone offset is looked up once per UTC hour (and kept per half hour for the rare zones
    whose offset is not whole hours), which stays right across daylight-saving changes. SQLite's
    stored text ``YYYY-MM-DD HH:MM:SS.ffffff`` is converted by replacing its hour prefix, without
    building a datetime per value."""

    def __init__(self, tz: tzinfo | None) -> None:
        self._tz = tz
        self._offsets: dict[datetime, timedelta] = {}
        self._hour_text: dict[str, Any] = {}
        self._hour_serial: dict[str, Any] = {}

    def _offset(self, utc_naive: datetime) -> timedelta:
        key = utc_naive.replace(minute=0 if utc_naive.minute < 30 else 30, second=0,
                                microsecond=0)
        off = self._offsets.get(key)
        if off is None:
            aware = utc_naive.replace(tzinfo=UTC)
            local = aware.astimezone(self._tz) if self._tz is not None else aware.astimezone()
            off = self._offsets[key] = local.utcoffset() or timedelta(0)
        return off

    def local(self, value: Any) -> datetime:
        """A naive datetime in the user's zone."""
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        elif value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        result: datetime = value + self._offset(value)
        return result

    def text(self, value: Any) -> str:
        return self.local(value).isoformat(" ", "seconds")

    def _local_hour(self, prefix: str) -> datetime | None:
        """The local start of the UTC hour ``YYYY-MM-DD HH``, or None when the zone's offset is
        not whole hours in that hour."""
        utc = datetime.fromisoformat(prefix + ":00:00")
        off = self._offset(utc)
        if off % _HOUR or self._offset(utc.replace(minute=30)) != off:
            return None
        return utc + off

    def _per_hour(self, values: Sequence[Any], cache: dict[str, Any],
                  from_hour: Callable[[datetime], Any], join: Callable[[Any, str], Any],
                  slow: Callable[[Any], Any]) -> list[Any]:
        """Convert many values: SQLite text by its UTC hour (``from_hour`` of the local start
        of that hour, cached, then ``join``-ed with the minutes and seconds), anything else (or
        an hour whose offset is not whole hours) by ``slow``."""
        out: list[Any] = []
        append = out.append
        for v in values:
            if v is None:
                append(None)
                continue
            if isinstance(v, str) and len(v) >= 19:
                prefix = v[:13]
                if prefix not in cache:
                    start = self._local_hour(prefix)
                    cache[prefix] = None if start is None else from_hour(start)
                base = cache[prefix]
                if base is not None:
                    append(join(base, v))
                    continue
            append(slow(v))
        return out

    def texts(self, values: Sequence[Any]) -> list[str | None]:
        """``text`` of many values (a column of a batch), fast for SQLite's text."""
        return self._per_hour(values, self._hour_text, lambda start: start.isoformat(" ")[:13],
                              lambda hour, v: hour + v[13:19], self.text)

    def serials(self, values: Sequence[Any]) -> list[float | None]:
        """Excel date serials (days since 1899-12-30) in the user's zone, for XLSX date cells."""
        return self._per_hour(
            values, self._hour_serial, lambda start: (start - _EXCEL_EPOCH) / _DAY,
            lambda base, v: base + (int(v[14:16]) * 60 + int(v[17:19])) / 86400,
            lambda v: (self.local(v) - _EXCEL_EPOCH) / _DAY)


_SHIFTS: dict[Any, tuple[tuple[str, int], ...]] = {}
_MINUTE = timedelta(minutes=1)
_WEEK = timedelta(days=7)


def utc_shifts(tz: tzinfo | None, first_year: int = 1970,
               last_year: int = 2100) -> tuple[tuple[str, int], ...]:
    """The zone's UTC offsets as ``(UTC text from which, seconds)`` pairs, sorted, the first
    one's text ``""``: what :class:`~app.services.exchange.export_areas.SqlFormat` needs for
    SQLite to convert times itself. Every change between ``first_year`` and ``last_year`` is
    found to the minute (the zone is sampled once a UTC week, no zone changes twice within one,
    and a change is bisected); a time outside those years gets the offset in force at the
    nearer end. Kept per zone (``tz`` None, the system's zone, per its names and offsets, so a
    change of the system zone while the app runs is seen)."""
    key: Any = tz if tz is not None else ("local", time.tzname, time.timezone, time.altzone)
    if (known := _SHIFTS.get(key)) is not None:
        return known

    def offset(utc: datetime) -> int:
        aware = utc.replace(tzinfo=UTC)
        local = aware.astimezone(tz) if tz is not None else aware.astimezone()
        return int((local.utcoffset() or timedelta(0)).total_seconds())

    day = datetime(first_year, 1, 1)
    end = datetime(last_year, 1, 1)
    current = offset(day)
    shifts = [("", current)]
    while day < end:
        following = day + _WEEK
        if (after := offset(following)) != current:
            lo, hi = day, following  # offset(lo) == current, offset(hi) == after
            while hi - lo > _MINUTE:
                mid = lo + ((hi - lo) // 2 // _MINUTE) * _MINUTE
                if offset(mid) == current:
                    lo = mid
                else:
                    hi = mid
            shifts.append((hi.isoformat(" "), after))
            current = after
        day = following
    result = _SHIFTS[key] = tuple(shifts)
    return result


Column = Sequence[Any]
BatchConverter = Callable[[Column], list[Any]]


def _each(f: Callable[[Any], Any]) -> BatchConverter:
    return lambda col: [None if v is None else f(v) for v in col]


def _list_text(value: Any) -> str:
    items = json.loads(value) if isinstance(value, str) else value
    return ", ".join(str(v) for v in items)


def _safe_text(value: Any) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _labelled(mapping: Mapping[str, str], guard: bool) -> BatchConverter:
    def convert(col: Column) -> list[Any]:
        shown = [None if v is None else mapping.get(v, v) for v in col]
        return [None if v is None else _safe_text(v) for v in shown] if guard else shown
    return convert


def _converters(columns: Sequence[ExportColumn], times: TimeConverter,
                labels: Sequence[Mapping[str, str] | None], done: set[str],
                fmt: ExportFormat,
                worded: Mapping[str, Any] | None = None) -> list[tuple[int, BatchConverter]]:
    """Per column index, how a batch's column becomes what the writer takes (CSV: text; XLSX:
    numbers, serials and text); ``labels[i]`` is column i's {code: word} map, if any. Columns
    SQL already formatted (``done``) are left alone (a looked-up word needs no formula guard:
    no term starts like a formula, and a code left as stored was guarded by SQL); ``worded``:
    the keys SQL already wrote as words."""
    csv_out = fmt is ExportFormat.CSV
    out: list[tuple[int, BatchConverter]] = []
    for i, c in enumerate(columns):
        mapping = labels[i] if c.key not in (worded or {}) else None
        conv: BatchConverter | None = None
        if mapping:
            conv = _labelled(mapping, csv_out and c.key not in done)
        elif c.key in done:
            conv = None
        elif c.kind is Kind.MONEY:
            conv = _each(lambda v: cents_text(_cents(v)))  # exact text in XLSX too
        elif c.kind is Kind.TIME:
            conv = times.texts if csv_out else times.serials
        elif c.kind is Kind.LIST:
            conv = _each(_list_text)
        elif c.kind is Kind.BOOL:
            conv = _each(lambda v: "1" if v else "0") if csv_out else _each(bool)
        elif c.kind in (Kind.INT, Kind.DECIMAL):
            conv = _each(str) if csv_out or c.kind is Kind.DECIMAL else None
        elif csv_out:
            conv = _each(_safe_text)
        if conv is not None:
            out.append((i, conv))
    return out


def convert_batch(rows: Sequence[Sequence[Any]],
                  converters: Sequence[tuple[int, BatchConverter]],
                  sources: Sequence[int] | None = None) -> Sequence[Sequence[Any]]:
    """Apply the converters column by column (one list comprehension per column, not a function
    call per cell). ``sources``: the read column each written column comes from (a code column
    repeats its value column); None: one to one."""
    if (not converters and sources is None) or not rows:
        return rows
    cols: list[Sequence[Any]] = list(zip(*rows, strict=True))
    if sources is not None:
        cols = [cols[i] for i in sources]
    for i, conv in converters:
        cols[i] = conv(cols[i])
    return list(zip(*cols, strict=True))


# -- writers --------------------------------------------------------------------------------------


def csv_text(rows: Sequence[Sequence[Any]]) -> str:
    """Rows as the csv module writes them (``\r\n`` after each, fields quoted only when they
    hold ``,`` ``"`` or a line break, None as an empty field).

    Fast path (issue 18): when every value is text and none holds those characters, the batch
    is ``",".join`` of each row and a count of the separators proves no value needed quoting,
    all in C; otherwise (or for a single column, where the csv module quotes an empty field)
    the csv module writes the batch."""
    if rows and len(rows[0]) > 1:
        try:
            text = "\r\n".join(map(",".join, rows))
        except TypeError:  # a None or a number: the csv module converts
            pass
        else:
            lines = len(rows)
            if ('"' not in text and text.count(",") == lines * (len(rows[0]) - 1)
                    and text.count("\n") == lines - 1 and text.count("\r") == lines - 1):
                return text + "\r\n"
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)  # None is written as an empty field
    return out.getvalue()


class _CsvWriter:
    """UTF-8 with a byte-order mark. A batch is formatted into one string (:func:`csv_text`) and
    encoded at once: a text file encoding ``utf-8-sig`` row by row ran its (Python) encoder a
    million times."""

    def __init__(self, path: Path, columns: Sequence[ExportColumn], headers: list[str]) -> None:
        self._file = open(path, "wb")  # noqa: SIM115 - closed in close()
        self._file.write(codecs.BOM_UTF8)
        self.write([headers])

    def write(self, rows: Sequence[Sequence[Any]]) -> None:
        self._file.write(csv_text(rows).encode("utf-8"))

    def write_bytes(self, lines: bytes) -> None:
        """Lines already as the file holds them (see :mod:`app.services.exchange.sql_rows`)."""
        self._file.write(lines)

    def append_file(self, part: Path) -> None:
        """Lines already written to ``part`` (the second half of a split export), copied by the
        kernel where it can (``os.copy_file_range``: ~75 MB per million rows not read into
        Python and written back, at the end of the export's critical path)."""
        self._file.flush()
        with open(part, "rb") as src:
            size = os.fstat(src.fileno()).st_size
            done = 0
            copy = getattr(os, "copy_file_range", None)
            if copy is not None:
                with contextlib.suppress(OSError):  # another file system: copied below
                    while done < size and (n := copy(src.fileno(), self._file.fileno(),
                                                     size - done)) > 0:
                        done += n
            self._file.seek(0, os.SEEK_END)
            src.seek(done)
            while data := src.read(1 << 22):
                self._file.write(data)

    def close(self) -> None:
        self._file.close()


_T = TypeVar("_T")


class _ReadAhead(Generic[_T]):
    """Iterates ``batches`` on a thread, ``depth`` batches ahead of the caller: SQLite steps
    through the query (without holding the GIL) while the previous batch is converted and
    written. The source is closed on that thread, when it ends or when :meth:`close` is called."""

    _END = object()

    def __init__(self, batches: Iterator[_T], depth: int = 2) -> None:
        self._batches = batches
        self._q: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="export-read", daemon=True)
        self._thread.start()

    def _put(self, item: Any) -> bool:
        while not self._stop.is_set():
            try:
                self._q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        try:
            for batch in self._batches:
                if not self._put(batch):
                    return
            self._put(self._END)
        except BaseException as e:  # noqa: BLE001 - re-raised on the caller's thread
            self._put(e)
        finally:
            close = getattr(self._batches, "close", None)
            if close is not None:
                close()

    def __iter__(self) -> Iterator[_T]:
        while True:
            item = self._q.get()
            if item is self._END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def _cell_kinds(columns: Sequence[ExportColumn],
                labels: Sequence[Mapping[str, str] | None]) -> list[CellKind]:
    """How each column is written to XLSX (a labelled column shows text, whatever its kind)."""
    kinds = {Kind.MONEY: CellKind.MONEY, Kind.TIME: CellKind.TIME, Kind.BOOL: CellKind.BOOL,
             Kind.INT: CellKind.INT}
    return [CellKind.TEXT if labels[i] else kinds.get(c.kind, CellKind.TEXT)
            for i, c in enumerate(columns)]


@dataclass(frozen=True)
class _Layout:
    """The written columns: each one's column, its {code: word} map (None: as stored), header,
    the read column it comes from, and its key in :attr:`ExportResult.columns`."""

    columns: list[ExportColumn]
    labels: list[Mapping[str, str] | None]
    headers: list[str]
    sources: list[int] | None
    keys: tuple[str, ...]


def _layout(read: Sequence[ExportColumn], request: ExportRequest) -> _Layout:
    lang = request.language
    columns: list[ExportColumn] = []
    labels: list[Mapping[str, str] | None] = []
    headers: list[str] = []
    sources: list[int] = []
    keys: list[str] = []
    for i, c in enumerate(read):
        mapping = request.labels.get(c.key) or words(c.terms, lang) or None
        columns.append(c)
        labels.append(mapping)
        headers.append((request.headers or {}).get(c.key) or c.header(lang))
        sources.append(i)
        keys.append(c.key)
        if request.codes and mapping:
            columns.append(ExportColumn(c.key, c.en, c.zh))
            labels.append(None)
            headers.append(c.code_header(lang))
            sources.append(i)
            keys.append(f"{c.key}_code")
    one_to_one = len(sources) == len(read)
    return _Layout(columns, labels, headers, None if one_to_one else sources, tuple(keys))


# -- running --------------------------------------------------------------------------------------


def _sql_batches(engine: Engine, s: AreaSpec, keys: tuple[str, ...], request: ExportRequest,
                 batch: int, sql: SqlFormat | None = None,
                 ) -> tuple[int, Iterator[Sequence[Sequence[Any]]]]:
    """(row count, batches of raw rows), read as the database hands them out.

    On SQLite the statement is executed by SQLAlchemy (so bound values are converted as usual)
    and the batches are fetched from the DB-API cursor itself, which steps through the result
    lazily: every column is already in storage form (see export_areas), so building SQLAlchemy
    rows would only cost time (about a second per million rows). Other databases use a
    server-side cursor (``stream_results``) and SQLAlchemy's partitions.
    """
    conn = engine.connect()
    try:
        sqlite = conn.dialect.name == "sqlite"
        indexed = s.area is Area.ORDERS and _has_search_index(conn)
        rows, count = select_rows(s, keys, conn.dialect.name, request.order_filter,
                                  request.table_filter, indexed,
                                  csv_text=request.format is ExportFormat.CSV, sql=sql)
        total = int(conn.execute(count).scalar_one())
        options = {} if sqlite else {"stream_results": True, "yield_per": batch}
        result = conn.execution_options(**options).execute(rows)
    except BaseException:
        conn.close()
        raise

    def fetched() -> Iterator[Sequence[Sequence[Any]]]:
        if not sqlite:
            yield from result.partitions(batch)
            return
        cursor = result.cursor
        while chunk := cursor.fetchmany(batch):
            yield chunk

    def batches() -> Iterator[Sequence[Sequence[Any]]]:
        try:
            yield from fetched()
        finally:
            result.close()
            conn.close()

    return total, batches()


@dataclass
class _Fast:
    """An export whose rows SQLite writes whole (:mod:`app.services.exchange.sql_rows`): the row
    count, the XLSX writer's ``empty`` pairs, the first rows' batches as (rows, what the writer
    takes: CSV bytes or XLSX rows numbered for their sheet) and, when the rows are split, the
    rest's batches read on a second connection in the same snapshot, from row ``offset`` on;
    ``connections``: theirs, closed by the batches when run, else by the caller."""

    total: int
    empty: tuple[tuple[bytes, bytes], ...]
    batches: Iterator[tuple[int, Any]]
    rest: Iterator[tuple[int, Any]] | None = None
    offset: int = 0
    connections: tuple[Connection, ...] = ()
    shared: tuple[str, ...] = ()  # the XLSX shared strings the rows refer to


def _most_of_the_table(conn: Connection, s: AreaSpec, total: int) -> bool:
    """Whether the rows are at least half the table. The second half's ``OFFSET`` steps through
    the rows it skips: little work when they are most of the table read along the sort index,
    twice the work when a filter drops most rows (measured: a 10 % status filter took 2.1 s
    split against 1.05 s on one connection)."""
    assert s.table is not None
    rows = int(conn.execute(select(func.count()).select_from(s.table)).scalar_one())
    return 2 * total >= rows


def _data_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA data_version").scalar_one())


def _fast_batches(engine: Engine, s: AreaSpec, keys: tuple[str, ...], layout: _Layout,
                  request: ExportRequest, batch: int, sql: SqlFormat | None,
                  converters: Sequence[tuple[int, BatchConverter]], split: bool = False,
                  ) -> _Fast:
    """The rows of an export written by SQLite whole (see :class:`_Fast`). A row that fails its
    batch's checks is read again, in the same read transaction, as the column-by-column path
    reads it, and written the way that path writes it.

    With ``split`` and at least :data:`SPLIT_ROWS` rows (for XLSX, no more than one sheet
    holds) that are most of the table (:func:`_most_of_the_table`), the second half is read
    on a second connection (two cores step through the rows at once). Both must see the same
    rows: the second connection's ``PRAGMA data_version`` before the first one's read
    transaction began and inside its own must be equal (no commit in between), else everything
    is read on the first one."""
    xlsx = request.format is ExportFormat.XLSX
    times = any(c.kind is Kind.TIME for c in layout.columns)
    conns: list[Connection] = []
    try:
        conn = engine.connect()
        conns.append(conn)
        second = engine.connect() if split else None
        if second is not None:
            conns.append(second)
            before = _data_version(second)
        conn.exec_driver_sql("BEGIN")  # one snapshot for the count, the rows and the re-reads
        indexed = s.area is Area.ORDERS and _has_search_index(conn)
        where, order = filter_and_order(s, "sqlite", request.order_filter, request.table_filter,
                                        indexed)
        p = sql_rows.plan(s, layout.columns, layout.labels,
                          utc_shifts(request.tz) if times else (("", 0),), xlsx, where, order)
        slow, count = select_rows(s, keys, "sqlite", request.order_filter, request.table_filter,
                                  indexed, csv_text=not xlsx, sql=sql)
        total = int(conn.execute(count).scalar_one())
        if second is not None:
            second.exec_driver_sql("BEGIN")
            if (total < SPLIT_ROWS or (xlsx and total > XLSX_SHEET_ROWS)
                    or not _most_of_the_table(conn, s, total)
                    or _data_version(second) != before):
                second.close()
                conns.remove(second)
                second = None
        half = total // 2 if second is not None else total
        first = _row_batches(conn, p, slow, s, layout, converters, batch, xlsx,
                             p.statement.limit(half) if second is not None else p.statement)
        rest = None if second is None else _row_batches(
            second, p, slow, s, layout, converters, batch, xlsx, p.statement.offset(half), half)
    except BaseException:
        for c in conns:
            c.close()
        raise
    return _Fast(total, p.empty, first, rest, half, tuple(conns), p.shared)


def _row_batches(conn: Connection, p: sql_rows.RowPlan, slow: Select[Any], s: AreaSpec,
                 layout: _Layout, converters: Sequence[tuple[int, BatchConverter]], batch: int,
                 xlsx: bool, statement: Select[Any], start: int = 0,
                 ) -> Iterator[tuple[int, bytes]]:
    """Batches of ``statement`` (rows of ``p``, the first of them the export's row ``start``)
    on ``conn``, which they close when done: (rows, CSV lines or XLSX rows numbered for their
    sheet; a batch holds the rows of one sheet)."""
    assert s.table is not None
    rowid: ColumnElement[Any] = literal_column(f"{s.table.name}.rowid")
    kinds = _cell_kinds(layout.columns, layout.labels)

    def again(chunk: Sequence[Sequence[Any]], bad: list[int]) -> list[bytes]:
        """The bad rows as the column-by-column path writes them (in the batch's order)."""
        ids = [chunk[i][-1] for i in bad]
        raw = conn.execute(slow.where(rowid.in_(ids))).fetchall()
        if len(raw) != len(ids):
            raise RuntimeError("export: rows changed while they were read")
        rows = convert_batch([tuple(r) for r in raw], converters, layout.sources)
        if xlsx:
            return row_cells(kinds, rows)
        return [csv_text([r])[:-2].encode("utf-8") for r in rows]

    def batches() -> Iterator[tuple[int, Any]]:
        try:
            result = conn.execute(statement)
            cursor = result.cursor
            row = start
            while chunk := cursor.fetchmany(batch):
                if xlsx:  # numbered for their sheets, a piece per sheet
                    sheet_rows = XLSX_SHEET_ROWS
                    at = 0
                    while at < len(chunk):
                        take = min(len(chunk) - at, sheet_rows - row % sheet_rows)
                        piece = chunk[at:at + take]
                        first = row % sheet_rows + 2
                        xml, cells, bad = sql_rows.xlsx_batch(piece, p, first)
                        if xml is None:
                            for i, cell in zip(bad, again(piece, bad), strict=True):
                                cells[i] = cell
                            xml = sql_rows.mended_rows(cells, first, p)
                        yield take, xml
                        at += take
                        row += take
                    continue
                blob, bad = sql_rows.csv_batch(chunk, p)
                if bad:
                    lines = [r[0] for r in chunk]
                    for i, line in zip(bad, again(chunk, bad), strict=True):
                        lines[i] = line
                    blob = b"\r\n".join(lines)
                yield len(chunk), blob + b"\r\n"
        finally:
            conn.close()

    return batches()


class _Rest:
    """Writes the second half of a split export to a part file on a thread of its own: CSV
    bytes, or XLSX rows numbered for the sheet (uncompressed XML, deflated into the sheet after
    the first half). ``rows`` counts what is written; :meth:`finish` waits and raises
    the thread's failure; :meth:`close` stops it and removes the part file."""

    def __init__(self, batches: Iterator[tuple[int, bytes]], part: Path) -> None:
        self.part = part
        self.rows = 0
        self._batches = batches
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="export-rest", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with open(self.part, "wb") as fh:
                for n, data in self._batches:
                    if self._stop.is_set():
                        break
                    fh.write(data)
                    self.rows += n
        except BaseException as e:  # noqa: BLE001 - raised on the caller's thread by finish()
            self._error = e
        finally:
            close = getattr(self._batches, "close", None)
            if close is not None:
                close()

    def finish(self, progress: Callable[[], None], cancel: threading.Event | None) -> None:
        while self._thread.is_alive():
            self._thread.join(0.2)
            if cancel is not None and cancel.is_set():
                self._stop.set()
            progress()
        if self._error is not None:
            raise self._error

    def chunks(self, size: int = 1 << 22) -> Iterator[bytes]:
        with open(self.part, "rb") as fh:
            while data := fh.read(size):
                yield data

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        with contextlib.suppress(FileNotFoundError):
            self.part.unlink()


def _flag_batches(engine: Engine, keys: tuple[str, ...], request: ExportRequest,
                  batch: int) -> tuple[int | None, Iterator[Sequence[Sequence[Any]]]]:
    tf = request.table_filter or TableFilter()
    rules = request.rules or load_rules(request.rules_override)
    now = request.now or datetime.now(UTC)
    rows = flag_rows(engine, rules, now=now, role=request.profile_role,
                     flt=FlagFilter(kinds=tf.statuses, text=tf.text))

    def batches() -> Iterator[Sequence[Sequence[Any]]]:
        chunk: list[tuple[Any, ...]] = []
        for row in rows:
            chunk.append(tuple(row[k] for k in keys))
            if len(chunk) >= batch:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    return None, batches()


def _sql_format(s: AreaSpec, layout: _Layout, request: ExportRequest,
                dialect: str) -> SqlFormat | None:
    """What SQLite formats itself for this export (see :class:`SqlFormat`): the user's zone
    for times, and the words of coded columns unless ``codes`` asks for the code beside them
    (both written columns are read from one SQL column then)."""
    if dialect != "sqlite" or s.table is None:
        return None
    words: dict[str, Mapping[str, str]] = {}
    if layout.sources is None:
        words = {c.key: mapping for c, mapping in zip(layout.columns, layout.labels, strict=True)
                 if mapping and isinstance(s.table.c[c.key].type, String)}
    times = any(c.kind is Kind.TIME for c in layout.columns)
    if not words and not times:
        return None
    shifts = utc_shifts(request.tz) if times else (("", 0),)
    return SqlFormat(words, shifts, serial=request.format is ExportFormat.XLSX)


def export(engine: Engine, request: ExportRequest, *, progress: ProgressCallback | None = None,
           cancel: threading.Event | None = None, batch: int = BATCH_ROWS) -> ExportResult:
    """Write the rows of ``request`` to ``request.out``; returns what was written.

    Raises :class:`ExportCancelled` when ``cancel`` is set (checked between batches), ``KeyError``
    for an unknown column; on any failure no file is left at ``request.out`` or beside it.
    """
    started = time.perf_counter()
    s = spec(request.area)
    keys = tuple(request.columns) if request.columns else s.default
    layout = _layout([s.column(k) for k in keys], request)
    columns, headers = layout.columns, layout.headers
    as_text = request.format is ExportFormat.CSV
    sql = _sql_format(s, layout, request, engine.dialect.name)
    done = set() if s.table is None else sql_formatted(s, keys, engine.dialect.name, as_text,
                                                       sql)
    converters = _converters(columns, TimeConverter(request.tz), layout.labels, done,
                             request.format, sql.words if sql is not None else None)
    out = Path(request.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    written = 0
    try:
        writer: _CsvWriter | XlsxStreamWriter
        if request.format is ExportFormat.CSV:
            writer = _CsvWriter(tmp, columns, headers)
        else:  # XLSX_SHEET_ROWS is read at run time: tests lower it
            writer = XlsxStreamWriter(tmp, _cell_kinds(columns, layout.labels), headers,
                                      sheet_rows=XLSX_SHEET_ROWS)
        try:
            fast = (engine.dialect.name == "sqlite" and FAST_ROWS
                    and sql_rows.supported(s, columns, layout.labels, not as_text))
            if fast:
                f = _fast_batches(engine, s, keys, layout, request, batch, sql, converters,
                                  split=SPLIT_ROWS > 0)
                rest: _Rest | None = None
                ahead: _ReadAhead[tuple[int, bytes]] | None = None
                if isinstance(writer, XlsxStreamWriter):
                    writer.share(f.shared)
                try:
                    if f.rest is not None:
                        fd, part_name = tempfile.mkstemp(prefix=f".{out.name}.",
                                                         suffix=".part2", dir=out.parent)
                        os.close(fd)
                        rest = _Rest(f.rest, Path(part_name))
                    ahead = _ReadAhead(f.batches)
                    for n, data in ahead:
                        if cancel is not None and cancel.is_set():
                            raise ExportCancelled(str(out))
                        if isinstance(writer, _CsvWriter):
                            writer.write_bytes(data)
                        else:
                            writer.write_numbered(data, n)
                        written += n
                        if progress is not None:
                            progress(written + (rest.rows if rest else 0), f.total)
                    if rest is not None:
                        first_half = written
                        rest.finish(lambda: progress(first_half + rest.rows, f.total)
                                    if progress is not None else None, cancel)
                        if cancel is not None and cancel.is_set():
                            raise ExportCancelled(str(out))
                        if isinstance(writer, _CsvWriter):
                            writer.append_file(rest.part)
                        else:
                            for data in rest.chunks():
                                writer.write_tagged(data)
                            writer.count_rows(rest.rows)
                        written += rest.rows
                finally:
                    if ahead is not None:
                        ahead.close()
                    if rest is not None:
                        rest.close()
                    for conn in f.connections:  # (closed by their batches once started)
                        conn.close()
            else:
                if s.area is Area.RECONCILIATION:
                    total_or_none, batches = _flag_batches(engine, keys, request, batch)
                else:
                    total_or_none, batches = _sql_batches(engine, s, keys, request, batch, sql)
                raw_ahead = _ReadAhead(batches)
                try:
                    for rows in raw_ahead:
                        if cancel is not None and cancel.is_set():
                            raise ExportCancelled(str(out))
                        writer.write(convert_batch(rows, converters, layout.sources))
                        written += len(rows)
                        if progress is not None:
                            progress(written, total_or_none)
                finally:
                    raw_ahead.close()
            if cancel is not None and cancel.is_set():
                raise ExportCancelled(str(out))
        finally:
            writer.close()
        # mkstemp made the file private (0600); an export is a document the user shares, so
        # it gets the mode of the file it replaces, or the usual rw-r--r--.
        os.chmod(tmp, out.stat().st_mode & 0o777 if out.exists() else 0o644)
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    if progress is not None:
        progress(written, written)
    return ExportResult(out, written, time.perf_counter() - started, request.format,
                        layout.keys)


__all__ = [
    "BATCH_ROWS", "ExportCancelled", "ExportFormat", "ExportRequest", "ExportResult",
    "ProgressCallback", "TimeConverter", "cents_text", "convert_batch", "csv_text", "export",
    "utc_shifts",
]
