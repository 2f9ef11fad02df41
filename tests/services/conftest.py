"""Service-level fixtures: a real sandbox marketplace on a free loopback port, and a fresh cache."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from app.models import db
from app.sandbox.server import SandboxServer
from app.services.client import MarketplaceClient, RetryPolicy

SANDBOX_START = datetime(2026, 11, 1, tzinfo=UTC)
FAST_RETRY = RetryPolicy(max_attempts=10, base_delay_s=0.005, max_delay_s=0.05, max_retry_after_s=0.2)


class Sandbox:
    """A running SandboxServer with the admin calls the tests need."""

    def __init__(self, server: SandboxServer) -> None:
        self.server = server
        self.url = server.url
        self.access_key = server.access_key
        self.secret_key = server.secret_key
        self._http: httpx.Client | None = None

    def admin(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        if self._http is None:  # one connection for the test's admin calls
            self._http = httpx.Client(timeout=60)
        r = self._http.request(method, f"{self.url}/_sandbox/{path}", json=body)
        r.raise_for_status()
        return r.json()

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def stats(self) -> dict[str, int]:
        return self.admin("GET", "stats")  # type: ignore[no-any-return]

    def faults(self, **faults: float) -> None:
        self.admin("POST", "faults", faults)

    def client(self, **kw: Any) -> MarketplaceClient:
        kw.setdefault("retry", FAST_RETRY)
        kw.setdefault("timeout_s", 5.0)
        return MarketplaceClient(self.url, self.access_key, self.secret_key, **kw)


def _start(tmp: Path, orders: int) -> SandboxServer:
    server = SandboxServer(seed=7, orders=orders, start=SANDBOX_START, data_dir=tmp)
    server.start()
    return server


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """A shared sandbox for tests that only read (module scope keeps the suite fast)."""
    server = _start(tmp_path_factory.mktemp("sandbox"), 600)
    sb = Sandbox(server)
    try:
        yield sb
    finally:
        sb.close()
        server.stop()


@pytest.fixture
def own_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """A sandbox of the test's own, for tests that change its clock, data or faults."""
    server = _start(tmp_path_factory.mktemp("sandbox"), 400)
    sb = Sandbox(server)
    try:
        yield sb
    finally:
        sb.close()
        server.stop()


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Engine]:
    engine = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    try:
        yield engine
    finally:
        engine.dispose()
