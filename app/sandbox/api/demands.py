"""The sandbox's customer-demand actions (客户需求管理), with the marketplace's rules (§3).

``POST /v1/seller/demands/{demandId}/accept | reject | progress | solution | close``, idempotent
like every action (``actions.action_route``). A demand the seller acted on is *user-driven* from
then on: stored with ``gen = "manual"`` and not live, so the clock's advance no longer rebuilds it.

Refusals (this project's codes, docs/api.md): ``SC.1201`` (409) the demand's state does not allow
the action; ``SC.1202`` (409) the 5-day acceptance window has passed; ``SC.1203`` (409) a 专属优惠
exists, the demand's details are locked; ``SC.1204`` (409) the action is not open to a demand of
this source (reject only for 客户服务商; close never for 客户服务商); ``SC.1007``/``SC.1008`` as
for every action.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from app.sandbox import manual_tasks as mt
from app.sandbox.api.actions import ActionContext, action_route
from app.sandbox.data.demands import build_demand
from app.sandbox.data.generate import dumps
from app.sandbox.data.timeutil import DAY, from_hw, hw
from app.sandbox.state import SandboxData

WRONG_STATE = ("SC.1201", 409)
WINDOW_PASSED = ("SC.1202", 409)
OFFER_LOCKS = ("SC.1203", 409)
WRONG_SOURCE = ("SC.1204", 409)

PATH = "/v1/seller/demands/{demand_id}/"


def _load(ctx: ActionContext, demand_id: str) -> dict[str, Any]:
    record, gen = ctx.record("demands", demand_id, "customer demand")
    record["_gen"] = gen
    return record


def _save(ctx: ActionContext, demand: dict[str, Any]) -> dict[str, Any]:
    demand.pop("_gen", None)
    demand["updateTime"] = hw(ctx.now)
    ctx.w.put("demands", demand["demandId"], dumps(demand), live=False, gen=mt.MANUAL)
    return {"demandId": demand["demandId"], "status": demand["status"]}


def _progress(demand: dict[str, Any], ctx: ActionContext, text: str) -> None:
    demand.setdefault("progress", []).append({"time": hw(ctx.now), "text": text, "author": "商家"})


def _text(ctx: ActionContext, name: str, required: str) -> str:
    value = ctx.body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise mt.refuse(mt.INVALID_FIELD, required)
    return value.strip()


def _must_convert(demand: dict[str, Any]) -> None:
    if demand["status"] != "需求转化中":
        raise mt.refuse(WRONG_STATE, f"the demand is 「{demand['status']}」; only a demand in "
                                     "需求转化中 can be changed")


def _customer_info(ctx: ActionContext, demand: dict[str, Any]) -> dict[str, Any] | None:
    """The customer's details, revealed on acceptance (the generator's own record of them)."""
    gen = demand.get("_gen") or ""
    try:
        index, assign_ts = (int(x) for x in gen.split(":"))
    except ValueError:
        return demand.get("customerInfo")
    later, _offer, _live = build_demand(ctx.data.world, index, assign_ts, assign_ts + 3650 * DAY)
    info: dict[str, Any] | None = later.get("customerInfo")
    return info


def accept(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    demand = _load(ctx, params["demand_id"])
    if demand["status"] != "待接收":
        raise mt.refuse(WRONG_STATE, f"the demand is 「{demand['status']}」, not 待接收")
    deadline = demand.get("acceptDeadline")
    if deadline and from_hw(deadline) <= ctx.now:
        raise mt.refuse(WINDOW_PASSED, "the 5-day acceptance window has passed")
    if ctx.body.get("agreeRules") is not True:
        raise mt.refuse(mt.INVALID_FIELD, "accepting a demand means accepting the "
                                          "demand-management rules (agreeRules: true)")
    demand["status"] = "需求转化中"
    demand["customerInfo"] = _customer_info(ctx, demand)
    _progress(demand, ctx, "商家已接收需求")
    return _save(ctx, demand)


def reject(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    demand = _load(ctx, params["demand_id"])
    reason = _text(ctx, "reason", "a reason is required to reject a demand")
    if demand["source"] != "客户服务商":
        raise mt.refuse(WRONG_SOURCE, "only a demand brought by a partner (客户服务商) can be "
                                      "rejected")
    if demand["status"] != "待接收":
        raise mt.refuse(WRONG_STATE, f"the demand is 「{demand['status']}」, not 待接收")
    demand["status"] = "已拒绝"
    demand["closeTime"] = hw(ctx.now)
    _progress(demand, ctx, f"商家拒绝:{reason}")
    return _save(ctx, demand)


def progress(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    demand = _load(ctx, params["demand_id"])
    text = _text(ctx, "text", "the progress text is required")
    _must_convert(demand)
    if demand.get("offerId"):
        raise mt.refuse(OFFER_LOCKS, "a 专属优惠 exists for this demand: it is locked")
    _progress(demand, ctx, text)
    return _save(ctx, demand)


def solution(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    demand = _load(ctx, params["demand_id"])
    items = ctx.body.get("items")
    if not isinstance(items, list) or not items:
        raise mt.refuse(mt.INVALID_FIELD, "items: at least one product specification")
    clean = []
    for item in items:
        if not isinstance(item, dict) or not str(item.get("productName") or "").strip():
            raise mt.refuse(mt.INVALID_FIELD, "every item needs a productName")
        quantity = item.get("quantity", 1)
        if not isinstance(quantity, int) or quantity < 1:
            raise mt.refuse(mt.INVALID_FIELD, "quantity must be a whole number of at least 1")
        clean.append({"productId": str(item.get("productId") or ""),
                      "productName": str(item["productName"]).strip(),
                      "skuName": item.get("skuName"), "quantity": quantity})
    _must_convert(demand)
    if demand.get("offerId"):
        raise mt.refuse(OFFER_LOCKS, "a 专属优惠 exists for this demand: it is locked")
    demand["solution"] = clean
    _progress(demand, ctx, "商家更新了需求方案")
    return _save(ctx, demand)


def close(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    demand = _load(ctx, params["demand_id"])
    result = ctx.body.get("result")
    if result not in ("转化成功", "转化失败"):
        raise mt.refuse(mt.INVALID_FIELD, "result must be 转化成功 or 转化失败")
    if demand["source"] == "客户服务商":
        raise mt.refuse(WRONG_SOURCE, "a demand brought by a partner (客户服务商) cannot be "
                                      "closed by the seller")
    _must_convert(demand)
    demand["status"] = "已关闭"
    demand["closeResult"] = result
    demand["closeTime"] = hw(ctx.now)
    comment = ctx.body.get("comment")
    _progress(demand, ctx, f"商家关闭需求:{result}" + (f"({comment})" if comment else ""))
    return _save(ctx, demand)


def add_demand_routes(app: FastAPI, data: SandboxData) -> None:
    for name, fn, summary in (
        ("accept", accept, "接收: accept a customer demand"),
        ("reject", reject, "拒绝: reject a partner's demand"),
        ("progress", progress, "更新进展: record progress"),
        ("solution", solution, "编辑: set the solution (需求方案)"),
        ("close", close, "关闭: close with 转化成功 / 转化失败"),
    ):
        action_route(app, data, PATH + name, fn, summary, "write endpoints")
