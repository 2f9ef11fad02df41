"""The dashboard's figures on a cache whose content the test wrote itself (no Qt, no network)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import app.models as m
from app.services.figures.dashboard import (
    Tile,
    compute_figures,
    format_amount,
    tile_records,
)

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


# -- record factories (also used by test_search) ---------------------------------------------------


def order(oid: str, status: str = "已完成", amount: str = "100.00", **kw: Any) -> m.Order:
    real_name = kw.pop("real_name", None)
    values: dict[str, Any] = {
        "id": oid,
        "order_type": "NEW",
        "order_status": status,
        "create_time": NOW - timedelta(days=1),
        "currency_code": "CNY",
        "total_amount": Decimal(amount),
        "product_class": "通用",
        "delivery_type": "SaaS",
        "supervision_status": "不涉及",
        "customer_id": f"cust-{oid}",
        "customer_name": f"acct{oid[-4:].lower()}",
        "buyer_info": {"customerRealName": real_name} if real_name else {},
        "customer_real_name": real_name,
        "product_name": "云上进销存",
        "extend_params": [],
        "remote_updated_at": NOW,
        "row_hash": "x",
    }
    values.update(kw)
    return m.Order(**values)


def task(tid: str, owner: str = "seller", frozen: bool = False, **kw: Any) -> m.SupervisionTask:
    values: dict[str, Any] = {
        "id": tid,
        "order_id": f"CS{tid}",
        "order_line_id": f"CS{tid}-000001",
        "product_id": "p1",
        "product_name": "人工服务包",
        "order_amount": Decimal("500.00"),
        "currency_code": "CNY",
        "order_time": NOW - timedelta(days=3),
        "customer_id": "c1",
        "customer_name": "上海锦程新能源股份有限公司",
        "product_class": "通用",
        "delivery_type": "人工服务",
        "flow_version": "v2",
        "sales_scenario": "普通",
        "status": "处理中",
        "node": "商家上传交付凭证",
        "node_owner": owner,
        "node_entered_time": NOW - timedelta(hours=5),
        "flow_nodes": [],
        "next_nodes": [],
        "allowed_actions": [],
        "frozen": frozen,
        "remote_updated_at": NOW,
        "row_hash": "x",
    }
    values.update(kw)
    return m.SupervisionTask(**values)


def demand(
    did: str, status: str = "待接收", deadline: datetime | None = None, **kw: Any
) -> m.Demand:
    values: dict[str, Any] = {
        "id": did,
        "source": "华为",
        "name": "福建省零售客户数据包需求",
        "customer_name": "厦门天润电子商务股份有限公司",
        "solution": [],
        "progress": [],
        "status": status,
        "assign_time": NOW - timedelta(days=3),
        "accept_deadline": deadline,
        "remote_updated_at": NOW,
        "row_hash": "x",
    }
    values.update(kw)
    return m.Demand(**values)


def bill(bid: str, status: str, amount: str, currency: str = "CNY") -> m.Bill:
    return m.Bill(
        id=bid,
        period="202610",
        category="通用",
        entity="华为软件技术有限公司",
        currency_code=currency,
        sales_amount=Decimal(amount),
        settlement_amount=Decimal(amount),
        status=status,
        create_time=NOW - timedelta(days=20),
        remote_updated_at=NOW,
        row_hash="x",
    )


def fill(engine: Engine, *records: Any) -> None:
    with Session(engine) as session, session.begin():
        session.add_all(records)


# -- figures -------------------------------------------------------------------------------------


def test_an_empty_cache_has_zero_everywhere(cache: Engine) -> None:
    figures = compute_figures(cache, NOW)
    for tile in Tile:
        assert figures.figure(tile).count == 0
        assert figures.figure(tile).amounts == {}
    assert figures.cached_orders == 0
    assert figures.last_synced_at is None


def test_figures_count_and_sum_exactly_per_currency(cache: Engine) -> None:
    fill(
        cache,
        order("O1", "处理中", "1005.10"),
        order("O2", "处理中", "0.20"),
        order("O3", "处理中", "99.99", currency_code="USD"),
        order("O4", "已完成", "5000.00"),
        order("O5", "待付款", "70.00"),
        task("T1"),
        task("T2"),
        task("T3", frozen=True),  # frozen by an appeal: nothing to do now
        task("T4", owner="buyer"),
        task("T5", owner="platform"),
        demand("D1", deadline=NOW + timedelta(hours=3)),
        demand("D2", deadline=NOW + timedelta(days=2)),  # exactly at the edge: counted
        demand("D3", deadline=NOW + timedelta(days=2, seconds=1)),  # later: not yet urgent
        demand("D4", deadline=NOW - timedelta(minutes=1)),  # passed: the marketplace closed it
        demand("D5", status="需求转化中", deadline=NOW + timedelta(hours=1)),
        demand("D6", deadline=None),
        bill("B1", "待开票", "1200.50"),
        bill("B2", "待开票", "0.05"),
        bill("B3", "已付款", "999.00"),
        bill("B4", "待开票", "10.00", currency="USD"),
    )
    f = compute_figures(cache, NOW)
    assert f.orders_in_progress.count == 3
    assert f.orders_in_progress.amounts == {"CNY": Decimal("1005.30"), "USD": Decimal("99.99")}
    assert list(f.orders_in_progress.amounts) == ["CNY", "USD"]  # home currency first
    assert all(isinstance(v, Decimal) for v in f.orders_in_progress.amounts.values())
    assert f.tasks_waiting.count == 2
    assert f.demands_closing.count == 2
    assert f.bills_to_invoice.count == 3
    assert f.bills_to_invoice.amounts == {"CNY": Decimal("1200.55"), "USD": Decimal("10.00")}
    assert f.cached_orders == 5
    assert f.cached == {
        "orders": 5,
        "supervision_tasks": 5,
        "demands": 6,
        "bills": 4,
        "invoice_notices": 0,
    }
    assert f.as_of == NOW


def test_the_lists_behind_the_tiles_match_the_counts(cache: Engine) -> None:
    fill(
        cache,
        order("O1", "处理中", "10.00", create_time=NOW - timedelta(days=2)),
        order("O2", "处理中", "20.00", create_time=NOW - timedelta(days=1)),
        task("T1", node_entered_time=NOW - timedelta(hours=1)),
        task("T2", node_entered_time=NOW - timedelta(days=4)),
        task("T3", frozen=True),
        demand("D1", deadline=NOW + timedelta(hours=30)),
        demand("D2", deadline=NOW + timedelta(hours=2)),
        bill("B1", "待开票", "8.00"),
    )
    orders = tile_records(cache, Tile.ORDERS_IN_PROGRESS, NOW)
    assert orders.kind == "order" and orders.total == 2
    assert [r[0] for r in orders.rows] == ["O2", "O1"]  # newest first
    assert orders.rows[0][-1] == (Decimal("20.00"), "CNY")
    tasks = tile_records(cache, Tile.TASKS_WAITING, NOW)
    assert [r[0] for r in tasks.rows] == ["T2", "T1"]  # waiting longest first
    assert tasks.columns[0] == "id" and len(tasks.columns) == len(tasks.rows[0])
    demands = tile_records(cache, Tile.DEMANDS_CLOSING, NOW)
    assert [r[0] for r in demands.rows] == ["D2", "D1"]  # closest deadline first
    bills = tile_records(cache, Tile.BILLS_TO_INVOICE, NOW)
    assert bills.rows[0][0] == "B1" and bills.rows[0][-1] == (Decimal("8.00"), "CNY")
    for tile in Tile:
        listed = tile_records(cache, tile, NOW)
        assert listed.total == compute_figures(cache, NOW).figure(tile).count


def test_a_list_is_limited_but_says_how_many_there_are(cache: Engine) -> None:
    fill(cache, *[task(f"T{i:03}") for i in range(30)])
    listed = tile_records(cache, Tile.TASKS_WAITING, NOW, limit=10)
    assert len(listed.rows) == 10
    assert listed.total == 30


def test_the_last_sync_is_the_latest_finished_collection(cache: Engine) -> None:
    fill(
        cache,
        m.SyncState(collection="orders", last_finished_at=NOW - timedelta(hours=2)),
        m.SyncState(collection="bills", last_finished_at=NOW - timedelta(minutes=5)),
        m.SyncState(collection="demands", last_finished_at=None),
    )
    assert compute_figures(cache, NOW).last_synced_at == NOW - timedelta(minutes=5)


def test_a_naive_now_is_refused(cache: Engine) -> None:
    with pytest.raises(ValueError, match="naive"):
        compute_figures(cache, datetime(2026, 11, 28))


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("1234.5", "CNY", "¥1,234.50"),
        ("0", "CNY", "¥0.00"),
        ("-12.30", "CNY", "-¥12.30"),
        ("1000000", "USD", "US$1,000,000.00"),
        ("12", "EUR", "€12.00"),
        ("7.1", "JPY", "JPY 7.10"),
    ],
)
def test_amounts_are_formatted_exactly_with_their_currency(
    amount: str, currency: str, expected: str
) -> None:
    assert format_amount(Decimal(amount), currency) == expected
