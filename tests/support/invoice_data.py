"""Invoice notices, drafts and a company profile that pass every check, for tests to spoil."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal as D

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models import Bill, BillLine, InvoiceNotice
from app.services.invoices.data import BillDetail, Company, DraftData, DraftLine, NoticeFacts
from app.services.invoices.drafts import new_drafts

ISSUED = datetime(2026, 11, 5, 2, 0, tzinfo=UTC)  # 10:00 Beijing time on 5 November
TODAY = date(2026, 11, 20)

CN_ENTITY = {
    "name": "华为云计算技术有限公司", "taxNo": "91520900MA6J6CBN9Q",
    "address": "贵州省贵安新区黔中大道", "phone": "0851-00000000",
    "bank": "中国工商银行贵安新区支行", "account": "4000056019100216486",
}  # fmt: skip
INTL_ENTITY = {
    "name": "Sparkoo Technologies Singapore Pte. Ltd.", "taxNo": "201900000K",
    "address": "1 Demo Road, Singapore 000000",
}  # fmt: skip

COMPANY = Company(
    name="深圳市示例科技有限公司", name_en="Shenzhen Example Technology Co., Ltd.",
    tax_no="91440300MA5FXK3Q6D", address="深圳市南山区科技园 1 号", address_en="1 Science Park, Shenzhen",
    phone="0755-12345678", bank="招商银行深圳分行", account="755912345610001",
    swift="CMBCCNBS", beneficiary="Shenzhen Example Technology Co., Ltd.",
    bank_address="7088 Shennan Blvd, Shenzhen", seal_image=None,
)  # fmt: skip


def cn_notice(**changes: object) -> NoticeFacts:
    """A CN notice with two tax rates: 6% (31,800.00) and 13% (14,560.00)."""
    notice = NoticeFacts(
        notice_id="KP202510LY01", bill_id="202510LY01", requisition_no="SF20251103933379",
        period="202510", invoice_amount=D("46360.00"), currency_code="CNY", form="cn",
        entity=dict(CN_ENTITY), tax_rates=(D("0.06"), D("0.13")),
        lines=(
            DraftLine("软件服务", D("0.06"), D("30000.00"), D("1800.00"), D("31800.00")),
            DraftLine("软件产品", D("0.13"), D("12884.96"), D("1675.04"), D("14560.00")),
        ),
        issue_time=ISSUED, bill_status="待开票", mailing_address="贵州省贵安新区 发票组（收）",
    )  # fmt: skip
    return replace(notice, **changes)  # type: ignore[arg-type]


def intl_notice(**changes: object) -> NoticeFacts:
    notice = NoticeFacts(
        notice_id="KP202510LY02", bill_id="202510LY02", requisition_no="SF20251103000002",
        period="202510", invoice_amount=D("1005.20"), currency_code="USD", form="intl",
        entity=dict(INTL_ENTITY), tax_rates=(D("0.00"),),
        lines=(DraftLine("云商店服务", D("0.00"), D("1005.20"), D("0.00"), D("1005.20")),),
        issue_time=ISSUED, bill_status="待开票",
    )  # fmt: skip
    return replace(notice, **changes)  # type: ignore[arg-type]


def good_cn_draft(notice: NoticeFacts | None = None, **changes: object) -> DraftData:
    """The 6% draft of :func:`cn_notice`, complete and correct."""
    draft = new_drafts(notice or cn_notice(), COMPANY, now=ISSUED)[0]
    return replace(draft, **changes)  # type: ignore[arg-type]


def good_intl_draft(notice: NoticeFacts | None = None, **changes: object) -> DraftData:
    draft = new_drafts(notice or intl_notice(), COMPANY, now=ISSUED)[0]
    draft = replace(draft, invoice_no="20251101", invoice_date=date(2026, 11, 10))
    return replace(draft, **changes)  # type: ignore[arg-type]


def bill_details(count: int) -> tuple[BillDetail, ...]:
    return tuple(
        BillDetail(f"CS2510{n:08d}", "云堡垒机 专业版", "包年/包月", "正常", D("1000.00"), D("0.00"),
                   D("950.00"))
        for n in range(1, count + 1)
    )  # fmt: skip


def store_notice(engine: Engine, notice: NoticeFacts, bill_lines: int = 0) -> None:
    """Put a notice (and its bill) into a cache as the sync would."""
    with Session(engine) as session, session.begin():
        session.add(Bill(
            id=notice.bill_id, period=notice.period, category="联营商品", entity=notice.entity_name,
            currency_code=notice.currency_code, sales_amount=notice.invoice_amount,
            settlement_amount=notice.invoice_amount, tax_rate=None,
            requisition_no=notice.requisition_no, status=notice.bill_status,
            create_time=ISSUED, remote_updated_at=ISSUED,
            lines=[BillLine(id=f"{notice.bill_id}-{n:05d}", order_id=f"CS{n:010d}",
                            product_id="P1", product_name="云堡垒机", charging_mode="包年/包月",
                            line_type="正常", transaction_amount=D("100.00"),
                            voucher_amount=D("0.00"), settlement_amount=D("95.00"))
                   for n in range(1, bill_lines + 1)],
        ))  # fmt: skip
        session.add(InvoiceNotice(
            id=notice.notice_id, bill_id=notice.bill_id, requisition_no=notice.requisition_no,
            period=notice.period, invoice_amount=notice.invoice_amount,
            currency_code=notice.currency_code, form=notice.form,
            entity_name=notice.entity_name, entity_tax_no=notice.entity_tax_no,
            entity=notice.entity, tax_rates=[str(r) for r in notice.tax_rates],
            mailing_address=notice.mailing_address or None, e_invoice_mailbox=None,
            lines=[{"lineNo": n, "itemName": x.item_name, "taxRate": str(x.tax_rate),
                    "amount": str(x.amount), "amountExclTax": str(x.amount_excl_tax),
                    "tax": str(x.tax)} for n, x in enumerate(notice.lines, start=1)],
            issue_time=notice.issue_time, bill_status=notice.bill_status,
            remote_updated_at=notice.issue_time,
        ))  # fmt: skip
