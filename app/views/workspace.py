"""What the console is connected to: the built-in sandbox or a profile, and that target's cache.

A :class:`Target` is either the embedded sandbox (no profile yet, or chosen from the profile menu)
or one :class:`~app.config.profiles.Profile`. The :class:`Workspace` opens the target's cache on the write
lane (opening may migrate it) and hands the engine to the views by signal; switching targets
disposes of the old engine only after the work queued on it has finished.

The :class:`EmbeddedSandbox` runs the sandbox marketplace inside this process, on a free loopback
port, with its data in ``<data_dir>/sandbox``. Its first-run date is kept in
``console-sandbox.json`` there, so the same generated data (and the cache's cursors into it) are
reused on every start; before each sync its clock is moved up to the wall clock, so the sandbox
"lives" (new orders arrive, demands close) like the real marketplace. If the sandbox data had to be
generated again (a new generator version), the sandbox's cache is discarded, because its cursors
point into data that no longer exists.

Signals of :class:`Workspace`
-----------------------------
``targetChanged(object)``
    The new :class:`Target`, at once when a switch starts.
``engineChanged(object)``
    The new cache ``Engine`` once open, or ``None`` while a cache is being opened.
``sandboxStateChanged(str)``
    ``"starting"``, ``"running"``, ``"failed"`` or ``"stopped"``.
``cacheFailed(str, bool)``
    A cache could not be opened: the user's message, and whether starting a fresh cache (moving
    the damaged one aside) would help.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import httpx
from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from app.config.paths import AppPaths, atomic_write_text
from app.config.profiles import Profile, ProfileStore
from app.config.settings import SettingsStore
from app.models.db import CacheCorrupt, CacheError, copy_cache_aside, open_cache
from app.services.marketplace.credentials import Credentials, CredentialStore, resolve_credentials
from app.views.bridge import Bridge, Lane, TaskContext

log = logging.getLogger("seller_console.views")

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

SANDBOX_STARTING = "starting"
SANDBOX_RUNNING = "running"
SANDBOX_FAILED = "failed"
SANDBOX_STOPPED = "stopped"


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
            return Credentials(server.url, server.access_key, server.secret_key)

    def catch_up(self, timeout_s: float = 120.0) -> None:
        """Move the sandbox clock up to the wall clock (new orders arrive, deadlines pass)."""
        url = self.url
        if url is None:
            return
        with httpx.Client(base_url=url, timeout=timeout_s) as http:
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


# --------------------------------------------------------------------------------------------------
# Targets


@dataclass(frozen=True)
class Target:
    """The built-in sandbox (``profile is None``) or one profile."""

    profile: Profile | None = None

    @property
    def is_sandbox(self) -> bool:
        return self.profile is None

    @property
    def key(self) -> str:
        """A stable identity: ``"sandbox"`` or ``"profile:<name>"``."""
        return "sandbox" if self.profile is None else f"profile:{self.profile.name}"

    @property
    def role(self) -> str:
        return "seller" if self.profile is None else self.profile.role


SANDBOX = Target()


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


class Workspace(QObject):
    """The current target and its open cache. One per main window; lives on the GUI thread."""

    targetChanged = Signal(object)
    engineChanged = Signal(object)
    sandboxStateChanged = Signal(str)
    cacheFailed = Signal(str, bool)

    def __init__(
        self,
        paths: AppPaths,
        profiles: ProfileStore,
        credentials: CredentialStore,
        settings: SettingsStore,
        bridge: Bridge,
        sandbox: EmbeddedSandbox | None = None,
        environ: Mapping[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.profiles = profiles
        self.credentials = credentials
        self.settings = settings
        self._bridge = bridge
        self.sandbox = sandbox or EmbeddedSandbox(paths.data_dir / SANDBOX_FOLDER)
        self._environ: Mapping[str, str] = dict(environ) if environ is not None else {}
        self._target: Target | None = None
        self._engine: Engine | None = None
        self._sandbox_state = SANDBOX_STOPPED

    # -- state -----------------------------------------------------------------------------------

    @property
    def target(self) -> Target | None:
        return self._target

    @property
    def engine(self) -> Engine | None:
        return self._engine

    @property
    def sandbox_state(self) -> str:
        return self._sandbox_state

    def sandbox_cache_url(self) -> str:
        self.paths.caches_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(self.paths.caches_dir / SANDBOX_CACHE_FILE).as_posix()}"

    def cache_url(self, target: Target) -> str:
        if target.profile is None:
            return self.sandbox_cache_url()
        return target.profile.cache_url(self.paths)

    def initial_target(self) -> Target:
        """The profile used last if it still exists, else the built-in sandbox."""
        last = self.settings.load().last_profile
        if last:
            try:
                return Target(self.profiles.get(last))
            except Exception as exc:  # noqa: BLE001 - a damaged profiles file must not stop the start
                log.warning("last profile %r is not available (%s); opening the sandbox", last, exc)
        return SANDBOX

    # -- switching -------------------------------------------------------------------------------

    def open(self, target: Target) -> None:
        """Switch to ``target``: announce it, then open its cache on the write lane."""
        self._target = target
        try:
            self.settings.update(
                last_profile=None if target.profile is None else target.profile.name
            )
        except Exception as exc:  # noqa: BLE001 - remembering the choice is a convenience only
            log.warning("could not remember the last profile: %s", exc)
        self._release_engine()
        self.targetChanged.emit(target)
        url = self.cache_url(target)
        sandbox = self.sandbox if target.is_sandbox else None
        if sandbox is not None and not sandbox.running:
            self._set_sandbox_state(SANDBOX_STARTING)

        def work(ctx: TaskContext) -> Engine:
            if sandbox is not None:
                sandbox.ensure_started()
                path = _sqlite_file(url)
                if sandbox.regenerated and path is not None and path.exists():
                    log.info("the sandbox data was generated anew; starting its cache afresh")
                    _remove_sqlite(path)
                    sandbox.regenerated = False
            return open_cache(url)

        def sandbox_state() -> None:
            if sandbox is not None:
                self._set_sandbox_state(SANDBOX_RUNNING if sandbox.running else SANDBOX_FAILED)

        def switched_meanwhile(outcome: object) -> None:
            """The user switched again while this cache opened: close it, keep the sandbox's state."""
            sandbox_state()
            if isinstance(outcome, Engine):
                self._dispose_later(outcome)

        def opened(engine: Engine) -> None:
            sandbox_state()
            self._engine = engine
            self.engineChanged.emit(engine)

        def failed(exc: BaseException) -> None:
            if sandbox is not None and not sandbox.running:
                self._set_sandbox_state(SANDBOX_FAILED)
            if isinstance(exc, CacheError):
                self.cacheFailed.emit(str(exc), isinstance(exc, CacheCorrupt))
            elif sandbox is not None and not sandbox.running:
                self.cacheFailed.emit(f"The sandbox marketplace could not start: {exc}", False)
            else:
                self.cacheFailed.emit(f"The local cache could not be opened: {exc}", False)

        self._bridge.run(
            work,
            name=f"open cache of {target.key}",
            lane=Lane.WRITE,
            owner=self,
            latest="open",
            on_success=opened,
            on_failure=failed,
            on_dropped=switched_meanwhile,
        )

    def reopen(self) -> None:
        """Open the current target again (after a failure)."""
        if self._target is not None:
            self.open(self._target)

    def start_fresh_cache(self) -> None:
        """Move a damaged cache file aside (it is kept for inspection) and open a new one."""
        target = self._target
        if target is None:
            return
        path = _sqlite_file(self.cache_url(target))
        if path is not None and path.exists():
            try:
                moved = copy_cache_aside(path)
            except OSError as exc:
                self.cacheFailed.emit(f"The damaged cache could not be moved aside: {exc}", False)
                return
            log.warning("moved the damaged cache aside to %s", moved)
        self.open(target)

    def _release_engine(self) -> None:
        engine, self._engine = self._engine, None
        if engine is not None:
            self.engineChanged.emit(None)
            self._dispose_later(engine)

    def _dispose_later(self, engine: Engine) -> None:
        """Dispose on the write lane, i.e. after every write queued on that engine."""
        self._bridge.run(lambda ctx: engine.dispose(), name="close cache", lane=Lane.WRITE)

    def _set_sandbox_state(self, state: str) -> None:
        if state != self._sandbox_state:
            self._sandbox_state = state
            self.sandboxStateChanged.emit(state)

    # -- connections (called on worker threads) --------------------------------------------------

    def connector(self, target: Target) -> Callable[[], Credentials]:
        """A function that, on a worker thread, returns how to reach ``target``'s marketplace:
        it starts the sandbox (and moves its clock) or reads the secret key from the keychain.
        It raises ``CredentialsError``/``KeychainUnavailable`` with a message for the user."""
        if target.profile is None:
            sandbox = self.sandbox

            def sandbox_connection() -> Credentials:
                connection = sandbox.ensure_started()
                try:
                    sandbox.catch_up()
                except httpx.HTTPError as exc:  # a stale clock is no reason to fail a sync
                    log.warning("could not move the sandbox clock: %s", exc)
                return connection

            return sandbox_connection
        name = target.profile.name
        profiles, store, environ = self.profiles, self.credentials, self._environ

        def profile_connection() -> Credentials:
            return resolve_credentials(profiles, store, name, None, environ)

        return profile_connection

    # -- shutdown ----------------------------------------------------------------------------------

    def shutdown(self, wait_ms: int = 15000) -> None:
        """Stop everything this workspace started: cancel work, close the cache, stop the sandbox."""
        self._bridge.forget(self, "open")
        self._bridge.cancel_all()
        self._bridge.wait_idle(wait_ms)
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.dispose()
        self.sandbox.stop()
        self._set_sandbox_state(SANDBOX_STOPPED)
