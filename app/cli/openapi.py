"""``seller-console license …``, ``usage …`` and ``order query``: KooGallery's open APIs the
seller calls (interfaces.md §7), with the same checks and words as the Integration area's panels.

* ``license activate CODE [CODE …]`` (one code: v1 with the license facts; several: the v2
  batch) and ``license query CODE``;
* ``usage push FILE`` reads a CSV/XLSX of usage records, names every refused row, queues the rest
  in the outbox in batches and sends them (``--queue-only``: leave them for ``outbox send``);
  ``usage set-key [--profile NAME]`` stores the key from 密钥管理 that signs the pushes;
* ``order query ORDER_ID [--line LINE_ID]``: KooGallery's answer beside the cache's copy.

The profile (or ``--endpoint``) is chosen as in every command; the calls go to the profile's
open-API host (``profile add --open-api cn|intl|eu|URL``; the sandbox serves them itself).
Exit codes: 0 done; 8 KooGallery refused (a code it will not activate, an unknown order, a
refused row or batch); 2 a wrong argument or unusable file; 3, 4, 6, 7 as everywhere.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import threading
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.context import add_cache_choice
from app.cli.failures import (
    EXIT_AUTH,
    EXIT_CACHE,
    EXIT_CONFIG,
    EXIT_REFUSED,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
    fail,
    fail_with,
)
from app.cli.outbox import crash_hook
from app.cli.words import language, translate
from app.errors import ConsoleError
from app.models.db import CacheError, open_cache
from app.services.exchange.terms import (
    CHARGING_MODE,
    ORDER_STATUS,
    ORDER_TYPE,
    SUPERVISION_STATUS,
)
from app.services.marketplace.client import MarketplaceError
from app.services.marketplace.credentials import (
    ENV_ISV_KEY,
    Credentials,
    CredentialsError,
    open_client,
    store_isv_key,
)
from app.services.marketplace.embedded_sandbox import SANDBOX_NAME
from app.services.openapi import codes, license, orders, usage
from app.services.openapi.hosts import USAGE_BATCH, USAGE_BATCH_MAX
from app.services.outbox.factory import make_outbox, send_due

if TYPE_CHECKING:
    from app.cli.context import CacheChoice, CliContext


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "-"


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _failure_exit(error: BaseException) -> int:
    if isinstance(error, CredentialsError):
        return fail_with(error, EXIT_CONFIG)
    if isinstance(error, license.LicenseError | orders.OrderQueryError | usage.UsageFileError):
        return fail_with(error, EXIT_USAGE)
    return fail_with(error)


def _connected(args: argparse.Namespace, ctx: CliContext, stack: ExitStack,
               ) -> tuple[CacheChoice, Credentials]:
    choice = ctx.choose(args)
    return choice, stack.enter_context(ctx.connection(choice))


# -- license ------------------------------------------------------------------------------------------

def license_line(answer: license.LicenseAnswer, activating: bool) -> str:
    """One answer in words (the panel says the same)."""
    lang = language()
    status = codes.status_word(answer.status, lang)
    if answer.ok and activating:
        return translate("CliOpenApi", "{code}: activated ({status}); order {order}, expires "
                         "{expire}").format(code=answer.license, status=status,
                                            order=answer.order_id or "-",
                                            expire=_when(answer.expire_time))
    if answer.already_active:
        return translate("CliOpenApi", "{code}: already activated on {when} ({status}); expires "
                         "{expire}").format(code=answer.license, when=_when(answer.activate_time), status=status,
                                            expire=_when(answer.expire_time))
    if answer.ok:
        return translate("CliOpenApi", "{code}: {status}; activated {when}, expires "
                         "{expire}").format(code=answer.license, status=status,
                                            when=_when(answer.activate_time),
                                            expire=_when(answer.expire_time))
    return translate("CliOpenApi", "{code}: {meaning} ({error})").format(
        code=answer.license, meaning=codes.describe(answer.code, lang, answer.message),
        error=answer.code or "-")


def run_license(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        with ExitStack() as stack:
            _choice, creds = _connected(args, ctx, stack)
            with open_client(creds) as client:
                if args.action == "query":
                    answers = [license.query(client, c) for c in args.codes]
                elif len(args.codes) == 1:
                    answers = [license.activate(client, args.codes[0])]
                else:
                    batch = license.activate_batch(client, args.codes)
                    if args.json:
                        _print_json(batch.to_json())
                    else:
                        meaning = codes.describe(batch.code, language(), batch.message)
                        print(translate("CliOpenApi", "{n} codes: {meaning} ({error})").format(
                            n=len(batch.licenses), meaning=meaning, error=batch.code or "-"))
                    return 0 if batch.ok else EXIT_REFUSED
    except (ConsoleError, MarketplaceError) as e:
        return _failure_exit(e)
    if args.json:
        _print_json({"licenses": [a.to_json() for a in answers]})
    else:
        for a in answers:
            print(license_line(a, args.action == "activate"))
    good = all(a.ok or a.already_active for a in answers)
    return 0 if good else EXIT_REFUSED


# -- usage ----------------------------------------------------------------------------------------------

def run_usage_push(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        batch = usage.check_batch_size(args.batch_size)
        with ExitStack() as stack:
            choice = ctx.choose(args)
            creds = None if args.queue_only else stack.enter_context(ctx.connection(choice))
            try:
                engine = open_cache(choice.db_url)
            except CacheError as e:
                return fail_with(e, EXIT_CACHE)
            stack.callback(engine.dispose)
            outbox = make_outbox(engine, ctx.paths)
            plan = usage.plan_file(Path(args.file), outbox)
            entries = usage.queue_plan(outbox, plan, batch)
            report = None
            if creds is not None:
                cancel = threading.Event()
                try:
                    report = send_due(outbox, creds, ignore_schedule=True, cancel=cancel,
                                      checkpoint=crash_hook(ctx.environ))
                except KeyboardInterrupt:
                    cancel.set()
                    return fail(translate("CliOpenApi", "stopped; the records stay queued"), 130)
            states = usage.records_status(outbox, usage.plan_sns(plan))
    except (ConsoleError, MarketplaceError) as e:
        return _failure_exit(e)
    lang = language()
    counts = {s: sum(1 for r in states if r.state == s) for s in ("sent", "queued", "refused")}
    if args.json:
        _print_json({
            "file": plan.file_name, "batches": [e.id for e in entries],
            "rowsRefused": [r.to_json() for r in plan.refused],
            "alreadyQueued": len(plan.already_queued), "counts": counts,
            "records": [s.to_json() for s in states if s.state != "sent"],
            "paused": report.paused if report else None,
        })
    else:
        for r in plan.refused:
            print(translate("CliOpenApi", "line {line} ({sn}): {reason}").format(
                line=r.line, sn=r.metering_sn or "-", reason=r.text(lang)))
        for s in states:
            if s.state == "refused":
                print(translate("CliOpenApi", "{sn}: refused by KooGallery: {reason}").format(
                    sn=s.metering_sn, reason=s.reason or ""))
        if plan.already_queued:
            print(translate("CliOpenApi", "{n} records were queued before and are not sent "
                            "again").format(n=len(plan.already_queued)))
        print(translate("CliOpenApi", "{file}: {sent} records sent, {queued} waiting, {refused} "
                        "refused by KooGallery, {bad} rows refused here").format(
            file=plan.file_name, sent=counts["sent"], queued=counts["queued"],
            refused=counts["refused"], bad=len(plan.refused)))
        if report is not None and report.paused:
            print(translate("CliOpenApi", "paused ({why}): {message}; the records stay queued")
                  .format(why=report.paused, message=report.message))
    if report is not None and report.paused == "auth":
        return EXIT_AUTH
    if report is not None and report.paused == "offline":
        return EXIT_UNREACHABLE
    return EXIT_REFUSED if plan.refused or counts["refused"] else 0


def run_usage_set_key(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        name = args.profile or ctx.default_profile_name()
        if name == SANDBOX_NAME:
            return fail(translate("CliOpenApi", "the built-in sandbox has its own demo key"),
                        EXIT_USAGE)
        ctx.profiles.get(name)
        if sys.stdin.isatty():
            key = getpass.getpass(translate("CliOpenApi", "Key from 密钥管理 for {name}: ")
                                  .format(name=name))
        else:
            key = sys.stdin.readline().strip()
        if not key.strip():
            return fail(translate("CliOpenApi", "no key given; nothing stored"), EXIT_USAGE)
        store_isv_key(ctx.credentials, name, key.strip())
    except Exception as e:  # noqa: BLE001 - profile and keychain errors carry their sentence
        return fail_with(e, EXIT_CONFIG)
    print(translate("CliOpenApi", "stored the usage-push key of {name} in {where}").format(
        name=name, where=ctx.credentials.where()))
    return 0


# -- order query ------------------------------------------------------------------------------------

def order_lines(answer: orders.OrderAnswer, cache: orders.CacheView | None) -> list[str]:
    """The answer in words beside the cache's copy (the panel shows the same)."""
    lang = language()
    if not answer.found:
        meaning = codes.describe(answer.code, lang, answer.message)
        lines = [translate("CliOpenApi", "order {id}: {meaning} ({error}): {message}").format(
            id=answer.order_id, meaning=meaning, error=answer.code or "-",
            message=answer.message)]
    else:
        kinds = ORDER_TYPE.words(lang)
        modes = CHARGING_MODE.words(lang)
        test = translate("CliOpenApi", " (test order)") if answer.test else ""
        lines = [translate("CliOpenApi", "order {id}{test}: {type}, ordered {when}, buyer "
                           "{buyer}").format(
            id=answer.order_id, test=test,
            type=kinds.get(answer.order_type or "", answer.order_type or "-"),
            when=_when(answer.create_time), buyer=answer.customer_name or "-")]
        for ln in answer.lines:
            period = (", " + orders.period_words(ln.period_number, ln.period_type, lang)
                      if ln.period_type else "")
            lines.append(translate("CliOpenApi", "  line {id}: {mode}{period}, expires {expire}, "
                                   "amount {amount} (after discount {after})").format(
                id=ln.line_id, mode=modes.get(ln.charging_mode or "", ln.charging_mode or "-"),
                period=period, expire=_when(ln.expire_time),
                amount=ln.amount if ln.amount is not None else "-",
                after=ln.amount_after_discount if ln.amount_after_discount is not None else "-"))
    if cache is None:
        lines.append(translate("CliOpenApi", "cache: no cache to compare with"))
    elif not cache.present:
        lines.append(translate("CliOpenApi", "cache: this order is not in the cache"))
    elif not cache.differences and not cache.missing_lines:
        lines.append(translate("CliOpenApi", "cache: agrees with KooGallery (order status "
                               "{status}, supervision {supervision})").format(
            status=ORDER_STATUS.words(lang).get(cache.order_status or "", cache.order_status or "-"),
            supervision=SUPERVISION_STATUS.words(lang).get(cache.supervision_status or "",
                                                           cache.supervision_status or "-")))
    else:
        for d in cache.differences:
            where = f"{d.line} " if d.line else ""
            lines.append(translate("CliOpenApi", "cache differs: {where}{field}: KooGallery "
                                   "{theirs}, cache {ours}").format(
                where=where, field=d.field, theirs=d.marketplace or "-", ours=d.cache or "-"))
        for line_id in cache.missing_lines:
            lines.append(translate("CliOpenApi", "cache: line {id} is not in the cache").format(
                id=line_id))
    return lines


def run_order_query(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        with ExitStack() as stack:
            choice, creds = _connected(args, ctx, stack)
            with open_client(creds) as client:
                answer = orders.query(client, args.order_id, args.line)
            cache = None
            try:
                engine = open_cache(choice.db_url)
            except CacheError:
                engine = None  # no cache yet: KooGallery's answer alone
            if engine is not None:
                stack.callback(engine.dispose)
                cache = orders.compare(engine, answer)
    except (ConsoleError, MarketplaceError) as e:
        return _failure_exit(e)
    if args.json:
        _print_json({"marketplace": answer.to_json(),
                     "cache": cache.to_json() if cache else None})
    else:
        for line in order_lines(answer, cache):
            print(line)
    return 0 if answer.found else EXIT_REFUSED


def add_parsers(subparsers: Any) -> None:
    lic = subparsers.add_parser("license", help="License 2.0 codes: activate or query "
                                "(KooGallery's open API)")
    lic_sub = lic.add_subparsers(dest="action", required=True, metavar="ACTION")
    for action, text in (("activate", "activate license codes (several: one v2 batch)"),
                         ("query", "query license codes: status and times")):
        p = lic_sub.add_parser(action, help=text)
        p.add_argument("codes", nargs="+", metavar="CODE")
        add_cache_choice(p)
        p.add_argument("--json", action="store_true", help="print the answer as JSON")
        p.set_defaults(handler=run_license)

    use = subparsers.add_parser("usage", help="pay-per-use usage records: push a file to "
                                "KooGallery")
    use_sub = use.add_subparsers(dest="action", required=True, metavar="ACTION")
    push = use_sub.add_parser("push", help="check a CSV/XLSX of usage records and send them, "
                              "each once, through the outbox")
    push.add_argument("file", metavar="FILE")
    push.add_argument("--batch-size", type=int, default=None, metavar="N",
                      help=f"records per request (default {USAGE_BATCH.value}, "
                      f"at most {USAGE_BATCH_MAX})")
    push.add_argument("--queue-only", action="store_true",
                      help="queue the records; send later with `outbox send`")
    add_cache_choice(push)
    push.add_argument("--json", action="store_true", help="print the result as JSON")
    push.set_defaults(handler=run_usage_push)
    key = use_sub.add_parser("set-key", help=f"store the key from 密钥管理 that signs usage "
                             f"pushes (read from standard input; scripts: {ENV_ISV_KEY})")
    key.add_argument("--profile", metavar="NAME", help="default: the only or last profile")
    key.set_defaults(handler=run_usage_set_key)

    order = subparsers.add_parser("order", help="Query Order: KooGallery's answer beside the "
                                  "cache")
    order_sub = order.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = order_sub.add_parser("query", help="look up one order (and line) at KooGallery")
    q.add_argument("order_id", metavar="ORDER_ID")
    q.add_argument("--line", metavar="LINE_ID", help="one order line")
    add_cache_choice(q)
    q.add_argument("--json", action="store_true", help="print the answer as JSON")
    q.set_defaults(handler=run_order_query)
