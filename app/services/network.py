"""The one way the console builds an HTTP client: :func:`http_client`, and how it picks a proxy.

Every ``httpx.Client`` the console makes (the marketplace client, the embedded sandbox's clock,
the production-interface tester) comes from :func:`http_client`, which routes each request by
:class:`NetworkConfig` (Settings → Network, the same settings file the command line reads):

* ``system`` (the default): the operating system's proxy settings, read by the standard library
  (``urllib.request.getproxies()`` and ``proxy_bypass()``): on Windows the Internet Options
  proxy in the registry (with its bypass list), on macOS the System Settings proxy (with its
  exceptions), elsewhere ``HTTPS_PROXY`` / ``HTTP_PROXY`` / ``ALL_PROXY`` and ``NO_PROXY``. The
  environment variables win everywhere when set. An automatic configuration script (PAC/WPAD)
  is not read: such networks set the proxy by hand (``manual``).
* ``none``: always connect directly.
* ``manual``: the proxy URL from the settings (``http://host:port``); its user name is a
  setting, its password lives in the keychain (:data:`PROXY_PASSWORD_SERVICE`) or in
  ``SELLER_CONSOLE_PROXY_PASSWORD``, never in a file.

A loopback host (the sandbox) is always reached directly, whatever the mode: a company proxy
cannot reach this computer's own ports. (``httpx``'s own ``trust_env`` reads the same proxies but
not the Windows or macOS bypass lists, which is why the console routes requests itself.)

:func:`diagnose` turns a transport failure into a cause a person can act on (no network, a name
that does not resolve, nothing listening, the proxy refusing or asking for a password, a
certificate the system does not trust).
"""

from __future__ import annotations

import logging
import os
import socket
import ssl
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, get_args
from urllib.parse import urlsplit

import httpx

from app.config.profiles import is_loopback_host
from app.services.logs import register_secret

if TYPE_CHECKING:
    from app.config.settings import Settings


class CredentialStore(Protocol):
    """What is needed of ``app.services.marketplace.credentials.CredentialStore`` (named here
    by shape: the marketplace client builds on this module, and credentials on the client)."""

    def is_available(self) -> bool: ...
    def sibling(self, service: str) -> CredentialStore: ...
    def get_secret(self, profile_name: str) -> str | None: ...
    def set_secret(self, profile_name: str, secret: str) -> None: ...

log = logging.getLogger("seller_console.http")

ProxyMode = Literal["system", "none", "manual"]
PROXY_MODES: tuple[str, ...] = get_args(ProxyMode)
#: The keychain service of the manual proxy's password (user name: the proxy's user name).
PROXY_PASSWORD_SERVICE = "koogallery-seller-console-proxy"
#: The manual proxy's password for scripts and machines without a keychain.
ENV_PROXY_PASSWORD = "SELLER_CONSOLE_PROXY_PASSWORD"


class InvalidProxy(ValueError):
    """A proxy URL the console cannot use; ``str(exc)`` says why."""


def validate_proxy_url(url: str) -> str:
    """``http://host:port`` (or ``https://``) without blanks or a trailing ``/``; raises
    :class:`InvalidProxy`. A user name or password in the URL is refused: the name is its own
    setting and the password belongs in the keychain."""
    value = url.strip().rstrip("/")
    if not value:
        raise InvalidProxy("the proxy address is empty; give one such as http://proxy.example.com:8080")
    if "://" not in value:
        value = "http://" + value
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise InvalidProxy(f"the proxy address {url.strip()!r} is not valid ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidProxy(f"the proxy address must start with http:// or https://, not "
                           f"{parts.scheme}://")
    if not parts.hostname:
        raise InvalidProxy(f"the proxy address {url.strip()!r} has no host name")
    if parts.username is not None or parts.password is not None:
        raise InvalidProxy("put the proxy's user name in its own field and its password in the "
                           "password field (kept in the keychain), not in the address")
    if parts.path or parts.query or parts.fragment:
        raise InvalidProxy(f"the proxy address {url.strip()!r} must be only a host and a port")
    if port is None:
        raise InvalidProxy(f"the proxy address {url.strip()!r} has no port (such as :8080)")
    return value


@dataclass(frozen=True, repr=False)
class NetworkConfig:
    """How the console reaches the network. ``repr`` never shows the proxy password."""

    mode: ProxyMode = "system"
    proxy_url: str | None = None
    proxy_user: str | None = None
    proxy_password: str | None = None

    def __post_init__(self) -> None:
        if self.mode not in PROXY_MODES:
            raise InvalidProxy(f"the proxy mode must be one of {', '.join(PROXY_MODES)}")
        if self.mode == "manual":
            object.__setattr__(self, "proxy_url", validate_proxy_url(self.proxy_url or ""))
        register_secret(self.proxy_password)

    def __repr__(self) -> str:
        return (f"NetworkConfig(mode={self.mode!r}, proxy_url={self.proxy_url!r}, "
                f"proxy_user={self.proxy_user!r}, proxy_password="
                f"{'****' if self.proxy_password else None})")

    __str__ = __repr__


def _system_proxies() -> dict[str, str]:
    return {k: v for k, v in urllib.request.getproxies().items() if v}


def _bypassed(host: str) -> bool:
    try:
        return bool(urllib.request.proxy_bypass(host))
    except (OSError, ValueError):  # a damaged registry entry or bypass list: use the proxy
        return False


def proxy_url_for(url: str | httpx.URL, config: NetworkConfig) -> str | None:
    """The proxy a request to ``url`` goes through (as a URL, possibly with a user name and
    password taken from the system settings), or None for a direct connection."""
    target = httpx.URL(url) if isinstance(url, str) else url
    host = target.host
    if not host or is_loopback_host(host) or config.mode == "none":
        return None
    if config.mode == "manual":
        return config.proxy_url
    proxies = _system_proxies()
    chosen = proxies.get(target.scheme) or proxies.get("all")
    if not chosen or _bypassed(host):
        return None
    if "://" not in chosen:
        chosen = "http://" + chosen
    if urlsplit(chosen).scheme.lower() not in ("http", "https"):
        log.warning("the system proxy %s is not an http proxy; connecting directly", chosen)
        return None
    return chosen


def shown_proxy(proxy: str | None) -> str:
    """A proxy URL safe to print: a password in it masked."""
    if not proxy:
        return ""
    parts = urlsplit(proxy)
    if parts.password:
        return proxy.replace(f":{parts.password}@", ":***@", 1)
    return proxy


class RoutingTransport(httpx.BaseTransport):
    """Sends each request directly or through the proxy :func:`proxy_url_for` names for it."""

    def __init__(self, config: NetworkConfig, verify: bool | ssl.SSLContext = True,
                 **transport_options: Any) -> None:
        self.config = config
        self._verify = verify
        self._options = transport_options
        self._transports: dict[str | None, httpx.HTTPTransport] = {}

    def _transport(self, proxy: str | None) -> httpx.HTTPTransport:
        transport = self._transports.get(proxy)
        if transport is None:
            chosen: httpx.Proxy | None = None
            if proxy is not None:
                auth = None
                if proxy == self.config.proxy_url and self.config.proxy_user:
                    auth = (self.config.proxy_user, self.config.proxy_password or "")
                chosen = httpx.Proxy(proxy, auth=auth)
                parts = urlsplit(proxy)
                register_secret(parts.password)
            transport = httpx.HTTPTransport(verify=self._verify, proxy=chosen, **self._options)
            self._transports[proxy] = transport
        return transport

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        proxy = proxy_url_for(request.url, self.config)
        try:
            return self._transport(proxy).handle_request(request)
        except httpx.TransportError as exc:
            exc.proxy = proxy  # type: ignore[attr-defined]  # read by diagnose()
            raise

    def close(self) -> None:
        for transport in self._transports.values():
            transport.close()
        self._transports.clear()


def http_client(network: NetworkConfig | None = None, *, verify: bool | ssl.SSLContext = True,
                transport: httpx.BaseTransport | None = None, **options: Any) -> httpx.Client:
    """An ``httpx.Client`` routed by ``network`` (None: the system's proxy settings); ``options``
    are httpx.Client's (base_url, timeout, headers, follow_redirects...). A ``transport`` given
    (tests) is used as it is."""
    routed = transport or RoutingTransport(network or NetworkConfig(), verify=verify)
    return httpx.Client(transport=routed, trust_env=False, **options)


# --------------------------------------------------------------------------------------------------
# Why a connection failed

Cause = Literal["dns", "refused", "timeout", "certificate", "tls", "proxy_unreachable",
                "proxy_auth", "proxy_refused", "network"]


@dataclass(frozen=True)
class Diagnosis:
    """Why a request got no answer: ``cause``, the proxy it went through (shown safely, or
    ``""``), and a short technical detail for the log and the details line."""

    cause: Cause
    proxy: str = ""
    detail: str = ""

    #: Causes that will not go away by trying again in a moment.
    @property
    def permanent(self) -> bool:
        return self.cause in ("certificate", "proxy_auth")


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def diagnose(exc: httpx.TransportError) -> Diagnosis:
    """The cause of a transport failure raised by a client of :func:`http_client`."""
    proxy = getattr(exc, "proxy", None)
    shown = shown_proxy(proxy)
    chain = _chain(exc)
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if isinstance(exc, httpx.ProxyError):
        status = str(exc).split(" ", 1)[0]
        cause: Cause = "proxy_auth" if status == "407" else "proxy_refused"
        return Diagnosis(cause, shown, str(exc))
    if isinstance(exc, httpx.TimeoutException):
        return Diagnosis("timeout", shown, detail)
    if any(isinstance(e, ssl.SSLCertVerificationError) for e in chain):
        return Diagnosis("certificate", shown, _ssl_detail(chain))
    if any(isinstance(e, ssl.SSLError) for e in chain):
        return Diagnosis("tls", shown, _ssl_detail(chain))
    if proxy is not None and isinstance(exc, httpx.ConnectError):
        return Diagnosis("proxy_unreachable", shown, detail)
    if any(isinstance(e, socket.gaierror) for e in chain) or _looks_like_dns(chain):
        return Diagnosis("dns", shown, detail)
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in detail.lower():
        return Diagnosis("refused", shown, detail)
    return Diagnosis("network", shown, detail)


def _looks_like_dns(chain: list[BaseException]) -> bool:
    words = ("name or service not known", "nodename nor servname", "getaddrinfo failed",
             "temporary failure in name resolution", "no address associated")
    return any(w in str(e).lower() for e in chain for w in words)


def _ssl_detail(chain: list[BaseException]) -> str:
    for e in chain:
        if isinstance(e, ssl.SSLCertVerificationError):
            return str(e.verify_message or e.reason or e)
        if isinstance(e, ssl.SSLError):
            return str(e.reason or e)
    return ""


def proxy_password(store: CredentialStore | None, user: str | None,
                   environ: Mapping[str, str] = os.environ) -> str | None:
    """The manual proxy's password: ``SELLER_CONSOLE_PROXY_PASSWORD``, else the keychain entry of
    ``user`` (``store``: the console's ``CredentialStore``; an unusable keychain: None)."""
    given = environ.get(ENV_PROXY_PASSWORD, "")
    if given:
        register_secret(given)
        return given
    if not user or store is None or not store.is_available():
        return None
    try:
        secret = store.sibling(PROXY_PASSWORD_SERVICE).get_secret(user)
    except Exception as exc:  # a keychain failure: go on without, the proxy will say 407
        log.warning("could not read the proxy password from the keychain: %s", type(exc).__name__)
        return None
    return secret or None


def store_proxy_password(store: CredentialStore, user: str, password: str) -> None:
    """Keep the manual proxy's password in the keychain (raises ``KeychainUnavailable``)."""
    store.sibling(PROXY_PASSWORD_SERVICE).set_secret(user, password)


def network_config(settings: Settings, store: CredentialStore | None,
                   environ: Mapping[str, str] = os.environ) -> NetworkConfig:
    """The network choice of ``settings`` with the proxy password looked up: what both front ends
    hand to every client. A manual proxy without a usable address falls back to the system's
    settings (with a warning in the log), so a damaged setting never cuts the console off."""
    if settings.proxy_mode != "manual":
        return NetworkConfig(settings.proxy_mode)
    try:
        return NetworkConfig("manual", settings.proxy_url, settings.proxy_user or None,
                             proxy_password(store, settings.proxy_user, environ))
    except InvalidProxy as exc:
        log.warning("the manual proxy setting is not usable (%s); using the system's", exc)
        return NetworkConfig()
