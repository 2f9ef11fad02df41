"""Finding an order, a supervision task or a customer demand by its id or its customer.

The console's search box (Ctrl+F) calls :func:`search` on a worker thread. One text is matched
against:

* orders (订单): the order id, and the customer as the orders area's customer filter matches it
  (customer id prefix, or part of the real name or account name);
* supervision tasks (服务监管): the task id, its order id and the customer name;
* customer demands (客户需求): the demand id and the customer name.

An exact id comes first (a primary-key lookup), then records whose fields *contain* the text,
newest first, at most ``limit`` per kind so that a one-letter search never loads a million rows.
Matching is case-insensitive, and the text is matched literally: ``%`` and ``_`` in it are escaped
(a user who types ``50%`` means those three characters, not a wildcard).

Customer names of orders go through ``app.services.orders.query``, which uses the trigram index of
distinct names (migration 0002) when the SQLite cache has it, so a Chinese name is found without
scanning a million orders; ids and the other kinds use escaped ``LIKE``. :func:`record_details`
loads one record's fields for a read-only details view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, Select, inspect, or_, select

from app import models as m
from app.models import search as idx
from app.services.marketplace.wire import parse_hw_time
from app.services.orders import query as orders_query

#: A SELECT of any columns (SQLAlchemy 2.1 types a select by its column types).
AnySelect = Select[*tuple[Any, ...]]

#: Shorter texts match too much to be useful: two characters in any script (a Chinese name has at
#: least two, an id fragment needs more).
MIN_QUERY_LENGTH = 2
DEFAULT_LIMIT = 8
_ESCAPE = "\\"
_BLANKS = re.compile(r"\s+")


class HitKind(StrEnum):
    """What a search hit is; the value is the sync collection's record kind."""

    ORDER = "order"
    SUPERVISION_TASK = "supervision_task"
    DEMAND = "demand"


@dataclass(frozen=True)
class SearchHit:
    """One record found. ``customer`` and ``detail`` are what a result list shows next to the id:
    the customer's name, and the product (orders), node (tasks) or demand name (demands)."""

    kind: HitKind
    id: str
    customer: str | None
    detail: str | None
    status: str | None
    when: datetime | None
    #: True when the id is exactly the text typed (these come first).
    exact: bool = False


def normalize_query(text_: str) -> str:
    """The text as it is matched: surrounding blanks removed, inner runs of blanks made one."""
    return _BLANKS.sub(" ", text_).strip()


def escape_like(value: str, escape: str = _ESCAPE) -> str:
    """``value`` with LIKE's wildcards (``%``, ``_``) and the escape character made literal."""
    return (
        value.replace(escape, escape + escape).replace("%", escape + "%").replace("_", escape + "_")
    )


def _contains(column: Any, query: str) -> ColumnElement[bool]:
    return column.ilike(f"%{escape_like(query)}%", escape=_ESCAPE)  # type: ignore[no-any-return]


def _has_name_index(conn: Connection) -> bool:
    """Whether migration 0002's trigram index of order names is in this (SQLite) cache."""
    if conn.dialect.name != "sqlite":
        return False
    return {idx.TERMS, idx.FTS, idx.STATE} <= set(inspect(conn).get_table_names())


def _order_match(conn: Connection, query: str) -> ColumnElement[bool]:
    """Orders whose id contains ``query``, or whose customer matches it exactly as the orders
    area's customer filter does: one meaning of "this customer" across the console."""
    customer = orders_query.where_clause(
        orders_query.OrderFilter(customer=query),
        indexed=_has_name_index(conn),
        dialect=conn.dialect.name,
    )
    return or_(_contains(m.Order.id, query), customer)


def search(engine: Engine, query: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """Records matching ``query``: exact ids first, then orders, tasks and demands, newest first.

    Returns ``[]`` for a text shorter than :data:`MIN_QUERY_LENGTH`. At most ``limit`` hits per
    kind (plus the exact-id hits).
    """
    q = normalize_query(query)
    if len(q) < MIN_QUERY_LENGTH:
        return []
    hits: list[SearchHit] = []
    with engine.connect() as conn:
        hits += [_order_hit(r, exact=True) for r in conn.execute(_orders().where(m.Order.id == q))]
        hits += [
            _task_hit(r, exact=True)
            for r in conn.execute(_tasks().where(m.SupervisionTask.id == q))
        ]
        hits += [
            _demand_hit(r, exact=True) for r in conn.execute(_demands().where(m.Demand.id == q))
        ]
        rows = list(conn.execute(_orders().where(_order_match(conn, q)).limit(limit)))
        hits += [_order_hit(r) for r in rows]
        t = m.SupervisionTask
        hits += [
            _task_hit(r)
            for r in conn.execute(
                _tasks()
                .where(
                    or_(_contains(t.id, q), _contains(t.order_id, q), _contains(t.customer_name, q))
                )
                .limit(limit)
            )
        ]
        d = m.Demand
        hits += [
            _demand_hit(r)
            for r in conn.execute(
                _demands()
                .where(or_(_contains(d.id, q), _contains(d.customer_name, q)))
                .limit(limit)
            )
        ]
    return _unique(hits)


def _unique(hits: Iterable[SearchHit]) -> list[SearchHit]:
    seen: set[tuple[HitKind, str]] = set()
    out: list[SearchHit] = []
    for hit in hits:
        key = (hit.kind, hit.id)
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out


def _orders() -> AnySelect:
    o = m.Order
    real_name = o.customer_real_name
    return select(
        o.id, o.customer_name, real_name, o.product_name, o.order_status, o.create_time
    ).order_by(o.create_time.desc(), o.id)


def _order_hit(row: Any, exact: bool = False) -> SearchHit:
    oid, account, real_name, product, status, created = row
    customer = f"{real_name} ({account})" if real_name and real_name != account else account
    return SearchHit(HitKind.ORDER, oid, customer, product, status, created, exact)


def _tasks() -> AnySelect:
    t = m.SupervisionTask
    return select(
        t.id, t.customer_name, t.product_name, t.node, t.status, t.node_entered_time
    ).order_by(t.node_entered_time.desc(), t.id)


def _task_hit(row: Any, exact: bool = False) -> SearchHit:
    tid, customer, product, node, status, entered = row
    detail = f"{node} · {product}" if product else node
    return SearchHit(HitKind.SUPERVISION_TASK, tid, customer, detail, status, entered, exact)


def _demands() -> AnySelect:
    d = m.Demand
    return select(d.id, d.customer_name, d.name, d.status, d.assign_time).order_by(
        d.assign_time.desc(), d.id
    )


def _demand_hit(row: Any, exact: bool = False) -> SearchHit:
    did, customer, name, status, assigned = row
    return SearchHit(HitKind.DEMAND, did, customer, name, status, assigned, exact)


# --------------------------------------------------------------------------------------------------
# One record's fields, for a read-only details view


@dataclass(frozen=True)
class RecordDetails:
    """A record's fields in display order. Keys are stable names the view turns into labels;
    values are ``str``/``int``/``bool``/aware ``datetime``/``None``, or ``(Decimal, currency)``
    for money. ``lines`` are sub-records (an order's lines, a task's operation log) as lists of
    ``(key, value)`` pairs."""

    kind: HitKind
    id: str
    fields: list[tuple[str, Any]]
    lines: list[list[tuple[str, Any]]]


_ORDER_FIELDS = (
    "order_status", "order_type", "create_time", "pay_time", "customer_name", "customer_id",
    "product_name", "sku_name", "charging_mode", "product_class", "delivery_type",
    "supervision_status", "partner_name", "instance_id",
)  # fmt: skip
_TASK_FIELDS = (
    "order_id", "order_line_id", "status", "node", "node_owner", "node_entered_time", "frozen",
    "customer_name", "product_name", "sku_name", "delivery_type", "sales_scenario", "order_time",
    "buyer_reject_count", "seller_reject_count",
)  # fmt: skip
_DEMAND_FIELDS = (
    "name", "status", "customer_name", "assign_time", "accept_deadline", "expected_sign_date",
    "product_name", "demand_type", "delivery_mode", "sales_contact", "sales_phone", "main_appeal",
    "description", "partner_name",
)  # fmt: skip

_TABLES: dict[HitKind, type[m.Order] | type[m.SupervisionTask] | type[m.Demand]] = {
    HitKind.ORDER: m.Order, HitKind.SUPERVISION_TASK: m.SupervisionTask, HitKind.DEMAND: m.Demand,
}


def record_details(engine: Engine, kind: HitKind, record_id: str) -> RecordDetails | None:
    """The fields of one order, supervision task or demand, or ``None`` if it is not cached."""
    table = _TABLES[kind]
    with engine.connect() as conn:
        row = conn.execute(select(table).where(table.id == record_id)).mappings().first()
        if row is None:
            return None
        values = dict(row)
        if kind is HitKind.ORDER:
            fields = [(k, values[k]) for k in _ORDER_FIELDS]
            fields.insert(5, ("customer_real_name", values["customer_real_name"]))
            fields.insert(1, ("total_amount", (values["total_amount"], values["currency_code"])))
            line = m.OrderLine
            lines = [
                [
                    ("order_line_id", r.id),
                    ("product_name", r.product_name),
                    ("sku_name", r.sku_name),
                    ("charging_mode", r.charging_mode),
                    ("amount", (r.amount_after_discount, values["currency_code"])),
                    ("expire_time", r.expire_time),
                ]
                for r in conn.execute(
                    select(line).where(line.order_id == record_id).order_by(line.id)
                )
            ]
            return RecordDetails(kind, record_id, fields, lines)
        if kind is HitKind.SUPERVISION_TASK:
            fields = [(k, values[k]) for k in _TASK_FIELDS]
            fields.insert(3, ("order_amount", (values["order_amount"], values["currency_code"])))
            lines = [
                [
                    ("time", parse_hw_time(e["time"])),
                    ("actor_role", e.get("actorRole")),
                    ("action", e.get("action")),
                    ("to_node", e.get("toNode")),
                    ("comment", e.get("comment")),
                ]
                for e in sorted(
                    values["operation_logs"] or [], key=lambda e: (e["time"], e["logId"])
                )
            ]
            return RecordDetails(kind, record_id, fields, lines)
        return RecordDetails(kind, record_id, [(k, values[k]) for k in _DEMAND_FIELDS], [])


__all__ = [
    "DEFAULT_LIMIT",
    "MIN_QUERY_LENGTH",
    "HitKind",
    "RecordDetails",
    "SearchHit",
    "escape_like",
    "normalize_query",
    "record_details",
    "search",
]
