"""Import the web console's exports into the cache: preview, validate, merge, undo.

The steps a clerk goes through, each a plain function a view runs on a worker thread:

1. :func:`preview`: read the file, guess the column mapping (the mapping saved for this file kind
   wins where its columns are there), and show the first rows parsed with it, with their problems.
2. The clerk corrects the mapping; :func:`validate` names every bad row by its line.
3. :func:`run_import` merges the rows with the cache in one transaction: by order id (bill id for
   bills), a record already there (synced or imported) gets only the values that differ, a new one
   is inserted; nothing is ever duplicated, and importing the same file again changes nothing. A
   file with bad rows is refused unless the clerk chooses to import the good rows only. The mapping
   is saved for the next file of that kind.
4. :func:`undo_import` takes a whole import back: inserted records are deleted and updated values
   restored, except where a sync or a later import has changed them since (those are kept, and
   counted).

Imported records never outrank the marketplace (issue 15 §3): a new record gets the oldest possible
``remote_updated_at``, so the next sync replaces it with the marketplace's version; a record the
marketplace has sent with a version newer than the file (``remote_updated_at`` after the export's
time: ``exported_at``, by default the file's modification time) only gets the values it lacks from
the import, never a different one: an old web-console export must not undo a newer status or
amount (those rows count as unchanged; how many values were kept is ``kept_marketplace``). A transaction-details file (交易明细) only updates orders the cache knows: its
other rows are reported (and skipped) by line.

Tables: :mod:`app.models.imports`.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update

from app import models as m
from app.models.base import Money, UTCDateTime
from app.models.imports import INSERTED, UPDATED
from app.services.exchange.import_files import (
    BEIJING,
    FileKind,
    ImportFileError,
    ParsedFile,
    ParsedRow,
    RowProblem,
    guess_mapping,
    mapping_problems,
    parse_file,
    parse_rows,
    read_table,
)

#: ``remote_updated_at`` of an imported new record: older than anything the marketplace sends.
IMPORTED_VERSION = datetime(1970, 1, 1, tzinfo=UTC)
PREVIEW_ROWS = 20
_CHUNK = 500

_TABLE = m.Base.metadata.tables
_TABLES = {FileKind.ORDERS: "orders", FileKind.TRANSACTIONS: "orders", FileKind.BILLS: "bills"}


class ImportRejected(Exception):
    """The file has bad rows and the clerk did not choose to skip them; ``problems`` names them."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        lines = sorted({p.line for p in problems})
        shown = ", ".join(str(n) for n in lines[:20]) + (" ..." if len(lines) > 20 else "")
        super().__init__(f"{len(lines)} bad row(s), on line(s) {shown}")
        self.problems = list(problems)


class ImportCancelled(Exception):
    """Cancelled before the end: nothing was imported."""


class UndoRefused(Exception):
    """The batch does not exist or was undone already."""


ProgressCallback = Callable[[int, int], None]
"""``progress(rows_done, rows_total)``."""


@dataclass(frozen=True)
class PreviewRow:
    line: int
    values: dict[str, Any]  # parsed values by field (None where empty or bad)
    problems: tuple[RowProblem, ...] = ()


@dataclass(frozen=True)
class ImportPreview:
    """What the mapping step shows: the file's headers, the proposed mapping, the first rows."""

    kind: FileKind
    file_name: str
    headers: tuple[str, ...]
    header_line: int
    mapping: dict[str, str]
    from_saved: bool  # some of the mapping came from the saved one
    mapping_problems: tuple[str, ...]
    rows: tuple[PreviewRow, ...]
    data_rows: int


@dataclass(frozen=True)
class ImportResult:
    batch_id: int
    rows: int
    inserted: int
    updated: int
    unchanged: int
    skipped: int
    problems: tuple[RowProblem, ...]
    #: Values the file had differently from a record the marketplace sent: the marketplace's kept.
    kept_marketplace: int = 0


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    deleted: int
    restored: int
    kept: int  # records changed since the import (a sync or a later import): left as they are


@dataclass(frozen=True)
class BatchInfo:
    id: int
    kind: str
    file_name: str
    created_at: datetime
    rows: int
    inserted: int
    updated: int
    unchanged: int
    skipped: int
    undone_at: datetime | None


# -- mappings -------------------------------------------------------------------------------------


def saved_mapping(engine: Engine | Connection, kind: FileKind) -> dict[str, str] | None:
    """The mapping last confirmed for ``kind``, or None."""
    t = _TABLE["import_mappings"]
    stmt = select(t.c.mapping).where(t.c.kind == kind.value)
    if isinstance(engine, Engine):
        with engine.connect() as conn:
            found = conn.execute(stmt).scalar_one_or_none()
    else:
        found = engine.execute(stmt).scalar_one_or_none()
    return None if found is None else dict(found)


def save_mapping(conn: Connection, kind: FileKind, mapping: Mapping[str, str],
                 now: datetime) -> None:
    t = _TABLE["import_mappings"]
    conn.execute(delete(t).where(t.c.kind == kind.value))
    conn.execute(insert(t).values(kind=kind.value, mapping=dict(mapping), updated_at=now))


# -- preview and validation -----------------------------------------------------------------------


def preview(engine: Engine, path: Path, kind: FileKind, mapping: Mapping[str, str] | None = None,
            *, limit: int = PREVIEW_ROWS, zone: tzinfo = BEIJING) -> ImportPreview:
    """Read ``path`` and show the first ``limit`` rows with ``mapping`` (None: the saved mapping
    of this kind where it fits, guessed for the rest). Raises :class:`ImportFileError`."""
    table = read_table(Path(path), kind)
    saved = saved_mapping(engine, kind)
    chosen = dict(mapping) if mapping is not None else guess_mapping(kind, table.headers, saved)
    from_saved = mapping is None and saved is not None and any(
        saved.get(f) == h for f, h in chosen.items())
    problems = tuple(mapping_problems(kind, table.headers, chosen))
    rows: list[PreviewRow] = []
    if not problems:
        head = type(table)(table.headers, table.header_line, table.rows[:limit])
        for item, (line, _cells) in zip(parse_rows(head, kind, chosen, zone), head.rows,
                                        strict=True):
            if isinstance(item, ParsedRow):
                rows.append(PreviewRow(line, item.values))
            else:
                rows.append(PreviewRow(line, {}, tuple(item)))
    return ImportPreview(kind, Path(path).name, table.headers, table.header_line, chosen,
                         from_saved, problems, tuple(rows), len(table.rows))


def validate(path: Path, kind: FileKind, mapping: Mapping[str, str], *,
             zone: tzinfo = BEIJING) -> ParsedFile:
    """Every row of the file parsed; ``.problems`` names each bad row by its line."""
    return parse_file(read_table(Path(path), kind), kind, mapping, zone)


# -- merging --------------------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value


def _from_json(table: str, column: str, value: Any) -> Any:
    if value is None:
        return None
    col_type = m.Base.metadata.tables[table].c[column].type
    if isinstance(col_type, Money):
        return Decimal(value)
    if isinstance(col_type, UTCDateTime):
        return datetime.fromisoformat(value)
    return value


def _new_order(values: Mapping[str, Any]) -> dict[str, Any]:
    """A complete orders row from an order-list line: what the file does not say stays empty."""
    row: dict[str, Any] = {
        "id": values["id"], "order_type": "", "order_status": "", "create_time": None,
        "pay_time": None, "effective_time": None, "currency_code": "CNY",
        "total_amount": None, "product_class": "", "delivery_type": "",
        "supervision_status": "", "repayment_status": None, "instance_id": None,
        "partner_id": None, "partner_name": None, "coupon_type": None, "offer_id": None,
        "customer_id": "", "customer_name": "", "customer_real_name": None, "buyer_info": {},
        "product_id": None, "product_name": None, "sku_name": None, "charging_mode": None,
        "extend_params": [], "remote_updated_at": IMPORTED_VERSION, "row_hash": None,
    }
    row.update({k: v for k, v in values.items() if v is not None})
    return row


def _new_bill(values: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": values["id"], "period": None, "category": "", "entity": "", "currency_code": "CNY",
        "sales_amount": Decimal("0.00"), "settlement_amount": None, "tax_rate": None,
        "requisition_no": None, "status": "", "create_time": now,
        "remote_updated_at": IMPORTED_VERSION, "row_hash": None,
    }
    row.update({k: v for k, v in values.items() if v is not None})
    return row


def rebuilt_record(table: str, after: Mapping[str, Any], now: datetime) -> dict[str, Any] | None:
    """The row an import *inserted*, rebuilt from its change's ``after`` (what the file said):
    a cache rescue uses it when the row itself sits on a damaged page (issue 15 §1). ``None``
    for a table imports do not insert into."""
    columns = _TABLE[table].c if table in _TABLE else None
    if columns is None:
        return None
    values = {k: _from_json(table, k, v) for k, v in after.items() if k in columns}
    if "id" not in values:
        return None
    if table == _TABLES[FileKind.ORDERS]:
        return _new_order(values)
    if table == _TABLES[FileKind.BILLS]:
        return _new_bill(values, now)
    return None


@dataclass
class _Counts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    kept_marketplace: int = 0


def _merge_chunk(conn: Connection, kind: FileKind, rows: Sequence[ParsedRow], batch_id: int,
                 now: datetime, counts: _Counts, problems: list[RowProblem],
                 exported_at: datetime) -> None:
    name = _TABLES[kind]
    t = m.Base.metadata.tables[name]
    fields = sorted({f for r in rows for f in r.values if f != "id"})
    cols = [t.c.id, *(t.c[f] for f in fields)]
    if "remote_updated_at" in t.c and "remote_updated_at" not in fields:
        cols.append(t.c.remote_updated_at)
    current = {r.id: r for r in conn.execute(select(*cols).where(
        t.c.id.in_([row.values["id"] for row in rows])))}
    changes: list[dict[str, Any]] = []
    for row in rows:
        key = row.values["id"]
        old = current.get(key)
        if old is None:
            if kind is FileKind.TRANSACTIONS:
                counts.skipped += 1
                problems.append(RowProblem(row.line, "unknown_order",
                                           f"line {row.line}: order {key} is not in the cache; "
                                           "sync or import the order list first", "id",
                                           None, key))
                continue
            record = _new_order(row.values) if kind is FileKind.ORDERS else \
                _new_bill(row.values, now)
            conn.execute(insert(t).values(**record))
            counts.inserted += 1
            after = {k: _json_value(v) for k, v in row.values.items() if v is not None}
            changes.append({"batch_id": batch_id, "table_name": name, "record_id": key,
                            "action": INSERTED, "line": row.line, "before": None,
                            "after": after})
            continue
        diff = {f: v for f, v in row.values.items()
                if f != "id" and v is not None and getattr(old, f) != v}
        version = getattr(old, "remote_updated_at", None)
        if diff and version is not None and version != IMPORTED_VERSION \
                and version > exported_at:
            # The marketplace's version is newer than the file: it only fills what is missing.
            kept = {f for f in diff if getattr(old, f) is not None}
            counts.kept_marketplace += len(kept)
            diff = {f: v for f, v in diff.items() if f not in kept}
        if not diff:
            counts.unchanged += 1
            continue
        conn.execute(update(t).where(t.c.id == key).values(**diff))
        counts.updated += 1
        changes.append({"batch_id": batch_id, "table_name": name, "record_id": key,
                        "action": UPDATED, "line": row.line,
                        "before": {f: _json_value(getattr(old, f)) for f in diff},
                        "after": {f: _json_value(v) for f, v in diff.items()}})
    if changes:
        conn.execute(insert(_TABLE["import_changes"]), changes)


def run_import(engine: Engine, path: Path, kind: FileKind, mapping: Mapping[str, str], *,
               now: datetime | None = None, skip_bad_rows: bool = False,
               remember_mapping: bool = True, zone: tzinfo = BEIJING,
               progress: ProgressCallback | None = None,
               cancel: threading.Event | None = None,
               exported_at: datetime | None = None) -> ImportResult:
    """Merge the rows of ``path`` into the cache as one batch (one transaction). ``exported_at``:
    when the file was exported (default: its modification time); a record the marketplace sent
    with a newer version keeps its values (see the module docstring).

    Raises :class:`ImportRejected` when rows are bad and ``skip_bad_rows`` is False,
    :class:`ImportFileError` for an unreadable file or an unusable mapping, and
    :class:`ImportCancelled` (nothing imported) when ``cancel`` is set.
    """
    when = now or datetime.now(UTC)
    path = Path(path)
    if exported_at is None:
        try:
            exported_at = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError:
            exported_at = when
    parsed = parse_file(read_table(path, kind), kind, mapping, zone)
    if parsed.problems and not skip_bad_rows:
        raise ImportRejected(parsed.problems)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    problems = list(parsed.problems)
    counts = _Counts(skipped=len(parsed.bad_lines))
    total = len(parsed.rows)
    batches = _TABLE["import_batches"]
    with engine.begin() as conn:
        created = conn.execute(insert(batches).values(
            kind=kind.value, file_name=path.name, file_sha256=digest, mapping=dict(mapping),
            rows=len(parsed.table.rows), inserted=0, updated=0, unchanged=0, skipped=0,
            problems=[], created_at=when, undone_at=None,
        ))
        assert created.inserted_primary_key is not None
        batch_id = int(created.inserted_primary_key[0])
        for start in range(0, total, _CHUNK):
            if cancel is not None and cancel.is_set():
                raise ImportCancelled(path.name)
            _merge_chunk(conn, kind, parsed.rows[start:start + _CHUNK], batch_id, when, counts,
                         problems, exported_at)
            if progress is not None:
                progress(min(start + _CHUNK, total), total)
        if cancel is not None and cancel.is_set():
            raise ImportCancelled(path.name)
        problems.sort(key=lambda p: p.line)
        conn.execute(update(batches).where(batches.c.id == batch_id).values(
            inserted=counts.inserted, updated=counts.updated, unchanged=counts.unchanged,
            skipped=counts.skipped,
            problems=[{"line": p.line, "code": p.code, "message": p.message} for p in problems],
        ))
        if remember_mapping:
            save_mapping(conn, kind, mapping, when)
    return ImportResult(batch_id, len(parsed.table.rows), counts.inserted, counts.updated,
                        counts.unchanged, counts.skipped, tuple(problems),
                        counts.kept_marketplace)


# -- undo -----------------------------------------------------------------------------------------


def undo_import(engine: Engine, batch_id: int, *, now: datetime | None = None) -> UndoResult:
    """Take back a whole import (see the module docstring). Raises :class:`UndoRefused`."""
    batches, changes = _TABLE["import_batches"], _TABLE["import_changes"]
    deleted = restored = kept = 0
    with engine.begin() as conn:
        batch = conn.execute(select(batches).where(batches.c.id == batch_id)).one_or_none()
        if batch is None:
            raise UndoRefused(f"there is no import {batch_id}")
        if batch.undone_at is not None:
            raise UndoRefused(f"import {batch_id} was undone already")
        for ch in conn.execute(select(changes).where(changes.c.batch_id == batch_id)
                               .order_by(changes.c.id.desc())).all():
            t = m.Base.metadata.tables[ch.table_name]
            after = {k: _from_json(ch.table_name, k, v) for k, v in ch.after.items()}
            cols = [t.c[k] for k in after if k != "id"]
            if "remote_updated_at" in t.c:
                cols.append(t.c.remote_updated_at)
            now_row = conn.execute(select(*cols).where(t.c.id == ch.record_id)).one_or_none()
            if now_row is None:
                kept += 1  # deleted since (a sync's tombstone): nothing to take back
                continue
            same = {k: getattr(now_row, k) == v for k, v in after.items() if k != "id"}
            if ch.action == INSERTED:
                synced_since = getattr(now_row, "remote_updated_at", IMPORTED_VERSION) != \
                    IMPORTED_VERSION
                if all(same.values()) and not synced_since:
                    if ch.table_name == "orders":
                        conn.execute(delete(_TABLE["order_lines"]).where(
                            _TABLE["order_lines"].c.order_id == ch.record_id))
                    conn.execute(delete(t).where(t.c.id == ch.record_id))
                    deleted += 1
                else:
                    kept += 1
                continue
            back = {k: _from_json(ch.table_name, k, v) for k, v in (ch.before or {}).items()
                    if same.get(k)}
            if back:
                conn.execute(update(t).where(t.c.id == ch.record_id).values(**back))
                restored += 1
            if len(back) < len(ch.before or {}):
                kept += 1
        conn.execute(update(batches).where(batches.c.id == batch_id).values(
            undone_at=now or datetime.now(UTC)))
    return UndoResult(batch_id, deleted, restored, kept)


def list_batches(engine: Engine) -> list[BatchInfo]:
    """Every import, newest first."""
    t = _TABLE["import_batches"]
    with engine.connect() as conn:
        return [BatchInfo(r.id, r.kind, r.file_name, r.created_at, r.rows, r.inserted, r.updated,
                          r.unchanged, r.skipped, r.undone_at)
                for r in conn.execute(select(t).order_by(t.c.id.desc()))]


__all__ = [
    "BatchInfo", "FileKind", "IMPORTED_VERSION", "ImportCancelled", "ImportFileError",
    "ImportPreview", "ImportRejected", "ImportResult", "PreviewRow", "UndoRefused", "UndoResult",
    "list_batches", "preview", "run_import", "save_mapping", "saved_mapping", "undo_import",
    "validate",
]
