"""Issue 15 §3: bad data from a file (or a marketplace value in a file the console writes).

A NaN or infinite rate/amount is a refused row with its line; an XLSX or an evidence ZIP that would
unpack to too much is refused before it is opened; an old web-console export never outranks the
marketplace's newer version; a ``<`` in a marketplace value does not break the evidence PDF."""

from __future__ import annotations

import csv
import os
import zipfile
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select

import app.models as m
from app.services.evidence import package as evidence
from app.services.exchange import import_files as imf
from app.services.exchange import imports as im
from app.services.exchange.import_files import BadValue, FileKind
from app.services.outbox.filestore import FileStore, store_root_for
from tests.support.orders_data import make_order
from tests.support.supervision_data import add_order, rich_task

NOW = datetime(2026, 11, 28, 8, tzinfo=UTC)
BILL_HEADERS = ["账单ID", "账期", "商品类型", "币种", "商品销售金额", "结算金额", "税率", "申付单号",
                "账单状态"]
ORDER_HEADERS = ["订单号", "客户名称", "用户名", "商品名称", "订单状态", "订单类型", "订单金额(元)",
                 "币种", "创建时间"]


def _csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows(rows)
    return path


@pytest.mark.parametrize("value", ["nan", "NaN", "sNaN", "nan%"])
def test_issue15_s3_a_nan_rate_is_a_refused_row_with_its_line(cache: Engine, tmp_path: Path,
                                                               value: str) -> None:
    path = _csv(tmp_path / "bills.csv", [
        BILL_HEADERS, ["B1", "202610", "联营商品", "CNY", "1.00", "1.00", "6%", "SF1", "待开票"],
        ["B2", "202610", "联营商品", "CNY", "1.00", "1.00", value, "SF2", "待开票"]])
    mapping = im.preview(cache, path, FileKind.BILLS).mapping
    parsed = im.validate(path, FileKind.BILLS, mapping)
    assert [(p.line, p.code) for p in parsed.problems] == [(3, "not_a_rate")]


def test_issue15_s3_infinite_and_nan_amounts_are_refused_values() -> None:
    for value in (float("inf"), float("-inf"), float("nan"), "Infinity", "-inf"):
        with pytest.raises(BadValue):
            imf.parse_amount(value)
    for value in (float("nan"), float("inf"), "nan"):
        with pytest.raises(BadValue):
            imf.parse_rate(value)


def test_issue15_s3_an_xlsx_that_unpacks_to_too_much_is_refused(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 1024 * 1024))
    assert path.stat().st_size < 100_000  # small on disk, large unpacked
    monkeypatch.setattr(imf, "MAX_XLSX_UNPACKED_BYTES", 4 * 1024 * 1024)
    with pytest.raises(imf.ImportFileError, match="unpacks to more than"):
        imf.read_table(path, FileKind.ORDERS)
    big = _csv(tmp_path / "big.csv", [ORDER_HEADERS] + [["x" * 100] * 9] * 200)
    monkeypatch.setattr(imf, "MAX_IMPORT_BYTES", 10_000)
    with pytest.raises(imf.ImportFileError, match="larger than"):
        imf.read_table(big, FileKind.ORDERS)


def test_issue15_s3_an_evidence_zip_bomb_is_refused_unopened(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", b" " * (4 * 1024 * 1024))
    monkeypatch.setattr(evidence, "MAX_MANIFEST_BYTES", 1024 * 1024)
    with pytest.raises(evidence.EvidenceError, match="too large"):
        evidence.verify(path)
    monkeypatch.setattr(evidence, "MAX_UNPACKED_BYTES", 1024 * 1024)
    with pytest.raises(evidence.EvidenceError, match="not opened"):
        evidence.verify(path)


def test_issue15_s3_an_old_export_never_outranks_the_marketplaces_newer_version(
    cache: Engine, tmp_path: Path
) -> None:
    synced_at = datetime(2026, 11, 20, tzinfo=UTC)
    with cache.begin() as conn:
        conn.execute(insert(m.Order.__table__), [make_order(
            "CS1", order_status="已退订", total_amount=Decimal("500.00"),
            remote_updated_at=synced_at)])
    path = _csv(tmp_path / "old-export.csv", [
        ORDER_HEADERS, ["CS1", "测试客户", "test_user", "商品", "已完成", "NEW", "100.00", "CNY",
                        "2026-11-01 10:00:00"]])
    old = datetime(2026, 11, 1, tzinfo=UTC).timestamp()
    os.utime(path, (old, old))  # exported before the marketplace's last change
    mapping = im.preview(cache, path, FileKind.ORDERS).mapping
    result = im.run_import(cache, path, FileKind.ORDERS, mapping, now=NOW)
    assert result.updated == 0 and result.kept_marketplace >= 2
    with cache.connect() as conn:
        row = conn.execute(select(m.Order.__table__).where(m.Order.__table__.c.id == "CS1")).one()
    assert (row.order_status, row.total_amount) == ("已退订", Decimal("500.00"))
    # an export made after the marketplace's version may update it
    newer = im.run_import(cache, path, FileKind.ORDERS, mapping, now=NOW,
                          exported_at=datetime(2026, 11, 25, tzinfo=UTC))
    assert newer.updated == 1


def test_issue15_s3_a_marketplace_value_with_a_tag_does_not_break_the_evidence_pdf(
    cache: Engine, tmp_path: Path
) -> None:
    task = rich_task("SS2601011200ABCDE000009", "CS2601011200ABCDF")
    task["attachments"] = [{"fileId": "F1", "fileName": "a<b>.pdf", "size": 1,
                            "sha256": "<font name='x'>", "uploadTime": "20260101000000",
                            "uploaderRole": "buyer", "kind": "requirement"}]
    task["result_description"] = "done <b>unclosed & <para>"
    add_order(cache, "CS2601011200ABCDF", [task])
    store = FileStore(store_root_for(str(cache.url), tmp_path / "caches"))
    out = tmp_path / "evidence.zip"
    evidence.export(cache, store, "SS2601011200ABCDE000009", out)
    assert evidence.verify(out).ok
