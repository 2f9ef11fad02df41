"""The orders text-search index (SQLite FTS5, trigram) as the schema knows it.

Migration ``0002`` creates, on SQLite only, an external-content FTS5 table :data:`ORDERS_FTS` with
the ``trigram`` tokenizer over the order id, customer name, customer real name (from
``buyer_info``), customer id and product name, keyed by ``orders.rowid`` and kept current by
triggers. Trigrams make substring search work for Chinese, which has no spaces to split words on:
any query of three or more characters is answered from the index. PostgreSQL gets no such table;
search there (and for one- or two-character queries everywhere) is an escaped ``LIKE``/``ILIKE``.

The index lives outside ``Base.metadata`` (SQLAlchemy cannot describe a virtual table, its shadow
tables, its source view or its triggers), so the Alembic comparison of the schema with the models
must skip it: :func:`include_name` is the hook for that, used by the migration environment and by
the schema test.

A later migration that rebuilds the ``orders`` table (Alembic batch mode on SQLite copies it to a new
table) drops the triggers with the old table: it must re-create them and run
``INSERT INTO orders_fts(orders_fts) VALUES('rebuild')``.
"""

from __future__ import annotations

from typing import Any

#: The FTS5 table; SQLite adds shadow tables named ``orders_fts_<something>``.
ORDERS_FTS = "orders_fts"
#: The view the FTS table reads its content from (for ``rebuild`` and integrity checks).
ORDERS_FTS_SOURCE = "orders_fts_source"
#: Columns of :data:`ORDERS_FTS`, in order.
ORDERS_FTS_COLUMNS = ("order_id", "customer_name", "customer_real_name", "customer_id",
                      "product_name")
#: Shortest query the trigram index can answer; shorter ones fall back to ``LIKE``.
TRIGRAM_MIN_CHARS = 3


def is_search_object(name: str | None) -> bool:
    """True for the FTS table, its shadow tables and its source view."""
    return name is not None and (name == ORDERS_FTS or name.startswith(ORDERS_FTS + "_"))


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic ``include_name`` hook: leave the search index out of schema comparisons."""
    return not (type_ == "table" and is_search_object(name))
