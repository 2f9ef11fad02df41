"""The partner's (客户服务商) side of customer demands: 新增客户需求 and editing the customer's basics.

A partner submits a demand for one of a seller's 联营 products (business-rules §3, §7: 与商家联合
销售); it reaches the seller 待接收 with the 5-day acceptance window, and the seller accepts it and
creates the 专属优惠 (更多 > 创建专属优惠) that the customer orders with, which makes it 需求成交.
The seller cannot close a partner's demand. While the demand is 待接收 or 需求转化中 and no offer
exists, the partner may correct the customer's basics. Both go through the outbox; KooGallery
re-checks (SC.1201, SC.1203, SC.1204, SC.1606: docs/api.md).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.models.demands import Demand
from app.services import verdicts
from app.services.demands.actions import (
    CONVERTING,
    PENDING_ACCEPTANCE,
    SOURCE_PARTNER,
    TARGET,
    DemandError,
    load_demand,
)
from app.services.marketplace.wire import format_hw_time
from app.services.outbox.queue import ActionKind, EntryView, Outbox

PARTNER_DEMANDS_PATH = "/v1/partner/demands"

CREATE_KIND = ActionKind("demand.create", TARGET, "POST", PARTNER_DEMANDS_PATH,
                         "Submit customer demand", priority=70)
CUSTOMER_KIND = ActionKind("demand.customer", TARGET, "POST",
                           PARTNER_DEMANDS_PATH + "/{target_id}/customer",
                           "Edit customer basics", priority=70)
KINDS = (CREATE_KIND, CUSTOMER_KIND)

REASONS = {
    "no_name": "The demand needs a name (客户需求名称).",
    "no_product": "Choose the seller's joint-operation (联营) product the demand is for.",
    "no_customer": "The customer's name (客户名称) is required.",
    "not_partner": "Only a demand a partner (客户服务商) submitted can be edited here.",
    "not_open": "The demand is {status}; only a demand waiting for acceptance or in conversion "
                "can be edited.",
    "offer_locks": "An exclusive offer (专属优惠) exists for this demand: its details are locked.",
    "waiting": "An earlier action on this demand is waiting in the outbox; wait until it is sent.",
}


def _refuse(code: str, **params: str) -> DemandError:
    return DemandError(REASONS[code].format(**params), failure_code=code, params=params)


@dataclass(frozen=True)
class CustomerBasics:
    """客户信息: what the partner tells the seller about the customer."""

    customer_name: str
    huawei_account: str = ""
    industry: str = ""
    region: str = ""
    contact: str = ""

    def to_wire(self) -> dict[str, Any]:
        return {"customerName": self.customer_name.strip(),
                "huaweiAccount": self.huawei_account.strip() or None,
                "industry": self.industry.strip() or None, "region": self.region.strip() or None,
                "contact": self.contact.strip() or None}


@dataclass(frozen=True)
class NewDemand:
    """新增客户需求: the fields of the partner's form (§3's demand fields)."""

    name: str
    product_id: str
    product_name: str
    customer: CustomerBasics
    demand_type: str = ""
    demand_space: str = ""
    delivery_mode: str = ""
    main_appeal: str = ""
    description: str = ""
    expected_sign_date: datetime | None = None
    sales_contact: str = ""
    sales_phone: str = ""

    def to_wire(self) -> dict[str, Any]:
        def text(value: str) -> str | None:
            return value.strip() or None

        return {"name": self.name.strip(), "productId": self.product_id.strip(),
                "customer": self.customer.to_wire(), "demandType": text(self.demand_type),
                "demandSpace": text(self.demand_space), "deliveryMode": text(self.delivery_mode),
                "mainAppeal": text(self.main_appeal), "description": text(self.description),
                "expectedSignDate": format_hw_time(self.expected_sign_date)
                if self.expected_sign_date else None,
                "salesContact": text(self.sales_contact), "salesPhone": text(self.sales_phone)}


def queue_create(outbox: Outbox, demand: NewDemand) -> EntryView:
    """新增客户需求 (the demand's id comes from KooGallery; the entry is keyed by a local one)."""
    if not demand.name.strip():
        raise _refuse("no_name")
    if not demand.product_id.strip():
        raise _refuse("no_product")
    if not demand.customer.customer_name.strip():
        raise _refuse("no_customer")
    target = f"new-{uuid.uuid4().hex[:12]}"
    return outbox.enqueue(CREATE_KIND.name, target, demand.to_wire(),
                          summary=f"新增客户需求 {demand.name.strip()} "
                                  f"({demand.customer.customer_name.strip()})")


def customer_availability(demand: Demand, queued: list[EntryView]
                          ) -> verdicts.Availability[str]:
    """Whether the partner may edit the customer's basics of ``demand`` now, and why not."""
    if queued:
        return verdicts.refused("customer", "waiting", REASONS)
    if demand.source != SOURCE_PARTNER:
        return verdicts.refused("customer", "not_partner", REASONS)
    if demand.status not in (PENDING_ACCEPTANCE, CONVERTING):
        return verdicts.refused("customer", "not_open", REASONS, status=demand.status)
    if demand.offer_id:
        return verdicts.refused("customer", "offer_locks", REASONS)
    return verdicts.allowed("customer")


def queue_edit_customer(outbox: Outbox, demand_id: str, basics: CustomerBasics) -> EntryView:
    if not basics.customer_name.strip():
        raise _refuse("no_customer")
    verdict = customer_availability(load_demand(outbox.engine, demand_id),
                                    outbox.open_for(TARGET, demand_id))
    if not verdict.allowed:
        raise verdicts.refusal(verdict, DemandError)
    return outbox.enqueue(CUSTOMER_KIND.name, demand_id, {"customer": basics.to_wire()},
                          summary=f"编辑客户信息 {demand_id} ({basics.customer_name.strip()})")
