"""The bills (账单) of the Bills area as a table model (see :mod:`.rows_model`)."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.services.bills_query import BillRow
from app.views.finance.rows_model import Column, RowsTableModel, local_time, money

translate = QCoreApplication.translate


class BillsTableModel(RowsTableModel[BillRow]):
    """One row per bill, newest period first. Signals: see :class:`RowsTableModel`."""

    def __init__(self, parent: Any = None, tz: tzinfo | None = None) -> None:
        t = lambda s: lambda: translate("BillsModel", s)  # noqa: E731 - header shorthand
        super().__init__([
            Column(t("Period"), lambda r: r.period),
            Column(t("Bill"), lambda r: r.id),
            Column(t("Category"), lambda r: r.category),
            Column(t("Status"), lambda r: r.status),
            Column(t("Currency"), lambda r: r.currency_code),
            Column(t("Sales"), lambda r: money(r.sales_amount), right=True),
            Column(t("Settlement"), lambda r: money(r.settlement_amount), right=True),
            Column(t("Tax rate"), lambda r: "" if r.tax_rate is None else f"{r.tax_rate:%}"),
            Column(t("Lines"), lambda r: str(r.line_count), right=True),
            Column(t("Requisition no."), lambda r: r.requisition_no or ""),
            Column(t("Created"), lambda r: local_time(r.create_time, tz)),
            Column(t("Entity"), lambda r: r.entity),
        ], parent)
