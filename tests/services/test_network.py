"""How the console picks a proxy (issue 17, "Proxies"): the system's settings as the standard
library reads them, none, or the one in Settings; loopback always direct; no password in a file,
a log or a repr; and every HTTP client of the console built in one place."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from app.config.paths import AppPaths
from app.config.settings import Settings, SettingsStore
from app.services.logs import SecretMaskingFilter
from app.services.marketplace.credentials import CredentialStore
from app.services.network import (
    ENV_PROXY_PASSWORD,
    InvalidProxy,
    NetworkConfig,
    network_config,
    proxy_url_for,
    store_proxy_password,
    validate_proxy_url,
)
from tests.support.memory_keyring import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy",
                 "https_proxy", "all_proxy", "no_proxy", ENV_PROXY_PASSWORD):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_system_mode_follows_the_proxy_variables_and_their_bypass_list(
        no_proxy_env: pytest.MonkeyPatch) -> None:
    no_proxy_env.setenv("HTTPS_PROXY", "http://proxy.corp:3128")
    no_proxy_env.setenv("NO_PROXY", "intranet.corp")
    system = NetworkConfig()
    assert proxy_url_for("https://mkt.myhuaweicloud.com/x", system) == "http://proxy.corp:3128"
    assert proxy_url_for("https://api.intranet.corp/x", system) is None
    assert proxy_url_for("https://mkt.myhuaweicloud.com", NetworkConfig("none")) is None


def test_this_computer_is_never_reached_through_a_proxy(no_proxy_env: pytest.MonkeyPatch) -> None:
    """The built-in sandbox lives on loopback: a company proxy cannot reach it."""
    no_proxy_env.setenv("HTTP_PROXY", "http://proxy.corp:3128")
    manual = NetworkConfig("manual", "http://proxy.corp:3128")
    for url in ("http://127.0.0.1:8600/v1", "http://localhost:1/", "http://[::1]:5/"):
        assert proxy_url_for(url, NetworkConfig()) is None
        assert proxy_url_for(url, manual) is None


@pytest.mark.parametrize(("given", "problem"), [
    ("", "empty"), ("http://bob:pw@proxy:8080", "user name"), ("socks5://proxy:1080", "http://"),
    ("http://proxy", "no port"), ("http://proxy:8080/path", "only a host"),
])
def test_a_proxy_address_that_cannot_work_is_refused_in_words(given: str, problem: str) -> None:
    with pytest.raises(InvalidProxy, match=problem):
        validate_proxy_url(given)
    assert validate_proxy_url(" proxy.corp:8080/ ") == "http://proxy.corp:8080"


def test_the_proxy_password_lives_in_the_keychain_not_the_settings(
        tmp_path: Path, no_proxy_env: pytest.MonkeyPatch) -> None:
    paths = AppPaths.under(tmp_path)
    store = CredentialStore(MemoryKeyring())
    settings = Settings().with_changes(proxy_mode="manual", proxy_url="http://proxy.corp:8080",
                                       proxy_user="alice")
    store_proxy_password(store, "alice", "s3cret-proxy-pw")
    config = network_config(settings, store, {})
    assert config.proxy_password == "s3cret-proxy-pw"
    assert "s3cret-proxy-pw" not in repr(config)
    assert network_config(settings, store, {ENV_PROXY_PASSWORD: "from-env-pw"}).proxy_password \
        == "from-env-pw"
    with pytest.raises(ValueError, match="user name or password"):
        Settings().with_changes(proxy_url="http://alice:pw@proxy.corp:8080")
    SettingsStore(paths).save(settings)
    assert "s3cret" not in paths.settings_file.read_text(encoding="utf-8")


def test_a_proxy_password_is_masked_in_the_log() -> None:
    NetworkConfig("manual", "http://proxy.corp:8080", "alice", "masked-proxy-pw")
    record = logging.LogRecord("seller_console.http", logging.INFO, __file__, 1,
                               "connecting with %s", ("masked-proxy-pw",), None)
    SecretMaskingFilter().filter(record)
    assert "masked-proxy-pw" not in record.getMessage()


def test_a_damaged_manual_setting_falls_back_to_the_system_proxy() -> None:
    settings = Settings().with_changes(proxy_mode="manual", proxy_url=None)
    assert network_config(settings, None, {}).mode == "system"


def test_every_http_client_of_the_console_is_built_by_http_client() -> None:
    """One place applies the proxy choice: no other module of app/ builds an httpx client."""
    made = re.compile(r"httpx\.(Client|AsyncClient|HTTPTransport)\(|httpx\.(get|post|put|delete|"
                      r"request|stream)\(")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "app").rglob("*.py")
        if path.name != "network.py" and "sandbox" not in path.relative_to(ROOT / "app").parts[:1]
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if made.search(line)
    ]
    assert offenders == []
