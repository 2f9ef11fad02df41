"""The Outbox area: actions waiting for the marketplace, their states and the action journal.

:func:`make_outbox` is the one place the views build an :class:`~app.services.outbox.Outbox` for a
cache, so every area that queues actions (Supervision, Demands, Invoices) and the outbox
controller that sends them store files in the same place: beside an SQLite cache, or in the data
folder for a server database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine

from app.config import AppPaths
from app.services.filestore import FileStore, store_root_for
from app.services.outbox import Outbox


def make_outbox(engine: Engine, paths: AppPaths,
                clock: Callable[[], datetime] | None = None) -> Outbox:
    """The outbox of ``engine``'s cache. ``paths`` is the console's ``AppPaths`` (its
    ``caches_dir`` holds the files of server databases); ``clock`` is the marketplace's time
    (tests run a sandbox whose clock is not the wall clock)."""
    return Outbox(engine, FileStore(store_root_for(str(engine.url), paths.caches_dir)), clock=clock)
