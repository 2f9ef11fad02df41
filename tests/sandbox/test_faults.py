"""Rate limiting, injected faults and the loopback-only admin API."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import orjson
import pytest

from app.sandbox.api.guard import FaultInjector, Faults, RateLimiter, is_loopback
from app.sandbox.server import SandboxServer, create_app
from app.services.marketplace import wire

from .conftest import SEED, START, SignedClient

ORDERS = "/v1/seller/orders"


def test_rate_limit_answers_406_mkt_0250_with_retry_after() -> None:
    with SandboxServer(seed=SEED, orders=50, start=START, rate_limit=2, burst=3) as server:
        api = SignedClient(server.url, server.access_key, server.secret_key)
        try:
            codes = [api.get(ORDERS, {"limit": "1"}) for _ in range(6)]
        finally:
            api.close()
    assert [r.status_code for r in codes[:3]] == [200, 200, 200]
    refused = [r for r in codes if r.status_code == 406]
    assert refused
    for response in refused:
        assert response.json()["error_code"] == "MKT.0250"
        assert int(response.headers["Retry-After"]) >= 1


def test_token_bucket_refills() -> None:
    limiter = RateLimiter(rate=10, burst=2)
    assert limiter.take("ak", now=0.0) == 0
    assert limiter.take("ak", now=0.0) == 0
    assert limiter.take("ak", now=0.0) == 1
    assert limiter.take("other", now=0.0) == 0  # per access key
    assert limiter.take("ak", now=0.2) == 0
    slow = RateLimiter(rate=0.25, burst=1)
    assert slow.take("ak", now=0.0) == 0
    assert slow.take("ak", now=0.0) == 4


@pytest.mark.parametrize(("fault", "status", "code"), [
    ("error_rate", 500, "MKT.0999"), ("throttle_rate", 406, "MKT.0250"),
])
def test_injected_errors(own_server: SandboxServer, own_api: SignedClient, fault: str,
                         status: int, code: str) -> None:
    settings = own_api.admin("POST", "faults", {fault: 1, "retry_after": 3})
    assert settings[fault] == 1.0 and settings["retry_after"] == 3
    response = own_api.get(ORDERS)
    assert response.status_code == status
    assert response.json()["error_code"] == code
    if status == 406:
        assert response.headers["Retry-After"] == "3"
    assert own_api.admin("GET", "stats")["orders"] > 0  # never on the admin API
    own_api.admin("POST", "faults", {fault: 0})
    assert own_api.get(ORDERS).status_code == 200


def test_malformed_bodies_are_truncated_json(own_api: SignedClient) -> None:
    own_api.admin("POST", "faults", {"malformed_rate": 1})
    response = own_api.get(ORDERS, {"limit": "3"})
    assert response.status_code == 200
    assert response.content.startswith(b'{"items":[')
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(response.content)
    refused = own_api.get(ORDERS, {"limit": "0"})  # only 200s are spoiled
    assert refused.json()["error_code"] == "MKT.0101"


def test_latency_is_added(own_api: SignedClient) -> None:
    own_api.admin("POST", "faults", {"latency_ms": 300})
    began = time.monotonic()
    assert own_api.get(ORDERS, {"limit": "1"}).status_code == 200
    assert time.monotonic() - began >= 0.3
    assert own_api.admin("GET", "faults")["latency_ms"] == 300


def test_hanging_requests_are_released_when_the_server_stops() -> None:
    server = SandboxServer(seed=SEED, orders=50, start=START, faults={"hang_rate": 1})
    server.start()
    api = SignedClient(server.url, server.access_key, server.secret_key)
    outcome: list[object] = []

    def call() -> None:
        try:
            outcome.append(api.get(ORDERS, timeout=60).status_code)
        except httpx.HTTPError as e:
            outcome.append(e)

    worker = threading.Thread(target=call)
    worker.start()
    with pytest.raises(httpx.ReadTimeout):
        api.get(ORDERS, timeout=0.5)  # no answer while the server runs
    assert outcome == []
    began = time.monotonic()
    server.stop()
    worker.join(timeout=20)
    api.close()
    assert not worker.is_alive()
    assert time.monotonic() - began < 10
    assert outcome and outcome[0] != 200


@pytest.mark.parametrize("body", [
    {"error_rate": 2}, {"nope": 1}, {"latency_ms": -1}, {"retry_after": 1.5},
    {"hang_rate": "all"}, [1, 2],
])
def test_bad_fault_settings_are_refused(own_api: SignedClient, body: object) -> None:
    response = own_api.http.post(f"{own_api.url}/_sandbox/faults", json=body)
    assert response.status_code == 400
    assert response.json()["error_code"] == "MKT.0101"


def test_fault_dice() -> None:
    faults = FaultInjector(Faults(error_rate=0.5, malformed_rate=0.5), seed=1)
    rolls = {faults.roll() for _ in range(200)}
    assert rolls == {"error", "malformed"}
    assert FaultInjector().roll() is None


@pytest.mark.parametrize(("host", "allowed"), [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("::ffff:127.0.0.1", True),
    ("localhost", True), ("10.0.0.5", False), ("192.168.1.2", False), ("::ffff:10.0.0.1", False),
    ("2001:db8::1", False), ("testclient", False), ("", False), (None, False),
])
def test_is_loopback(host: str | None, allowed: bool) -> None:
    assert is_loopback(host) is allowed


def test_admin_api_refuses_non_loopback_clients(server: SandboxServer) -> None:
    """The admin routes check the client address (the ASGI transport lets us pose as remote)."""
    assert server.data is not None
    app = create_app(server.data, FaultInjector())

    async def status(client: tuple[str, int], method: str, path: str) -> tuple[int, object]:
        transport = httpx.ASGITransport(app=app, client=client)
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as http:
            response = await http.request(method, f"/_sandbox/{path}", json={})
            return response.status_code, response.json()

    for method, path in (("GET", "stats"), ("GET", "clock"), ("GET", "faults"),
                         ("POST", "faults"), ("POST", "advance"), ("POST", "corrupt")):
        code, body = asyncio.run(status(("10.1.2.3", 50000), method, path))
        assert code == 401  # interfaces.md §8.2: MKT.0151 (no permission) is HTTP 401
        assert isinstance(body, dict) and body["error_code"] == "MKT.0151"
    assert asyncio.run(status(("127.0.0.1", 50000), "GET", "stats"))[0] == 200


def test_sandbox_answers_huawei_codes_with_the_status_of_huaweis_table_interfaces_8_2(
        server: SandboxServer) -> None:
    """interfaces.md §8.2: a method the path does not take is MKT.0101 with HTTP 400 (not 405);
    an unknown path has no Huawei code, so it is this project's SC.1007 (404), never an MKT code
    with a status Huawei's table does not give it."""
    assert server.data is not None
    app = create_app(server.data, FaultInjector())

    async def call(method: str, path: str) -> tuple[int, object]:
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as http:
            response = await http.request(method, path)
            return response.status_code, response.json()

    code, body = asyncio.run(call("DELETE", "/_sandbox/stats"))
    assert isinstance(body, dict)
    assert (code, body["error_code"]) == (400, "MKT.0101")
    assert wire.MKT_CODES[body["error_code"]][0] == code
    code, body = asyncio.run(call("GET", "/_sandbox/no-such-thing"))
    assert isinstance(body, dict)
    assert (code, body["error_code"]) == (404, "SC.1007")
