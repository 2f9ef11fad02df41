"""``seller-console export <area>``: a table of the cache to CSV or XLSX, from the command line.

The same service as the window's export (:mod:`app.services.exchange.exports`), so a script gets exactly
the file a person would. Filters mirror the tables' filter bars::

    seller-console export orders --format xlsx --out orders.xlsx --status 处理中 --from 2026-01-01
    seller-console export bills --format csv --out bills.csv --status 待开票 --profile prod

Dates given to ``--from``/``--to`` are calendar days in the user's zone (``--tz``, default the
system's); ``--to`` is inclusive (the whole day). Headers and values are in ``--lang`` (default:
the window's language, the saved setting, else the system's); ``--codes`` adds the stored code
beside every translated value. ``--status`` takes a value as shown in either language or its
stored code (``--status Completed``, ``--status 已完成``); an unknown one is a usage error that
lists the accepted values. Failures end in one line on stderr: 2 usage, 6 cache,
7 configuration, 130 cancelled (Ctrl+C leaves no partial file).
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

from sqlalchemy import Engine, select

from app.cli.context import add_cache_choice
from app.cli.failures import (
    EXIT_CANCELLED,
    EXIT_CONFIG,
    EXIT_USAGE,
    fail,
    fail_with,
    open_cache_or_fail,
)
from app.cli.language import default_language
from app.cli.words import translate
from app.services.exchange.export_areas import AREAS, Area, TableFilter, spec
from app.services.exchange.exports import ExportCancelled, ExportFormat, ExportRequest, export
from app.services.exchange.terms import UnknownValue, resolve
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
        raise ValueError(translate("CliExport", "unknown time zone {name} (use an IANA name such "
                                   "as Asia/Shanghai)").format(name=repr(name))) from None


def _day_start(value: str | None, tz: tzinfo | None, *, next_day: bool = False) -> datetime | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(translate("CliExport", "{value} is not a date such as 2026-11-28")
                         .format(value=repr(value))) from None
    if next_day:
        day += timedelta(days=1)
    start = datetime.combine(day, time(0))
    return start.replace(tzinfo=tz) if tz is not None else start.astimezone()


def stored_statuses(engine: Engine, request: ExportRequest) -> list[str]:
    """The status values the cache holds for the request's area (a status Huawei added after
    the terms were written is still a valid filter)."""
    s = spec(request.area)
    key = "order_status" if request.area is Area.ORDERS else s.status_col
    if s.table is None or key is None:
        return []
    with engine.connect() as conn:
        return [v for v in conn.execute(select(s.table.c[key]).distinct()).scalars() if v]


def resolve_statuses(request: ExportRequest, stored: list[str]) -> ExportRequest:
    """``request`` with its ``--status`` values turned into stored codes (each given as shown in
    either language or as its code). Raises :class:`UnknownValue` listing the accepted ones."""
    flt = request.order_filter or request.table_filter
    vocabulary = spec(request.area).status_vocabulary()
    if flt is None or not flt.statuses or vocabulary is None:
        return request
    codes = resolve(vocabulary, sorted(flt.statuses), language=request.language, stored=stored,
                    what=translate("CliExport", "status"))
    if request.order_filter is not None:
        return replace(request, order_filter=replace(request.order_filter, statuses=codes))
    assert request.table_filter is not None
    return replace(request, table_filter=replace(request.table_filter, statuses=codes))


def build_request(args: argparse.Namespace, language: str = "en") -> ExportRequest:
    """The export request the arguments describe (raises ValueError with a message); values and
    headers in ``args.lang``, else ``language``. Statuses are as given: see
    :func:`resolve_statuses`."""
    area = Area(args.area)
    tz = _zone(args.tz)
    start = _day_start(args.date_from, tz)
    end = _day_start(args.date_to, tz, next_day=True)
    statuses = frozenset(s.strip() for s in (args.status or []) if s.strip())
    columns = None
    if args.columns:
        columns = tuple(c.strip() for c in args.columns.split(",") if c.strip())
        known = [c.key for c in spec(area).columns]
        for key in columns:
            if key not in known:
                raise ValueError(translate("CliExport", "{area} has no column {key}; it has "
                                           "{keys}").format(area=area.value, key=repr(key),
                                                            keys=", ".join(known)))
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
                         tz=tz, language=args.lang or language, codes=args.codes)


def _progress(quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty():
        return None

    def show(done: int, total: int | None) -> None:
        text = (translate("CliExport", "{done} of {total} rows").format(done=f"{done:,}",
                                                                          total=f"{total:,}")
                if total else translate("CliExport", "{done} rows").format(done=f"{done:,}"))
        print("\r" + text, end="", file=sys.stderr, flush=True)

    return show


def _cancelled() -> str:
    return translate("CliExport", "export cancelled; no file was written")


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        language = args.lang or getattr(args, "ui_language", None) or default_language(ctx)
        request = build_request(args, language=language)
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
    try:
        request = resolve_statuses(request, stored_statuses(engine, request))
    except UnknownValue as e:
        engine.dispose()
        return fail(str(e), EXIT_USAGE)
    cancel = threading.Event()
    try:
        result = export(engine, request, progress=_progress(args.quiet), cancel=cancel)
    except KeyboardInterrupt:
        cancel.set()
        return fail(_cancelled(), EXIT_CANCELLED)
    except ExportCancelled:
        return fail(_cancelled(), EXIT_CANCELLED)
    except OSError as e:
        return fail(translate("CliExport", "cannot write {path}: {error}")
                    .format(path=request.out, error=e.strerror or e), EXIT_CONFIG)
    finally:
        engine.dispose()
    if _progress(args.quiet) is not None:
        print(file=sys.stderr)
    print(translate("CliExport", "{rows} rows -> {path} ({seconds} s)").format(
        rows=result.rows, path=result.path, seconds=f"{result.seconds:.1f}"))
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
                   help="status to keep (repeatable), as shown in either language or as its "
                   "code, e.g. Completed, 已完成, 待开票; for reconciliation: a flag kind such "
                   "as not_settling")
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
    p.add_argument("--lang", choices=("en", "zh_CN"), default=None,
                   help="language of the file's headers and values, and of the messages "
                   "(default: the window's language)")
    p.add_argument("--codes", action="store_true",
                   help="add the stored code beside every translated value (for machines)")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(handler=run_export)
