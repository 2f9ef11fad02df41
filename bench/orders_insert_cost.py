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


def _insert(engine: Engine, orders: list[dict[str, Any]], lines: list[list[dict[str, Any]]]) -> \
        tuple[float, float]:
    ow, lw = writer_for(Order.__table__), writer_for(OrderLine.__table__)
    cpu, wall = time.process_time(), time.perf_counter()
    for i in range(0, len(orders), PAGE):
        with engine.begin() as conn:
            ow.upsert(conn, orders[i:i + PAGE])
            lw.upsert(conn, [ln for group in lines[i:i + PAGE] for ln in group])
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    data = list(generate(args.orders))
    orders = [o for o, _ in data]
    lines = [ls for _, ls in data]
    later = [dict(o, remote_updated_at=o["remote_updated_at"] + timedelta(days=1)) for o in orders]
    variants = ("schema_0001", "head", "terms_triggers", "per_order_fts")
    best: dict[str, tuple[float, float]] = {}
    update_cpu = refresh = float("inf")
    with tempfile.TemporaryDirectory(prefix="orders-insert-cost-") as tmp:
        for rep in range(args.repeat):
            for variant in variants:
                folder = Path(tmp) / f"{variant}-{rep}"
                folder.mkdir()
                engine = _cache(folder, variant)
                cpu, wall = _insert(engine, orders, lines)
                if variant == "head":
                    started = time.perf_counter()
                    with engine.begin() as conn:
                        orders_query.refresh_search_terms(conn)
                    refresh = min(refresh, time.perf_counter() - started)
                    ucpu, _uwall = _insert(engine, later, lines)
                    update_cpu = min(update_cpu, ucpu)
                engine.dispose()
                old = best.get(variant, (float("inf"), float("inf")))
                best[variant] = (min(old[0], cpu), min(old[1], wall))
    base_cpu, base_wall = best["schema_0001"]
    out: dict[str, Any] = {
        "orders": args.orders,
        "order_lines": sum(len(ls) for ls in lines),
        "page": PAGE,
        "repeat": args.repeat,
        "variants": {v: {"cpu_s": round(c, 3), "wall_s": round(w, 3)} for v, (c, w) in best.items()},
        "added_cpu_s": {v: round(c - base_cpu, 3) for v, (c, _w) in best.items() if v != "schema_0001"},
        "added_wall_s": {v: round(w - base_wall, 3) for v, (_c, w) in best.items()
                         if v != "schema_0001"},
        "refresh_s": round(refresh, 3),
        "update_head_cpu_s": round(update_cpu, 3),
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
