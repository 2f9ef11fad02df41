"""Bulk upserts for the sync engine: the same rows SQLAlchemy would write, written faster.

On SQLite the rows go straight to the DB-API's ``executemany`` as tuples, with each value converted
to the form the column's SQLAlchemy type stores (integer cents, naive-UTC ISO text, JSON text) in one
tight loop; the upsert never lets an older version of a record (a stale page) replace a newer one.
Other databases (PostgreSQL for a team cache) go through SQLAlchemy Core's dialect upsert.
Tests check that both routes store what the ORM reads back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Connection, Table

from app.models.base import DecimalText, JSONDoc, Money, RawJSON, UTCDateTime
from app.services.sync.mapping import WireTime

Row = dict[str, Any]
Converter = Callable[[Any], Any]


def _cents(value: Decimal) -> int:
    if not isinstance(value, Decimal):
        raise TypeError(f"Money takes Decimal, not {type(value).__name__}")
    exp = value.as_tuple().exponent
    if isinstance(exp, int) and exp < -2 and value != value.quantize(Decimal("0.01")):
        raise ValueError(f"amount {value} has more than two decimal places")
    return int(value.scaleb(2))


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

    def prepare_sqlite(
        self, rows: Sequence[Row], consume: bool = False
    ) -> tuple[str, list[tuple[Any, ...]]]:
        """The upsert statement and the rows as tuples of SQLite storage values.

        Pure Python with no connection, so a worker process can do it while the writer writes.
        ``consume``: ``rows`` (a list) is emptied as it goes, each row let go once converted, so
        the rows and their tuples are not all held at once (issue 18 §2: a bill's lines).
        """
        keys = tuple(rows[0])
        sql, convs = self._sqlite_plan(keys)
        get = itemgetter(*keys)
        data: list[tuple[Any, ...]] = []
        source: Iterable[Row] = rows
        if consume:
            assert isinstance(rows, list)
            rows.reverse()
            source = _popped(rows)
        for row in source:
            values = list(get(row)) if len(keys) > 1 else [get(row)]
            for i, conv in convs:
                v = values[i]
                if v is not None:
                    values[i] = conv(v)
            data.append(tuple(values))
        return sql, data

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
