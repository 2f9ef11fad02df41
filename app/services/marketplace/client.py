"""The marketplace client: signed requests, paging, time-outs, retries, and errors in words.

Every request is signed with the AK/SK scheme of ``signing``. Transient trouble (a time-out, a refused
connection, HTTP 5xx, ``MKT.0250`` throttling, a truncated body) is retried with exponential backoff and
jitter, honouring ``Retry-After``; a refusal (a wrong key, a bad parameter) is raised at once. HTTPS is
always certificate-verified; plain HTTP is accepted only on loopback, where the sandbox lives.

Nothing here logs or raises a key, a signature or a token.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote

import httpx
import orjson
from pydantic import ValidationError

from app.config.profiles import InvalidProfile, validate_endpoint
from app.errors import ConsoleError
from app.services.marketplace import signing
from app.services.marketplace.wire import (
    MAX_PAGE_LIMIT,
    QUERY_ORDER_PATH,
    USAGE_NONCE_HEADER,
    USAGE_SIGNATURE_HEADER,
    USAGE_TS_HEADER,
    Collection,
    PageEnvelope,
    Tombstone,
    dict_adapter,
    parse_hw_time,
    typed_page,
)
from app.services.network import NetworkConfig, diagnose, http_client

log = logging.getLogger("seller_console.http")

USER_AGENT = "KooGallerySellerConsole/0.1"
#: The largest response body read (a page of 1,000 records is a few MB): a larger one is refused
#: before it exhausts memory (issue 15 §3).
MAX_BODY_BYTES = 64 * 1024 * 1024
#: Header carrying the client-made idempotency key of a write (this project's contract).
IDEMPOTENCY_HEADER = "X-Idempotency-Key"
#: Where files are uploaded before the action that attaches them.
FILES_PATH = "/v1/seller/files"


class MarketplaceError(ConsoleError):
    """Any failure talking to the marketplace. ``str()`` is one sentence for the user.

    ``code`` is the marketplace's ``error_code`` (e.g. SC.1001) and ``server_message`` its
    ``error_msg``, when it sent them; ``failure_code`` is the console's own stable code."""

    default_code = "marketplace"
    code: str | None = None
    server_message: str | None = None


class InvalidEndpoint(MarketplaceError):
    default_code = "endpoint"


class AuthenticationError(MarketplaceError):
    """The marketplace refused the access key or the signature (MKT.0154 and friends).

    ``clock_offset_s``: how far the marketplace's clock (its ``Date`` header) was ahead of this
    computer's when it refused (negative: behind), when it sent one."""

    clock_offset_s: float | None = None

    default_code = "authentication"


class RequestRefused(MarketplaceError):
    """A permanent refusal: the request itself is wrong and retrying will not help."""

    default_code = "refused"


class Unreachable(MarketplaceError):
    """No answer from the marketplace after every retry (network down, server gone).

    ``params["cause"]`` says why when it is known (``app.services.network.Diagnosis.cause``:
    ``dns``, ``refused``, ``timeout``, ``certificate``, ``tls``, ``proxy_unreachable``,
    ``proxy_auth``, ``proxy_refused``, ``network``), ``params["proxy"]`` the proxy it went through
    (password masked) and ``params["host"]`` the host it tried."""

    default_code = "unreachable"


class TooManyFaults(MarketplaceError):
    """The marketplace answered, but with errors, throttling or broken pages, every time."""

    default_code = "faults"


class Cancelled(MarketplaceError):
    """The caller asked to stop."""

    default_code = "cancelled"


def check_endpoint(endpoint: str) -> str:
    """Return the endpoint without a trailing slash, or raise InvalidEndpoint.

    The rules (https only, plain http only on loopback) live in ``app.config.profiles.validate_endpoint``,
    the one place profiles and the client both use.
    """
    try:
        return validate_endpoint(endpoint)
    except InvalidProfile as e:
        raise InvalidEndpoint(str(e)[:1].upper() + str(e)[1:] + ".") from None


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try. ``max_attempts`` counts the first try."""

    max_attempts: int = 6
    base_delay_s: float = 0.25
    max_delay_s: float = 8.0
    max_retry_after_s: float = 60.0

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Exponential backoff with jitter: a random delay in [d/2, d] for d = base * 2^attempt."""
        d = min(self.max_delay_s, self.base_delay_s * (2**attempt))
        return rng.uniform(d / 2, d)


@dataclass(frozen=True)
class BadRecord:
    """A record that failed validation: its id (or position), the first reason, the raw data."""

    record_id: str
    reason: str
    raw: dict[str, Any]


@dataclass(frozen=True)
class Page:
    """A fetched, validated page: good records as dicts keyed by field name (validated against the
    collection's wire model, see ``wire.dict_schema``), bad ones set aside."""

    items: list[dict[str, Any]]
    bad: list[BadRecord]
    tombstones: list[Tombstone]
    next_cursor: str
    has_more: bool
    remaining: int | None
    nbytes: int


def _first_error(err: ValidationError) -> str:
    e = err.errors(include_url=False)[0]
    where = ".".join(str(p) for p in e["loc"]) or "record"
    return f"{where}: {e['msg']}"


def parse_page(collection: Collection, body: bytes) -> Page:
    """Validate a page at the boundary.

    Fast path: the whole page in one pass against the typed envelope. If any record is bad, the
    envelope is read on its own and each record validated alone, so one bad record is set aside
    (with its id and the reason) and the rest kept. A body that is not a page at all raises
    ValueError/ValidationError (the caller retries it as a malformed response).
    """
    try:
        typed = typed_page(collection.record).validate_json(body)
        if all(_real_time(t.delete_time) for t in typed["tombstones"]):
            return Page(
                typed["items"],
                [],
                typed["tombstones"],
                typed["next_cursor"],
                typed["has_more"],
                typed["remaining"],
                len(body),
            )
    except ValidationError:
        pass
    env = PageEnvelope.model_validate_json(body)  # raises when the envelope itself is broken
    record = dict_adapter(collection.record)
    good: list[dict[str, Any]] = []
    bad: list[BadRecord] = []
    for n, item in enumerate(env.items):
        if not isinstance(item, dict):  # set aside like any malformed record (issue 15 §3)
            bad.append(BadRecord(f"<record {n + 1}>", "record: not an object", {"item": item}))
            continue
        rid = str(
            item.get(collection.id_field) or f"<record {n + 1} without {collection.id_field}>"
        )
        try:
            good.append(record.validate_python(item))
        except ValidationError as err:
            bad.append(BadRecord(rid, _first_error(err), item))
    tombstones: list[Tombstone] = []
    for n, raw in enumerate(env.tombstones):
        raw_dict = raw if isinstance(raw, dict) else {"item": raw}
        tid = str(raw_dict.get("id") or f"<tombstone {n + 1} without id>")
        try:
            tomb = Tombstone.model_validate(raw)
        except ValidationError as err:
            bad.append(BadRecord(tid, "tombstone " + _first_error(err), raw_dict))
            continue
        if not _real_time(tomb.delete_time):
            bad.append(BadRecord(tid, f"tombstone deleteTime: not a real time "
                                      f"({tomb.delete_time})", raw_dict))
            continue
        tombstones.append(tomb)
    return Page(good, bad, tombstones, env.next_cursor, env.has_more, env.remaining, len(body))


def _real_time(value: str) -> bool:
    """Whether a ``yyyyMMddHHmmss`` value is a time that exists (not 30 February)."""
    try:
        parse_hw_time(value)
    except ValueError:
        return False
    return True


def _error_fields(content: bytes) -> tuple[str | None, str | None]:
    try:
        body = orjson.loads(content)
    except orjson.JSONDecodeError:
        return None, None
    if not isinstance(body, dict):
        return None, None
    code = body.get("error_code") or body.get("resultCode")
    msg = body.get("error_msg") or body.get("resultMsg")
    return (str(code) if code else None), (str(msg) if msg else None)


def _has_request(error: httpx.TransportError) -> bool:
    try:
        error.request  # noqa: B018 - raises RuntimeError when the error has no request
    except RuntimeError:
        return False
    return True


def _clock_offset(response: httpx.Response) -> float | None:
    """Seconds the server's clock (its ``Date`` header) is ahead of this computer's, or None."""
    value = response.headers.get("Date")
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return when.timestamp() - time.time()


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass(frozen=True)
class ClientSpec:
    """A picklable recipe for a :class:`MarketplaceClient` (for the sync's worker process)."""

    endpoint: str
    access_key: str
    secret_key: str = field(repr=False)
    timeout_s: float = 30.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    network: NetworkConfig = field(default_factory=NetworkConfig)

    def make(self, cancel: threading.Event | None = None) -> MarketplaceClient:
        return MarketplaceClient(
            self.endpoint,
            self.access_key,
            self.secret_key,
            timeout_s=self.timeout_s,
            retry=self.retry,
            cancel=cancel,
            network=self.network,
        )


#: Marketplace errors by name, so a worker process can hand one back to the sync engine.
def error_from_name(name: str, message: str, code: str | None) -> MarketplaceError:
    kinds: dict[str, type[MarketplaceError]] = {
        k.__name__: k
        for k in (
            MarketplaceError,
            InvalidEndpoint,
            AuthenticationError,
            RequestRefused,
            Unreachable,
            TooManyFaults,
            Cancelled,
        )
    }
    err = kinds.get(name, MarketplaceError)(message)
    err.code = code
    return err


@dataclass(frozen=True)
class _Write:
    """The body of a write: JSON bytes, or a file streamed from ``chunks`` (made anew per try)."""

    body: bytes = b""
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()
    body_hash: str | None = None
    chunks: Callable[[], Any] | None = None

    def content(self) -> Any:
        return self.chunks() if self.chunks is not None else self.body


class _Transient(Exception):
    def __init__(self, reason: str, kind: str, retry_after: float | None = None,
                 params: dict[str, str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind  # "network" or "server"
        self.retry_after = retry_after
        self.params = params or {}  # a network failure's cause (see Unreachable)


class MarketplaceClient:
    """A signed, retrying client for one marketplace account. Thread-confined: one per worker."""

    def __init__(
        self,
        endpoint: str,
        access_key: str,
        secret_key: str,
        *,
        timeout_s: float = 30.0,
        retry: RetryPolicy | None = None,
        cancel: threading.Event | None = None,
        rng: random.Random | None = None,
        transport: httpx.BaseTransport | None = None,
        open_api_endpoint: str | None = None,
        open_api_fallback: str | None = None,
        usage_key: str | None = None,
        network: NetworkConfig | None = None,
    ) -> None:
        self.endpoint = check_endpoint(endpoint)
        #: Where KooGallery's open APIs are called (Query Order, usage push, license codes): the
        #: profile's open-API host, else the endpoint itself (the sandbox serves both); the
        #: fallback is tried once when the first host cannot be reached (interfaces.md §7.1).
        self.open_api_endpoint = check_endpoint(open_api_endpoint or endpoint)
        self.open_api_fallback = check_endpoint(open_api_fallback) if open_api_fallback else None
        self._usage_key = usage_key
        self._access_key = access_key
        self._secret_key = secret_key
        self._timeout_s = timeout_s
        self.retry = retry or RetryPolicy()
        self.max_body_bytes = MAX_BODY_BYTES
        self._cancel = cancel or threading.Event()
        self._rng = rng or random.Random()
        self.network = network or NetworkConfig()
        #: Seconds the marketplace's clock (its last ``Date`` header) was ahead of this one's.
        self.last_clock_offset_s: float | None = None
        self._http = http_client(
            self.network,
            base_url=self.endpoint,
            timeout=httpx.Timeout(timeout_s, connect=min(10.0, timeout_s)),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            transport=transport,
            verify=True,
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"MarketplaceClient({self.endpoint!r})"

    def spec(self) -> ClientSpec:
        """What a worker process needs to make the same client (holds the secret: never log it)."""
        return ClientSpec(
            self.endpoint, self._access_key, self._secret_key, self._timeout_s, self.retry,
            self.network,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> MarketplaceClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests ----------------------------------------------------------------------------------

    def _send_once(self, method: str, path: str, params: dict[str, str],
                   write: _Write | None = None) -> httpx.Response:
        content_type = write.content_type if write is not None else "application/json"
        extra = dict(write.headers) if write is not None else {}
        request = self._http.build_request(
            method, path, params=params,
            headers={"Content-Type": content_type, **extra},
            content=write.content() if write is not None else None,
        )
        to_sign = {"Host": request.headers["Host"], "Content-Type": content_type, **extra}
        query = list(request.url.params.multi_items())
        body = write.body if write is not None else b""
        request.headers.update(
            signing.sign_headers(
                method, request.url.path, query, to_sign, body, self._access_key,
                self._secret_key, body_hash=write.body_hash if write is not None else None,
            )
        )
        return self._http.send(request, stream=True)

    def _sleep(self, seconds: float) -> None:
        if self._cancel.wait(seconds):
            raise Cancelled("Stopped at your request.")

    def get_json_bytes(
        self, path: str, params: dict[str, str], parse: Callable[[bytes], Any]
    ) -> Any:
        """GET ``path`` signed, retrying transient faults; return ``parse(body)``.

        ``parse`` raising ValueError/ValidationError counts as a malformed (transient) response.
        """
        return self._request("GET", path, params, parse)

    def _request(
        self, method: str, path: str, params: dict[str, str], parse: Callable[[bytes], Any],
        write: _Write | None = None,
    ) -> Any:
        """Send a signed request, retrying transient faults (writes are only ever retried
        because they carry an idempotency key: the marketplace drops a repeat)."""
        last: _Transient | None = None
        kinds: set[str] = set()
        for attempt in range(self.retry.max_attempts):
            if self._cancel.is_set():
                raise Cancelled("Stopped at your request.")
            if attempt:
                assert last is not None
                delay = self.retry.backoff(attempt - 1, self._rng)
                if last.retry_after is not None:
                    delay = min(self.retry.max_retry_after_s, max(delay, last.retry_after))
                log.info("retrying %s in %.2fs after: %s", path, delay, last.reason)
                self._sleep(delay)
            try:
                return self._attempt(method, path, params, parse, write)
            except _Transient as t:
                last = t
                kinds.add(t.kind)
                if t.params.get("permanent"):
                    break  # a certificate or a proxy password: trying again will not help
        assert last is not None
        tries = attempt + 1
        if kinds == {"network"}:
            raise Unreachable(
                f"The marketplace at {self.endpoint} did not answer ({last.reason}) "
                f"after {tries} {'try' if tries == 1 else 'tries'}.",
                params={k: v for k, v in last.params.items() if k != "permanent"},
            )
        raise TooManyFaults(
            f"The marketplace kept failing ({last.reason}) after {tries} tries; try again later."
        )

    def _attempt(self, method: str, path: str, params: dict[str, str],
                 parse: Callable[[bytes], Any], write: _Write | None = None) -> Any:
        started = time.perf_counter()
        try:
            response = self._send_once(method, path, params, write)
        except httpx.TransportError as e:
            raise self._network_failure(e, path) from None
        try:
            body = _read_capped(response, self.max_body_bytes)
        except httpx.TransportError as e:
            raise self._network_failure(e, path) from None
        except httpx.DecodingError:  # e.g. "Content-Encoding: gzip" over bytes that are not
            raise _Transient("a response body that cannot be decoded", "server") from None
        elapsed = time.perf_counter() - started
        log.debug("%s %s -> %s in %.3fs", method, path, response.status_code, elapsed)
        offset = _clock_offset(response)
        if offset is not None:
            self.last_clock_offset_s = offset
        status = response.status_code
        if status == 200:
            try:
                return parse(body)
            except (ValueError, ValidationError):
                raise _Transient("a malformed response body", "server") from None
        code, msg = _error_fields(body)
        detail = f"{code}: {msg}" if code and msg else (code or msg or f"HTTP {status}")
        if status in (406, 429) or code == "MKT.0250":
            raise _Transient(f"throttled ({detail})", "server", _retry_after(response))
        if status >= 500:
            raise _Transient(f"server error ({detail})", "server")
        if status == 407:  # a plain-http request answered by a proxy that wants a password
            raise _Transient("the proxy asks for a user name and password", "network",
                             params={"cause": "proxy_auth", "permanent": "1"})
        if status in (401, 403):
            auth = AuthenticationError(
                "The marketplace refused the access key or its signature "
                f"({detail}). Check the access key and secret key of this profile, "
                "and that this computer's clock is right."
            )
            auth.clock_offset_s = offset
            err: MarketplaceError = auth
        else:
            err = RequestRefused(f"The marketplace refused the request ({detail}).",
                                 params={"status": str(status)})
            err.server_message = msg
        err.code = code
        raise err

    def _network_failure(self, error: httpx.TransportError, path: str) -> _Transient:
        """A transport failure as a transient fault that knows its cause (see Unreachable)."""
        found = diagnose(error)
        host = error.request.url.host if _has_request(error) else ""
        params = {"cause": found.cause, "proxy": found.proxy, "host": host}
        if found.permanent:
            params["permanent"] = "1"
        log.info("%s: no answer (%s%s): %s", path, found.cause,
                 f" via proxy {found.proxy}" if found.proxy else "", found.detail)
        reason = "no answer in time" if found.cause == "timeout" else \
            f"connection failed: {found.cause}: {type(error).__name__}"
        return _Transient(reason, "network", params=params)

    # -- API ---------------------------------------------------------------------------------------

    def get_page(self, collection: Collection, cursor: str | None, limit: int) -> Page:
        """One page of changes in ``collection`` after ``cursor`` (None: from the beginning)."""
        if not 1 <= limit <= MAX_PAGE_LIMIT:
            raise ValueError(f"limit must be 1..{MAX_PAGE_LIMIT}")
        params = {"limit": str(limit)}
        if cursor:
            params["cursor"] = cursor

        def parse(body: bytes) -> Page:
            return parse_page(collection, body)

        page: Page = self.get_json_bytes(collection.path, params, parse)
        sent = len(page.items) + sum(1 for b in page.bad if not b.reason.startswith("tombstone"))
        if sent > limit:  # a page larger than asked for is not trusted (issue 15 §3)
            raise RequestRefused(
                f"The marketplace sent {sent} records for a page of at most {limit} "
                f"({collection.name}); the page was not stored.", failure_code="faults")
        return page

    def query_order(self, order_id: str, order_line_id: str | None = None) -> dict[str, Any]:
        """KooGallery's published Query Order API (查询订单, interfaces.md §7.2)."""
        params = {"orderId": order_id}
        if order_line_id:
            params["orderLineId"] = order_line_id

        def parse(body: bytes) -> dict[str, Any]:
            data = orjson.loads(body)
            if not isinstance(data, dict) or "resultCode" not in data:
                raise ValueError("not a Query Order response")
            return data

        result: dict[str, Any] = self.call_open_api("GET", QUERY_ORDER_PATH, params=params,
                                                    parse=parse)
        if result.get("resultCode") != "MKT.0000":
            raise RequestRefused(
                f"Query Order refused: {result.get('resultCode')}: {result.get('resultMsg')}"
            )
        return result

    def call_open_api(self, method: str, path: str, *, params: dict[str, str] | None = None,
                      body: bytes | None = None, body_signed: bool = False,
                      parse: Callable[[bytes], Any] | None = None,
                      retry: bool = True) -> Any:
        """Call one of KooGallery's open APIs (interfaces.md §7) on the open-API host: AK/SK-signed,
        and with the usage-push body signature of §6.7 when ``body_signed``. Returns ``parse(body)``
        of a 200 answer (a JSON object by default); a business failure inside a 200 is the
        caller's to read. ``retry=False`` for a call that must not be repeated blindly (a license
        activation). Falls back once to the published second host when the first is unreachable.
        """
        bases = [self.open_api_endpoint, *([self.open_api_fallback]
                                           if self.open_api_fallback else [])]
        for n, base in enumerate(bases):
            try:
                return self._call_open_api(base, method, path, params or {}, body, body_signed,
                                           parse or _json_object, retry)
            except Unreachable:
                if n == len(bases) - 1:
                    raise
                log.info("open-API host unreachable; trying the published fallback host")
        raise AssertionError("unreachable")  # pragma: no cover

    def _call_open_api(self, base: str, method: str, path: str, params: dict[str, str],
                       body: bytes | None, body_signed: bool, parse: Callable[[bytes], Any],
                       retry: bool) -> Any:
        headers: tuple[tuple[str, str], ...] = ()
        if body_signed:
            if not self._usage_key:
                err = AuthenticationError(
                    "No key for the usage-push body signature is stored for this profile "
                    "(the key from 卖家中心 > 密钥管理); store it with "
                    "`seller-console usage set-key PROFILE`, or set SELLER_CONSOLE_ISV_KEY.")
                err.code = "MKT.0102"
                raise err
            ts = str(int(time.time() * 1000))
            nonce = str(uuid.uuid4())
            sig = signing.usage_body_signature(self._usage_key, ts, nonce, body or b"")
            headers = ((USAGE_SIGNATURE_HEADER, sig), (USAGE_TS_HEADER, ts),
                       (USAGE_NONCE_HEADER, nonce))
        write = _Write(body=body, headers=headers) if body is not None else None
        url = base + path
        if retry:
            return self._request(method, url, params, parse, write)
        try:
            return self._attempt(method, url, params, parse, write)
        except _Transient as t:
            if t.kind == "network":
                raise Unreachable(f"The marketplace at {base} did not answer ({t.reason}).",
                                  params={k: v for k, v in t.params.items()
                                          if k != "permanent"}) from None
            raise TooManyFaults(f"The marketplace failed ({t.reason}); try again later.") \
                from None

    def send_open_api_action(self, method: str, path: str, body: dict[str, Any],
                             body_signed: bool = False) -> dict[str, Any]:
        """Send one outbox entry to an open API (the usage push): the exact bytes of ``body`` in
        the order given, signed. A 200 whose ``error_code``/``resultCode`` is not ``MKT.0000`` is a
        refusal (:class:`RequestRefused` naming the records KooGallery listed in ``extra_info``).
        No idempotency header: KooGallery drops a repeated record by its ``metering_sn``."""
        data = orjson.dumps(body)
        answer: dict[str, Any] = self.call_open_api(method, path, body=data,
                                                    body_signed=body_signed)
        code = answer.get("error_code", answer.get("resultCode"))
        if code not in (None, "MKT.0000"):
            msg = str(answer.get("error_msg") or answer.get("resultMsg") or "")
            failed = answer.get("extra_info")
            if isinstance(failed, list) and failed:
                named = "; ".join(
                    f"{item.get('metering_sn', '?')}: {item.get('reason') or item.get('error_msg') or ''}"
                    if isinstance(item, dict) else str(item) for item in failed[:20])
                msg = f"{msg} ({named})" if msg else named
            err = RequestRefused(f"The marketplace refused the request ({code}: {msg}).")
            err.code, err.server_message = str(code), f"{code}: {msg}"
            raise err
        return answer

    # -- writes (the outbox's transport) ---------------------------------------------------------

    def send_action(self, method: str, path: str, body: dict[str, Any],
                    idempotency_key: str) -> dict[str, Any]:
        """Send one action (JSON body) with its idempotency key; return the JSON answer.

        Raises RequestRefused (with ``code`` and ``server_message``) on a permanent refusal,
        AuthenticationError, Unreachable/TooManyFaults after the retries, Cancelled.
        """
        data = orjson.dumps(body)
        write = _Write(body=data, headers=((IDEMPOTENCY_HEADER, idempotency_key),))
        result: dict[str, Any] = self._request(method, path, {}, _json_object, write)
        return result

    def upload_file(self, upload_key: str, chunks: Callable[[], Any], sha256: str, size: int,
                    file_name: str, content_type: str) -> dict[str, Any]:
        """Stream one file to ``PUT /v1/seller/files/{upload_key}``; return ``{"fileId", ...}``.

        ``chunks()`` yields the file's bytes (called again for each try). The body is signed by
        its known SHA-256, so the file is never held in memory. The same ``upload_key`` always
        yields the same file on the marketplace: a resend after a crash stores nothing twice.
        """
        headers = (
            ("X-File-Name", quote(file_name, safe="")),
            ("X-File-Sha256", sha256),
            ("Content-Length", str(size)),
        )
        write = _Write(content_type=content_type or "application/octet-stream",
                       headers=headers, body_hash=sha256, chunks=chunks)
        result: dict[str, Any] = self._request(
            "PUT", f"{FILES_PATH}/{quote(upload_key, safe='')}", {}, _json_object, write)
        return result


class ResponseTooLarge(MarketplaceError):
    """A response body over :data:`MAX_BODY_BYTES`: refused, never read whole."""

    default_code = "faults"


def _read_capped(response: httpx.Response, cap: int) -> bytes:
    """The body of a streamed ``response``, refused past ``cap`` bytes (then closed)."""
    try:
        declared = int(response.headers.get("Content-Length", "0") or 0)
    except ValueError:
        declared = 0
    if declared > cap:
        response.close()
        raise ResponseTooLarge(f"The marketplace answered with {declared} bytes, more than the "
                               f"{cap} bytes the console reads; the answer was refused.")
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise ResponseTooLarge(f"The marketplace answered with more than the {cap} "
                                       "bytes the console reads; the answer was refused.")
            chunks.append(chunk)
    finally:
        response.close()
    # Not kept on the response (``response._content``): httpx's response and its stream refer
    # to each other, so the response lives until the garbage collector finds that cycle, and a
    # page's body (megabytes) with it (issue 18 §2: the sync helper grew to 1.5 GB).
    return b"".join(chunks)


def _json_object(body: bytes) -> dict[str, Any]:
    data = orjson.loads(body)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data
