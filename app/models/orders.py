"""Orders (订单) and their lines, as listed in 卖家中心 > 订单管理 > 订单列表."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, JSONDoc, Money, UTCDateTime
from app.models.synced import SyncedRecord


class Order(SyncedRecord, Base):
    """An order. ``order_status`` keeps Huawei's string: 待付款, 已取消, 处理中, 已完成.

    Product, charging mode and customer are copied from the first line and the buyer onto the order
    so that the orders table can filter and sort a million rows in SQL without joins.
    """

    __tablename__ = "orders"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # orderId
    order_type: Mapped[str] = mapped_column(String(32))
    order_status: Mapped[str] = mapped_column(String(32))
    create_time: Mapped[datetime] = mapped_column(UTCDateTime)
    pay_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    effective_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    currency_code: Mapped[str] = mapped_column(String(8))
    total_amount: Mapped[Decimal] = mapped_column(Money)
    product_class: Mapped[str] = mapped_column(String(16))
    delivery_type: Mapped[str] = mapped_column(String(32))
    supervision_status: Mapped[str] = mapped_column(String(16))
    repayment_status: Mapped[str | None] = mapped_column(String(16))
    instance_id: Mapped[str | None] = mapped_column(String(64))
    partner_id: Mapped[str | None] = mapped_column(String(64))
    partner_name: Mapped[str | None] = mapped_column(String(255))
    coupon_type: Mapped[str | None] = mapped_column(String(32))
    offer_id: Mapped[str | None] = mapped_column(String(64))
    customer_id: Mapped[str] = mapped_column(String(64))
    customer_name: Mapped[str] = mapped_column(String(255))
    customer_real_name: Mapped[str | None] = mapped_column(String(255))
    buyer_info: Mapped[dict[str, Any]] = mapped_column(JSONDoc)
    product_id: Mapped[str | None] = mapped_column(String(64))
    product_name: Mapped[str | None] = mapped_column(String(255))
    sku_name: Mapped[str | None] = mapped_column(String(255))
    charging_mode: Mapped[str | None] = mapped_column(String(25))
    extend_params: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc)

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", passive_deletes=True,
        order_by="OrderLine.id",
    )

    # One index per column the orders table sorts by (migration 0002 says why; the search index
    # over names lives outside the metadata, see app/models/search.py).
    __table_args__ = (
        Index("ix_orders_create_time", "create_time"),
        Index("ix_orders_order_status", "order_status"),
        Index("ix_orders_customer_id", "customer_id"),
        Index("ix_orders_customer_real_name", "customer_real_name"),
        Index("ix_orders_customer_name", "customer_name"),
        Index("ix_orders_product_name", "product_name"),
        Index("ix_orders_total_amount", "total_amount"),
        Index("ix_orders_order_type", "order_type"),
        Index("ix_orders_charging_mode", "charging_mode"),
    )


class OrderLine(Base):
    """An order line (orderLineId ``<orderId>-000001``) with its product and price."""

    __tablename__ = "order_lines"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # orderLineId
    order_id: Mapped[str] = mapped_column(
        ForeignKey("orders.id", ondelete="CASCADE"), index=True
    )
    charging_mode: Mapped[str] = mapped_column(String(25))
    period_type: Mapped[str | None] = mapped_column(String(16))
    period_number: Mapped[int | None] = mapped_column(Integer)
    expire_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    product_id: Mapped[str | None] = mapped_column(String(64))
    sku_code: Mapped[str | None] = mapped_column(String(64))
    product_name: Mapped[str | None] = mapped_column(String(255))
    sku_name: Mapped[str | None] = mapped_column(String(255))
    linear_value: Mapped[int | None] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money)
    amount_after_discount: Mapped[Decimal] = mapped_column(Money)
    products: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc)
    extend_params: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc)

    order: Mapped[Order] = relationship(back_populates="lines")
