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


def problems(report: pf.PreflightReport) -> tuple[pf.Finding, ...]:
    """Errors and warnings (notes say what only a person can judge)."""
    return tuple(f for f in report.findings if f.severity != pf.NOTE)


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
    (finding,) = problems(report)
    assert (finding.code, finding.severity, finding.params["found"]) == (
        "screenshots_missing", "error", "2")
    assert problems(pf.check_files([doc, *shots], facts, rules)) == ()
    # Screenshots pasted into the document count too.
    with_images = write_pdf(tmp_path / "图文.pdf", acceptance_lines(CUSTOMER, PRODUCT, SKU),
                            images=3)
    assert problems(pf.check_files([with_images], facts, rules)) == ()
    in_docx = write_docx(tmp_path / "图文.docx", acceptance_lines(CUSTOMER, PRODUCT, SKU), images=3)
    assert problems(pf.check_files([in_docx], facts, rules)) == ()
    # A remote delivery: the meeting minutes replace the screenshots.
    minutes = write_pdf(tmp_path / "远程交付会议纪要.pdf", ["2026-11-02 线上会议"])
    assert pf.check_files([doc, minutes], facts, rules).findings == ()  # no image: no note


# -- 赋能云 ------------------------------------------------------------------------------------------

def test_funengyun_signatures_are_warnings(tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    facts = replace(FACTS, sales_scenario="赋能云")
    unsigned = good_pdf(tmp_path)
    report = pf.check_files([unsigned], facts, rules)
    assert {f.params["party"] for f in report.findings if "party" in f.params} == {
        "seller", "Huawei project team", "customer"}
    assert all(f.severity == "warning" for f in report.findings)
    assert not report.blocked
    signed = write_pdf(tmp_path / "签字版.pdf",
                       acceptance_lines(CUSTOMER, PRODUCT, SKU, signatures=True))
    assert codes(pf.check_files([signed], facts, rules)) == {"authorization_screenshot_missing"}


def test_funengyun_license_deployment_needs_the_resource_order(
        tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    facts = replace(FACTS, sales_scenario="赋能云", license_subtype="软件包部署")
    lines = acceptance_lines(CUSTOMER, PRODUCT, SKU, signatures=True)
    without = write_pdf(tmp_path / "无订单号.pdf", [*lines, f"云商店订单号:{FACTS.order_id}"])
    assert codes(pf.check_files([without], facts, rules)) == {
        "resource_order_missing", "resource_screenshot_missing",
        "authorization_screenshot_missing"}
    with_no = write_pdf(tmp_path / "有订单号.pdf", [*lines, "华为云资源订单号:CS2511031530K7Q2M"])
    shot = write_png(tmp_path / "资源订单截图.png")
    assert problems(pf.check_files([with_no, shot], facts, rules)) == ()


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


# -- issue 16 §1: seller-defined acceptance rules (business-rules §1.7-1.8) ----------------------

def test_funengyun_needs_the_user_authorization_screenshot_business_rules_1_7(
        tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    """§1.7: 赋能云 documents include the industry-cloud platform's user-authorization screenshot.
    No image at all: a warning. An image: a note that only a person can tell what it shows."""
    facts = replace(FACTS, sales_scenario="赋能云")
    signed = write_pdf(tmp_path / "签字版.pdf",
                       acceptance_lines(CUSTOMER, PRODUCT, SKU, signatures=True))
    (missing,) = pf.check_files([signed], facts, rules).findings
    assert (missing.code, missing.severity) == ("authorization_screenshot_missing", "warning")
    shot = write_png(tmp_path / "用户授权截图.png")
    report = pf.check_files([signed, shot], facts, rules)
    (note,) = report.findings
    assert (note.code, note.severity, note.params["found"]) == (
        "authorization_screenshot_check", pf.NOTE, "1")
    assert not report.blocked and report.warnings == () and report.notes == (note,)


def test_screenshots_must_be_real_images_business_rules_1_7(
        tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    """§1.7 (基地云 screenshots, 赋能云 authorization screenshot): a file is checked as far as a
    file can be: a renamed non-image or a damaged header is an error, an icon-sized image a
    warning; and a note says that only a person can see whether it shows the feature page with the
    customer's name."""
    facts = replace(FACTS, sales_scenario="基地云")
    doc = good_pdf(tmp_path)
    shots = [write_png(tmp_path / f"截图{n}.png", 20 * n) for n in range(3)]
    report = pf.check_files([doc, *shots], facts, rules)
    (note,) = report.findings
    assert (note.code, note.severity, note.params["expected"]) == (
        "feature_screenshot_check", pf.NOTE, CUSTOMER)
    fake = tmp_path / "截图x.png"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 8)  # the signature, no image header
    tiny = write_png(tmp_path / "图标.png", width=16, height=16)
    report = pf.check_files([doc, *shots[:2], fake, tiny], facts, rules)
    by_code = {f.code: f for f in report.findings}
    assert by_code["image_unreadable"].severity == "error"
    assert by_code["image_unreadable"].file_name == "截图x.png"
    assert by_code["image_too_small"].severity == "warning"
    assert by_code["image_too_small"].params == {"width": "16", "height": "16"}
    # The broken image does not count as a screenshot: two good ones and the tiny one.
    assert "screenshots_missing" not in by_code
    assert pf.image_size(shots[0]) == (640, 400)


def test_the_products_delivery_template_is_part_of_the_preflight_business_rules_1_7(
        tmp_path: Path, rules: pf.AcceptanceRules) -> None:
    """§1.7-1.8 (商家自定义验收规则): the product's delivery template (商品交付模板) is its
    acceptance standard. With the seller's copy in <config>/delivery_templates/<productId>.docx,
    every item of it must appear in the acceptance documents (a warning names the missing ones);
    all present is a note (only a person can judge the content). A 联营/自服务 product without a
    copy gets a note saying where to put it."""
    config = tmp_path / "config"
    facts = replace(FACTS, product_id="P-BACKUP", product_class="联营", delivery_type="License")
    doc = good_pdf(tmp_path)
    (note,) = pf.check_files([doc], facts, rules, config).findings
    assert (note.code, note.severity) == ("template_not_registered", pf.NOTE)
    assert note.params["expected"].endswith("delivery_templates/P-BACKUP.docx")
    assert pf.check_files([doc], replace(facts, product_class="通用"), rules, config).findings \
        == ()
    folder = config / "delivery_templates"
    folder.mkdir(parents=True)
    write_docx(folder / "P-BACKUP.docx", ["云栖数据备份软件 交付验收单", "客户名称:________",
                                          "1. 部署环境:", "备份策略配置说明:", "验收结论:____"])
    assert pf.template_items("客户名称:____\n1. 部署环境:\n______\n", rules) == [
        "客户名称", "部署环境"]
    report = pf.check_files([doc], facts, rules, config)
    (missing,) = report.findings
    assert (missing.code, missing.severity) == ("template_items_missing", "warning")
    assert "部署环境" in missing.params["missing"] and "客户名称" not in missing.params["missing"]
    followed = write_pdf(tmp_path / "按模板.pdf", [
        *acceptance_lines(CUSTOMER, PRODUCT, SKU), "云栖数据备份软件 交付验收单",
        "部署环境: 华为云 ECS", "备份策略配置说明: 每日增量", "验收结论: 通过"])
    (ok,) = pf.check_files([followed], facts, rules, config).findings
    assert (ok.code, ok.severity, ok.params["count"]) == ("template_followed", pf.NOTE, "5")
    (folder / "P-BACKUP.docx").write_bytes(b"PK\x03\x04 not really a document")
    (broken,) = pf.check_files([followed], facts, rules, config).findings
    assert (broken.code, broken.severity) == ("template_unreadable", "warning")
