"""Customer demands (客户需求, business-rules §3) and exclusive offers (专属优惠, §7).

Both are pure functions of their key and of "now", like orders: a demand is 待接收 for at most 5 days
(then accepted, rejected, or closed by the system), converts through a 专属优惠 (需求成交) or is closed
with 转化成功/转化失败; demands from 客户服务商 cannot be closed by the seller. Offers are approved at
once within the authorised discount, by hand beyond it, or rejected/revoked, and expire at validTo.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.sandbox.data.catalog import World, mobile, person_name
from app.sandbox.data.rand import Stream, mix
from app.sandbox.data.timeutil import DAY, HOUR, hw, to_ts

SALT_DEMAND = 51
SALT_DEMAND_TIMES = 52
SALT_OFFER = 53
SALT_OFFER_TIMES = 54
SPAN = 730 * DAY
ACCEPT_WINDOW = 5 * DAY  # 待接收 demands close by themselves after 5 days (§3)

_SOURCES = ("华为云", "客户服务商", "商家营销策略")
_SOURCE_CUM = (0.45, 0.80, 1.0)
_DELIVERY = ("线上交付", "线下交付", "远程交付")
_TYPES = ("新购", "扩容", "替换", "试点验证")
_SPACES = ("10万以下", "10万-50万", "50万-100万", "100万以上")
_APPEALS = ("降本增效,替换现有自建系统", "满足等保合规要求", "业务上云,需要快速上线",
            "统一数据平台,打通各业务系统")
_PROGRESS = ("已与客户初步沟通,确认需求范围", "已完成方案演示,客户反馈积极",
             "客户内部走采购流程中", "已提交报价,等待客户确认", "客户要求补充POC测试")
_DISCOUNTS = (Decimal("0.95"), Decimal("0.9"), Decimal("0.85"), Decimal("0.8"))
CENT = Decimal("0.01")


def demand_count(world: World) -> int:
    return max(30, world.orders // 40)


def offer_count(world: World) -> int:
    return max(12, world.orders // 60)


def spread_times(world: World, salt: int, count: int, recent: int) -> list[int]:
    """``count`` times uniform over the two years before the start, the last ``recent`` of them in
    its last four days (so that fresh 待接收 demands / 审批中 offers exist even in small data sets)."""
    s = Stream(mix(world.seed, salt))
    end = to_ts(world.start)
    times = sorted(end - 1 - int(s.random() * SPAN) for _ in range(max(0, count - recent)))
    times += sorted(end - 1 - int(s.uniform(0.05, 4.0) * DAY) for _ in range(min(recent, count)))
    return times


def _joint_products(world: World) -> list[Any]:
    return [p for p in world.products if p.product_class == "联营"]


def _offer_products(s: Stream, products: list[Any]) -> list[dict[str, Any]]:
    out = []
    for p in products:
        sku = s.choice(p.skus)
        discount = s.choice(_DISCOUNTS)
        out.append({"productId": p.product_id, "productName": p.name, "skuName": sku.name,
                    "price": str((sku.unit_price * discount).quantize(CENT, ROUND_HALF_UP)),
                    "discount": str(discount)})
    return out


def build_demand(world: World, index: int, assign_ts: int, now: int
                 ) -> tuple[dict[str, Any], dict[str, Any] | None, bool]:
    """Demand ``index`` assigned at ``assign_ts`` as it stands at ``now``; its 专属优惠 once created;
    whether it can still change."""
    s = Stream(mix(world.seed, SALT_DEMAND, index))
    source = s.weighted(_SOURCES, _SOURCE_CUM)
    product = s.choice(_joint_products(world))
    cust = world.customers[s.next64() % len(world.customers)]
    partner = s.choice(world.partners[1:]) if source == "客户服务商" else None
    demand_id = f"XQ{hw(assign_ts)[:8]}{index:06d}"
    progress: list[tuple[int, str, str | None]] = []
    events: list[tuple[int, str, str | None]] = []  # (time, status, close result)
    deadline: int | None = None
    if source == "商家营销策略":  # no seller action needed: straight to conversion (§3)
        accept_ts: int | None = assign_ts
        events.append((assign_ts, "需求转化中", None))
    else:
        deadline = assign_ts + ACCEPT_WINDOW
        events.append((assign_ts, "待接收", None))
        react = assign_ts + 600 + int(s.expo(2.5 * DAY))
        accept_ts = None
        if react >= deadline:
            events.append((deadline, "已关闭", "转化失败"))
            progress.append((deadline, "超过5天未接收,系统自动关闭", "系统"))
        elif source == "客户服务商" and s.chance(0.15):
            events.append((react, "已拒绝", None))
            progress.append((react, "商家拒绝:该需求不在我司服务范围内", "商家"))
        else:
            accept_ts = react
            events.append((react, "需求转化中", None))
            progress.append((react, "商家已接收需求", "商家"))
    offer: dict[str, Any] | None = None
    offer_ts: int | None = None
    if accept_ts is not None:
        t = accept_ts
        for _ in range(s.randint(1, 3)):
            t += int(s.expo(7 * DAY)) + HOUR
            progress.append((t, s.choice(_PROGRESS), "商家"))
        outcome_ts = accept_ts + DAY + int(s.expo(35 * DAY))
        r = s.random()
        if r < 0.25:  # a long-running one
            outcome_ts += int(s.expo(200 * DAY))
            r = 0.5 if source == "客户服务商" else 0.8
        if r < 0.6 or source == "客户服务商":
            offer_ts = max(accept_ts + HOUR, outcome_ts - int(s.uniform(2, 10) * DAY))
            events.append((outcome_ts, "需求成交", None))
            progress.append((outcome_ts, "客户已通过专属优惠下单", "系统"))
        else:
            closed_as = "转化成功" if r < 0.75 else "转化失败"
            events.append((outcome_ts, "已关闭", closed_as))
            progress.append((outcome_ts, f"商家关闭需求:{closed_as}", "商家"))
    status, changed = "待接收", assign_ts
    result: str | None = None
    close_ts: int | None = None
    for ts, st, res in events:
        if ts <= now:
            status, result, changed = st, res, ts
            if st in ("已关闭", "已拒绝"):
                close_ts = ts
    edited = accept_ts is not None and accept_ts <= now
    solution = []
    if edited and s.chance(0.7):
        sku = s.choice(product.skus)
        solution.append({"productId": product.product_id, "productName": product.name,
                         "skuName": sku.name, "quantity": s.randint(1, 20)})
    offer_id = None
    if offer_ts is not None and offer_ts <= now:
        offer_id = f"YHD{demand_id[2:]}"
        offer = _linked_offer(world, s, offer_id, demand_id, cust.account, product, offer_ts, now)
    visible = [(ts, text, who) for ts, text, who in progress if ts <= now]
    for ts, _text, _who in visible:
        changed = max(changed, ts)
    region = world.province(cust.region)
    demand = {
        "demandId": demand_id, "source": source,
        "submitter": person_name(s) if source != "商家营销策略" else "CDP人群圈选",
        "name": f"{region}{cust.industry}客户{product.name}需求",
        "deliveryMode": s.choice(_DELIVERY), "demandType": s.choice(_TYPES),
        "demandSpace": s.choice(_SPACES), "mainAppeal": s.choice(_APPEALS),
        "expectedSignDate": hw(assign_ts + int(s.uniform(30, 120)) * DAY),
        "salesContact": person_name(s), "salesPhone": mobile(s),
        "description": f"客户计划采购{product.name},希望了解部署方式、价格与交付周期。",
        "interestedSolution": product.name,
        "customerInfo": None if status == "待接收" else {
            "customerName": cust.real_name, "huaweiAccount": cust.account,
            "industry": cust.industry, "region": region, "contact": person_name(s)},
        "solution": solution,
        "progress": [{"time": hw(ts), "text": text, "author": who} for ts, text, who in visible],
        "offerId": offer_id, "status": status, "closeResult": result,
        "assignTime": hw(assign_ts), "acceptDeadline": hw(deadline) if deadline else None,
        "closeTime": hw(close_ts) if close_ts else None,
        "partnerId": partner.partner_id if partner else None,
        "partnerName": partner.name if partner else None,
        "productId": product.product_id, "productName": product.name,
        "updateTime": hw(changed),
    }
    live = status in ("待接收", "需求转化中") or (offer is not None and offer["status"] != "已过期")
    return demand, offer, live


def _linked_offer(world: World, s: Stream, offer_id: str, demand_id: str, account: str,
                  product: Any, created: int, now: int) -> dict[str, Any]:
    """The 专属优惠 a seller created from a demand: approved within minutes, valid 90 days."""
    approved = created + int(s.uniform(60, 3600))
    valid_from = created + DAY
    valid_to = valid_from + 90 * DAY
    status, changed = "审批中", created
    if now >= valid_to:
        status, changed = "已过期", valid_to
    elif now >= approved:
        status, changed = "已生效", approved
    products = _offer_products(s, [product])
    return {
        "offerId": offer_id, "name": f"自拓优惠-{product.name}-{products[0]['discount']}折扣",
        "customerAccount": account, "validFrom": hw(valid_from), "validTo": hw(valid_to),
        "status": status, "products": products, "demandId": demand_id, "createTime": hw(created),
        "updateTime": hw(changed),
    }


def build_offer(world: World, index: int, create_ts: int, now: int) -> tuple[dict[str, Any], bool]:
    """Stand-alone 专属优惠 ``index`` created at ``create_ts``, as it stands at ``now``."""
    s = Stream(mix(world.seed, SALT_OFFER, index))
    cust = world.customers[s.next64() % len(world.customers)]
    products = _offer_products(s, [s.choice(world.products) for _ in range(s.randint(1, 2))])
    valid_from = create_ts + int(s.uniform(1, 5) * DAY)
    valid_to = valid_from + s.randint(30, 365) * DAY
    r = s.random()
    if offer_count(world) - 3 <= index < offer_count(world):
        r = 0.75  # the newest offers of the initial data went to manual approval (转人工处理)
    events: list[tuple[int, str]] = [(create_ts, "审批中")]
    if r < 0.70:  # within the authorised discount: approved automatically
        events += [(create_ts + int(s.uniform(30, 600)), "已生效"), (valid_to, "已过期")]
    elif r < 0.82:  # beyond it: 转人工处理, approved by hand
        events += [(create_ts + int(s.uniform(1, 5) * DAY), "已生效"), (valid_to, "已过期")]
    elif r < 0.92:
        events.append((create_ts + int(s.uniform(1, 3) * DAY), "已驳回"))
    else:
        events.append((create_ts + int(s.uniform(HOUR, 2 * DAY)), "已撤销"))
    status, changed = events[0][1], events[0][0]
    for ts, st in events:
        if ts <= now:
            status, changed = st, ts
    first = products[0]
    offer = {
        "offerId": f"YH{hw(create_ts)[:8]}{index:05d}",
        "name": f"自拓优惠-{first['productName']}-{first['discount']}折扣",
        "customerAccount": cust.account, "validFrom": hw(valid_from), "validTo": hw(valid_to),
        "status": status, "products": products, "demandId": None, "createTime": hw(create_ts),
        "updateTime": hw(changed),
    }
    return offer, status in ("审批中", "已生效")
