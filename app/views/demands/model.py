"""The Demands list as a Qt table model (rows read whole: demands are few; see
:mod:`app.views.common.rows_model`).

Signals
-------
``countChanged(int)``
    The number of demands listed after a (re)load.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any

from PySide6.QtGui import QBrush, QColor

from app.services.demands.actions import PENDING_ACCEPTANCE
from app.services.demands.query import DemandRow
from app.views.common.formats import local_time
from app.views.common.rows_model import Column, RowsTableModel, time_column
from app.views.common.titles import chinese_interface, term
from app.views.i18n import translate


def header(column: str) -> str:
    return {
        "name": translate("DemandsModel", "Demand"),
        "source": translate("DemandsModel", "Source"),
        "status": translate("DemandsModel", "Status"),
        "countdown": translate("DemandsModel", "Accept within"),
        "product": translate("DemandsModel", "Product"),
        "customer": translate("DemandsModel", "Customer"),
        "assigned": translate("DemandsModel", "Assigned"),
        "expected": translate("DemandsModel", "Expected signing"),
        "partner": translate("DemandsModel", "Partner"),
        "id": translate("DemandsModel", "Demand ID"),
    }[column]


def countdown(deadline: datetime | None, now: datetime) -> tuple[str, int]:
    """The 5-day acceptance countdown in words, and its urgency (0 fine, 1 under a day, 2 over)."""
    if deadline is None:
        return "", 0
    left = (deadline - now).total_seconds()
    if left <= 0:
        return translate("DemandsModel", "window passed"), 2
    days, rest = divmod(int(left), 86400)
    hours = rest // 3600
    if days:
        text = translate("DemandsModel", "%1 d %2 h left").replace("%1", str(days)).replace(
            "%2", str(hours))
    else:
        text = translate("DemandsModel", "%1 h %2 min left").replace("%1", str(hours)).replace(
            "%2", str(rest % 3600 // 60))
    return text, 1 if left < 86400 else 0


def status_text(row: DemandRow) -> str:
    """The status (and how a closed demand ended) in the interface language (docs/terms.md)."""
    if not row.close_result:
        return term(row.status)
    return (f"{term(row.status)}({term(row.close_result)})" if chinese_interface()
            else f"{term(row.status)} ({term(row.close_result)})")


def _countdown_brush(urgency: int) -> QBrush | None:
    return QBrush(QColor("#c62828" if urgency == 2 else "#e65100")) if urgency else None


class DemandsTableModel(RowsTableModel[DemandRow]):
    """One row per demand; the countdown is measured against :attr:`now` (the time of the last
    :meth:`set_rows`). ``UserRole`` gives the demand's id. Signals: see the module docstring."""

    def __init__(self, parent: Any = None, tz: tzinfo | None = None) -> None:
        self.now = datetime.now(UTC)

        def pending(row: DemandRow) -> bool:
            return row.status == PENDING_ACCEPTANCE

        def left(row: DemandRow) -> str:
            return countdown(row.accept_deadline, self.now)[0] if pending(row) else ""

        def left_tip(row: DemandRow) -> str:
            if not pending(row) or row.accept_deadline is None:
                return ""
            return translate("DemandsModel", "Closes by itself at %1 unless accepted").replace(
                "%1", local_time(row.accept_deadline, tz))

        def left_brush(row: DemandRow) -> QBrush | None:
            if not pending(row):
                return None
            return _countdown_brush(countdown(row.accept_deadline, self.now)[1])

        super().__init__([
            Column(lambda: header("name"), lambda r: r.name),
            Column(lambda: header("source"), lambda r: term(r.source)),
            Column(lambda: header("status"), status_text),
            Column(lambda: header("countdown"), left, left_tip, brush=left_brush),
            Column(lambda: header("product"), lambda r: r.product_name or ""),
            Column(lambda: header("customer"), lambda r: r.customer_name or ""),
            time_column(lambda: header("assigned"), lambda r: r.assign_time, tz),
            time_column(lambda: header("expected"), lambda r: r.expected_sign_date, tz,
                        with_time=False),
            Column(lambda: header("partner"), lambda r: r.partner_name or ""),
            Column(lambda: header("id"), lambda r: r.id),
        ], parent)

    def set_rows(self, rows: Sequence[DemandRow], now: datetime | None = None) -> None:
        self.now = now or datetime.now(UTC)
        super().set_rows(rows)

    def key(self, row: DemandRow) -> str:
        return row.id
