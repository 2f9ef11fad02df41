"""The columns of the Partner area's tables (客户服务商), for :class:`~app.views.finance.rows_model.
RowsTableModel`: incentive bills and their lines, the performance summary and details, and
exclusive offers (专属优惠)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.services.partner_query import OfferRow, PartnerBillRow, PerformanceRow, PerformanceSummary
from app.views.finance.rows_model import Column, local_time, money

translate = QCoreApplication.translate


def _h(text: str) -> Callable[[], str]:
    return lambda: translate("PartnerView", text)


def bill_columns(tz: tzinfo | None) -> list[Column[PartnerBillRow]]:
    return [
        Column(_h("Period"), lambda b: b.period),
        Column(_h("Kind"), lambda b: b.kind),
        Column(_h("Bill"), lambda b: b.id),
        Column(_h("Status"), lambda b: b.status),
        Column(_h("Amount"), lambda b: money(b.amount), right=True),
        Column(_h("Currency"), lambda b: b.currency_code),
        Column(_h("Tax rate"), lambda b: f"{b.tax_rate:%}"),
        Column(_h("Lines"), lambda b: str(len(b.lines)), right=True),
        Column(_h("Requisition no."), lambda b: b.requisition_no or ""),
        Column(_h("Created"), lambda b: local_time(b.create_time, tz)),
    ]


def _get(key: str) -> Callable[[dict[str, Any]], str]:
    return lambda line: str(line.get(key) or "")


def line_columns() -> list[Column[dict[str, Any]]]:
    return [
        Column(_h("Order"), _get("orderId")),
        Column(_h("Product"), _get("productName")),
        Column(_h("Customer"), _get("customerName")),
        Column(_h("Transaction"), _get("transactionAmount"), right=True),
        Column(_h("Share ratio"), _get("shareRatio")),
        Column(_h("Settlement"), _get("settlementAmount"), right=True),
    ]


def summary_columns() -> list[Column[PerformanceSummary]]:
    return [
        Column(_h("Period"), lambda s: s.period),
        Column(_h("Transactions"), lambda s: str(s.count), right=True),
        Column(_h("Transaction amount"), lambda s: money(s.transaction_amount), right=True),
        Column(_h("Incentive"), lambda s: money(s.incentive_amount), right=True),
    ]


def performance_columns() -> list[Column[PerformanceRow]]:
    return [
        Column(_h("Period"), lambda p: p.period),
        Column(_h("Order"), lambda p: p.order_id),
        Column(_h("Product"), lambda p: p.product_name),
        Column(_h("Customer"), lambda p: p.customer_name),
        Column(_h("Transaction"), lambda p: money(p.transaction_amount), right=True),
        Column(_h("Rate"), lambda p: str(p.incentive_rate)),
        Column(_h("Incentive"), lambda p: money(p.incentive_amount), right=True),
        Column(_h("Status"), lambda p: p.status),
    ]


def products_text(offer: OfferRow) -> str:
    return "\n".join(
        f"{p.get('productName', '')} {p.get('skuName') or ''} {p.get('price', '')} "
        f"× {p.get('discount', '')}".strip() for p in offer.products)


def offer_columns(tz: tzinfo | None) -> list[Column[OfferRow]]:
    return [
        Column(_h("Offer"), lambda o: o.name, products_text),
        Column(_h("Status"), lambda o: o.status),
        Column(_h("Customer account"), lambda o: o.customer_account),
        Column(_h("Valid from"), lambda o: local_time(o.valid_from, tz)),
        Column(_h("Valid to"), lambda o: local_time(o.valid_to, tz)),
        Column(_h("Products"), lambda o: products_text(o).replace("\n", "; "), products_text),
        Column(_h("Demand"), lambda o: o.demand_id or ""),
        Column(_h("Offer ID"), lambda o: o.id),
    ]
