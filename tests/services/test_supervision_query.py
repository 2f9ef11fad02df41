"""The supervision task list's SQL filters (overdue from the §1.6 clocks, scenario 其他, appealed,
search) and the deadlines of one task."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models.supervision import SupervisionTask
from app.services.supervision import query as q
from tests.support.supervision_data import add_order, rich_task

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def ids_of(cache: Engine, f: q.TaskFilter) -> set[str]:
    rows = q.rows_by_rowid(cache, q.ids(cache, f, NOW))
    return {r.id for r in rows.values()}


def fill(cache: Engine) -> None:
    recent = {"order_time": NOW - timedelta(days=30)}
    add_order(cache, "CS1", [
        # Buyer idle 6 days: overdue.
        rich_task("T-BUYER-IDLE", "CS1", node="用户确认验收", node_entered_time=NOW
                  - timedelta(days=6), **recent),
        # Seller's node entered 2 days ago, order 30 days old: not overdue.
        rich_task("T-FRESH", "CS1", node_entered_time=NOW - timedelta(days=2), **recent,
                  sales_scenario="赋能云", appeals=[], appeal_status=None),
        # Ordered 200 days ago, node fresh: the 180-day reminder, not overdue (§1.6).
        rich_task("T-OLD", "CS1", node_entered_time=NOW - timedelta(days=1),
                  order_time=NOW - timedelta(days=200), sales_scenario="基地云"),
        # Platform review idle 9 days: the platform's clock, not overdue for the seller.
        rich_task("T-REVIEW", "CS1", node="华为云复核", node_owner="platform",
                  node_entered_time=NOW - timedelta(days=9), **recent, sales_scenario="1"),
        # Done long ago: never overdue.
        rich_task("T-DONE", "CS1", node="服务完成", status="已完成",
                  node_entered_time=NOW - timedelta(days=300),
                  order_time=NOW - timedelta(days=400)),
        # An appeal open.
        rich_task("T-APPEAL", "CS1", frozen=True, appeal_status="处理中",
                  node_entered_time=NOW - timedelta(days=1), **recent,
                  appeals=[{"appealId": "A", "status": "处理中", "createTime": "20261119120000"}]),
    ])


def test_overdue_is_an_idle_buyer_or_seller_node_not_the_180_day_reminder(cache: Engine) -> None:
    """business-rules §1.6: the 180-day item is KooGallery's reminder, never "overdue"."""
    fill(cache)
    assert ids_of(cache, q.TaskFilter(overdue=True)) == {"T-BUYER-IDLE"}
    longer = q.TaskFilter(overdue=True, clocks=q.Clocks(idle_days=7, unaccepted_days=365))
    assert ids_of(cache, longer) == set()


def test_scenarios_appeals_and_search(cache: Engine) -> None:
    fill(cache)
    assert ids_of(cache, q.TaskFilter(scenarios=frozenset({"赋能云"}))) == {"T-FRESH"}
    other = ids_of(cache, q.TaskFilter(scenarios=frozenset({"其他"})))
    assert other == {"T-BUYER-IDLE", "T-REVIEW", "T-DONE", "T-APPEAL"}  # "1" counts as 其他
    assert ids_of(cache, q.TaskFilter(scenarios=frozenset({"基地云", "其他"}))) == other | {"T-OLD"}
    assert ids_of(cache, q.TaskFilter(appealed="open")) == {"T-APPEAL"}
    assert "T-FRESH" not in ids_of(cache, q.TaskFilter(appealed="any"))
    assert ids_of(cache, q.TaskFilter(text="T-OLD")) == {"T-OLD"}
    assert ids_of(cache, q.TaskFilter(text="100%_")) == set()  # wildcards are literal
    assert ids_of(cache, q.TaskFilter(owners=frozenset({"platform"}))) == {"T-REVIEW"}
    assert q.distinct_values(cache, q.FilterColumn.NODE) == sorted(
        {"用户确认验收", "商家实施服务", "华为云复核", "服务完成"})
    order = list(q.rows_by_rowid(cache, q.ids(cache, q.TaskFilter(), NOW)).values())
    assert len(order) == 6


def test_deadlines_of_one_task(cache: Engine) -> None:
    fill(cache)
    with Session(cache) as s:
        idle = s.get(SupervisionTask, "T-BUYER-IDLE")
        appeal = s.get(SupervisionTask, "T-APPEAL")
        done = s.get(SupervisionTask, "T-DONE")
    assert idle is not None and appeal is not None and done is not None
    codes = [(d.code, d.passed, d.hint_only, d.reminder) for d in q.deadlines(idle, NOW)]
    assert codes == [("buyer_idle", True, True, False),
                     ("unaccepted_reminder", False, False, True)]
    (decision, _reminder) = q.deadlines(appeal, NOW)
    # Filed on Thursday 2026-11-19: three working days later is Tuesday 2026-11-24.
    assert (decision.code, decision.due.date().isoformat()) == ("appeal_decision", "2026-11-24")
    assert q.deadlines(done, NOW) == []
    idle.delivery_type = "硬件"
    idle.logistics = {"signedTime": "20261115000000", "phoneMatches": True}
    assert "hardware_auto_accept" in [d.code for d in q.deadlines(idle, NOW)]


def test_add_working_days_skips_weekends_and_keeps_the_time() -> None:
    friday = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    assert q.add_working_days(friday, 0) == friday
    assert q.add_working_days(friday, 1) == datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # Monday
    assert q.add_working_days(friday, 2) == datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # Tuesday
    assert q.add_working_days(friday, 5) == datetime(2026, 12, 4, 12, 0, tzinfo=UTC)  # Friday
    saturday = friday + timedelta(days=1)
    assert q.add_working_days(saturday, 1) == datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    thursday = datetime(2026, 11, 19, 8, 30, tzinfo=UTC)
    assert q.add_working_days(thursday, 3) == datetime(2026, 11, 24, 8, 30, tzinfo=UTC)


def test_180_day_reminder_only_from_2024_03_05_beijing_business_rules_1_6() -> None:
    """business-rules §1.6: the 180-day reminder replaced the 365-day auto-close from 2024-03-05
    00:00 (a Beijing date): earlier orders get no reminder."""
    assert q.reminder_applies(datetime(2024, 3, 4, 16, 0, tzinfo=UTC))  # 03-05 00:00 Beijing
    assert not q.reminder_applies(datetime(2024, 3, 4, 15, 59, tzinfo=UTC))
