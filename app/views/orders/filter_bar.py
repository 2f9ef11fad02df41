"""The filter bar above the orders table: status, type, charging mode, product, customer, created
dates and free search.

Typing is debounced (:data:`app.views.common.filter_bar.TYPING_DELAY_MS`) so that a burst of keys
makes one query; the choice buttons, dates and Enter apply at once. The bar builds an
:class:`OrderFilter` without a sort (the table's header owns the sort). Choices for status, type,
charging mode and product come from the cache (``set_choices``), loaded by the view on a worker.

Signals
-------
``filterChanged(object)``
    The user changed the filter: an :class:`OrderFilter` (its sort is the default; the view keeps
    its own). Not emitted by :meth:`set_filter`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, tzinfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.orders.query import FilterColumn, OrderFilter
from app.views.common.choice_button import ChoiceButton
from app.views.common.filter_bar import TYPING_DELAY_MS, FilterBar
from app.views.i18n import translate
from app.views.orders.labels import Labels

__all__ = ["NO_DATE", "TYPING_DELAY_MS", "OrdersFilterBar"]
#: The date edits show "Any" (no bound) at their minimum date.
NO_DATE = QDate(2000, 1, 1)


class OrdersFilterBar(FilterBar):
    """Filter controls for the orders table. See the module docstring for its signal."""

    def __init__(self, parent: QWidget | None = None, *, tz: tzinfo | None = None) -> None:
        super().__init__(parent, search_name="ordersSearch", search_width=220)
        self._tz = tz
        self._labels = Labels.current()
        self.status = ChoiceButton(lambda v: self._labels.status(v), self)
        self.order_type = ChoiceButton(lambda v: self._labels.order_type(v), self)
        self.charging_mode = ChoiceButton(lambda v: self._labels.charging_mode(v), self)
        self.product = QComboBox(self)
        self.product.setEditable(True)
        self.product.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.product.setMinimumContentsLength(12)
        self.customer = QLineEdit(self)
        self.customer.setClearButtonEnabled(True)
        self.from_label = QLabel(self)
        self.created_from = self._date_edit()
        self.to_label = QLabel(self)
        self.created_to = self._date_edit()
        self.clear = self.make_clear_button()

        # Two rows, so that the bar fits beside the navigation on a 1280-pixel-wide screen in
        # every language (in one row it made the window wider than 1280): what to look for on
        # the first, when and the clear button on the second.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        first, second = QHBoxLayout(), QHBoxLayout()
        for w in (self.search, self.status, self.order_type, self.charging_mode, self.product,
                  self.customer):
            first.addWidget(w)
        for later in (self.from_label, self.created_from, self.to_label, self.created_to,
                      self.clear):
            second.addWidget(later)
        first.setStretchFactor(self.search, 2)
        first.setStretchFactor(self.customer, 1)
        second.addStretch(1)
        rows.addLayout(first)
        rows.addLayout(second)

        self.customer.textEdited.connect(self.typed)
        self.customer.returnPressed.connect(self.apply)
        self.product.editTextChanged.connect(self.typed)
        self.product.activated.connect(self.apply)
        for button in (self.status, self.order_type, self.charging_mode):
            button.selectionChanged.connect(self.apply)
        self.created_from.dateChanged.connect(self.apply)
        self.created_to.dateChanged.connect(self.apply)
        self.retranslate()

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setDate(NO_DATE)
        return edit

    # -- the filter -------------------------------------------------------------------------------

    def filter(self) -> OrderFilter:
        """What the controls say now (default sort)."""
        return OrderFilter(
            statuses=self.status.selected(),
            order_types=self.order_type.selected(),
            charging_modes=self.charging_mode.selected(),
            product=self.product.currentText().strip(),
            customer=self.customer.text().strip(),
            created_from=self._day_start(self.created_from.date()),
            created_to=self._day_start(self.created_to.date(), next_day=True),
            text=self.search.text().strip(),
        )

    def set_filter(self, f: OrderFilter) -> None:
        """Show ``f`` in the controls without emitting :attr:`filterChanged`."""
        self.stop_typing()
        widgets = (self.search, self.customer, self.product, self.created_from, self.created_to,
                   self.status, self.order_type, self.charging_mode)
        blocked = [w.blockSignals(True) for w in widgets]
        try:
            self.search.setText(f.text)
            self.customer.setText(f.customer)
            self.product.setEditText(f.product)
            self.created_from.setDate(self._to_date(f.created_from))
            self.created_to.setDate(self._to_date(f.created_to, previous_day=True))
            self.status.set_selected(f.statuses)
            self.order_type.set_selected(f.order_types)
            self.charging_mode.set_selected(f.charging_modes)
        finally:
            for w, was in zip(widgets, blocked, strict=True):
                w.blockSignals(was)

    def reset(self) -> None:
        """Clear every control and apply (the "clear filters" button)."""
        self.set_filter(OrderFilter())
        self.apply()

    def set_choices(self, column: FilterColumn, values: Iterable[str]) -> None:
        """Offer ``values`` (from the cache) for ``column``."""
        values = list(values)
        if column is FilterColumn.STATUS:
            self.status.set_values(values)
        elif column is FilterColumn.ORDER_TYPE:
            self.order_type.set_values(values)
        elif column is FilterColumn.CHARGING_MODE:
            self.charging_mode.set_values(values)
        elif column is FilterColumn.PRODUCT:
            text = self.product.currentText()
            self.product.blockSignals(True)
            try:
                self.product.clear()
                self.product.addItems(["", *values])
                self.product.setEditText(text)
            finally:
                self.product.blockSignals(False)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- dates in the user's zone -----------------------------------------------------------------

    def _day_start(self, day: QDate, next_day: bool = False) -> datetime | None:
        if day == NO_DATE:
            return None
        if next_day:
            day = day.addDays(1)
        local = datetime.combine(date(day.year(), day.month(), day.day()), time(0, 0))
        return local.replace(tzinfo=self._tz) if self._tz else local.astimezone()

    def _to_date(self, when: datetime | None, previous_day: bool = False) -> QDate:
        if when is None:
            return NO_DATE
        local = when.astimezone(self._tz)
        day = QDate(local.year, local.month, local.day)
        return day.addDays(-1) if previous_day else day

    # -- text -------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._labels = Labels.current()
        self.search.setPlaceholderText(translate("OrdersFilterBar", "Search order ID, customer or product"))
        self.search.setToolTip(translate("OrdersFilterBar",
            "Every word must match: part of a customer or product name, or the start of an "
            "order ID or customer ID"))
        self.status.set_title(translate("OrdersFilterBar", "Status"))
        self.order_type.set_title(translate("OrdersFilterBar", "Type"))
        self.charging_mode.set_title(translate("OrdersFilterBar", "Charging mode"))
        editor = self.product.lineEdit()
        if editor is not None:  # the product box is editable: it has one
            editor.setPlaceholderText(translate("OrdersFilterBar", "Product"))
        self.product.setToolTip(translate("OrdersFilterBar", "A product ID, or part of a product name"))
        self.customer.setPlaceholderText(translate("OrdersFilterBar", "Customer"))
        self.customer.setToolTip(translate("OrdersFilterBar", "Part of the customer's name or account, or a customer ID"))
        self.from_label.setText(translate("OrdersFilterBar", "Created from"))
        self.to_label.setText(translate("OrdersFilterBar", "to"))
        for edit in (self.created_from, self.created_to):
            edit.setSpecialValueText(translate("OrdersFilterBar", "Any"))
        self.clear.setText(translate("OrdersFilterBar", "Clear filters"))
