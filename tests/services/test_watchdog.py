"""The interface watchdog (issue 14 §3): KooGallery's failed calls to the seller's production
interface, their cliffs (interfaces.md §2.11) and 重新启动 through the outbox over real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models.integration import InterfaceMessage
from app.services.integration import watchdog as wd
from app.services.outbox.filestore import FileStore
from app.services.outbox.queue import Dispatcher, Outbox, OutboxPolicy
from app.services.sync.engine import SyncEngine
from tests.sandbox_fixtures import Sandbox

NOW = datetime(2026, 11, 1, 0, 0, tzinfo=UTC)  # 08:00 on 1 November in Beijing
FAST = OutboxPolicy(max_attempts=5, base_delay_s=0.0, max_delay_s=0.0)


def message(mid: str, *, activity: str = "newInstance", status: str = wd.RETRYING,
            call: datetime = NOW - timedelta(minutes=30), until: datetime | None | str = "auto",
            product: str = "P1", order: str | None = None) -> InterfaceMessage:
    if until == "auto":
        until = call + timedelta(hours=3 if activity == "newInstance" else 1)
    return InterfaceMessage(
        id=mid, activity=activity, order_id=order or f"CS{mid}", order_line_id=None,
        instance_id=None, product_id=product, production_url="https://isv.example/produce",
        call_time=call, http_status=504, result_code=None, error_message="timeout",
        retry_count=1, retry_until=until, status=status, remote_updated_at=call)


def store(cache: Engine, *messages: InterfaceMessage) -> None:
    with Session(cache) as s, s.begin():
        s.add_all(messages)


def test_a_failed_new_instance_runs_towards_the_automatic_refund(cache: Engine) -> None:
    """§2.11: newInstance retried ~3 h, then unsubscribed and refunded automatically; any other
    activity just stops being retried (the seller must call it again)."""
    store(cache,
          message("A", activity="newInstance", call=NOW - timedelta(hours=2, minutes=50)),
          message("B", activity="refreshInstance", call=NOW - timedelta(minutes=10)),
          message("C", activity="newInstance", status=wd.FAILED, call=NOW - timedelta(hours=5)),
          message("D", activity="releaseInstance", status=wd.FAILED,
                  call=NOW - timedelta(hours=4)),
          message("E", activity="upgradeInstance", status=wd.SUCCEEDED))
    items = {i.id: i for i in wd.watch_list(cache, NOW)}
    assert items["A"].cliff is wd.Cliff.REFUND and items["A"].stage is wd.Stage.RETRYING
    assert items["A"].time_left(NOW) == timedelta(minutes=10)
    assert items["B"].cliff is wd.Cliff.RETRIES_STOP
    assert items["C"].stage is wd.Stage.REFUNDED
    assert items["D"].stage is wd.Stage.CALL_AGAIN
    assert items["E"].stage is wd.Stage.RESOLVED
    assert wd.needing_action(cache, NOW) == 3  # A, B, D


def test_sorted_by_the_cliff_soonest_first(cache: Engine) -> None:
    """§3 of issue 14: the list is sorted by the cliff: open windows by time left, then the calls
    waiting for 重新启动, then refunded and resolved ones."""
    store(cache,
          message("late", call=NOW - timedelta(minutes=5)),  # 2 h 55 left
          message("soon", activity="refreshInstance", call=NOW - timedelta(minutes=50)),  # 10 min
          message("done", status=wd.RESTARTED, call=NOW - timedelta(hours=1)),
          message("stuck", activity="refreshInstance", status=wd.FAILED,
                  call=NOW - timedelta(days=2)),
          message("refunded", status=wd.FAILED, call=NOW - timedelta(days=1)))
    assert [i.id for i in wd.watch_list(cache, NOW)] == ["soon", "late", "stuck", "refunded",
                                                         "done"]


def test_a_window_past_its_end_has_run_out_even_before_the_next_sync(cache: Engine) -> None:
    """§2.11: the cache may still say 重试中 after KooGallery's window ended; the cliff decides."""
    store(cache, message("X", activity="newInstance", call=NOW - timedelta(hours=4)))
    (item,) = wd.watch_list(cache, NOW)
    assert item.message.status == wd.RETRYING and item.stage is wd.Stage.REFUNDED


def test_without_retry_until_the_window_is_estimated_and_says_so(cache: Engine) -> None:
    """§2.11 (UNCONFIRMED 1-hour windows): a message without retryUntil gets the table's window
    and is marked as an estimate."""
    store(cache, message("N", activity="updateInstanceStatus", until=None,
                         call=NOW - timedelta(minutes=15)))
    (item,) = wd.watch_list(cache, NOW)
    assert item.estimated and item.retry_until == NOW + timedelta(minutes=45)
    assert not wd.RETRY_WINDOWS["updateInstanceStatus"].confirmed
    assert wd.RETRY_WINDOWS["newInstance"] == wd.RetryWindow(3, True)


def test_failures_are_counted_per_product_and_beijing_month(cache: Engine) -> None:
    """§2.11 "more than 5 failed orders in a month" (UNCONFIRMED threshold, a setting), counted
    in Beijing months: 31 Oct 16:30 UTC is already November in Beijing. An order counts once."""
    store(cache,
          message("m1", call=datetime(2026, 10, 31, 15, 59, tzinfo=UTC)),  # 23:59 Oct 31 Beijing
          message("m2", call=datetime(2026, 10, 31, 16, 30, tzinfo=UTC)),  # 00:30 Nov 1 Beijing
          message("m3", call=datetime(2026, 10, 31, 17, 0, tzinfo=UTC)),
          message("m4", call=datetime(2026, 10, 31, 18, 0, tzinfo=UTC), order="CSm3"),
          message("m5", call=datetime(2026, 10, 31, 19, 0, tzinfo=UTC), product="P2"))
    policy = wd.Policy(threshold=1, alert_at=1)
    found = {(p.product_id, p.month): p for p in wd.monthly_failures(cache, policy)}
    assert found[("P1", "2026-10")].failures == 1
    nov = found[("P1", "2026-11")]
    assert nov.failures == 2 and nov.over and nov.left == 0  # m2 and m3 (m4: m3's order again)
    assert found[("P2", "2026-11")].near and not found[("P2", "2026-11")].over
    assert wd.next_beijing_month("2026-11") == datetime(2026, 11, 30, 16, tzinfo=UTC)
    items = {i.id: i for i in wd.watch_list(cache, NOW)}
    assert items["m2"].month == "2026-11" and items["m2"].month_failures == 2


def test_call_again_is_refused_locally_where_it_makes_no_sense(cache: Engine, tmp_path: Path) -> None:
    """§2.11: a refunded newInstance is not called again; a resolved call has nothing to redo;
    a second call-again waits for the first."""
    store(cache, message("R", status=wd.FAILED, call=NOW - timedelta(hours=5)),
          message("S", status=wd.SUCCEEDED),
          message("T", activity="refreshInstance", status=wd.FAILED,
                  call=NOW - timedelta(hours=5)))
    outbox = Outbox(cache, FileStore(tmp_path / "files"), actor="t@test", clock=lambda: NOW)
    with pytest.raises(wd.WatchdogError) as refunded:
        wd.queue_call_again(outbox, "R")
    assert refunded.value.failure_code == "refunded"
    with pytest.raises(wd.WatchdogError) as resolved:
        wd.queue_call_again(outbox, "S")
    assert resolved.value.failure_code == "resolved"
    wd.queue_call_again(outbox, "T")
    with pytest.raises(wd.WatchdogError) as waiting:
        wd.queue_call_again(outbox, "T")
    assert waiting.value.failure_code == "waiting"
    with pytest.raises(wd.WatchdogError) as unknown:
        wd.queue_call_again(outbox, "nope")
    assert unknown.value.failure_code == "unknown_message"


# -- against the sandbox, over real HTTP -------------------------------------------------------------


def sync(sb: Sandbox, cache: Engine) -> None:
    with sb.client() as client:
        assert SyncEngine(client, cache).sync(("orders", "interface_messages")).failure is None


def sandbox_now(sb: Sandbox) -> datetime:
    return datetime.fromisoformat(sb.admin("GET", "clock")["now"])


def test_call_again_through_the_outbox_against_the_sandbox(own_sandbox: Sandbox, cache: Engine,
                                                          tmp_path: Path) -> None:
    """重新启动 (§2.11) queued in the outbox, sent over HTTP, the message 已重新启动 after the next
    sync; the marketplace refuses a refunded newInstance (SC.1302) and a resolved call (SC.1301);
    the clock's advance leaves a message the seller acted on as it is."""
    sb = own_sandbox
    planted = sb.admin("POST", "interface-incident", {})
    sync(sb, cache)
    now = sandbox_now(sb)
    items = {i.id: i for i in wd.watch_list(cache, now) if i.id in planted["messageIds"]}
    stages = sorted({i.stage.value for i in items.values()})
    assert stages == ["call_again", "refunded", "resolved", "retrying"]
    # all in one Beijing month: the product is past the (UNCONFIRMED) threshold of 5
    (month,) = {i.month for i in items.values()}
    product = next(p for p in wd.monthly_failures(cache, month=month)
                   if p.product_id == planted["productId"])
    assert product.failures >= 7 and product.over and product.product_name
    outbox = Outbox(cache, FileStore(tmp_path / "files"), actor="t@test", clock=lambda: now)
    target = next(i for i in items.values() if i.stage is wd.Stage.CALL_AGAIN)
    retrying = next(i for i in items.values() if i.stage is wd.Stage.RETRYING)
    refunded = next(i for i in items.values() if i.stage is wd.Stage.REFUNDED)
    resolved = next(i for i in items.values() if i.stage is wd.Stage.RESOLVED)
    first = wd.queue_call_again(outbox, target.id)
    second = wd.queue_call_again(outbox, retrying.id)  # after a fix, no need to wait for a retry
    forced = outbox.enqueue(wd.CALL_AGAIN_KIND.name, refunded.id, {})
    pointless = outbox.enqueue(wd.CALL_AGAIN_KIND.name, resolved.id, {})
    with sb.client() as client:
        report = Dispatcher(outbox, client, policy=FAST).send_due(ignore_schedule=True)
    assert sorted(report.delivered) == sorted([first.id, second.id])
    assert sorted(report.refused) == sorted([forced.id, pointless.id])
    assert outbox.get(forced.id).last_error_code == "SC.1302"
    assert outbox.get(pointless.id).last_error_code == "SC.1301"
    sync(sb, cache)
    after = {i.id: i for i in wd.watch_list(cache, now)}
    assert after[target.id].message.status == wd.RESTARTED
    assert after[target.id].stage is wd.Stage.RESOLVED
    assert after[retrying.id].message.status == wd.RESTARTED
    sb.admin("POST", "advance", {"hours": 24})
    sync(sb, cache)
    assert wd.find(cache, target.id).message.status == wd.RESTARTED


def test_the_deadline_radar_alerts_before_each_cliff(cache: Engine) -> None:
    """Issue 14 §3 "tray alerts before each cliff": open retry windows are clocks of the radar
    (refund for newInstance, §2.11), and a product at the alert level of the delisting rule is
    pressing (urgent, notified once per product and Beijing month)."""
    from app.services.supervision.deadlines import (
        Severity,
        Thresholds,
        running_clocks,
        take_notifications,
    )

    store(cache, *(message(f"p{n}", activity="refreshInstance", status=wd.FAILED,
                           call=NOW - timedelta(hours=2 + n)) for n in range(3)),
          message("open", call=NOW - timedelta(minutes=30)))
    policy = wd.Policy(threshold=5, alert_at=4)
    clocks = {(k.code, k.record_id): k for k in running_clocks(cache, NOW, interface_policy=policy)}
    refund = clocks[("interface_refund", "open")]
    assert refund.due == NOW + timedelta(hours=2, minutes=30)
    assert ("interface_delisting", "P1") in clocks  # 4 failed orders this month: alert level
    flagged = clocks[("interface_delisting", "P1")]
    assert flagged.severity(NOW, Thresholds()) is Severity.URGENT
    assert flagged.due == datetime(2026, 11, 30, 16, tzinfo=UTC)
    fresh = take_notifications(cache, clocks.values(), NOW, Thresholds())
    assert {k.code for k in fresh} == {"interface_refund", "interface_delisting"}
    assert take_notifications(cache, clocks.values(), NOW, Thresholds()) == []
    quiet = running_clocks(cache, NOW, interface_policy=wd.Policy(threshold=5, alert_at=5))
    assert not any(k.code == "interface_delisting" for k in quiet)
