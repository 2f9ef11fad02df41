"""The sandbox's partner (客户服务商) write endpoints: exclusive offers (专属优惠) and customer demands
a partner submits to a seller (business-rules §7, §3; the original material in shared/seeds).

Exclusive offers (``POST /v1/partner/exclusive_offers``, ``…/{offerId}/revoke``):

* 优惠名称, 用户账号 (a known customer account), 优惠有效期 and at least one product with its
  discount are required; the effective time must be later than now (SC.1601).
* Within the partner's authorised discount (客户服务商授权折扣, :func:`authorized_discount`) the
  system approves the offer at once (已生效). Beyond it the request is refused (SC.1602) unless it
  comes as a special business request (提交特殊商务申请 / 转人工处理: ``specialRequest.reason``); it
  then waits for manual approval (审批中).
* A 100 % partner discount (every product at discount 1) is possible only when the customer is
  bound to the partner (SC.1603) and has no effective offer for the product and none taking effect
  within 24 hours (SC.1604). The third condition of the original material, that the customer picks
  the partner on the order page, is the customer's act when ordering: nobody can check it before.
* Only an offer 审批中 can be revoked (撤销, SC.1605).

Partner demands (``POST /v1/partner/demands``, ``…/{demandId}/customer``): 新增客户需求 for a
联营 product (SC.1606 otherwise) arrives at the seller 待接收 with the 5-day window; the partner
edits the customer's basics of its own demand (SC.1204 for another's) until it is closed or an
offer locks it (SC.1201, SC.1203).

A seller creates the offer of a demand in conversion with ``POST /v1/seller/demands/{id}/offer``
(更多 > 创建专属优惠): same rules as above, for the demand's customer; the demand keeps the offer's
id and its edits are locked. Records made here are stored ``gen = "manual"``: the clock's advance
leaves them as they are.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import orjson
from fastapi import FastAPI

from app.sandbox import manual_tasks as mt
from app.sandbox.api.actions import ActionContext, action_route
from app.sandbox.data.catalog import SELF_PARTNER_ID, SELF_PARTNER_NAME, Customer, Product, World
from app.sandbox.data.demands import ACCEPT_WINDOW
from app.sandbox.data.generate import dumps
from app.sandbox.data.timeutil import HOUR, from_hw, hw

EFFECTIVE_TIME = ("SC.1601", 400)
BEYOND_AUTHORISED = ("SC.1602", 409)
NOT_BOUND = ("SC.1603", 409)
OFFER_EXISTS = ("SC.1604", 409)
NOT_REVOCABLE = ("SC.1605", 409)
NOT_JOINT = ("SC.1606", 400)
WRONG_STATE = ("SC.1201", 409)
OFFER_LOCKS = ("SC.1203", 409)
NOT_OURS = ("SC.1204", 409)

OFFERS_PATH = "/v1/partner/exclusive_offers"
PARTNER_DEMANDS_PATH = "/v1/partner/demands"
SELLER_DEMAND_OFFER_PATH = "/v1/seller/demands/{demand_id}/offer"

FULL = Decimal("1")
#: The 24 hours of condition 2 of the 100 % partner discount.
SOON = 24 * HOUR
UNDER_APPROVAL = "审批中"
EFFECTIVE = "已生效"
REVOKED = "已撤销"


def authorized_discount(product: Product) -> Decimal:
    """The lowest discount the partner may give on ``product`` without manual approval
    (客户服务商授权折扣, shown under 成交价分成): the sandbox's fixed table, 0.80 for products
    Huawei takes a share of, 0.90 for 通用 ones."""
    return Decimal("0.90") if product.product_class == "通用" else Decimal("0.80")


def _customer(world: World, account: str) -> Customer:
    for c in world.customers:
        if c.account == account:
            return c
    raise mt.refuse(mt.NOT_FOUND, f"there is no customer account {account!r}")


def _product(world: World, product_id: str) -> Product:
    try:
        return world.product(product_id)
    except KeyError:
        raise mt.refuse(mt.NOT_FOUND, f"product {product_id} does not exist") from None


def _time(ctx: ActionContext, name: str) -> int:
    value = ctx.body.get(name)
    try:
        return from_hw(str(value))
    except ValueError:
        raise mt.refuse(mt.INVALID_FIELD, f"{name} must be a time yyyyMMddHHmmss (UTC)") from None


def _lines(ctx: ActionContext) -> list[tuple[Product, dict[str, Any], Decimal]]:
    items = ctx.body.get("products")
    if not isinstance(items, list) or not items:
        raise mt.refuse(mt.INVALID_FIELD, "products: at least one product with its discount")
    out = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("productId"), str):
            raise mt.refuse(mt.INVALID_FIELD, "every product needs a productId")
        product = _product(ctx.data.world, item["productId"])
        try:
            discount = Decimal(str(item.get("discount")))
        except InvalidOperation:
            raise mt.refuse(mt.INVALID_FIELD, "discount must be a number in (0, 1]") from None
        if not discount.is_finite() or not Decimal(0) < discount <= FULL:
            raise mt.refuse(mt.INVALID_FIELD, "discount must be a number in (0, 1]")
        sku_name = item.get("skuName")
        sku = next((s for s in product.skus if s.name == sku_name), product.skus[0])
        price = (sku.unit_price * discount).quantize(Decimal("0.01"))
        out.append((product, {"productId": product.product_id, "productName": product.name,
                              "skuName": sku.name, "price": str(price),
                              "discount": str(discount)}, discount))
    return out


def _effective_soon(ctx: ActionContext, account: str, product_ids: set[str]) -> str | None:
    """An offer of ``account`` for one of ``product_ids`` that is effective now or takes effect
    within 24 hours (condition 2 of the 100 % partner discount), or None."""
    for stored in ctx.w.live("exclusive_offers"):
        if stored.payload is None:
            continue
        offer = orjson.loads(stored.payload)
        if offer.get("customerAccount") != account or offer.get("status") != EFFECTIVE:
            continue
        if not product_ids & {p.get("productId") for p in offer.get("products") or []}:
            continue
        start, end = from_hw(offer["validFrom"]), from_hw(offer["validTo"])
        if end > ctx.now and start <= ctx.now + SOON:
            return str(offer["offerId"])
    return None


def make_offer(ctx: ActionContext, account: str, demand_id: str | None) -> dict[str, Any]:
    """Check an offer request against the rules of the module docstring and store it."""
    name = ctx.body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise mt.refuse(mt.INVALID_FIELD, "the offer's name (优惠名称) is required")
    customer = _customer(ctx.data.world, account)
    valid_from, valid_to = _time(ctx, "validFrom"), _time(ctx, "validTo")
    if valid_from <= ctx.now:
        raise mt.refuse(EFFECTIVE_TIME, "the effective time must be later than now")
    if valid_to <= valid_from:
        raise mt.refuse(EFFECTIVE_TIME, "the offer must end after it starts")
    lines = _lines(ctx)
    special = ctx.body.get("specialRequest")
    reason = special.get("reason") if isinstance(special, dict) else None
    beyond = [(p, d) for p, _line, d in lines if d < authorized_discount(p)]
    if beyond and not (isinstance(reason, str) and reason.strip()):
        p, d = beyond[0]
        raise mt.refuse(BEYOND_AUTHORISED, f"{p.name}: discount {d} is beyond the authorised "
                                           f"discount {authorized_discount(p)}; submit it as a "
                                           "special business request (转人工处理) with a reason")
    if all(d == FULL for _p, _line, d in lines):
        if customer.partner_id != SELF_PARTNER_ID:
            raise mt.refuse(NOT_BOUND, f"customer {account} is not bound to this partner: a 100% "
                                       "partner discount needs the binding first")
        clash = _effective_soon(ctx, account, {p.product_id for p, _l, _d in lines})
        if clash is not None:
            raise mt.refuse(OFFER_EXISTS, f"customer {account} has exclusive offer {clash} for "
                                          "this product, effective now or within 24 hours")
    status = UNDER_APPROVAL if beyond else EFFECTIVE
    seq = int(ctx.w.meta("next_manual_offer") or "1")
    ctx.w.set_meta("next_manual_offer", str(seq + 1))
    offer_id = f"YHM{hw(ctx.now)[:8]}{seq:05d}"
    offer = {
        "offerId": offer_id, "name": name.strip()[:255], "customerAccount": account,
        "validFrom": hw(valid_from), "validTo": hw(valid_to), "status": status,
        "products": [line for _p, line, _d in lines], "demandId": demand_id,
        "createTime": hw(ctx.now), "updateTime": hw(ctx.now),
        "specialRequest": {"reason": reason.strip()} if beyond and isinstance(reason, str)
        else None,
    }
    ctx.w.put("exclusive_offers", offer_id, dumps(offer), live=True, gen=mt.MANUAL)
    return {"offerId": offer_id, "status": status}


def apply_offer(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    account = ctx.body.get("customerAccount")
    if not isinstance(account, str) or not account.strip():
        raise mt.refuse(mt.INVALID_FIELD, "the customer's account (用户账号) is required")
    return make_offer(ctx, account.strip(), None)


def revoke_offer(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    offer, _gen = ctx.record("exclusive_offers", params["offer_id"], "exclusive offer")
    if offer["status"] != UNDER_APPROVAL:
        raise mt.refuse(NOT_REVOCABLE, f"the offer is 「{offer['status']}」; only an offer under "
                                       "approval (审批中) can be revoked")
    offer["status"] = REVOKED
    offer["updateTime"] = hw(ctx.now)
    ctx.w.put("exclusive_offers", offer["offerId"], dumps(offer), live=False, gen=mt.MANUAL)
    return {"offerId": offer["offerId"], "status": REVOKED}


# -- demands --------------------------------------------------------------------------------------

_CUSTOMER_FIELDS = ("customerName", "huaweiAccount", "industry", "region", "contact")


def _customer_info(ctx: ActionContext, base: dict[str, Any] | None) -> dict[str, Any]:
    given = ctx.body.get("customer")
    if not isinstance(given, dict):
        raise mt.refuse(mt.INVALID_FIELD, "customer: the customer's basics are required")
    info = dict(base or {})
    for key in _CUSTOMER_FIELDS:
        if key in given:
            value = given[key]
            if value is not None and not isinstance(value, str):
                raise mt.refuse(mt.INVALID_FIELD, f"customer.{key} must be text")
            info[key] = value.strip()[:255] if isinstance(value, str) and value.strip() else None
    if not info.get("customerName"):
        raise mt.refuse(mt.INVALID_FIELD, "customer.customerName (客户名称) is required")
    return info


def create_demand(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    """新增客户需求: the partner's demand reaches the seller 待接收."""
    name = ctx.body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise mt.refuse(mt.INVALID_FIELD, "the demand's name (客户需求名称) is required")
    product = _product(ctx.data.world, str(ctx.body.get("productId") or ""))
    if product.product_class != "联营":
        raise mt.refuse(NOT_JOINT, f"{product.name} is not a joint-operation (联营) product: "
                                   "customer demands are for 联营 products only")
    info = _customer_info(ctx, None)
    seq = int(ctx.w.meta("next_partner_demand") or "1")
    ctx.w.set_meta("next_partner_demand", str(seq + 1))
    demand_id = f"XQP{hw(ctx.now)[:8]}{seq:05d}"
    text = {k: (str(ctx.body[k]).strip() or None) if isinstance(ctx.body.get(k), str) else None
            for k in ("deliveryMode", "demandType", "demandSpace", "mainAppeal", "description",
                      "salesContact", "salesPhone", "submitter")}
    expected = ctx.body.get("expectedSignDate")
    demand = {
        "demandId": demand_id, "source": "客户服务商", "submitter": text["submitter"],
        "name": name.strip()[:255], "deliveryMode": text["deliveryMode"],
        "demandType": text["demandType"], "demandSpace": text["demandSpace"],
        "mainAppeal": text["mainAppeal"],
        "expectedSignDate": hw(_time(ctx, "expectedSignDate")) if expected else None,
        "salesContact": text["salesContact"], "salesPhone": text["salesPhone"],
        "description": text["description"], "interestedSolution": product.name,
        "customerInfo": info, "solution": [],
        "progress": [{"time": hw(ctx.now), "text": "客户服务商提交需求", "author": "客户服务商"}],
        "offerId": None, "status": "待接收", "closeResult": None, "assignTime": hw(ctx.now),
        "acceptDeadline": hw(ctx.now + ACCEPT_WINDOW), "closeTime": None,
        "partnerId": SELF_PARTNER_ID, "partnerName": SELF_PARTNER_NAME,
        "productId": product.product_id, "productName": product.name,
        "updateTime": hw(ctx.now),
    }
    ctx.w.put("demands", demand_id, dumps(demand), live=False, gen=mt.MANUAL)
    return {"demandId": demand_id, "status": demand["status"]}


def edit_customer(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    """Edit the customer's basics of the partner's own demand."""
    demand, _gen = ctx.record("demands", params["demand_id"], "customer demand")
    if demand.get("partnerId") != SELF_PARTNER_ID:
        raise mt.refuse(NOT_OURS, "only the partner who submitted a demand can edit it")
    if demand["status"] not in ("待接收", "需求转化中"):
        raise mt.refuse(WRONG_STATE, f"the demand is 「{demand['status']}」; it can no longer "
                                     "be edited")
    if demand.get("offerId"):
        raise mt.refuse(OFFER_LOCKS, "a 专属优惠 exists for this demand: it is locked")
    demand["customerInfo"] = _customer_info(ctx, demand.get("customerInfo"))
    demand.setdefault("progress", []).append(
        {"time": hw(ctx.now), "text": "客户服务商更新了客户信息", "author": "客户服务商"})
    demand["updateTime"] = hw(ctx.now)
    ctx.w.put("demands", demand["demandId"], dumps(demand), live=False, gen=mt.MANUAL)
    return {"demandId": demand["demandId"], "status": demand["status"]}


def demand_offer(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    """更多 > 创建专属优惠 on a demand in conversion: the offer for the demand's customer."""
    demand, _gen = ctx.record("demands", params["demand_id"], "customer demand")
    if demand["status"] != "需求转化中":
        raise mt.refuse(WRONG_STATE, f"the demand is 「{demand['status']}」; an offer is created "
                                     "for a demand in 需求转化中")
    if demand.get("offerId"):
        raise mt.refuse(OFFER_LOCKS, f"the demand already has exclusive offer "
                                     f"{demand['offerId']}")
    account = (demand.get("customerInfo") or {}).get("huaweiAccount")
    if not account:
        raise mt.refuse(mt.INVALID_FIELD, "the demand names no customer account (用户账号)")
    answer = make_offer(ctx, account, demand["demandId"])
    demand["offerId"] = answer["offerId"]
    demand.setdefault("progress", []).append(
        {"time": hw(ctx.now), "text": f"商家创建专属优惠 {answer['offerId']}", "author": "商家"})
    demand["updateTime"] = hw(ctx.now)
    ctx.w.put("demands", demand["demandId"], dumps(demand), live=False, gen=mt.MANUAL)
    return {**answer, "demandId": demand["demandId"]}


def add_partner_routes(app: FastAPI, data: Any) -> None:
    tag = "partner write endpoints"
    action_route(app, data, OFFERS_PATH, apply_offer, "申请专属优惠: apply for an exclusive offer",
                 tag)
    action_route(app, data, OFFERS_PATH + "/{offer_id}/revoke", revoke_offer,
                 "撤销: revoke an offer under approval", tag)
    action_route(app, data, PARTNER_DEMANDS_PATH, create_demand,
                 "新增客户需求: submit a customer demand to the seller", tag)
    action_route(app, data, PARTNER_DEMANDS_PATH + "/{demand_id}/customer", edit_customer,
                 "edit the customer's basics of the partner's demand", tag)
    action_route(app, data, SELLER_DEMAND_OFFER_PATH, demand_offer,
                 "更多 > 创建专属优惠: the exclusive offer of a demand", "write endpoints")

