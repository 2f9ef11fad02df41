"""``seller-console report-problem``: the window's Help → Report a problem… as a command (issue 17,
"First start": the log with secrets masked, versions and the cache's schema version in a ZIP)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import zipfile
from pathlib import Path

import pytest

from app.cli import report as report_cli
from app.cli.context import CliContext
from app.config.paths import AppPaths
from app.config.profiles import ProfileStore
from app.services.logs import LOG_FILE_NAME
from app.services.marketplace.credentials import CredentialStore
from tests.cli.run import one_line, run_cli
from tests.support.memory_keyring import MemoryKeyring

SK = "sk-ReportCli-W4pN8cQz2Hs"


@pytest.fixture
def ctx(tmp_path: Path) -> CliContext:
    paths = AppPaths.under(tmp_path / "home")
    paths.log_dir.mkdir(parents=True)
    (paths.log_dir / LOG_FILE_NAME).write_text(f"INFO old line secret_key={SK}\n", "utf-8")
    return CliContext(paths, ProfileStore(paths), CredentialStore(MemoryKeyring()),
                      environ={"SELLER_CONSOLE_SK": SK})


def _run(ctx: CliContext, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="seller-console")
    report_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["report-problem", *argv])
    code = args.handler(args, ctx)
    out, err = capsys.readouterr()
    return code, out, err


def test_writes_the_zip_and_says_where(ctx: CliContext, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "problem.zip"
    code, out, err = _run(ctx, capsys, "--out", str(out_file))
    assert (code, err) == (0, "")
    assert f"Wrote {out_file.resolve()} (1 log files)" in out
    assert "send it to your IT staff" in out
    with zipfile.ZipFile(out_file) as archive:
        assert sorted(archive.namelist()) == ["README.txt", "logs/console.log", "report.json"]
        report = json.loads(archive.read("report.json"))
        assert report["qt"].startswith(sys.modules["PySide6.QtCore"].qVersion())
        assert "secret_key=***" in archive.read("logs/console.log").decode()
    assert SK.encode() not in out_file.read_bytes()


def test_a_folder_or_nothing_gets_a_dated_zip(ctx: CliContext, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    code, out, _ = _run(ctx, capsys, "--out", str(folder))
    assert code == 0
    (made,) = folder.iterdir()
    assert made.name.startswith("seller-console-report-") and made.suffix == ".zip"
    monkeypatch.chdir(folder)
    assert _run(ctx, capsys)[0] == 0
    assert len(list(folder.glob("seller-console-report-*.zip"))) == 2


def test_a_wrong_out_is_one_line(ctx: CliContext, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(ctx, capsys, "--out", str(tmp_path / "report.txt"))
    assert code == 2 and out == ""
    assert err.strip() == ("seller-console: the report is a ZIP file: give --out a name ending "
                           "in .zip, or a folder")
    code, out, err = _run(ctx, capsys, "--out", str(tmp_path / "missing" / "r.zip"))
    assert code == 1 and len(err.splitlines()) == 1 and "does not exist" in err


def test_end_to_end_as_a_user_runs_it(tmp_path: Path) -> None:
    """The command a person types; the secret in the environment and the log stays out."""
    home = tmp_path / "home"
    AppPaths.under(home).log_dir.mkdir(parents=True)
    (AppPaths.under(home).log_dir / LOG_FILE_NAME).write_text(f"bare {SK}\n", "utf-8")
    env = {**os.environ, "SELLER_CONSOLE_HOME": str(home), "SELLER_CONSOLE_SK": SK}
    done = run_cli("report-problem", "--out", str(tmp_path / "r.zip"), env=env)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "r.zip").is_file()
    assert SK.encode() not in (tmp_path / "r.zip").read_bytes()
    bad = run_cli("report-problem", "--out", str(tmp_path / "r.txt"), env=env)
    assert bad.returncode == 2 and "ZIP" in one_line(bad)
