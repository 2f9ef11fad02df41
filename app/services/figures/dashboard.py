"""The dashboard's figures: what needs the seller's attention today, counted in SQL.

Four figures, each a count (and, where money is involved, exact amounts per currency):

* orders in 处理中 (being processed), with their total amount;
* service supervision tasks (服务监管) waiting on the seller: the current node is the seller's
  (``node_owner == "seller"``) and the task is not frozen by an appeal;
* customer demands (客户需求) about to close by themselves: still 待接收 (waiting to be accepted)
  with an ``accept_deadline`` within the next two days;
* bills (账单) in 待开票 (waiting for the seller's invoice), with their settlement amount.

Everything is computed by the database (``COUNT``/``SUM`` over indexed columns), so the figures stay
cheap on a cache of a million orders; amounts are summed as integer cents by the ``Money`` column
type and come back as ``Decimal``. Callers run these functions on a worker thread and pass "now", so
tests control the clock. :func:`tile_records` lists the records behind a figure for a read-only
list until the areas of those records exist.

The status strings are Huawei's own (the cache keeps them verbatim); they are named here once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, false, func, select

from app import models as m

#: A SELECT of any columns (SQLAlchemy 2.1 types a select by its column types).
AnySelect = Select[*tuple[Any, ...]]

#: 订单状态 "being processed": paid, delivery or service still running.
ORDER_IN_PROGRESS = "处理中"
#: 客户需求 status "waiting to be accepted"; KooGallery closes it when the deadline passes.
DEMAND_WAITING = "待接收"
#: 账单 status "waiting for the seller's invoice" (an 开票通知 was issued).
BILL_TO_INVOICE = "待开票"
#: Supervision node owner meaning "the seller must act".
SELLER = "seller"
#: How far ahead a demand's acceptance deadline counts as "about to close".
DEMAND_CLOSING_WINDOW = timedelta(days=2)
#: The most records :func:`tile_records` returns; the list says how many more there are.
DEFAULT_LIST_LIMIT = 500


class Tile(StrEnum):
    """The dashboard's figures, by name."""

    ORDERS_IN_PROGRESS = "orders_in_progress"
    TASKS_WAITING = "tasks_waiting"
    DEMANDS_CLOSING = "demands_closing"
    BILLS_TO_INVOICE = "bills_to_invoice"


@dataclass(frozen=True)
class Figure:
    """A count and, for money figures, the exact total per ISO 4217 currency (``{"CNY": ...}``).

    ``amounts`` is ordered by currency code, CNY first (the marketplace's home currency).
    """

    count: int
    amounts: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class DashboardFigures:
    """All four figures, as of ``as_of`` (UTC), plus what the page needs to explain itself."""

    as_of: datetime
    orders_in_progress: Figure
    tasks_waiting: Figure
    demands_closing: Figure
    bills_to_invoice: Figure
    #: Records in the cache per collection (orders, supervision_tasks, demands, bills,
    #: invoice_notices): all zero means "never synced", and the page says so.
    cached: dict[str, int]
    #: The latest finished sync of any collection, or None if none finished yet.
    last_synced_at: datetime | None

    @property
    def cached_orders(self) -> int:
        return self.cached.get("orders", 0)

    def figure(self, tile: Tile) -> Figure:
        """The figure of one tile."""
        by_tile: dict[Tile, Figure] = {
            Tile.ORDERS_IN_PROGRESS: self.orders_in_progress,
            Tile.TASKS_WAITING: self.tasks_waiting,
            Tile.DEMANDS_CLOSING: self.demands_closing,
            Tile.BILLS_TO_INVOICE: self.bills_to_invoice,
        }
        return by_tile[tile]


def _sorted_amounts(rows: Sequence[Any]) -> dict[str, Decimal]:
    pairs = [(str(code), Decimal(total or 0)) for code, total in rows]
    pairs.sort(key=lambda p: (p[0] != "CNY", p[0]))
    return dict(pairs)


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetime: pass an aware 'now' (UTC)")
    return value.astimezone(UTC)


def _conditions(tile: Tile, now: datetime) -> list[ColumnElement[bool]]:
    """The WHERE clause of a tile; shared by the counts and the record lists so they agree."""
    if tile is Tile.ORDERS_IN_PROGRESS:
        return [m.Order.order_status == ORDER_IN_PROGRESS]
    if tile is Tile.TASKS_WAITING:
        return [m.SupervisionTask.node_owner == SELLER, m.SupervisionTask.frozen == false()]
    if tile is Tile.DEMANDS_CLOSING:
        return [
            m.Demand.status == DEMAND_WAITING,
            m.Demand.accept_deadline.is_not(None),
            m.Demand.accept_deadline >= now,
            m.Demand.accept_deadline <= now + DEMAND_CLOSING_WINDOW,
        ]
    return [m.Bill.status == BILL_TO_INVOICE]


#: The collections whose size the dashboard shows, in the order it shows them.
_CACHED: dict[str, Any] = {
    "orders": m.Order,
    "supervision_tasks": m.SupervisionTask,
    "demands": m.Demand,
    "bills": m.Bill,
    "invoice_notices": m.InvoiceNotice,
}


def compute_figures(engine: Engine, now: datetime | None = None) -> DashboardFigures:
    """The dashboard's figures from the cache (a handful of aggregate queries, one connection)."""
    as_of = _aware(now or datetime.now(UTC))
    with engine.connect() as conn:

        def count(tile: Tile, entity: Any) -> int:
            stmt = select(func.count()).select_from(entity).where(*_conditions(tile, as_of))
            return int(conn.execute(stmt).scalar_one())

        def money(tile: Tile, currency: Any, amount: Any) -> dict[str, Decimal]:
            stmt: AnySelect = (
                select(currency, func.sum(amount))
                .where(*_conditions(tile, as_of))
                .group_by(currency)
            )
            return _sorted_amounts(conn.execute(stmt).all())

        orders = Figure(
            count(Tile.ORDERS_IN_PROGRESS, m.Order),
            money(Tile.ORDERS_IN_PROGRESS, m.Order.currency_code, m.Order.total_amount),
        )
        tasks = Figure(count(Tile.TASKS_WAITING, m.SupervisionTask))
        demands = Figure(count(Tile.DEMANDS_CLOSING, m.Demand))
        bills = Figure(
            count(Tile.BILLS_TO_INVOICE, m.Bill),
            money(Tile.BILLS_TO_INVOICE, m.Bill.currency_code, m.Bill.settlement_amount),
        )
        cached = {
            name: int(conn.execute(select(func.count()).select_from(entity)).scalar_one())
            for name, entity in _CACHED.items()
        }
        last = conn.execute(select(func.max(m.SyncState.last_finished_at))).scalar_one()
    return DashboardFigures(
        as_of=as_of,
        orders_in_progress=orders,
        tasks_waiting=tasks,
        demands_closing=demands,
        bills_to_invoice=bills,
        cached=cached,
        last_synced_at=last,
    )


# --------------------------------------------------------------------------------------------------
# The records behind a figure


@dataclass(frozen=True)
class RecordList:
    """Rows for a read-only list. ``columns`` are stable keys the view translates into headers;
    each row holds ``str``/``int``/``Decimal``/aware ``datetime``/``None`` values in that order.
    Money columns come as a ``(Decimal, currency)`` pair so the view formats them with the
    currency. ``total`` counts every matching record, ``rows`` holds at most the limit."""

    tile: Tile
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    total: int
    #: What a row's first column identifies: "order", "supervision_task", "demand" or "bill".
    kind: str


def tile_records(
    engine: Engine, tile: Tile, now: datetime | None = None, limit: int = DEFAULT_LIST_LIMIT
) -> RecordList:
    """The records counted by a tile, most urgent first (at most ``limit``)."""
    as_of = _aware(now or datetime.now(UTC))
    where = _conditions(tile, as_of)
    stmt: AnySelect
    if tile is Tile.ORDERS_IN_PROGRESS:
        o = m.Order
        columns: tuple[str, ...] = ("id", "customer", "product", "created", "amount")
        stmt = select(
            o.id, o.customer_name, o.product_name, o.create_time, o.total_amount, o.currency_code
        ).order_by(o.create_time.desc(), o.id)
        counted: Any = o
        kind = "order"
    elif tile is Tile.TASKS_WAITING:
        t = m.SupervisionTask
        columns = ("id", "order", "customer", "product", "node", "waiting_since", "amount")
        stmt = select(
            t.id,
            t.order_id,
            t.customer_name,
            t.product_name,
            t.node,
            t.node_entered_time,
            t.order_amount,
            t.currency_code,
        ).order_by(t.node_entered_time, t.id)
        counted = t
        kind = "supervision_task"
    elif tile is Tile.DEMANDS_CLOSING:
        d = m.Demand
        columns = ("id", "demand", "customer", "product", "accept_deadline")
        stmt = select(d.id, d.name, d.customer_name, d.product_name, d.accept_deadline).order_by(
            d.accept_deadline, d.id
        )
        counted = d
        kind = "demand"
    else:
        b = m.Bill
        columns = ("id", "period", "category", "requisition_no", "created", "amount")
        stmt = select(
            b.id,
            b.period,
            b.category,
            b.requisition_no,
            b.create_time,
            b.settlement_amount,
            b.currency_code,
        ).order_by(b.period, b.id)
        counted = b
        kind = "bill"
    with engine.connect() as conn:
        total = int(
            conn.execute(select(func.count()).select_from(counted).where(*where)).scalar_one()
        )
        raw = conn.execute(stmt.where(*where).limit(limit)).all()
    rows: list[tuple[Any, ...]] = []
    has_money = columns[-1] == "amount"
    for r in raw:
        values = tuple(r)
        if has_money:  # the last two selected values are amount and currency: pair them
            values = (*values[:-2], (values[-2], values[-1]))
        rows.append(values)
    return RecordList(tile=tile, columns=columns, rows=rows, total=total, kind=kind)


def format_amount(amount: Decimal, currency: str) -> str:
    """``Decimal("1234.5"), "CNY"`` -> ``"¥1,234.50"``: two places, grouped thousands, exact.

    Simplified Chinese and English write amounts alike, so no locale is needed; currencies
    without a common symbol are written with their code (``"EUR 12.00"``).
    """
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    quantized = amount.quantize(Decimal("0.01"))
    sign = "-" if quantized < 0 else ""
    number = f"{abs(quantized):,.2f}"
    if symbol is None:
        return f"{sign}{currency.upper()} {number}"
    return f"{sign}{symbol}{number}"


#: Symbols the console shows; ``US$`` keeps dollars apart from other dollars for Chinese readers.
CURRENCY_SYMBOLS: dict[str, str] = {"CNY": "¥", "USD": "US$", "HKD": "HK$", "EUR": "€"}
