"""The connection test: one signed request, and what is wrong in words a person can act on.

:func:`check_connection` asks the marketplace for one record with the keys being tried and never
raises for anything the marketplace or the network did: it returns a :class:`ConnectionVerdict`
naming the cause (a wrong key, this computer's clock, no network, a name that does not resolve,
nothing listening, the sandbox not running, the proxy, a certificate...). The profile dialog and
``seller-console profile test`` both show :func:`verdict_text`, so the window and the command line
say the same thing (the words are data here, in both languages, as in
:mod:`app.services.integration.words`).

Clock skew is told from the marketplace's own ``Date`` header: the AK/SK signature carries this
computer's time, and a gateway refuses a request more than :data:`CLOCK_WINDOW` away from its
clock (interfaces.md §6.6; the sandbox does the same, and its ``clock_skew_s`` switch plays a
marketplace whose clock differs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from app.services.marketplace.client import (
    AuthenticationError,
    InvalidEndpoint,
    MarketplaceError,
    RequestRefused,
    RetryPolicy,
    TooManyFaults,
    Unreachable,
    check_endpoint,
)
from app.services.marketplace.credentials import Credentials, CredentialsError, open_client
from app.services.marketplace.signing import MAX_CLOCK_SKEW
from app.services.marketplace.wire import COLLECTIONS
from app.services.network import NetworkConfig

# A connection test should answer in seconds, not after a sync's patient retries.
TEST_RETRY = RetryPolicy(max_attempts=2, base_delay_s=0.2, max_delay_s=0.5, max_retry_after_s=2)
TEST_TIMEOUT_S = 10.0
#: How far apart two clocks may be before a signed request is refused (the AK/SK window).
CLOCK_WINDOW = MAX_CLOCK_SKEW
#: A refused key with the clocks at least this far apart is put down to the clock.
CLOCK_BLAME = CLOCK_WINDOW - timedelta(seconds=30)
#: A successful test still mentions a clock this far off (it drifts on).
CLOCK_NOTE = timedelta(minutes=2)
#: Refusals that name a stale signing time although no ``Date`` header came with them:
#: (code, words in the message). The sandbox's; KooGallery's gateway answers with an
#: ``APIG.xxxx`` code whose number for a stale ``X-Sdk-Date`` is UNCONFIRMED (interfaces.md §8.2).
TIMESTAMP_REFUSALS: tuple[tuple[str, str], ...] = (
    ("MKT.0154", "request time differs from the server clock"),
)

RESULTS = ("ok", "wrong_key", "clock", "dns", "refused", "sandbox_down", "timeout",
           "certificate", "tls", "proxy_unreachable", "proxy_auth", "proxy_refused",
           "unreachable", "not_https", "invalid", "not_found", "faults", "refused_request",
           "no_secret", "keychain")


@dataclass(frozen=True)
class ConnectionVerdict:
    """The outcome of a connection test: ``result`` (one of :data:`RESULTS`), the host tried,
    the proxy gone through (password masked), how far the marketplace's clock is ahead of this
    computer's (negative: behind) when it said, and a technical detail for the details line."""

    result: str
    endpoint: str = ""
    host: str = ""
    proxy: str = ""
    clock_offset_s: float | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.result == "ok"


def check_connection(endpoint: str, access_key: str, secret_key: str, role: str = "seller",
                     network: NetworkConfig | None = None, *,
                     timeout_s: float = TEST_TIMEOUT_S,
                     retry: RetryPolicy = TEST_RETRY) -> ConnectionVerdict:
    """Ask ``endpoint`` for one record of the role's first collection, signed with the keys."""
    try:
        url = check_endpoint(endpoint)
    except InvalidEndpoint as exc:
        lowered = endpoint.strip().lower()
        result = "not_https" if lowered.startswith("http://") else "invalid"
        return ConnectionVerdict(result, endpoint.strip(), detail=str(exc))
    if not secret_key:
        return ConnectionVerdict("no_secret", url)
    collection = next(c for c in COLLECTIONS if c.partner == (role == "partner"))
    creds = Credentials(url, access_key, secret_key, network=network or NetworkConfig())
    try:
        with open_client(creds, timeout_s=timeout_s, retry=retry) as client:
            client.get_page(collection, None, 1)
            offset = client.last_clock_offset_s
    except MarketplaceError as exc:
        return verdict_for(exc, url)
    return ConnectionVerdict("ok", url, clock_offset_s=offset)


def verdict_for(exc: BaseException, endpoint: str) -> ConnectionVerdict:
    """The verdict of a test that ended in ``exc`` (a marketplace or keychain error)."""
    detail = str(exc)
    if isinstance(exc, AuthenticationError):
        offset = exc.clock_offset_s
        if offset is not None and abs(offset) >= CLOCK_BLAME.total_seconds():
            return ConnectionVerdict("clock", endpoint, clock_offset_s=offset, detail=detail)
        if offset is None and any(code == exc.code and words in detail
                                  for code, words in TIMESTAMP_REFUSALS):
            return ConnectionVerdict("clock", endpoint, detail=detail)
        return ConnectionVerdict("wrong_key", endpoint, clock_offset_s=offset, detail=detail)
    if isinstance(exc, Unreachable):
        cause = exc.params.get("cause", "unreachable")
        host = exc.params.get("host", "")
        proxy = exc.params.get("proxy", "")
        if cause == "refused" and _on_this_computer(endpoint):
            cause = "sandbox_down"
        if cause == "network":
            cause = "unreachable"
        return ConnectionVerdict(cause if cause in RESULTS else "unreachable", endpoint, host,
                                 proxy, detail=detail)
    if isinstance(exc, InvalidEndpoint):
        return ConnectionVerdict("invalid", endpoint, detail=detail)
    if isinstance(exc, TooManyFaults):
        return ConnectionVerdict("faults", endpoint, detail=detail)
    if isinstance(exc, RequestRefused) and exc.params.get("status") in ("404", "405"):
        return ConnectionVerdict("not_found", endpoint, detail=detail)
    if isinstance(exc, CredentialsError):
        return ConnectionVerdict("keychain", endpoint, detail=detail)
    return ConnectionVerdict("refused_request", endpoint, detail=detail)


def _on_this_computer(endpoint: str) -> bool:
    from urllib.parse import urlsplit

    from app.config.profiles import is_loopback_host

    return is_loopback_host(urlsplit(endpoint).hostname or "")


# --------------------------------------------------------------------------------------------------
# Words

_TEXTS: dict[str, tuple[str, str]] = {
    "ok": ("Connected: the marketplace accepted the keys.",
           "已连接：云商店接受了这组密钥。"),
    "wrong_key": ("Wrong key: the marketplace refused the access key (AK) or the secret key (SK). "
                  "Copy both again from Huawei Cloud (My Credentials → Access Keys).",
                  "密钥错误：云商店拒绝了访问密钥（AK）或秘密访问密钥（SK）。请从华为云“我的凭证 → "
                  "访问密钥”重新复制两者。"),
    "clock": ("This computer's clock is {amount} {direction} the marketplace's, and a signed "
              "request may be at most 15 minutes off. Set the clock right (Windows: Settings → "
              "Time & language → Set time automatically; macOS: System Settings → General → "
              "Date & Time), then test again.",
              "本机时钟比云商店{direction}{amount}，而签名请求最多只能相差 15 分钟。请校准时钟（Windows："
              "设置 → 时间和语言 → 自动设置时间；macOS：系统设置 → 通用 → 日期与时间），然后再测试。"),
    "clock_unknown": ("The marketplace refused the request's time: this computer's clock is more "
                      "than 15 minutes off. Set the clock right, then test again.",
                      "云商店拒绝了请求的时间：本机时钟相差超过 15 分钟。请校准时钟后再测试。"),
    "dns": ("No network, or the name {host} cannot be found: check that this computer is online "
            "and that the address is spelt right.",
            "没有网络，或找不到名称 {host}：请检查本机是否已联网、地址是否拼写正确。"),
    "refused": ("Nothing answers at {host}: the address or its port is wrong, or the service is "
                "down.",
                "{host} 没有应答：地址或端口有误，或该服务未运行。"),
    "sandbox_down": ("Nothing answers at {host} on this computer: the sandbox is not running. "
                     "Start it (seller-console sandbox) or choose the built-in sandbox.",
                     "本机 {host} 没有应答：沙箱未运行。请启动它（seller-console sandbox），或选择"
                     "内置沙箱。"),
    "timeout": ("No answer from {host} in time: the network is slow or blocked (a firewall, or a "
                "proxy that is needed). Check Settings → Network.",
                "{host} 未及时应答：网络较慢或被阻断（防火墙，或需要代理）。请检查“设置 → 网络”。"),
    "certificate": ("The certificate of {host} is not trusted by this computer ({detail}). On a "
                    "company network a proxy may replace certificates: ask your IT staff to "
                    "install its root certificate. The console never skips this check.",
                    "本机不信任 {host} 的证书（{detail}）。在公司网络中，代理可能替换证书：请让 IT "
                    "人员安装其根证书。控制台从不跳过此项检查。"),
    "tls": ("The secure connection to {host} failed ({detail}): a proxy or firewall may be "
            "interfering.",
            "与 {host} 的安全连接失败（{detail}）：可能是代理或防火墙在干扰。"),
    "proxy_unreachable": ("The proxy {proxy} does not answer: check the proxy address in "
                          "Settings → Network (or the system's proxy settings).",
                          "代理 {proxy} 没有应答：请检查“设置 → 网络”中的代理地址（或系统代理设置）。"),
    "proxy_auth": ("The proxy {proxy} asks for a user name and password: enter them in Settings → "
                   "Network (the password is kept in the keychain).",
                   "代理 {proxy} 要求用户名和密码：请在“设置 → 网络”中填写（密码保存在钥匙串中）。"),
    "proxy_refused": ("The proxy {proxy} refused to connect to {host} ({detail}): ask your IT "
                      "staff to allow it.",
                      "代理 {proxy} 拒绝连接 {host}（{detail}）：请让 IT 人员放行。"),
    "unreachable": ("No answer from {host}: check the address and the network.",
                    "{host} 没有应答：请检查地址和网络。"),
    "not_https": ("Not https: a real marketplace must be reached over https://.",
                  "不是 https：真实的云商店必须通过 https:// 访问。"),
    "invalid": ("The address is not a valid URL.", "该地址不是有效的网址。"),
    "not_found": ("{endpoint} answered, but does not serve the console's data API (HTTP 404). "
                  "KooGallery publishes no API for listing orders: the endpoint must be a "
                  "service that implements this console's contract (docs/api.md).",
                  "{endpoint} 有应答，但不提供控制台的数据接口（HTTP 404）。云商店没有公开列出订单"
                  "的接口：该地址必须是实现了本控制台接口约定的服务（docs/api.md）。"),
    "faults": ("The marketplace answered with errors; try again later.",
               "云商店返回了错误；请稍后再试。"),
    "refused_request": ("The marketplace refused the request.", "云商店拒绝了该请求。"),
    "no_secret": ("Type the secret key (SK) to test the connection.",
                  "请输入秘密访问密钥（SK）以测试连接。"),
    "keychain": ("The secret key could not be read from the keychain.",
                 "无法从钥匙串读取秘密访问密钥。"),
    "clock_note": ("Note: this computer's clock is {amount} {direction} the marketplace's; set it "
                   "right before it reaches 15 minutes.",
                   "注意：本机时钟比云商店{direction}{amount}；请在相差达到 15 分钟之前校准。"),
}
_DIRECTIONS = {"behind": ("behind", "慢"), "ahead": ("ahead of", "快")}


def duration_words(seconds: float, chinese: bool) -> str:
    """``1 hour 5 minutes`` / ``1 小时 5 分钟``; under two minutes in seconds."""
    total = round(abs(seconds))
    if total < 120:
        return f"{total} 秒" if chinese else f"{total} second{'s' if total != 1 else ''}"
    minutes = round(total / 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} 小时" if chinese else f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes or not hours:
        parts.append(f"{minutes} 分钟" if chinese
                     else f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


def verdict_text(verdict: ConnectionVerdict, language: str = "en") -> str:
    """The verdict as one or two sentences in ``language`` (``en`` or ``zh_CN``)."""
    chinese = language == "zh_CN"
    key = verdict.result
    if key == "clock" and verdict.clock_offset_s is None:
        key = "clock_unknown"
    en, zh = _TEXTS.get(key, _TEXTS["refused_request"])
    values = {"host": verdict.host or verdict.endpoint, "proxy": verdict.proxy or "",
              "endpoint": verdict.endpoint, "detail": verdict.detail}
    values.update(_clock_values(verdict.clock_offset_s, chinese))
    text = (zh if chinese else en).format(**values)
    offset = verdict.clock_offset_s
    if verdict.ok and offset is not None and abs(offset) >= CLOCK_NOTE.total_seconds():
        en_note, zh_note = _TEXTS["clock_note"]
        text += ("" if chinese else " ") + (zh_note if chinese else en_note).format(**values)
    return text


def _clock_values(offset: float | None, chinese: bool) -> dict[str, str]:
    if offset is None:
        return {"amount": "", "direction": ""}
    # The marketplace's clock ahead of ours (offset > 0) means this computer is behind.
    en, zh = _DIRECTIONS["behind" if offset > 0 else "ahead"]
    return {"amount": duration_words(offset, chinese), "direction": zh if chinese else en}


def technical_detail(verdict: ConnectionVerdict) -> str:
    """What a details line shows under the sentence: the error as the client said it (nothing
    when the sentence already carries it, or when all went well)."""
    if verdict.result in ("ok", "no_secret", "certificate", "tls", "proxy_refused"):
        return ""
    return verdict.detail
