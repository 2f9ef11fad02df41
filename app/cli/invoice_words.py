"""Why an invoice action was refused, one table for both front ends: a customer's request
(退回 / 撤销, ``CustomerInvoiceError``, business-rules §6.5) and the platform-fee invoice
(``PlatformFeeError``, §5.5).

The services raise with a stable ``failure_code`` and its values as text (``params``); here each
code has a translatable template. The window (:mod:`app.views.invoices.labels`) and the command
line (:func:`app.cli.failures.message_for`) pass their own ``translate``; both read the same
catalogue, so ``seller-console invoice platform-fee`` refuses in the words of the Invoices area.
Like :mod:`app.cli.check_words`, it lives in ``app/cli`` (lupdate scans it; the command line may
not import views) and imports only services.
"""

from __future__ import annotations

from collections.abc import Callable

from app.services.invoices.customer import CustomerInvoiceError
from app.services.invoices.platform_fee import PlatformFeeError

#: ``translate(context, source_text)`` of the front end that shows the words.
Translate = Callable[[str, str], str]


def company_field(name: str, translate: Translate) -> str:
    """A company-profile field in the Company Profile dialog's own words."""
    words = {
        "name": translate("CompanyDialog", "Company name (as registered)"),
        "tax_no": translate("CompanyDialog", "Unified social credit code / VAT No."),
        "address": translate("CompanyDialog", "Address"),
        "phone": translate("CompanyDialog", "Phone"),
        "bank": translate("CompanyDialog", "Bank (开户行)"),
        "account": translate("CompanyDialog", "Bank account No."),
    }
    return words.get(name, name)


def _platform_fee(code: str, translate: Translate) -> str | None:
    return {
        "platform_fee.type": translate(
            "PlatformFeeDialog", "Huawei issues the platform-fee invoice as 数电专票 or 数电普票 only."),
        "platform_fee.company": translate(
            "PlatformFeeDialog",
            "Complete the company profile (Invoices ▸ Company Profile…) first: {fields}"),
        "platform_fee.bills": translate(
            "PlatformFeeDialog", "Check at least one paid 通用 bill."),
        "platform_fee.again": translate(
            "PlatformFeeDialog", "The platform-fee invoice was already requested for {bills}."),
    }.get(code)


def _customer(code: str, translate: Translate) -> str | None:
    return {
        "not_issued": translate(
            "CustomerInvoices", "Only an issued invoice (已完成) can be returned."),
        "not_revocable": translate(
            "CustomerInvoices", "A request that is {status} cannot be revoked."),
        "waiting": translate(
            "CustomerInvoices",
            "An earlier action on this request is waiting in the outbox; wait until it is sent."),
        "reason_missing": translate("CustomerInvoices", "Say why (the customer sees the reason)."),
    }.get(code)


def refusal_words(error: BaseException, translate: Translate) -> str | None:
    """``error``'s sentence in the language ``translate`` speaks, its values filled in; None when
    it is not an invoice refusal this module words (its own English sentence then stands)."""
    if isinstance(error, PlatformFeeError):
        template = _platform_fee(error.failure_code, translate)
    elif isinstance(error, CustomerInvoiceError):
        template = _customer(error.failure_code, translate)
    else:
        return None
    if template is None:
        return None
    params = {"fields": "", "bills": "", "status": "", **error.params}
    if params["fields"]:
        params["fields"] = ", ".join(company_field(f, translate)
                                     for f in params["fields"].split(", "))
    return template.format(**params)
