"""One window per profile, and a command line that works beside it safely (issue 15 §1).

The window holds an OS file lock on ``<data folder>/window.lock`` for as long as it runs and writes
its process id and the cache it has open into the file (:class:`WindowLock`). The lock is released by
the OS when the process ends, even killed, so a stale file never blocks a start.

* A second window finds the lock held and asks the first to come to the front instead
  (``app.views.single_instance``).
* The command line asks :func:`window_holding` before it sends the outbox: when the running window
  has the same cache open, the command leaves sending to the window (whose dispatcher owns the
  entries in ``sending``) instead of resetting them; queuing, listing and everything else work
  side by side (SQLite's locks and the busy timeout serialise the writes).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from sqlalchemy.engine import make_url

LOCK_NAME = "window.lock"


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _same_cache(a: str, b: str) -> bool:
    try:
        ua, ub = make_url(a), make_url(b)
    except Exception:  # noqa: BLE001 - an unreadable URL is not the same cache
        return False
    if ua.get_backend_name() == "sqlite" and ub.get_backend_name() == "sqlite":
        if not ua.database or not ub.database:
            return False
        return Path(ua.database).resolve() == Path(ub.database).resolve()
    return ua.render_as_string(hide_password=True) == ub.render_as_string(hide_password=True)


class WindowLock:
    """The running window's claim on a data folder (one window per profile, and per folder)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self._handle: IO[str] | None = None

    def acquire(self) -> bool:
        """Take the lock (True), or find another window holding it (False)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        if not _try_lock(handle):
            handle.close()
            return False
        self._handle = handle
        self.record(None)
        return True

    def record(self, cache_url: str | None) -> None:
        """Write this window's process id and the cache it has open (password hidden)."""
        self.record_all([] if cache_url is None else [cache_url])

    def record_all(self, cache_urls: Sequence[str]) -> None:
        """Write the process id and every cache its windows have open (one window per profile,
        several profiles side by side in one process; passwords hidden)."""
        if self._handle is None:
            return
        shown = [make_url(url).render_as_string(hide_password=True) for url in cache_urls]
        self._handle.seek(0)
        self._handle.truncate()
        self._handle.write(json.dumps({"pid": os.getpid(), "cache": shown[0] if shown else None,
                                       "caches": shown}))
        self._handle.flush()

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def holder(self) -> dict[str, Any] | None:
        """What the window holding the lock wrote (pid, cache), or None when no window runs."""
        if self._handle is not None:
            return None
        try:
            handle = self.path.open("a+", encoding="utf-8")
        except OSError:
            return None
        try:
            if _try_lock(handle):
                return None  # nobody holds it (the lock goes with this handle's closing)
            handle.seek(0)
            try:
                data = json.loads(handle.read() or "{}")
            except ValueError:
                data = {}
            return data if isinstance(data, dict) else {}
        finally:
            handle.close()


def window_holding(data_dir: Path, cache_url: str) -> int | None:
    """The process id of a running window that has ``cache_url`` open, else None."""
    info = WindowLock(data_dir).holder()
    if info is None:
        return None
    caches = info.get("caches")
    if not isinstance(caches, list):
        caches = [info.get("cache")]
    if not any(isinstance(cache, str) and _same_cache(cache, cache_url) for cache in caches):
        return None
    pid = info.get("pid")
    return int(pid) if isinstance(pid, int) else 0
