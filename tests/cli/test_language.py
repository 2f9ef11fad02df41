"""Issue 13: the command line speaks the user's language (``--lang``, else the window's setting,
else the system locale), with the window's catalogue; ``--json`` and codes stay as they are.

The CLI runs as a user runs it (a subprocess on a fresh ``SELLER_CONSOLE_HOME``). Its Chinese
words reach the shipped ``.qm`` only when the integrator regenerates it (update.sh), so the
subprocess tests read a catalogue compiled here the same way (:mod:`tests.cli.catalogue`,
``SELLER_CONSOLE_TRANSLATIONS``).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from app.cli.failures import EXIT_CHECKS, EXIT_CONFIG, EXIT_UNREACHABLE, EXIT_USAGE
from app.cli.language import command_line_language, language_option, system_language
from app.config.paths import AppPaths
from app.config.settings import SettingsStore
from tests.cli.catalogue import build_catalogue, collect, pending, unfinished
from tests.cli.run import one_line as _one_line
from tests.cli.run import run_cli as _cli
from tests.sandbox_fixtures import Sandbox

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_catalogue(tmp_path_factory.mktemp("catalogue"))


def _env(home: Path, catalogue: Path, lang: str = "C.UTF-8", sb: Sandbox | None = None,
         ) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SELLER_CONSOLE_", "PYTHON", "LC_", "LANG"))}
    env.update(SELLER_CONSOLE_HOME=str(home), PYTHONPATH=str(ROOT), LANG=lang,
               SELLER_CONSOLE_TRANSLATIONS=str(catalogue),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    if sb is not None:
        env.update(SELLER_CONSOLE_AK=sb.access_key, SELLER_CONSOLE_SK=sb.secret_key)
    return env


def _chinese(text: str) -> bool:
    return bool(CJK.search(text))


# -- choosing the language ---------------------------------------------------------------------

def test_the_option_is_found_anywhere_and_the_last_one_wins() -> None:
    assert language_option(["status", "--lang", "zh_CN"]) == "zh_CN"
    assert language_option(["--lang=zh_CN", "export", "orders", "--lang", "en"]) == "en"
    assert language_option(["--lang", "fr", "status"]) is None  # argparse says it is wrong
    assert language_option(["status", "--", "--lang", "zh_CN"]) is None


def test_the_system_locale_as_qt_reads_it() -> None:
    assert system_language({"LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert system_language({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert system_language({"LC_MESSAGES": "zh_TW.UTF-8"}) == "zh_CN"
    assert system_language({}) == "en"


def test_option_then_saved_setting_then_system(tmp_path: Path) -> None:
    env = {"SELLER_CONSOLE_HOME": str(tmp_path), "LANG": "zh_CN.UTF-8"}
    assert command_line_language([], env) == "zh_CN"  # "system" (the default setting)
    SettingsStore(AppPaths.from_env(env)).update(language="en")
    assert command_line_language([], env) == "en"  # what the window uses
    assert command_line_language(["--lang", "zh_CN"], env) == "zh_CN"


# -- the catalogue -----------------------------------------------------------------------------

def test_lupdate_collects_the_command_lines_words_and_each_has_chinese(tmp_path: Path) -> None:
    ts = collect(tmp_path)  # a copy of the real .ts, updated from the sources as update.sh does
    found = unfinished(ts)
    cli_contexts = {c for c in found if c.startswith("Cli")}
    assert {"CliFailures", "CliExitCodes", "CliSync", "CliStatus", "CliInvoice", "CliExport",
            "CliUsage", "CliProfile", "CliCompany", "CliCache"} <= cli_contexts | set(
                c for c in pending() if c.startswith("Cli"))
    words = pending()
    missing = [f"{c}: {s}" for c, sources in found.items() for s in sources
               if not words.get(c, {}).get(s)]
    assert missing == []
    for context, table in words.items():  # pending Chinese keeps every placeholder
        for english, chinese in table.items():
            assert set(re.findall(r"\{\w*\}", english)) == set(re.findall(r"\{\w*\}", chinese)), \
                (context, english)


def test_update_sh_scans_the_command_line() -> None:
    script = (ROOT / "resources" / "translations" / "update.sh").read_text(encoding="utf-8")
    assert "app/cli" in script and "app/views" in script and "app/__main__.py" in script


# -- the walk in both languages ----------------------------------------------------------------

def _walk(env: dict[str, str], tmp: Path, at: tuple[str, ...], *lang: str) -> dict[str, str]:
    """sync → status → export → invoice list → invoice render; what each printed."""
    seen: dict[str, str] = {}
    synced = _cli(*lang, "sync", *at, env=env)
    assert synced.returncode == 0, synced.stderr
    seen["sync"] = synced.stdout
    status = _cli(*lang, "status", *at, env=env)
    assert status.returncode == 0, status.stderr
    seen["status"] = status.stdout
    out = tmp / "orders.csv"
    exported = _cli(*lang, "export", "orders", "--format", "csv", "--out", str(out), *at,
                    env=env)
    assert exported.returncode == 0, exported.stderr
    assert out.exists()
    seen["export"] = exported.stdout
    listed = _cli(*lang, "invoice", "list", *at, env=env)
    assert listed.returncode == 0, listed.stderr
    seen["invoice list"] = listed.stdout
    notice = json.loads(_cli("invoice", "list", *at, "--json", env=env).stdout)[0]["notice_id"]
    pdf = tmp / "n.pdf"
    refused = _cli(*lang, "invoice", "render", "--notice", str(notice), "--out", str(pdf), *at,
                   env=env)
    assert refused.returncode == EXIT_CHECKS, refused.stderr
    assert not pdf.exists()
    seen["invoice render"] = _one_line(refused)
    bad = _cli(*lang, "export", "orders", "--format", "pdf", "--out", str(tmp / "x.pdf"), *at,
               env=env)
    assert bad.returncode == EXIT_USAGE
    seen["bad choice"] = _one_line(bad)
    return seen


@pytest.mark.parametrize("how", ["--lang", "LANG"])
def test_the_walk_in_chinese(sandbox: Sandbox, catalogue: Path, tmp_path: Path,
                             how: str) -> None:
    lang = ("--lang", "zh_CN") if how == "--lang" else ()
    env = _env(tmp_path / "home", catalogue, "C.UTF-8" if lang else "zh_CN.UTF-8", sandbox)
    seen = _walk(env, tmp_path, ("--endpoint", sandbox.url), *lang)
    for step, text in seen.items():
        assert _chinese(text), (step, text)
    assert seen["sync"].startswith("数据集")
    assert seen["status"].startswith("数据集") and "记录数" in seen["status"]
    assert "行 ->" in seen["export"]
    assert seen["invoice list"].startswith("开票通知")
    assert seen["invoice render"].startswith("seller-console: 发票无法打印")
    assert "seller-console company set --name" in seen["invoice render"]  # commands stay
    assert "无效的选项 'pdf'" in seen["bad choice"]


def test_the_walk_in_english_although_the_system_is_chinese(sandbox: Sandbox, catalogue: Path,
                                                            tmp_path: Path) -> None:
    env = _env(tmp_path / "home", catalogue, "zh_CN.UTF-8", sandbox)
    seen = _walk(env, tmp_path, ("--endpoint", sandbox.url), "--lang", "en")
    for step, text in seen.items():
        # allowed: the marketplace terms the English window shows beside its words
        assert not _chinese(text.replace("申付单号", "").replace("开户行", "")), (step, text)
    assert seen["status"].startswith("collection")
    assert "company name" in seen["invoice render"]
    assert "invalid choice: 'pdf'" in seen["bad choice"]


def test_json_is_the_same_in_both_languages(sandbox: Sandbox, catalogue: Path,
                                            tmp_path: Path) -> None:
    env = _env(tmp_path / "home", catalogue, sb=sandbox)
    at = ("--endpoint", sandbox.url)
    assert _cli("sync", *at, "--json", env=env).returncode == 0
    for command in (("status",), ("invoice", "list"), ("profile", "list"), ("company", "show")):
        flags = () if command[0] == "profile" else at
        en = _cli("--lang", "en", *command, *flags, "--json", env=env)
        zh = _cli("--lang", "zh_CN", *command, *flags, "--json", env=env)
        assert en.returncode == zh.returncode == 0, (command, en.stderr, zh.stderr)
        assert json.loads(en.stdout) == json.loads(zh.stdout), command


def test_a_sync_that_cannot_connect_says_one_chinese_line(catalogue: Path,
                                                          tmp_path: Path) -> None:
    env = _env(tmp_path / "home", catalogue, "zh_CN.UTF-8")
    env.update(SELLER_CONSOLE_AK="AK", SELLER_CONSOLE_SK="SK")
    done = _cli("sync", "--endpoint", "http://127.0.0.1:9", "--timeout", "2", env=env)
    assert done.returncode == EXIT_UNREACHABLE
    assert _one_line(done) == \
        "seller-console: 同步失败：无法连接云商店；请检查网络和接入地址，然后重试"
    assert done.stdout == ""
    english = _cli("--lang", "en", "sync", "--endpoint", "http://127.0.0.1:9", "--timeout", "2",
                   env=env)
    assert english.returncode == EXIT_UNREACHABLE
    assert _one_line(english).startswith("seller-console: sync failed: The marketplace at")


def test_errors_and_the_help_in_chinese(catalogue: Path, tmp_path: Path) -> None:
    env = _env(tmp_path / "home", catalogue)
    none_yet = _cli("status", "--lang", "zh_CN", env=env)  # --lang after the command too
    assert none_yet.returncode == EXIT_CONFIG
    line = _one_line(none_yet)
    assert line.startswith("seller-console: 还没有账号或本地缓存") and "--profile sandbox" in line
    missing = _cli("--lang", "zh_CN", "invoice", env=env)
    assert _one_line(missing) == \
        "seller-console invoice: 缺少必需的参数：ACTION；请查看 `seller-console invoice --help`"
    shown = _cli("--lang", "zh_CN", "--help", env=env)
    assert "退出码：" in shown.stdout and "\n  10   invoice render：" in shown.stdout
    assert "\n  4    无法连接云商店" in shown.stdout


def test_without_a_catalogue_the_command_line_speaks_english(tmp_path: Path) -> None:
    env = _env(tmp_path / "home", tmp_path / "no-catalogue", "zh_CN.UTF-8")
    done = _cli("status", env=env)
    assert done.returncode == EXIT_CONFIG
    assert _one_line(done).startswith("seller-console: no profile or cache yet")
