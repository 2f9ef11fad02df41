"""Bulk upserts for the sync engine: the same rows SQLAlchemy would write, written faster.

On SQLite the rows go straight to the DB-API's ``executemany`` as tuples, with each value converted
to the form the column's SQLAlchemy type stores (integer cents, naive-UTC ISO text, JSON text) in one
tight loop; the upsert never lets an older version of a record (a stale page) replace a newer one.
Other databases (PostgreSQL for a team cache) go through SQLAlchemy Core's dialect upsert.
Tests check that both routes store what the ORM reads back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Connection, Table

from app.models.base import DecimalText, JSONDoc, Money, RawJSON, UTCDateTime
from app.services.sync.mapping import WireTime

Row = dict[str, Any]
Converter = Callable[[Any], Any]


def _cents(value: Decimal) -> int:
    if not isinstance(value, Decimal):
        raise TypeError(f"Money takes Decimal, not {type(value).__name__}")
    cents = value.scaleb(2)
    whole = int(cents)  # ValueError for NaN, OverflowError for Infinity
    if whole != cents:  # a nonzero digit past the second decimal place
        raise ValueError(f"amount {value} has more than two decimal places")
    return whole


def _sqlite_datetime(value: datetime | WireTime) -> str:
    if isinstance(value, WireTime):  # already the text SQLite stores (mapping.WireTime)
        # as a plain str: a str subclass pickles (to the sync's writer process) several times slower
        return str(value)
    if value.tzinfo is None:
        raise ValueError("naive datetime: store aware UTC times only")
    if value.utcoffset():
        value = value.astimezone(UTC)
    # the text SQLAlchemy's SQLite DATETIME type writes and parses
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}.{value.microsecond:06d}"
    )


def _json_text(value: Any) -> str:
    if isinstance(value, RawJSON):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _sqlite_converter(column_type: Any) -> Converter | None:
    if isinstance(column_type, Money):
        return _cents
    if isinstance(column_type, UTCDateTime):
        return _sqlite_datetime
    if isinstance(column_type, JSONDoc):
        return _json_text
    if isinstance(column_type, DecimalText):
        return str
    if isinstance(column_type, Boolean):
        return int
    return None


class TableWriter:
    """Upserts rows (dicts with the same keys) into one table."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self._sql: dict[tuple[str, ...], tuple[str, list[tuple[int, Converter]]]] = {}
        self._builders: dict[tuple[str, ...], Callable[[Row], tuple[Any, ...]]] = {}

    def _sqlite_plan(self, keys: tuple[str, ...]) -> tuple[str, list[tuple[int, Converter]]]:
        plan = self._sql.get(keys)
        if plan is not None:
            return plan
        t = self.table
        pk = [c.name for c in t.primary_key.columns]
        cols = ", ".join(f'"{k}"' for k in keys)
        marks = ", ".join("?" for _ in keys)
        updates = ", ".join(f'"{k}" = excluded."{k}"' for k in keys if k not in pk)
        conflict = ", ".join(f'"{k}"' for k in pk)
        sql = f'INSERT INTO "{t.name}" ({cols}) VALUES ({marks}) ON CONFLICT ({conflict}) DO '
        sql += f"UPDATE SET {updates}" if updates else "NOTHING"
        if updates and "remote_updated_at" in keys:
            sql += f' WHERE excluded.remote_updated_at >= "{t.name}".remote_updated_at'
        convs: list[tuple[int, Converter]] = []
        for i, k in enumerate(keys):
            conv = _sqlite_converter(t.c[k].type)
            if conv is not None:
                convs.append((i, conv))
        plan = (sql, convs)
        self._sql[keys] = plan
        return plan

    def sqlite_statement(self, keys: tuple[str, ...]) -> str:
        """The upsert of rows with these columns, their values in this order (what
        :meth:`prepare_sqlite` pairs with the tuples it builds)."""
        return self._sqlite_plan(keys)[0]

    def _row_builder(self, keys: tuple[str, ...]) -> Callable[[Row], tuple[Any, ...]]:
        """One function per column list that turns a row into its tuple of storage values in a
        single expression (no per-value loop, no list then tuple): a first sync builds a few
        hundred thousand tuples. Made from the plan's converters; column names come from the
        schema and are quoted with ``repr``."""
        builder = self._builders.get(keys)
        if builder is None:
            _sql, convs = self._sqlite_plan(keys)
            conv_at = dict(convs)
            names: dict[str, Converter] = {}
            parts = []
            for i, k in enumerate(keys):
                if i in conv_at:
                    names[f"c{i}"] = conv_at[i]
                    parts.append(f"(None if (v{i} := row[{k!r}]) is None else c{i}(v{i}))")
                else:
                    parts.append(f"row[{k!r}]")
            source = f"def build(row):\n    return ({', '.join(parts)},)\n"
            scope: dict[str, Any] = dict(names)
            exec(compile(source, f"<row builder {self.table.name}>", "exec"), scope)  # noqa: S102
            builder = self._builders[keys] = scope["build"]
        return builder

    def prepare_sqlite(
        self, rows: Sequence[Row], consume: bool = False
    ) -> tuple[str, list[tuple[Any, ...]]]:
        """The upsert statement and the rows as tuples of SQLite storage values.

        Pure Python with no connection, so a worker process can do it while the writer writes.
        ``consume``: ``rows`` (a list) is emptied as it goes, each row let go once converted, so
        the rows and their tuples are not all held at once (issue 18 §2: a bill's lines).
        """
        keys = tuple(rows[0])
        sql, _convs = self._sqlite_plan(keys)
        build = self._row_builder(keys)
        if not consume:
            return sql, [build(row) for row in rows]
        assert isinstance(rows, list)
        rows.reverse()
        return sql, [build(row) for row in _popped(rows)]

    def upsert(self, conn: Connection, rows: Sequence[Row]) -> None:
        if not rows:
            return
        if conn.dialect.name == "sqlite":
            sql, data = self.prepare_sqlite(rows)
            conn.exec_driver_sql(sql, data)
            return
        self._core_upsert(conn, list(rows))

    def _core_upsert(self, conn: Connection, rows: list[Row]) -> None:
        name = conn.dialect.name
        stmt: Any
        if name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            stmt = pg_insert(self.table)
        else:  # pragma: no cover - the cache runs on SQLite or PostgreSQL only
            raise RuntimeError(f"unsupported cache database: {name}")
        rows = [{k: v.to_datetime() if type(v) is WireTime else v for k, v in row.items()}
                for row in rows]
        keys = [c.name for c in self.table.primary_key.columns]
        changes = {k: stmt.excluded[k] for k in rows[0] if k not in keys}
        where = None
        if "remote_updated_at" in rows[0]:
            where = stmt.excluded.remote_updated_at >= self.table.c.remote_updated_at
        conn.execute(
            stmt.on_conflict_do_update(index_elements=keys, set_=changes, where=where), rows
        )


def _popped(rows: list[Row]) -> Iterator[Row]:
    """The rows of a reversed list, from its end, each taken out of the list."""
    while rows:
        yield rows.pop()


_WRITERS: dict[str, TableWriter] = {}


def writer_for(table: Table) -> TableWriter:
    w = _WRITERS.get(table.name)
    if w is None:
        w = _WRITERS[table.name] = TableWriter(table)
    return w


def statement_columns(sql: str) -> list[str]:
    """The column names of an upsert :meth:`TableWriter.prepare_sqlite` made (the order of the
    values in its rows)."""
    listed = sql[sql.index("(") + 1 : sql.index(")")]
    return [name.strip().strip('"') for name in listed.split(",")]
