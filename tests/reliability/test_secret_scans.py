"""Secret scans of issue 15 §4: crash reports, exported reports and the journal never contain a
secret key, a signature or a token (the log's masking is tested in tests/test_logs*.py; these
plant secrets where a person's work and the console's own failures are written, then scan).

* crash reports: a task of the window's bridge that crashes with the secret key, an
  ``Authorization`` header and a token in its exception writes its traceback to ``console.log``;
* exported reports: ``seller-console conformance`` with the seller's key, its JUnit, HTML and
  JSON reports and its ``--verbose`` log;
* the journal: a real sync, a queued action sent to the sandbox with the secret key (its request
  signed), then ``journal export``, ``outbox list --json``, ``evidence export`` and the log.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import zipfile
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.config.paths import AppPaths
from app.sandbox.production.endpoint import ReferenceEndpoint
from app.services.logs import register_secret, setup_logging
from app.views.bridge import Bridge
from tests.cli.run import ROOT, run_cli
from tests.sandbox_fixtures import running_sandbox

SK = "SK-planted-secret-4f9c2e"
ISV_KEY = "isv-planted-key-7a31d0"
TOKEN = "tok-planted-8d2b91e5c7"
#: A signature or token value written out: the name, then a long unmasked value.
SIGNED = re.compile(r"(?i)(signature|x-sign|authtoken|authorization|token)[\"']?\s*[:=]\s*"
                    r"[\"']?(?:SDK-HMAC-SHA256[^\"'\n]*Signature=)?(?![*\[<])[0-9A-Za-z+/=_-]{20,}")


def _scan(text: str, where: str, *planted: str) -> None:
    for secret in planted:
        assert secret not in text, f"{secret} in {where}"
    leak = SIGNED.search(text)
    assert leak is None, f"a signature or token in {where}: {leak.group(0) if leak else ''}"


def _logs(home: Path) -> str:
    return "".join(p.read_text("utf-8", errors="replace") for p in home.rglob("*.log*")
                   if p.is_file())


def test_a_crash_report_never_holds_the_secret_key_a_signature_or_a_token(
        qtbot: QtBot, tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "home")
    logging_setup = setup_logging(paths)
    register_secret(SK)  # as the credential store does for every key it hands out
    bridge = Bridge()
    signature = "a" * 64

    def crash(_ctx: object) -> None:
        headers = {"Authorization": f"SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host, "
                                    f"Signature={signature}", "X-Auth-Token": TOKEN}
        raise RuntimeError(f"request failed with secret {SK}, headers {headers}, "
                           f"token={TOKEN}")

    try:
        failures: list[BaseException] = []
        bridge.run(crash, name="planted crash", on_failure=failures.append)
        qtbot.waitUntil(lambda: bool(failures), timeout=20000)
    finally:
        bridge.wait_idle()
        logging_setup.close()
    written = Path(logging_setup.log_file).read_text("utf-8")
    assert "planted crash failed" in written and "Traceback" in written  # the report is there
    _scan(written, "console.log", SK, TOKEN, signature)


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELLER_CONSOLE_")}
    env.update({"SELLER_CONSOLE_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen",
                "PYTHONPATH": str(ROOT), "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
                **extra})
    return env


def test_exported_conformance_reports_never_hold_the_key_or_a_signature(tmp_path: Path) -> None:
    junit, page, report = tmp_path / "c.xml", tmp_path / "c.html", tmp_path / "c.json"
    env = _env(tmp_path, SELLER_CONSOLE_ISV_KEY=ISV_KEY)
    with ReferenceEndpoint("saas-v2", ISV_KEY) as endpoint:
        done = run_cli("--verbose", "conformance", "--url", endpoint.url, "--junit", str(junit),
                       "--html", str(page), "--json", env=env)
    assert done.returncode == 0, done.stderr
    report.write_text(done.stdout, encoding="utf-8")
    assert json.loads(done.stdout)["counts"]["failed"] == 0
    for path in (junit, page, report):
        _scan(path.read_text("utf-8"), path.name, ISV_KEY)
    _scan(done.stderr, "the verbose output", ISV_KEY)
    _scan(_logs(tmp_path / "home"), "console.log", ISV_KEY)


def test_the_journal_and_what_is_exported_from_it_never_hold_a_secret(tmp_path: Path) -> None:
    with running_sandbox(tmp_path / "sandbox", 400) as sb:
        env = _env(tmp_path, SELLER_CONSOLE_AK=sb.access_key, SELLER_CONSOLE_SK=sb.secret_key)
        db = f"sqlite:///{tmp_path / 'shop.sqlite3'}"
        common = ("--endpoint", sb.url, "--db", db)
        synced = run_cli("--verbose", "sync", *common, env=env)
        assert synced.returncode == 0, synced.stderr
        with sqlite3.connect(tmp_path / "shop.sqlite3") as conn:
            task = next((row for row in conn.execute(
                "SELECT id, allowed_actions FROM supervision_tasks ORDER BY id")
                if "确认需求" in json.loads(row[1] or "[]")), None)
        assert task is not None
        sent = run_cli("--verbose", "supervision", "confirm", task[0], *common, env=env)
        assert sent.returncode == 0, sent.stderr
        journal_csv = tmp_path / "journal.csv"
        exported = run_cli("journal", "export", "--out", str(journal_csv), *common, env=env)
        assert exported.returncode == 0, exported.stderr
        listed = run_cli("outbox", "list", "--json", *common, env=env)
        evidence = tmp_path / "evidence.zip"
        packed = run_cli("evidence", "export", task[0], "--out", str(evidence), *common, env=env)
        assert packed.returncode == 0, packed.stderr
        secret = sb.secret_key
    text = journal_csv.read_text("utf-8")
    assert "confirm" in text.lower() or "确认" in text  # the action is in the journal
    _scan(text, "the exported journal", secret)
    _scan(listed.stdout, "outbox list", secret)
    with zipfile.ZipFile(evidence) as z:
        for name in z.namelist():
            _scan(z.read(name).decode("utf-8", errors="replace"), f"evidence {name}", secret)
    for done in (synced, sent):
        _scan(done.stderr, "the verbose output", secret)
    _scan(_logs(tmp_path / "home"), "console.log", secret)
    with sqlite3.connect(tmp_path / "shop.sqlite3") as conn:
        rows = conn.execute("SELECT * FROM journal_entries").fetchall() + conn.execute(
            "SELECT * FROM outbox_entries").fetchall()
    _scan(repr(rows), "the journal and outbox tables", secret)
