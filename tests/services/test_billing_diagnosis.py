""""Why was this order not billed?": every reason of domain §5.3, each with the date it changes."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal as D
from typing import Any

import pytest
from sqlalchemy import Engine, insert

from app import models as m
from app.services.finance import billing_diagnosis as bd
from app.services.finance.settlement_rules import load_rules
from tests.support.orders_data import make_order, make_task

NOW = datetime(2026, 11, 28, 6, tzinfo=UTC)
RUN_DEC = datetime(2026, 12, 3, 2, tzinfo=UTC)  # 10:00 Beijing, a Thursday
PAID = datetime(2026, 11, 10, 2, tzinfo=UTC)
RULES = load_rules()
VERIFIED = load_rules({"business_info_verified": True})


def _add(engine: Engine, table: str, *rows: dict[str, Any]) -> None:
    with engine.begin() as conn:
        conn.execute(insert(m.Base.metadata.tables[table]), list(rows))


def _order(engine: Engine, oid: str, **kw: Any) -> None:
    kw.setdefault("pay_time", PAID)
    kw.setdefault("effective_time", PAID)
    _add(engine, "orders", make_order(oid, create_time=PAID, **kw))


def _check(d: bd.Diagnosis, check: bd.Check) -> bd.CheckResult:
    return next(c for c in d.checks if c.check is check)


def test_checks_run_in_the_domain_order(cache: Engine) -> None:
    _order(cache, "CS1")
    d = bd.diagnose(cache, "CS1", RULES, now=NOW)
    assert [c.check for c in d.checks] == [bd.Check.BUSINESS_INFO, bd.Check.PAYMENT,
                                          bd.Check.SUPERVISION, bd.Check.EFFECTIVE,
                                          bd.Check.ACCUMULATION]


def test_business_information_unknown_passed_failed(cache: Engine) -> None:
    _order(cache, "CS1")
    unknown = bd.diagnose(cache, "CS1", RULES, now=NOW)
    assert _check(unknown, bd.Check.BUSINESS_INFO).outcome is bd.Outcome.UNKNOWN
    assert unknown.verdict is bd.Verdict.WILL_BE_BILLED and "business_info" in unknown.message
    assert bd.diagnose(cache, "CS1", VERIFIED, now=NOW).params["unknown"] == ""
    failed = bd.diagnose(cache, "CS1", load_rules({"business_info_verified": False}), now=NOW)
    assert (failed.verdict, failed.code) == (bd.Verdict.BLOCKED, "business_info_incomplete")


def test_will_be_billed_in_the_next_run(cache: Engine) -> None:
    _order(cache, "CS1")
    d = bd.diagnose(cache, "CS1", VERIFIED, now=NOW)
    assert (d.verdict, d.expected_period, d.expected_run) == (bd.Verdict.WILL_BE_BILLED,
                                                              "202611", RUN_DEC)
    assert all(c.outcome in (bd.Outcome.PASSED, bd.Outcome.NOT_APPLICABLE) for c in d.checks)


def test_unpaid_and_cancelled(cache: Engine) -> None:
    _order(cache, "CS1", order_status="待付款", pay_time=None, effective_time=None)
    _order(cache, "CS2", order_status="已取消", pay_time=None, effective_time=None)
    unpaid = bd.diagnose(cache, "CS1", VERIFIED, now=NOW)
    assert (unpaid.verdict, unpaid.code, unpaid.expected_run) == (bd.Verdict.BLOCKED, "unpaid",
                                                                  RUN_DEC)
    assert _check(unpaid, bd.Check.PAYMENT).params["deadline"] == "2026-11-30"
    cancelled = bd.diagnose(cache, "CS2", VERIFIED, now=NOW)
    assert (cancelled.verdict, cancelled.code) == (bd.Verdict.NEVER, "cancelled")


def test_credit_not_repaid_then_repaid(cache: Engine) -> None:
    _order(cache, "CS1", repayment_status="未还款")
    d = bd.diagnose(cache, "CS1", VERIFIED, now=NOW)
    payment = _check(d, bd.Check.PAYMENT)
    assert (d.code, payment.outcome) == ("not_repaid", bd.Outcome.FAILED)
    assert payment.deadline == datetime(2026, 11, 30, 16, tzinfo=UTC)  # Dec 1, 00:00 Beijing
    assert payment.next_run == RUN_DEC
    # Repaid later: the repayment time is bounded by the last change, which decides the period.
    _order(cache, "CS2", repayment_status="已还款",
           effective_time=datetime(2026, 9, 10, tzinfo=UTC),
           remote_updated_at=datetime(2026, 11, 2, tzinfo=UTC))
    repaid = bd.diagnose(cache, "CS2", VERIFIED, now=NOW)
    assert (repaid.verdict, repaid.expected_period) == (bd.Verdict.WILL_BE_BILLED, "202611")


def test_supervision_open_says_which_run_if_it_completes_in_time(cache: Engine) -> None:
    _order(cache, "CS1", order_status="处理中", supervision_status="处理中", effective_time=None,
           delivery_type="人工服务")
    _add(cache, "supervision_tasks", make_task("SS1", "CS1", "CS1-000001"))
    d = bd.diagnose(cache, "CS1", VERIFIED, now=NOW)
    sup = _check(d, bd.Check.SUPERVISION)
    assert (d.verdict, d.code, sup.outcome) == (bd.Verdict.BLOCKED, "supervision_open",
                                                bd.Outcome.FAILED)
    assert (sup.next_run, sup.params["deadline"]) == (RUN_DEC, "2026-11-30")
    assert "2026-12-03" in d.message
    assert _check(d, bd.Check.EFFECTIVE).code == "effective_after_supervision"
    # After the period ends the same open task means the January run.
    later = bd.diagnose(cache, "CS1", VERIFIED, now=datetime(2026, 12, 1, tzinfo=UTC))
    assert _check(later, bd.Check.SUPERVISION).next_run == datetime(2027, 1, 4, 2, tzinfo=UTC)


def test_supervision_frozen_by_an_appeal(cache: Engine) -> None:
    _order(cache, "CS1", order_status="处理中", supervision_status="处理中", effective_time=None)
    _add(cache, "supervision_tasks", make_task("SS1", "CS1", "CS1-000001", frozen=True))
    assert bd.diagnose(cache, "CS1", VERIFIED, now=NOW).code == "supervision_frozen"


def test_supervision_completed_in_the_month_bills_next_month(cache: Engine) -> None:
    done = datetime(2026, 11, 20, tzinfo=UTC)
    _order(cache, "CS1", supervision_status="已完成", effective_time=done)
    _add(cache, "supervision_tasks", make_task("SS1", "CS1", "CS1-000001", status="已完成",
                                               node="服务完成", node_entered_time=done))
    d = bd.diagnose(cache, "CS1", VERIFIED, now=NOW)
    assert _check(d, bd.Check.SUPERVISION).params["completed"] == "2026-11-20"
    assert (d.verdict, d.expected_run) == (bd.Verdict.WILL_BE_BILLED, RUN_DEC)


def test_renewal_effective_later(cache: Engine) -> None:
    _order(cache, "CS1", order_type="RENEW", effective_time=datetime(2027, 1, 10, tzinfo=UTC))
    d = bd.diagnose(cache, "CS1", VERIFIED, now=NOW)
    eff = _check(d, bd.Check.EFFECTIVE)
    assert (d.code, eff.next_run) == ("effective_later", datetime(2027, 2, 3, 2, tzinfo=UTC))
    assert eff.deadline == datetime(2027, 1, 10, tzinfo=UTC)


def test_not_effective_yet(cache: Engine) -> None:
    _order(cache, "CS1", effective_time=None)
    d = bd.diagnose(cache, "CS1", VERIFIED, now=NOW)
    assert (d.verdict, d.code, d.expected_run) == (bd.Verdict.BLOCKED, "not_effective", RUN_DEC)


def test_partner_accumulation_below_and_above_1000(cache: Engine) -> None:
    _order(cache, "CS1", partner_id="PTN1", total_amount=D("600.00"))
    seller = bd.diagnose(cache, "CS1", VERIFIED, now=NOW, role="seller")
    assert _check(seller, bd.Check.ACCUMULATION).outcome is bd.Outcome.NOT_APPLICABLE
    below = bd.diagnose(cache, "CS1", VERIFIED, now=NOW, role="partner")
    acc = _check(below, bd.Check.ACCUMULATION)
    assert (below.code, acc.params["accumulated"]) == ("accumulation_below_minimum", "600.00")
    _order(cache, "CS2", partner_id="PTN1", total_amount=D("400.00"))
    _order(cache, "CS3", partner_id="PTN2", total_amount=D("5000.00"))  # another partner
    reached = bd.diagnose(cache, "CS1", VERIFIED, now=NOW, role="partner")
    assert _check(reached, bd.Check.ACCUMULATION).outcome is bd.Outcome.PASSED
    assert reached.verdict is bd.Verdict.WILL_BE_BILLED


def test_billed_overdue_refund_and_zero(cache: Engine) -> None:
    sept = datetime(2026, 9, 10, tzinfo=UTC)
    _order(cache, "CS1", effective_time=sept)
    _order(cache, "CS2", effective_time=sept)
    _order(cache, "CS3", order_type="UNSUBSCRIBE", total_amount=D("-50.00"),
           effective_time=datetime(2026, 10, 10, tzinfo=UTC))
    _order(cache, "CS4", order_type="TRIAL", total_amount=D("0.00"))
    _add(cache, "bills", {"id": "202609TY01", "period": "202609", "category": "通用商品",
                          "entity": "华为云", "currency_code": "CNY", "sales_amount": D("1"),
                          "settlement_amount": D("1"), "tax_rate": None, "requisition_no": None,
                          "status": "已付款", "create_time": sept, "remote_updated_at": sept})
    _add(cache, "bill_lines", {"id": "L1", "bill_id": "202609TY01", "order_id": "CS1",
                               "order_line_id": None, "product_id": "P", "product_name": "测试商品",
                               "charging_mode": "PERIOD", "line_type": "正常",
                               "transaction_amount": D("100.00"), "voucher_amount": D("0.00"),
                               "fee_rate": D("0.05"), "settlement_amount": D("95.00"),
                               "effective_time": sept})
    billed = bd.diagnose(cache, "CS1", VERIFIED, now=NOW)
    assert (billed.verdict, billed.bill_ids) == (bd.Verdict.BILLED, ("202609TY01",))
    overdue = bd.diagnose(cache, "CS2", VERIFIED, now=NOW)
    assert (overdue.verdict, overdue.expected_run) == (  # the 3rd was a Saturday
        bd.Verdict.OVERDUE, datetime(2026, 10, 5, 2, tzinfo=UTC))
    refund = bd.diagnose(cache, "CS3", VERIFIED, now=NOW)  # current or next month (§5.5)
    assert (refund.verdict, refund.expected_period) == (bd.Verdict.WILL_BE_BILLED, "202611")
    assert bd.diagnose(cache, "CS4", VERIFIED, now=NOW).code == "zero_amount"


def test_missing_order_and_naive_now(cache: Engine) -> None:
    with pytest.raises(bd.OrderNotFound):
        bd.diagnose(cache, "nope", RULES, now=NOW)
    with pytest.raises(ValueError):
        bd.diagnose(cache, "nope", RULES, now=datetime(2026, 11, 28))
