"""The deadline radar: every clock that is running in the cache, soonest first.

One list across the console's records (business-rules §1.6, §3, §6.3, §7, §8.2), each clock with
the record it runs on, what happens when it runs out (``code``; the views word it), its due time
in UTC and, given "now", the time left and a severity from the user's thresholds:

===========================  ==================================================================
code                         clock
===========================  ==================================================================
``buyer_idle``               a buyer node idle for 5 days: the seller may appeal (older rule, a hint)
``seller_idle``              a seller node idle for 5 days: the buyer may appeal (older rule, a hint)
``unaccepted_reminder``      180 days after ordering, still unaccepted: KooGallery reminds the BD
                             (orders from 2024-03-05 on; a reminder, never overdue nor notified)
``buyer_rejections``         the buyer rejected more than 3 times: the seller may appeal (older rule, a hint)
``seller_rejections``        the seller rejected more than 3 times: the buyer may appeal (older rule, a hint)
``hardware_auto_accept``     10 days after the courier's signature: hardware is accepted by itself
                             (only when the courier's recipient phone matches the buyer's, §1.6)
``hardware_phone_mismatch``  the phones differ: no automatic acceptance; remind the buyer (a hint)
``hardware_phone_unknown``   nobody says whether they match: no countdown is promised (a hint)
``return_acceptance``        a returned hardware parcel at 待验收: accept it or mark 验收异常
                             within 15 days, else the system accepts it and unsubscribes (§1.6)
``refund_approval``          a 协商退订 waits for your approval (no documented limit: a hint, §1.9)
``appeal_decision``          the platform decides an open appeal within 3 working days
``demand_accept``            a 待接收 customer demand closes by itself after 5 days
``invoice_due``              an invoice notice in 待开票: invoice within the months the seller set
                             (the rules give sellers no deadline: none by default)
``partner_invoice_due``      a 客户服务商 bill in 待开票: invoice within 1 month of the notice
                             (§6.3, §7), counted from the bill's ``notice_time``
``invoice_verification``     Huawei verifies an invoice within 2 working days of signing for it
                             (签收, §5.2): counted from the bill's ``invoice_signed_time``
``invoice_verification_unsigned``  the same while the signed-for date is not known: due at the
                             latest 2 working days after the bill entered 发票待审核 (a hint)
``customer_invoice_due``     a customer's invoice request (给用户开票) in 待开票: invoice within 7
                             days, Beijing dates (§6.5)
``interface_refund``         a failed newInstance: KooGallery refunds the order when its retry
                             window ends (interfaces.md §2.11)
``interface_retries_end``    any other failed production-interface call: KooGallery stops retrying
``interface_delisting``      a product's failed orders this Beijing month reached the alert level
                             of the (UNCONFIRMED) delisting rule; due when the month's count starts
                             again; pressing (urgent, notified once) while it lasts
===========================  ==================================================================

The supervision clocks come from :func:`app.services.supervision.query.deadlines` (the same ones
the task's detail page shows), so the radar and the Supervision area never disagree.

Each clock has a stable :attr:`Clock.key` (what, which record, when due): the console notifies
once per key (:func:`take_notifications` records it in ``deadline_reminders``); a clock that
starts again (a node entered anew) has a new due time and so a new key.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import Engine, Text, or_, select, type_coerce
from sqlalchemy.orm import Session, load_only
from sqlalchemy.orm.attributes import set_committed_value

from app.models.demands import Demand
from app.models.finance import Bill, InvoiceNotice
from app.models.invoices import ACCEPTED, SOURCE_CUSTOMER, SUBMITTED, CustomerInvoice, InvoiceDraft
from app.models.outbox import DeadlineReminder
from app.models.partner import PartnerBill
from app.models.supervision import SupervisionTask
from app.services.integration import watchdog
from app.services.invoices import customer as customer_invoices
from app.services.supervision import query as supervision_query
from app.services.supervision.query import Clocks, add_working_days

#: Customer demands wait this long in 待接收 before they close by themselves (§3).
DEMAND_ACCEPT_DAYS = 5
#: A 客户服务商 invoices within this many months of the notice (§6.3, §7).
INVOICE_MONTHS = 1
#: Huawei verifies a received invoice within this many working days (§5.2, §7).
VERIFICATION_WORKING_DAYS = 2



@dataclass(frozen=True)
class InvoiceClocks:
    """The invoicing clocks' numbers, from the profile's settlement rules
    (:attr:`app.services.finance.settlement_rules.SettlementRules.invoicing_deadline`):
    ``seller_months`` None means no seller deadline (the rules give none, §6.3)."""

    partner_months: int | None = INVOICE_MONTHS
    seller_months: int | None = None
    verification_working_days: int = VERIFICATION_WORKING_DAYS


AWAITING_ACCEPTANCE = "待接收"
TO_INVOICE = "待开票"
#: Bill statuses meaning "the invoice is with Huawei for verification" (seller / partner wording).
VERIFYING = frozenset({"发票待审核", "发票审核中"})


class Severity(StrEnum):
    """How pressing a clock is, most pressing first."""

    OVERDUE = "overdue"
    URGENT = "urgent"
    SOON = "soon"
    LATER = "later"


SEVERITY_ORDER = (Severity.OVERDUE, Severity.URGENT, Severity.SOON, Severity.LATER)


@dataclass(frozen=True)
class Thresholds:
    """When a clock turns urgent (hours left) and soon (days left); settings hold the values."""

    urgent_hours: int = 24
    soon_days: int = 3


@dataclass(frozen=True)
class Clock:
    """One running clock. ``record_kind``/``record_id`` name the record (as ``open_record``
    takes them), ``label`` says which one in the seller's words (product, demand name, 申付单号),
    ``due`` is UTC. ``hint_only``: an older rule, shown as a hint (business-rules §8.2).
    ``reminder``: a platform reminder (the 180-day one, §1.6): never overdue/urgent, never notified."""

    code: str
    record_kind: str
    record_id: str
    label: str
    due: datetime
    hint_only: bool = False
    reminder: bool = False
    #: A count, not a time, crossed a line (``interface_delisting``): urgent while it lasts.
    pressing: bool = False

    @property
    def key(self) -> str:
        """Stable identity of this deadline (notified once)."""
        return f"{self.code}|{self.record_kind}|{self.record_id}|{self.due:%Y%m%dT%H%M}"

    def time_left(self, now: datetime) -> timedelta:
        return self.due - now

    def severity(self, now: datetime, thresholds: Thresholds) -> Severity:
        if self.reminder:  # KooGallery reminds; nothing runs out for the seller (§1.6)
            return Severity.LATER
        left = self.time_left(now)
        if left <= timedelta(0):
            return Severity.OVERDUE
        if self.pressing:
            return Severity.URGENT
        if left <= timedelta(hours=thresholds.urgent_hours):
            return Severity.URGENT
        if left <= timedelta(days=thresholds.soon_days):
            return Severity.SOON
        return Severity.LATER


def add_months(start: datetime, months: int) -> datetime:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)


# -- per collection --------------------------------------------------------------------------------

_TASK_COLUMNS = (SupervisionTask.id, SupervisionTask.product_name, SupervisionTask.status,
                 SupervisionTask.node_owner, SupervisionTask.node_entered_time,
                 SupervisionTask.order_time, SupervisionTask.delivery_type,
                 SupervisionTask.logistics, SupervisionTask.appeals,
                 SupervisionTask.buyer_reject_count, SupervisionTask.seller_reject_count)
# (operation_logs is loaded only for the few tasks whose log a clock reads, see _task_clocks.)


def _task_clocks(session: Session, now: datetime, clocks: Clocks) -> Iterable[Clock]:
    T = SupervisionTask
    # Only a few open tasks have log entries a clock reads (a refund request, more than three
    # rejections): their logs are loaded; the others' are known to hold nothing for a clock.
    needs_log = set(session.execute(select(T.id).where(
        T.status == supervision_query.OPEN,
        or_(type_coerce(T.operation_logs, Text).like('%"refundId"%'),  # the stored text
            T.buyer_reject_count > supervision_query.REJECTIONS_BEFORE_APPEAL,
            T.seller_reject_count > supervision_query.REJECTIONS_BEFORE_APPEAL))).scalars())
    q = (select(T).options(load_only(*_TASK_COLUMNS)).where(T.status == supervision_query.OPEN))
    for task in session.execute(q).scalars():
        if task.id not in needs_log:
            set_committed_value(task, "operation_logs", [])
        for d in supervision_query.deadlines(task, now, clocks):
            yield Clock(d.code, "supervision_task", task.id, task.product_name, d.due, d.hint_only,
                        d.reminder)


def _demand_clocks(session: Session) -> Iterable[Clock]:
    q = select(Demand.id, Demand.name, Demand.assign_time, Demand.accept_deadline).where(
        Demand.status == AWAITING_ACCEPTANCE)
    for row in session.execute(q):
        due = row.accept_deadline or row.assign_time + timedelta(days=DEMAND_ACCEPT_DAYS)
        yield Clock("demand_accept", "demand", row.id, row.name, due)


def _verification(kind: str, record_id: str, label: str, signed: datetime | None,
                  status_since: datetime, inv: InvoiceClocks) -> Clock:
    """§5.2: verified within N working days after the invoice is signed for. Unknown signed-for
    date: the status lags the signing, so the status change bounds it (a hint, "at the latest")."""
    if signed is not None:
        return Clock("invoice_verification", kind, record_id, label,
                     add_working_days(signed, inv.verification_working_days))
    return Clock("invoice_verification_unsigned", kind, record_id, label,
                 add_working_days(status_since, inv.verification_working_days), hint_only=True)


def _notice_clocks(session: Session, inv: InvoiceClocks) -> Iterable[Clock]:
    submitted = set(session.execute(select(InvoiceDraft.notice_id).where(
        InvoiceDraft.state.in_((SUBMITTED, ACCEPTED)))).scalars())
    q = (select(InvoiceNotice.id, InvoiceNotice.requisition_no, InvoiceNotice.period,
                InvoiceNotice.issue_time, InvoiceNotice.bill_status,
                InvoiceNotice.remote_updated_at, Bill.invoice_signed_time)
         .outerjoin(Bill, Bill.id == InvoiceNotice.bill_id)
         .where(InvoiceNotice.bill_status.in_((TO_INVOICE, *VERIFYING))))
    for row in session.execute(q):
        label = f"{row.requisition_no} ({row.period})"
        if row.bill_status == TO_INVOICE:
            if row.invoice_signed_time is not None:  # signed for; the status lags behind
                yield _verification("invoice_notice", row.id, label, row.invoice_signed_time,
                                    row.remote_updated_at, inv)
            elif row.id not in submitted and inv.seller_months is not None:
                yield Clock("invoice_due", "invoice_notice", row.id, label,
                            add_months(row.issue_time, inv.seller_months))
        else:
            yield _verification("invoice_notice", row.id, label, row.invoice_signed_time,
                                row.remote_updated_at, inv)


def _partner_clocks(session: Session, inv: InvoiceClocks) -> Iterable[Clock]:
    q = select(PartnerBill.id, PartnerBill.kind, PartnerBill.period, PartnerBill.status,
               PartnerBill.remote_updated_at, PartnerBill.notice_time,
               PartnerBill.invoice_signed_time).where(
        PartnerBill.status.in_((TO_INVOICE, *VERIFYING)))
    for row in session.execute(q):
        label = f"{row.kind} {row.period}"
        if row.status == TO_INVOICE and row.invoice_signed_time is None:
            if inv.partner_months is not None:
                # From the notice; a bill without a notice time reached 待开票 when it went out.
                yield Clock("partner_invoice_due", "partner_bill", row.id, label,
                            add_months(row.notice_time or row.remote_updated_at,
                                       inv.partner_months))
        else:
            yield _verification("partner_bill", row.id, label, row.invoice_signed_time,
                                row.remote_updated_at, inv)


def _customer_invoice_clocks(session: Session) -> Iterable[Clock]:
    """给用户开票: 7 days from the request, in Beijing dates; a draft already submitted (queued or
    accepted) stops the clock, as the next sync shows 已完成 (§6.5)."""
    rules = customer_invoices.RULES
    submitted = set(session.execute(select(InvoiceDraft.notice_id).where(
        InvoiceDraft.source == SOURCE_CUSTOMER,
        InvoiceDraft.state.in_((SUBMITTED, ACCEPTED)))).scalars())
    q = select(CustomerInvoice.id, CustomerInvoice.title, CustomerInvoice.order_id,
               CustomerInvoice.apply_time).where(CustomerInvoice.status.in_(rules.pending))
    for row in session.execute(q):
        if row.id not in submitted:
            yield Clock("customer_invoice_due", "customer_invoice", row.id,
                        f"{row.title} ({row.order_id})", customer_invoices.due(row.apply_time))


def _interface_clocks(engine: Engine, now: datetime,
                      policy: watchdog.Policy) -> Iterable[Clock]:
    """The open retry windows of failed production-interface calls, and the products near the
    delisting rule this Beijing month (:mod:`app.services.integration.watchdog`)."""
    for item in watchdog.watch_list(engine, now, frozenset({watchdog.Stage.RETRYING})):
        m = item.message
        code = "interface_refund" if item.cliff is watchdog.Cliff.REFUND \
            else "interface_retries_end"
        about = " ".join(x for x in (m.activity, m.order_id or m.instance_id) if x)
        label = f"{about} ({item.product_name})" if item.product_name else about
        yield Clock(code, "interface_message", m.id, label, item.retry_until)
    month = watchdog.beijing_month(now)
    for p in watchdog.monthly_failures(engine, policy, month):
        if p.failures >= p.alert_at:
            yield Clock("interface_delisting", "product", p.product_id,
                        f"{p.product_name or p.product_id}: {p.failures}/{p.threshold}",
                        watchdog.next_beijing_month(month), pressing=True)


def running_clocks(engine: Engine, now: datetime | None = None,
                   clocks: Clocks | None = None,
                   interface_policy: watchdog.Policy | None = None,
                 invoicing: InvoiceClocks | None = None) -> list[Clock]:
    """Every clock running in the cache, by due time (the least time left first);
    ``interface_policy``: the delisting rule's numbers from the settings; ``invoicing``: the
    invoicing clocks' numbers from the profile's settlement rules."""
    now = now or datetime.now(UTC)
    c = clocks or Clocks()
    inv = invoicing or InvoiceClocks()
    with Session(engine) as session:
        found = [*_task_clocks(session, now, c), *_demand_clocks(session),
                 *_notice_clocks(session, inv), *_partner_clocks(session, inv),
                 *_customer_invoice_clocks(session)]
    found += _interface_clocks(engine, now, interface_policy or watchdog.Policy())
    return sorted(found, key=lambda k: (k.due, k.code, k.record_id))


# -- notifications ---------------------------------------------------------------------------------

#: Severities worth a notification (hints never notify: the old appeal rule is not a deadline;
#: nor do reminders: KooGallery itself reminds the buyer's BD and the seller, §1.6).
NOTIFY = frozenset({Severity.OVERDUE, Severity.URGENT})


def take_notifications(engine: Engine, found: Iterable[Clock], now: datetime,
                       thresholds: Thresholds,
                       clock: Callable[[], datetime] | None = None) -> list[Clock]:
    """The clocks of ``found`` that deserve a notification and never had one; they are recorded
    as notified in the same transaction, so each deadline is announced once (across restarts)."""
    wanted = {k.key: k for k in found
              if not k.hint_only and not k.reminder and k.severity(now, thresholds) in NOTIFY}
    if not wanted:
        return []
    stamp = (clock or (lambda: datetime.now(UTC)))().astimezone(UTC).replace(microsecond=0)
    with Session(engine) as session, session.begin():
        keys = list(wanted)
        done: set[str] = set()
        for start in range(0, len(keys), 500):
            done.update(session.execute(select(DeadlineReminder.key).where(
                DeadlineReminder.key.in_(keys[start:start + 500]))).scalars())
        fresh = [wanted[k] for k in keys if k not in done]
        session.add_all(DeadlineReminder(key=k.key, notified_at=stamp) for k in fresh)
    return sorted(fresh, key=lambda k: k.due)
