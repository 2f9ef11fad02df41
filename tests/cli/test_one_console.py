"""Issue 13 §1: the window and the command line are one console.

The command line is run as a user runs it (a subprocess on a fresh ``SELLER_CONSOLE_HOME``):
the walk ``sync --endpoint`` → ``status`` → ``export`` → ``invoice list`` → ``invoice render``
with the same flags and, once there is one cache, with none; the built-in sandbox as a profile;
``company show|set``; the refusal of ``invoice render``; errors in one line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.cli.failures import EXIT_CHECKS, EXIT_CODE_TABLE, EXIT_CONFIG, EXIT_UNREACHABLE, EXIT_USAGE
from tests.cli.run import one_line as _one_line
from tests.cli.run import run_cli as _cli
from tests.sandbox_fixtures import Sandbox

ROOT = Path(__file__).resolve().parents[2]


def _env(home: Path, sb: Sandbox | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SELLER_CONSOLE_", "PYTHON"))}
    env.update(SELLER_CONSOLE_HOME=str(home), PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    if sb is not None:
        env.update(SELLER_CONSOLE_AK=sb.access_key, SELLER_CONSOLE_SK=sb.secret_key)
    return env


def _first_notice(listing: str) -> str:
    notices = json.loads(listing)
    assert notices, "the sandbox has invoice notices"
    return str(notices[0]["notice_id"])


def test_the_walk_with_the_same_flags_and_then_with_none(sandbox: Sandbox, tmp_path: Path) -> None:
    env = _env(tmp_path / "home", sandbox)
    at = ("--endpoint", sandbox.url)
    synced = _cli("sync", *at, "--json", env=env)
    assert synced.returncode == 0, synced.stderr
    for flags in (at, ()):  # the same flags, then none: it is the only cache there is
        status = _cli("status", *flags, "--json", env=env)
        assert status.returncode == 0, status.stderr
        assert json.loads(status.stdout)["counts"]["orders"] == sandbox.stats()["orders"]
        out = tmp_path / f"orders{len(flags)}.csv"
        exported = _cli("export", "orders", "--format", "csv", "--out", str(out), *flags, env=env)
        assert exported.returncode == 0, exported.stderr
        assert out.exists()
        listed = _cli("invoice", "list", *flags, "--json", env=env)
        assert listed.returncode == 0, listed.stderr
        notice = _first_notice(listed.stdout)
        pdf = tmp_path / f"n{len(flags)}.pdf"
        refused = _cli("invoice", "render", "--notice", notice, "--out", str(pdf), *flags, env=env)
        assert refused.returncode == EXIT_CHECKS, refused.stderr
        line = _one_line(refused)
        assert "company name" in line and "seller-console company set --name" in line
        assert not pdf.exists()
    # with the keys gone, --endpoint still finds the one cache made for it
    no_keys = _env(tmp_path / "home")
    assert _cli("status", *at, env=no_keys).returncode == 0


def test_company_set_then_render_makes_the_pdf(sandbox: Sandbox, tmp_path: Path) -> None:
    env = _env(tmp_path / "home", sandbox)
    assert _cli("sync", "--endpoint", sandbox.url, env=env).returncode == 0
    shown = _cli("company", "show", env=env)
    assert shown.returncode == 0 and "missing: Company name" in shown.stdout
    done = _cli("company", "set", "--name", "杭州示例科技有限公司", "--credit-code",
                "91330106MA2B0X123E", "--address", "杭州市西湖区文三路 1 号", "--phone",
                "0571-88880000", "--bank", "招商银行杭州分行", "--account", "5719000001",
                "--name-en", "Hangzhou Example Tech", "--address-en", "1 Wensan Rd, Hangzhou",
                "--swift", "CMBCCNBS", "--beneficiary", "Hangzhou Example Tech",
                "--bank-address", "Hangzhou", env=env)
    assert done.returncode == 0, done.stderr
    data = json.loads(_cli("company", "show", "--json", env=env).stdout)
    assert data["name"] == "杭州示例科技有限公司" and data["phone"] == "0571-88880000"
    notice = _first_notice(_cli("invoice", "list", "--json", env=env).stdout)
    pdf = tmp_path / "n.pdf"
    rendered = _cli("invoice", "render", "--notice", notice, "--out", str(pdf), env=env)
    assert rendered.returncode == 0, rendered.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "company profile" not in rendered.stderr


def test_profile_list_shows_the_built_in_sandbox_first(tmp_path: Path) -> None:
    done = _cli("profile", "list", "--json", env=_env(tmp_path / "home"))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["name"] == "sandbox"


def test_profile_add_without_a_keychain(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = subprocess.run(
        [sys.executable, "-m", "app", "profile", "add", "prod", "--endpoint",
         "https://api.example.com", "--access-key", "AKEXAMPLE0001", "--secret-stdin"],
        input="sk-never-in-a-file", cwd=ROOT, env=_env(home), capture_output=True, text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "SELLER_CONSOLE_SK" in done.stdout
    assert not any("sk-never-in-a-file" in f.read_text(errors="ignore")
                   for f in home.rglob("*") if f.is_file())
    listed = _cli("profile", "list", "--json", env=_env(home))
    assert [p["name"] for p in json.loads(listed.stdout)] == ["sandbox", "prod"]


def test_the_built_in_sandbox_is_a_profile_of_the_command_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = _env(home)
    # a small sandbox (the window's plan file says how many orders), so the test stays quick
    plan = home / "data" / "sandbox" / "console-sandbox.json"
    plan.parent.mkdir(parents=True)
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    plan.write_text(json.dumps({"seed": 1, "orders": 200, "start": today.isoformat()}))
    synced = _cli("sync", "--profile", "sandbox", "--json", env=env)
    assert synced.returncode == 0, synced.stderr
    assert (home / "data" / "caches" / "sandbox.sqlite3").exists()  # the window's sandbox cache
    for flags in (("--profile", "sandbox"), ()):  # no flag: the only cache there is
        status = _cli("status", *flags, "--json", env=env)
        assert status.returncode == 0, status.stderr
        assert json.loads(status.stdout)["counts"]["orders"] > 0


def test_a_sync_that_cannot_connect_says_one_line(tmp_path: Path) -> None:
    env = _env(tmp_path / "home")
    env.update(SELLER_CONSOLE_AK="AK", SELLER_CONSOLE_SK="SK")
    done = _cli("sync", "--endpoint", "http://127.0.0.1:9", "--timeout", "2", env=env)
    assert done.returncode == EXIT_UNREACHABLE
    _one_line(done)
    assert done.stdout == ""  # no table of zeros


def test_a_bad_choice_says_one_line_not_the_usage(tmp_path: Path) -> None:
    done = _cli("export", "orders", "--format", "pdf", "--out", "x.pdf", env=_env(tmp_path))
    assert done.returncode == EXIT_USAGE
    assert "pdf" in _one_line(done)


def test_no_cache_yet_says_how_to_start(tmp_path: Path) -> None:
    done = _cli("status", env=_env(tmp_path / "home"))
    assert done.returncode == EXIT_CONFIG
    assert "--profile sandbox" in _one_line(done)


def test_exit_codes_are_in_the_help_and_in_docs() -> None:
    shown = _cli("--help", env=_env(Path("/nonexistent")))
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for code, _text in EXIT_CODE_TABLE:
        assert f"\n  {code} " in shown.stdout, code
        assert f"| {code} " in docs, code


@pytest.mark.parametrize("command", [
    ("sync",), ("status",), ("export", "orders"), ("invoice", "list"), ("invoice", "render"),
    ("outbox", "list"), ("outbox", "send"), ("supervision", "confirm"), ("evidence", "export"),
    ("journal", "verify"), ("company", "show"), ("company", "set"),
])
def test_every_cache_command_takes_the_same_choice(command: tuple[str, ...]) -> None:
    from app.__main__ import build_parser

    parser = build_parser()
    action = next(a for a in parser._subparsers._group_actions)  # type: ignore[union-attr]
    sub = action.choices[command[0]]  # type: ignore[index]
    if len(command) > 1 and command[0] != "export":
        sub = next(a for a in sub._subparsers._group_actions).choices[command[1]]  # type: ignore[union-attr]
    options = {o for a in sub._actions for o in a.option_strings}
    assert {"--profile", "--endpoint", "--db"} <= options, command
