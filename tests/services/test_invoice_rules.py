"""Every invoice check accepts a good value and refuses a bad one, with its message."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from app.services.invoices.data import DraftData, DraftLine, NoticeFacts
from app.services.invoices.rules import (
    TEMPLATES,
    Finding,
    Severity,
    Stage,
    blocking,
    by_field,
    check,
    check_coverage,
)
from tests.support.invoice_data import (
    TODAY,
    cn_notice,
    good_cn_draft,
    good_intl_draft,
    intl_notice,
)


def findings(draft: DraftData, notice: NoticeFacts, **kw: object) -> list[Finding]:
    kw.setdefault("today", TODAY)
    return check(draft, notice, **kw)  # type: ignore[arg-type]


def test_good_drafts_pass_every_check() -> None:
    assert findings(good_cn_draft(), cn_notice()) == []
    assert findings(good_intl_draft(), intl_notice(), has_seal=True) == []
    submitted = good_cn_draft(invoice_no="12345678", invoice_date=date(2026, 11, 6),
                              courier_no="SF1234567890")
    assert findings(submitted, cn_notice(), stage=Stage.SUBMIT) == []


def _line(draft: DraftData, **changes: object) -> DraftData:
    return replace(draft, lines=(replace(draft.lines[0], **changes),))  # type: ignore[arg-type]


Spoil = Callable[[DraftData], DraftData]

CN_CASES: list[tuple[str, Spoil, str, str, Severity, str]] = [
    # (id, spoil, field, code, severity, a fragment of the message)
    ("total off by a cent", lambda d: _line(d, amount_excl_tax=D("30000.01"), amount=D("31800.01")),
     "total_amount", "amount.mismatch", Severity.ERROR, "differs from the notice's amount 31,800.00 by 0.01"),
    ("total zero", lambda d: replace(d, lines=(DraftLine("软件服务", D("0.06"), D("0"), D("0"), D("0")),)),
     "total_amount", "amount.not_positive", Severity.ERROR, "more than zero"),
    ("no lines", lambda d: replace(d, lines=()), "lines", "required", Severity.ERROR, "required"),
    ("line does not add up", lambda d: _line(d, tax=D("1700.00")),
     "lines", "line.sum", Severity.ERROR, "plus tax 1,700.00 is not the line amount 31,800.00"),
    ("tax not at the rate", lambda d: _line(d, amount_excl_tax=D("30800.00"), tax=D("1000.00")),
     "lines", "line.tax", Severity.WARNING, "is not 6% of 30,800.00 (that would be 1,848.00)"),
    ("item name missing", lambda d: _line(d, item_name=" "),
     "lines", "line.item_missing", Severity.ERROR, "Line 1 has no item name"),
    ("two rates on one invoice", lambda d: replace(d, lines=(*d.lines, cn_notice().lines[1])),
     "lines", "tax_rate.several", Severity.ERROR, "several tax rates (6%, 13%)"),
    ("line rate differs", lambda d: _line(d, tax_rate=D("0.13")),
     "lines", "tax_rate.line_differs", Severity.ERROR, "Line 1 has tax rate 13%, the invoice 6%"),
    ("rate not on the notice", lambda d: replace(d, tax_rate=D("0.09"), lines=(replace(d.lines[0], tax_rate=D("0.09")),)),
     "tax_rate", "tax_rate.not_on_notice", Severity.ERROR, "lists tax rates 6%, 13%, not 9%"),
    ("currency", lambda d: replace(d, currency_code="USD"),
     "currency_code", "currency.mismatch", Severity.ERROR, "notice's currency CNY, not USD"),
    ("buyer is another entity", lambda d: replace(d, buyer_name="华为技术有限公司"),
     "buyer_name", "buyer.name_mismatch", Severity.ERROR, "华为云计算技术有限公司"),
    ("buyer in full-width spaces", lambda d: replace(d, buyer_name="华为云计算技术有限公司　"),
     "buyer_name", "buyer.name_form", Severity.WARNING, "copy it exactly"),
    ("buyer tax number", lambda d: replace(d, buyer_tax_no="91520900MA6J6CBN9R"),
     "buyer_tax_no", "buyer.tax_no_mismatch", Severity.ERROR, "91520900MA6J6CBN9Q"),
    ("remarks without 申付单号", lambda d: replace(d, remarks="对账期次：202510"),
     "remarks", "remarks.requisition_missing", Severity.ERROR, "SF20251103933379"),
    ("remarks without 对账期次", lambda d: replace(d, remarks="申付单号：SF20251103933379"),
     "remarks", "remarks.period_missing", Severity.ERROR, "settlement period (对账期次) 202510"),
    ("remarks empty", lambda d: replace(d, remarks=""), "remarks", "required", Severity.ERROR, "required"),
    ("seller USCC typo", lambda d: replace(d, seller_tax_no="91440300MA5FXK3Q6E"),
     "seller_tax_no", "uscc.check_character", Severity.ERROR, "The last character is E, but the first 17 call for D"),
    ("seller USCC short", lambda d: replace(d, seller_tax_no="91440300MA5FXK3Q6"),
     "seller_tax_no", "uscc.length", Severity.ERROR, "18 characters, not 17"),
    ("seller name missing", lambda d: replace(d, seller_name=""), "seller_name", "required", Severity.ERROR, "required"),
    ("seller bank missing", lambda d: replace(d, seller_account=" "), "seller_account", "required", Severity.ERROR, "required"),
    ("buyer address missing", lambda d: replace(d, buyer_address=""), "buyer_address", "required", Severity.ERROR, "required"),
    ("date before the notice", lambda d: replace(d, invoice_date=date(2026, 11, 4)),
     "invoice_date", "date.before_notice", Severity.ERROR, "2026-11-04 is before the notice was issued (2026-11-05)"),
    ("date in the future", lambda d: replace(d, invoice_date=date(2026, 11, 21)),
     "invoice_date", "date.future", Severity.WARNING, "2026-11-21 is in the future"),
    ("invoice number format", lambda d: replace(d, invoice_no="12345"),
     "invoice_no", "invoice_no.cn_format", Severity.WARNING, "8 digits"),
    ("requisition number changed", lambda d: replace(d, requisition_no="SF1"),
     "requisition_no", "requisition.mismatch", Severity.ERROR, "SF20251103933379"),
    ("period changed", lambda d: replace(d, period="202509"),
     "period", "period.mismatch", Severity.ERROR, "202510"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("spoil", "field", "code", "severity", "fragment"),
    [case[1:] for case in CN_CASES],
    ids=[case[0] for case in CN_CASES],
)
def test_cn_checks_refuse_a_bad_value(
    spoil: Spoil, field: str, code: str, severity: Severity, fragment: str
) -> None:
    found = findings(spoil(good_cn_draft()), cn_notice())
    hits = [f for f in found if f.code == code]
    assert hits, f"{code} not found in {[f.code for f in found]}"
    assert hits[0].field == field
    assert hits[0].severity is severity
    assert fragment in hits[0].message
    assert hits[0].acknowledgeable is (severity is Severity.WARNING)


@pytest.mark.parametrize(
    ("remarks",),
    [("申付单号：SF20251103933379；对账期次：202510",), ("SF20251103933379 2025-10",),
     ("申付单号 SF20251103933379 对账期次 2025年10月",), ("ＳＦ２０２５１１０３９３３３７９／2025/10",)],
)
def test_remarks_accept_the_usual_ways_of_writing_the_period(remarks: str) -> None:
    assert findings(good_cn_draft(remarks=remarks), cn_notice()) == []


def test_the_second_rate_is_checked_against_its_own_amount() -> None:
    notice = cn_notice()
    from app.services.invoices.drafts import new_drafts
    from tests.support.invoice_data import COMPANY

    six, thirteen = new_drafts(notice, COMPANY)
    assert findings(thirteen, notice) == []
    spoiled = replace(thirteen, lines=(replace(thirteen.lines[0], amount_excl_tax=D("12884.95"),
                                               amount=D("14559.99")),))
    [hit] = [f for f in findings(spoiled, notice) if f.code == "amount.mismatch"]
    assert hit.params["expected"] == "14,560.00" and hit.params["difference"] == "-0.01"


INTL_CASES: list[tuple[str, Spoil, str, str, Severity]] = [
    ("swift malformed", lambda d: replace(d, seller_swift="CMBC-CN"), "seller_swift", "swift.format", Severity.ERROR),
    ("swift missing", lambda d: replace(d, seller_swift=""), "seller_swift", "required", Severity.ERROR),
    ("beneficiary missing", lambda d: replace(d, seller_beneficiary=""), "seller_beneficiary", "required", Severity.ERROR),
    ("bank address missing", lambda d: replace(d, seller_bank_address=""), "seller_bank_address", "required", Severity.ERROR),
    ("invoice number missing", lambda d: replace(d, invoice_no=""), "invoice_no", "required", Severity.ERROR),
    ("invoice number not digits", lambda d: replace(d, invoice_no="INV-7"), "invoice_no", "invoice_no.digits", Severity.WARNING),
    ("invoice date missing", lambda d: replace(d, invoice_date=None), "invoice_date", "required", Severity.ERROR),
    ("service item", lambda d: replace(d, service_item="Consulting"), "service_item", "service_item.unusual", Severity.WARNING),
    ("currency", lambda d: replace(d, currency_code="EUR"), "currency_code", "currency.mismatch", Severity.ERROR),
    ("InTouch No.", lambda d: replace(d, buyer_tax_no="201900001K"), "buyer_tax_no", "buyer.tax_no_mismatch", Severity.ERROR),
    ("requisition", lambda d: replace(d, requisition_no=""), "requisition_no", "required", Severity.ERROR),
    ("total", lambda d: _line(d, amount_excl_tax=D("1005.00"), amount=D("1005.00")), "total_amount", "amount.mismatch", Severity.ERROR),
]  # fmt: skip


@pytest.mark.parametrize(
    ("spoil", "field", "code", "severity"),
    [case[1:] for case in INTL_CASES],
    ids=[case[0] for case in INTL_CASES],
)
def test_intl_checks_refuse_a_bad_value(spoil: Spoil, field: str, code: str,
                                        severity: Severity) -> None:
    found = findings(spoil(good_intl_draft()), intl_notice(), has_seal=True)
    assert [(f.field, f.code, f.severity) for f in found] == [(field, code, severity)]


def test_intl_without_a_seal_is_a_warning_and_cn_needs_none() -> None:
    [seal] = findings(good_intl_draft(), intl_notice(), has_seal=False)
    assert (seal.field, seal.code, seal.severity) == ("seal", "seal.missing", Severity.WARNING)
    assert findings(good_cn_draft(), cn_notice(), has_seal=False) == []


def test_submitting_needs_the_invoice_number_and_date_and_warns_without_a_courier() -> None:
    found = findings(good_cn_draft(), cn_notice(), stage=Stage.SUBMIT)
    assert [(f.field, f.code, f.severity) for f in found] == [
        ("invoice_no", "required", Severity.ERROR),
        ("invoice_date", "required", Severity.ERROR),
        ("courier_no", "courier.missing", Severity.WARNING),
    ]


def test_a_bill_not_awaiting_an_invoice_is_a_warning() -> None:
    [hit] = findings(good_cn_draft(), cn_notice(bill_status="已付款"))
    assert (hit.code, hit.severity) == ("notice.status", Severity.WARNING)
    assert "“已付款”" in hit.message


def test_warnings_can_be_acknowledged_errors_cannot() -> None:
    draft = good_cn_draft(invoice_date=date(2026, 11, 30), buyer_name="华为云计算技术有限公司X")
    found = findings(draft, cn_notice())
    assert {f.code for f in found} == {"date.future", "buyer.name_mismatch"}
    assert {f.code for f in blocking(found, [])} == {"date.future", "buyer.name_mismatch"}
    still = blocking(found, ["date.future", "buyer.name_mismatch"])
    assert [f.code for f in still] == ["buyer.name_mismatch"]  # an error stays
    assert list(by_field(found)) == ["buyer_name", "invoice_date"]  # errors first


def test_coverage_of_a_notice_by_its_drafts() -> None:
    from app.services.invoices.drafts import new_drafts
    from tests.support.invoice_data import COMPANY

    notice = cn_notice()
    six, thirteen = new_drafts(notice, COMPANY)
    assert check_coverage(notice, [six, thirteen]) == []
    assert check_coverage(notice, []) == []
    [missing] = check_coverage(notice, [six])
    assert missing.code == "coverage.missing_rate" and "13% (14,560.00)" in missing.message
    off = replace(thirteen, lines=(replace(thirteen.lines[0], amount_excl_tax=D("12884.00"),
                                           amount=D("14559.04")),))
    [total] = check_coverage(notice, [six, off])
    assert total.code == "coverage.total" and "46,359.04" in total.message


def test_every_template_fills_from_its_params() -> None:
    """Each template names only placeholders that the checks supply (no KeyError in a message)."""
    for code, text in TEMPLATES.items():
        names = set(re.findall(r"{(\w+)}", text))
        Finding("x", Severity.ERROR, code, {n: "v" for n in names}).message  # noqa: B018
