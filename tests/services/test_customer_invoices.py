"""给用户开票 (business-rules §6.5), the platform-fee invoice (§5.5, §6.5), partner invoices to Huawei
(§6.3, §7) and 退票/红字 (§6.3): against the sandbox over HTTP, a real cache, the outbox, real PDFs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.models import Bill, Order
from app.models.invoices import (
    ACCEPTED,
    RED_LETTERED,
    REFUSED,
    SOURCE_CUSTOMER,
    SOURCE_PARTNER,
    CustomerInvoice,
    InvoiceDraft,
)
from app.models.outbox import DONE, NEEDS_ATTENTION
from app.models.partner import PartnerBill
from app.services.invoices import customer, platform_fee
from app.services.invoices import drafts as svc
from app.services.invoices.data import NoticeFacts
from app.services.invoices.render import Printable, Renderer
from app.services.invoices.rules import Stage, blocking, check
from app.services.invoices.submit import courier_payer, payload, queue_submit
from app.services.marketplace.client import MarketplaceClient
from app.services.outbox.filestore import FileStore
from app.services.outbox.queue import Dispatcher, Outbox, OutboxPolicy
from app.services.supervision.deadlines import running_clocks
from app.services.sync.engine import SyncEngine
from tests.sandbox_fixtures import Sandbox, running_sandbox
from tests.support.invoice_data import COMPANY

#: What a partner copies from the 开票清单 (the address, phone and bank are UNCONFIRMED, §9).
HUAWEI_LINES = {"buyer_address": "贵州省贵安新区", "buyer_phone": "0851-00000000",
                "buyer_bank": "中国工商银行贵安新区支行"}
FAST = OutboxPolicy(max_attempts=50, base_delay_s=0.0, max_delay_s=0.0)


def _sync(sb: Sandbox, cache: Engine, *names: str) -> None:
    with sb.client() as client:
        report = SyncEngine(client, cache).sync(names or ("orders", "customer_invoices"))
        assert report.failure is None


def _send(outbox: Outbox, client: MarketplaceClient) -> Any:
    with client:
        return Dispatcher(outbox, client, policy=FAST).send_due(ignore_schedule=True)


def _outbox(cache: Engine, tmp_path: Path) -> Outbox:
    return Outbox(cache, FileStore(tmp_path / "files"), actor="clerk@test")


@pytest.fixture
def synced(own_sandbox: Sandbox, cache: Engine) -> Sandbox:
    _sync(own_sandbox, cache)
    with Session(cache, expire_on_commit=False) as session, session.begin():
        svc.save_company(session, COMPANY)
    return own_sandbox


def _pending(cache: Engine) -> CustomerInvoice:
    with Session(cache, expire_on_commit=False) as session:
        found = session.scalars(select(CustomerInvoice).where(CustomerInvoice.status == "待开票")
                                .order_by(CustomerInvoice.id)).all()
    assert found, "the sandbox should have a customer request waiting for its invoice"
    return found[0]


# -- the requests, synced over HTTP ----------------------------------------------------------------


def test_s6_5_sandbox_serves_customer_requests_for_the_full_amount_of_general_orders(
    synced: Sandbox, cache: Engine
) -> None:
    """§6.5: the buyer's requests come from the marketplace, for 通用 orders, for the full order
    amount; waiting, issued, returned and revoked ones, with realistic titles and tax numbers."""
    with Session(cache) as session:
        requests = session.scalars(select(CustomerInvoice)).all()
        orders = {o.id: o for o in session.scalars(select(Order))}
    assert len(requests) > 20
    assert {"待开票", "已完成"} <= {r.status for r in requests}
    for r in requests:
        order = orders[r.order_id]
        assert order.product_class == "通用" and r.amount == order.total_amount
        assert r.invoice_type in ("普票", "专票") and r.medium in ("电子", "纸质")
        if r.title_type == "企业":
            assert len(r.tax_no) == 18
        if r.status == "已完成":
            assert r.invoice_no and r.invoice_date is not None
            if r.medium == "纸质":  # §6.5 courier rule, as the simulated sellers kept it
                assert r.courier_payer == courier_payer(r.amount)


# -- the 7-day deadline, in Beijing dates, on the radar ------------------------------------------


def test_s6_5_deadline_is_seven_beijing_days_after_the_request() -> None:
    """§6.5 / §8.2: 7 days after the customer applies, days counted in Beijing: a request at
    01:00 Beijing on 1 November (still 31 October in UTC) is due at the end of 8 November."""
    applied = datetime(2026, 10, 31, 17, 0, tzinfo=UTC)  # 2026-11-01 01:00 Beijing
    assert customer.due(applied) == datetime(2026, 11, 8, 16, 0, tzinfo=UTC)  # 11-09 00:00 BJ
    assert customer.due(datetime(2026, 11, 1, 15, 59, tzinfo=UTC)) == datetime(
        2026, 11, 8, 16, 0, tzinfo=UTC)  # 23:59 Beijing on 1 November: the same day


def test_s6_5_waiting_requests_are_on_the_deadline_radar_until_submitted(
    synced: Sandbox, cache: Engine, tmp_path: Path
) -> None:
    """§6.5, §8.2: every 待开票 request has a ``customer_invoice_due`` clock; an answered one has
    none, and a submitted invoice stops its clock."""
    with Session(cache) as session:
        waiting = set(session.scalars(select(CustomerInvoice.id).where(
            CustomerInvoice.status == "待开票")))
    clocks = {k.record_id: k for k in running_clocks(cache) if k.code == "customer_invoice_due"}
    assert set(clocks) == waiting
    request = _pending(cache)
    assert clocks[request.id].due == customer.due(request.apply_time)
    assert clocks[request.id].record_kind == "customer_invoice"
    draft = _issued_customer_draft(cache, request)
    queue_submit(_outbox(cache, tmp_path), draft.id, today=draft.invoice_date)
    after = {k.record_id for k in running_clocks(cache) if k.code == "customer_invoice_due"}
    assert request.id not in after


# -- drafts, checks, PDFs, issue through the outbox ----------------------------------------------


def _issued_customer_draft(cache: Engine, request: CustomerInvoice, **changes: Any) -> Any:
    with Session(cache) as session, session.begin():
        created, _ = svc.create_drafts(session, request.id, source=SOURCE_CUSTOMER)
        assert len(created) == 1
        values: dict[str, Any] = {
            "invoice_no": "12345678901234567890", "invoice_date": datetime.now(UTC).date(),
            "courier_no": "SF1234567890" if request.medium == "纸质" else "",
        }
        values.update(changes)
        return svc.save_draft(session, replace(created[0], **values))


def test_s6_5_customer_draft_is_made_out_to_the_request_for_the_full_amount(
    synced: Sandbox, cache: Engine
) -> None:
    """§6.5: the seller's draft for a request: buyer = the request's title (抬头), total = the
    full order amount, the order number in the remarks; no 申付单号/对账期次 asked for; the PDF is
    the CN form without a 开票清单. Making the draft again makes nothing twice."""
    request = _pending(cache)
    with Session(cache) as session, session.begin():
        created, _ = svc.create_drafts(session, request.id, source=SOURCE_CUSTOMER)
        again, there = svc.create_drafts(session, request.id, source=SOURCE_CUSTOMER)
        notice = svc.load_notice(session, request.id, SOURCE_CUSTOMER)
    assert again == [] and len(there) == 1
    draft = created[0]
    assert draft.source == SOURCE_CUSTOMER and draft.buyer_name == request.title
    assert draft.total_amount == request.amount and draft.remarks == f"订单号：{request.order_id}"
    problems = check(draft, notice, today=date.today())
    assert blocking(problems, ()) == [], [f.message for f in problems]
    wrong = replace(draft, lines=(replace(draft.lines[0], amount=draft.lines[0].amount - D("1"),
                                          tax=draft.lines[0].tax - D("1")),))
    assert "amount.mismatch" in {f.code for f in check(wrong, notice, today=date.today())}
    pdf = Renderer().render([Printable(draft, notice)], COMPANY)
    assert pdf.startswith(b"%PDF") and b"/Type /Page" in pdf
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type /Page/") \
        <= 2  # one form page: a customer's invoice carries no 开票清单


def test_s6_5_paper_invoice_needs_its_courier_number_and_the_courier_rule(cache: Engine) -> None:
    """§6.5: a paper invoice cannot be submitted without the courier number; under 100 元 the
    customer pays (到付), from 100 元 the seller pays."""
    assert courier_payer(D("99.99")) == "买家到付"
    assert courier_payer(D("100.00")) == "卖家"
    notice = _facts(medium="纸质", amount=D("100.00"))
    draft = svc.new_drafts(notice, COMPANY)[0]
    draft = replace(draft, invoice_no="12345678", invoice_date=date(2026, 11, 2))
    codes = {f.code: f.severity for f in check(draft, notice, stage=Stage.SUBMIT,
                                                today=date(2026, 11, 3))}
    assert codes.get("customer.courier_required") == "error"
    body = payload(replace(draft, courier_no="SF1"), notice)
    assert body["courierPayer"] == "卖家" and body["title"] == notice.entity_name
    cheap = _facts(medium="纸质", amount=D("99.00"))
    assert payload(svc.new_drafts(cheap, COMPANY)[0], cheap)["courierPayer"] == "买家到付"


def test_s6_5_refund_pending_blocks_the_customer_invoice() -> None:
    """§6.5: the customer must not apply while a refund is pending: such a request is not
    invoiced (an error, not a warning)."""
    notice = _facts(refund_pending=True)
    draft = svc.new_drafts(notice, COMPANY)[0]
    found = check(draft, notice, today=date(2026, 11, 3))
    assert [f.code for f in found if f.severity == "error"] == ["customer.refund_pending"]


def _facts(medium: str = "电子", amount: D = D("530.00"), refund_pending: bool = False
           ) -> NoticeFacts:
    row = CustomerInvoice(
        id="FP1", order_id="CS1", customer_name="acct", product_name="在线表单", tax_item="信息技术服务",
        tax_rate=D("0.06"), amount=amount, currency_code="CNY", invoice_type="普票", medium=medium,
        title_type="企业", title="杭州示例网络有限公司", tax_no="91330106MA2B0XXX0X",
        buyer_address="", buyer_phone="", buyer_bank="", buyer_account="",
        email="" if medium == "纸质" else "a@example.cn", recipient="财务部",
        recipient_phone="13800000000", mailing_address="杭州市", refund_pending=refund_pending,
        apply_time=datetime(2026, 11, 1, 2, tzinfo=UTC), status="待开票", invoice_no="",
        invoice_date=None, courier_no="", courier_payer="", reason="",
    )  # fmt: skip
    return NoticeFacts.from_customer_request(row)


def test_s6_5_issue_return_and_revoke_through_the_outbox(
    synced: Sandbox, cache: Engine, tmp_path: Path
) -> None:
    """§6.5: the issued invoice goes to the marketplace through the outbox and the request shows
    已完成 after a sync; 退回 only once it is 已完成; 撤销 of a waiting request."""
    outbox = _outbox(cache, tmp_path)
    with Session(cache) as session:
        waiting = session.scalars(select(CustomerInvoice).where(
            CustomerInvoice.status == "待开票").order_by(CustomerInvoice.id)).all()
    assert len(waiting) >= 2
    first, second = waiting[0], waiting[1]
    with pytest.raises(customer.CustomerInvoiceError) as refused:
        customer.queue_action(outbox, first.id, customer.CustomerAction.RETURN, "抬头有误")
    assert refused.value.failure_code == "not_issued"
    draft = _issued_customer_draft(cache, first)
    queue_submit(outbox, draft.id, today=draft.invoice_date)
    customer.queue_action(outbox, second.id, customer.CustomerAction.REVOKE, "买家要求撤销")
    report = _send(outbox, synced.client())
    assert len(report.delivered) == 2, report
    _sync(synced, cache, "customer_invoices")
    with Session(cache) as session:
        assert session.get(CustomerInvoice, first.id).status == "已完成"
        assert session.get(CustomerInvoice, first.id).invoice_no == draft.invoice_no
        assert session.get(CustomerInvoice, second.id).status == "已撤销"
        assert svc.get_draft(session, draft.id).state == ACCEPTED
    entry = customer.queue_action(outbox, first.id, customer.CustomerAction.RETURN, "买家换开")
    assert _send(outbox, synced.client()).delivered == [entry.id]
    _sync(synced, cache, "customer_invoices")
    with Session(cache) as session:
        assert session.get(CustomerInvoice, first.id).status == "已退回"


# -- 退票 and 红字 ------------------------------------------------------------------------------------


def test_s6_3_returned_invoice_is_cancelled_by_a_red_letter_one_and_drafted_again(
    synced: Sandbox, cache: Engine, tmp_path: Path
) -> None:
    """§6.3, §6.5: an issued invoice sent back (退票: a customer's 已退回, Huawei's refusal) is
    cancelled with a red-letter invoice (红字, its confirmation number from the e-tax bureau): the
    old draft is kept as red_lettered and a new draft is made to issue again. A draft never
    issued has nothing to cancel."""
    outbox = _outbox(cache, tmp_path)
    request = _pending(cache)
    draft = _issued_customer_draft(cache, request)
    with Session(cache) as session, session.begin(), pytest.raises(svc.DraftError) as early:
        svc.record_red_letter(session, draft.id, red_letter_no="98765432109876543210",
                              info_no="44030024121000000001", when=date.today())
    assert early.value.failure_code == "red_letter.state"
    queue_submit(outbox, draft.id, today=draft.invoice_date)
    _send(outbox, synced.client())
    customer.queue_action(outbox, request.id, customer.CustomerAction.RETURN, "抬头有误")
    _send(outbox, synced.client())
    _sync(synced, cache, "customer_invoices")
    with Session(cache) as session, session.begin():
        with pytest.raises(svc.DraftError) as bad:
            svc.record_red_letter(session, draft.id, red_letter_no="12", info_no="X",
                                  when=date.today())
        assert bad.value.failure_code == "red_letter.number"
        old, new = svc.record_red_letter(session, draft.id,
                                         red_letter_no="98765432109876543210",
                                         info_no="44030024121000000001", when=date.today())
    assert old.state == RED_LETTERED and old.red_letter_no == "98765432109876543210"
    assert len(new) == 1 and new[0].state == "draft" and new[0].invoice_no == ""
    with Session(cache) as session:
        notice = svc.load_notice(session, request.id, SOURCE_CUSTOMER)
    pdf = Renderer().render([Printable(old, notice)], COMPANY)
    assert pdf.startswith(b"%PDF")


# -- partner invoices to Huawei: 专票 only, the 开票清单 from the partner bill ------------------------


@pytest.fixture
def partner_awaiting(tmp_path_factory: pytest.TempPathFactory, cache: Engine
                     ) -> Iterator[tuple[Sandbox, str]]:
    """A sandbox whose October partner bill (1000 orders: one partner-bound order that month)
    awaits its invoice, five days after the run."""
    with running_sandbox(tmp_path_factory.mktemp("partner"), 1000) as sb:
        sb.admin("POST", "advance", {"hours": 24 * 5})
        _sync(sb, cache, "partner_bills")
        with Session(cache, expire_on_commit=False) as session, session.begin():
            svc.save_company(session, COMPANY)
            found = session.scalars(select(PartnerBill.id).where(PartnerBill.status == "待开票")
                                    .order_by(PartnerBill.id)).all()
        assert found, "a partner bill should await its invoice after the run"
        yield sb, found[0]


def test_s7_partner_invoice_is_special_only_with_the_bill_list_and_submitted(
    partner_awaiting: tuple[Sandbox, str], cache: Engine, tmp_path: Path
) -> None:
    """§6.3, §7: a 客户服务商 invoices Huawei with a VAT special invoice only (an international
    form is refused), for the bill amount, 申付单号 + 对账期次 in the remarks, the 开票清单 printed
    from the partner bill; the same checks as the seller's; submitted, the bill moves on."""
    sb, bill_id = partner_awaiting
    with Session(cache) as session, session.begin():
        with pytest.raises(svc.DraftError):
            svc.create_drafts(session, bill_id, source=SOURCE_PARTNER, form="intl")
        created, _ = svc.create_drafts(session, bill_id, source=SOURCE_PARTNER)
        notice = svc.load_notice(session, bill_id, SOURCE_PARTNER)
        bill = session.get(PartnerBill, bill_id)
        assert bill is not None
        bill_lines = len(bill.lines)
        draft = created[0]
        assert draft.total_amount == bill.amount and draft.buyer_name == "华为云计算技术有限公司"
        assert bill.requisition_no in draft.remarks and bill.period in draft.remarks
        # Huawei's address, phone and bank are UNCONFIRMED (§9): copied from the 开票清单 by hand
        assert draft.buyer_address == ""
        draft = svc.save_draft(session, replace(draft, **HUAWEI_LINES, invoice_no="44001234",
                                                invoice_date=datetime.now(UTC).date(),
                                                courier_no="SF99"))
    intl = replace(draft, form="intl")
    assert "partner.special_only" in {f.code for f in check(intl, notice, today=date.today())}
    no_remarks = replace(draft, remarks="")
    assert "required" in {f.code for f in check(no_remarks, notice, today=date.today())}
    assert len(notice.bill_lines) == bill_lines > 0
    pdf = Renderer().render([Printable(draft, notice)], COMPANY)  # the form + its 开票清单
    assert pdf.startswith(b"%PDF")
    outbox = _outbox(cache, tmp_path)
    entry = queue_submit(outbox, draft.id, today=date.today())
    assert _send(outbox, sb.client()).delivered == [entry.id]
    _sync(sb, cache, "partner_bills")
    with Session(cache) as session:
        assert session.get(PartnerBill, bill_id).status == "发票审核中"
        assert svc.get_draft(session, draft.id).state == ACCEPTED


def test_s6_3_refused_partner_invoice_can_be_red_lettered(
    partner_awaiting: tuple[Sandbox, str], cache: Engine, tmp_path: Path
) -> None:
    """§6.3: Huawei refuses an issued invoice (here: the partner bill no longer awaits one):
    the draft is refused with the marketplace's reason, and 红字 cancels it for a new draft."""
    sb, bill_id = partner_awaiting
    with Session(cache) as session, session.begin():
        created, _ = svc.create_drafts(session, bill_id, source=SOURCE_PARTNER)
        first = svc.save_draft(session, replace(created[0], **HUAWEI_LINES, invoice_no="44001111",
                                                invoice_date=date.today(), courier_no="SF1"))
    outbox = _outbox(cache, tmp_path)
    queue_submit(outbox, first.id, today=date.today())
    _send(outbox, sb.client())
    with Session(cache) as session, session.begin():  # a second, duplicate invoice is refused
        row = session.get(InvoiceDraft, first.id)
        assert row is not None
        twin = replace(svc.get_draft(session, first.id), id="twin", state="draft",
                       outbox_key=None, invoice_no="44002222")
        twin_row = InvoiceDraft(id="twin")
        twin.apply_to(twin_row)
        session.add(twin_row)
    entry = queue_submit(outbox, "twin", today=date.today())
    _send(outbox, sb.client())
    assert outbox.get(entry.id).state == NEEDS_ATTENTION
    with Session(cache) as session, session.begin():
        assert svc.get_draft(session, "twin").state == REFUSED
        old, new = svc.record_red_letter(session, "twin", red_letter_no="44009999",
                                         info_no="4403002412000001", when=date.today())
    assert old.state == RED_LETTERED
    assert new == []  # the accepted invoice still stands for the rate: nothing to redo


# -- the platform-fee invoice ----------------------------------------------------------------------


def test_s6_5_platform_fee_request_includes_negative_orders_and_merged_requisitions(
    own_sandbox: Sandbox, cache: Engine, tmp_path: Path
) -> None:
    """§5.5, §6.5: paid 通用 bills only; negative orders are in the selection (pre-selected,
    locked) and lower the amount; bills of one 申付单 go together; 数电专票/数电普票 only; the
    company profile must be complete; sent through the outbox, and never asked twice."""
    _sync(own_sandbox, cache, "bills")
    bills = platform_fee.paid_general_bills(cache)
    assert bills and all(not b.requested for b in bills)
    with_negative = [b for b in bills if b.negative_lines]
    assert with_negative, "some paid 通用 bill should carry a refund line"
    b = with_negative[0]
    assert b.fee == sum((x.fee for x in b.lines), D("0.00"))
    assert b.fee < sum((x.fee for x in b.lines if not x.negative), D("0.00"))
    merged = [replace(bills[0], requisition_no="SF-MERGED"),
              replace(bills[1], requisition_no="SF-MERGED"), *bills[2:]]
    assert platform_fee.close_selection(merged, [bills[0].bill_id]) == {
        bills[0].bill_id, bills[1].bill_id}
    outbox = _outbox(cache, tmp_path)
    with pytest.raises(platform_fee.PlatformFeeError) as company:
        platform_fee.queue_request(outbox, [b.bill_id], platform_fee.SPECIAL_DIGITAL)
    assert company.value.failure_code == "platform_fee.company"
    with Session(cache) as session, session.begin():
        svc.save_company(session, COMPANY)
    with pytest.raises(platform_fee.PlatformFeeError):
        platform_fee.queue_request(outbox, [b.bill_id], "增值税专用发票")
    entry = platform_fee.queue_request(outbox, [b.bill_id], platform_fee.SPECIAL_DIGITAL)
    assert entry.payload["negativeLineIds"] == [x.line_id for x in b.negative_lines]
    assert D(entry.payload["amount"]) == b.fee
    assert _send(outbox, own_sandbox.client()).delivered == [entry.id]
    assert outbox.get(entry.id).state == DONE
    with pytest.raises(platform_fee.PlatformFeeError) as again:
        platform_fee.queue_request(outbox, [b.bill_id], platform_fee.ORDINARY_DIGITAL)
    assert again.value.failure_code == "platform_fee.again"
    with Session(cache) as session:
        assert session.get(Bill, b.bill_id) is not None


def test_s6_5_customer_request_old_requests_are_not_due_anymore(cache: Engine) -> None:
    """§6.5: only a waiting request runs a clock (the list puts waiting ones first)."""
    now = datetime(2026, 11, 10, tzinfo=UTC)
    with Session(cache) as session, session.begin():
        for n, status in enumerate(("待开票", "已完成")):
            row = CustomerInvoice(
                id=f"FP{n}", order_id=f"CS{n}", customer_name="a", product_name="p", tax_item="",
                tax_rate=D("0.06"), amount=D("10.00"), currency_code="CNY", invoice_type="普票",
                medium="电子", title_type="个人", title="张三", tax_no="", buyer_address="",
                buyer_phone="", buyer_bank="", buyer_account="", email="z@example.cn",
                recipient="", recipient_phone="", mailing_address="", refund_pending=False,
                apply_time=now - timedelta(days=9), status=status, invoice_no="",
                invoice_date=None, courier_no="", courier_payer="", reason="",
                remote_updated_at=now)  # fmt: skip
            session.add(row)
    with Session(cache) as session:
        rows = svc.list_rows(session, SOURCE_CUSTOMER)
    assert [r.notice.notice_id for r in rows] == ["FP0", "FP1"]  # the waiting one first
    assert customer.due(rows[0].notice.issue_time) < now
    clocks = [k for k in running_clocks(cache, now) if k.code == "customer_invoice_due"]
    assert [k.record_id for k in clocks] == ["FP0"] and clocks[0].severity(now, _T()) == "overdue"


def _T() -> Any:
    from app.services.supervision.deadlines import Thresholds

    return Thresholds()
