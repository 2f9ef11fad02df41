"""The checks an invoice to Huawei must pass before it is printed and before it is submitted.

Most invoices Huawei refuses fail on a simple mismatch with the invoice notice (business-rules
§6.3 "common rejection reasons", §6.4, §8.4-8.5). :func:`check` compares a draft with its notice
and returns every problem as a :class:`Finding`: the draft field it belongs to (so a form can show
it next to that field), ``error`` or ``warning``, a stable ``code`` and the values of its message.

* Errors are mismatches Huawei refuses (total, currency, buyer, remarks, tax rate, malformed
  numbers, missing fields): they cannot be acknowledged; the draft is not printed or submitted
  until they are fixed.
* Warnings are unusual but possibly right (an invoice date in the future, no courier number for an
  e-invoice, no seal image when the seal is stamped by hand): the clerk acknowledges each one
  (its code is kept with the draft) and may go on.

Messages: this layer has no translations. :data:`TEMPLATES` holds the English text of each code
with ``{name}`` placeholders; :attr:`Finding.message` fills it in (the CLI prints that), and the
views translate the same English text with Qt (context ``InvoiceFindings``) and fill in the same
``params``. Amounts are compared as Decimal, to the cent.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from app.models.invoices import SOURCE_CUSTOMER, SOURCE_NOTICE, SOURCE_PARTNER
from app.services.invoices import uscc
from app.services.invoices.data import SPECIAL, ZERO, Company, DraftData, NoticeFacts

CENT = Decimal("0.01")
#: The service item KooGallery asks for on international invoices (business-rules §6.4).
SERVICE_ITEM = "云商店服务"
#: Bill statuses in which Huawei expects the seller's invoice (§6.1).
INVOICE_EXPECTED = frozenset({"待开票", "申请被驳回"})
#: A partner bill (§7) and a customer's request (§6.5) await an invoice in 待开票.
AWAITING_BY_SOURCE = {SOURCE_NOTICE: INVOICE_EXPECTED, SOURCE_PARTNER: frozenset({"待开票"}),
                      SOURCE_CUSTOMER: frozenset({"待开票"})}
_SWIFT = re.compile(r"[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Stage(StrEnum):
    """What the draft is checked for: printing needs the form complete; submitting also needs
    what only exists once the invoice was issued (its number and date)."""

    PRINT = "print"
    SUBMIT = "submit"


#: English text of every finding, by code. Placeholders are filled from ``Finding.params``.
TEMPLATES: dict[str, str] = {
    "required": "This field is required.",
    "amount.not_positive": "The invoice total must be more than zero.",
    "amount.mismatch": (
        "The invoice total {total} {currency} differs from the notice's amount {expected} by "
        "{difference}: it must be equal to the cent."
    ),
    "line.item_missing": "Line {line} has no item name.",
    "line.sum": (
        "Line {line}: amount excl. tax {excl} plus tax {tax} is not the line amount {amount}."
    ),
    "line.tax": (
        "Line {line}: the tax {tax} is not {rate} of {excl} (that would be {expected}); the "
        "invoicing software will compute a different amount."
    ),
    "tax_rate.several": (
        "The lines have several tax rates ({rates}); make one invoice per tax rate."
    ),
    "tax_rate.line_differs": "Line {line} has tax rate {line_rate}, the invoice {rate}.",
    "tax_rate.not_on_notice": "The notice lists tax rates {rates}, not {rate}.",
    "currency.mismatch": "The currency must be the notice's currency {expected}, not {found}.",
    "buyer.name_mismatch": (
        "The buyer must be the contracting entity on the notice: {expected}."
    ),
    "buyer.name_form": (
        "The buyer's name differs from the notice's ({expected}) in spaces or character widths; "
        "copy it exactly."
    ),
    "buyer.tax_no_mismatch": "The buyer's tax number must be the notice's: {expected}.",
    "remarks.requisition_missing": (
        "The remarks must contain the payment requisition number (申付单号) {requisition_no}."
    ),
    "remarks.period_missing": (
        "The remarks must contain the settlement period (对账期次) {period}."
    ),
    "requisition.mismatch": (
        "The payment requisition number must be the notice's: {expected}."
    ),
    "period.mismatch": "The settlement period must be the notice's: {expected}.",
    "service_item.unusual": "KooGallery asks for the service item {expected}.",
    "uscc.length": "A unified social credit code has 18 characters, not {found}.",
    "uscc.characters": "Characters never used in a unified social credit code: {found}.",
    "uscc.structure": (
        "This does not start like a unified social credit code (authority, type and a six-digit "
        "region code)."
    ),
    "uscc.check_character": (
        "The last character is {found}, but the first 17 call for {expected}: a character was "
        "probably mistyped."
    ),
    "uscc.organisation_code": (
        "Character 17 is {found}, but the organisation code calls for {expected}: a character was "
        "probably mistyped."
    ),
    "swift.format": "A SWIFT code has 8 or 11 letters and digits (for example BKCHCNBJ110).",
    "date.before_notice": (
        "The invoice date {date} is before the notice was issued ({notice_date})."
    ),
    "date.future": "The invoice date {date} is in the future.",
    "invoice_no.cn_format": (
        "A VAT invoice number has 8 digits (paper) or 20 digits (digital invoice)."
    ),
    "invoice_no.digits": "KooGallery recommends an invoice number made of digits only.",
    "courier.missing": (
        "No courier tracking number: right for an e-invoice; a paper invoice needs one."
    ),
    "seal.missing": (
        "No seal or signature image in the company profile: sign or stamp the printed invoice."
    ),
    "notice.status": (
        "The bill is “{status}”: Huawei expects invoices for bills awaiting an invoice (待开票)."
    ),
    "customer.status": (
        "The customer's request is “{status}”: only a request waiting for its invoice (待开票) "
        "is invoiced."
    ),
    "customer.refund_pending": (
        "A refund of this order is pending: no invoice while it lasts (§6.5)."
    ),
    "customer.courier_required": "A paper invoice needs the courier tracking number.",
    "partner.special_only": (
        "A 客户服务商 issues a VAT special invoice (专票) to Huawei only, never an international "
        "or ordinary invoice."
    ),
    "coverage.missing_rate": "No invoice yet for tax rate {rate} ({amount}).",
    "coverage.total": (
        "The invoices together total {total}, the notice {expected}."
    ),
}


@dataclass(frozen=True)
class Finding:
    """One problem of a draft: where, how bad, what (``code``), and the values of its text."""

    field: str
    severity: Severity
    code: str
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def template(self) -> str:
        return TEMPLATES[self.code]

    @property
    def message(self) -> str:
        """The English message with its values filled in."""
        return self.template.format(**self.params)

    @property
    def acknowledgeable(self) -> bool:
        return self.severity is Severity.WARNING


# Fields each form must have before it is printed (business-rules §6.3-§6.4).
_REQUIRED_CN = (
    "seller_name", "seller_tax_no", "seller_address", "seller_phone", "seller_bank",
    "seller_account", "buyer_name", "buyer_tax_no", "buyer_address", "buyer_phone", "buyer_bank",
    "buyer_account", "remarks",
)  # fmt: skip
_REQUIRED_INTL = (
    "seller_name", "seller_tax_no", "seller_address", "seller_bank", "seller_account",
    "seller_beneficiary", "seller_bank_address", "seller_swift", "buyer_name", "buyer_tax_no",
    "requisition_no", "period", "service_item", "invoice_no", "invoice_date",
)  # fmt: skip
_REQUIRED_SUBMIT = ("invoice_no", "invoice_date")
#: A customer's ordinary invoice (普票) needs the parties' names (and the company's tax number,
#: checked against the request); a special one (专票) every field of the CN form but the remarks.
_REQUIRED_CUSTOMER_ORDINARY = ("seller_name", "seller_tax_no", "buyer_name")
_REQUIRED_CUSTOMER_SPECIAL = tuple(f for f in _REQUIRED_CN if f != "remarks")


def _required_fields(draft: DraftData, notice: NoticeFacts) -> tuple[str, ...]:
    if notice.source == SOURCE_CUSTOMER:
        if notice.invoice_kind == SPECIAL:
            return _REQUIRED_CUSTOMER_SPECIAL
        return _REQUIRED_CUSTOMER_ORDINARY + (("buyer_tax_no",) if notice.entity_tax_no else ())
    return _REQUIRED_CN if draft.is_cn else _REQUIRED_INTL


def fmt_amount(value: Decimal) -> str:
    """An amount as printed in messages: thousands separators, two places."""
    return f"{value.quantize(CENT):,}"


def fmt_rate(rate: Decimal) -> str:
    """A tax rate as a percentage: ``Decimal("0.06")`` → ``6%``, ``0.015`` → ``1.5%``."""
    pct = (rate * 100).normalize()
    return f"{pct:f}%"


def _norm(text: str) -> str:
    """For comparing names: NFKC (full-width to half-width), no spaces, case folded."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _period_forms(period: str) -> tuple[str, ...]:
    """Ways a clerk may write 对账期次 202510 in the remarks."""
    if len(period) == 6 and period.isdigit():
        y, m = period[:4], period[4:]
        return period, f"{y}-{m}", f"{y}/{m}", f"{y}.{m}", f"{y}年{m}月", f"{y}年{int(m)}月"
    return (period,)


def _required(draft: DraftData, names: Iterable[str]) -> list[Finding]:
    out = []
    for name in names:
        value = getattr(draft, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            out.append(Finding(name, Severity.ERROR, "required"))
    return out


def _amounts(draft: DraftData, notice: NoticeFacts) -> list[Finding]:
    out: list[Finding] = []
    if not draft.lines:
        return [Finding("lines", Severity.ERROR, "required")]
    total = draft.total_amount
    if total <= ZERO:
        out.append(Finding("total_amount", Severity.ERROR, "amount.not_positive"))
    several = len(notice.tax_rates) > 1
    expected = notice.amount_for_rate(draft.tax_rate) if several else notice.invoice_amount
    if total != expected:
        out.append(Finding("total_amount", Severity.ERROR, "amount.mismatch", {
            "total": fmt_amount(total), "expected": fmt_amount(expected),
            "difference": fmt_amount(total - expected), "currency": notice.currency_code,
        }))  # fmt: skip
    for n, line in enumerate(draft.lines, start=1):
        if not line.item_name.strip():
            out.append(Finding("lines", Severity.ERROR, "line.item_missing", {"line": str(n)}))
        if line.amount_excl_tax + line.tax != line.amount:
            out.append(Finding("lines", Severity.ERROR, "line.sum", {
                "line": str(n), "excl": fmt_amount(line.amount_excl_tax),
                "tax": fmt_amount(line.tax), "amount": fmt_amount(line.amount),
            }))  # fmt: skip
            continue
        computed = (line.amount_excl_tax * line.tax_rate).quantize(CENT, ROUND_HALF_UP)
        if abs(computed - line.tax) > CENT:
            out.append(Finding("lines", Severity.WARNING, "line.tax", {
                "line": str(n), "tax": fmt_amount(line.tax), "rate": fmt_rate(line.tax_rate),
                "excl": fmt_amount(line.amount_excl_tax), "expected": fmt_amount(computed),
            }))  # fmt: skip
    return out


def _tax_rates(draft: DraftData, notice: NoticeFacts) -> list[Finding]:
    out: list[Finding] = []
    rates = sorted({line.tax_rate for line in draft.lines})
    if len(rates) > 1:
        out.append(Finding("lines", Severity.ERROR, "tax_rate.several",
                           {"rates": ", ".join(fmt_rate(r) for r in rates)}))
    else:
        for n, line in enumerate(draft.lines, start=1):
            if line.tax_rate != draft.tax_rate:
                out.append(Finding("lines", Severity.ERROR, "tax_rate.line_differs", {
                    "line": str(n), "line_rate": fmt_rate(line.tax_rate),
                    "rate": fmt_rate(draft.tax_rate),
                }))  # fmt: skip
                break
    if notice.tax_rates and draft.tax_rate not in notice.tax_rates:
        out.append(Finding("tax_rate", Severity.ERROR, "tax_rate.not_on_notice", {
            "rates": ", ".join(fmt_rate(r) for r in notice.tax_rates),
            "rate": fmt_rate(draft.tax_rate),
        }))  # fmt: skip
    return out


def _parties(draft: DraftData, notice: NoticeFacts) -> list[Finding]:
    out: list[Finding] = []
    if draft.currency_code.strip().upper() != notice.currency_code.upper():
        out.append(Finding("currency_code", Severity.ERROR, "currency.mismatch",
                           {"expected": notice.currency_code, "found": draft.currency_code}))
    expected = notice.entity_name
    if draft.buyer_name.strip() and expected and draft.buyer_name != expected:
        if _norm(draft.buyer_name) == _norm(expected):
            out.append(Finding("buyer_name", Severity.WARNING, "buyer.name_form",
                               {"expected": expected}))
        else:
            out.append(Finding("buyer_name", Severity.ERROR, "buyer.name_mismatch",
                               {"expected": expected}))
    tax_no = notice.entity_tax_no
    if draft.buyer_tax_no.strip() and tax_no and uscc.normalize(draft.buyer_tax_no) != tax_no:
        out.append(Finding("buyer_tax_no", Severity.ERROR, "buyer.tax_no_mismatch",
                           {"expected": tax_no}))
    if draft.is_cn and draft.seller_tax_no.strip():
        problem = uscc.check(draft.seller_tax_no)
        if problem is not None:
            out.append(Finding("seller_tax_no", Severity.ERROR, f"uscc.{problem.code}",
                               problem.params))
    swift = draft.seller_swift.strip().upper()
    if not draft.is_cn and swift and not _SWIFT.fullmatch(swift):
        out.append(Finding("seller_swift", Severity.ERROR, "swift.format"))
    return out


def _references(draft: DraftData, notice: NoticeFacts) -> list[Finding]:
    out: list[Finding] = []
    if draft.requisition_no.strip() and draft.requisition_no.strip() != notice.requisition_no:
        out.append(Finding("requisition_no", Severity.ERROR, "requisition.mismatch",
                           {"expected": notice.requisition_no}))
    if draft.period.strip() and draft.period.strip() != notice.period:
        out.append(Finding("period", Severity.ERROR, "period.mismatch",
                           {"expected": notice.period}))
    if draft.is_cn:
        remarks = "".join(unicodedata.normalize("NFKC", draft.remarks).split())
        if draft.remarks.strip():
            if notice.requisition_no not in remarks:
                out.append(Finding("remarks", Severity.ERROR, "remarks.requisition_missing",
                                   {"requisition_no": notice.requisition_no}))
            if not any(form in remarks for form in _period_forms(notice.period)):
                out.append(Finding("remarks", Severity.ERROR, "remarks.period_missing",
                                   {"period": notice.period}))
    elif draft.service_item.strip() and draft.service_item.strip() != SERVICE_ITEM:
        out.append(Finding("service_item", Severity.WARNING, "service_item.unusual",
                           {"expected": SERVICE_ITEM}))
    return out


def _dates_and_numbers(draft: DraftData, notice: NoticeFacts, today: date) -> list[Finding]:
    out: list[Finding] = []
    when = draft.invoice_date
    if when is not None:
        if when < notice.issue_date:
            out.append(Finding("invoice_date", Severity.ERROR, "date.before_notice", {
                "date": when.isoformat(), "notice_date": notice.issue_date.isoformat(),
            }))  # fmt: skip
        elif when > today:
            out.append(Finding("invoice_date", Severity.WARNING, "date.future",
                               {"date": when.isoformat()}))
    number = draft.invoice_no.strip()
    if number:
        if draft.is_cn and not (number.isdigit() and len(number) in (8, 20)):
            out.append(Finding("invoice_no", Severity.WARNING, "invoice_no.cn_format"))
        elif not draft.is_cn and not number.isdigit():
            out.append(Finding("invoice_no", Severity.WARNING, "invoice_no.digits"))
    return out


def check(
    draft: DraftData,
    notice: NoticeFacts,
    *,
    stage: Stage = Stage.PRINT,
    today: date | None = None,
    has_seal: bool = True,
) -> list[Finding]:
    """Every problem of ``draft`` against ``notice``, errors first, in form order.

    ``today`` (the clerk's calendar day) decides whether an invoice date is in the future;
    ``has_seal`` says whether the company profile has a seal image (international invoices must
    bear a signature or seal, §6.4).
    """
    today = today or date.today()
    customer = notice.source == SOURCE_CUSTOMER
    found = _required(draft, _required_fields(draft, notice))
    if stage is Stage.SUBMIT:
        already = {f.field for f in found}
        found += [f for f in _required(draft, _REQUIRED_SUBMIT) if f.field not in already]
        if not draft.courier_no.strip():
            if customer and notice.medium == "纸质":  # the customer waits for a parcel (§6.5)
                found.append(Finding("courier_no", Severity.ERROR, "customer.courier_required"))
            elif not customer or notice.medium != "电子":
                found.append(Finding("courier_no", Severity.WARNING, "courier.missing"))
    if notice.source == SOURCE_PARTNER and not draft.is_cn:
        found.append(Finding("form", Severity.ERROR, "partner.special_only"))
    if customer and notice.refund_pending:
        found.append(Finding("notice", Severity.ERROR, "customer.refund_pending"))
    found += _amounts(draft, notice)
    found += _tax_rates(draft, notice)
    found += _parties(draft, notice)
    if not customer:  # a customer's invoice carries no 申付单号 / 对账期次
        found += _references(draft, notice)
    found += _dates_and_numbers(draft, notice, today)
    if not draft.is_cn and not has_seal:
        found.append(Finding("seal", Severity.WARNING, "seal.missing"))
    awaiting = AWAITING_BY_SOURCE.get(notice.source, INVOICE_EXPECTED)
    if notice.bill_status and notice.bill_status not in awaiting:
        found.append(Finding("notice", Severity.WARNING,
                             "customer.status" if customer else "notice.status",
                             {"status": notice.bill_status}))
    return sorted(found, key=lambda f: f.severity is not Severity.ERROR)


def blocking(findings: Iterable[Finding], acknowledged: Iterable[str]) -> list[Finding]:
    """What still stops printing or submitting: every error, and warnings not acknowledged."""
    done = set(acknowledged)
    return [f for f in findings if f.severity is Severity.ERROR or f.code not in done]


def by_field(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.field, []).append(f)
    return out


def check_coverage(notice: NoticeFacts, drafts: Sequence[DraftData]) -> list[Finding]:
    """Whether a notice's drafts together invoice its whole 开票金额, one per tax rate.

    Drafts made from one notice are separate invoices (one per rate); a missing rate or drafts
    that do not add up to the notice are the other half of "invoice total ≠ 开票清单 amount".
    """
    out: list[Finding] = []
    if not drafts:
        return out
    rates = {d.tax_rate for d in drafts}
    for rate in notice.tax_rates:
        if rate not in rates:
            out.append(Finding("notice", Severity.ERROR, "coverage.missing_rate", {
                "rate": fmt_rate(rate), "amount": fmt_amount(notice.amount_for_rate(rate)),
            }))  # fmt: skip
    total = sum((d.total_amount for d in drafts), ZERO)
    if not out and total != notice.invoice_amount:
        out.append(Finding("notice", Severity.ERROR, "coverage.total", {
            "total": fmt_amount(total), "expected": fmt_amount(notice.invoice_amount),
        }))  # fmt: skip
    return out


def check_company(company: Company) -> list[Finding]:
    """Problems of the company profile itself, shown while it is edited (never blocking: a
    foreign seller's VAT number is no 统一社会信用代码, so a malformed code is a warning here;
    the CN invoice check makes it an error)."""
    out: list[Finding] = []
    if not company.name.strip():
        out.append(Finding("name", Severity.ERROR, "required"))
    if company.tax_no.strip():
        problem = uscc.check(company.tax_no)
        if problem is not None:
            out.append(Finding("tax_no", Severity.WARNING, f"uscc.{problem.code}", problem.params))
    else:
        out.append(Finding("tax_no", Severity.ERROR, "required"))
    swift = company.swift.strip().upper()
    if swift and not _SWIFT.fullmatch(swift):
        out.append(Finding("swift", Severity.ERROR, "swift.format"))
    return out
