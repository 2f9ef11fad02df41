"""``seller-console conformance`` (issue 14 §1) against the sandbox's reference production
interface: exit 0 only when no check failed, the JUnit file as the report counts it, an
unreachable URL in one line, the key from the environment or the keychain."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

from app.cli.failures import EXIT_CONFIG, EXIT_CONFORMANCE, EXIT_UNREACHABLE
from app.sandbox.production.endpoint import ReferenceEndpoint
from tests.cli.run import one_line, run_cli

KEY = "cli-conformance-key-5678"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELLER_CONSOLE_")}
    env.update({"SELLER_CONSOLE_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen",
                "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring", **extra})
    return env


def test_a_conforming_endpoint_exits_0_and_writes_junit_and_html(tmp_path: Path) -> None:
    junit, page = tmp_path / "c.xml", tmp_path / "c.html"
    with ReferenceEndpoint("saas-v2", KEY) as endpoint:
        done = run_cli("conformance", "--url", endpoint.url, "--junit", str(junit),
                       "--html", str(page), env=_env(tmp_path, SELLER_CONSOLE_ISV_KEY=KEY))
    assert done.returncode == 0, done.stdout + done.stderr
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "0"
    assert int(suite.get("tests", "0")) == len(suite.findall("testcase")) >= 20
    assert "0 failed" in done.stdout
    assert KEY not in page.read_text(encoding="utf-8") + done.stdout


def test_a_failed_check_exits_11_and_names_it(tmp_path: Path) -> None:
    with ReferenceEndpoint("kit", KEY, ["accept_replay"]) as endpoint:
        done = run_cli("conformance", "--url", endpoint.url, "--family", "kit", "--json",
                       env=_env(tmp_path, SELLER_CONSOLE_ISV_KEY=KEY))
    assert done.returncode == EXIT_CONFORMANCE
    import json

    report = json.loads(done.stdout)
    assert [c["name"] for c in report["checks"] if c["status"] == "failed"] == \
        ["security.replayed_nonce"]
    assert report["counts"]["failed"] == 1


def test_an_unreachable_url_is_one_line(tmp_path: Path) -> None:
    with ReferenceEndpoint("saas-v2", KEY) as endpoint:
        url = endpoint.url
    done = run_cli("conformance", "--url", url, env=_env(tmp_path, SELLER_CONSOLE_ISV_KEY=KEY))
    assert done.returncode == EXIT_UNREACHABLE
    assert "cannot reach" in one_line(done)
    assert done.stdout == ""


def test_without_a_key_it_says_where_to_put_one(tmp_path: Path) -> None:
    done = run_cli("conformance", "--url", "http://127.0.0.1:9/x", env=_env(tmp_path))
    assert done.returncode == EXIT_CONFIG
    assert "SELLER_CONSOLE_ISV_KEY" in one_line(done)


def test_a_wrong_setting_is_a_usage_error(tmp_path: Path) -> None:
    done = run_cli("conformance", "--url", "http://127.0.0.1:9/x", "--set", "nope=1",
                   env=_env(tmp_path, SELLER_CONSOLE_ISV_KEY=KEY))
    assert done.returncode == 2
    assert "unknown setting" in one_line(done)


def test_the_key_read_once_is_kept_for_the_profile(tmp_path: Path) -> None:
    """--key-stdin with --profile keeps the key in the keychain; the next run needs only
    --profile (the key never on the command line, in a file of ours or in the output)."""
    import subprocess
    import sys

    from tests.cli.run import ROOT
    from tests.support.memory_keyring import FILE_ENV

    keyring_file = tmp_path / "keyring.json"
    env = _env(tmp_path, PYTHON_KEYRING_BACKEND="tests.support.memory_keyring.FileKeyring",
               PYTHONPATH=str(ROOT), **{FILE_ENV: str(keyring_file)})
    with ReferenceEndpoint("license", KEY) as endpoint:
        first = subprocess.run(
            [sys.executable, "-m", "app", "conformance", "--url", endpoint.url, "--family",
             "license", "--profile", "prod", "--key-stdin"], cwd=ROOT, env=env, input=KEY + "\n",
            capture_output=True, text=True, timeout=240)
        assert first.returncode == 0, first.stderr
        assert keyring_file.exists()
        again = run_cli("conformance", "--url", endpoint.url, "--family", "license",
                        "--profile", "prod", env=env)
    assert again.returncode == 0, again.stderr
    assert KEY not in first.stdout + again.stdout
    home = tmp_path / "home"
    assert not any(KEY in p.read_text(errors="ignore") for p in home.rglob("*") if p.is_file())


def test_the_lines_are_in_chinese_with_lang_zh_cn(tmp_path: Path) -> None:
    with ReferenceEndpoint("saas-v2", KEY, ["ignore_timestamp"]) as endpoint:
        done = run_cli("conformance", "--url", endpoint.url, "--lang", "zh_CN",
                       env=_env(tmp_path, SELLER_CONSOLE_ISV_KEY=KEY))
    assert done.returncode == EXIT_CONFORMANCE
    assert "超过 60 秒的时间戳被拒绝" in done.stdout
    assert "失败" in done.stdout
