"""Imports of the web console's exports: mapping with preview, bad rows by line, exact amounts,
merge by id with synced records, re-import without duplicates, undo."""

from __future__ import annotations

import csv
import threading
from datetime import UTC, datetime
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine, func, insert, select, update

from app import models as m
from app.services.exchange import import_files as imf
from app.services.exchange import imports as im
from app.services.exchange.import_files import FileKind
from tests.support.orders_data import make_order

#: The `synced` and `synced_file` fixtures (a sandbox sync, copied per test).
pytest_plugins = ("tests.support.synced_cache",)

NOW = datetime(2026, 11, 28, 8, tzinfo=UTC)
ORDERS, BILLS = m.Order.__table__, m.Bill.__table__
ORDER_HEADERS = ["订单号", "客户名称", "用户名", "商品名称", "订单状态", "订单类型", "订单金额(元)",
                 "币种", "创建时间"]


def _csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _xlsx(path: Path, rows: list[list[Any]]) -> Path:
    """An XLSX as a spreadsheet writes it (floats with all their digits, dates as dates)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _order_row(oid: str, amount: Any = "1,234.50", status: str = "已完成",
               created: Any = "2026-11-02 10:30:00") -> list[Any]:
    return [oid, "杭州测试科技有限公司", "hzcs01", "云栖协同办公OA", status, "NEW", amount, "CNY",
            created]


def _count(engine: Engine, table: Any = ORDERS) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _order(engine: Engine, oid: str) -> Any:
    with engine.connect() as conn:
        return conn.execute(select(ORDERS).where(ORDERS.c.id == oid)).one()


AMOUNTS = [("1234.5", "1234.50"), ("1,234.50", "1234.50"), ("¥1,234.50", "1234.50"),
           ("￥ 1,234,567.89", "1234567.89"), ("-¥12.30", "-12.30"), ("(12.30)", "-12.30"),
           ("12.30元", "12.30"), ("CNY 7", "7.00"), (1234.5, "1234.50"), (7, "7.00"),
           (0.1, "0.10"), ("12.300", "12.30")]
BAD_AMOUNTS = ["12.345", "abc", "1,23.4", "1e3", "", 0.30000000000000004, "12,34", "1.2.3"]


@pytest.mark.parametrize(("raw", "exact"), AMOUNTS)
def test_amounts_are_parsed_exactly(raw: Any, exact: str) -> None:
    value = imf.parse_amount(raw)
    assert isinstance(value, D) and value == D(exact) and str(value) == exact


@pytest.mark.parametrize("raw", BAD_AMOUNTS)
def test_garbage_amounts_are_refused(raw: Any) -> None:
    with pytest.raises(imf.BadValue):
        imf.parse_amount(raw)


def test_times_rates_and_header_guessing() -> None:
    assert imf.parse_time("2026-11-02 10:30:00") == datetime(2026, 11, 2, 2, 30, tzinfo=UTC)
    assert imf.parse_time("20261102103000") == datetime(2026, 11, 2, 2, 30, tzinfo=UTC)
    assert imf.parse_time("2026/11/02") == datetime(2026, 11, 1, 16, tzinfo=UTC)
    assert imf.parse_time("2026-11-02T10:30:00+00:00") == datetime(2026, 11, 2, 10, 30,
                                                                    tzinfo=UTC)
    assert (imf.parse_rate("6%"), imf.parse_rate("0.13"), imf.parse_rate(6)) == (
        D("0.06"), D("0.13"), D("0.06"))
    zh = imf.guess_mapping(FileKind.ORDERS, ORDER_HEADERS)
    assert zh["id"] == "订单号" and zh["total_amount"] == "订单金额(元)"
    assert zh["customer_name"] == "用户名" and zh["create_time"] == "创建时间"
    en = imf.guess_mapping(FileKind.BILLS, ["Bill ID", "Settlement Period", "Settlement Amount",
                                            "Tax Rate", "Bill Status", "Payment Requisition "
                                            "Form No."])
    assert en == {"id": "Bill ID", "period": "Settlement Period",
                  "settlement_amount": "Settlement Amount", "tax_rate": "Tax Rate",
                  "status": "Bill Status", "requisition_no": "Payment Requisition Form No."}


def test_preview_skips_title_rows_and_reuses_the_saved_mapping(cache: Engine,
                                                               tmp_path: Path) -> None:
    odd = ["单号", "买家", "金额(CNY)", "下单日期", "备注"]
    path = _csv(tmp_path / "orders.csv", [["订单列表导出", "", "", "", ""], odd,
                                          ["CS1", "甲公司", "10.00", "2026-11-01", "x"]])
    first = im.preview(cache, path, FileKind.ORDERS)
    assert first.header_line == 2 and first.headers == tuple(odd)
    assert "no column for the required field 'id'" in "; ".join(first.mapping_problems)
    mapping = {"id": "单号", "customer_real_name": "买家", "total_amount": "金额(CNY)",
               "create_time": "下单日期"}
    fixed = im.preview(cache, path, FileKind.ORDERS, mapping)
    assert fixed.mapping_problems == () and fixed.data_rows == 1
    assert fixed.rows[0].line == 3 and fixed.rows[0].values["total_amount"] == D("10.00")
    im.run_import(cache, path, FileKind.ORDERS, mapping, now=NOW)
    again = im.preview(cache, _csv(tmp_path / "next.csv", [odd, ["CS2", "乙", "1", "2026-11-02",
                                                                 ""]]), FileKind.ORDERS)
    assert again.from_saved and again.mapping == mapping and again.mapping_problems == ()


def test_every_bad_row_is_named_by_its_line(cache: Engine, tmp_path: Path) -> None:
    rows = [ORDER_HEADERS, _order_row("CS1"), _order_row("CS2", amount="12.345"),
            _order_row("", amount="1.00"), _order_row("CS4", created="昨天"),
            _order_row("CS1", amount="2.00"), _order_row("CS6", amount="¥99.90")]
    path = _csv(tmp_path / "bad.csv", rows)
    mapping = imf.guess_mapping(FileKind.ORDERS, ORDER_HEADERS)
    parsed = im.validate(path, FileKind.ORDERS, mapping)
    assert parsed.bad_lines == [3, 4, 5, 6]
    by_line = {p.line: p for p in parsed.problems}
    assert (by_line[3].code, by_line[3].header, by_line[3].value) == (
        "too_many_decimals", "订单金额(元)", "12.345")
    assert by_line[4].code == "missing_value" and by_line[5].code == "not_a_time"
    assert by_line[6].code == "duplicate_key" and "line 2" in by_line[6].message
    assert [r.line for r in parsed.rows] == [2, 7]
    with pytest.raises(im.ImportRejected, match=r"4 bad row\(s\), on line\(s\) 3, 4, 5, 6"):
        im.run_import(cache, path, FileKind.ORDERS, mapping, now=NOW)
    assert _count(cache) == 0 and _count(cache, m.ImportBatch.__table__) == 0
    result = im.run_import(cache, path, FileKind.ORDERS, mapping, now=NOW, skip_bad_rows=True)
    assert (result.inserted, result.skipped) == (2, 4)
    assert [p.line for p in result.problems] == [3, 4, 5, 6]
    assert _order(cache, "CS6").total_amount == D("99.90")


def test_xlsx_cells_and_float_garbage(cache: Engine, tmp_path: Path) -> None:
    created = datetime(2026, 11, 2, 10, 30)
    path = _xlsx(tmp_path / "orders.xlsx", [
        ["云商店订单列表"], ORDER_HEADERS, _order_row("CS1", 1234.5, created=created),
        _order_row("CS2", 1234.567, created=created), _order_row("CS3", 88, created=created)])
    mapping = im.preview(cache, path, FileKind.ORDERS).mapping
    parsed = im.validate(path, FileKind.ORDERS, mapping)
    assert [(p.line, p.code) for p in parsed.problems] == [(4, "inexact_amount")]
    im.run_import(cache, path, FileKind.ORDERS, mapping, now=NOW, skip_bad_rows=True)
    one = _order(cache, "CS1")
    assert one.total_amount == D("1234.50") and one.create_time == datetime(2026, 11, 2, 2, 30,
                                                                            tzinfo=UTC)
    assert _order(cache, "CS3").total_amount == D("88.00")


def test_merge_with_synced_orders_reimport_and_undo(synced: Engine, tmp_path: Path) -> None:
    with synced.connect() as conn:
        known = conn.execute(select(ORDERS).where(ORDERS.c.order_status == "已完成")
                             .order_by(ORDERS.c.id).limit(3)).all()
    before = _count(synced)

    def row(o: Any, status: str | None = None) -> list[Any]:
        created = o.create_time.astimezone(imf.BEIJING).strftime("%Y-%m-%d %H:%M:%S")
        return [o.id, o.customer_real_name, o.customer_name, o.product_name,
                status or o.order_status, o.order_type, str(o.total_amount), o.currency_code,
                created]

    rows = [ORDER_HEADERS, row(known[0]), row(known[1], status="处理中"), row(known[2]),
            _order_row("CSIMPORT00001"), _order_row("CSIMPORT00002", amount="-50.00")]
    path = _csv(tmp_path / "web-console-orders.csv", rows, encoding="gb18030")
    mapping = im.preview(synced, path, FileKind.ORDERS).mapping
    first = im.run_import(synced, path, FileKind.ORDERS, mapping, now=NOW)
    assert (first.inserted, first.updated, first.unchanged) == (2, 1, 2)
    assert _count(synced) == before + 2
    assert _order(synced, known[1].id).order_status == "处理中"
    new = _order(synced, "CSIMPORT00002")
    assert new.total_amount == D("-50.00") and new.remote_updated_at == im.IMPORTED_VERSION

    again = im.run_import(synced, path, FileKind.ORDERS, mapping, now=NOW)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 5)
    assert _count(synced) == before + 2

    # A sync brings the marketplace's version of an imported order before the undo: it stays.
    with synced.begin() as conn:
        conn.execute(update(ORDERS).where(ORDERS.c.id == "CSIMPORT00001").values(
            remote_updated_at=NOW))
    undone = im.undo_import(synced, first.batch_id, now=NOW)
    assert (undone.deleted, undone.restored, undone.kept) == (1, 1, 1)
    assert _order(synced, known[1].id).order_status == known[1].order_status
    assert _count(synced) == before + 1
    with pytest.raises(im.UndoRefused, match="already"):
        im.undo_import(synced, first.batch_id)
    assert im.undo_import(synced, again.batch_id).deleted == 0
    assert [b.undone_at is not None for b in im.list_batches(synced)] == [True, True]


def test_undo_keeps_values_changed_since(cache: Engine, tmp_path: Path) -> None:
    with cache.begin() as conn:
        conn.execute(insert(ORDERS), [make_order("CS1", order_status="处理中")])
    path = _csv(tmp_path / "o.csv", [ORDER_HEADERS, _order_row("CS1", amount="100.00")])
    mapping = im.preview(cache, path, FileKind.ORDERS).mapping
    batch = im.run_import(cache, path, FileKind.ORDERS, mapping, now=NOW)
    assert batch.updated == 1 and _order(cache, "CS1").order_status == "已完成"
    with cache.begin() as conn:  # the clerk's later change (or a sync) wins over the undo
        conn.execute(update(ORDERS).where(ORDERS.c.id == "CS1").values(order_status="已取消"))
    result = im.undo_import(cache, batch.batch_id)
    assert (result.restored, result.kept) == (1, 1)
    row = _order(cache, "CS1")
    assert row.order_status == "已取消" and row.customer_real_name == "测试客户"


def test_transaction_details_update_known_orders_only(cache: Engine, tmp_path: Path) -> None:
    with cache.begin() as conn:
        conn.execute(insert(ORDERS), [make_order("CS1", repayment_status="未还款",
                                                 supervision_status="处理中")])
    headers = ["订单号", "账期", "后付费客户还款状态", "服务监管状态", "生效时间"]
    path = _csv(tmp_path / "交易明细.csv", [headers,
                                          ["CS1", "202611", "已还款", "已完成", "2026-11-20 09:00:00"],
                                          ["CS404", "202611", "已还款", "不涉及", ""]])
    mapping = im.preview(cache, path, FileKind.TRANSACTIONS).mapping
    assert set(mapping) == {"id", "repayment_status", "supervision_status", "effective_time"}
    result = im.run_import(cache, path, FileKind.TRANSACTIONS, mapping, now=NOW)
    assert (result.updated, result.skipped) == (1, 1)
    assert [(p.line, p.code) for p in result.problems] == [(3, "unknown_order")]
    row = _order(cache, "CS1")
    assert (row.repayment_status, row.supervision_status, row.effective_time) == (
        "已还款", "已完成", datetime(2026, 11, 20, 1, tzinfo=UTC))
    assert _count(cache) == 1


def test_bills_insert_and_update_and_cancel(cache: Engine, tmp_path: Path) -> None:
    headers = ["账单ID", "账期", "商品类型", "币种", "商品销售金额", "结算金额", "税率", "申付单号",
               "账单状态"]
    path = _csv(tmp_path / "bills.csv", [headers,
                                         ["202610LY01", "202610", "联营商品", "CNY", "1,000.00",
                                          "¥850.00", "6%", "SF1", "待开票"]])
    mapping = im.preview(cache, path, FileKind.BILLS).mapping
    stop = threading.Event()
    stop.set()
    with pytest.raises(im.ImportCancelled):
        im.run_import(cache, path, FileKind.BILLS, mapping, now=NOW, cancel=stop)
    assert _count(cache, BILLS) == 0 and im.list_batches(cache) == []
    seen: list[tuple[int, int]] = []
    im.run_import(cache, path, FileKind.BILLS, mapping, now=NOW,
                  progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 1)]
    with cache.connect() as conn:
        bill = conn.execute(select(BILLS)).one()
    assert (bill.settlement_amount, bill.tax_rate, bill.status) == (D("850.00"), D("0.06"),
                                                                   "待开票")
    _csv(path, [headers, ["202610LY01", "202610", "联营商品", "CNY", "1,000.00", "850.00", "6%",
                          "SF1", "发票待审核"]])
    assert im.run_import(cache, path, FileKind.BILLS, mapping, now=NOW).updated == 1
    assert _count(cache, BILLS) == 1


def test_unreadable_files(cache: Engine, tmp_path: Path) -> None:
    with pytest.raises(imf.ImportFileError, match="only .csv and .xlsx"):
        im.preview(cache, _csv(tmp_path / "x.txt", [["a"]]), FileKind.ORDERS)
    with pytest.raises(imf.ImportFileError, match="no rows"):
        im.preview(cache, _csv(tmp_path / "empty.csv", []), FileKind.ORDERS)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(imf.ImportFileError, match="not a readable XLSX"):
        im.preview(cache, broken, FileKind.ORDERS)
