"""``seller-console cache check|rescue|restore|fresh``: a cache that cannot be opened (issue 15 §1).

* ``cache check``: opens the chosen cache and says whether it can be used, and if not why (locked,
  not writable, disk full, PostgreSQL down, damaged: ``PRAGMA quick_check``).
* ``cache rescue [--to FOLDER]``: saves everything the user made (queued actions with their files,
  invoice drafts, the company profile, imports, the journal) to a folder, reading a damaged cache
  as far as it can; never changes the cache.
* ``cache restore FOLDER``: brings a rescue folder into the chosen cache (rows already there are
  kept; restoring twice adds nothing).
* ``cache fresh``: what the window's "Start a Fresh Cache" does: rescue, move the damaged file
  aside (kept), make a new cache and restore into it. Refused unless the cache is damaged.

Every command takes the shared cache choice (``--profile``, ``--endpoint``, ``--db``). Exit codes: 0
done, 6 the cache cannot be opened (check) or could not be rescued, 7 configuration.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.context import add_cache_choice
from app.cli.failures import EXIT_CACHE, EXIT_CONFIG, EXIT_USAGE, fail, fail_with
from app.cli.words import translate
from app.models.db import CacheCorrupt, CacheError, open_cache
from app.services import cache_rescue
from app.services.marketplace.credentials import CredentialsError
from app.services.outbox.factory import file_store
from app.services.outbox.filestore import store_root_for

if TYPE_CHECKING:
    from app.cli.context import CliContext


def _url(args: argparse.Namespace, ctx: CliContext) -> str | int:
    try:
        return ctx.choose(args).db_url
    except CredentialsError as e:
        return fail_with(e, EXIT_CONFIG)


def _rescue_lines(report: cache_rescue.RescueReport) -> list[str]:
    lines = [translate("CliCache", "saved to {folder}: {rows} rows, {files} files").format(
        folder=report.folder, rows=sum(report.rows.values()), files=report.files)]
    lost = sum(report.unreadable.values())
    if lost:
        lines.append(translate("CliCache", "{n} rows could not be read from the damaged cache "
                               "({tables})").format(n=lost, tables=", ".join(report.unreadable)))
    if report.missing_files:
        lines.append(translate("CliCache", "{n} queued files were missing from the file store")
                     .format(n=len(report.missing_files)))
    return lines


def run_check(args: argparse.Namespace, ctx: CliContext) -> int:
    url = _url(args, ctx)
    if isinstance(url, int):
        return url
    try:
        open_cache(url).dispose()
    except CacheError as e:
        return fail_with(e, EXIT_CACHE)
    print(translate("CliCache", "the cache can be used"))
    return 0


def run_rescue(args: argparse.Namespace, ctx: CliContext) -> int:
    url = _url(args, ctx)
    if isinstance(url, int):
        return url
    folder = Path(args.to) if args.to else cache_rescue.default_folder(
        ctx.paths.data_dir / "rescued")
    try:
        report = cache_rescue.rescue(url, folder, store_root_for(url, ctx.paths.caches_dir))
    except cache_rescue.RescueError as e:
        return fail_with(e, EXIT_USAGE)
    except Exception as e:  # noqa: BLE001 - a cache that cannot be read even row by row
        return fail(translate("CliCache", "nothing could be rescued: {error}").format(error=e),
                    EXIT_CACHE)
    _print(args, report.as_dict(), _rescue_lines(report))
    return 0


def run_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    url = _url(args, ctx)
    if isinstance(url, int):
        return url
    try:
        engine = open_cache(url)
    except CacheError as e:
        return fail_with(e, EXIT_CACHE)
    try:
        report = cache_rescue.restore(Path(args.folder), engine, file_store(engine, ctx.paths).add)
    except cache_rescue.RescueError as e:
        return fail_with(e, EXIT_USAGE)
    finally:
        engine.dispose()
    _print(args, report.as_dict(), [translate(
        "CliCache", "brought back: {added} rows ({kept} were there already), {files} files"
    ).format(added=sum(report.added.values()), kept=sum(report.kept.values()),
             files=report.files)])
    return 0


def run_fresh(args: argparse.Namespace, ctx: CliContext) -> int:
    url = _url(args, ctx)
    if isinstance(url, int):
        return url
    try:
        open_cache(url).dispose()
    except CacheCorrupt:
        pass
    except CacheError as e:  # locked, not writable, full, server down: never set aside
        return fail_with(e, EXIT_CACHE)
    else:
        return fail(translate("CliCache", "the cache is not damaged; nothing was changed"),
                    EXIT_USAGE)
    folder = Path(args.to) if args.to else cache_rescue.default_folder(
        ctx.paths.data_dir / "rescued")
    paths = ctx.paths
    try:
        engine, rescued, restored, moved = cache_rescue.rescue_and_start_fresh(
            url, folder, store_root_for(url, paths.caches_dir),
            lambda e: file_store(e, paths).add)
    except cache_rescue.RescueError as e:
        return fail_with(e, EXIT_USAGE)
    except CacheError as e:
        return fail_with(e, EXIT_CACHE)
    engine.dispose()
    lines = _rescue_lines(rescued) + [
        translate("CliCache", "the damaged cache was kept as {path}").format(path=moved),
        translate("CliCache", "a fresh cache holds what you made ({added} rows); sync to fetch "
                  "the marketplace's records again").format(added=sum(restored.added.values())),
    ]
    _print(args, {"rescue": rescued.as_dict(), "restore": restored.as_dict(),
                  "damaged_copy": str(moved)}, lines)
    return 0


def _print(args: argparse.Namespace, data: dict[str, Any], lines: list[str]) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print("\n".join(lines))


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "cache", help="a cache that cannot be opened: check, rescue, restore, fresh",
        description="Check a cache, save what you made from it, bring a rescue back, or start a "
        "fresh cache after damage (what the window's Start a Fresh Cache does).",
    )
    sub = p.add_subparsers(dest="cache_command", metavar="ACTION", required=True)
    check = sub.add_parser("check", help="say whether the cache can be used, and if not why")
    add_cache_choice(check)
    check.set_defaults(handler=run_check)
    rescue = sub.add_parser("rescue", help="save everything you made to a folder (cache unchanged)")
    add_cache_choice(rescue)
    rescue.add_argument("--to", metavar="FOLDER", help="an empty or new folder (default: a new "
                        "folder under the data folder's rescued/)")
    rescue.add_argument("--json", action="store_true", help="print the report as JSON")
    rescue.set_defaults(handler=run_rescue)
    restore = sub.add_parser("restore", help="bring a rescue folder into the cache")
    add_cache_choice(restore)
    restore.add_argument("folder", metavar="FOLDER", help="a folder made by `cache rescue`")
    restore.add_argument("--json", action="store_true", help="print the report as JSON")
    restore.set_defaults(handler=run_restore)
    fresh = sub.add_parser("fresh", help="a damaged cache: rescue, set it aside, start a fresh "
                           "one and bring the rescue into it")
    add_cache_choice(fresh)
    fresh.add_argument("--to", metavar="FOLDER", help="where to save the rescue")
    fresh.add_argument("--json", action="store_true", help="print the report as JSON")
    fresh.set_defaults(handler=run_fresh)
