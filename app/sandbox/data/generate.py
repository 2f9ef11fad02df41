"""Deterministic generation of the sandbox's initial data from ``(seed, orders, start)``.

Same inputs, byte-identical records: every record is built by a pure function of the world (built from
the inputs), its own key and the start time, and serialised with orjson (keys in insertion order).
The output is a stream of :class:`Row` in the order the store assigns change sequences: orders in
creation order with their tasks, messages and partner records, then demands and offers, then the bill
runs of the two years, oldest first.

Rows carry what the clock advance needs to continue the story later: ``live`` (the record can still
change), ``gen`` (the key to rebuild it: ``index:time``) and ``aux`` (an order's pending settlement
period, or "billed"; a performance record's period).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from app.sandbox.data.catalog import World
from app.sandbox.data.demands import (
    SALT_DEMAND_TIMES,
    SALT_OFFER_TIMES,
    build_demand,
    build_offer,
    demand_count,
    offer_count,
    spread_times,
)
from app.sandbox.data.finance import BillItem, bill_at, partner_bill, run_bills
from app.sandbox.data.orders import build_order, order_times
from app.sandbox.data.timeutil import bill_run_ts, next_period, quarter_of, quarter_run_ts, to_ts

#: Bump when the generator's output changes, so stores made by an older generator are rebuilt.
GENERATOR_VERSION = "5"

BILLED = "billed"
#: A pseudo-collection: set ``aux`` of an existing order row without touching its payload or seq.
AUX_FIX = "_aux"
#: A pseudo-collection: a SQLite file (the row's id) holding a run of rows, in order.
SHARD = "_shard"
SHARD_SCHEMA = ("CREATE TABLE rows (n INTEGER PRIMARY KEY, collection TEXT NOT NULL, "
                "id TEXT NOT NULL, live INTEGER NOT NULL, gen TEXT, aux TEXT, payload BLOB)")


class Row(NamedTuple):
    """One record for the store (``payload`` None with ``delete_time`` set = a tombstone)."""

    collection: str
    id: str
    payload: bytes | None
    live: bool = False
    gen: str | None = None
    aux: str | None = None
    delete_time: str | None = None


def dumps(record: dict[str, Any]) -> bytes:
    return orjson.dumps(record)


def fingerprint(seed: int, orders: int, start: datetime) -> str:
    """What a stored data set was generated from: reuse a store only if this matches."""
    return f"v{GENERATOR_VERSION}|seed={seed}|orders={orders}|start={start.isoformat()}"


class OrderRows:
    """Rows of one built order (shared by the generator and the clock advance)."""

    @staticmethod
    def rows(built: Any, index: int, create_ts: int, aux: str | None) -> list[Row]:
        order = built.order
        out = [Row("orders", order["orderId"], dumps(order), built.live, f"{index}:{create_ts}",
                   aux)]
        for task in built.tasks:
            out.append(Row("supervision_tasks", task["taskId"], dumps(task)))
        for message, deleted in built.messages:
            if deleted is None:
                out.append(Row("interface_messages", message["messageId"], dumps(message)))
        if built.performance is not None:
            perf = built.performance
            out.append(Row("partner_performance", perf["recordId"], dumps(perf),
                           aux=perf["period"]))
        if built.customer_invoice is not None:
            req = built.customer_invoice
            out.append(Row("customer_invoices", req["requestId"], dumps(req)))
        return out


#: Orders per work unit, and the size from which the orders are built by worker processes.
CHUNK = 5000
PARALLEL_FROM = 20000

_WORLDS: dict[tuple[int, int, datetime], World] = {}


def _world(seed: int, orders: int, start: datetime) -> World:
    key = (seed, orders, start)
    if key not in _WORLDS:
        _WORLDS.clear()
        _WORLDS[key] = World.build(seed, orders, start)
    return _WORLDS[key]


Job = tuple[int, int, datetime, int, list[int], str | None]


def _order_chunk(job: Job) -> tuple[list[Row], list[BillItem], list[dict[str, Any]]]:
    """Build orders ``lo, lo+1, ...`` created at ``times``: their rows, bill items, performance.

    With a shard path the rows go to that SQLite file instead (a worker process then hands back a
    file name rather than pickling hundreds of megabytes through a pipe), and a single
    :data:`SHARD` row stands for them.
    """
    seed, orders, start, lo, times, shard = job
    world = _world(seed, orders, start)
    now = to_ts(start)
    rows: list[Row] = []
    items: list[BillItem] = []
    perfs: list[dict[str, Any]] = []
    for k, create_ts in enumerate(times):
        built = build_order(world, lo + k, create_ts, now)
        aux = None
        if built.bill_period is not None:
            items.extend(built.items)
            aux = BILLED if bill_run_ts(built.bill_period) <= now else built.bill_period
        if built.performance is not None:
            perfs.append(built.performance)
        rows.extend(OrderRows.rows(built, lo + k, create_ts, aux))
    if shard is not None:
        _write_shard(Path(shard), rows)
        rows = [Row(SHARD, shard, None)]
    return rows, items, perfs


def bulk_writer(path: Path) -> sqlite3.Connection:
    """A connection that fills a new SQLite file fast: no journal, no fsync (a file cut short by a
    crash is thrown away, never reused), transactions begun and committed by hand."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
    except BaseException:
        conn.close()
        raise
    return conn


def _write_shard(path: Path, rows: list[Row]) -> None:
    conn = bulk_writer(path)
    try:
        conn.execute(SHARD_SCHEMA)
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO rows (collection, id, live, gen, aux, payload) VALUES (?, ?, ?, ?, ?, ?)",
            [(r.collection, r.id, 1 if r.live else 0, r.gen, r.aux, r.payload) for r in rows])
        conn.execute("COMMIT")
    finally:
        conn.close()


def _workers(orders: int) -> int:
    if orders < PARALLEL_FROM:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(4, cpus))


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _chunks(jobs: list[Job], workers: int
            ) -> Iterator[tuple[list[Row], list[BillItem], list[dict[str, Any]]]]:
    """Run the order jobs, in order: in forked worker processes when there are several cores and
    forking is safe (a single-threaded caller, e.g. the CLI before it serves), else in-process.

    Not ``spawn``: it re-imports the caller's main module, which breaks scripts without a
    ``__main__`` guard. Forking a process that runs other threads (a GUI, a test's servers) can
    deadlock, so then the jobs simply run here, which gives the same rows.
    """
    if workers <= 1 or not _can_fork():
        yield from map(_order_chunk, jobs)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_order_chunk, jobs)


def generate(seed: int, orders: int, start: datetime, workers: int | None = None,
             chunk: int = CHUNK, shard_dir: Path | None = None) -> Iterator[Row]:
    """All initial rows, in sequence order. ``start`` is the sandbox's "now". The output does not
    depend on ``workers`` (default: one per core, up to 4, from 20,000 orders) nor on ``chunk``
    (orders per work unit).

    With ``shard_dir`` and worker processes, runs of order rows come as :data:`SHARD` rows naming
    SQLite files (see :data:`SHARD_SCHEMA`) in a folder made inside ``shard_dir``; the consumer must
    take each one in before asking for the next row (the folder is removed at the end).
    """
    world = _world(seed, orders, start)
    now = to_ts(start)
    pending: dict[str, list[BillItem]] = {}  # settlement period -> billable items
    perf_by_period: dict[str, list[dict[str, Any]]] = {}
    times = order_times(world)
    workers = workers or _workers(orders)
    folder = None
    if shard_dir is not None and workers > 1 and _can_fork():
        folder = Path(tempfile.mkdtemp(prefix=".shards-", dir=shard_dir))
    jobs: list[Job] = [
        (seed, orders, start, lo, times[lo:lo + chunk],
         str(folder / f"orders-{lo:09d}.sqlite3") if folder is not None else None)
        for lo in range(0, len(times), chunk)
    ]
    try:
        for rows, items, perfs in _chunks(jobs, workers):
            for item in items:
                pending.setdefault(item.period, []).append(item)
            for perf in perfs:
                perf_by_period.setdefault(perf["period"], []).append(perf)
            yield from rows
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    for index, assign_ts in enumerate(spread_times(world, SALT_DEMAND_TIMES,
                                                   demand_count(world), 5)):
        demand, offer, live = build_demand(world, index, assign_ts, now)
        yield Row("demands", demand["demandId"], dumps(demand), live, f"{index}:{assign_ts}")
        if offer is not None:
            yield Row("exclusive_offers", offer["offerId"], dumps(offer))
    for index, create_ts in enumerate(spread_times(world, SALT_OFFER_TIMES, offer_count(world), 3)):
        offer, live = build_offer(world, index, create_ts, now)
        yield Row("exclusive_offers", offer["offerId"], dumps(offer), live, f"{index}:{create_ts}")
    # Bill runs, oldest period first; refunds that cannot be billed yet roll over (§5.5).
    if not pending:
        return
    period = min(pending)
    carry: list[BillItem] = []
    while bill_run_ts(period) <= now:
        bills, carry = run_bills(world, period, carry + pending.get(period, []))
        for content in bills:
            bill, notice, live = bill_at(world, content, now)
            yield Row("bills", bill["billId"], dumps(bill), live)
            if notice is not None:
                yield Row("invoice_notices", notice["noticeId"], dumps(notice))
        yield from _partner_rows(world, period, perf_by_period, now)
        period = next_period(period)
    for item in carry:  # refunds still waiting for a bill that can absorb them
        yield Row(AUX_FIX, item.order_id, None, aux=item.period)


def _partner_rows(world: World, period: str, perf_by_period: dict[str, list[dict[str, Any]]],
                  now: int) -> Iterator[Row]:
    """The partner bills due at the run for ``period``: the monthly 基础激励 and, after a quarter's
    last month, the quarterly 业绩考核激励."""
    monthly = partner_bill(world, "基础激励", period, perf_by_period.get(period, []), now)
    if monthly is not None:
        bill, live = monthly
        yield Row("partner_bills", bill["billId"], dumps(bill), live, f"基础激励:{period}")
    if int(period[4:]) % 3 == 0:
        quarter = quarter_of(period)
        records = [r for p in _quarter_periods(quarter) for r in perf_by_period.get(p, [])]
        if quarter_run_ts(quarter) <= now:
            quarterly = partner_bill(world, "业绩考核激励", quarter, records, now)
            if quarterly is not None:
                bill, live = quarterly
                yield Row("partner_bills", bill["billId"], dumps(bill), live,
                          f"业绩考核激励:{quarter}")


def _quarter_periods(quarter: str) -> list[str]:
    year, q = quarter[:4], int(quarter[5])
    return [f"{year}{m:02d}" for m in range(q * 3 - 2, q * 3 + 1)]


def partner_periods(quarter: str) -> list[str]:
    """The three settlement periods of ``YYYYQn``."""
    return _quarter_periods(quarter)
