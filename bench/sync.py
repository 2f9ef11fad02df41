"""Benchmark: full and incremental sync from the sandbox over real HTTP, against a raw floor.

    python bench/sync.py --orders 100000

Prints one JSON object:
- ``sync_seconds``: full sync of every seller collection into a new SQLite cache (the orders and
  supervision tasks are the bulk; per-collection figures are in ``collections``);
- ``records_per_s``: records fetched per second in that sync;
- ``peak_rss_mb``: this process's peak resident memory during the sync;
- ``floor_seconds``: the same pages downloaded (signed, sequential) plus the same rows bulk-inserted
  with raw ``sqlite3`` executemany, one transaction per page — the time spent on only those two;
- ``ratio``: ``sync_seconds / floor_seconds``;
- ``incremental_seconds``: a second sync after the sandbox clock moved one day.

The sandbox runs in its own process (generation time is reported, not counted).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import models as m  # noqa: E402
from app.models import db  # noqa: E402
from app.services.client import MarketplaceClient  # noqa: E402
from app.services.mapping import MAPPERS  # noqa: E402
from app.services.sync import SELLER_COLLECTIONS, SyncEngine  # noqa: E402
from app.services.wire import COLLECTIONS_BY_NAME  # noqa: E402


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


def _native(value: Any) -> Any:
    """What SQLAlchemy's types would hand sqlite3 for this value."""
    if isinstance(value, Decimal):
        return int(value.scaleb(2))
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


def floor(info: dict[str, str], collections: tuple[str, ...], db_path: Path) -> dict[str, float]:
    """Download the same pages and raw-insert the same rows; only those two steps are timed."""
    engine = db.open_cache(f"sqlite:///{db_path}")
    engine.dispose()
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    download = insert = 0.0
    client = MarketplaceClient(info["url"], info["access_key"], info["secret_key"])
    try:
        for name in collections:
            coll, mapper = COLLECTIONS_BY_NAME[name], MAPPERS[name]
            cursor: str | None = None
            while True:
                t0 = time.perf_counter()
                page = client.get_page(coll, cursor, 1000)
                download += time.perf_counter() - t0
                # untimed: turn the page into the rows the sync would write
                tables: dict[str, list[dict[str, Any]]] = {mapper.table.name: []}
                for item in page.envelope.items:
                    row, kids = mapper.to_rows(coll.record.model_validate(item))
                    row["row_hash"] = "0" * 32
                    tables[mapper.table.name].append(row)
                    for cname, crows in kids.items():
                        tables.setdefault(cname, []).extend(crows)
                prepared = []
                for tname, rows in tables.items():
                    if not rows:
                        continue
                    cols = list(rows[0])
                    sql = f"INSERT INTO {tname} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
                    prepared.append((sql, [tuple(_native(r[c]) for c in cols) for r in rows]))
                t0 = time.perf_counter()
                conn.execute("BEGIN")
                for sql, values in prepared:
                    conn.executemany(sql, values)
                conn.execute("COMMIT")
                insert += time.perf_counter() - t0
                if not page.envelope.has_more:
                    break
                cursor = page.envelope.next_cursor
    finally:
        client.close()
        conn.close()
    return {"download_seconds": download, "insert_seconds": insert, "floor_seconds": download + insert}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orders", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    collections = SELLER_COLLECTIONS
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
                rss = peak_rss_mb()
                if not report.ok:
                    raise SystemExit(f"sync failed: {report.failure}")
                advanced = httpx.post(info["url"] + "/_sandbox/advance", json={"hours": 24}).json()
                t0 = time.perf_counter()
                incr = SyncEngine(client, engine).sync(collections)
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
        "floor_seconds": round(fl["floor_seconds"], 2),
        "floor_download_seconds": round(fl["download_seconds"], 2),
        "floor_insert_seconds": round(fl["insert_seconds"], 2),
        "ratio": round(sync_s / fl["floor_seconds"], 2),
        "incremental_seconds": round(incr_s, 2),
        "incremental_fetched": sum(c.fetched for c in incr.collections),
        "advance_summary": advanced,
        "collections": {c.collection: c.as_dict() for c in report.collections},
        "cpu_count": os.cpu_count(),
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
