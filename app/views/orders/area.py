"""The Orders area's place in the window, so the window treats it like every other area.

The Orders view (``app.views.orders.view.OrdersView``) needs an open cache to exist. Its host is
in the window from the start: it shows "Opening the cache…" until the first engine arrives, then
builds the view (restoring its saved state) and passes later engines on. Requests that arrive
before the view exists (open this order, show the orders in progress) are kept and run once it does.

Signals of :class:`OrdersArea`
------------------------------
``openRecord(str, str)``
    ``("supervision_task", task id)`` when the user asks for an order's supervision task.
``titleChanged()``
    The navigation title changed (the number of orders shown).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget
from sqlalchemy import Engine

from app.services.figures.dashboard import ORDER_IN_PROGRESS
from app.services.orders.query import OrderFilter
from app.views.bridge import Bridge
from app.views.common.retranslating import Retranslating
from app.views.i18n import translate
from app.views.orders.view import OrdersView

log = logging.getLogger("seller_console.views")


class OrdersArea(Retranslating, QWidget):
    """The Orders area's place in the window."""

    openRecord = Signal(str, str)
    titleChanged = Signal()

    def __init__(self, bridge: Bridge, state: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ordersArea")
        self._bridge = bridge
        self._state = state
        self.view: OrdersView | None = None
        self._count: int | None = None
        self._pending: list[Callable[[OrdersView], None]] = []
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.placeholder)
        self.retranslate()

    @property
    def available(self) -> bool:
        """True once a cache is open and the view exists."""
        return self.view is not None

    def title(self) -> str:
        if self._count is None:
            return translate("OrdersArea", "Orders")
        return translate("OrdersArea", "Orders (%1)").replace("%1", f"{self._count:,}")

    def set_engine(self, engine: Engine | None) -> None:
        """Build the view with the first cache, pass later ones on; None shows "Opening…"."""
        if engine is None:
            self.stack.setCurrentWidget(self.placeholder)
            if self._count is not None:
                self._count = None
                self.titleChanged.emit()
            return
        if self.view is None:
            self.view = OrdersView(engine, self._bridge, self._state, self)
            self.view.restore_state()
            self.view.supervisionTaskRequested.connect(
                lambda task_id: self.openRecord.emit("supervision_task", str(task_id))
            )
            self.view.detail.billingDiagnosisRequested.connect(
                lambda order_id: self.openRecord.emit("billing_diagnosis", str(order_id)))
            self.view.countChanged.connect(self._on_count)
            self.view.countUnknown.connect(self._on_count_unknown)
            self.stack.addWidget(self.view)
        else:
            self.view.set_engine(engine)
        self.stack.setCurrentWidget(self.view)
        pending, self._pending = self._pending, []
        for request in pending:
            request(self.view)

    def open_order(self, order_id: str) -> None:
        self._when_ready(lambda view: view.open_order(order_id))

    def show_in_progress(self) -> None:
        """Show the orders in 处理中 (the dashboard's first tile), newest first."""
        in_progress = OrderFilter(statuses=frozenset({ORDER_IN_PROGRESS}))
        self._when_ready(lambda view: view.apply_filter(in_progress))

    def search_has_focus(self) -> bool:
        """Whether the orders' own search field has the keyboard focus."""
        return self.view is not None and self.view.filter_bar.search.hasFocus()

    def focus_search(self) -> None:
        self._when_ready(lambda view: view.focus_search())

    def save_state(self) -> None:
        if self.view is not None:
            self.view.save_state()

    def restore_state(self) -> None:
        if self.view is not None:
            self.view.restore_state()

    def _when_ready(self, request: Callable[[OrdersView], None]) -> None:
        if self.view is not None and self.stack.currentWidget() is self.view:
            request(self.view)
        else:
            self._pending.append(request)

    def _on_count_unknown(self) -> None:
        # A hidden view re-counts only when shown: until then its number would be out of date.
        if self._count is not None:
            self._count = None
            self.titleChanged.emit()

    def _on_count(self, count: int) -> None:
        self._count = count
        self.titleChanged.emit()

    def retranslate(self) -> None:
        self.placeholder.setText(translate("OrdersArea", "Opening the cache…"))
