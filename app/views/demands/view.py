"""The Demands area (客户需求管理): the list with its filters and the 5-day acceptance countdown,
the detail of the current demand, and the seller's actions (through the outbox).

The view follows the workspace's cache (``engineChanged``). Reading runs on the READ lane; actions
are queued on the WRITE lane and announce ``{"outbox"}``; the outbox controller sends them. When
``demands`` or ``outbox`` change, the list re-queries (once per burst; a hidden view when shown).
For a partner profile the area lists the demands the partner submitted (read-only).

Signals
-------
``titleChanged()``
    The navigation title changed (the number of demands listed).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services.demands import actions as dm
from app.services.demands import partner as pd
from app.services.demands.query import DemandDetail, DemandFilter, list_demands, load_detail
from app.services.exchange.export_areas import Area, TableFilter
from app.services.exchange.exports import ExportFormat, ExportRequest
from app.services.offers.actions import queue_demand_offer
from app.services.offers.catalog import KnownProduct, known_products
from app.services.outbox.factory import make_outbox
from app.services.outbox.queue import Outbox
from app.views.bridge import Bridge, Lane, TaskContext
from app.views.change_watcher import ChangeWatcher
from app.views.common.area_view import AreaView
from app.views.common.combos import refill
from app.views.common.failures import failure_text, queue_failure_text
from app.views.common.formats import local_time
from app.views.common.titles import chinese_interface, term, term_beside
from app.views.context import AreaWorkspace
from app.views.demands.dialogs import CloseDialog, SolutionDialog, TextDialog
from app.views.demands.model import DemandsTableModel, countdown
from app.views.demands.partner_dialogs import CustomerDialog, NewDemandDialog
from app.views.export_runner import ExportRunner, interface_language
from app.views.i18n import translate
from app.views.partner.offer_dialog import OfferDialog
from app.views.partner.offer_words import reason_text as offer_reason
from app.views.partner.offers import open_offer_dialog, queue_failure

WATCHED = frozenset({"demands", "outbox"})
STATUSES = (dm.PENDING_ACCEPTANCE, dm.CONVERTING, dm.DEAL, dm.REJECTED, dm.CLOSED)
SOURCES = ("客户服务商", "华为云", "商家营销策略")


def reason_text(code: str) -> str:
    """Why an action is not possible, in the user's language."""
    return {
        "not_pending": translate("DemandsView", "Only a demand waiting for acceptance (待接收) "
                                                "can be accepted or rejected."),
        "window_passed": translate("DemandsView", "The 5-day acceptance window has passed; the "
                                                  "demand closes by itself."),
        "not_partner": translate("DemandsView", "Only a demand brought by a partner (客户服务商) "
                                                "can be rejected."),
        "not_converting": translate("DemandsView", "Only a demand being converted (需求转化中) "
                                                   "can be changed."),
        "offer_locks": translate("DemandsView", "An exclusive offer (专属优惠) exists for this "
                                                "demand: its details are locked."),
        "partner_close": translate("DemandsView", "A demand brought by a partner (客户服务商) "
                                                  "cannot be closed by the seller."),
        "waiting": translate("DemandsView", "An earlier action on this demand is waiting in the "
                                            "outbox; wait until it is sent."),
        "no_customer": translate("DemandsView", "The demand names no customer account (用户账号) "
                                                "for an exclusive offer."),
    }.get(code, code)


class DemandsView(AreaView):
    """The Demands area. See the module docstring for the signal."""

    titleChanged = Signal()

    def __init__(self, bridge: Bridge, workspace: AreaWorkspace, parent: QWidget | None = None, *,
                 tz: tzinfo | None = None, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__("demandsView", bridge, workspace, parent)
        self.outbox: Outbox | None = None
        self.detail: DemandDetail | None = None
        self._tz = tz
        self._clock = clock or (lambda: datetime.now(UTC))
        self._count: int | None = None
        self.partner_view = False

        self.status_filter = QComboBox(self)
        self.source_filter = QComboBox(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        bar = QHBoxLayout()
        self.status_label = QLabel(self)
        self.source_label = QLabel(self)
        for label, widget in ((self.status_label, self.status_filter),
                              (self.source_label, self.source_filter)):
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("demandsExport")
        self.exporter = ExportRunner(bridge, self)
        self.export_button.clicked.connect(self.ask_export)
        bar.addWidget(self.export_button)

        self.model = DemandsTableModel(self, tz=tz)
        self.table = QTableView(self)
        self.table.setObjectName("demandsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((260, 100, 130, 110, 160, 160, 130, 100, 140, 150)):
            self.table.horizontalHeader().resizeSection(column, width)

        self.text = QTextBrowser(self)
        self.text.setObjectName("demandDetail")
        self.text.setOpenLinks(False)
        self.buttons: dict[dm.DemandAction, QPushButton] = {}
        actions = QHBoxLayout()
        for action in dm.DemandAction:
            button = QPushButton(self)
            button.setObjectName(f"demand_{action.value}")
            button.setEnabled(False)
            if action is dm.DemandAction.OFFER:  # 更多 > 创建专属优惠, as in the web console
                self.more_menu = QMenu(button)
                self.offer_item = self.more_menu.addAction("")
                self.offer_item.triggered.connect(lambda _c=False: self.start_action(
                    dm.DemandAction.OFFER))
                button.setMenu(self.more_menu)
            else:
                button.clicked.connect(lambda _c=False, a=action: self.start_action(a))
            self.buttons[action] = button
            actions.addWidget(button)
        # The partner's own actions (客户服务商): shown for a partner profile instead.
        self.new_demand = QPushButton(self)
        self.new_demand.setObjectName("demandCreate")
        self.new_demand.clicked.connect(self.create_demand)
        self.edit_customer = QPushButton(self)
        self.edit_customer.setObjectName("demandEditCustomer")
        self.edit_customer.setEnabled(False)
        self.edit_customer.clicked.connect(self.edit_demand_customer)
        actions.addWidget(self.new_demand)
        actions.addWidget(self.edit_customer)
        actions.addStretch(1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.text, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("demandsSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        em = self.fontMetrics().horizontalAdvance("M")
        self.splitter.setSizes([em * 70, em * 45])
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)

        # recount: the list is small (thousands at most), so a hidden area re-reads it after a
        # sync and "Demands (N)" in the navigation stays true.
        self.watcher = ChangeWatcher(self, bridge, WATCHED, self._load, recount=self._load,
                                     retranslate=self.retranslate,
                                     enabled=lambda: self.engine is not None)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.source_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search.textChanged.connect(lambda _t: self.watcher.refresh_soon())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _p: self._load_current())
        workspace.engineChanged.connect(self.set_engine)
        self.retranslate()
        self.set_engine(workspace.engine)

    # -- titles and words -----------------------------------------------------------------------

    def title(self) -> str:
        name = translate("DemandsView", "Demands")
        return name if self._count is None else f"{name} ({self._count:,})"

    def retranslate(self) -> None:
        self.status_label.setText(translate("DemandsView", "Status:"))
        self.source_label.setText(translate("DemandsView", "Source:"))
        self.search.setPlaceholderText(
            translate("DemandsView", "Search demand, product, customer or partner"))
        self.export_button.setText(translate("DemandsView", "Export…"))
        for combo, values in ((self.status_filter, STATUSES), (self.source_filter, SOURCES)):
            refill(combo, [(translate("DemandsView", "All"), ""),
                           *((term(value), value) for value in values)])
        labels = {
            dm.DemandAction.ACCEPT: translate("DemandsView", "Accept"),
            dm.DemandAction.REJECT: translate("DemandsView", "Reject…"),
            dm.DemandAction.PROGRESS: translate("DemandsView", "Update progress…"),
            dm.DemandAction.SOLUTION: translate("DemandsView", "Edit solution…"),
            dm.DemandAction.CLOSE: translate("DemandsView", "Close…"),
            dm.DemandAction.OFFER: translate("DemandsView", "More"),
        }
        for action, button in self.buttons.items():
            button.setText(labels[action])
        self.offer_item.setText(translate("DemandsView", "Create exclusive offer (创建专属优惠)…"))
        self.new_demand.setText(translate("DemandsView", "New customer demand…"))
        self.new_demand.setToolTip(translate("DemandsView", "新增客户需求: a demand for a seller's "
                                                            "joint-operation (联营) product"))
        self.edit_customer.setText(translate("DemandsView", "Edit customer…"))
        self.model.retranslate()
        self._show_detail()

    # -- loading --------------------------------------------------------------------------------

    def set_engine(self, engine: Engine | None) -> None:
        self.engine = engine
        self.outbox = make_outbox(engine, self.workspace.paths, clock=self._clock) \
            if engine is not None else None
        target = self.workspace.target
        self.partner_view = target is not None and target.role == "partner"
        for button in self.buttons.values():
            button.setVisible(not self.partner_view)
        self.new_demand.setVisible(self.partner_view)
        self.edit_customer.setVisible(self.partner_view)
        self.new_demand.setEnabled(engine is not None)
        self.detail = None
        self._show_detail()
        self.refresh()

    def current_filter(self) -> DemandFilter:
        return DemandFilter(status=str(self.status_filter.currentData() or ""),
                            source=str(self.source_filter.currentData() or ""),
                            text=self.search.text(), partner_only=self.partner_view)

    def export_request(self, path: Path, fmt: ExportFormat) -> ExportRequest:
        """The demands the list shows now (its filter), as an export request."""
        flt = self.current_filter()
        source = dm.SOURCE_PARTNER if flt.partner_only else flt.source
        table = TableFilter(statuses=frozenset({flt.status}) if flt.status else frozenset(),
                            text=flt.text, source=source)
        return ExportRequest(Area.DEMANDS, fmt, path, table_filter=table, tz=self._tz,
                             language=interface_language())

    def ask_export(self) -> None:
        self.exporter.ask(self.engine, f"demands-{self._clock():%Y%m%d}.csv", self.export_request)

    def refresh(self) -> None:
        """Re-read the list (and the current demand) for the current filter."""
        self.watcher.refresh_now()

    def _load(self) -> None:
        engine = self.engine
        if engine is None:
            self.model.set_rows([])
            return
        flt = self.current_filter()
        keep = self.detail.demand.id if self.detail is not None else None

        def loaded(rows: list[Any]) -> None:
            self.model.set_rows(rows, self._clock())
            self._count = len(rows)
            self.titleChanged.emit()
            self.message.setText("")
            if keep is not None:
                self.select(keep)

        self.bridge.run(lambda _ctx: list_demands(engine, flt), name="demands.list",
                        owner=self, latest="list",  # a newer filter's answer wins
                        on_success=loaded, on_failure=self._failed)

    def _failed(self, exc: BaseException, *_rest: object) -> None:
        self.message.setText(translate("DemandsView", "The demands could not be read: %1")
                             .replace("%1", failure_text(exc)))

    def select(self, demand_id: str) -> bool:
        for n, row in enumerate(self.model.rows):
            if row.id == demand_id:
                self.table.selectRow(n)
                self._load_current()
                return True
        return False

    def open_demand(self, demand_id: str) -> None:
        """Show one demand (from search or a dashboard tile): clears the filters first."""
        self.status_filter.setCurrentIndex(0)
        self.source_filter.setCurrentIndex(0)
        self.search.setText(demand_id)
        self.refresh()

    def _load_current(self) -> None:
        index = self.table.currentIndex()
        engine, outbox = self.engine, self.outbox
        if not index.isValid() or engine is None:
            return
        demand_id = self.model.rows[index.row()].id

        def loaded(detail: DemandDetail | None) -> None:
            self.detail = detail
            self._show_detail()

        self.bridge.run(lambda _ctx: load_detail(engine, outbox, demand_id),
                        name="demands.detail",
                        owner=self, latest="detail",  # the user may move on meanwhile
                        on_success=loaded, on_failure=self._failed)

    # -- the detail -----------------------------------------------------------------------------

    def _local(self, value: datetime | None) -> str:
        return local_time(value, self._tz) or "—"

    def _show_detail(self) -> None:
        if self.detail is None:
            self.text.setHtml("<p>" + html.escape(translate("DemandsView", "Choose a demand.")) + "</p>")
            for button in self.buttons.values():
                button.setEnabled(False)
                button.setToolTip("")
            self.edit_customer.setEnabled(False)
            return
        d = self.detail.demand
        editable = pd.customer_availability(d, self.detail.queued)
        self.edit_customer.setEnabled(editable.allowed)
        self.edit_customer.setToolTip("" if editable.allowed else offer_reason(
            editable.reason_code, editable.params, editable.reason))
        verdicts = dm.availability(d, self.detail.queued, self._clock())
        for action, button in self.buttons.items():
            verdict = verdicts[action]
            allowed = verdict.allowed and not self.partner_view
            button.setEnabled(allowed)
            button.setToolTip("" if allowed else (
                translate("DemandsView", "A partner profile views demands only.")
                if self.partner_view else reason_text(verdict.reason_code)))
        e = html.escape
        rows = [
            (e(translate("DemandsView", "Demand")), e(d.name)), (e(translate("DemandsView", "Demand ID")), e(d.id)),
            (e(translate("DemandsView", "Status")), e(term_beside(d.status) + (f"{'' if chinese_interface() else ' '}({term_beside(d.close_result)})" if d.close_result else ""))),
            (e(translate("DemandsView", "Source")), e(term_beside(d.source))), (e(translate("DemandsView", "Submitted by")), e(d.submitter or "—")),
            (e(translate("DemandsView", "Product")), e(d.product_name or "—")),
            (e(translate("DemandsView", "Type")), e(d.demand_type or "—")), (e(translate("DemandsView", "Delivery")), e(d.delivery_mode or "—")),
            (e(translate("DemandsView", "Opportunity")), e(d.demand_space or "—")),
            (e(translate("DemandsView", "Main need")), e(d.main_appeal or "—")),
            (e(translate("DemandsView", "Expected signing")), e(self._local(d.expected_sign_date))),
            (e(translate("DemandsView", "Sales contact")), e(" ".join(x for x in (d.sales_contact, d.sales_phone) if x)
                                    or "—")),
            (e(translate("DemandsView", "Assigned")), e(self._local(d.assign_time))),
        ]
        if d.status == dm.PENDING_ACCEPTANCE and d.accept_deadline is not None:
            left, urgency = countdown(d.accept_deadline, self._clock())
            color = ("#c62828", "#e65100")[urgency - 1] if urgency else "inherit"
            rows.append((e(translate("DemandsView", "Accept by")), f"{e(self._local(d.accept_deadline))} "
                                         f"<b style='color:{color}'>{e(left)}</b>"))
        if d.partner_name:
            rows.append((e(translate("DemandsView", "Partner")), e(d.partner_name)))
        if d.offer_id:
            rows.append((e(translate("DemandsView", "Exclusive offer")), e(d.offer_id)))
        parts = ["<table cellspacing='4'>"]
        parts += [f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows]
        parts.append("</table>")
        def heading(text: str) -> str:
            return "<h4>" + e(text) + "</h4>"

        parts.append(heading(translate("DemandsView", "Description")) + f"<p>{e(d.description or '—')}</p>")
        parts.append(heading(translate("DemandsView", "Customer")))
        if d.customer_info:
            info = d.customer_info
            parts.append("<p>" + "<br>".join(e(str(v)) for v in (
                info.get("customerName"), info.get("huaweiAccount"), info.get("industry"),
                info.get("region"), info.get("contact")) if v) + "</p>")
        else:
            parts.append("<p><i>" + e(translate("DemandsView", "Shown once you accept the demand.")) + "</i></p>")
        parts.append(heading(translate("DemandsView", "Solution (需求方案)")))
        if d.solution:
            parts.append("<ul>" + "".join(
                f"<li>{e(str(i.get('productName')))} {e(str(i.get('skuName') or ''))} "
                f"× {e(str(i.get('quantity', 1)))}</li>" for i in d.solution) + "</ul>")
        else:
            parts.append("<p>—</p>")
        parts.append(heading(translate("DemandsView", "Progress")) + "<ul>")
        for p in reversed(d.progress or []):
            parts.append(f"<li>{e(str(p.get('time', '')))} {e(str(p.get('author') or ''))}: "
                         f"{e(str(p.get('text', '')))}</li>")
        parts.append("</ul>")
        if self.detail.queued:
            parts.append(heading(translate("DemandsView", "Waiting in the outbox")) + "<ul>")
            parts += [f"<li>{e(q.summary)} — {e(q.state)}"
                      + (f": {e(q.last_error or '')}" if q.last_error else "") + "</li>"
                      for q in self.detail.queued]
            parts.append("</ul>")
        self.text.setHtml("".join(parts))

    # -- actions --------------------------------------------------------------------------------

    def start_action(self, action: dm.DemandAction) -> None:
        """Ask what the action needs, then queue it on the WRITE lane."""
        outbox, detail = self.outbox, self.detail
        if outbox is None or detail is None:
            return
        demand_id = detail.demand.id
        work: Callable[[TaskContext], Any]
        if action is dm.DemandAction.ACCEPT:
            answer = QMessageBox.question(
                self, translate("DemandsView", "Accept the demand"),
                translate("DemandsView", "Accept “%1”? Accepting means you accept KooGallery's "
                                         "demand-management rules; the customer's details are "
                                         "then shown.").replace("%1", detail.demand.name))
            if answer != QMessageBox.StandardButton.Yes:
                return
            work = lambda _c: dm.queue_accept(outbox, demand_id)  # noqa: E731
        elif action in (dm.DemandAction.REJECT, dm.DemandAction.PROGRESS):
            reject = action is dm.DemandAction.REJECT
            dialog = TextDialog(
                translate("DemandsView", "Reject the demand") if reject
                else translate("DemandsView", "Update progress (更新进展)"),
                translate("DemandsView", "Why do you reject it?") if reject
                else translate("DemandsView", "What happened with this customer?"),
                translate("DemandsView", "A reason is required.") if reject
                else translate("DemandsView", "Write what progressed."), self)
            if dialog.exec() != TextDialog.DialogCode.Accepted:
                return
            text = dialog.value()
            work = (lambda _c: dm.queue_reject(outbox, demand_id, text)) if reject else (
                lambda _c: dm.queue_progress(outbox, demand_id, text))
        elif action is dm.DemandAction.SOLUTION:
            solution = SolutionDialog(detail.demand, self)
            if solution.exec() != SolutionDialog.DialogCode.Accepted:
                return
            items = solution.items()
            work = lambda _c: dm.queue_solution(outbox, demand_id, items)  # noqa: E731
        elif action is dm.DemandAction.OFFER:
            account = str((detail.demand.customer_info or {}).get("huaweiAccount") or "")

            def make(dialog: OfferDialog) -> Callable[[TaskContext], Any]:
                request = dialog.request()
                return lambda _c: queue_demand_offer(outbox, demand_id, request)

            open_offer_dialog(self.bridge, self.workspace, self, make, self._queued,
                              account=account, product_id=detail.demand.product_id or "")
            return
        else:
            closing = CloseDialog(self)
            if closing.exec() != CloseDialog.DialogCode.Accepted:
                return
            result, comment = closing.result_value(), closing.comment.text()
            work = lambda _c: dm.queue_close(outbox, demand_id, result, comment)  # noqa: E731
        self.queue(work)

    def _queued(self, _entry: object) -> None:
        self.message.setText(translate("DemandsView", "Queued; it is sent when the "
                                                      "marketplace answers."))
        self.bridge.announce({"outbox"}, self)

    def create_demand(self) -> None:
        """新增客户需求 (a partner profile): the form, then the outbox."""
        engine, outbox = self.engine, self.outbox
        if engine is None or outbox is None:
            return

        def show(products: list[KnownProduct]) -> None:
            dialog = NewDemandDialog(products, self)
            if dialog.exec() != NewDemandDialog.DialogCode.Accepted:
                return
            demand = dialog.demand()
            self.bridge.run(lambda _c: pd.queue_create(outbox, demand), name="demands.create",
                            lane=Lane.WRITE, owner=self, on_success=self._queued,
                            on_failure=lambda exc, *_r: queue_failure(self, exc))

        self.bridge.run(lambda _c: known_products(engine), name="demands.products", owner=self,
                        latest="products", on_success=show)

    def edit_demand_customer(self) -> None:
        """The customer's basics of the partner's demand."""
        outbox, detail = self.outbox, self.detail
        if outbox is None or detail is None:
            return
        dialog = CustomerDialog({k: str(v) for k, v in (detail.demand.customer_info or {})
                                 .items() if v}, self)
        if dialog.exec() != CustomerDialog.DialogCode.Accepted:
            return
        basics, demand_id = dialog.basics(), detail.demand.id
        self.bridge.run(lambda _c: pd.queue_edit_customer(outbox, demand_id, basics),
                        name="demands.customer", lane=Lane.WRITE, owner=self,
                        on_success=self._queued,
                        on_failure=lambda exc, *_r: queue_failure(self, exc))

    def queue(self, work: Callable[[TaskContext], Any]) -> None:
        queued = self._queued

        def failed(exc: BaseException, *_rest: object) -> None:
            text = queue_failure_text(exc, "demands")
            QMessageBox.warning(self, translate("DemandsView", "Not queued"), text)

        self.bridge.run(work, name="demands.queue", lane=Lane.WRITE,
                        owner=self, on_success=queued, on_failure=failed)
