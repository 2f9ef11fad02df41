"""The sync's storage form on SQLite (issue 18 §2: the helper prepares tuples in one pass).

The rows a first sync hands to SQLite are built by one compiled expression per column list and
money is turned into cents without ``as_tuple``; these check the values are the same as the
column types' own conversions, and that what cannot be stored is still refused.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from app import models as m
from app.models.base import RawJSON
from app.services.sync.mapping import wire_time
from app.services.sync.writer import TableWriter, _cents


@pytest.mark.parametrize(("amount", "cents"), [
    ("0", 0), ("12.5", 1250), ("-12.50", -1250), ("1005.00", 100500), ("3.1000", 310),
    ("999999999999999.99", 99999999999999999),
])
def test_amounts_become_exact_cents(amount: str, cents: int) -> None:
    assert _cents(Decimal(amount)) == cents
    assert type(_cents(Decimal(amount))) is int


@pytest.mark.parametrize("amount", ["1.005", "-0.001", "NaN", "Infinity"])
def test_an_amount_money_cannot_hold_is_refused(amount: str) -> None:
    with pytest.raises((ValueError, OverflowError)):
        _cents(Decimal(amount))


def test_a_row_becomes_the_tuple_of_its_storage_values_in_column_order() -> None:
    writer = TableWriter(m.Base.metadata.tables["order_lines"])
    rows = [
        {"id": "L1", "order_id": "O1", "amount": Decimal("10.50"),
         "expire_time": wire_time("20251121235959"), "products": RawJSON('[{"a":1}]'),
         "period_number": 3},
        {"id": "L2", "order_id": "O1", "amount": Decimal("-1"), "expire_time": None,
         "products": RawJSON("[]"), "period_number": None},
    ]
    sql, data = writer.prepare_sqlite(rows)
    assert sql.startswith('INSERT INTO "order_lines" ("id", "order_id", "amount", "expire_time"')
    assert data == [
        ("L1", "O1", 1050, "2025-11-21 23:59:59.000000", '[{"a":1}]', 3),
        ("L2", "O1", -100, None, "[]", None),
    ]
    # plain str, not the subclasses: they pickle to the writer process several times slower
    assert [type(v) for v in data[0]] == [str, str, int, str, str, int]
    with pytest.raises(ValueError, match="more than two decimal places"):
        writer.prepare_sqlite([{**rows[0], "amount": Decimal("0.125")}])


def test_a_time_whose_parts_were_seen_is_still_checked_whole() -> None:
    assert wire_time("20251121235959") == "2025-11-21 23:59:59.000000"
    for bad in ("2025112123595", "202511212359599", "20251121 23595"):
        with pytest.raises(ValueError):
            wire_time(bad)
