"""``seller-console profile ...``: handlers in-process, and once end to end in subprocesses."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from keyring.backends import fail

from app.cli import profile as profile_cli
from app.cli.context import CliContext
from app.config.paths import AppPaths
from app.config.profiles import Profile, ProfileStore
from app.config.settings import SettingsStore
from app.services.marketplace.credentials import SERVICE_NAME, CredentialsError, CredentialStore
from tests.support.memory_keyring import FILE_ENV, MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]
SECRET = "sk-cli-Zq8T3vYc1Nf0pLr7"
AK = "AKCLIEXAMPLE0000WXYZ"


@pytest.fixture
def keychain() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keychain: MemoryKeyring) -> CliContext:
    monkeypatch.setenv("SELLER_CONSOLE_HOME", str(tmp_path / "home"))
    paths = AppPaths.from_env()
    return CliContext(paths, ProfileStore(paths), CredentialStore(keychain), environ={})


def run(
    ctx: CliContext,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *argv: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="seller-console")
    profile_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = args.handler(args, ctx)
    out, err = capsys.readouterr()
    return code, out, err


ADD = ("profile", "add", "prod", "--endpoint", "https://api.example.com", "--access-key", AK)


def _one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("seller-console: ")
    return lines[0]


# --- add ---------------------------------------------------------------------------------------


def test_add_stores_the_secret_in_the_keychain_only(
    ctx: CliContext,
    keychain: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(ctx, monkeypatch, capsys, *ADD, "--secret-stdin", stdin=SECRET + "\n")
    assert (code, err) == (0, "")
    assert "Added profile 'prod' (seller, https://api.example.com)" in out
    assert "memory keyring MemoryKeyring" in out  # says where the secret is kept
    assert keychain.entries == {(SERVICE_NAME, "prod"): SECRET}
    assert ctx.profiles.get("prod") == Profile("prod", "https://api.example.com", AK, "seller")
    assert SECRET not in out
    files = [p for p in ctx.paths.config_dir.rglob("*") if p.is_file()]
    assert files and all(SECRET not in p.read_text(encoding="utf-8") for p in files)


def test_add_with_role_and_database(
    ctx: CliContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = (
        "profile", "add", "伙伴", "--endpoint", "http://127.0.0.1:8765", "--access-key", AK,
        "--role", "partner", "--db", "postgresql+psycopg://console@db/cache", "--secret-stdin",
    )  # fmt: skip
    code, out, _ = run(ctx, monkeypatch, capsys, *argv, stdin=SECRET)
    assert code == 0
    profile = ctx.profiles.get("伙伴")
    assert (profile.role, profile.db_url) == ("partner", "postgresql+psycopg://console@db/cache")


def test_add_asks_for_the_secret_on_a_terminal(
    ctx: CliContext,
    keychain: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    prompts: list[str] = []

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def fake_getpass(prompt: str) -> str:
        prompts.append(prompt)
        return SECRET

    parser = argparse.ArgumentParser(prog="seller-console")
    profile_cli.add_parser(parser.add_subparsers())
    args = parser.parse_args(ADD)
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(profile_cli.getpass, "getpass", fake_getpass)
    assert args.handler(args, ctx) == 0
    assert prompts == ["Secret key (SK) for profile 'prod': "]
    assert keychain.entries[(SERVICE_NAME, "prod")] == SECRET
    assert SECRET not in capsys.readouterr().out


def test_add_without_a_terminal_needs_secret_stdin(
    ctx: CliContext,
    keychain: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(ctx, monkeypatch, capsys, *ADD, stdin=SECRET)
    assert code == 1
    assert "--secret-stdin" in _one_error_line(err)
    assert ctx.profiles.list() == [] and keychain.entries == {}


def test_add_refuses_an_empty_secret(
    ctx: CliContext,
    keychain: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(ctx, monkeypatch, capsys, *ADD, "--secret-stdin", stdin="  \n")
    assert code == 1
    assert "empty" in _one_error_line(err)
    assert ctx.profiles.list() == [] and keychain.entries == {}


def test_add_refuses_a_duplicate_without_touching_its_secret(
    ctx: CliContext,
    keychain: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(ctx, monkeypatch, capsys, *ADD, "--secret-stdin", stdin=SECRET)[0] == 0
    code, _, err = run(ctx, monkeypatch, capsys, *ADD, "--secret-stdin", stdin="other-secret")
    assert code == 1
    assert "exists already" in _one_error_line(err)
    assert keychain.entries[(SERVICE_NAME, "prod")] == SECRET


@pytest.mark.parametrize(
    ("endpoint", "why"),
    [("http://api.example.com", "https://"), ("not a url", "must start with https://")],
)
def test_add_refuses_a_bad_endpoint_before_asking_for_the_secret(
    ctx: CliContext,
    keychain: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    endpoint: str,
    why: str,
) -> None:
    code, _, err = run(
        ctx, monkeypatch, capsys,
        "profile", "add", "prod", "--endpoint", endpoint, "--access-key", AK, "--secret-stdin",
        stdin=SECRET,
    )  # fmt: skip
    assert code == 1
    assert why in _one_error_line(err)
    assert sys.stdin.read() == SECRET  # the secret was never read
    assert ctx.profiles.list() == [] and keychain.entries == {}


def test_add_without_keychain_adds_the_profile_and_takes_the_secret_from_the_environment(
    ctx: CliContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 13: without a keychain the profile is added; its secret key comes from
    # SELLER_CONSOLE_SK when the profile is used, and is never read here nor written to a file.
    no_keychain = CliContext(ctx.paths, ctx.profiles, CredentialStore(fail.Keyring()), {})
    code, out, err = run(no_keychain, monkeypatch, capsys, *ADD, "--secret-stdin", stdin=SECRET)
    assert (code, err) == (0, "")
    assert "Added profile 'prod'" in out
    assert ("No usable keychain: the secret key cannot be stored on this computer. The profile "
            "was saved without its secret key. Give the keys to the console as the environment "
            "variables SELLER_CONSOLE_AK (access key) and SELLER_CONSOLE_SK (secret key)") in out
    assert "never writes the secret key to a file" in out
    assert ctx.profiles.names() == ["prod"]
    assert sys.stdin.read() == SECRET  # the secret was never read
    home = ctx.paths.config_dir.parent
    assert not any(SECRET in f.read_text(errors="ignore") for f in home.rglob("*") if f.is_file())
    scripted = CliContext(ctx.paths, ctx.profiles, CredentialStore(fail.Keyring()),
                          {"SELLER_CONSOLE_AK": AK, "SELLER_CONSOLE_SK": SECRET})
    creds = scripted.resolve("prod")
    assert (creds.profile_name, creds.secret_key) == ("prod", SECRET)


def test_set_secret_without_keychain_says_so_in_the_dialogs_words(
    ctx: CliContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 17: where the OS keychain is unavailable the console says so and offers the
    environment-variable path, the same words as the profile dialog, never a plain-text file."""
    ctx.profiles.add(Profile(name="prod", endpoint="https://api.example.com", access_key=AK))
    no_keychain = CliContext(ctx.paths, ctx.profiles, CredentialStore(fail.Keyring()), {})
    code, out, err = run(no_keychain, monkeypatch, capsys, "profile", "set-secret", "prod",
                         "--secret-stdin", stdin=SECRET)
    assert code == 7 and out == ""
    line = _one_error_line(err)
    assert line.startswith("seller-console: No usable keychain: the secret key cannot be stored "
                           "on this computer. Nothing was changed. Give the keys to the console "
                           "as the environment variables SELLER_CONSOLE_AK (access key) and "
                           "SELLER_CONSOLE_SK (secret key)")
    assert sys.stdin.read() == SECRET  # the secret was never read
    home = ctx.paths.config_dir.parent
    assert not any(SECRET in f.read_text(errors="ignore") for f in home.rglob("*") if f.is_file())


def test_add_refuses_the_built_in_sandbox_name(
    ctx: CliContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(ctx, monkeypatch, capsys, "profile", "add", "sandbox", "--endpoint",
                       "https://api.example.com", "--access-key", AK, "--secret-stdin",
                       stdin=SECRET)
    assert code == 1 and "built-in sandbox" in _one_error_line(err)
    assert ctx.profiles.list() == []


def test_add_takes_the_secret_back_if_the_profile_cannot_be_saved(
    ctx: CliContext,
    keychain: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def disk_full(profile: Profile) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ctx.profiles, "add", disk_full)
    code, _, err = run(ctx, monkeypatch, capsys, *ADD, "--secret-stdin", stdin=SECRET)
    assert code == 1
    assert "No space left on device" in _one_error_line(err)
    assert keychain.entries == {}


# --- list --------------------------------------------------------------------------------------


def test_list_when_empty_tells_how_to_add(
    ctx: CliContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(ctx, monkeypatch, capsys, "profile", "list")
    assert code == 0
    assert "No profiles yet" in out and "profile add" in out
    # Issue 13: the built-in sandbox is listed first, as in the window's profile switcher.
    assert out.splitlines()[1].split()[:2] == ["sandbox", "seller"]
    listed = json.loads(run(ctx, monkeypatch, capsys, "profile", "list", "--json")[1])
    assert [(p["name"], p["builtin"]) for p in listed] == [("sandbox", True)]


def _add_two(ctx: CliContext, store: CredentialStore) -> None:
    ctx.profiles.add(Profile("prod", "https://api.example.com", AK, "seller"))
    ctx.profiles.add(
        Profile("华为伙伴", "http://127.0.0.1:8765", "AKPARTNER000001", "partner", "sqlite:///x.db")
    )
    store.set_secret("prod", SECRET)


def test_list_shows_profiles_in_a_table_without_secrets(
    ctx: CliContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_two(ctx, ctx.credentials)
    code, out, _ = run(ctx, monkeypatch, capsys, "profile", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "ROLE", "ENDPOINT", "ACCESS", "KEY", "CACHE"]
    assert lines[1].split()[:2] == ["sandbox", "seller"]  # the built-in sandbox first (issue 13)
    lines = [lines[0], *lines[2:]]
    assert lines[1].split() == ["prod", "seller", "https://api.example.com", "****WXYZ", "default"]
    assert lines[2].split() == [
        "华为伙伴", "partner", "http://127.0.0.1:8765", "****0001", "sqlite:///x.db",
    ]  # fmt: skip
    # columns line up on a terminal even with double-width Chinese characters
    assert profile_cli._width(lines[1].split("seller")[0]) == profile_cli._width(
        lines[2].split("partner")[0]
    )
    assert SECRET not in out and AK not in out


def test_list_json(
    ctx: CliContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_two(ctx, ctx.credentials)
    code, out, _ = run(ctx, monkeypatch, capsys, "profile", "list", "--json")
    assert code == 0
    data = json.loads(out)
    assert data[0]["name"] == "sandbox" and data[0]["builtin"] is True  # issue 13
    data = data[1:]
    assert data[0] == {
        "name": "prod",
        "builtin": False,
        "role": "seller",
        "endpoint": "https://api.example.com",
        "access_key_hint": "****WXYZ",
        "db_url": ctx.paths.default_db_url("prod"),
        "db_url_is_default": True,
    }
    assert data[1]["name"] == "华为伙伴" and data[1]["db_url_is_default"] is False
    assert SECRET not in out and AK not in out


def test_list_reports_a_damaged_profiles_file_in_one_line(
    ctx: CliContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx.paths.config_dir.mkdir(parents=True)
    ctx.paths.profiles_file.write_text("{oops", encoding="utf-8")
    code, _, err = run(ctx, monkeypatch, capsys, "profile", "list")
    assert code == 1
    assert "profiles.json" in _one_error_line(err)


# --- remove and set-secret ---------------------------------------------------------------------


def test_remove_deletes_the_profile_its_secret_and_the_last_profile_setting(
    ctx: CliContext,
    keychain: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _add_two(ctx, ctx.credentials)
    SettingsStore(ctx.paths).update(last_profile="prod", language="en")
    code, out, err = run(ctx, monkeypatch, capsys, "profile", "remove", "prod")
    assert (code, err) == (0, "")
    assert "Removed profile 'prod'" in out and "secret key was deleted" in out
    assert ctx.profiles.names() == ["华为伙伴"]
    assert keychain.entries == {}
    settings = SettingsStore(ctx.paths).load()
    assert (settings.last_profile, settings.language) == (None, "en")


def test_remove_unknown_profile(
    ctx: CliContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(ctx, monkeypatch, capsys, "profile", "remove", "nope")
    assert code == 1
    assert _one_error_line(err) == "seller-console: no profile named 'nope'"


def test_remove_without_keychain_removes_the_profile_and_says_the_secret_stayed(
    ctx: CliContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_two(ctx, ctx.credentials)
    no_keychain = CliContext(ctx.paths, ctx.profiles, CredentialStore(fail.Keyring()), {})
    code, out, err = run(no_keychain, monkeypatch, capsys, "profile", "remove", "prod")
    assert code == 1
    assert "Removed profile 'prod'" in out
    assert "could not be deleted" in _one_error_line(err)
    assert ctx.profiles.names() == ["华为伙伴"]


def test_set_secret_replaces_the_stored_secret(
    ctx: CliContext,
    keychain: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _add_two(ctx, ctx.credentials)
    code, out, _ = run(
        ctx, monkeypatch, capsys, "profile", "set-secret", "prod", "--secret-stdin", stdin="new-sk"
    )
    assert code == 0 and "Stored the secret key of profile 'prod'" in out
    assert keychain.entries[(SERVICE_NAME, "prod")] == "new-sk"
    code, _, err = run(
        ctx, monkeypatch, capsys, "profile", "set-secret", "nope", "--secret-stdin", stdin="x"
    )
    assert code == 1 and "no profile named 'nope'" in _one_error_line(err)


def test_ctrl_c_at_the_prompt_cancels_cleanly(
    ctx: CliContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def interrupted(prompt: str) -> str:
        raise KeyboardInterrupt

    parser = argparse.ArgumentParser(prog="seller-console")
    profile_cli.add_parser(parser.add_subparsers())
    args = parser.parse_args(ADD)
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(profile_cli.getpass, "getpass", interrupted)
    assert args.handler(args, ctx) == 130
    assert _one_error_line(capsys.readouterr().err) == "seller-console: cancelled"
    assert ctx.profiles.list() == []


def test_the_profile_command_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="seller-console")
    profile_cli.add_parser(parser.add_subparsers())
    with pytest.raises(SystemExit) as info:
        parser.parse_args(["profile"])
    assert info.value.code == 2
    assert "ACTION" in capsys.readouterr().err


# --- the context helpers used by other commands ------------------------------------------------


def test_context_picks_the_default_profile(ctx: CliContext) -> None:
    with pytest.raises(CredentialsError, match="no profile or cache yet"):
        ctx.default_profile_name()
    ctx.profiles.add(Profile("prod", "https://api.example.com", AK))
    assert ctx.default_profile_name() == "prod"  # the only one
    ctx.profiles.add(Profile("test", "http://127.0.0.1:8765", AK))
    with pytest.raises(CredentialsError, match="several caches exist"):
        ctx.default_profile_name()
    SettingsStore(ctx.paths).update(last_profile="test")
    assert ctx.default_profile_name() == "test"


def test_context_resolves_keys_and_caches(ctx: CliContext) -> None:
    ctx.profiles.add(Profile("prod", "https://api.example.com", AK))
    ctx.credentials.set_secret("prod", SECRET)
    creds = ctx.resolve(None)
    assert (creds.profile_name, creds.secret_key) == ("prod", SECRET)
    none = argparse.Namespace(profile=None, endpoint=None, db=None)
    assert ctx.choose(none).db_url == ctx.paths.default_db_url("prod")
    with pytest.raises(CredentialsError, match="no profile named 'nope'"):
        ctx.choose(argparse.Namespace(profile="nope", endpoint=None, db=None))
    at = argparse.Namespace(profile=None, endpoint="http://127.0.0.1:8765", db=None)
    env = {"SELLER_CONSOLE_AK": "AK1", "SELLER_CONSOLE_SK": SECRET}
    one = CliContext(ctx.paths, ctx.profiles, ctx.credentials, env).choose(at).db_url
    other_env = {"SELLER_CONSOLE_AK": "AK2", "SELLER_CONSOLE_SK": SECRET}
    two = CliContext(ctx.paths, ctx.profiles, ctx.credentials, other_env).choose(at).db_url
    assert one != two  # two accounts on one endpoint never share a cache
    assert one.startswith("sqlite:///") and "AK1" not in one
    sandbox = ctx.choose(argparse.Namespace(profile="sandbox", endpoint=None, db=None))
    assert sandbox.kind == "sandbox" and sandbox.db_url.endswith("/caches/sandbox.sqlite3")


def test_from_env_uses_the_home_folder(tmp_path: Path) -> None:
    ctx = CliContext.from_env({"SELLER_CONSOLE_HOME": str(tmp_path)})
    assert ctx.paths == AppPaths.under(tmp_path)
    assert ctx.profiles.file == tmp_path / "config" / "profiles.json"


# --- end to end: separate processes, a file-backed test keychain -------------------------------

DRIVER = """
import argparse, sys
from app.cli import profile
from app.cli.context import CliContext
parser = argparse.ArgumentParser(prog="seller-console")
profile.add_parser(parser.add_subparsers())
args = parser.parse_args(sys.argv[1:])
ctx = CliContext.from_env()
if args.profile_command == "list" and ctx.profiles.names():
    creds = ctx.resolve(ctx.profiles.names()[0])
    print("resolved", repr(creds), "sk-length", len(creds.secret_key), file=sys.stderr)
sys.exit(args.handler(args, ctx))
"""


@pytest.mark.slow
def test_profile_commands_across_processes(tmp_path: Path) -> None:
    keyring_file = tmp_path / "keyring.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SELLER_CONSOLE_", "PYTHON"))}
    env.update(
        SELLER_CONSOLE_HOME=str(tmp_path / "home"),
        PYTHON_KEYRING_BACKEND="tests.support.memory_keyring.FileKeyring",
        PYTHONPATH=str(ROOT),
        **{FILE_ENV: str(keyring_file)},
    )

    def cli(*argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", DRIVER, *argv],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=60,
        )

    added = cli("profile", *ADD[1:], "--secret-stdin", stdin=SECRET + "\n")
    assert added.returncode == 0, added.stderr
    assert "tests.support" not in added.stderr
    assert json.loads(keyring_file.read_text())[SERVICE_NAME] == {"prod": SECRET}

    listed = cli("profile", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [p["name"] for p in json.loads(listed.stdout)] == ["sandbox", "prod"]  # issue 13
    assert f"sk-length {len(SECRET)}" in listed.stderr  # another process read it back
    assert SECRET not in listed.stdout + listed.stderr

    removed = cli("profile", "remove", "prod")
    assert removed.returncode == 0, removed.stderr
    assert json.loads(keyring_file.read_text())[SERVICE_NAME] == {}

    failed = cli("profile", "remove", "prod")
    assert failed.returncode == 1
    assert failed.stderr.strip() == "seller-console: no profile named 'prod'"


def test_profile_test_says_what_the_window_says(
    ctx: CliContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    keychain: MemoryKeyring, tmp_path: Path,
) -> None:
    """Issue 17 (one console, two front ends): `profile test` is the dialog's Test Connection,
    with the same words and the manual proxy of Settings → Network (the same settings file)."""
    from app.sandbox.server import SandboxServer
    from tests.support.local_servers import fixed_proxy

    with SandboxServer(seed=3, orders=50, data_dir=tmp_path / "sb") as server:
        ctx.profiles.add(Profile("shop", server.url, server.access_key))
        keychain.set_password(SERVICE_NAME, "shop", server.secret_key)
        code, out, _err = run(ctx, monkeypatch, capsys, "profile", "test", "shop")
        assert (code, out.strip()) == (0, "Connected: the marketplace accepted the keys.")
        keychain.set_password(SERVICE_NAME, "shop", "a-wrong-secret")
        code, _out, err = run(ctx, monkeypatch, capsys, "profile", "test", "shop")
        assert code == 3 and err.startswith("seller-console: Wrong key:")
        assert "a-wrong-secret" not in err

    with fixed_proxy(407) as proxy:
        ctx.profiles.add(Profile("live", "https://mkt.myhuaweicloud.com", AK))
        keychain.set_password(SERVICE_NAME, "live", SECRET)
        SettingsStore(ctx.paths).update(proxy_mode="manual", proxy_url=proxy.url)
        code, out, _err = run(ctx, monkeypatch, capsys, "profile", "test", "live", "--json")
    answer = json.loads(out)
    assert (code, answer["result"], answer["proxy"]) == (4, "proxy_auth", proxy.url)
