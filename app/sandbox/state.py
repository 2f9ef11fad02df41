"""One sandbox's data: its world, its record store (generated or reused) and its clock.

With a data folder the store file lives there and is reused on the next start if it was generated
from the same seed, order count and start (and by the same generator version); otherwise it is
regenerated. Without one, the store goes to a temporary folder removed on :meth:`close`.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
import weakref
from datetime import UTC, datetime
from pathlib import Path

from app.sandbox.data.catalog import World
from app.sandbox.data.generate import fingerprint, generate
from app.sandbox.simulate import Simulator
from app.sandbox.store import FILE_NAME, RecordStore

log = logging.getLogger("seller_console.sandbox")


def default_start(now: datetime | None = None) -> datetime:
    """Today 00:00 UTC: stable within a day, so a restart the same day reuses the data."""
    current = now or datetime.now(UTC)
    return current.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


class SandboxData:
    """The store, world and simulator of one sandbox."""

    def __init__(self, seed: int, orders: int, start: datetime | None = None,
                 data_dir: Path | None = None) -> None:
        if orders < 1:
            raise ValueError("orders must be at least 1")
        self.seed = seed
        self.orders = orders
        start = start or default_start()
        # A naive start is taken as UTC (not local time): the data must not depend on the machine.
        self.start = start.replace(tzinfo=UTC) if start.tzinfo is None else start.astimezone(UTC)
        self._tmp: str | None = None
        if data_dir is None:
            self._tmp = tempfile.mkdtemp(prefix="koogallery-sandbox-")
            folder = Path(self._tmp)
            self._cleanup = weakref.finalize(self, shutil.rmtree, self._tmp, True)
        else:
            folder = Path(data_dir)
            folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / FILE_NAME
        mark = fingerprint(seed, orders, self.start)
        self.generated_seconds: float | None = None
        if not (self.path.exists() and RecordStore.read_meta(self.path).get("fingerprint") == mark):
            for stale in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
                stale.unlink(missing_ok=True)
            began = time.perf_counter()
            meta = {"fingerprint": mark}
            RecordStore.build(self.path, generate(seed, orders, self.start, shard_dir=folder), meta)
            self.generated_seconds = time.perf_counter() - began
            log.info("generated %d orders in %.1f s", orders, self.generated_seconds)
        self.world = World.build(seed, orders, self.start)
        self.store = RecordStore(self.path)
        self.simulator = Simulator(self.world, self.store)
        self.advance_lock = threading.Lock()  # one clock move at a time

    def close(self) -> None:
        self.store.close()
        if self._tmp is not None:
            self._cleanup()
