"""Sandbox fixtures: running sandboxes on free loopback ports and a small signed HTTP client."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import orjson
import pytest

from app.sandbox.server import SandboxServer
from app.services.marketplace.signing import sign_headers

START = datetime(2026, 11, 1, tzinfo=UTC)
SEED = 7


class SignedClient:
    """Signs every request with AK/SK (app.services.marketplace.signing) and talks real HTTP to a sandbox."""

    def __init__(self, url: str, access_key: str, secret_key: str) -> None:
        self.url = url
        self.access_key = access_key
        self.secret_key = secret_key
        self.http = httpx.Client(timeout=30)

    def close(self) -> None:
        self.http.close()

    def get(self, path: str, params: dict[str, str] | None = None, *,
            access_key: str | None = None, secret_key: str | None = None,
            now: datetime | None = None, timeout: float = 30) -> httpx.Response:
        url = httpx.URL(self.url + path, params=params or {})
        headers = {"Host": url.netloc.decode(), "Content-Type": "application/json"}
        headers.update(sign_headers(
            "GET", url.path, list(url.params.multi_items()), headers, b"",
            access_key or self.access_key, secret_key or self.secret_key, now=now,
        ))
        return self.http.get(url, headers=headers, timeout=timeout)

    def page(self, path: str, cursor: str = "", limit: int = 100) -> dict[str, Any]:
        params = {"limit": str(limit)}
        if cursor:
            params["cursor"] = cursor
        response = self.get(path, params)
        assert response.status_code == 200, response.text
        page: dict[str, Any] = orjson.loads(response.content)
        return page

    def sync(self, path: str, cursor: str = "", limit: int = 1000
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str]:
        """Every page from ``cursor`` on: (items, tombstones, final cursor)."""
        items: list[dict[str, Any]] = []
        tombstones: list[dict[str, Any]] = []
        while True:
            page = self.page(path, cursor, limit)
            items += page["items"]
            tombstones += page["tombstones"]
            cursor = page["nextCursor"]
            if not page["hasMore"]:
                return items, tombstones, cursor

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        response = self.http.request(method, f"{self.url}/_sandbox/{path}", json=body, timeout=120)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    """A shared, read-only sandbox (2,000 orders) for the module."""
    with SandboxServer(seed=SEED, orders=2000, start=START) as running:
        yield running


@pytest.fixture
def api(server: SandboxServer) -> Iterator[SignedClient]:
    client = SignedClient(server.url, server.access_key, server.secret_key)
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def own_server() -> Iterator[SandboxServer]:
    """A sandbox of the test's own (600 orders), for tests that change its clock, data or faults."""
    with SandboxServer(seed=SEED, orders=600, start=START) as running:
        yield running


@pytest.fixture
def own_api(own_server: SandboxServer) -> Iterator[SignedClient]:
    client = SignedClient(own_server.url, own_server.access_key, own_server.secret_key)
    try:
        yield client
    finally:
        client.close()
