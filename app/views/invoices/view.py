"""The Invoices area (发票): notices to invoice, their drafts, printing and submitting.

The tree lists every invoice notice (开票通知) of the cache with 申付单号, 对账期次, 开票金额,
currency, the Huawei entity, the tax rates and the bill status; each notice's drafts hang below
it. The pane on the right shows the selected notice (entity, address, mailbox, 开票清单 lines)
and whether its drafts cover it.

Actions (toolbar, context menu; several rows may be selected):

* Create Drafts: one per tax rate of each selected notice, filled from it and the company profile;
* Edit: the draft editor, with each problem next to its field;
* Print Preview / Print / Save as PDF: the selected invoices (a selected notice means all its
  drafts) in one document with each notice's 开票清单; refused while a draft has an error or an
  unacknowledged warning, naming them;
* Record and Submit: invoice number, date and courier number, then the outbox (sent at once when
  the marketplace answers); Send Waiting: send what waits in the outbox after an offline submit;
* Delete, Company Profile.

Three tabs, one view class (``source``): the invoice notices (开票通知, the seller's invoices to
Huawei), the 客户服务商 bills (the partner's 专票 to Huawei with the 开票清单 of the bill's lines, §7)
and the customers' invoice requests (给用户开票, §6.5: made out to the request's title for the
full order amount, due 7 Beijing days after the request; Return… and Revoke… go through the
outbox). Drafts, checks, PDFs and submitting are the same for all three. Record Red-Letter…
cancels an issued invoice that was sent back (退票) with a red-letter one (红字, §6.3) and makes
the new draft.

Everything that touches the cache or renders runs on the bridge; problems are shown in the
message line above the tree (never as a traceback). Nothing here blocks on the network.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QInputDialog,
    QLabel,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models.invoices import SOURCE_CUSTOMER, SOURCE_NOTICE, SOURCE_PARTNER
from app.services.figures.dashboard import BILL_TO_INVOICE
from app.services.invoices import customer, platform_fee
from app.services.invoices import drafts as store
from app.services.invoices.customer import CustomerAction
from app.services.invoices.data import Company, DraftData, NoticeFacts
from app.views.bridge import Bridge, Lane, TaskContext
from app.views.change_watcher import ChangeWatcher
from app.views.context import AreaWorkspace
from app.views.i18n import translate
from app.views.invoices import actions
from app.views.invoices.company_dialog import CompanyDialog
from app.views.invoices.detail import notice_html
from app.views.invoices.editor import DraftEditor
from app.views.invoices.labels import customer_refusal_text, platform_fee_refusal_text
from app.views.invoices.platform_fee_dialog import PlatformFeeDialog
from app.views.invoices.print_actions import PrintActions
from app.views.invoices.red_letter_dialog import RedLetterDialog
from app.views.invoices.submit_dialog import SubmitDialog
from app.views.invoices.tree_model import KEY_ROLE, InvoiceTreeModel

if TYPE_CHECKING:
    # reportlab (under the renderer) is loaded on the first PDF, not when the window starts.
    from app.services.invoices.render import Renderer

log = logging.getLogger("seller_console.views")

#: Collections whose change makes the list stale.
WATCHED = frozenset({"invoice_notices", "bills", "invoice_drafts", "company_profile", "outbox",
                     "partner_bills", "customer_invoices"})
REFRESH_DELAY_MS = 200


class InvoicesView(PrintActions, QWidget):
    """The Invoices area; follows the workspace's cache (``engineChanged``)."""

    def __init__(self, bridge: Bridge, workspace: AreaWorkspace, parent: QWidget | None = None,
                 source: str = SOURCE_NOTICE) -> None:
        super().__init__(parent)
        self.source = source
        self.setObjectName("invoicesView" if source == SOURCE_NOTICE else f"invoicesView_{source}")
        self.bridge = bridge
        self.workspace = workspace
        self.engine: Engine | None = None
        self.company = Company()
        self._renderer: Renderer | None = None
        self.model = InvoiceTreeModel(self, source)
        self.tree = QTreeView(self)
        self.tree.setObjectName("invoiceTree")
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.doubleClicked.connect(self._on_double_click)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection)
        self.tree.selectionModel().currentChanged.connect(self._on_selection)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("invoiceDetail")
        self.message = QLabel(self)
        self.message.setObjectName("invoiceMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.toolbar = QToolBar(self)
        self.actions_by_name: dict[str, QAction] = {}
        for name, slot in (
            ("create", self.create_drafts),
            ("edit", self.edit_selected),
            ("preview", self.preview),
            ("print", self.print_selected),
            ("pdf", self.save_pdf),
            ("submit", self.submit_selected),
            ("send", self.send_waiting),
            ("delete", self.delete_selected),
            ("red_letter", self.red_letter_selected),
            *((("return", self.return_selected), ("revoke", self.revoke_selected))
              if source == SOURCE_CUSTOMER else ()),
            (None, None),
            ("company", self.open_company),
        ):
            if name is None or slot is None:
                self.toolbar.addSeparator()
                continue
            act = QAction(self)
            act.setObjectName(f"invoiceAction_{name}")
            act.triggered.connect(lambda _checked=False, s=slot: s())
            self.toolbar.addAction(act)
            self.actions_by_name[name] = act
        self.toolbar.addSeparator()
        # 待开票: the notices whose bill still waits for the seller's invoice.
        self.waiting_only = QCheckBox(self.toolbar)
        self.waiting_only.setObjectName("invoicesWaitingOnly")
        self.waiting_only.toggled.connect(lambda _on: self._show(self._rows, self.company))
        self.toolbar.addWidget(self.waiting_only)
        self._rows: list[store.NoticeRow] = []
        self._tips: dict[str, str] = {}
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tree.addActions(
            [
                self.actions_by_name[n]
                for n in ("create", "edit", "preview", "print", "pdf", "submit", "delete",
                          "red_letter", "return", "revoke")
                if n in self.actions_by_name
            ]
        )
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("invoicesSplitter")
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        #: The other tabs (the area's first view holds them): partner bills, customer requests.
        self.partner: InvoicesView | None = None
        self.customer: InvoicesView | None = None
        self.tabs: QTabWidget | None = None
        page: QWidget = self
        if source == SOURCE_NOTICE:
            self.tabs = QTabWidget(self)
            self.tabs.setObjectName("invoiceTabs")
            self.tabs.setDocumentMode(True)
            page = QWidget(self.tabs)
            self.tabs.addTab(page, "")
            self.customer = InvoicesView(bridge, workspace, self.tabs, SOURCE_CUSTOMER)
            self.partner = InvoicesView(bridge, workspace, self.tabs, SOURCE_PARTNER)
            self.tabs.addTab(self.customer, "")
            self.tabs.addTab(self.partner, "")
            # The platform-fee invoice is for the area as a whole (paid bills, not a notice): a
            # button at the end of the tab row, where the full toolbar below cannot hide it.
            fee = QAction(self)
            fee.setObjectName("invoiceAction_platform_fee")
            fee.triggered.connect(lambda _checked=False: self.request_platform_fee())
            self.actions_by_name["platform_fee"] = fee
            corner = QToolButton(self.tabs)
            corner.setObjectName("platformFeeButton")
            corner.setDefaultAction(fee)
            corner.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            corner.setAutoRaise(True)
            self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
            layout.addWidget(self.tabs)
            layout = QVBoxLayout(page)
            layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.watcher = ChangeWatcher(self, bridge, WATCHED, self.refresh,
                                     retranslate=self.retranslate, delay_ms=REFRESH_DELAY_MS)
        workspace.engineChanged.connect(self.set_engine)
        self.dialog: QWidget | None = None  # the dialog opened last (tests)
        self._pending_select: list[Any] = []
        self.retranslate()
        self._update_actions()
        self.set_engine(workspace.engine)

    def title(self) -> str:
        return translate("InvoicesView", "Invoices")

    # -- cache and list --------------------------------------------------------------------------

    def set_engine(self, engine: Engine | None) -> None:
        self.engine = engine
        self.bridge.forget(self, "list")  # an answer from the previous cache is not shown
        self.model.set_rows([])
        self._rows = []
        self.detail.clear()
        self.company = Company()
        if engine is not None:
            self.watcher.refresh_now()

    def refresh(self) -> None:
        """Reload notices, drafts and the company profile (on the read lane)."""
        engine = self.engine
        if engine is None:
            return

        source = self.source

        def work(_ctx: TaskContext) -> tuple[list[store.NoticeRow], Company]:
            with Session(engine) as session:
                return store.list_rows(session, source), store.load_company(session)

        self.bridge.run(
            work,
            name="list invoice notices",
            owner=self,
            latest="list",
            on_success=lambda result: self._show(*result),
            on_failure=self._fail,
        )

    def _show(self, rows: list[store.NoticeRow], company: Company) -> None:
        keys = [self.model.data(i, KEY_ROLE) for i in self.tree.selectionModel().selectedRows()]
        current = self.model.data(self.tree.currentIndex(), KEY_ROLE)
        self.company = company
        self._rows = rows
        if self.waiting_only.isChecked():
            rows = [r for r in rows if r.notice.bill_status == BILL_TO_INVOICE]
        self.model.set_rows(rows)
        for n, row in enumerate(rows):
            if row.drafts:
                self.tree.expand(self.model.index(n, 0))
        if self._pending_select:  # just made: show the new drafts
            keys, current = self._pending_select, self._pending_select[0]
            self._pending_select = []
        self.select(keys, current)
        for column in range(self.model.columnCount()):
            self.tree.resizeColumnToContents(column)
        self._on_selection()

    def select(self, keys: list[Any], current: Any = None) -> None:
        """Select rows by key (("notice", id) or ("draft", id))."""
        selection = self.tree.selectionModel()
        selection.clear()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for key in keys:
            if key:
                index = self.model.index_of(*key)
                if index.isValid():
                    selection.select(index, flags)
        if current:
            index = self.model.index_of(*current)
            if index.isValid():
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._on_selection()

    # -- selection -------------------------------------------------------------------------------

    def selected_drafts(self) -> list[DraftData]:
        seen: dict[str, DraftData] = {}
        for index in self.tree.selectionModel().selectedRows():
            for draft in self.model.drafts_of(index):
                seen.setdefault(draft.id, draft)
        return list(seen.values())

    def selected_notice_ids(self) -> list[str]:
        ids: list[str] = []
        for index in self.tree.selectionModel().selectedRows():
            notice = self.model.notice_at(index)
            if notice is not None and notice.notice_id not in ids:
                ids.append(notice.notice_id)
        return ids

    def _on_selection(self, *_args: object) -> None:
        index = self.tree.currentIndex()
        notice = self.model.notice_at(index)
        if notice is None:
            self.detail.clear()
            self._empty_hint()
        else:
            row = next(r for r in self.model.rows() if r.notice.notice_id == notice.notice_id)
            self.detail.setHtml(notice_html(row, self.model.draft_at(index)))
        self._update_actions()

    def _update_actions(self) -> None:
        has_cache = self.engine is not None
        drafts = self.selected_drafts()
        single = len(drafts) == 1
        self.actions_by_name["create"].setEnabled(has_cache and bool(self.selected_notice_ids()))
        self.actions_by_name["edit"].setEnabled(has_cache and single)
        for name in ("preview", "print", "pdf"):
            self.actions_by_name[name].setEnabled(has_cache and bool(drafts))
        self.actions_by_name["submit"].setEnabled(has_cache and single)
        waiting = any(d.state == "submitted" for r in self.model.rows() for d in r.drafts)
        self.actions_by_name["send"].setEnabled(has_cache and waiting)
        self.actions_by_name["delete"].setEnabled(has_cache and bool(drafts))
        self.actions_by_name["red_letter"].setEnabled(
            has_cache and single and self._red_letter_target() is not None)
        if self.source == SOURCE_CUSTOMER:
            request = self._the_selected_request()
            for action in CustomerAction:
                self.actions_by_name[action.value].setEnabled(
                    has_cache and request is not None
                    and customer.availability(request, issued=request.issued)[action].allowed)
        self.actions_by_name["company"].setEnabled(has_cache)
        if "platform_fee" in self.actions_by_name:
            self.actions_by_name["platform_fee"].setEnabled(has_cache)
        self._explain_disabled(has_cache)

    def _explain_disabled(self, has_cache: bool) -> None:
        """A disabled action's tooltip says why it is disabled, and what to do."""
        no_cache = translate("InvoicesView", "Not available until the cache is open.")
        no_notice = translate("InvoicesView", "Select one or more invoice notices (开票通知) first.")
        no_draft = translate("InvoicesView", "Select a draft first (Create Drafts makes them "
                                             "from a notice).")
        one_draft = translate("InvoicesView", "Select exactly one draft.")
        nothing_waiting = translate("InvoicesView", "No submission is waiting in the outbox.")
        not_sent_back = translate("InvoicesView", "Select one issued invoice that was refused or "
                                                  "sent back (退票).")
        if self.source == SOURCE_CUSTOMER:
            no_notice = translate("InvoicesView", "Select one or more customer invoice requests "
                                                  "(开票申请) first.")
        elif self.source == SOURCE_PARTNER:
            no_notice = translate("InvoicesView", "Select one or more partner bills (客户服务商账单) "
                                                  "first.")
        request = self._the_selected_request() if self.source == SOURCE_CUSTOMER else None
        not_now = {
            a: (translate("InvoicesView", "Select one customer invoice request first.")
                if request is None else _refusal(request, a))
            for a in CustomerAction
        }
        why = {"create": no_notice, "edit": one_draft, "preview": no_draft, "print": no_draft,
               "pdf": no_draft, "submit": one_draft, "send": nothing_waiting,
               "delete": no_draft, "company": no_cache, "platform_fee": no_cache,
               "red_letter": not_sent_back,
               "return": not_now[CustomerAction.RETURN],
               "revoke": not_now[CustomerAction.REVOKE]}
        for name, act in self.actions_by_name.items():
            tip = self._tips.get(name, "")
            if not act.isEnabled():
                reason = why[name] if has_cache else no_cache
                tip = f"{tip}\n{reason}" if tip else reason
            act.setToolTip(tip)

    def _empty_hint(self) -> None:
        """What the empty detail pane says: what to do next."""
        if self.engine is None:
            text = translate("InvoicesView", "Opening the cache…")
        elif not self._rows and self.source == SOURCE_CUSTOMER:
            text = translate("InvoicesView",
                "No customer invoice request (给用户开票) in the cache yet. When a buyer asks for "
                "an invoice of a 通用 order, the request arrives with the next sync; you invoice "
                "within 7 days (Beijing dates).")
        elif not self._rows and self.source == SOURCE_PARTNER:
            text = translate("InvoicesView",
                "No partner bill (客户服务商账单) in the cache. As a 客户服务商 you invoice Huawei "
                "for each bill with a VAT special invoice (专票) and its invoicing list.")
        elif not self._rows:
            text = translate("InvoicesView",
                "No invoice notice (开票通知) in the cache yet. When KooGallery asks for an "
                "invoice, the notice arrives with the next sync and is listed here.")
        elif self.model.rowCount() == 0:
            text = translate("InvoicesView",
                "Nothing is waiting for an invoice (待开票). Untick the filter to see them all.")
        elif self.source == SOURCE_CUSTOMER:
            text = translate("InvoicesView",
                "Select a request to see what the customer asked for, then Create Draft: the "
                "invoice is made out to the request's title for the full order amount.")
        else:
            text = translate("InvoicesView",
                "Select a notice to see what it asks for, then Create Drafts: one draft per tax "
                "rate. Double-click a draft to edit it.")
        self.detail.setPlaceholderText(text)
        if self.model.notice_at(self.tree.currentIndex()) is None:
            # Shown as the pane's text too: a placeholder is one unwrapped line, cut at 1280×800.
            colour = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
            self.detail.setHtml(f'<p style="color:{colour}">{html.escape(text)}</p>')

    def _on_double_click(self, index: QModelIndex) -> None:
        if self.model.draft_at(index) is not None:
            self.edit_selected()
        elif not self.model.drafts_of(index):
            self.create_drafts()

    # -- messages --------------------------------------------------------------------------------

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if error else "")
        self.message.setVisible(bool(text))

    def _fail(self, exc: BaseException) -> None:
        self.say(actions.failure_text(exc), error=True)

    def _write(
        self,
        work: Callable[[TaskContext], Any],
        name: str,
        done: Callable[[Any], None],
        announce: set[str],
    ) -> None:
        def succeeded(result: Any) -> None:
            self.bridge.announce(announce, self)
            done(result)

        self.bridge.run(
            work,
            name=name,
            lane=Lane.WRITE,
            owner=self,
            on_success=succeeded,
            on_failure=self._fail,
        )

    # -- drafts ----------------------------------------------------------------------------------

    def create_drafts(self) -> None:
        engine, ids, source = self.engine, self.selected_notice_ids(), self.source
        if engine is None or not ids:
            return
        self._write(
            lambda _ctx: actions.create_drafts(engine, ids, source),
            "create invoice drafts",
            self._created,
            {"invoice_drafts"},
        )

    def _the_selected_request(self) -> _Request | None:
        """The customer request of the current row, or None."""
        index = self.tree.currentIndex()
        notice = self.model.notice_at(index)
        if notice is None or notice.source != SOURCE_CUSTOMER:
            return None
        row = next((r for r in self.model.rows() if r.notice.notice_id == notice.notice_id), None)
        return _Request(notice, row.drafts if row is not None else ())

    def return_selected(self, reason: str | None = None) -> None:
        """退回 the selected customer's issued invoice (§6.5), with the reason the customer sees."""
        self._customer_action(CustomerAction.RETURN, reason)

    def revoke_selected(self, reason: str | None = None) -> None:
        """撤销 the selected customer's invoice request (§6.5), with the reason."""
        self._customer_action(CustomerAction.REVOKE, reason)

    def _customer_action(self, action: CustomerAction, reason: str | None) -> None:
        engine, request = self.engine, self._the_selected_request()
        if engine is None or request is None:
            return
        if reason is None:
            title = (translate("InvoicesView", "Return Customer Invoice")
                     if action is CustomerAction.RETURN
                     else translate("InvoicesView", "Revoke Invoice Request"))
            reason, ok = QInputDialog.getText(
                self, title, translate("InvoicesView", "Reason (the customer sees it):"))
            if not ok:
                return
        if not reason.strip():
            self.say(_refusal_text("reason_missing"), error=True)
            return
        sender = self._sender(engine)
        request_id, text = request.notice_id, reason

        def failed(exc: BaseException) -> None:
            if isinstance(exc, customer.CustomerInvoiceError):
                self.say(customer_refusal_text(exc), error=True)
            else:
                self._fail(exc)

        def done(message: str) -> None:
            self.bridge.announce({"customer_invoices", "outbox"}, self)
            self.say(message)

        self.bridge.run(lambda _ctx: sender.customer_action(request_id, action, text),
                        name=f"{action.value} customer invoice", lane=Lane.WRITE, owner=self,
                        on_success=done, on_failure=failed)

    def _red_letter_target(self) -> tuple[DraftData, NoticeFacts] | None:
        selected = self._the_selected_draft()
        if selected is None or not store.can_red_letter(*selected):
            return None
        return selected

    def red_letter_selected(self) -> None:
        """退票 → 红字 (§6.3): record the red-letter invoice of the selected sent-back invoice."""
        selected = self._red_letter_target()
        engine = self.engine
        if selected is None or engine is None:
            return
        dialog = RedLetterDialog(selected[0], self)
        dialog.recordRequested.connect(
            lambda number, info, when, dlg=dialog: self._record_red_letter(dlg, number, info, when))
        self._show_dialog(dialog)

    def _record_red_letter(self, dialog: RedLetterDialog, number: str, info: str,
                           when: Any) -> None:
        engine = self.engine
        if engine is None:
            return
        draft_id = dialog.draft.id

        def done(result: tuple[DraftData, list[DraftData]]) -> None:
            self.bridge.announce({"invoice_drafts"}, self)
            message = translate("InvoicesView", "Red-letter invoice %1 recorded; a new draft was "
                                                "made to issue again.").replace("%1", number)
            self.say(message)
            self._pending_select = [("draft", d.id) for d in result[1]]
            dialog.finished_with(message, True)
            self.watcher.refresh_now()

        self.bridge.run(lambda _ctx: actions.record_red_letter(engine, draft_id, number, info,
                                                               when),
                        name="record red-letter invoice", lane=Lane.WRITE, owner=dialog,
                        on_success=done,
                        on_failure=lambda e: dialog.finished_with(actions.failure_text(e), False))

    # -- platform-fee invoice (平台费发票, §5.5) --------------------------------------------------

    def request_platform_fee(self) -> None:
        """The paid 通用 bills are read in the background, then the dialog opens on them."""
        engine = self.engine
        if engine is None:
            return

        def work(_ctx: TaskContext) -> tuple[list[platform_fee.FeeBill], dict[str, list[str]]]:
            return (platform_fee.paid_general_bills(engine),
                    {k: platform_fee.company_problems(engine, k)
                     for k in platform_fee.INVOICE_TYPES})

        def opened(result: tuple[list[platform_fee.FeeBill], dict[str, list[str]]]) -> None:
            dialog = PlatformFeeDialog(*result, parent=self)
            dialog.requestRequested.connect(
                lambda bills, kind, dlg=dialog: self._request_platform_fee(dlg, bills, kind))
            self._show_dialog(dialog)

        self.bridge.run(work, name="platform-fee bills", owner=self, latest="platform_fee",
                        on_success=opened, on_failure=self._fail)

    def _request_platform_fee(self, dialog: PlatformFeeDialog, bill_ids: list[str],
                              invoice_type: str) -> None:
        engine = self.engine
        if engine is None:
            return
        sender = self._sender(engine)

        def done(message: str) -> None:
            self.bridge.announce({"outbox"}, self)
            self.say(message)
            dialog.finished_with(message, True)

        def failed(exc: BaseException) -> None:
            text = (platform_fee_refusal_text(exc)
                    if isinstance(exc, platform_fee.PlatformFeeError) else actions.failure_text(exc))
            dialog.finished_with(text, False)

        self.bridge.run(lambda _ctx: sender.platform_fee(bill_ids, invoice_type),
                        name="request platform-fee invoice", lane=Lane.WRITE, owner=dialog,
                        on_success=done, on_failure=failed)

    def _created(self, result: tuple[list[DraftData], int]) -> None:
        created, existing = result
        if created:
            self.say(
                translate("InvoicesView", "%1 draft(s) made, one per tax rate.").replace(
                    "%1", str(len(created))
                )
            )
        else:
            self.say(
                translate(
                    "InvoicesView",
                    "Every tax rate of the selected notices has a draft already (%1).",
                ).replace("%1", str(existing))
            )
        self._pending_select = [("draft", d.id) for d in created]
        self.watcher.refresh_now()

    def _show_dialog(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()  # type: ignore[attr-defined]

    def _the_selected_draft(self) -> tuple[DraftData, NoticeFacts] | None:
        """The one selected draft and its notice; None without a cache or unless exactly one
        draft is selected."""
        drafts = self.selected_drafts()
        if self.engine is None or len(drafts) != 1:
            return None
        draft = drafts[0]
        notice = next(r.notice for r in self.model.rows() if r.notice.notice_id == draft.notice_id)
        return draft, notice

    def edit_selected(self) -> None:
        selected = self._the_selected_draft()
        if selected is None or self.engine is None:
            return
        draft, notice = selected
        editor = DraftEditor(
            draft, notice, bool(self.company.seal_image), self.engine, self.bridge, self
        )
        self._show_dialog(editor)

    def delete_selected(self) -> None:
        engine, drafts = self.engine, self.selected_drafts()
        if engine is None or not drafts:
            return
        ids = [d.id for d in drafts]
        self._write(
            lambda _ctx: actions.delete_drafts(engine, ids),
            "delete invoice drafts",
            lambda n: self.say(
                translate("InvoicesView", "%1 draft(s) deleted.").replace("%1", str(n))
            ),
            {"invoice_drafts"},
        )

    def open_company(self) -> None:
        if self.engine is None:
            return
        self._show_dialog(CompanyDialog(self.company, self.engine, self.bridge, self))

    # -- submitting ------------------------------------------------------------------------------

    def submit_selected(self) -> None:
        selected = self._the_selected_draft()
        if selected is None:
            return
        draft, notice = selected
        dialog = SubmitDialog(draft, notice, bool(self.company.seal_image), self)
        dialog.submitRequested.connect(lambda d, files, dlg=dialog: self._submit(dlg, d, files))
        self._show_dialog(dialog)

    def _sender(self, engine: Engine) -> actions.Sender:
        target = self.workspace.target
        return actions.Sender(
            engine,
            self.workspace.paths,
            self.workspace.connector(target) if target is not None else None,
        )

    def send_waiting(self) -> None:
        """Send the submissions waiting in the outbox (made while offline) now."""
        engine = self.engine
        if engine is None:
            return
        sender = self._sender(engine)
        self._write(
            lambda _ctx: sender.send_waiting(),
            "send waiting invoices",
            self.say,
            {"invoice_drafts", "outbox"},
        )

    def _submit(self, dialog: SubmitDialog, draft: DraftData, files: list[Path]) -> None:
        engine = self.engine
        if engine is None:
            return
        sender = self._sender(engine)

        def done(message: str) -> None:
            self.bridge.announce({"invoice_drafts", "outbox"}, self)
            self.say(message)
            dialog.finished_with(message, True)

        def failed(exc: BaseException) -> None:
            dialog.finished_with(actions.failure_text(exc), False)

        self.bridge.run(
            lambda _ctx: sender.submit(draft, files),
            name="submit invoice",
            lane=Lane.WRITE,
            owner=dialog,
            on_success=done,
            on_failure=failed,
        )

    # -- texts -----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        texts = {
            "create": (
                translate("InvoicesView", "Create Drafts"),
                translate("InvoicesView", "One draft per tax rate of each selected notice"),
            ),
            "edit": (
                translate("InvoicesView", "Edit…"),
                translate(
                    "InvoicesView", "Edit the selected draft; each problem shows next to its field"
                ),
            ),
            "preview": (
                translate("InvoicesView", "Print Preview…"),
                translate("InvoicesView", "The selected invoices with their invoicing lists (开票清单)"),
            ),
            "print": (
                translate("InvoicesView", "Print…"),
                translate("InvoicesView", "Print the selected invoices with their invoicing lists (开票清单)"),
            ),
            "pdf": (
                translate("InvoicesView", "Save as PDF…"),
                translate("InvoicesView", "Save the selected invoices as one PDF"),
            ),
            "submit": (
                translate("InvoicesView", "Record and Submit…"),
                translate(
                    "InvoicesView",
                    "Record the invoice number, date and courier number, then submit",
                ),
            ),
            "send": (
                translate("InvoicesView", "Send Waiting"),
                translate("InvoicesView", "Send the submissions waiting in the outbox now"),
            ),
            "delete": (
                translate("InvoicesView", "Delete Draft"),
                translate("InvoicesView", "Delete the selected drafts"),
            ),
            "company": (
                translate("InvoicesView", "Company Profile…"),
                translate("InvoicesView", "Your company as printed on invoices"),
            ),
            "platform_fee": (
                translate("InvoicesView", "Platform-Fee Invoice…"),
                translate("InvoicesView", "Ask Huawei for the invoice of the platform fee of paid "
                                          "通用 bills (平台费发票)"),
            ),
            "red_letter": (
                translate("InvoicesView", "Record Red-Letter…"),
                translate("InvoicesView", "An issued invoice was refused or sent back (退票): "
                                          "record the red-letter invoice (红字) that cancels it "
                                          "and draft it again"),
            ),
            "return": (
                translate("InvoicesView", "Return…"),
                translate("InvoicesView", "Return the customer's issued invoice (退回)"),
            ),
            "revoke": (
                translate("InvoicesView", "Revoke…"),
                translate("InvoicesView", "Revoke the customer's invoice request (撤销)"),
            ),
        }
        if self.source == SOURCE_CUSTOMER:
            texts["create"] = (translate("InvoicesView", "Create Draft"), translate(
                "InvoicesView", "The invoice to the customer: the request's title, the full "
                                "order amount"))
        if self.tabs is not None and self.customer is not None and self.partner is not None:
            self.tabs.setTabText(0, translate("InvoicesView", "To Huawei (开票通知)"))
            self.tabs.setTabText(1, translate("InvoicesView", "To customers (给用户开票)"))
            self.tabs.setTabText(2, translate("InvoicesView", "Partner bills (客户服务商)"))
        for name, (text, tip) in texts.items():
            if name not in self.actions_by_name:
                continue
            self.actions_by_name[name].setText(text)
            self.actions_by_name[name].setToolTip(tip)
            self._tips[name] = tip
        self.waiting_only.setText(translate("InvoicesView", "Only waiting for an invoice (待开票)"))
        self.waiting_only.setToolTip(translate("InvoicesView",
            "List only the notices whose bill still waits for your invoice"))
        self._update_actions()
        self._empty_hint()
        self.toolbar.setWindowTitle(translate("InvoicesView", "Invoice actions"))



def _refusal_text(code: str, status: str = "") -> str:
    return customer_refusal_text(customer.CustomerInvoiceError(
        customer.REASONS[code].format(status=status), failure_code=code,
        params={"status": status}))


def _refusal(request: _Request, action: CustomerAction) -> str:
    verdict = customer.availability(request, issued=request.issued)[action]
    return "" if verdict.allowed else _refusal_text(verdict.reason_code, request.status)


class _Request:
    """A customer's request as its actions see it: its status, and whether the console's
    invoice for it was accepted (the next sync then shows 已完成)."""

    def __init__(self, notice: NoticeFacts, drafts: tuple[DraftData, ...]) -> None:
        self.notice_id = notice.notice_id
        self.status = notice.bill_status
        self.issued = any(d.state == "accepted" for d in drafts)
