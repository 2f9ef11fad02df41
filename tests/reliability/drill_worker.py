"""One console for the kill drills (``tests/reliability/test_kill_drills.py``), as a process of its
own so that the drill can end it with SIGKILL at any moment.

    python -m tests.reliability.drill_worker sync|send CACHE_URL ENDPOINT FOLDER

The keys come from ``SELLER_CONSOLE_AK``/``SELLER_CONSOLE_SK``. It prints one line per step it
passes (a page written; a dispatcher checkpoint), flushed, so the drill can pick its moment, and
``done`` at the end; it exits 0 when the work finished.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


class FolderPaths:
    """The part of ``AppPaths`` the outbox factory reads: this computer's caches folder."""

    def __init__(self, caches_dir: Path) -> None:
        self.caches_dir = caches_dir


def main(argv: list[str]) -> int:
    role, url, endpoint, folder = argv
    from app.models import db
    from app.services.marketplace.client import MarketplaceClient, RetryPolicy
    from app.services.outbox.action_kinds import register_action_kinds
    from app.services.outbox.factory import file_store
    from app.services.outbox.queue import Dispatcher, Outbox, OutboxPolicy
    from app.services.sync.engine import SyncEngine

    register_action_kinds()
    engine = db.open_cache(url)
    retry = RetryPolicy(max_attempts=10, base_delay_s=0.005, max_delay_s=0.05,
                        max_retry_after_s=0.2)
    with MarketplaceClient(endpoint, os.environ["SELLER_CONSOLE_AK"],
                           os.environ["SELLER_CONSOLE_SK"], retry=retry, timeout_s=30) as client:
        if role == "sync":
            report = SyncEngine(client, engine, page_limit=20,
                                progress=lambda p: print("page", p.collection, flush=True)
                                ).sync(("orders", "supervision_tasks"))
            ok = report.ok
        else:
            outbox = Outbox(engine, file_store(engine, FolderPaths(Path(folder))),  # type: ignore[arg-type]
                            actor=f"drill@{os.getpid()}")
            policy = OutboxPolicy(max_attempts=50, base_delay_s=0.0, max_delay_s=0.0)
            sent = Dispatcher(outbox, client, policy=policy,
                              checkpoint=lambda point: print(point, flush=True)
                              ).send_due(ignore_schedule=True)
            ok = sent.paused is None
    engine.dispose()
    print("done", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
