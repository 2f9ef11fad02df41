"""The orders search index (SQLite FTS5 with the trigram tokenizer) as the schema knows it.

Chinese has no spaces to split words on, so the index is made of trigrams: any text of three or
more characters is found as a substring. Indexing every order that way, kept by a trigger, made a
sync's inserts 2.7 times slower (``bench/orders_insert_cost.py``: +12.3 s of CPU per 100,000
orders on 7.4 s), so migration ``0002`` indexes the *distinct* names instead, without triggers on
``orders``:

* :data:`TERMS` holds one row per distinct customer real name (kind ``r``), customer account name
  (``a``) and product name (``p``) found in ``orders``. Those three columns carry B-tree indexes
  (they are sort columns too), so the distinct values are read by a loose index scan: one seek per
  distinct value, whatever the number of orders. A seller with a million orders has tens of
  thousands of customers and a few hundred products, so the table stays small.
* :data:`FTS` is an external-content FTS5 table over ``TERMS.value`` (trigram), written by a trigger
  on ``TERMS`` only when a new name appears.
* :data:`STATE` remembers the largest ``orders.rowid`` the terms were refreshed up to. Orders above
  it were inserted since; a search checks them directly with ``LIKE``, so it stays exact between
  refreshes. ``app.services.orders.query.refresh_search_terms`` brings the terms up to date (the
  orders view runs it on the write lane after a sync changed orders). A name changed in place on an
  older order is found after the next refresh.

No trigger fires on ``orders``: syncing costs only the B-tree indexes. Terms are never deleted (a
name whose orders left the cache simply matches no order).

PostgreSQL gets none of this (search there is ``ILIKE``), and the objects live outside
``Base.metadata``: :func:`include_name` keeps them out of the Alembic comparison of the schema with
the models (the migration environment and the schema test use it).
"""

from __future__ import annotations

from typing import Any

from app.models.row_keys import is_row_key_object

#: Distinct names: ``term_id INTEGER PRIMARY KEY, kind TEXT, value TEXT, UNIQUE (kind, value)``.
TERMS = "orders_search_terms"
#: One row ``(id = 1, refreshed_rowid)``.
STATE = "orders_search_state"
#: The FTS5 (trigram) index over ``TERMS.value``; its shadow tables share the prefix.
FTS = "orders_search_fts"
#: ``TERMS.kind`` -> the ``orders`` column its values come from.
TERM_COLUMNS = {"r": "customer_real_name", "a": "customer_name", "p": "product_name"}
#: Shortest text the trigram index can answer; shorter ones are matched with ``LIKE``.
TRIGRAM_MIN_CHARS = 3


def is_search_object(name: str | None) -> bool:
    """True for the terms and state tables, the FTS table and the FTS table's shadow tables."""
    return name is not None and (name in (TERMS, STATE, FTS) or name.startswith(FTS + "_"))


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic ``include_name`` hook: leave the objects that live outside ``Base.metadata`` (this
    search index, and the PostgreSQL row keys of ``app/models/row_keys.py``) out of schema
    comparisons."""
    if type_ == "table" and is_search_object(name):
        return False
    return not is_row_key_object(name, type_, parent_names)
