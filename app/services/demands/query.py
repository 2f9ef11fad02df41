"""Reading customer demands for the Demands area: the filtered list and one demand's detail.

Demands number in the thousands, not millions, so a filtered list is read whole (one indexed query)
and held by the view's model; the countdown of a 待接收 demand is computed by the caller from
``accept_deadline``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from app.models.demands import Demand
from app.services.outbox.queue import EntryView, Outbox

#: Columns of a list row, in order.
LIST_COLUMNS = ("id", "name", "source", "status", "close_result", "product_name",
                "customer_name", "assign_time", "accept_deadline", "expected_sign_date",
                "partner_name", "offer_id")


@dataclass(frozen=True)
class DemandFilter:
    status: str = ""
    source: str = ""
    text: str = ""
    partner_only: bool = False  # partner profiles: the demands a partner submitted


@dataclass(frozen=True)
class DemandRow:
    id: str
    name: str
    source: str
    status: str
    close_result: str | None
    product_name: str | None
    customer_name: str | None
    assign_time: datetime
    accept_deadline: datetime | None
    expected_sign_date: datetime | None
    partner_name: str | None
    offer_id: str | None


def list_demands(engine: Engine, flt: DemandFilter, limit: int = 50_000) -> list[DemandRow]:
    """Newest first. ``text`` matches the name, id, product, customer or partner."""
    q = select(*(getattr(Demand, c) for c in LIST_COLUMNS)).order_by(
        Demand.assign_time.desc(), Demand.id)
    if flt.status:
        q = q.where(Demand.status == flt.status)
    if flt.source:
        q = q.where(Demand.source == flt.source)
    if flt.partner_only:
        q = q.where(Demand.source == "客户服务商")
    text = flt.text.strip()
    if text:
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        q = q.where(or_(*(getattr(Demand, c).like(like, escape="\\") for c in
                          ("name", "id", "product_name", "customer_name", "partner_name"))))
    with Session(engine) as session:
        return [DemandRow(*row) for row in session.execute(q.limit(limit))]


@dataclass(frozen=True)
class DemandDetail:
    demand: Demand
    queued: list[EntryView]


def load_detail(engine: Engine, outbox: Outbox | None, demand_id: str) -> DemandDetail | None:
    with Session(engine, expire_on_commit=False) as session:
        demand = session.get(Demand, demand_id)
    if demand is None:
        return None
    queued = outbox.open_for("demand", demand_id) if outbox is not None else []
    return DemandDetail(demand, queued)
