"""orders search: indexes for filtering and sorting, and (SQLite) a trigram index of distinct names

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 13:10:00

Why it looks like this (figures from ``bench/orders_insert_cost.py``; see ``app/models/search.py``):

* The orders table sorts a million rows by any of its main columns in SQL. A sort served by an index
  is a walk of that index; without one SQLite sorts the whole table (about a second per million rows
  on the reference machine), so each sortable column gets an index, on both dialects (they are
  declared on the ``Order`` model too). The customer name, real name and product name indexes also
  serve search.
* Text search must find Chinese substrings, so it uses FTS5's ``trigram`` tokenizer — but over the
  *distinct* customer real names, account names and product names (``orders_search_terms``), not
  over every order, and filled in bulk (``refresh``) rather than by triggers on ``orders``. Measured
  on 100,000 orders (+130,000 lines) inserted as the sync does (7.4 s of CPU before 0002): a trigram
  index kept per order by a trigger added 12.3 s, a names table kept by per-order triggers 3–7.6 s,
  far beyond the 1.5 s budget; what ships adds 1.5 s (the six indexes) and no trigger, and a refresh
  of the names after those inserts takes 0.16 s (it reads the distinct values from the indexes
  above by a loose index scan: one seek per distinct name, whatever the number of orders).
* PostgreSQL gets the indexes only; search there is ``ILIKE``.

The DDL below is frozen on purpose (a migration must not change when application code does);
``app/models/search.py`` names the same objects, and ``app/services/orders/query.py`` refreshes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy.exc import DBAPIError

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (index name, column): one index per sortable orders column not indexed by 0001.
SORT_INDEXES = (
    ("ix_orders_customer_real_name", "customer_real_name"),
    ("ix_orders_customer_name", "customer_name"),
    ("ix_orders_product_name", "product_name"),
    ("ix_orders_total_amount", "total_amount"),
    ("ix_orders_order_type", "order_type"),
    ("ix_orders_charging_mode", "charging_mode"),
)

# kind: 'r' customer real name, 'a' customer account name, 'p' product name.
_TERMS = """
CREATE TABLE orders_search_terms (
    term_id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    CONSTRAINT uq_orders_search_terms UNIQUE (kind, value)
)
"""
# One row: the largest orders.rowid the terms were refreshed up to. Orders above it (inserted since)
# are searched directly, so a search is exact before the next refresh.
_STATE = """
CREATE TABLE orders_search_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    refreshed_rowid INTEGER NOT NULL
)
"""
_FTS = """
CREATE VIRTUAL TABLE orders_search_fts USING fts5(
    value, content='orders_search_terms', content_rowid='term_id', tokenize='trigram'
)
"""
_TERMS_TRIGGERS = (
    """
    CREATE TRIGGER orders_search_terms_ai AFTER INSERT ON orders_search_terms BEGIN
        INSERT INTO orders_search_fts(rowid, value) VALUES (new.term_id, new.value);
    END
    """,
    """
    CREATE TRIGGER orders_search_terms_ad AFTER DELETE ON orders_search_terms BEGIN
        INSERT INTO orders_search_fts(orders_search_fts, rowid, value)
        VALUES ('delete', old.term_id, old.value);
    END
    """,
)
_KINDS = (("r", "customer_real_name"), ("a", "customer_name"), ("p", "product_name"))


def _loose_scan_insert(kind: str, column: str) -> str:
    """Distinct values of an indexed column by index seeks (one per value), into the terms."""
    return f"""
    WITH RECURSIVE d(v) AS (
        SELECT min({column}) FROM orders
        UNION ALL
        SELECT (SELECT min({column}) FROM orders WHERE {column} > d.v) FROM d WHERE d.v IS NOT NULL
    )
    INSERT OR IGNORE INTO orders_search_terms(kind, value)
    SELECT '{kind}', v FROM d WHERE v IS NOT NULL AND v <> ''
    """


def _fts5_trigram_available() -> bool:
    """SQLite builds without FTS5, or older than 3.34 (no trigram), get the LIKE search only."""
    try:
        op.execute("CREATE VIRTUAL TABLE temp.trigram_probe USING fts5(x, tokenize='trigram')")
    except DBAPIError:  # no FTS5, or no trigram tokenizer: the search falls back to LIKE
        return False
    op.execute("DROP TABLE temp.trigram_probe")
    return True


def upgrade() -> None:
    for name, column in SORT_INDEXES:
        op.create_index(name, "orders", [column], unique=False)
    if op.get_bind().dialect.name != "sqlite" or not _fts5_trigram_available():
        return
    op.execute(_TERMS)
    op.execute(_STATE)
    op.execute(_FTS)
    for ddl in _TERMS_TRIGGERS:
        op.execute(ddl)
    for kind, column in _KINDS:  # the backfill; the FTS index fills through orders_search_terms_ai
        op.execute(_loose_scan_insert(kind, column))
    op.execute(
        "INSERT INTO orders_search_state(id, refreshed_rowid) "
        "SELECT 1, coalesce(max(rowid), 0) FROM orders"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("orders_search_terms_ad", "orders_search_terms_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        for table in ("orders_search_fts", "orders_search_state", "orders_search_terms"):
            op.execute(f"DROP TABLE IF EXISTS {table}")
    for name, _column in reversed(SORT_INDEXES):
        op.drop_index(name, table_name="orders")
