"""Bills (账单), their lines, and invoice notices (开票通知)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, DecimalText, JSONDoc, Money, UTCDateTime
from app.models.synced import SyncedRecord


class Bill(SyncedRecord, Base):
    """账单 for one period (``YYYYMM``) and product category. ``status`` keeps Huawei's string."""

    __tablename__ = "bills"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # billId
    period: Mapped[str] = mapped_column(String(6), index=True)
    category: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(255))
    currency_code: Mapped[str] = mapped_column(String(8))
    sales_amount: Mapped[Decimal] = mapped_column(Money)
    settlement_amount: Mapped[Decimal] = mapped_column(Money)
    tax_rate: Mapped[Decimal | None] = mapped_column(DecimalText)
    requisition_no: Mapped[str | None] = mapped_column(String(64))  # 申付单号
    status: Mapped[str] = mapped_column(String(32))
    create_time: Mapped[datetime] = mapped_column(UTCDateTime)
    #: When Huawei signed for (签收) the seller's invoice: the verification clock starts here (§5.2).
    invoice_signed_time: Mapped[datetime | None] = mapped_column(UTCDateTime)

    lines: Mapped[list[BillLine]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="BillLine.id"
    )


class BillLine(Base):
    """A bill line: one order's 交易金额 and 应结算金额 in that bill."""

    __tablename__ = "bill_lines"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # lineId
    bill_id: Mapped[str] = mapped_column(ForeignKey("bills.id", ondelete="CASCADE"), index=True)
    order_id: Mapped[str] = mapped_column(String(64), index=True)
    order_line_id: Mapped[str | None] = mapped_column(String(64))
    product_id: Mapped[str] = mapped_column(String(64))
    product_name: Mapped[str] = mapped_column(String(255))
    charging_mode: Mapped[str] = mapped_column(String(25))
    line_type: Mapped[str] = mapped_column(String(16))
    transaction_amount: Mapped[Decimal] = mapped_column(Money)
    voucher_amount: Mapped[Decimal] = mapped_column(Money)
    fee_rate: Mapped[Decimal | None] = mapped_column(DecimalText)
    settlement_amount: Mapped[Decimal] = mapped_column(Money)
    effective_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 中资出海 (§5.4): VAT in the transaction amount, the customer's WHT①/DST① and the seller's
    # WHT②/DST②, as the bill states them (None: not stated).
    vat_amount: Mapped[Decimal | None] = mapped_column(Money)
    customer_wht: Mapped[Decimal | None] = mapped_column(Money)
    customer_dst: Mapped[Decimal | None] = mapped_column(Money)
    seller_wht: Mapped[Decimal | None] = mapped_column(Money)
    seller_dst: Mapped[Decimal | None] = mapped_column(Money)


class InvoiceNotice(SyncedRecord, Base):
    """开票通知: what to invoice Huawei for a bill in 待开票 (申付单号, 对账期次, 开票金额, ...).

    ``lines`` is the 开票清单 as received (amounts as exact decimal strings).
    """

    __tablename__ = "invoice_notices"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # noticeId
    bill_id: Mapped[str] = mapped_column(String(64), index=True)
    requisition_no: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(6))
    invoice_amount: Mapped[Decimal] = mapped_column(Money)
    currency_code: Mapped[str] = mapped_column(String(8))
    form: Mapped[str] = mapped_column(String(8))
    entity_name: Mapped[str] = mapped_column(String(255))
    entity_tax_no: Mapped[str] = mapped_column(String(64))
    entity: Mapped[dict[str, Any]] = mapped_column(JSONDoc)
    tax_rates: Mapped[list[str]] = mapped_column(JSONDoc)
    mailing_address: Mapped[str | None] = mapped_column(Text)
    e_invoice_mailbox: Mapped[str | None] = mapped_column(String(255))
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc)
    issue_time: Mapped[datetime] = mapped_column(UTCDateTime)
    bill_status: Mapped[str] = mapped_column(String(32))
