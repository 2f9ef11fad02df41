"""An outage of the seller's production interface, planted in the sandbox (``/_sandbox/interface-incident``).

The generated world lists few failed calls at a time (a call fails now and then, and KooGallery's
retry window is 1 to 3 hours, interfaces.md §2.11). Tests, trainers and the screenshots need the
watchdog's every state at once, so this plants one product's outage on its latest paid SaaS orders:
calls still being retried (one about to run out), calls whose retries ran out (a ``newInstance``,
refunded; others waiting for the seller's 重新启动) and one a retry fixed, all in the current
Beijing month, so the product is past the delisting threshold of "more than 5 failed orders in a
month" (UNCONFIRMED).

The messages are stored user-driven (``gen = "manual"``): the clock's advance leaves them as they
are; their ``retryUntil`` says when each window ends, and the console reads the rest from it.
"""

from __future__ import annotations

from typing import Any

import orjson

from app.sandbox.data.catalog import SELLER_DOMAIN
from app.sandbox.data.generate import dumps
from app.sandbox.data.timeutil import HOUR, from_hw, hw
from app.sandbox.manual_tasks import MANUAL
from app.sandbox.store import RecordStore, Writer

#: (activity, minutes before now the call failed, status, HTTP status, result code, error).
#: Windows: 3 h for newInstance/upgradeInstance, 1 h for the others (§2.11).
PLAN: tuple[tuple[str, int, str, int | None, str | None, str], ...] = (
    ("newInstance", 170, "重试中", 504, None, "调用生产接口超时(5秒内未响应)"),
    ("refreshInstance", 35, "重试中", 502, None, "调用生产接口失败:502 Bad Gateway"),
    ("newInstance", 20, "重试中", 500, "000005", "生产接口返回内部错误:数据库连接超时"),
    ("updateInstanceStatus", 130, "失败", None, None,
     "调用生产接口失败:连接被拒绝(Connection refused)"),
    ("newInstance", 200, "失败", 200, "000001", "生产接口返回鉴权失败:签名校验不通过"),
    ("releaseInstance", 150, "失败", 200, "000002", "生产接口返回请求参数不合法"),
    ("upgradeInstance", 90, "成功", 504, None, "调用生产接口超时(5秒内未响应)"),
)
WINDOW = {"newInstance": 3 * HOUR, "upgradeInstance": 3 * HOUR}
MINUTE_S = 60


class NoSaasOrders(ValueError):
    """The sandbox holds no paid SaaS order to plant the outage on."""


def _saas_orders(store: RecordStore, now: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    after = 0
    while True:
        page = store.page("orders", after, 2000)
        for payload in page.items:
            order = orjson.loads(payload)
            pay = order.get("payTime")
            if order.get("deliveryType") == "SaaS" and pay and from_hw(pay) <= now \
                    and order.get("orderStatus") != "已取消":
                found.append(order)
        after = page.last_seq
        if not page.has_more:
            return found


def plant(store: RecordStore, w: Writer, now: int, product_id: str | None = None) -> dict[str, Any]:
    """Plant the outage (see the module); returns ``{"productId", "messageIds"}``."""
    orders = _saas_orders(store, now)
    if product_id is None and orders:
        latest = sorted(orders, key=lambda o: o["payTime"], reverse=True)[:300]
        counts: dict[str, int] = {}
        for o in latest:
            pid = o["orderLine"][0]["productInfo"][0]["productId"]
            counts[pid] = counts.get(pid, 0) + 1
        product_id = max(sorted(counts), key=lambda p: counts[p])
    mine = sorted((o for o in orders
                   if o["orderLine"][0]["productInfo"][0]["productId"] == product_id),
                  key=lambda o: o["payTime"], reverse=True)[:len(PLAN)]
    if not mine:
        raise NoSaasOrders(f"no paid SaaS order of product {product_id}")
    ids = []
    for n, (order, (activity, minutes, status, http, code, error)) in enumerate(
            zip(mine, PLAN, strict=False)):
        call = now - minutes * MINUTE_S
        until = call + WINDOW.get(activity, HOUR)
        changed = {"重试中": call, "失败": until, "成功": call + 40 * MINUTE_S}[status]
        mid = f"MSG{order['orderId'][2:]}9{n}"
        record = {
            "messageId": mid, "activity": activity, "orderId": order["orderId"],
            "orderLineId": order["orderLine"][0]["orderLineId"],
            "instanceId": None if activity == "newInstance" else order.get("instanceId"),
            "productId": product_id,
            "productionUrl": f"https://{SELLER_DOMAIN}/saasproduce", "callTime": hw(call),
            "httpStatus": http, "resultCode": code, "errorMessage": error,
            "retryCount": min(6, (min(now, until) - call) // (HOUR // 2)),
            "retryUntil": hw(until), "status": status, "updateTime": hw(min(changed, now)),
        }
        w.put("interface_messages", mid, dumps(record), live=False, gen=MANUAL)
        ids.append(mid)
    return {"productId": product_id, "messageIds": ids}
