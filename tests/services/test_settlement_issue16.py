"""Issue 16 §2 settlement rules: the 中资出海 formula with WHT/DST (business-rules §5.4), the partner
formula 订单现金消费 × 分成比例 with refunds deducted (§7, §5.5), and their checks against bill lines
synced from the sandbox over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal as D
from pathlib import Path

from sqlalchemy import Engine, select, update

from app import models as m
from app.cli import check_words as cw
from app.services.finance import partner_settlement as ps
from app.services.finance import reconciliation as rc
from app.services.finance import settlement as st
from app.services.finance.settlement_rules import load_rules, unconfirmed_values
from tests.sandbox_fixtures import SANDBOX_START

pytest_plugins = ("tests.support.synced_cache",)

RULES = load_rules()
Y2023 = datetime(2023, 6, 1, tzinfo=UTC)
BL, B, PB = m.BillLine.__table__, m.Bill.__table__, m.PartnerBill.__table__


def _intl(t: str, *, vat: str | None = "0.00", cwht: str | None = None, cdst: str | None = None,
          swht: str | None = None, sdst: str | None = None, v: str = "0.00",
          rules: object = RULES) -> st.LineSettlement:
    def d(x: str | None) -> D | None:
        return None if x is None else D(x)
    return st.expected_line(st.LineInput(
        product_class="通用", transaction_amount=D(t), effective_time=Y2023, voucher_amount=D(v),
        international=True, vat_amount=d(vat), customer_wht=d(cwht), customer_dst=d(cdst),
        seller_wht=d(swht), seller_dst=d(sdst)), rules)  # type: ignore[arg-type]


def test_section_5_4_international_formula_takes_customer_taxes_before_the_fee() -> None:
    """§5.4: (sales excl. VAT − WHT① − DST①) × (1 − fee) − WHT② − DST②; the old code took the fee
    of the whole transaction and ignored every tax."""
    e = _intl("1100.00", vat="100.00", cwht="100.00", cdst="30.00", swht="43.70", sdst="17.48")
    assert e.base == D("870.00")  # 1100 − 100 VAT − 100 WHT① − 30 DST①
    assert e.fee == D("43.50")  # 870 × 5%
    assert e.settlement == D("870.00") - D("43.50") - D("43.70") - D("17.48") == D("765.32")
    assert (e.customer_wht, e.customer_dst, e.seller_wht, e.seller_dst) == (
        D("100.00"), D("30.00"), D("43.70"), D("17.48"))
    assert e.international and not e.unconfirmed


def test_section_5_4_international_rounding_and_refund_mirror() -> None:
    """Each tax and the fee half-up to the cent; a refund mirrors its order exactly."""
    up = _intl("33.33", cwht="3.33", cdst="1.00", swht="0.00", sdst="0.57")
    down = _intl("-33.33", cwht="-3.33", cdst="-1.00", swht="0.00", sdst="-0.57")
    assert up.fee == D("1.45")  # 29.00 × 5% = 1.45
    assert up.settlement == D("27.55") - D("0.57") == D("26.98")
    assert down.settlement == -up.settlement and down.fee == -up.fee


def test_section_5_4_international_rates_are_unconfirmed_data() -> None:
    """A tax the line does not state comes from the rules' rate (data, marked UNCONFIRMED), else
    0: never a rate in code."""
    none = _intl("1000.00")
    assert none.settlement == D("950.00") and not none.unconfirmed
    assert RULES.international.unconfirmed and RULES.international.customer_wht_rate is None
    custom = load_rules({"international": {"customer_wht_rate": "0.10",
                                           "seller_dst_rate": "0.02"}})
    e = _intl("1000.00", rules=custom)
    assert e.customer_wht == D("100.00") and e.fee == D("45.00")
    assert e.seller_dst == D("17.10")  # 2% of 855.00
    assert e.settlement == D("837.90") and e.unconfirmed
    assert "international" in unconfirmed_values(custom)
    stated = _intl("1000.00", cwht="50.00", sdst="0.00", rules=custom)
    assert stated.customer_wht == D("50.00") and stated.seller_dst == D("0.00")


def test_section_7_partner_formula_cash_times_share_with_refunds() -> None:
    """§7: 客户服务商结算金额(含税) = 订单现金消费 × 分成比例; a refund is a negative line (§5.5)."""
    lines = [
        {"orderId": "O1", "productName": "P", "customerName": "C", "transactionAmount": "1000.00",
         "cashAmount": "900.00", "shareRatio": "0.08", "settlementAmount": "72.00",
         "lineType": "正常"},
        {"orderId": "O2", "productName": "P", "customerName": "C", "transactionAmount": "-100.05",
         "cashAmount": "-100.05", "shareRatio": "0.10", "settlementAmount": "-10.01",
         "lineType": "退订"},
        {"orderId": "O3", "productName": "P", "customerName": "C", "transactionAmount": "200.00",
         "shareRatio": "0.10", "settlementAmount": "25.00"},
    ]
    one, refund, wrong = ps.check_lines("PB1", lines)
    assert one.expected == D("72.00") and one.difference == 0  # cash, not the transaction
    assert refund.is_refund and refund.expected == D("-10.01") and refund.difference == 0
    assert not wrong.cash_stated and wrong.expected == D("20.00")
    assert wrong.difference == D("5.00")


def test_section_5_4_sandbox_international_bills_reconcile_to_the_cent(synced: Engine) -> None:
    """The sandbox serves 中资出海 bills over HTTP with VAT, WHT and DST on their lines; every line
    settles by the §5.4 formula, and a changed tax is flagged."""
    with synced.connect() as conn:
        taxed = conn.execute(select(BL.c.id, BL.c.bill_id).join(B, B.c.id == BL.c.bill_id).where(
            B.c.currency_code != "CNY", BL.c.customer_wht > D("0.00"), BL.c.seller_dst > D("0.00"))
            .order_by(BL.c.id)).all()
    assert taxed, "the sandbox serves international lines with WHT① and DST②"
    lines = st.bill_line_settlements(synced, RULES, line_ids=[r.id for r in taxed])
    assert all(x.expected is not None and x.expected.international and x.difference == 0
               for x in lines)
    line_id, bill_id = taxed[0]
    with synced.begin() as conn:
        conn.execute(update(B).where(B.c.id == bill_id).values(status="申付审核"))
        conn.execute(update(BL).where(BL.c.id == line_id).values(
            customer_wht=BL.c.customer_wht + D("1.00")))
    found = [f for f in rc.flags(synced, RULES, now=SANDBOX_START)
             if f.kind is rc.FlagKind.SETTLEMENT_MISMATCH]
    # 1.00 more WHT①: the base is 1.00 lower, the fee 0.05 lower, so 0.95 less is expected
    # (give or take a cent of the seller taxes' rounding).
    [flag] = found
    assert flag.bill_line_id == line_id and D("0.93") <= flag.difference <= D("0.97")  # type: ignore[operator]
    # the words name the §5.4 formula and its figures, not only a rate the user cannot follow
    assert flag.code == "international_settlement_differs"
    said = cw.flag_words(flag, lambda _context, text: text)
    assert "中资出海 formula (§5.4)" in said and f"is {flag.params['base']}," in said


def test_section_7_sandbox_partner_bills_with_refunds_check_per_line(synced: Engine) -> None:
    """The sandbox's partner bills (over HTTP) carry 订单现金消费 and refund lines; each line and
    each bill's amount holds by §7, and a line off the formula is flagged."""
    checks = ps.partner_bill_checks(synced)
    assert checks and all(not c.differing_lines and c.total_difference == 0 for c in checks)
    refunded = [c for c in checks if c.refunds < 0]
    assert refunded, "the sandbox serves a partner bill with a refund deducted"
    assert not [f for f in rc.flags(synced, RULES, now=SANDBOX_START)
                if f.kind is rc.FlagKind.PARTNER_SETTLEMENT_MISMATCH]
    target = refunded[0]
    with synced.begin() as conn:
        row = conn.execute(select(PB.c.lines).where(PB.c.id == target.bill_id)).scalar_one()
        lines = [dict(x) for x in row]
        lines[0]["settlementAmount"] = str(D(lines[0]["settlementAmount"]) + D("0.01"))
        conn.execute(update(PB).where(PB.c.id == target.bill_id).values(
            lines=lines, status="待开票"))
    found = {f.code: f for f in rc.flags(synced, RULES, now=SANDBOX_START)
             if f.kind is rc.FlagKind.PARTNER_SETTLEMENT_MISMATCH and f.bill_id == target.bill_id}
    assert found["partner_line_differs"].difference == D("0.01")
    assert found["partner_bill_total_differs"].difference == D("-0.01")


def test_section_6_3_and_7_invoicing_deadline_is_data_one_month_for_partners_only() -> None:
    """§6.3/§7: a 客户服务商 invoices within 1 month of the notice; the rules give sellers no
    deadline, so theirs is a setting (none unless a profile sets it)."""
    d = RULES.invoicing_deadline
    assert (d.months_for("partner"), d.months_for("seller")) == (1, None)
    assert load_rules({"invoicing_deadline": {"seller_months": 2}}).invoicing_deadline \
        .months_for("seller") == 2


def test_section_5_2_sandbox_serves_signed_for_and_notice_dates(synced: Engine) -> None:
    """The sandbox serves, over HTTP, the date Huawei signed for each invoice (never after the
    bill showed it in review, §5.2) and the date of each partner bill's invoice notice (§7)."""
    with synced.connect() as conn:
        reviewing = conn.execute(select(B.c.invoice_signed_time, B.c.remote_updated_at).where(
            B.c.status == "发票待审核")).all()
        partner = conn.execute(select(PB.c.status, PB.c.notice_time, PB.c.invoice_signed_time,
                                      PB.c.create_time)).all()
    assert reviewing and all(s is not None and s <= u for s, u in reviewing)
    waiting = [p for p in partner if p.status != "审核中"]
    assert waiting and all(p.notice_time is not None and p.notice_time > p.create_time
                           for p in waiting)
    assert any(p.invoice_signed_time is not None for p in partner)


def test_section_5_4_docs_api_states_the_proportional_voucher_the_code_deducts() -> None:
    """§5.4: docs/api.md said amount − voucher − fee; the code deducts the voucher in proportion to
    the seller's share. The document's worked example is what :func:`expected_line` computes, and
    it states the 中资出海 formula instead of calling it not implemented."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    e = st.expected_line(st.LineInput(product_class="通用", transaction_amount=D("1000.00"),
                                      effective_time=Y2023, voucher_amount=D("100.00")), RULES)
    assert e.settlement == D("855.00") and e.voucher_deduction == D("95.00")
    assert "1 000.00 − 50.00 − 95.00 = 855.00" in doc
    assert "is **not** `transactionAmount` − `voucherAmount` − fee" in doc
    assert "(WHT/DST) formula\nof §5.4 is not implemented" not in doc
    assert "`settlementAmount` = base − fee − `voucherAmount` × (1 − `feeRate`) − `sellerWht` − " \
           "`sellerDst`" in doc.replace("\n  ", " ")
