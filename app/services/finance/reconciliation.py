"""Reconciliation (对账): orders, supervision, bills, invoice notices and invoice drafts joined, and
what needs a person flagged.

Kinds of flag (:class:`FlagKind`), each with a stable ``code`` the view translates, the record ids,
the amounts involved and an English message:

* ``not_settling``: a paid, unbilled order that will not settle in the next bill run, and why (the
  first failed check of :mod:`app.services.finance.billing_diagnosis`: supervision open, not repaid, ...);
* ``missed_run``: an order whose checks all pass but whose run is past while no bill holds it;
* ``amount_mismatch``: an order's amount differs from the total of its bill lines (or the currency);
* ``settlement_mismatch``: a line of an open bill (not yet 已付款) settles at another amount than the
  settlement rules expect (:mod:`app.services.finance.settlement`);
* ``bill_without_draft``: a bill in 待开票 with no invoice draft for its notice (or no notice yet);
* ``invoice_not_verified``: Huawei signed for (签收) the invoice more than the rules' verification
  time (2 working days) ago and has not moved the bill on (§5.2). The clock runs from the date the
  invoice was signed for (the bill's ``invoice_signed_time``), not from the bill's last status change
  nor from the seller's submission. A bill in 发票待审核 whose signed-for date is not known was signed
  for on or before it entered that status (the status lags the signing), so the status change
  bounds the clock: once even that bound is past, it is flagged with the words "on or before";
* ``partner_settlement_mismatch``: a line of a 客户服务商 bill does not settle at
  订单现金消费 × 分成比例 (refunds are negative lines), or the bill's amount is not the sum of its
  lines (§7, :mod:`app.services.finance.partner_settlement`).

Everything is read with a few set-based queries (no query per order), so a large cache is flagged
in seconds; :func:`flags` yields flags kind by kind and checks ``cancel`` between kinds and every few
thousand orders. Amounts are ``Decimal``; ``due`` is the instant the flagged thing was due (UTC).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Engine, and_, case, func, null, select, true

from app import models as m
from app.models.db import connected
from app.services.finance import billing_diagnosis as bd
from app.services.finance.partner_settlement import PartnerBillCheck, partner_bill_checks
from app.services.finance.settlement import ZERO, bill_line_settlements
from app.services.finance.settlement_rules import SettlementRules

BILL_TO_INVOICE = "待开票"
BILL_INVOICE_REVIEW = "发票待审核"
BILL_PAID = "已付款"
#: Draft states after the seller sent the invoice (app.models.invoices).
SENT_STATES = ("submitted", "accepted")
_CHECK_EVERY = 2000


class FlagKind(StrEnum):
    NOT_SETTLING = "not_settling"
    MISSED_RUN = "missed_run"
    AMOUNT_MISMATCH = "amount_mismatch"
    SETTLEMENT_MISMATCH = "settlement_mismatch"
    BILL_WITHOUT_DRAFT = "bill_without_draft"
    INVOICE_NOT_VERIFIED = "invoice_not_verified"
    PARTNER_SETTLEMENT_MISMATCH = "partner_settlement_mismatch"


@dataclass(frozen=True)
class Flag:
    """One thing a person should look at. ``code`` is stable (translations key on it);
    ``params`` holds the values the message names, as text."""

    kind: FlagKind
    code: str
    message: str
    order_id: str | None = None
    bill_id: str | None = None
    bill_line_id: str | None = None
    notice_id: str | None = None
    draft_ids: tuple[str, ...] = ()
    currency_code: str | None = None
    amount: Decimal | None = None
    expected_amount: Decimal | None = None
    difference: Decimal | None = None
    due: datetime | None = None
    params: dict[str, str] = field(default_factory=dict)

    @property
    def record_ids(self) -> dict[str, str]:
        """The records this flag is about, by kind (order, bill, bill_line, notice, drafts)."""
        ids = {"order": self.order_id, "bill": self.bill_id, "bill_line": self.bill_line_id,
               "notice": self.notice_id, "drafts": ", ".join(self.draft_ids) or None}
        return {k: v for k, v in ids.items() if v}


@dataclass(frozen=True)
class FlagFilter:
    """Which flags to list: ``kinds`` (FlagKind values; empty: all) and a free ``text`` that every
    word of must appear in the message, code or record ids."""

    kinds: frozenset[str] = frozenset()
    text: str = ""

    def wants(self, kind: FlagKind) -> bool:
        return not self.kinds or kind.value in self.kinds

    def matches(self, flag: Flag) -> bool:
        if not self.text.strip():
            return True
        hay = " ".join([flag.code, flag.message, *flag.record_ids.values()]).lower()
        return all(word.lower() in hay for word in self.text.split())


class ReconciliationCancelled(Exception):
    """The caller set the cancel event."""


ProgressCallback = Callable[[str, int], None]
"""``progress(kind, flags_so_far)``: called as each kind starts and every few thousand orders."""


def _end_of_day(rules: SettlementRules, day: Any) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), rules.zone)


# -- orders ---------------------------------------------------------------------------------------


def _task_summary(conn: Connection) -> dict[str, tuple[int, int, datetime | None]]:
    """Per order id: (open tasks, frozen open tasks, last completion) over all tasks."""
    t = m.SupervisionTask.__table__
    done = t.c.status == bd.SUPERVISION_DONE
    stmt = select(
        t.c.order_id,
        func.sum(case((done, 0), else_=1)),
        func.sum(case((and_(~done, t.c.frozen == true()), 1), else_=0)),
        func.max(case((done, t.c.node_entered_time), else_=null())),
    ).group_by(t.c.order_id)
    return {str(oid): (int(open_ or 0), int(frozen or 0), last)
            for oid, open_, frozen, last in conn.execute(stmt)}


def _accumulations(conn: Connection) -> dict[tuple[str | None, str], Decimal]:
    """Completed, unbilled amount per (partner id, product class), for the ≥1000 元 rule."""
    o, bl = m.Order.__table__, m.BillLine.__table__
    billed = select(bl.c.order_id).where(bl.c.order_id == o.c.id).exists()
    stmt = (select(o.c.partner_id, o.c.product_class, func.sum(o.c.total_amount))
            .where(o.c.order_status == bd.ORDER_DONE, ~billed)
            .group_by(o.c.partner_id, o.c.product_class))
    return {(p, c): Decimal(total or 0) for p, c, total in conn.execute(stmt)}


def _order_flags(conn: Connection, rules: SettlementRules, now: datetime, role: str,
                 check: Callable[[], None]) -> Iterator[Flag]:
    o, bl = m.Order.__table__, m.BillLine.__table__
    billed = select(bl.c.order_id).where(bl.c.order_id == o.c.id).exists()
    stmt = (select(o).where(o.c.pay_time.is_not(None), o.c.order_status != bd.CANCELLED,
                            o.c.total_amount != ZERO, ~billed)
            .order_by(o.c.create_time, o.c.id))
    tasks = _task_summary(conn)
    acc = _accumulations(conn) if role in rules.min_accumulation.roles else None
    for n, r in enumerate(conn.execute(stmt)):
        if n % _CHECK_EVERY == 0:
            check()
        open_, frozen, done = tasks.get(r.id, (0, 0, None))
        facts = bd.facts_from_row(
            r, open_, frozen, done,
            accumulated=None if acc is None else acc.get((r.partner_id, r.product_class), ZERO))
        d = bd.diagnose_facts(facts, rules, now, role)
        if d.verdict is bd.Verdict.BLOCKED:
            yield Flag(FlagKind.NOT_SETTLING, d.code, d.message, order_id=r.id,
                       currency_code=r.currency_code, amount=r.total_amount,
                       due=d.expected_run, params=dict(d.params))
        elif d.verdict is bd.Verdict.OVERDUE:
            yield Flag(FlagKind.MISSED_RUN, d.code, d.message, order_id=r.id,
                       currency_code=r.currency_code, amount=r.total_amount,
                       due=d.expected_run, params=dict(d.params))


def _amount_flags(conn: Connection) -> Iterator[Flag]:
    o, bl, b = m.Order.__table__, m.BillLine.__table__, m.Bill.__table__
    per_order = (select(bl.c.order_id, func.sum(bl.c.transaction_amount).label("billed"),
                        func.min(b.c.currency_code).label("cur_min"),
                        func.max(b.c.currency_code).label("cur_max"),
                        func.min(bl.c.bill_id).label("bill_id"),
                        func.count().label("lines"))
                 .join(b, b.c.id == bl.c.bill_id).group_by(bl.c.order_id).subquery())
    stmt = (select(o.c.id, o.c.total_amount, o.c.currency_code, per_order)
            .join(per_order, per_order.c.order_id == o.c.id)
            .where((per_order.c.billed != o.c.total_amount)
                   | (per_order.c.cur_min != o.c.currency_code)
                   | (per_order.c.cur_max != o.c.currency_code))
            .order_by(o.c.id))
    for r in conn.execute(stmt):
        billed = Decimal(r.billed)
        if r.cur_min != r.currency_code or r.cur_max != r.currency_code:
            yield Flag(FlagKind.AMOUNT_MISMATCH, "currency_differs",
                       f"Order {r.id} is in {r.currency_code} but its bill lines are in "
                       f"{r.cur_min}.", order_id=r.id, bill_id=r.bill_id,
                       currency_code=r.currency_code, amount=r.total_amount,
                       params={"order_currency": r.currency_code, "bill_currency": r.cur_min})
            continue
        diff = billed - r.total_amount
        yield Flag(FlagKind.AMOUNT_MISMATCH, "order_vs_bill_lines",
                   f"Order {r.id} amounts to {r.total_amount} {r.currency_code}, its bill lines "
                   f"to {billed} (difference {diff}).", order_id=r.id, bill_id=r.bill_id,
                   currency_code=r.currency_code, amount=billed, expected_amount=r.total_amount,
                   difference=diff, params={"lines": str(r.lines)})


def _settlement_flags(conn: Connection, rules: SettlementRules,
                      bill_ids: Sequence[str] | None = None) -> Iterator[Flag]:
    """Lines that settle off the rules: of the open bills (not yet 已付款), or of ``bill_ids``
    whatever their status."""
    b = m.Bill.__table__
    if bill_ids is None:
        bills = [str(i) for i in conn.execute(
            select(b.c.id).where(b.c.status != BILL_PAID).order_by(b.c.id)).scalars()]
    else:
        bills = list(bill_ids)
    currency = {str(i): str(c) for i, c in conn.execute(select(b.c.id, b.c.currency_code))}
    for bill_id in bills:
        for line in bill_line_settlements(conn, rules, bill_id=bill_id):
            diff = line.difference
            if line.expected is None or diff is None or diff == 0:
                continue
            exp = line.expected
            taxes = exp.customer_wht + exp.customer_dst + exp.seller_wht + exp.seller_dst
            intl = (f", 中资出海: base {exp.base} after VAT and the customer's WHT/DST, seller "
                    f"WHT/DST {exp.seller_wht + exp.seller_dst}" if exp.international else "")
            yield Flag(FlagKind.SETTLEMENT_MISMATCH,
                       "international_settlement_differs" if exp.international
                       else "settlement_differs",
                       f"Bill line {line.line_id} of order {line.order_id} settles at "
                       f"{line.billed_settlement}; the rules expect {exp.settlement} "
                       f"(rate {exp.effective_rate}, voucher deduction {exp.voucher_deduction}"
                       f"{intl}){' from unconfirmed rules' if exp.unconfirmed else ''}.",
                       order_id=line.order_id, bill_id=bill_id, bill_line_id=line.line_id,
                       currency_code=currency.get(bill_id), amount=line.billed_settlement,
                       expected_amount=exp.settlement, difference=diff,
                       params={"rate": str(exp.effective_rate), "source": exp.rate_source.value,
                               "unconfirmed": str(exp.unconfirmed).lower(),
                               "base": f"{exp.base:,.2f}", "taxes": f"{taxes:,.2f}",
                               "vat": f"{exp.vat:,.2f}"})


# -- bills and invoices ---------------------------------------------------------------------------


def _drafts(conn: Connection) -> dict[str, list[tuple[str, str, datetime | None]]]:
    """Invoice drafts per notice id: (draft id, state, submitted at). Empty when the console has
    no invoice drafts table (an older console without invoices)."""
    try:
        from app.models.invoices import InvoiceDraft
    except ImportError:
        return {}
    d = InvoiceDraft.__table__
    out: dict[str, list[tuple[str, str, datetime | None]]] = {}
    for r in conn.execute(select(d.c.id, d.c.notice_id, d.c.state, d.c.submitted_at)):
        out.setdefault(str(r.notice_id), []).append((str(r.id), str(r.state), r.submitted_at))
    return out


def _invoice_flags(conn: Connection, rules: SettlementRules, now: datetime) -> Iterator[Flag]:
    b, n = m.Bill.__table__, m.InvoiceNotice.__table__
    drafts = _drafts(conn)
    notices: dict[str, list[str]] = {}
    for nid, bill_id in conn.execute(select(n.c.id, n.c.bill_id)):
        notices.setdefault(str(bill_id), []).append(str(nid))
    days = rules.invoice_verification_working_days
    stmt = (select(b.c.id, b.c.status, b.c.currency_code, b.c.settlement_amount,
                   b.c.remote_updated_at, b.c.invoice_signed_time)
            .where(b.c.status.in_((BILL_TO_INVOICE, BILL_INVOICE_REVIEW))).order_by(b.c.id))
    for bill in conn.execute(stmt):
        bill_notices = notices.get(bill.id, [])
        mine = [(nid, *d) for nid in bill_notices for d in drafts.get(nid, [])]
        sent = [(nid, did, at) for nid, did, state, at in mine if state in SENT_STATES]
        signed = bill.invoice_signed_time
        if bill.status == BILL_TO_INVOICE and not mine and signed is None:
            if not bill_notices:
                yield Flag(FlagKind.BILL_WITHOUT_DRAFT, "no_notice",
                           f"Bill {bill.id} waits for the seller's invoice (待开票) but its "
                           "invoice notice (开票通知) is not in the cache: sync invoice notices.",
                           bill_id=bill.id, currency_code=bill.currency_code,
                           amount=bill.settlement_amount)
            else:
                yield Flag(FlagKind.BILL_WITHOUT_DRAFT, "no_draft",
                           f"Bill {bill.id} waits for the seller's invoice (待开票) and no invoice "
                           f"draft was made for notice {bill_notices[0]}.",
                           notice_id=bill_notices[0], bill_id=bill.id,
                           currency_code=bill.currency_code, amount=bill.settlement_amount)
            continue
        if signed is not None:  # §5.2: verified within 2 working days after it is signed for
            since = signed
            code = ("invoice_review_overdue" if bill.status == BILL_INVOICE_REVIEW
                    else "submitted_invoice_not_registered")
        elif bill.status == BILL_INVOICE_REVIEW:  # signed for on or before it entered 发票待审核
            since = bill.remote_updated_at
            code = "invoice_review_overdue_signed_unknown"
        else:  # submitted, not known to be signed for yet: no verification clock runs
            continue
        due = _end_of_day(rules, rules.calendar.add_working_days(rules.local_date(since), days))
        if now < due:
            continue
        day = rules.local_date(since).isoformat()
        if code == "invoice_review_overdue":
            what = f"is still in 发票待审核 although Huawei signed for its invoice on {day}"
        elif code == "submitted_invoice_not_registered":
            what = f"is still in 待开票 although Huawei signed for its invoice on {day}"
        else:
            what = (f"is still in 发票待审核 since {day}; Huawei signed for its invoice on or "
                    "before that day (the signed-for date is not known)")
        yield Flag(FlagKind.INVOICE_NOT_VERIFIED, code,
                   f"Bill {bill.id} {what}: Huawei verifies invoices within {days} working days "
                   "of signing for them. Ask Huawei's invoice mailbox with the invoice no., "
                   "courier no. and 申付单号.",
                   notice_id=sent[0][0] if sent else (bill_notices[0] if bill_notices else None),
                   draft_ids=tuple(d for _n, d, _a in sent), due=due,
                   params={"since": day, "days": str(days)},
                   bill_id=bill.id, currency_code=bill.currency_code,
                   amount=bill.settlement_amount)


def _partner_flags(conn: Connection) -> Iterator[Flag]:
    return partner_flags(partner_bill_checks(conn, open_only=True, paid_status=BILL_PAID))


def partner_flags(checks: Iterable[PartnerBillCheck]) -> Iterator[Flag]:
    """The flags of checked partner bills: each line off 订单现金消费 × 分成比例, and a bill amount
    that is not the sum of its lines (§7)."""
    for check in checks:
        for ln in check.differing_lines:
            yield Flag(FlagKind.PARTNER_SETTLEMENT_MISMATCH, "partner_line_differs",
                       f"Line {ln.index} (order {ln.order_id}) of partner bill {check.bill_id} "
                       f"settles at {ln.billed}; 订单现金消费 {ln.cash_amount} × 分成比例 "
                       f"{ln.share_ratio} is {ln.expected}.",
                       order_id=ln.order_id or None, bill_id=check.bill_id,
                       bill_line_id=f"{check.bill_id}#{ln.index}",
                       currency_code=check.currency_code, amount=ln.billed,
                       expected_amount=ln.expected, difference=ln.difference,
                       params={"line": str(ln.index), "cash": str(ln.cash_amount),
                               "ratio": str(ln.share_ratio)})
        if check.total_difference != 0:
            yield Flag(FlagKind.PARTNER_SETTLEMENT_MISMATCH, "partner_bill_total_differs",
                       f"Partner bill {check.bill_id} amounts to {check.billed_amount}; its lines "
                       f"(refunds {check.refunds} included) add up to {check.lines_total}.",
                       bill_id=check.bill_id, currency_code=check.currency_code,
                       amount=check.billed_amount, expected_amount=check.lines_total,
                       difference=check.total_difference,
                       params={"refunds": str(check.refunds)})


# -- entry points ---------------------------------------------------------------------------------


def flags(engine: Connection | Engine, rules: SettlementRules, *, now: datetime,
          role: str = "seller", flt: FlagFilter | None = None,
          progress: ProgressCallback | None = None,
          cancel: threading.Event | None = None) -> Iterator[Flag]:
    """Every flag as of ``now`` (aware), kind by kind. ``role`` is the profile's (the ≥1000 元
    rule depends on it). Raises :class:`ReconciliationCancelled` when ``cancel`` is set."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    f = flt or FlagFilter()
    count = 0

    def check() -> None:
        if cancel is not None and cancel.is_set():
            raise ReconciliationCancelled()

    def report(kind: FlagKind) -> None:
        check()
        if progress is not None:
            progress(kind.value, count)

    with connected(engine) as conn:
        steps: list[tuple[tuple[FlagKind, ...], Callable[[], Iterator[Flag]]]] = [
            ((FlagKind.NOT_SETTLING, FlagKind.MISSED_RUN),
             lambda: _order_flags(conn, rules, now, role, check)),
            ((FlagKind.AMOUNT_MISMATCH,), lambda: _amount_flags(conn)),
            ((FlagKind.SETTLEMENT_MISMATCH,), lambda: _settlement_flags(conn, rules)),
            ((FlagKind.BILL_WITHOUT_DRAFT, FlagKind.INVOICE_NOT_VERIFIED),
             lambda: _invoice_flags(conn, rules, now)),
            ((FlagKind.PARTNER_SETTLEMENT_MISMATCH,), lambda: _partner_flags(conn)),
        ]
        for kinds, make in steps:
            if not any(f.wants(k) for k in kinds):
                continue
            report(kinds[0])
            for flag in make():
                if f.wants(flag.kind) and f.matches(flag):
                    count += 1
                    yield flag
        if progress is not None:
            progress("done", count)


def bill_check(engine: Connection | Engine, rules: SettlementRules, *, now: datetime,
               bill_ids: Sequence[str] | None = None) -> list[Flag]:
    """The check of seller bills that the Bills and Reconciliation areas show, for the command
    line's ``bill check``: each line's settlement against the rules (§5.4, 中资出海 included), the
    invoice the bill waits for, and Huawei's verification from the signed-for date (§5.2). Of the
    open bills, or of ``bill_ids`` whatever their status; by bill."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    wanted = None if bill_ids is None else set(bill_ids)
    with connected(engine) as conn:
        found = list(_settlement_flags(conn, rules, bill_ids))
        found += [f for f in _invoice_flags(conn, rules, now)
                  if wanted is None or f.bill_id in wanted]
    order = {k: i for i, k in enumerate(FlagKind)}
    return sorted(found, key=lambda f: (f.bill_id or "", order[f.kind]))


def summary(found: Iterator[Flag] | list[Flag]) -> dict[FlagKind, int]:
    """How many flags of each kind (every kind present, zero included)."""
    out = dict.fromkeys(FlagKind, 0)
    for flag in found:
        out[flag.kind] += 1
    return out


def flag_rows(engine: Connection | Engine, rules: SettlementRules, *, now: datetime,
              role: str = "seller", flt: FlagFilter | None = None) -> Iterator[dict[str, Any]]:
    """Flags as plain rows keyed like the export's reconciliation columns."""
    for flag in flags(engine, rules, now=now, role=role, flt=flt):
        yield {"kind": flag.kind.value, "code": flag.code, "order_id": flag.order_id,
               "bill_id": flag.bill_id, "bill_line_id": flag.bill_line_id,
               "notice_id": flag.notice_id, "currency_code": flag.currency_code,
               "amount": flag.amount, "expected_amount": flag.expected_amount,
               "difference": flag.difference, "due": flag.due, "message": flag.message}


__all__ = [
    "Flag", "FlagFilter", "FlagKind", "ReconciliationCancelled", "bill_check", "flag_rows", "flags",
    "partner_flags", "summary",
]
