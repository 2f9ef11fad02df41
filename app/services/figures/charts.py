"""The figures behind the Charts area: aggregates the database computes, one query per chart.

Four charts (issue #6, "charts where people would rather look than read"):

* :func:`monthly_orders`: order amount per month and product class (通用, 联营, ...), per currency.
  Months are the user's local months: the query shifts the stored UTC time by the zone's offset
  ``utc_offset_minutes`` (a fixed offset: the zone's offset now, exact for China's UTC+8 and off
  by an hour only around a DST change elsewhere).
* :func:`monthly_settlement`: the settlement amount (结算金额) of bill lines per bill period (对账期次,
  YYYYMM) and product class; the class comes from the line's order, ``""`` when the order is not in
  the cache.
* :func:`supervision_funnel`: service supervision tasks (服务监管) per current node, nodes in the order
  the flows pass them (mean position in the tasks' own ``flow_nodes``).
* :func:`demand_conversion`: customer demands (客户需求) per outcome: the status, with a closed
  demand split by its result (转化成功 / 转化失败 / closed by itself), and the conversion rate.
* :func:`invoice_status`: invoice notices (开票通知) per bill status (待开票, 发票待审核, ...).

Every bar carries what the view needs to open its rows (``key``: the month range, the node, the
status). Amounts are ``Decimal`` sums of integer cents; the view turns them into chart values.
Callers run these on a worker thread and pass "now".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, String, func, literal, select, type_coerce
from sqlalchemy.sql.elements import ColumnElement

from app.models.demands import Demand
from app.models.finance import Bill, BillLine, InvoiceNotice
from app.models.orders import Order
from app.models.supervision import SupervisionTask

#: Demand outcomes, in the order a demand passes them (statuses verbatim, closed ones by result).
DEMAND_OUTCOMES = ("待接收", "需求转化中", "需求成交", "转化成功", "转化失败", "已拒绝", "已关闭")
#: Outcomes counted as a conversion.
CONVERTED = frozenset({"需求成交", "转化成功"})
#: Outcomes that are final (the denominator of the conversion rate).
DECIDED = frozenset({"需求成交", "转化成功", "转化失败", "已拒绝", "已关闭"})


@dataclass(frozen=True)
class MonthSeries:
    """Amounts per month and category, for one currency.

    ``months`` are ``YYYY-MM`` (orders) or ``YYYYMM`` (bill periods), oldest first; ``values[c][i]``
    is category ``c``'s amount in ``months[i]`` (``Decimal('0')`` when none); ``counts`` likewise.
    """

    currency: str
    months: tuple[str, ...]
    values: dict[str, list[Decimal]]
    counts: dict[str, list[int]]

    def total(self) -> Decimal:
        return sum((sum(v, Decimal(0)) for v in self.values.values()), Decimal(0))


@dataclass(frozen=True)
class Bar:
    """One bar of a count chart: its label (a raw server string), count, and what opens its rows."""

    label: str
    count: int
    key: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Conversion:
    """Demands per outcome and the share converted among the decided ones (``None``: none yet)."""

    bars: tuple[Bar, ...]
    rate: Decimal | None


def _month_bounds(now: datetime, months: int, offset: timedelta) -> tuple[datetime, list[str]]:
    """The UTC start of the first of ``months`` local months ending with the current one, and the
    month labels (``YYYY-MM``), oldest first."""
    local = now.astimezone(UTC) + offset
    year, month = local.year, local.month
    labels = []
    for _ in range(months):
        labels.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    labels.reverse()
    first_year, first_month = int(labels[0][:4]), int(labels[0][5:])
    start_local = datetime(first_year, first_month, 1, tzinfo=UTC)
    return start_local - offset, labels


def month_range(month: str, utc_offset_minutes: int) -> tuple[datetime, datetime]:
    """The UTC instants ``[start, end)`` of the local month ``YYYY-MM`` or ``YYYYMM``."""
    digits = month.replace("-", "")
    year, mon = int(digits[:4]), int(digits[4:6])
    offset = timedelta(minutes=utc_offset_minutes)
    start = datetime(year, mon, 1, tzinfo=UTC) - offset
    end = datetime(year + mon // 12, mon % 12 + 1, 1, tzinfo=UTC) - offset
    return start, end


def _local_month(conn: Connection, column: Any, offset_minutes: int) -> ColumnElement[str]:
    """``YYYY-MM`` of a stored UTC time shifted by the local offset, in the database's dialect."""
    if conn.dialect.name == "postgresql":
        shifted = column + func.make_interval(0, 0, 0, 0, 0, offset_minutes)
        return type_coerce(func.to_char(shifted, "YYYY-MM"), String)
    return type_coerce(func.strftime("%Y-%m", column, f"{offset_minutes:+d} minutes"), String)


def _series(rows: Iterable[Any], months: list[str]) -> list[MonthSeries]:
    """Rows of (currency, month, category, amount, count) into one series per currency, the
    currency with the largest total first."""
    index = {m: i for i, m in enumerate(months)}
    per: dict[str, tuple[dict[str, list[Decimal]], dict[str, list[int]]]] = {}
    for currency, month, category, amount, count in rows:
        if month not in index:
            continue
        values, counts = per.setdefault(currency or "", ({}, {}))
        cat = category or ""
        values.setdefault(cat, [Decimal(0)] * len(months))[index[month]] += amount or Decimal(0)
        counts.setdefault(cat, [0] * len(months))[index[month]] += int(count)
    result = [MonthSeries(cur, tuple(months), dict(sorted(v.items())), dict(sorted(c.items())))
              for cur, (v, c) in per.items()]
    return sorted(result, key=lambda s: (-abs(s.total()), s.currency))


def monthly_orders(engine: Engine, *, now: datetime, months: int = 12,
                   utc_offset_minutes: int = 0) -> list[MonthSeries]:
    """Order amount (``total_amount``) per local month of creation and product class, for the last
    ``months`` months including the current one; cancelled orders are counted as the cache has
    them (the amount Huawei reports). One series per currency."""
    offset = timedelta(minutes=utc_offset_minutes)
    start, labels = _month_bounds(now, months, offset)
    with engine.connect() as conn:
        month = _local_month(conn, Order.create_time, utc_offset_minutes)
        rows = conn.execute(
            select(Order.currency_code, month, Order.product_class, func.sum(Order.total_amount),
                   func.count())
            .where(Order.create_time >= start)
            .group_by(Order.currency_code, month, Order.product_class)).all()
    return _series(rows, labels)


def _periods(now: datetime, months: int, offset: timedelta) -> list[str]:
    return [label.replace("-", "") for label in _month_bounds(now, months, offset)[1]]


def monthly_settlement(engine: Engine, *, now: datetime, months: int = 12,
                       utc_offset_minutes: int = 0) -> list[MonthSeries]:
    """Settlement amount of bill lines per bill period (YYYYMM) and the product class of the
    line's order (``""`` when the order is not cached), for the last ``months`` periods."""
    periods = _periods(now, months, timedelta(minutes=utc_offset_minutes))
    with engine.connect() as conn:
        klass = func.coalesce(Order.product_class, literal(""))
        rows = conn.execute(
            select(Bill.currency_code, Bill.period, klass, func.sum(BillLine.settlement_amount),
                   func.count())
            .select_from(BillLine)
            .join(Bill, Bill.id == BillLine.bill_id)
            .outerjoin(Order, Order.id == BillLine.order_id)
            .where(Bill.period >= periods[0])
            .group_by(Bill.currency_code, Bill.period, klass)).all()
    return _series(rows, periods)


def supervision_funnel(engine: Engine) -> list[Bar]:
    """Tasks per current node, in flow order. Each bar's key is ``{"node": node}``."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(SupervisionTask.node, SupervisionTask.flow_nodes, func.count())
            .group_by(SupervisionTask.node, SupervisionTask.flow_nodes)).all()
    counts: dict[str, int] = defaultdict(int)
    positions: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for node, flow, count in rows:
        counts[node] += int(count)
        nodes = list(flow or [])
        share = nodes.index(node) / max(1, len(nodes) - 1) if node in nodes else 1.0
        positions[node].append((share, int(count)))

    def mean_position(node: str) -> float:
        weighted = positions[node]
        return sum(p * n for p, n in weighted) / max(1, sum(n for _p, n in weighted))

    order = sorted(counts, key=lambda n: (mean_position(n), n))
    return [Bar(node, counts[node], {"node": node}) for node in order]


def demand_conversion(engine: Engine) -> Conversion:
    """Demands per outcome (:data:`DEMAND_OUTCOMES`, unknown statuses after them). A bar's key is
    ``{"status": ...}`` plus ``{"close_result": ...}`` for the closed ones."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(Demand.status, Demand.close_result, func.count())
            .group_by(Demand.status, Demand.close_result)).all()
    counts: dict[str, int] = defaultdict(int)
    keys: dict[str, dict[str, Any]] = {}
    for status, result, count in rows:
        outcome = result if result in ("转化成功", "转化失败") else status
        counts[outcome] += int(count)
        keys[outcome] = {"status": status, "close_result": result} if outcome == result \
            else {"status": status}
    order = [o for o in DEMAND_OUTCOMES if o in counts] + sorted(
        o for o in counts if o not in DEMAND_OUTCOMES)
    decided = sum(counts[o] for o in DECIDED if o in counts)
    converted = sum(counts[o] for o in CONVERTED if o in counts)
    rate = (Decimal(converted) / Decimal(decided)).quantize(Decimal("0.0001")) if decided else None
    return Conversion(tuple(Bar(o, counts[o], keys[o]) for o in order), rate)


def invoice_status(engine: Engine) -> list[Bar]:
    """Invoice notices per bill status, most first. A bar's key is ``{"bill_status": ...,
    "notice_ids": [...]}`` (the notices, for the Invoices area to select)."""
    with engine.connect() as conn:
        rows = conn.execute(select(InvoiceNotice.bill_status, InvoiceNotice.id)
                            .order_by(InvoiceNotice.bill_status, InvoiceNotice.id)).all()
    ids: dict[str, list[str]] = defaultdict(list)
    for status, notice_id in rows:
        ids[status].append(notice_id)
    return [Bar(status, len(found), {"bill_status": status, "notice_ids": found})
            for status, found in sorted(ids.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


@dataclass(frozen=True)
class ChartFigures:
    """Everything the Charts area shows, read in one go on a worker thread."""

    utc_offset_minutes: int
    orders: list[MonthSeries]
    settlement: list[MonthSeries]
    funnel: list[Bar]
    conversion: Conversion
    invoices: list[Bar]


def all_figures(engine: Engine, *, now: datetime, months: int = 12,
                utc_offset_minutes: int = 0) -> ChartFigures:
    """The four charts' figures (five queries)."""
    return ChartFigures(
        utc_offset_minutes,
        monthly_orders(engine, now=now, months=months, utc_offset_minutes=utc_offset_minutes),
        monthly_settlement(engine, now=now, months=months, utc_offset_minutes=utc_offset_minutes),
        supervision_funnel(engine), demand_conversion(engine), invoice_status(engine))
