"""Settlement arithmetic on a table of cases (Decimal, to the cent) and over the cache."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

from app import models as m
from app.services.finance import settlement as st
from app.services.finance.settlement_rules import (
    RulesError,
    load_rules,
    profile_rules_path,
    rules_for_profile,
    unconfirmed_values,
)
from tests.support.orders_data import make_line, make_order

RULES = load_rules()
BEFORE_2019 = datetime(2019, 4, 30, 15, 59, tzinfo=UTC)  # 2019-04-30 23:59 Beijing
AFTER_2019 = datetime(2019, 4, 30, 16, 0, tzinfo=UTC)  # 2019-05-01 00:00 Beijing
Y2023 = datetime(2023, 6, 1, tzinfo=UTC)
BEFORE_2024 = datetime(2024, 2, 29, 15, 59, tzinfo=UTC)
AFTER_2024 = datetime(2024, 2, 29, 16, 0, tzinfo=UTC)  # 2024-03-01 00:00 Beijing

# (case, class, T, V, effective, stated rate, monthly GMV) -> (fee, voucher deduction, settlement)
CASES = [
    ("通用 5%", "通用", "100.00", "0.00", Y2023, None, None, "5.00", "0.00", "95.00"),
    ("通用 5% half-up", "通用", "0.10", "0.00", Y2023, None, None, "0.01", "0.00", "0.09"),
    ("通用 5% rounds 0.005 up", "通用", "10.10", "0.00", Y2023, None, None, "0.51", "0.00",
     "9.59"),
    ("通用 before 2019-05-01 (unconfirmed 10%)", "通用", "100.00", "0.00", BEFORE_2019, None, None,
     "10.00", "0.00", "90.00"),
    ("通用 from 2019-05-01 00:00 Beijing", "通用", "100.00", "0.00", AFTER_2019, None, None,
     "5.00", "0.00", "95.00"),
    ("通用 voucher proportional", "通用", "1000.00", "100.00", Y2023, None, None, "50.00",
     "95.00", "855.00"),
    ("通用 voucher with odd cents", "通用", "33.33", "3.33", Y2023, None, None, "1.67", "3.16",
     "28.50"),
    ("通用 refund (negative order)", "通用", "-10.10", "0.00", Y2023, None, None, "-0.51", "0.00",
     "-9.59"),
    ("通用 refund mirrors the order", "通用", "-1000.00", "-100.00", Y2023, None, None, "-50.00",
     "-95.00", "-855.00"),
    ("联营 share from the bill line", "联营", "1000.00", "0.00", Y2023, "0.20", None, "200.00",
     "0.00", "800.00"),
    ("联营 share with voucher", "联营", "1000.00", "50.00", Y2023, "0.30", None, "300.00", "35.00",
     "665.00"),
    ("联营 refund", "联营", "-999.99", "0.00", Y2023, "0.15", None, "-150.00", "0.00", "-849.99"),
    ("严选 share", "严选", "4200.00", "0.00", Y2023, "0.15", None, "630.00", "0.00", "3570.00"),
    ("通用 tier before 2024-03-01: none", "通用", "1000.00", "0.00", BEFORE_2024, None,
     "2000000.00", "50.00", "0.00", "950.00"),
    ("通用 tier reached (150万 × 97%)", "通用", "1500000.00", "0.00", AFTER_2024, None,
     "1500000.00", "45000.00", "0.00", "1455000.00"),
    ("通用 tier not reached", "通用", "1000.00", "0.00", AFTER_2024, None, "1499999.99", "50.00",
     "0.00", "950.00"),
    ("通用 tier unknown GMV", "通用", "1000.00", "0.00", AFTER_2024, None, None, "50.00", "0.00",
     "950.00"),
]


@pytest.mark.parametrize(
    ("pclass", "t", "v", "when", "rate", "gmv", "fee", "deduction", "settlement"),
    [c[1:] for c in CASES], ids=[c[0] for c in CASES],
)
def test_expected_line_table(pclass: str, t: str, v: str, when: datetime, rate: str | None,
                             gmv: str | None, fee: str, deduction: str, settlement: str) -> None:
    got = st.expected_line(st.LineInput(
        product_class=pclass, transaction_amount=D(t), voucher_amount=D(v), effective_time=when,
        stated_rate=None if rate is None else D(rate), monthly_gmv=None if gmv is None else D(gmv),
    ), RULES)
    assert (got.fee, got.voucher_deduction, got.settlement) == (D(fee), D(deduction), D(settlement))
    assert got.settlement == got.transaction_amount - got.fee - got.voucher_deduction
    for value in (got.fee, got.voucher_deduction, got.settlement):
        assert isinstance(value, D) and value == value.quantize(D("0.01"))


def test_tiers_and_dates_are_data_not_code() -> None:
    rules = load_rules({
        "platform_fee": {"periods": [{"from": None, "rate": "0.05"}],
                         "product_rates": {"P-NEG": "0.03"}},
        "increment_share": {"tiers": [{"min_monthly_gmv": "100.00", "increment": "0.01"},
                                      {"min_monthly_gmv": "1000.00", "increment": "0.03"}]},
        "voucher": {"deduction": "full"},
    })
    line = st.LineInput("通用", D("200.00"), AFTER_2024, voucher_amount=D("10.00"),
                        monthly_gmv=D("999.99"))
    got = st.expected_line(line, rules)
    assert (got.increment, got.fee, got.voucher_deduction, got.settlement) == (
        D("0.01"), D("8.00"), D("10.00"), D("182.00"))
    top = st.expected_line(st.LineInput("通用", D("200.00"), AFTER_2024, monthly_gmv=D("1000")),
                           rules)
    assert (top.increment, top.fee) == (D("0.03"), D("4.00"))
    negotiated = st.expected_line(st.LineInput("通用", D("200.00"), AFTER_2024,
                                               product_id="P-NEG"), rules)
    assert (negotiated.rate_source, negotiated.fee) == (st.RateSource.PRODUCT_RATE, D("6.00"))


def test_joint_share_without_any_rate_is_unknown_not_guessed() -> None:
    with pytest.raises(st.RateUnknown):
        st.expected_line(st.LineInput("联营", D("100.00"), Y2023), RULES)
    rules = load_rules({"share_ratio": {"default_huawei_share": "0.25"}})
    got = st.expected_line(st.LineInput("联营", D("100.00"), Y2023), rules)
    assert (got.rate_source, got.settlement, got.unconfirmed) == (
        st.RateSource.DEFAULT_SHARE, D("75.00"), True)


def test_unconfirmed_values_are_marked_in_the_defaults() -> None:
    marked = unconfirmed_values(RULES)
    assert "increment_share" in marked and "min_accumulation" in marked
    assert "platform_fee.periods[0]" in marked  # the inferred pre-2019 10%
    assert st.expected_line(st.LineInput("通用", D("1"), BEFORE_2019), RULES).unconfirmed
    assert not st.expected_line(st.LineInput("通用", D("1"), Y2023), RULES).unconfirmed


def test_profile_override_file_and_damaged_file(tmp_path: Path) -> None:
    from app.config.paths import AppPaths

    paths = AppPaths.under(tmp_path)
    assert rules_for_profile(paths, "生产") == RULES
    target = profile_rules_path(paths, "生产")
    target.parent.mkdir(parents=True)
    target.write_text('{"business_info_verified": true, "bill_run": {"day": 7}}', "utf-8")
    rules = rules_for_profile(paths, "生产")
    assert rules.business_info_verified is True and rules.bill_run.day == 7
    assert rules.bill_run.hour == RULES.bill_run.hour  # merged over the defaults
    target.write_text("{not json", "utf-8")
    with pytest.raises(RulesError, match="cannot read"):
        rules_for_profile(paths, "生产")


def test_bill_run_rolls_to_the_next_working_day() -> None:
    assert RULES.bill_run_for("202611") == datetime(2026, 12, 3, 2, tzinfo=UTC)  # Thursday
    assert RULES.bill_run_for("202609") == datetime(2026, 10, 5, 2, tzinfo=UTC)  # 3rd: Saturday
    holiday = load_rules({"calendar": {"holidays": ["2026-12-03"]}})
    assert holiday.bill_run_for("202611") == datetime(2026, 12, 4, 2, tzinfo=UTC)
    assert RULES.calendar.add_working_days(datetime(2026, 11, 27).date(), 2).isoformat() == \
        "2026-12-01"


def _insert(engine: Engine, table: str, rows: list[dict[str, object]]) -> None:
    with engine.begin() as conn:
        conn.execute(insert(m.Base.metadata.tables[table]), rows)


def _bill(bill_id: str, category: str, when: datetime) -> dict[str, object]:
    return {"id": bill_id, "period": "202610", "category": category, "entity": "华为云计算技术有限公司",
            "currency_code": "CNY", "sales_amount": D("0.00"), "settlement_amount": D("0.00"),
            "tax_rate": D("0.06"), "requisition_no": None, "status": "待开票",
            "create_time": when, "remote_updated_at": when}


def _line(line_id: str, bill_id: str, order_id: str, t: str, v: str, rate: str | None,
          settled: str, when: datetime) -> dict[str, object]:
    return {"id": line_id, "bill_id": bill_id, "order_id": order_id,
            "order_line_id": f"{order_id}-000001", "product_id": "OFFI000000000000000001",
            "product_name": "测试商品", "charging_mode": "PERIOD", "line_type": "正常",
            "transaction_amount": D(t), "voucher_amount": D(v),
            "fee_rate": None if rate is None else D(rate), "settlement_amount": D(settled),
            "effective_time": when}


def test_order_and_bill_line_settlement_from_the_cache(cache: Engine) -> None:
    when = datetime(2026, 10, 10, tzinfo=UTC)
    _insert(cache, "orders", [
        make_order("CS1", effective_time=when, pay_time=when, total_amount=D("300.00"),
                   coupon_type="代金券"),
        make_order("CS2", effective_time=when, pay_time=when, product_class="联营",
                   total_amount=D("1000.00")),
    ])
    _insert(cache, "order_lines", [
        make_line("CS1", 1, amount_after_discount=D("100.00")),
        make_line("CS1", 2, amount_after_discount=D("200.00")),
        make_line("CS2", 1, amount_after_discount=D("1000.00")),
    ])
    unbilled = st.expected_for_order(cache, "CS1", RULES)
    assert unbilled.source is st.SettlementSource.ORDER_LINES
    assert (unbilled.fee, unbilled.settlement) == (D("15.00"), D("285.00"))
    assert unbilled.notes == ("voucher_unknown",)
    assert st.expected_for_order(cache, "CS2", RULES).unknown_lines == ("CS2-000001",)

    _insert(cache, "bills", [_bill("B1", "联营商品", when)])
    _insert(cache, "bill_lines", [_line("L1", "B1", "CS2", "1000.00", "100.00", "0.20",
                                        "700.00", when)])
    billed = st.expected_for_order(cache, "CS2", RULES)
    assert billed.source is st.SettlementSource.BILL_LINES
    assert (billed.voucher_deduction, billed.settlement) == (D("80.00"), D("720.00"))
    [line] = st.bill_line_settlements(cache, RULES, bill_id="B1")
    assert line.product_class == "联营" and line.difference == D("-20.00")
    with pytest.raises(st.OrderNotFound):
        st.expected_for_order(cache, "nope", RULES)


def test_the_2024_tier_reads_the_products_monthly_gmv_from_the_cache(cache: Engine) -> None:
    march = datetime(2026, 3, 10, tzinfo=UTC)
    april = datetime(2026, 4, 10, tzinfo=UTC)
    _insert(cache, "orders", [
        make_order("BIG1", effective_time=march, total_amount=D("1000000.00")),
        make_order("BIG2", effective_time=march, total_amount=D("500000.00")),
        make_order("REFUND", effective_time=march, total_amount=D("-900000.00")),
        make_order("APRIL", effective_time=april, total_amount=D("1000.00")),
    ])
    _insert(cache, "order_lines", [make_line("BIG2", amount_after_discount=D("500000.00")),
                                   make_line("APRIL", amount_after_discount=D("1000.00"))])
    march_order = st.expected_for_order(cache, "BIG2", RULES)  # March GMV 1.5M: +2% (refunds
    [line] = march_order.lines                                 # do not lower the paid amount)
    assert (line.increment, line.fee, march_order.settlement) == (
        D("0.02"), D("15000.00"), D("485000.00"))
    assert march_order.unconfirmed  # the tier table is unconfirmed
    [april_line] = st.expected_for_order(cache, "APRIL", RULES).lines
    assert (april_line.increment, april_line.fee) == (D("0"), D("50.00"))
