"""The bills (账单) of the Bills area as a table model (see
:mod:`app.views.common.rows_model`)."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from app.services.finance.bills_query import BillRow
from app.views.common.formats import amount, local_time
from app.views.common.rows_model import Column, RowsTableModel
from app.views.i18n import translate


class BillsTableModel(RowsTableModel[BillRow]):
    """One row per bill, newest period first. Signals: see :class:`RowsTableModel`."""

    def __init__(self, parent: Any = None, tz: tzinfo | None = None) -> None:
        super().__init__(
            [
                Column(lambda: translate("BillsModel", "Period"), lambda r: r.period),
                Column(lambda: translate("BillsModel", "Bill"), lambda r: r.id),
                Column(lambda: translate("BillsModel", "Category"), lambda r: r.category),
                Column(lambda: translate("BillsModel", "Status"), lambda r: r.status),
                Column(lambda: translate("BillsModel", "Currency"), lambda r: r.currency_code),
                Column(
                    lambda: translate("BillsModel", "Sales"),
                    lambda r: amount(r.sales_amount),
                    right=True,
                ),
                Column(
                    lambda: translate("BillsModel", "Settlement"),
                    lambda r: amount(r.settlement_amount),
                    right=True,
                ),
                Column(
                    lambda: translate("BillsModel", "Tax rate"),
                    lambda r: "" if r.tax_rate is None else f"{r.tax_rate:%}",
                ),
                Column(
                    lambda: translate("BillsModel", "Lines"),
                    lambda r: str(r.line_count),
                    right=True,
                ),
                Column(
                    lambda: translate("BillsModel", "Requisition no."),
                    lambda r: r.requisition_no or "",
                ),
                Column(
                    lambda: translate("BillsModel", "Created"),
                    lambda r: local_time(r.create_time, tz),
                ),
                Column(lambda: translate("BillsModel", "Entity"), lambda r: r.entity),
            ],
            parent,
        )
