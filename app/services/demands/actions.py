"""Customer demands (客户需求管理): what the state allows, and queuing the seller's actions.

Rules (business-rules §3): a demand arrives 待接收 (the customer's details hidden) and must be
accepted within 5 days or it closes by itself; the seller accepts it (→ 需求转化中) or, only when a
partner (客户服务商) brought it, rejects it (→ 已拒绝). While 需求转化中 the seller records progress
(更新进展) and edits the solution (需求方案), until a 专属优惠 (exclusive offer) exists, which locks
the edits; the seller may close it with a result, 转化成功 or 转化失败 — except a demand whose source is
客户服务商, which only the customer's order through the offer closes (→ 需求成交).

Every action goes through the outbox (``app.services.outbox.queue``); the marketplace re-checks the same
rules. :func:`availability` says, per action, whether it is possible now and why not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models.demands import Demand
from app.services import verdicts
from app.services.outbox.queue import ActionKind, EntryView, Outbox

TARGET = "demand"
DEMANDS_PATH = "/v1/seller/demands"

PENDING_ACCEPTANCE = "待接收"
CONVERTING = "需求转化中"
DEAL = "需求成交"
REJECTED = "已拒绝"
CLOSED = "已关闭"
SOURCE_PARTNER = "客户服务商"
RESULTS = ("转化成功", "转化失败")


class DemandAction(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    PROGRESS = "progress"
    SOLUTION = "solution"
    CLOSE = "close"
    OFFER = "offer"  # 更多 > 创建专属优惠 (app.services.offers.actions.queue_demand_offer)


KINDS: dict[DemandAction, ActionKind] = {
    action: ActionKind(f"demand.{action.value}", TARGET, "POST",
                       DEMANDS_PATH + "/{target_id}/" + action.value, title, priority=70)
    for action, title in (
        (DemandAction.ACCEPT, "Accept demand"),
        (DemandAction.REJECT, "Reject demand"),
        (DemandAction.PROGRESS, "Update progress"),
        (DemandAction.SOLUTION, "Edit solution"),
        (DemandAction.CLOSE, "Close demand"),
        (DemandAction.OFFER, "Create exclusive offer"),
    )
}

#: Why an action is not possible (stable codes; English for the CLI and logs).
REASONS = {
    "not_pending": "Only a demand waiting for acceptance (待接收) can be accepted or rejected.",
    "window_passed": "The 5-day acceptance window has passed; the demand closes by itself.",
    "not_partner": "Only a demand brought by a partner (客户服务商) can be rejected.",
    "not_converting": "Only a demand being converted (需求转化中) can be changed.",
    "offer_locks": "An exclusive offer (专属优惠) exists for this demand: its details are locked.",
    "partner_close": "A demand brought by a partner (客户服务商) cannot be closed by the seller.",
    "waiting": "An earlier action on this demand is waiting in the outbox; wait until it is sent.",
    "no_customer": "The demand names no customer account (用户账号) for an exclusive offer.",
}


class DemandError(verdicts.ActionRefused):
    """A demand action that cannot be queued (``failure_code``: a code of ``REASONS`` when the
    demand's state refuses it)."""


#: One action's verdict (the shared :class:`~app.services.verdicts.Availability`).
Availability = verdicts.Availability[DemandAction]


def _no(action: DemandAction, code: str) -> Availability:
    return verdicts.refused(action, code, REASONS)


def projected_status(demand: Demand, queued: list[EntryView]) -> str:
    """The status once the queued actions are sent (an acceptance queued offline lets progress
    and solution edits be queued behind it)."""
    status = demand.status
    for entry in queued:
        if entry.kind == KINDS[DemandAction.ACCEPT].name:
            status = CONVERTING
        elif entry.kind == KINDS[DemandAction.REJECT].name:
            status = REJECTED
        elif entry.kind == KINDS[DemandAction.CLOSE].name:
            status = CLOSED
    return status


def availability(demand: Demand, queued: list[EntryView] | None = None,
                 now: datetime | None = None) -> dict[DemandAction, Availability]:
    """Each action for ``demand``: allowed, or why not."""
    queued = queued or []
    now = now or datetime.now(UTC)
    status = projected_status(demand, queued)
    partner = demand.source == SOURCE_PARTNER
    # An offer queued offline locks the demand like one that exists (business-rules §3).
    locked = bool(demand.offer_id) or any(
        e.kind == KINDS[DemandAction.OFFER].name for e in queued)
    result: dict[DemandAction, Availability] = {}
    for action in DemandAction:
        if action in (DemandAction.ACCEPT, DemandAction.REJECT):
            if queued:
                verdict = _no(action, "waiting")
            elif status != PENDING_ACCEPTANCE:
                verdict = _no(action, "not_pending")
            elif demand.accept_deadline is not None and demand.accept_deadline <= now:
                verdict = _no(action, "window_passed")
            elif action is DemandAction.REJECT and not partner:
                verdict = _no(action, "not_partner")
            else:
                verdict = verdicts.allowed(action)
        elif status != CONVERTING:
            verdict = _no(action, "not_converting")
        elif action is DemandAction.CLOSE and partner:
            verdict = _no(action, "partner_close")
        elif action in (DemandAction.SOLUTION, DemandAction.PROGRESS,
                        DemandAction.OFFER) and locked:
            verdict = _no(action, "offer_locks")
        elif action is DemandAction.OFFER and not (demand.customer_info or {}).get(
                "huaweiAccount"):
            verdict = _no(action, "no_customer")
        else:
            verdict = verdicts.allowed(action)
        result[action] = verdict
    return result


def load_demand(engine: Engine, demand_id: str) -> Demand:
    with Session(engine, expire_on_commit=False) as session:
        demand = session.get(Demand, demand_id)
    if demand is None:
        raise DemandError(f"There is no customer demand {demand_id} in this cache; sync first.")
    return demand


def _queue(outbox: Outbox, demand_id: str, action: DemandAction, payload: dict[str, Any],
           summary: str) -> EntryView:
    demand = load_demand(outbox.engine, demand_id)
    verdict = availability(demand, outbox.open_for(TARGET, demand_id), outbox.now())[action]
    if not verdict.allowed:
        raise verdicts.refusal(verdict, DemandError)
    return outbox.enqueue(KINDS[action].name, demand_id, payload,
                          summary=f"{summary} {demand_id} ({demand.name})")


def queue_accept(outbox: Outbox, demand_id: str) -> EntryView:
    """接收: the seller accepts the demand and the demand-management rules."""
    return _queue(outbox, demand_id, DemandAction.ACCEPT, {"agreeRules": True}, "接收需求")


def queue_reject(outbox: Outbox, demand_id: str, reason: str) -> EntryView:
    if not reason.strip():
        raise DemandError("A reason is required to reject a demand.")
    return _queue(outbox, demand_id, DemandAction.REJECT, {"reason": reason.strip()}, "拒绝需求")


def queue_progress(outbox: Outbox, demand_id: str, text: str) -> EntryView:
    if not text.strip():
        raise DemandError("Write what progressed (更新进展).")
    return _queue(outbox, demand_id, DemandAction.PROGRESS, {"text": text.strip()}, "更新进展")


@dataclass(frozen=True)
class SolutionItem:
    """One product specification the customer will buy (需求方案)."""

    product_id: str
    product_name: str
    sku_name: str
    quantity: int

    def to_wire(self) -> dict[str, Any]:
        return {"productId": self.product_id, "productName": self.product_name,
                "skuName": self.sku_name or None, "quantity": self.quantity}


def queue_solution(outbox: Outbox, demand_id: str, items: list[SolutionItem]) -> EntryView:
    if not items:
        raise DemandError("A solution needs at least one product specification.")
    for item in items:
        if not item.product_name.strip():
            raise DemandError("Every line of the solution needs a product name.")
        if item.quantity < 1:
            raise DemandError(f"{item.product_name}: the quantity must be at least 1.")
    return _queue(outbox, demand_id, DemandAction.SOLUTION,
                  {"items": [i.to_wire() for i in items]}, "编辑需求方案")


def queue_close(outbox: Outbox, demand_id: str, result: str, comment: str = "") -> EntryView:
    if result not in RESULTS:
        raise DemandError(f"Close with one of: {', '.join(RESULTS)}.")
    return _queue(outbox, demand_id, DemandAction.CLOSE,
                  {"result": result, "comment": comment.strip() or None}, f"关闭需求({result})")
