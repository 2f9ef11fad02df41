"""Submitting invoices through the outbox to the sandbox over HTTP: offline, once, refusals."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.models import Bill, InvoiceNotice
from app.models.outbox import DONE, NEEDS_ATTENTION, PENDING
from app.services.invoices import drafts as svc
from app.services.invoices.data import DraftData, NoticeFacts
from app.services.invoices.submit import SUBMIT_KIND, SubmitError, payload, queue_submit
from app.services.marketplace.client import MarketplaceClient
from app.services.outbox.filestore import FileStore
from app.services.outbox.queue import Dispatcher, Outbox, OutboxPolicy
from app.services.sync.engine import SyncEngine
from tests.sandbox_fixtures import FAST_RETRY, Sandbox
from tests.support.invoice_data import COMPANY

FAST = OutboxPolicy(max_attempts=50, base_delay_s=0.0, max_delay_s=0.0)


def _sync(sb: Sandbox, cache: Engine) -> None:
    with sb.client() as client:
        assert SyncEngine(client, cache).sync(("bills", "invoice_notices")).failure is None


def _send(outbox: Outbox, client: MarketplaceClient) -> Any:
    with client:
        return Dispatcher(outbox, client, policy=FAST).send_due(ignore_schedule=True)


@pytest.fixture
def awaiting(own_sandbox: Sandbox, cache: Engine) -> Sandbox:
    """A sandbox a week after the bill run, so this month's bills await their invoices."""
    own_sandbox.admin("POST", "advance", {"hours": 24 * 6})
    _sync(own_sandbox, cache)
    with Session(cache, expire_on_commit=False) as session, session.begin():
        svc.save_company(session, COMPANY)
    return own_sandbox


def _notice(cache: Engine, rates: int | None = None) -> NoticeFacts:
    with Session(cache) as session:
        found = [n.id for n in session.scalars(select(InvoiceNotice).order_by(InvoiceNotice.id))
                 if n.bill_status == "待开票" and n.form == "cn"
                 and (rates is None or len(n.tax_rates) == rates)]
        assert found, "the sandbox should have a CN notice awaiting its invoice"
        return svc.load_notice(session, found[0])


def _issued_drafts(cache: Engine, notice: NoticeFacts) -> list[DraftData]:
    """Drafts of the notice, issued and mailed (number, date, courier recorded)."""
    out = []
    with Session(cache) as session, session.begin():
        created, _ = svc.create_drafts(session, notice.notice_id)
        for n, draft in enumerate(created, start=1):
            out.append(svc.save_draft(session, replace(
                draft, invoice_no=f"4400{n:04d}", invoice_date=notice.issue_date,
                courier_no=f"SF10000{n}")))  # fmt: skip
    return out


def test_queued_offline_delivered_once_and_the_bill_moves_on(
    awaiting: Sandbox, cache: Engine, tmp_path: Path
) -> None:
    notice = _notice(cache)
    drafts = _issued_drafts(cache, notice)
    outbox = Outbox(cache, FileStore(tmp_path / "files"), actor="clerk@test")
    scan = tmp_path / "发票扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the paper invoice")
    entries = [queue_submit(outbox, d.id, attachments=[scan] if n == 0 else [],
                            today=notice.issue_date) for n, d in enumerate(drafts)]
    with Session(cache) as session:
        assert {d.state for d in svc.list_drafts(session, notice.notice_id)} == {"submitted"}
    # Offline: nothing is lost, nothing is sent.
    dead = MarketplaceClient("http://127.0.0.1:9", awaiting.access_key, awaiting.secret_key,
                             retry=FAST_RETRY, timeout_s=0.5)
    report = _send(outbox, dead)
    assert report.paused == "offline" and report.delivered == []
    assert {outbox.get(e.id).state for e in entries} == {PENDING}
    # Back online: delivered once; a second run sends nothing.
    report = _send(outbox, awaiting.client())
    assert sorted(report.delivered) == sorted(e.id for e in entries)
    assert _send(outbox, awaiting.client()).delivered == []
    assert all(outbox.get(e.id).state == DONE for e in entries)
    writes = awaiting.admin("GET", "writes")
    assert writes["actions"] == len(entries) and writes["uploads_attached"] == 1
    with Session(cache) as session:
        assert {d.state for d in svc.list_drafts(session, notice.notice_id)} == {"accepted"}
    # The next sync shows the bill waiting for Huawei's invoice review.
    _sync(awaiting, cache)
    with Session(cache) as session:
        assert session.get(Bill, notice.bill_id).status == "发票待审核"  # type: ignore[union-attr]
        assert session.get(InvoiceNotice, notice.notice_id).bill_status == "发票待审核"  # type: ignore[union-attr]
    # Huawei verifies within 2 working days and pays 6 working days later: not yet after 5 days,
    # paid within 12 calendar days (two weekends at most).
    awaiting.admin("POST", "advance", {"hours": 24 * 5})
    _sync(awaiting, cache)
    with Session(cache) as session:
        assert session.get(Bill, notice.bill_id).status == "发票待审核"  # type: ignore[union-attr]
    awaiting.admin("POST", "advance", {"hours": 24 * 7})
    _sync(awaiting, cache)
    with Session(cache) as session:
        assert session.get(Bill, notice.bill_id).status == "已付款"  # type: ignore[union-attr]
        assert session.get(InvoiceNotice, notice.notice_id).bill_status == "已付款"  # type: ignore[union-attr]


def test_local_checks_stop_a_submission_before_it_is_queued(
    awaiting: Sandbox, cache: Engine, tmp_path: Path
) -> None:
    notice = _notice(cache)
    with Session(cache) as session, session.begin():
        created, _ = svc.create_drafts(session, notice.notice_id)
    outbox = Outbox(cache, FileStore(tmp_path / "files"))
    with pytest.raises(SubmitError, match="invoice_no: This field is required"):
        queue_submit(outbox, created[0].id, today=notice.issue_date)
    assert outbox.entries() == []


@pytest.mark.parametrize(
    ("spoil", "code", "reason"),
    [
        (lambda d: replace(d, lines=(replace(d.lines[0], amount_excl_tax=d.lines[0].amount_excl_tax
                                             + D("0.01"), amount=d.lines[0].amount + D("0.01")),)),
         "SC.1101", "is not the 开票清单 amount"),
        (lambda d: replace(d, currency_code="USD"), "SC.1102", "the notice asks for CNY"),
        (lambda d: replace(d, remarks="发票"), "SC.1103", "must carry the 申付单号"),
        (lambda d: replace(d, tax_rate=D("0.09"), lines=(replace(d.lines[0], tax_rate=D("0.09")),)),
         "SC.1104", "no tax rate 9%"),
        (lambda d: replace(d, buyer_name="华为技术有限公司"), "SC.1105", "华为云计算技术有限公司"),
    ],
    ids=["amount", "currency", "remarks", "tax rate", "buyer"],
)  # fmt: skip
def test_the_marketplace_refuses_a_mismatch_with_its_reason(
    awaiting: Sandbox, cache: Engine, tmp_path: Path, spoil: Any, code: str, reason: str
) -> None:
    notice = _notice(cache)
    draft = spoil(_issued_drafts(cache, notice)[0])
    outbox = Outbox(cache, FileStore(tmp_path / "files"))
    # Straight into the outbox, past the console's own checks: the marketplace checks again.
    entry = outbox.enqueue(SUBMIT_KIND.name, notice.notice_id, payload(draft))
    report = _send(outbox, awaiting.client())
    assert report.refused == [entry.id]
    refused = outbox.get(entry.id)
    assert refused.state == NEEDS_ATTENTION and refused.last_error_code == code
    assert reason in (refused.last_error or "")
    assert awaiting.admin("GET", "writes")["actions"] == 0  # a refusal has no effect


def test_a_second_invoice_for_the_same_rate_is_refused_and_shown_on_the_draft(
    awaiting: Sandbox, cache: Engine, tmp_path: Path
) -> None:
    notice = _notice(cache, rates=2) if _has_two_rates(cache) else _notice(cache)
    first = _issued_drafts(cache, notice)[0]
    outbox = Outbox(cache, FileStore(tmp_path / "files"))
    queue_submit(outbox, first.id, today=notice.issue_date)
    assert _send(outbox, awaiting.client()).delivered
    again = outbox.enqueue(SUBMIT_KIND.name, notice.notice_id, payload(first))
    assert _send(outbox, awaiting.client()).refused == [again.id]
    assert outbox.get(again.id).last_error_code == "SC.1107"
    with Session(cache) as session, session.begin():
        shown = svc.get_draft(session, first.id)
        assert shown.state == "accepted"
        with pytest.raises(svc.DraftError, match="accepted"):
            svc.save_draft(session, shown)


def _has_two_rates(cache: Engine) -> bool:
    with Session(cache) as session:
        return any(len(n.tax_rates) == 2 and n.bill_status == "待开票" and n.form == "cn"
                   for n in session.scalars(select(InvoiceNotice)))


def test_a_refused_submission_shows_on_the_draft_which_can_be_fixed_and_resent(
    awaiting: Sandbox, cache: Engine, tmp_path: Path
) -> None:
    notice = _notice(cache)
    draft = _issued_drafts(cache, notice)[0]
    outbox = Outbox(cache, FileStore(tmp_path / "files"))
    entry = queue_submit(outbox, draft.id, today=notice.issue_date)
    # The bill moved on at the marketplace meanwhile (say, invoiced from the web console).
    awaiting.admin("POST", "advance", {"hours": 24 * 40})
    assert _send(outbox, awaiting.client()).refused == [entry.id]
    with Session(cache) as session:
        shown = svc.get_draft(session, draft.id)
    assert shown.state == "refused" and "does not await an invoice" in (shown.last_error or "")
    with Session(cache) as session, session.begin():
        saved = svc.save_draft(session, replace(shown, courier_no="SF999"))
    assert saved.state == "refused" and saved.courier_no == "SF999"
