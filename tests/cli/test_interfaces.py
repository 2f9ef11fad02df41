"""``seller-console interfaces list|call-again`` (issue 14 §3), run as a user runs it: the same
watchdog as the window's Integration area, 重新启动 through the outbox against the sandbox over
HTTP, refusals in one line in the user's language."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from app.cli.failures import EXIT_NOT_QUEUED
from tests.cli.catalogue import build_catalogue
from tests.cli.run import ROOT, one_line, run_cli
from tests.sandbox_fixtures import Sandbox


def _env(home: Path, sb: Sandbox) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SELLER_CONSOLE_", "PYTHON"))}
    env.update(SELLER_CONSOLE_HOME=str(home), PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
               SELLER_CONSOLE_AK=sb.access_key, SELLER_CONSOLE_SK=sb.secret_key)
    return env


def test_list_then_call_again_through_the_outbox(own_sandbox: Sandbox, tmp_path: Path) -> None:
    """§2.11: the calls sorted by their cliff; a call whose retries ended is called again (sent
    over HTTP, 已重新启动 after the next sync); a refunded newInstance is refused with why."""
    sb = own_sandbox
    # the command line counts time from this computer's clock: bring the sandbox's clock to it
    lag = datetime.now(UTC) - datetime.fromisoformat(sb.admin("GET", "clock")["now"])
    sb.admin("POST", "advance", {"hours": lag.total_seconds() / 3600})
    planted = sb.admin("POST", "interface-incident", {})
    env = _env(tmp_path / "home", sb)
    at = ("--endpoint", sb.url)
    assert run_cli("sync", *at, env=env).returncode == 0
    listed = run_cli("interfaces", "list", *at, "--all", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    calls = {c["messageId"]: c for c in data["calls"] if c["messageId"] in planted["messageIds"]}
    assert {c["stage"] for c in calls.values()} == {"retrying", "call_again", "refunded",
                                                    "resolved"}
    assert data["delistingThreshold"] == 5 and data["delistingThresholdConfirmed"] is False
    assert any(p["productId"] == planted["productId"] and p["over"] for p in data["products"])
    # with --fail-on-action, a scheduled check fails while a call needs the seller
    check = run_cli("interfaces", "list", *at, "--fail-on-action", env=env)
    assert check.returncode == 1 and "need you" in check.stdout
    target = next(m for m, c in calls.items() if c["stage"] == "call_again")
    refunded = next(m for m, c in calls.items() if c["stage"] == "refunded")
    done = run_cli("interfaces", "call-again", target, *at, env=env)
    assert done.returncode == 0, done.stderr
    assert "delivered" in done.stdout
    chinese = {**env, "SELLER_CONSOLE_TRANSLATIONS": str(build_catalogue(tmp_path / "qm"))}
    refused = run_cli("interfaces", "retry", refunded, *at, "--lang", "zh_CN", env=chinese)
    assert refused.returncode == EXIT_NOT_QUEUED
    line = one_line(refused)
    assert "newInstance" in line and "退款" in line and "refunded" not in line
    assert run_cli("sync", *at, env=env).returncode == 0
    after = json.loads(run_cli("interfaces", "list", *at, "--all", "--json", env=env).stdout)
    assert next(c for c in after["calls"] if c["messageId"] == target)["status"] == "已重新启动"
    unknown = run_cli("interfaces", "call-again", "MSG-NOPE", *at, "--queue-only", env=env)
    assert unknown.returncode == EXIT_NOT_QUEUED and "sync first" in one_line(unknown)
