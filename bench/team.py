"""Benchmark: a team on one PostgreSQL cache: several consoles syncing and sending at once.

    python bench/team.py --orders 100000 --actions 1000 --pg-url postgresql+psycopg://u:p@host/postgres

Each console is a process of its own (as on the members' computers). Prints one JSON object:

- ``sync``: one, two and four consoles syncing the same ``--orders`` orders from the sandbox into
  one new PostgreSQL database at once. Per run: ``seconds`` (from the common start to the last
  console done), ``rows_per_s`` (orders stored per second), ``vs_one`` (that rate against one
  console alone), ``fetched_total`` (records all consoles fetched together: a collection is
  synced by one console at a time, so the others find little left), ``orders`` and ``order_lines``
  stored (the same in every run) and ``duplicates`` (order ids stored more than once, lines of an
  order stored twice, or a count that differs from one console's: must be 0);
- ``dispatch``: one, two and four consoles sending the same ``--actions`` queued actions (confirm
  a supervision task, each task staged where it can be confirmed) at once. Per run: ``seconds``,
  ``actions_per_s``, ``vs_one``, ``carried_out`` (actions the sandbox carried out), ``per_console``
  (how many each console sent) and ``duplicates`` (entries sent by two consoles, or with more
  than one outcome in the journal, or carried out more than once: must be 0).

The sandbox runs in its own process (its generation time is reported apart, not counted).
``--pg-url`` (or ``SELLER_CONSOLE_TEST_PG_URL``) names a server where the user may create
databases; each run gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.exc import DBAPIError  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app import models as m  # noqa: E402
from app.models import db  # noqa: E402
from app.services.marketplace.client import MarketplaceClient  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from sync import start_sandbox  # noqa: E402  (bench/sync.py: the one way a bench starts the sandbox)

CONSOLES = (1, 2, 4)
CONFIRM_NODE = "商家确认需求"


# -- the sandbox and the databases ------------------------------------------------------------------

def new_database(admin_url: str) -> str:
    name = f"seller_console_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    db.open_cache(url).dispose()  # migrated once, before the consoles start
    return url


def drop_database(admin_url: str, url: str) -> None:
    """Drop a run's database; an autovacuum worker still in it (after a large sync) is not ours to
    end, so wait for it a little, and at worst leave the database, saying so."""
    name = make_url(url).database
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        for _attempt in range(60):
            try:
                with engine.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                return
            except DBAPIError:
                time.sleep(1)  # a bench, not a test: wait for the server's own worker to leave
        print(f"could not drop the database {name}; drop it by hand", file=sys.stderr)
    finally:
        engine.dispose()


def client(info: dict[str, str]) -> MarketplaceClient:
    return MarketplaceClient(info["url"], info["access_key"], info["secret_key"], timeout_s=120)


# -- one console (a worker process) -----------------------------------------------------------------

def worker(role: str, url: str, info: dict[str, str], folder: str) -> None:
    """Wait for "go" on standard input, do the work, print one JSON line."""
    from app.services.outbox.action_kinds import register_action_kinds
    from app.services.outbox.filestore import DatabaseFileStore
    from app.services.outbox.queue import Dispatcher, Outbox, OutboxPolicy
    from app.services.sync.engine import SyncEngine

    register_action_kinds()
    engine = db.open_cache(url)
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.perf_counter()
    with client(info) as c:
        if role == "sync":
            report = SyncEngine(c, engine).sync(("orders",))
            summary = report.collections[0]
            out: dict[str, Any] = {"ok": report.ok, "error": summary.error,
                                   "fetched": summary.fetched, "inserted": summary.inserted}
        else:
            outbox = Outbox(engine, DatabaseFileStore(Path(folder), engine),
                            actor=f"bench@{os.getpid()}")
            policy = OutboxPolicy(max_attempts=50, base_delay_s=0.0, max_delay_s=0.0)
            sent = Dispatcher(outbox, c, policy=policy).send_due(ignore_schedule=True)
            out = {"delivered": sent.delivered, "refused": sent.refused,
                   "later": sent.retry_later, "paused": sent.paused}
    out["seconds"] = time.perf_counter() - started
    engine.dispose()
    print(json.dumps(out), flush=True)


def run_consoles(role: str, count: int, url: str, info: dict[str, str],
                 tmp: Path) -> tuple[float, list[dict[str, Any]]]:
    procs = []
    for n in range(count):
        procs.append(subprocess.Popen(
            [sys.executable, __file__, "--worker", role, "--db", url, "--info", json.dumps(info),
             "--folder", str(tmp / f"console{n}")],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
    for p in procs:
        assert p.stdout is not None
        if p.stdout.readline().strip() != "ready":
            raise SystemExit(f"a console did not start (code {p.wait()})")
    started = time.perf_counter()
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, _ = p.communicate()
        if p.returncode != 0:
            raise SystemExit(f"a console failed (code {p.returncode})")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return time.perf_counter() - started, results


# -- the two measurements ---------------------------------------------------------------------------

def sync_runs(admin_url: str, info: dict[str, str], orders: int, tmp: Path) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = []
    for count in CONSOLES:
        url = new_database(admin_url)
        try:
            seconds, results = run_consoles("sync", count, url, info, tmp)
            engine = create_engine(url)
            with engine.connect() as conn:
                stored = conn.execute(select(func.count()).select_from(m.Order)).scalar_one()
                ids = conn.execute(select(func.count(m.Order.id.distinct()))).scalar_one()
                lines = conn.execute(select(func.count()).select_from(m.OrderLine)).scalar_one()
            engine.dispose()
        finally:
            drop_database(admin_url, url)
        runs.append({
            "consoles": count, "seconds": round(seconds, 2),
            "rows_per_s": round(stored / seconds), "fetched_total": sum(r["fetched"] for r in results),
            "orders": stored, "order_lines": lines, "ok": all(r["ok"] for r in results),
            "errors": [r["error"] for r in results if r["error"]],
            "duplicates": (stored - ids) + abs(stored - orders),
        })
        print(json.dumps({"sync": runs[-1]}), file=sys.stderr, flush=True)
    one = runs[0]
    for run in runs:
        run["vs_one"] = round(run["rows_per_s"] / one["rows_per_s"], 2)
        run["duplicates"] += abs(run["order_lines"] - one["order_lines"])
    return runs


def stage_tasks(info: dict[str, str], task_ids: list[str]) -> None:
    with httpx.Client(timeout=60) as http:
        for tid in task_ids:
            http.post(f"{info['url']}/_sandbox/tasks/{tid}/stage",
                      json={"node": CONFIRM_NODE}).raise_for_status()


def carried_out(info: dict[str, str]) -> int:
    with httpx.Client(timeout=60) as http:
        return int(http.get(f"{info['url']}/_sandbox/writes").json()["actions"])


def dispatch_runs(admin_url: str, info: dict[str, str], actions: int,
                  tmp: Path) -> list[dict[str, Any]]:
    from app.services.outbox.action_kinds import register_action_kinds
    from app.services.outbox.filestore import DatabaseFileStore
    from app.services.outbox.queue import Outbox
    from app.services.supervision import actions as sv
    from app.services.sync.engine import SyncEngine

    register_action_kinds()
    runs: list[dict[str, Any]] = []
    url = new_database(admin_url)
    engine = db.open_cache(url)
    try:
        with client(info) as c:
            assert SyncEngine(c, engine).sync(("supervision_tasks",)).ok
        with Session(engine) as s:
            tids = [t.id for t in s.scalars(select(m.SupervisionTask)
                                            .order_by(m.SupervisionTask.id))
                    if CONFIRM_NODE in (t.flow_nodes or [])][:actions]
        if len(tids) < actions:
            raise SystemExit(f"the sandbox has only {len(tids)} tasks to confirm")
        outbox = Outbox(engine, DatabaseFileStore(tmp / "queue", engine), actor="bench@queue")
        kind = sv.KINDS[sv.SellerAction.CONFIRM].name
        for count in CONSOLES:
            with engine.begin() as conn:  # each run starts from an empty outbox and journal
                conn.execute(m.OutboxEntry.__table__.delete())
                conn.execute(m.JournalEntry.__table__.delete())
            stage_tasks(info, tids)
            keys = {outbox.enqueue(kind, tid, {"comment": None}).id for tid in tids}
            before = carried_out(info)
            seconds, results = run_consoles("dispatch", count, url, info, tmp)
            done = carried_out(info) - before
            with Session(engine) as s:
                outcomes = s.execute(
                    select(m.JournalEntry.outbox_key, func.count())
                    .where(m.JournalEntry.action.in_(("delivered", "refused")))
                    .group_by(m.JournalEntry.outbox_key)).all()
            sent = [set(r["delivered"]) | set(r["refused"]) for r in results]
            twice = sum(len(a & b) for i, a in enumerate(sent) for b in sent[i + 1:])
            runs.append({
                "consoles": count, "seconds": round(seconds, 2),
                "actions_per_s": round(actions / seconds, 1), "carried_out": done,
                "delivered": sum(len(r["delivered"]) for r in results),
                "refused": sum(len(r["refused"]) for r in results),
                "per_console": [len(x) for x in sent],
                "duplicates": twice + sum(n - 1 for _, n in outcomes if n > 1)
                              + max(0, done - len(keys)),
            })
            print(json.dumps({"dispatch": runs[-1]}), file=sys.stderr, flush=True)
    finally:
        engine.dispose()
        drop_database(admin_url, url)
    one = runs[0]
    for run in runs:
        run["vs_one"] = round(run["actions_per_s"] / one["actions_per_s"], 2)
    return runs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=100_000)
    ap.add_argument("--actions", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pg-url", default=os.environ.get("SELLER_CONSOLE_TEST_PG_URL"))
    ap.add_argument("--worker", choices=("sync", "dispatch"), help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--info", help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.db, json.loads(args.info), args.folder)
        return
    if not args.pg_url:
        raise SystemExit("name a PostgreSQL server: --pg-url or SELLER_CONSOLE_TEST_PG_URL")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        proc, info, generation = start_sandbox(args.orders, args.seed, tmp / "sandbox")
        try:
            result = {
                "orders": args.orders, "actions": args.actions,
                "sandbox_generation_seconds": round(generation, 1),
                "sync": sync_runs(args.pg_url, info, args.orders, tmp),
                "dispatch": dispatch_runs(args.pg_url, info, args.actions, tmp),
            }
        finally:
            proc.terminate()
            proc.wait(30)
    result["duplicates"] = (sum(r["duplicates"] for r in result["sync"])
                            + sum(r["duplicates"] for r in result["dispatch"]))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
