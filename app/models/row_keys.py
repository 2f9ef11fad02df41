"""Row keys: the small integer that stands for a row in the long lists (orders, supervision tasks).

The orders and supervision views hold only the ordered integer keys of the current filter and read
rows a block at a time by key (like Anki's browser). On SQLite the key is the table's ``rowid``.
PostgreSQL has no stable row number, so migration ``0006`` gives ``orders`` and
``supervision_tasks`` a ``row_key`` identity column there (with a unique index). The sync never
writes it: an upsert keeps a row's key, a re-created row gets a new one.

The column exists on PostgreSQL only, so it lives outside ``Base.metadata`` (like the SQLite search
index, ``app/models/search.py``): :func:`is_row_key_object` keeps it out of Alembic's comparison of
the schema with the models, and queries use :class:`RowKey`, which compiles to ``<table>.rowid`` on
SQLite and ``<table>.row_key`` elsewhere.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

#: The identity column migration 0006 adds on PostgreSQL.
COLUMN = "row_key"
#: The tables that have one.
TABLES = ("orders", "supervision_tasks")


def index_name(table: str) -> str:
    return f"ix_{table}_{COLUMN}"


def is_row_key_object(name: str | None, type_: str, parent_names: Any) -> bool:
    """True for a ``row_key`` column of :data:`TABLES` and for its index."""
    if type_ == "column":
        return name == COLUMN and (parent_names or {}).get("table_name") in TABLES
    if type_ == "index":
        return name in {index_name(t) for t in TABLES}
    return False


class RowKey(ColumnElement[int]):
    """``<table>.rowid`` on SQLite, ``<table>.row_key`` on PostgreSQL: use it like a column."""

    __visit_name__ = "row_key"
    inherit_cache = True
    _traverse_internals = [("table_name", InternalTraversal.dp_string)]
    type = BigInteger()

    def __init__(self, table_name: str) -> None:
        if table_name not in TABLES:
            raise ValueError(f"{table_name} has no row key")
        self.table_name = table_name


@compiles(RowKey, "sqlite")
def _sqlite_row_key(element: RowKey, compiler: Any, **kw: Any) -> str:
    return f"{element.table_name}.rowid"


@compiles(RowKey)
def _row_key_column(element: RowKey, compiler: Any, **kw: Any) -> str:
    return f"{element.table_name}.{COLUMN}"
