"""The Invoices area's other tabs over a real cache: the customers' invoice requests (给用户开票,
business-rules §6.5) with their 7-day deadline, 退回/撤销 through the outbox, the partner bills
(客户服务商, §7), and recording a red-letter invoice (红字) for an invoice sent back (退票, §6.3).

Every wait is on a signal or a condition (the work runs on the bridge's worker threads).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.models import db
from app.models.finance import Bill, BillLine
from app.models.invoices import RED_LETTERED, REFUSED, CustomerInvoice, InvoiceDraft
from app.models.outbox import OutboxEntry
from app.services.invoices import drafts as store
from app.services.invoices import platform_fee
from app.views.app import pin_interpreter_singletons
from app.views.bridge import Bridge
from app.views.invoices.platform_fee_dialog import PlatformFeeDialog
from app.views.invoices.red_letter_dialog import RedLetterDialog
from app.views.invoices.view import InvoicesView
from tests.support.invoice_data import COMPANY
from tests.views.invoices.test_invoices_view import FakeWorkspace

pin_interpreter_singletons()

pytestmark = pytest.mark.gui

WAIT_MS = 20_000
#: 2026-03-01 23:30 Beijing (15:30 UTC): the Beijing day is March 1, so the invoice is due by the
#: end of March 8, Beijing (the 7th Beijing day after the request, §6.5).
APPLIED = datetime(2026, 3, 1, 15, 30, tzinfo=UTC)


def _request(request_id: str, status: str, amount: str, medium: str) -> CustomerInvoice:
    return CustomerInvoice(
        id=request_id, order_id=f"CS{request_id}", customer_name="buyer01",
        product_name="云备份软件", tax_item="信息技术服务", tax_rate=Decimal("0.06"),
        amount=Decimal(amount), currency_code="CNY", invoice_type="专票", medium=medium,
        title_type="企业", title="上海某某科技有限公司", tax_no="91310000MA1FL8XQ3X",
        buyer_address="上海市浦东新区 021-00000000", buyer_phone="021-00000000",
        buyer_bank="招商银行上海分行", buyer_account="121900000000001", email="fin@example.cn",
        recipient="王敏", recipient_phone="13800000000", mailing_address="上海市浦东新区某路1号",
        apply_time=APPLIED, status=status, remote_updated_at=APPLIED,
    )  # fmt: skip


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    with Session(eng) as session, session.begin():
        session.add(_request("R001", "待开票", "80.00", "纸质"))
        session.add(_request("R002", "已完成", "1200.00", "电子"))
        store.save_company(session, COMPANY)
    yield eng
    eng.dispose()


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[Bridge]:
    b = Bridge()
    yield b
    b.wait_idle()


@pytest.fixture
def area(qtbot: QtBot, engine: Engine, bridge: Bridge, tmp_path: Path) -> InvoicesView:
    v = InvoicesView(bridge, FakeWorkspace(engine, tmp_path))
    qtbot.addWidget(v)
    v.resize(1280, 760)
    v.show()
    qtbot.waitExposed(v)
    assert v.customer is not None
    qtbot.waitUntil(lambda: v.customer is not None and v.customer.model.rowCount() == 2,
                    timeout=WAIT_MS)
    return v


def _customer(area: InvoicesView) -> InvoicesView:
    assert area.tabs is not None and area.customer is not None
    area.tabs.setCurrentWidget(area.customer)
    return area.customer


def test_s6_5_customer_requests_are_a_tab_with_their_seven_beijing_day_deadline(
    area: InvoicesView,
) -> None:
    """§6.5: the area shows the customers' requests beside the notices; a waiting request says by
    when to invoice (end of the 7th Beijing day after the request); an issued one has no due."""
    view = _customer(area)
    m = view.model
    rows = {m.data(m.index(r, 0)): [m.data(m.index(r, c)) for c in range(m.columnCount())]
            for r in range(m.rowCount())}
    assert rows["R001"][3:] == ["80.00", "专票 · 纸质", "上海某某科技有限公司", "CSR001"]
    due = datetime(2026, 3, 8, 16, 0, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    assert rows["R001"][1:3] == [due, "待开票"]
    assert rows["R002"][1] == "—"
    assert m.headerData(2, Qt.Orientation.Horizontal) == "Request status / draft"
    view.select([("notice", "R001")], ("notice", "R001"))
    assert "the customer (under 100 元" in view.detail.toPlainText()  # the courier rule, §6.5


def test_s6_5_customer_draft_then_revoke_goes_to_the_outbox_return_only_when_issued(
    area: InvoicesView, engine: Engine, qtbot: QtBot
) -> None:
    """§6.5: Create Draft makes the invoice to the request's title for the full order amount;
    退回 is refused for a waiting request (with the reason as the tooltip), 撤销 is queued in the
    outbox with the reason; an issued request can be returned."""
    view = _customer(area)
    view.select([("notice", "R001")], ("notice", "R001"))
    assert not view.actions_by_name["return"].isEnabled()
    assert "Only an issued invoice (已完成) can be returned." in \
        view.actions_by_name["return"].toolTip()
    view.actions_by_name["create"].trigger()
    qtbot.waitUntil(lambda: any(r.drafts for r in view.model.rows()), timeout=WAIT_MS)
    draft = next(r for r in view.model.rows() if r.drafts).drafts[0]
    assert (draft.buyer_name, draft.total_amount, draft.source) == \
        ("上海某某科技有限公司", Decimal("80.00"), "customer")
    view.select([("notice", "R001")], ("notice", "R001"))
    assert view.actions_by_name["revoke"].isEnabled()
    view.revoke_selected("  ")
    assert "Say why" in view.message.text()  # nothing queued without a reason
    view.revoke_selected("买家要求撤销")
    qtbot.waitUntil(lambda: "outbox" in view.message.text(), timeout=WAIT_MS)
    with Session(engine) as session:
        entry = session.scalars(select(OutboxEntry)).one()
    assert (entry.kind, entry.target_id, entry.payload) == \
        ("customer_invoice.revoke", "R001", {"reason": "买家要求撤销"})
    view.select([("notice", "R002")], ("notice", "R002"))
    assert view.actions_by_name["return"].isEnabled()


def test_s6_3_a_refused_invoice_is_red_lettered_and_drafted_again(
    area: InvoicesView, engine: Engine, qtbot: QtBot
) -> None:
    """§6.3: an issued invoice Huawei refused (退票) is cancelled by recording its red-letter
    invoice (红字): the old draft is kept as cancelled, a new draft is made; a draft never
    issued offers no red-letter."""
    view = _customer(area)
    view.select([("notice", "R001")], ("notice", "R001"))
    view.actions_by_name["create"].trigger()
    qtbot.waitUntil(lambda: any(r.drafts for r in view.model.rows()), timeout=WAIT_MS)
    draft = next(r for r in view.model.rows() if r.drafts).drafts[0]
    view.select([("draft", draft.id)], ("draft", draft.id))
    assert not view.actions_by_name["red_letter"].isEnabled()
    with Session(engine) as session, session.begin():
        row = session.get(InvoiceDraft, draft.id)
        assert row is not None
        row.state, row.invoice_no, row.invoice_date = REFUSED, "12345678", date(2026, 3, 2)
    view.watcher.refresh_now()
    qtbot.waitUntil(lambda: any(d.state == REFUSED for r in view.model.rows() for d in r.drafts),
                    timeout=WAIT_MS)
    view.select([("draft", draft.id)], ("draft", draft.id))
    assert view.actions_by_name["red_letter"].isEnabled()
    view.actions_by_name["red_letter"].trigger()
    dialog = view.dialog
    assert isinstance(dialog, RedLetterDialog)
    dialog.number.setText("87654321")
    dialog.record()
    qtbot.waitUntil(lambda: "红字确认单" in dialog.status.text() or not dialog.isVisible(),
                    timeout=WAIT_MS)
    assert dialog.isVisible()  # the confirmation number is required
    dialog.info_no.setText("44030024121000000001")
    dialog.record()
    qtbot.waitUntil(lambda: "87654321 recorded" in view.message.text(), timeout=WAIT_MS)
    with Session(engine) as session:
        states = sorted(d.state for d in session.scalars(select(InvoiceDraft)))
        old = session.get(InvoiceDraft, draft.id)
        assert old is not None and old.red_letter_no == "87654321"
    assert states == ["draft", RED_LETTERED]


def test_s7_partner_bills_are_a_tab_too(area: InvoicesView) -> None:
    """§7: the 客户服务商 bills have their own tab (empty here: the cache has none) that says what
    a partner invoices."""
    assert area.tabs is not None and area.partner is not None
    assert area.tabs.count() == 3
    area.tabs.setCurrentWidget(area.partner)
    assert "专票" in area.partner.detail.toPlainText()


def test_s6_5_the_deadline_radar_names_and_opens_a_customer_request(area: InvoicesView) -> None:
    """§6.5: the radar's ``customer_invoice_due`` clock is said in words, and opening it shows the
    request in the Invoices area's customer tab."""
    from app.views.area_registry import AREAS
    from app.views.deadlines import OPENABLE, what_happens

    assert what_happens("customer_invoice_due") != "customer_invoice_due"
    assert "customer_invoice" in OPENABLE
    route = next(s.opens["customer_invoice"] for s in AREAS if "customer_invoice" in s.opens)
    route.open(area, "R001")
    assert area.tabs is not None and area.tabs.currentWidget() is area.customer
    assert area.customer is not None
    assert area.customer.model.notice_at(area.customer.tree.currentIndex()) is not None


# -- the platform-fee invoice (平台费发票) ----------------------------------------------------------


def _paid_bill(bill_id: str, requisition: str, amounts: tuple[str, ...]) -> Bill:
    bill = Bill(id=bill_id, period="202602", category="通用商品", entity="华为云计算技术有限公司",
                currency_code="CNY", sales_amount=Decimal("0"), settlement_amount=Decimal("0"),
                requisition_no=requisition, status="已付款", create_time=APPLIED,
                remote_updated_at=APPLIED)
    bill.lines = [
        BillLine(id=f"{bill_id}-{n}", order_id=f"CS{bill_id}{n}", product_id="P1",
                 product_name="云备份软件", charging_mode="包周期", line_type="退订" if a[0] == "-" else "新购",
                 transaction_amount=Decimal(a), voucher_amount=Decimal("0"),
                 fee_rate=Decimal("0.20"), settlement_amount=Decimal(a) * Decimal("0.8"))
        for n, a in enumerate(amounts)
    ]  # fmt: skip
    return bill


def test_s5_5_platform_fee_invoice_from_the_window_checks_the_payment_request_together(
    area: InvoicesView, engine: Engine, qtbot: QtBot
) -> None:
    """§5.5, §6.5: Platform-Fee Invoice… lists the paid 通用 bills; checking one checks every bill
    of its 申付单; the amount counts the negative orders (they reduce it); the request goes to the
    outbox with the invoice type chosen; a bill asked for once cannot be checked again."""
    with Session(engine) as session, session.begin():
        session.add(_paid_bill("B1", "SF-1", ("1000.00", "-200.00")))
        session.add(_paid_bill("B2", "SF-1", ("500.00",)))
        session.add(_paid_bill("B3", "SF-2", ("300.00",)))
    act = area.actions_by_name["platform_fee"]
    assert act.isEnabled() and "平台费发票" in act.toolTip()
    act.trigger()
    qtbot.waitUntil(lambda: isinstance(area.dialog, PlatformFeeDialog), timeout=WAIT_MS)
    dialog = area.dialog
    assert isinstance(dialog, PlatformFeeDialog)
    assert dialog.table.topLevelItemCount() == 3
    assert not dialog.request_button.isEnabled()  # nothing checked yet
    dialog.set_checked(["B1"])
    assert dialog.checked() == ["B1", "B2"]  # the same 申付单 goes together
    # (1000 − 200 + 500) × 20 %: the refund line lowers the fee.
    assert dialog.total.text() == "260.00 CNY"
    dialog.invoice_type.setCurrentIndex(dialog.invoice_type.findData("数电普票"))
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):  # accepted: it closes
        dialog.request()
    assert "outbox" in area.message.text()
    with Session(engine) as session:
        entry = session.scalars(select(OutboxEntry)).one()
    assert entry.kind == "platform_fee.request"
    assert (entry.payload["billIds"], entry.payload["invoiceType"], entry.payload["amount"]) == \
        (["B1", "B2"], "数电普票", "260.00")
    assert entry.payload["negativeLineIds"] == ["B1-1"]
    act.trigger()
    qtbot.waitUntil(lambda: area.dialog is not dialog and isinstance(area.dialog, PlatformFeeDialog),
                    timeout=WAIT_MS)
    again = area.dialog
    assert isinstance(again, PlatformFeeDialog)
    again.set_checked(["B1", "B2", "B3"])
    assert again.checked() == ["B3"]  # B1 and B2 are already requested


def test_s5_5_platform_fee_needs_the_company_profile_in_the_users_words(
    qtbot: QtBot,
) -> None:
    """A missing company field is named in the Company Profile's words, and blocks the request."""
    bill = PlatformFeeDialog([], {"数电专票": ["tax_no", "bank"], "数电普票": []})
    qtbot.addWidget(bill)
    assert "Unified social credit code" in bill.status.text() or "No paid" in bill.status.text()
    fee = platform_fee.FeeBill("B9", "202602", "", "CNY", (), False)
    dialog = PlatformFeeDialog([fee], {"数电专票": ["tax_no", "bank"], "数电普票": []})
    qtbot.addWidget(dialog)
    dialog.set_checked(["B9"])
    assert "Unified social credit code / VAT No., Bank (开户行)" in dialog.status.text()
    assert not dialog.request_button.isEnabled()
    dialog.invoice_type.setCurrentIndex(dialog.invoice_type.findData("数电普票"))
    assert dialog.request_button.isEnabled()
