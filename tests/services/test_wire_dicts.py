"""The sync validates records as dicts (``wire.dict_schema``): exactly as strict as the wire models,
with the same values, defaults and camelCase dumps."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from pydantic import ValidationError

from app.services.marketplace import wire
from app.services.marketplace.client import parse_page
from app.services.sync.mapping import MAPPERS
from tests.sandbox_fixtures import Sandbox


@pytest.mark.parametrize("coll", wire.COLLECTIONS, ids=lambda c: c.name)
def test_every_record_reads_the_same_as_a_dict_and_as_a_model(
    sandbox: Sandbox, coll: wire.Collection
) -> None:
    with sandbox.client() as client:
        body = client.get_json_bytes(coll.path, {"limit": "200"}, lambda b: b)
    raw = orjson.loads(body)["items"]
    assert raw, f"the sandbox serves no {coll.name}"
    page = parse_page(coll, body)
    assert not page.bad and len(page.items) == len(raw)
    adapter = wire.dict_adapter(coll.record)
    for item, record in zip(raw, page.items, strict=True):
        model = coll.record.model_validate(item)
        # the same fields and values, defaults filled in the same way
        assert adapter.dump_python(record, by_alias=True) == model.model_dump(by_alias=True)
        assert adapter.dump_json(record, by_alias=True, exclude_none=True) == model.model_dump_json(
            by_alias=True, exclude_none=True
        ).encode()
        MAPPERS[coll.name].to_rows(record)  # and every record maps to rows


def _order() -> dict[str, Any]:
    return {
        "orderId": "CS1",
        "orderType": "NEW",
        "orderStatus": "已完成",
        "createTime": "20251121235959",
        "orderLine": [
            {
                "orderLineId": "CS1-1",
                "chargingMode": "ONE_TIME",
                "productInfo": [{"productId": "P", "skuCode": "S", "productName": "N"}],
                "amount": "10.00",
                "amountAfterDiscount": "9.50",
            }
        ],
        "buyerInfo": {"customerId": "C", "customerName": "c"},
        "currencyCode": "CNY",
        "totalAmount": "9.50",
        "productClass": "通用",
        "deliveryType": "SaaS",
        "supervisionStatus": "不涉及",
        "updateTime": "20251122000000",
    }


def _broken(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    order = _order()
    target: Any = order
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return order


@pytest.mark.parametrize(
    "order",
    [
        _broken(("createTime",), "2025-11-21 23:59"),  # the HwTime pattern
        _broken(("totalAmount",), 9.5),  # amounts are strings, never JSON numbers
        _broken(("totalAmount",), "9,50"),  # the Amount pattern
        _broken(("buyerInfo",), KeyError),  # a required nested record
        _broken(("buyerInfo", "customerId"), KeyError),  # a required field inside it
        _broken(("orderLine", 0, "amount"), "ten"),  # a pattern two levels down
        _broken(("orderLine", 0, "productInfo", 0, "linearValue"), "many"),  # an int
        _broken(("orderLine",), {"orderLineId": "x"}),  # a list that is not a list
    ],
    ids=["time", "float-amount", "amount-pattern", "no-buyer", "no-customer-id",
         "line-amount", "linear-value", "not-a-list"],
)
def test_a_record_the_model_refuses_is_refused_as_a_dict(order: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        wire.Order.model_validate(order)
    with pytest.raises(ValidationError):
        wire.dict_adapter(wire.Order).validate_python(order)
    body = orjson.dumps({"items": [order, _order()], "nextCursor": "c", "hasMore": False})
    page = parse_page(wire.COLLECTIONS_BY_NAME["orders"], body)
    assert [b.record_id for b in page.bad] == ["CS1"] and len(page.items) == 1


def test_unknown_fields_are_ignored_and_optional_ones_default() -> None:
    order = _order() | {"newHuaweiField": 1}
    record = wire.dict_adapter(wire.Order).validate_python(order)
    assert "newHuaweiField" not in record and "new_huawei_field" not in record
    assert record["pay_time"] is None and record["extend_params"] == []
    assert record["order_line"][0]["product_info"][0]["sku_name"] is None
