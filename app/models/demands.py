"""Customer demands (客户需求管理), the leads KooGallery matches to a seller's 联营 products."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, JSONDoc, UTCDateTime
from app.models.synced import SyncedRecord


class Demand(SyncedRecord, Base):
    """客户需求. ``status``: 待接收, 需求转化中, 需求成交, 已拒绝, 已关闭 (raw server strings)."""

    __tablename__ = "demands"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # demandId
    source: Mapped[str] = mapped_column(String(16))
    submitter: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    delivery_mode: Mapped[str | None] = mapped_column(String(64))
    demand_type: Mapped[str | None] = mapped_column(String(64))
    demand_space: Mapped[str | None] = mapped_column(String(64))
    main_appeal: Mapped[str | None] = mapped_column(Text)
    expected_sign_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sales_contact: Mapped[str | None] = mapped_column(String(255))
    sales_phone: Mapped[str | None] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(Text)
    interested_solution: Mapped[str | None] = mapped_column(Text)
    customer_info: Mapped[dict[str, Any] | None] = mapped_column(JSONDoc)
    customer_name: Mapped[str | None] = mapped_column(String(255))
    solution: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc)
    progress: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc)
    offer_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    close_result: Mapped[str | None] = mapped_column(String(16))
    assign_time: Mapped[datetime] = mapped_column(UTCDateTime)
    accept_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    close_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    partner_id: Mapped[str | None] = mapped_column(String(64))
    partner_name: Mapped[str | None] = mapped_column(String(255))
    product_id: Mapped[str | None] = mapped_column(String(64))
    product_name: Mapped[str | None] = mapped_column(String(255))

    __table_args__ = (Index("ix_demands_status", "status"),)
