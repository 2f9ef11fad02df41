"""Invoice drafts in the cache: made from a notice in one call, listed, saved, deleted, offline.

A notice with several tax rates gets one draft per rate (§6.3: different rates → separate
invoices), each filled from the notice (申付单号, 对账期次, currency, the Huawei entity as buyer, the
开票清单 lines at that rate) and from the seller's company profile. The remarks of a CN draft carry
the 申付单号 and the 对账期次 as Huawei requires. Making drafts again for the same notice makes only
the rates that have no live draft yet, so a double click never doubles an invoice.

Every function takes a SQLAlchemy ``Session`` and commits nothing itself unless its name says so:
callers (the CLI, the views' bridge work) own the transaction. Nothing here touches the network.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from app.errors import ConsoleError
from app.models.finance import Bill, InvoiceNotice
from app.models.invoices import (
    ACCEPTED,
    DRAFT,
    FORM_CN,
    FORM_INTL,
    FORMS,
    PRINTED,
    RED_LETTERED,
    REFUSED,
    SOURCE_CUSTOMER,
    SOURCE_NOTICE,
    SOURCE_PARTNER,
    SUBMITTED,
    CompanyProfile,
    CustomerInvoice,
    InvoiceDraft,
    can_edit,
)
from app.models.outbox import DISCARDED, DONE, NEEDS_ATTENTION, OutboxEntry
from app.models.partner import PartnerBill
from app.services.invoices.data import COMPANY_FIELDS, Company, DraftData, DraftLine, NoticeFacts
from app.services.invoices.rules import SERVICE_ITEM

#: States whose draft still stands for its rate (a refused one is corrected, not replaced).
_LIVE = (DRAFT, PRINTED, SUBMITTED, ACCEPTED, REFUSED)
COMPANY_ROW = 1


class DraftError(ConsoleError):
    """A draft operation that cannot be done; ``str()`` is a message for the user."""

    default_code = "draft"


class NoticeNotFound(DraftError):
    pass


class DraftNotFound(DraftError):
    pass


@dataclass(frozen=True)
class NoticeRow:
    """A notice as the Invoices list shows it, with its drafts."""

    notice: NoticeFacts
    drafts: tuple[DraftData, ...]


def _now() -> datetime:
    return datetime.now(UTC)


#: Draft states that follow from the state of the submission's outbox entry.
_FROM_OUTBOX = {DONE: ACCEPTED, NEEDS_ATTENTION: REFUSED, DISCARDED: REFUSED}
_DISCARDED_TEXT = "The submission was discarded from the outbox before it was delivered."


def outbox_states(session: Session, drafts: Sequence[DraftData]) -> list[DraftData]:
    """Drafts as the clerk should see them: a submitted draft takes the outcome of its outbox
    entry (accepted, or refused with the marketplace's reason). Reads only; :func:`save_draft`
    stores the outcome when the draft is next written."""
    keys = [d.outbox_key for d in drafts if d.state == SUBMITTED and d.outbox_key]
    if not keys:
        return list(drafts)
    entries = {
        key: (state, error)
        for key, state, error in session.execute(
            select(OutboxEntry.key, OutboxEntry.state, OutboxEntry.last_error).where(
                OutboxEntry.key.in_(keys)
            )
        )
    }
    out = []
    for d in drafts:
        state, error = entries.get(d.outbox_key or "", (None, None))
        if d.state == SUBMITTED and state in _FROM_OUTBOX:
            reason = error if state == NEEDS_ATTENTION else _DISCARDED_TEXT
            d = replace(d, state=_FROM_OUTBOX[state], last_error=None if state == DONE else reason)
        out.append(d)
    return out


# -- the company profile ------------------------------------------------------------------------


def load_company(session: Session) -> Company:
    """The seller's company profile (empty values when none was saved yet)."""
    return Company.from_model(session.get(CompanyProfile, COMPANY_ROW))


def save_company(session: Session, company: Company) -> None:
    """Store the company profile (one row per cache: each console profile is one company)."""
    row = session.get(CompanyProfile, COMPANY_ROW)
    if row is None:
        row = CompanyProfile(id=COMPANY_ROW)
        session.add(row)
    for name in COMPANY_FIELDS:
        setattr(row, name, getattr(company, name))
    row.updated_at = _now()


# -- notices ------------------------------------------------------------------------------------


def load_notice(session: Session, notice_id: str, source: str = SOURCE_NOTICE) -> NoticeFacts:
    """A notice's facts with its bill's lines (for the printed 开票清单); with ``source`` a
    partner bill's (the partner's invoice to Huawei) or a customer request's (给用户开票)."""
    if source == SOURCE_PARTNER:
        pbill = session.get(PartnerBill, notice_id)
        if pbill is None:
            raise NoticeNotFound(f"no partner bill {notice_id!r} in the cache; sync first")
        return NoticeFacts.from_partner_bill(pbill)
    if source == SOURCE_CUSTOMER:
        request = session.get(CustomerInvoice, notice_id)
        if request is None:
            raise NoticeNotFound(f"no customer invoice request {notice_id!r} in the cache; "
                                 "sync first")
        return NoticeFacts.from_customer_request(request)
    notice = session.get(InvoiceNotice, notice_id)
    if notice is None:
        raise NoticeNotFound(f"no invoice notice {notice_id!r} in the cache; sync first")
    bill = session.get(Bill, notice.bill_id, options=[selectinload(Bill.lines)])
    return NoticeFacts.from_model(notice, bill)


def list_notices(session: Session) -> list[NoticeRow]:
    """Every notice in the cache, newest first, each with its drafts (oldest first).

    The bill lines are not loaded here (a list does not print them): see :func:`load_notice`.
    """
    notices = session.scalars(
        select(InvoiceNotice).order_by(InvoiceNotice.issue_time.desc(), InvoiceNotice.id)
    ).all()
    drafts: dict[str, list[DraftData]] = {}
    rows = [DraftData.from_model(row) for row in session.scalars(
        select(InvoiceDraft).where(InvoiceDraft.source == SOURCE_NOTICE))]
    for draft in outbox_states(session, sorted(rows, key=_draft_order)):
        drafts.setdefault(draft.notice_id, []).append(draft)
    categories = {bill_id: category for bill_id, category in session.execute(
        select(Bill.id, Bill.category))}
    out = []
    for notice in notices:
        facts = replace(
            NoticeFacts.from_model(notice), bill_category=categories.get(notice.bill_id, "")
        )
        out.append(NoticeRow(facts, tuple(drafts.get(notice.id, ()))))
    return out


#: A customer's request waiting for the seller's invoice (§6.5; ``customer.RULES.pending``).
CUSTOMER_WAITING = "待开票"


def list_rows(session: Session, source: str = SOURCE_NOTICE) -> list[NoticeRow]:
    """The Invoices list of one source, each row with its drafts: the invoice notices
    (:func:`list_notices`), the 客户服务商 bills (the partner's 专票 to Huawei, §7), or the
    customers' invoice requests (给用户开票, §6.5), newest first (waiting customer requests first, the soonest due first)."""
    if source == SOURCE_NOTICE:
        return list_notices(session)
    drafts: dict[str, list[DraftData]] = {}
    rows = [DraftData.from_model(row) for row in session.scalars(
        select(InvoiceDraft).where(InvoiceDraft.source == source))]
    for draft in outbox_states(session, sorted(rows, key=_draft_order)):
        drafts.setdefault(draft.notice_id, []).append(draft)
    if source == SOURCE_PARTNER:
        facts = [NoticeFacts.from_partner_bill(b) for b in session.scalars(
            select(PartnerBill).order_by(PartnerBill.remote_updated_at.desc(), PartnerBill.id))]
    elif source == SOURCE_CUSTOMER:
        requests = session.scalars(select(CustomerInvoice).order_by(
            CustomerInvoice.apply_time.desc(), CustomerInvoice.id)).all()
        # waiting (待开票) first, soonest due (oldest request) first; then the newest
        waiting = [r for r in reversed(requests) if r.status == CUSTOMER_WAITING]
        facts = [NoticeFacts.from_customer_request(r) for r in
                 waiting + [r for r in requests if r.status != CUSTOMER_WAITING]]
    else:
        raise DraftError(f"unknown invoice source {source!r}")
    return [NoticeRow(f, tuple(drafts.get(f.notice_id, ()))) for f in facts]


# -- drafts -------------------------------------------------------------------------------------


def new_drafts(
    notice: NoticeFacts, company: Company, *, form: str | None = None,
    now: datetime | None = None,
) -> list[DraftData]:
    """Drafts for every tax rate of ``notice`` (not stored): the values :func:`create_drafts`
    stores, and what ``invoice render`` prints when nothing was drafted yet.

    ``form`` overrides the notice's form (an international invoice for a CN notice, say).
    """
    form = form or notice.form
    if form not in FORMS:
        raise DraftError(f"unknown invoice form {form!r}; use cn or intl")
    if notice.source != SOURCE_NOTICE and form != FORM_CN:
        raise DraftError("a 客户服务商 issues VAT special invoices (专票) only, and a customer "
                         "invoice is a Chinese VAT invoice: use the cn form")
    when = now or _now()
    rates = notice.tax_rates or tuple(sorted({line.tax_rate for line in notice.lines}))
    out = []
    for rate in rates:
        lines = notice.lines_for_rate(rate)
        if not lines and len(rates) == 1:
            raise DraftError(f"notice {notice.notice_id} has no 开票清单 lines to invoice")
        out.append(_fill(notice, company, form, rate, lines, when))
    return out


def _fill(
    notice: NoticeFacts, company: Company, form: str, rate: Decimal,
    lines: Sequence[DraftLine], when: datetime,
) -> DraftData:
    entity = notice.entity
    intl = form == FORM_INTL
    remarks = f"申付单号：{notice.requisition_no}；对账期次：{notice.period}" if not intl else ""
    if notice.source == SOURCE_CUSTOMER:
        remarks = f"订单号：{notice.bill_id}"
    return DraftData(
        id=uuid.uuid4().hex,
        notice_id=notice.notice_id,
        form=form,
        tax_rate=rate,
        requisition_no=notice.requisition_no,
        period=notice.period,
        currency_code=notice.currency_code,
        lines=tuple(lines),
        seller_name=(company.name_en or company.name) if intl else company.name,
        seller_tax_no=company.tax_no,
        seller_address=(company.address_en or company.address) if intl else company.address,
        seller_phone=company.phone,
        seller_bank=company.bank,
        seller_account=company.account,
        seller_swift=company.swift if intl else "",
        seller_beneficiary=(company.beneficiary or company.name_en or company.name) if intl else "",
        seller_bank_address=company.bank_address if intl else "",
        buyer_name=str(entity.get("name", "")),
        buyer_tax_no=str(entity.get("taxNo", "")),
        buyer_address=str(entity.get("address", "") or ""),
        buyer_phone=str(entity.get("phone", "") or ""),
        buyer_bank=str(entity.get("bank", "") or ""),
        buyer_account=str(entity.get("account", "") or ""),
        service_item=SERVICE_ITEM if intl else "",
        remarks=remarks,
        source=notice.source,
        created_at=when,
        updated_at=when,
    )


def create_drafts(
    session: Session, notice_id: str, *, form: str | None = None, now: datetime | None = None,
    source: str = SOURCE_NOTICE,
) -> tuple[list[DraftData], list[DraftData]]:
    """Make and store the drafts of a notice (or of a partner bill, a customer request: see
    :func:`load_notice`): ``(created, already there)``.

    Only rates without a live draft get one, so calling this twice makes nothing the second time.
    """
    notice = load_notice(session, notice_id, source)
    existing = [
        DraftData.from_model(row)
        for row in session.scalars(
            select(InvoiceDraft).where(
                InvoiceDraft.notice_id == notice_id, InvoiceDraft.state.in_(_LIVE)
            )
        )
    ]
    have = {d.tax_rate for d in existing}
    company = load_company(session)
    created = [
        d for d in new_drafts(notice, company, form=form, now=now) if d.tax_rate not in have
    ]
    for draft in created:
        row = InvoiceDraft(id=draft.id)
        draft.apply_to(row)
        session.add(row)
    session.flush()
    return created, existing


def get_draft(session: Session, draft_id: str) -> DraftData:
    row = session.get(InvoiceDraft, draft_id)
    if row is None:
        raise DraftNotFound(f"no invoice draft {draft_id!r}; it may have been deleted")
    return outbox_states(session, [DraftData.from_model(row)])[0]


def list_drafts(
    session: Session, notice_id: str | None = None, source: str | None = None
) -> list[DraftData]:
    query = select(InvoiceDraft)
    if notice_id is not None:
        query = query.where(InvoiceDraft.notice_id == notice_id)
    if source is not None:
        query = query.where(InvoiceDraft.source == source)
    rows = [DraftData.from_model(row) for row in session.scalars(query)]
    return outbox_states(session, sorted(rows, key=_draft_order))


def _draft_order(draft: DraftData) -> tuple[datetime, Decimal, str]:
    """Oldest first; drafts made together (one per rate) by rate."""
    return draft.created_at, draft.tax_rate, draft.id


def _settle(session: Session, row: InvoiceDraft) -> None:
    """Store the outcome of a submitted draft's outbox entry on the row (before changing it)."""
    settled = outbox_states(session, [DraftData.from_model(row)])[0]
    row.state, row.last_error = settled.state, settled.last_error


def save_draft(session: Session, draft: DraftData, *, now: datetime | None = None) -> DraftData:
    """Store the clerk's edits. A printed draft that changes is a draft again (its printout no
    longer matches); a submitted or accepted one cannot change."""
    row = session.get(InvoiceDraft, draft.id)
    if row is None:
        raise DraftNotFound(f"no invoice draft {draft.id!r}; it may have been deleted")
    _settle(session, row)
    if not can_edit(row.state):
        raise DraftError(f"the invoice was {row.state}; it can no longer be changed")
    before = DraftData.from_model(row)
    saved = replace(draft, state=row.state, created_at=row.created_at, updated_at=now or _now(),
                    outbox_key=row.outbox_key, submitted_at=row.submitted_at,
                    printed_at=row.printed_at, last_error=row.last_error)
    if saved.state == PRINTED and _printed_values(before) != _printed_values(saved):
        saved = replace(saved, state=DRAFT, printed_at=None)
    saved.apply_to(row)
    return saved


def _printed_values(draft: DraftData) -> DraftData:
    """What the printout shows: everything but bookkeeping (times, acknowledgements, mailing)."""
    return replace(draft, acknowledged=frozenset(), updated_at=draft.created_at,
                   invoice_no="", invoice_date=None, courier_no="")


def mark_printed(session: Session, draft_ids: Sequence[str], now: datetime | None = None) -> int:
    """Drafts that were printed (or saved as PDF) become ``printed``; returns how many."""
    count = 0
    for row in session.scalars(select(InvoiceDraft).where(InvoiceDraft.id.in_(draft_ids))):
        if row.state == DRAFT:
            row.state = PRINTED
            row.printed_at = now or _now()
            row.updated_at = row.printed_at
            count += 1
    return count


def delete_draft(session: Session, draft_id: str) -> None:
    row = session.get(InvoiceDraft, draft_id)
    if row is None:
        return
    _settle(session, row)
    if not can_edit(row.state):
        raise DraftError(f"the invoice was {row.state}; it cannot be deleted")
    session.execute(delete(InvoiceDraft).where(InvoiceDraft.id == draft_id))


#: Statuses meaning an invoice that was accepted came back: the bill's 申请被驳回 (Huawei sent the
#: invoice back, §6.1), a customer's 已退回 (§6.5).
SENT_BACK = frozenset({"申请被驳回", "已退回"})


def can_red_letter(draft: DraftData, notice: NoticeFacts) -> bool:
    """Whether an issued invoice was sent back (退票) and can be cancelled with a red-letter one:
    refused with its number recorded, or accepted and then sent back (§6.1, §6.3, §6.5)."""
    if not draft.invoice_no.strip():
        return False
    return draft.state == REFUSED or (draft.state == ACCEPTED and notice.bill_status in SENT_BACK)


def record_red_letter(
    session: Session, draft_id: str, *, red_letter_no: str, info_no: str, when: date,
    now: datetime | None = None,
) -> tuple[DraftData, list[DraftData]]:
    """退票 → 红字: record the red-letter invoice that cancelled a sent-back invoice (the 红字确认单 /
    信息表 is confirmed in the national e-tax bureau, §6.3), keep the old draft as
    ``red_lettered``, and make the new draft to issue again: ``(cancelled, new drafts)``."""
    row = session.get(InvoiceDraft, draft_id)
    if row is None:
        raise DraftNotFound(f"no invoice draft {draft_id!r}; it may have been deleted")
    _settle(session, row)
    draft = DraftData.from_model(row)
    notice = load_notice(session, draft.notice_id, draft.source)
    if not can_red_letter(draft, notice):
        raise DraftError("only an issued invoice that was refused or sent back (退票) is "
                         "cancelled with a red-letter invoice (红字); this one is "
                         f"{draft.state}", failure_code="red_letter.state")
    number = "".join(red_letter_no.split())
    if not (number.isdigit() and len(number) in (8, 20)):
        raise DraftError("a red-letter invoice number has 8 digits (paper) or 20 digits "
                         "(digital invoice)", failure_code="red_letter.number")
    if number == draft.invoice_no.strip():
        raise DraftError("the red-letter invoice has its own number, not the cancelled one's",
                         failure_code="red_letter.same_number")
    if not info_no.strip():
        raise DraftError("the number of the 红字确认单 (red-letter confirmation) is required",
                         failure_code="red_letter.info")
    if draft.invoice_date is not None and when < draft.invoice_date:
        raise DraftError(f"the red-letter invoice ({when}) cannot be older than the invoice it "
                         f"cancels ({draft.invoice_date})", failure_code="red_letter.date")
    stamp = now or _now()
    row.state = RED_LETTERED
    row.red_letter_no = number
    row.red_letter_info_no = info_no.strip()
    row.red_letter_date = when
    row.updated_at = stamp
    session.flush()
    created, _there = create_drafts(session, draft.notice_id, form=draft.form, now=stamp,
                                    source=draft.source)
    return DraftData.from_model(row), created


def notices_for(session: Session, drafts: Sequence[DraftData]) -> dict[str, NoticeFacts]:
    """The notices (with bill lines) of some drafts, by notice id, for printing them."""
    return {nid: load_notice(session, nid, source)
            for nid, source in sorted({(d.notice_id, d.source) for d in drafts})}


__all__ = [
    "FORM_CN", "FORM_INTL", "DraftError", "DraftNotFound", "NoticeNotFound", "NoticeRow",
    "create_drafts", "delete_draft", "get_draft", "list_drafts", "list_notices", "load_company",
    "list_rows", "load_notice", "mark_printed", "can_red_letter", "record_red_letter", "new_drafts", "notices_for", "outbox_states", "save_company",
    "save_draft",
]  # fmt: skip
