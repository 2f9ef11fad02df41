"""Rescuing what the user made from a cache before it is set aside, and bringing it back (issue 15 §1).

The marketplace's records can always be synced again; what the user made exists nowhere else: the
outbox (queued actions) with their files, invoice drafts, the company profile, imports (their
batches, mappings, changes and the records they wrote) and the journal. :func:`rescue` writes all of
it to a folder (``manifest.json``, one ``<table>.json`` per table, ``files/<sha256>`` for the outbox's
files) reading a damaged SQLite file as far as it can be read: a table that fails as a whole is read
row by row, and every row that cannot be read is counted in the manifest (and said to the user).
:func:`restore` brings such a folder into a cache (the fresh one, or any other): rows whose key is
there already are kept as they are, so restoring twice adds nothing; the files go back into the
cache's file store.

The window (:meth:`app.views.workspace.Workspace.start_fresh_cache`) and the command line
(``seller-console cache rescue|restore|fresh``) both use these functions.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, exc, insert, inspect, select, text
from sqlalchemy.engine import make_url

from app import models as m
from app.errors import ConsoleError
from app.models.db import open_cache
from app.models.imports import INSERTED
from app.services.exchange.imports import rebuilt_record

FORMAT = "seller-console-rescue/1"

#: What the user made, parents before children.
USER_TABLES: tuple[str, ...] = (
    "company_profile", "invoice_drafts", "import_mappings", "import_batches", "import_changes",
    "outbox_entries", "outbox_files", "journal_entries", "deadline_reminders",
)

#: Rows probed one by one past the last readable row when a table cannot be read as a whole.
_PROBE_GAP = 2000


class RescueError(ConsoleError):
    """A rescue or restore that cannot be done; ``str()`` says why and what to do."""

    default_code = "rescue"


@dataclass
class RescueReport:
    folder: Path
    rows: dict[str, int] = field(default_factory=dict)
    #: Rows (or whole tables) that could not be read, by table.
    unreadable: dict[str, int] = field(default_factory=dict)
    files: int = 0
    missing_files: list[str] = field(default_factory=list)
    #: Records an import inserted whose row could not be read, rebuilt from the import's own
    #: change (what the file said), by table.
    rebuilt: dict[str, int] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.unreadable and not self.missing_files

    def as_dict(self) -> dict[str, Any]:
        return {"folder": str(self.folder), "rows": self.rows, "unreadable": self.unreadable,
                "files": self.files, "missing_files": self.missing_files,
                "rebuilt": self.rebuilt, "complete": self.complete}


@dataclass
class RestoreReport:
    added: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    files: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "kept": self.kept, "files": self.files}


# -- values ----------------------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return {"$": "decimal", "v": str(value)}
    if isinstance(value, datetime):
        return {"$": "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {"$": "date", "v": value.isoformat()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$": "bytes", "v": base64.b64encode(bytes(value)).decode()}
    return {"$": "json", "v": value}


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    kind, raw = value.get("$"), value.get("v")
    if kind == "json":
        return raw
    v = str(raw)
    if kind == "decimal":
        return Decimal(v)
    if kind == "datetime":
        when = datetime.fromisoformat(v)
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    if kind == "date":
        return date.fromisoformat(v)
    if kind == "bytes":
        return base64.b64decode(v)
    return raw


# -- reading a (possibly damaged) cache ------------------------------------------------------------


def _source_engine(url: str) -> Engine:
    """An engine on ``url`` that neither creates nor migrates anything."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:" \
            and not Path(u.database).exists():
        raise RescueError(f"There is no cache at {u.database} to rescue.")
    return create_engine(url, future=True)


def _columns(engine: Engine, table: Table) -> list[str] | None:
    """The model's columns that the cache's table has (None: the table is not there)."""
    try:
        have = {c["name"] for c in inspect(engine).get_columns(table.name)}
    except exc.NoSuchTableError:
        return None
    except exc.DBAPIError:
        have = {c.name for c in table.columns}
    if not have:
        return None
    return [c.name for c in table.columns if c.name in have]


def _read_table(engine: Engine, table: Table, names: list[str],
                lost: dict[str, int]) -> Iterator[dict[str, Any]]:
    cols = [table.c[n] for n in names]
    try:
        with engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(select(*cols))]
        yield from rows
        return
    except (exc.DBAPIError, ValueError, TypeError):
        if engine.dialect.name != "sqlite":
            raise
    # Read the damaged table row by row (by rowid), counting what cannot be read.
    rowid, gap = 0, 0
    with engine.connect() as conn:
        try:
            top = conn.execute(text(f'SELECT max(rowid) FROM "{table.name}"')).scalar()
        except exc.DBAPIError:
            top = None
        while True:
            rowid += 1
            if top is not None and rowid > top:
                break
            if top is None and gap > _PROBE_GAP:
                break
            try:
                row = conn.execute(select(*cols).where(text("rowid = :r")),
                                   {"r": rowid}).first()
            except (exc.DBAPIError, ValueError, TypeError):
                lost[table.name] = lost.get(table.name, 0) + 1
                gap += 1
                continue
            if row is None:
                gap += 1
                continue
            gap = 0
            yield dict(row._mapping)


def _imported_records(engine: Engine, changes: list[dict[str, Any]],
                      report: RescueReport) -> dict[str, list[dict[str, Any]]]:
    """The rows imports wrote (their table's current row), by table. A row that cannot be read
    (a damaged page) is rebuilt from the import's change when the import inserted it (the file's
    values; the marketplace's, if it sent the record since, come back with the next sync); a row
    an import only updated is counted as unreadable (the synced record comes back with a sync,
    the import's values of it stay in ``import_changes``)."""
    lost = report.unreadable
    wanted: dict[str, set[str]] = {}
    inserted: dict[tuple[str, str], dict[str, Any]] = {}
    for ch in changes:
        wanted.setdefault(str(ch.get("table_name")), set()).add(str(ch.get("record_id")))
        if ch.get("action") == INSERTED and isinstance(ch.get("after"), dict):
            inserted[(str(ch.get("table_name")), str(ch.get("record_id")))] = ch["after"]
    out: dict[str, list[dict[str, Any]]] = {}
    tables = m.Base.metadata.tables
    for name, ids in wanted.items():
        table = tables.get(name)
        if table is None or "id" not in table.c:
            continue
        names = _columns(engine, table)
        if names is None:
            continue
        rows: list[dict[str, Any]] = []
        for rid in sorted(ids):
            try:
                with engine.connect() as conn:
                    row = conn.execute(select(*[table.c[n] for n in names])
                                       .where(table.c.id == rid)).first()
            except (exc.DBAPIError, ValueError, TypeError):
                after = inserted.get((name, rid))
                record = rebuilt_record(name, after, datetime.now(UTC)) if after else None
                if record is None:
                    lost[name] = lost.get(name, 0) + 1
                else:
                    rows.append(record)
                    report.rebuilt[name] = report.rebuilt.get(name, 0) + 1
                continue
            if row is not None:
                rows.append(dict(row._mapping))
        out[name] = rows
    return out


def rescue(url: str, folder: Path, files_root: Path | None = None) -> RescueReport:
    """Write everything the user made in the cache at ``url`` to ``folder`` (created; must be
    empty or missing), with the outbox's files from ``files_root`` (the cache's file store)."""
    if folder.exists() and any(folder.iterdir()):
        raise RescueError(f"The folder {folder} is not empty; choose an empty or new folder.")
    try:
        (folder / "files").mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise RescueError(f"The rescue folder {folder} cannot be made: {e}") from None
    report = RescueReport(folder=folder)
    engine = _source_engine(url)
    tables = m.Base.metadata.tables
    try:
        changes: list[dict[str, Any]] = []
        for name in USER_TABLES:
            table = tables[name]
            try:
                names = _columns(engine, table)
                rows = [] if names is None else list(_read_table(engine, table, names,
                                                                 report.unreadable))
            except (exc.DBAPIError, ValueError, TypeError):
                report.unreadable[name] = report.unreadable.get(name, 0) + 1
                rows = []
            if name == "import_changes":
                changes = rows
            report.rows[name] = len(rows)
            _write_json(folder / f"{name}.json", [
                {k: _encode(v) for k, v in r.items()} for r in rows])
            if name == "outbox_files":
                _copy_files(rows, files_root, folder / "files", report)
        imported = _imported_records(engine, changes, report)
        _write_json(folder / "imported_records.json", {
            t: [{k: _encode(v) for k, v in r.items()} for r in rows]
            for t, rows in imported.items()})
    finally:
        engine.dispose()
    _write_json(folder / "manifest.json", {
        "format": FORMAT, "made_at": datetime.now(UTC).isoformat(),
        "source": make_url(url).render_as_string(hide_password=True), **report.as_dict()})
    return report


def _copy_files(rows: list[dict[str, Any]], root: Path | None, target: Path,
                report: RescueReport) -> None:
    for sha in sorted({str(r["sha256"]) for r in rows if r.get("sha256")}):
        source = _stored_file(root, sha)
        if source is None:
            report.missing_files.append(sha)
            continue
        shutil.copyfile(source, target / sha)
        report.files += 1


def _stored_file(root: Path | None, sha: str) -> Path | None:
    if root is None or not root.exists():
        return None
    for candidate in (root / sha, root / sha[:2] / sha):
        if candidate.is_file():
            return candidate
    return next((p for p in root.rglob(sha) if p.is_file()), None)


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


# -- bringing it back ------------------------------------------------------------------------------


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise RescueError(f"The rescue folder's {path.name} cannot be read: {e}") from None


def restore(folder: Path, engine: Engine, add_file: Any = None) -> RestoreReport:
    """Bring the rescue ``folder`` into the cache of ``engine`` (rows whose key is there already
    are kept). ``add_file(path)`` stores one of the rescued files in the cache's file store."""
    manifest = _read_json(folder / "manifest.json") if (folder / "manifest.json").exists() \
        else None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise RescueError(f"{folder} is not a rescue folder of the console (no manifest.json).")
    report = RestoreReport()
    tables = m.Base.metadata.tables
    imported = _read_json(folder / "imported_records.json") \
        if (folder / "imported_records.json").exists() else {}
    order: list[tuple[str, list[dict[str, Any]]]] = []
    for name, rows in imported.items():
        order.append((name, rows))
    for name in USER_TABLES:
        path = folder / f"{name}.json"
        if path.exists():
            order.append((name, _read_json(path)))
    with engine.begin() as conn:
        for name, rows in order:
            table = tables.get(name)
            if table is None:
                continue
            pk = list(table.primary_key.columns)
            have = {tuple(r) for r in conn.execute(select(*pk))}
            fresh = []
            for raw in rows:
                row = {k: _decode(v) for k, v in raw.items() if k in table.c}
                key = tuple(row.get(c.name) for c in pk)
                if key in have:
                    report.kept[name] = report.kept.get(name, 0) + 1
                    continue
                have.add(key)
                fresh.append(row)
            if fresh:
                conn.execute(insert(table), fresh)
            report.added[name] = len(fresh)
    files = folder / "files"
    if add_file is not None and files.is_dir():
        for path in sorted(files.iterdir()):
            if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == path.name:
                add_file(path)
                report.files += 1
    return report


def default_folder(base: Path) -> Path:
    """A new rescue folder under ``base`` named by the time."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return base / f"rescue-{stamp}"


def rescue_and_start_fresh(url: str, folder: Path, files_root: Path | None,
                           add_file_for: Any = None) -> tuple[Engine, RescueReport,
                                                              RestoreReport, Path]:
    """The whole flow for a damaged SQLite cache: rescue what the user made to ``folder``, move
    the damaged file aside (kept), open a fresh cache and restore into it. ``add_file_for(engine)``
    gives the function that stores a file in the new cache's file store. Returns the new engine,
    both reports and where the damaged file went."""
    from app.models.db import copy_cache_aside

    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        raise RescueError("Only a cache file can be set aside; a server database is never "
                          "replaced by the console.")
    rescued = rescue(url, folder, files_root)
    moved = copy_cache_aside(Path(u.database))
    engine = open_cache(url)
    restored = restore(folder, engine, add_file_for(engine) if add_file_for else None)
    return engine, rescued, restored, moved
