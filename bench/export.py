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
  ``resource.getrusage``: steadier than wall time on a shared machine; with the rows split over
  two threads it is the CPU of both), ``load_average_after`` (the one-minute load when the
  export ended), ``sql_rows`` / ``split_rows`` (whether SQLite wrote whole rows, from how many
  rows two connections read a half each; issue 18 §3) and ``target_s`` / ``target_rss_mb``;
- ``filtered_csv``: the same CSV export with the status filter 处理中 (about 10 % of the orders);
- ``xlsx_writers``: the first ``--compare-rows`` rows (default 200,000) of the same SQL and the same
  converted values written by the project's writer (``app/services/exchange/xlsx_stream.py``,
  ``own``) and by XlsxWriter in ``constant_memory`` mode (``xlsxwriter``), each in its own child,
  in the same run: ``seconds``, ``cpu_s``, ``bytes``, ``peak_rss_mb``. XlsxWriter is a bench-only
  dependency (``pip install .[bench]``).

The default columns are the ones the orders table shows (9); ``--columns all`` exports every
orders column (21). Targets (issue #18): CSV under 5 s, XLSX under 10 s, memory under 300 MB.
Figures come from a shared machine: compare them with each other, not across machines; ``cpu_s``
is steadier than wall time when other jobs share the cores.
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

TARGETS = {"csv": 5.0, "xlsx": 10.0}
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
    import os

    from app.services.exchange import exports

    return {"seconds": round(result.seconds, 2), "rows": result.rows, "bytes": size,
            "columns": len(result.columns), "peak_rss_mb": peak_rss_mb(), "cpu_s": cpu_s(),
            "load_average_after": round(os.getloadavg()[0], 2),
            "sql_rows": getattr(exports, "FAST_ROWS", False),
            "split_rows": getattr(exports, "SPLIT_ROWS", 0)}


def compare_writers(path: Path, writer: str, limit: int) -> dict[str, Any]:
    """The first ``limit`` rows of the orders export (the same SQL, the same converted values)
    written to XLSX by the project's writer or by XlsxWriter in ``constant_memory`` mode, with
    the same formats (bold frozen header, money ``#,##0.00``, date-time serials)."""
    import time

    from app.models import db
    from app.services.exchange import exports as ex
    from app.services.exchange.export_areas import Area, spec
    from app.services.exchange.xlsx_stream import CellKind, XlsxStreamWriter

    engine = db.make_engine(f"sqlite:///{path}")
    s = spec(Area.ORDERS)
    request = ex.ExportRequest(Area.ORDERS, ex.ExportFormat.XLSX, Path("unused.xlsx"))
    layout = ex._layout([s.column(k) for k in s.default], request)
    converters = ex._converters(layout.columns, ex.TimeConverter(None), layout.labels, set(),
                                ex.ExportFormat.XLSX)
    kinds = ex._cell_kinds(layout.columns, layout.labels)
    started, cpu0 = time.perf_counter(), cpu_s()
    written = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "orders.xlsx"
        _total, batches = ex._sql_batches(engine, s, s.default, request, ex.BATCH_ROWS)
        if writer == "own":
            own = XlsxStreamWriter(out, kinds, layout.headers)
            for rows in batches:
                own.write(ex.convert_batch(rows, converters, layout.sources))
                written += len(rows)
                if written >= limit:
                    break
            own.close()
        else:
            import xlsxwriter

            book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
            sheet = book.add_worksheet()
            bold = book.add_format({"bold": True})
            money = book.add_format({"num_format": "#,##0.00"})
            stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
            fmt = {CellKind.MONEY: money, CellKind.TIME: stamp}
            sheet.write_row(0, 0, layout.headers, bold)
            sheet.freeze_panes(1, 0)
            plan = [(i, kinds[i], fmt.get(kinds[i])) for i in range(len(kinds))]
            row_no = 1
            for rows in batches:
                for row in ex.convert_batch(rows, converters, layout.sources):
                    for i, kind, cell_format in plan:
                        v = row[i]
                        if v is None:
                            continue
                        if kind is CellKind.MONEY:
                            sheet.write_number(row_no, i, float(v), cell_format)
                        elif kind is CellKind.TIME:
                            sheet.write_number(row_no, i, v, cell_format)
                        else:
                            sheet.write_string(row_no, i, v)
                    row_no += 1
                written += len(rows)
                if written >= limit:
                    break
            book.close()
        batches.close()  # type: ignore[attr-defined]
        size = out.stat().st_size
    engine.dispose()
    return {"writer": writer, "rows": written, "seconds": round(time.perf_counter() - started, 2),
            "cpu_s": round(cpu_s() - cpu0, 2), "bytes": size, "peak_rss_mb": peak_rss_mb()}


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
    ap.add_argument("--compare-rows", type=int, default=200_000,
                    help="rows for the XlsxWriter comparison (0: skip it)")
    ap.add_argument("--mode", choices=("all", "build", "csv", "xlsx", "own", "xlsxwriter"),
                    default="all", help=argparse.SUPPRESS)
    ap.add_argument("--status", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    path = args.cache or Path(f"/tmp/export-bench-{args.rows}.sqlite3")
    if args.mode == "build":
        print(json.dumps(build(path, args.rows)))
        return
    if args.mode in ("own", "xlsxwriter"):
        print(json.dumps(compare_writers(path, args.mode, args.compare_rows)))
        return
    if args.mode in ("csv", "xlsx"):
        print(json.dumps(measure(path, args.mode, args.columns, args.status)))
        return

    import os

    out: dict[str, Any] = {"rows": args.rows, "cpu_count": os.cpu_count(),
                           "load_average_before": [round(x, 2) for x in os.getloadavg()]}
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
    if args.compare_rows:
        limit = ["--compare-rows", str(args.compare_rows)]
        out["xlsx_writers"] = {w: _child(["--mode", w, "--cache", str(path), *limit])
                               for w in ("own", "xlsxwriter")}
    if not args.cache:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
