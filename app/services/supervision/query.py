"""Supervision tasks (服务监管) for the Supervision area: filter in SQL, rows by block, deadlines.

Like the orders table (:mod:`app.services.orders.query`), the list holds only the ordered task
``rowid``s of a filter (:func:`ids`) and reads rows a block at a time (:func:`rows_by_rowid`); both
run on a worker thread and never import Qt. The row key is SQLite's ``rowid`` or PostgreSQL's
``row_key`` (as for orders, see :mod:`app.models.row_keys`).

**Overdue** (the list's filter) is defined from the clocks of business-rules §1.6 that a seller can
act on, with thresholds from :class:`Clocks`:

* the current node is the buyer's or the seller's and has sat idle for more than
  ``idle_days`` (5): the old appeal trigger — either the seller may appeal the idle buyer, or the
  buyer may appeal the idle seller, so both want attention;
The 180-day reminder (§1.6, new 365-day rule) is not part of it: for orders placed from
2024-03-05 (Beijing date) on, KooGallery reminds the buyer's Huawei BD and the seller when the order
is still unaccepted ``unaccepted_days`` (180) after ordering. That is a reminder, not a deadline:
:func:`deadlines` lists it with ``reminder=True``, never as overdue.

Only open tasks (status 处理中) are ever overdue. :func:`deadlines` lists every clock that applies
to one task, for the detail page.
"""

from __future__ import annotations

import contextlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    ColumnElement,
    Engine,
    and_,
    false,
    or_,
    select,
    true,
)

from app.models.row_keys import RowKey
from app.models.supervision import SupervisionTask
from app.services.marketplace.wire import parse_hw_time
from app.services.orders.query import escape_like
from app.services.supervision import refunds

T = SupervisionTask
task_rowid: ColumnElement[int] = RowKey("supervision_tasks")
SCENARIOS = ("赋能云", "基地云")
OTHER_SCENARIO = "其他"
OPEN = "处理中"
_CHUNK = 900
#: KooGallery's dates are Beijing dates.
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
#: The 180-day reminder applies to orders placed on this Beijing date or later (§1.6 new rule).
REMINDER_RULE_FROM = date(2024, 3, 5)


@dataclass(frozen=True)
class Clocks:
    """Thresholds of the §1.6 deadlines (UNCONFIRMED values are Huawei's documented ones)."""

    idle_days: int = 5
    unaccepted_days: int = 180
    hardware_auto_accept_days: int = 10
    appeal_handling_days: int = 3  # working days (platform SLA)


class FilterColumn(StrEnum):
    """Columns whose distinct values the filter bar offers."""

    NODE = "node"
    OWNER = "node_owner"
    DELIVERY_TYPE = "delivery_type"
    PRODUCT_CLASS = "product_class"


@dataclass(frozen=True)
class TaskFilter:
    """Which tasks to list. Empty fields do not filter. ``scenarios`` holds 赋能云/基地云/其他
    (其他: anything else the server sends). ``appealed``: "" any, "any" ever appealed, "open" an
    appeal being handled now. Sorted by the time the current node was entered, newest first."""

    nodes: frozenset[str] = frozenset()
    owners: frozenset[str] = frozenset()
    delivery_types: frozenset[str] = frozenset()
    product_classes: frozenset[str] = frozenset()
    scenarios: frozenset[str] = frozenset()
    overdue: bool = False
    appealed: str = ""
    text: str = ""
    clocks: Clocks = field(default_factory=Clocks)


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One line of the task list."""

    rowid: int
    id: str
    order_id: str
    customer_name: str
    product_name: str
    sku_name: str | None
    node: str
    node_owner: str
    node_entered_time: datetime
    order_time: datetime
    status: str
    product_class: str
    delivery_type: str
    sales_scenario: str
    appeal_status: str | None
    frozen: bool
    order_amount: Decimal
    currency_code: str


_ROW_COLUMNS = ("id", "order_id", "customer_name", "product_name", "sku_name", "node",
                "node_owner", "node_entered_time", "order_time", "status", "product_class",
                "delivery_type", "sales_scenario", "appeal_status", "frozen", "order_amount",
                "currency_code")


def overdue_clause(now: datetime, clocks: Clocks) -> ColumnElement[bool]:
    idle = now - timedelta(days=clocks.idle_days)
    return and_(T.status == OPEN, T.node_owner.in_(("buyer", "seller")),
                T.node_entered_time < idle)


def where_clause(f: TaskFilter, now: datetime) -> ColumnElement[bool]:
    parts: list[ColumnElement[bool]] = []
    for column, values in ((T.node, f.nodes), (T.node_owner, f.owners),
                           (T.delivery_type, f.delivery_types),
                           (T.product_class, f.product_classes)):
        if values:
            parts.append(column.in_(sorted(values)))
    if f.scenarios:
        named = sorted(set(f.scenarios) & set(SCENARIOS))
        options = [T.sales_scenario.in_(named)] if named else []
        if OTHER_SCENARIO in f.scenarios:
            options.append(T.sales_scenario.not_in(SCENARIOS))
        parts.append(or_(*options) if options else false())
    if f.overdue:
        parts.append(overdue_clause(now, f.clocks))
    if f.appealed == "any":
        parts.append(T.appeal_status.is_not(None))
    elif f.appealed == "open":
        parts.append(or_(T.appeal_status == OPEN, T.frozen.is_(True)))
    for word in f.text.split():
        like = f"%{escape_like(word)}%"
        parts.append(or_(T.id.like(f"{escape_like(word)}%", escape="\\"),
                         T.order_id.like(f"{escape_like(word)}%", escape="\\"),
                         T.customer_name.like(like, escape="\\"),
                         T.product_name.like(like, escape="\\")))
    return and_(true(), *parts)


def ids(engine: Engine, f: TaskFilter, now: datetime | None = None) -> array[int]:
    """The rowids of the tasks of ``f``: the current node entered most recently first."""
    now = now or datetime.now(UTC)
    stmt = (select(task_rowid).select_from(T.__table__).where(where_clause(f, now))
            .order_by(T.node_entered_time.desc(), task_rowid.desc()))
    with engine.connect() as conn:
        return array("q", conn.execute(stmt).scalars())


def count(engine: Engine, f: TaskFilter, now: datetime | None = None) -> int:
    return len(ids(engine, f, now))


def rows_by_rowid(engine: Engine, rowids: Iterable[int]) -> dict[int, TaskRow]:
    """The rows of ``rowids`` (missing ones, deleted since the list was made, are left out)."""
    wanted = list(dict.fromkeys(rowids))
    out: dict[int, TaskRow] = {}
    table = T.__table__
    cols = [table.c[name] for name in _ROW_COLUMNS]
    with engine.connect() as conn:
        for i in range(0, len(wanted), _CHUNK):
            stmt = select(task_rowid.label("rowid_"), *cols).where(
                task_rowid.in_(wanted[i:i + _CHUNK]))
            for r in conn.execute(stmt):
                out[r[0]] = TaskRow(r[0], *r[1:])
    return out


def rowid_of(engine: Engine, task_id: str) -> int | None:
    with engine.connect() as conn:
        value = conn.execute(select(task_rowid).select_from(T.__table__)
                             .where(T.id == task_id)).scalar()
    return int(value) if value is not None else None


def distinct_values(engine: Engine, column: FilterColumn) -> list[str]:
    col = T.__table__.c[column.value]
    with engine.connect() as conn:
        return [str(v) for v in conn.execute(select(col).distinct().order_by(col)).scalars()
                if v is not None]


# -- deadlines --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Deadline:
    """A clock running on a task: ``code`` names it (the view words it), ``due`` is UTC,
    ``passed`` says whether it already ran out."""

    code: str
    due: datetime
    passed: bool
    hint_only: bool = False  # the old appeal rule: shown as a hint (business-rules §8.2)
    #: KooGallery's 180-day reminder (§1.6): a platform reminder, never overdue nor notified.
    reminder: bool = False


def reminder_applies(order_time: datetime) -> bool:
    """Whether the 180-day reminder (§1.6, from 2024-03-05 00:00) applies: the order's Beijing
    date is 2024-03-05 or later (older orders fell under the 365-day auto-close). A naive time is
    taken as UTC."""
    if order_time.tzinfo is None:
        order_time = order_time.replace(tzinfo=UTC)
    return order_time.astimezone(BEIJING).date() >= REMINDER_RULE_FROM


def deadlines(task: SupervisionTask, now: datetime | None = None,
              clocks: Clocks | None = None) -> list[Deadline]:
    """The §1.6 clocks that apply to ``task`` now, soonest first; none for a finished task."""
    now = now or datetime.now(UTC)
    c = clocks or Clocks()
    if task.status != OPEN:
        return []
    out: list[Deadline] = []

    def add(code: str, due: datetime, hint: bool = False, reminder: bool = False) -> None:
        out.append(Deadline(code, due, due <= now, hint, reminder))

    open_appeal = next((a for a in task.appeals or [] if a.get("status") == OPEN), None)
    if open_appeal is not None:
        with contextlib.suppress(ValueError):
            filed = parse_hw_time(str(open_appeal.get("createTime")))
            add("appeal_decision", add_working_days(filed, c.appeal_handling_days))
    elif task.node_owner == "buyer":
        add("buyer_idle", task.node_entered_time + timedelta(days=c.idle_days), hint=True)
    elif task.node_owner == "seller":
        add("seller_idle", task.node_entered_time + timedelta(days=c.idle_days), hint=True)
    if reminder_applies(task.order_time):
        add("unaccepted_reminder", task.order_time + timedelta(days=c.unaccepted_days),
            reminder=True)
    requests = refunds.refunds(task)
    for refund in requests:
        if not refund.waiting_for_seller:
            continue
        if refund.due is not None:  # a returned parcel at 待验收: 15 days (§1.6)
            add("return_acceptance", refund.due)
        else:  # 协商退订 waiting for the seller: no documented limit, so not a deadline (§1.9)
            add("refund_approval", refund.applied_at, hint=True)
    # Goods on their way back are not accepted by themselves (§1.6): no auto-acceptance then.
    returning = any(r.kind == refunds.HARDWARE_RETURN and r.state is not
                    refunds.RefundState.REFUSED for r in requests)
    rejected = _fourth_rejection(task)
    if rejected is not None and open_appeal is None:
        add(rejected[0], rejected[1], hint=True)
    logistics = task.logistics or {}
    signed = logistics.get("signedTime")
    if task.delivery_type == "硬件" and signed and not returning:
        with contextlib.suppress(ValueError):  # a malformed time: no clock to show
            signed_at = parse_hw_time(str(signed))
            matches = logistics.get("phoneMatches")
            if matches is True:
                add("hardware_auto_accept",
                    signed_at + timedelta(days=c.hardware_auto_accept_days))
            else:
                # §1.6: no automatic acceptance when the courier's recipient phone differs from
                # the buyer's (or nobody says they match): no countdown, a hint to remind the buyer.
                add("hardware_phone_mismatch" if matches is False else "hardware_phone_unknown",
                    signed_at, hint=True)
    return sorted(out, key=lambda d: d.due)


#: The older appeal rule (§2): an appeal is possible after more than this many rejections.
REJECTIONS_BEFORE_APPEAL = 3


def _fourth_rejection(task: SupervisionTask) -> tuple[str, datetime] | None:
    """The older appeal rule's second trigger (§1.6, §2): after more than three rejections by one
    side, the other side may appeal (on the 4th operation). ``buyer_rejections``: the buyer
    rejected more than three times, the seller may appeal; ``seller_rejections``: the other way
    round. The time is that of the 4th rejection in the operation log (the node's entry time when
    the log does not show it)."""
    for role, count, code in (("buyer", task.buyer_reject_count, "buyer_rejections"),
                              ("seller", task.seller_reject_count, "seller_rejections")):
        if (count or 0) <= REJECTIONS_BEFORE_APPEAL:
            continue
        times = [str(x.get("time")) for x in task.operation_logs or []
                 if x.get("actorRole") == role and x.get("action") == "驳回"]
        when = task.node_entered_time
        if len(times) > REJECTIONS_BEFORE_APPEAL:
            with contextlib.suppress(ValueError):
                when = parse_hw_time(times[REJECTIONS_BEFORE_APPEAL])
        return code, when
    return None


def add_working_days(start: datetime, days: int) -> datetime:
    """``days`` working days (Monday to Friday; public holidays are not known) after ``start``, at
    the same time of day; ``start``'s own day does not count. The deadline radar
    (:mod:`app.services.supervision.deadlines`) counts its working days with this too."""
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current
