"""app.config: folders, profiles (profiles.json) and settings (settings.json)."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import platformdirs
import pytest
from pydantic import ValidationError
from sqlalchemy import create_engine, text

from app.config import paths as config_paths
from app.config import settings as config_settings
from app.config.paths import AppPaths, atomic_write_text, safe_file_stem
from app.config.profiles import (
    InvalidEndpoint,
    InvalidProfile,
    Profile,
    ProfileExists,
    ProfileFileError,
    ProfileNotFound,
    ProfileStore,
    validate_endpoint,
)
from app.config.settings import Settings, SettingsStore, migrate_settings


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    monkeypatch.setenv("SELLER_CONSOLE_HOME", str(tmp_path / "home"))
    return AppPaths.from_env()


def _profile(name: str = "prod", **kw: object) -> Profile:
    fields: dict[str, object] = {
        "endpoint": "https://api.example.com",
        "access_key": "AKEXAMPLE1234567",
        "role": "seller",
    }
    fields.update(kw)
    return Profile(name=name, **fields)  # type: ignore[arg-type]


# --- paths -------------------------------------------------------------------------------------


def test_home_env_puts_every_folder_under_it(tmp_path: Path) -> None:
    paths = AppPaths.from_env({"SELLER_CONSOLE_HOME": str(tmp_path)})
    folders = [paths.config_dir, paths.data_dir, paths.log_dir, paths.cache_dir]
    assert all(folder.parent == tmp_path for folder in folders)
    assert len(set(folders)) == 4
    assert paths.settings_file == paths.config_dir / "settings.json"
    assert paths.profiles_file == paths.config_dir / "profiles.json"


def test_without_home_env_the_platform_folders_are_used() -> None:
    paths = AppPaths.from_env({})
    dirs = platformdirs.PlatformDirs("KooGallerySellerConsole", "KooGallery")
    assert paths.config_dir == Path(dirs.user_config_dir)
    assert paths.data_dir == Path(dirs.user_data_dir)
    assert paths.log_dir == Path(dirs.user_log_dir)
    assert paths.cache_dir == Path(dirs.user_cache_dir)
    assert "KooGallerySellerConsole" in str(paths.data_dir)


def test_nothing_is_created_until_ensure(paths: AppPaths) -> None:
    assert not paths.config_dir.exists()
    paths.ensure()
    paths.ensure()  # idempotent
    assert paths.config_dir.is_dir() and paths.log_dir.is_dir() and paths.caches_dir.is_dir()


def test_default_db_url_is_an_sqlite_file_per_profile_that_sqlalchemy_opens(
    paths: AppPaths,
) -> None:
    url = paths.default_db_url("华为 生产")
    assert url.startswith("sqlite:///")
    file = Path(url.removeprefix("sqlite:///"))
    assert file.parent == paths.caches_dir
    assert file.suffix == ".sqlite3"
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("select 1")).scalar() == 1
    finally:
        engine.dispose()
    assert file.is_file()


def test_each_profile_has_its_own_stable_cache(paths: AppPaths) -> None:
    names = ["prod", "Prod", "a b", "a-b", "华为", "华为云", "测试/../../etc"]
    urls = [paths.default_db_url(n) for n in names]
    assert len(set(urls)) == len(names)
    assert urls == [paths.default_db_url(n) for n in names]


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Prod Seller", "prod-seller"), ("华为 生产", "profile"), ("../../etc/passwd", "etc-passwd")],
)
def test_safe_file_stem_is_portable(name: str, slug: str) -> None:
    stem = safe_file_stem(name)
    assert stem.startswith(slug + "-")
    assert stem.isascii()
    assert all(ch.isalnum() or ch == "-" for ch in stem)
    assert len(stem) <= 51


# --- atomic writes -----------------------------------------------------------------------------


def test_atomic_write_replaces_the_file_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "f.json"
    atomic_write_text(target, "one")
    atomic_write_text(target, "二")
    assert target.read_text(encoding="utf-8") == "二"
    assert [p.name for p in target.parent.iterdir()] == ["f.json"]


def test_failed_atomic_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.json"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(config_paths.os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        atomic_write_text(target, "new")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


# --- endpoints and profiles --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.example.com/", "https://api.example.com"),
        ("  https://api.example.com:8443/base ", "https://api.example.com:8443/base"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://127.1.2.3", "http://127.1.2.3"),
        ("http://localhost:9000/", "http://localhost:9000"),
        ("HTTP://LOCALHOST", "HTTP://LOCALHOST"),
        ("http://[::1]:8080", "http://[::1]:8080"),
    ],
)
def test_valid_endpoints(url: str, expected: str) -> None:
    assert validate_endpoint(url) == expected


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://api.example.com", "https://"),
        ("http://10.0.0.5:8080", "https://"),
        ("http://192.168.1.1", "https://"),
        ("http://[2001:db8::1]", "https://"),
        ("ftp://api.example.com", "must start with https://"),
        ("api.example.com", "must start with https://"),
        ("https://", "no host"),
        ("", "empty"),
        ("https://api.example.com:99999", "not a valid URL"),
        ("https://ak:sk@api.example.com", "user name or password"),
        ("https://api.example.com/?token=1", "query"),
    ],
)
def test_invalid_endpoints_are_refused_with_a_reason(url: str, why: str) -> None:
    with pytest.raises(InvalidEndpoint, match=why.replace("?", r"\?")):
        validate_endpoint(url)


def test_profile_validates_its_fields() -> None:
    with pytest.raises(InvalidEndpoint):
        _profile(endpoint="http://example.com")
    with pytest.raises(InvalidProfile, match="role"):
        _profile(role="admin")
    with pytest.raises(InvalidProfile, match="name"):
        _profile(name="  ")
    with pytest.raises(InvalidProfile, match="access key"):
        _profile(access_key="AK with blanks")
    with pytest.raises(InvalidProfile, match="password"):
        _profile(db_url="postgresql+psycopg://console:hunter2@db/cache")
    with pytest.raises(InvalidProfile, match="not a URL"):
        _profile(db_url="cache.sqlite3")
    ok = _profile(name=" 华为 ", db_url="postgresql+psycopg://console@db/cache")
    assert ok.name == "华为"
    assert ok.db_url == "postgresql+psycopg://console@db/cache"


def test_profile_has_no_secret_field() -> None:
    fields = set(Profile.__dataclass_fields__)
    assert fields == {"name", "endpoint", "access_key", "role", "db_url", "open_api_endpoint"}


def test_store_adds_lists_gets_and_removes(paths: AppPaths) -> None:
    store = ProfileStore(paths)
    assert store.list() == []
    store.add(_profile("prod"))
    store.add(_profile("华为测试", role="partner", endpoint="http://127.0.0.1:8765"))
    again = ProfileStore(paths)  # a new store reads what the first wrote
    assert [p.name for p in again.list()] == ["prod", "华为测试"]
    assert again.get("华为测试").role == "partner"
    again.remove("prod")
    assert store.names() == ["华为测试"]
    assert "华为测试" in paths.profiles_file.read_text(encoding="utf-8")  # readable, not \u-escaped


def test_store_refuses_duplicates_and_reports_unknown_names(paths: AppPaths) -> None:
    store = ProfileStore(paths)
    store.add(_profile("prod"))
    with pytest.raises(ProfileExists, match="exists already"):
        store.add(_profile("prod", endpoint="https://other.example.com"))
    assert store.get("prod").endpoint == "https://api.example.com"
    with pytest.raises(ProfileNotFound) as info:
        store.get("nope")
    assert isinstance(info.value, KeyError)
    assert str(info.value) == "no profile named 'nope'"
    with pytest.raises(ProfileNotFound):
        store.remove("nope")


def test_store_updates_a_profile(paths: AppPaths) -> None:
    store = ProfileStore(paths)
    store.add(_profile("prod"))
    store.update(_profile("prod", endpoint="https://new.example.com"))
    assert store.get("prod").endpoint == "https://new.example.com"
    with pytest.raises(ProfileNotFound):
        store.update(_profile("other"))


def test_profiles_file_holds_no_secret_and_ignores_stray_keys(paths: AppPaths) -> None:
    store = ProfileStore(paths)
    store.add(_profile("prod"))
    data = json.loads(paths.profiles_file.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert set(data["profiles"][0]) == {"name", "endpoint", "access_key", "role", "db_url"}
    data["profiles"][0]["secret_key"] = "should-never-be-read"
    paths.profiles_file.write_text(json.dumps(data), encoding="utf-8")
    assert "secret" not in repr(store.get("prod"))


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"profiles": [{"name": "x"}]}',
        '{"profiles": [{"name": "x", "endpoint": "http://evil.example", "access_key": "A"}]}',
        '{"profiles": ["x"]}',
    ],
)
def test_damaged_profiles_file_is_reported_and_left_alone(paths: AppPaths, content: str) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.profiles_file.write_text(content, encoding="utf-8")
    store = ProfileStore(paths)
    with pytest.raises(ProfileFileError, match="profiles.json"):
        store.list()
    with pytest.raises(ProfileFileError):
        store.add(_profile("prod"))
    assert paths.profiles_file.read_text(encoding="utf-8") == content


def test_cache_url_is_the_profiles_own_or_its_default(paths: AppPaths) -> None:
    default = _profile("prod")
    assert default.cache_url(paths) == paths.default_db_url("prod")
    shared = _profile("team", db_url="postgresql+psycopg://console@db/cache")
    assert shared.cache_url(paths) == "postgresql+psycopg://console@db/cache"


# --- settings ----------------------------------------------------------------------------------


def test_settings_defaults_and_descriptions() -> None:
    settings = Settings()
    assert settings.version == config_settings.SETTINGS_VERSION
    assert settings.language == "system"
    assert settings.sync_interval_minutes >= 0
    assert settings.last_profile is None
    assert settings.http_timeout_s == 30.0
    assert settings.upload_max_mb == 20
    described = {name: (desc, default) for name, desc, default in Settings.describe()}
    assert set(described) == {
        "language",
        "sync_interval_minutes",
        "last_profile",
        "http_timeout_s",
        "upload_max_mb",
        "deadline_urgent_hours",
        "deadline_soon_days",
        "interface_delisting_threshold",
        "interface_alert_failures",
        "proxy_mode",
        "proxy_url",
        "proxy_user",
    }
    assert all(desc for desc, _ in described.values())


def test_settings_changes_are_validated() -> None:
    settings = Settings().with_changes(language="zh_CN", sync_interval_minutes=0)
    assert (settings.language, settings.sync_interval_minutes) == ("zh_CN", 0)
    with pytest.raises(ValidationError):
        Settings().with_changes(language="fr")
    with pytest.raises(ValidationError):
        Settings().with_changes(sync_interval_minutes=-1)
    with pytest.raises(ValidationError):
        Settings().with_changes(http_timeout_s=0)
    with pytest.raises(ValidationError):
        settings.language = "en"  # type: ignore[misc]


def test_missing_settings_file_gives_defaults_and_writes_nothing(paths: AppPaths) -> None:
    assert SettingsStore(paths).load() == Settings()
    assert not paths.settings_file.exists()


def test_settings_round_trip(paths: AppPaths) -> None:
    store = SettingsStore(paths)
    saved = store.update(language="en", last_profile="华为", upload_max_mb=50)
    loaded = SettingsStore(paths).load()
    assert loaded == saved
    assert loaded.last_profile == "华为"
    raw = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    assert raw["version"] == config_settings.SETTINGS_VERSION
    assert [p.name for p in paths.config_dir.iterdir()] == ["settings.json"]


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"{ broken", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (b"\xff\xfe\x00garbage", "cannot be read"),
        (b"", "not valid JSON"),
    ],
)
def test_corrupt_settings_file_is_moved_aside_and_defaults_used(
    paths: AppPaths, caplog: pytest.LogCaptureFixture, content: bytes, why: str
) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="seller_console.config"):
        settings = SettingsStore(paths).load()
    assert settings == Settings()
    assert not paths.settings_file.exists()
    aside = list(paths.config_dir.glob("settings.json.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == content
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert why in caplog.records[0].getMessage()
    assert aside[0].name in caplog.records[0].getMessage()


def test_unreadable_settings_path_is_moved_aside(
    paths: AppPaths, caplog: pytest.LogCaptureFixture
) -> None:
    paths.settings_file.mkdir(parents=True)  # a folder where the file should be
    with caplog.at_level(logging.WARNING, logger="seller_console.config"):
        assert SettingsStore(paths).load() == Settings()
    assert "cannot be read" in caplog.text
    assert len(list(paths.config_dir.glob("settings.json.corrupt-*"))) == 1
    SettingsStore(paths).update(language="en")  # and the console can save again
    assert SettingsStore(paths).load().language == "en"


def test_corrupt_settings_that_cannot_be_moved_still_give_defaults(
    paths: AppPaths, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text("{", encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(config_paths.os, "replace", refuse)
    with caplog.at_level(logging.WARNING, logger="seller_console.config"):
        assert SettingsStore(paths).load() == Settings()
    assert "could not be moved aside" in caplog.text


def test_one_bad_value_falls_back_alone(paths: AppPaths, caplog: pytest.LogCaptureFixture) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(
        json.dumps({"version": 1, "language": "klingon", "upload_max_mb": 64, "extra": True}),
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="seller_console.config"):
        settings = SettingsStore(paths).load()
    assert settings.language == "system"
    assert settings.upload_max_mb == 64
    assert "language" in caplog.text
    assert paths.settings_file.exists()  # readable JSON is not moved aside


def test_settings_from_a_newer_console_are_read_with_a_warning(
    paths: AppPaths, caplog: pytest.LogCaptureFixture
) -> None:
    paths.config_dir.mkdir(parents=True)
    newer = {"version": 99, "language": "en", "some_new_setting": 1}
    paths.settings_file.write_text(json.dumps(newer), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="seller_console.config"):
        settings = SettingsStore(paths).load()
    assert settings.language == "en"
    assert "newer" in caplog.text


def test_migrations_run_in_order_up_to_the_current_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(config_settings, "SETTINGS_VERSION", 3)

    def rename_sync_minutes(d: dict[str, object]) -> dict[str, object]:
        d["sync_interval_minutes"] = d.pop("sync_minutes")
        return d

    steps = {
        1: rename_sync_minutes,
        2: lambda d: {**d, "language": {"zh": "zh_CN"}.get(d["language"], d["language"])},
    }
    out = migrate_settings({"sync_minutes": 5, "language": "zh"}, steps)
    assert out == {"version": 3, "sync_interval_minutes": 5, "language": "zh_CN"}
    with pytest.raises(RuntimeError, match="no settings migration from version 2"):
        migrate_settings({"version": 2}, {1: dict})
    assert migrate_settings({"version": 3, "language": "en"}, {}) == {
        "version": 3,
        "language": "en",
    }


def test_registered_migrations_cover_every_older_version() -> None:
    assert set(config_settings.MIGRATIONS) == set(range(1, config_settings.SETTINGS_VERSION))


def test_a_version_1_file_gets_the_deadline_thresholds(paths: AppPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(json.dumps({"version": 1, "language": "en"}), encoding="utf-8")
    settings = SettingsStore(paths).load()
    assert (settings.language, settings.deadline_urgent_hours, settings.deadline_soon_days) == (
        "en", 24, 3)
    assert settings.version == config_settings.SETTINGS_VERSION


def test_settings_file_is_private(paths: AppPaths) -> None:
    SettingsStore(paths).save(Settings())
    mode = paths.settings_file.stat().st_mode & 0o777
    assert mode & 0o077 == 0 or os.name == "nt"


def test_a_version_2_file_gets_the_interface_watchdog_settings(paths: AppPaths) -> None:
    """Issue 14 §3: the delisting threshold is UNCONFIRMED (interfaces.md §2.11), so a setting."""
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(json.dumps({"version": 2, "deadline_urgent_hours": 12}),
                                   encoding="utf-8")
    settings = SettingsStore(paths).load()
    assert (settings.deadline_urgent_hours, settings.interface_delisting_threshold,
            settings.interface_alert_failures) == (12, 5, 4)
    assert "UNCONFIRMED" in dict((n, d) for n, d, _ in Settings.describe())[
        "interface_delisting_threshold"]


def test_a_version_3_file_gets_the_system_proxy(paths: AppPaths) -> None:
    """Issue 17 (Proxies): an older settings file keeps using the system's proxy settings."""
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(json.dumps({"version": 3, "language": "en"}), encoding="utf-8")
    settings = SettingsStore(paths).load()
    assert (settings.proxy_mode, settings.proxy_url, settings.proxy_user) == ("system", None, None)
    assert settings.language == "en"
