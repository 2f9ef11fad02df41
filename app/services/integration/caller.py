"""The conformance tester's side of the wire: requests signed as KooGallery signs them, sent over
httpx, each kept as a masked :class:`~app.services.integration.report.Exchange` and read into an
:class:`Answer`.

* SaaS V2, License 2.0 and orderNotify: ``POST url?signature=&timestamp=&nonce=`` with a compact
  JSON body whose top-level keys are sorted (§2, §6.1);
* SaaS V1: ``GET url?...&timeStamp=&authToken=`` (§3, §6.3);
* 联营Kit V2: ``POST url/produceAPI/v2/<name>`` with ``x-sign``, ``x-timestamp``, ``x-nonce``
  (§4, §6.2).

A :class:`Tamper` makes a request KooGallery would never send (wrong signature, stale timestamp),
and :meth:`Caller.replay` sends the last request again byte for byte: the refusals the seller must
answer with ``000001``.
"""

from __future__ import annotations

import json
import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any
from urllib.parse import urlencode

import httpx

from app.services.integration.report import Exchange, mask_body, mask_headers, mask_query
from app.services.integration.rules import ConformanceSettings, Family
from app.services.marketplace import interface_signing as signing
from app.services.network import http_client


class Tamper(Enum):
    NONE = "none"
    WRONG_SIGNATURE = "wrong_signature"
    STALE_TIMESTAMP = "stale_timestamp"


@dataclass
class Answer:
    """What came back: ``index`` of its exchange; ``data`` the JSON object read leniently
    (whatever the Content-Type), None when the body is none."""

    index: int
    status: int | None
    elapsed_s: float | None
    body: bytes
    headers: dict[str, str]
    data: dict[str, Any] | None
    error: str | None = None
    content_type: str = ""

    @property
    def code(self) -> str | None:
        """The ``resultCode`` as sent, as text; None when there is none."""
        if self.data is None or "resultCode" not in self.data:
            return None
        return str(self.data["resultCode"])


@dataclass
class _Prepared:
    method: str
    url: str
    headers: dict[str, str]
    body: bytes
    label: str
    query: dict[str, str] = field(default_factory=dict)


def body_bytes(value: dict[str, Any]) -> bytes:
    """A JSON body as KooGallery serialises it (§6.1: sorted top-level keys, compact)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


class Caller:
    """Sends one family's requests to one production URL, signed with ``key``.

    ``verify``: as httpx takes it (True: the system's trusted authorities, an
    ``ssl.SSLContext``, or False once the certificate check has already failed and been
    reported). Every exchange is appended to ``exchanges``.
    """

    def __init__(self, url: str, key: str, family: Family, settings: ConformanceSettings,
                 exchanges: list[Exchange], *, verify: bool | ssl.SSLContext = True) -> None:
        self.url = url.rstrip("/") if family == "kit" else url
        self.key = key
        self.family = family
        self.settings = settings
        self.exchanges = exchanges
        self._last: _Prepared | None = None
        self._hung = False
        self._client = self._make_client(verify)

    def _make_client(self, verify: bool | ssl.SSLContext) -> httpx.Client:
        return http_client(verify=verify, timeout=self._timeout(), follow_redirects=False)

    def _timeout(self) -> httpx.Timeout:
        """Connecting may take the answer limit; an answer the limit plus the grace, until one
        request got no answer at all: from then on the limit alone (a server that hangs is not
        waited for twenty times over)."""
        limit = self.settings.answer_limit_s
        wait = limit if self._hung else limit + self.settings.answer_grace_s
        return httpx.Timeout(wait, connect=limit)

    def stop_verifying(self) -> None:
        """Go on without the certificate check (it has failed and is reported)."""
        self._client.close()
        self._client = self._make_client(False)

    def close(self) -> None:
        self._client.close()

    # -- timestamps ------------------------------------------------------------------------------

    def _now(self, tamper: Tamper) -> datetime:
        now = datetime.now(UTC)
        if tamper is Tamper.STALE_TIMESTAMP:
            now -= timedelta(seconds=self.settings.stale_age_s)
        return now

    def _timestamp(self, now: datetime) -> str:
        seconds = now.timestamp()
        return str(int(seconds * 1000) if self.settings.timestamp_unit == "ms" else int(seconds))

    def _wrong_key(self) -> str:
        return "not-" + self.key

    # -- building ----------------------------------------------------------------------------------

    def prepare_post(self, label: str, body: dict[str, Any], tamper: Tamper = Tamper.NONE,
                     path: str = "") -> _Prepared:
        raw = body_bytes(body)
        timestamp = self._timestamp(self._now(tamper))
        nonce = signing.new_nonce()
        key = self._wrong_key() if tamper is Tamper.WRONG_SIGNATURE else self.key
        headers = {"Content-Type": "application/json;charset=UTF-8", "Accept": "application/json"}
        if self.family == "kit":
            headers.update({"x-sign": signing.kit_signature(key, nonce, timestamp, raw),
                            "x-timestamp": timestamp, "x-nonce": nonce})
            return _Prepared("POST", self.url + path, headers, raw, label)
        query = {"signature": signing.v2_signature(key, nonce, timestamp, raw,
                                                   inner_hmac=self.settings.inner_hmac),
                 "timestamp": timestamp, "nonce": nonce}
        return _Prepared("POST", _with_query(self.url, query), headers, raw, label, query)

    def prepare_get(self, label: str, params: dict[str, str],
                    tamper: Tamper = Tamper.NONE) -> _Prepared:
        stamp = self._now(tamper).strftime("%Y%m%d%H%M%S%f")[:17]  # §3: UTC yyyyMMddHHmmssSSS
        fields = {**params, "timeStamp": stamp}
        key = self._wrong_key() if tamper is Tamper.WRONG_SIGNATURE else self.key
        fields["authToken"] = signing.v1_auth_token(key, fields)
        return _Prepared("GET", _with_query(self.url, fields), {"Accept": "application/json"},
                         b"", label, fields)

    # -- sending ---------------------------------------------------------------------------------

    def post(self, label: str, body: dict[str, Any], tamper: Tamper = Tamper.NONE,
             path: str = "") -> Answer:
        return self.send(self.prepare_post(label, body, tamper, path))

    def get(self, label: str, params: dict[str, str], tamper: Tamper = Tamper.NONE) -> Answer:
        return self.send(self.prepare_get(label, params, tamper))

    def replay(self, label: str) -> Answer:
        """The last request again, byte for byte (same nonce, timestamp and signature)."""
        if self._last is None:
            raise RuntimeError("nothing to replay")
        last = self._last
        return self.send(_Prepared(last.method, last.url, last.headers, last.body, label,
                                   last.query))

    def send(self, request: _Prepared) -> Answer:
        """Send ``request``; transport errors other than a refused connection and a failed
        certificate check end in an answer with ``error`` (they are the seller's to fix)."""
        self._last = request
        exchange = Exchange(label=request.label, method=request.method,
                            url=mask_query(request.url),
                            request_headers=mask_headers(request.headers),
                            request_body=mask_body(request.body.decode("utf-8", "replace")))
        self.exchanges.append(exchange)
        index = len(self.exchanges) - 1
        started = time.perf_counter()
        timeout = self._timeout()
        try:
            response = self._client.request(request.method, request.url, headers=request.headers,
                                            content=request.body or None, timeout=timeout)
        except (httpx.ConnectError, httpx.ConnectTimeout):
            self.exchanges.pop()
            raise
        except httpx.TimeoutException:
            exchange.elapsed_s = time.perf_counter() - started
            exchange.error = f"no answer within {timeout.read:g} s"
            self._hung = True
            return Answer(index, None, exchange.elapsed_s, b"", {}, None, exchange.error)
        except httpx.HTTPError as e:
            exchange.elapsed_s = time.perf_counter() - started
            exchange.error = f"{type(e).__name__}: {e}"
            return Answer(index, None, exchange.elapsed_s, b"", {}, None, exchange.error)
        elapsed = time.perf_counter() - started
        text = response.content.decode("utf-8", "replace")
        headers = dict(response.headers)
        exchange.status = response.status_code
        exchange.response_headers = mask_headers(headers)
        exchange.response_body = mask_body(text)
        exchange.elapsed_s = elapsed
        data: dict[str, Any] | None = None
        try:
            parsed = json.loads(response.content)
            data = parsed if isinstance(parsed, dict) else None
        except ValueError:
            data = None
        return Answer(index, response.status_code, elapsed, response.content,
                      {k.lower(): v for k, v in headers.items()}, data,
                      content_type=response.headers.get("content-type", ""))

    def tls_version(self) -> str | None:
        """The TLS version of a fresh connection to the URL (None on plain HTTP or failure)."""
        try:
            with self._client.stream("GET", self.url.split("?")[0]) as response:
                stream = response.extensions.get("network_stream")
                ssl_object = stream.get_extra_info("ssl_object") if stream else None
                return str(ssl_object.version()) if ssl_object is not None else None
        except httpx.HTTPError:
            return None


def _with_query(url: str, query: dict[str, str]) -> str:
    return url + ("&" if "?" in url else "?") + urlencode(query)
