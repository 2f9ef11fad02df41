"""The words of the bill checks, one table for both front ends: the bill-run checks and verdicts
(:mod:`app.services.finance.billing_diagnosis`), the reconciliation flags that reuse them (the
seller's bills, the signed-for clock of §5.2) and the partner bill check (§7).

The services give each result a stable ``code`` and its values as text (``params``); here each code
has a translatable template naming those values as ``{run}``, ``{period}``, ``{deadline}`` ...
A code this module does not know (a newer service) shows the service's English message.

The window (:mod:`app.views.finance.check_words`, :mod:`app.views.partner.columns`) and the command
line (:mod:`app.cli.bills`) pass their own ``translate`` (``app.views.i18n.translate`` /
``app.cli.words.translate``): both read the same catalogue, so ``seller-console bill check`` says
what the Bills and Reconciliation areas say, in the same words. The module lives in ``app/cli``
because lupdate scans ``app/views`` and ``app/cli`` and the command line may not import views; it
is headless (no Qt) and imports only services.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from app.services.finance.partner_settlement import PartnerBillCheck
from app.services.finance.reconciliation import Flag

#: ``translate(context, source_text)`` of the front end that shows the words.
Translate = Callable[[str, str], str]


def amount(value: Decimal | None) -> str:
    """``12,345.60``: exact, two places; empty for no value (as ``views.common.formats.amount``)."""
    return "" if value is None else f"{value:,.2f}"


def templates(translate: Translate) -> dict[str, str]:
    """Each code's template in the language ``translate`` speaks (the window's or the command
    line's: both read the same catalogue, context ``BillingCheck``)."""
    # One literal translate() per code, so lupdate finds every template.
    return {
        "business_info_verified": translate("BillingCheck", "商业信息认证 is complete."),
        "business_info_incomplete": translate(
            "BillingCheck", "商业信息认证 is not complete: no bill is issued until it is (bank "
                            "account and tax rate come from it)."),
        "business_info_unknown": translate(
            "BillingCheck", "Whether 商业信息认证 is complete is not known to the console; check "
                            "it in the seller console (商家信息)."),
        "cancelled": translate("BillingCheck", "The order was cancelled before payment: it is "
                                               "never billed."),
        "unpaid": translate("BillingCheck", "The order is not paid. Paid (and effective) before "
                                            "{deadline} end of day, it is billed in the run of "
                                            "{run}."),
        "not_repaid": translate("BillingCheck", "The customer paid on credit and has not repaid "
                                                "(未还款). Repaid before the end of {period}, it is "
                                                "billed in the run of {run}."),
        "repaid": translate("BillingCheck", "Paid on credit and repaid (已还款)."),
        "paid": translate("BillingCheck", "The order is paid."),
        "no_supervision": translate("BillingCheck", "The order involves no service supervision "
                                                    "(不涉及)."),
        "supervision_completed": translate("BillingCheck", "Service supervision is completed "
                                                           "(已完成)."),
        "supervision_status_unknown": translate("BillingCheck", "The supervision status "
                                                                "{status} is not one the console "
                                                                "knows."),
        "supervision_frozen": translate(
            "BillingCheck", "Service supervision is frozen by an open appeal (申诉). If the appeal "
                            "closes and supervision completes before the end of {period}, the "
                            "order is billed in the run of {run}."),
        "supervision_open": translate(
            "BillingCheck", "Service supervision is still open (处理中): an order is billed the "
                            "month after supervision completes. If it completes by {deadline} "
                            "(Beijing), it is billed in the run of {run}."),
        "effective_after_supervision": translate("BillingCheck", "The order takes effect when "
                                                                 "supervision completes."),
        "not_effective": translate("BillingCheck", "The order has not taken effect (no effective "
                                                   "time yet). Effective before the end of "
                                                   "{period}, it is billed in the run of {run}."),
        "effective_later": translate("BillingCheck", "The order takes effect on {effective} (a "
                                                     "renewal bills from its effective date): it "
                                                     "is billed in the run of {run}."),
        "effective": translate("BillingCheck", "The order has taken effect."),
        "accumulation_not_applicable": translate("BillingCheck", "The {minimum} accumulation "
                                                                 "rule does not apply to the "
                                                                 "role {role}."),
        "accumulation_unknown": translate("BillingCheck", "The accumulated unbilled amount of "
                                                          "this product type is not known."),
        "accumulation_reached": translate("BillingCheck", "Unbilled {product_class} amounts add "
                                                          "up to {accumulated}, at least "
                                                          "{minimum}."),
        "accumulation_below_minimum": translate(
            "BillingCheck", "Unbilled {product_class} amounts add up to {accumulated}, below "
                            "{minimum}: the bill is issued once they reach it."),
        "currency_differs": translate("BillingCheck", "Order {order} is in {order_currency} "
                                                      "but its bill lines are in "
                                                      "{bill_currency}."),
        "order_vs_bill_lines": translate("BillingCheck", "Order {order} amounts to {expected} "
                                                         "{currency}, its bill lines to {amount} "
                                                         "(difference {difference})."),
        "settlement_differs": translate("BillingCheck", "Bill line {line} of order {order} "
                                                        "settles at {amount}; the rules expect "
                                                        "{expected} (rate {rate})."),
        "international_settlement_differs": translate(
            "BillingCheck", "Bill line {line} of order {order} settles at {amount}; the 中资出海 "
                            "formula (§5.4) expects {expected}: sales less VAT {vat} and the "
                            "customer's WHT/DST is {base}, less the fee at rate {rate}, the "
                            "voucher share and the seller's WHT/DST (taxes {taxes} in all)."),
        "no_notice": translate("BillingCheck", "Bill {bill} waits for the seller's invoice "
                                               "(待开票) but its invoice notice (开票通知) is not in "
                                               "the cache: sync invoice notices."),
        "no_draft": translate("BillingCheck", "Bill {bill} waits for the seller's invoice (待开票) "
                                              "and no invoice draft was made for notice "
                                              "{notice}."),
        "invoice_review_overdue": translate(
            "BillingCheck", "Bill {bill} is still in 发票待审核 although Huawei signed for its "
                            "invoice on {since}: Huawei verifies invoices within {days} working "
                            "days of signing for them. Ask Huawei's invoice mailbox with the "
                            "invoice no., courier no. and 申付单号."),
        "submitted_invoice_not_registered": translate(
            "BillingCheck", "Bill {bill} is still in 待开票 although Huawei signed for its invoice "
                            "on {since}: Huawei verifies invoices within {days} working days of "
                            "signing for them. Ask Huawei's invoice mailbox with the invoice no., "
                            "courier no. and 申付单号."),
        "invoice_review_overdue_signed_unknown": translate(
            "BillingCheck", "Bill {bill} is still in 发票待审核 since {since}; Huawei signed for its "
                            "invoice on or before that day (the signed-for date is not known) and "
                            "verifies invoices within {days} working days of signing for them. "
                            "Ask Huawei's invoice mailbox with the invoice no., courier no. and "
                            "申付单号."),
        "partner_line_differs": translate(
            "BillingCheck", "Line {line} (order {order}) of partner bill {bill} settles at "
                            "{amount}; 订单现金消费 {cash} × 分成比例 {ratio} is {expected}."),
        "partner_bill_total_differs": translate(
            "BillingCheck", "Partner bill {bill} amounts to {amount}; its lines (refunds {refunds} "
                            "included) add up to {expected}."),
        "billed": translate("BillingCheck", "Billed in {bills} (period {periods})."),
        "zero_amount": translate("BillingCheck", "The order amount is 0 (a trial, for example): "
                                                 "nothing to bill."),
        "will_be_billed": translate("BillingCheck", "Expected in the run of {run} for period "
                                                    "{period}."),
        "overdue": translate("BillingCheck", "Expected in the run of {run} for period {period}, "
                                             "but no bill in the cache holds it: sync the bills, "
                                             "then ask Huawei with a service ticket."),
    }


def words(code: str, params: Mapping[str, str], fallback: str, translate: Translate) -> str:
    """The text of a check, verdict or flag ``code`` with its ``params`` filled in, in the
    language of ``translate``; ``fallback`` (the service's English message) for a code without a
    template or a value."""
    template = templates(translate).get(code)
    if template is None:
        return fallback
    text = template
    for key, value in params.items():
        text = text.replace("{" + key + "}", value)
    if "{" in text:  # a value the template names is missing: the service's own words
        return fallback
    unknown = params.get("unknown")
    if unknown and code in ("will_be_billed", "overdue"):
        text += " " + translate("BillingCheck", "(If the unknown checks hold: %1.)").replace(
            "%1", unknown)
    return text


def flag_params(flag: Flag) -> dict[str, str]:
    """The values a flag's template names: its record ids, amounts (``1,234.50``) and params."""
    ids = {"order": flag.order_id, "bill": flag.bill_id, "line": flag.bill_line_id,
           "notice": flag.notice_id, "currency": flag.currency_code,
           "amount": amount(flag.amount) if flag.amount is not None else None,
           "expected": amount(flag.expected_amount) if flag.expected_amount is not None else None,
           "difference": amount(flag.difference) if flag.difference is not None else None}
    return {**{k: v for k, v in ids.items() if v}, **flag.params}


def flag_words(flag: Flag, translate: Translate, fallback: str | None = None) -> str:
    """Why the flag is raised, in the language of ``translate`` where the code has words (else
    ``fallback``, by default the service's English message)."""
    return words(flag.code, flag_params(flag), flag.message if fallback is None else fallback,
                 translate)


def partner_check_words(check: PartnerBillCheck, translate: Translate) -> str:
    """A partner bill's check in a few words: the lines off 订单现金消费 × 分成比例, else lines that
    do not add up to the bill, else OK (§7)."""
    bad = len(check.differing_lines)
    if bad:
        return translate("PartnerView", "%1 line(s) differ").replace("%1", str(bad))
    if check.total_difference:
        return translate("PartnerView", "Lines add up to %1").replace(
            "%1", amount(check.lines_total))
    return translate("PartnerView", "OK")


def partner_check_detail(check: PartnerBillCheck, translate: Translate) -> str:
    """The figures behind :func:`partner_check_words`."""
    return translate(
        "PartnerView", "Each line: 订单现金消费 × 分成比例 (§7). Lines %1, refunds deducted %2, "
                       "bill amount %3."
    ).replace("%1", amount(check.lines_total)).replace("%2", amount(check.refunds)).replace(
        "%3", amount(check.billed_amount))
