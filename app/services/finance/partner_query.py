"""Reading a partner's (客户服务商) records for the Partner area (domain §7): incentive bills, the
performance summary per period and its details, exclusive offers (专属优惠) and the customer demands
the partner submitted to sellers.

Bill kinds, verbatim from the marketplace: 基础激励 (客户服务商基础激励账单, monthly, periods
``YYYYMM``) and 业绩考核激励 (业绩考核激励账单, quarterly). A day's performance is visible after one
working day. The record counts are small (tens to thousands), so each list is read whole; the
performance summary is summed by the database (integer cents, exact ``Decimal``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.models.partner import ExclusiveOffer, PartnerBill, PartnerPerformance
from app.services.demands.query import DemandFilter, DemandRow, list_demands

BASIC_INCENTIVE = "基础激励"
PERFORMANCE_INCENTIVE = "业绩考核激励"
BILL_KINDS = (BASIC_INCENTIVE, PERFORMANCE_INCENTIVE)


@dataclass(frozen=True)
class PartnerBillRow:
    id: str
    kind: str
    period: str
    currency_code: str
    amount: Decimal
    tax_rate: Decimal
    status: str
    requisition_no: str | None
    create_time: datetime
    lines: list[dict[str, Any]]
    #: When the invoice notice went out (the 1-month invoicing clock, §7) and when Huawei signed
    #: for the invoice (the verification clock, §5.2); None when not known.
    notice_time: datetime | None = None
    invoice_signed_time: datetime | None = None


@dataclass(frozen=True)
class PerformanceSummary:
    """业绩汇总 of one period: how many transactions, their amount and the incentive."""

    period: str
    count: int
    transaction_amount: Decimal
    incentive_amount: Decimal


@dataclass(frozen=True)
class PerformanceRow:
    id: str
    period: str
    order_id: str
    product_name: str
    customer_name: str
    transaction_amount: Decimal
    incentive_rate: Decimal
    incentive_amount: Decimal
    status: str


@dataclass(frozen=True)
class OfferRow:
    id: str
    name: str
    customer_account: str
    valid_from: datetime
    valid_to: datetime
    status: str
    products: list[dict[str, Any]]
    demand_id: str | None
    create_time: datetime


def partner_bills(engine: Engine, kind: str = "") -> list[PartnerBillRow]:
    """Incentive bills, newest period first; ``kind`` one of :data:`BILL_KINDS` or all."""
    q = select(PartnerBill).order_by(PartnerBill.period.desc(), PartnerBill.id)
    if kind:
        q = q.where(PartnerBill.kind == kind)
    with Session(engine) as s:
        return [PartnerBillRow(b.id, b.kind, b.period, b.currency_code, b.amount, b.tax_rate,
                               b.status, b.requisition_no, b.create_time, list(b.lines or []),
                               b.notice_time, b.invoice_signed_time)
                for b in s.scalars(q)]


def performance_summary(engine: Engine) -> list[PerformanceSummary]:
    """业绩汇总 per period, newest first."""
    p = PartnerPerformance
    q = (select(p.period, func.count(), func.sum(p.transaction_amount),
                func.sum(p.incentive_amount))
         .group_by(p.period).order_by(p.period.desc()))
    with engine.connect() as conn:
        return [PerformanceSummary(period, int(n), t or Decimal(0), i or Decimal(0))
                for period, n, t, i in conn.execute(q)]


def performance_details(engine: Engine, period: str = "") -> list[PerformanceRow]:
    """业绩明细 of one period (or all), by order id."""
    p = PartnerPerformance
    q = select(p.id, p.period, p.order_id, p.product_name, p.customer_name,
               p.transaction_amount, p.incentive_rate, p.incentive_amount, p.status
               ).order_by(p.period.desc(), p.order_id)
    if period:
        q = q.where(p.period == period)
    with Session(engine) as s:
        return [PerformanceRow(*row) for row in s.execute(q)]


def offers(engine: Engine, status: str = "") -> list[OfferRow]:
    """Exclusive offers (专属优惠), newest first; ``status`` e.g. 审批中, 已生效, 已过期."""
    q = select(ExclusiveOffer).order_by(ExclusiveOffer.create_time.desc(), ExclusiveOffer.id)
    if status:
        q = q.where(ExclusiveOffer.status == status)
    with Session(engine) as s:
        return [OfferRow(o.id, o.name, o.customer_account, o.valid_from, o.valid_to, o.status,
                         list(o.products or []), o.demand_id, o.create_time)
                for o in s.scalars(q)]


def submitted_demands(engine: Engine) -> list[DemandRow]:
    """The customer demands the partner submitted to sellers (source 客户服务商)."""
    return list_demands(engine, DemandFilter(partner_only=True))
