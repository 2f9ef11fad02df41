"""``seller-console export <area>``: a table of the cache to CSV or XLSX, from the command line.

The same service as the window's export (:mod:`app.services.exchange.exports`), so a script gets exactly
the file a person would. Filters mirror the tables' filter bars::

    seller-console export orders --format xlsx --out orders.xlsx --status 处理中 --from 2026-01-01
    seller-console export bills --format csv --out bills.csv --status 待开票 --profile prod

Dates given to ``--from``/``--to`` are calendar days in the user's zone (``--tz``, default the
system's); ``--to`` is inclusive (the whole day). Failures end in one line on stderr:
2 usage, 6 cache, 7 configuration, 130 cancelled (Ctrl+C leaves no partial file).
"""

from __future__ import annotations

import argparse
import sys
import threading
from dataclasses import replace
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.cli.context import add_cache_choice
from app.cli.failures import (
    EXIT_CANCELLED,
    EXIT_CONFIG,
    EXIT_USAGE,
    fail,
    fail_with,
    open_cache_or_fail,
)
from app.services.exchange.export_areas import AREAS, Area, TableFilter, spec
from app.services.exchange.exports import ExportCancelled, ExportFormat, ExportRequest, export
from app.services.finance.settlement_rules import profile_rules_path
from app.services.orders.query import OrderFilter, SortColumn

if TYPE_CHECKING:
    from app.cli.context import CliContext



def _zone(name: str | None) -> tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as Asia/Shanghai)") \
            from None


def _day_start(value: str | None, tz: tzinfo | None, *, next_day: bool = False) -> datetime | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date such as 2026-11-28") from None
    if next_day:
        day += timedelta(days=1)
    start = datetime.combine(day, time(0))
    return start.replace(tzinfo=tz) if tz is not None else start.astimezone()


def build_request(args: argparse.Namespace) -> ExportRequest:
    """The export request the arguments describe (raises ValueError with a message)."""
    area = Area(args.area)
    tz = _zone(args.tz)
    start = _day_start(args.date_from, tz)
    end = _day_start(args.date_to, tz, next_day=True)
    statuses = frozenset(s.strip() for s in (args.status or []) if s.strip())
    columns = None
    if args.columns:
        columns = tuple(c.strip() for c in args.columns.split(",") if c.strip())
        for key in columns:
            spec(area).column(key)  # KeyError names the columns there are
    order_filter = table_filter = None
    if area is Area.ORDERS:
        order_filter = OrderFilter(
            statuses=statuses, created_from=start, created_to=end, text=args.text or "",
            customer=args.customer or "", product=args.product or "",
            sort=SortColumn(args.sort), descending=not args.ascending,
        )
    else:
        table_filter = TableFilter(statuses=statuses, time_from=start, time_to=end,
                                   text=args.text or "", bill_id=args.bill)
    return ExportRequest(area=area, format=ExportFormat(args.format), out=Path(args.out),
                         columns=columns, order_filter=order_filter, table_filter=table_filter,
                         tz=tz, language=args.lang)


def _progress(quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty():
        return None

    def show(done: int, total: int | None) -> None:
        of = f" of {total:,}" if total else ""
        print(f"\r{done:,}{of} rows", end="", file=sys.stderr, flush=True)

    return show


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        request = build_request(args)
    except (ValueError, KeyError) as e:
        return fail(str(e).strip("'\""), EXIT_USAGE)
    try:
        choice = ctx.choose(args)
        db_url = choice.db_url
        if choice.kind == "profile" and choice.name is not None:
            request = replace(request, profile_role=choice.role,
                              rules_override=profile_rules_path(ctx.paths, choice.name))
    except Exception as e:  # noqa: BLE001 - config errors carry a message for the user
        return fail_with(e, EXIT_CONFIG)
    engine = open_cache_or_fail(db_url)
    if isinstance(engine, int):
        return engine
    cancel = threading.Event()
    try:
        result = export(engine, request, progress=_progress(args.quiet), cancel=cancel)
    except KeyboardInterrupt:
        cancel.set()
        return fail("export cancelled; no file was written", EXIT_CANCELLED)
    except ExportCancelled:
        return fail("export cancelled; no file was written", EXIT_CANCELLED)
    except OSError as e:
        return fail(f"cannot write {request.out}: {e}", EXIT_CONFIG)
    finally:
        engine.dispose()
    if _progress(args.quiet) is not None:
        print(file=sys.stderr)
    print(f"{result.rows} rows -> {result.path} ({result.seconds:.1f} s)")
    return 0


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "export", help="export a table of the cache to CSV or XLSX",
        description="Export what a table shows (its filter and columns) to CSV (UTF-8 with BOM, "
        "exact amounts) or XLSX. Areas: " + ", ".join(a.value for a in AREAS) + ".",
    )
    p.add_argument("area", choices=[a.value for a in AREAS], help="the table to export")
    p.add_argument("--format", choices=[f.value for f in ExportFormat], required=True)
    p.add_argument("--out", required=True, help="the file to write (replaced when complete)")
    add_cache_choice(p)
    p.add_argument("--status", action="append", metavar="STATUS",
                   help="raw status to keep (repeatable), e.g. 处理中, 待开票; for "
                   "reconciliation: a flag kind such as not_settling")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                   help="first day (created / main date of the table)")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="last day (inclusive)")
    p.add_argument("--text", help="free search, every word must match")
    p.add_argument("--customer", help="orders: customer id or part of a name")
    p.add_argument("--product", help="orders: product id or part of a name")
    p.add_argument("--bill", help="bill lines / invoice notices: only this bill")
    p.add_argument("--columns", help="comma-separated column keys (default: the table's)")
    p.add_argument("--sort", default=SortColumn.CREATED.value,
                   choices=[s.value for s in SortColumn], help="orders: sort column")
    p.add_argument("--ascending", action="store_true", help="orders: oldest / smallest first")
    p.add_argument("--tz", help="time zone for times and dates (IANA name; default: system)")
    p.add_argument("--lang", choices=("en", "zh_CN"), default="en", help="header language")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(handler=run_export)
