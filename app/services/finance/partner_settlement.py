"""What a 客户服务商 (partner) should receive per bill line, and the check of each line (domain §7).

The rule (§7 Settlement, joint sale with a seller)::

    客户服务商结算金额(含税) = 订单现金消费 × 客户服务商分成比例

per line, rounded half-up to the cent (the rules' ``rounding``; per line rather than per bill is
this project's assumption, the sources do not say). 订单现金消费 is the cash the customer paid
(``cashAmount`` on the line; a line that does not state it is computed from its transaction
amount and says so). A refund (退订) is a negative line: an approved and paid-out refund is
deducted from the partner's settlement in the current or the next month (§5.5), so the arithmetic
is the same with a negative cash amount, and a bill's amount is the sum of its lines, refunds
included.

:func:`check_bill` compares each line's billed 结算金额 and the bill's amount with the rule; the
reconciliation (:mod:`app.services.finance.reconciliation`) flags the differences. Amounts are
``Decimal`` throughout.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection, Engine, select

from app import models as m
from app.models.db import connected
from app.services.finance.settlement import ZERO, round_cents

REFUND = "退订"


class BadPartnerLine(ValueError):
    """A stored partner bill line whose amounts cannot be read as decimals."""


@dataclass(frozen=True)
class PartnerLineCheck:
    """One partner bill line beside the rule. ``cash_stated`` False: the line gave no
    订单现金消费 and its transaction amount stood in for it."""

    bill_id: str
    index: int  # 1-based position in the bill
    order_id: str
    product_name: str
    customer_name: str
    line_type: str  # 正常 | 退订
    transaction_amount: Decimal
    cash_amount: Decimal
    cash_stated: bool
    share_ratio: Decimal
    billed: Decimal
    expected: Decimal

    @property
    def difference(self) -> Decimal:
        """Billed minus expected."""
        return self.billed - self.expected

    @property
    def is_refund(self) -> bool:
        return self.line_type == REFUND or self.cash_amount < 0


@dataclass(frozen=True)
class PartnerBillCheck:
    """A partner bill checked: its lines and its amount against their sum."""

    bill_id: str
    kind: str
    period: str
    currency_code: str
    billed_amount: Decimal
    lines: tuple[PartnerLineCheck, ...]

    @property
    def lines_total(self) -> Decimal:
        """The sum of the lines as billed (refunds included)."""
        return sum((ln.billed for ln in self.lines), ZERO)

    @property
    def expected_total(self) -> Decimal:
        return sum((ln.expected for ln in self.lines), ZERO)

    @property
    def refunds(self) -> Decimal:
        """The refunds deducted in this bill (a negative amount, or 0)."""
        return sum((ln.billed for ln in self.lines if ln.is_refund), ZERO)

    @property
    def differing_lines(self) -> tuple[PartnerLineCheck, ...]:
        return tuple(ln for ln in self.lines if ln.difference != 0)

    @property
    def total_difference(self) -> Decimal:
        """The bill's amount minus the sum of its lines as billed."""
        return self.billed_amount - self.lines_total


def expected_settlement(cash_amount: Decimal, share_ratio: Decimal) -> Decimal:
    """订单现金消费 × 分成比例, half-up to the cent (away from zero for a refund)."""
    return round_cents(cash_amount * share_ratio)


def _dec(raw: Mapping[str, Any], key: str, bill_id: str, index: int) -> Decimal | None:
    value = raw.get(key)
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise BadPartnerLine(f"line {index} of partner bill {bill_id}: {key} {value!r} is not an "
                             "amount") from None


def check_lines(bill_id: str, lines: Sequence[Mapping[str, Any]]) -> tuple[PartnerLineCheck, ...]:
    """Each stored line (camelCase keys, as synced) beside the rule."""
    out: list[PartnerLineCheck] = []
    for n, raw in enumerate(lines, start=1):
        transaction = _dec(raw, "transactionAmount", bill_id, n) or ZERO
        cash = _dec(raw, "cashAmount", bill_id, n)
        ratio = _dec(raw, "shareRatio", bill_id, n) or ZERO
        billed = _dec(raw, "settlementAmount", bill_id, n) or ZERO
        used = transaction if cash is None else cash
        out.append(PartnerLineCheck(
            bill_id=bill_id, index=n, order_id=str(raw.get("orderId", "")),
            product_name=str(raw.get("productName", "")),
            customer_name=str(raw.get("customerName", "")),
            line_type=str(raw.get("lineType") or "正常"), transaction_amount=transaction,
            cash_amount=used, cash_stated=cash is not None, share_ratio=ratio, billed=billed,
            expected=expected_settlement(used, ratio)))
    return tuple(out)


def check_bill(bill: m.PartnerBill | Any) -> PartnerBillCheck:
    """A partner bill (model or row with ``id``, ``kind``, ``period``, ``currency_code``,
    ``amount`` and ``lines``) checked against the rule."""
    return PartnerBillCheck(bill.id, bill.kind, bill.period, bill.currency_code, bill.amount,
                            check_lines(bill.id, list(bill.lines or [])))


def partner_bill_checks(conn: Connection | Engine, *, open_only: bool = False,
                        paid_status: str = "已付款") -> list[PartnerBillCheck]:
    """Every cached partner bill checked, by period and id (only the unpaid ones with
    ``open_only``)."""
    b = m.PartnerBill.__table__
    stmt = select(b.c.id, b.c.kind, b.c.period, b.c.currency_code, b.c.amount, b.c.lines)
    if open_only:
        stmt = stmt.where(b.c.status != paid_status)
    with connected(conn) as c:
        return [check_bill(r) for r in c.execute(stmt.order_by(b.c.period, b.c.id))]


__all__ = [
    "BadPartnerLine", "PartnerBillCheck", "PartnerLineCheck", "REFUND", "check_bill",
    "check_lines", "expected_settlement", "partner_bill_checks",
]
