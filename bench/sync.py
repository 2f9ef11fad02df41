"""Benchmark: full and incremental sync from the sandbox over real HTTP, against a raw floor.

    python bench/sync.py --orders 100000

Prints one JSON object:
- ``sync_seconds``: full sync of the orders and their supervision tasks into a new SQLite cache
  (the other seller collections follow, timed apart as ``other_collections_seconds``;
  per-collection figures are in ``collections``);
- ``records_per_s``: records fetched per second in that sync;
- ``peak_rss_mb``: this process's peak resident memory during the sync (and, separately,
  ``helper_process_peak_rss_mb``: the sync's helper process, which fetches and prepares pages);
- ``floor_seconds``: the same pages downloaded as raw bytes (signed, sequential, not parsed) plus the
  same rows bulk-inserted with raw ``sqlite3`` executemany (plain INSERT), one transaction per page:
  the time spent on only those two steps;
- ``ratio``: ``sync_seconds / floor_seconds``;
- ``incremental_seconds``: a sync of every seller collection after the sandbox clock moved one day.

The sandbox runs in its own process (generation time is reported, not counted).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.models import db  # noqa: E402
from app.services.marketplace.client import MarketplaceClient, parse_page  # noqa: E402
from app.services.marketplace.wire import COLLECTIONS_BY_NAME  # noqa: E402
from app.services.sync.engine import SELLER_COLLECTIONS, SyncEngine  # noqa: E402
from app.services.sync.mapping import MAPPERS  # noqa: E402
from app.services.sync.pages import prepare_page  # noqa: E402


def start_sandbox(orders: int, seed: int, data_dir: Path) -> tuple[subprocess.Popen[str], dict[str, str], float]:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "sandbox", "--port", "0", "--seed", str(seed),
         "--orders", str(orders), "--data-dir", str(data_dir), "--start", "2026-11-01",
         "--rate-limit", "100000"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    info: dict[str, str] = {}
    assert proc.stdout is not None
    while len(info) < 3:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit(f"sandbox exited early with code {proc.wait()}")
        key, _, value = line.strip().partition(": ")
        if key in ("url", "access_key", "secret_key"):
            info[key] = value
    return proc, info, time.perf_counter() - started


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_TAIL = re.compile(rb'"nextCursor":"([^"]*)","hasMore":(true|false)')


def floor(info: dict[str, str], collections: tuple[str, ...], db_path: Path) -> dict[str, float]:
    """Download the same pages (raw bytes, signed, sequential) and raw-insert the same rows with
    sqlite3 executemany, one transaction per page; only those two steps are timed."""
    engine = db.open_cache(f"sqlite:///{db_path}")
    engine.dispose()
    conn = sqlite3.connect(db_path, isolation_level=None)
    for pragma in db.SQLITE_PRAGMAS:  # the same settings the cache runs with
        conn.execute(pragma)
    download = insert = 0.0
    client = MarketplaceClient(info["url"], info["access_key"], info["secret_key"])
    try:
        for name in collections:
            coll, mapper = COLLECTIONS_BY_NAME[name], MAPPERS[name]
            cursor: str | None = None
            while True:
                params = {"limit": "1000", **({"cursor": cursor} if cursor else {})}
                t0 = time.perf_counter()
                body = client.get_json_bytes(coll.path, params, lambda b: b)
                download += time.perf_counter() - t0
                # untimed: the rows the sync would write, in storage form
                prepared = prepare_page(coll, mapper, parse_page(coll, body), sqlite=True)
                plain = [(sql.split(" ON CONFLICT")[0], data) for _t, sql, data in prepared.statements]
                t0 = time.perf_counter()
                conn.execute("BEGIN")
                for sql, values in plain:
                    conn.executemany(sql, values)
                conn.execute("COMMIT")
                insert += time.perf_counter() - t0
                tail = _TAIL.search(body[-400:])
                assert tail is not None
                if tail.group(2) == b"false":
                    break
                cursor = tail.group(1).decode()
    finally:
        client.close()
        conn.close()
    return {"download_seconds": download, "insert_seconds": insert, "floor_seconds": download + insert}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orders", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    # The target is "a full sync of N orders with their supervision tasks": those two are timed
    # against the floor; the rest of the seller collections are synced after and reported apart.
    collections = ("orders", "supervision_tasks")
    others = tuple(c for c in SELLER_COLLECTIONS if c not in collections)
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        tmpdir = Path(tmp)
        proc, info, gen_s = start_sandbox(args.orders, args.seed, tmpdir / "sandbox")
        try:
            stats = httpx.get(info["url"] + "/_sandbox/stats").json()
            engine = db.open_cache(f"sqlite:///{tmpdir / 'cache.sqlite3'}")
            with MarketplaceClient(info["url"], info["access_key"], info["secret_key"]) as client:
                t0 = time.perf_counter()
                report = SyncEngine(client, engine).sync(collections)
                sync_s = time.perf_counter() - t0
                t0 = time.perf_counter()
                rest = SyncEngine(client, engine).sync(others)
                rest_s = time.perf_counter() - t0
                rss = peak_rss_mb()
                helper_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
                if not report.ok:
                    raise SystemExit(f"sync failed: {report.failure}")
                advanced = httpx.post(info["url"] + "/_sandbox/advance", json={"hours": 24}).json()
                t0 = time.perf_counter()
                incr = SyncEngine(client, engine).sync(SELLER_COLLECTIONS)
                incr_s = time.perf_counter() - t0
            engine.dispose()
            fl = floor(info, collections, tmpdir / "floor.sqlite3")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    fetched = sum(c.fetched for c in report.collections)
    out = {
        "orders": args.orders,
        "sandbox_generate_seconds": round(gen_s, 2),
        "sandbox_stats": stats,
        "sync_seconds": round(sync_s, 2),
        "records": fetched,
        "records_per_s": round(fetched / sync_s),
        "peak_rss_mb": round(rss, 1),
        "helper_process_peak_rss_mb": round(helper_rss, 1),
        "floor_seconds": round(fl["floor_seconds"], 2),
        "floor_download_seconds": round(fl["download_seconds"], 2),
        "floor_insert_seconds": round(fl["insert_seconds"], 2),
        "ratio": round(sync_s / fl["floor_seconds"], 2),
        "incremental_seconds": round(incr_s, 2),
        "incremental_fetched": sum(c.fetched for c in incr.collections),
        "advance_summary": advanced,
        "other_collections_seconds": round(rest_s, 2),
        "collections": {c.collection: c.as_dict() for c in report.collections + rest.collections},
        "cpu_count": os.cpu_count(),
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
