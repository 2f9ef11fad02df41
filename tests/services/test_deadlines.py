"""The deadline radar over cache rows the test wrote itself, with a fixed clock (no Qt, no network):
each kind of clock, its due time, severity by thresholds, and one notification per deadline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

import app.models as m
from app.models.invoices import InvoiceDraft
from app.models.outbox import DeadlineReminder
from app.services.marketplace.wire import format_hw_time
from app.services.supervision.deadlines import (
    InvoiceClocks,
    Severity,
    Thresholds,
    add_months,
    running_clocks,
    take_notifications,
)
from tests.services.test_dashboard_figures import demand, fill, task

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # a Wednesday


def notice(nid: str, status: str, issued: datetime, changed: datetime) -> m.InvoiceNotice:
    return m.InvoiceNotice(
        id=nid, bill_id=f"B{nid}", requisition_no=f"SF{nid}", period="202610",
        invoice_amount=Decimal("1060.00"), currency_code="CNY", form="cn",
        entity_name="华为云计算技术有限公司", entity_tax_no="91520900MA6J6CBN9Q", entity={},
        tax_rates=["0.06"], lines=[], issue_time=issued, bill_status=status,
        remote_updated_at=changed, row_hash="x")


def partner_bill(bid: str, status: str, changed: datetime) -> m.PartnerBill:
    return m.PartnerBill(id=bid, kind="基础激励", period="202610", currency_code="CNY",
                         amount=Decimal("88.00"), tax_rate=Decimal("0.06"), status=status,
                         lines=[], create_time=changed - timedelta(days=2),
                         remote_updated_at=changed, row_hash="x")


def draft(notice_id: str, state: str) -> InvoiceDraft:
    return InvoiceDraft(id=f"D{notice_id}", notice_id=notice_id, form="cn",
                        tax_rate=Decimal("0.06"), state=state, requisition_no="SF",
                        period="202610", currency_code="CNY", lines=[],
                        amount_excl_tax=Decimal("1000.00"), tax_amount=Decimal("60.00"),
                        total_amount=Decimal("1060.00"), acknowledged=[], created_at=NOW,
                        updated_at=NOW)


def by_code(engine: Engine) -> dict[tuple[str, str], Any]:
    return {(k.code, k.record_id): k for k in running_clocks(engine, NOW)}


def test_supervision_clocks_come_from_the_task(cache: Engine) -> None:
    signed = NOW - timedelta(days=9, hours=20)
    fill(
        cache,
        task("T1", owner="buyer", node_entered_time=NOW - timedelta(days=6),
             order_time=NOW - timedelta(days=20)),
        task("T2", owner="seller", node_entered_time=NOW - timedelta(days=1),
             order_time=NOW - timedelta(days=179, hours=12)),
        task("T3", owner="buyer", delivery_type="硬件", node_entered_time=NOW,
             logistics={"courier": "顺丰", "trackingNo": "SF1", "signedTime": format_hw_time(signed),
                        "phoneMatches": True}),
        task("T4", owner="buyer", frozen=True, appeals=[
            {"appealId": "A1", "status": "处理中", "createTime": format_hw_time(
                datetime(2026, 11, 20, 9, 0, tzinfo=UTC))}]),  # a Friday
        task("T5", owner="buyer", status="已完成", node_entered_time=NOW - timedelta(days=30)),
    )
    clocks = by_code(cache)
    idle = clocks[("buyer_idle", "T1")]
    assert idle.due == NOW - timedelta(days=1) and idle.hint_only
    assert idle.severity(NOW, Thresholds()) is Severity.OVERDUE
    assert idle.record_kind == "supervision_task" and idle.label == "人工服务包"
    assert clocks[("seller_idle", "T2")].due == NOW + timedelta(days=4)
    reminder = clocks[("unaccepted_reminder", "T2")]
    assert reminder.due == NOW + timedelta(hours=12) and reminder.reminder
    assert reminder.severity(NOW, Thresholds()) is Severity.LATER  # a reminder (§1.6)
    auto = clocks[("hardware_auto_accept", "T3")]
    assert auto.due == signed + timedelta(days=10)
    assert auto.time_left(NOW) == timedelta(hours=4)
    # Filed on Friday 09:00: three working days later is Wednesday 09:00 (the weekend skipped).
    assert clocks[("appeal_decision", "T4")].due == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert not any(rid == "T5" for _code, rid in clocks)  # a finished task runs no clock
    assert ("buyer_idle", "T4") not in clocks  # a frozen task waits for the platform instead


def test_demand_acceptance_within_five_days(cache: Engine) -> None:
    fill(
        cache,
        demand("D1", deadline=NOW + timedelta(days=2)),
        demand("D2", deadline=None, assign_time=NOW - timedelta(days=4, hours=23)),
        demand("D3", status="需求转化中", deadline=NOW + timedelta(days=1)),
    )
    clocks = by_code(cache)
    assert clocks[("demand_accept", "D1")].due == NOW + timedelta(days=2)
    d2 = clocks[("demand_accept", "D2")]
    assert d2.due == NOW + timedelta(hours=1) and d2.record_kind == "demand"
    assert d2.severity(NOW, Thresholds()) is Severity.URGENT
    assert ("demand_accept", "D3") not in clocks  # accepted: no clock


def bill(bid: str, signed: datetime | None) -> m.Bill:
    return m.Bill(id=bid, period="202610", category="联营商品", entity="华为云计算技术有限公司",
                  currency_code="CNY", sales_amount=Decimal("1000.00"),
                  settlement_amount=Decimal("1060.00"), status="发票待审核",
                  create_time=NOW - timedelta(days=20), invoice_signed_time=signed,
                  remote_updated_at=NOW, row_hash="x")


def test_invoice_due_dates_as_they_land(cache: Engine) -> None:
    """§7/§6.3: 1 month from the notice for a 客户服务商; sellers have no deadline in the rules (a
    setting). §5.2: verification 2 working days after the invoice is signed for."""
    issued = datetime(2026, 10, 31, 8, 0, tzinfo=UTC)
    verifying_since = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # a Tuesday
    signed = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # a Friday
    pb1 = partner_bill("PB1", "待开票", datetime(2026, 11, 10, 0, 0, tzinfo=UTC))
    pb1.notice_time = datetime(2026, 11, 3, 0, 0, tzinfo=UTC)
    pb2 = partner_bill("PB2", "发票审核中", verifying_since)
    pb2.invoice_signed_time = signed
    fill(
        cache,
        notice("N1", "待开票", issued, issued),
        notice("N2", "待开票", issued, issued),
        notice("N3", "发票待审核", issued, verifying_since),
        notice("N4", "已付款", issued, NOW),
        notice("N5", "发票待审核", issued, verifying_since),
        bill("BN3", signed), bill("BN5", None),
        draft("N2", "submitted"),  # the invoice for N2 is on its way: its clock stopped
        pb1, pb2,
        partner_bill("PB3", "已付款", NOW),
    )
    clocks = by_code(cache)
    assert ("invoice_due", "N1") not in clocks  # the rules give sellers no deadline
    # Signed for on Friday: two working days later is Tuesday, whatever the status change says.
    assert clocks[("invoice_verification", "N3")].due == datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    unsigned = clocks[("invoice_verification_unsigned", "N5")]
    assert unsigned.hint_only and unsigned.due == datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    # From the notice (3 Nov), not from the bill's last change (10 Nov).
    assert clocks[("partner_invoice_due", "PB1")].due == datetime(2026, 12, 3, 0, 0, tzinfo=UTC)
    pb2_clock = clocks[("invoice_verification", "PB2")]
    assert pb2_clock.record_kind == "partner_bill"
    assert pb2_clock.due == datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    assert not {rid for _c, rid in clocks} & {"N4", "PB3"}

    # A seller who sets a deadline of one month gets one, from the notice.
    found = {(k.code, k.record_id): k for k in running_clocks(
        cache, NOW, invoicing=InvoiceClocks(seller_months=1))}
    due = found[("invoice_due", "N1")]
    assert due.due == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # 31 Oct + 1 month: 30 Nov
    assert due.label == "SFN1 (202610)" and due.record_kind == "invoice_notice"
    assert due.severity(NOW, Thresholds()) is Severity.LATER
    assert due.severity(NOW, Thresholds(soon_days=7)) is Severity.SOON
    assert ("invoice_due", "N2") not in found


def test_the_list_is_sorted_by_time_left(cache: Engine) -> None:
    fill(cache, demand("D1", deadline=NOW + timedelta(days=3)),
         demand("D2", deadline=NOW - timedelta(hours=1)),
         task("T1", owner="buyer", node_entered_time=NOW - timedelta(days=2)))
    clocks = running_clocks(cache, NOW)
    assert [k.time_left(NOW) for k in clocks] == sorted(k.time_left(NOW) for k in clocks)
    assert clocks[0].record_id == "D2"


def test_add_months() -> None:
    assert add_months(datetime(2026, 1, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28, tzinfo=UTC)
    assert add_months(datetime(2026, 12, 15, tzinfo=UTC), 1) == datetime(2027, 1, 15, tzinfo=UTC)


def test_each_pressing_deadline_is_notified_once(cache: Engine) -> None:
    fill(cache, demand("D1", deadline=NOW + timedelta(hours=2)),
         demand("D2", deadline=NOW + timedelta(days=10)),
         task("T1", owner="buyer", node_entered_time=NOW - timedelta(days=9)))
    clocks = running_clocks(cache, NOW)
    first = take_notifications(cache, clocks, NOW, Thresholds(), clock=lambda: NOW)
    # D2 is not pressing, and the old appeal rule (buyer idle) is a hint, never a notification.
    assert [k.record_id for k in first] == ["D1"]
    assert take_notifications(cache, running_clocks(cache, NOW), NOW, Thresholds()) == []
    with Session(cache) as s:
        assert s.execute(select(func.count()).select_from(DeadlineReminder)).scalar_one() == 1
        assert s.get(DeadlineReminder, first[0].key).notified_at == NOW
    # The deadline moves (a new acceptance deadline): a new deadline, notified again.
    with Session(cache) as s, s.begin():
        s.get(m.Demand, "D1").accept_deadline = NOW + timedelta(hours=3)
    again = take_notifications(cache, running_clocks(cache, NOW), NOW, Thresholds())
    assert [k.record_id for k in again] == ["D1"]


def test_180_day_reminder_business_rules_1_6(cache: Engine) -> None:
    """business-rules §1.6 (365-day limit, new rule from 2024-03-05 00:00): for orders placed on
    or after 2024-03-05 (Beijing date), KooGallery reminds the buyer's Huawei BD and the seller 180
    days after ordering. A reminder: never overdue or urgent, never a tray notification; older
    orders (Beijing date before 2024-03-05) get no 180-day item at all."""
    fill(
        cache,
        # 2024-03-04T16:30Z is 2024-03-05 00:30 in Beijing: under the new rule, long past 180 days.
        task("T-NEW", order_time=datetime(2024, 3, 4, 16, 30, tzinfo=UTC),
             node_entered_time=NOW),
        # 2024-03-04T15:30Z is 23:30 on 2024-03-04 in Beijing: the old rule, no reminder.
        task("T-OLD", order_time=datetime(2024, 3, 4, 15, 30, tzinfo=UTC),
             node_entered_time=NOW),
        task("T-SOON", order_time=NOW - timedelta(days=179, hours=23), node_entered_time=NOW),
    )
    clocks = by_code(cache)
    assert ("unaccepted_reminder", "T-OLD") not in clocks
    passed = clocks[("unaccepted_reminder", "T-NEW")]
    soon = clocks[("unaccepted_reminder", "T-SOON")]
    for k in (passed, soon):
        assert k.reminder and not k.hint_only
        assert k.severity(NOW, Thresholds()) is Severity.LATER
    assert passed.time_left(NOW) < timedelta(0)
    assert take_notifications(cache, [passed, soon], NOW, Thresholds(),
                              clock=lambda: NOW) == []


def test_no_hardware_auto_acceptance_when_the_phones_differ_business_rules_1_6(
        cache: Engine) -> None:
    """business-rules §1.6 / §1.5 硬件: KooGallery accepts hardware by itself 10 days after the
    courier's signature only when the recipient phone matches the buyer's. When it differs (or
    nobody says) the radar promises no acceptance: a hint (never overdue, never notified) to
    remind the buyer instead of a countdown."""
    signed = NOW - timedelta(days=12)
    logistics = {"courier": "顺丰", "trackingNo": "SF1", "signedTime": format_hw_time(signed)}
    fill(
        cache,
        task("T-DIFF", owner="buyer", delivery_type="硬件", node_entered_time=signed,
             logistics={**logistics, "phoneMatches": False}),
        task("T-UNKNOWN", owner="buyer", delivery_type="硬件", node_entered_time=signed,
             logistics=logistics),
        task("T-SAME", owner="buyer", delivery_type="硬件", node_entered_time=signed,
             logistics={**logistics, "phoneMatches": True}),
    )
    clocks = by_code(cache)
    assert ("hardware_auto_accept", "T-DIFF") not in clocks
    assert ("hardware_auto_accept", "T-UNKNOWN") not in clocks
    assert clocks[("hardware_auto_accept", "T-SAME")].due == signed + timedelta(days=10)
    mismatch = clocks[("hardware_phone_mismatch", "T-DIFF")]
    unknown = clocks[("hardware_phone_unknown", "T-UNKNOWN")]
    for k in (mismatch, unknown):
        assert k.hint_only and k.due == signed
    assert take_notifications(cache, [mismatch, unknown], NOW, Thresholds(),
                              clock=lambda: NOW) == []


def test_more_than_three_rejections_is_an_appeal_hint_business_rules_2(cache: Engine) -> None:
    """business-rules §2 / §1.6 (older rule): after more than three rejections by one side the
    other may appeal (on the 4th operation). Shown as a hint, like the 5-day one, from the time
    of the 4th rejection; three rejections are not enough."""
    rejections = [{"time": format_hw_time(NOW - timedelta(days=10 - i)), "actorRole": "buyer",
                   "action": "驳回"} for i in range(4)]
    fill(
        cache,
        task("T-FOUR", owner="seller", buyer_reject_count=4, operation_logs=rejections),
        task("T-THREE", owner="seller", buyer_reject_count=3, operation_logs=rejections[:3]),
        task("T-SELLER", owner="buyer", seller_reject_count=5),
    )
    clocks = by_code(cache)
    four = clocks[("buyer_rejections", "T-FOUR")]
    assert four.hint_only and four.due == NOW - timedelta(days=7)
    assert not any(code == "buyer_rejections" and rid == "T-THREE" for code, rid in clocks)
    assert clocks[("seller_rejections", "T-SELLER")].hint_only
    assert take_notifications(cache, [four], NOW, Thresholds(), clock=lambda: NOW) == []
