"""Plain values for invoice work: a notice's facts, a draft, its lines, the company profile.

The checks (``rules``), the PDF forms (``render``) and the views work on these frozen
dataclasses, not on ORM objects: they are safe to hand from a worker thread to the GUI thread, a
draft being edited is just ``dataclasses.replace`` of the saved one, and the checks and the forms
need no database. ``drafts`` converts between them and the cache's tables.

Every amount is an exact :class:`~decimal.Decimal` with two places; totals are derived from the
lines, so a draft can never show a total its lines do not add up to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.models.finance import Bill, InvoiceNotice
from app.models.invoices import (
    DRAFT,
    FORM_CN,
    SOURCE_CUSTOMER,
    SOURCE_NOTICE,
    SOURCE_PARTNER,
    CompanyProfile,
    CustomerInvoice,
    InvoiceDraft,
)
from app.models.partner import PartnerBill

#: The invoice kinds (发票种类) a draft can be: a VAT special invoice or an ordinary one.
SPECIAL = "专票"
ORDINARY = "普票"
#: The CN entity a 客户服务商 invoices (its partner bill names no entity; business-rules §6.3, §7).
#: Address, phone and bank are UNCONFIRMED (§9): the partner copies them from the 开票清单.
HUAWEI_CN_ENTITY = {"name": "华为云计算技术有限公司", "taxNo": "91520900MA6J6CBN9Q",
                    "account": "4000056019100216486"}

ZERO = Decimal("0.00")
#: The marketplace's dates are Beijing time (business-rules, "How to read this file"); China has
#: no daylight saving, so a fixed offset is exact (and needs no time-zone database on Windows).
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")


@dataclass(frozen=True)
class DraftLine:
    """One line of an invoice: a 劳务名称 at one rate, amounts excl. tax, tax and incl. tax."""

    item_name: str
    tax_rate: Decimal
    amount_excl_tax: Decimal
    tax: Decimal
    amount: Decimal

    def to_json(self) -> dict[str, str]:
        return {
            "item_name": self.item_name,
            "tax_rate": str(self.tax_rate),
            "amount_excl_tax": str(self.amount_excl_tax),
            "tax": str(self.tax),
            "amount": str(self.amount),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> DraftLine:
        return cls(
            item_name=str(raw.get("item_name", "")),
            tax_rate=Decimal(str(raw.get("tax_rate", "0"))),
            amount_excl_tax=Decimal(str(raw.get("amount_excl_tax", "0.00"))),
            tax=Decimal(str(raw.get("tax", "0.00"))),
            amount=Decimal(str(raw.get("amount", "0.00"))),
        )


@dataclass(frozen=True)
class BillDetail:
    """A bill line as the printed 开票清单 lists it (one order's amounts in the bill)."""

    order_id: str
    product_name: str
    charging_mode: str
    line_type: str
    transaction_amount: Decimal
    voucher_amount: Decimal
    settlement_amount: Decimal
    #: A partner bill's line: the end customer and the partner's share (分成比例, §7).
    customer_name: str = ""
    share_ratio: Decimal | None = None


@dataclass(frozen=True)
class NoticeFacts:
    """What an invoice notice (开票通知) asks for: the facts every check compares against."""

    notice_id: str
    bill_id: str
    requisition_no: str  # 申付单号
    period: str  # 对账期次
    invoice_amount: Decimal  # 开票金额
    currency_code: str
    form: str  # cn | intl
    entity: dict[str, Any]  # name, taxNo, address, phone, bank, account, returnAddress, ...
    tax_rates: tuple[Decimal, ...]
    lines: tuple[DraftLine, ...]  # the 开票清单
    issue_time: datetime
    bill_status: str
    mailing_address: str = ""
    e_invoice_mailbox: str = ""
    bill_category: str = ""
    bill_lines: tuple[BillDetail, ...] = ()
    #: Where the facts come from (``SOURCE_*``): a notice, a partner bill, a customer request.
    source: str = SOURCE_NOTICE
    #: 专票 or 普票: Huawei and 客户服务商 invoices are always 专票 (§6.3); a customer chooses.
    invoice_kind: str = SPECIAL
    #: 电子 or 纸质 for a customer's request ("" for notices: the clerk decides).
    medium: str = ""
    #: A customer request whose order has a refund pending (§6.5: no invoice meanwhile).
    refund_pending: bool = False

    @property
    def entity_name(self) -> str:
        return str(self.entity.get("name", ""))

    @property
    def entity_tax_no(self) -> str:
        return str(self.entity.get("taxNo", ""))

    @property
    def issue_date(self) -> date:
        """The day the notice was issued, in Beijing time (the marketplace's calendar)."""
        return self.issue_time.astimezone(BEIJING).date()

    def amount_for_rate(self, rate: Decimal) -> Decimal:
        """The 开票清单's amount (incl. tax) at one tax rate: what one invoice must total."""
        return sum((line.amount for line in self.lines if line.tax_rate == rate), ZERO)

    def lines_for_rate(self, rate: Decimal) -> tuple[DraftLine, ...]:
        return tuple(line for line in self.lines if line.tax_rate == rate)

    @classmethod
    def from_model(cls, notice: InvoiceNotice, bill: Bill | None = None) -> NoticeFacts:
        lines = tuple(
            DraftLine(
                item_name=str(raw.get("itemName", "")),
                tax_rate=Decimal(str(raw.get("taxRate", "0"))),
                amount_excl_tax=Decimal(str(raw.get("amountExclTax", "0.00"))),
                tax=Decimal(str(raw.get("tax", "0.00"))),
                amount=Decimal(str(raw.get("amount", "0.00"))),
            )
            for raw in notice.lines or []
        )
        details: tuple[BillDetail, ...] = ()
        if bill is not None:
            details = tuple(
                BillDetail(
                    line.order_id, line.product_name, line.charging_mode, line.line_type,
                    line.transaction_amount, line.voucher_amount, line.settlement_amount,
                )
                for line in bill.lines
            )  # fmt: skip
        return cls(
            notice_id=notice.id,
            bill_id=notice.bill_id,
            requisition_no=notice.requisition_no,
            period=notice.period,
            invoice_amount=notice.invoice_amount,
            currency_code=notice.currency_code,
            form=notice.form,
            entity=dict(notice.entity or {}),
            tax_rates=tuple(sorted(Decimal(str(r)) for r in notice.tax_rates or [])),
            lines=lines,
            issue_time=notice.issue_time,
            bill_status=notice.bill_status,
            mailing_address=notice.mailing_address or "",
            e_invoice_mailbox=notice.e_invoice_mailbox or "",
            bill_category=bill.category if bill is not None else "",
            bill_lines=details,
        )


    @classmethod
    def from_partner_bill(cls, bill: PartnerBill) -> NoticeFacts:
        """A 客户服务商 bill as the facts of its invoice to Huawei: one 专票 for the bill amount at
        the bill's rate, 申付单号 and 对账期次 in the remarks (§6.3, §7); the 开票清单 lists the
        bill's lines (the order, its 订单现金消费 and the partner's share)."""
        rate = bill.tax_rate
        excl = (bill.amount / (1 + rate)).quantize(ZERO, ROUND_HALF_UP)
        line = DraftLine("*信息技术服务*客户服务商服务费", rate, excl, bill.amount - excl, bill.amount)
        details = tuple(
            BillDetail(str(x.get("orderId", "")), str(x.get("productName", "")), "", "",
                       Decimal(str(x.get("transactionAmount", "0.00"))), ZERO,
                       Decimal(str(x.get("settlementAmount", "0.00"))),
                       customer_name=str(x.get("customerName", "")),
                       share_ratio=Decimal(str(x.get("shareRatio", "0"))))
            for x in bill.lines or []
        )  # fmt: skip
        return cls(
            notice_id=bill.id, bill_id=bill.id, requisition_no=bill.requisition_no or "",
            period=bill.period, invoice_amount=bill.amount, currency_code=bill.currency_code,
            form=FORM_CN, entity=dict(HUAWEI_CN_ENTITY), tax_rates=(rate,), lines=(line,),
            issue_time=bill.remote_updated_at, bill_status=bill.status,
            bill_category=bill.kind, bill_lines=details, source=SOURCE_PARTNER,
        )  # fmt: skip

    @classmethod
    def from_customer_request(cls, req: CustomerInvoice) -> NoticeFacts:
        """A customer's invoice request (§6.5) as the facts of the seller's invoice to them: the
        full order amount at the product's rate, made out to the title (抬头) of the request."""
        rate = req.tax_rate
        excl = (req.amount / (1 + rate)).quantize(ZERO, ROUND_HALF_UP)
        item = f"*{req.tax_item}*{req.product_name}" if req.tax_item else req.product_name
        line = DraftLine(item, rate, excl, req.amount - excl, req.amount)
        entity = {"name": req.title, "taxNo": req.tax_no, "address": req.buyer_address,
                  "phone": req.buyer_phone, "bank": req.buyer_bank, "account": req.buyer_account}
        return cls(
            notice_id=req.id, bill_id=req.order_id, requisition_no="", period="",
            invoice_amount=req.amount, currency_code=req.currency_code, form=FORM_CN,
            entity=entity, tax_rates=(rate,), lines=(line,), issue_time=req.apply_time,
            bill_status=req.status,
            mailing_address=" ".join(x for x in (req.mailing_address, req.recipient,
                                                  req.recipient_phone) if x),
            e_invoice_mailbox=req.email, source=SOURCE_CUSTOMER,
            invoice_kind=req.invoice_type, medium=req.medium, refund_pending=req.refund_pending,
        )  # fmt: skip


@dataclass(frozen=True)
class Company:
    """The seller's company profile (公司信息) as the forms print it."""

    name: str = ""
    name_en: str = ""
    tax_no: str = ""
    address: str = ""
    address_en: str = ""
    phone: str = ""
    bank: str = ""
    account: str = ""
    swift: str = ""
    beneficiary: str = ""
    bank_address: str = ""
    seal_image: bytes | None = field(default=None, repr=False)
    seal_file_name: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.tax_no)

    @classmethod
    def from_model(cls, row: CompanyProfile | None) -> Company:
        if row is None:
            return cls()
        return cls(**{f: getattr(row, f) for f in COMPANY_FIELDS})


COMPANY_FIELDS = tuple(Company.__dataclass_fields__)


@dataclass(frozen=True)
class DraftData:
    """An invoice draft as values. ``lines`` decide the totals (:attr:`total_amount` ...)."""

    id: str
    notice_id: str
    form: str
    tax_rate: Decimal
    requisition_no: str
    period: str
    currency_code: str
    lines: tuple[DraftLine, ...] = ()
    state: str = DRAFT
    seller_name: str = ""
    seller_tax_no: str = ""
    seller_address: str = ""
    seller_phone: str = ""
    seller_bank: str = ""
    seller_account: str = ""
    seller_swift: str = ""
    seller_beneficiary: str = ""
    seller_bank_address: str = ""
    buyer_name: str = ""
    buyer_tax_no: str = ""
    buyer_address: str = ""
    buyer_phone: str = ""
    buyer_bank: str = ""
    buyer_account: str = ""
    service_item: str = ""
    remarks: str = ""
    acknowledged: frozenset[str] = frozenset()
    invoice_no: str = ""
    invoice_date: date | None = None
    courier_no: str = ""
    source: str = SOURCE_NOTICE
    red_letter_no: str = ""
    red_letter_info_no: str = ""
    red_letter_date: date | None = None
    outbox_key: str | None = None
    last_error: str | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    printed_at: datetime | None = None
    submitted_at: datetime | None = None

    @property
    def is_cn(self) -> bool:
        return self.form == FORM_CN

    @property
    def amount_excl_tax(self) -> Decimal:
        return sum((line.amount_excl_tax for line in self.lines), ZERO)

    @property
    def tax_amount(self) -> Decimal:
        return sum((line.tax for line in self.lines), ZERO)

    @property
    def total_amount(self) -> Decimal:
        """价税合计 / INVOICE AMOUNT: the sum of the lines, incl. tax."""
        return sum((line.amount for line in self.lines), ZERO)

    @classmethod
    def from_model(cls, row: InvoiceDraft) -> DraftData:
        values = {f: getattr(row, f) for f in _PLAIN_FIELDS}
        return cls(
            **values,
            lines=tuple(DraftLine.from_json(raw) for raw in row.lines or []),
            acknowledged=frozenset(row.acknowledged or []),
        )

    def apply_to(self, row: InvoiceDraft) -> None:
        """Write these values into a table row (totals derived from the lines)."""
        for name in _PLAIN_FIELDS:
            setattr(row, name, getattr(self, name))
        row.lines = [line.to_json() for line in self.lines]
        row.acknowledged = sorted(self.acknowledged)
        row.amount_excl_tax = self.amount_excl_tax
        row.tax_amount = self.tax_amount
        row.total_amount = self.total_amount


#: Fields stored as they are (the lines, acknowledgements and totals are converted).
_PLAIN_FIELDS = tuple(
    name for name in DraftData.__dataclass_fields__ if name not in ("lines", "acknowledged")
)
