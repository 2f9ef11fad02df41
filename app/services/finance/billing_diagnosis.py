""""Why was this order not billed?" (为什么订单没有在次月出账): the checks of domain §5.3 / §8.6.

For one order, the bill-run conditions are checked in the order the domain gives them:

1. 商业信息认证 (business information) complete: known only when the seller told the console
   (``business_info_verified`` in the settlement rules), so usually *unknown*;
2. paid, and for credit-line customers repaid (后付费客户还款状态 = 已还款);
3. 服务监管状态 不涉及 or 已完成 before the bill run (completed in month M -> billed on the 3rd of
   month M+1);
4. taken effect (renewals only after their effective date);
5. for the roles the rules name (客户服务商 by default), the ≥1000 元 accumulation of unbilled
   amounts of the same product type.

Each check ends *passed*, *failed*, *unknown* or *not applicable*, with a stable ``code`` (for the
view's translations), an English ``message``, and when it can change: ``deadline`` (what must
happen before this instant) and ``next_run`` (the run the order would then be billed in). The
:class:`Diagnosis` adds a verdict: billed already, will be billed in a run, overdue (all checks
pass and its run is past, yet no bill in the cache holds it), blocked, or never (cancelled, nothing
to bill).

The repayment time is not synced; the order's last change time (``remote_updated_at``) bounds it,
so "overdue" is never claimed too early. Refunds (negative orders) may be deducted in the current
or the next month's settlement (§5.5), so they get one more run before they count as overdue.

:func:`diagnose_facts` is pure (the reconciliation runs it over many orders); :func:`diagnose`
reads one order's facts from the cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select

from app import models as m
from app.models.db import connected
from app.services.finance.settlement import ZERO
from app.services.finance.settlement_rules import SettlementRules, next_period

UNPAID = "待付款"
CANCELLED = "已取消"
REPAID = "已还款"
NOT_REPAID = "未还款"
SUPERVISION_NONE = "不涉及"
SUPERVISION_DONE = "已完成"
ORDER_DONE = "已完成"


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class Check(StrEnum):
    """The bill-run conditions, in the order they are checked."""

    BUSINESS_INFO = "business_info"  # 商业信息认证
    PAYMENT = "payment"  # 支付 / 后付费客户还款
    SUPERVISION = "supervision"  # 服务监管状态
    EFFECTIVE = "effective"  # 生效时间
    ACCUMULATION = "accumulation"  # 同类商品累计 ≥ 1000 元


class Verdict(StrEnum):
    BILLED = "billed"
    WILL_BE_BILLED = "will_be_billed"
    OVERDUE = "overdue"
    BLOCKED = "blocked"
    NEVER = "never"


@dataclass(frozen=True)
class CheckResult:
    """One condition. ``params`` holds the values the message names (as text) for translations."""

    check: Check
    outcome: Outcome
    code: str
    message: str
    deadline: datetime | None = None
    next_run: datetime | None = None
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OrderFacts:
    """What the diagnosis needs to know about an order (read by :func:`order_facts`)."""

    order_id: str
    order_status: str
    order_type: str
    product_class: str
    currency_code: str
    total_amount: Decimal
    create_time: datetime
    pay_time: datetime | None
    effective_time: datetime | None
    remote_updated_at: datetime
    supervision_status: str
    repayment_status: str | None
    partner_id: str | None = None
    open_tasks: int = 0
    frozen_tasks: int = 0
    supervision_done_time: datetime | None = None
    billed_in: tuple[tuple[str, str], ...] = ()  # (bill id, period)
    #: Unbilled amount of the same product type (客户服务商 accumulation), None when not read.
    accumulated: Decimal | None = None


@dataclass(frozen=True)
class Diagnosis:
    order_id: str
    as_of: datetime
    verdict: Verdict
    code: str
    message: str
    checks: tuple[CheckResult, ...]
    #: The run the order is (or was) expected in, and the period that run bills.
    expected_run: datetime | None = None
    expected_period: str | None = None
    bill_ids: tuple[str, ...] = ()
    params: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if c.outcome is Outcome.FAILED)


def _day(rules: SettlementRules, instant: datetime) -> str:
    return rules.local_date(instant).isoformat()


def _business_info(rules: SettlementRules) -> CheckResult:
    known = rules.business_info_verified
    if known is True:
        return CheckResult(Check.BUSINESS_INFO, Outcome.PASSED, "business_info_verified",
                           "商业信息认证 is complete.")
    if known is False:
        return CheckResult(Check.BUSINESS_INFO, Outcome.FAILED, "business_info_incomplete",
                           "商业信息认证 is not complete: no bill is issued until it is "
                           "(bank account and tax rate come from it).")
    return CheckResult(Check.BUSINESS_INFO, Outcome.UNKNOWN, "business_info_unknown",
                       "Whether 商业信息认证 is complete is not known to the console; check it "
                       "in the seller console (商家信息).")


def _this_cycle(rules: SettlementRules, now: datetime) -> tuple[datetime, datetime, dict[str, str]]:
    """(deadline, run, params) for something that must happen within the current period to be
    billed in the next run; ``params["deadline"]`` is the period's last Beijing day."""
    period = rules.period_of(now)
    run = rules.bill_run_for(period)
    deadline = rules.period_end(period)
    last_day = rules.local_date(deadline) - timedelta(days=1)
    return deadline, run, {"run": _day(rules, run), "period": period,
                           "deadline": last_day.isoformat()}


def _payment(f: OrderFacts, rules: SettlementRules, now: datetime) -> CheckResult:
    if f.order_status == CANCELLED:
        return CheckResult(Check.PAYMENT, Outcome.FAILED, "cancelled",
                           "The order was cancelled before payment: it is never billed.")
    if f.pay_time is None or f.order_status == UNPAID:
        deadline, run, p = _this_cycle(rules, now)
        return CheckResult(Check.PAYMENT, Outcome.FAILED, "unpaid",
                           f"The order is not paid. Paid (and effective) before {p['deadline']} "
                           f"end of day, it is billed in the run of {p['run']}.",
                           deadline, run, p)
    if f.repayment_status == NOT_REPAID:
        deadline, run, p = _this_cycle(rules, now)
        return CheckResult(Check.PAYMENT, Outcome.FAILED, "not_repaid",
                           "The customer paid on credit and has not repaid (后付费客户还款状态 "
                           f"未还款). Repaid before the end of {p['period']}, it is billed in the "
                           f"run of {p['run']}.", deadline, run, p)
    if f.repayment_status == REPAID:
        return CheckResult(Check.PAYMENT, Outcome.PASSED, "repaid",
                           "Paid on credit and repaid (已还款).")
    return CheckResult(Check.PAYMENT, Outcome.PASSED, "paid", "The order is paid.",
                       params={"paid": _day(rules, f.pay_time)})


def _supervision(f: OrderFacts, rules: SettlementRules, now: datetime) -> CheckResult:
    status = f.supervision_status
    if status == SUPERVISION_NONE:
        return CheckResult(Check.SUPERVISION, Outcome.PASSED, "no_supervision",
                           "The order involves no service supervision (不涉及).")
    if status == SUPERVISION_DONE:
        done = f.supervision_done_time or f.effective_time
        params = {"completed": _day(rules, done)} if done else {}
        return CheckResult(Check.SUPERVISION, Outcome.PASSED, "supervision_completed",
                           "Service supervision is completed (已完成).", params=params)
    if f.open_tasks == 0 and status not in ("处理中", ""):
        return CheckResult(Check.SUPERVISION, Outcome.UNKNOWN, "supervision_status_unknown",
                           f"The supervision status {status!r} is not one the console knows.",
                           params={"status": status})
    deadline, run, p = _this_cycle(rules, now)
    if f.frozen_tasks:
        return CheckResult(Check.SUPERVISION, Outcome.FAILED, "supervision_frozen",
                           "Service supervision is frozen by an open appeal (申诉). If the "
                           f"appeal closes and supervision completes before the end of "
                           f"{p['period']}, the order is billed in the run of {p['run']}.",
                           deadline, run, p)
    return CheckResult(Check.SUPERVISION, Outcome.FAILED, "supervision_open",
                       "Service supervision is still open (处理中): an order is billed the month "
                       "after supervision completes. If it completes by "
                       f"{p['deadline']} (Beijing), it is billed in the run of {p['run']}.",
                       deadline, run, p)


def _effective(f: OrderFacts, rules: SettlementRules, now: datetime,
               supervision: CheckResult) -> CheckResult:
    if f.effective_time is None:
        if supervision.outcome is Outcome.FAILED:
            return CheckResult(Check.EFFECTIVE, Outcome.FAILED, "effective_after_supervision",
                               "The order takes effect when supervision completes.",
                               supervision.deadline, supervision.next_run, supervision.params)
        deadline, run, p = _this_cycle(rules, now)
        return CheckResult(Check.EFFECTIVE, Outcome.FAILED, "not_effective",
                           "The order has not taken effect (no effective time yet). Effective "
                           f"before the end of {p['period']}, it is billed in the run of "
                           f"{p['run']}.", deadline, run, p)
    when = f.effective_time
    if when > now:
        run = rules.bill_run_for(rules.period_of(when))
        p = {"effective": _day(rules, when), "run": _day(rules, run)}
        return CheckResult(Check.EFFECTIVE, Outcome.FAILED, "effective_later",
                           f"The order takes effect on {p['effective']} (a renewal bills from its "
                           f"effective date): it is billed in the run of {p['run']}.",
                           when, run, p)
    return CheckResult(Check.EFFECTIVE, Outcome.PASSED, "effective",
                       "The order has taken effect.", params={"effective": _day(rules, when)})


def _accumulation(f: OrderFacts, rules: SettlementRules, role: str) -> CheckResult:
    rule = rules.min_accumulation
    if role not in rule.roles:
        return CheckResult(Check.ACCUMULATION, Outcome.NOT_APPLICABLE, "accumulation_not_applicable",
                           f"The {rule.amount} accumulation rule does not apply to the role "
                           f"{role!r}.", params={"minimum": str(rule.amount), "role": role})
    if f.accumulated is None:
        return CheckResult(Check.ACCUMULATION, Outcome.UNKNOWN, "accumulation_unknown",
                           "The accumulated unbilled amount of this product type is not known.",
                           params={"minimum": str(rule.amount)})
    p = {"minimum": str(rule.amount), "accumulated": str(f.accumulated),
         "product_class": f.product_class}
    if f.accumulated >= rule.amount:
        return CheckResult(Check.ACCUMULATION, Outcome.PASSED, "accumulation_reached",
                           f"Unbilled {f.product_class} amounts add up to {f.accumulated}, at "
                           f"least {rule.amount}.", params=p)
    return CheckResult(Check.ACCUMULATION, Outcome.FAILED, "accumulation_below_minimum",
                       f"Unbilled {f.product_class} amounts add up to {f.accumulated}, below "
                       f"{rule.amount}: the bill is issued once they reach it.", params=p)


def billable_since(f: OrderFacts) -> datetime | None:
    """When the order became billable as far as the cache can tell (see the module docstring)."""
    if f.effective_time is None or f.pay_time is None:
        return None
    since = f.effective_time
    if f.supervision_done_time is not None:
        since = max(since, f.supervision_done_time)
    if f.repayment_status == REPAID:
        since = max(since, f.remote_updated_at)
    return since


def diagnose_facts(f: OrderFacts, rules: SettlementRules, now: datetime,
                   role: str = "seller") -> Diagnosis:
    """The diagnosis of one order's facts as of ``now`` (pure)."""
    payment = _payment(f, rules, now)
    supervision = _supervision(f, rules, now)
    checks = (_business_info(rules), payment, supervision,
              _effective(f, rules, now, supervision), _accumulation(f, rules, role))

    def result(verdict: Verdict, code: str, message: str, **extra: Any) -> Diagnosis:
        return Diagnosis(order_id=f.order_id, as_of=now, verdict=verdict, code=code,
                         message=message, checks=checks, **extra)

    if f.billed_in:
        ids = tuple(sorted({b for b, _p in f.billed_in}))
        periods = sorted({p for _b, p in f.billed_in})
        return result(Verdict.BILLED, code="billed",
                         message=f"Billed in {', '.join(ids)} (period {', '.join(periods)}).",
                         bill_ids=ids, expected_period=periods[0],
                         params={"bills": ", ".join(ids), "periods": ", ".join(periods)})
    if f.order_status == CANCELLED:
        return result(Verdict.NEVER, code="cancelled",
                         message=payment.message)
    if f.total_amount == ZERO:
        return result(Verdict.NEVER, code="zero_amount",
                         message="The order amount is 0 (a trial, for example): nothing to bill.")
    failed = [c for c in checks if c.outcome is Outcome.FAILED]
    if failed:
        first = failed[0]
        runs = [c.next_run for c in failed if c.next_run is not None]
        run = max(runs) if runs else None
        return result(Verdict.BLOCKED, code=first.code,
                         message=first.message, expected_run=run, params=dict(first.params))
    since = billable_since(f)
    if since is None:  # paid and effective are checked above; kept for the type checker
        return result(Verdict.BLOCKED, code="not_effective",
                         message="The order has not taken effect.")
    period = rules.period_of(since)
    if f.total_amount < 0:  # refunds: the current or the next month's settlement (§5.5)
        period = next_period(period)
    run = rules.bill_run_for(period)
    unknown = [c.check.value for c in checks if c.outcome is Outcome.UNKNOWN]
    params = {"run": _day(rules, run), "period": period, "unknown": ", ".join(unknown)}
    caveat = f" (if the unknown checks hold: {params['unknown']})" if unknown else ""
    if run > now:
        return result(Verdict.WILL_BE_BILLED,
                         code="will_be_billed", expected_run=run, expected_period=period,
                         message=f"Expected in the run of {params['run']} for period "
                                 f"{period}{caveat}.", params=params)
    return result(Verdict.OVERDUE, code="overdue",
                     expected_run=run, expected_period=period, params=params,
                     message=f"Expected in the run of {params['run']} for period {period}, but "
                             f"no bill in the cache holds it{caveat}: sync the bills, then ask "
                             "Huawei with a service ticket.")


# -- the cache ------------------------------------------------------------------------------------


class OrderNotFound(LookupError):
    """The order is not in the cache."""


def order_facts(conn: Connection | Engine, order_id: str, rules: SettlementRules,
                role: str = "seller") -> OrderFacts:
    """Read what :func:`diagnose_facts` needs about one order. Raises :class:`OrderNotFound`."""
    o, t = m.Order.__table__, m.SupervisionTask.__table__
    bl, b = m.BillLine.__table__, m.Bill.__table__
    with connected(conn) as c:
        row = c.execute(select(o).where(o.c.id == order_id)).one_or_none()
        if row is None:
            raise OrderNotFound(order_id)
        open_tasks = frozen = 0
        done: datetime | None = None
        for task in c.execute(select(t.c.status, t.c.frozen, t.c.node_entered_time)
                              .where(t.c.order_id == order_id)):
            if task.status == SUPERVISION_DONE:
                done = max(done, task.node_entered_time) if done else task.node_entered_time
            else:
                open_tasks += 1
                frozen += int(bool(task.frozen))
        billed = tuple((str(r[0]), str(r[1])) for r in c.execute(
            select(b.c.id, b.c.period).join(bl, bl.c.bill_id == b.c.id)
            .where(bl.c.order_id == order_id).distinct()))
        accumulated = None
        if role in rules.min_accumulation.roles:
            accumulated = unbilled_amount(c, row.product_class, row.partner_id)
    return facts_from_row(row, open_tasks, frozen, done, billed, accumulated)


def facts_from_row(row: Any, open_tasks: int, frozen: int, done: datetime | None,
                   billed: tuple[tuple[str, str], ...] = (),
                   accumulated: Decimal | None = None) -> OrderFacts:
    """:class:`OrderFacts` from an ``orders`` row and what was read about its tasks and bills."""
    return OrderFacts(
        order_id=row.id, order_status=row.order_status, order_type=row.order_type,
        product_class=row.product_class, currency_code=row.currency_code,
        total_amount=row.total_amount, create_time=row.create_time, pay_time=row.pay_time,
        effective_time=row.effective_time, remote_updated_at=row.remote_updated_at,
        supervision_status=row.supervision_status, repayment_status=row.repayment_status,
        partner_id=row.partner_id, open_tasks=open_tasks, frozen_tasks=frozen,
        supervision_done_time=done if open_tasks == 0 else None, billed_in=billed,
        accumulated=accumulated,
    )


def unbilled_amount(conn: Connection, product_class: str, partner_id: str | None) -> Decimal:
    """The completed, not yet billed amount of one product type of one partner (of the orders
    without a partner when ``partner_id`` is None): what the ≥1000 元 accumulation rule adds up."""
    o, bl = m.Order.__table__, m.BillLine.__table__
    billed = select(bl.c.order_id).where(bl.c.order_id == o.c.id).exists()
    conds = [o.c.product_class == product_class, o.c.order_status == ORDER_DONE, ~billed]
    conds.append(o.c.partner_id == partner_id if partner_id is not None
                 else o.c.partner_id.is_(None))
    total = conn.execute(select(func.coalesce(func.sum(o.c.total_amount), ZERO))
                         .where(and_(*conds))).scalar_one()
    return Decimal(total).quantize(ZERO)


def diagnose(conn: Connection | Engine, order_id: str, rules: SettlementRules, *,
             now: datetime, role: str = "seller") -> Diagnosis:
    """Why order ``order_id`` was (not) billed, as of ``now`` (aware). ``role`` is the
    profile's role (seller or partner). Raises :class:`OrderNotFound`."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return diagnose_facts(order_facts(conn, order_id, rules, role), rules, now, role)


__all__ = [
    "Check", "CheckResult", "Diagnosis", "OrderFacts", "OrderNotFound", "Outcome", "Verdict",
    "billable_since", "diagnose", "diagnose_facts", "facts_from_row", "order_facts",
    "unbilled_amount",
]
