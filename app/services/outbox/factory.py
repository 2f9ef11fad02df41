"""Building a cache's outbox and sending it: the one way the console and the command line do both.

:func:`make_outbox` is the one place an :class:`~app.services.outbox.queue.Outbox` is built for a cache,
so every front end that queues actions (Supervision, Demands, Invoices, ``seller-console
supervision``) and whatever sends them store files in the same place (:func:`file_store`, which
``seller-console evidence export`` reads too): beside an SQLite cache, or in the caches folder for
a server database (``app.services.outbox.filestore.store_root_for``), whose content is kept in the
database too, so that every member of a team can send it.

:func:`send_due` sends what is due with one client opened from the credentials given
(:func:`~app.services.marketplace.credentials.open_client`): the outbox controller's background runs, the
Invoices area's immediate sending and ``seller-console outbox send`` all go through it. Within one
console the caller serialises runs (the GUI's write lane, or one CLI process); several consoles on
one cache may send at once, each entry claimed under one dispatcher's lease.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from app.services.marketplace.client import RetryPolicy
from app.services.marketplace.credentials import Credentials, open_client
from app.services.outbox.filestore import DatabaseFileStore, FileStore, store_root_for
from app.services.outbox.queue import Dispatcher, DispatchProgress, DispatchReport, Outbox

if TYPE_CHECKING:
    from app.config.paths import AppPaths


def file_store(engine: Engine, paths: AppPaths) -> FileStore:
    """Where the outbox of ``engine``'s cache keeps its files (and evidence packages find them).
    ``paths`` is the console's ``AppPaths``: its ``caches_dir`` holds this computer's copies of
    the files of server databases, whose content lives in the database itself
    (:class:`~app.services.outbox.filestore.DatabaseFileStore`), so any member can send them."""
    root = store_root_for(str(engine.url), paths.caches_dir)
    if engine.dialect.name == "sqlite":
        return FileStore(root)
    return DatabaseFileStore(root, engine)


def make_outbox(
    engine: Engine, paths: AppPaths, clock: Callable[[], datetime] | None = None
) -> Outbox:
    """The outbox of ``engine``'s cache (files in :func:`file_store`); ``clock`` is the
    marketplace's time (tests run a sandbox whose clock is not the wall clock)."""
    return Outbox(engine, file_store(engine, paths), clock=clock)


def send_due(
    outbox: Outbox,
    creds: Credentials,
    *,
    ignore_schedule: bool = False,
    timeout_s: float = 30.0,
    retry: RetryPolicy | None = None,
    cancel: threading.Event | None = None,
    progress: Callable[[DispatchProgress], None] | None = None,
    checkpoint: Callable[[str], None] | None = None,
) -> DispatchReport:
    """Send the due entries of ``outbox`` with a client signing with ``creds`` (see
    :meth:`~app.services.outbox.queue.Dispatcher.send_due`; ``checkpoint`` is for crash tests)."""
    with open_client(creds, timeout_s=timeout_s, retry=retry, cancel=cancel) as client:
        return Dispatcher(outbox, client, checkpoint=checkpoint).send_due(
            cancel, progress, ignore_schedule=ignore_schedule
        )
