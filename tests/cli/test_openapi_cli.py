"""``seller-console license|usage|order`` (issue 14 §2) as a user runs them, against the sandbox over
real HTTP; the usage push killed mid-run (the process ends abruptly) and run again sends no
record twice (interfaces.md §7.3)."""

from __future__ import annotations

import csv
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.sandbox import DEMO_ISV_KEY
from tests.cli.run import ROOT, one_line, run_cli
from tests.sandbox_fixtures import Sandbox


def _env(sb: Sandbox, isv_key: str = DEMO_ISV_KEY, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(SELLER_CONSOLE_AK=sb.access_key, SELLER_CONSOLE_SK=sb.secret_key,
               SELLER_CONSOLE_ISV_KEY=isv_key, PYTHONPATH=str(ROOT), **extra)
    return env


def test_license_activate_twice_and_query(own_sandbox: Sandbox, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    where = ("--endpoint", own_sandbox.url, "--db", db)
    first = run_cli("license", "activate", "TESTLIC-0005", *where, env=_env(own_sandbox))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("TESTLIC-0005: activated (Active); order MOCKPERIODYEARNEW")
    again = run_cli("license", "activate", "TESTLIC-0005", *where, env=_env(own_sandbox))
    assert again.returncode == 0 and "already activated on" in again.stdout
    undelivered = run_cli("license", "activate", "TESTLIC-UNDELIVERED", *where, "--json",
                          env=_env(own_sandbox))
    assert undelivered.returncode == 8
    [answer] = json.loads(undelivered.stdout)["licenses"]
    assert answer["code"] == "92020004"
    assert answer["meaning"] == "The buyer has not received this license code yet"
    bad = run_cli("license", "query", "has blank", *where, env=_env(own_sandbox))
    assert bad.returncode == 2 and "1 to 64 characters" in one_line(bad)


def test_order_query_mock_order_and_unknown(own_sandbox: Sandbox, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    where = ("--endpoint", own_sandbox.url, "--db", db)
    done = run_cli("order", "query", "MOCKMONTYRENEW", "--line", "MOCKMONTYRENEW-000001", *where,
                   env=_env(own_sandbox))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("order MOCKMONTYRENEW (test order): Renewal, ordered ")
    assert lines[1].startswith("  line MOCKMONTYRENEW-000001: Subscription, 1 month")
    assert lines[-1] == "cache: this order is not in the cache"
    missing = run_cli("order", "query", "NOPE", *where, "--json", env=_env(own_sandbox))
    assert missing.returncode == 8
    assert json.loads(missing.stdout)["marketplace"]["code"] == "MKT.0101"


def test_order_query_beside_a_synced_cache(own_sandbox: Sandbox, tmp_path: Path) -> None:
    """An order the cache holds: KooGallery's answer agrees with the synced copy."""
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    where = ("--endpoint", own_sandbox.url, "--db", db)
    synced = run_cli("sync", *where, "--only", "orders", env=_env(own_sandbox))
    assert synced.returncode == 0, synced.stderr
    from sqlalchemy import select

    from app.models import db as cache_db
    from app.models.orders import Order

    engine = cache_db.open_cache(db)
    with engine.connect() as conn:
        order_id = conn.execute(select(Order.id).limit(1)).scalar_one()
    engine.dispose()
    done = run_cli("order", "query", order_id, *where, "--json", env=_env(own_sandbox))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["marketplace"]["found"] and result["cache"]["present"]
    assert result["cache"]["differences"] == [] and result["cache"]["linesNotInCache"] == []


def _usage_file(path: Path, n: int, bad: bool = False) -> Path:
    begin = datetime.now(UTC) - timedelta(days=2)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["instance_id", "record_time", "begin_time", "end_time", "usage_value",
                    "metering_sn"])
        for i in range(n):
            b = begin + timedelta(minutes=i)
            t = (b + timedelta(minutes=1)).strftime("%Y%m%dT%H%M%SZ")
            w.writerow(["inst-1", t, b.strftime("%Y%m%dT%H%M%SZ"), t, "0.5", f"cli-{i:04d}"])
        if bad:
            w.writerow(["inst-1", t, t, t, "-1", "cli-negative"])
    return path


def test_usage_push_names_refused_rows(own_sandbox: Sandbox, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    path = _usage_file(tmp_path / "u.csv", 5, bad=True)
    done = run_cli("usage", "push", str(path), "--endpoint", own_sandbox.url, "--db", db,
                   env=_env(own_sandbox))
    assert done.returncode == 8, done.stderr
    assert "line 7 (cli-negative): usage_value must be greater than 0" in done.stdout
    assert "5 records sent, 0 waiting, 0 refused by KooGallery, 1 rows refused here" in done.stdout
    assert own_sandbox.admin("GET", "openapi")["usageRecords"] == 5


def test_usage_push_killed_mid_run_and_run_again(own_sandbox: Sandbox, tmp_path: Path) -> None:
    """The process dies (os._exit) as the second batch is marked for sending; the same command
    again sends what is left, and KooGallery holds every record exactly once."""
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    path = _usage_file(tmp_path / "u.csv", 250)
    args = ("usage", "push", str(path), "--endpoint", own_sandbox.url, "--db", db,
            "--batch-size", "100", "--json")
    killed = run_cli(*args, env=_env(own_sandbox, SELLER_CONSOLE_CRASH_AT="answered:2"))
    assert killed.returncode == 99
    assert own_sandbox.admin("GET", "openapi")["usageRecords"] == 200  # two batches arrived
    again = run_cli(*args, env=_env(own_sandbox))
    assert again.returncode == 0, again.stderr
    result = json.loads(again.stdout)
    assert result["alreadyQueued"] == 250 and result["counts"]["sent"] == 250
    snap = own_sandbox.admin("GET", "openapi")
    assert snap["usageRecords"] == 250
    # The batch whose answer died with the process came again and was dropped by metering_sn;
    # nothing else arrived twice.
    assert len(snap["repeats"]) == 100 and set(snap["repeats"].values()) == {2}
    third = run_cli(*args, env=_env(own_sandbox))
    assert json.loads(third.stdout)["counts"]["sent"] == 250
    assert own_sandbox.admin("GET", "openapi")["usageRequests"] == snap["usageRequests"]


def test_usage_push_wrong_key_is_named(own_sandbox: Sandbox, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    path = _usage_file(tmp_path / "u.csv", 2)
    done = run_cli("usage", "push", str(path), "--endpoint", own_sandbox.url, "--db", db,
                   env=_env(own_sandbox, isv_key="wrong"))
    assert done.returncode == 8
    assert "cli-0000: refused by KooGallery: MKT.0102" in done.stdout


def test_unreadable_usage_file_is_one_line(own_sandbox: Sandbox, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    done = run_cli("usage", "push", str(tmp_path / "missing.csv"), "--endpoint", own_sandbox.url,
                   "--db", db, env=_env(own_sandbox))
    assert done.returncode == 2
    assert "missing.csv" in one_line(done)
