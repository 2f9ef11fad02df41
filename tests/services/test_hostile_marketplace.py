"""Issue 15 §3: bad data from the marketplace. A real HTTP server answers what a broken or hostile
marketplace might (pages taken from the sandbox, then damaged); the console's client and sync engine
talk to it over HTTP as they would to KooGallery."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import Engine, func, select

import app.models as m
from app.services.marketplace.client import MarketplaceClient, ResponseTooLarge
from app.services.sync.engine import SyncEngine, set_aside_records, sync_states
from tests.sandbox_fixtures import FAST_RETRY, Sandbox

ORDERS = "/v1/seller/orders"

Answer = Callable[[str | None, int], bytes]


class Hostile:
    """A marketplace on a loopback port answering ``answer(cursor, limit)`` for the orders."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.calls = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                url = urlparse(self.path)
                q = parse_qs(url.query)
                outer.calls += 1
                body = outer.answer(q.get("cursor", [None])[0], int(q.get("limit", ["1000"])[0]))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def client(self) -> MarketplaceClient:
        return MarketplaceClient(self.url, "AK", "SK", retry=FAST_RETRY, timeout_s=5.0)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def real_orders(sandbox: Sandbox) -> list[dict[str, Any]]:
    with sandbox.client() as client:
        raw = client.get_json_bytes(ORDERS, {"limit": "5"}, lambda b: json.loads(b))
    return list(raw["items"])


@pytest.fixture
def hostile() -> Iterator[Callable[[Answer], Hostile]]:
    made: list[Hostile] = []

    def make(answer: Answer) -> Hostile:
        h = Hostile(answer)
        made.append(h)
        return h

    yield make
    for h in made:
        h.close()


def _page(items: list[Any], tombstones: list[Any] | None = None, cursor: str = "c1",
          more: bool = False) -> bytes:
    return json.dumps({"items": items, "tombstones": tombstones or [], "nextCursor": cursor,
                       "hasMore": more}).encode()


def _orders(cache: Engine) -> int:
    with cache.connect() as conn:
        return conn.execute(select(func.count()).select_from(m.Order.__table__)).scalar_one()


def test_issue15_s3_an_impossible_tombstone_date_and_a_non_object_are_set_aside(
    hostile: Callable[[Answer], Hostile], real_orders: list[dict[str, Any]], cache: Engine
) -> None:
    page = _page([*real_orders[:3], "not an object", 42],
                 [{"id": "gone-1", "deleteTime": "20240230120000"}])
    h = hostile(lambda cursor, limit: page)
    with h.client() as client:
        report = SyncEngine(client, cache, use_helper_process=False).sync(["orders"])
    assert report.ok, report.as_dict()
    assert _orders(cache) == 3  # the page still synced
    aside = set_aside_records(cache)
    assert len(aside) == 3
    assert any("tombstone" in r["error"] and r["id"] == "gone-1" for r in aside)
    assert sum("not an object" in r["error"] for r in aside) == 2


def test_issue15_s3_more_on_a_cursor_that_does_not_move_stops_with_a_clear_error(
    hostile: Callable[[Answer], Hostile], real_orders: list[dict[str, Any]], cache: Engine
) -> None:
    h = hostile(lambda cursor, limit: _page(real_orders[:2], cursor="same", more=True))
    with h.client() as client:
        report = SyncEngine(client, cache, use_helper_process=False).sync(["orders"])
    assert not report.ok
    error = report.collections[0].error or ""
    assert "without moving on" in error
    assert h.calls < 5
    assert _orders(cache) == 2  # what was synced is kept


def test_issue15_s3_more_records_than_the_limit_asked_are_refused(
    hostile: Callable[[Answer], Hostile], real_orders: list[dict[str, Any]], cache: Engine
) -> None:
    h = hostile(lambda cursor, limit: _page(real_orders * 3))
    with h.client() as client:
        report = SyncEngine(client, cache, page_limit=4, use_helper_process=False).sync(["orders"])
    assert not report.ok
    assert "at most 4" in (report.collections[0].error or "")
    assert _orders(cache) == 0


def test_issue15_s3_a_response_body_over_the_cap_is_refused(
    hostile: Callable[[Answer], Hostile], real_orders: list[dict[str, Any]]
) -> None:
    h = hostile(lambda cursor, limit: _page(real_orders, cursor="x" * 50_000))
    with h.client() as client:
        client.max_body_bytes = 20_000
        with pytest.raises(ResponseTooLarge, match="refused"):
            client.get_json_bytes(ORDERS, {"limit": "5"}, json.loads)
        client.max_body_bytes = 10_000_000
        assert client.get_json_bytes(ORDERS, {"limit": "5"}, json.loads)["items"]


def test_issue15_s3_a_cancelled_sync_is_recorded_as_cancelled(
    own_sandbox: Sandbox, cache: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper-process path used to end quietly when cancelled, and the run was a success."""
    import app.services.sync.engine as sync_module

    monkeypatch.setattr(sync_module, "HELPER_PROCESS_THRESHOLD", 50)
    own_sandbox.faults(latency_ms=700)  # the helper's first page is not there yet when ...
    cancel = threading.Event()

    def progress(p: Any) -> None:
        if p.done >= 20:  # ... the user cancels, right as the pages are handed to the helper
            cancel.set()

    with own_sandbox.client() as client:
        engine = SyncEngine(client, cache, page_limit=20, progress=progress, cancel=cancel)
        report = engine.sync(["orders"])
    summary = report.collections[0]
    assert not report.ok
    assert summary.failure is not None and summary.failure.failure_code == "cancelled"
    state = sync_states(cache)["orders"]
    assert state["last_error"] and state["last_finished_at"] is None
