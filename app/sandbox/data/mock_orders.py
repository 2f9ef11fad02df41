"""The nine MOCK orders of the real Query Order API (interfaces.md §7.2), in its OrderInfo shape.

KooGallery serves these fixed orders to every seller for debugging, so they do not depend on the seed.
The OrderLine fields beyond orderLineId/chargingMode/expireTime follow the public mock sample, including
its odd ``currency``/``currencyAfterDiscount`` amount fields.
"""

from __future__ import annotations

from typing import Any

from app.services.marketplace.wire import MOCK_ORDER_IDS

# orderId -> (orderType, chargingMode, periodType, periodNumber, amount)
_SPECS: dict[str, tuple[str, str, str | None, int | None, str]] = {
    "MOCKPERIODYEARNEW": ("NEW", "PERIOD", "year", 1, "100"),
    "MOCKONETIMENEW": ("NEW", "ONE_TIME", None, None, "100"),
    "MOCKONDEMAND": ("NEW", "ON_DEMAND", None, None, "0"),
    "MOCKONDEMANDPKG": ("NEW", "ON_DEMAND_PKG", None, None, "100"),
    "MOCKPERIODDAYTRIAL": ("TRIAL", "PERIOD", "day", 7, "0"),
    "MOCKMONTYTRIALTOFORMAL": ("TRIAL_TO_FORMAL", "PERIOD", "month", 1, "100"),
    "MOCKMONTYUNSUBSCRIBE": ("UNSUBSCRIBE", "PERIOD", "month", 1, "100"),
    "MOCKMONTYRENEW": ("RENEW", "PERIOD", "month", 1, "100"),
    "MOCKMONTYCHANGE": ("CHANGE", "PERIOD", "month", 1, "100"),
}


def mock_order(order_id: str) -> dict[str, Any]:
    """The OrderInfo of one MOCK order (KeyError for any other id)."""
    order_type, mode, period_type, period_number, amount = _SPECS[order_id]
    line: dict[str, Any] = {
        "orderLineId": f"{order_id}-000001",
        "chargingMode": mode,
        "expireTime": "20251121235959" if mode == "PERIOD" else None,
        "productInfo": [{
            "productId": "OFFI846204237451911168",
            "skuCode": "0a4d1578-2ce0-4a8c-9dfa-3c5fa2a4a9c1",
            "linearValue": 50,
            "productName": "云商店调测商品(MOCK)",
        }],
        "extendParams": [
            {"name": "emailDomainName", "value": "test.xxxx.com"},
            {"name": "ip", "value": "127.0.0.1"},
        ],
        "currency": amount,
        "currencyAfterDiscount": amount,
    }
    if period_type is not None:
        line["periodType"] = period_type
        line["periodNumber"] = period_number
    return {
        "orderId": order_id,
        "orderType": order_type,
        "createTime": "20241121081500",
        "orderLine": [line],
        "buyerInfo": {
            "customerId": "68cbc86abc2018ab880d92f36422fa0e",
            "customerName": "mock_buyer",
            "customerRealName": "云商店调测账号",
            "customerType": 0,
            "mobilePhone": "138****0000",
            "email": "mock_buyer@test.xxxx.com",
            "userId": "5b1f5f3d8c2a4e0f9a7b6c5d4e3f2a1b",
            "userName": None,
        },
        "extendParams": [{"name": "testFlag", "value": "1"}],
    }


MOCK_ORDERS: dict[str, dict[str, Any]] = {oid: mock_order(oid) for oid in MOCK_ORDER_IDS}


def order_info_from_wire(order: dict[str, Any]) -> dict[str, Any]:
    """A generated order (wire ``Order``) in the Query Order OrderInfo shape, so the sandbox can
    answer Query Order for its own orders as KooGallery does for real ones."""
    lines = []
    for line in order["orderLine"]:
        lines.append({
            "orderLineId": line["orderLineId"], "chargingMode": line["chargingMode"],
            "periodType": line.get("periodType"), "periodNumber": line.get("periodNumber"),
            "expireTime": line.get("expireTime"),
            "productInfo": [{k: v for k, v in p.items() if k != "skuName"}
                            for p in line.get("productInfo", [])],
            "extendParams": line.get("extendParams", []),
            "currency": line["amount"], "currencyAfterDiscount": line["amountAfterDiscount"],
        })
    return {"orderId": order["orderId"], "orderType": order["orderType"],
            "createTime": order["createTime"], "orderLine": lines,
            "buyerInfo": order.get("buyerInfo"), "extendParams": order.get("extendParams", [])}
