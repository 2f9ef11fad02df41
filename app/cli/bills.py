"""``seller-console bill check`` and ``seller-console partner-bill check``: the window's checks of
bills from the command line (issue 16 §2), in the window's words (:mod:`app.cli.check_words`).

``bill check [BILL …]`` checks the seller's bills as the Bills and Reconciliation areas do: each
line's settlement against the profile's settlement rules (business-rules §5.4: the voucher in
proportion to the seller's share, the 中资出海 formula with WHT/DST), the invoice a bill in 待开票
waits for, and Huawei's verification within 2 working days of signing for the invoice (§5.2).
Without ids: the open bills (not yet 已付款); with ids: those bills, whatever their status.

``partner-bill check [BILL …]`` checks a 客户服务商's bills as the Partner area's Check column does:
each line at 订单现金消费 × 分成比例, refunds as negative lines, and the bill's amount as the sum of
its lines (§7), with the date by which the partner invoices Huawei (1 month after the notice).

Both print one line per bill and, indented, one line per finding; ``--json`` prints the same as
JSON (codes and English, never translated). Exit 0; with ``--fail-on-difference``, 1 when a
finding is printed (for a scheduled check). An id that is not in the cache: exit 2, one line.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select

from app import models as m
from app.cli import check_words as cw
from app.cli.context import CliContext, add_cache_choice
from app.cli.failures import (
    EXIT_CONFIG,
    EXIT_FAILURE,
    EXIT_USAGE,
    fail,
    fail_with,
    open_cache_or_fail,
)
from app.cli.words import language, translate
from app.services.exchange.terms import BILL_CATEGORY, BILL_STATUS, FLAG_KIND
from app.services.finance import reconciliation as rc
from app.services.finance.partner_settlement import PartnerBillCheck, check_bill
from app.services.finance.settlement_rules import SettlementRules, load_rules, rules_for_profile
from app.services.supervision.deadlines import add_months

TO_INVOICE = "待开票"
PAID = "已付款"


def _rules(args: argparse.Namespace, ctx: CliContext) -> tuple[str, SettlementRules] | int:
    """The chosen cache's URL and its profile's settlement rules (the defaults for a cache that is
    not a profile's), or the exit code after saying why not."""
    try:
        choice = ctx.choose(args)
        rules = (rules_for_profile(ctx.paths, choice.name)
                 if choice.kind == "profile" and choice.name is not None else load_rules())
    except Exception as e:  # noqa: BLE001 - config errors carry a message for the user
        return fail_with(e, EXIT_CONFIG)
    return choice.db_url, rules


def _unknown(ids: list[str], known: set[str]) -> str | None:
    missing = [i for i in ids if i not in known]
    return ", ".join(missing) if missing else None


def _flag_json(flag: rc.Flag) -> dict[str, Any]:
    def text(v: Any) -> str | None:
        return None if v is None else str(v)
    return {"kind": flag.kind.value, "code": flag.code, "lineId": flag.bill_line_id,
            "orderId": flag.order_id, "noticeId": flag.notice_id, "amount": text(flag.amount),
            "expected": text(flag.expected_amount), "difference": text(flag.difference),
            "due": flag.due.isoformat() if flag.due else None, "params": dict(flag.params),
            "message": flag.message}


def _finding_lines(found: list[rc.Flag]) -> list[str]:
    kinds = FLAG_KIND.words(language())
    return [f"    {kinds.get(f.kind.value, f.kind.value)}: {cw.flag_words(f, translate)}"
            for f in found]


def _open(args: argparse.Namespace, ctx: CliContext) -> tuple[Engine, SettlementRules] | int:
    """The profile's settlement rules and its cache, or the exit code of the one line said."""
    chosen = _rules(args, ctx)
    if isinstance(chosen, int):
        return chosen
    url, rules = chosen
    engine = open_cache_or_fail(url)
    if isinstance(engine, int):
        return engine
    return engine, rules


def run_check(args: argparse.Namespace, ctx: CliContext) -> int:
    opened = _open(args, ctx)
    if isinstance(opened, int):
        return opened
    engine, rules = opened
    b = m.Bill.__table__
    try:
        with engine.connect() as conn:
            stmt = select(b.c.id, b.c.period, b.c.category, b.c.status, b.c.currency_code,
                          b.c.settlement_amount).order_by(b.c.period, b.c.id)
            bills = list(conn.execute(stmt))
        ids = list(dict.fromkeys(args.bills))
        missing = _unknown(ids, {str(r.id) for r in bills})
        if missing:
            return fail(translate("CliBills", "no bill {ids} in this cache; sync first, or see "
                                              "`seller-console export bills`").format(ids=missing),
                        EXIT_USAGE)
        shown = ([r for r in bills if r.id in ids] if ids
                 else [r for r in bills if r.status != PAID])
        found = rc.bill_check(engine, rules, now=datetime.now(UTC),
                              bill_ids=ids or [str(r.id) for r in shown])
    finally:
        engine.dispose()
    by_bill: dict[str, list[rc.Flag]] = {}
    for f in found:
        by_bill.setdefault(f.bill_id or "", []).append(f)
    if args.json:
        print(json.dumps([{"billId": r.id, "period": r.period, "category": r.category,
                           "status": r.status, "currencyCode": r.currency_code,
                           "settlementAmount": str(r.settlement_amount),
                           "findings": [_flag_json(f) for f in by_bill.get(r.id, [])]}
                          for r in shown], ensure_ascii=False, indent=2))
    else:
        lang = language()
        categories, statuses = BILL_CATEGORY.words(lang), BILL_STATUS.words(lang)
        for r in shown:
            mine = by_bill.get(r.id, [])
            verdict = (translate("CliBills", "{n} finding(s)").format(n=len(mine)) if mine
                       else translate("CliBills", "as the rules expect"))
            print(f"{r.id}  {r.period}  {categories.get(r.category, r.category)}  "
                  f"{statuses.get(r.status, r.status)}  {r.currency_code} "
                  f"{cw.amount(r.settlement_amount)}  {verdict}")
            for line in _finding_lines(mine):
                print(line)
        if not shown:
            print(translate("CliBills", "no open bill in the cache (every bill is paid, or none "
                                        "is synced yet)"))
    return EXIT_FAILURE if args.fail_on_difference and found else 0


def _invoice_by(row: Any, rules: SettlementRules) -> str:
    """The date (Beijing) by which the partner invoices Huawei: its rules' months (1, §7) after
    the notice; empty when the bill does not wait for an invoice or the notice time is unknown."""
    months = rules.invoicing_deadline.months_for("partner")
    if row.status != TO_INVOICE or row.notice_time is None or months is None:
        return ""
    return rules.local_date(add_months(row.notice_time, months)).isoformat()


def _partner_json(row: Any, check: PartnerBillCheck, by: str) -> dict[str, Any]:
    return {"billId": row.id, "kind": row.kind, "period": row.period, "status": row.status,
            "currencyCode": row.currency_code, "amount": str(check.billed_amount),
            "linesTotal": str(check.lines_total), "refunds": str(check.refunds),
            "invoiceBy": by or None,
            "findings": [_flag_json(f) for f in rc.partner_flags([check])]}


def run_partner_check(args: argparse.Namespace, ctx: CliContext) -> int:
    opened = _open(args, ctx)
    if isinstance(opened, int):
        return opened
    engine, rules = opened
    pb = m.PartnerBill.__table__
    try:
        with engine.connect() as conn:
            rows = list(conn.execute(select(
                pb.c.id, pb.c.kind, pb.c.period, pb.c.status, pb.c.currency_code, pb.c.amount,
                pb.c.lines, pb.c.notice_time).order_by(pb.c.period, pb.c.id)))
    finally:
        engine.dispose()
    ids = list(dict.fromkeys(args.bills))
    missing = _unknown(ids, {str(r.id) for r in rows})
    if missing:
        return fail(translate("CliBills", "no partner bill {ids} in this cache; sync first")
                    .format(ids=missing), EXIT_USAGE)
    shown = [r for r in rows if r.id in ids] if ids else rows
    checks = [(r, check_bill(r), _invoice_by(r, rules)) for r in shown]
    differing = any(c.differing_lines or c.total_difference for _r, c, _b in checks)
    if args.json:
        print(json.dumps([_partner_json(r, c, by) for r, c, by in checks], ensure_ascii=False,
                         indent=2))
    else:
        statuses = BILL_STATUS.words(language())
        for r, c, by in checks:
            deadline = (" " + translate("CliBills", "invoice Huawei by {date}").format(date=by)
                        if by else "")
            print(f"{r.id}  {r.period}  {r.kind}  {statuses.get(r.status, r.status)}  "
                  f"{r.currency_code} {cw.amount(c.billed_amount)}  "
                  f"{cw.partner_check_words(c, translate)}{deadline}")
            print(f"    {cw.partner_check_detail(c, translate)}")
            for line in _finding_lines(list(rc.partner_flags([c]))):
                print(line)
        if not checks:
            print(translate("CliBills", "no partner bill in the cache; sync first"))
    return EXIT_FAILURE if args.fail_on_difference and differing else 0


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("bills", nargs="*", metavar="BILL", help="bill ids (default: see above)")
    add_cache_choice(p)
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--fail-on-difference", action="store_true",
                   help="exit 1 when a finding is printed (for a scheduled check)")


def add_parsers(subparsers: Any) -> None:
    bill = subparsers.add_parser(
        "bill", help="check the seller's bills (结算) against the settlement rules",
        description="The Bills and Reconciliation areas' check of seller bills, in their words.")
    cmds = bill.add_subparsers(dest="bill_command", metavar="ACTION", required=True)
    check = cmds.add_parser(
        "check", help="each line's settlement by the rules (§5.4, WHT/DST included), the invoice "
                      "and its verification clock (§5.2); default: the open bills")
    _check_args(check)
    check.set_defaults(handler=run_check)
    partner = subparsers.add_parser(
        "partner-bill", help="check a 客户服务商's bills: 订单现金消费 × 分成比例 (§7)",
        description="The Partner area's check of partner bills, in its words.")
    pcmds = partner.add_subparsers(dest="partner_bill_command", metavar="ACTION", required=True)
    pcheck = pcmds.add_parser(
        "check", help="each line at 订单现金消费 × 分成比例 with refunds, the bill's amount as the "
                      "sum of its lines, and the invoicing deadline; default: every partner bill")
    _check_args(pcheck)
    pcheck.set_defaults(handler=run_partner_check)
