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

``submitted`` means queued in the outbox (it may still be offline); ``accepted`` and ``refused``
are the marketplace's answer. :func:`can_edit` and :func:`can_submit` say what the state allows.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, DecimalText, JSONDoc, Money, UTCDateTime

FORM_CN = "cn"
FORM_INTL = "intl"
FORMS = (FORM_CN, FORM_INTL)

DRAFT = "draft"
PRINTED = "printed"
SUBMITTED = "submitted"
ACCEPTED = "accepted"
REFUSED = "refused"
DRAFT_STATES = (DRAFT, PRINTED, SUBMITTED, ACCEPTED, REFUSED)

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
