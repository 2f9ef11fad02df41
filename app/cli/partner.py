"""``seller-console offer …`` and ``seller-console demand …``: the partner's (客户服务商) actions.

``offer list`` shows the exclusive offers (专属优惠) in the cache; ``offer check`` states the three
conditions of a 100 % partner discount for a customer and products (what the console checks, and
what the user must confirm); ``offer apply`` and ``offer revoke`` queue the action in the outbox
and send what is due, like ``supervision``. ``demand create`` (新增客户需求), ``demand edit`` (the
customer's basics) and ``demand offer`` (更多 > 创建专属优惠 on a demand in conversion) likewise.
The checks are the window's (``app.services.offers``, ``app.services.demands``); refusals are one
line and exit 2, the marketplace's refusal exit 8 (docs/cli.md).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from app.cli.failures import EXIT_NOT_QUEUED, EXIT_USAGE, fail, fail_with
from app.cli.outbox import _Session, _target_args, _with_session, queued_then_sent
from app.cli.words import translate
from app.services.demands import actions as dm
from app.services.demands import partner as pd
from app.services.finance.partner_query import offers as list_offers
from app.services.offers import actions as oa
from app.services.offers import rules
from app.services.offers.catalog import product_name
from app.services.outbox.queue import OutboxError


def _reason(error: Exception) -> str:
    """A refusal of the offer and demand services in the language spoken (the window's words)."""
    code = getattr(error, "failure_code", "")
    params = getattr(error, "params", {}) or {}
    words = {
        "no_name": translate("CliOffers", "the offer needs a name (优惠名称), shown to the "
                                          "customer"),
        "no_account": translate("CliOffers", "the offer needs the customer's account (用户账号)"),
        "starts_past": translate("CliOffers", "the effective time must be later than now"),
        "ends_first": translate("CliOffers", "the offer must end after it starts"),
        "no_products": translate("CliOffers", "the offer needs at least one product with its "
                                              "discount"),
        "bad_discount": translate("CliOffers", "{product}: the discount must be more than 0 and "
                                               "at most 1 (1 = list price)"),
        "no_reason": translate("CliOffers", "a special business request (转人工处理) needs a "
                                            "reason: --special-reason"),
        "offer_exists": translate("CliOffers", "a 100% partner discount is not possible: the "
                                               "customer has exclusive offer {offer} for this "
                                               "product, effective now or within 24 hours"),
        "confirm_bound": translate("CliOffers", "a 100% partner discount needs the customer "
                                                "bound to you: confirm it with --confirm-bound "
                                                "(the console cannot see your bindings)"),
        "confirm_picks_partner": translate(
            "CliOffers", "a 100% partner discount needs the customer to pick you on the order "
                         "page: confirm it with --confirm-picks-partner"),
        "not_under_approval": translate("CliOffers", "only an offer under approval (审批中) can "
                                                     "be revoked; this one is {status}"),
        "waiting": translate("CliOffers", "an earlier action on this record is waiting in the "
                                          "outbox; wait until it is sent"),
        "unknown_offer": translate("CliOffers", "there is no exclusive offer {offer} in this "
                                                "cache; sync first"),
        "no_customer": translate("CliOffers", "the customer's name (客户名称) is required"),
        "no_product": translate("CliOffers", "name the seller's joint-operation (联营) product "
                                             "with --product"),
        "not_partner": translate("CliOffers", "only a demand a partner (客户服务商) submitted can "
                                              "be edited"),
        "not_open": translate("CliOffers", "the demand is {status}; only a demand waiting for "
                                           "acceptance or in conversion can be edited"),
        "offer_locks": translate("CliOffers", "an exclusive offer (专属优惠) exists for this "
                                              "demand: its details are locked"),
        "not_converting": translate("CliOffers", "an exclusive offer is created for a demand in "
                                                 "conversion (需求转化中) only"),
    }.get(code)
    if words is None:
        return str(error)
    return words.format(**params)


def _time(value: str, flag: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(translate("CliOffers", "{flag}: not a date or time (ISO 8601, e.g. "
                                                "2026-12-10 or 2026-12-10T09:00)")
                         .format(flag=flag)) from None
    return moment if moment.tzinfo is not None else moment.astimezone()  # local, as typed


def _lines(args: argparse.Namespace, session: _Session) -> tuple[oa.OfferLine, ...]:
    lines = []
    for spec in args.product or []:
        pid, _, rest = spec.partition("=")
        discount, _, sku = rest.partition(":")
        try:
            value = Decimal(discount)
        except InvalidOperation:
            raise ValueError(translate("CliOffers", "--product {spec}: write PRODUCT_ID=DISCOUNT, "
                                                    "e.g. OFFI…=0.85 (1 = list price)")
                             .format(spec=spec)) from None
        pid = pid.strip()
        lines.append(oa.OfferLine(pid, product_name(session.engine, pid), value, sku.strip()))
    return tuple(lines)


def _request(args: argparse.Namespace, session: _Session, account: str) -> oa.OfferRequest:
    confirmed = {code for code, flag in (("bound", args.confirm_bound),
                                         ("picks_partner", args.confirm_picks_partner)) if flag}
    return oa.OfferRequest(
        args.name, account, _time(args.valid_from, "--from"), _time(args.valid_to, "--to"),
        _lines(args, session), special_request=args.special_reason is not None,
        special_reason=args.special_reason or "", confirmed=frozenset(confirmed))


def _queue_failure(e: Exception) -> int:
    if isinstance(e, ValueError):
        return fail(str(e), EXIT_USAGE)
    return fail(_reason(e), EXIT_NOT_QUEUED) if isinstance(e, oa.OfferError | dm.DemandError) \
        else fail_with(e, EXIT_NOT_QUEUED)


@_with_session(lambda args: not args.queue_only)
def run_offer_apply(args: argparse.Namespace, session: _Session) -> int:
    try:
        entry = oa.queue_apply(session.outbox, _request(args, session, args.customer))
    except (oa.OfferError, OutboxError, ValueError) as e:
        return _queue_failure(e)
    return queued_then_sent(args, session, entry)


@_with_session(lambda args: not args.queue_only)
def run_offer_revoke(args: argparse.Namespace, session: _Session) -> int:
    try:
        entry = oa.queue_revoke(session.outbox, args.offer)
    except (oa.OfferError, OutboxError) as e:
        return _queue_failure(e)
    return queued_then_sent(args, session, entry)


@_with_session()
def run_offer_list(args: argparse.Namespace, session: _Session) -> int:
    rows = list_offers(session.engine, args.status or "")
    if args.json:
        print(json.dumps({"offers": [{
            "offerId": o.id, "name": o.name, "status": o.status,
            "customerAccount": o.customer_account, "validFrom": o.valid_from.isoformat(),
            "validTo": o.valid_to.isoformat(), "demandId": o.demand_id,
            "products": o.products} for o in rows]}, ensure_ascii=False, indent=2))
        return 0
    for o in rows:
        print(f"{o.id:<18} {o.status:<4} {o.customer_account:<16} "
              f"{o.valid_from.astimezone():%Y-%m-%d}..{o.valid_to.astimezone():%Y-%m-%d}  "
              f"{o.name}")
    if not rows:
        print(translate("CliOffers", "no exclusive offers in this cache (a partner profile "
                                     "syncs them)"))
    return 0


@_with_session()
def run_offer_check(args: argparse.Namespace, session: _Session) -> int:
    """The three conditions of a 100 % partner discount, as the apply dialog shows them."""
    now = session.outbox.now()
    conditions = rules.full_discount_conditions(
        session.engine, args.customer, {p.partition("=")[0].strip() for p in args.product}, now)
    words = {
        "bound": translate("CliOffers", "1. the customer is bound to you (客户已与客户服务商建立"
                                        "绑定关系): the console cannot see your bindings; "
                                        "KooGallery checks it when you apply"),
        "no_offer": translate("CliOffers", "2. no exclusive offer of the customer for the "
                                           "product effective now or within 24 hours (checked "
                                           "in this cache as of the last sync)"),
        "picks_partner": translate("CliOffers", "3. the customer picks you on the order page "
                                                "(在下单界面选择与之绑定): nobody can check this "
                                                "before the order; agree it with the customer"),
    }
    states = {rules.Check.MET: translate("CliOffers", "met"),
              rules.Check.NOT_MET: translate("CliOffers", "NOT MET"),
              rules.Check.CONFIRM: translate("CliOffers", "you confirm")}
    if args.json:
        print(json.dumps({"conditions": [{"code": c.code, "check": c.check.value,
                                          "clash": c.clash or None} for c in conditions]},
                         ensure_ascii=False, indent=2))
    else:
        for c in conditions:
            clash = f" ({c.clash})" if c.clash else ""
            print(f"{states[c.check]:<12} {words[c.code]}{clash}")
    return 1 if any(c.check is rules.Check.NOT_MET for c in conditions) else 0


def _basics(args: argparse.Namespace) -> pd.CustomerBasics:
    return pd.CustomerBasics(args.customer_name or "", args.account or "", args.industry or "",
                             args.region or "", args.contact or "")


@_with_session(lambda args: not args.queue_only)
def run_demand_create(args: argparse.Namespace, session: _Session) -> int:
    try:
        sign = _time(args.sign_date, "--sign-date") if args.sign_date else None
        entry = pd.queue_create(session.outbox, pd.NewDemand(
            args.name, args.product, product_name(session.engine, args.product), _basics(args),
            args.type or "", args.space or "", args.delivery or "", args.appeal or "",
            args.description or "", sign, args.sales_contact or "", args.sales_phone or ""))
    except (dm.DemandError, OutboxError, ValueError) as e:
        return _queue_failure(e)
    return queued_then_sent(args, session, entry)


@_with_session(lambda args: not args.queue_only)
def run_demand_edit(args: argparse.Namespace, session: _Session) -> int:
    try:
        entry = pd.queue_edit_customer(session.outbox, args.demand, _basics(args))
    except (dm.DemandError, OutboxError) as e:
        return _queue_failure(e)
    return queued_then_sent(args, session, entry)


@_with_session(lambda args: not args.queue_only)
def run_demand_offer(args: argparse.Namespace, session: _Session) -> int:
    try:
        entry = oa.queue_demand_offer(session.outbox, args.demand, _request(args, session, ""))
    except (oa.OfferError, dm.DemandError, OutboxError, ValueError) as e:
        return _queue_failure(e)
    return queued_then_sent(args, session, entry)


# -- parsers --------------------------------------------------------------------------------------

def _action_args(p: argparse.ArgumentParser) -> None:
    _target_args(p)
    p.add_argument("--queue-only", action="store_true",
                   help="only queue the action; send it later with `outbox send`")


def _offer_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--name", required=True, help="优惠名称, shown to the customer "
                                                 "(e.g. 自拓优惠-XX商品-XX折扣)")
    p.add_argument("--from", dest="valid_from", required=True,
                   help="effective from (ISO 8601, local time if no zone); later than now")
    p.add_argument("--to", dest="valid_to", required=True, help="valid until (ISO 8601)")
    p.add_argument("--product", action="append", required=True, metavar="ID=DISCOUNT[:SKU]",
                   help="a product and its discount (0.85 = 85%% of list price; 1 = a 100%% "
                        "partner discount); repeat")
    p.add_argument("--special-reason", metavar="TEXT",
                   help="submit as a special business request (提交特殊商务申请 / 转人工处理) "
                        "beyond the authorised discount, with this reason")
    p.add_argument("--confirm-bound", action="store_true",
                   help="100%%: you confirm the customer is bound to you")
    p.add_argument("--confirm-picks-partner", action="store_true",
                   help="100%%: you confirm the customer will pick you on the order page")


def _customer_args(p: argparse.ArgumentParser, required: bool) -> None:
    p.add_argument("--customer-name", required=required, help="客户名称")
    p.add_argument("--account", help="the customer's Huawei Cloud account (用户账号)")
    p.add_argument("--industry", help="行业")
    p.add_argument("--region", help="区域")
    p.add_argument("--contact", help="the customer's contact person")


def add_parsers(subparsers: Any) -> None:
    offer = subparsers.add_parser("offer", help="exclusive offers (专属优惠) of a partner profile")
    cmds = offer.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ls = cmds.add_parser("list", help="the exclusive offers in the cache, newest first")
    _target_args(ls)
    ls.add_argument("--status", help="only this status (审批中, 已生效, 已撤销, 已驳回, 已过期)")
    ls.set_defaults(handler=run_offer_list)
    check = cmds.add_parser("check", help="the conditions of a 100%% partner discount")
    check.add_argument("--customer", required=True, help="the customer's account (用户账号)")
    check.add_argument("--product", action="append", required=True, metavar="ID",
                       help="product id (repeat)")
    _target_args(check)
    check.set_defaults(handler=run_offer_check)
    apply = cmds.add_parser("apply", help="申请专属优惠: queue an application, then send it")
    apply.add_argument("--customer", required=True, help="the customer's account (用户账号)")
    _offer_args(apply)
    _action_args(apply)
    apply.set_defaults(handler=run_offer_apply)
    revoke = cmds.add_parser("revoke", help="撤销: revoke an offer under approval (审批中)")
    revoke.add_argument("offer", help="offer id")
    _action_args(revoke)
    revoke.set_defaults(handler=run_offer_revoke)

    demand = subparsers.add_parser("demand", help="customer demands (客户需求): the partner's "
                                                  "new demand, its customer, its offer")
    dcmds = demand.add_subparsers(dest="command", required=True, metavar="COMMAND")
    create = dcmds.add_parser("create", help="新增客户需求: submit a demand to the seller")
    create.add_argument("--name", required=True, help="客户需求名称")
    create.add_argument("--product", required=True, help="the seller's 联营 product id")
    _customer_args(create, True)
    create.add_argument("--type", help="客户需求类型")
    create.add_argument("--space", help="客户需求空间")
    create.add_argument("--delivery", help="交付方式")
    create.add_argument("--appeal", help="主要诉求")
    create.add_argument("--description", help="客户需求描述")
    create.add_argument("--sign-date", help="预计签单日期 (ISO 8601)")
    create.add_argument("--sales-contact", help="your sales person")
    create.add_argument("--sales-phone", help="your sales person's phone")
    _action_args(create)
    create.set_defaults(handler=run_demand_create)
    edit = dcmds.add_parser("edit", help="edit the customer's basics of your demand")
    edit.add_argument("demand", help="demand id")
    _customer_args(edit, True)
    _action_args(edit)
    edit.set_defaults(handler=run_demand_edit)
    made = dcmds.add_parser("offer", help="更多 > 创建专属优惠: the offer of a demand in "
                                          "conversion (for its customer)")
    made.add_argument("demand", help="demand id")
    _offer_args(made)
    _action_args(made)
    made.set_defaults(handler=run_demand_offer)
