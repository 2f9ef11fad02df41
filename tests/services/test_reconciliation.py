"""Reconciliation flags on sandbox data: a real sync over HTTP, then the cache made to contain each
kind of mismatch."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from decimal import Decimal as D

import pytest
from sqlalchemy import Engine, delete, insert, select, text, update

from app import models as m
from app.models.invoices import InvoiceDraft
from app.services.finance import reconciliation as rc
from app.services.finance.settlement_rules import load_rules
from tests.sandbox_fixtures import SANDBOX_START

#: The `synced` and `synced_file` fixtures (a sandbox sync, copied per test).
pytest_plugins = ("tests.support.synced_cache",)

NOW = SANDBOX_START
RULES = load_rules()
ORD, BL, B, N = (m.Order.__table__, m.BillLine.__table__, m.Bill.__table__,
               m.InvoiceNotice.__table__)


def _flags(engine: Engine, **kw: object) -> list[rc.Flag]:
    return list(rc.flags(engine, RULES, now=kw.pop("now", NOW), **kw))  # type: ignore[arg-type]


def _billed_order(engine: Engine, category: str = "通用商品") -> tuple[str, str, str]:
    """(order id, bill id, line id) of a single-line order billed without a voucher."""
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT bl.order_id, bl.bill_id, bl.id FROM bill_lines bl JOIN bills b "
            "ON b.id = bl.bill_id WHERE b.category = :c AND bl.voucher_amount = 0 "
            "AND bl.transaction_amount > 0 AND (SELECT count(*) FROM bill_lines x "
            "WHERE x.order_id = bl.order_id) = 1 ORDER BY bl.id LIMIT 1"), {"c": category}).one()
    return str(row[0]), str(row[1]), str(row[2])


def test_sandbox_data_flags_open_supervision_and_slow_verification(synced: Engine) -> None:
    found = _flags(synced)
    open_supervision = {f.order_id for f in found if f.code in ("supervision_open",
                                                               "supervision_frozen")}
    with synced.connect() as conn:
        expected = set(conn.execute(select(ORD.c.id).where(
            ORD.c.supervision_status == "处理中", ORD.c.pay_time.is_not(None),
            ORD.c.total_amount != D("0.00"), ~select(BL.c.order_id).where(
                BL.c.order_id == ORD.c.id).exists())).scalars())
        reviewing = set(conn.execute(select(B.c.id).where(B.c.status == "发票待审核")).scalars())
    assert open_supervision == expected and expected
    for f in found:
        if f.kind is rc.FlagKind.NOT_SETTLING:
            assert f.amount is not None and f.currency_code and f.message
            assert f.due is not None and f.due > NOW
    stale = {f.bill_id for f in found if f.code == "invoice_review_overdue"}
    assert stale and stale <= reviewing
    counts = rc.summary(found)
    assert set(counts) == set(rc.FlagKind) and sum(counts.values()) == len(found)


def test_amount_mismatch_between_order_and_bill_line(synced: Engine) -> None:
    order_id, bill_id, line_id = _billed_order(synced)
    with synced.begin() as conn:
        conn.execute(update(BL).where(BL.c.id == line_id).values(
            transaction_amount=BL.c.transaction_amount + D("0.01")))
    [flag] = [f for f in _flags(synced) if f.kind is rc.FlagKind.AMOUNT_MISMATCH]
    assert (flag.code, flag.order_id, flag.bill_id) == ("order_vs_bill_lines", order_id, bill_id)
    assert flag.difference == D("0.01")
    assert flag.amount == flag.expected_amount + D("0.01")  # type: ignore[operator]


def test_settlement_mismatch_on_an_open_bill(synced: Engine) -> None:
    order_id, bill_id, line_id = _billed_order(synced)
    assert not [f for f in _flags(synced) if f.kind is rc.FlagKind.SETTLEMENT_MISMATCH]
    with synced.begin() as conn:
        conn.execute(update(B).where(B.c.id == bill_id).values(status="申付审核"))
        conn.execute(update(BL).where(BL.c.id == line_id).values(
            settlement_amount=BL.c.settlement_amount - D("1.00")))
    found = [f for f in _flags(synced) if f.kind is rc.FlagKind.SETTLEMENT_MISMATCH]
    assert [(f.bill_line_id, f.difference) for f in found] == [(line_id, D("-1.00"))]
    assert found[0].order_id == order_id and found[0].expected_amount is not None


def _invoiced_bill(engine: Engine) -> tuple[str, str]:
    with engine.connect() as conn:
        row = conn.execute(select(N.c.bill_id, N.c.id).order_by(N.c.id).limit(1)).one()
    return str(row[0]), str(row[1])


def _draft(notice_id: str, state: str, submitted: datetime | None) -> dict[str, object]:
    return {"id": f"d-{notice_id}-{state}", "notice_id": notice_id, "form": "cn",
            "tax_rate": D("0.06"), "state": state, "requisition_no": "SF1", "period": "202609",
            "currency_code": "CNY", "lines": [], "amount_excl_tax": D("1.00"),
            "tax_amount": D("0.06"), "total_amount": D("1.06"), "acknowledged": [],
            "created_at": NOW, "updated_at": NOW, "submitted_at": submitted}


def test_bill_waiting_for_invoice_without_a_draft(synced: Engine) -> None:
    bill_id, notice_id = _invoiced_bill(synced)
    _o, general_bill, _l = _billed_order(synced)
    with synced.begin() as conn:
        conn.execute(update(B).where(B.c.id.in_((bill_id, general_bill))).values(
            status="待开票", invoice_signed_time=None))
    found = {f.bill_id: f for f in _flags(synced) if f.kind is rc.FlagKind.BILL_WITHOUT_DRAFT}
    assert (found[bill_id].code, found[bill_id].notice_id) == ("no_draft", notice_id)
    assert found[general_bill].code == "no_notice"
    with synced.begin() as conn:
        conn.execute(insert(InvoiceDraft.__table__), [_draft(notice_id, "draft", None)])
    assert bill_id not in {f.bill_id for f in _flags(synced)
                           if f.kind is rc.FlagKind.BILL_WITHOUT_DRAFT}


def test_section_5_2_verification_clock_runs_from_the_signed_for_date(synced: Engine) -> None:
    """§5.2: Huawei verifies an invoice within 2 working days after it is signed for (签收); the
    seller's submission starts no clock, and the bill's last status change is not the start."""
    bill_id, notice_id = _invoiced_bill(synced)
    friday = datetime(2026, 10, 30, 8, tzinfo=UTC)  # 16:00 Beijing, a Friday
    with synced.begin() as conn:
        conn.execute(update(B).where(B.c.id == bill_id).values(status="待开票",
                                                               invoice_signed_time=None))
        conn.execute(insert(InvoiceDraft.__table__), [_draft(notice_id, "submitted", friday)])

    def mine(now: datetime) -> list[rc.Flag]:
        return [f for f in _flags(synced, now=now) if f.bill_id == bill_id]

    assert mine(datetime(2026, 11, 20, tzinfo=UTC)) == []  # submitted, not known to be signed for
    monday = datetime(2026, 11, 2, 2, tzinfo=UTC)  # signed for on Monday 10:00 Beijing
    with synced.begin() as conn:
        conn.execute(update(B).where(B.c.id == bill_id).values(invoice_signed_time=monday))
    # Monday + 2 working days = Wednesday; due at the end of Wednesday (Beijing).
    assert mine(datetime(2026, 11, 4, 15, tzinfo=UTC)) == []
    [flag] = mine(datetime(2026, 11, 4, 16, tzinfo=UTC))
    assert (flag.kind, flag.code) == (rc.FlagKind.INVOICE_NOT_VERIFIED,
                                      "submitted_invoice_not_registered")
    assert flag.draft_ids == (f"d-{notice_id}-submitted",) and flag.notice_id == notice_id
    assert flag.due == datetime(2026, 11, 4, 16, tzinfo=UTC)
    assert flag.params["since"] == "2026-11-02"
    # The bill entered 发票待审核 only yesterday: the clock still runs from the signing.
    with synced.begin() as conn:
        conn.execute(update(B).where(B.c.id == bill_id).values(
            status="发票待审核", remote_updated_at=datetime(2026, 11, 5, 2, tzinfo=UTC)))
    [review] = mine(datetime(2026, 11, 6, 2, tzinfo=UTC))
    assert review.code == "invoice_review_overdue" and review.params["since"] == "2026-11-02"


def test_section_5_2_unknown_signed_for_date_is_bounded_by_the_status_change(
        synced: Engine) -> None:
    """§5.2: the bill status lags the signing, so a bill in 发票待审核 without a signed-for date was
    signed for on or before it entered that status: flagged once even that bound is past."""
    bill_id, _notice_id = _invoiced_bill(synced)
    entered = datetime(2026, 11, 2, 2, tzinfo=UTC)  # Monday
    with synced.begin() as conn:
        conn.execute(update(B).where(B.c.id == bill_id).values(
            status="发票待审核", invoice_signed_time=None, remote_updated_at=entered))
    mine = [f for f in _flags(synced, now=datetime(2026, 11, 4, 15, tzinfo=UTC))
            if f.bill_id == bill_id]
    assert mine == []
    [flag] = [f for f in _flags(synced, now=datetime(2026, 11, 4, 16, tzinfo=UTC))
              if f.bill_id == bill_id]
    assert flag.code == "invoice_review_overdue_signed_unknown" and "on or before" in flag.message


def test_orders_that_will_not_settle_and_missed_runs(synced: Engine) -> None:
    billed_order, _bill, _line = _billed_order(synced)
    with synced.begin() as conn:
        target = conn.execute(select(ORD.c.id).where(
            ORD.c.order_status == "已完成", ORD.c.total_amount > D("0.00"),
            select(BL.c.order_id).where(BL.c.order_id == ORD.c.id).exists(),
            ORD.c.id != billed_order).order_by(ORD.c.id).limit(1)).scalar_one()
        conn.execute(delete(BL).where(BL.c.order_id.in_((target, billed_order))))
        conn.execute(update(ORD).where(ORD.c.id == target).values(repayment_status="未还款"))
    found = {f.order_id: f for f in _flags(synced)}
    assert (found[target].kind, found[target].code) == (rc.FlagKind.NOT_SETTLING, "not_repaid")
    assert found[target].due == RULES.bill_run_for("202611")
    assert (found[billed_order].kind, found[billed_order].code) == (rc.FlagKind.MISSED_RUN,
                                                                    "overdue")


def test_filter_progress_and_cancel(synced: Engine) -> None:
    only = _flags(synced, flt=rc.FlagFilter(kinds=frozenset({"not_settling"}), text="2026-12-03"))
    assert only and all(f.kind is rc.FlagKind.NOT_SETTLING and "2026-12-03" in f.message
                        for f in only)
    seen: list[tuple[str, int]] = []
    total = len(_flags(synced, progress=lambda k, n: seen.append((k, n))))
    assert seen[0] == ("not_settling", 0) and seen[-1] == ("done", total)
    stop = threading.Event()
    stop.set()
    with pytest.raises(rc.ReconciliationCancelled):
        _flags(synced, cancel=stop)


def test_currency_mismatch_between_order_and_bill(synced: Engine) -> None:
    order_id, bill_id, _line = _billed_order(synced)
    with synced.begin() as conn:
        conn.execute(update(ORD).where(ORD.c.id == order_id).values(currency_code="USD"))
    [flag] = [f for f in _flags(synced) if f.kind is rc.FlagKind.AMOUNT_MISMATCH]
    assert (flag.code, flag.order_id, flag.bill_id) == ("currency_differs", order_id, bill_id)
    assert flag.params == {"order_currency": "USD", "bill_currency": "CNY"}
    assert flag.record_ids == {"order": order_id, "bill": bill_id}
