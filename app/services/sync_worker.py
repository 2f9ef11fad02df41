"""The sync's helper process: fetch, validate and prepare pages while the engine writes.

A large first sync is CPU-bound in Python (validating and converting a few hundred thousand
records); one helper process takes that work to the second core, so the engine's process only
writes. Pages travel in order through a small bounded queue (back-pressure keeps memory flat).
The helper stops by itself when the engine's process is gone, and it never writes the cache.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from typing import Any

from app.services.client import ClientSpec, MarketplaceError, error_from_name
from app.services.wire import COLLECTIONS_BY_NAME

_QUEUE_DEPTH = 3
_DONE = "done"
_PAGE = "page"
_ERROR = "error"


@dataclass(frozen=True)
class WorkerJob:
    client: ClientSpec
    collection: str
    cursor: str | None
    limit: int
    sqlite: bool


def _put(q: Any, item: object) -> bool:
    """Put with back-pressure; give up when the parent process has gone."""
    parent = mp.parent_process()
    while True:
        try:
            q.put(item, timeout=0.5)
            return True
        except queue.Full:
            if parent is not None and not parent.is_alive():
                return False


def run_worker(job: WorkerJob, q: Any) -> None:
    """Entry point of the helper process."""
    from app.services.mapping import MAPPERS
    from app.services.sync import prepare_page

    gc.set_threshold(50_000, 20, 20)  # allocation-heavy: collect the young generation less often
    coll = COLLECTIONS_BY_NAME[job.collection]
    mapper = MAPPERS[job.collection]
    cursor = job.cursor
    try:
        with job.client.make() as client:
            while True:
                page = client.get_page(coll, cursor, job.limit)
                prepared = prepare_page(coll, mapper, page, job.sqlite)
                if not _put(q, (_PAGE, prepared)):
                    return
                if not page.has_more:
                    break
                cursor = page.next_cursor
        _put(q, (_DONE,))
    except MarketplaceError as e:
        _put(q, (_ERROR, type(e).__name__, str(e), e.code))
    except Exception as e:  # noqa: BLE001 - handed to the engine as a failure in words
        _put(
            q,
            (_ERROR, "MarketplaceError", f"the sync helper failed: {type(e).__name__}: {e}", None),
        )


class WorkerSource:
    """Prepared pages from a helper process, in order."""

    def __init__(self, job: WorkerJob, cancel: threading.Event) -> None:
        ctx = mp.get_context("spawn")
        self._q: Any = ctx.Queue(maxsize=_QUEUE_DEPTH)
        self._cancel = cancel
        self._proc: BaseProcess = ctx.Process(
            target=run_worker, args=(job, self._q), daemon=True, name=f"sync-{job.collection}"
        )
        self._proc.start()

    def __iter__(self) -> Iterator[Any]:
        while True:
            try:
                item = self._q.get(timeout=0.5)
            except queue.Empty:
                if self._cancel.is_set():
                    return
                if not self._proc.is_alive():
                    raise MarketplaceError(
                        f"the sync helper stopped unexpectedly (exit code {self._proc.exitcode})"
                    ) from None
                continue
            kind = item[0]
            if kind == _DONE:
                return
            if kind == _ERROR:
                raise error_from_name(item[1], item[2], item[3])
            yield item[1]

    def close(self) -> None:
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join(timeout=5)
        self._q.close()
        self._q.cancel_join_thread()
