"""Benchmark: the orders table over a big cache, against a naive QStandardItemModel.

    python bench/orders_view.py --rows 1000000 [--cache /tmp/orders-1m.sqlite3] [--with-writer]
        [--naive-rows 100000]

Prints one JSON object (seconds unless said otherwise):

- ``build_s``: making the cache (``open_cache`` + the generated orders and lines inserted with raw
  ``sqlite3``); with ``--cache``, a cache of the right size is reused and its original build time
  (kept beside it) is reported, with ``cache_reused: true``;
- ``search_refresh_s``: the first refresh of the search index of names after the build;
- ``first_rows_s``: a shown window with a ``QTableView`` over ``OrdersTableModel``, from asking for
  the orders (default sort: newest first) until the first rows were fetched and painted (the id
  queries run on the bridge's worker, as in the console: the first page, then the whole list);
  every figure has a ``*_complete_s`` twin: until the whole id list is in the model, and a
  ``*_rows`` with the number of rows listed;
- ``filter_s``: status 处理中 (about 10 % of the orders), until the new rows are painted;
  ``filter_common_s``: status 已完成 (about 70 %), the slowest status;
- ``sort_s``: sort by amount, until painted;
- ``search_s``: free search for a Chinese company name fragment (4 characters, trigram index);
  ``search_1char_s``: one Chinese character (LIKE over the names);
- ``scroll_s``: scrolling through 10,000 rows a page at a time, each page painted;
- ``view_first_rows_s``: the same as ``first_rows_s`` with the whole ``OrdersView``;
- ``peak_rss_mb``: this measuring process's peak resident memory (the build runs in a child);
- ``naive``: the same figures for a ``QStandardItemModel`` holding every row as items behind a
  ``QSortFilterProxyModel`` (filter, sort and search in the proxy), each run in a child process, on
  ``--naive-rows`` rows (default: all of them, as the lazy model); on fewer rows its ``note`` says
  so and ``extrapolated_*`` figures scale them linearly to ``--rows``. Its ``first_rows_s``
  includes reading the rows from SQLite;
- ``--with-writer``: the lazy figures are measured while another process writes into the same
  cache as a sync does (pages of 1,000 new orders and their lines through the sync's writer, one
  transaction per page, back to back); ``writer_during_measure`` says how much it wrote. When
  stopped, the writer deletes what it wrote (``orders_removed_after``), so a kept cache keeps its
  ``--rows`` and the next run reuses it;
- ``process_cpu_s``: the measuring process's CPU seconds (user + system, every thread), for
  comparing variants on a shared machine.

Every figure is the median of ``--repeat`` runs (3; ``first_rows_cold_s`` is the very first, on a
cold connection). Figures come from a shared machine (``load_average_*``): compare them with each
other, not across machines.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCROLL_ROWS = 10_000
FILTER_STATUS = "处理中"
COMMON_STATUS = "已完成"
SEARCH_TEXT = "上海华信"
SEARCH_1CHAR = "海"


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# -- the cache ------------------------------------------------------------------------------------


def build(path: Path, rows: int) -> dict[str, float]:
    from app.models import db
    from app.services.orders import query as orders_query
    from tests.support.orders_data import fill_orders_raw

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    engine = db.open_cache(f"sqlite:///{path}")
    engine.dispose()
    fill_orders_raw(path, rows)
    build_s = time.perf_counter() - started
    engine = db.make_engine(f"sqlite:///{path}")
    started = time.perf_counter()
    with engine.begin() as conn:
        orders_query.refresh_search_terms(conn)
    refresh_s = time.perf_counter() - started
    engine.dispose()
    return {"build_s": round(build_s, 2), "search_refresh_s": round(refresh_s, 3)}


def cached_rows(path: Path) -> int:
    import sqlite3

    if not path.exists():
        return -1
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM orders").fetchone()[0])
    except sqlite3.DatabaseError:
        return -1
    finally:
        conn.close()


# -- measuring ------------------------------------------------------------------------------------


def _until(app: Any, done: Callable[[], bool], timeout_s: float = 600) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise SystemExit("timed out waiting for the table")


def _painted(app: Any, table: Any) -> None:
    """Paint the table now (as the next frame would) and let queued events run."""
    table.viewport().repaint()
    app.processEvents()


def measure_lazy(path: Path, repeat: int) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop, QSettings, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from app.models import db
    from app.services.orders.query import OrderFilter, SortColumn
    from app.views.app import pin_interpreter_singletons
    from app.views.bridge import Bridge
    from app.views.orders.labels import COLUMNS
    from app.views.orders.model import OrdersTableModel
    from app.views.orders.view import OrdersView

    pin_interpreter_singletons()
    app = QApplication.instance() or QApplication([])
    engine = db.make_engine(f"sqlite:///{path}")
    bridge = Bridge()
    model = OrdersTableModel(engine, bridge)
    table = QTableView()
    table.resize(1400, 800)
    table.verticalHeader().hide()
    table.setModel(model)
    for i, col in enumerate(COLUMNS):  # the columns the console shows by default
        table.setColumnHidden(i, not col.visible)
    table.show()
    app.processEvents()
    out: dict[str, Any] = {}

    def timed(name: str, action: Callable[[], None]) -> None:
        """``name``: until the first rows of the answer are painted; ``name_complete``: until
        the whole list is in the model (and painted)."""
        first: list[float] = []
        loop = QEventLoop()

        def shown() -> None:
            _painted(app, table)  # paints the first rows, reading their block
            first.append(time.perf_counter() - started)

        def finished() -> None:
            loop.quit()

        model.firstRowsShown.connect(shown)
        model.queryFinished.connect(finished)
        started = time.perf_counter()
        action()
        loop.exec()  # idle until the whole list is in (no busy waiting: the worker needs the GIL)
        _painted(app, table)
        out[name] = round(first[0] if first else time.perf_counter() - started, 3)
        out[name.replace("_s", "_complete_s")] = round(time.perf_counter() - started, 3)
        out[name.replace("_s", "_rows")] = model.rowCount()
        model.firstRowsShown.disconnect(shown)
        model.queryFinished.disconnect(finished)

    runs: list[dict[str, Any]] = []
    first_cold = None
    for run in range(repeat):  # the median of `repeat` runs: the machine may be shared
        out.clear()
        timed("first_rows_s", lambda: model.set_filter(OrderFilter(), force=True))
        if run == 0:
            first_cold = out["first_rows_s"]
        timed("filter_s",
              lambda: model.set_filter(OrderFilter(statuses=frozenset({FILTER_STATUS}))))
        timed("filter_common_s",
              lambda: model.set_filter(OrderFilter(statuses=frozenset({COMMON_STATUS}))))
        timed("sort_s", lambda: model.set_filter(OrderFilter(sort=SortColumn.AMOUNT)))
        timed("search_s", lambda: model.set_filter(OrderFilter(text=SEARCH_TEXT)))
        timed("search_1char_s", lambda: model.set_filter(OrderFilter(text=SEARCH_1CHAR)))
        timed("reset_s", lambda: model.set_filter(OrderFilter(sort=SortColumn.ORDER_ID)))
        out["scroll_s"] = _scroll(app, table)
        runs.append(dict(out))
    out = _median(runs)
    out["first_rows_cold_s"] = first_cold
    out["cached_blocks_after_scroll"] = model.cached_blocks()

    # The whole area, as the console shows it.
    settings = QSettings(str(path) + ".bench-state.ini", QSettings.Format.IniFormat)
    started = time.perf_counter()
    view = OrdersView(engine, bridge, settings)
    view.resize(1400, 800)
    view.show()
    _until(app, lambda: view.model.rowCount() > 0)
    _painted(app, view.table)
    out["view_first_rows_s"] = round(time.perf_counter() - started, 3)
    bridge.wait_idle()
    view.close()
    table.close()
    amount = next(i for i, c in enumerate(COLUMNS) if c.key == "amount")
    out["amount_cell_sample"] = model.data(model.index(0, amount), Qt.ItemDataRole.DisplayRole)
    engine.dispose()
    return out


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Per figure, the median of the runs (a run missing a figure is left out)."""
    out: dict[str, Any] = {}
    for key in runs[0]:
        values = sorted(r[key] for r in runs if key in r)
        out[key] = values[len(values) // 2]
    return out


def run_writer(path: Path, stop: Path, page: int = 1000) -> dict[str, Any]:
    """Write into the cache as a sync does until ``stop`` exists: pages of ``page`` new orders
    (and their lines) upserted with the sync's own writer (``writer_for(table).upsert``), one
    transaction per page, back to back, with the names of new orders added to the search index
    every :data:`~app.services.orders.query.SEARCH_TAIL_ROWS` orders as the sync does."""
    from app import models as m
    from app.models import db
    from app.services.orders.query import refresh_search_tail
    from app.services.sync.writer import writer_for
    from tests.support.orders_data import generate

    engine = db.make_engine(f"sqlite:///{path}")
    orders_w = writer_for(m.Base.metadata.tables["orders"])
    lines_w = writer_for(m.Base.metadata.tables["order_lines"])
    source = generate(10**9, seed=4242)
    pages = rows = 0
    longest = 0.0
    started = time.perf_counter()
    print("writing", flush=True)
    while not stop.exists():
        orders: list[dict[str, Any]] = []
        lines: list[dict[str, Any]] = []
        for _ in range(page):
            order, its_lines = next(source)
            order["id"] = "W" + order["id"][1:]  # new orders, never one of the cache's
            for line in its_lines:
                line["id"] = "W" + line["id"][1:]
                line["order_id"] = order["id"]
            orders.append(order)
            lines.extend(its_lines)
        t0 = time.perf_counter()
        with engine.begin() as conn:
            orders_w.upsert(conn, orders)
            lines_w.upsert(conn, lines)
            refresh_search_tail(conn)  # as the sync's orders pages do
        longest = max(longest, time.perf_counter() - t0)
        pages += 1
        rows += len(orders)
    seconds = time.perf_counter() - started
    engine.dispose()
    removed = remove_written(path)
    return {"pages": pages, "orders_written": rows, "seconds": round(seconds, 2),
            "orders_per_s": round(rows / seconds) if seconds else 0,
            "longest_transaction_s": round(longest, 3), "orders_removed_after": removed}


def remove_written(path: Path) -> int:
    """Delete every order the writer wrote (ids starting with ``W``) and their lines, so that a
    kept cache stays at its ``--rows`` (and is reused by the next run); the search index's
    refreshed-rowid mark is brought back under the largest rowid left."""
    import sqlite3

    conn = sqlite3.connect(path, timeout=60)
    try:
        with conn:
            conn.execute("DELETE FROM order_lines WHERE order_id >= 'W' AND order_id < 'X'")
            removed = conn.execute("DELETE FROM orders WHERE id >= 'W' AND id < 'X'").rowcount
            conn.execute("UPDATE orders_search_state SET refreshed_rowid = min(refreshed_rowid, "
                         "(SELECT coalesce(max(rowid), 0) FROM orders))")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return int(removed)


def _scroll(app: Any, table: Any) -> float:
    bar = table.verticalScrollBar()
    bar.setValue(0)
    _painted(app, table)
    started = time.perf_counter()
    while bar.value() < min(SCROLL_ROWS, bar.maximum()):
        bar.setValue(bar.value() + bar.pageStep())
        _painted(app, table)
    return round(time.perf_counter() - started, 3)


def measure_naive(path: Path, rows: int) -> dict[str, Any]:
    """Every row as QStandardItems behind a QSortFilterProxyModel: the approach the lazy model
    replaces."""
    import sqlite3

    from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    from app.views.app import pin_interpreter_singletons

    pin_interpreter_singletons()
    app = QApplication.instance() or QApplication([])
    table = QTableView()
    table.resize(1400, 800)
    table.verticalHeader().hide()
    table.show()
    app.processEvents()
    out: dict[str, Any] = {"naive_rows": rows}
    started = time.perf_counter()
    conn = sqlite3.connect(path)
    data = conn.execute(
        "SELECT id, coalesce(customer_real_name, customer_name), product_name, order_status, "
        "order_type, charging_mode, total_amount, create_time FROM orders "
        "ORDER BY create_time DESC, rowid DESC LIMIT ?", (rows,)).fetchall()
    conn.close()
    model = QStandardItemModel(0, 8)
    for r in data:
        items = [QStandardItem(str(v) if v is not None else "") for v in r]
        items[6] = QStandardItem(f"¥{r[6] / 100:,.2f}")
        items[6].setData(r[6], Qt.ItemDataRole.UserRole)
        model.appendRow(items)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    table.setModel(proxy)
    _painted(app, table)
    out["first_rows_s"] = round(time.perf_counter() - started, 3)

    def timed(name: str, action: Callable[[], None]) -> None:
        t0 = time.perf_counter()
        action()
        _painted(app, table)
        out[name] = round(time.perf_counter() - t0, 3)
        out[name.replace("_s", "_rows")] = proxy.rowCount()

    def set_filter(column: int, pattern: str) -> None:
        proxy.setFilterKeyColumn(column)
        proxy.setFilterRegularExpression(QRegularExpression(QRegularExpression.escape(pattern)))

    timed("filter_s", lambda: set_filter(3, FILTER_STATUS))
    timed("filter_common_s", lambda: set_filter(3, COMMON_STATUS))
    timed("sort_s", lambda: (set_filter(-1, ""), proxy.setSortRole(Qt.ItemDataRole.UserRole),
                             proxy.sort(6, Qt.SortOrder.DescendingOrder)))
    timed("search_s", lambda: set_filter(-1, SEARCH_TEXT))
    timed("search_1char_s", lambda: set_filter(-1, SEARCH_1CHAR))
    timed("reset_s", lambda: set_filter(-1, ""))
    out["scroll_s"] = _scroll(app, table)
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def _child(args: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _with_writer(path: Path, lazy: list[str]) -> dict[str, Any]:
    """The lazy figures measured while a writer process (:func:`run_writer`) writes pages into
    the same cache; the writer starts first and stops when the measuring is done."""
    stop = Path(str(path) + ".stop-writer")
    stop.unlink(missing_ok=True)
    writer = subprocess.Popen([sys.executable, __file__, "--mode", "writer", "--cache", str(path),
                               "--stop", str(stop)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None
        if writer.stdout.readline().strip() != "writing":
            raise SystemExit("the writer process did not start")
        figures = _child(lazy)
    finally:
        stop.touch()
        output, _ = writer.communicate(timeout=900)
        stop.unlink(missing_ok=True)
    figures["writer_during_measure"] = json.loads(output.strip().splitlines()[-1])
    return figures


def _naive(path: Path, rows: int, naive_rows: int, repeat: int) -> dict[str, Any]:
    """The naive model's median of ``repeat`` runs (each in its own child); measured on fewer
    rows than the lazy model, its figures are also given scaled linearly to ``rows``."""
    naive_rows = min(naive_rows, rows)
    runs = [_child(["--mode", "naive", "--cache", str(path), "--naive-rows", str(naive_rows)])
            for _ in range(repeat)]
    out = _median(runs)
    out["statistic"] = f"median of {repeat} runs"
    if naive_rows >= rows:
        out["note"] = "measured on all rows, as the lazy model"
        return out
    factor = rows / naive_rows
    out["note"] = (f"measured on the newest {naive_rows:,} of {rows:,} rows; "
                   f"extrapolated_* = measured seconds x {factor:g} (linear in the rows, as "
                   "building and filtering the items are; a lower bound for sorting)")
    for key, value in list(out.items()):
        if key.endswith("_s") and key != "scroll_s":
            out["extrapolated_" + key] = round(value * factor, 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description="Orders table benchmark (see the module docstring)")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--cache", type=Path, help="reuse (or make and keep) the cache at this path")
    ap.add_argument("--naive-rows", type=int, default=None,
                    help="rows for the naive model (default: --rows; fewer are extrapolated)")
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="median of this many runs")
    ap.add_argument("--with-writer", action="store_true",
                    help="measure the lazy model while another process writes into the cache")
    ap.add_argument("--mode", choices=("all", "build", "lazy", "naive", "writer"), default="all",
                    help=argparse.SUPPRESS)
    ap.add_argument("--stop", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    path = args.cache or Path(f"/tmp/orders-bench-{args.rows}.sqlite3")
    sidecar = Path(str(path) + ".build.json")
    if args.mode == "build":
        print(json.dumps(build(path, args.rows)))
        return
    if args.mode == "lazy":
        figures = measure_lazy(path, args.repeat)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print(json.dumps({**figures, "peak_rss_mb": peak_rss_mb(),
                          "process_cpu_s": round(usage.ru_utime + usage.ru_stime, 2)}))
        return
    if args.mode == "naive":
        print(json.dumps(measure_naive(path, args.naive_rows)))
        return
    if args.mode == "writer":
        print(json.dumps(run_writer(path, args.stop)))
        return

    out: dict[str, Any] = {"rows": args.rows}
    if args.cache and cached_rows(path) == args.rows and sidecar.exists():
        out.update(json.loads(sidecar.read_text()))
        out["cache_reused"] = True
    else:
        figures = _child(["--mode", "build", "--rows", str(args.rows), "--cache", str(path)])
        sidecar.write_text(json.dumps(figures))
        out.update(figures)
        out["cache_reused"] = False
    out["repeat"] = args.repeat
    out["statistic"] = f"median of {args.repeat} runs"
    out["load_average_before"] = [round(x, 2) for x in os.getloadavg()]
    lazy = ["--mode", "lazy", "--cache", str(path), "--repeat", str(args.repeat)]
    if args.with_writer:
        out.update(_with_writer(path, lazy))
    else:
        out.update(_child(lazy))
    if not args.skip_naive:
        out["naive"] = _naive(path, args.rows, args.naive_rows or args.rows, args.repeat)
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    if not args.cache:
        for suffix in ("", "-wal", "-shm", ".build.json", ".bench-state.ini"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
