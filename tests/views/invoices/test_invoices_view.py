"""The Invoices area over a real cache: list, create drafts, field problems, acknowledging a
warning, company profile with a seal, Save as PDF, printing to a PDF printer, submitting.

Every wait is on a signal or a condition (the work runs on the bridge's worker threads).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QCheckBox, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models import db
from app.services.invoices import drafts as store
from app.services.invoices.rules import TEMPLATES
from app.services.marketplace.client import Unreachable
from app.services.marketplace.credentials import Credentials as Connection
from app.services.outbox.queue import Outbox
from app.views.app import pin_interpreter_singletons
from app.views.bridge import Bridge
from app.views.invoices.company_dialog import CompanyDialog
from app.views.invoices.editor import DraftEditor
from app.views.invoices.labels import FINDING_TEXTS
from app.views.invoices.submit_dialog import SubmitDialog
from app.views.invoices.tree_model import InvoiceTreeModel
from app.views.invoices.view import InvoicesView
from tests.support.invoice_data import COMPANY, bill_details, cn_notice, store_notice

pin_interpreter_singletons()  # PySide6 6.12 on CPython 3.11: see app.views.app

pytestmark = pytest.mark.gui

WAIT_MS = 20_000


class FakePaths:
    def __init__(self, root: Path) -> None:
        self.caches_dir = root


class FakeWorkspace(QObject):
    """What the view uses of the workspace: the engine (and its signal), folders, connection."""

    engineChanged = Signal(object)

    def __init__(self, engine: Engine, root: Path) -> None:
        super().__init__()
        self.engine = engine
        self.paths = FakePaths(root)
        self.target = None  # no marketplace: submissions stay in the outbox


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    store_notice(eng, cn_notice(issue_time=cn_notice().issue_time), bill_lines=4)
    with Session(eng) as session, session.begin():
        store.save_company(session, COMPANY)
    yield eng
    eng.dispose()


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[Bridge]:
    b = Bridge()
    yield b
    b.wait_idle()


@pytest.fixture
def view(qtbot: QtBot, engine: Engine, bridge: Bridge, tmp_path: Path) -> InvoicesView:
    v = InvoicesView(bridge, FakeWorkspace(engine, tmp_path))
    qtbot.addWidget(v)
    v.resize(1200, 700)
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: v.model.rowCount() == 1, timeout=WAIT_MS)
    return v


def _with_drafts(qtbot: QtBot, view: InvoicesView) -> None:
    view.select([("notice", "KP202510LY01")], ("notice", "KP202510LY01"))
    assert view.actions_by_name["create"].isEnabled()
    view.actions_by_name["create"].trigger()
    qtbot.waitUntil(lambda: len(view.model.rows()[0].drafts) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(view.selected_drafts()) == 2, timeout=WAIT_MS)


def _select_draft(view: InvoicesView, n: int = 0) -> str:
    draft = view.model.rows()[0].drafts[n]
    view.select([("draft", draft.id)], ("draft", draft.id))
    return draft.id


def test_the_model_passes_qt_checks(qtmodeltester: object, view: InvoicesView, qtbot: QtBot
                                    ) -> None:
    _with_drafts(qtbot, view)
    qtmodeltester.check(view.model)  # type: ignore[attr-defined]
    empty = InvoiceTreeModel()
    qtmodeltester.check(empty)  # type: ignore[attr-defined]


def test_notices_are_listed_with_their_facts(view: InvoicesView) -> None:
    m = view.model
    texts = [m.data(m.index(0, c)) for c in range(m.columnCount())]
    assert texts == ["SF20251103933379", "202510", "46,360.00", "CNY", "华为云计算技术有限公司",
                     "6%, 13%", "待开票"]
    view.select([("notice", "KP202510LY01")], ("notice", "KP202510LY01"))
    html = view.detail.toHtml()
    assert "肆万陆仟叁佰陆拾元整" in html and "贵州省贵安新区 发票组" in html


def test_create_drafts_in_one_click_and_not_twice(qtbot: QtBot, view: InvoicesView) -> None:
    _with_drafts(qtbot, view)
    assert "2 draft(s) made" in view.message.text()
    rates = [view.model.data(view.model.index(n, 5, view.model.index(0, 0))) for n in range(2)]
    assert rates == ["6%", "13%"]
    assert "cover the whole notice" in view.detail.toPlainText()
    view.select([("notice", "KP202510LY01")])
    view.create_drafts()
    qtbot.waitUntil(lambda: "has a draft already" in view.message.text(), timeout=WAIT_MS)
    assert len(view.model.rows()[0].drafts) == 2


def test_editor_shows_a_field_error_and_a_warning_to_acknowledge(
    qtbot: QtBot, view: InvoicesView, engine: Engine
) -> None:
    _with_drafts(qtbot, view)
    draft_id = _select_draft(view)
    view.actions_by_name["edit"].trigger()
    editor = view.dialog
    assert isinstance(editor, DraftEditor)
    assert editor.summary.text() == "Ready to print."
    editor.fields["seller_tax_no"].setText("91440300MA5FXK3Q6E")  # one character off
    editor.recheck()
    problem = editor.findChild(QLabel, "problem_seller_tax_no_uscc.check_character")
    assert problem is not None and problem.isVisibleTo(editor)
    assert "the first 17 call for D" in problem.text() and problem.text().startswith("Error:")
    assert editor.findChild(QCheckBox, "ack_uscc.check_character") is None  # errors: no box
    assert "1 error(s)" in editor.summary.text()
    editor.fields["seller_tax_no"].setText("91440300MA5FXK3Q6D")
    editor.fields["invoice_date"].setDate(QDate(2099, 1, 5))  # type: ignore[union-attr]
    editor.recheck()
    box = editor.findChild(QCheckBox, "ack_date.future")
    assert box is not None and not box.isChecked()
    assert "0 error(s) and 1 warning(s)" in editor.summary.text()
    box.setChecked(True)
    assert editor.summary.text() == "Ready to print."
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS) as saved:
        editor.save()
    assert saved.args[0].acknowledged == frozenset({"date.future"})
    with Session(engine) as session:
        stored = store.get_draft(session, draft_id)
    assert stored.invoice_date == date(2099, 1, 5) and "date.future" in stored.acknowledged


def test_bad_amount_in_a_line_is_named_and_not_saved(qtbot: QtBot, view: InvoicesView) -> None:
    _with_drafts(qtbot, view)
    _select_draft(view)
    view.edit_selected()
    editor = view.dialog
    assert isinstance(editor, DraftEditor)
    editor.lines.item(0, 4).setText("31,800.005")
    editor.recheck()
    assert "cells 1:4" in editor.summary.text()
    editor.lines.item(0, 4).setText("31800.01")
    editor.recheck()
    assert editor.findChild(QLabel, "problem_total_amount_amount.mismatch") is not None
    assert editor.findChild(QLabel, "problem_lines_line.sum") is not None


def test_save_as_pdf_and_the_draft_is_printed(qtbot: QtBot, view: InvoicesView, tmp_path: Path,
                                              engine: Engine) -> None:
    _with_drafts(qtbot, view)
    out = tmp_path / "发票.pdf"
    view.save_pdf(out)
    qtbot.waitUntil(lambda: view.message.text().startswith("Saved"), timeout=WAIT_MS)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    for fragment in ("SF20251103933379", "202510", "31,800.00", "14,560.00", "开票清单",
                     "叁万壹仟捌佰元整"):
        assert fragment in text
    with Session(engine) as session:
        assert {d.state for d in store.list_drafts(session)} == {"printed"}
    qtbot.waitUntil(lambda: view.model.rows()[0].drafts[0].state == "printed", timeout=WAIT_MS)


def test_printing_is_refused_while_a_draft_has_an_error(qtbot: QtBot, view: InvoicesView,
                                                        tmp_path: Path, engine: Engine) -> None:
    _with_drafts(qtbot, view)
    with Session(engine) as session, session.begin():
        draft = store.list_drafts(session)[0]
        assert draft.tax_rate == Decimal("0.06")  # drafts made together: by rate
        store.save_draft(session, replace(draft, remarks="发票"))
    view.select([("notice", "KP202510LY01")])
    out = tmp_path / "x.pdf"
    view.save_pdf(out)
    qtbot.waitUntil(lambda: view.message.text().startswith("Not printed"), timeout=WAIT_MS)
    assert "申付单号" in view.message.text() and not out.exists()


def test_print_to_a_printer_on_letter_paper(qtbot: QtBot, view: InvoicesView, tmp_path: Path
                                            ) -> None:
    _with_drafts(qtbot, view)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setResolution(150)
    from app.services.invoices.render import PageSetup
    from app.views.invoices.printing import prepare_printer

    prepare_printer(printer, PageSetup("Letter", (10, 10, 10, 12)))
    view.print_selected(printer)
    qtbot.waitUntil(lambda: "sent to the printer" in view.message.text(), timeout=WAIT_MS)
    assert "(3 pages)" in view.message.text()  # two invoices and the 开票清单
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_company_profile_with_a_seal(qtbot: QtBot, view: InvoicesView, tmp_path: Path,
                                     engine: Engine) -> None:
    view.open_company()
    dialog = view.dialog
    assert isinstance(dialog, CompanyDialog)
    dialog.fields["tax_no"].setText("91440300MA5FXK3Q6")
    assert dialog.findChild(QLabel, "problem_tax_no_uscc.length") is not None
    dialog.fields["tax_no"].setText("91440300MA5FXK3Q6D")
    not_image = tmp_path / "seal.png"
    not_image.write_bytes(b"not a picture")
    assert not dialog.choose_seal(not_image)
    assert "not a PNG or JPEG" in dialog.error.text()
    from PIL import Image

    seal = tmp_path / "公章.png"
    Image.new("RGBA", (80, 80), (200, 0, 0, 200)).save(seal)
    assert dialog.choose_seal(seal)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save()
    with Session(engine) as session:
        company = store.load_company(session)
    assert company.seal_image == seal.read_bytes() and company.seal_file_name == "公章.png"
    qtbot.waitUntil(lambda: view.company.seal_image is not None, timeout=WAIT_MS)


def test_record_and_submit_queues_the_invoice_in_the_outbox(
    qtbot: QtBot, view: InvoicesView, engine: Engine, tmp_path: Path
) -> None:
    _with_drafts(qtbot, view)
    draft_id = _select_draft(view)
    view.actions_by_name["submit"].trigger()
    dialog = view.dialog
    assert isinstance(dialog, SubmitDialog)
    assert not dialog.submit_button.isEnabled()  # no invoice number yet
    dialog.invoice_no.setText("44001234")
    dialog.invoice_date.setDate(QDate(2026, 11, 6))
    assert not dialog.submit_button.isEnabled()  # no courier number: a warning to acknowledge
    box = dialog.findChild(QCheckBox, "ack_courier.missing")
    assert box is not None
    dialog.courier_no.setText("SF1234567890")
    assert dialog.submit_button.isEnabled()
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        dialog.submit()
    assert "Queued in the outbox" in view.message.text()
    with Session(engine) as session:
        draft = store.get_draft(session, draft_id)
    assert draft.state == "submitted" and draft.invoice_no == "44001234"
    [entry] = Outbox(engine, store_files(tmp_path)).entries()
    assert entry.kind == "invoice.submit" and entry.payload["totalAmount"] == "31800.00"


def store_files(root: Path) -> object:
    from app.services.outbox.filestore import FileStore, store_root_for

    return FileStore(store_root_for(f"sqlite:///{root / 'cache.sqlite3'}", root))


def test_the_translation_list_matches_the_services_texts() -> None:
    assert sorted(FINDING_TEXTS) == sorted(TEMPLATES.values())


def test_a_long_list_is_printed_with_its_header_on_each_page(qtbot: QtBot, tmp_path: Path,
                                                             bridge: Bridge) -> None:
    eng = db.open_cache(f"sqlite:///{tmp_path / 'big.sqlite3'}")
    try:
        store_notice(eng, replace(cn_notice(), bill_lines=bill_details(0)), bill_lines=150)
        v = InvoicesView(bridge, FakeWorkspace(eng, tmp_path))
        qtbot.addWidget(v)
        v.show()
        qtbot.waitUntil(lambda: v.model.rowCount() == 1, timeout=WAIT_MS)
        _with_drafts(qtbot, v)
        out = tmp_path / "long.pdf"
        v.save_pdf(out)
        qtbot.waitUntil(lambda: v.message.text().startswith("Not printed"), timeout=WAIT_MS)
        assert "Seller: company name: This field is required." in v.message.text()
        with Session(eng) as session, session.begin():
            store.save_company(session, COMPANY)  # the company profile was missing
        for draft in v.selected_drafts():
            with Session(eng) as session, session.begin():
                filled = store.new_drafts(store.load_notice(session, draft.notice_id), COMPANY)
                store.save_draft(session, replace(
                    draft, **{f: getattr(filled[0], f) for f in ("seller_name", "seller_tax_no",
                              "seller_address", "seller_phone", "seller_bank",
                              "seller_account")}))  # fmt: skip
        v.refresh()
        qtbot.waitUntil(lambda: v.model.rows()[0].drafts[0].seller_name != "", timeout=WAIT_MS)
        v.select([("notice", "KP202510LY01")])
        v.save_pdf(out)
        qtbot.waitUntil(lambda: v.message.text().startswith("Saved"), timeout=WAIT_MS)
        pages = [p.extract_text() for p in PdfReader(out).pages]
        listing = pages[2:]
        assert len(listing) >= 3
        assert all("订单号" in page for page in listing)
        bridge.wait_idle()
    finally:
        eng.dispose()


def test_print_preview_renders_for_the_printers_paper(qtbot: QtBot, tmp_path: Path) -> None:
    """The preview asks for a document laid out on the printer's paper; the same pages print."""
    from app.services.invoices.render import PageSetup, Printable, Renderer
    from app.views.invoices.printing import PrintPreview, prepare_printer
    from tests.support.invoice_data import good_cn_draft

    asked: list[PageSetup] = []
    notice = cn_notice()

    def render(setup: PageSetup) -> bytes:
        asked.append(setup)
        return Renderer().render([Printable(good_cn_draft(notice), notice)], COMPANY, setup)

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    printer.setResolution(96)
    prepare_printer(printer, PageSetup("A4", (12, 14, 12, 16)))
    preview = PrintPreview(printer, render)
    qtbot.addWidget(preview)
    preview.paintRequested.emit(printer)
    assert asked == [PageSetup("A4", (12.0, 14.0, 12.0, 16.0))]
    assert preview.pages == 2 and preview.problem == ""  # the invoice and its 开票清单
    preview.paintRequested.emit(printer)
    assert len(asked) == 1  # same paper: not rendered again


class SandboxWorkspace(FakeWorkspace):
    """A workspace whose target is a running sandbox marketplace."""

    def __init__(self, engine: Engine, root: Path, server: object) -> None:
        super().__init__(engine, root)
        self.target = "sandbox"
        self.online = True
        self._server = server

    def connector(self, _target: object) -> Callable[[], Connection]:
        server = self._server

        def connect() -> Connection:
            if not self.online:
                raise Unreachable("the marketplace did not answer (test: offline)")
            return Connection(server.url, server.access_key, server.secret_key)  # type: ignore[attr-defined]

        return connect


def test_submit_to_the_sandbox_and_the_bill_moves_on(qtbot: QtBot, tmp_path: Path,
                                                     bridge: Bridge) -> None:
    from app.sandbox.server import SandboxServer
    from app.services.marketplace.client import MarketplaceClient
    from app.services.sync.engine import SyncEngine
    from tests.sandbox_fixtures import SANDBOX_START

    server = SandboxServer(seed=7, orders=400, start=SANDBOX_START, data_dir=tmp_path / "sb")
    server.start()
    eng = db.open_cache(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    try:
        httpx.post(f"{server.url}/_sandbox/advance", json={"hours": 24 * 6}, timeout=60)

        def sync() -> None:
            with MarketplaceClient(server.url, server.access_key, server.secret_key) as client:
                assert SyncEngine(client, eng).sync(("bills", "invoice_notices")).failure is None

        sync()
        with Session(eng) as session, session.begin():
            store.save_company(session, COMPANY)
            notice = next(r.notice for r in store.list_notices(session)
                          if r.notice.bill_status == "待开票" and len(r.notice.tax_rates) == 1
                          and r.notice.form == "cn")
        workspace = SandboxWorkspace(eng, tmp_path, server)
        workspace.online = False  # submitted offline: it waits in the outbox
        v = InvoicesView(bridge, workspace)
        qtbot.addWidget(v)
        v.show()
        qtbot.waitUntil(lambda: v.model.rowCount() > 0, timeout=WAIT_MS)
        v.select([("notice", notice.notice_id)], ("notice", notice.notice_id))
        v.create_drafts()
        qtbot.waitUntil(lambda: len(v.selected_drafts()) == 1, timeout=WAIT_MS)
        v.submit_selected()
        dialog = v.dialog
        assert isinstance(dialog, SubmitDialog)
        dialog.invoice_no.setText("44005678")
        day = notice.issue_date
        dialog.invoice_date.setDate(QDate(day.year, day.month, day.day))
        dialog.courier_no.setText("SF5550001")
        with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
            dialog.submit()
        assert "Queued in the outbox" in v.message.text()
        row = lambda: next(r for r in v.model.rows() if r.notice.notice_id == notice.notice_id)  # noqa: E731
        qtbot.waitUntil(lambda: row().drafts[0].state == "submitted", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: v.actions_by_name["send"].isEnabled(), timeout=WAIT_MS)
        workspace.online = True  # back online: delivered once
        v.actions_by_name["send"].trigger()
        qtbot.waitUntil(lambda: v.message.text().startswith("Sent 1"), timeout=WAIT_MS)
        assert v.message.text() == "Sent 1, refused 0, still waiting 0."
        qtbot.waitUntil(lambda: row().drafts[0].state == "accepted", timeout=WAIT_MS)
        v.send_waiting()  # nothing left: nothing sent twice
        qtbot.waitUntil(lambda: v.message.text() == "Sent 0, refused 0, still waiting 0.",
                        timeout=WAIT_MS)
        assert httpx.get(f"{server.url}/_sandbox/writes", timeout=30).json()["actions"] == 1
        sync()
        bridge.announce({"invoice_notices"})
        qtbot.waitUntil(lambda: row().notice.bill_status == "发票待审核", timeout=WAIT_MS)
        bridge.wait_idle()
    finally:
        eng.dispose()
        server.stop()


def test_an_empty_pane_says_what_to_do_and_a_disabled_action_says_why(
        qtbot: QtBot, view: InvoicesView) -> None:
    """Issue 13: no blank pane, no silent grey button."""
    view.select([])
    assert "Create Drafts" in view.detail.placeholderText()
    create = view.actions_by_name["create"]
    assert not create.isEnabled()
    assert "Select one or more invoice notices" in create.toolTip()
    assert "No submission is waiting" in view.actions_by_name["send"].toolTip()
    view.select([("notice", "KP202510LY01")], ("notice", "KP202510LY01"))
    assert create.isEnabled() and "Select one or more" not in create.toolTip()


def test_the_waiting_for_an_invoice_filter(qtbot: QtBot, view: InvoicesView,
                                           engine: Engine) -> None:
    """Issue 13: a 待开票 filter lists only the notices whose bill waits for an invoice."""
    view.waiting_only.setChecked(True)
    assert view.model.rowCount() == 1  # the notice's bill is 待开票
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE invoice_notices SET bill_status = '已开票'")
    with qtbot.waitSignal(view.model.modelReset, timeout=WAIT_MS):
        view.refresh()
    assert view.model.rowCount() == 0
    assert "Untick the filter" in view.detail.placeholderText()
    view.waiting_only.setChecked(False)
    assert view.model.rowCount() == 1
