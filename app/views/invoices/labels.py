"""Translated texts of the Invoices area: the checks' messages, draft states, field names.

The services layer names each problem of a draft by a stable code with English text and values
(``app.services.invoices.rules.TEMPLATES``). The same English texts are listed here as
``QT_TRANSLATE_NOOP`` (context ``InvoiceFindings``) so lupdate collects them; at run time
:func:`finding_text` translates the template and fills in the values. A test checks that this list
and the services' templates are the same texts.
"""

from __future__ import annotations

from app.cli.invoice_words import refusal_words
from app.services.invoices.rules import Finding
from app.views.i18n import QT_TRANSLATE_NOOP, translate

FINDINGS = "InvoiceFindings"
LABELS = "InvoiceLabels"

#: Every template of ``rules.TEMPLATES``, for lupdate (same English, same placeholders).
FINDING_TEXTS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("InvoiceFindings", "This field is required."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The invoice total must be more than zero."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The invoice total {total} {currency} differs from the notice's amount {expected} by {difference}: it must be equal to the cent."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "Line {line} has no item name."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "Line {line}: amount excl. tax {excl} plus tax {tax} is not the line amount {amount}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "Line {line}: the tax {tax} is not {rate} of {excl} (that would be {expected}); the invoicing software will compute a different amount."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The lines have several tax rates ({rates}); make one invoice per tax rate."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "Line {line} has tax rate {line_rate}, the invoice {rate}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The notice lists tax rates {rates}, not {rate}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The currency must be the notice's currency {expected}, not {found}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The buyer must be the contracting entity on the notice: {expected}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The buyer's name differs from the notice's ({expected}) in spaces or character widths; copy it exactly."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The buyer's tax number must be the notice's: {expected}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The remarks must contain the payment requisition number (申付单号) {requisition_no}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The remarks must contain the settlement period (对账期次) {period}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The payment requisition number must be the notice's: {expected}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The settlement period must be the notice's: {expected}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "KooGallery asks for the service item {expected}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "A unified social credit code has 18 characters, not {found}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "Characters never used in a unified social credit code: {found}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "This does not start like a unified social credit code (authority, type and a six-digit region code)."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The last character is {found}, but the first 17 call for {expected}: a character was probably mistyped."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "Character 17 is {found}, but the organisation code calls for {expected}: a character was probably mistyped."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "A SWIFT code has 8 or 11 letters and digits (for example BKCHCNBJ110)."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The invoice date {date} is before the notice was issued ({notice_date})."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The invoice date {date} is in the future."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "A VAT invoice number has 8 digits (paper) or 20 digits (digital invoice)."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "KooGallery recommends an invoice number made of digits only."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "No courier tracking number: right for an e-invoice; a paper invoice needs one."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "No seal or signature image in the company profile: sign or stamp the printed invoice."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The bill is “{status}”: Huawei expects invoices for bills awaiting an invoice (待开票)."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "No invoice yet for tax rate {rate} ({amount})."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The invoices together total {total}, the notice {expected}."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "The customer's request is “{status}”: only a request waiting for its invoice (待开票) is invoiced."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "A refund of this order is pending: no invoice while it lasts (§6.5)."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "A paper invoice needs the courier tracking number."),
    QT_TRANSLATE_NOOP("InvoiceFindings", "A 客户服务商 issues a VAT special invoice (专票) to Huawei only, never an international or ordinary invoice."),
)  # fmt: skip

STATES: dict[str, str] = {
    "draft": QT_TRANSLATE_NOOP("InvoiceLabels", "Draft"),
    "printed": QT_TRANSLATE_NOOP("InvoiceLabels", "Printed"),
    "submitted": QT_TRANSLATE_NOOP("InvoiceLabels", "Submitted (in the outbox)"),
    "accepted": QT_TRANSLATE_NOOP("InvoiceLabels", "Accepted"),
    "refused": QT_TRANSLATE_NOOP("InvoiceLabels", "Refused"),
    "red_lettered": QT_TRANSLATE_NOOP("InvoiceLabels", "Cancelled by red-letter invoice (红字)"),
}
FORMS: dict[str, str] = {
    "cn": QT_TRANSLATE_NOOP("InvoiceLabels", "VAT special invoice (China)"),
    "intl": QT_TRANSLATE_NOOP("InvoiceLabels", "International invoice"),
}
#: What each draft field is called in messages that are not shown next to the field.
FIELDS: dict[str, str] = {
    "seller_name": QT_TRANSLATE_NOOP("InvoiceLabels", "Seller: company name"),
    "seller_tax_no": QT_TRANSLATE_NOOP("InvoiceLabels", "Seller: tax number"),
    "seller_address": QT_TRANSLATE_NOOP("InvoiceLabels", "Seller: address"),
    "seller_phone": QT_TRANSLATE_NOOP("InvoiceLabels", "Seller: phone"),
    "seller_bank": QT_TRANSLATE_NOOP("InvoiceLabels", "Seller: bank"),
    "seller_account": QT_TRANSLATE_NOOP("InvoiceLabels", "Seller: bank account"),
    "seller_swift": QT_TRANSLATE_NOOP("InvoiceLabels", "Seller: SWIFT code"),
    "seller_beneficiary": QT_TRANSLATE_NOOP("InvoiceLabels", "Seller: beneficiary"),
    "seller_bank_address": QT_TRANSLATE_NOOP("InvoiceLabels", "Seller: bank address"),
    "buyer_name": QT_TRANSLATE_NOOP("InvoiceLabels", "Buyer: name"),
    "buyer_tax_no": QT_TRANSLATE_NOOP("InvoiceLabels", "Buyer: tax number"),
    "buyer_address": QT_TRANSLATE_NOOP("InvoiceLabels", "Buyer: address"),
    "buyer_phone": QT_TRANSLATE_NOOP("InvoiceLabels", "Buyer: phone"),
    "buyer_bank": QT_TRANSLATE_NOOP("InvoiceLabels", "Buyer: bank"),
    "buyer_account": QT_TRANSLATE_NOOP("InvoiceLabels", "Buyer: bank account"),
    "remarks": QT_TRANSLATE_NOOP("InvoiceLabels", "Remarks"),
    "lines": QT_TRANSLATE_NOOP("InvoiceLabels", "Lines"),
    "total_amount": QT_TRANSLATE_NOOP("InvoiceLabels", "Total"),
    "tax_rate": QT_TRANSLATE_NOOP("InvoiceLabels", "Tax rate"),
    "currency_code": QT_TRANSLATE_NOOP("InvoiceLabels", "Currency"),
    "requisition_no": QT_TRANSLATE_NOOP("InvoiceLabels", "Requisition No."),
    "period": QT_TRANSLATE_NOOP("InvoiceLabels", "Settlement period"),
    "service_item": QT_TRANSLATE_NOOP("InvoiceLabels", "Service item"),
    "invoice_no": QT_TRANSLATE_NOOP("InvoiceLabels", "Invoice No."),
    "invoice_date": QT_TRANSLATE_NOOP("InvoiceLabels", "Invoice date"),
    "courier_no": QT_TRANSLATE_NOOP("InvoiceLabels", "Courier tracking No."),
    "seal": QT_TRANSLATE_NOOP("InvoiceLabels", "Seal"),
    "notice": QT_TRANSLATE_NOOP("InvoiceLabels", "Notice"),
    "form": QT_TRANSLATE_NOOP("InvoiceLabels", "Invoice form"),
}

def customer_refusal_text(exc: Exception) -> str:
    """A refused 退回 / 撤销 (``CustomerInvoiceError``) in the interface language."""
    return refusal_words(exc, translate) or str(exc)


def finding_line(finding: Finding) -> str:
    """The finding with the name of its field, for lists away from the form."""
    field = translate(LABELS, FIELDS[finding.field]) if finding.field in FIELDS else finding.field
    return f"{field}: {finding_text(finding)}"


def finding_text(finding: Finding) -> str:
    """The finding's message in the interface language, its values filled in."""
    return translate(FINDINGS, finding.template).format(**finding.params)


def state_text(state: str) -> str:
    return translate(LABELS, STATES[state]) if state in STATES else state


def form_text(form: str) -> str:
    return translate(LABELS, FORMS[form]) if form in FORMS else form



def platform_fee_refusal_text(exc: Exception) -> str:
    """A refused platform-fee request (``PlatformFeeError``) in the interface language."""
    return refusal_words(exc, translate) or str(exc)
