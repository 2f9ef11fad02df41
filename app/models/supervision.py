"""Service supervision (服务监管): tasks, their operation log (操作日志), files and appeals (申诉)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, JSONDoc, Money, UTCDateTime
from app.models.synced import SyncedRecord


class SupervisionTask(SyncedRecord, Base):
    """One supervised order line. ``node`` is the raw server node string (e.g. 商家确认需求);
    ``flow_nodes``/``next_nodes``/``allowed_actions`` come from the server, never from code."""

    __tablename__ = "supervision_tasks"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # taskId
    order_id: Mapped[str] = mapped_column(String(64), index=True)
    order_line_id: Mapped[str] = mapped_column(String(64))
    product_id: Mapped[str] = mapped_column(String(64))
    product_name: Mapped[str] = mapped_column(String(255))
    sku_name: Mapped[str | None] = mapped_column(String(255))
    order_amount: Mapped[Decimal] = mapped_column(Money)
    currency_code: Mapped[str] = mapped_column(String(8))
    order_time: Mapped[datetime] = mapped_column(UTCDateTime)
    customer_id: Mapped[str] = mapped_column(String(64))
    customer_name: Mapped[str] = mapped_column(String(255))
    product_class: Mapped[str] = mapped_column(String(16))
    delivery_type: Mapped[str] = mapped_column(String(32))
    license_subtype: Mapped[str | None] = mapped_column(String(32))
    service_template: Mapped[str | None] = mapped_column(String(64))
    flow_version: Mapped[str] = mapped_column(String(32))
    sales_scenario: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    node: Mapped[str] = mapped_column(String(64))
    node_owner: Mapped[str] = mapped_column(String(16))
    node_entered_time: Mapped[datetime] = mapped_column(UTCDateTime)
    flow_nodes: Mapped[list[str]] = mapped_column(JSONDoc)
    next_nodes: Mapped[list[str]] = mapped_column(JSONDoc)
    allowed_actions: Mapped[list[str]] = mapped_column(JSONDoc)
    frozen: Mapped[bool] = mapped_column(Boolean, default=False)
    requirement: Mapped[dict[str, Any] | None] = mapped_column(JSONDoc)
    result_description: Mapped[str | None] = mapped_column(Text)
    actual_start_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    buyer_reject_count: Mapped[int] = mapped_column(Integer, default=0)
    seller_reject_count: Mapped[int] = mapped_column(Integer, default=0)
    logistics: Mapped[dict[str, Any] | None] = mapped_column(JSONDoc)

    logs: Mapped[list[OperationLog]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="OperationLog.time"
    )
    attachments: Mapped[list[TaskAttachment]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="TaskAttachment.upload_time"
    )
    appeals: Mapped[list[Appeal]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Appeal.create_time"
    )

    __table_args__ = (
        Index("ix_supervision_tasks_node", "node"),
        Index("ix_supervision_tasks_node_owner", "node_owner"),
    )


class OperationLog(Base):
    """操作日志 entry: append-only on the server; the evidence in a dispute."""

    __tablename__ = "supervision_logs"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # logId
    task_id: Mapped[str] = mapped_column(
        ForeignKey("supervision_tasks.id", ondelete="CASCADE"), index=True
    )
    time: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_role: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str | None] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(64))
    from_node: Mapped[str | None] = mapped_column(String(64))
    to_node: Mapped[str | None] = mapped_column(String(64))
    comment: Mapped[str | None] = mapped_column(Text)
    attachment_ids: Mapped[list[str]] = mapped_column(JSONDoc)


class TaskAttachment(Base):
    """A file on the supervision record (交付验收件, 需求附件, appeal evidence, ...)."""

    __tablename__ = "supervision_attachments"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # fileId
    task_id: Mapped[str] = mapped_column(
        ForeignKey("supervision_tasks.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    upload_time: Mapped[datetime] = mapped_column(UTCDateTime)
    uploader_role: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))


class Appeal(Base):
    """申诉. ``status`` is the raw server string (处理中 / 已处理)."""

    __tablename__ = "appeals"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # appealId
    task_id: Mapped[str] = mapped_column(
        ForeignKey("supervision_tasks.id", ondelete="CASCADE"), index=True
    )
    initiator: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    demand: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    result: Mapped[str | None] = mapped_column(String(32))
    opinion: Mapped[str | None] = mapped_column(Text)
    create_time: Mapped[datetime] = mapped_column(UTCDateTime)
    handle_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attachment_ids: Mapped[list[str]] = mapped_column(JSONDoc)
