"""Submitting an issued invoice to the marketplace through the outbox (发票提交).

After the clerk issued the invoice (tax-control software or abroad their own numbering) and mailed
or uploaded it, they record its number, date and courier tracking number on the draft and submit
it. :func:`queue_submit` checks the draft at the submit stage (errors and unacknowledged warnings
stop it, with the reasons), then queues the action ``invoice.submit`` in the outbox:
``POST /v1/seller/invoice-notices/{noticeId}/invoices`` with the invoice's figures, references and
parties as JSON, plus an optional scan or e-invoice file (role ``invoice_copy``). The marketplace
checks the same rules again and refuses a mismatch with its reason; accepted, the bill moves on
(发票待审核) and the next sync shows it.

The draft is ``submitted`` while the entry waits; its shown state then follows the outbox entry
(see ``drafts.outbox_states``): delivered → ``accepted``, refused → ``refused`` with the
marketplace's reason (the clerk corrects and submits again), discarded → ``refused``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.models.invoices import (
    SOURCE_CUSTOMER,
    SOURCE_NOTICE,
    SOURCE_PARTNER,
    SUBMITTABLE_STATES,
    SUBMITTED,
    InvoiceDraft,
    can_submit,
)
from app.services.invoices import drafts as store
from app.services.invoices.data import DraftData, NoticeFacts
from app.services.invoices.rules import Stage, blocking, check, fmt_rate
from app.services.outbox.queue import ActionKind, EntryView, Outbox, QueuedFile

TARGET = "invoice_notice"
NOTICES_PATH = "/v1/seller/invoice-notices"
PARTNER_BILLS_PATH = "/v1/partner/bills"
CUSTOMER_INVOICES_PATH = "/v1/seller/customer-invoices"
ROLE_INVOICE_COPY = "invoice_copy"
#: The courier rule for a customer's paper invoice (§6.5): from this face value on the seller
#: pays; below it the customer pays (the seller may send it cash-on-delivery, 到付).
COURIER_SELLER_PAYS_FROM = Decimal("100")
SELLER_PAYS = "卖家"
BUYER_PAYS_ON_DELIVERY = "买家到付"

SUBMIT_KIND = ActionKind(
    "invoice.submit", TARGET, "POST", NOTICES_PATH + "/{target_id}/invoices", "Submit invoice",
    priority=70,
)  # fmt: skip
#: A 客户服务商's invoice to Huawei for a partner bill (专票 only, §6.3, §7).
PARTNER_SUBMIT_KIND = ActionKind(
    "partner_invoice.submit", "partner_bill", "POST", PARTNER_BILLS_PATH + "/{target_id}/invoices",
    "Submit partner invoice", priority=70,
)  # fmt: skip
#: The seller's invoice to a customer (给用户开票, §6.5): the request becomes 已完成.
CUSTOMER_ISSUE_KIND = ActionKind(
    "customer_invoice.issue", "customer_invoice", "POST",
    CUSTOMER_INVOICES_PATH + "/{target_id}/issue", "Issue customer invoice", priority=70,
)  # fmt: skip
_KIND_BY_SOURCE = {SOURCE_NOTICE: SUBMIT_KIND, SOURCE_PARTNER: PARTNER_SUBMIT_KIND,
                   SOURCE_CUSTOMER: CUSTOMER_ISSUE_KIND}


def courier_payer(total: Decimal) -> str:
    """Who pays the courier for a customer's paper invoice (§6.5)."""
    return SELLER_PAYS if total >= COURIER_SELLER_PAYS_FROM else BUYER_PAYS_ON_DELIVERY


class SubmitError(Exception):
    """A draft that cannot be submitted; ``str()`` says why (``problems`` lists the checks)."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message if not problems else message + " " + " ".join(problems))
        self.problems = list(problems)


def payload(draft: DraftData, notice: NoticeFacts | None = None) -> dict[str, Any]:
    """The JSON the marketplace receives (amounts as exact decimal strings); a partner's names
    its invoice kind (专票), a customer's its title, tax number and who pays the courier."""
    extra: dict[str, Any] = {}
    if draft.source == SOURCE_PARTNER:
        extra = {"invoiceKind": "专票"}
    elif draft.source == SOURCE_CUSTOMER:
        paper = notice is not None and notice.medium == "纸质"
        extra = {"title": draft.buyer_name, "taxNo": draft.buyer_tax_no.strip() or None,
                 "courierPayer": courier_payer(draft.total_amount) if paper else None}
    return extra | {
        "draftId": draft.id,
        "form": draft.form,
        "invoiceNo": draft.invoice_no.strip(),
        "invoiceDate": draft.invoice_date.isoformat() if draft.invoice_date else None,
        "courierNo": draft.courier_no.strip() or None,
        "requisitionNo": draft.requisition_no,
        "period": draft.period,
        "currencyCode": draft.currency_code,
        "taxRate": str(draft.tax_rate),
        "amountExclTax": str(draft.amount_excl_tax),
        "taxAmount": str(draft.tax_amount),
        "totalAmount": str(draft.total_amount),
        "buyerName": draft.buyer_name,
        "buyerTaxNo": draft.buyer_tax_no,
        "sellerName": draft.seller_name,
        "sellerTaxNo": draft.seller_tax_no,
        "serviceItem": draft.service_item or None,
        "remarks": draft.remarks,
        "lines": [
            {"itemName": x.item_name, "taxRate": str(x.tax_rate),
             "amountExclTax": str(x.amount_excl_tax), "tax": str(x.tax), "amount": str(x.amount)}
            for x in draft.lines
        ],
    }  # fmt: skip


def queue_submit(
    outbox: Outbox,
    draft_id: str,
    *,
    attachments: Sequence[Path] = (),
    today: date | None = None,
    now: datetime | None = None,
) -> EntryView:
    """Check the draft for submission and queue it; returns the outbox entry.

    Raises :class:`SubmitError` when the state does not allow it or a check fails (nothing is
    queued then), ``OutboxError`` when an attachment cannot be read. The draft moves to
    ``submitted`` in the transaction that queues the entry, and only if it is still submittable
    then, so two submissions at once (different idempotency keys) queue one entry.
    """
    with Session(outbox.engine) as session:
        draft = store.get_draft(session, draft_id)
        notice = store.load_notice(session, draft.notice_id, draft.source)
        company = store.load_company(session)
    if not can_submit(draft.state):
        raise SubmitError(f"This invoice was already {draft.state}; it cannot be submitted again.")
    found = check(draft, notice, stage=Stage.SUBMIT, today=today,
                  has_seal=bool(company.seal_image))
    stopping = blocking(found, draft.acknowledged)
    if stopping:
        raise SubmitError("The invoice cannot be submitted yet:",
                          [f"{f.field}: {f.message}" for f in stopping])
    submitted_at = now or datetime.now(UTC)

    def claim(session: Session, key: str) -> None:
        # Checked again under the row's lock, in the transaction that queues the entry: of two
        # submissions at once (two consoles of a team, two clicks) only the first is queued.
        taken = session.execute(
            update(InvoiceDraft)
            .where(InvoiceDraft.id == draft_id, InvoiceDraft.state.in_(SUBMITTABLE_STATES))
            .values(state=SUBMITTED, outbox_key=key, last_error=None, submitted_at=submitted_at,
                    updated_at=submitted_at)
        )
        if not getattr(taken, "rowcount", 0):
            if session.get(InvoiceDraft, draft_id) is None:
                raise SubmitError("This invoice draft was deleted meanwhile; nothing was "
                                  "submitted.")
            raise SubmitError("This invoice was submitted meanwhile (by another console or "
                              "another click); it is not submitted twice.")

    summary = f"发票 {draft.invoice_no} 申付单号 {draft.requisition_no} {fmt_rate(draft.tax_rate)}"
    if draft.source == SOURCE_CUSTOMER:
        summary = f"给用户开票 {draft.invoice_no} {draft.buyer_name} 订单 {notice.bill_id}"
    return outbox.enqueue(
        _KIND_BY_SOURCE[draft.source].name, draft.notice_id, payload(draft, notice),
        [QueuedFile(Path(p), ROLE_INVOICE_COPY) for p in attachments],
        summary=summary, claim=claim,
    )  # fmt: skip
