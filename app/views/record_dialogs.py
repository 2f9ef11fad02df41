"""Read-only dialogs for records whose own area does not exist yet: one record's details, and a
list of records (the records behind a dashboard figure).

Both load their data on the bridge's read lane and show "Loading…" meanwhile. Values are shown in
the user's terms: times in local time, amounts exact with their currency, yes/no for flags. Rows
and fields can be copied (Ctrl+C copies the selected rows as tab-separated text, ready for a
spreadsheet). Enter on a row opens it; Esc closes the dialog.

Signals of :class:`RecordListDialog`
------------------------------------
``openRequested(str, str)``
    ``(kind, record id)`` of the row the user opened (Enter or double-click).
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QWidget,
)
from sqlalchemy import Engine

from app.services.figures.dashboard import RecordList, Tile, format_amount, tile_records
from app.services.orders.search import HitKind, RecordDetails, record_details
from app.views.bridge import Bridge
from app.views.common.forms import Button, dialog_buttons, stack
from app.views.common.retranslating import Retranslating
from app.views.common.titles import record_title, term
from app.views.i18n import format_local_time, translate

DASH = "—"


def field_label(key: str) -> str:
    """The translated label of a record field or list column (keys of app.services)."""
    labels = {
        "id": translate("Records", "ID"),
        "order": translate("Records", "Order"),
        "order_id": translate("Records", "Order ID"),
        "order_line_id": translate("Records", "Order line"),
        "order_status": translate("Records", "Order status"),
        "order_type": translate("Records", "Order type"),
        "total_amount": translate("Records", "Amount"),
        "amount": translate("Records", "Amount"),
        "order_amount": translate("Records", "Order amount"),
        "create_time": translate("Records", "Created"),
        "created": translate("Records", "Created"),
        "pay_time": translate("Records", "Paid"),
        "customer": translate("Records", "Customer"),
        "customer_name": translate("Records", "Customer"),
        "customer_id": translate("Records", "Customer ID"),
        "customer_real_name": translate("Records", "Customer name"),
        "product": translate("Records", "Product"),
        "product_name": translate("Records", "Product"),
        "sku_name": translate("Records", "Specification"),
        "charging_mode": translate("Records", "Charging mode"),
        "product_class": translate("Records", "Product category"),
        "delivery_type": translate("Records", "Delivery type"),
        "supervision_status": translate("Records", "Supervision status"),
        "partner_name": translate("Records", "Partner"),
        "instance_id": translate("Records", "Instance ID"),
        "status": translate("Records", "Status"),
        "node": translate("Records", "Current node"),
        "node_owner": translate("Records", "Waiting on"),
        "node_entered_time": translate("Records", "Node since"),
        "waiting_since": translate("Records", "Waiting since"),
        "frozen": translate("Records", "Frozen by an appeal"),
        "sales_scenario": translate("Records", "Sales scenario"),
        "order_time": translate("Records", "Ordered"),
        "buyer_reject_count": translate("Records", "Rejected by the buyer"),
        "seller_reject_count": translate("Records", "Rejected by the seller"),
        "demand": translate("Records", "Demand"),
        "name": translate("Records", "Demand"),
        "assign_time": translate("Records", "Assigned"),
        "accept_deadline": translate("Records", "Accept by"),
        "expected_sign_date": translate("Records", "Expected signing"),
        "demand_type": translate("Records", "Demand type"),
        "delivery_mode": translate("Records", "Delivery mode"),
        "sales_contact": translate("Records", "Sales contact"),
        "sales_phone": translate("Records", "Sales phone"),
        "main_appeal": translate("Records", "Main request"),
        "description": translate("Records", "Description"),
        "period": translate("Records", "Period"),
        "category": translate("Records", "Category"),
        "requisition_no": translate("Records", "Payment request no."),
        "expire_time": translate("Records", "Expires"),
        "time": translate("Records", "Time"),
        "actor_role": translate("Records", "By"),
        "action": translate("Records", "Action"),
        "to_node": translate("Records", "To node"),
        "comment": translate("Records", "Comment"),
    }
    return labels.get(key, key.replace("_", " "))


def format_value(value: Any, key: str = "") -> str:
    """A cached value as the user reads it; a marketplace value (status, node, code) in the
    interface language (docs/terms.md), ``key`` naming the field where the words depend on it."""
    if value is None or value == "":
        return DASH
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], Decimal):
        return format_amount(value[0], str(value[1]))
    if isinstance(value, bool):
        return translate("Records", "Yes") if value else translate("Records", "No")
    if isinstance(value, datetime):
        return format_local_time(value)
    if isinstance(value, Decimal):
        return f"{value:,}"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    owners = {
        "seller": translate("Records", "you (the seller)"),
        "buyer": translate("Records", "the buyer"),
        "platform": translate("Records", "the platform"),
        "system": translate("Records", "the system"),
        "none": translate("Records", "nobody (complete)"),
    }
    if not isinstance(value, str):
        return str(value)
    if value in owners:
        return owners[value]
    if key in ("order_status", "order_type"):
        from app.views.orders.labels import Labels

        labels = Labels.current()
        return labels.status(value) if key == "order_status" else labels.order_type(value)
    return term(value)


def _is_money(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], Decimal)


def read_only_table(parent: QWidget, name: str, model: QStandardItemModel) -> QTableView:
    """A table of ``model`` named ``name`` that cannot be edited: whole rows are selected, no
    row numbers."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    return table


class RecordDetailsDialog(Retranslating, QDialog):
    """One order, supervision task or demand, read-only."""

    def __init__(
        self,
        bridge: Bridge,
        engine: Engine,
        kind: str,
        record_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordDetailsDialog")
        self._kind = kind
        self._record_id = record_id
        self._details: RecordDetails | None = None
        self._missing = False
        self.status = QLabel(self)
        self.status.setObjectName("detailsStatus")
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.lines_model = QStandardItemModel(self)
        self.lines = read_only_table(self, "detailsLines", self.lines_model)
        self.lines.setVisible(False)
        self.lines_title = QLabel(self)
        self.lines_title.setVisible(False)
        self.buttons = dialog_buttons(self, Button.Close)
        self.copy_button = QPushButton(self)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        stack(self, self.status, (scroll, 2), self.lines_title, (self.lines, 1), self.buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 64, self.fontMetrics().height() * 44)
        self.retranslate()
        bridge.run(
            lambda ctx: record_details(engine, HitKind(kind), record_id),
            name=f"details of {kind} {record_id}",
            owner=self,
            on_success=self._loaded,
            on_failure=lambda exc: self._failed(str(exc)),
        )

    def retranslate(self) -> None:
        self.setWindowTitle(
            translate("RecordDetailsDialog", "%1 %2").replace("%1", record_title(self._kind)).replace("%2", self._record_id)
        )
        self.copy_button.setText(translate("RecordDetailsDialog", "Copy All"))
        if self._details is None:
            self.status.setText(
                translate("RecordDetailsDialog", "This record is not in the cache. Sync, then try again.")
                if self._missing
                else translate("RecordDetailsDialog", "Loading…")
            )
        else:
            self.status.setText(translate("RecordDetailsDialog", "Read-only: as last synced from the marketplace."))
            self._fill(self._details)

    def _loaded(self, details: RecordDetails | None) -> None:
        self._details = details
        self._missing = details is None
        self.retranslate()

    def _failed(self, message: str) -> None:
        self.status.setText(translate("RecordDetailsDialog", "The record could not be read: %1").replace("%1", message))

    def _fill(self, details: RecordDetails) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        for key, value in details.fields:
            label = QLabel(format_value(value, key))
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(field_label(key), label)
        self.lines_model.clear()
        if details.lines:
            keys = [k for k, _v in details.lines[0]]
            self.lines_model.setHorizontalHeaderLabels([field_label(k) for k in keys])
            for line in details.lines:
                self.lines_model.appendRow([_item(v, k) for k, v in line])
            self.lines.resizeColumnsToContents()
            self.lines.horizontalHeader().setStretchLastSection(True)
            self.lines_title.setText(
                translate("RecordDetailsDialog", "Order lines")
                if details.kind is HitKind.ORDER
                else translate("RecordDetailsDialog", "Operation log")
            )
        self.lines.setVisible(bool(details.lines))
        self.lines_title.setVisible(bool(details.lines))

    def text(self) -> str:
        """Everything shown, as text (what Copy All copies)."""
        if self._details is None:
            return ""
        out = [f"{field_label(k)}\t{format_value(v, k)}" for k, v in self._details.fields]
        for line in self._details.lines:
            out.append("\t".join(format_value(v, k) for k, v in line))
        return "\n".join(out)

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.text())


def _item(value: Any, key: str = "") -> QStandardItem:
    item = QStandardItem(format_value(value, key))
    item.setEditable(False)
    if _is_money(value) or isinstance(value, int | Decimal) and not isinstance(value, bool):
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def tile_title(tile: Tile) -> str:
    """The translated title of a dashboard figure."""
    titles = {
        Tile.ORDERS_IN_PROGRESS: translate("Dashboard", "Orders in progress"),
        Tile.TASKS_WAITING: translate("Dashboard", "Supervision tasks waiting on you"),
        Tile.DEMANDS_CLOSING: translate("Dashboard", "Demands about to close"),
        Tile.BILLS_TO_INVOICE: translate("Dashboard", "Bills to invoice"),
    }
    return titles[tile]


ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordListDialog(Retranslating, QDialog):
    """The records behind a dashboard figure, read-only, most urgent first."""

    openRequested = Signal(str, str)

    def __init__(
        self, bridge: Bridge, engine: Engine, tile: Tile, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordListDialog")
        self._tile = tile
        self._records: RecordList | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("listSummary")
        self.model = QStandardItemModel(self)
        self.table = read_only_table(self, "recordTable", self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        QShortcut(QKeySequence.StandardKey.Copy, self.table, self.copy_selection)
        self.buttons = dialog_buttons(self, Button.Close)
        # Enter in the table opens the row (QTableView.activated), never the dialog's default.
        self.buttons.button(Button.Close).setAutoDefault(False)
        stack(self, self.summary, (self.table, 1), self.buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 84, self.fontMetrics().height() * 36)
        self.retranslate()
        bridge.run(
            lambda ctx: tile_records(engine, tile),
            name=f"records of {tile.value}",
            owner=self,
            on_success=self._loaded,
            on_failure=lambda exc: self.summary.setText(str(exc)),
        )

    @property
    def records(self) -> RecordList | None:
        return self._records

    def retranslate(self) -> None:
        self.setWindowTitle(tile_title(self._tile))
        records = self._records
        if records is None:
            self.summary.setText(translate("RecordListDialog", "Loading…"))
            return
        self.model.setHorizontalHeaderLabels([field_label(c) for c in records.columns])
        openable = records.kind != "bill"
        hint = translate("RecordListDialog", "Press Enter or double-click to open a record.") if openable else ""
        if records.total > len(records.rows):
            text = translate("RecordListDialog", "Showing the first %1 of %2 records.")
            text = text.replace("%1", f"{len(records.rows):,}").replace("%2", f"{records.total:,}")
        elif records.total == 0:
            text, hint = translate("RecordListDialog", "Nothing here right now."), ""
        else:
            text = translate("RecordListDialog", "%Ln record(s).", "", records.total)
        # Chinese sentences end in a full-width stop and need no space before the next one.
        separator = "" if QLocale().language() == QLocale.Language.Chinese else " "
        self.summary.setText(separator.join(t for t in (text, hint) if t))

    def _loaded(self, records: RecordList) -> None:
        self._records = records
        self.model.clear()
        for row in records.rows:
            items = [_item(v) for v in row]
            items[0].setData(str(row[0]), ID_ROLE)
            self.model.appendRow(items)
        self.retranslate()
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # With no rows the headers would shrink to their titles: let them span the table.
        header.setStretchLastSection(not records.rows)
        self._fit_width()
        if records.rows:
            self.table.selectRow(0)
            self.table.setFocus()

    def _fit_width(self) -> None:
        """Widen the dialog to show every column, within nine tenths of the screen."""
        header = self.table.horizontalHeader()
        columns = sum(header.sectionSize(c) for c in range(header.count()))
        chrome = self.width() - self.table.viewport().width()
        scrollbar = self.table.verticalScrollBar().sizeHint().width()
        wanted = columns + chrome + scrollbar + 4
        available = self.screen().availableGeometry().width() * 9 // 10
        if wanted > self.width():
            self.resize(min(wanted, available), self.height())

    def _open(self, index: QModelIndex) -> None:
        if self._records is None or self._records.kind == "bill" or not index.isValid():
            return
        record_id = self.model.index(index.row(), 0).data(ID_ROLE)
        if record_id:
            self.openRequested.emit(self._records.kind, str(record_id))

    def copy_selection(self) -> None:
        """Copy the selected rows (with the header) as tab-separated text."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        if not rows:
            return
        columns = range(self.model.columnCount())
        header = "\t".join(
            str(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in columns
        )
        lines = ["\t".join(str(self.model.index(r, c).data()) for c in columns) for r in rows]
        QGuiApplication.clipboard().setText("\n".join([header, *lines]))
