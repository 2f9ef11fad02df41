"""The sandbox marketplace over HTTP: FastAPI routes, and :class:`SandboxServer` to run it in-process.

Routes (see ``docs/api.md``):

* ``GET <collection path>?cursor=&limit=`` for every collection in ``wire.COLLECTIONS``: pages of
  changes in change-sequence order, built from the stored JSON bytes (no per-request serialisation);
* ``GET /api/mkp-openapi-public/global/v1/order/query`` — the real Query Order API (§7.2) with the
  nine MOCK orders (and the sandbox's own orders);
* ``POST /api/mkp-openapi-public/global/v1|v2/license/...`` and ``.../v1/isv/usage-data`` — the
  License 2.0 and usage-push open APIs (``api.openapi``);
* ``/_sandbox/*`` — the unsigned admin API, for loopback clients only: stats, faults, clock, advance,
  corrupt.

Page endpoints are plain (sync) functions: uvicorn runs them in its thread pool, where each thread
reads through its own SQLite connection.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson
import uvicorn
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, create_model

from app.sandbox import DEMO_ACCESS_KEY, DEMO_ISV_KEY, DEMO_SECRET_KEY
from app.sandbox.api.actions import FileRules, add_action_routes
from app.sandbox.api.admin import add_admin_routes
from app.sandbox.api.demands import add_demand_routes
from app.sandbox.api.gateway import Gateway, error_body
from app.sandbox.api.guard import (
    CursorError,
    FaultInjector,
    Faults,
    RateLimiter,
    decode_cursor,
    encode_cursor,
)
from app.sandbox.api.interface_messages import add_interface_message_routes
from app.sandbox.api.invoices import add_invoice_routes
from app.sandbox.api.offers import add_partner_routes
from app.sandbox.api.openapi import OpenApiState, add_openapi_routes
from app.sandbox.data.mock_orders import MOCK_ORDERS, order_info_from_wire
from app.sandbox.state import SandboxData
from app.sandbox.store import Page
from app.services.marketplace import wire

log = logging.getLogger("seller_console.sandbox")

_JSON = "application/json"
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": wire.ErrorBody, "description": "MKT.0101: bad cursor or limit"},
    401: {"model": wire.ErrorBody, "description": "MKT.0154: missing/bad signature, clock skew"},
    406: {"model": wire.ErrorBody, "description": "MKT.0250: rate limit (see Retry-After)"},
    500: {"model": wire.ErrorBody, "description": "MKT.0999: internal error"},
}


class _ResultBody(BaseModel):
    """Query Order's refusal (interfaces.md §7.2 answers ``resultCode``/``resultMsg``)."""

    resultCode: str  # noqa: N815 - the wire's name
    resultMsg: str  # noqa: N815


#: Query Order's answers as documented: its 400 is a ``resultCode`` body, not ``error_code``
#: (the schemathesis run of issue 15 §4 found the document saying otherwise).
_QUERY_ORDER_ERRORS: dict[int | str, dict[str, Any]] = {
    **_ERRORS, 400: {"model": _ResultBody, "description": "MKT.0101: no such order or line"}}


def page_body(page: Page) -> bytes:
    """The page envelope, assembled from the stored record bytes."""
    tombstones = orjson.dumps([{"id": rid, "deleteTime": when} for rid, when in page.tombstones])
    return b"".join((
        b'{"items":[', b",".join(page.items), b'],"tombstones":', tombstones,
        b',"nextCursor":"', encode_cursor(page.last_seq).encode(), b'","hasMore":',
        b"true" if page.has_more else b"false", b',"remaining":', str(page.remaining).encode(), b"}",
    ))


def _page_model(collection: wire.Collection) -> type[wire.Wire]:
    """A typed page model per collection, for /openapi.json only (responses are pre-built bytes)."""
    model: type[wire.Wire] = create_model(
        f"{collection.record.__name__}Page", __base__=wire.Wire,
        items=(list[collection.record], ...),  # type: ignore[name-defined]
        tombstones=(list[wire.Tombstone], ...), next_cursor=(str, ...), has_more=(bool, ...),
        remaining=(int, ...),
    )
    return model


def create_app(data: SandboxData, faults: FaultInjector,
               file_rules: FileRules | None = None,
               openapi: OpenApiState | None = None) -> FastAPI:
    """The FastAPI application of one sandbox (without the gateway middleware); ``openapi``
    holds the License 2.0 and usage-push state (a fresh one with the demo ISV key if None)."""
    app = FastAPI(
        title="KooGallery seller data API (sandbox)",
        version="1",
        description=(
            "A local sandbox of the seller data API this project defines (see docs/api.md). "
            "Only Query Order, the AK/SK signature and the MKT result codes mirror KooGallery's "
            "published open API; the /v1/seller and /v1/partner collections are this project's "
            "contract and do not exist at Huawei."
        ),
    )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = ", ".join(".".join(str(p) for p in e.get("loc", ())[1:]) for e in exc.errors())
        return Response(error_body("MKT.0101", f"invalid parameter: {fields or 'request'}"),
                        status_code=400, media_type=_JSON)

    @app.exception_handler(Exception)
    async def _crashed(request: Request, exc: Exception) -> Response:
        log.exception("sandbox request failed: %s %s", request.method, request.url.path)
        return Response(error_body("MKT.0999", "internal error"), status_code=500,
                        media_type=_JSON)

    for collection in wire.COLLECTIONS:
        app.add_api_route(
            collection.path, _page_endpoint(data, collection.name), methods=["GET"],
            name=collection.name, response_class=Response,
            responses={200: {"model": _page_model(collection), "description": "a page"},
                       **_ERRORS},
            summary=f"Changes in {collection.name} since a cursor",
            tags=["partner collections" if collection.partner else "seller collections"],
        )

    @app.get(wire.QUERY_ORDER_PATH, response_class=Response, tags=["KooGallery open API"],
             summary="Query Order (查询订单, interfaces.md §7.2)",
             responses=_QUERY_ORDER_ERRORS)
    def query_order(order_id: str | None = Query(None, alias="orderId", max_length=64),
                    order_line_id: str | None = Query(None, alias="orderLineId",
                                                      max_length=64)) -> Response:
        info = MOCK_ORDERS.get(order_id or "")
        if info is None and order_id:
            stored = data.store.get("orders", order_id)
            if stored is not None and stored.payload is not None and not stored.deleted:
                with contextlib.suppress(orjson.JSONDecodeError, KeyError, TypeError):
                    info = order_info_from_wire(orjson.loads(stored.payload))
        if not order_id or info is None:
            return _result(400, "MKT.0101", f"order {order_id or '(none)'} does not exist")
        if order_line_id:
            lines = [line for line in info["orderLine"] if line["orderLineId"] == order_line_id]
            if not lines:
                return _result(400, "MKT.0101", f"order line {order_line_id} does not exist")
            info = {**info, "orderLine": lines}
        body = orjson.dumps({"resultCode": "MKT.0000", "resultMsg": "success", "orderInfo": info})
        return Response(body, media_type=_JSON)

    add_action_routes(app, data, file_rules)
    add_invoice_routes(app, data)
    add_demand_routes(app, data)
    add_partner_routes(app, data)
    add_interface_message_routes(app, data)
    add_openapi_routes(app, data, openapi or OpenApiState(DEMO_ISV_KEY))
    add_admin_routes(app, data, faults)
    return app


def _result(status: int, code: str, message: str) -> Response:
    return Response(orjson.dumps({"resultCode": code, "resultMsg": message}), status_code=status,
                    media_type=_JSON)


def _page_endpoint(data: SandboxData, name: str) -> Any:
    def page(cursor: str = Query("", max_length=64,
                                 description="opaque; empty or absent = from the beginning"),
             limit: int = Query(100, ge=1, le=wire.MAX_PAGE_LIMIT)) -> Response:
        try:
            after = decode_cursor(cursor)
        except CursorError as e:
            return Response(error_body("MKT.0101", str(e)), status_code=400, media_type=_JSON)
        return Response(page_body(data.store.page(name, after, limit)), media_type=_JSON)

    return page


class _Uvicorn(uvicorn.Server):
    """uvicorn.Server that first releases hanging requests when asked to exit (also on SIGTERM)."""

    def __init__(self, config: uvicorn.Config, stopping: threading.Event) -> None:
        super().__init__(config)
        self._stopping = stopping

    def handle_exit(self, sig: int, frame: Any) -> None:
        self._stopping.set()
        super().handle_exit(sig, frame)


class SandboxServer:
    """A sandbox marketplace served on a local port from a background thread.

    ``start()`` generates (or reuses) the data, binds the socket (port 0 = any free port), starts
    uvicorn in a daemon thread and returns the base URL once connections are accepted. ``stop()``
    releases hanging requests and shuts down cleanly. Usable as a context manager.
    """

    def __init__(self, seed: int = 1, orders: int = 2000, start: datetime | None = None,
                 data_dir: Path | str | None = None, host: str = "127.0.0.1", port: int = 0,
                 access_key: str = DEMO_ACCESS_KEY, secret_key: str = DEMO_SECRET_KEY,
                 faults: Faults | dict[str, Any] | None = None, rate_limit: float = 100.0,
                 burst: float | None = None, file_rules: FileRules | None = None,
                 isv_key: str = DEMO_ISV_KEY) -> None:
        self.seed = seed
        #: License activations and pushed usage (the open APIs of interfaces.md §7.3-7.4).
        self.openapi = OpenApiState(isv_key)
        self.file_rules = file_rules
        self.orders = orders
        self.start_time = start
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self.host = host
        self.port = port
        self.access_key = access_key
        self.secret_key = secret_key
        self.faults = FaultInjector()
        if isinstance(faults, Faults):
            self.faults.update(faults.to_json())
        elif faults:
            self.faults.update(dict(faults))
        self.limiter = RateLimiter(rate_limit, burst)
        self.url = ""
        self.data: SandboxData | None = None
        self._stopping = threading.Event()
        self._server: _Uvicorn | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:  # never shows the secret key
        return f"SandboxServer(url={self.url!r}, seed={self.seed}, orders={self.orders})"

    def start(self, timeout: float = 30.0) -> str:
        if self._thread is not None:
            raise RuntimeError("already started")
        self.data = SandboxData(self.seed, self.orders, self.start_time, self.data_dir)
        if self.data_dir is not None:
            self.openapi.keep_in(self.data_dir / "openapi.json")
        app = create_app(self.data, self.faults, self.file_rules, self.openapi)
        gateway = Gateway(app, {self.access_key: self.secret_key}, self.limiter, self.faults,
                          self._stopping)
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit this: without it a keep-alive response written in two
        # parts waits for the client's delayed ACK (Nagle), some 40 ms per request.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError:
            sock.close()
            self.data.close()
            raise
        self.port = sock.getsockname()[1]
        host = f"[{self.host}]" if family == socket.AF_INET6 else self.host
        config = uvicorn.Config(gateway, log_level="warning", access_log=False, lifespan="off",
                                timeout_graceful_shutdown=5, http="h11",
                                date_header=False)  # the gateway dates answers (its clock)
        self._server = _Uvicorn(config, self._stopping)
        server = self._server
        self._thread = threading.Thread(target=lambda: server.run(sockets=[sock]),
                                         name="sandbox-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the sandbox server did not start")
            time.sleep(0.01)
        self.url = f"http://{host}:{self.port}"
        return self.url

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=15)
            self._thread = None
        if self.data is not None:
            self.data.close()
            self.data = None

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
