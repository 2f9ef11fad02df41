"""Benchmark: the sync helper's stages alone, in CPU seconds, on kept page bodies (issue 18 §2).

    python bench/sync_helper_stages.py --bodies /tmp/perf-sync3-prof/bodies.pickle \
        --sandbox-cache /tmp/perf-sync3-sandbox --repeat 2

The helper process of a first sync parses each page (``parse_page``, what the pipelined floor's
second process does too), prepares it (``prepare_page``: records to rows to SQLite storage tuples)
and pickles it for the queue to the writer. This measures the three on the same bodies in one
process (no network): the first run downloads the orders and tasks pages of a sandbox (kept by
``bench/sync.py --sandbox-cache``, started from a copy) into ``--bodies``; later runs reuse them.

The stages run with the helper process's collector threshold (``worker.GC_THRESHOLD``, as
``run_worker`` sets it); ``--gc-threshold 0`` keeps Python's default (700), as this bench did
before 2026-12-05 13:30 (its parse figures were then about 1.5 s higher than the helper's).

Prints one JSON object: ``parse_cpu_seconds``, ``prepare_cpu_seconds``, ``pickle_cpu_seconds``
(one list entry per repeat), the page and record counts, the collector threshold and the load
average before and after.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sync import _cursor, start_sandbox  # noqa: E402

from app.services.marketplace.client import MarketplaceClient, parse_page  # noqa: E402
from app.services.marketplace.wire import COLLECTIONS_BY_NAME  # noqa: E402
from app.services.sync.mapping import MAPPERS  # noqa: E402
from app.services.sync.pages import prepare_page  # noqa: E402
from app.services.sync.worker import GC_THRESHOLD  # noqa: E402

COLLECTIONS = ("orders", "supervision_tasks")


def fetch(orders: int, seed: int, sandbox_cache: Path) -> list[tuple[str, bytes]]:
    kept = sandbox_cache / f"orders-{orders}-seed-{seed}"
    with tempfile.TemporaryDirectory(prefix="bench-helper-") as tmp:
        if kept.is_dir():
            shutil.copytree(kept, Path(tmp) / "sandbox")
        proc, info, _gen = start_sandbox(orders, seed, Path(tmp) / "sandbox")
        if not kept.is_dir():
            shutil.copytree(Path(tmp) / "sandbox", kept)
        bodies: list[tuple[str, bytes]] = []
        try:
            with MarketplaceClient(info["url"], info["access_key"], info["secret_key"]) as c:
                for name in COLLECTIONS:
                    coll, cursor = COLLECTIONS_BY_NAME[name], None
                    while True:
                        params = {"limit": "1000", **({"cursor": cursor} if cursor else {})}
                        body = c.get_json_bytes(coll.path, params, lambda b: b)
                        bodies.append((name, body))
                        cursor = _cursor(body)
                        if cursor is None:
                            break
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return bodies


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bodies", type=Path, required=True, help="kept page bodies (made if absent)")
    ap.add_argument("--sandbox-cache", type=Path, default=Path(tempfile.gettempdir()))
    ap.add_argument("--orders", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--gc-threshold", type=int, default=GC_THRESHOLD,
                    help="young-generation collector threshold (0: Python's default)")
    args = ap.parse_args()
    if args.gc_threshold:
        gc.set_threshold(args.gc_threshold, 20, 20)
    if not args.bodies.exists():
        args.bodies.write_bytes(pickle.dumps(fetch(args.orders, args.seed, args.sandbox_cache)))
    bodies = pickle.loads(args.bodies.read_bytes())
    load_before = os.getloadavg()
    out: dict[str, list[float]] = {"parse_cpu_seconds": [], "prepare_cpu_seconds": [],
                                   "pickle_cpu_seconds": []}
    records = 0
    for _ in range(args.repeat):
        parse = prepare = dump = 0.0
        records = 0
        for name, body in bodies:
            coll = COLLECTIONS_BY_NAME[name]
            c0 = time.process_time()
            page = parse_page(coll, body)
            c1 = time.process_time()
            records += len(page.items)  # counted before prepare_page consumes them
            prepared = prepare_page(coll, MAPPERS[name], page, sqlite=True)
            c2 = time.process_time()
            pickle.dumps((1, "page", prepared), protocol=pickle.HIGHEST_PROTOCOL)
            c3 = time.process_time()
            parse, prepare, dump = parse + c1 - c0, prepare + c2 - c1, dump + c3 - c2
        out["parse_cpu_seconds"].append(round(parse, 2))
        out["prepare_cpu_seconds"].append(round(prepare, 2))
        out["pickle_cpu_seconds"].append(round(dump, 2))
    print(json.dumps({"pages": len(bodies), "records": records, **out,
                      "gc_threshold": gc.get_threshold()[0],
                      "load_average_before": [round(x, 2) for x in load_before],
                      "load_average_after": [round(x, 2) for x in os.getloadavg()]}, indent=2))


if __name__ == "__main__":
    main()
