"""Refunds during supervision (交易担保期): the 协商退订 the seller approves, and the hardware return
the seller accepts within 15 days (business-rules §1.6, §1.9).

The marketplace records a refund request on the task's operation log (操作日志), like every other
step of supervision: each entry about it carries ``refund`` (refundId, kind, amount, reason; the
wire's :class:`~app.services.marketplace.wire.RefundInfo`). :func:`refunds` reads the requests and
where each one stands from the log, oldest first; nothing is stored besides the log.

* **协商退订** (negotiated unsubscribe, §1.9): the buyer asks for an amount (0 < amount ≤ 实付金额)
  and a reason; the seller approves (同意退订: the order is unsubscribed, the money returns to the
  buyer) or refuses (拒绝退订, with a reason). The sources give no time limit for the seller's
  answer, so the console shows it as waiting for the seller, never as overdue.
* **退货退款** (hardware return, §1.6): once the returned goods reach 待验收, the seller confirms
  the return (确认验收退货) or marks 验收异常 within **15 days**; otherwise the system accepts it and
  performs the unsubscription (系统自动验收退货). The seller may also appeal (§2).

The action wording is this project's contract with the sandbox (docs/api.md), after the sources'
words where they give them; the refund is decided through the outbox like every seller action
(:func:`queue_refund_decision`).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.models.supervision import SupervisionTask
from app.services import verdicts
from app.services.marketplace.wire import parse_hw_time
from app.services.outbox.queue import ActionKind, EntryView, Outbox, QueuedFile
from app.services.supervision.actions import load_task

NEGOTIATED = "协商退订"
HARDWARE_RETURN = "退货退款"
#: The seller decides a hardware return within this many days of it reaching 待验收 (§1.6).
RETURN_ACCEPT_DAYS = 15

#: Log actions (the wording of docs/api.md) and what they mean for the request.
APPLY_ACTIONS = frozenset({"申请协商退订", "申请退货退款"})
APPROVED_ACTION = "同意退订"
REFUSED_ACTION = "拒绝退订"
RETURN_ARRIVED_ACTION = "退货待验收"
RETURN_ACCEPTED_ACTIONS = frozenset({"确认验收退货", "系统自动验收退货"})
RETURN_EXCEPTION_ACTION = "验收异常"

TARGET = "supervision_task"
ROLE_RETURN_EVIDENCE = "return_evidence"
KIND = ActionKind("supervision.refund", TARGET, "POST",
                  "/v1/seller/supervision-tasks/{target_id}/refund-decision", "Refund decision",
                  priority=45)


class RefundState(StrEnum):
    """Where a refund request stands."""

    AWAITING_APPROVAL = "awaiting_approval"  # 协商退订: the seller approves or refuses
    APPROVED = "approved"
    REFUSED = "refused"
    RETURNING = "returning"  # 退货退款: the goods are on their way back
    AWAITING_RETURN_ACCEPTANCE = "awaiting_return_acceptance"  # 待验收: 15 days to decide
    RETURN_ACCEPTED = "return_accepted"
    RETURN_EXCEPTION = "return_exception"  # 验收异常: the platform looks into it


class Decision(StrEnum):
    """What the seller can answer."""

    APPROVE = "approve"  # 同意退订
    REFUSE = "refuse"  # 拒绝退订 (a reason)
    ACCEPT_RETURN = "accept_return"  # 确认验收退货
    RETURN_EXCEPTION = "return_exception"  # 验收异常 (a reason, evidence files)


#: Which decisions a state allows.
DECISIONS: dict[RefundState, frozenset[Decision]] = {
    RefundState.AWAITING_APPROVAL: frozenset({Decision.APPROVE, Decision.REFUSE}),
    RefundState.AWAITING_RETURN_ACCEPTANCE: frozenset({Decision.ACCEPT_RETURN,
                                                       Decision.RETURN_EXCEPTION}),
}
#: Decisions that need a reason.
NEEDS_REASON = frozenset({Decision.REFUSE, Decision.RETURN_EXCEPTION})


@dataclass(frozen=True)
class Refund:
    """One refund request as the log tells it. ``due``: when the seller's time to accept a
    returned parcel runs out (hardware returns at 待验收 only); times are UTC."""

    refund_id: str
    kind: str
    amount: Decimal | None
    currency_code: str | None
    reason: str | None
    applied_at: datetime
    state: RefundState
    arrived_at: datetime | None = None
    decided_at: datetime | None = None
    due: datetime | None = None

    @property
    def waiting_for_seller(self) -> bool:
        return self.state in DECISIONS


def _time(entry: dict[str, Any]) -> datetime | None:
    with contextlib.suppress(ValueError, TypeError):
        return parse_hw_time(str(entry.get("time")))
    return None


def _amount(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def refunds(task: SupervisionTask) -> list[Refund]:
    """Every refund request on ``task``'s log, oldest first, with where it stands now."""
    found: dict[str, dict[str, Any]] = {}
    for entry in task.operation_logs or []:
        info = entry.get("refund")
        when = _time(entry)
        if not isinstance(info, dict) or not info.get("refundId") or when is None:
            continue
        rid = str(info["refundId"])
        action = str(entry.get("action") or "")
        if rid not in found:
            if action not in APPLY_ACTIONS:
                continue  # an answer to a request the log does not show: nothing to act on
            kind = str(info.get("kind") or (NEGOTIATED if "协商" in action else HARDWARE_RETURN))
            found[rid] = {
                "refund_id": rid, "kind": kind, "amount": _amount(info.get("amount")),
                "currency_code": info.get("currencyCode"), "reason": info.get("reason"),
                "applied_at": when,
                "state": (RefundState.AWAITING_APPROVAL if kind == NEGOTIATED
                          else RefundState.RETURNING),
            }
            continue
        r = found[rid]
        if action == APPROVED_ACTION:
            r.update(state=RefundState.APPROVED, decided_at=when)
        elif action == REFUSED_ACTION:
            r.update(state=RefundState.REFUSED, decided_at=when)
        elif action == RETURN_ARRIVED_ACTION:
            r.update(state=RefundState.AWAITING_RETURN_ACCEPTANCE, arrived_at=when,
                     due=when + timedelta(days=RETURN_ACCEPT_DAYS))
        elif action in RETURN_ACCEPTED_ACTIONS:
            r.update(state=RefundState.RETURN_ACCEPTED, decided_at=when, due=None)
        elif action == RETURN_EXCEPTION_ACTION:
            r.update(state=RefundState.RETURN_EXCEPTION, decided_at=when, due=None)
    return [Refund(**r) for r in found.values()]


def waiting(task: SupervisionTask) -> list[Refund]:
    """The requests waiting for the seller's answer."""
    return [r for r in refunds(task) if r.waiting_for_seller]


class RefundError(verdicts.ActionRefused):
    """A refund decision that cannot be queued."""


def queue_refund_decision(outbox: Outbox, task_id: str, refund_id: str, decision: Decision,
                          reason: str = "", evidence: list[Path] | None = None) -> EntryView:
    """Queue the seller's answer to a refund request: checked against the request's state as the
    cache knows it (the marketplace checks again)."""
    task = load_task(outbox.engine, task_id)
    request = next((r for r in refunds(task) if r.refund_id == refund_id), None)
    if request is None:
        raise RefundError(f"There is no refund request {refund_id} on task {task_id}; sync "
                          "first.")
    if decision not in DECISIONS.get(request.state, frozenset()):
        raise RefundError(f"The refund request {refund_id} is {request.state.value}: "
                          f"{decision.value} is not possible now.")
    if decision in NEEDS_REASON and not reason.strip():
        raise RefundError("Give the reason for the buyer and the platform.")
    if any(e.payload.get("refundId") == refund_id for e in outbox.open_for(TARGET, task_id)
           if e.kind == KIND.name):
        raise RefundError("An answer to this refund request is already waiting in the outbox.")
    files = [QueuedFile(Path(p), ROLE_RETURN_EVIDENCE) for p in evidence or []]
    payload = {"refundId": refund_id, "decision": decision.value,
               "reason": reason.strip() or None}
    words = {Decision.APPROVE: "同意退订", Decision.REFUSE: "拒绝退订",
             Decision.ACCEPT_RETURN: "确认验收退货", Decision.RETURN_EXCEPTION: "验收异常"}
    return outbox.enqueue(KIND.name, task_id, payload, files,
                          summary=f"{words[decision]} {refund_id} ({task.product_name})")
