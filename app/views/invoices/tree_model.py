"""The Invoices tree: invoice notices (开票通知) at the top level, their drafts below.

A cache holds one notice per bill awaiting an invoice, a few a month, so the whole list is loaded
at once on a worker (``drafts.list_notices``) and handed over with :meth:`InvoiceTreeModel.
set_rows`; no lazy loading is needed. Rows are found again by id after a reload (notice id, draft
id), which is how the view keeps the selection.

Columns: 申付单号 (or the draft's form and rate), 对账期次, 开票金额 (or the draft's total),
currency, the Huawei contracting entity, the tax rates, the bill status (or the draft's state).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.models.invoices import SOURCE_CUSTOMER, SOURCE_NOTICE
from app.services.invoices import customer
from app.services.invoices.data import DraftData, NoticeFacts
from app.services.invoices.drafts import NoticeRow
from app.services.invoices.rules import fmt_amount, fmt_rate
from app.views.i18n import format_local_time, translate
from app.views.invoices.labels import form_text, state_text

COLUMNS = ("requisition", "period", "amount", "currency", "entity", "rates", "status")
#: A customer's invoice request (给用户开票, §6.5): the request, order, title, what was asked
#: for, by when the seller invoices (7 Beijing days) and the request's status.
CUSTOMER_COLUMNS = ("request", "due", "status", "amount", "kind", "title", "order")
_HEADERS = {
    "requisition": lambda: translate("InvoiceTreeModel", "Requisition No. (申付单号)"),
    "period": lambda: translate("InvoiceTreeModel", "Period (对账期次)"),
    "amount": lambda: translate("InvoiceTreeModel", "Invoice amount"),
    "currency": lambda: translate("InvoiceTreeModel", "Currency"),
    "entity": lambda: translate("InvoiceTreeModel", "Invoice to"),
    "rates": lambda: translate("InvoiceTreeModel", "Tax rates"),
    "status": lambda: translate("InvoiceTreeModel", "Bill status / draft"),
    "request": lambda: translate("InvoiceTreeModel", "Request / draft"),
    "order": lambda: translate("InvoiceTreeModel", "Order"),
    "title": lambda: translate("InvoiceTreeModel", "Invoice title (抬头)"),
    "kind": lambda: translate("InvoiceTreeModel", "Invoice type"),
    "due": lambda: translate("InvoiceTreeModel", "Invoice by"),
}
#: Role holding ("notice", notice id) or ("draft", draft id) for every row.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
_TOP = 0xFFFFFFFF  # internal id of top-level rows; a draft row's id is its notice's row number
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class InvoiceTreeModel(QAbstractItemModel):
    """Notices and their drafts. Read-only; refilled with :meth:`set_rows`."""

    def __init__(self, parent: QObject | None = None, source: str = SOURCE_NOTICE) -> None:
        super().__init__(parent)
        self._rows: list[NoticeRow] = []
        self.columns = CUSTOMER_COLUMNS if source == SOURCE_CUSTOMER else COLUMNS

    # -- data in ---------------------------------------------------------------------------------

    def set_rows(self, rows: list[NoticeRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[NoticeRow]:
        return list(self._rows)

    # -- lookup ----------------------------------------------------------------------------------

    def notice_at(self, index: QModelIndex | QPersistentModelIndex) -> NoticeFacts | None:
        row = self._row_of(index)
        return row.notice if row is not None else None

    def draft_at(self, index: QModelIndex | QPersistentModelIndex) -> DraftData | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        return self._rows[index.internalId()].drafts[index.row()]

    def drafts_of(self, index: QModelIndex | QPersistentModelIndex) -> tuple[DraftData, ...]:
        """The draft of a draft row, or every draft of a notice row."""
        draft = self.draft_at(index)
        if draft is not None:
            return (draft,)
        row = self._row_of(index)
        return row.drafts if row is not None else ()

    def index_of(self, kind: str, key: str) -> QModelIndex:
        """The row of ("notice", id) or ("draft", id); invalid if it is gone."""
        for n, row in enumerate(self._rows):
            if kind == "notice" and row.notice.notice_id == key:
                return self.index(n, 0)
            if kind == "draft":
                for m, draft in enumerate(row.drafts):
                    if draft.id == key:
                        return self.index(m, 0, self.index(n, 0))
        return QModelIndex()

    def _row_of(self, index: QModelIndex | QPersistentModelIndex) -> NoticeRow | None:
        if not index.isValid():
            return None
        top = index.row() if index.internalId() == _TOP else index.internalId()
        return self._rows[top] if 0 <= top < len(self._rows) else None

    # -- QAbstractItemModel ----------------------------------------------------------------------

    def index(
        self,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008 - Qt's signature
    ) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row())

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _TOP)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self._rows)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self._rows[parent.row()].drafts)
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.columns)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            if self.columns is CUSTOMER_COLUMNS and self.columns[section] == "status":
                return translate("InvoiceTreeModel", "Request status / draft")
            return _HEADERS[self.columns[section]]()
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        draft = self.draft_at(index)
        row = self._row_of(index)
        if row is None:
            return None
        if role == KEY_ROLE:
            return ("draft", draft.id) if draft is not None else ("notice", row.notice.notice_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self._draft_text(draft, column)
                if draft is not None
                else self._notice_text(row, column)
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "amount":
            return _ALIGN_RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and draft is not None and draft.last_error:
            return draft.last_error
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and draft is not None
            and draft.state == "refused"
        ):
            return QBrush(QColor(200, 30, 30))
        if role == Qt.ItemDataRole.ForegroundRole and draft is None and column == "due":
            due = _due(row.notice)
            if due is not None and due <= datetime.now(UTC) + timedelta(days=1):
                return QBrush(QColor(200, 30, 30))  # overdue or due within a day
        return None

    @staticmethod
    def _notice_text(row: NoticeRow, column: str) -> str:
        n = row.notice
        values = {
            "requisition": n.requisition_no,
            "period": n.period,
            "amount": fmt_amount(n.invoice_amount),
            "currency": n.currency_code,
            "entity": n.entity_name,
            "rates": ", ".join(fmt_rate(r) for r in n.tax_rates),
            "status": n.bill_status,
            "request": n.notice_id,
            "order": n.bill_id,
            "title": n.entity_name,
            "kind": " · ".join(x for x in (n.invoice_kind, n.medium) if x),
            "due": _due_text(n),
        }
        return values[column]

    @staticmethod
    def _draft_text(d: DraftData, column: str) -> str:
        if column in ("requisition", "request"):
            return (
                translate("InvoiceTreeModel", "%1 at %2")
                .replace("%1", form_text(d.form))
                .replace("%2", fmt_rate(d.tax_rate))
            )
        if column == "amount":
            return fmt_amount(d.total_amount)
        if column == "currency":
            return d.currency_code
        if column == "status":
            number = f" · {d.invoice_no}" if d.invoice_no else ""
            return state_text(d.state) + number
        if column in ("entity", "title"):
            return d.buyer_name
        if column == "rates":
            return fmt_rate(d.tax_rate)
        if column in ("order", "kind", "due"):
            return ""
        return d.period


def _due(n: NoticeFacts) -> datetime | None:
    """When a waiting customer request must be invoiced (§6.5); None once answered."""
    if n.source != SOURCE_CUSTOMER or n.bill_status not in customer.RULES.pending:
        return None
    return customer.due(n.issue_time)


def _due_text(n: NoticeFacts) -> str:
    due = _due(n)
    return format_local_time(due) if due is not None else "—"
