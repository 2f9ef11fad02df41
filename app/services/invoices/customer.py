"""Customer invoices (给用户开票, business-rules §6.5): the buyers' requests and the seller's answers.

Since 2018-11-01 the seller invoices its customers for 通用 products (卖家中心 > 订单管理 > 发票管理 >
给用户开票). The buyer's request is synced from the marketplace (``customer_invoices``); the rules:

* the seller invoices within **7 days** of the request, counted in Beijing dates (the radar's
  ``customer_invoice_due``: the end of the 7th Beijing day after the day of the request);
* for the **full order amount** (the draft's check ``amount.mismatch``);
* a paper invoice goes by courier: below **100 元** the customer pays (the seller may send it
  cash-on-delivery, 到付), from 100 元 on the seller pays (``submit.courier_payer``);
* an issued invoice (已完成) can be **returned** (退回); a request can be **revoked** (撤销);
* the customer must not apply while a refund is pending: such a request is not invoiced.

The seller's invoice itself is a draft like an invoice to Huawei (``drafts.create_drafts(...,
source=SOURCE_CUSTOMER)``): the same editor, checks, PDF and submission (``submit.queue_submit``,
which sends ``customer_invoice.issue``). Returning and revoking are actions of their own, queued
here, through the outbox like every action the console sends.

What the sources leave open is data with its mark (:class:`CustomerInvoiceRules`,
:data:`UNCONFIRMED`): which states allow 撤销, and the status words other than 已完成.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models.invoices import ACCEPTED, SOURCE_CUSTOMER, CustomerInvoice
from app.services import verdicts
from app.services.invoices import drafts as store
from app.services.invoices.data import BEIJING, DraftData
from app.services.invoices.submit import (
    COURIER_SELLER_PAYS_FROM,
    CUSTOMER_INVOICES_PATH,
    CUSTOMER_ISSUE_KIND,
)
from app.services.outbox.queue import ActionKind, EntryView, Outbox

TARGET = "customer_invoice"
PENDING = store.CUSTOMER_WAITING
ISSUED = "已完成"  # the one status word the sources name (§6.5)
RETURNED = "已退回"
REVOKED = "已撤销"


@dataclass(frozen=True)
class CustomerInvoiceRules:
    """The numbers and states of §6.5 as data; see :data:`UNCONFIRMED` for the unsure ones."""

    #: §6.5: the seller invoices within 7 days after the customer applies (Beijing dates).
    deadline_days: int = 7
    #: §6.5: from this face value on the seller pays the courier.
    courier_seller_pays_from: Decimal = COURIER_SELLER_PAYS_FROM
    #: States in which the request waits for the seller's invoice.
    pending: frozenset[str] = field(default_factory=lambda: frozenset({PENDING}))
    #: §6.5: 退回 is possible when the invoice is 已完成.
    return_from: frozenset[str] = field(default_factory=lambda: frozenset({ISSUED}))
    #: §6.5: 撤销 "is also possible"; in which states is UNCONFIRMED.
    revoke_from: frozenset[str] = field(default_factory=lambda: frozenset({PENDING, ISSUED}))


#: What the sources leave open, by field of :class:`CustomerInvoiceRules` (shown in docs/CLI).
UNCONFIRMED: dict[str, str] = {
    "revoke_from": "§6.5 says cancellation (撤销) is also possible, not in which states; this "
                   "console allows it before and after issuing.",
    "pending": "Only 已完成 is named in the sources; 待开票, 已退回 and 已撤销 are this project's "
               "contract (docs/api.md).",
}
RULES = CustomerInvoiceRules()


class CustomerAction(StrEnum):
    RETURN = "return"
    REVOKE = "revoke"


KINDS: dict[CustomerAction, ActionKind] = {
    action: ActionKind(f"customer_invoice.{action.value}", TARGET, "POST",
                       CUSTOMER_INVOICES_PATH + "/{target_id}/" + action.value, title,
                       priority=70)
    for action, title in ((CustomerAction.RETURN, "Return customer invoice"),
                          (CustomerAction.REVOKE, "Revoke customer invoice request"))
}

REASONS = {
    "not_issued": "Only an issued invoice (已完成) can be returned.",
    "not_revocable": "A request that is {status} cannot be revoked.",
    "waiting": "An earlier action on this request is waiting in the outbox; wait until it is sent.",
    "reason_missing": "Say why (the customer sees the reason).",
}


class CustomerInvoiceError(verdicts.ActionRefused):
    """A customer-invoice action that cannot be queued."""


Availability = verdicts.Availability[CustomerAction]


class HasStatus(Protocol):
    """A request as far as its actions care: its marketplace status."""

    @property
    def status(self) -> str: ...


def due(apply_time: datetime, rules: CustomerInvoiceRules = RULES) -> datetime:
    """When the seller's invoice is due (UTC): the end of the ``deadline_days``-th Beijing day
    after the Beijing day of the request (§6.5, days counted as KooGallery does, in Beijing)."""
    day = apply_time.astimezone(BEIJING).date() + timedelta(days=rules.deadline_days + 1)
    return datetime.combine(day, time(0), BEIJING).astimezone(UTC)


def projected_status(request: HasStatus, issued: bool,
                     rules: CustomerInvoiceRules = RULES) -> str:
    """The request's status once what the console sent shows: a waiting request whose invoice
    was submitted and accepted is 已完成 before the next sync says so."""
    return ISSUED if issued and request.status in rules.pending else request.status


def availability(request: HasStatus, queued: Sequence[EntryView] = (),
                 rules: CustomerInvoiceRules = RULES, *,
                 issued: bool = False) -> dict[CustomerAction, Availability]:
    """Return and revoke for ``request``: allowed, or why not (``issued``: the console's invoice
    for it was accepted, see :func:`projected_status`)."""
    status = projected_status(request, issued, rules)
    out: dict[CustomerAction, Availability] = {}
    for action in CustomerAction:
        if queued:
            verdict = verdicts.refused(action, "waiting", REASONS)
        elif action is CustomerAction.RETURN and status not in rules.return_from:
            verdict = verdicts.refused(action, "not_issued", REASONS)
        elif action is CustomerAction.REVOKE and status not in rules.revoke_from:
            verdict = verdicts.refused(action, "not_revocable", REASONS, status=status)
        else:
            verdict = verdicts.allowed(action, "退回" if action is CustomerAction.RETURN
                                       else "撤销")
        out[action] = verdict
    return out


def load_request(engine: Engine, request_id: str) -> CustomerInvoice:
    with Session(engine, expire_on_commit=False) as session:
        request = session.get(CustomerInvoice, request_id)
    if request is None:
        raise CustomerInvoiceError(f"There is no customer invoice request {request_id} in this "
                                   "cache; sync first.")
    return request


def queue_action(outbox: Outbox, request_id: str, action: CustomerAction,
                 reason: str) -> EntryView:
    """退回 or 撤销 through the outbox, after the state allows it."""
    if not reason.strip():
        raise CustomerInvoiceError(REASONS["reason_missing"], failure_code="reason_missing")
    request = load_request(outbox.engine, request_id)
    queued = outbox.open_for(TARGET, request_id) + outbox.open_for(
        CUSTOMER_ISSUE_KIND.target_type, request_id)
    verdict = availability(request, queued, issued=was_issued(outbox.engine, request_id))[action]
    if not verdict.allowed:
        raise verdicts.refusal(verdict, CustomerInvoiceError)
    word = "退回发票" if action is CustomerAction.RETURN else "撤销开票申请"
    return outbox.enqueue(KINDS[action].name, request_id, {"reason": reason.strip()},
                          summary=f"{word} {request_id} ({request.title})")


def was_issued(engine: Engine, request_id: str) -> bool:
    """Whether the console's invoice for the request was accepted by the marketplace."""
    with Session(engine) as session:
        return any(d.state == ACCEPTED for d in store.list_drafts(session, request_id,
                                                                    SOURCE_CUSTOMER))


def create_draft(engine: Engine, request_id: str) -> tuple[list[DraftData], list[DraftData]]:
    """The seller's invoice draft for a request (one: a customer's invoice has one rate)."""
    with Session(engine) as session, session.begin():
        return store.create_drafts(session, request_id, source=SOURCE_CUSTOMER)
