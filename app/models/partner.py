"""客户服务商 (partner) data: incentive bills, performance details, exclusive offers (专属优惠)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, DecimalText, JSONDoc, Money, UTCDateTime
from app.models.synced import SyncedRecord


class PartnerBill(SyncedRecord, Base):
    """基础激励 (monthly) or 业绩考核激励 (quarterly) bill of a 客户服务商."""

    __tablename__ = "partner_bills"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    period: Mapped[str] = mapped_column(String(8), index=True)
    currency_code: Mapped[str] = mapped_column(String(8))
    amount: Mapped[Decimal] = mapped_column(Money)
    tax_rate: Mapped[Decimal] = mapped_column(DecimalText)
    status: Mapped[str] = mapped_column(String(32))
    requisition_no: Mapped[str | None] = mapped_column(String(64))
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc)
    create_time: Mapped[datetime] = mapped_column(UTCDateTime)
    #: When the invoice notice (开票通知) went out: the 1-month invoicing clock starts here (§7).
    notice_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: When Huawei signed for (签收) the partner's invoice: the verification clock starts here.
    invoice_signed_time: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PartnerPerformance(SyncedRecord, Base):
    """业绩明细: one incentive-bearing transaction of a 客户服务商."""

    __tablename__ = "partner_performance"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    period: Mapped[str] = mapped_column(String(6), index=True)
    order_id: Mapped[str] = mapped_column(String(64))
    product_id: Mapped[str] = mapped_column(String(64))
    product_name: Mapped[str] = mapped_column(String(255))
    customer_name: Mapped[str] = mapped_column(String(255))
    transaction_amount: Mapped[Decimal] = mapped_column(Money)
    incentive_rate: Mapped[Decimal] = mapped_column(DecimalText)
    incentive_amount: Mapped[Decimal] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(32))


class ExclusiveOffer(SyncedRecord, Base):
    """专属优惠. ``status``: 审批中, 已生效, 已撤销, 已驳回, 已过期 (raw server strings)."""

    __tablename__ = "exclusive_offers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    customer_account: Mapped[str] = mapped_column(String(255))
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_to: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16))
    products: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc)
    demand_id: Mapped[str | None] = mapped_column(String(64))
    create_time: Mapped[datetime] = mapped_column(UTCDateTime)
