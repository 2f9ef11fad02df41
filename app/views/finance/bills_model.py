"""The bills (账单) of the Bills area as a table model (see
:mod:`app.views.common.rows_model`)."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from app.services.finance.bills_query import BillRow
from app.views.common.rows_model import (
    Column,
    RowsTableModel,
    amount_column,
    count_column,
    time_column,
)
from app.views.common.titles import term
from app.views.i18n import translate


class BillsTableModel(RowsTableModel[BillRow]):
    """One row per bill, newest period first. Signals: see :class:`RowsTableModel`."""

    def __init__(self, parent: Any = None, tz: tzinfo | None = None) -> None:
        super().__init__(
            [
                Column(lambda: translate("BillsModel", "Period"), lambda r: r.period),
                Column(lambda: translate("BillsModel", "Bill"), lambda r: r.id),
                Column(lambda: translate("BillsModel", "Category"), lambda r: term(r.category)),
                Column(lambda: translate("BillsModel", "Status"), lambda r: term(r.status)),
                Column(lambda: translate("BillsModel", "Currency"), lambda r: r.currency_code),
                amount_column(lambda: translate("BillsModel", "Sales"), lambda r: r.sales_amount),
                amount_column(
                    lambda: translate("BillsModel", "Settlement"), lambda r: r.settlement_amount
                ),
                Column(
                    lambda: translate("BillsModel", "Tax rate"),
                    lambda r: "" if r.tax_rate is None else f"{r.tax_rate:%}",
                ),
                count_column(lambda: translate("BillsModel", "Lines"), lambda r: r.line_count),
                Column(
                    lambda: translate("BillsModel", "Requisition no."),
                    lambda r: r.requisition_no or "",
                ),
                time_column(lambda: translate("BillsModel", "Created"), lambda r: r.create_time, tz),
                time_column(
                    lambda: translate("BillsModel", "Invoice signed for"),
                    lambda r: r.invoice_signed_time,
                    tz,
                ),
                Column(lambda: translate("BillsModel", "Entity"), lambda r: r.entity),
            ],
            parent,
        )
