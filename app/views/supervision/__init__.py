"""The Supervision area (服务监管): task list, detail page, Deliver and Appeal dialogs.

:func:`make_outbox` is the one place the views build an :class:`~app.services.outbox.Outbox` for a
cache, so every area that queues actions (Supervision, Outbox, Invoices) stores files in the same
place: beside an SQLite cache, or in the data folder for a server database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from app.services.filestore import FileStore, store_root_for
from app.services.outbox import Outbox


def make_outbox(engine: Engine, db_url: str | None = None, paths: Any = None,
                clock: Callable[[], datetime] | None = None) -> Outbox:
    """The outbox of ``engine``'s cache. ``db_url`` defaults to ``str(engine.url)``; ``paths`` is
    the console's ``AppPaths`` (its ``caches_dir`` holds the files of server databases; default:
    the platform's folders); ``clock`` is the marketplace's time (tests run a sandbox whose clock
    is not the wall clock)."""
    url = db_url or str(engine.url)
    fallback = paths.caches_dir if paths is not None else None
    if fallback is None:
        from app.config import AppPaths

        fallback = AppPaths.from_env().caches_dir
    return Outbox(engine, FileStore(store_root_for(url, fallback)), clock=clock)
