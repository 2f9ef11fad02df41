"""The PDFs follow docs/terms.md (issue 13 §2): the international invoice and the 开票清单 printed
with it are English, the web console's Chinese term only beside a label or heading ("Invoicing list
(开票清单)"); the CN form and its list stay Chinese. Checked on the text pypdf extracts."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from app.services.invoices.data import BillDetail
from app.services.invoices.render import Printable, Renderer
from tests.support.invoice_data import (
    COMPANY,
    cn_notice,
    good_cn_draft,
    good_intl_draft,
    intl_notice,
)

#: A Chinese term beside its English one: "(开票清单)", "(华为云云商店)"; it may wrap inside.
BESIDE = re.compile(r"[(（][^()（）]*[\u3400-\u9fff][^()（）]*[)）]")


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def _lines() -> tuple[BillDetail, ...]:
    """Bill lines with codes and Chinese stored values, as the sync stores them."""
    return (
        BillDetail("CS2510000001", "云堡垒机 专业版", "PERIOD", "正常", D("1000.00"), D("0.00"),
                   D("950.00")),
        BillDetail("CS2510000002", "云堡垒机 专业版", "ON_DEMAND", "退订", D("-100.00"), D("0.00"),
                   D("-95.00")),
        BillDetail("CS2510000003", "云堡垒机 专业版", "ONE_TIME", "负向", D("-10.00"), D("0.00"),
                   D("-9.50")),
    )  # fmt: skip


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _chinese_left(text: str, names: list[str]) -> list[str]:
    """The Chinese of ``text`` that is neither a name nor a term beside its English one."""
    flat = re.sub(r"\s+", "", text)
    for name in sorted(names, key=len, reverse=True):
        flat = flat.replace(re.sub(r"\s+", "", name), " ")
    flat = BESIDE.sub(" ", flat)
    return sorted({flat[max(0, m.start() - 12):m.end() + 12]
                   for m in re.finditer(r"[\u3400-\u9fff]+", flat)})


def test_the_international_invoice_and_its_list_speak_english(renderer: Renderer) -> None:
    notice = intl_notice(bill_lines=_lines(), bill_category="联营商品",
                         mailing_address="1 Demo Road, Singapore")
    draft = replace(good_intl_draft(notice), state="draft")
    text = _text(renderer.render([Printable(draft, notice)], COMPANY))
    # names and addresses as the seller entered or the notice sent them
    names = [line.item_name for line in notice.lines] + ["云堡垒机 专业版", COMPANY.bank,
                                                          COMPANY.name, COMPANY.address]
    assert _chinese_left(text, names) == []
    flat = re.sub(r"\s+", " ", text)
    for fragment in ("Invoicing list (开票清单)", "Requisition No. (申付单号)",
                     "Settlement period (对账期次)", "Joint-operation products", "Subscription",
                     "Pay-per-use", "One-time", "Negative", "Order No.", "Settlement amount",
                     "DRAFT", "Invoicing list · Requisition No. SF20251103000002"):
        assert fragment in flat, fragment
    assert "草稿" not in text and "包周期" not in text


def test_the_list_alone_of_an_international_notice_is_english(renderer: Renderer) -> None:
    notice = intl_notice(bill_lines=_lines())
    pdf = renderer.render_list(notice)
    assert _chinese_left(_text(pdf), ["云商店服务", "云堡垒机 专业版"]) == []
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Invoicing list SF20251103000002"


def test_the_cn_form_and_its_list_stay_chinese(renderer: Renderer) -> None:
    notice = cn_notice(bill_lines=_lines(), bill_category="联营商品")
    text = _text(renderer.render([Printable(good_cn_draft(notice), notice)], COMPANY))
    flat = re.sub(r"\s+", " ", text)
    for fragment in ("增值税专用发票", "开票清单", "申付单号", "对账期次", "账单明细", "应结算金额",
                     "包周期", "按需计费", "一次性", "退订", "联营商品"):
        assert fragment in flat, fragment
    for english in ("Requisition No.", "Settlement period", "Subscription", "Order No."):
        assert english not in flat, english
