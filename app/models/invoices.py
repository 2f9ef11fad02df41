"""Invoice drafts (发票草稿) the seller prepares offline, and the seller's company profile.

An :class:`InvoiceDraft` is the seller's invoice to Huawei for one tax rate of one invoice notice
(开票通知, business-rules §6.2-§6.4): a China-mainland VAT special invoice information form
(增值税专用发票, ``form = "cn"``) or an international invoice (``form = "intl"``). The seller and
buyer details are copied into the draft when it is made, because an invoice records the parties
as they were when it was issued; a later change of the company profile does not rewrite a draft
that was already printed. Amounts are :class:`~app.models.base.Money` (exact Decimal, integer
cents in the table); the 开票清单 lines of the draft are kept as JSON with amounts as exact
decimal strings.

The :class:`CompanyProfile` is the seller's own company (name, 统一社会信用代码 / VAT number,
address, bank, SWIFT, seal). It lives in the cache because each console profile is a different
marketplace account, and so a different company; there is one row (``id = 1``).

States of a draft, in the order a clerk meets them (:data:`DRAFT_STATES`)::

    draft -> printed -> submitted -> accepted
                 \\-> (edited again: back to draft)     submitted -> refused -> draft
                                       refused (issued, sent back: 退票) -> red_lettered

``submitted`` means queued in the outbox (it may still be offline); ``accepted`` and ``refused``
are the marketplace's answer. :func:`can_edit` and :func:`can_submit` say what the state allows.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, DecimalText, JSONDoc, Money, UTCDateTime
from app.models.synced import SyncedRecord

FORM_CN = "cn"
FORM_INTL = "intl"
FORMS = (FORM_CN, FORM_INTL)

DRAFT = "draft"
PRINTED = "printed"
SUBMITTED = "submitted"
ACCEPTED = "accepted"
REFUSED = "refused"
#: An issued invoice that Huawei (or the customer) sent back and the seller cancelled with a
#: red-letter invoice (红字发票, business-rules §6.3): kept for the record, replaced by a new draft.
RED_LETTERED = "red_lettered"
DRAFT_STATES = (DRAFT, PRINTED, SUBMITTED, ACCEPTED, REFUSED, RED_LETTERED)

#: Where a draft's facts come from: an invoice notice to Huawei (开票通知), a 客户服务商 bill
#: (the partner's invoice to Huawei, 专票 only), or a customer's invoice request (给用户开票).
SOURCE_NOTICE = "notice"
SOURCE_PARTNER = "partner"
SOURCE_CUSTOMER = "customer"
SOURCES = (SOURCE_NOTICE, SOURCE_PARTNER, SOURCE_CUSTOMER)

#: States in which the clerk may still change the draft (a submitted invoice is what Huawei has).
EDITABLE_STATES = frozenset({DRAFT, PRINTED, REFUSED})
#: States from which "Submit" may queue the invoice.
SUBMITTABLE_STATES = frozenset({DRAFT, PRINTED, REFUSED})


def can_edit(state: str) -> bool:
    """Whether a draft in ``state`` may be changed (or deleted)."""
    return state in EDITABLE_STATES


def can_submit(state: str) -> bool:
    """Whether a draft in ``state`` may be submitted (again, after a refusal)."""
    return state in SUBMITTABLE_STATES


class InvoiceDraft(Base):
    """One invoice the seller issues to Huawei for one notice and one tax rate."""

    __tablename__ = "invoice_drafts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # uuid4 hex, made locally
    notice_id: Mapped[str] = mapped_column(String(64), index=True)
    #: What ``notice_id`` names (:data:`SOURCES`): a notice, a partner bill or a customer request.
    source: Mapped[str] = mapped_column(String(16), default=SOURCE_NOTICE)
    form: Mapped[str] = mapped_column(String(8))  # cn | intl
    tax_rate: Mapped[Decimal] = mapped_column(DecimalText)
    state: Mapped[str] = mapped_column(String(16), default=DRAFT)

    # What the notice asks for, copied so the printed form and the checks need nothing else.
    requisition_no: Mapped[str] = mapped_column(String(64))  # 申付单号 / Payment Requisition No.
    period: Mapped[str] = mapped_column(String(16))  # 对账期次 / Settlement Period
    currency_code: Mapped[str] = mapped_column(String(8))

    # 销售方 / the seller (from the company profile when the draft was made).
    seller_name: Mapped[str] = mapped_column(String(255), default="")
    seller_tax_no: Mapped[str] = mapped_column(String(64), default="")  # 统一社会信用代码 / VAT No.
    seller_address: Mapped[str] = mapped_column(Text, default="")
    seller_phone: Mapped[str] = mapped_column(String(64), default="")
    seller_bank: Mapped[str] = mapped_column(String(255), default="")
    seller_account: Mapped[str] = mapped_column(String(64), default="")
    seller_swift: Mapped[str] = mapped_column(String(16), default="")
    seller_beneficiary: Mapped[str] = mapped_column(String(255), default="")
    seller_bank_address: Mapped[str] = mapped_column(Text, default="")

    # 购买方 / Invoice To: the Huawei contracting entity on the notice.
    buyer_name: Mapped[str] = mapped_column(String(255), default="")
    buyer_tax_no: Mapped[str] = mapped_column(String(64), default="")  # CN 税号 / intl InTouch No.
    buyer_address: Mapped[str] = mapped_column(Text, default="")
    buyer_phone: Mapped[str] = mapped_column(String(64), default="")
    buyer_bank: Mapped[str] = mapped_column(String(255), default="")
    buyer_account: Mapped[str] = mapped_column(String(64), default="")

    service_item: Mapped[str] = mapped_column(String(255), default="")  # intl Service Item
    remarks: Mapped[str] = mapped_column(Text, default="")  # 备注
    #: 开票清单 lines of this invoice: ``[{"item_name", "tax_rate", "amount_excl_tax", "tax",
    #: "amount"}]``, amounts as exact decimal strings.
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc)
    amount_excl_tax: Mapped[Decimal] = mapped_column(Money)
    tax_amount: Mapped[Decimal] = mapped_column(Money)
    total_amount: Mapped[Decimal] = mapped_column(Money)  # 价税合计 / INVOICE AMOUNT

    #: Codes of the warnings the clerk acknowledged (errors cannot be acknowledged).
    acknowledged: Mapped[list[str]] = mapped_column(JSONDoc)

    # Recorded once the invoice was issued and mailed or uploaded.
    invoice_no: Mapped[str] = mapped_column(String(32), default="")
    invoice_date: Mapped[date | None] = mapped_column(Date)
    courier_no: Mapped[str] = mapped_column(String(64), default="")

    # 红字: the red-letter invoice that cancelled this one after it was sent back (退票).
    red_letter_no: Mapped[str] = mapped_column(String(32), default="")  # 红字发票号码
    red_letter_info_no: Mapped[str] = mapped_column(String(64), default="")  # 红字确认单/信息表编号
    red_letter_date: Mapped[date | None] = mapped_column(Date)

    outbox_key: Mapped[str | None] = mapped_column(String(48))  # the submission's idempotency key
    last_error: Mapped[str | None] = mapped_column(Text)  # the marketplace's reason for a refusal
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CompanyProfile(Base):
    """The seller's company as it appears on its invoices (one row, ``id = 1``).

    ``seal_image`` is the optional seal or signature image (PNG or JPEG bytes) printed on the
    forms; it is kept in the cache with the rest of the profile so a copied or shared cache
    carries it, and the user's original file may be moved or deleted.
    """

    __tablename__ = "company_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(255), default="")  # 公司名称 (as registered)
    name_en: Mapped[str] = mapped_column(String(255), default="")  # for international invoices
    tax_no: Mapped[str] = mapped_column(String(64), default="")  # 统一社会信用代码 / VAT No.
    address: Mapped[str] = mapped_column(Text, default="")
    address_en: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    bank: Mapped[str] = mapped_column(String(255), default="")  # 开户行 / Bank Name
    account: Mapped[str] = mapped_column(String(64), default="")  # 账号 / Bank Account No.
    swift: Mapped[str] = mapped_column(String(16), default="")
    beneficiary: Mapped[str] = mapped_column(String(255), default="")
    bank_address: Mapped[str] = mapped_column(Text, default="")
    seal_image: Mapped[bytes | None] = mapped_column(LargeBinary)
    seal_file_name: Mapped[str] = mapped_column(String(255), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CustomerInvoice(SyncedRecord, Base):
    """A buyer's invoice request for a 通用 order (给用户开票, business-rules §6.5).

    Since 2018-11-01 the seller invoices the customer for 通用 products itself: the request names
    the order, the full order amount, the invoice type (普票 / 专票, electronic or paper), the
    title (抬头) and, for a paper invoice, where to send it. ``status`` is the marketplace's raw
    string (待开票, 已完成, 已退回, 已撤销; only 已完成 is named in the sources, the others are
    this project's contract). The seller's issue / return / revoke go through the outbox.
    """

    __tablename__ = "customer_invoices"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # requestId
    order_id: Mapped[str] = mapped_column(String(64), index=True)
    customer_name: Mapped[str] = mapped_column(String(255))  # the ordering account
    product_name: Mapped[str] = mapped_column(String(255))
    tax_item: Mapped[str] = mapped_column(String(255), default="")
    tax_rate: Mapped[Decimal] = mapped_column(DecimalText)
    amount: Mapped[Decimal] = mapped_column(Money)  # the full order amount (incl. tax)
    currency_code: Mapped[str] = mapped_column(String(8))
    invoice_type: Mapped[str] = mapped_column(String(8))  # 普票 | 专票
    medium: Mapped[str] = mapped_column(String(8))  # 电子 | 纸质
    title_type: Mapped[str] = mapped_column(String(8))  # 企业 | 个人
    title: Mapped[str] = mapped_column(String(255))  # 发票抬头
    tax_no: Mapped[str] = mapped_column(String(64), default="")
    buyer_address: Mapped[str] = mapped_column(Text, default="")
    buyer_phone: Mapped[str] = mapped_column(String(64), default="")
    buyer_bank: Mapped[str] = mapped_column(String(255), default="")
    buyer_account: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    recipient: Mapped[str] = mapped_column(String(255), default="")
    recipient_phone: Mapped[str] = mapped_column(String(64), default="")
    mailing_address: Mapped[str] = mapped_column(Text, default="")
    refund_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    apply_time: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    invoice_no: Mapped[str] = mapped_column(String(32), default="")
    invoice_date: Mapped[date | None] = mapped_column(Date)
    courier_no: Mapped[str] = mapped_column(String(64), default="")
    courier_payer: Mapped[str] = mapped_column(String(16), default="")  # 卖家 | 买家到付
    reason: Mapped[str] = mapped_column(Text, default="")  # why it was returned or revoked
