"""Supervision tasks (服务监管) with a history, for the evidence, list and detail tests.

:func:`rich_task` makes one task row as a sync would store it (flow nodes, operation log, a handled
appeal, a marketplace attachment), in the shape the sandbox sends; :func:`add_order` its order.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, insert

from app import models as m
from app.services.marketplace.wire import format_hw_time
from tests.support.orders_data import START, make_line, make_order, make_task

FLOW = ["用户提交需求", "商家确认需求", "商家实施服务", "用户确认验收", "服务完成"]
CUSTOMER = "上海云帆科技有限公司"
PRODUCT = "云上迁移实施服务"
SKU = "标准版"


def hw(when: datetime) -> str:
    return format_hw_time(when)


def rich_task(task_id: str, order_id: str, node: str = "商家实施服务",
              **overrides: Any) -> dict[str, Any]:
    """A task at ``node`` of :data:`FLOW` with its log up to there."""
    logs = []
    for n, (frm, to) in enumerate(zip(FLOW, FLOW[1:], strict=False)):
        if frm == node:
            break
        logs.append({"logId": f"{task_id}-L{n:03d}", "time": hw(START + timedelta(days=n)),
                     "actorRole": "buyer" if frm.startswith("用户") else "seller",
                     "actor": None, "action": {"用户提交需求": "提交需求",
                                               "商家确认需求": "确认需求"}.get(frm, "确认完成"),
                     "fromNode": frm, "toNode": to, "comment": None, "attachmentIds": []})
    owner = "buyer" if node.startswith("用户") else ("seller" if node.startswith("商家")
                                                      else "system")
    allowed = {"商家确认需求": ["确认需求", "驳回", "发起申诉"],
               "商家实施服务": ["确认完成", "发起申诉"]}.get(node, ["发起申诉"])
    row = make_task(
        task_id, order_id, f"{order_id}-000001", product_name=PRODUCT, sku_name=SKU,
        customer_name=CUSTOMER, product_class="联营", delivery_type="人工服务",
        sales_scenario="其他", node=node, node_owner=owner, node_entered_time=START
        + timedelta(days=len(logs)), flow_nodes=FLOW, next_nodes=[], allowed_actions=allowed,
        operation_logs=logs, order_amount=Decimal("12800.00"),
        attachments=[{"fileId": "F1", "fileName": "需求说明.pdf", "size": 1234,
                      "sha256": "ab" * 32, "uploadTime": hw(START), "uploaderRole": "buyer",
                      "kind": "requirement"}],
        appeals=[{"appealId": "AP1", "initiator": "用户", "reason": "进度慢", "demand": "尽快交付",
                  "status": "已处理", "result": "其他", "opinion": "双方已协商一致,服务监管流程继续。",
                  "createTime": hw(START + timedelta(hours=5)), "handleTime": None,
                  "attachmentIds": []}],
        appeal_status="已处理",
    )
    row.update(overrides)
    return row


def add_order(engine: Engine, order_id: str, tasks: list[dict[str, Any]]) -> None:
    """The order (with one line) and its tasks."""
    with engine.begin() as conn:
        conn.execute(insert(m.Order.__table__), [make_order(
            order_id, customer_real_name=CUSTOMER, customer_name="yunfan01", product_name=PRODUCT,
            sku_name=SKU, order_status="处理中", delivery_type="人工服务", product_class="联营")])
        conn.execute(insert(m.OrderLine.__table__), [make_line(order_id, 1, product_name=PRODUCT,
                                                               sku_name=SKU)])
        conn.execute(insert(m.SupervisionTask.__table__), tasks)
