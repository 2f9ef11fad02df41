"""The interface watchdog's tables: the failed calls (by their cliff) and the products' failed
orders this month against the delisting rule (see :mod:`app.services.integration.watchdog`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtGui import QBrush, QColor

from app.services.integration import watchdog as wd
from app.views.common.rows_model import Column, RowsTableModel, count_column, time_column
from app.views.common.titles import term
from app.views.deadlines import left_text
from app.views.i18n import translate

RED = QColor(0xC0, 0x39, 0x2B)
ORANGE = QColor(0xD3, 0x54, 0x00)
GREY = QColor(0x80, 0x80, 0x80)
#: An open window with less than this left is shown red (else orange).
CLOSE = timedelta(minutes=30)


def stage_text(item: wd.WatchItem) -> str:
    """What happens, or happened, in the seller's words (the "What happens" column)."""
    if item.stage is wd.Stage.RETRYING:
        if item.cliff is wd.Cliff.REFUND:
            return translate("IntegrationView", "Refunded automatically when retries end")
        return translate("IntegrationView", "Retries end: call it again after your fix")
    if item.stage is wd.Stage.CALL_AGAIN:
        return translate("IntegrationView", "Retries ended: call it again")
    if item.stage is wd.Stage.REFUNDED:
        return translate("IntegrationView", "Retries ended: the order was refunded")
    return translate("IntegrationView", "Resolved")


def left_cell(item: wd.WatchItem, now: datetime) -> str:
    """The "Time left" cell: the time left in the retry window, or when it ended."""
    left = item.time_left(now)
    if item.stage is wd.Stage.RESOLVED:
        return "—"
    if item.stage is wd.Stage.RETRYING:
        text = left_text(left)
        return text + " *" if item.estimated else text
    return translate("IntegrationView", "ended %1 ago").replace("%1", left_text(-left))


class WatchModel(RowsTableModel[wd.WatchItem]):
    """One row per failed call, sorted by the cliff; ``now`` decides the time left."""

    def __init__(self, parent: Any = None, tz: tzinfo | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.clock = clock or (lambda: datetime.now(UTC))
        self.threshold = wd.Policy().threshold

        def brush(item: wd.WatchItem) -> QBrush | None:
            if item.stage is wd.Stage.RETRYING:
                return QBrush(RED if item.time_left(self.clock()) <= CLOSE else ORANGE)
            if item.stage is wd.Stage.CALL_AGAIN:
                return QBrush(RED)
            return QBrush(GREY)

        def month_text(item: wd.WatchItem) -> str:
            return f"{item.month_failures:,} / {self.threshold:,}"

        super().__init__(
            [
                Column(lambda: translate("IntegrationView", "Time left"),
                       lambda i: left_cell(i, self.clock()), brush=brush,
                       tooltip=lambda i: translate(
                           "IntegrationView", "* estimated: the message does not say when "
                           "KooGallery's retries end") if i.estimated else ""),
                Column(lambda: translate("IntegrationView", "What happens"), stage_text,
                       brush=brush),
                Column(lambda: translate("IntegrationView", "Activity"),
                       lambda i: term(i.message.activity)),
                Column(lambda: translate("IntegrationView", "Order"),
                       lambda i: i.message.order_id or i.message.instance_id or ""),
                Column(lambda: translate("IntegrationView", "Product"),
                       lambda i: i.product_name or i.message.product_id or ""),
                Column(lambda: translate("IntegrationView", "Failed this month"), month_text,
                       right=True, warn=lambda i: i.month_failures > self.threshold,
                       tooltip=lambda i: translate(
                           "IntegrationView", "Orders of this product whose call failed in %1 "
                           "(Beijing time), against the delisting rule").replace("%1", i.month)),
                Column(lambda: translate("IntegrationView", "Status"),
                       lambda i: term(i.message.status)),
                time_column(lambda: translate("IntegrationView", "Called"),
                            lambda i: i.message.call_time, tz),
                Column(lambda: translate("IntegrationView", "Error"),
                       lambda i: i.message.error_message,
                       tooltip=lambda i: i.message.error_message),
            ],
            parent,
        )

    def key(self, row: wd.WatchItem) -> Any:
        return row.id


class MonthModel(RowsTableModel[wd.ProductMonth]):
    """One row per product with failed orders this Beijing month, the most first."""

    def __init__(self, parent: Any = None) -> None:
        def state(p: wd.ProductMonth) -> str:
            if p.over:
                return translate("IntegrationView", "Over the rule: delisting risk")
            if p.near:
                return translate("IntegrationView", "Near the rule")
            return translate("IntegrationView", "%1 more allowed").replace("%1", f"{p.left:,}")

        super().__init__(
            [
                Column(lambda: translate("IntegrationView", "Product"),
                       lambda p: p.product_name or p.product_id,
                       tooltip=lambda p: p.product_id),
                count_column(lambda: translate("IntegrationView", "Failed orders"),
                             lambda p: p.failures),
                count_column(lambda: translate("IntegrationView", "Delisting above"),
                             lambda p: p.threshold),
                Column(lambda: translate("IntegrationView", "Standing"), state,
                       warn=lambda p: p.over,
                       brush=lambda p: QBrush(ORANGE) if p.near else None),
            ],
            parent,
        )
