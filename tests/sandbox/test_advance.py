"""Moving the sandbox clock: what happens in the time, and how clients see it (new seqs, tombstones)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.sandbox.server import SandboxServer
from app.services.marketplace import wire

from .conftest import SEED, START, SignedClient


def _all(api: SignedClient) -> dict[str, tuple[dict[str, dict[str, Any]], str]]:
    """Every collection synced from scratch: ({id: record}, cursor)."""
    out = {}
    for c in wire.COLLECTIONS:
        items, _, cursor = api.sync(c.path)
        out[c.name] = ({i[c.id_field]: i for i in items}, cursor)
    return out


@pytest.fixture
def big_api() -> Iterator[SignedClient]:
    """A 2,000-order sandbox of the test's own."""
    with SandboxServer(seed=SEED, orders=2000, start=START) as server:
        client = SignedClient(server.url, server.access_key, server.secret_key)
        try:
            yield client
        finally:
            client.close()


def test_tasks_move_and_orders_complete(own_api: SignedClient) -> None:
    before = _all(own_api)
    summary = own_api.admin("POST", "advance", {"hours": 24 * 10})
    assert summary["from"].startswith("2026-11-01") and summary["to"].startswith("2026-11-11")
    assert summary["tasks_moved"] > 0 and summary["orders_completed"] > 0
    tasks, cursor = before["supervision_tasks"]
    changed, tombstones, _ = own_api.sync("/v1/seller/supervision_tasks", cursor)
    assert tombstones == []
    moved = [t for t in changed if t["taskId"] in tasks and t["node"] != tasks[t["taskId"]]["node"]]
    assert len(moved) == summary["tasks_moved"]
    for task in moved:
        old = tasks[task["taskId"]]
        assert len(task["operationLogs"]) > len(old["operationLogs"])
        assert task["operationLogs"][: len(old["operationLogs"])] == old["operationLogs"]
        wire.SupervisionTask.model_validate(task)
    orders, order_cursor = before["orders"]
    changed_orders, _, _ = own_api.sync("/v1/seller/orders", order_cursor)
    completed = [o for o in changed_orders if o["orderId"] in orders
                 and orders[o["orderId"]]["orderStatus"] != "已完成"
                 and o["orderStatus"] == "已完成"]
    assert len(completed) == summary["orders_completed"]
    new = [o for o in changed_orders if o["orderId"] not in orders]
    assert len(new) == summary["new_orders"] > 0
    assert all(o["createTime"] > "20261101000000" for o in new)
    assert own_api.admin("GET", "clock")["time"] == "20261111000000"


def test_pending_demands_close_after_five_days(own_api: SignedClient) -> None:
    demands, cursor = _all(own_api)["demands"]
    waiting = {d: r for d, r in demands.items() if r["status"] == "待接收"}
    assert waiting
    summary = own_api.admin("POST", "advance", {"hours": 24 * 6})
    changed, _, _ = own_api.sync("/v1/seller/demands", cursor)
    now = {d["demandId"]: d for d in changed}
    closed = 0
    for demand_id in waiting:
        assert demand_id in now, "every 待接收 demand moved within 6 days"
        demand = now[demand_id]
        assert demand["status"] != "待接收"
        assert demand["customerInfo"] is not None or demand["status"] in ("已关闭", "已拒绝")
        if demand["status"] == "已关闭":
            assert demand["closeTime"] == demand["acceptDeadline"]
            assert demand["closeResult"] == "转化失败"
            closed += 1
    assert closed == summary.get("demands_auto_closed", 0) > 0


def test_bills_run_on_the_third(own_api: SignedClient) -> None:
    bills, cursor = _all(own_api)["bills"]
    assert not any(b["period"] == "202610" for b in bills.values())
    early = own_api.admin("POST", "advance", {"hours": 24 * 2 + 1})  # 2026-11-03 01:00
    assert early["bills_created"] == []
    run = own_api.admin("POST", "advance", {"hours": 1})  # 02:00 UTC = 10:00 Beijing
    assert run["bills_created"] and all(b.startswith("202610") for b in run["bills_created"])
    changed, _, cursor = own_api.sync("/v1/seller/bills", cursor)
    new = [b for b in changed if b["period"] == "202610"]
    assert sorted(b["billId"] for b in new) == sorted(run["bills_created"])
    for bill in new:
        assert bill["createTime"] == "20261103020000"
        wire.Bill.model_validate(bill)
    notices_before, notice_cursor = _all(own_api)["invoice_notices"]
    own_api.admin("POST", "advance", {"hours": 24 * 5})
    bills_now, _, _ = own_api.sync("/v1/seller/bills")
    notices, _, _ = own_api.sync("/v1/seller/invoice_notices", notice_cursor)
    by_bill = {n["billId"]: n for n in notices}
    for bill in bills_now:
        if bill["period"] == "202610" and bill["status"] == "待开票":
            assert bill["billId"] in by_bill
            assert by_bill[bill["billId"]]["invoiceAmount"] == bill["settlementAmount"]
    assert any(b["period"] == "202610" and b["status"] == "待开票" for b in bills_now)


def test_resolved_interface_messages_become_tombstones(big_api: SignedClient) -> None:
    before = _all(big_api)
    messages, cursor = before["interface_messages"]
    deleted = 0
    for _ in range(6):  # in steps, so messages of new orders are also seen and then resolved
        deleted += big_api.admin("POST", "advance", {"hours": 24 * 10}).get(
            "interface_messages_deleted", 0)
    changed, tombstones, _ = big_api.sync("/v1/seller/interface_messages", cursor)
    assert tombstones and len(tombstones) == deleted
    assert {t["id"] for t in tombstones} & set(messages), "some of the initial ones resolved"
    for tomb in tombstones:
        wire.Tombstone.model_validate(tomb)
        assert "20261101000000" < tomb["deleteTime"] <= "20261231000000"
    assert not {t["id"] for t in tombstones} & {m["messageId"] for m in changed}
    stats = big_api.admin("GET", "stats")
    live, _, _ = big_api.sync("/v1/seller/interface_messages")
    assert stats["interface_messages"] == len(live)
    assert not {t["id"] for t in tombstones} & {m["messageId"] for m in live}
    for c in wire.COLLECTIONS:  # stats still match a full sync
        items, _, _ = big_api.sync(c.path)
        assert stats[c.name] == len(items)


def test_advance_is_deterministic(own_api: SignedClient) -> None:
    with SandboxServer(seed=SEED, orders=600, start=START) as twin_server:
        twin = SignedClient(twin_server.url, twin_server.access_key, twin_server.secret_key)
        try:
            for hours in (5, 48, 24 * 20):
                assert own_api.admin("POST", "advance", {"hours": hours}) == \
                    twin.admin("POST", "advance", {"hours": hours})
            for c in wire.COLLECTIONS:
                mine = own_api.get(c.path, {"limit": "1000"}).content
                assert mine == twin.get(c.path, {"limit": "1000"}).content
        finally:
            twin.close()


@pytest.mark.parametrize("body", [{"hours": 0}, {"hours": -3}, {"hours": "x"}, {},
                                  {"hours": 10**9}, {"hours": True}])
def test_bad_advance_is_refused(own_api: SignedClient, body: dict[str, Any]) -> None:
    response = own_api.http.post(f"{own_api.url}/_sandbox/advance", json=body)
    assert response.status_code == 400
    assert response.json()["error_code"] == "MKT.0101"
