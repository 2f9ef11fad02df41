"""Customer demands (客户需求管理) over real HTTP: every transition the state allows and every
refusal, by the console's own checks and by the marketplace's."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.models.demands import Demand
from app.services.demands import actions as dm
from app.services.outbox.filestore import FileStore
from app.services.outbox.queue import Dispatcher, Outbox, OutboxPolicy
from app.services.sync.engine import SyncEngine
from tests.sandbox_fixtures import Sandbox

FAST = OutboxPolicy(max_attempts=5, base_delay_s=0.0, max_delay_s=0.0)


def sync(sb: Sandbox, cache: Engine) -> None:
    with sb.client() as client:
        assert SyncEngine(client, cache).sync(("demands",)).failure is None


def send(outbox: Outbox, sb: Sandbox) -> tuple[list[int], list[int]]:
    with sb.client() as client:
        report = Dispatcher(outbox, client, policy=FAST).send_due(ignore_schedule=True)
    return report.delivered, report.refused


def demand(cache: Engine, demand_id: str) -> Demand:
    with Session(cache, expire_on_commit=False) as s:
        found = s.get(Demand, demand_id)
    assert found is not None
    return found


def pick(cache: Engine, *, status: str, partner: bool | None = None, offer: bool | None = None,
         count: int = 1) -> list[str]:
    """Demands in ``status`` (by source and offer when given), oldest id first."""
    with Session(cache) as s:
        rows = list(s.execute(select(Demand).where(Demand.status == status)
                              .order_by(Demand.id)).scalars())
    found = [d.id for d in rows
             if (partner is None or (d.source == dm.SOURCE_PARTNER) == partner)
             and (offer is None or bool(d.offer_id) == offer)]
    assert len(found) >= count, f"need {count} {status} demands, have {len(found)}"
    return found[:count]


@pytest.fixture
def synced(own_sandbox: Sandbox, cache: Engine, tmp_path: Path) -> tuple[Sandbox, Engine, Outbox]:
    sync(own_sandbox, cache)
    return own_sandbox, cache, Outbox(cache, FileStore(tmp_path / "files"), actor="t@test",
                                      clock=lambda: sandbox_now(own_sandbox))


def sandbox_now(sb: Sandbox) -> datetime:
    """The marketplace's time: the sandbox clock moves only when a test advances it."""
    return datetime.fromisoformat(sb.admin("GET", "clock")["now"])


def pending_demands(sb: Sandbox, cache: Engine, partner: bool) -> list[str]:
    """待接收 demands with their window still open; move the clock until one arrives."""
    for _ in range(10):
        with Session(cache) as s:
            rows = list(s.execute(select(Demand).where(Demand.status == dm.PENDING_ACCEPTANCE))
                        .scalars())
        # the sandbox clock, not the wall clock, decides the window: compare with its time
        now = sandbox_now(sb)
        found = [d.id for d in rows if (d.source == dm.SOURCE_PARTNER) == partner
                 and d.accept_deadline is not None and d.accept_deadline > now]
        if found:
            return found
        sb.admin("POST", "advance", {"hours": 24})
        sync(sb, cache)
    raise AssertionError("no 待接收 demand arrived")


def test_accept_reveals_the_customer_and_allows_progress_and_solution(synced: tuple) -> None:
    sb, cache, outbox = synced
    (did, *_) = pending_demands(sb, cache, partner=False)
    before = demand(cache, did)
    assert before.customer_info is None  # hidden while 待接收
    verdicts = dm.availability(before, now=before.assign_time)
    assert verdicts[dm.DemandAction.ACCEPT].allowed
    assert verdicts[dm.DemandAction.REJECT].reason_code == "not_partner"
    assert verdicts[dm.DemandAction.PROGRESS].reason_code == "not_converting"
    accept = dm.queue_accept(outbox, did)
    # Offline work: progress and solution may be queued behind the acceptance.
    progress = dm.queue_progress(outbox, did, "已与客户电话沟通,安排演示")
    solution = dm.queue_solution(outbox, did, [dm.SolutionItem("P1", "云安全网关", "标准版", 3)])
    delivered, refused = send(outbox, sb)
    assert delivered == [accept.id, progress.id, solution.id] and refused == []
    sync(sb, cache)
    after = demand(cache, did)
    assert after.status == dm.CONVERTING
    assert after.customer_info and after.customer_info.get("customerName")
    assert [p["text"] for p in after.progress][-2:] == ["已与客户电话沟通,安排演示", "商家更新了需求方案"]
    assert after.solution == [{"productId": "P1", "productName": "云安全网关", "skuName": "标准版",
                               "quantity": 3}]


def test_reject_only_a_partners_pending_demand(synced: tuple) -> None:
    sb, cache, outbox = synced
    (did, *_) = pending_demands(sb, cache, partner=True)
    with pytest.raises(dm.DemandError, match="reason"):
        dm.queue_reject(outbox, did, " ")
    entry = dm.queue_reject(outbox, did, "不在我司服务范围")
    assert send(outbox, sb)[0] == [entry.id]
    sync(sb, cache)
    assert demand(cache, did).status == dm.REJECTED
    # The marketplace refuses rejecting a demand that is not from a partner.
    (other, *_) = pending_demands(sb, cache, partner=False)
    wrong = outbox.enqueue(dm.KINDS[dm.DemandAction.REJECT].name, other, {"reason": "x"})
    assert send(outbox, sb)[1] == [wrong.id]
    assert outbox.get(wrong.id).last_error_code == "SC.1204"


def test_close_with_a_result_but_never_a_partners_demand(synced: tuple) -> None:
    sb, cache, outbox = synced
    (mine,) = pick(cache, status=dm.CONVERTING, partner=False, offer=False)
    (theirs,) = pick(cache, status=dm.CONVERTING, partner=True)
    with pytest.raises(dm.DemandError, match="转化成功"):
        dm.queue_close(outbox, mine, "成功")
    with pytest.raises(dm.DemandError, match="cannot be closed"):
        dm.queue_close(outbox, theirs, "转化失败")
    entry = dm.queue_close(outbox, mine, "转化成功", "客户已线下签约")
    assert send(outbox, sb)[0] == [entry.id]
    sync(sb, cache)
    closed = demand(cache, mine)
    assert (closed.status, closed.close_result) == (dm.CLOSED, "转化成功")
    forced = outbox.enqueue(dm.KINDS[dm.DemandAction.CLOSE].name, theirs, {"result": "转化失败"})
    assert send(outbox, sb)[1] == [forced.id]
    assert outbox.get(forced.id).last_error_code == "SC.1204"
    # Closed: nothing else is possible, locally or at the marketplace.
    assert not any(v.allowed for v in dm.availability(closed).values())
    late = outbox.enqueue(dm.KINDS[dm.DemandAction.PROGRESS].name, mine, {"text": "再跟进"})
    assert send(outbox, sb)[1] == [late.id]
    assert outbox.get(late.id).last_error_code == "SC.1201"


def test_an_exclusive_offer_locks_the_demand(synced: tuple) -> None:
    sb, cache, outbox = synced
    with Session(cache) as s:
        locked = s.execute(select(Demand.id).where(Demand.status == dm.CONVERTING,
                                                   Demand.offer_id.is_not(None))).scalars().first()
    if locked is None:  # no converting demand has its offer yet: take a dealt one's rule instead
        (locked,) = pick(cache, status=dm.DEAL, offer=True)
    verdicts = dm.availability(demand(cache, locked))
    assert not verdicts[dm.DemandAction.SOLUTION].allowed
    forced = outbox.enqueue(dm.KINDS[dm.DemandAction.SOLUTION].name, locked,
                            {"items": [{"productName": "X", "quantity": 1}]})
    assert send(outbox, sb)[1] == [forced.id]
    assert outbox.get(forced.id).last_error_code in ("SC.1203", "SC.1201")


def test_accepting_after_the_window_is_refused(synced: tuple) -> None:
    sb, cache, outbox = synced
    (did, *_) = pending_demands(sb, cache, partner=False)
    stale = demand(cache, did)
    assert stale.accept_deadline is not None
    late = stale.accept_deadline + timedelta(minutes=1)
    assert dm.availability(stale, now=late)[dm.DemandAction.ACCEPT].reason_code == "window_passed"
    sb.admin("POST", "advance", {"hours": 24 * 6})  # the demand closes by itself meanwhile
    forced = outbox.enqueue(dm.KINDS[dm.DemandAction.ACCEPT].name, did, {"agreeRules": True})
    assert send(outbox, sb)[1] == [forced.id]
    assert outbox.get(forced.id).last_error_code in ("SC.1201", "SC.1202")
