"""The sandbox marketplace and the fresh cache that service and view tests share.

:class:`Sandbox` wraps a running :class:`~app.sandbox.server.SandboxServer` with the admin calls
the tests need; :func:`running_sandbox` starts one and stops it again. The fixtures below are
registered by ``tests/services/conftest.py`` and ``tests/views/conftest.py`` (they import them):

* ``sandbox``: a shared sandbox (600 orders) for tests that only read (module scope keeps the
  suite fast);
* ``own_sandbox``: a sandbox of the test's own (400 orders), for tests that change its clock, data
  or faults;
* ``cache``: an empty cache file of the test's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from app.models import db
from app.sandbox.server import SandboxServer
from app.services.marketplace.client import MarketplaceClient, RetryPolicy

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


@contextmanager
def running_sandbox(data_dir: Path, orders: int, seed: int = 7) -> Iterator[Sandbox]:
    """A sandbox started on a free loopback port (its clock at :data:`SANDBOX_START`), keeping its
    data in ``data_dir``; stopped, and its admin connection closed, on leaving."""
    server = SandboxServer(seed=seed, orders=orders, start=SANDBOX_START, data_dir=data_dir)
    server.start()
    sb = Sandbox(server)
    try:
        yield sb
    finally:
        sb.close()
        server.stop()


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """A shared sandbox for tests that only read (module scope keeps the suite fast)."""
    with running_sandbox(tmp_path_factory.mktemp("sandbox"), 600) as sb:
        yield sb


@pytest.fixture
def own_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """A sandbox of the test's own, for tests that change its clock, data or faults."""
    with running_sandbox(tmp_path_factory.mktemp("sandbox"), 400) as sb:
        yield sb


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Engine]:
    engine = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    try:
        yield engine
    finally:
        engine.dispose()
