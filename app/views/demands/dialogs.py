"""Small dialogs of the Demands area: a text (reject reason, progress), the solution, closing.

Each dialog validates what it can before it closes (a reason or a text is required, every
solution line needs a product and a quantity of at least 1); the caller queues the action.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.models.demands import Demand
from app.services.demands.actions import RESULTS, SolutionItem
from app.views.common.forms import OK_CANCEL, button_row, dialog_buttons, message_label, stack
from app.views.i18n import translate


class _Base(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = stack(self)
        self.problem = message_label(self, "problem", "color: #c62828")
        self.buttons = dialog_buttons(self, OK_CANCEL, self._check_and_accept)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.problem)
        self.layout_.addWidget(self.buttons)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def problem_text(self) -> str:
        return ""

    def _check_and_accept(self) -> None:
        problem = self.problem_text()
        if problem:
            self.show_problem(problem)
            return
        self.accept()


class TextDialog(_Base):
    """One required text: a rejection reason or a progress note."""

    def __init__(self, title: str, label: str, required: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._required = required
        self.layout_.addWidget(QLabel(label, self))
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("text")
        self.layout_.addWidget(self.text)
        self.finish_layout()
        self.resize(self.fontMetrics().horizontalAdvance("M") * 40, self.sizeHint().height())

    def value(self) -> str:
        return self.text.toPlainText().strip()

    def problem_text(self) -> str:
        return "" if self.value() else self._required


class SolutionDialog(_Base):
    """需求方案: the product specifications the customer will buy."""

    def __init__(self, demand: Demand, parent: QWidget | None = None) -> None:
        super().__init__(translate("DemandDialogs", "Edit the solution (需求方案)"), parent)
        self._product_id = demand.product_id or ""
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("solution")
        self.table.setHorizontalHeaderLabels([
            translate("DemandDialogs", "Product"), translate("DemandDialogs", "Specification"),
            translate("DemandDialogs", "Quantity")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        items = demand.solution or [{"productId": demand.product_id,
                                     "productName": demand.product_name or "",
                                     "skuName": "", "quantity": 1}]
        for item in items:
            self.add_row(str(item.get("productName") or ""), str(item.get("skuName") or ""),
                         int(item.get("quantity") or 1), str(item.get("productId") or ""))
        add = QPushButton(translate("DemandDialogs", "Add line"), self)
        add.clicked.connect(lambda: self.add_row(demand.product_name or "", "", 1,
                                                 self._product_id))
        remove = QPushButton(translate("DemandDialogs", "Remove line"), self)
        remove.clicked.connect(self._remove)
        self.layout_.addWidget(self.table)
        self.layout_.addLayout(button_row(add, remove))
        self.finish_layout()
        self.resize(self.fontMetrics().horizontalAdvance("M") * 48, 320)

    def add_row(self, product: str, sku: str, quantity: int, product_id: str = "") -> None:
        n = self.table.rowCount()
        self.table.insertRow(n)
        name = QTableWidgetItem(product)
        name.setData(256, product_id)  # Qt.UserRole
        self.table.setItem(n, 0, name)
        self.table.setItem(n, 1, QTableWidgetItem(sku))
        spin = QSpinBox(self.table)
        spin.setRange(0, 1_000_000)
        spin.setValue(quantity)
        self.table.setCellWidget(n, 2, spin)

    def _remove(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.table.removeRow(r)

    def items(self) -> list[SolutionItem]:
        out = []
        for r in range(self.table.rowCount()):
            name = self.table.item(r, 0)
            sku = self.table.item(r, 1)
            spin = self.table.cellWidget(r, 2)
            quantity = spin.value() if isinstance(spin, QSpinBox) else 0
            out.append(SolutionItem(str(name.data(256) or "") if name else "",
                                    name.text().strip() if name else "",
                                    sku.text().strip() if sku else "", quantity))
        return out

    def problem_text(self) -> str:
        items = self.items()
        if not items:
            return translate("DemandDialogs", "Add at least one product specification.")
        for n, item in enumerate(items, 1):
            if not item.product_name:
                return translate("DemandDialogs", "Line %1 needs a product name.").replace(
                    "%1", str(n))
            if item.quantity < 1:
                return translate("DemandDialogs", "Line %1: the quantity must be at least 1."
                                 ).replace("%1", str(n))
        return ""


class CloseDialog(_Base):
    """关闭: with a result, 转化成功 or 转化失败, and an optional comment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("DemandDialogs", "Close the demand"), parent)
        self.layout_.addWidget(QLabel(translate("DemandDialogs", "Result of the conversion:"),
                                      self))
        self.group = QButtonGroup(self)
        labels = (translate("DemandDialogs", "Converted (转化成功)"),
                  translate("DemandDialogs", "Not converted (转化失败)"))
        self.options: list[QRadioButton] = []
        for n, text in enumerate(labels):
            button = QRadioButton(text, self)
            self.group.addButton(button, n)
            self.options.append(button)
            self.layout_.addWidget(button)
        self.comment = QLineEdit(self)
        self.comment.setPlaceholderText(translate("DemandDialogs", "Comment (optional)"))
        self.layout_.addWidget(self.comment)
        self.finish_layout()

    def result_value(self) -> str:
        checked = self.group.checkedId()
        return RESULTS[checked] if checked >= 0 else ""

    def problem_text(self) -> str:
        return "" if self.result_value() else translate("DemandDialogs", "Choose the result.")


#: The base of the area's dialogs (a problem line, OK/Cancel that checks first), for other areas.
CheckedDialog = _Base
