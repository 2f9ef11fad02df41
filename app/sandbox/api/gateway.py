"""The API gateway in front of the sandbox: AK/SK signatures, rate limit, fault injection.

A plain ASGI middleware, so that it sees every request before routing and can answer without touching
the application (a refused request costs no database work). Everything except the admin API
(``/_sandbox/*``) and the API documentation must be signed (interfaces.md §6.6): a missing or bad
signature, an unknown key or a clock more than 15 minutes off is refused with 401 MKT.0154. Then the
access key's token bucket (406 MKT.0250 with ``Retry-After``), then the injected faults. Messages
never contain the secret key or the signature.

Every response carries a ``Date`` header (interfaces.md §6.6, common response headers) from the
gateway's clock: this computer's, moved by the ``clock_skew_s`` fault setting, which also moves
the time the signature's 15-minute window is measured against.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any
from urllib.parse import parse_qsl

import orjson

from app.sandbox.api.guard import FaultInjector, RateLimiter
from app.services.marketplace.signing import SignatureError, verify_request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ADMIN_PREFIX = "/_sandbox/"
OPEN_PATHS = frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})


def is_open_path(path: str) -> bool:
    """Paths served without a signature (and without faults): admin API and documentation."""
    return path.startswith(ADMIN_PREFIX) or path in OPEN_PATHS


def error_body(code: str, message: str) -> bytes:
    return orjson.dumps({"error_code": code, "error_msg": message})


async def send_json(send: Send, status: int, body: bytes,
                    extra: list[tuple[bytes, bytes]] | None = None) -> None:
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode()), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Gateway:
    """ASGI middleware: signature check, rate limit, faults, in that order."""

    def __init__(self, app: ASGIApp, secrets: Mapping[str, str], limiter: RateLimiter,
                 faults: FaultInjector, stopping: threading.Event) -> None:
        self.app = app
        self.secrets = secrets
        self.limiter = limiter
        self.faults = faults
        self.stopping = stopping

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        now = datetime.now(UTC) + timedelta(seconds=self.faults.settings.clock_skew_s)
        dated = _dated(send, now)
        if is_open_path(scope["path"]):
            await self.app(scope, receive, dated)
            return
        await self._guarded(scope, receive, dated, now)

    async def _guarded(self, scope: Scope, receive: Receive, send: Send, now: datetime) -> None:
        body = await _read_body(receive)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        query = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        try:
            access_key = verify_request(scope["method"], scope["path"], query, headers, body,
                                        self.secrets, now=now)
        except SignatureError as e:
            await send_json(send, 401, error_body(e.code, e.message))
            return
        wait = self.limiter.take(access_key)
        if wait:
            await send_json(send, 406, error_body("MKT.0250", "call frequency over limit"),
                            [(b"retry-after", str(wait).encode())])
            return
        settings = self.faults.settings
        fault = self.faults.roll()
        if settings.latency_ms:
            await asyncio.sleep(settings.latency_ms / 1000)
        if fault == "error":
            await send_json(send, 500, error_body("MKT.0999", "internal error (injected)"))
            return
        if fault == "throttle":
            await send_json(send, 406, error_body("MKT.0250", "call frequency over limit"),
                            [(b"retry-after", str(settings.retry_after).encode())])
            return
        if fault == "hang":
            # Hold the request until the server stops, then let it go so shutdown stays clean.
            while not self.stopping.is_set():
                await asyncio.sleep(0.02)
            await send_json(send, 500, error_body("MKT.0999", "sandbox stopping"))
            return
        replay = _replay(body, receive)
        if fault == "malformed":
            await self._malformed(scope, replay, send)
        else:
            await self.app(scope, replay, send)

    async def _malformed(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request, then cut a 200 response's JSON body in half (a proper prefix of a JSON
        object is never valid JSON)."""
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        if start is None:
            return
        body = b"".join(chunks)
        if start["status"] == 200 and len(body) > 1:
            body = body[: len(body) // 2]
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": start["status"], "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _dated(send: Send, now: datetime) -> Send:
    """``send`` with the response's ``Date`` header set to ``now`` (uvicorn's own is off)."""
    stamp = format_datetime(now, usegmt=True).encode("latin-1")

    async def dated(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"date"]
            message = {**message, "headers": [*headers, (b"date", stamp)]}
        await send(message)

    return dated


async def _read_body(receive: Receive) -> bytes:
    parts: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        parts.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(parts)


def _replay(body: bytes, receive: Receive) -> Receive:
    """Give the application the body already read, then the connection's own messages."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
