"""Drafts made from notices synced from the sandbox over HTTP; the PDF forms; the CLI."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.__main__ import main
from app.models import InvoiceDraft, InvoiceNotice
from app.services.invoices import drafts as svc
from app.services.invoices.data import Company
from app.services.invoices.render import PageSetup, Printable, Renderer, RenderError
from app.services.invoices.rules import check
from app.services.sync.engine import SyncEngine
from tests.sandbox_fixtures import Sandbox
from tests.support.invoice_data import (
    COMPANY,
    bill_details,
    cn_notice,
    good_cn_draft,
    good_intl_draft,
    intl_notice,
    store_notice,
)


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def _sync(sandbox: Sandbox, cache: Engine) -> None:
    with sandbox.client() as client:
        report = SyncEngine(client, cache).sync(("bills", "invoice_notices"))
    assert report.failure is None


def _pdf_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_drafts_per_tax_rate_from_a_synced_notice(sandbox: Sandbox, cache: Engine) -> None:
    _sync(sandbox, cache)
    with Session(cache) as session, session.begin():
        svc.save_company(session, COMPANY)
    with Session(cache) as session, session.begin():
        notice = next(n for n in session.scalars(select(InvoiceNotice).order_by(InvoiceNotice.id))
                      if len(n.tax_rates) == 2 and n.form == "cn")
        created, existing = svc.create_drafts(session, notice.id)
        notice_id, amount = notice.id, notice.invoice_amount
    assert existing == []
    assert sorted(d.tax_rate for d in created) == [D("0.06"), D("0.13")]
    assert sum((d.total_amount for d in created), D("0")) == amount  # exactly, Decimal
    with Session(cache) as session:
        facts = svc.load_notice(session, notice_id)
        assert facts.bill_lines, "the bill's order lines come with the notice for the 开票清单"
        for draft in svc.list_drafts(session, notice_id):
            assert draft.seller_name == COMPANY.name
            assert draft.buyer_name == "华为云计算技术有限公司"
            assert facts.requisition_no in draft.remarks and facts.period in draft.remarks
            assert draft.total_amount == facts.amount_for_rate(draft.tax_rate)
            problems = [f.code for f in check(draft, facts) if f.code != "notice.status"]
            assert problems == [], problems
    # One click twice makes nothing new.
    with Session(cache) as session, session.begin():
        again, there = svc.create_drafts(session, notice_id)
    assert again == [] and len(there) == 2
    rows = _rows(cache)
    assert [len(r.drafts) for r in rows if r.notice.notice_id == notice_id] == [2]
    assert len(rows) == sandbox.stats()["invoice_notices"]


def _rows(cache: Engine) -> list[svc.NoticeRow]:
    with Session(cache) as session:
        return svc.list_notices(session)


def test_saving_a_printed_draft_with_changes_makes_it_a_draft_again(cache: Engine) -> None:
    store_notice(cache, cn_notice())
    with Session(cache) as session, session.begin():
        created, _ = svc.create_drafts(session, "KP202510LY01")
        svc.mark_printed(session, [d.id for d in created])
    with Session(cache) as session, session.begin():
        printed = svc.get_draft(session, created[0].id)
        assert printed.state == "printed" and printed.printed_at is not None
        # Recording the mailing does not change the printout.
        kept = svc.save_draft(session, replace(printed, invoice_no="12345678",
                                               invoice_date=date(2026, 11, 6)))
        assert kept.state == "printed"
        changed = svc.save_draft(session, replace(kept, remarks=kept.remarks + " 备注"))
        assert changed.state == "draft"
    with Session(cache) as session, session.begin():
        row = session.get(InvoiceDraft, created[0].id)
        assert row is not None
        row.state = "submitted"
    with Session(cache) as session, session.begin():
        with pytest.raises(svc.DraftError, match="submitted"):
            svc.save_draft(session, svc.get_draft(session, created[0].id))
        with pytest.raises(svc.DraftError, match="cannot be deleted"):
            svc.delete_draft(session, created[0].id)
        svc.delete_draft(session, created[1].id)
        assert [d.id for d in svc.list_drafts(session)] == [created[0].id]


def test_unknown_notice_is_a_clear_error(cache: Engine) -> None:
    with Session(cache) as session, pytest.raises(svc.NoticeNotFound, match="sync first"):
        svc.create_drafts(session, "KP-NOPE")


def test_company_profile_round_trips_with_its_seal(cache: Engine) -> None:
    seal = _png()
    with Session(cache) as session, session.begin():
        assert svc.load_company(session).is_empty
        svc.save_company(session, replace(COMPANY, seal_image=seal, seal_file_name="seal.png"))
    with Session(cache) as session:
        loaded = svc.load_company(session)
    assert loaded == replace(COMPANY, seal_image=seal, seal_file_name="seal.png")


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (120, 120), (200, 0, 0, 160)).save(out, "PNG")
    return out.getvalue()


def test_cn_pdf_text_has_the_references_amounts_and_chinese(renderer: Renderer) -> None:
    notice = replace(cn_notice(), bill_lines=bill_details(3))
    draft = good_cn_draft(notice)
    pdf = renderer.render([Printable(draft, notice)], COMPANY)
    pages = _pdf_text(pdf)
    form, listing = pages[0], "\n".join(pages[1:])
    for text in ("增值税专用发票", "SF20251103933379", "202510", "31,800.00", "1,800.00",
                 "叁万壹仟捌佰元整", "华为云计算技术有限公司", "91520900MA6J6CBN9Q",
                 "深圳市示例科技有限公司", "91440300MA5FXK3Q6D", "销售方"):
        assert text in form, text
    for text in ("开票清单", "SF20251103933379", "46,360.00", "肆万陆仟叁佰陆拾元整", "软件产品",
                 "14,560.00", "CS251000000003"):
        assert text in listing, text
    assert PdfReader(io.BytesIO(pdf)).metadata.title.startswith("Invoices SF20251103933379")


def test_intl_pdf_with_seal_and_letter_paper(renderer: Renderer) -> None:
    company = replace(COMPANY, seal_image=_png())
    draft = good_intl_draft()
    pdf = renderer.render([Printable(draft, intl_notice())], company, PageSetup("Letter"),
                          include_list=False)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = reader.pages[0].extract_text()
    for fragment in ("INVOICE", "SF20251103000002", "202510", "1,005.20", "云商店服务",
                     "US DOLLARS ONE THOUSAND AND FIVE AND CENTS TWENTY ONLY", "CMBCCNBS",
                     "Sparkoo Technologies Singapore Pte. Ltd.", "20251101"):
        assert fragment in text, fragment
    assert len(reader.pages[0].images) == 1  # the seal


def test_the_invoice_list_repeats_its_header_on_every_page(renderer: Renderer) -> None:
    notice = replace(cn_notice(), bill_lines=bill_details(160))
    pages = _pdf_text(renderer.render_list(notice, PageSetup("A4", (20, 20, 20, 20))))
    assert len(pages) >= 3
    for n, page in enumerate(pages[1:], start=2):
        assert "订单号" in page and "应结算金额" in page, f"page {n} lacks the table header"
        assert f"{n} / {len(pages)}" in page
    assert "CS251000000160" in pages[-1] and "152,000.00" in pages[-1]  # the last line and total


def test_several_invoices_in_one_pdf_with_one_list_per_notice(renderer: Renderer) -> None:
    notice = cn_notice()
    from app.services.invoices.drafts import new_drafts

    items = [Printable(d, notice) for d in new_drafts(notice, COMPANY)]
    items.append(Printable(good_intl_draft(), intl_notice()))
    pages = _pdf_text(renderer.render(items, COMPANY))
    assert len(pages) == 5  # 2 CN invoices + their list, 1 intl invoice + its list
    assert "开票清单" in pages[2] and "开票清单" in pages[4]


def test_render_refuses_nothing_and_bad_page_setup(renderer: Renderer) -> None:
    with pytest.raises(RenderError, match="at least one"):
        renderer.render([], Company())
    with pytest.raises(RenderError, match="A4 or Letter"):
        PageSetup("A3")


def test_cli_render_and_list(cache: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
                             ) -> None:
    store_notice(cache, cn_notice(), bill_lines=5)
    url = str(cache.url)
    with Session(cache) as session, session.begin():
        svc.save_company(session, COMPANY)
    out = tmp_path / "out" / "kp.pdf"
    assert main(["invoice", "render", "--db", url, "--notice", "KP202510LY01", "--out",
                 str(out)]) == 0
    printed = capsys.readouterr()
    assert "2 invoice(s)" in printed.out
    text = "\n".join(_pdf_text(out.read_bytes()))
    assert "SF20251103933379" in text and "壹万肆仟伍佰陆拾元整" in text
    assert main(["invoice", "render", "--db", url, "--notice", "KP202510LY01", "--form", "intl",
                 "--no-list", "--draft", "--out", str(tmp_path / "intl.pdf")]) == 0
    err = capsys.readouterr().err
    assert "invoice_no: This field is required." in err  # the checks, on stderr
    # issue 13: without --draft a check that blocks printing refuses (exit 10, no file)
    assert main(["invoice", "render", "--db", url, "--notice", "KP202510LY01", "--form", "intl",
                 "--no-list", "--out", str(tmp_path / "refused.pdf")]) == 10
    assert "invoice_no" in capsys.readouterr().err and not (tmp_path / "refused.pdf").exists()
    assert main(["invoice", "render", "--db", url, "--notice", "NOPE", "--out",
                 str(tmp_path / "x.pdf")]) == 2
    assert "no invoice notice 'NOPE'" in capsys.readouterr().err
    assert main(["invoice", "list", "--db", url, "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["requisition_no"] == "SF20251103933379" and row["invoice_amount"] == "46360.00"
    assert row["drafts"] == []
    assert main(["invoice", "list", "--db", url]) == 0
    assert "SF20251103933379" in capsys.readouterr().out
