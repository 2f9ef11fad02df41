"""Production-interface messages (生产接口消息): KooGallery's failed calls to the seller's endpoint."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime
from app.models.synced import SyncedRecord


class InterfaceMessage(SyncedRecord, Base):
    """A failed ``newInstance``/``refreshInstance``/... call and its retry window."""

    __tablename__ = "interface_messages"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # messageId
    activity: Mapped[str] = mapped_column(String(32))
    order_id: Mapped[str | None] = mapped_column(String(64), index=True)
    order_line_id: Mapped[str | None] = mapped_column(String(64))
    instance_id: Mapped[str | None] = mapped_column(String(64))
    product_id: Mapped[str | None] = mapped_column(String(64))
    production_url: Mapped[str] = mapped_column(String(512))
    call_time: Mapped[datetime] = mapped_column(UTCDateTime)
    http_status: Mapped[int | None] = mapped_column(Integer)
    result_code: Mapped[str | None] = mapped_column(String(16))
    error_message: Mapped[str] = mapped_column(Text)
    retry_count: Mapped[int] = mapped_column(Integer, default=0)
    retry_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16))
