"""``seller-console supervision …``, ``outbox …`` and ``journal …``: actions from the command line.

A supervision command checks what can be checked locally, queues the action in the profile's
outbox (files copied into the console's file store) and then sends everything due, unless
``--queue-only``. ``outbox send`` sends what is waiting; ``outbox list`` shows it. Exit codes as in
``sync`` (3 authentication, 4 unreachable: the actions stay queued, 6 cache, 7 configuration), plus
2 for an action that cannot be queued and 8 when an entry needs attention (a refusal).

For crash tests only: ``SELLER_CONSOLE_CRASH_AT=<checkpoint>[:<n>]`` ends the process abruptly
(``os._exit``) the n-th time the dispatcher reaches that checkpoint (``outbox.CHECKPOINTS``).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import threading
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.context import add_cache_choice
from app.cli.failures import (
    EXIT_AUTH,
    EXIT_CACHE,
    EXIT_CONFIG,
    EXIT_NOT_QUEUED,
    EXIT_REFUSED,
    EXIT_UNREACHABLE,
    fail_with,
)
from app.cli.words import translate
from app.models.db import CacheError, open_cache
from app.services.instance import window_holding
from app.services.marketplace.client import MarketplaceError
from app.services.outbox import journal
from app.services.outbox.factory import make_outbox, send_due
from app.services.outbox.queue import (
    CHECKPOINTS,
    DispatchReport,
    EntryView,
    Outbox,
    OutboxError,
)
from app.services.supervision import actions as sv
from app.services.supervision import preflight, refunds

if TYPE_CHECKING:
    from app.cli.context import CliContext

CRASH_ENV = "SELLER_CONSOLE_CRASH_AT"


def crash_hook(environ: Mapping[str, str]) -> Callable[[str], None] | None:
    """The fault-injection checkpoint for crash tests (see the module docstring)."""
    spec = environ.get(CRASH_ENV, "")
    if not spec:
        return None
    name, _, nth = spec.partition(":")
    if name not in CHECKPOINTS:
        raise SystemExit(f"{CRASH_ENV}: unknown checkpoint {name!r}; known: {CHECKPOINTS}")
    target = int(nth or 1)
    seen = {"n": 0}

    def hook(point: str) -> None:
        if point == name:
            seen["n"] += 1
            if seen["n"] >= target:
                sys.stderr.flush()
                os._exit(99)

    return hook


class _Session:
    """The cache (and, for sending, the keys) of the chosen profile or endpoint."""

    def __init__(self, args: argparse.Namespace, ctx: CliContext, need_client: bool,
                 stack: ExitStack) -> None:
        self.ctx = ctx
        self.creds = None
        choice = ctx.choose(args)
        if need_client:  # the built-in sandbox is started (and stopped with the stack)
            self.creds = stack.enter_context(ctx.connection(choice))
        self.engine = open_cache(choice.db_url)
        self.outbox = make_outbox(self.engine, ctx.paths)


def _open(args: argparse.Namespace, ctx: CliContext, need_client: bool,
          stack: ExitStack) -> _Session | int:
    try:
        return _Session(args, ctx, need_client, stack)
    except CacheError as e:
        return fail_with(e, EXIT_CACHE)
    except MarketplaceError as e:
        return fail_with(e)
    except Exception as e:  # noqa: BLE001 - configuration errors carry a message for the user
        return fail_with(e, EXIT_CONFIG)


def _with_session(
    need_client: Callable[[argparse.Namespace], bool] = lambda _args: False,
) -> Callable[[Callable[[argparse.Namespace, _Session], int]],
              Callable[[argparse.Namespace, CliContext], int]]:
    """A command handler ``(args, ctx)`` that runs ``body(args, session)`` on the chosen profile's
    opened session (or returns the exit code that says why it cannot be opened) and closes the
    cache afterwards; ``need_client(args)``: whether the command needs the keys."""

    def wrap(body: Callable[[argparse.Namespace, _Session], int],
             ) -> Callable[[argparse.Namespace, CliContext], int]:
        @functools.wraps(body)
        def run(args: argparse.Namespace, ctx: CliContext) -> int:
            with ExitStack() as stack:
                session = _open(args, ctx, need_client(args), stack)
                if isinstance(session, int):
                    return session
                try:
                    return body(args, session)
                finally:
                    session.engine.dispose()
            return EXIT_CONFIG  # not reached: the stack does not swallow a return

        return run

    return wrap


def _send(session: _Session, args: argparse.Namespace) -> tuple[DispatchReport, int]:
    assert session.creds is not None
    window = window_holding(session.ctx.paths.data_dir, str(session.engine.url))
    if window is not None:
        # The window has this cache open and its dispatcher owns the entries in `sending`:
        # sending here would reset them (issue 15 §1). The window sends the queue itself.
        return DispatchReport(paused="window", message=translate(
            "CliOutbox", "the window (process {pid}) has this cache open and sends its outbox; "
            "what is queued waits there").format(pid=window)), 0
    cancel = threading.Event()
    try:
        report = send_due(session.outbox, session.creds, ignore_schedule=getattr(args, "now", True),
                          cancel=cancel, checkpoint=crash_hook(session.ctx.environ))
    except KeyboardInterrupt:
        cancel.set()
        return DispatchReport(paused="cancelled", message="stopped"), 130
    code = 0
    if report.paused == "auth":
        code = EXIT_AUTH
    elif report.paused == "offline":
        code = EXIT_UNREACHABLE
    elif report.refused:
        code = EXIT_REFUSED
    return report, code


def _print_report(report: DispatchReport, outbox: Outbox, as_json: bool) -> None:
    if as_json:
        print(json.dumps({**report.to_json(), "counts": outbox.counts()}, ensure_ascii=False,
                         indent=2))
        return
    for entry_id in report.delivered:
        print(translate("CliOutbox", "delivered  #{id} {summary}").format(
            id=entry_id, summary=outbox.get(entry_id).summary))
    for entry_id in report.refused:
        e = outbox.get(entry_id)
        print(translate("CliOutbox", "refused    #{id} {summary}: {code} {error}").format(
            id=entry_id, summary=e.summary, code=e.last_error_code or "", error=e.last_error))
    for entry_id in report.retry_later:
        e = outbox.get(entry_id)
        print(translate("CliOutbox", "retry later #{id} {summary}: {error}").format(
            id=entry_id, summary=e.summary, error=e.last_error))
    if report.paused:
        print(translate("CliOutbox", "paused ({why}): {message}; the actions stay queued")
              .format(why=report.paused, message=report.message))
    counts = outbox.counts()
    print(translate("CliOutbox", "outbox: {pending} waiting, {attention} need attention, "
                    "{done} done").format(pending=counts["pending"],
                                          attention=counts["needs_attention"],
                                          done=counts["done"]))


def _entry_line(e: EntryView) -> str:
    when = e.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    line = f"#{e.id:<5} {e.state:<16} {when}  {e.actor}  {e.summary}"
    if e.last_error:
        line += f"\n       {e.last_error_code or ''} {e.last_error}".rstrip()
    return line


# -- handlers -------------------------------------------------------------------------------------

@_with_session()
def run_outbox_list(args: argparse.Namespace, session: _Session) -> int:
    entries = session.outbox.entries(states=args.state or None)
    if args.json:
        print(json.dumps({"entries": [e.to_json() for e in entries],
                          "counts": session.outbox.counts()}, ensure_ascii=False, indent=2))
    else:
        for e in entries:
            print(_entry_line(e))
        if not entries:
            print(translate("CliOutbox", "the outbox is empty"))
    return 0


@_with_session(lambda _args: True)
def run_outbox_send(args: argparse.Namespace, session: _Session) -> int:
    report, code = _send(session, args)
    _print_report(report, session.outbox, args.json)
    return code


@_with_session()
def run_outbox_change(args: argparse.Namespace, session: _Session) -> int:
    try:
        if args.command == "discard":
            entry = session.outbox.discard(args.entry)
        else:
            entry = session.outbox.resend(args.entry)
        print(_entry_line(entry))
        return 0
    except OutboxError as e:
        return fail_with(e, EXIT_NOT_QUEUED)


def _queue(args: argparse.Namespace, outbox: Outbox) -> EntryView:
    action = args.action
    if action == "confirm":
        return sv.queue_confirm(outbox, args.task, args.comment or "")
    if action == "reject":
        return sv.queue_reject(outbox, args.task, args.reason)
    if action == "deliver":
        _preflight(args, outbox)
        start = None
        if args.actual_start:
            start = datetime.fromisoformat(args.actual_start)
            if start.tzinfo is None:
                start = start.astimezone()  # local time, as the user typed it
        return sv.queue_deliver(outbox, args.task, [Path(f) for f in args.file or []],
                                args.description or "", start, args.courier or "",
                                args.tracking_no or "")
    if action == "refund":
        return refunds.queue_refund_decision(outbox, args.task, args.refund,
                                             refunds.Decision(args.decision), args.reason or "",
                                             [Path(f) for f in args.file or []])
    return sv.queue_appeal(
        outbox, args.task, args.reason,
        sv.GROUND_NOT_ACCEPTED if args.buyer_not_accepting else sv.GROUND_OTHER,
        [Path(f) for f in args.file or []],
        Path(args.commitment_letter) if args.commitment_letter else None,
        [Path(f) for f in args.delivery_proof or []])


def _preflight(args: argparse.Namespace, outbox: Outbox) -> None:
    """The pre-flight check of the acceptance files, as the window runs it: errors stop the
    delivery; warnings stop it too unless ``--accept-warnings`` says the user read them."""
    files = [Path(f) for f in args.file or []]
    if not files:
        return
    try:
        facts = preflight.order_facts(outbox.engine, args.task)
    except LookupError as e:
        raise sv.ActionError(str(e)) from None
    report = preflight.check_files(files, facts, preflight.load_rules(args.config_dir),
                                   args.config_dir)
    for finding in report.findings:
        where = f"{finding.file_name}: " if finding.file_name else ""
        print(f"{finding.severity:<8} {where}{finding.message}", file=sys.stderr)
    if report.blocked:
        raise sv.ActionError(translate("CliOutbox", "the pre-flight check found {n} error(s); "
                                       "fix the files and try again").format(
                                           n=len(report.errors)))
    if report.warnings and not args.accept_warnings:
        raise sv.ActionError(translate("CliOutbox", "the pre-flight check found {n} warning(s); "
                                       "check them, then add --accept-warnings to deliver "
                                       "anyway").format(n=len(report.warnings)))


@_with_session(lambda args: not args.queue_only)
def run_supervision(args: argparse.Namespace, session: _Session) -> int:
    args.config_dir = session.ctx.paths.config_dir
    try:
        entry = _queue(args, session.outbox)
    except (sv.ActionError, refunds.RefundError, OutboxError, ValueError) as e:
        return fail_with(e, EXIT_NOT_QUEUED)
    return queued_then_sent(args, session, entry)


def queued_then_sent(args: argparse.Namespace, session: _Session, entry: EntryView) -> int:
    """Say that ``entry`` was queued, then send what is due unless ``--queue-only`` (the tail of
    every command that queues an action); the exit code of the sending."""
    if not args.json:
        print(translate("CliOutbox", "queued     #{id} {summary}").format(
            id=entry.id, summary=entry.summary))
    if args.queue_only:
        if args.json:
            print(json.dumps({"queued": entry.to_json()}, ensure_ascii=False, indent=2))
        return 0
    report, code = _send(session, args)
    if args.json:
        print(json.dumps({"queued": session.outbox.get(entry.id).to_json(),
                          **report.to_json()}, ensure_ascii=False, indent=2))
    else:
        _print_report(report, session.outbox, False)
    return code


@_with_session()
def run_journal(args: argparse.Namespace, session: _Session) -> int:
    if args.command == "verify":
        result = journal.verify(session.engine)
        out: dict[str, Any] = {"ok": result.ok, "entries": result.entries,
                               "firstBadSeq": result.first_bad_seq, "problem": result.problem,
                               "headSeq": result.head_seq, "headHash": result.head_hash}
        if args.json:
            print(json.dumps(out, ensure_ascii=False))
        else:
            print(translate("CliOutbox", "journal OK: {n} entries, none changed, removed or "
                            "reordered; newest #{seq} hash {hash} (compare with a copy to see "
                            "newest entries removed)").format(
                                n=result.entries, seq=result.head_seq, hash=result.head_hash)
                  if result.ok else translate("CliOutbox", "journal BROKEN: {problem}")
                  .format(problem=result.problem))
        return 0 if result.ok else 1
    text = journal.export_csv(session.engine)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8-sig")
    else:
        sys.stdout.write(text)
    return 0


# -- parsers --------------------------------------------------------------------------------------

def _target_args(p: argparse.ArgumentParser) -> None:
    add_cache_choice(p)
    p.add_argument("--json", action="store_true", help="print the result as JSON")


def add_parsers(subparsers: Any) -> None:
    sup = subparsers.add_parser(
        "supervision", help="act on a service supervision task (服务监管) through the outbox",
        description="Queue a seller action on a supervision task, then send what is due.")
    actions = sup.add_subparsers(dest="action", required=True, metavar="ACTION")
    specs = {
        "confirm": "确认需求: accept the buyer's requirement",
        "reject": "驳回: send the requirement back to the buyer",
        "deliver": "deliver with acceptance files (交付验收件)",
        "appeal": "发起申诉: appeal to the platform (freezes the task)",
        "refund": "answer a refund request: 协商退订 approve/refuse, a returned parcel "
                  "accept/验收异常 (within 15 days)",
    }
    for name, help_text in specs.items():
        p = actions.add_parser(name, help=help_text, description=help_text)
        p.add_argument("task", help="supervision task id")
        _target_args(p)
        p.add_argument("--queue-only", action="store_true",
                       help="only queue the action; send it later with `outbox send`")
        if name == "confirm":
            p.add_argument("--comment", help="optional comment")
        if name == "reject":
            p.add_argument("--reason", required=True, help="why the requirement is rejected")
        if name == "deliver":
            p.add_argument("--file", action="append", help="acceptance file (repeat)")
            p.add_argument("--description", help="服务结果描述: the service result")
            p.add_argument("--actual-start", help="实际开通时间, ISO 8601 (local time if no zone)")
            p.add_argument("--courier", help="hardware: courier company")
            p.add_argument("--tracking-no", help="hardware: tracking number")
            p.add_argument("--accept-warnings", action="store_true",
                           help="deliver although the pre-flight check has warnings (never "
                                "with errors)")
        if name == "refund":
            p.add_argument("--refund", required=True, help="the refund request's id (refundId)")
            p.add_argument("--decision", required=True,
                           choices=[d.value for d in refunds.Decision],
                           help="approve / refuse a 协商退订; accept_return / return_exception "
                                "(验收异常) a returned parcel")
            p.add_argument("--reason", help="required to refuse or to mark 验收异常")
            p.add_argument("--file", action="append", help="evidence for 验收异常 (repeat)")
        if name == "appeal":
            p.add_argument("--reason", required=True, help="申诉原因")
            p.add_argument("--buyer-not-accepting", action="store_true",
                           help="appeal because the buyer never confirmed acceptance "
                                "(needs --delivery-proof and --commitment-letter)")
            p.add_argument("--delivery-proof", action="append",
                           help="交付凭证: proof of delivery (repeat)")
            p.add_argument("--commitment-letter", help="申诉介入处理承诺函 (.docx/.pdf)")
            p.add_argument("--file", action="append", help="evidence attachment (repeat)")
        p.set_defaults(handler=run_supervision)

    box = subparsers.add_parser("outbox", help="actions waiting for the marketplace")
    cmds = box.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ls = cmds.add_parser("list", help="show the outbox entries, newest first")
    _target_args(ls)
    ls.add_argument("--state", action="append",
                    choices=("pending", "sending", "needs_attention", "done", "discarded"),
                    help="only entries in this state (repeat)")
    ls.set_defaults(handler=run_outbox_list)
    send = cmds.add_parser("send", help="send every waiting entry now")
    _target_args(send)
    send.set_defaults(handler=run_outbox_send, now=True)
    for name, help_text in (("discard", "give up an entry that was not delivered"),
                            ("resend", "send an entry that needs attention again")):
        c = cmds.add_parser(name, help=help_text)
        c.add_argument("entry", type=int, help="entry number (see `outbox list`)")
        _target_args(c)
        c.set_defaults(handler=run_outbox_change)

    jr = subparsers.add_parser("journal", help="the local, hash-chained journal of actions")
    jcmds = jr.add_subparsers(dest="command", required=True, metavar="COMMAND")
    v = jcmds.add_parser("verify", help="re-check every entry's hash chain")
    _target_args(v)
    v.set_defaults(handler=run_journal)
    ex = jcmds.add_parser("export", help="the journal as CSV (hashes included)")
    _target_args(ex)
    ex.add_argument("--out", help="file to write (default: standard output)")
    ex.set_defaults(handler=run_journal)
