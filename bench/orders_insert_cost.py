"""Benchmark: what migration 0002 (orders sort indexes, search index of names) adds to a sync's
inserts, against the designs it did not ship.

    python bench/orders_insert_cost.py --orders 100000 --repeat 3

Inserts the same generated orders (and their ~1.3 lines each) the way the sync engine does (its
``writer_for(table).upsert`` over pages of 1,000 orders, one transaction per page) into fresh caches
that differ only in their schema, and prints one JSON object with, per variant, the best of
``--repeat`` runs in CPU seconds (``cpu_s``: this process; SQLite runs in it, so triggers and
indexes are counted and other programs on the machine are not) and wall seconds (``wall_s``):

- ``schema_0001``: the cache before 0002 (the baseline);
- ``head``: what ships: 0002's six sort indexes; no trigger on ``orders`` (the search index of
  names is refreshed in bulk: ``refresh_s`` is one ``refresh_search_terms`` after the inserts);
- ``terms_triggers`` (not shipped): ``head`` plus triggers on ``orders`` that keep the names table
  current per order (``INSERT OR IGNORE`` of the real name, account and product name);
- ``per_order_fts`` (not shipped): ``schema_0001`` plus an external-content FTS5 trigram table over
  every order's id, customer name, real name, customer id and product name, kept by a trigger.

Issue 18 adds the first sync's choices (the ``head`` schema each time):

- ``head_bulk_load`` (shipped for a large first sync): the secondary indexes dropped before the
  inserts and built after them (``engine.drop_secondary_indexes`` / ``restore_indexes``, the
  build counted);
- ``head_10_pages_per_tx`` (not shipped): ten pages per transaction instead of one;
- ``head_bulk_load_10_pages_per_tx`` (not shipped): both.

``written_mb`` is what the variant made the process write to disk (``/proc/self/io``: WAL and
checkpoints), best of the runs.

``update_head_cpu_s`` is a second pass over the ``head`` cache that upserts every order again with a
newer ``remote_updated_at`` (a sync re-receiving changed orders). ``added_*`` are the differences to
the baseline.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine  # noqa: E402

from app.models import Order, OrderLine, db  # noqa: E402
from app.services.orders import query as orders_query  # noqa: E402
from app.services.sync.engine import drop_secondary_indexes, restore_indexes  # noqa: E402
from app.services.sync.mapping import MAPPERS  # noqa: E402
from app.services.sync.writer import writer_for  # noqa: E402
from tests.support.orders_data import generate  # noqa: E402

PAGE = 1000

_PER_ORDER_FTS = (
    """CREATE VIRTUAL TABLE bench_orders_fts USING fts5(
        id, customer_name, customer_real_name, customer_id, product_name,
        content='orders', tokenize='trigram')""",
    """CREATE TRIGGER bench_orders_fts_ai AFTER INSERT ON orders BEGIN
        INSERT INTO bench_orders_fts(rowid, id, customer_name, customer_real_name, customer_id,
                                     product_name)
        VALUES (new.rowid, new.id, new.customer_name, new.customer_real_name, new.customer_id,
                new.product_name);
    END""",
)
_ADD_TERMS = """
    INSERT OR IGNORE INTO orders_search_terms(kind, value)
    SELECT 'r', new.customer_real_name WHERE new.customer_real_name IS NOT NULL
    UNION ALL SELECT 'a', new.customer_name
    UNION ALL SELECT 'p', new.product_name WHERE new.product_name IS NOT NULL;
"""
_TERMS_TRIGGERS = (
    f"CREATE TRIGGER bench_terms_ai AFTER INSERT ON orders BEGIN {_ADD_TERMS} END",
    f"""CREATE TRIGGER bench_terms_au
    AFTER UPDATE OF customer_name, customer_real_name, product_name ON orders
    WHEN new.customer_name IS NOT old.customer_name
      OR new.customer_real_name IS NOT old.customer_real_name
      OR new.product_name IS NOT old.product_name
    BEGIN {_ADD_TERMS} END""",
)


def _cache(folder: Path, variant: str) -> Engine:
    engine = db.make_engine(f"sqlite:///{folder / (variant + '.sqlite3')}")
    if variant in ("schema_0001", "per_order_fts"):
        db.upgrade(engine, "0001")
    else:
        db.upgrade(engine)
    with engine.begin() as conn:
        if variant == "per_order_fts":
            for ddl in _PER_ORDER_FTS:
                conn.exec_driver_sql(ddl)
        if variant == "terms_triggers":
            for ddl in _TERMS_TRIGGERS:
                conn.exec_driver_sql(ddl)
    return engine


def _written_bytes() -> int:
    try:
        with open("/proc/self/io") as fh:
            return int(next(ln for ln in fh if ln.startswith("write_bytes:")).split()[1])
    except (OSError, StopIteration):
        return 0


def _insert(engine: Engine, orders: list[dict[str, Any]], lines: list[list[dict[str, Any]]],
            pages_per_tx: int = 1, bulk: bool = False) -> tuple[float, float, float]:
    ow, lw = writer_for(Order.__table__), writer_for(OrderLine.__table__)
    cpu, wall, written = time.process_time(), time.perf_counter(), _written_bytes()
    if bulk:
        with engine.begin() as conn:
            drop_secondary_indexes(conn, MAPPERS["orders"])
    step = PAGE * pages_per_tx
    for i in range(0, len(orders), step):
        with engine.begin() as conn:
            for j in range(i, min(i + step, len(orders)), PAGE):
                ow.upsert(conn, orders[j:j + PAGE])
                lw.upsert(conn, [ln for group in lines[j:j + PAGE] for ln in group])
    if bulk:
        with engine.begin() as conn:
            restore_indexes(conn, MAPPERS["orders"])
    return (time.process_time() - cpu, time.perf_counter() - wall,
            (_written_bytes() - written) / 1e6)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--variants", help="comma-separated variants (default: all)")
    args = ap.parse_args()
    data = list(generate(args.orders))
    orders = [o for o, _ in data]
    lines = [ls for _, ls in data]
    later = [dict(o, remote_updated_at=o["remote_updated_at"] + timedelta(days=1)) for o in orders]
    ap_variants = args.variants.split(",") if args.variants else None
    variants = tuple(v for v in ("schema_0001", "head", "terms_triggers", "per_order_fts",
                                 "head_bulk_load", "head_10_pages_per_tx",
                                 "head_bulk_load_10_pages_per_tx")
                     if ap_variants is None or v in ap_variants or v == "schema_0001")
    best: dict[str, tuple[float, float, float]] = {}
    update_cpu = refresh = float("inf")
    with tempfile.TemporaryDirectory(prefix="orders-insert-cost-") as tmp:
        for rep in range(args.repeat):
            for variant in variants:
                folder = Path(tmp) / f"{variant}-{rep}"
                folder.mkdir()
                engine = _cache(folder, variant.split("_bulk")[0].split("_10")[0])
                cpu, wall, written = _insert(engine, orders, lines,
                                             pages_per_tx=10 if "10_pages" in variant else 1,
                                             bulk="bulk_load" in variant)
                if variant == "head":
                    started = time.perf_counter()
                    with engine.begin() as conn:
                        orders_query.refresh_search_terms(conn)
                    refresh = min(refresh, time.perf_counter() - started)
                    ucpu, _uwall, _w = _insert(engine, later, lines)
                    update_cpu = min(update_cpu, ucpu)
                engine.dispose()
                old = best.get(variant, (float("inf"), float("inf"), float("inf")))
                best[variant] = (min(old[0], cpu), min(old[1], wall), min(old[2], written))
    base_cpu, base_wall, _base_written = best["schema_0001"]
    out: dict[str, Any] = {
        "orders": args.orders,
        "order_lines": sum(len(ls) for ls in lines),
        "page": PAGE,
        "repeat": args.repeat,
        "variants": {v: {"cpu_s": round(c, 3), "wall_s": round(w, 3), "written_mb": round(b)}
                     for v, (c, w, b) in best.items()},
        "added_cpu_s": {v: round(c - base_cpu, 3) for v, (c, _w, _b) in best.items()
                        if v != "schema_0001"},
        "added_wall_s": {v: round(w - base_wall, 3) for v, (_c, w, _b) in best.items()
                         if v != "schema_0001"},
        "refresh_s": round(refresh, 3) if refresh < float("inf") else None,
        "update_head_cpu_s": round(update_cpu, 3) if update_cpu < float("inf") else None,
        "load_average": [round(x, 2) for x in __import__("os").getloadavg()],
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
