"""The columns of the Partner area's tables (客户服务商), for :class:`~app.views.common.rows_model.
RowsTableModel`: incentive bills and their lines, the performance summary and details, and
exclusive offers (专属优惠)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any

from app.cli.check_words import partner_check_detail, partner_check_words
from app.services.finance.partner_query import (
    OfferRow,
    PartnerBillRow,
    PerformanceRow,
    PerformanceSummary,
)
from app.services.finance.partner_settlement import check_bill, check_lines
from app.services.supervision.deadlines import INVOICE_MONTHS, add_months
from app.views.common.formats import amount
from app.views.common.rows_model import Column, amount_column, count_column, time_column
from app.views.common.titles import term
from app.views.i18n import translate

TO_INVOICE = "待开票"


def invoice_by(bill: PartnerBillRow) -> datetime | None:
    """The invoicing deadline of a bill waiting for the partner's invoice: 1 month after its
    invoice notice (§7); None when it does not wait or the notice time is unknown."""
    if bill.status != TO_INVOICE or bill.notice_time is None:
        return None
    return add_months(bill.notice_time, INVOICE_MONTHS)


def check_text(bill: PartnerBillRow) -> str:
    """Whether each line settles at 订单现金消费 × 分成比例 and the lines add up to the bill."""
    return partner_check_words(check_bill(bill), translate)


def check_tip(bill: PartnerBillRow) -> str:
    return partner_check_detail(check_bill(bill), translate)


def bill_columns(tz: tzinfo | None) -> list[Column[PartnerBillRow]]:
    return [
        Column(lambda: translate("PartnerView", "Period"), lambda b: b.period),
        Column(lambda: translate("PartnerView", "Kind"), lambda b: b.kind),
        Column(lambda: translate("PartnerView", "Bill"), lambda b: b.id),
        Column(lambda: translate("PartnerView", "Status"), lambda b: term(b.status)),
        amount_column(lambda: translate("PartnerView", "Amount"), lambda b: b.amount),
        Column(lambda: translate("PartnerView", "Currency"), lambda b: b.currency_code),
        Column(lambda: translate("PartnerView", "Tax rate"), lambda b: f"{b.tax_rate:%}"),
        count_column(lambda: translate("PartnerView", "Lines"), lambda b: len(b.lines)),
        Column(
            lambda: translate("PartnerView", "Requisition no."), lambda b: b.requisition_no or ""
        ),
        time_column(lambda: translate("PartnerView", "Created"), lambda b: b.create_time, tz),
        Column(lambda: translate("PartnerView", "Check"), check_text, check_tip,
               warn=lambda b: check_text(b) != translate("PartnerView", "OK")),
        time_column(lambda: translate("PartnerView", "Notice"), lambda b: b.notice_time, tz),
        time_column(lambda: translate("PartnerView", "Invoice by"), invoice_by, tz),
        time_column(lambda: translate("PartnerView", "Invoice signed for"),
                    lambda b: b.invoice_signed_time, tz),
    ]


def _expected(line: dict[str, Any]) -> str:
    [c] = check_lines("", [line])
    return amount(c.expected)


def _difference(line: dict[str, Any]) -> str:
    [c] = check_lines("", [line])
    return amount(c.difference) if c.difference else ""


def _get(key: str) -> Callable[[dict[str, Any]], str]:
    return lambda line: str(line.get(key) or "")


def _money(key: str) -> Callable[[dict[str, Any]], str]:
    """An amount of a stored line as every amount cell shows it (``1,234.50``); a value that is
    not a number as it is stored."""
    def cell(line: dict[str, Any]) -> str:
        raw = line.get(key)
        try:
            return amount(Decimal(str(raw))) if raw not in (None, "") else ""
        except InvalidOperation:
            return str(raw)
    return cell


def line_columns() -> list[Column[dict[str, Any]]]:
    return [
        Column(lambda: translate("PartnerView", "Order"), _get("orderId")),
        Column(lambda: translate("PartnerView", "Product"), _get("productName")),
        Column(lambda: translate("PartnerView", "Customer"), _get("customerName")),
        Column(
            lambda: translate("PartnerView", "Transaction"), _money("transactionAmount"), right=True
        ),
        Column(lambda: translate("PartnerView", "Type"), lambda ln: term(str(ln.get("lineType") or "正常"))),
        Column(lambda: translate("PartnerView", "Cash paid"), _money("cashAmount"), right=True),
        Column(lambda: translate("PartnerView", "Share ratio"), _get("shareRatio")),
        Column(
            lambda: translate("PartnerView", "Settlement"), _money("settlementAmount"), right=True
        ),
        Column(lambda: translate("PartnerView", "Expected"), _expected, right=True),
        Column(lambda: translate("PartnerView", "Difference"), _difference, right=True,
               warn=lambda ln: bool(_difference(ln))),
    ]


def summary_columns() -> list[Column[PerformanceSummary]]:
    return [
        Column(lambda: translate("PartnerView", "Period"), lambda s: s.period),
        count_column(lambda: translate("PartnerView", "Transactions"), lambda s: s.count),
        amount_column(
            lambda: translate("PartnerView", "Transaction amount"), lambda s: s.transaction_amount
        ),
        amount_column(lambda: translate("PartnerView", "Incentive"), lambda s: s.incentive_amount),
    ]


def performance_columns() -> list[Column[PerformanceRow]]:
    return [
        Column(lambda: translate("PartnerView", "Period"), lambda p: p.period),
        Column(lambda: translate("PartnerView", "Order"), lambda p: p.order_id),
        Column(lambda: translate("PartnerView", "Product"), lambda p: p.product_name),
        Column(lambda: translate("PartnerView", "Customer"), lambda p: p.customer_name),
        amount_column(
            lambda: translate("PartnerView", "Transaction"), lambda p: p.transaction_amount
        ),
        Column(lambda: translate("PartnerView", "Rate"), lambda p: str(p.incentive_rate)),
        amount_column(lambda: translate("PartnerView", "Incentive"), lambda p: p.incentive_amount),
        Column(lambda: translate("PartnerView", "Status"), lambda p: term(p.status)),
    ]


def products_text(offer: OfferRow) -> str:
    return "\n".join(
        f"{p.get('productName', '')} {p.get('skuName') or ''} {p.get('price', '')} "
        f"× {p.get('discount', '')}".strip()
        for p in offer.products
    )


def offer_columns(tz: tzinfo | None) -> list[Column[OfferRow]]:
    return [
        Column(lambda: translate("PartnerView", "Offer"), lambda o: o.name, products_text),
        Column(lambda: translate("PartnerView", "Status"), lambda o: term(o.status)),
        Column(lambda: translate("PartnerView", "Customer account"), lambda o: o.customer_account),
        time_column(lambda: translate("PartnerView", "Valid from"), lambda o: o.valid_from, tz),
        time_column(lambda: translate("PartnerView", "Valid to"), lambda o: o.valid_to, tz),
        Column(
            lambda: translate("PartnerView", "Products"),
            lambda o: products_text(o).replace("\n", "; "),
            products_text,
        ),
        Column(lambda: translate("PartnerView", "Demand"), lambda o: o.demand_id or ""),
        Column(lambda: translate("PartnerView", "Offer ID"), lambda o: o.id),
    ]
