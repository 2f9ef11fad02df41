"""The filter bar above the supervision task list: node, whose turn, product type, product class,
sales scenario (赋能云/基地云/其他), overdue, appealed, and a search of ids and names.

Choices for node, type and class come from the cache (``set_choices``); whose turn and the
scenarios are fixed. Typing is debounced; the other controls apply at once.

Signals
-------
``filterChanged(object)``
    The user changed the filter: a :class:`~app.services.supervision.query.TaskFilter`.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from app.services.supervision.query import (
    OTHER_SCENARIO,
    SCENARIOS,
    FilterColumn,
    TaskFilter,
)
from app.views.common.choice_button import ChoiceButton
from app.views.common.filter_bar import TYPING_DELAY_MS, FilterBar
from app.views.common.titles import term
from app.views.i18n import translate
from app.views.supervision import labels

__all__ = ["TYPING_DELAY_MS", "SupervisionFilterBar"]


class SupervisionFilterBar(FilterBar):
    """Filter controls for the task list. See the module docstring for its signal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, search_name="supervisionSearch", search_width=140)
        self.node = ChoiceButton(term, self)
        self.owner = ChoiceButton(labels.owner, self)
        self.owner.set_values(labels.OWNERS)
        self.delivery_type = ChoiceButton(str, self)
        self.product_class = ChoiceButton(term, self)
        self.scenario = ChoiceButton(str, self)
        self.scenario.set_values([*SCENARIOS, OTHER_SCENARIO])
        self.overdue = QCheckBox(self)
        self.overdue.setObjectName("supervisionOverdue")
        self.appealed = QComboBox(self)
        self.appealed.setObjectName("supervisionAppealed")
        for value in ("", "any", "open"):
            self.appealed.addItem("", value)
        self.clear = self.make_clear_button()
        # Two rows, so the area fits a small window beside the navigation.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.search, 1)
        for button in (self.node, self.owner, self.delivery_type):
            first.addWidget(button)
        for widget in (self.product_class, self.scenario, self.overdue, self.appealed, self.clear):
            second.addWidget(widget)
        second.addStretch(1)
        rows.addLayout(first)
        rows.addLayout(second)
        for button in (self.node, self.owner, self.delivery_type, self.product_class,
                       self.scenario):
            button.selectionChanged.connect(self.apply)
        self.overdue.toggled.connect(self.apply)
        self.appealed.activated.connect(self.apply)
        self.retranslate()

    def filter(self) -> TaskFilter:
        return TaskFilter(
            nodes=self.node.selected(), owners=self.owner.selected(),
            delivery_types=self.delivery_type.selected(),
            product_classes=self.product_class.selected(), scenarios=self.scenario.selected(),
            overdue=self.overdue.isChecked(), appealed=str(self.appealed.currentData() or ""),
            text=self.search.text().strip())

    def reset(self) -> None:
        for w in (self.search, self.overdue, self.appealed):
            w.blockSignals(True)
        self.search.clear()
        self.overdue.setChecked(False)
        self.appealed.setCurrentIndex(0)
        for w in (self.search, self.overdue, self.appealed):
            w.blockSignals(False)
        for button in (self.node, self.owner, self.delivery_type, self.product_class,
                       self.scenario):
            button.set_selected(())
        self.apply()

    def set_choices(self, column: FilterColumn, values: Iterable[str]) -> None:
        button = {FilterColumn.NODE: self.node, FilterColumn.DELIVERY_TYPE: self.delivery_type,
                  FilterColumn.PRODUCT_CLASS: self.product_class}.get(column)
        if button is not None:
            button.set_values(values)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(translate("SupervisionFilterBar", "Search task, order, customer or product"))
        self.node.set_title(translate("SupervisionFilterBar", "Node"))
        self.owner.set_title(translate("SupervisionFilterBar", "Whose turn"))
        self.delivery_type.set_title(translate("SupervisionFilterBar", "Product type"))
        self.product_class.set_title(translate("SupervisionFilterBar", "Class"))
        self.scenario.set_title(translate("SupervisionFilterBar", "Scenario"))
        self.overdue.setText(translate("SupervisionFilterBar", "Overdue"))
        self.overdue.setToolTip(translate("SupervisionFilterBar",
            "Open tasks whose current node (the buyer's or yours) has been idle for more than 5 "
            "days"))
        for i, text in enumerate((translate("SupervisionFilterBar", "Appeals: any"), translate("SupervisionFilterBar", "Appealed"),
                                  translate("SupervisionFilterBar", "Appeal open"))):
            self.appealed.setItemText(i, text)
        self.clear.setText(translate("SupervisionFilterBar", "Clear filters"))
