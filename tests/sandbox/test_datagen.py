"""The generated data: deterministic, valid against the wire contract, realistic and consistent."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest

from app.sandbox.data import flows
from app.sandbox.data.generate import AUX_FIX, Row, generate
from app.sandbox.data.timeutil import DAY, from_hw
from app.sandbox.store import RecordStore
from app.services.marketplace import wire

from .conftest import SEED, START

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    return list(generate(SEED, 2000, START))


@pytest.fixture(scope="module")
def data(rows: list[Row]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {c.name: [] for c in wire.COLLECTIONS}
    for row in rows:
        if row.collection != AUX_FIX:
            assert row.payload is not None
            out[row.collection].append(orjson.loads(row.payload))
    return out


def _digest(rows: list[Row]) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(f"{row.collection}|{row.id}|{row.live}|{row.gen}|{row.aux}|".encode())
        h.update(row.payload or b"-")
    return h.hexdigest()


def test_same_inputs_give_byte_identical_data(rows: list[Row]) -> None:
    assert _digest(list(generate(SEED, 2000, START))) == _digest(rows)
    assert _digest(list(generate(SEED + 1, 2000, START))) != _digest(rows)


def _store_digest(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        h = hashlib.sha256()
        for row in conn.execute("SELECT seq, collection, id, live, gen, aux, payload FROM records "
                                "ORDER BY seq"):
            h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()


@pytest.mark.slow
def test_worker_processes_give_the_same_data(tmp_path: Path) -> None:
    """Forked workers (rows through a pipe, or through shard files into the store) produce exactly
    what a single process does."""
    script = (
        "import hashlib, sys; from datetime import datetime, UTC; from pathlib import Path\n"
        "from app.sandbox.data.generate import generate\n"
        "from app.sandbox.store import RecordStore\n"
        "start = datetime(2026, 11, 1, tzinfo=UTC)\n"
        "h = hashlib.sha256()\n"
        "for r in generate(3, 2500, start, workers=2, chunk=400):\n"
        "    h.update(f'{r.collection}|{r.id}|{r.live}|{r.gen}|{r.aux}|'.encode())\n"
        "    h.update(r.payload or b'-')\n"
        "print(h.hexdigest())\n"
        "out = Path(sys.argv[1])\n"
        "RecordStore.build(out / 'forked.sqlite3',\n"
        "                  generate(3, 2500, start, workers=2, chunk=400, shard_dir=out), {})\n"
        "assert [p.name for p in out.iterdir()] == ['forked.sqlite3'], list(out.iterdir())\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == _digest(list(generate(3, 2500, START, workers=1, chunk=400)))
    local = tmp_path / "local.sqlite3"
    RecordStore.build(local, generate(3, 2500, START, workers=1), {})
    assert _store_digest(tmp_path / "forked.sqlite3") == _store_digest(local)


def test_every_record_validates_against_its_wire_schema(
        data: dict[str, list[dict[str, Any]]]) -> None:
    for collection in wire.COLLECTIONS:
        assert data[collection.name], f"no {collection.name} generated"
        for record in data[collection.name]:
            collection.record.model_validate(record)
            assert isinstance(record[collection.id_field], str)


def test_ids_are_unique(rows: list[Row]) -> None:
    keys = Counter((r.collection, r.id) for r in rows if r.collection != AUX_FIX)
    assert [k for k, n in keys.items() if n > 1] == []


def test_orders_cover_every_kind(data: dict[str, list[dict[str, Any]]]) -> None:
    orders = data["orders"]

    def seen(key: str) -> set[Any]:
        return {o[key] for o in orders}

    assert seen("orderType") == {"NEW", "TRIAL", "TRIAL_TO_FORMAL", "UNSUBSCRIBE", "RENEW",
                                 "CHANGE"}
    assert seen("orderStatus") == {"待付款", "已取消", "处理中", "已完成"}
    assert seen("productClass") == {"通用", "联营", "自服务", "严选"}
    assert {"SaaS", "License", "人工服务", "硬件", "镜像", "API", "应用编排", "数据文件"} \
        <= seen("deliveryType")
    modes = {(line["chargingMode"], line["periodType"]) for o in orders for line in o["orderLine"]}
    assert {("PERIOD", "year"), ("PERIOD", "month"), ("ONE_TIME", None), ("ON_DEMAND", None),
            ("ON_DEMAND_PKG", None)} <= modes
    assert seen("currencyCode") == {"CNY", "USD"}
    assert any("\u4e00" <= o["buyerInfo"]["customerRealName"][0] <= "\u9fff" for o in orders)


def test_orders_spread_over_two_years_before_the_start(
        data: dict[str, list[dict[str, Any]]]) -> None:
    times = sorted(wire.parse_hw_time(o["createTime"]) for o in data["orders"])
    assert times[-1] < START
    assert (START - times[0]).days <= 731
    assert (START - times[0]).days >= 700


def test_amounts_are_exact_and_consistent(data: dict[str, list[dict[str, Any]]]) -> None:
    for order in data["orders"]:
        total = sum(Decimal(line["amountAfterDiscount"]) for line in order["orderLine"])
        assert Decimal(order["totalAmount"]) == total
        for line in order["orderLine"]:
            assert line["orderLineId"].startswith(order["orderId"] + "-")
    for bill in data["bills"]:
        for line in bill["lines"]:
            t, v = Decimal(line["transactionAmount"]), Decimal(line["voucherAmount"])
            rate = Decimal(line["feeRate"])
            # §5.4 中资出海: the customer's WHT①/DST① (and VAT) come off before the fee, the
            # seller's WHT②/DST② after it; China-site lines state none of them.
            intl = bill["currencyCode"] != "CNY"
            assert ("customerWht" in line) == intl
            taxes = {k: Decimal(line.get(k, "0.00")) for k in (
                "vatAmount", "customerWht", "customerDst", "sellerWht", "sellerDst")}
            base = t - taxes["vatAmount"] - taxes["customerWht"] - taxes["customerDst"]
            fee = (base * rate).quantize(Decimal("0.01"), ROUND_HALF_UP)
            # §5.4: the voucher is deducted in proportion to the seller's share.
            deduction = (v * (1 - rate)).quantize(Decimal("0.01"), ROUND_HALF_UP)
            assert Decimal(line["settlementAmount"]) == (
                base - fee - deduction - taxes["sellerWht"] - taxes["sellerDst"])
        assert Decimal(bill["settlementAmount"]) == sum(
            Decimal(line["settlementAmount"]) for line in bill["lines"])
        if bill["category"] == "通用商品":
            assert {line["feeRate"] for line in bill["lines"]} == {"0.05"}


def test_every_amount_is_a_two_decimal_string(rows: list[Row]) -> None:
    amount = re.compile(rb'"(?:amount|price|[a-zA-Z]+Amount|tax)":(?!null)("[^"]*"|[^,}\]]+)')
    for row in rows:
        for value in amount.findall(row.payload or b""):
            assert re.fullmatch(rb'"-?\d+\.\d\d"', value), (row.collection, row.id, value)


def test_bill_lines_point_at_completed_orders(data: dict[str, list[dict[str, Any]]]) -> None:
    orders = {o["orderId"]: o for o in data["orders"]}
    billed = Counter(line["orderLineId"] for b in data["bills"] for line in b["lines"])
    assert max(billed.values()) == 1, "an order line was billed twice"
    periods = {b["period"] for b in data["bills"]}
    assert len(periods) >= 23  # two years of monthly runs
    for bill in data["bills"]:
        for line in bill["lines"]:
            order = orders[line["orderId"]]
            assert order["orderStatus"] == "已完成"
            assert order["supervisionStatus"] in ("不涉及", "已完成")
            assert order["repaymentStatus"] in ("不涉及", "已还款")


def test_invoice_notices_match_their_bills(data: dict[str, list[dict[str, Any]]]) -> None:
    bills = {b["billId"]: b for b in data["bills"]}
    noticed = {n["billId"] for n in data["invoice_notices"]}
    for bill in bills.values():
        if bill["status"] == "待开票":
            assert bill["billId"] in noticed
    assert any(b["status"] == "待开票" for b in bills.values())
    forms: Counter[str] = Counter()
    for notice in data["invoice_notices"]:
        bill = bills[notice["billId"]]
        assert notice["requisitionNo"] == bill["requisitionNo"]
        assert notice["period"] == bill["period"]
        assert notice["billStatus"] == bill["status"]
        assert Decimal(notice["invoiceAmount"]) == sum(
            Decimal(line["amount"]) for line in notice["lines"])
        assert Decimal(notice["invoiceAmount"]) == Decimal(bill["settlementAmount"])
        for line in notice["lines"]:
            assert Decimal(line["amountExclTax"]) + Decimal(line["tax"]) == Decimal(line["amount"])
        assert notice["taxRates"] == sorted({line["taxRate"] for line in notice["lines"]})
        forms[notice["form"]] += 1
        if notice["form"] == "cn":
            assert notice["entity"]["name"] == "华为云计算技术有限公司"
            assert notice["entity"]["taxNo"] == "91520900MA6J6CBN9Q"
            assert notice["currencyCode"] == "CNY"
        else:
            assert notice["entity"]["name"] != "华为云计算技术有限公司"
            assert notice["currencyCode"] == "USD"
    assert forms["cn"] and forms["intl"]
    assert any(len(n["taxRates"]) > 1 for n in data["invoice_notices"])


def test_a_task_for_every_supervised_order_line(data: dict[str, list[dict[str, Any]]]) -> None:
    tasks = {t["orderLineId"]: t for t in data["supervision_tasks"]}
    for order in data["orders"]:
        if order["supervisionStatus"] == "不涉及":
            assert not any(line["orderLineId"] in tasks for line in order["orderLine"])
            continue
        assert order["deliveryType"] in flows.SUPERVISED_TYPES
        line_tasks = [tasks[line["orderLineId"]] for line in order["orderLine"]]
        done = all(t["status"] == "已完成" for t in line_tasks)
        assert order["supervisionStatus"] == ("已完成" if done else "处理中")
        if not done:
            assert order["orderStatus"] == "处理中"


def test_tasks_are_consistent_with_their_flow(data: dict[str, list[dict[str, Any]]]) -> None:
    nodes_seen: Counter[str] = Counter()
    for task in data["supervision_tasks"]:
        order_time = wire.parse_hw_time(task["orderTime"])
        assert task["flowVersion"] == flows.flow_version(order_time)
        flow = flows.flow_for(task["deliveryType"], task["licenseSubtype"], task["productClass"],
                              task["salesScenario"], task["flowVersion"])
        assert task["flowNodes"] == list(flow.nodes)
        assert task["node"] in flow.nodes
        assert task["nodeOwner"] == flow.owners[task["node"]]
        nodes_seen[task["node"]] += 1
        assert (task["status"] == "已完成") == (task["node"] == flows.DONE)
        open_appeal = any(a["status"] == "处理中" for a in task["appeals"])
        assert task["frozen"] == open_appeal
        if task["frozen"] or task["status"] == "已退订":  # frozen, or unsubscribed (§1.6)
            assert task["nextNodes"] == [] and task["allowedActions"] == []
        else:
            assert task["nextNodes"] == flow.next_nodes(task["node"])
            assert task["allowedActions"] == flow.seller_actions(task["node"])
        logs = task["operationLogs"]
        assert logs[0]["toNode"] == flow.start
        position = flow.start
        for log in logs[1:]:  # the log retraces the path taken
            assert log["fromNode"] == position
            position = log["toNode"]
        assert position == task["node"]
        assert [log["time"] for log in logs] == sorted(log["time"] for log in logs)
        files = {a["fileId"] for a in task["attachments"]}
        assert {f for log in logs for f in log["attachmentIds"]} <= files
    every_node = {n for f in flows.all_flows() for n in f.nodes}
    assert set(nodes_seen) == every_node


def test_supervision_covers_versions_scenarios_and_appeals(
        data: dict[str, list[dict[str, Any]]]) -> None:
    tasks = data["supervision_tasks"]
    # Orders of the two years before 2026-11-01 fall under the 2024-09-14 and 2025-03-26 flows.
    assert {t["flowVersion"] for t in tasks} == {flows.V_2024, flows.V_2025}
    assert {t["salesScenario"] for t in tasks} == {"赋能云", "基地云", "其他"}
    appeals = [a for t in tasks for a in t["appeals"]]
    assert {a["status"] for a in appeals} == {"处理中", "已处理"}
    assert {a["initiator"] for a in appeals} == {"商家", "用户"}
    assert any(t["frozen"] for t in tasks)
    assert any(t["logistics"] for t in tasks)
    assert any(t["licenseSubtype"] == "授权码" and t["node"] == flows.ACTIVATION for t in tasks)


def test_flow_versions_follow_the_order_date() -> None:
    """A start in 2024 puts orders on both sides of 2023-04-28 and 2024-09-14."""
    from datetime import UTC, datetime

    rows = generate(SEED, 1500, datetime(2024, 12, 1, tzinfo=UTC))
    versions = {orjson.loads(r.payload)["flowVersion"] for r in rows
                if r.collection == "supervision_tasks" and r.payload is not None}
    assert versions == {flows.V_PRE_2023, flows.V_2023, flows.V_2024}


def test_demands_in_every_state_and_source(data: dict[str, list[dict[str, Any]]]) -> None:
    demands = data["demands"]
    assert {d["status"] for d in demands} == {"待接收", "需求转化中", "需求成交", "已拒绝",
                                              "已关闭"}
    assert {d["source"] for d in demands} == {"客户服务商", "华为云", "商家营销策略"}
    for d in demands:
        if d["status"] == "待接收":
            assert d["customerInfo"] is None
            assert wire.parse_hw_time(d["acceptDeadline"]) - wire.parse_hw_time(
                d["assignTime"]) == (wire.parse_hw_time("20000106000000")
                                     - wire.parse_hw_time("20000101000000"))
        if d["status"] == "已关闭":
            assert d["closeResult"] in ("转化成功", "转化失败")
            assert d["source"] != "客户服务商" or d["closeTime"] == d["acceptDeadline"]
        if d["status"] == "需求成交":
            assert d["offerId"]


def test_partner_collections_and_messages(data: dict[str, list[dict[str, Any]]]) -> None:
    assert {b["kind"] for b in data["partner_bills"]} == {"基础激励", "业绩考核激励"}
    assert any("Q" in b["period"] for b in data["partner_bills"])
    assert {o["status"] for o in data["exclusive_offers"]} == {"审批中", "已生效", "已撤销",
                                                               "已驳回", "已过期"}
    messages = data["interface_messages"]
    assert all(m["retryUntil"] and m["activity"] for m in messages)
    assert {m["activity"] for m in messages} & {"newInstance", "refreshInstance"}


def test_flow_version_by_beijing_date_business_rules_1_5() -> None:
    """business-rules §1.5 (通用 vs 联营/华为 and the 2025-03-26 change): the switch is a Beijing
    date. 2025-03-25T16:30Z is 2025-03-26 00:30 in Beijing: the new flow, whose seller step is
    商家上传交付凭证; 2025-03-25T15:30Z is 23:30 Beijing on 2025-03-25: the old flow."""
    from datetime import UTC, datetime

    new = flows.flow_version(datetime(2025, 3, 25, 16, 30, tzinfo=UTC))
    old = flows.flow_version(datetime(2025, 3, 25, 15, 30, tzinfo=UTC))
    assert (new, old) == (flows.V_2025, flows.V_2024)
    assert flows.UPLOAD_PROOF_2025 in flows.flow_for("人工服务", None, "通用", "其他", new).nodes
    old_flow = flows.flow_for("人工服务", None, "通用", "其他", old)
    assert flows.UPLOAD_PROOF_2025 not in old_flow.nodes and flows.IMPLEMENT in old_flow.nodes
    # The earlier thresholds are Beijing dates too (§1.5 华为云复核 history).
    assert flows.flow_version(datetime(2024, 9, 13, 16, 0, tzinfo=UTC)) == flows.V_2024
    assert flows.flow_version(datetime(2023, 4, 27, 15, 59, tzinfo=UTC)) == flows.V_PRE_2023


def test_tasks_carry_refund_requests_business_rules_1_6_1_9(
        data: dict[str, list[dict[str, Any]]]) -> None:
    """§1.9 协商退订 (the seller approves or refuses) and §1.6 hardware returns (15 days to accept
    a returned parcel at 待验收, else the system accepts it and unsubscribes): the generated data
    holds requests in each state the console shows, on the log like every other step."""
    seen: dict[tuple[str, str], int] = {}
    for task in data["supervision_tasks"]:
        logs = task["operationLogs"]
        for rid in {e["refund"]["refundId"] for e in logs if e.get("refund")}:
            entries = [e for e in logs if (e.get("refund") or {}).get("refundId") == rid]
            kind = entries[0]["refund"]["kind"]
            assert entries[0]["action"] in ("申请协商退订", "申请退货退款")
            last = entries[-1]["action"]
            seen[(kind, last)] = seen.get((kind, last), 0) + 1
            if last == "系统自动验收退货":
                arrived = next(e for e in entries if e["action"] == "退货待验收")
                assert from_hw(entries[-1]["time"]) - from_hw(arrived["time"]) == 15 * DAY
                assert task["status"] == "已退订" and task["allowedActions"] == []
    assert seen.get(("协商退订", "申请协商退订"), 0) > 0, seen  # waiting for the seller
    assert seen.get(("协商退订", "拒绝退订"), 0) > 0, seen
    assert seen.get(("退货退款", "退货待验收"), 0) > 0, seen  # the 15-day clock runs
    assert seen.get(("退货退款", "系统自动验收退货"), 0) > 0, seen
