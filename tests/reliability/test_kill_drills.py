"""Kill drills (issue 15 §4): consoles killed with SIGKILL at seeded random points of a sync and of
sending the outbox, on SQLite and on PostgreSQL with two consoles at once. After the restarts the
cache equals what an uninterrupted sync stores, and every action was carried out exactly once
(one outcome in the journal, one effect at the marketplace).

A drill picks, per seed, which console dies and after how many of its steps (pages written,
dispatcher checkpoints), ``KILLS`` times, then lets the consoles finish. A failure names its seed;
replay it with ``SELLER_CONSOLE_DRILL_SEED=<seed>``. ``SELLER_CONSOLE_DRILL_SEEDS`` sets how many
seeds a run tries (default 1 per drill: KILLS kill points each, a few minutes in all; set
it to 12 for a few dozen points).
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app import models as m
from app.models import db
from app.models.outbox import DONE
from app.services.outbox import journal
from app.services.outbox.factory import file_store
from app.services.outbox.queue import Outbox
from app.services.supervision import actions as sv
from app.services.sync.engine import SyncEngine
from tests.cli.run import ROOT
from tests.reliability.drill_worker import FolderPaths
from tests.sandbox_fixtures import Sandbox
from tests.services.test_outbox import stage, sync_tasks, tasks_with_node

KILLS = 3
#: The tables a drill's sync writes, compared with an uninterrupted sync's.
TABLES = ("orders", "order_lines", "supervision_tasks", "tombstones", "set_aside_records")
STEP_TIMEOUT_S = 120


def drill_seeds() -> list[int]:
    replay = os.environ.get("SELLER_CONSOLE_DRILL_SEED")
    if replay:
        return [int(replay)]
    return list(range(int(os.environ.get("SELLER_CONSOLE_DRILL_SEEDS", "1"))))


class Console:
    """A drill worker process (``tests/reliability/drill_worker.py``) and its step lines."""

    def __init__(self, role: str, url: str, sb: Sandbox, folder: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SELLER_CONSOLE_AK": sb.access_key,
               "SELLER_CONSOLE_SK": sb.secret_key}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.drill_worker", role, url, sb.url,
             str(folder)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.errors: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_errors, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        with self.proc.stdout:
            for line in self.proc.stdout:
                self.lines.put(line.strip())
        self.lines.put(None)

    def _read_errors(self) -> None:
        assert self.proc.stderr is not None
        with self.proc.stderr:
            self.errors.extend(self.proc.stderr)

    def kill_after(self, steps: int) -> bool:
        """SIGKILL once the console passed ``steps`` steps; False if it finished first."""
        seen = 0
        while (line := self.lines.get(timeout=STEP_TIMEOUT_S)) is not None:
            if line == "done":
                continue
            seen += 1
            if seen >= steps:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.finish()
                return True
        self.proc.wait(STEP_TIMEOUT_S)
        return False

    def finish(self) -> int:
        code = self.proc.wait(STEP_TIMEOUT_S)
        while self.lines.get(timeout=STEP_TIMEOUT_S) is not None:  # its output, to the end
            pass
        return code


def drill(rng: random.Random, consoles: int, start: Any, most_steps: int) -> list[str]:
    """``KILLS`` rounds: all consoles start, a seeded one dies after a seeded number of steps,
    the others finish; then rounds without a kill until every console exits 0."""
    log = []
    for _ in range(KILLS):
        running = [start(n) for n in range(consoles)]
        victim, steps = rng.randrange(consoles), rng.randint(1, most_steps)
        killed = running[victim].kill_after(steps)
        log.append(f"console {victim} {'killed after' if killed else 'finished before'} "
                   f"step {steps}")
        for n, c in enumerate(running):
            if n != victim:
                c.finish()
    for _ in range(3):
        running = [start(n) for n in range(consoles)]
        codes = [c.finish() for c in running]
        if codes == [0] * consoles:
            return log
        log.append(f"exit codes {codes}: {[''.join(c.errors)[-300:] for c in running]}")
    raise AssertionError("the consoles never finished: " + "; ".join(log))


def contents(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    tables = m.Base.metadata.tables
    out = {}
    with engine.connect() as conn:
        for name in TABLES:
            table = tables[name]
            cols = [c for c in table.columns if c.name != "seen_at"]
            out[name] = [tuple(r) for r in conn.execute(
                select(*cols).order_by(*table.primary_key.columns))]
    return out


def _url(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'drill.sqlite3'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "consoles"), [("sqlite", 1), ("postgresql", 2)])
def test_sync_killed_at_random_points_ends_equal_to_an_uninterrupted_sync(
        own_sandbox: Sandbox, tmp_path: Path, request: pytest.FixtureRequest, kind: str,
        consoles: int) -> None:
    reference = db.open_cache(f"sqlite:///{tmp_path / 'reference.sqlite3'}")
    with own_sandbox.client() as client:
        assert SyncEngine(client, reference, page_limit=20).sync(
            ("orders", "supervision_tasks")).ok
    expected = contents(reference)
    reference.dispose()
    for seed in drill_seeds():
        url = _url(kind, tmp_path / f"seed{seed}", request) if kind == "sqlite" else \
            _fresh_pg(request)
        (tmp_path / f"seed{seed}").mkdir(exist_ok=True)
        log = drill(random.Random(seed), consoles,
                    lambda n, url=url: Console("sync", url, own_sandbox, tmp_path / f"pc{n}"),
                    most_steps=40)
        engine = db.open_cache(url)
        try:
            got = contents(engine)
        finally:
            engine.dispose()
        for name in TABLES:
            assert got[name] == expected[name], (
                f"seed {seed} ({'; '.join(log)}): {name} differs from an uninterrupted sync; "
                f"replay with SELLER_CONSOLE_DRILL_SEED={seed}")


def _fresh_pg(request: pytest.FixtureRequest) -> str:
    """Another PostgreSQL database of the test's own (one per seed)."""
    from tests.support.postgres import admin_url, scratch_database

    context = scratch_database(admin_url())
    url = context.__enter__()
    request.addfinalizer(lambda: context.__exit__(None, None, None))
    return url


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "consoles"), [("sqlite", 1), ("postgresql", 2)])
def test_sending_killed_at_random_points_carries_out_every_action_once(
        own_sandbox: Sandbox, tmp_path: Path, request: pytest.FixtureRequest, kind: str,
        consoles: int) -> None:
    for seed in drill_seeds():
        url = _url(kind, tmp_path / f"seed{seed}", request) if kind == "sqlite" else \
            _fresh_pg(request)
        (tmp_path / f"seed{seed}").mkdir(exist_ok=True)
        engine = db.open_cache(url)
        try:
            sync_tasks(own_sandbox, engine)
            confirm = tasks_with_node(engine, "商家确认需求", 7, any_state=True)
            deliver_task = confirm.pop()
            for tid in confirm:
                stage(own_sandbox, tid, "商家确认需求")
            with Session(engine) as s:
                found = s.get(m.SupervisionTask, deliver_task)
                assert found is not None
                node = next(n for n in found.flow_nodes or []
                            if n in ("商家实施服务", "商家上传交付凭证", "商家上传交付证明"))
            stage(own_sandbox, deliver_task, node)
            sync_tasks(own_sandbox, engine)
            # queued on the first console's computer, where its worker keeps its files
            store = file_store(engine, FolderPaths(tmp_path / "pc0"))  # type: ignore[arg-type]
            outbox = Outbox(engine, store, actor="drill@queue")
            big = tmp_path / f"交付材料{seed}.zip"  # several upload chunks
            with zipfile.ZipFile(big, "w", zipfile.ZIP_STORED) as z:
                z.writestr("现场照片.bin", random.Random(seed).randbytes(1024 * 1024))
            entries = [sv.queue_confirm(outbox, tid) for tid in confirm]
            entries.append(sv.queue_deliver(outbox, deliver_task, [big], "交付完成"))
            before = own_sandbox.admin("GET", "writes")["actions"]
            log = drill(random.Random(seed), consoles,
                        lambda n, url=url: Console("send", url, own_sandbox,
                                                   tmp_path / f"pc{n}"),
                        most_steps=12)
            where = f"seed {seed} ({'; '.join(log)}); replay with SELLER_CONSOLE_DRILL_SEED={seed}"
            states = [outbox.get(e.id) for e in entries]
            assert [e.state for e in states] == [DONE] * len(entries), (
                where, [e.last_error for e in states if e.state != DONE])
            with Session(engine) as s:
                for e in entries:
                    outcomes = s.scalars(select(m.JournalEntry.action).where(
                        m.JournalEntry.outbox_key == e.key,
                        m.JournalEntry.action.in_(("delivered", "refused")))).all()
                    assert list(outcomes) == ["delivered"], where
            assert own_sandbox.admin("GET", "writes")["actions"] - before == len(entries), where
            assert journal.verify(engine).ok, where
        finally:
            engine.dispose()
