"""Orders (订单) with their supervision tasks and production-interface messages.

``build_order(world, index, create_ts, now)`` is a pure function: the same key and "now" always give
the same records, and a later "now" only extends the story (payment, supervision steps, completion,
repayment, interface retries). The generator calls it once per order; the clock advance calls it again
for the orders that can still change and stores whatever differs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.sandbox.data import flows
from app.sandbox.data.catalog import SELF_PARTNER_ID, SELLER_DOMAIN, World
from app.sandbox.data.customer_invoices import build_request
from app.sandbox.data.finance import BillItem, performance_record
from app.sandbox.data.rand import Stream, mix
from app.sandbox.data.tasks import SALT_TASK, TaskContext, walk_task
from app.sandbox.data.timeutil import DAY, HOUR, hw, period_of, to_dt, to_ts

SALT_ORDER = 31
SALT_TIMES = 32
SALT_MESSAGE = 33
SPAN = 730 * DAY  # orders spread over the two years before the start

CENT = Decimal("0.01")
_ZERO = Decimal("0.00")
_USD_RATE = Decimal("7")
# Order types and their shares (only products with a PERIOD mode get the non-NEW ones).
_TYPES = (("NEW", 0.62), ("RENEW", 0.76), ("CHANGE", 0.82), ("TRIAL", 0.88),
          ("TRIAL_TO_FORMAL", 0.92), ("UNSUBSCRIBE", 1.0))
# Beijing business hours, as UTC hours with weights (orders cluster 09:00-18:00 Beijing).
_HOURS_UTC = tuple(range(24))
_HOUR_CUM = tuple(float(sum(([1, 3, 5, 6, 5, 5, 6, 6, 5, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                              1])[: i + 1])) for i in range(24))
_ACTIVITY = {"NEW": "newInstance", "TRIAL": "newInstance", "RENEW": "refreshInstance",
             "TRIAL_TO_FORMAL": "refreshInstance", "CHANGE": "upgradeInstance",
             "UNSUBSCRIBE": "releaseInstance"}
_FAILURES = (
    (500, "000005", "生产接口返回内部错误:数据库连接超时"),
    (502, None, "调用生产接口失败:502 Bad Gateway"),
    (504, None, "调用生产接口超时(5秒内未响应)"),
    (None, None, "调用生产接口失败:连接被拒绝(Connection refused)"),
    (200, "000001", "生产接口返回鉴权失败:签名校验不通过"),
    (200, "000002", "生产接口返回请求参数不合法"),
)
_SUFFIX_SPACE = 36**5


@dataclass
class BuiltOrder:
    """One order as it stands at "now", with everything that hangs off it."""

    order: dict[str, Any]
    tasks: list[dict[str, Any]] = field(default_factory=list)
    #: (record as of now, delete time or None): a message whose delete time has passed is a tombstone
    messages: list[tuple[dict[str, Any], int | None]] = field(default_factory=list)
    performance: dict[str, Any] | None = None
    customer_invoice: dict[str, Any] | None = None  # the buyer's invoice request (§6.5)
    live: bool = False  # may still change at a later "now"
    bill_period: str | None = None  # settlement period once billable
    items: list[BillItem] = field(default_factory=list)
    tasks_done: int = 0


def order_times(world: World) -> list[int]:
    """Creation times of the initial orders: over the two years before the start, growing over time,
    in Beijing business hours. Sorted, all strictly before the start."""
    s = Stream(mix(world.seed, SALT_TIMES))
    end = to_ts(world.start)
    begin = end - SPAN
    times: list[int] = []
    for _ in range(world.orders):
        x = -1.0 + math.sqrt(1.0 + 3.0 * s.random())  # density grows linearly towards the start
        day0 = begin + int(x * SPAN) // DAY * DAY
        ts = day0 + s.weighted(_HOURS_UTC, _HOUR_CUM) * HOUR + s.randint(0, HOUR - 1)
        while ts >= end:
            ts -= DAY
        times.append(max(ts, begin))
    times.sort()
    return times


def order_id(world: World, index: int, create_ts: int) -> str:
    """``CS`` + yymmddHHMM + 5 characters, unique per index (a bijection of the index)."""
    v = (index * 48271 + (world.seed % 1000) * 7919 + 12345) % _SUFFIX_SPACE
    out = []
    for _ in range(5):
        v, r = divmod(v, 36)
        out.append("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[r])
    return "CS" + hw(create_ts)[2:12] + "".join(out)


def _money(value: Decimal) -> str:
    return str(value.quantize(CENT, ROUND_HALF_UP))


def _line_amount(s: Stream, unit: Decimal, mode: str, order_type: str, period_type: str | None,
                 period_number: int | None) -> Decimal:
    if order_type == "TRIAL":
        return _ZERO
    if mode == "PERIOD":
        months = 10 * (period_number or 1) if period_type == "year" else (period_number or 1)
        return unit * months
    if mode == "ON_DEMAND":
        return (unit * Decimal(s.randint(5, 400)) / Decimal(100)).quantize(CENT)
    if mode == "ON_DEMAND_PKG":
        return unit * s.randint(1, 5)
    return unit * s.randint(1, 3) if s.chance(0.2) else unit


def build_order(world: World, index: int, create_ts: int, now: int) -> BuiltOrder:
    """The order number ``index`` created at ``create_ts``, as it stands at ``now``."""
    s = Stream(mix(world.seed, SALT_ORDER, index))
    cust = world.customers[s.next64() % len(world.customers)]
    product = s.weighted(world.products, world.product_cum)
    oid = order_id(world, index, create_ts)
    order_type = "NEW"
    if "PERIOD" in product.charging_modes and product.delivery_type != "硬件":
        r = s.random()
        order_type = next(t for t, cum in _TYPES if r < cum)
    mode = s.choice(product.charging_modes) if order_type == "NEW" else "PERIOD"
    period_type: str | None = None
    period_number: int | None = None
    if mode == "PERIOD":
        if order_type == "TRIAL":
            period_type, period_number = "day", s.choice((7, 14, 30, 90))
        elif s.chance(0.35):
            period_type, period_number = "year", s.randint(1, 3)
        else:
            period_type, period_number = "month", s.choice((1, 1, 3, 6, 12))
    currency = "USD" if cust.intl else "CNY"
    coupon: str | None = None
    if product.product_class == "联营" and cust.track == "赋能云" and s.chance(0.6):
        coupon = "赋能云现金券"
    elif product.product_class == "联营" and cust.track == "基地云" and s.chance(0.6):
        coupon = "基地云提货券"
    elif product.product_class in ("通用", "严选") and s.chance(0.06):
        coupon = "代金券"
    scenario = "赋能云" if coupon == "赋能云现金券" or cust.track == "赋能云" else \
        "基地云" if coupon == "基地云提货券" or cust.track == "基地云" else "其他"
    discount = Decimal(1) if s.chance(0.7) else s.choice(
        (Decimal("0.95"), Decimal("0.9"), Decimal("0.85"), Decimal("0.8")))
    partner_id = cust.partner_id
    supervised = product.supervised and order_type == "NEW"
    n_lines = 1 if order_type != "NEW" or s.chance(0.88) else s.randint(2, 3)

    lines: list[dict[str, Any]] = []
    amounts: list[tuple[Decimal, Decimal, str]] = []
    for ln in range(1, n_lines + 1):
        sku = s.choice(product.skus)
        unit = sku.unit_price if currency == "CNY" else (sku.unit_price / _USD_RATE).quantize(CENT)
        amount = _line_amount(s, unit, mode, order_type, period_type, period_number)
        after = (amount * discount).quantize(CENT, ROUND_HALF_UP)
        if order_type == "UNSUBSCRIBE":  # a refund: the line amounts are negative
            amount, after = -amount, -after
        amounts.append((amount, after, sku.name))
        extend = [{"name": "emailDomainName", "value": f"{cust.account}.example.cn"}]
        if sku.linear_value:
            extend.append({"name": "userCount", "value": str(sku.linear_value)})
        lines.append({
            "orderLineId": f"{oid}-{ln:06d}", "chargingMode": mode, "periodType": period_type,
            "periodNumber": period_number, "expireTime": None,
            "productInfo": [{"productId": product.product_id, "skuCode": sku.code,
                             "productName": product.name, "skuName": sku.name,
                             "linearValue": sku.linear_value}],
            "extendParams": extend, "amount": _money(amount), "amountAfterDiscount": _money(after),
        })
    total = sum((a[1] for a in amounts), _ZERO)

    # Payment: most orders are paid within the hour; some are never paid and get cancelled. The
    # cancellation times (a few minutes to 48 h, or 72 h) are the sandbox's own invention:
    # KooGallery states no time limit for cancelling an unpaid order (business-rules §4).
    pay_ts: int | None = None
    cancel_ts: int | None = None
    if order_type in ("TRIAL", "UNSUBSCRIBE"):
        pay_ts = create_ts
    elif s.chance(0.07):
        cancel_ts = create_ts + int((s.uniform(0.1, 48) if s.chance(0.5) else 72.0) * HOUR)
    else:
        pay_ts = create_ts + 30 + int(s.expo(0.5) * HOUR)
    postpaid = cust.postpaid and pay_ts is not None and total > 0
    repay_ts = pay_ts + int(s.uniform(5, 45) * DAY) if postpaid and pay_ts is not None else None
    has_instance = product.delivery_type in ("SaaS", "镜像", "API", "容器", "AI资产")
    instance_id = s.uuid() if has_instance else None

    built = BuiltOrder(order={})
    paid = pay_ts is not None and pay_ts <= now
    live = False
    effective_ts: int | None = None
    done_ts: int | None = None
    if paid and pay_ts is not None:
        effective_ts = pay_ts + 60
        if supervised:
            version = flows.flow_version(to_dt(create_ts))
            for ln, line in enumerate(lines, start=1):
                ctx = TaskContext(
                    task_id=f"SS{line['orderLineId'][2:]}", order_id=oid,
                    order_line_id=line["orderLineId"], product_id=product.product_id,
                    product_name=product.name, sku_name=amounts[ln - 1][2],
                    order_amount=line["amountAfterDiscount"], currency_code=currency,
                    order_ts=create_ts, customer_id=cust.customer_id,
                    customer_name=cust.real_name, customer_account=cust.account,
                    product_class=product.product_class, delivery_type=product.delivery_type,
                    license_subtype=product.license_subtype,
                    service_template=product.service_template, flow_version=version,
                    sales_scenario=scenario, seed_key=mix(world.seed, SALT_TASK, index, ln),
                    start_ts=to_ts(world.start),
                )
                flow = flows.flow_for(product.delivery_type, product.license_subtype,
                                      product.product_class, scenario, version)
                task, task_done = walk_task(ctx, flow, pay_ts, now)
                built.tasks.append(task)
                if task_done is None:
                    live = True
                else:
                    built.tasks_done += 1
                    done_ts = max(done_ts or 0, task_done)
            effective_ts = done_ts if built.tasks_done == len(lines) else None
        if product.delivery_type == "SaaS":
            outcome = _message(world, built, index, oid, lines[0]["orderLineId"], instance_id,
                               product.product_id, order_type, pay_ts + 5, now)
            if outcome is not None:
                fixed, delete_ts = outcome
                if not supervised:  # provisioned once the call finally succeeds
                    effective_ts = fixed if fixed <= now else None
                live = live or delete_ts > now
    complete_ts: int | None = None
    if effective_ts is not None:
        complete_ts = effective_ts + (int(s.uniform(60, 3 * HOUR)) if supervised else 0)
        if complete_ts > now:
            live, complete_ts = True, None
    if pay_ts is None:
        status = "待付款" if cancel_ts is not None and now < cancel_ts else "已取消"
        live = status == "待付款"
    elif pay_ts > now:
        status, live = "待付款", True
    else:
        status = "已完成" if complete_ts is not None else "处理中"
        live = live or status == "处理中"
    if repay_ts is not None and repay_ts > now and status != "已取消":
        live = True
    if effective_ts is not None and complete_ts is not None and mode == "PERIOD" \
            and period_type is not None:
        days = {"year": 365, "month": 30, "day": 1}[period_type] * (period_number or 1)
        for line in lines:
            line["expireTime"] = hw(complete_ts + days * DAY if order_type != "UNSUBSCRIBE"
                                    else complete_ts)
    events = [create_ts]
    for t in (pay_ts, cancel_ts, done_ts, complete_ts, repay_ts):
        if t is not None and t <= now:
            events.append(t)
    update_ts = max(events)
    repayment = "不涉及" if not postpaid else (
        "已还款" if repay_ts is not None and repay_ts <= now else "未还款")
    supervision = "不涉及" if not supervised or not paid else (
        "已完成" if built.tasks_done == len(lines) else "处理中")
    built.order = {
        "orderId": oid, "orderType": order_type, "orderStatus": status,
        "createTime": hw(create_ts), "payTime": hw(pay_ts) if paid and pay_ts else None,
        "effectiveTime": hw(effective_ts) if effective_ts and complete_ts else None,
        "orderLine": lines,
        "buyerInfo": {"customerId": cust.customer_id, "customerName": cust.account,
                      "customerRealName": cust.real_name, "customerType": cust.customer_type,
                      "mobilePhone": cust.mobile, "email": cust.email, "userId": cust.user_id,
                      "userName": cust.account},
        "extendParams": [{"name": "salesScenario", "value": scenario}],
        "currencyCode": currency, "totalAmount": _money(total),
        "productClass": product.product_class, "deliveryType": product.delivery_type,
        "supervisionStatus": supervision, "repaymentStatus": repayment,
        "instanceId": instance_id, "partnerId": partner_id,
        "partnerName": world.partner_name(partner_id) if partner_id else None,
        "couponType": coupon, "offerId": None, "updateTime": hw(update_ts),
    }
    request, request_live = build_request(world, index, built.order, cust, product,
                                          pay_ts if paid else None, now)
    built.customer_invoice = request
    live = live or request_live
    built.live = live
    # Billable once complete (and repaid, for credit-line customers), with a non-zero amount.
    if complete_ts is not None and total != 0 and (repay_ts is None or repay_ts <= now):
        bill_ts = max(complete_ts, repay_ts or 0)
        built.bill_period = period_of(bill_ts)
        voucher_share = Decimal(s.choice(("0.05", "0.10", "0.20"))) if coupon == "代金券" else None
        for line, (_amount, after, _sku) in zip(lines, amounts, strict=True):
            voucher = (after * voucher_share).quantize(CENT, ROUND_HALF_UP) \
                if voucher_share is not None and after > 0 else _ZERO
            built.items.append(BillItem(
                order_id=oid, order_line_id=line["orderLineId"], product=product,
                charging_mode=mode, line_type="退订" if after < 0 else "正常",
                transaction=after, voucher=voucher, effective_ts=complete_ts, currency=currency,
                customer_name=cust.real_name, partner_self=partner_id == SELF_PARTNER_ID,
                period=built.bill_period,
            ))
        if partner_id == SELF_PARTNER_ID:  # refunds too: deducted from the partner (§5.5, §7)
            vouchers = sum((i.voucher for i in built.items), _ZERO)
            built.performance = performance_record(world, oid, product, cust.real_name, total,
                                                   built.bill_period, bill_ts, now,
                                                   cash=total - vouchers)
            live = live or built.performance["status"] != "已结算"
            built.live = live
    return built


def _message(world: World, built: BuiltOrder, index: int, oid: str, line_id: str,
             instance_id: str | None, product_id: str, order_type: str, call_ts: int,
             now: int) -> tuple[int, int] | None:
    """A failed production-interface call for this order, if there was one (§2.11 retries).

    Returns when the call finally succeeded (the order is provisioned then) and when the message
    leaves the list, or None if the call never failed.
    """
    s = Stream(mix(world.seed, SALT_MESSAGE, index))
    if not s.chance(0.3) or call_ts > now:
        return None
    activity = _ACTIVITY[order_type]
    window = 3 * HOUR if activity in ("newInstance", "upgradeInstance") else HOUR
    retry_until = call_ts + window
    http_status, code, error = s.choice(_FAILURES)
    if s.chance(0.45):  # a retry succeeds within the window, the message goes a day later
        fixed = call_ts + int(s.uniform(300, window))
        delete_ts = fixed + int(s.uniform(HOUR, 2 * DAY))
        timeline = [(call_ts, "重试中"), (fixed, "成功")]
    else:  # retries run out; the seller fixes the interface and restarts the call later
        late = s.chance(0.2)  # some sellers take a year to fix their interface
        fixed = retry_until + int(s.expo(365 * DAY if late else 30 * DAY)) + HOUR
        delete_ts = fixed + int(s.uniform(HOUR, 3 * DAY))
        timeline = [(call_ts, "重试中"), (retry_until, "失败"), (fixed, "已重新启动")]
    status, changed = timeline[0][1], timeline[0][0]
    for ts, st in timeline:
        if ts <= now:
            status, changed = st, ts
    retries = min(max(0, (min(now, retry_until) - call_ts) // (HOUR // 2)), 6)
    record = {
        "messageId": f"MSG{oid[2:]}01", "activity": activity, "orderId": oid,
        "orderLineId": line_id, "instanceId": instance_id, "productId": product_id,
        "productionUrl": f"https://{SELLER_DOMAIN}/saasproduce", "callTime": hw(call_ts),
        "httpStatus": http_status, "resultCode": code, "errorMessage": error,
        "retryCount": retries, "retryUntil": hw(retry_until), "status": status,
        "updateTime": hw(changed),
    }
    built.messages.append((record, delete_ts if delete_ts <= now else None))
    return fixed, delete_ts
