"""Applying for and revoking exclusive offers (专属优惠), through the outbox.

:class:`OfferRequest` is what the partner fills in (伙伴中心 > 销售 > 云商店 > 专属优惠 >
申请云商店专属优惠): 优惠名称, 用户账号, 优惠有效期, products with their discount, and, beyond the
authorised discount, the reason of a special business request (提交特殊商务申请 / 转人工处理).
:func:`check_request` applies every rule the console can check (``app.services.offers.rules``);
:func:`queue_apply` queues it, :func:`queue_revoke` revokes an offer under approval (撤销), and
:func:`queue_demand_offer` is a seller's 更多 > 创建专属优惠 on a demand in conversion. KooGallery
re-checks all of it and refuses with a code (docs/api.md, "Exclusive offers").
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models.partner import ExclusiveOffer
from app.services import verdicts
from app.services.demands import actions as dm
from app.services.marketplace.wire import format_hw_time
from app.services.offers import rules
from app.services.outbox.queue import ActionKind, EntryView, Outbox

TARGET = "offer"
OFFERS_PATH = "/v1/partner/exclusive_offers"


class OfferAction(StrEnum):
    APPLY = "apply"
    REVOKE = "revoke"


KINDS: dict[OfferAction, ActionKind] = {
    OfferAction.APPLY: ActionKind("offer.apply", TARGET, "POST", OFFERS_PATH,
                                  "Apply for exclusive offer", priority=70),
    OfferAction.REVOKE: ActionKind("offer.revoke", TARGET, "POST",
                                   OFFERS_PATH + "/{target_id}/revoke",
                                   "Revoke exclusive offer", priority=70),
}

#: Why an offer request or action is refused before queuing (stable codes; English for the CLI
#: and logs; the window has its own words by code).
REASONS = {
    "no_name": "The offer needs a name (优惠名称), shown to the customer.",
    "no_account": "The offer needs the customer's account (用户账号): only that account can use it.",
    "starts_past": "The effective time must be later than now.",
    "ends_first": "The offer must end after it starts.",
    "no_products": "The offer needs at least one product with its discount.",
    "bad_discount": "{product}: the discount must be more than 0 and at most 1 (1 = list price).",
    "no_reason": "A special business request (转人工处理) needs a reason for the approver.",
    "offer_exists": "A 100% partner discount is not possible: the customer has exclusive offer "
                    "{offer} for this product, effective now or within 24 hours.",
    "confirm_bound": "A 100% partner discount needs the customer bound to you: confirm it "
                     "(the console cannot see your bindings).",
    "confirm_picks_partner": "A 100% partner discount needs the customer to pick you on the "
                             "order page: confirm you agreed it with the customer.",
    "not_under_approval": "Only an offer under approval (审批中) can be revoked; this one is "
                          "{status}.",
    "waiting": "An earlier action on this offer is waiting in the outbox; wait until it is sent.",
    "unknown_offer": "There is no exclusive offer {offer} in this cache; sync first.",
}


class OfferError(verdicts.ActionRefused):
    """An offer request or action that cannot be queued (``failure_code``: a code of
    :data:`REASONS`)."""


def _refuse(code: str, **params: str) -> OfferError:
    return OfferError(REASONS[code].format(**params), failure_code=code, params=params)


@dataclass(frozen=True)
class OfferLine:
    """One product of the offer and its discount (0.85 = 85 % of the list price)."""

    product_id: str
    product_name: str
    discount: Decimal
    sku_name: str = ""

    def to_wire(self) -> dict[str, Any]:
        return {"productId": self.product_id, "productName": self.product_name,
                "skuName": self.sku_name or None, "discount": str(self.discount)}


@dataclass(frozen=True)
class OfferRequest:
    """An application for an exclusive offer. ``special_reason``: a special business request
    (转人工处理) beyond the authorised discount, with its reason; ``confirmed``: the codes of the
    100 % partner-discount conditions the user confirmed (``bound``, ``picks_partner``)."""

    name: str
    customer_account: str
    valid_from: datetime
    valid_to: datetime
    lines: tuple[OfferLine, ...]
    special_request: bool = False
    special_reason: str = ""
    confirmed: frozenset[str] = field(default_factory=frozenset)

    @property
    def full_discount(self) -> bool:
        return rules.is_full_discount([line.discount for line in self.lines])

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "name": self.name.strip(), "validFrom": format_hw_time(self.valid_from),
            "validTo": format_hw_time(self.valid_to),
            "products": [line.to_wire() for line in self.lines],
            "specialRequest": {"reason": self.special_reason.strip()}
            if self.special_request else None,
        }
        if self.customer_account:
            body["customerAccount"] = self.customer_account.strip()
        return body


def check_fields(request: OfferRequest, now: datetime, account_needed: bool = True) -> None:
    """The rules of the form itself (no cache needed); raises :class:`OfferError`."""
    if not request.name.strip():
        raise _refuse("no_name")
    if account_needed and not request.customer_account.strip():
        raise _refuse("no_account")
    if request.valid_from <= now:
        raise _refuse("starts_past")
    if request.valid_to <= request.valid_from:
        raise _refuse("ends_first")
    if not request.lines:
        raise _refuse("no_products")
    for line in request.lines:
        if not line.discount.is_finite() or not Decimal(0) < line.discount <= rules.FULL:
            raise _refuse("bad_discount", product=line.product_name or line.product_id)
    if request.special_request and not request.special_reason.strip():
        raise _refuse("no_reason")


def check_request(engine: Engine, request: OfferRequest, now: datetime,
                  account_needed: bool = True) -> list[rules.Condition]:
    """Every rule the console can check (:func:`check_fields`, then the 100 % partner-discount
    conditions against the cache); raises :class:`OfferError` on the first that fails. Returns
    the 100 % conditions (empty for another discount)."""
    check_fields(request, now, account_needed)
    if not request.full_discount:
        return []
    conditions = rules.full_discount_conditions(
        engine, request.customer_account.strip(), {line.product_id for line in request.lines},
        now)
    for condition in conditions:
        if condition.check is rules.Check.NOT_MET:
            raise _refuse("offer_exists", offer=condition.clash)
        if condition.check is rules.Check.CONFIRM and condition.code not in request.confirmed:
            raise _refuse(f"confirm_{condition.code}")
    return conditions


def queue_apply(outbox: Outbox, request: OfferRequest) -> EntryView:
    """申请专属优惠: checked (:func:`check_request`), then queued."""
    check_request(outbox.engine, request, outbox.now())
    target = f"new-{uuid.uuid4().hex[:12]}"
    kind = "转人工" if request.special_request else "申请"
    return outbox.enqueue(KINDS[OfferAction.APPLY].name, target, request.to_wire(),
                          summary=f"{kind}专属优惠 {request.name.strip()} "
                                  f"({request.customer_account.strip()})")


def load_offer(engine: Engine, offer_id: str) -> ExclusiveOffer:
    with Session(engine, expire_on_commit=False) as session:
        offer = session.get(ExclusiveOffer, offer_id)
    if offer is None:
        raise _refuse("unknown_offer", offer=offer_id)
    return offer


def revoke_availability(offer: ExclusiveOffer, queued: list[EntryView]
                        ) -> verdicts.Availability[OfferAction]:
    """Whether the offer can be revoked now (撤销: only 审批中), and why not."""
    if queued:
        return verdicts.refused(OfferAction.REVOKE, "waiting", REASONS)
    if offer.status != rules.UNDER_APPROVAL:
        return verdicts.refused(OfferAction.REVOKE, "not_under_approval", REASONS,
                                status=offer.status)
    return verdicts.allowed(OfferAction.REVOKE)


def queue_revoke(outbox: Outbox, offer_id: str) -> EntryView:
    offer = load_offer(outbox.engine, offer_id)
    verdict = revoke_availability(offer, outbox.open_for(TARGET, offer_id))
    if not verdict.allowed:
        raise verdicts.refusal(verdict, OfferError)
    return outbox.enqueue(KINDS[OfferAction.REVOKE].name, offer_id, {},
                          summary=f"撤销专属优惠 {offer_id} ({offer.name})")


def queue_demand_offer(outbox: Outbox, demand_id: str, request: OfferRequest) -> EntryView:
    """更多 > 创建专属优惠 on a demand in conversion: the offer for the demand's customer (its
    account is the demand's); the demand's edits lock once it exists (business-rules §3)."""
    demand = dm.load_demand(outbox.engine, demand_id)
    verdict = dm.availability(demand, outbox.open_for(dm.TARGET, demand_id),
                              outbox.now())[dm.DemandAction.OFFER]
    if not verdict.allowed:
        raise verdicts.refusal(verdict, dm.DemandError)
    account = str((demand.customer_info or {}).get("huaweiAccount") or "")
    request = OfferRequest(request.name, account, request.valid_from, request.valid_to,
                           request.lines, request.special_request, request.special_reason,
                           request.confirmed)
    check_request(outbox.engine, request, outbox.now())
    body = request.to_wire()
    body.pop("customerAccount", None)  # the marketplace takes the demand's customer
    return outbox.enqueue(dm.KINDS[dm.DemandAction.OFFER].name, demand_id, body,
                          summary=f"创建专属优惠 {request.name.strip()} ({demand_id})")
