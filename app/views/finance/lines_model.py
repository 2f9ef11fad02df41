"""The lines of one bill beside the settlement the rules expect (see
:mod:`app.views.common.rows_model`).

The difference column turns red when the billed settlement differs from the expected one; the
tooltip of the expected figure shows the arithmetic (rate, its source, fee, voucher deduction).
An international (中资出海) line shows its withholding and digital-service taxes (WHT/DST) and, in
the tooltip, the §5.4 formula with its figures.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from app.services.finance.bills_query import LineRow
from app.views.common.formats import amount
from app.views.common.rows_model import Column, RowsTableModel, amount_column, time_column
from app.views.common.titles import term
from app.views.i18n import translate


def expected_text(row: LineRow) -> str:
    s = row.settlement
    if s is None:
        return ""
    if s.expected is None:
        return translate("BillLinesModel", "rate unknown")
    return amount(s.expected.settlement)


def expected_tip(row: LineRow) -> str:
    s = row.settlement
    if s is None or s.expected is None:
        return (
            translate(
                "BillLinesModel",
                "No rate is known for this product class; the settlement rules name none.",
            )
            if s
            else ""
        )
    e = s.expected
    text = translate("BillLinesModel", "Rate %1 (%2), fee %3, voucher deduction %4").replace(
        "%1", f"{e.effective_rate}"
    ).replace("%2", e.rate_source.value).replace("%3", amount(e.fee)).replace(
        "%4", amount(e.voucher_deduction)
    )
    if e.international:
        text += "\n" + taxes_tip(row)
    return text + (
        translate("BillLinesModel", "; uses an unconfirmed rule") if e.unconfirmed else "")


def taxes_text(row: LineRow) -> str:
    """The 中资出海 taxes of a line (WHT①+DST①+WHT②+DST②), empty for a China-site line."""
    e = row.settlement.expected if row.settlement is not None else None
    if e is None or not e.international:
        return ""
    return amount(e.customer_wht + e.customer_dst + e.seller_wht + e.seller_dst)


def taxes_tip(row: LineRow) -> str:
    """The §5.4 arithmetic of an international line, in figures."""
    e = row.settlement.expected if row.settlement is not None else None
    if e is None or not e.international:
        return ""
    return (
        translate(
            "BillLinesModel",
            "(%1 − VAT %2 − customer WHT %3 − DST %4) × (1 − %5) − seller WHT %6 − DST %7",
        )
        .replace("%1", amount(e.transaction_amount))
        .replace("%2", amount(e.vat))
        .replace("%3", amount(e.customer_wht))
        .replace("%4", amount(e.customer_dst))
        .replace("%5", f"{e.effective_rate}")
        .replace("%6", amount(e.seller_wht))
        .replace("%7", amount(e.seller_dst))
    )


def difference(row: LineRow) -> str:
    d = row.settlement.difference if row.settlement is not None else None
    return "" if d is None else amount(d)


class BillLinesModel(RowsTableModel[LineRow]):
    """One row per bill line. Signals: see :class:`RowsTableModel`."""

    def __init__(self, parent: Any = None, tz: tzinfo | None = None) -> None:
        differs = lambda r: bool(r.settlement and r.settlement.difference)  # noqa: E731
        super().__init__(
            [
                Column(lambda: translate("BillLinesModel", "Order"), lambda r: r.order_id),
                Column(lambda: translate("BillLinesModel", "Product"), lambda r: r.product_name),
                Column(
                    lambda: translate("BillLinesModel", "Class"),
                    lambda r: term(r.settlement.product_class) if r.settlement else "",
                ),
                Column(lambda: translate("BillLinesModel", "Type"), lambda r: term(r.line_type)),
                Column(lambda: translate("BillLinesModel", "Charging"), lambda r: term(r.charging_mode)),
                amount_column(
                    lambda: translate("BillLinesModel", "Transaction"),
                    lambda r: r.transaction_amount,
                ),
                amount_column(
                    lambda: translate("BillLinesModel", "Voucher"), lambda r: r.voucher_amount
                ),
                Column(
                    lambda: translate("BillLinesModel", "Rate"),
                    lambda r: "" if r.fee_rate is None else str(r.fee_rate),
                ),
                Column(
                    lambda: translate("BillLinesModel", "WHT/DST"),
                    taxes_text,
                    taxes_tip,
                    right=True,
                ),
                amount_column(
                    lambda: translate("BillLinesModel", "Billed settlement"),
                    lambda r: r.settlement_amount,
                ),
                Column(
                    lambda: translate("BillLinesModel", "Expected"),
                    expected_text,
                    expected_tip,
                    right=True,
                ),
                Column(
                    lambda: translate("BillLinesModel", "Difference"),
                    difference,
                    right=True,
                    warn=differs,
                ),
                time_column(
                    lambda: translate("BillLinesModel", "Effective"), lambda r: r.effective_time, tz
                ),
            ],
            parent,
        )
