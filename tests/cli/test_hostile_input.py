"""Issue 15 §3: a password in a PostgreSQL URL's query is refused by the profile check and by
``--db``, and never printed by ``profile list``; the sandbox refuses a non-loopback ``--host``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.config.profiles import InvalidProfile, Profile, shown_db_url, validate_db_url
from app.sandbox.cli import is_loopback
from tests.cli.run import one_line, run_cli

SECRET = "hunter2-Zq8T"


@pytest.mark.parametrize("url", [
    f"postgresql+psycopg://console@db/cache?password={SECRET}",
    f"postgresql+psycopg://console@db/cache?sslmode=require&PASSWORD={SECRET}",
    f"postgresql+psycopg://console:{SECRET}@db/cache",
])
def test_issue15_s3_a_password_anywhere_in_the_url_is_refused(url: str) -> None:
    with pytest.raises(InvalidProfile, match="password"):
        Profile("team", "https://marketplace.example.com", "AK1", db_url=url)
    with pytest.raises(InvalidProfile):
        validate_db_url(url)
    assert SECRET not in shown_db_url(url)


def test_issue15_s3_db_on_the_command_line_is_checked_and_list_never_prints_a_password(
    tmp_path: Path
) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "SELLER_CONSOLE_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = run_cli("outbox", "list", "--db",
                   f"postgresql+psycopg://console@127.0.0.1:9/cache?password={SECRET}", env=env)
    line = one_line(done)
    assert done.returncode == 7 and "password" in line and SECRET not in line
    bad = run_cli("outbox", "list", "--db", "not a url", env=env)
    assert bad.returncode == 7 and "not a URL" in one_line(bad)
    # a profiles file written before the check (by hand, or an older console)
    from app.config.paths import AppPaths

    profiles_file = AppPaths.from_env({"SELLER_CONSOLE_HOME": str(home)}).profiles_file
    profiles_file.parent.mkdir(parents=True, exist_ok=True)
    profiles_file.write_text(json.dumps({"version": 1, "profiles": [{
        "name": "team", "endpoint": "https://marketplace.example.com", "access_key": "AK1",
        "role": "seller",
        "db_url": f"postgresql+psycopg://console@db/cache?password={SECRET}"}]}))
    listed = run_cli("profile", "list", env=env)
    assert SECRET not in listed.stdout + listed.stderr
    assert "password" in one_line(listed)


def test_issue15_s3_the_sandbox_listens_on_loopback_only(tmp_path: Path) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert not is_loopback("example.com")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = run_cli("sandbox", "--host", "0.0.0.0", "--port", "0", "--orders", "5", env=env)
    assert done.returncode == 2
    assert "not a loopback address" in done.stderr
