"""``seller-console sync`` and ``seller-console status``: the cache from the command line.

Failures end in one line on stderr and a non-zero exit code, never a traceback:
3 authentication, 4 unreachable, 5 too many faults, 6 cache, 7 configuration, 130 cancelled
(``app.cli.failures``, the one table of exit codes).
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import unicodedata
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from app.cli.context import CacheChoice, add_cache_choice
from app.cli.failures import (
    EXIT_CANCELLED,
    EXIT_CONFIG,
    exit_code_for,
    fail,
    fail_with,
    message_for,
    open_cache_or_fail,
)
from app.cli.words import QT_TRANSLATE_NOOP, translate
from app.services.marketplace.client import (
    MarketplaceError,
)
from app.services.marketplace.credentials import Credentials, open_client
from app.services.sync.engine import (
    ALL_COLLECTIONS,
    SELLER_COLLECTIONS,
    Progress,
    SyncEngine,
    SyncReport,
    collection_counts,
    set_aside_records,
    sync_states,
)

if TYPE_CHECKING:
    from app.cli.context import CliContext


SUMMARY_FIELDS = ("fetched", "inserted", "updated", "deleted", "set_aside", "seconds")
#: The summary table's headings (English here, translated where shown).
SUMMARY_HEADINGS = {
    "collection": QT_TRANSLATE_NOOP("CliSync", "collection"),
    "fetched": QT_TRANSLATE_NOOP("CliSync", "fetched"),
    "inserted": QT_TRANSLATE_NOOP("CliSync", "inserted"),
    "updated": QT_TRANSLATE_NOOP("CliSync", "updated"),
    "deleted": QT_TRANSLATE_NOOP("CliSync", "deleted"),
    "set_aside": QT_TRANSLATE_NOOP("CliSync", "set_aside"),
    "seconds": QT_TRANSLATE_NOOP("CliSync", "seconds"),
}


def _cell(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded to ``width`` terminal columns (a CJK character takes two)."""
    pad = " " * max(0, width - _width(text))
    return pad + text if right else text + pad


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _heading(key: str) -> str:
    return translate("CliSync", SUMMARY_HEADINGS[key])


def _parse_only(value: str | None, role: str) -> tuple[str, ...]:
    if not value:
        return ALL_COLLECTIONS if role == "partner" else SELLER_COLLECTIONS
    names = tuple(v.strip() for v in value.split(",") if v.strip())
    unknown = [n for n in names if n not in ALL_COLLECTIONS]
    if unknown:
        raise argparse.ArgumentTypeError(
            translate("CliSync", "unknown collection(s): {unknown}; known: {known}").format(
                unknown=", ".join(unknown), known=", ".join(ALL_COLLECTIONS))
        )
    return names


class _ProgressBars:
    """One progress line per collection on a terminal; a line per finished collection otherwise.

    Nothing is shown until the first page has arrived: a sync that cannot connect ends in its one
    failure line, without empty bars.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self._lock = threading.Lock()
        self._pending: list[str] = []
        self.started = False

    def __call__(self, p: Progress) -> None:
        with self._lock:
            if not self.started:
                if p.finished:
                    self._pending.append(self._line(p, p.done, p.done) + "\n")
                    return
                self.started = True
                self.stream.write("".join(self._pending))
                self._pending.clear()
            if p.finished:
                line = self._line(p, p.done, p.done)
                self.stream.write(("\r" if self.tty else "") + line + "\n")
            elif self.tty:
                self.stream.write("\r" + self._line(p, p.done, p.total))
            self.stream.flush()

    @staticmethod
    def _line(p: Progress, done: int, total: int | None) -> str:
        width = 28
        if total:
            frac = min(1.0, done / total)
            filled = int(frac * width)
            bar = "#" * filled + "-" * (width - filled)
            return f"{p.collection:<20} [{bar}] {frac:4.0%} {done:>9,}/{total:,}"
        return f"{p.collection:<20} [{'?' * width}] {done:>9,}"


def _print_table(report: SyncReport, out: TextIO) -> None:
    header = _cell(_heading("collection"), 20) + "".join(
        _cell(_heading(f), 11, right=True) for f in SUMMARY_FIELDS)
    print(header, file=out)
    for c in report.collections:
        d = c.as_dict()
        cells = "".join(
            f"{d[f]:>11.2f}" if f == "seconds" else f"{d[f]:>11,}" for f in SUMMARY_FIELDS
        )
        print(f"{c.collection:<20}{cells}", file=out)


def run_sync(args: argparse.Namespace, ctx: CliContext) -> int:
    """Sync the chosen cache; ``--profile sandbox`` starts the embedded sandbox as the window does."""
    try:
        choice = ctx.choose(args)
        only = _parse_only(args.only, choice.role)
    except argparse.ArgumentTypeError as e:
        return fail_with(e, 2)
    except Exception as e:  # noqa: BLE001 - config errors carry a message for the user
        return fail_with(e, EXIT_CONFIG)
    try:
        with ctx.connection(choice) as creds:
            return _sync(args, ctx, choice, creds, only)
    except MarketplaceError as e:
        return fail_with(e)
    except Exception as e:  # noqa: BLE001 - config errors carry a message for the user
        return fail_with(e, EXIT_CONFIG)


def _sync(args: argparse.Namespace, ctx: CliContext, choice: CacheChoice, creds: Credentials,
          only: tuple[str, ...]) -> int:
    engine = open_cache_or_fail(choice.db_url)
    if isinstance(engine, int):
        return engine
    ctx.remember(choice, creds)
    cancel = threading.Event()
    progress = None if args.json and not sys.stderr.isatty() else _ProgressBars(sys.stderr)
    try:
        with open_client(creds, timeout_s=args.timeout, cancel=cancel) as client:
            sync = SyncEngine(
                client, engine, page_limit=args.page_limit, progress=progress, cancel=cancel
            )
            try:
                report = sync.sync(only)
            except KeyboardInterrupt:
                cancel.set()
                return fail(translate("CliSync", "stopped; what was synced so far is kept"),
                            EXIT_CANCELLED)
    except MarketplaceError as e:
        return fail_with(e)
    finally:
        engine.dispose()
    failure = report.failure
    if failure is not None and not any(c.fetched for c in report.collections):
        return fail(_failed(failure), exit_code_for(failure))  # nothing else to show
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_table(report, sys.stdout)
    if failure is not None:
        return fail(_failed(failure), exit_code_for(failure))
    return 0


def _failed(failure: BaseException) -> str:
    return translate("CliSync", "sync failed: {reason}").format(reason=message_for(failure))


def _local(dt: datetime | None) -> str | None:
    return None if dt is None else dt.astimezone().isoformat(timespec="seconds")


def run_status(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        db_url = ctx.choose(args).db_url
    except Exception as e:  # noqa: BLE001 - config errors carry a message for the user
        return fail_with(e, EXIT_CONFIG)
    engine = open_cache_or_fail(db_url)
    if isinstance(engine, int):
        return engine
    try:
        counts = collection_counts(engine)
        states = sync_states(engine)
        aside = set_aside_records(engine)
    finally:
        engine.dispose()
    data: dict[str, Any] = {"counts": counts, "collections": {}, "set_aside": aside}
    for name in counts:
        st = states.get(name, {})
        data["collections"][name] = {
            "count": counts[name],
            "last_sync": _local(st.get("last_finished_at")),
            "last_error": st.get("last_error"),
        }
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(_cell(_heading("collection"), 20) + _cell(translate("CliStatus", "records"), 10,
                                                      right=True)
          + "  " + translate("CliStatus", "last sync"))
    for name, info in data["collections"].items():
        last = info["last_sync"] or translate("CliStatus", "never")
        err = ("  " + translate("CliStatus", "(last run failed: {error})").format(
            error=info["last_error"])) if info["last_error"] else ""
        print(f"{name:<20}{info['count']:>10,}  {last}{err}")
    if aside:
        print("\n" + translate("CliStatus", "{n} record(s) set aside as malformed:").format(
            n=len(aside)))
        for r in aside[:20]:
            print(f"  {r['collection']} {r['id']}: {r['error']}")
    return 0


def add_parsers(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "sync", help="bring marketplace data into the local cache",
        description="Sync collections from the marketplace into the local cache. Resumable: "
        "an interrupted sync continues where it stopped.",
    )
    add_cache_choice(p)
    p.add_argument("--only", help=f"comma-separated collections ({', '.join(ALL_COLLECTIONS)})")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for an answer")
    p.add_argument("--page-limit", type=int, default=1000, help="records per page (1..1000)")
    p.set_defaults(handler=run_sync)

    s = subparsers.add_parser("status", help="what the local cache holds and when it last synced")
    add_cache_choice(s)
    s.add_argument("--json", action="store_true", help="print as JSON")
    s.set_defaults(handler=run_status)
