"""Orders, order lines and supervision tasks built straight in SQLite storage form (issue 18 §2).

A first sync's helper process maps these without a row dict in between (``Mapper.sqlite``): the
tuples must be exactly what the dict rows give through the writer's converters, value for value
and type for type, and a record that cannot be stored must still be set aside whole.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from decimal import Decimal
from typing import Any

import orjson
import pytest

from app.services.marketplace import wire
from app.services.marketplace.client import parse_page
from app.services.sync.mapping import MAPPERS, wire_cents
from app.services.sync.pages import prepare_page
from app.services.sync.writer import _cents
from tests.sandbox_fixtures import Sandbox

DIRECT = ("orders", "supervision_tasks")


@pytest.mark.parametrize("amount", [
    "0", "7", "-7", "12.5", "-12.50", "-0.5", "0.01", "1005.00", "3.1000", "0.0100", "-3.1200",
    "999999999999999.99", "999999999999999.9900",
])
def test_issue18_s2_a_wire_amount_becomes_the_cents_its_decimal_does(amount: str) -> None:
    assert wire_cents(amount) == _cents(Decimal(amount))
    assert type(wire_cents(amount)) is int


@pytest.mark.parametrize("amount", ["1.005", "-0.001", "0.1234", "12.3401"])
def test_issue18_s2_a_wire_amount_money_cannot_hold_is_refused(amount: str) -> None:
    with pytest.raises(ValueError, match="more than two decimal places"):
        wire_cents(amount)


def _bodies(sandbox: Sandbox, coll: wire.Collection) -> list[bytes]:
    bodies: list[bytes] = []
    cursor: str | None = None
    with sandbox.client() as client:
        while True:
            params = {"limit": "200", **({"cursor": cursor} if cursor else {})}
            body = client.get_json_bytes(coll.path, params, lambda b: b)
            bodies.append(body)
            page = orjson.loads(body)
            if not page["hasMore"]:
                return bodies
            cursor = page["nextCursor"]


@pytest.mark.parametrize("name", DIRECT)
def test_issue18_s2_direct_tuples_store_what_the_dict_rows_store(
    sandbox: Sandbox, name: str
) -> None:
    coll, mapper = wire.COLLECTIONS_BY_NAME[name], MAPPERS[name]
    assert mapper.sqlite is not None
    via_dicts = replace(mapper, sqlite=None)
    records = 0
    for body in _bodies(sandbox, coll):
        direct = prepare_page(coll, mapper, parse_page(coll, body), sqlite=True)
        page = parse_page(coll, body)
        records += len(page.items)
        # the column lists are the dict rows' keys, in their order
        row, kids = mapper.to_rows(copy.deepcopy(page.items[0]))
        assert mapper.sqlite.columns == tuple(row)
        for columns, rows in zip(mapper.sqlite.child_columns, kids.values(), strict=True):
            assert not rows or columns == tuple(rows[0])
        expected = prepare_page(coll, via_dicts, page, sqlite=True)
        assert direct.ids == expected.ids and not direct.bad and not direct.rows
        assert [(t, sql) for t, sql, _ in direct.statements] == [
            (t, sql) for t, sql, _ in expected.statements
        ]
        for (_t, _sql, got), (_t2, _sql2, want) in zip(
            direct.statements, expected.statements, strict=True
        ):
            assert got == want
            # plain types, value for value (1 is not True, a str subclass pickles slower)
            assert [[type(v) for v in t] for t in got] == [[type(v) for v in t] for t in want]
    assert records > 0, f"the sandbox serves no {name}"


def _with(record: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    broken = copy.deepcopy(record)
    target: Any = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return broken


def _raw_page(coll: wire.Collection, sandbox: Sandbox) -> list[dict[str, Any]]:
    with sandbox.client() as client:
        body = client.get_json_bytes(coll.path, {"limit": "50"}, lambda b: b)
    items: list[dict[str, Any]] = orjson.loads(body)["items"]
    return items


@pytest.mark.parametrize(("name", "path", "value", "reason"), [
    # an impossible calendar day on a record's last line: the order and all its lines set aside
    ("orders", ("orderLine", -1, "expireTime"), "20250230120000", "ValueError"),
    ("orders", ("orderLine", -1, "amountAfterDiscount"), "9.505", "more than two decimal"),
    ("orders", ("updateTime",), "20251121250000", "ValueError"),
    ("supervision_tasks", ("orderAmount",), "0.001", "more than two decimal"),
    ("supervision_tasks", ("nodeEnteredTime",), "20251301000000", "ValueError"),
])
def test_issue18_s2_a_record_that_cannot_be_stored_is_set_aside_whole(
    sandbox: Sandbox, name: str, path: tuple[Any, ...], value: str, reason: str
) -> None:
    coll, mapper = wire.COLLECTIONS_BY_NAME[name], MAPPERS[name]
    items = _raw_page(coll, sandbox)
    # an order with several lines, so lines before the bad one are mapped first
    several = (i for i, o in enumerate(items) if len(o.get("orderLine", ())) > 1)
    at = next(several) if name == "orders" else 1
    items[at] = _with(items[at], path, value)
    bad_id = items[at][coll.id_field]
    body = orjson.dumps({"items": items, "nextCursor": "c", "hasMore": False})
    page = parse_page(coll, body)
    assert not page.bad  # the wire patterns pass it: only storing it fails
    prepared = prepare_page(coll, mapper, page, sqlite=True)
    assert [b.record_id for b in prepared.bad] == [bad_id]
    assert reason in prepared.bad[0].reason
    assert prepared.bad[0].raw[coll.id_field] == bad_id  # the raw record kept, as on the wire
    assert bad_id not in prepared.ids and len(prepared.ids) == len(items) - 1
    for table, _sql, rows in prepared.statements:
        if table == "order_lines":  # none of its lines stored half-way
            assert all(row[1] != bad_id for row in rows)
            assert len(rows) == sum(len(o["orderLine"]) for o in items) - len(
                items[at]["orderLine"]
            )
    via_dicts = replace(mapper, sqlite=None)
    if reason == "ValueError":  # the same refusal as the dict rows' mapper
        again = prepare_page(coll, via_dicts, parse_page(coll, body), sqlite=True)
        assert [b.record_id for b in again.bad] == [bad_id] and again.ids == prepared.ids
    else:  # the dict rows met it only in the writer, which refused the whole page
        with pytest.raises(ValueError, match="more than two decimal"):
            prepare_page(coll, via_dicts, parse_page(coll, body), sqlite=True)
