"""Exports: row counts and values read back from CSV and XLSX match the cache; cancel leaves no
file; the command line writes the same file."""

from __future__ import annotations

import csv
import re
import threading
import zipfile
from datetime import UTC, datetime
from decimal import Decimal as D
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from sqlalchemy import Engine, func, insert, select

from app import models as m
from app.__main__ import main
from app.services.exchange import exports as ex
from app.services.exchange import terms
from app.services.exchange import xlsx_stream as xs
from app.services.exchange.export_areas import AREAS, Area, TableFilter, spec
from app.services.finance import reconciliation as rc
from app.services.finance.settlement_rules import load_rules
from app.services.orders import query as oq
from tests.sandbox_fixtures import SANDBOX_START
from tests.support.orders_data import fill_orders, make_line, make_order

#: The `synced` and `synced_file` fixtures (a sandbox sync, copied per test).
pytest_plugins = ("tests.support.synced_cache",)

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def orders(cache: Engine) -> Engine:
    fill_orders(cache, 2500)
    odd = make_order("CS9999999999ZZZZZ", customer_real_name="=HYPERLINK(\"x\")",
                     total_amount=D("-1234.05"), create_time=datetime(2026, 3, 8, 7, 30, 5,
                                                                      tzinfo=UTC),
                     pay_time=None)
    with cache.begin() as conn:
        conn.execute(insert(m.Order.__table__), [odd])
        conn.execute(insert(m.OrderLine.__table__), [make_line("CS9999999999ZZZZZ")])
        oq.refresh_search_terms(conn)
    return cache


def _expected_orders(engine: Engine, f: oq.OrderFilter) -> list[oq.OrderRow]:
    rowids = oq.ids(engine, f)
    rows = oq.rows_by_rowid(engine, rowids)
    return [rows[r] for r in rowids]


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _guarded(text: str) -> str:
    """What the CSV holds for a text cell: formulas made inert with a leading quote."""
    return "'" + text if text.startswith(("=", "+", "-", "@")) else text


def _en(vocabulary: terms.Vocabulary, code: str | None) -> str | None:
    """The English word the export writes for a stored code (by default, in English)."""
    return None if code is None else vocabulary.words("en").get(code, code)


def _local(when: datetime, tz: ZoneInfo) -> str:
    return when.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")


def test_orders_csv_matches_the_cache_in_the_tables_order(orders: Engine, tmp_path: Path) -> None:
    f = oq.OrderFilter(statuses=frozenset({"已完成", "处理中"}))
    out = tmp_path / "orders.csv"
    seen: list[tuple[int, int | None]] = []
    result = ex.export(orders, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.CSV, out,
                                                order_filter=f, tz=SHANGHAI),
                       progress=lambda d, t: seen.append((d, t)), batch=700)
    rows = _read_csv(out)
    expected = _expected_orders(orders, f)
    assert rows[0] == [spec(Area.ORDERS).column(k).en for k in spec(Area.ORDERS).default]
    assert result.rows == len(rows) - 1 == len(expected) == oq.count(orders, f)
    assert seen[0] == (700, len(expected)) and seen[-1] == (len(expected), len(expected))
    for got, want in zip(rows[1:], expected, strict=True):
        assert got == [want.id, _guarded(want.customer_real_name or ""), want.product_name or "",
                       _en(terms.ORDER_STATUS, want.order_status),
                       _en(terms.ORDER_TYPE, want.order_type),
                       _en(terms.CHARGING_MODE, want.charging_mode) or "",
                       str(want.total_amount), want.currency_code,
                       _local(want.create_time, SHANGHAI)]


def test_chosen_columns_text_search_formula_guard_and_dst(orders: Engine, tmp_path: Path) -> None:
    out = tmp_path / "one.csv"
    keys = ("id", "customer_real_name", "total_amount", "create_time", "pay_time")
    ex.export(orders, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.CSV, out, columns=keys,
                                       order_filter=oq.OrderFilter(text="CS9999999999"),
                                       tz=NEW_YORK, language="zh_CN"))
    header, row = _read_csv(out)
    assert header == ["订单号", "客户名称", "订单金额", "创建时间", "支付时间"]
    # 2026-03-08 07:30:05 UTC is 03:30:05 EDT, the morning clocks went forward in New York.
    assert row == ["CS9999999999ZZZZZ", "'=HYPERLINK(\"x\")", "-1234.05", "2026-03-08 03:30:05", ""]


def test_xlsx_formulas_stay_text_amounts_exact_header_frozen_and_dst(orders: Engine,
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "one.xlsx"
    keys = ("id", "customer_real_name", "total_amount", "create_time", "pay_time")
    ex.export(orders, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.XLSX, out, columns=keys,
                                       order_filter=oq.OrderFilter(text="CS9999999999"),
                                       tz=NEW_YORK, language="zh_CN"))
    book = openpyxl.load_workbook(out)  # not read-only: styles and panes are read too
    ws = book.worksheets[0]
    header, row = list(ws.iter_rows(values_only=True))
    assert header == ("订单号", "客户名称", "订单金额", "创建时间", "支付时间")
    # An inline string is never evaluated: the text comes back as given, no guard quote.
    assert row[:3] == ("CS9999999999ZZZZZ", "=HYPERLINK(\"x\")", -1234.05)
    assert row[3] == datetime(2026, 3, 8, 3, 30, 5) and row[4] is None
    assert ws["B2"].data_type == "s" and ws["C2"].data_type == "n"
    assert ws["C2"].number_format == "#,##0.00" and ws["A1"].font.b and ws.freeze_panes == "A2"
    book.close()
    with zipfile.ZipFile(out) as z:  # the amount is stored as the exact decimal text
        assert "<v>-1234.05</v>" in z.read("xl/worksheets/sheet1.xml").decode()


def test_xlsx_stream_writer_text_limits_unicode_and_types(tmp_path: Path) -> None:
    out = tmp_path / "cells.xlsx"
    kinds = [xs.CellKind.TEXT, xs.CellKind.MONEY, xs.CellKind.INT, xs.CellKind.BOOL]
    writer = xs.XlsxStreamWriter(out, kinds, ["名称 & <name>", "金额", "n", "ok"], sheet_rows=2)
    writer.write([("上海华信科技有限公司", "0.10", 3, True),
                  ("a\x00b\x07c\td\ne & <x> \"q\"", "-99999999999.99", None, False),
                  ("x" * 40_000, None, -7, None),
                  ("  padded  ", "12.30", 0, True),
                  (None, "1", 1, False)])
    writer.close()
    book = openpyxl.load_workbook(out, read_only=True)
    sheets = [list(ws.iter_rows(values_only=True)) for ws in book.worksheets]
    book.close()
    assert [len(s) for s in sheets] == [3, 3, 2] and book.sheetnames == ["Sheet1", "Sheet2",
                                                                         "Sheet3"]
    assert all(s[0] == ("名称 & <name>", "金额", "n", "ok") for s in sheets)
    rows = [r for s in sheets for r in s[1:]]
    assert rows[0] == ("上海华信科技有限公司", 0.1, 3, True)
    assert rows[1] == ("abc\td\ne & <x> \"q\"", -99999999999.99, None, False)
    assert rows[2][0] == "x" * xs.MAX_CELL_CHARS and rows[2][1:] == (None, -7, None)
    assert rows[3] == ("  padded  ", 12.3, 0, True)
    assert rows[4][1:] == (1, 1, False) and rows[4][0] in (None, "")


def test_an_empty_export_is_a_workbook_with_its_header(orders: Engine, tmp_path: Path) -> None:
    out = tmp_path / "empty.xlsx"
    result = ex.export(orders, ex.ExportRequest(
        Area.ORDERS, ex.ExportFormat.XLSX, out, columns=("id", "total_amount"),
        order_filter=oq.OrderFilter(text="no such order anywhere")))
    book = openpyxl.load_workbook(out, read_only=True)
    assert result.rows == 0
    assert list(book.worksheets[0].iter_rows(values_only=True)) == [("Order ID", "Amount")]
    book.close()


def test_orders_xlsx_values_and_types(orders: Engine, tmp_path: Path) -> None:
    f = oq.OrderFilter(sort=oq.SortColumn.AMOUNT, descending=False)
    out = tmp_path / "orders.xlsx"
    ex.export(orders, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.XLSX, out, order_filter=f,
                                       tz=SHANGHAI))
    expected = _expected_orders(orders, f)
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert len(rows) - 1 == len(expected) == 2501
    for got, want in zip(rows[1:], expected, strict=True):
        assert got[:6] == (want.id, want.customer_real_name, want.product_name,
                           _en(terms.ORDER_STATUS, want.order_status),
                           _en(terms.ORDER_TYPE, want.order_type),
                           _en(terms.CHARGING_MODE, want.charging_mode))
        assert isinstance(got[6], float | int) and D(repr(got[6])).quantize(D("0.01")) == \
            want.total_amount and got[6] == float(want.total_amount)
        assert got[7] == want.currency_code
        created = want.create_time.astimezone(SHANGHAI).replace(tzinfo=None)
        assert isinstance(got[8], datetime) and abs((got[8] - created).total_seconds()) < 0.001


def test_xlsx_continues_on_a_new_sheet(orders: Engine, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ex, "XLSX_SHEET_ROWS", 1000)
    out = tmp_path / "sheets.xlsx"
    ex.export(orders, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.XLSX, out, columns=("id",)))
    book = openpyxl.load_workbook(out, read_only=True)
    sizes = [sum(1 for _ in ws.iter_rows(values_only=True)) for ws in book.worksheets]
    book.close()
    assert sizes == [1001, 1001, 502]


def test_cancel_leaves_no_file_and_keeps_an_old_one(orders: Engine, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    for fmt in ex.ExportFormat:
        out = tmp_path / f"orders.{fmt.value}"
        stop = threading.Event()
        with pytest.raises(ex.ExportCancelled):
            ex.export(orders, ex.ExportRequest(Area.ORDERS, fmt, out), batch=500,
                      progress=lambda _d, _t, s=stop: s.set(), cancel=stop)
        assert [p for p in tmp_path.iterdir() if "orders.xlsx" in p.name] == []
    old = tmp_path / "kept.csv"
    old.write_text("previous export", encoding="utf-8")
    stop = threading.Event()
    stop.set()
    with pytest.raises(ex.ExportCancelled):
        ex.export(orders, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.CSV, old), cancel=stop)
    assert old.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.csv"]


def test_a_failing_export_leaves_no_file(orders: Engine, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(KeyError, match="no column"):
        ex.export(orders, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.CSV,
                                           tmp_path / "x.csv", columns=("nope",)))
    assert [p for p in tmp_path.iterdir() if "orders.xlsx" in p.name] == []


# -- the other tables, over a cache synced from the sandbox ---------------------------------------


def _money_columns(area: Area) -> list[str]:
    return [c.key for c in spec(area).columns if c.kind.value == "money"]


@pytest.mark.parametrize("area", [a for a in AREAS if a not in (Area.ORDERS,
                                                                Area.RECONCILIATION)])
@pytest.mark.parametrize("fmt", list(ex.ExportFormat))
def test_every_table_exports_all_its_columns_exactly(synced: Engine, tmp_path: Path, area: Area,
                                                     fmt: ex.ExportFormat) -> None:
    s = spec(area)
    keys = tuple(c.key for c in s.columns)
    out = tmp_path / f"{area.value}.{fmt.value}"
    result = ex.export(synced, ex.ExportRequest(area, fmt, out, columns=keys, tz=SHANGHAI))
    assert s.table is not None
    with synced.connect() as conn:
        count = conn.execute(select(func.count()).select_from(s.table)).scalar_one()
        sums = {k: conn.execute(select(func.coalesce(func.sum(s.table.c[k]), D("0")))).scalar_one()
                for k in _money_columns(area)}
        ids = list(conn.execute(select(s.table.c.id).order_by(*s.ordering())).scalars())
    assert count > 0 and result.rows == count
    if fmt is ex.ExportFormat.CSV:
        rows: list[Any] = _read_csv(out)[1:]
        got_sums = {k: sum((D(r[keys.index(k)]) for r in rows if r[keys.index(k)]), D("0"))
                    for k in sums}
    else:
        book = openpyxl.load_workbook(out, read_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True))[1:]
        book.close()
        got_sums = {k: sum((D(repr(r[keys.index(k)])).quantize(D("0.01")) for r in rows
                            if r[keys.index(k)] is not None), D("0")) for k in sums}
    assert [r[keys.index("id")] for r in rows] == ids
    assert got_sums == sums


def test_exports_list_rows_in_the_order_their_areas_show_them(synced: Engine,
                                                               tmp_path: Path) -> None:
    from sqlalchemy.orm import Session

    from app.services.demands import query as demands_query
    from app.services.finance import bills_query
    from app.services.finance.bills_query import BillFilter
    from app.services.invoices.drafts import list_notices
    from app.services.supervision import query as supervision_query

    def exported(area: Area) -> list[str]:
        out = tmp_path / f"{area.value}.csv"
        ex.export(synced, ex.ExportRequest(area, ex.ExportFormat.CSV, out, columns=("id",)))
        return [r[0] for r in _read_csv(out)[1:]]

    tasks = supervision_query.ids(synced, supervision_query.TaskFilter())
    rows = supervision_query.rows_by_rowid(synced, tasks)
    assert exported(Area.SUPERVISION_TASKS) == [rows[k].id for k in tasks]  # newest node first
    demands = demands_query.list_demands(synced, demands_query.DemandFilter())
    assert exported(Area.DEMANDS) == [d.id for d in demands]
    with Session(synced) as session:
        notices = [n.notice.notice_id for n in list_notices(session)]
    assert exported(Area.INVOICE_NOTICES) == notices
    assert exported(Area.BILLS) == [b.id for b in bills_query.list_bills(synced, BillFilter())]


def test_table_filters_status_time_text_and_bill(synced: Engine, tmp_path: Path) -> None:
    bills = m.Bill.__table__
    with synced.connect() as conn:
        bill_id, period = conn.execute(select(bills.c.id, bills.c.period).order_by(
            bills.c.id.desc()).limit(1)).one()
        lines = conn.execute(select(func.count()).select_from(m.BillLine.__table__).where(
            m.BillLine.__table__.c.bill_id == bill_id)).scalar_one()
        paid = conn.execute(select(func.count()).select_from(bills).where(
            bills.c.status == "已付款")).scalar_one()
    out = tmp_path / "x.csv"
    by_bill = ex.export(synced, ex.ExportRequest(Area.BILL_LINES, ex.ExportFormat.CSV, out,
                                                 table_filter=TableFilter(bill_id=bill_id)))
    assert by_bill.rows == lines
    by_status = ex.export(synced, ex.ExportRequest(
        Area.BILLS, ex.ExportFormat.CSV, out, table_filter=TableFilter(statuses={"已付款"})))
    assert by_status.rows == paid
    by_text = ex.export(synced, ex.ExportRequest(Area.BILLS, ex.ExportFormat.CSV, out,
                                                 table_filter=TableFilter(text=period)))
    assert by_text.rows >= 1 and all(period in r[0] or period == r[1] or period in r[7]
                                     for r in _read_csv(out)[1:])
    none = ex.export(synced, ex.ExportRequest(
        Area.BILLS, ex.ExportFormat.CSV, out,
        table_filter=TableFilter(time_from=datetime(2030, 1, 1, tzinfo=UTC))))
    assert none.rows == 0 and len(_read_csv(out)) == 1


def test_reconciliation_flags_export(synced: Engine, tmp_path: Path) -> None:
    flags = list(rc.flags(synced, load_rules(), now=SANDBOX_START))
    out = tmp_path / "flags.csv"
    result = ex.export(synced, ex.ExportRequest(Area.RECONCILIATION, ex.ExportFormat.CSV, out,
                                                now=SANDBOX_START, tz=SHANGHAI))
    rows = _read_csv(out)[1:]
    assert result.rows == len(rows) == len(flags) > 0
    for row, flag in zip(rows, flags, strict=True):
        assert row[0] == _en(terms.FLAG_KIND, flag.kind.value) and row[1] == flag.code and row[-1] == flag.message
        assert row[5] == ("" if flag.amount is None else str(flag.amount))


def test_cli_export_writes_the_filtered_table(orders: Engine, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    url = str(orders.url)
    out = tmp_path / "cli.csv"
    code = main(["export", "orders", "--format", "csv", "--out", str(out), "--db", url,
                 "--status", "处理中", "--from", "2025-03-01", "--to", "2025-06-30",
                 "--tz", "Asia/Shanghai", "--quiet"])
    assert code == 0, capsys.readouterr().err
    start = datetime(2025, 3, 1, tzinfo=SHANGHAI)
    end = datetime(2025, 7, 1, tzinfo=SHANGHAI)
    f = oq.OrderFilter(statuses=frozenset({"处理中"}), created_from=start, created_to=end)
    assert len(_read_csv(out)) - 1 == oq.count(orders, f) > 0
    assert "rows ->" in capsys.readouterr().out
    xlsx = tmp_path / "cli.xlsx"
    assert main(["export", "orders", "--format", "xlsx", "--out", str(xlsx), "--db", url,
                 "--columns", "id,total_amount", "--quiet"]) == 0
    book = openpyxl.load_workbook(xlsx, read_only=True)
    assert sum(1 for _ in book.worksheets[0].iter_rows()) == 2502
    book.close()
    assert main(["export", "orders", "--format", "csv", "--out", str(out), "--db", url,
                 "--columns", "id,bogus"]) == 2
    assert "bogus" in capsys.readouterr().err
    assert main(["export", "bills", "--format", "csv", "--out", str(out), "--db", url,
                 "--from", "yesterday"]) == 2


def test_the_file_is_readable_like_any_document(orders: Engine, tmp_path: Path) -> None:
    out = tmp_path / "orders.csv"
    ex.export(orders, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.CSV, out, columns=("id",)))
    assert out.stat().st_mode & 0o777 == 0o644
    out.chmod(0o600)
    ex.export(orders, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.CSV, out, columns=("id",)))
    assert out.stat().st_mode & 0o777 == 0o600


# -- values in the file's language (issue 13 §2) ---------------------------------------------------


def _column(rows: list[list[str]], header: str) -> list[str]:
    i = rows[0].index(header)
    return [r[i] for r in rows[1:]]


def test_values_follow_the_language_like_the_headers(synced: Engine, tmp_path: Path) -> None:
    keys = ("id", "order_status", "order_type", "charging_mode", "product_class")
    en, zh = tmp_path / "en.csv", tmp_path / "zh.csv"
    ex.export(synced, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.CSV, en, columns=keys))
    ex.export(synced, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.CSV, zh, columns=keys,
                                       language="zh_CN"))
    en_rows, zh_rows = _read_csv(en), _read_csv(zh)
    assert en_rows[0] == ["Order ID", "Status", "Type", "Charging mode", "Product class"]
    assert zh_rows[0] == ["订单号", "订单状态", "订单类型", "计费模式", "商品类别"]
    with synced.connect() as conn:
        stored = {r.id: r for r in conn.execute(select(m.Order.__table__))}
    for e, z in zip(en_rows[1:], zh_rows[1:], strict=True):
        raw = stored[e[0]]
        assert e[1:] == [terms.ORDER_STATUS.words("en")[raw.order_status],
                         terms.ORDER_TYPE.words("en")[raw.order_type],
                         terms.CHARGING_MODE.words("en")[raw.charging_mode],
                         terms.PRODUCT_CLASS.words("en")[raw.product_class]]
        assert z[1:] == [terms.ORDER_STATUS.words("zh_CN")[raw.order_status],
                         terms.ORDER_TYPE.words("zh_CN")[raw.order_type],
                         terms.CHARGING_MODE.words("zh_CN")[raw.charging_mode],
                         terms.PRODUCT_CLASS.words("zh_CN")[raw.product_class]]
    # The values the issue saw: English headers over 已完成, NEW, ON_DEMAND, 用户确认验收, buyer.
    # (按需 orders are not in the seller's order list, business-rules §4: yearly/monthly ones are.)
    period_en, period_zh = (terms.CHARGING_MODE.words(lang)["PERIOD"] for lang in ("en", "zh_CN"))
    assert {"Completed", "New purchase", period_en} <= {v for r in en_rows[1:] for v in r}
    assert {"已完成", "新购", period_zh} <= {v for r in zh_rows[1:] for v in r}
    assert "Pay-per-use" not in {v for r in en_rows[1:] for v in r}
    tasks = tmp_path / "tasks.csv"
    ex.export(synced, ex.ExportRequest(Area.SUPERVISION_TASKS, ex.ExportFormat.CSV, tasks,
                                       columns=("id", "node", "node_owner", "status")))
    rows = _read_csv(tasks)
    assert "Buyer acceptance" in _column(rows, "Node")  # docs/terms.md
    assert {"Buyer", "Seller (you)", "Nobody (complete)"} <= set(_column(rows, "Waiting on"))
    assert not {"用户确认验收", "buyer", "已完成"} & {v for r in rows[1:] for v in r[1:]}


@pytest.mark.parametrize("fmt", list(ex.ExportFormat))
def test_codes_add_a_code_column_beside_each_translated_one(synced: Engine, tmp_path: Path,
                                                            fmt: ex.ExportFormat) -> None:
    out = tmp_path / f"codes.{fmt.value}"
    keys = ("id", "order_status", "total_amount", "order_type")
    result = ex.export(synced, ex.ExportRequest(Area.ORDERS, fmt, out, columns=keys, codes=True))
    assert result.columns == ("id", "order_status", "order_status_code", "total_amount",
                              "order_type", "order_type_code")
    if fmt is ex.ExportFormat.CSV:
        rows: list[Any] = _read_csv(out)
    else:
        book = openpyxl.load_workbook(out, read_only=True)
        rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
    assert rows[0] == ["Order ID", "Status", "Status code", "Amount", "Type", "Type code"]
    with synced.connect() as conn:
        stored = {r.id: r for r in conn.execute(select(m.Order.__table__))}
    assert len(rows) - 1 == len(stored)
    for row in rows[1:]:
        raw = stored[row[0]]
        assert row[1] == terms.ORDER_STATUS.words("en")[raw.order_status]
        assert row[2] == raw.order_status and row[5] == raw.order_type
        assert row[4] == terms.ORDER_TYPE.words("en")[raw.order_type]
    zh = tmp_path / "zh.csv"
    ex.export(synced, ex.ExportRequest(Area.BILLS, ex.ExportFormat.CSV, zh,
                                       columns=("id", "status"), codes=True, language="zh_CN"))
    assert _read_csv(zh)[0] == ["账单ID", "状态", "状态代码"]


def test_every_stored_value_of_the_sandbox_has_its_words(synced: Engine) -> None:
    """Every coded column's values in a synced sandbox are in the terms table (else the export
    writes the raw code); words never look like formulas and name one code per language."""
    for s in AREAS.values():
        for c in s.columns:
            if c.terms is None or s.table is None:
                continue
            vocabulary = terms.VOCABULARIES[c.terms]
            with synced.connect() as conn:
                held = set(conn.execute(select(s.table.c[c.key]).distinct()).scalars()) - {None}
            assert held <= set(vocabulary.codes()), (s.area, c.key, held - set(vocabulary.codes()))
    for vocabulary in terms.VOCABULARIES.values():
        for lang in ("en", "zh_CN"):
            words = list(vocabulary.words(lang).values())
            assert len(set(words)) == len(words), vocabulary.name
            assert not any(w.startswith(("=", "+", "-", "@")) for w in words)
        for t in vocabulary.terms:
            assert vocabulary.find(t.en.upper()) == vocabulary.find(t.zh) == t.code


def test_filter_values_resolve_in_either_language_or_as_codes() -> None:
    vocabulary = spec(Area.ORDERS).status_vocabulary()
    assert vocabulary is terms.ORDER_STATUS
    got = terms.resolve(vocabulary, ["Completed", "处理中", " cancelled "], language="en")
    assert got == {"已完成", "处理中", "已取消"}
    assert terms.resolve(vocabulary, ["新状态"], language="en", stored=["新状态"]) == {"新状态"}
    with pytest.raises(terms.UnknownValue) as caught:
        terms.resolve(vocabulary, ["Done"], language="en")
    assert str(caught.value) == ("unknown status 'Done'; use one of: Awaiting payment, "
                                 "In progress, Completed, Cancelled (or their codes)")
    with pytest.raises(terms.UnknownValue) as caught:
        terms.resolve(vocabulary, ["Done"], language="zh_CN")
    assert "待付款, 处理中, 已完成, 已取消" in str(caught.value) and "\n" not in str(caught.value)
    assert spec(Area.RECONCILIATION).status_vocabulary() is terms.FLAG_KIND
    assert spec(Area.BILL_LINES).status_vocabulary() is terms.LINE_TYPE


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.mark.parametrize("fmt", [ex.ExportFormat.CSV, ex.ExportFormat.XLSX])
def test_a_file_is_the_same_whatever_the_batches_and_threads(orders: Engine, tmp_path: Path,
                                                            fmt: ex.ExportFormat) -> None:
    """Issue 18 §3: rows are read ahead on a thread and (XLSX) compressed on another; a CSV batch
    is encoded at once. Small batches (many hand-overs between threads) and one batch give the
    same content, and the CSV is byte for byte what a text file in ``utf-8-sig`` written row by
    row with the csv module holds."""
    cols = tuple(c.key for c in spec(Area.ORDERS).columns)
    small, big = tmp_path / f"small.{fmt}", tmp_path / f"big.{fmt}"
    for out, batch in ((small, 7), (big, 100_000)):
        ex.export(orders, ex.ExportRequest(Area.ORDERS, fmt, out, columns=cols, tz=NEW_YORK),
                  batch=batch)
    if fmt is ex.ExportFormat.XLSX:
        assert _entries(small) == _entries(big)
        return
    assert small.read_bytes() == big.read_bytes()
    reference = tmp_path / "reference.csv"
    with reference.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(_read_csv(small))
    assert small.read_bytes() == reference.read_bytes()


@pytest.mark.parametrize("source", ["_sql_batches", "_fast_batches", "second half"])
def test_a_failure_while_reading_ahead_reaches_the_caller(orders: Engine, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          source: str) -> None:
    """The read-ahead thread hands its failure to the export, which leaves no file (rows read
    column by column, whole rows written by SQLite, or the second half of a split export)."""
    real = getattr(ex, "_sql_batches" if source == "_sql_batches" else "_fast_batches")

    def broken(batches: Any) -> Any:
        yield next(batches)
        raise OSError("disk I/O error")

    def failing(*args: Any, **kw: Any) -> Any:
        got = real(*args, **kw)
        if source == "_sql_batches":
            return got[0], broken(got[1])
        if source == "second half":
            assert got.rest is not None
            got.rest = broken(got.rest)
        else:
            got.batches = broken(got.batches)
        return got

    monkeypatch.setattr(ex, "_sql_batches" if source == "_sql_batches" else "_fast_batches",
                        failing)
    monkeypatch.setattr(ex, "FAST_ROWS", source != "_sql_batches")
    monkeypatch.setattr(ex, "SPLIT_ROWS", 100)
    out = tmp_path / "orders.xlsx"
    with pytest.raises(OSError, match="disk I/O error"):
        ex.export(orders, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.XLSX, out), batch=100)
    assert [p for p in tmp_path.iterdir() if "orders.xlsx" in p.name] == []


@pytest.mark.parametrize("zone", ["America/New_York", "Europe/London", "Asia/Kolkata",
                                  "Australia/Lord_Howe", "Asia/Shanghai",
                                  "Africa/Casablanca", "Asia/Gaza"])
def test_utc_shifts_give_the_zone_offset_at_every_hour(zone: str) -> None:
    """Issue 18 §3: SQLite converts times with the zone's offsets found by ``utc_shifts``; at
    every UTC half hour of 2024-2027 the offset in force equals Python's own conversion
    (daylight saving in both hemispheres, half-hour zones, a zone without daylight saving)."""
    from bisect import bisect_right
    from datetime import timedelta

    tz = ZoneInfo(zone)
    shifts = ex.utc_shifts(tz)
    bounds = [b for b, _ in shifts]
    when = datetime(2024, 1, 1)
    while when < datetime(2027, 1, 1):
        text = when.isoformat(" ")
        got = shifts[bisect_right(bounds, text) - 1][1]
        want = when.replace(tzinfo=UTC).astimezone(tz).utcoffset()
        assert want is not None and got == want.total_seconds(), text
        when += timedelta(minutes=30)


def test_times_converted_by_sqlite_match_python_at_dst_edges(orders: Engine,
                                                             tmp_path: Path) -> None:
    """Issue 18 §3: an export's times (CSV text, XLSX serials), now written by SQLite, are the
    user's wall-clock time on both sides of New York's spring-forward and fall-back changes,
    and the fraction of a second is cut, never rounded up."""
    from datetime import timedelta

    stamps = [datetime(2026, 3, 8, 6, 59, 59, 999_900, tzinfo=UTC),  # 01:59:59 EST
              datetime(2026, 3, 8, 7, 0, 0, tzinfo=UTC),  # 03:00:00 EDT
              datetime(2026, 11, 1, 5, 30, 0, tzinfo=UTC),  # 01:30 EDT
              datetime(2026, 11, 1, 6, 30, 0, tzinfo=UTC)]  # 01:30 EST (second time)
    with orders.begin() as conn:
        for n, stamp in enumerate(stamps):
            conn.execute(insert(m.Order), [make_order(f"CSDST{n}", create_time=stamp)])
    f = oq.OrderFilter(text="CSDST")
    out = tmp_path / "dst.csv"
    ex.export(orders, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.CSV, out, order_filter=f,
                                       columns=("id", "create_time"), tz=NEW_YORK))
    got = {row[0]: row[1] for row in _read_csv(out)[1:]}
    assert got == {f"CSDST{n}": s.astimezone(NEW_YORK).strftime("%Y-%m-%d %H:%M:%S")
                   for n, s in enumerate(stamps)}
    assert got["CSDST0"] == "2026-03-08 01:59:59" and got["CSDST1"] == "2026-03-08 03:00:00"
    xlsx = tmp_path / "dst.xlsx"
    ex.export(orders, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.XLSX, xlsx, order_filter=f,
                                       columns=("id", "create_time"), tz=NEW_YORK))
    book = openpyxl.load_workbook(xlsx, read_only=True)
    cells = {r[0]: r[1] for r in list(book.worksheets[0].iter_rows(values_only=True))[1:]}
    book.close()
    with zipfile.ZipFile(xlsx) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    stored = [float(v) for v in re.findall(r'<c s="2"><v>([^<]*)</v>', sheet)]
    for n, stamp in enumerate(stamps):
        local = stamp.astimezone(NEW_YORK).replace(tzinfo=None, microsecond=0)
        assert abs(cells[f"CSDST{n}"] - local) < timedelta(milliseconds=1)
        # the double nearest the exact second (a spreadsheet cuts 12:00:00 - 1 ulp to 11:59:59),
        # written with up to 17 digits that read back as that very double
        serial = (local - datetime(1899, 12, 30)).total_seconds() / 86400
        assert serial in stored


@pytest.mark.parametrize("rows", [
    [("a", "b"), ("c", "d")],
    [("a,b", "c"), ("d", "e")],
    [('say "hi"', "x"), ("y", "z")],
    [("line\nbreak", "x"), ("carriage\rreturn", "y")],
    [(None, "x"), ("", "y")],
    [(1, "x"), ("2", "y")],
    [("",), ("a",)],
    [("上海,华信", "金额"), ("\u2028", "z")],
])
def test_csv_text_is_what_the_csv_module_writes(rows: list[tuple[Any, ...]]) -> None:
    """Issue 18 §3: the fast join of a CSV batch gives the csv module's bytes whatever the
    values (quoting, None, numbers, a single column)."""
    import io

    reference = io.StringIO(newline="")
    csv.writer(reference).writerows(rows)
    assert ex.csv_text(rows) == reference.getvalue()


_AWKWARD = ["a,b", 'say "hi"', "line\nbreak", "cr\rx", "<b>&amp;</b> > 1", " lead", "trail ",
            "", "ctrl\x01x\x1f", "non\ufffechar\uffff", "x" * 40_000, "=1+1", "-5", "@x",
            "\tTab", "（全角）", "上海,华信", "\u2028sep"]


def _export_both(engine: Engine, tmp_path: Path, request: ex.ExportRequest,
                 monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The same request written by SQLite whole rows (halves on two connections) and column by
    column."""
    outs = []
    for fast in (True, False):
        monkeypatch.setattr(ex, "FAST_ROWS", fast)
        monkeypatch.setattr(ex, "SPLIT_ROWS", 10)  # two connections from 10 rows on
        out = tmp_path / f"{'fast' if fast else 'columns'}.{request.format.value}"
        ex.export(engine, ex.ExportRequest(**{**request.__dict__, "out": out}), batch=7)
        outs.append(out)
    return outs[0], outs[1]


def _cells(path: Path) -> list[list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    sheets = [list(ws.iter_rows(values_only=True)) for ws in book.worksheets]
    book.close()
    return sheets


@pytest.mark.parametrize("fmt", list(ex.ExportFormat))
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_rows_written_by_sqlite_equal_the_column_by_column_path(
        orders: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: ex.ExportFormat,
        language: str) -> None:
    """Issue 18 §3: SQLite writes whole rows (``sql_rows``); values that need CSV quoting, XML
    escaping or cleaning, a cut at 32,767 characters, an empty cell, an unknown code, a formula
    guard or a negative amount fail the batch checks and are written column by column, so the
    file holds the same content as the column-by-column path: CSV byte for byte, XLSX cell for
    cell (every column, both languages, small batches mixing good and bad rows)."""
    odd = [make_order(f"CSODD{n:03d}", customer_real_name=text, product_name=text[::-1],
                      partner_name=text or None, sku_name=None if n % 3 else text,
                      order_status="WEIRD" if n == 2 else ("=BAD" if n == 3 else "处理中"),
                      charging_mode=None if n % 2 else "ON_DEMAND",
                      total_amount=D("-0.05") if n % 4 == 0 else D(f"{n}.{n % 100:02d}"),
                      pay_time=None if n % 2 else datetime(2026, 3, 8, 7, n % 60, 5, tzinfo=UTC),
                      create_time=datetime(2026, 3, 9, 12, 0, n, tzinfo=UTC))
           for n, text in enumerate(_AWKWARD)]
    with orders.begin() as conn:
        conn.execute(insert(m.Order.__table__), odd)
    cols = tuple(c.key for c in spec(Area.ORDERS).columns)
    request = ex.ExportRequest(Area.ORDERS, fmt, tmp_path / "unused", columns=cols,
                               tz=NEW_YORK, language=language)
    fast, slow = _export_both(orders, tmp_path, request, monkeypatch)
    if fmt is ex.ExportFormat.CSV:
        assert fast.read_bytes() == slow.read_bytes()
    else:
        got, want = _cells(fast), _cells(slow)
        assert len(got[0]) == 2500 + 1 + len(_AWKWARD) + 1
        assert got == want
    codes = ex.ExportRequest(Area.ORDERS, fmt, tmp_path / "unused", columns=cols, codes=True,
                             language=language, tz=SHANGHAI)
    monkeypatch.setattr(ex, "XLSX_SHEET_ROWS", 1000)  # three sheets, batches across their ends
    fast, slow = _export_both(orders, tmp_path, codes, monkeypatch)
    if fmt is ex.ExportFormat.CSV:
        assert fast.read_bytes() == slow.read_bytes()
    else:
        sheets = _cells(fast)
        assert [len(rows) for rows in sheets] == [1001, 1001, 2500 + 1 + len(_AWKWARD) - 2000 + 1]
        assert sheets == _cells(slow)


@pytest.mark.parametrize("area", [a for a in AREAS if a not in (Area.ORDERS,
                                                                Area.RECONCILIATION)])
@pytest.mark.parametrize("fmt", list(ex.ExportFormat))
def test_every_table_is_the_same_written_by_sqlite(synced: Engine, tmp_path: Path, area: Area,
                                                    fmt: ex.ExportFormat,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 18 §3: every other table, all its columns, in Chinese: the same content whether
    SQLite writes the rows or Python writes them column by column (a table with a JSON list
    column is written column by column either way)."""
    s = spec(area)
    request = ex.ExportRequest(area, fmt, tmp_path / "unused",
                               columns=tuple(c.key for c in s.columns), tz=SHANGHAI,
                               language="zh_CN")
    fast, slow = _export_both(synced, tmp_path, request, monkeypatch)
    if fmt is ex.ExportFormat.CSV:
        assert fast.read_bytes() == slow.read_bytes()
    else:
        assert _cells(fast) == _cells(slow)


@pytest.mark.parametrize("fmt", list(ex.ExportFormat))
def test_split_export_is_one_snapshot_and_leaves_no_part_file(
        orders: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        fmt: ex.ExportFormat) -> None:
    """Issue 18 §3: the halves of a split export are read on two connections only when no
    commit came between their read transactions (``PRAGMA data_version``); otherwise one
    connection reads all. Either way the file is the whole table in order, the progress ends at
    the total, and no part file stays beside it; a cancel stops both halves."""
    monkeypatch.setattr(ex, "SPLIT_ROWS", 100)
    folder = tmp_path / "out"
    seen: list[tuple[int, int | None]] = []
    whole = folder / f"whole.{fmt}"
    ex.export(orders, ex.ExportRequest(Area.ORDERS, fmt, whole), batch=300,
              progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (2501, 2501)
    versions = iter(range(100))
    monkeypatch.setattr(ex, "_data_version", lambda conn: next(versions))  # "a commit came"
    moved = folder / f"moved.{fmt}"
    ex.export(orders, ex.ExportRequest(Area.ORDERS, fmt, moved), batch=300)
    monkeypatch.setattr(ex, "FAST_ROWS", False)
    plain = folder / f"plain.{fmt}"
    ex.export(orders, ex.ExportRequest(Area.ORDERS, fmt, plain), batch=300)
    if fmt is ex.ExportFormat.CSV:
        assert whole.read_bytes() == moved.read_bytes() == plain.read_bytes()
    else:
        assert _cells(whole) == _cells(moved) == _cells(plain)
    monkeypatch.setattr(ex, "FAST_ROWS", True)
    monkeypatch.setattr(ex, "_data_version", lambda conn: 1)
    cancel = threading.Event()
    out = folder / f"cancelled.{fmt}"
    with pytest.raises(ex.ExportCancelled):
        ex.export(orders, ex.ExportRequest(Area.ORDERS, fmt, out), batch=300, cancel=cancel,
                  progress=lambda d, t: cancel.set())
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{n}.{fmt}" for n in ("whole", "moved", "plain"))


def test_only_most_of_a_table_is_split(orders: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 18 §3: the second connection's ``OFFSET`` steps through the rows it skips, so an
    export is split only when its rows are at least half the table (a 10 % filter read on two
    connections took twice as long)."""
    monkeypatch.setattr(ex, "SPLIT_ROWS", 10)
    s = spec(Area.ORDERS)
    found = {}
    for name, f in (("all", oq.OrderFilter()),
                    ("few", oq.OrderFilter(statuses=frozenset({"已取消"})))):
        request = ex.ExportRequest(Area.ORDERS, ex.ExportFormat.CSV, Path("unused.csv"),
                                   order_filter=f)
        layout = ex._layout([s.column(k) for k in s.default], request)
        fast = ex._fast_batches(orders, s, s.default, layout, request, 500, None, [], split=True)
        rows = sum(n for n, _ in fast.batches) + sum(n for n, _ in fast.rest or ())
        found[name] = (rows, fast.rest is not None)
    assert found["all"] == (2501, True)
    assert 0 < found["few"][0] < 1250 and found["few"][1] is False


def test_sqlite_rows_share_words_and_preserve_white_space_edges(
        orders: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 18 §3: in the XLSX rows SQLite writes, the words of coded columns are shared
    strings and a text cell carries ``xml:space="preserve"`` wherever its batch holds white
    space a reader could drop (an edge space, a tab, a line break): in the sheet's XML every
    such text is marked, and a batch without any is written without the attribute."""
    from xml.etree import ElementTree as ET

    edged = [make_order(f"CSEDGE{n}", customer_real_name=name,
                        create_time=datetime(2020, 1, 1, 0, 0, n, tzinfo=UTC))
             for n, name in enumerate([" lead", "trail ", "tab\there", "two\nlines", " "])]
    with orders.begin() as conn:
        conn.execute(insert(m.Order.__table__), edged)
    monkeypatch.setattr(ex, "SPLIT_ROWS", 0)
    out = tmp_path / "edges.xlsx"
    ex.export(orders, ex.ExportRequest(Area.ORDERS, ex.ExportFormat.XLSX, out), batch=500)
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    space = "{http://www.w3.org/XML/1998/namespace}space"
    with zipfile.ZipFile(out) as z:
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
        shared = [si.findtext(f"{ns}t") for si in
                  ET.fromstring(z.read("xl/sharedStrings.xml")).iter(f"{ns}si")]
    texts = list(sheet.iter(f"{ns}t"))
    needing = [t for t in texts if t.text and (t.text != t.text.strip(" ")
                                               or "\t" in t.text or "\n" in t.text)]
    assert {t.text for t in needing} >= {" lead", "trail ", "tab\there", "two\nlines", " "}
    assert all(t.get(space) == "preserve" for t in needing)
    assert any(t.get(space) is None for t in texts)  # batches without such text: no attribute
    status = [c for c in sheet.iter(f"{ns}c") if c.get("t") == "s"]
    assert len(status) >= 3 * 2505  # status, type and charging mode of (nearly) every row
    assert "Completed" in shared
    got = _cells(out)[0]
    assert {r[1] for r in got} >= {" lead", "trail ", "tab\there", "two\nlines", " "}
