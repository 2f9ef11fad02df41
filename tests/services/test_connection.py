"""The connection test says in words what is wrong (issue 17, "First start": wrong key, clock
skew, no network, proxy), each cause met for real: the sandbox over HTTP (with its clock moved by
its ``clock_skew_s`` switch), a closed port, a local proxy that answers 407 or 403, an HTTPS
server with a certificate nobody trusts, a name that cannot resolve."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.marketplace.connection import check_connection, verdict_text
from app.services.network import NetworkConfig
from tests.sandbox_fixtures import Sandbox
from tests.support.local_servers import closed_port, fixed_proxy, untrusted_https

DIRECT = NetworkConfig("none")  # the test machine's own proxy variables stay out of it


def test_the_right_keys_connect(sandbox: Sandbox) -> None:
    verdict = check_connection(sandbox.url, sandbox.access_key, sandbox.secret_key,
                               network=DIRECT)
    assert verdict.result == "ok", verdict
    assert abs(verdict.clock_offset_s or 0) < 60  # the sandbox dates its answers
    assert verdict_text(verdict) == "Connected: the marketplace accepted the keys."
    assert verdict_text(verdict, "zh_CN") == "已连接：云商店接受了这组密钥。"


def test_a_wrong_secret_key_is_called_a_wrong_key(sandbox: Sandbox) -> None:
    verdict = check_connection(sandbox.url, sandbox.access_key, "not-the-secret-key",
                               network=DIRECT)
    assert verdict.result == "wrong_key"
    assert "Wrong key" in verdict_text(verdict)
    assert "not-the-secret-key" not in verdict_text(verdict) + verdict.detail


@pytest.mark.parametrize(("skew", "words", "zh"), [
    (20 * 60, "20 minutes behind", "慢20 分钟"),
    (-(3600 + 5 * 60), "1 hour 5 minutes ahead of", "快1 小时 5 分钟"),
])
def test_a_clock_off_by_more_than_15_minutes_is_named_with_how_much(
        own_sandbox: Sandbox, skew: int, words: str, zh: str) -> None:
    """The sandbox's clock runs ``skew`` seconds from ours: it refuses the signature (MKT.0154),
    and its Date header tells by how much this computer's clock is off."""
    own_sandbox.faults(clock_skew_s=skew)
    verdict = check_connection(own_sandbox.url, own_sandbox.access_key, own_sandbox.secret_key,
                               network=DIRECT)
    assert verdict.result == "clock", verdict
    assert verdict.clock_offset_s is not None and abs(verdict.clock_offset_s - skew) < 30
    assert words in verdict_text(verdict)
    assert zh in verdict_text(verdict, "zh_CN")


def test_a_small_clock_drift_connects_with_a_note(own_sandbox: Sandbox) -> None:
    own_sandbox.faults(clock_skew_s=6 * 60)
    verdict = check_connection(own_sandbox.url, own_sandbox.access_key, own_sandbox.secret_key,
                               network=DIRECT)
    assert verdict.result == "ok"
    assert "6 minutes behind" in verdict_text(verdict)


def test_nothing_listening_on_this_computer_means_the_sandbox_is_not_running() -> None:
    port = closed_port()
    verdict = check_connection(f"http://127.0.0.1:{port}", "AK", "SK", network=DIRECT)
    assert verdict.result == "sandbox_down"
    assert "127.0.0.1" in verdict_text(verdict) and "sandbox is not running" in \
        verdict_text(verdict)


def test_a_name_that_does_not_resolve_is_no_network_or_a_misspelt_address() -> None:
    verdict = check_connection("https://no-such-host.invalid", "AK", "SK", network=DIRECT)
    assert verdict.result == "dns", verdict
    assert "no-such-host.invalid" in verdict_text(verdict)


def test_a_proxy_that_asks_for_a_password_is_named() -> None:
    with fixed_proxy(407) as proxy:
        verdict = check_connection("https://mkt.myhuaweicloud.com", "AK", "SK",
                                   network=NetworkConfig("manual", proxy.url))
        seen = [line for line, _headers in proxy.seen]
    assert verdict.result == "proxy_auth", verdict
    assert proxy.url in verdict_text(verdict)
    assert seen[0] == "CONNECT mkt.myhuaweicloud.com:443 HTTP/1.1"
    assert len(seen) == 1  # a password will not appear by asking again


def test_the_proxy_user_and_password_are_sent_to_the_proxy_and_never_shown() -> None:
    with fixed_proxy(407) as proxy:
        verdict = check_connection(
            "https://mkt.myhuaweicloud.com", "AK", "SK",
            network=NetworkConfig("manual", proxy.url, "alice", "proxy-pass-4711"))
        headers = proxy.seen[0][1]
    assert any(h.lower().startswith("proxy-authorization: basic ") for h in headers)
    assert "proxy-pass-4711" not in verdict_text(verdict) + verdict.detail + repr(verdict)


def test_a_proxy_that_refuses_the_host_is_named() -> None:
    with fixed_proxy(403) as proxy:
        verdict = check_connection("https://mkt.myhuaweicloud.com", "AK", "SK",
                                   network=NetworkConfig("manual", proxy.url))
    assert verdict.result == "proxy_refused"
    assert "refused to connect to mkt.myhuaweicloud.com" in verdict_text(verdict)


def test_a_proxy_that_does_not_answer_is_named() -> None:
    proxy = f"http://127.0.0.1:{closed_port()}"
    verdict = check_connection("https://mkt.myhuaweicloud.com", "AK", "SK",
                               network=NetworkConfig("manual", proxy))
    assert verdict.result == "proxy_unreachable"
    assert proxy in verdict_text(verdict)


def test_the_system_proxy_from_the_environment_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """System mode reads what urllib.request.getproxies() reads (here the variables, on Windows
    and macOS also the system settings)."""
    with fixed_proxy(407) as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        verdict = check_connection("https://mkt.myhuaweicloud.com", "AK", "SK",
                                   network=NetworkConfig("system"))
    assert verdict.result == "proxy_auth"


def test_an_untrusted_certificate_is_named_and_never_skipped(tmp_path: Path) -> None:
    with untrusted_https(tmp_path) as url:
        verdict = check_connection(url, "AK", "SK", network=DIRECT)
    assert verdict.result == "certificate", verdict
    assert "not trusted" in verdict_text(verdict)
    assert "证书" in verdict_text(verdict, "zh_CN")


def test_an_address_that_is_not_the_console_api_says_so(sandbox: Sandbox) -> None:
    verdict = check_connection(sandbox.url + "/not-the-api", sandbox.access_key,
                               sandbox.secret_key, network=DIRECT)
    assert verdict.result == "not_found"
    assert "HTTP 404" in verdict_text(verdict)
