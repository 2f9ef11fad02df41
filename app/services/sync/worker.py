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

from app.services.marketplace.client import ClientSpec, MarketplaceError, error_from_name
from app.services.marketplace.wire import COLLECTIONS_BY_NAME
from app.services.sync.mapping import MAPPERS
from app.services.sync.pages import Prefetcher, prepare_page

#: Prepared pages the helper may hold ready ahead of the writer (``bench/sync.py --prefetch-depth``).
QUEUE_DEPTH = 3
#: The helper's young-generation collector threshold: it allocates millions of short-lived
#: objects (``bench/sync_helper_stages.py`` runs its stages with the same).
GC_THRESHOLD = 50_000
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
    job_id: int = 0


def _put(q: Any, item: object) -> bool:  # runs in the helper
    """Put with back-pressure; give up when the parent process has gone."""
    parent = mp.parent_process()
    while True:
        try:
            q.put(item, timeout=0.5)
            return True
        except queue.Full:
            if parent is not None and not parent.is_alive():
                return False


def _run_job(job: WorkerJob, q: Any) -> bool:
    """Fetch and prepare every page of one job; False when the parent has gone."""
    coll = COLLECTIONS_BY_NAME[job.collection]
    mapper = MAPPERS[job.collection]
    try:
        with job.client.make() as client:
            # The next page downloads (and validates) on a thread while this one is prepared:
            # the network wait no longer adds to the helper's time, which bounds the sync's.
            pages = Prefetcher(client, coll, job.cursor, job.limit)
            try:
                for page in pages:
                    prepared = prepare_page(coll, mapper, page, job.sqlite)
                    if not _put(q, (job.job_id, _PAGE, prepared)):
                        return False
            finally:
                pages.close()
        return _put(q, (job.job_id, _DONE))
    except MarketplaceError as e:
        return _put(q, (job.job_id, _ERROR, type(e).__name__, str(e), e.code))
    except Exception as e:  # noqa: BLE001 - handed to the engine as a failure in words
        message = f"the sync helper failed: {type(e).__name__}: {e}"
        return _put(q, (job.job_id, _ERROR, "MarketplaceError", message, None))


def run_worker(jobs: Any, results: Any) -> None:
    """Entry point of the helper process: run jobs until told to stop (None) or orphaned.

    What a job needs is imported with this module, while the engine fetches page one."""
    gc.set_threshold(GC_THRESHOLD, 20, 20)  # allocation-heavy: collect the young generation less often
    parent = mp.parent_process()
    while True:
        try:
            job = jobs.get(timeout=0.5)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                return
            continue
        if job is None or not _run_job(job, results):
            return


class HelperProcess:
    """One helper process for a sync run, reused from collection to collection.

    Started early (it spends its first second importing), fed one job at a time; results are
    tagged with the job id so nothing of an abandoned job is mistaken for the next one's.
    """

    def __init__(self) -> None:
        ctx = mp.get_context("spawn")
        self._jobs: Any = ctx.Queue()
        self._results: Any = ctx.Queue(maxsize=QUEUE_DEPTH)
        self._proc: BaseProcess = ctx.Process(
            target=run_worker, args=(self._jobs, self._results), daemon=True, name="sync-helper"
        )
        self._proc.start()
        self._next_id = 0
        self.broken = False

    def pages(self, job: WorkerJob, cancel: threading.Event) -> Iterator[Any]:
        """Prepared pages of ``job``, in order. Leaving the loop early breaks the helper (its
        queue still holds that job's pages), so the engine makes a new one for the next job."""
        self._next_id += 1
        job = WorkerJob(
            job.client, job.collection, job.cursor, job.limit, job.sqlite, self._next_id
        )
        self._jobs.put(job)
        finished = False
        try:
            while True:
                try:
                    item = self._results.get(timeout=0.5)
                except queue.Empty:
                    if cancel.is_set():
                        return
                    if not self._proc.is_alive():
                        raise MarketplaceError(
                            "the sync helper stopped unexpectedly "
                            f"(exit code {self._proc.exitcode})"
                        ) from None
                    continue
                if item[0] != job.job_id:
                    continue  # left over from an abandoned job
                kind = item[1]
                if kind == _DONE:
                    finished = True
                    return
                if kind == _ERROR:
                    finished = True
                    raise error_from_name(item[2], item[3], item[4])
                yield item[2]
        finally:
            if not finished:
                self.broken = True

    def close(self) -> None:
        if self._proc.is_alive() and not self.broken:
            self._jobs.put(None)
            self._proc.join(timeout=2)
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join(timeout=5)
        for q in (self._jobs, self._results):
            q.close()
            q.cancel_join_thread()
