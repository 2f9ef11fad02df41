"""Benchmark: what ``synchronous=FULL`` (issue 15 §1: every commit on the disk before it returns)
costs against the old ``synchronous=NORMAL``, for the two kinds of commit the console makes.

    python bench/durability.py --actions 300 --pages 100

- ``queue_ms``: one outbox action queued (``Outbox.enqueue``: entry, journal entry, one commit),
  the median of ``--actions`` in a row;
- ``page_ms``: one sync-sized page written (1,000 rows of 1 kB in one transaction), the median of
  ``--pages``.

Each is measured on a fresh cache per mode: ``normal`` (the old setting), ``full`` (every commit
durable) and ``shipped`` (durable, with the sync's pages written ``rebuildable``, see
``app.models.db``); prints one JSON object with the modes and the ratios to ``normal``.
The cache lives in ``--dir`` (default: a temporary folder), so run it on the disk the console uses.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from app.models import db  # noqa: E402
from app.services.outbox.action_kinds import register_action_kinds  # noqa: E402
from app.services.outbox.filestore import FileStore  # noqa: E402
from app.services.outbox.queue import Outbox  # noqa: E402


def _measure(folder: Path, mode: str, actions: int, pages: int,
             rebuild: bool = False) -> dict[str, float]:
    pragmas = tuple(f"PRAGMA synchronous={mode}" if p.startswith("PRAGMA synchronous") else p
                    for p in db.SQLITE_PRAGMAS)
    saved = db.SQLITE_PRAGMAS
    db.SQLITE_PRAGMAS = pragmas
    try:
        name = f"{mode}{'-rebuild' if rebuild else ''}"
        engine = db.open_cache(f"sqlite:///{folder / f'{name}.sqlite3'}")
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA synchronous")).scalar() == {"NORMAL": 1,
                                                                         "FULL": 2}[mode]
        outbox = Outbox(engine, FileStore(folder / f"{name}.files"), actor="bench")
        queued = []
        for n in range(actions):
            started = time.perf_counter()
            outbox.enqueue("supervision.deliver", f"T-{n}", {"note": "bench"}, summary="bench")
            queued.append(time.perf_counter() - started)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE bench_page (id INTEGER PRIMARY KEY, body TEXT)"))
        written = []
        for p in range(pages):
            rows = [{"id": p * 1000 + i, "body": "x" * 1000} for i in range(1000)]
            started = time.perf_counter()
            with engine.begin() as conn:
                if rebuild:
                    db.rebuildable(conn)  # what the sync engine does for a page
                conn.execute(text("INSERT INTO bench_page (id, body) VALUES (:id, :body)"), rows)
            written.append(time.perf_counter() - started)
        engine.dispose()
    finally:
        db.SQLITE_PRAGMAS = saved
    return {"queue_ms": round(statistics.median(queued) * 1000, 3),
            "page_ms": round(statistics.median(written) * 1000, 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    register_action_kinds()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        result: dict[str, Any] = {
            "normal": _measure(folder, "NORMAL", args.actions, args.pages),
            "full": _measure(folder, "FULL", args.actions, args.pages),
            "shipped": _measure(folder, "FULL", args.actions, args.pages, rebuild=True),
        }
    result["full_over_normal"] = {
        k: round(result["full"][k] / result["normal"][k], 2) if result["normal"][k] else None
        for k in ("queue_ms", "page_ms")}
    result["shipped_over_normal"] = {
        k: round(result["shipped"][k] / result["normal"][k], 2) if result["normal"][k] else None
        for k in ("queue_ms", "page_ms")}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
