"""Help → Report a problem… / ``seller-console report-problem`` (issue 17, "First start": logs and a
"Report a problem" action that packs the log with secrets masked, versions and the cache's schema
version into a ZIP): what the ZIP holds, and that no secret planted in the log, the settings or
the environment comes out in it."""

from __future__ import annotations

import json
import logging
import platform
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import __version__
from app.config.paths import AppPaths
from app.config.profiles import Profile, ProfileStore
from app.config.settings import SettingsStore
from app.models.db import head_revision, open_cache
from app.services.logs import LOG_FILE_NAME, get_logger, register_secret, setup_logging
from app.services.problem_report import ReportError, default_report_name, write_report

SK = "sk-Report-Q7uX2mVb9LrT4wZk"
TOKEN = "tok-Report-8dHs1NqP0aYe"
PROXY_PASSWORD = "proxy-pw-Report-Zr5Tq"
DB_PASSWORD = "db-pw-Report-Kf3Lm"
REGISTERED = "registered-Report-J6nBv"
SIGNATURE = "9b7e4d1fb05c344f83e3b7e70a7d9807077be49b08baaa9896cec5b87aeb9af4"
PLANTED = (SK, TOKEN, PROXY_PASSWORD, DB_PASSWORD, REGISTERED, SIGNATURE)


@pytest.fixture
def paths(tmp_path: Path) -> Iterator[AppPaths]:
    paths = AppPaths.under(tmp_path / "home")
    paths.log_dir.mkdir(parents=True)
    paths.config_dir.mkdir(parents=True)
    setup = setup_logging(paths)
    try:
        yield paths
    finally:
        setup.close()


def _plant(paths: AppPaths) -> None:
    """Secrets in every place a report reads: lines the log filter masked (this process), raw
    lines an older console or another process wrote, the settings file, and a profile."""
    register_secret(REGISTERED)
    log = get_logger("http")
    log.info("signed request Authorization: SDK-HMAC-SHA256 Access=AK1, Signature=%s", SIGNATURE)
    log.warning("keychain said no for %s", REGISTERED)
    for handler in logging.getLogger().handlers:
        handler.flush()
    raw = (
        f"2026-12-04 10:00:00 INFO    old console secret_key={SK}\n"
        f"2026-12-04 10:00:01 INFO    X-Auth-Token: {TOKEN}\n"
        f"2026-12-04 10:00:02 INFO    proxy http://alice:{PROXY_PASSWORD}@proxy.corp:3128 used\n"
        f"2026-12-04 10:00:03 INFO    cache postgresql://seller:{DB_PASSWORD}@db.corp/console\n"
        f"2026-12-04 10:00:04 INFO    a bare value from the environment: {SK} and {PROXY_PASSWORD}\n"
    )
    with (paths.log_dir / LOG_FILE_NAME).open("a", encoding="utf-8") as handle:
        handle.write(raw)
    (paths.log_dir / f"{LOG_FILE_NAME}.1").write_text(raw, encoding="utf-8")
    # A settings file as a hand or a newer console may have left it: an unknown secret-named key.
    paths.settings_file.write_text(json.dumps({
        "version": 4, "language": "zh_CN", "proxy_mode": "manual",
        "proxy_url": "http://proxy.corp:3128", "proxy_user": "alice",
        "secret_key": SK, "proxy_password": PROXY_PASSWORD}), encoding="utf-8")
    ProfileStore(paths).add(Profile(name="shop", endpoint="https://api.example.com",
                                    access_key="AKSHOPEXAMPLE0001"))
    open_cache(paths.default_db_url("shop")).dispose()


def _read(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def test_the_zip_holds_versions_settings_schema_and_the_masked_log(paths: AppPaths,
                                                                   tmp_path: Path) -> None:
    """§ First start: versions, the cache's schema version, the settings, the log."""
    _plant(paths)
    out = tmp_path / "report.zip"
    summary = write_report(out, paths, ProfileStore(paths), SettingsStore(paths),
                           qt_version="6.12.0 (PySide6 6.12.0)", environ={})
    assert summary.path == out and out.is_file()
    files = _read(out)
    assert sorted(files) == ["README.txt", "logs/console.log", "logs/console.log.1",
                             "report.json"]
    assert summary.log_files == 2
    report = json.loads(files["report.json"])
    assert report["console"] == __version__
    assert report["python"] == platform.python_version()
    assert report["qt"] == "6.12.0 (PySide6 6.12.0)"
    assert report["os"]["system"] == platform.system()
    assert report["frozen"] is bool(getattr(sys, "frozen", False))
    assert report["cache_schema_expected"] == head_revision()
    shop = next(p for p in report["profiles"] if p["name"] == "shop")
    assert shop["cache_revision"] == head_revision()
    assert shop["endpoint"] == "https://api.example.com"
    assert "AKSHOPEXAMPLE0001" not in files["report.json"]  # profiles by name, no keys
    sandbox = report["profiles"][0]
    assert sandbox["builtin"] is True and sandbox["cache_revision"] is None  # never synced
    settings = report["settings"]
    assert settings["language"] == "zh_CN"
    assert settings["proxy_mode"] == "manual"
    assert settings["proxy_url"] == "http://proxy.corp:3128"
    assert settings["proxy_user_set"] is True and "proxy_user" not in settings
    assert settings["sync_interval_minutes"] == 15
    assert "alice" not in files["report.json"]
    log = files["logs/console.log"]
    assert "signed request Authorization: ***" in log
    assert "secret_key=***" in log and "X-Auth-Token: ***" in log
    assert "http://alice:***@proxy.corp:3128" in log
    assert "postgresql://seller:***@db.corp/console" in log
    assert "No secret key, password" in files["README.txt"]


def test_no_planted_secret_leaves_in_the_zip(paths: AppPaths, tmp_path: Path) -> None:
    """§ Secrets only in the keychain or environment: the report carries none of them, even a
    bare value of SELLER_CONSOLE_SK or SELLER_CONSOLE_PROXY_PASSWORD written unlabelled."""
    _plant(paths)
    out = tmp_path / "report.zip"
    environ = {"SELLER_CONSOLE_SK": SK, "SELLER_CONSOLE_PROXY_PASSWORD": PROXY_PASSWORD}
    write_report(out, paths, ProfileStore(paths), SettingsStore(paths), environ=environ)
    blob = out.read_bytes()
    with zipfile.ZipFile(out) as archive:
        texts = [archive.read(name) for name in archive.namelist()]
    for secret in PLANTED:
        assert secret.encode() not in blob
        assert all(secret.encode() not in text for text in texts), secret


def test_a_folder_gets_a_named_zip_and_a_missing_folder_says_so(paths: AppPaths,
                                                                 tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    summary = write_report(folder, paths, ProfileStore(paths), SettingsStore(paths), environ={})
    assert summary.path.parent == folder
    assert summary.path.name.startswith("seller-console-report-")
    assert summary.path.suffix == ".zip"
    assert default_report_name().startswith("seller-console-report-")
    with pytest.raises(ReportError, match="does not exist"):
        write_report(tmp_path / "nowhere" / "r.zip", paths, ProfileStore(paths),
                     SettingsStore(paths), environ={})
    with pytest.raises(ReportError, match="the folder .*gone does not exist"):
        write_report(tmp_path / "gone", paths, ProfileStore(paths), SettingsStore(paths),
                     environ={})
    assert not (tmp_path / "gone").exists()  # never a ZIP without its .zip
    assert [p.name for p in folder.iterdir()] == [summary.path.name]  # no half file left
