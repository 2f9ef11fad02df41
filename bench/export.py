"""Benchmark: exporting the orders table of a big cache to CSV and XLSX.

    python bench/export.py --rows 1000000 [--cache /tmp/orders-1m.sqlite3] [--columns all]

Prints one JSON object:

- ``build_s``, ``search_refresh_s``: making the cache, with ``bench/orders_view.py``'s ``build``
  (generated orders inserted with raw ``sqlite3``); with ``--cache`` a cache of the right size
  is reused;
- ``csv`` and ``xlsx``: each measured in its own child process (so each peak is its own):
  ``seconds`` (the whole ``exports.export`` call: count, SQL read, conversion, write, rename),
  ``rows`` written, ``bytes`` of the file, ``columns``, ``peak_rss_mb`` (the child's peak resident
  memory, interpreter and imports included), ``cpu_s`` (the child's user + system CPU time, from
  ``resource.getrusage``: steadier than wall time on a shared machine) and ``target_s`` /
  ``target_rss_mb``;
- ``filtered_csv``: the same CSV export with the status filter 处理中 (about 10 % of the orders);

XLSX is written by ``app/services/exchange/xlsx_stream.py`` (XlsxWriter alone needed ~100 s for these
cells here, so there is no XlsxWriter floor to compare with any more).

The default columns are the ones the orders table shows (9); ``--columns all`` exports every
orders column (21). Targets (issue #6): CSV under 15 s, XLSX under 60 s, memory under 300 MB.
Figures come from a shared machine: compare them with each other, not across machines.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {"csv": 15.0, "xlsx": 60.0}
TARGET_RSS_MB = 300.0


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return round(usage.ru_utime + usage.ru_stime, 2)


def build(path: Path, rows: int) -> dict[str, float]:
    """The same cache ``bench/orders_view.py`` builds (with the search index refreshed)."""
    from bench.orders_view import build as build_orders_cache

    return build_orders_cache(path, rows)


def cached_rows(path: Path) -> int:
    from bench.orders_view import cached_rows as count

    return count(path)


def measure(path: Path, fmt: str, columns: str, status: str | None) -> dict[str, Any]:
    from app.models import db
    from app.services.exchange.export_areas import Area, spec
    from app.services.exchange.exports import ExportFormat, ExportRequest, export
    from app.services.orders.query import OrderFilter

    engine = db.make_engine(f"sqlite:///{path}")
    keys = tuple(c.key for c in spec(Area.ORDERS).columns) if columns == "all" else None
    flt = OrderFilter(statuses=frozenset({status})) if status else OrderFilter()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"orders.{fmt}"
        result = export(engine, ExportRequest(Area.ORDERS, ExportFormat(fmt), out, columns=keys,
                                              order_filter=flt))
        size = out.stat().st_size
    engine.dispose()
    return {"seconds": round(result.seconds, 2), "rows": result.rows, "bytes": size,
            "columns": len(result.columns), "peak_rss_mb": peak_rss_mb(), "cpu_s": cpu_s()}


def _child(args: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description="Export benchmark (see the module docstring)")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--cache", type=Path, help="reuse (or make and keep) the cache at this path")
    ap.add_argument("--columns", choices=("shown", "all"), default="shown")
    ap.add_argument("--mode", choices=("all", "build", "csv", "xlsx"), default="all",
                    help=argparse.SUPPRESS)
    ap.add_argument("--status", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    path = args.cache or Path(f"/tmp/export-bench-{args.rows}.sqlite3")
    if args.mode == "build":
        print(json.dumps(build(path, args.rows)))
        return
    if args.mode in ("csv", "xlsx"):
        print(json.dumps(measure(path, args.mode, args.columns, args.status)))
        return

    out: dict[str, Any] = {"rows": args.rows}
    if args.cache and cached_rows(path) == args.rows:
        out["cache_reused"] = True
    else:
        out.update(_child(["--mode", "build", "--rows", str(args.rows), "--cache", str(path)]))
        out["cache_reused"] = False
    common = ["--cache", str(path), "--columns", args.columns]
    for fmt in ("csv", "xlsx"):
        figures = _child(["--mode", fmt, *common])
        figures["target_s"] = TARGETS[fmt]
        figures["target_rss_mb"] = TARGET_RSS_MB
        figures["within_targets"] = (figures["seconds"] < TARGETS[fmt]
                                     and figures["peak_rss_mb"] < TARGET_RSS_MB)
        out[fmt] = figures
    out["filtered_csv"] = _child(["--mode", "csv", *common, "--status", "处理中"])
    if not args.cache:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
