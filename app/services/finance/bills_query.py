"""Reading the seller's bills (账单) for the Bills area: the bills of a period, their lines with the
settlement the rules expect, and the periods and statuses present.

Bills number in the hundreds per year, and a bill's lines in the thousands at most, so a list is
read whole with one query; the expected settlement comes from
:func:`app.services.finance.settlement.bill_line_settlements` (one query for the bill's lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Engine, func, select

from app.models.finance import Bill, BillLine
from app.services.finance.settlement import BillLineSettlement, bill_line_settlements
from app.services.finance.settlement_rules import SettlementRules


@dataclass(frozen=True)
class BillFilter:
    """Which bills: a period ``YYYYMM`` and a status (empty: any), newest period first."""

    period: str = ""
    status: str = ""


@dataclass(frozen=True)
class BillRow:
    id: str
    period: str
    category: str
    entity: str
    currency_code: str
    sales_amount: Decimal
    settlement_amount: Decimal
    tax_rate: Decimal | None
    requisition_no: str | None
    status: str
    create_time: datetime
    line_count: int
    #: When Huawei signed for (签收) the invoice: the verification clock starts here (§5.2).
    invoice_signed_time: datetime | None = None


@dataclass(frozen=True)
class LineRow:
    """A bill line with what the rules expect of it (``settlement`` None: no expectation)."""

    id: str
    order_id: str
    product_name: str
    charging_mode: str
    line_type: str
    transaction_amount: Decimal
    voucher_amount: Decimal
    fee_rate: Decimal | None
    settlement_amount: Decimal
    effective_time: datetime | None
    settlement: BillLineSettlement | None


def list_bills(engine: Engine, flt: BillFilter) -> list[BillRow]:
    counts = (select(BillLine.bill_id, func.count().label("n")).group_by(BillLine.bill_id)
              .subquery())
    q = (select(Bill.id, Bill.period, Bill.category, Bill.entity, Bill.currency_code,
                Bill.sales_amount, Bill.settlement_amount, Bill.tax_rate, Bill.requisition_no,
                Bill.status, Bill.create_time, func.coalesce(counts.c.n, 0),
                Bill.invoice_signed_time)
         .outerjoin(counts, counts.c.bill_id == Bill.id)
         .order_by(Bill.period.desc(), Bill.id))
    if flt.period:
        q = q.where(Bill.period == flt.period)
    if flt.status:
        q = q.where(Bill.status == flt.status)
    with engine.connect() as conn:
        return [BillRow(*cast(tuple[Any, ...], row)) for row in conn.execute(q)]


def bill_lines(engine: Engine, bill_id: str, rules: SettlementRules) -> list[LineRow]:
    """The lines of one bill, each with its expected settlement."""
    q = (select(BillLine.id, BillLine.order_id, BillLine.product_name, BillLine.charging_mode,
                BillLine.line_type, BillLine.transaction_amount, BillLine.voucher_amount,
                BillLine.fee_rate, BillLine.settlement_amount, BillLine.effective_time)
         .where(BillLine.bill_id == bill_id).order_by(BillLine.id))
    with engine.connect() as conn:
        rows = conn.execute(q).all()
        expected = {s.line_id: s for s in bill_line_settlements(conn, rules, bill_id=bill_id)}
    return [LineRow(*cast(tuple[Any, ...], (*row, expected.get(row[0])))) for row in rows]


def choices(engine: Engine) -> tuple[list[str], list[str]]:
    """The periods (newest first) and statuses the cached bills have."""
    with engine.connect() as conn:
        periods = [p for (p,) in conn.execute(
            select(Bill.period).distinct().order_by(Bill.period.desc()))]
        statuses = sorted(s for (s,) in conn.execute(select(Bill.status).distinct()))
    return periods, statuses
