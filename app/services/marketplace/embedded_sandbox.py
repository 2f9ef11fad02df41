"""The built-in sandbox marketplace run inside this process: what the window and the command line share.

The :class:`EmbeddedSandbox` runs the sandbox marketplace on a free loopback port, with its data in
``<data_dir>/sandbox``. Its first-run date is kept in ``console-sandbox.json`` there, so the same
generated data (and the cache's cursors into it) are reused on every start; before each sync its
clock is moved up to the wall clock (:func:`connect`), so the sandbox "lives" (new orders arrive,
demands close) like the real marketplace. If the sandbox data had to be generated again (a new
generator version), the sandbox's cache is discarded (:func:`drop_stale_cache`), because its cursors
point into data that no longer exists.

The window's profile switcher shows it first as "Sandbox (built-in)"; the command line names it
:data:`SANDBOX_NAME` (``--profile sandbox``). No Qt here.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import httpx
from sqlalchemy.engine import make_url

from app.config.paths import AppPaths, atomic_write_text
from app.services.marketplace.credentials import Credentials
from app.services.network import http_client

log = logging.getLogger("seller_console.sandbox")

#: The built-in sandbox's name on the command line (``--profile sandbox``), the window's target key.
SANDBOX_NAME = "sandbox"

SANDBOX_SEED = 1
# Enough orders to feel like a real shop (tables that scroll, sums that matter) yet generated in
# a few seconds on first start.
SANDBOX_ORDERS = 20_000
SANDBOX_FOLDER = "sandbox"
SANDBOX_PLAN_FILE = "console-sandbox.json"
SANDBOX_CACHE_FILE = "sandbox.sqlite3"
# Do not bother moving the sandbox clock for less than this.
CLOCK_STEP_HOURS = 0.25
# The sandbox refuses to advance more than two years at once.
MAX_ADVANCE_HOURS = 24 * 366 * 2

# --------------------------------------------------------------------------------------------------
# The embedded sandbox


class _Server(Protocol):
    url: str
    access_key: str
    secret_key: str
    data: Any

    def start(self) -> str: ...

    def stop(self) -> None: ...


ServerFactory = Callable[..., _Server]


@dataclass(frozen=True)
class SandboxPlan:
    """What the embedded sandbox generates: the same plan gives the same data, byte for byte."""

    seed: int
    orders: int
    start: datetime

    def to_json(self) -> dict[str, Any]:
        return {"seed": self.seed, "orders": self.orders, "start": self.start.isoformat()}


def _default_server_factory(**kwargs: Any) -> _Server:
    from app.sandbox.server import SandboxServer  # heavy (FastAPI, uvicorn): only when needed

    return SandboxServer(**kwargs)


def _today_utc(now: datetime) -> datetime:
    return now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


class EmbeddedSandbox:
    """The sandbox marketplace in this process; started once, shared by every worker thread.

    ``orders`` (when given) replaces the stored order count, which regenerates the data.
    """

    def __init__(
        self,
        folder: Path,
        *,
        orders: int | None = None,
        seed: int = SANDBOX_SEED,
        server_factory: ServerFactory = _default_server_factory,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.folder = folder
        self._orders = orders
        self._seed = seed
        self._factory = server_factory
        self._clock = clock
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self.regenerated = False

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str | None:
        return self._server.url if self._server is not None else None

    def plan(self) -> SandboxPlan:
        """The stored plan, or a new one starting today (written at once, so it is kept)."""
        path = self.folder / SANDBOX_PLAN_FILE
        stored: dict[str, Any] = {}
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            log.warning("sandbox plan %s is unreadable (%s); starting a new one", path, exc)
        try:
            plan = SandboxPlan(
                seed=int(stored["seed"]),
                orders=int(stored["orders"]),
                start=datetime.fromisoformat(str(stored["start"])).astimezone(UTC),
            )
        except (KeyError, TypeError, ValueError):
            plan = SandboxPlan(
                self._seed, self._orders or SANDBOX_ORDERS, _today_utc(self._clock())
            )
        if self._orders is not None and plan.orders != self._orders:
            plan = SandboxPlan(plan.seed, self._orders, plan.start)
        atomic_write_text(path, json.dumps(plan.to_json(), indent=2) + "\n")
        return plan

    def ensure_started(self) -> Credentials:
        """Start the sandbox if it is not running (generating its data on first use) and return
        how to reach it (its keys; never logged). Blocks while another thread is starting it."""
        with self._lock:
            if self._server is None:
                plan = self.plan()
                server = self._factory(
                    seed=plan.seed,
                    orders=plan.orders,
                    start=plan.start,
                    data_dir=self.folder / "data",
                )
                server.start()
                data = getattr(server, "data", None)
                self.regenerated = getattr(data, "generated_seconds", None) is not None
                self._server = server
                log.info("embedded sandbox running at %s (%d orders)", server.url, plan.orders)
            server = self._server
            # The sandbox's demo key from 密钥管理 signs usage pushes (interfaces.md §6.7).
            isv_key = getattr(getattr(server, "openapi", None), "isv_key", None)
            return Credentials(server.url, server.access_key, server.secret_key,
                               isv_key=isv_key if isinstance(isv_key, str) else None)

    def catch_up(self, timeout_s: float = 120.0) -> None:
        """Move the sandbox clock up to the wall clock (new orders arrive, deadlines pass)."""
        url = self.url
        if url is None:
            return
        with http_client(base_url=url, timeout=timeout_s) as http:  # loopback: never proxied
            clock = http.get("/_sandbox/clock")
            clock.raise_for_status()
            sandbox_now = datetime.fromisoformat(clock.json()["now"])
            hours = (self._clock() - sandbox_now).total_seconds() / 3600
            if hours < CLOCK_STEP_HOURS:
                return
            hours = min(hours, MAX_ADVANCE_HOURS)
            http.post("/_sandbox/advance", json={"hours": round(hours, 3)}).raise_for_status()
            log.info("moved the sandbox clock forward by %.1f hours", hours)

    def stop(self) -> None:
        """Stop the server (idempotent); its data stays for the next start."""
        with self._lock:
            server, self._server = self._server, None
        if server is not None:
            server.stop()
            log.info("embedded sandbox stopped")


def sandbox_folder(paths: AppPaths) -> Path:
    """Where the embedded sandbox keeps its plan and generated data."""
    return paths.data_dir / SANDBOX_FOLDER


def sandbox_cache_path(paths: AppPaths) -> Path:
    return paths.caches_dir / SANDBOX_CACHE_FILE


def sandbox_cache_url(paths: AppPaths) -> str:
    """The sandbox's cache (creates the caches folder; SQLite creates only the file)."""
    paths.caches_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{sandbox_cache_path(paths).as_posix()}"


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (``None`` for another database or an in-memory one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def drop_stale_cache(sandbox: EmbeddedSandbox, url: str) -> None:
    """After :meth:`EmbeddedSandbox.ensure_started`: if the sandbox data was generated anew, remove
    the cache at ``url`` (its cursors point into data that no longer exists)."""
    path = sqlite_file(url)
    if sandbox.regenerated and path is not None and path.exists():
        log.info("the sandbox data was generated anew; starting its cache afresh")
        remove_sqlite(path)
        sandbox.regenerated = False


def connect(sandbox: EmbeddedSandbox) -> Credentials:
    """Start the sandbox (if needed), move its clock up to now, and return how to reach it."""
    connection = sandbox.ensure_started()
    try:
        sandbox.catch_up()
    except httpx.HTTPError as exc:  # a stale clock is no reason to fail a sync
        log.warning("could not move the sandbox clock: %s", exc)
    return connection
