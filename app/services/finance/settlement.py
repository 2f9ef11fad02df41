"""Expected settlement (应结算金额) per bill line and per order, to the cent (domain §5.4, §5.5).

What the seller should receive for a transaction amount ``T`` with a voucher ``V``:

* 通用 products pay the platform fee: the dated rate of the rules (5% since 2019-05-01), or the
  product's negotiated rate (弹性平台费). From 2024-03-01 a 5% product earns an incremental share
  by its monthly GMV (tiers in the rules), which lowers the effective rate.
* 联营 / 自服务 / 严选 products pay Huawei's share: the product's rate from the rules, else the
  rate the bill line states, else the rules' default; when none is known the line is "rate unknown"
  rather than a guess.
* A voucher (代金券) is deducted in proportion to the seller's share (``V × (1 − rate)``), or in
  full when the rules say ``"full"``.
* 中资出海 (international) lines (§5.4) settle at
  ``(T − VAT − WHT① − DST①) × (1 − rate) − WHT② − DST②``: the customer's withholding and
  digital-service taxes come off the sales excl. VAT before the fee, the seller's own taxes off
  what is left. The amounts the bill line states are used; a tax it does not state is the rules'
  rate (``international``, UNCONFIRMED) times its base, or 0 when the rules name no rate. A voucher
  on such a line is deducted as above (this project's assumption: the sources do not say).
* Refunds and negative orders (退订, downgrades) have a negative ``T``: the fee comes back with the
  same arithmetic, so the settlement is negative.

Rounding (the rules' ``rounding``, ROUND_HALF_UP): the fee ``T × rate`` and the voucher deduction
are each rounded half-up to the cent, away from zero for negative amounts (so a refund mirrors its
order exactly); the settlement is the exact difference ``T − fee − voucher deduction`` (for an
international line, ``base − fee − voucher deduction − WHT② − DST②`` with each tax in cents). All amounts
are ``Decimal``; nothing here touches a float.

Pure functions (:func:`expected_line`) do the arithmetic; the query functions read the cache with a
``Connection`` or ``Engine`` on the caller's worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from sqlalchemy import Connection, Engine, and_, func, select

from app import models as m
from app.models.db import connected
from app.services.finance.settlement_rules import SettlementRules, previous_period

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
ONE = Decimal(1)

#: Product classes as the cache stores them (orders.product_class).
GENERAL = "通用"
#: Bill categories (账单 商品类型 tab) -> product class.
CATEGORY_CLASS = {"通用商品": "通用", "联营商品": "联营", "华为自服务商品": "自服务",
                  "严选&认证部件": "严选"}
#: The 代金券 coupon type on an order (the voucher amount itself is only on the bill line).
VOUCHER_COUPON = "代金券"


def round_cents(value: Decimal) -> Decimal:
    """``value`` to the cent, half away from zero (ROUND_HALF_UP on the absolute value)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class RateSource(StrEnum):
    """Where a line's rate came from (shown beside the figure so a person can judge it)."""

    PLATFORM_FEE = "platform_fee"  # the dated 通用 platform fee of the rules
    PRODUCT_RATE = "product_rate"  # a per-product rate in the rules
    BILL_LINE = "bill_line"  # the rate the bill line states
    DEFAULT_SHARE = "default_share"  # the rules' default Huawei share


class RateUnknown(LookupError):
    """No rate is known for a 联营 / 自服务 / 严选 line: the rules have none and the bill line none."""


@dataclass(frozen=True)
class LineInput:
    """What the arithmetic needs about one transaction. ``effective_time`` decides the dated rules;
    ``monthly_gmv`` (the product's paid amount in that month) the 2024-03-01 tier."""

    product_class: str
    transaction_amount: Decimal
    effective_time: datetime
    product_id: str | None = None
    voucher_amount: Decimal = ZERO
    stated_rate: Decimal | None = None
    monthly_gmv: Decimal | None = None
    #: 中资出海 (§5.4): the line's VAT and taxes as the bill states them (None: not stated).
    international: bool = False
    vat_amount: Decimal | None = None
    customer_wht: Decimal | None = None
    customer_dst: Decimal | None = None
    seller_wht: Decimal | None = None
    seller_dst: Decimal | None = None


@dataclass(frozen=True)
class LineSettlement:
    """The expected settlement of one line. ``rate`` is the fee or Huawei share before the
    increment; ``effective_rate = rate − increment``; ``settlement = T − fee − voucher_deduction``."""

    transaction_amount: Decimal
    voucher_amount: Decimal
    rate: Decimal
    increment: Decimal
    effective_rate: Decimal
    rate_source: RateSource
    fee: Decimal
    voucher_deduction: Decimal
    settlement: Decimal
    #: True when a value used came from an entry of the rules marked unconfirmed.
    unconfirmed: bool = False
    #: 中资出海 (§5.4): the base the fee is taken from (``T − VAT − WHT① − DST①``; ``T`` for other
    #: lines) and the taxes used, each in cents.
    international: bool = False
    base: Decimal = ZERO
    vat: Decimal = ZERO
    customer_wht: Decimal = ZERO
    customer_dst: Decimal = ZERO
    seller_wht: Decimal = ZERO
    seller_dst: Decimal = ZERO


def _rate(line: LineInput, rules: SettlementRules) -> tuple[Decimal, RateSource, bool]:
    if line.product_class == GENERAL:
        if line.product_id is not None and line.product_id in rules.platform_fee.product_rates:
            return rules.platform_fee.product_rates[line.product_id], RateSource.PRODUCT_RATE, False
        rate, unconfirmed = rules.platform_fee_rate(None, rules.local_date(line.effective_time))
        return rate, RateSource.PLATFORM_FEE, unconfirmed
    share = rules.share_ratio
    if line.product_id is not None and line.product_id in share.product_rates:
        return share.product_rates[line.product_id], RateSource.PRODUCT_RATE, share.unconfirmed
    if line.stated_rate is not None:
        return line.stated_rate, RateSource.BILL_LINE, False
    if share.default_huawei_share is not None:
        return share.default_huawei_share, RateSource.DEFAULT_SHARE, share.unconfirmed
    raise RateUnknown(
        f"no share ratio is known for {line.product_class} product {line.product_id or '?'}"
    )


def expected_line(line: LineInput, rules: SettlementRules) -> LineSettlement:
    """The expected settlement of one line (see the module docstring for the arithmetic).

    Raises :class:`RateUnknown` for a non-通用 line with no known rate.
    """
    rate, source, unconfirmed = _rate(line, rules)
    increment = ZERO
    inc = rules.increment_share
    if (line.product_class == GENERAL and rate == inc.applies_to_rate
            and rules.local_date(line.effective_time) >= inc.start):
        increment = inc.increment_for(line.monthly_gmv)
        if increment:
            unconfirmed = unconfirmed or inc.unconfirmed or any(
                t.unconfirmed for t in inc.tiers if t.increment == increment)
    effective = rate - increment
    t = line.transaction_amount
    intl = rules.international
    vat = line.vat_amount or ZERO
    taxes_from_rules = False

    def tax(stated: Decimal | None, rule_rate: Decimal | None, on: Decimal) -> Decimal:
        nonlocal taxes_from_rules
        if stated is not None:
            return stated
        if rule_rate is None:
            return ZERO
        taxes_from_rules = True
        return round_cents(on * rule_rate)

    base = t
    cwht = cdst = ZERO
    if line.international:
        sales = t - vat
        cwht = tax(line.customer_wht, intl.customer_wht_rate, sales)
        cdst = tax(line.customer_dst, intl.customer_dst_rate, sales)
        base = sales - cwht - cdst
    fee = round_cents(base * effective)
    if rules.voucher.deduction == "full":
        deduction = line.voucher_amount
    else:
        deduction = round_cents(line.voucher_amount * (ONE - effective))
    share = base - fee - deduction
    swht = sdst = ZERO
    if line.international:
        swht = tax(line.seller_wht, intl.seller_wht_rate, share)
        sdst = tax(line.seller_dst, intl.seller_dst_rate, share)
        unconfirmed = unconfirmed or (taxes_from_rules and intl.unconfirmed)
    return LineSettlement(
        transaction_amount=t, voucher_amount=line.voucher_amount, rate=rate,
        increment=increment, effective_rate=effective, rate_source=source, fee=fee,
        voucher_deduction=deduction, settlement=share - swht - sdst, unconfirmed=unconfirmed,
        international=line.international, base=base, vat=vat if line.international else ZERO,
        customer_wht=cwht, customer_dst=cdst, seller_wht=swht, seller_dst=sdst,
    )


# -- the cache ------------------------------------------------------------------------------------


class GmvCache:
    """Monthly paid amount (GMV) per product and period, summed once per pair from the orders.

    The GMV of a product in a period is the sum of ``total_amount`` of its positive orders that
    took effect in that Beijing month: the best the cache knows of "actual customer payments".
    Orders carry their first line's product, so a mixed order counts under that product.
    """

    def __init__(self, conn: Connection, rules: SettlementRules) -> None:
        self._conn = conn
        self._rules = rules
        self._known: dict[tuple[str, str], Decimal] = {}

    def get(self, product_id: str | None, period: str) -> Decimal | None:
        if product_id is None:
            return None
        key = (product_id, period)
        if key not in self._known:
            o = m.Order.__table__
            start = self._rules.period_end(previous_period(period))
            end = self._rules.period_end(period)
            total = self._conn.execute(
                select(func.coalesce(func.sum(o.c.total_amount), ZERO)).where(
                    o.c.product_id == product_id, o.c.effective_time >= start,
                    o.c.effective_time < end, o.c.total_amount > ZERO,
                )
            ).scalar_one()
            self._known[key] = Decimal(total)
        return self._known[key]


#: The currency of China-site bills; a bill in another currency is a 中资出海 (international) one.
CN_CURRENCY = "CNY"


def is_international(bill_currency: str, line: object) -> bool:
    """Whether a bill line settles by the 中资出海 formula (§5.4): its bill is not in CNY, or the
    line states a WHT or DST amount."""
    if bill_currency != CN_CURRENCY:
        return True
    return any(getattr(line, name, None) is not None
               for name in ("customer_wht", "customer_dst", "seller_wht", "seller_dst"))


@dataclass(frozen=True)
class BillLineSettlement:
    """A bill line as billed beside what the rules expect (``expected`` None: rate unknown)."""

    line_id: str
    bill_id: str
    order_id: str
    product_id: str
    product_class: str
    billed_settlement: Decimal
    expected: LineSettlement | None

    @property
    def difference(self) -> Decimal | None:
        """Billed minus expected (None when the rate is unknown)."""
        return None if self.expected is None else self.billed_settlement - self.expected.settlement


def bill_line_settlements(
    conn: Connection | Engine, rules: SettlementRules, *, bill_id: str | None = None,
    order_id: str | None = None, line_ids: list[str] | None = None,
) -> list[BillLineSettlement]:
    """Expected settlement of bill lines: those of one bill, one order, or the given line ids."""
    bl, b = m.BillLine.__table__, m.Bill.__table__
    o = m.Order.__table__
    conds = []
    if bill_id is not None:
        conds.append(bl.c.bill_id == bill_id)
    if order_id is not None:
        conds.append(bl.c.order_id == order_id)
    if line_ids is not None:
        conds.append(bl.c.id.in_(line_ids))
    stmt = (
        select(bl, b.c.category, b.c.create_time.label("bill_time"),
               b.c.currency_code.label("bill_currency"),
               o.c.product_class.label("order_class"))
        .join(b, b.c.id == bl.c.bill_id)
        .outerjoin(o, o.c.id == bl.c.order_id)
        .where(and_(*conds))
        .order_by(bl.c.bill_id, bl.c.id)
    )
    out: list[BillLineSettlement] = []
    with connected(conn) as c:
        gmv = GmvCache(c, rules)
        for r in c.execute(stmt):
            pclass = CATEGORY_CLASS.get(r.category) or r.order_class or ""
            when = r.effective_time or r.bill_time
            try:
                exp: LineSettlement | None = expected_line(LineInput(
                    product_class=pclass, transaction_amount=r.transaction_amount,
                    effective_time=when, product_id=r.product_id,
                    voucher_amount=r.voucher_amount, stated_rate=r.fee_rate,
                    monthly_gmv=gmv.get(r.product_id, rules.period_of(when)),
                    international=is_international(r.bill_currency, r),
                    vat_amount=r.vat_amount, customer_wht=r.customer_wht,
                    customer_dst=r.customer_dst, seller_wht=r.seller_wht,
                    seller_dst=r.seller_dst,
                ), rules)
            except RateUnknown:
                exp = None
            out.append(BillLineSettlement(r.id, r.bill_id, r.order_id, r.product_id, pclass,
                                          r.settlement_amount, exp))
    return out


class SettlementSource(StrEnum):
    BILL_LINES = "bill_lines"  # the order was billed: the bill lines' amounts and vouchers
    ORDER_LINES = "order_lines"  # not billed yet: the order lines' amounts, no voucher known


@dataclass(frozen=True)
class OrderSettlement:
    """The expected settlement of an order, summed over its lines (known rates only)."""

    order_id: str
    currency_code: str
    source: SettlementSource
    lines: tuple[LineSettlement, ...]
    transaction_amount: Decimal
    fee: Decimal
    voucher_deduction: Decimal
    settlement: Decimal
    #: Line ids whose rate is unknown (left out of the sums).
    unknown_lines: tuple[str, ...] = ()
    #: Stable codes of what the figure could not take into account (e.g. ``voucher_unknown``).
    notes: tuple[str, ...] = field(default=())

    @property
    def unconfirmed(self) -> bool:
        return any(ln.unconfirmed for ln in self.lines)


class OrderNotFound(LookupError):
    """The order is not in the cache."""


def _sum(lines: tuple[LineSettlement, ...], attr: str) -> Decimal:
    return sum((getattr(ln, attr) for ln in lines), ZERO)


def expected_for_order(conn: Connection | Engine, order_id: str,
                       rules: SettlementRules) -> OrderSettlement:
    """What the seller should receive for one order.

    A billed order is computed from its bill lines (they carry the voucher and the rate Huawei
    used); an order not billed yet from its order lines, effective at its effective time (or its
    payment or creation time while it has none), with no voucher (noted when it used one).
    Raises :class:`OrderNotFound`.
    """
    o, ol = m.Order.__table__, m.OrderLine.__table__
    with connected(conn) as c:
        order = c.execute(select(o).where(o.c.id == order_id)).one_or_none()
        if order is None:
            raise OrderNotFound(order_id)
        billed = bill_line_settlements(c, rules, order_id=order_id)
        if billed:
            known = tuple(b.expected for b in billed if b.expected is not None)
            unknown = tuple(b.line_id for b in billed if b.expected is None)
            return _order_result(order_id, order.currency_code, SettlementSource.BILL_LINES,
                                 known, unknown, ())
        when = order.effective_time or order.pay_time or order.create_time
        gmv = GmvCache(c, rules)
        lines: list[LineSettlement] = []
        unknown_ids: list[str] = []
        for ln in c.execute(select(ol).where(ol.c.order_id == order_id).order_by(ol.c.id)):
            pid = ln.product_id or order.product_id
            try:
                lines.append(expected_line(LineInput(
                    product_class=order.product_class,
                    transaction_amount=ln.amount_after_discount, effective_time=when,
                    product_id=pid, monthly_gmv=gmv.get(pid, rules.period_of(when)),
                ), rules))
            except RateUnknown:
                unknown_ids.append(ln.id)
    notes = ("voucher_unknown",) if order.coupon_type == VOUCHER_COUPON else ()
    return _order_result(order_id, order.currency_code, SettlementSource.ORDER_LINES,
                         tuple(lines), tuple(unknown_ids), notes)


def _order_result(order_id: str, currency: str, source: SettlementSource,
                  lines: tuple[LineSettlement, ...], unknown: tuple[str, ...],
                  notes: tuple[str, ...]) -> OrderSettlement:
    return OrderSettlement(
        order_id=order_id, currency_code=currency, source=source, lines=lines,
        transaction_amount=_sum(lines, "transaction_amount"), fee=_sum(lines, "fee"),
        voucher_deduction=_sum(lines, "voucher_deduction"),
        settlement=_sum(lines, "settlement"), unknown_lines=unknown, notes=notes,
    )


__all__ = [
    "BillLineSettlement", "CATEGORY_CLASS", "CN_CURRENCY", "is_international", "GmvCache", "LineInput", "LineSettlement",
    "OrderNotFound", "OrderSettlement", "RateSource", "RateUnknown", "SettlementSource",
    "bill_line_settlements", "connected", "expected_for_order", "expected_line", "round_cents",
]
