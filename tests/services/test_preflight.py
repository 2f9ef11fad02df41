"""The pre-flight check of acceptance files (交付验收件): each rule accepts a good file and
refuses a bad one, on real PDFs (reportlab) and DOCX files (zipfile) made here; big and damaged
files end in a clear finding, never an exception."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

from app import models as m
from app.services.supervision import preflight as pf
from tests.support.acceptance_docs import (
    acceptance_lines,
    write_docx,
    write_pdf,
    write_png,
)
from tests.support.orders_data import make_line, make_order, make_task

CUSTOMER = "上海云帆科技有限公司"
PRODUCT = "云栖数据备份软件"
SKU = "专业版"
FACTS = pf.OrderFacts("SS1", "CS2601011200ABCDE", (CUSTOMER, "yunfan01"), (PRODUCT,), (SKU,),
                      "其他", "通用", "License")


@pytest.fixture(scope="module")
def rules() -> pf.AcceptanceRules:
    return pf.load_rules()


def codes(report: pf.PreflightReport) -> set[str]:
    return {f.code for f in report.findings}


def good_pdf(tmp_path: Path, name: str = "交付验收文档.pdf", **kw: object) -> Path:
    return write_pdf(tmp_path / name, acceptance_lines(CUSTOMER, PRODUCT, SKU), **kw)  # type: ignore[arg-type]


# -- rules as data ----------------------------------------------------------------------------------

def test_the_defaults_are_the_documented_ones_and_marked_unconfirmed(
        rules: pf.AcceptanceRules) -> None:
    assert {"doc", "docx", "pdf", "xls", "xlsx", "jpg", "png", "zip", "rar"} <= rules.extensions
    assert rules.max_bytes == 20 * 1024 * 1024
    assert rules.unconfirmed


def test_a_user_copy_overrides_key_by_key(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "acceptance_files.json").write_text(json.dumps(
        {"max_bytes": 1024, "jidiyun": {"min_screenshots": 5}}), encoding="utf-8")
    rules = pf.load_rules(tmp_path)
    assert rules.max_bytes == 1024
    assert rules.min_screenshots == 5
    assert "pdf" in rules.extensions  # the rest stays
    (tmp_path / "rules" / "acceptance_files.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(pf.RulesError, match="acceptance_files.json"):
        pf.load_rules(tmp_path)


# -- the file itself --------------------------------------------------------------------------------

def test_a_good_pdf_passes(tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    report = pf.check_files([good_pdf(tmp_path)], FACTS, rules)
    assert report.findings == ()
    assert not report.blocked


def test_a_file_type_not_accepted_is_an_error(tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ" + b"\0" * 100)
    report = pf.check_files([good_pdf(tmp_path), exe], FACTS, rules)
    (finding,) = report.for_file("setup.exe")
    assert (finding.severity, finding.code, finding.params["ext"]) == ("error", "type_not_allowed",
                                                                       "exe")
    assert "pdf" in finding.message
    assert report.blocked


def test_an_empty_or_missing_file_is_an_error(tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    report = pf.check_files([good_pdf(tmp_path), empty, tmp_path / "gone.pdf"], FACTS, rules)
    assert [f.code for f in report.for_file("空.pdf")] == ["empty"]
    assert [f.code for f in report.for_file("gone.pdf")] == ["missing"]


def test_a_30_mb_file_is_refused_fast_without_being_read(tmp_path: Path,
                                                         rules: pf.AcceptanceRules) -> None:
    big = tmp_path / "全部截图.pdf"
    with big.open("wb") as f:
        f.write(b"%PDF-1.7\n")
        f.truncate(30 * 1024 * 1024)
    started = time.perf_counter()
    report = pf.check_files([good_pdf(tmp_path), big], FACTS, rules)
    elapsed = time.perf_counter() - started
    (finding,) = report.for_file("全部截图.pdf")
    assert finding.code == "too_large"
    assert finding.params == {"size": "30", "limit": "20"}
    assert elapsed < 2.0, elapsed
    # Under a user's higher limit the same file is parsed, and its damage is named.
    roomy = replace(rules, max_bytes=40 * 1024 * 1024)
    report = pf.check_files([big], FACTS, roomy)
    assert [f.code for f in report.for_file("全部截图.pdf")] == ["document_unreadable"]


def test_a_corrupt_pdf_is_a_clear_finding(tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    good = good_pdf(tmp_path).read_bytes()
    cut = tmp_path / "截断.pdf"
    cut.write_bytes(good[: len(good) // 3])
    noise = tmp_path / "乱码.pdf"
    noise.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    report = pf.check_files([cut, noise], FACTS, rules)
    for name in ("截断.pdf", "乱码.pdf"):
        (finding,) = report.for_file(name)
        assert (finding.severity, finding.code) == ("error", "document_unreadable")
        assert finding.message.startswith("The document cannot be opened: a damaged PDF")
    assert codes(report) == {"document_unreadable"}  # no "no document" on top of it


def test_a_pdf_that_is_not_a_pdf_is_named(tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    fake = tmp_path / "验收.pdf"
    write_png(fake)
    (finding,) = pf.check_files([fake], FACTS, rules).for_file("验收.pdf")
    assert finding.code == "content_mismatch"
    assert finding.params["actual"] == "a PNG image"


# -- content ----------------------------------------------------------------------------------------

def test_customer_product_and_spec_must_appear(tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    wrong = write_pdf(tmp_path / "验收.pdf", acceptance_lines("上海云帆信息有限公司", PRODUCT, "标准版"))
    report = pf.check_files([wrong], FACTS, rules)
    assert codes(report) == {"customer_missing", "sku_missing"}
    assert report.blocked
    sku = next(f for f in report.findings if f.code == "sku_missing")
    assert sku.params["expected"] == SKU
    # Every specification of a multi-line order must be listed.
    two = replace(FACTS, sku_names=(SKU, "企业版"))
    assert codes(pf.check_files([good_pdf(tmp_path)], two, rules)) == {"sku_missing"}


def test_names_match_across_full_width_forms_and_line_breaks(tmp_path: Path,
                                                             rules: pf.AcceptanceRules) -> None:
    facts = replace(FACTS, customer_names=("华信(北京)科技有限公司",))
    doc = write_docx(tmp_path / "验收.docx", ["客户名称:华信（北京）科技 有限公司",
                                              f"{PRODUCT} {SKU}"])
    assert pf.check_files([doc], facts, rules).findings == ()


def test_a_docx_is_read_from_its_xml(tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    good = write_docx(tmp_path / "验收.docx", acceptance_lines(CUSTOMER, PRODUCT, SKU))
    assert pf.check_files([good], FACTS, rules).findings == ()
    bad = write_docx(tmp_path / "别的.docx", acceptance_lines(CUSTOMER, "别的商品", SKU))
    assert codes(pf.check_files([bad], FACTS, rules)) == {"product_missing"}
    broken = tmp_path / "坏.docx"
    broken.write_bytes(good.read_bytes()[:200])
    (finding,) = pf.check_files([broken], FACTS, rules).for_file("坏.docx")
    assert finding.code == "document_unreadable"


def test_a_scan_without_text_is_a_warning_not_an_error(tmp_path: Path,
                                                       rules: pf.AcceptanceRules) -> None:
    scan = write_pdf(tmp_path / "扫描件.pdf", [], images=1)
    report = pf.check_files([scan], FACTS, rules)
    assert codes(report) == {"document_no_text"}
    assert not report.blocked
    only_images = pf.check_files([write_png(tmp_path / "截图.png")], FACTS, rules)
    assert codes(only_images) == {"no_document"}
    assert only_images.warnings and not only_images.blocked


# -- 基地云 ------------------------------------------------------------------------------------------

def test_jidiyun_needs_three_screenshots_or_a_remote_record(tmp_path: Path,
                                                            rules: pf.AcceptanceRules) -> None:
    facts = replace(FACTS, sales_scenario="基地云")
    doc = good_pdf(tmp_path)
    shots = [write_png(tmp_path / f"截图{n}.png", 20 * n) for n in range(3)]
    report = pf.check_files([doc, *shots[:2]], facts, rules)
    (finding,) = report.findings
    assert (finding.code, finding.severity, finding.params["found"]) == (
        "screenshots_missing", "error", "2")
    assert pf.check_files([doc, *shots], facts, rules).findings == ()
    # Screenshots pasted into the document count too.
    with_images = write_pdf(tmp_path / "图文.pdf", acceptance_lines(CUSTOMER, PRODUCT, SKU),
                            images=3)
    assert pf.check_files([with_images], facts, rules).findings == ()
    in_docx = write_docx(tmp_path / "图文.docx", acceptance_lines(CUSTOMER, PRODUCT, SKU), images=3)
    assert pf.check_files([in_docx], facts, rules).findings == ()
    # A remote delivery: the meeting minutes replace the screenshots.
    minutes = write_pdf(tmp_path / "远程交付会议纪要.pdf", ["2026-11-02 线上会议"])
    assert pf.check_files([doc, minutes], facts, rules).findings == ()


# -- 赋能云 ------------------------------------------------------------------------------------------

def test_funengyun_signatures_are_warnings(tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    facts = replace(FACTS, sales_scenario="赋能云")
    unsigned = good_pdf(tmp_path)
    report = pf.check_files([unsigned], facts, rules)
    assert {f.params["party"] for f in report.findings} == {"seller", "Huawei project team",
                                                            "customer"}
    assert all(f.severity == "warning" for f in report.findings)
    assert not report.blocked
    signed = write_pdf(tmp_path / "签字版.pdf",
                       acceptance_lines(CUSTOMER, PRODUCT, SKU, signatures=True))
    assert pf.check_files([signed], facts, rules).findings == ()


def test_funengyun_license_deployment_needs_the_resource_order(
        tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    facts = replace(FACTS, sales_scenario="赋能云", license_subtype="软件包部署")
    lines = acceptance_lines(CUSTOMER, PRODUCT, SKU, signatures=True)
    without = write_pdf(tmp_path / "无订单号.pdf", [*lines, f"云商店订单号:{FACTS.order_id}"])
    assert codes(pf.check_files([without], facts, rules)) == {"resource_order_missing",
                                                              "resource_screenshot_missing"}
    with_no = write_pdf(tmp_path / "有订单号.pdf", [*lines, "华为云资源订单号:CS2511031530K7Q2M"])
    shot = write_png(tmp_path / "资源订单截图.png")
    assert pf.check_files([with_no, shot], facts, rules).findings == ()


# -- facts from the cache ---------------------------------------------------------------------------

def test_order_facts_come_from_every_line_of_the_order(cache: Engine) -> None:
    with cache.begin() as conn:
        conn.execute(insert(m.Order.__table__), [make_order(
            "CS1", customer_real_name=CUSTOMER, customer_name="yunfan01")])
        conn.execute(insert(m.OrderLine.__table__), [
            make_line("CS1", 1, product_name=PRODUCT, sku_name=SKU),
            make_line("CS1", 2, product_name=PRODUCT, sku_name="企业版")])
        conn.execute(insert(m.SupervisionTask.__table__), [make_task(
            "SS1", "CS1", "CS1-000001", product_name=PRODUCT, sku_name=SKU,
            customer_name=CUSTOMER, sales_scenario="基地云")])
    facts = pf.order_facts(cache, "SS1")
    assert facts.customer_names == (CUSTOMER, "yunfan01")
    assert facts.product_names == (PRODUCT,)
    assert facts.sku_names == (SKU, "企业版")
    assert facts.sales_scenario == "基地云"
    with pytest.raises(LookupError, match="sync first"):
        pf.order_facts(cache, "nope")


def test_a_long_document_is_read_up_to_the_page_limit(tmp_path: Path,
                                                      rules: pf.AcceptanceRules) -> None:
    long = write_pdf(tmp_path / "长文档.pdf", acceptance_lines(CUSTOMER, PRODUCT, SKU), pages=5)
    report = pf.check_files([long], FACTS, replace(rules, max_document_pages=2))
    (finding,) = report.findings
    assert (finding.code, finding.severity, finding.params) == ("document_truncated", "warning",
                                                                {"pages": "2"})
    assert pf.check_files([long], FACTS, rules).findings == ()
