"""Benchmark: full and incremental sync from the sandbox over real HTTP, against a raw floor.

    python bench/sync.py --orders 100000

Prints one JSON object:
- ``sync_seconds``: full sync of the orders and their supervision tasks into a new SQLite cache
  (the other seller collections follow, timed apart as ``other_collections_seconds``;
  per-collection figures are in ``collections``);
- ``records_per_s``: records fetched per second in that sync;
- ``peak_rss_mb``: this process's peak resident memory over the whole first sync, the other
  seller collections included (``peak_rss_mb_orders_tasks``: the peak when orders and tasks are
  synced, what this figure was before 2026-12-05); ``helper_process_peak_rss_mb``: the sync's
  helper process, which fetches and prepares pages, over orders and tasks (``_all``: over the
  whole first sync);
- ``sync_cpu_seconds`` / ``helper_process_cpu_seconds``: CPU time of this (writing) process during
  the sync, and of the helper process (steadier than wall time on a shared machine);
- ``floor``: the floors, measured in the same run on the same pages after the sync and before the
  sandbox clock moves (see :func:`floors`): ``download_seconds`` (raw bytes), ``parse_seconds``
  (the sync's parser), ``insert_seconds`` (plain INSERT executemany, one transaction per page),
  ``serial_seconds`` (download + insert, the floor before issue 18), ``pipelined_seconds``
  (download + parse in a second process overlapped with the inserts: what two cores can do at
  best) and ``pipelined_ideal_seconds`` (the same two stages computed from the per-page times);
- ``floor_seconds`` / ``ratio``: the serial floor and ``sync_seconds`` over it (as before);
  ``pipelined_floor_seconds`` / ``ratio_to_pipelined_floor``, ``ratio_to_pipelined_ideal``,
  ``ratio_to_download_and_parse``, ``ratio_to_insert``: the sync over each other floor;
- ``decode_seconds``: the floor's pages decoded by each candidate of issue 18 §2 (``json``,
  ``orjson``, ``msgspec`` alone, and each followed by the sync's pydantic validation), beside
  ``pydantic_validate_json``, what the sync does now (see :func:`_decoders`);
- ``incremental_seconds``: a sync of every seller collection after the sandbox clock moved one day;
- ``load_average_before`` / ``_after``: the machine's load (other jobs slow every figure);
- ``prefetch_depth``: pages the helper process may hold ready ahead of the writer (the bounded
  queue between the two processes; ``--prefetch-depth`` to measure another depth).

The sandbox runs in its own process (generation time is reported, not counted). Generating a
million orders takes minutes: ``--sandbox-cache DIR`` keeps the generated data in DIR and starts
later runs from a copy of it (a copy, since the run advances the sandbox's clock).

The incremental sync alone, again and again (issue 18 §2, a million orders): ``--keep-synced DIR``
keeps, after the first sync of every seller collection and before the sandbox clock moves, the
synced cache (``DIR/cache.sqlite3``) and a copy of the sandbox's data (``DIR/sandbox``); then
``--incremental-only DIR`` starts a sandbox on a copy of that data and syncs a copy of that cache
after moving the clock one day, and prints only the incremental's figures (``--profile FILE``
writes a cProfile of the syncing process's incremental there).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import multiprocessing as mp
import os
import pickle
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.models import db  # noqa: E402
from app.services.marketplace.client import MarketplaceClient, parse_page  # noqa: E402
from app.services.marketplace.wire import COLLECTIONS_BY_NAME, typed_page  # noqa: E402
from app.services.sync import worker  # noqa: E402
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


def _cursor(body: bytes) -> str | None:
    """The next cursor of a raw page, None after the last page."""
    tail = _TAIL.search(body[-400:])
    assert tail is not None
    return None if tail.group(2) == b"false" else tail.group(1).decode()


def _raw_cache(path: Path) -> sqlite3.Connection:
    """A new cache with the sync's schema, opened with raw sqlite3 and the cache's own pragmas."""
    db.open_cache(f"sqlite:///{path}").dispose()
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in db.SQLITE_PRAGMAS:
        conn.execute(pragma)
    return conn


def _insert(conn: sqlite3.Connection, statements: list[tuple[str, list[tuple[Any, ...]]]]) -> None:
    """One page's rows with plain INSERT executemany, in one transaction."""
    conn.execute("BEGIN")
    for sql, values in statements:
        conn.executemany(sql, values)
    conn.execute("COMMIT")


def _decoders(coll: Any, body: bytes, times: dict[str, float]) -> None:
    """Issue 18 §2: the same page decoded by each candidate (untimed by the floors), summed per
    decoder in ``times``. ``*_only`` decode to plain Python objects (no validation); ``*_then_
    pydantic`` add the sync's validation of those objects (``validate_python``), the end-to-end
    alternative to what the sync does now (``pydantic_validate_json``: one Rust pass from the
    bytes)."""
    import orjson

    adapter = typed_page(coll.record)
    candidates: dict[str, Any] = {
        "json_only": json.loads,
        "orjson_only": orjson.loads,
        "pydantic_validate_json": adapter.validate_json,
        "json_then_pydantic": lambda b: adapter.validate_python(json.loads(b)),
        "orjson_then_pydantic": lambda b: adapter.validate_python(orjson.loads(b)),
    }
    try:
        import msgspec
    except ImportError:  # bench extra (pip install .[bench])
        pass
    else:
        decode = msgspec.json.decode
        candidates["msgspec_only"] = decode
        candidates["msgspec_then_pydantic"] = lambda b: adapter.validate_python(decode(b))
    for name, fn in candidates.items():
        t0 = time.perf_counter()
        fn(body)
        times[name] = times.get(name, 0.0) + time.perf_counter() - t0


def _download_pages(info: dict[str, str], collections: tuple[str, ...],
                    announce: Any = None, keep: Path | None = None,
                    decoders: dict[str, float] | None = None) -> dict[str, Any]:
    """Download every page (raw bytes, signed, sequential) and parse it with the sync's parser
    (``parse_page``: one pydantic pass against the wire schema); both timed, page by page.
    ``keep``: the rows each page gives, in storage form, are pickled there (untimed) for the
    insert floors. ``announce``: a queue told each page's number as soon as it is parsed."""
    client = MarketplaceClient(info["url"], info["access_key"], info["secret_key"])
    per_page: list[float] = []
    download = parse = 0.0
    n = 0
    try:
        for name in collections:
            coll, mapper = COLLECTIONS_BY_NAME[name], MAPPERS[name]
            cursor: str | None = None
            while True:
                params = {"limit": "1000", **({"cursor": cursor} if cursor else {})}
                t0 = time.perf_counter()
                body = client.get_json_bytes(coll.path, params, lambda b: b)
                t1 = time.perf_counter()
                page = parse_page(coll, body)
                t2 = time.perf_counter()
                download += t1 - t0
                parse += t2 - t1
                per_page.append(t2 - t0)
                if announce is not None:
                    announce.put(n)
                if decoders is not None:  # untimed: the candidate decoders on the same bytes
                    _decoders(coll, body, decoders)
                if keep is not None:  # untimed: the rows the sync writes, in storage form
                    prepared = prepare_page(coll, mapper, page, sqlite=True)
                    plain = [(sql.split(" ON CONFLICT")[0], data)
                             for _t, sql, data in prepared.statements]
                    (keep / f"{n:06d}.pickle").write_bytes(pickle.dumps(plain, protocol=5))
                n += 1
                cursor = _cursor(body)
                if cursor is None:
                    break
    finally:
        client.close()
    if announce is not None:
        announce.put(None)
    return {"download": download, "parse": parse, "per_page": per_page, "pages": n}


def _download_child(info: dict[str, str], collections: tuple[str, ...], announce: Any,
                    go: Any) -> None:
    announce.put("ready")  # imported: the clock starts when the parent says go
    go.wait()
    _download_pages(info, collections, announce)


def floors(info: dict[str, str], collections: tuple[str, ...], tmp: Path) -> dict[str, Any]:
    """The floors, on the pages the sync just fetched (run before the sandbox clock moves).

    - download alone: raw bytes, signed, sequential (``download_seconds``), plus parsing them
      with the sync's parser (``parse_seconds``);
    - insert alone: the same rows, in storage form, with plain INSERT ``executemany`` into a new
      cache (the schema's indexes in place), one transaction per page;
    - serial floor: download + insert (the floor before issue 18, parsing left out);
    - pipelined floor, measured: download + parse in a second process, overlapped with the inserts
      in this one (a page is inserted as soon as it is parsed): what two cores can do at best;
    - pipelined floor, ideal: the same two stages computed from the per-page times measured alone
      (page i is inserted when both page i is parsed and page i-1 inserted), with no contention.
    """
    pages_dir = tmp / "floor-pages"
    pages_dir.mkdir()
    decoders: dict[str, float] = {}
    down = _download_pages(info, collections, keep=pages_dir, decoders=decoders)
    files = sorted(pages_dir.iterdir())

    conn = _raw_cache(tmp / "floor-insert.sqlite3")
    insert_per_page: list[float] = []
    for f in files:
        statements = pickle.loads(f.read_bytes())  # untimed
        t0 = time.perf_counter()
        _insert(conn, statements)
        insert_per_page.append(time.perf_counter() - t0)
    conn.close()

    ideal_parsed = ideal_inserted = 0.0
    for d, w in zip(down["per_page"], insert_per_page, strict=True):
        ideal_parsed += d
        ideal_inserted = max(ideal_inserted, ideal_parsed) + w

    ctx = mp.get_context("spawn")
    conn = _raw_cache(tmp / "floor-pipelined.sqlite3")
    announce: Any = ctx.Queue()
    go = ctx.Event()
    child = ctx.Process(target=_download_child, args=(info, collections, announce, go))
    child.start()
    assert announce.get() == "ready"  # process start and imports are not part of the floor
    t0 = time.perf_counter()
    go.set()
    for f in files:
        statements = pickle.loads(f.read_bytes())  # read while the page downloads
        if announce.get() is None:
            raise SystemExit("the pipelined floor saw fewer pages than the sync")
        _insert(conn, statements)
    pipelined = time.perf_counter() - t0
    child.join()
    conn.close()
    insert = sum(insert_per_page)
    return {
        "pages": down["pages"],
        "download_seconds": down["download"],
        "parse_seconds": down["parse"],
        "insert_seconds": insert,
        "serial_seconds": down["download"] + insert,
        "pipelined_seconds": pipelined,
        "pipelined_ideal_seconds": ideal_inserted,
        "decoders": decoders,
    }


def incremental(info: dict[str, str], client: MarketplaceClient, engine: Any,
                profile: Path | None = None) -> dict[str, Any]:
    """Move the sandbox clock one day and time a sync of every seller collection (wall and this
    process's CPU; ``profile``: a cProfile of this process's part written there)."""
    advanced = httpx.post(info["url"] + "/_sandbox/advance", json={"hours": 24}, timeout=600).json()
    profiler = cProfile.Profile() if profile is not None else None
    t0, c0 = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    incr = SyncEngine(client, engine).sync(SELLER_COLLECTIONS)
    if profiler is not None:
        profiler.disable()
    incr_s, incr_cpu = time.perf_counter() - t0, time.process_time() - c0
    if profiler is not None and profile is not None:
        profiler.dump_stats(profile)
    if not incr.ok:
        raise SystemExit(f"incremental sync failed: {incr.failure}")
    return {
        "incremental_seconds": round(incr_s, 2),
        "incremental_cpu_seconds": round(incr_cpu, 2),
        "incremental_fetched": sum(c.fetched for c in incr.collections),
        "incremental_collections": {c.collection: c.as_dict() for c in incr.collections},
        "advance_summary": advanced,
    }


def keep_synced(dest: Path, sandbox_dir: Path, cache: Path, orders: int, seed: int) -> None:
    """Keep the synced cache (SQLite's backup: a consistent copy while the engine is open) and a
    copy of the sandbox's data as it was when the cache was synced (the clock not moved yet)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(sandbox_dir, dest / "sandbox")
    src = sqlite3.connect(cache)
    out = sqlite3.connect(dest / "cache.sqlite3")
    src.backup(out)
    out.close()
    src.close()
    (dest / "meta.json").write_text(json.dumps({"orders": orders, "seed": seed}))


def incremental_only(kept: Path, profile: Path | None) -> dict[str, Any]:
    """The incremental sync on copies of what ``--keep-synced`` kept."""
    meta = json.loads((kept / "meta.json").read_text())
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-incr-") as tmp:
        tmpdir = Path(tmp)
        t0 = time.perf_counter()
        shutil.copytree(kept / "sandbox", tmpdir / "sandbox")
        shutil.copyfile(kept / "cache.sqlite3", tmpdir / "cache.sqlite3")
        copy_s = time.perf_counter() - t0
        proc, info, start_s = start_sandbox(meta["orders"], meta["seed"], tmpdir / "sandbox")
        try:
            engine = db.open_cache(f"sqlite:///{tmpdir / 'cache.sqlite3'}")
            with MarketplaceClient(info["url"], info["access_key"], info["secret_key"]) as client:
                out = incremental(info, client, engine, profile)
            engine.dispose()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return {
        "orders": meta["orders"],
        "copy_seconds": round(copy_s, 2),
        "sandbox_start_seconds": round(start_s, 2),
        **out,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "cpu_count": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orders", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--prefetch-depth", type=int, default=worker.QUEUE_DEPTH,
                    help="pages the helper process may hold ready ahead of the writer")
    ap.add_argument("--sandbox-cache", type=Path, default=None,
                    help="keep the generated sandbox data here and reuse a copy of it")
    ap.add_argument("--keep-synced", type=Path, default=None, metavar="DIR",
                    help="keep the synced cache and a copy of the sandbox (before the clock "
                         "moves) in DIR, for --incremental-only")
    ap.add_argument("--incremental-only", type=Path, default=None, metavar="DIR",
                    help="only the incremental sync, on copies of what --keep-synced kept in DIR")
    ap.add_argument("--profile", type=Path, default=None, metavar="FILE",
                    help="cProfile the syncing process's incremental sync into FILE")
    args = ap.parse_args()
    if args.incremental_only is not None:
        print(json.dumps(incremental_only(args.incremental_only, args.profile),
                         ensure_ascii=False, indent=2))
        return
    worker.QUEUE_DEPTH = args.prefetch_depth
    # The target is "a full sync of N orders with their supervision tasks": those two are timed
    # against the floor; the rest of the seller collections are synced after and reported apart.
    collections = ("orders", "supervision_tasks")
    others = tuple(c for c in SELLER_COLLECTIONS if c not in collections)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        tmpdir = Path(tmp)
        kept = args.sandbox_cache / f"orders-{args.orders}-seed-{args.seed}" \
            if args.sandbox_cache else None
        if kept is not None and kept.is_dir():
            shutil.copytree(kept, tmpdir / "sandbox")
        proc, info, gen_s = start_sandbox(args.orders, args.seed, tmpdir / "sandbox")
        if kept is not None and not kept.is_dir():
            shutil.copytree(tmpdir / "sandbox", kept)  # before the clock moves
        try:
            stats = httpx.get(info["url"] + "/_sandbox/stats", timeout=600).json()
            engine = db.open_cache(f"sqlite:///{tmpdir / 'cache.sqlite3'}")
            with MarketplaceClient(info["url"], info["access_key"], info["secret_key"]) as client:
                t0, c0 = time.perf_counter(), time.process_time()
                report = SyncEngine(client, engine).sync(collections)
                sync_s, sync_cpu = time.perf_counter() - t0, time.process_time() - c0
                rss_orders_tasks = peak_rss_mb()
                helper = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                rest = SyncEngine(client, engine).sync(others)
                rest_s = time.perf_counter() - t0
                rss = peak_rss_mb()  # the whole first sync, the other collections included
                helper_all = resource.getrusage(resource.RUSAGE_CHILDREN)
                if not report.ok:
                    raise SystemExit(f"sync failed: {report.failure}")
                if not rest.ok:
                    raise SystemExit(f"sync failed: {rest.failure}")
                if args.keep_synced is not None:
                    keep_synced(args.keep_synced, tmpdir / "sandbox", tmpdir / "cache.sqlite3",
                                args.orders, args.seed)
                # the floors, on the same data the sync saw: before the sandbox clock moves
                fl = floors(info, collections, tmpdir)
                incr = incremental(info, client, engine, args.profile)
            engine.dispose()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    fetched = sum(c.fetched for c in report.collections)
    pipelined = fl["pipelined_seconds"]
    out = {
        "orders": args.orders,
        "prefetch_depth": args.prefetch_depth,
        "sandbox_generate_seconds": round(gen_s, 2),
        "sandbox_stats": stats,
        "sync_seconds": round(sync_s, 2),
        "sync_cpu_seconds": round(sync_cpu, 2),
        "helper_process_cpu_seconds": round(helper.ru_utime + helper.ru_stime, 2),
        "records": fetched,
        "records_per_s": round(fetched / sync_s),
        "orders_per_s": round(args.orders / sync_s),
        "peak_rss_mb": round(rss, 1),
        "peak_rss_mb_orders_tasks": round(rss_orders_tasks, 1),
        "helper_process_peak_rss_mb": round(helper.ru_maxrss / 1024, 1),
        "helper_process_peak_rss_mb_all": round(helper_all.ru_maxrss / 1024, 1),
        "floor": {k: round(v, 2) for k, v in fl.items() if k != "decoders"},
        "decode_seconds": {k: round(v, 2) for k, v in fl["decoders"].items()},
        "floor_seconds": round(fl["serial_seconds"], 2),
        "pipelined_floor_seconds": round(pipelined, 2),
        "ratio": round(sync_s / fl["serial_seconds"], 2),
        "ratio_to_pipelined_floor": round(sync_s / pipelined, 2),
        "ratio_to_pipelined_ideal": round(sync_s / fl["pipelined_ideal_seconds"], 2),
        "ratio_to_download_and_parse": round(
            sync_s / (fl["download_seconds"] + fl["parse_seconds"]), 2),
        "ratio_to_insert": round(sync_s / fl["insert_seconds"], 2),
        **incr,
        "other_collections_seconds": round(rest_s, 2),
        "collections": {c.collection: c.as_dict() for c in report.collections + rest.collections},
        "cpu_count": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
