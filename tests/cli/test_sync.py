"""``seller-console sync`` and ``status`` as a user runs them, including a sync killed mid-way."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.run import run_cli as _cli
from tests.sandbox_fixtures import Sandbox

ROOT = Path(__file__).resolve().parents[2]


def _env(sb: Sandbox, secret: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["SELLER_CONSOLE_AK"] = sb.access_key
    env["SELLER_CONSOLE_SK"] = secret or sb.secret_key
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_sync_json_summary_and_status(sandbox: Sandbox, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    done = _cli("sync", "--endpoint", sandbox.url, "--db", db, "--json", env=_env(sandbox))
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["ok"] is True
    orders = summary["collections"]["orders"]
    assert set(orders) >= {"fetched", "inserted", "updated", "deleted", "set_aside", "seconds"}
    assert orders["inserted"] == sandbox.stats()["orders"]
    status = _cli("status", "--db", db, "--json", env=_env(sandbox))
    assert status.returncode == 0, status.stderr
    counts = json.loads(status.stdout)["counts"]
    stats = sandbox.stats()
    for name in summary["collections"]:
        assert counts[name] == stats[name], name
    table = _cli("status", "--db", db, env=_env(sandbox))
    assert "orders" in table.stdout and "never" not in table.stdout.split("partner_bills")[0]


def test_sync_only_some_collections(sandbox: Sandbox, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    done = _cli("sync", "--endpoint", sandbox.url, "--db", db, "--only", "demands,bills", "--json", env=_env(sandbox))
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)["collections"]) == {"demands", "bills"}
    bad = _cli("sync", "--endpoint", sandbox.url, "--db", db, "--only", "nonsense", env=_env(sandbox))
    assert bad.returncode == 2 and "unknown collection" in bad.stderr


@pytest.mark.parametrize(
    ("secret", "endpoint", "code", "words"),
    [
        ("wrong-secret-value", None, 3, "refused the access key"),
        (None, "http://127.0.0.1:9", 4, "did not answer"),
        (None, "http://example.com", 7, "allowed only for 127.0.0.1"),
    ],
    ids=["wrong-key", "unreachable", "plain-http-remote"],
)
def test_failures_end_in_one_clear_line(
    sandbox: Sandbox, tmp_path: Path, secret: str | None, endpoint: str | None, code: int, words: str
) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    done = _cli("sync", "--endpoint", endpoint or sandbox.url, "--db", db, "--timeout", "2", env=_env(sandbox, secret))
    assert done.returncode == code, done.stderr
    assert words in done.stderr
    assert "Traceback" not in done.stderr
    assert "wrong-secret-value" not in done.stderr + done.stdout
    assert sandbox.secret_key not in done.stderr + done.stdout


def _rows(db_path: Path, table: str) -> int:
    if not db_path.exists():
        return 0
    try:
        with sqlite3.connect(db_path, timeout=5) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("table", "at_least"),
    [("orders", 1), ("orders", 150), ("supervision_tasks", 20)],
    ids=["first-page", "mid-orders", "mid-tasks"],
)
def test_killed_sync_resumes_without_loss_or_duplicates(
    own_sandbox: Sandbox, tmp_path: Path, table: str, at_least: int
) -> None:
    own_sandbox.faults(latency_ms=15)
    db_path = tmp_path / "c.sqlite3"
    db = f"sqlite:///{db_path}"
    args = ("sync", "--endpoint", own_sandbox.url, "--db", db, "--page-limit", "20", "--json")
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", *args], cwd=ROOT, env=_env(own_sandbox),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while _rows(db_path, table) < at_least:
        assert proc.poll() is None, "sync finished before it could be killed; make it slower"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    present = _rows(db_path, "orders")
    assert present < own_sandbox.stats()["orders"] or table != "orders"
    own_sandbox.faults(latency_ms=0)
    done = _cli(*args, env=_env(own_sandbox))
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)["collections"]
    stats = own_sandbox.stats()
    # nothing stored twice: what the rerun inserted plus what was there equals the marketplace
    assert present + summary["orders"]["inserted"] == stats["orders"]
    for name, counts in summary.items():
        assert _rows(db_path, name) == stats[name], name
        assert counts["set_aside"] == 0
