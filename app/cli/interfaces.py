"""``seller-console interfaces …``: the interface watchdog from the command line (issue 14 §3).

``interfaces list`` prints KooGallery's failed calls to the seller's production interface that need
the seller (``--all``: every call KooGallery still lists), sorted by their cliff as the window's
Integration area sorts them, and the products' failed orders this Beijing month against the
delisting rule (the numbers from Settings, interfaces.md §2.11). ``interfaces call-again ID``
(alias ``retry``) queues 重新启动 in the outbox and sends what is due, unless ``--queue-only``.

Exit codes: those of ``outbox`` (2: the call cannot be called again, with why; 3, 4, 6, 7, 8).
``list`` exits 0; with ``--fail-on-action`` it exits 1 when a call needs the seller (for a
scheduled check).
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from typing import Any

from app.cli.failures import EXIT_NOT_QUEUED, fail, fail_with
from app.cli.outbox import _Session, _target_args, _with_session, queued_then_sent
from app.cli.words import language, translate
from app.services.exchange.terms import INTERFACE_ACTIVITY, INTERFACE_STATUS
from app.services.integration import watchdog as wd
from app.services.outbox.queue import OutboxError


def _stage_words(stage: wd.Stage, cliff: wd.Cliff) -> str:
    if stage is wd.Stage.RETRYING:
        return translate("CliInterfaces", "refunded automatically when retries end") \
            if cliff is wd.Cliff.REFUND else \
            translate("CliInterfaces", "retries end: call it again after your fix")
    return {
        wd.Stage.CALL_AGAIN: translate("CliInterfaces", "retries ended: call it again"),
        wd.Stage.REFUNDED: translate("CliInterfaces", "retries ended: the order was refunded"),
        wd.Stage.RESOLVED: translate("CliInterfaces", "resolved"),
    }[stage]


def _reason(code: str, fallback: str) -> str:
    return {
        "resolved": translate("CliInterfaces", "this call already succeeded or was called "
                                               "again; there is nothing to call again"),
        "refunded": translate("CliInterfaces", "the retries of this newInstance ran out: "
                                               "KooGallery refunded the order"),
        "waiting": translate("CliInterfaces", "a call-again of this message is waiting in the "
                                              "outbox"),
        "unknown_message": translate("CliInterfaces", "there is no such interface message in "
                                                      "this cache; sync first"),
    }.get(code, fallback)


def _span(seconds: float) -> str:
    minutes = int(abs(seconds)) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days}d{hours:02d}h"
    return f"{hours}h{mins:02d}m" if hours else f"{mins}m"


def _item_json(item: wd.WatchItem, now: datetime) -> dict[str, Any]:
    m = item.message
    return {
        "messageId": m.id, "activity": m.activity, "status": m.status, "orderId": m.order_id,
        "orderLineId": m.order_line_id, "instanceId": m.instance_id, "productId": m.product_id,
        "productName": item.product_name, "callTime": m.call_time.isoformat(),
        "httpStatus": m.http_status, "resultCode": m.result_code, "error": m.error_message,
        "retryCount": m.retry_count, "retryUntil": item.retry_until.isoformat(),
        "retryUntilEstimated": item.estimated, "cliff": item.cliff.value,
        "stage": item.stage.value, "needsAction": item.needs_action,
        "secondsLeft": int(item.time_left(now).total_seconds()),
        "month": item.month, "monthFailures": item.month_failures, "queued": item.queued,
    }


@_with_session()
def run_list(args: argparse.Namespace, session: _Session) -> int:
    now = datetime.now(UTC)
    s = session.ctx.settings.load()
    policy = wd.Policy(s.interface_delisting_threshold, s.interface_alert_failures)
    items = wd.watch_list(session.engine, now)
    shown = items if args.all else [i for i in items if i.needs_action]
    months = wd.monthly_failures(session.engine, policy, wd.beijing_month(now))
    needing = sum(1 for i in items if i.needs_action)
    if args.json:
        print(json.dumps({
            "calls": [_item_json(i, now) for i in shown], "needingAction": needing,
            "month": wd.beijing_month(now), "delistingThreshold": policy.threshold,
            "delistingThresholdConfirmed": False, "alertAt": policy.alert_at,
            "products": [{"productId": p.product_id, "productName": p.product_name,
                          "failures": p.failures, "over": p.over, "near": p.near}
                         for p in months],
        }, ensure_ascii=False, indent=2))
    else:
        lang = language()
        activities, statuses = INTERFACE_ACTIVITY.words(lang), INTERFACE_STATUS.words(lang)
        for i in shown:
            m = i.message
            left = i.time_left(now).total_seconds()
            when = _span(left) if i.stage is wd.Stage.RETRYING else (
                translate("CliInterfaces", "ended {span} ago").format(span=_span(left))
                if i.stage is not wd.Stage.RESOLVED else "-")
            print(f"{m.id}  {activities.get(m.activity, m.activity)}  "
                  f"{statuses.get(m.status, m.status)}  {m.order_id or m.instance_id or ''}  "
                  f"{when}{'*' if i.estimated else ''}  {_stage_words(i.stage, i.cliff)}")
            print(f"    {i.product_name or m.product_id or ''}: {m.error_message}")
        if not shown:
            print(translate("CliInterfaces", "no failed call needs you"))
        print(translate("CliInterfaces", "{n} failed calls need you; failed orders in {month} "
                                         "(Beijing time), delisting above {threshold} "
                                         "(unconfirmed rule):").format(
            n=needing, month=wd.beijing_month(now), threshold=policy.threshold))
        for p in months:
            flag = translate("CliInterfaces", "OVER: delisting risk") if p.over else (
                translate("CliInterfaces", "near") if p.near else "")
            print(f"    {p.product_name or p.product_id}: {p.failures}  {flag}".rstrip())
    return 1 if args.fail_on_action and needing else 0


@_with_session(lambda args: not args.queue_only)
def run_call_again(args: argparse.Namespace, session: _Session) -> int:
    try:
        entry = wd.queue_call_again(session.outbox, args.message)
    except wd.WatchdogError as e:
        return fail(_reason(e.failure_code, str(e)), EXIT_NOT_QUEUED)
    except OutboxError as e:
        return fail_with(e, EXIT_NOT_QUEUED)
    return queued_then_sent(args, session, entry)


def add_parser(subparsers: Any) -> None:
    top = subparsers.add_parser(
        "interfaces", help="failed calls to your production interface (生产接口消息)",
        description="KooGallery's failed calls to your production interface, by what happens "
                    "when its retries end; 重新启动 through the outbox.")
    cmds = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ls = cmds.add_parser("list", help="the failed calls that need you, soonest cliff first")
    _target_args(ls)
    ls.add_argument("--all", action="store_true", help="every call KooGallery still lists")
    ls.add_argument("--fail-on-action", action="store_true",
                    help="exit 1 when a call needs you (for a scheduled check)")
    ls.set_defaults(handler=run_list)
    again = cmds.add_parser("call-again", aliases=["retry"],
                            help="重新启动: ask KooGallery to call your interface again")
    again.add_argument("message", help="interface message id (see `interfaces list`)")
    _target_args(again)
    again.add_argument("--queue-only", action="store_true",
                       help="only queue it; send it later with `outbox send`")
    again.set_defaults(handler=run_call_again, now=True)
