"""The Integration area: the seller's production interface and KooGallery's open APIs, one tab each.

The first tab is the interface watchdog (issue 14 §3): KooGallery's failed calls to the seller's
production interface (生产接口消息) with what happens when KooGallery's retries end (an automatic
refund for a failed ``newInstance``; for the rest, the change stays undone until the seller calls
it again), sorted by that cliff; the detail of the current call with 重新启动 ("Call again",
through the outbox); and the products' failed orders this Beijing month against the delisting rule
(its number is UNCONFIRMED: Settings). The rules are in :mod:`app.services.integration.watchdog`;
tray alerts before each cliff come from the deadline radar (``interface_*`` clocks).

The other tabs (conformance tester, license codes and usage, Query Order) are listed in
:data:`app.views.integration.tabs.TABS`; the registry adds them with :meth:`IntegrationView.add_tab`.

Reading runs on the READ lane; the call-again is queued on the WRITE lane and announces
``{"outbox"}``; the outbox controller sends it. The list re-reads when ``interface_messages``,
``orders`` or ``outbox`` change (once per burst; a hidden area when shown) and is recounted while
hidden, so "Integration (N)" in the navigation stays true: N is the calls that need the seller
(still retried, or waiting for a call again). The time left is repainted every minute.

Signals
-------
``titleChanged()``
    The navigation title changed.
``openRecord(str, str)``
    ``("order", id)``: the user asked to see the call's order.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services.integration import watchdog as wd
from app.services.outbox.factory import make_outbox
from app.services.outbox.queue import Outbox
from app.views.bridge import Bridge, Lane
from app.views.change_watcher import ChangeWatcher
from app.views.common.area_view import AreaView
from app.views.common.failures import failure_text
from app.views.common.formats import local_time
from app.views.common.tables import make_table
from app.views.common.titles import term_beside
from app.views.context import AreaWorkspace
from app.views.i18n import translate
from app.views.integration.model import MonthModel, WatchModel, left_cell, stage_text

WATCHED = frozenset({"interface_messages", "orders", "outbox"})
REPAINT_MS = 60_000
#: The list's choices: the calls that need the seller, or every call KooGallery still lists.
SHOW_NEEDING, SHOW_ALL = "needing", "all"

def result_code_text(code: str) -> str:
    """A production-interface result code in words (interfaces.md §8.1), in the user's
    language; "" for a code without words here."""
    texts = {
        "000000": translate("IntegrationView", "success"),
        "000001": translate("IntegrationView", "authentication failed (signature, token or "
                                               "timestamp)"),
        "000002": translate("IntegrationView", "invalid request parameter"),
        "000003": translate("IntegrationView", "instance does not exist"),
        "000004": translate("IntegrationView", "still being processed"),
        "000005": translate("IntegrationView", "other internal error"),
    }
    return texts.get(code, "")


def reason_text(code: str) -> str:
    """Why a call cannot be called again, in the user's language."""
    return {
        "resolved": translate("IntegrationView", "This call already succeeded or was called "
                                                 "again; there is nothing to call again."),
        "refunded": translate("IntegrationView", "The retries of this newInstance ran out: "
                                                 "KooGallery unsubscribed and refunded the "
                                                 "order, so calling it again would provision an "
                                                 "instance nobody pays for."),
        "waiting": translate("IntegrationView", "A call-again of this message is waiting in the "
                                                "outbox; wait until it is sent."),
        "unknown_message": translate("IntegrationView", "This message is no longer in the "
                                                        "cache; sync first."),
    }.get(code, code)


def _load(engine: Engine, policy: wd.Policy,
          now: datetime) -> tuple[list[wd.WatchItem], list[wd.ProductMonth]]:
    items = wd.watch_list(engine, now)
    months = wd.monthly_failures(engine, policy, wd.beijing_month(now))
    return items, months


class IntegrationView(AreaView):
    """The Integration area. See the module docstring for the signals."""

    titleChanged = Signal()
    openRecord = Signal(str, str)

    def __init__(self, bridge: Bridge, workspace: AreaWorkspace, parent: QWidget | None = None, *,
                 tz: tzinfo | None = None, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__("integrationView", bridge, workspace, parent)
        self._tz = tz
        self._clock = clock or (lambda: datetime.now(UTC))
        self.outbox: Outbox | None = None
        self.items: list[wd.WatchItem] = []
        self.months: list[wd.ProductMonth] = []
        self.policy = wd.Policy()
        self.current: wd.WatchItem | None = None
        self._count: int | None = None
        self._wanted: str | None = None  # a message to select once listed (open_message)
        self._extra: list[tuple[QWidget, Callable[[], str]]] = []

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("integrationTabs")
        self.watch_tab = QWidget(self.tabs)
        self.watch_tab.setObjectName("watchdogTab")
        self.tabs.addTab(self.watch_tab, "")

        self.summary = QLabel(self.watch_tab)
        self.summary.setObjectName("watchdogSummary")
        self.summary.setWordWrap(True)
        self.show_label = QLabel(self.watch_tab)
        self.show_filter = QComboBox(self.watch_tab)
        self.show_filter.setObjectName("watchdogShow")
        self.show_filter.addItem("", SHOW_NEEDING)
        self.show_filter.addItem("", SHOW_ALL)
        self.show_label.setBuddy(self.show_filter)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.show_label)
        bar.addWidget(self.show_filter)

        self.model = WatchModel(self, tz=tz, clock=self._clock)
        self.table = make_table(self.watch_tab, "watchdogTable", self.model)
        self.month_model = MonthModel(self)
        self.month_box = QGroupBox(self.watch_tab)
        self.month_table = make_table(self.month_box, "watchdogMonthTable", self.month_model)
        self.month_note = QLabel(self.month_box)
        self.month_note.setWordWrap(True)
        month_layout = QVBoxLayout(self.month_box)
        month_layout.addWidget(self.month_note)
        month_layout.addWidget(self.month_table, 1)
        self.list_splitter = QSplitter(Qt.Orientation.Vertical, self.watch_tab)
        self.list_splitter.setObjectName("watchdogListSplitter")
        self.list_splitter.addWidget(self.table)
        self.list_splitter.addWidget(self.month_box)
        self.list_splitter.setStretchFactor(0, 3)
        self.list_splitter.setStretchFactor(1, 1)

        self.call_again = QPushButton(self.watch_tab)
        self.call_again.setObjectName("watchdogCallAgain")
        self.call_again.setEnabled(False)
        self.call_again.clicked.connect(self.ask_call_again)
        self.open_order = QPushButton(self.watch_tab)
        self.open_order.setObjectName("watchdogOpenOrder")
        self.open_order.setEnabled(False)
        self.open_order.clicked.connect(self._open_order)
        self.detail = QTextBrowser(self.watch_tab)
        self.detail.setObjectName("watchdogDetail")
        self.detail.setOpenLinks(False)
        actions = QHBoxLayout()
        actions.addWidget(self.call_again)
        actions.addWidget(self.open_order)
        actions.addStretch(1)
        right = QWidget(self.watch_tab)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.detail, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.watch_tab)
        self.splitter.setObjectName("watchdogSplitter")
        self.splitter.addWidget(self.list_splitter)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        em = self.fontMetrics().horizontalAdvance("M")
        self.splitter.setSizes([em * 76, em * 32])
        self.list_splitter.setSizes([em * 36, em * 15])
        self.message = QLabel(self.watch_tab)
        self.message.setWordWrap(True)
        watch_layout = QVBoxLayout(self.watch_tab)
        watch_layout.addLayout(bar)
        watch_layout.addWidget(self.splitter, 1)
        watch_layout.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.watcher = ChangeWatcher(self, bridge, WATCHED, self._load, recount=self._load,
                                     retranslate=self.retranslate,
                                     enabled=lambda: self.engine is not None)
        self.timer = QTimer(self, interval=REPAINT_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.show_filter.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _p: self._select_row(current.row()))
        workspace.engineChanged.connect(self.set_engine)
        self.retranslate()
        self.set_engine(workspace.engine)

    # -- tabs -----------------------------------------------------------------------------------

    def add_tab(self, key: str, title: Callable[[], str], panel: QWidget) -> None:
        """Add a tool after the watchdog (see :mod:`app.views.integration.tabs`)."""
        panel.setObjectName(panel.objectName() or key)
        self.tabs.addTab(panel, title())
        self._extra.append((panel, title))

    # -- titles and words -----------------------------------------------------------------------

    def title(self) -> str:
        name = translate("IntegrationView", "Integration")
        return f"{name} ({self._count:,})" if self._count else name

    def retranslate(self) -> None:
        self.tabs.setTabText(0, translate("IntegrationView", "Interface watchdog"))
        for panel, title in self._extra:
            self.tabs.setTabText(self.tabs.indexOf(panel), title())
        self.show_label.setText(translate("IntegrationView", "&Show:"))
        self.show_filter.setItemText(0, translate("IntegrationView", "Calls that need you"))
        self.show_filter.setItemText(1, translate("IntegrationView", "Every listed call"))
        self.call_again.setText(translate("IntegrationView", "Call again (重新启动)…"))
        self.open_order.setText(translate("IntegrationView", "Open the order"))
        self.model.retranslate()
        self.month_model.retranslate()
        self._show_summary()
        self._show_detail()
        self.titleChanged.emit()

    # -- loading --------------------------------------------------------------------------------

    def set_engine(self, engine: Engine | None) -> None:
        self.engine = engine
        self.outbox = make_outbox(engine, self.workspace.paths, clock=self._clock) \
            if engine is not None else None
        self.bridge.forget(self, "list")  # the previous cache's answer is not shown
        self.items, self.months, self.current = [], [], None
        self._count = None
        self._show_rows()
        self.refresh()

    def refresh(self) -> None:
        """Re-read the calls and the month's counts (the settings' delisting rule too)."""
        self.watcher.refresh_now()

    def _load(self) -> None:
        engine = self.engine
        if engine is None:
            return
        settings = self.workspace.settings
        now = self._clock()

        def work(_ctx: object) -> tuple[wd.Policy, list[wd.WatchItem], list[wd.ProductMonth]]:
            s = settings.load()
            policy = wd.Policy(s.interface_delisting_threshold, s.interface_alert_failures)
            return (policy, *_load(engine, policy, now))

        self.bridge.run(work, name="integration.watchdog", owner=self, latest="list",
                        on_success=self._loaded, on_failure=self._failed)

    def _loaded(self, answer: tuple[wd.Policy, list[wd.WatchItem], list[wd.ProductMonth]]) -> None:
        self.policy, self.items, self.months = answer
        self.model.threshold = self.policy.threshold
        self._count = sum(1 for i in self.items if i.needs_action)
        self.message.setText("")
        self._show_rows()
        self.titleChanged.emit()

    def _failed(self, exc: BaseException, *_rest: object) -> None:
        self.message.setText(translate("IntegrationView", "The interface messages could not be "
                                                          "read: %1").replace("%1", failure_text(exc)))

    def _tick(self) -> None:
        """Every minute: the time left moves on (a window may have ended: re-read then)."""
        now = self._clock()
        if any(i.stage is wd.Stage.RETRYING and i.retry_until <= now for i in self.items):
            self.refresh()
            return
        self.model.refresh_texts()
        self._show_summary()
        self._show_detail()

    # -- the list -------------------------------------------------------------------------------

    def shown(self) -> list[wd.WatchItem]:
        if self.show_filter.currentData() == SHOW_ALL:
            return list(self.items)
        return [i for i in self.items if i.needs_action]

    def _show_rows(self) -> None:
        keep = self._wanted or (self.current.id if self.current is not None else None)
        rows = self.shown()
        self.model.set_rows(rows)
        self.month_model.set_rows(self.months)
        self.current = None
        for n, item in enumerate(rows):
            if item.id == keep:
                self.table.selectRow(n)
                self._wanted = None
                break
        else:
            if rows and self._wanted is None:
                self.table.selectRow(0)
        self._show_summary()
        self._show_detail()

    def _select_row(self, row: int) -> None:
        item = self.model.row_at(row)
        self.current = item
        self._show_detail()

    def open_message(self, message_id: str) -> None:
        """Show one call (from the deadline radar or search): every call listed, that one
        selected once the list is read."""
        self._wanted = message_id
        self.tabs.setCurrentIndex(0)
        if self.show_filter.currentData() != SHOW_ALL:
            self.show_filter.setCurrentIndex(1)  # shows the rows (and selects it if listed)
        else:
            self._show_rows()
        self.refresh()

    def _show_summary(self) -> None:
        now = self._clock()
        retrying = [i for i in self.items if i.stage is wd.Stage.RETRYING]
        waiting = [i for i in self.items if i.stage is wd.Stage.CALL_AGAIN]
        over = [p for p in self.months if p.over]
        if self.engine is None:
            self.summary.setText("")
        elif not retrying and not waiting:
            self.summary.setText(translate("IntegrationView", "No failed call needs you now."))
        else:
            parts = []
            if retrying:
                parts.append(translate("IntegrationView", "%1 still retried by KooGallery (the "
                                                          "first runs out in %2)")
                             .replace("%1", f"{len(retrying):,}")
                             .replace("%2", left_cell(retrying[0], now)))
            if waiting:
                parts.append(translate("IntegrationView", "%1 waiting for you to call again")
                             .replace("%1", f"{len(waiting):,}"))
            self.summary.setText(translate("IntegrationView", "Failed calls that need you: %1.")
                                 .replace("%1", "; ".join(parts)))
        if over:
            self.summary.setText(self.summary.text() + " " + translate(
                "IntegrationView", "%1 product(s) over the delisting rule this month.")
                .replace("%1", f"{len(over):,}"))
        self.month_box.setTitle(translate(
            "IntegrationView", "Failed orders per product this month (%1, Beijing time)")
            .replace("%1", wd.beijing_month(now)))
        self.month_note.setText(translate(
            "IntegrationView", "KooGallery may delist a product with more than %1 failed orders "
            "in a month (a rule not confirmed: change the number in Settings).")
            .replace("%1", f"{self.policy.threshold:,}"))

    # -- the detail -----------------------------------------------------------------------------

    def _show_detail(self) -> None:
        item = self.current
        e = html.escape
        if item is None:
            self.detail.setHtml("<p>" + e(translate("IntegrationView", "Choose a call.")) + "</p>")
            self.call_again.setEnabled(False)
            self.call_again.setToolTip("")
            self.open_order.setEnabled(False)
            return
        m = item.message
        verdict = wd.availability(item)
        self.call_again.setEnabled(verdict.allowed and self.outbox is not None)
        self.call_again.setToolTip("" if verdict.allowed else reason_text(verdict.reason_code))
        self.open_order.setEnabled(bool(m.order_id))
        now = self._clock()
        until = e(local_time(item.retry_until, self._tz))
        if item.estimated:
            until += " <i>(" + e(translate("IntegrationView", "estimated: KooGallery's message "
                                                              "does not say")) + ")</i>"
        colour = "#c0392b" if item.needs_action else "inherit"
        code = m.result_code or ""
        code_text = f"{code} ({result_code_text(code)})" if result_code_text(code) else code
        rows = [
            (translate("IntegrationView", "What happens"),
             f"<b style='color:{colour}'>{e(stage_text(item))}</b>"),
            (translate("IntegrationView", "Time left"), e(left_cell(item, now))),
            (translate("IntegrationView", "Retries end"), until),
            (translate("IntegrationView", "Activity"), e(term_beside(m.activity))),
            (translate("IntegrationView", "Status"), e(term_beside(m.status))),
            (translate("IntegrationView", "Order"), e(m.order_id or "—")),
            (translate("IntegrationView", "Order line"), e(m.order_line_id or "—")),
            (translate("IntegrationView", "Instance"), e(m.instance_id or "—")),
            (translate("IntegrationView", "Product"),
             e(" ".join(x for x in (item.product_name, f"({m.product_id})" if m.product_id else "")
                        if x) or "—")),
            (translate("IntegrationView", "Called"), e(local_time(m.call_time, self._tz))),
            (translate("IntegrationView", "Production URL"), e(m.production_url)),
            (translate("IntegrationView", "HTTP status"),
             e(str(m.http_status) if m.http_status is not None
               else translate("IntegrationView", "no answer"))),
            (translate("IntegrationView", "Result code"), e(code_text or "—")),
            (translate("IntegrationView", "Error"), e(m.error_message)),
            (translate("IntegrationView", "Retries so far"), e(f"{m.retry_count:,}")),
            (translate("IntegrationView", "Failed this month"),
             e(translate("IntegrationView", "%1 orders of this product in %2 (Beijing time); "
                                            "delisting risk above %3")
               .replace("%1", f"{item.month_failures:,}").replace("%2", item.month)
               .replace("%3", f"{self.policy.threshold:,}"))),
        ]
        parts = ["<table cellspacing='4'>"]
        parts += [f"<tr><td><b>{e(k)}</b></td><td>{v}</td></tr>" for k, v in rows]
        parts.append("</table>")
        parts.append("<p>" + e(self._advice(item)) + "</p>")
        if item.queued:
            parts.append("<p><i>" + e(translate("IntegrationView", "A call-again waits in the "
                                                                  "outbox.")) + "</i></p>")
        self.detail.setHtml("".join(parts))

    def _advice(self, item: wd.WatchItem) -> str:
        if item.stage is wd.Stage.RETRYING and item.cliff is wd.Cliff.REFUND:
            return translate("IntegrationView", "KooGallery keeps retrying this purchase. Fix "
                                                "your production interface, then call it again "
                                                "before the retries end, or the order is "
                                                "unsubscribed and refunded.")
        if item.stage is wd.Stage.RETRYING:
            return translate("IntegrationView", "KooGallery keeps retrying this call for a "
                                                "while. Fix your production interface; when the "
                                                "retries end, the change stays undone until you "
                                                "call it again.")
        if item.stage is wd.Stage.CALL_AGAIN:
            return translate("IntegrationView", "KooGallery stopped retrying: the buyer's change "
                                                "is not done. Once your production interface "
                                                "works, call it again.")
        if item.stage is wd.Stage.REFUNDED:
            return translate("IntegrationView", "The purchase was refunded; the failure still "
                                                "counts towards this month's delisting rule.")
        return translate("IntegrationView", "Nothing to do: the call succeeded in the end.")

    # -- actions --------------------------------------------------------------------------------

    def _open_order(self) -> None:
        if self.current is not None and self.current.message.order_id:
            self.openRecord.emit("order", self.current.message.order_id)

    def ask_call_again(self) -> None:
        item, outbox = self.current, self.outbox
        if item is None or outbox is None:
            return
        answer = QMessageBox.question(
            self, translate("IntegrationView", "Call again"),
            translate("IntegrationView", "Ask KooGallery to call your production interface again "
                                         "for %1 (%2)? Do it once your interface works.")
            .replace("%1", item.message.activity)
            .replace("%2", item.message.order_id or item.message.instance_id or item.id))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.queue_call_again(item.id)

    def queue_call_again(self, message_id: str) -> None:
        """Queue 重新启动 for ``message_id`` (WRITE lane); the outbox sends it."""
        outbox = self.outbox
        if outbox is None:
            return

        def queued(_entry: object) -> None:
            self.message.setText(translate("IntegrationView", "Queued; it is sent when the "
                                                              "marketplace answers."))
            self.bridge.announce({"outbox"}, self)

        def failed(exc: BaseException, *_rest: object) -> None:
            text = reason_text(exc.failure_code) if isinstance(exc, wd.WatchdogError) \
                else failure_text(exc)
            QMessageBox.warning(self, translate("IntegrationView", "Not queued"), text)

        self.bridge.run(lambda _c: wd.queue_call_again(outbox, message_id),
                        name="integration.call_again", lane=Lane.WRITE, owner=self,
                        on_success=queued, on_failure=failed)
