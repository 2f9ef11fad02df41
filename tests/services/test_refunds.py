"""Refunds during supervision against the sandbox over HTTP (business-rules §1.6, §1.9): the
negotiated unsubscribe (协商退订) the seller approves or refuses, and the hardware return the seller
accepts within 15 days of it reaching 待验收 (else the system accepts it and unsubscribes)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models.supervision import SupervisionTask
from app.services.supervision import query as q
from app.services.supervision import refunds as rf
from app.services.supervision.deadlines import running_clocks
from tests.sandbox_fixtures import Sandbox
from tests.services.test_outbox import make_outbox, send, sync_tasks, task


@pytest.fixture
def staged(own_sandbox: Sandbox, cache: Engine) -> Sandbox:
    sync_tasks(own_sandbox, cache)
    return own_sandbox


def waiting(cache: Engine, state: rf.RefundState) -> list[tuple[str, rf.Refund]]:
    with Session(cache) as s:
        tasks = s.query(SupervisionTask).filter(SupervisionTask.status == "处理中").all()
        return [(t.id, r) for t in tasks for r in rf.refunds(t)
                if r.state is state and not t.frozen]


def test_a_negotiated_refund_waits_for_the_seller_and_is_approved_business_rules_1_9(
        staged: Sandbox, cache: Engine, tmp_path: Path) -> None:
    """§1.9: until supervision completes the buyer may ask for a negotiated refund; the seller
    must approve it. The sandbox's data holds such requests; the detail's clocks list it as
    waiting for the seller (no time limit is documented: a hint, never overdue); approving it
    through the outbox unsubscribes the order."""
    found = waiting(cache, rf.RefundState.AWAITING_APPROVAL)
    assert found, "the sandbox holds negotiated refunds waiting for the seller"
    tid, refund = found[0]
    assert refund.kind == rf.NEGOTIATED and refund.amount is not None and refund.amount > 0
    t = task(cache, tid)
    (clock,) = [d for d in q.deadlines(t) if d.code == "refund_approval"]
    assert clock.hint_only and clock.due == refund.applied_at
    outbox = make_outbox(cache, tmp_path)
    with pytest.raises(rf.RefundError, match="reason"):
        rf.queue_refund_decision(outbox, tid, refund.refund_id, rf.Decision.REFUSE)
    with pytest.raises(rf.RefundError, match="not possible"):
        rf.queue_refund_decision(outbox, tid, refund.refund_id, rf.Decision.ACCEPT_RETURN)
    entry = rf.queue_refund_decision(outbox, tid, refund.refund_id, rf.Decision.APPROVE)
    with pytest.raises(rf.RefundError, match="already waiting"):
        rf.queue_refund_decision(outbox, tid, refund.refund_id, rf.Decision.APPROVE)
    assert send(outbox, staged).delivered == [entry.id]
    sync_tasks(staged, cache)
    after = task(cache, tid)
    assert after.status == "已退订" and after.allowed_actions == []
    (done,) = [r for r in rf.refunds(after) if r.refund_id == refund.refund_id]
    assert done.state is rf.RefundState.APPROVED
    assert q.deadlines(after) == []  # supervision ended: no clock runs


def test_a_returned_parcel_must_be_accepted_within_15_days_business_rules_1_6(
        staged: Sandbox, cache: Engine, tmp_path: Path) -> None:
    """§1.6: a hardware return at 待验收 is accepted (or marked 验收异常) by the seller within 15
    days; the radar shows that as a real deadline. 验收异常 needs a reason; a return left alone is
    accepted by the system after 15 days and the order unsubscribed."""
    with Session(cache) as s:
        hardware = [t.id for t in s.query(SupervisionTask).filter(
            SupervisionTask.delivery_type == "硬件", SupervisionTask.status == "处理中",
            SupervisionTask.frozen.is_(False)).order_by(SupervisionTask.id)][:2]
    assert len(hardware) == 2
    for tid in hardware:  # the admin API's scenario set-up: a parcel back at 待验收 now
        staged.admin("POST", f"tasks/{tid}/stage", {"node": "用户确认验收"})
        staged.admin("POST", f"tasks/{tid}/refund", {"kind": "退货退款"})
    sync_tasks(staged, cache)
    found = [(tid, r) for tid, r in waiting(cache, rf.RefundState.AWAITING_RETURN_ACCEPTANCE)
             if tid in hardware]
    (tid, refund), (other_id, other) = found
    assert refund.kind == rf.HARDWARE_RETURN and refund.arrived_at is not None
    assert refund.due == refund.arrived_at + timedelta(days=15)
    clocks = {(k.code, k.record_id): k for k in running_clocks(cache)}
    radar = clocks[("return_acceptance", tid)]
    assert radar.due == refund.due and not radar.hint_only and not radar.reminder
    # Goods on their way back: no automatic acceptance of the delivery is promised.
    assert ("hardware_auto_accept", tid) not in clocks
    outbox = make_outbox(cache, tmp_path)
    with pytest.raises(rf.RefundError, match="reason"):
        rf.queue_refund_decision(outbox, tid, refund.refund_id, rf.Decision.RETURN_EXCEPTION)
    entry = rf.queue_refund_decision(outbox, tid, refund.refund_id,
                                     rf.Decision.RETURN_EXCEPTION, "退回设备外壳破损")
    assert send(outbox, staged).delivered == [entry.id]
    sync_tasks(staged, cache)
    marked = task(cache, tid)
    (state,) = [r for r in rf.refunds(marked) if r.refund_id == refund.refund_id]
    assert state.state is rf.RefundState.RETURN_EXCEPTION and marked.status == "处理中"
    assert "return_acceptance" not in [d.code for d in q.deadlines(marked)]
    # The other return is left alone: 15 days after it arrived the system accepts it.
    assert other.due is not None
    now = datetime.fromisoformat(staged.admin("GET", "clock")["now"])
    hours = (other.due - now).total_seconds() / 3600 + 1
    staged.admin("POST", "advance", {"hours": max(hours, 1)})
    sync_tasks(staged, cache)
    # A generated task is rebuilt by the generator, a staged one answered by manual_tasks: both
    # end the same way.
    left = task(cache, other_id)
    (last,) = [r for r in rf.refunds(left) if r.refund_id == other.refund_id]
    assert last.state is rf.RefundState.RETURN_ACCEPTED and left.status == "已退订"
