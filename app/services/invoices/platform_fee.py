"""The platform-fee invoice (平台费发票, business-rules §5.5, §6.5): Huawei → seller, 通用 only.

After 申付 succeeds, the seller asks Huawei for the invoice of the platform fee it was charged
(订单管理 > 发票管理 > 平台费发票 > 索取平台费发票) and selects paid bills. The rules:

* only **通用** bills carry a platform fee, and only paid ones (申付 done) can be selected;
* bills of several periods merged into **one 申付单** are selected together (:func:`close_selection`);
* **negative orders** (refunds, downgrades, 按需→包周期 switches of 代收分账 orders) are included
  automatically: they appear pre-selected and locked, and reduce the invoiceable amount;
* Huawei issues **数电专票** or **数电普票** only, to the account's registered email;
* the 商家信息 invoice template (here: the company profile) must be up to date: name and tax
  number, and for a 专票 the address, phone, bank and account too.

The request goes through the outbox (``platform_fee.request``); the fee of a line is the bill
line's stated rate × its transaction amount, rounded as the settlement rounds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from app.errors import ConsoleError
from app.models.finance import Bill
from app.models.outbox import DONE, OPEN_STATES, OutboxEntry
from app.services.finance.settlement import round_cents
from app.services.invoices import drafts as store
from app.services.invoices.data import ZERO
from app.services.outbox.queue import ActionKind, EntryView, Outbox

TARGET = "platform_fee"
PATH = "/v1/seller/platform-fee-invoices"
GENERAL_BILLS = "通用商品"
PAID = "已付款"
#: §6.5: the only invoice types Huawei issues for the platform fee.
SPECIAL_DIGITAL = "数电专票"
ORDINARY_DIGITAL = "数电普票"
INVOICE_TYPES = (SPECIAL_DIGITAL, ORDINARY_DIGITAL)

KIND = ActionKind("platform_fee.request", TARGET, "POST", PATH, "Request platform-fee invoice",
                  priority=60)


class PlatformFeeError(ConsoleError):
    """A platform-fee request that cannot be queued; ``str()`` says why."""

    default_code = "platform_fee"


@dataclass(frozen=True)
class FeeLine:
    line_id: str
    order_id: str
    product_name: str
    line_type: str
    transaction_amount: Decimal
    fee_rate: Decimal
    fee: Decimal

    @property
    def negative(self) -> bool:
        """A negative order: pre-selected and locked in the request (§5.5)."""
        return self.transaction_amount < 0


@dataclass(frozen=True)
class FeeBill:
    bill_id: str
    period: str
    requisition_no: str
    currency_code: str
    lines: tuple[FeeLine, ...]
    requested: bool  # already asked for (a request sent or waiting in the outbox)

    @property
    def fee(self) -> Decimal:
        return sum((x.fee for x in self.lines), ZERO)

    @property
    def negative_lines(self) -> tuple[FeeLine, ...]:
        return tuple(x for x in self.lines if x.negative)


def _requested(session: Session) -> set[str]:
    """Bills already asked for: in a delivered or waiting request."""
    out: set[str] = set()
    q = select(OutboxEntry.payload).where(OutboxEntry.kind == KIND.name,
                                          OutboxEntry.state.in_((*OPEN_STATES, DONE)))
    for payload in session.scalars(q):
        out.update(str(b) for b in (payload or {}).get("billIds", []))
    return out


def paid_general_bills(engine: Engine) -> list[FeeBill]:
    """The paid 通用 bills whose platform fee can be invoiced, newest period first."""
    with Session(engine) as session:
        asked = _requested(session)
        bills = session.scalars(
            select(Bill).options(selectinload(Bill.lines))
            .where(Bill.category == GENERAL_BILLS, Bill.status == PAID)
            .order_by(Bill.period.desc(), Bill.id)).all()
        return [
            FeeBill(b.id, b.period, b.requisition_no or "", b.currency_code, tuple(
                FeeLine(x.id, x.order_id, x.product_name, x.line_type, x.transaction_amount,
                        x.fee_rate or ZERO, round_cents(x.transaction_amount * (x.fee_rate or ZERO)))
                for x in sorted(b.lines, key=lambda x: x.id)), b.id in asked)
            for b in bills
        ]  # fmt: skip


def close_selection(bills: Iterable[FeeBill], selected: Iterable[str]) -> set[str]:
    """``selected`` plus every bill that shares a 申付单号 with one of them (§6.5: several periods
    merged into one 申付单 are selected together)."""
    bills = list(bills)
    chosen = set(selected)
    numbers = {b.requisition_no for b in bills if b.bill_id in chosen and b.requisition_no}
    return chosen | {b.bill_id for b in bills if b.requisition_no in numbers}


def selection_amount(bills: Iterable[FeeBill], selected: Iterable[str]) -> Decimal:
    """The invoiceable platform fee of a selection: every line, negative orders included."""
    chosen = set(selected)
    return sum((b.fee for b in bills if b.bill_id in chosen), ZERO)


def company_problems(engine: Engine, invoice_type: str) -> list[str]:
    """What the 商家信息 invoice template lacks for ``invoice_type`` (field names)."""
    with Session(engine) as session:
        company = store.load_company(session)
    need = ["name", "tax_no"]
    if invoice_type == SPECIAL_DIGITAL:
        need += ["address", "phone", "bank", "account"]
    return [name for name in need if not str(getattr(company, name)).strip()]


def queue_request(outbox: Outbox, bill_ids: Sequence[str], invoice_type: str) -> EntryView:
    """索取平台费发票 for the selected bills (closed over their 申付单), through the outbox."""
    if invoice_type not in INVOICE_TYPES:
        raise PlatformFeeError(f"Huawei issues the platform-fee invoice as {SPECIAL_DIGITAL} or "
                               f"{ORDINARY_DIGITAL} only, not {invoice_type!r}.",
                               failure_code="platform_fee.type")
    missing = company_problems(outbox.engine, invoice_type)
    if missing:
        raise PlatformFeeError("Complete the company profile (the 商家信息 invoice template) "
                               f"first: {', '.join(missing)}.",
                               failure_code="platform_fee.company",
                               params={"fields": ", ".join(missing)})
    bills = paid_general_bills(outbox.engine)
    known = {b.bill_id: b for b in bills}
    unknown = [b for b in bill_ids if b not in known]
    if not bill_ids or unknown:
        raise PlatformFeeError("Select paid 通用 bills"
                               + (f"; not one: {', '.join(unknown)}" if unknown else "") + ".",
                               failure_code="platform_fee.bills",
                               params={"bills": ", ".join(unknown)})
    chosen = sorted(close_selection(bills, bill_ids))
    again = [b for b in chosen if known[b].requested]
    if again:
        raise PlatformFeeError(f"The platform-fee invoice was already requested for "
                               f"{', '.join(again)}.", failure_code="platform_fee.again",
                               params={"bills": ", ".join(again)})
    amount = selection_amount(bills, chosen)
    negative = [x.line_id for b in chosen for x in known[b].negative_lines]
    payload = {"invoiceType": invoice_type, "billIds": chosen,
               "requisitionNos": sorted({known[b].requisition_no for b in chosen
                                         if known[b].requisition_no}),
               "amount": str(amount), "negativeLineIds": negative}
    return outbox.enqueue(KIND.name, ",".join(chosen), payload,
                          summary=f"索取平台费发票 {invoice_type} {', '.join(chosen)} {amount}")
