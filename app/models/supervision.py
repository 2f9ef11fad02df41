"""Service supervision (服务监管): tasks with their operation log (操作日志), files and appeals (申诉).

The log, files and appeals are stored as JSON documents on the task: they arrive whole with every
version of the task and are only ever read with it, and one document per task instead of some ten
child rows makes a full sync of a large account several times faster.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

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

    #: 操作日志 as received (wire camelCase: logId, time, actorRole, action, fromNode, toNode,
    #: comment, attachmentIds), oldest first. Append-only on the server; read only with its task.
    operation_logs: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc, default=list)
    #: Files on the record (fileId, fileName, size, sha256, uploadTime, uploaderRole, kind).
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc, default=list)
    #: 申诉 (appealId, initiator, reason, demand, status, result, opinion, createTime, ...).
    appeals: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc, default=list)
    #: Raw status of the latest appeal (处理中 / 已处理), None if never appealed: for list filters.
    appeal_status: Mapped[str | None] = mapped_column(String(16))

    __table_args__ = (
        Index("ix_supervision_tasks_node", "node"),
        Index("ix_supervision_tasks_node_owner", "node_owner"),
    )
