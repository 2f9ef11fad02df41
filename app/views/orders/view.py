"""The Orders area (订单管理): filter bar, a table that stays fast with a million orders, detail pane.

The window's ``OrdersArea`` builds one ``OrdersView`` per console and hands it each profile's cache
engine. Every query runs on the bridge (READ lane); the GUI thread only reads blocks of ~200 rows
for painting. After work changed the cache the bridge announces it; the view then re-queries once
per burst (and only while visible: a hidden view re-queries when shown), keeping the selection,
and brings the search index of names up to date on the WRITE lane.

Keys: Enter opens the current order's detail, Ctrl+C copies the selected rows as tab-separated
text with a header line (the visible columns, in their order). The header's context menu picks the
columns; widths, order, sort and the splitter are saved in ``QSettings``.

Signals
-------
``supervisionTaskRequested(str)``
    The user asked to open an order's service supervision task: the task id.
``countChanged(int)``
    The number of orders listed, after every query.
``countUnknown()``
    The number last sent is out of date (kept for the area; a hidden view now re-counts after
    every change and sends ``countChanged`` again instead).
"""

from __future__ import annotations

import logging
from datetime import tzinfo
from decimal import Decimal

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services.orders import query as orders_query
from app.services.orders.query import FilterColumn, OrderFilter, OrderNotFound
from app.views.bridge import Bridge, Lane, TaskContext
from app.views.change_watcher import ChangeWatcher
from app.views.common.lazy_model import positions_of
from app.views.common.panes import list_and_detail
from app.views.common.retranslating import Retranslating
from app.views.common.tables import ViewState, fit_to_contents
from app.views.i18n import translate
from app.views.orders.detail import OrderDetailPane
from app.views.orders.filter_bar import OrdersFilterBar
from app.views.orders.labels import COLUMNS, Labels, money
from app.views.orders.model import OrdersTableModel

log = logging.getLogger("seller_console.views")

STATE_VERSION = 2  # 2: columns fitted to their contents, a wider detail pane
#: Moving through rows with the keyboard loads the detail once the current row settles.
DETAIL_DELAY_MS = 80
DEFAULT_WIDTHS = {"order_id": 170, "customer": 220, "account": 130, "customer_id": 240,
                  "product": 200, "status": 90, "type": 100, "charging_mode": 110,
                  "amount": 110, "created": 130, "paid": 130}
#: Once orders are listed, every column is as wide as its title and its contents (no cut text),
#: within these bounds (a very long customer or product name is cut rather than pushing the
#: other columns out of sight).
FIT_MIN, FIT_MAX = 48, 280
#: The widest amount the Amount column holds without cutting, whatever rows are in view.
AMOUNT_SAMPLE = Decimal("99999999.99")


class OrdersView(Retranslating, QWidget):
    """The Orders area. See the module docstring for its signals."""

    supervisionTaskRequested = Signal(str)
    countChanged = Signal(int)
    countUnknown = Signal()

    def __init__(
        self,
        engine: Engine,
        bridge: Bridge,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ordersView")
        self._engine = engine
        self._bridge = bridge
        self._settings = settings
        self._tz = tz
        self._count: int | None = None
        self._busy = False
        self._open_rowid: int | None = None
        self._scroll_to_top = False
        self._menu: QMenu | None = None
        self._columns_fitted = False
        self._columns_restored = False

        self.filter_bar = OrdersFilterBar(self, tz=tz)
        self.model = OrdersTableModel(engine, bridge, self, tz=tz)
        self.table = QTableView(self)
        self.table.setObjectName("ordersTable")
        self.table.setModel(self.model)
        self.model.attach_selection(self.table.selectionModel())
        self.detail = OrderDetailPane(self, tz=tz)
        self.status = QLabel(self)
        # The detail pane gets room to read without scrolling on a 1280-pixel-wide screen.
        self.splitter = list_and_detail(self, self.table, self.detail, stretch=(3, 2),
                                        sizes=(640, 440))
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        self._setup_table()
        self.view_state = ViewState(settings, "orders", table=self.table, splitter=self.splitter,
                                    version=STATE_VERSION)

        # Visible: re-query once per burst of announcements; hidden: when shown again, and
        # meanwhile only the count is re-read, so "Orders (N)" in the navigation stays true.
        self.watcher = ChangeWatcher(self, bridge, {"orders"}, self._refresh,
                                     recount=self._recount)
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._load_current_detail)

        self.filter_bar.filterChanged.connect(self._filter_changed)
        self.detail.supervisionTaskRequested.connect(self.supervisionTaskRequested)
        self.model.countChanged.connect(self._count_changed)
        self.model.queryStarted.connect(self._query_started)
        self.model.queryFinished.connect(self._query_finished)
        self.model.queryFinished.connect(self._fit_columns_once)
        self.model.queryFailed.connect(self._query_failed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda _index: self.open_detail())
        self.table.installEventFilter(self)
        copy = QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), self.table)
        copy.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy.activated.connect(self.copy_selection)
        bridge.changed.connect(self._cache_changed)  # the search index follows even while hidden

        self.retranslate()
        self.model.set_filter(self._with_header_sort(OrderFilter()))
        self._load_choices()
        self._refresh_search_terms()

    def _setup_table(self) -> None:
        t = self.table
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        t.setWordWrap(False)
        t.setAlternatingRowColors(True)
        t.setCornerButtonEnabled(False)
        vertical = t.verticalHeader()
        vertical.setVisible(False)
        # Fixed heights: the view never asks a million rows for their size.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(t.fontMetrics().height() + 8)
        header = t.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for i, col in enumerate(COLUMNS):
            header.resizeSection(i, DEFAULT_WIDTHS.get(col.key, 120))
            header.setSectionHidden(i, not col.visible)
        section = next(i for i, c in enumerate(COLUMNS) if c.key == "created")
        header.setSortIndicator(section, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)

    # -- public API -------------------------------------------------------------------------------

    def set_engine(self, engine: Engine) -> None:
        """Show another profile's cache (same filter and columns; selection and detail cleared)."""
        self._engine = engine
        self._bridge.forget(self, "detail")
        self.detail.show_empty()
        self.model.set_engine(engine)
        self._load_choices()
        self._refresh_search_terms()

    def apply_filter(self, f: OrderFilter) -> None:
        """Show the orders of ``f`` (its sort too), and put it in the filter bar."""
        self.filter_bar.set_filter(f)
        header = self.table.horizontalHeader()
        section = next((i for i, c in enumerate(COLUMNS) if c.sort == f.sort), -1)
        if section >= 0:
            header.blockSignals(True)
            header.setSortIndicator(section, Qt.SortOrder.DescendingOrder if f.descending
                                    else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
        self._scroll_to_top = True
        self.model.set_filter(f)

    def focus_search(self) -> None:
        self.filter_bar.focus_search()

    def open_order(self, order_id: str) -> None:
        """Select order ``order_id`` and show its detail; if the current filter hides it, search
        for it instead."""
        engine, listed = self._engine, self.model.row_ids()

        def work(_ctx: TaskContext) -> tuple[int | None, int]:
            rowid = orders_query.rowid_of(engine, order_id)
            if rowid is None:
                return None, -1
            return rowid, positions_of(listed, [rowid]).get(rowid, -1)

        def found(result: tuple[int | None, int]) -> None:
            rowid, row = result
            if rowid is None:
                self.detail.show_missing(order_id)
                return
            if row >= 0 and self.model.row_ids() is listed:
                self._select_row(row)
            else:
                self._open_rowid = rowid
                self.apply_filter(OrderFilter(text=order_id))
            self._load_detail(order_id)

        self._bridge.run(work, name="orders.open", lane=Lane.READ, owner=self,
                         on_success=found,
                         on_failure=lambda e: self.detail.show_error(str(e)))

    def refresh(self) -> None:
        """Query the current filter again, keeping the selection and the current order."""
        self.watcher.refresh_now()

    def _refresh(self) -> None:
        self.model.refresh()
        current = self.table.selectionModel().currentIndex()
        if current.isValid() and self.detail.detail is not None:
            self._detail_timer.start()

    def save_state(self) -> None:
        self.view_state.save()

    def restore_state(self) -> None:
        if self.view_state.restore():
            self._columns_restored = True  # the user's own widths stay
            self.model.set_filter(self._with_header_sort(self.model.current_filter))

    # -- actions ----------------------------------------------------------------------------------

    def open_detail(self) -> None:
        """Show the current order in the detail pane (Enter, double click)."""
        sizes = self.splitter.sizes()
        if len(sizes) == 2 and sizes[1] == 0:
            self.splitter.setSizes([max(1, sizes[0] * 3 // 4), max(1, sizes[0] // 4)])
        self._load_current_detail()

    def copy_selection(self) -> None:
        """Copy the selected rows (visible columns, in view order, with a header line)."""
        sel = self.table.selectionModel()
        rows: list[int] = []
        for rng in sel.selection().toList():
            rows.extend(range(rng.top(), rng.bottom() + 1))
        if not rows:
            current = sel.currentIndex()
            if not current.isValid():
                return
            rows = [current.row()]
        ids = self.model.row_ids()
        rowids = [ids[r] for r in sorted(set(rows)) if r < len(ids)]
        header = self.table.horizontalHeader()
        keys = [COLUMNS[header.logicalIndex(v)].key for v in range(header.count())
                if not header.isSectionHidden(header.logicalIndex(v))]
        labels, tz, engine = Labels.current(), self._tz, self._engine

        def work(_ctx: TaskContext) -> str:
            lines = ["\t".join(labels.titles[k] for k in keys)]
            for i in range(0, len(rowids), 1000):
                chunk = rowids[i:i + 1000]
                found = orders_query.rows_by_rowid(engine, chunk)
                for rid in chunk:
                    row = found.get(rid)
                    if row is not None:
                        lines.append("\t".join(_clean(labels.cell(k, row, tz)) for k in keys))
            return "\n".join(lines) + "\n"

        self._bridge.run(work, name="orders.copy", lane=Lane.READ, owner=self,
                         on_success=QGuiApplication.clipboard().setText)

    # -- events -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_detail()
                return True
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.model.retranslate()
        if self._columns_fitted:
            self.fit_columns(titles_only=True)  # titles in another language: none cut
        self.table.setToolTip("")
        self._show_status()

    # -- internals --------------------------------------------------------------------------------

    def _with_header_sort(self, f: OrderFilter) -> OrderFilter:
        header = self.table.horizontalHeader()
        section = header.sortIndicatorSection()
        if not 0 <= section < len(COLUMNS):
            return f
        return f.sorted_by(COLUMNS[section].sort,
                           header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)

    def _filter_changed(self, f: OrderFilter) -> None:
        self._scroll_to_top = True
        current = self.model.current_filter
        self.model.set_filter(f.sorted_by(current.sort, current.descending))

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        self.model.sort(section, order)

    def _cache_changed(self, collections: frozenset[str], _source: object) -> None:
        if "orders" in collections:
            self._refresh_search_terms(always=True)

    def _refresh_search_terms(self, *, always: bool = False) -> None:
        """Bring the search index of names up to date on the write lane: after orders changed
        (``always``: names may have changed in place), or when opening a cache that has new
        orders since its last refresh."""
        engine = self._engine

        def work(_ctx: TaskContext) -> int:
            if not always and not orders_query.search_is_stale(engine):
                return 0
            with engine.begin() as conn:
                return orders_query.refresh_search_terms(conn)

        self._bridge.run(work, name="orders.search_terms", lane=Lane.WRITE,
                         key=f"orders.search_terms.{id(engine)}")

    def _load_choices(self) -> None:
        engine = self._engine

        def work(_ctx: TaskContext) -> dict[FilterColumn, list[str]]:
            return {c: orders_query.distinct_values(engine, c) for c in FilterColumn}

        def loaded(choices: dict[FilterColumn, list[str]]) -> None:
            for column, values in choices.items():
                self.filter_bar.set_choices(column, values)

        self._bridge.run(work, name="orders.choices", lane=Lane.READ, owner=self,
                         on_success=loaded)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._detail_timer.start()

    def _load_current_detail(self) -> None:
        current = self.table.selectionModel().currentIndex()
        if not current.isValid():
            return
        order_id = self.model.data(current, OrdersTableModel.OrderIdRole)
        if order_id:
            self._load_detail(str(order_id))

    def _load_detail(self, order_id: str) -> None:
        engine = self._engine
        if self.detail.detail is None or self.detail.detail.id != order_id:
            self.detail.show_loading(order_id)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OrderNotFound):
                self.detail.show_missing(order_id)
            else:
                self.detail.show_error(str(exc))

        self._bridge.run(lambda _ctx: orders_query.detail(engine, order_id),
                         name="orders.detail", lane=Lane.READ, owner=self, latest="detail",
                         on_success=self.detail.show_detail, on_failure=failed)

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(
            index, flags.ClearAndSelect | flags.Rows)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _query_started(self) -> None:
        self._busy = True
        self._show_status()

    def _query_finished(self) -> None:
        self._busy = False
        if self._open_rowid is not None:
            row = self.model.row_of(self._open_rowid)
            self._open_rowid = None
            if row >= 0:
                self._select_row(row)
                self._scroll_to_top = False
        current = self.table.selectionModel().currentIndex()
        if self._scroll_to_top:
            self._scroll_to_top = False
            if current.isValid():
                self.table.scrollTo(current)
            else:
                self.table.scrollToTop()
        self._show_status()

    def fit_columns(self, *, titles_only: bool = False) -> None:
        """Make every shown column as wide as its title and the rows in view (the Amount column:
        any amount below a hundred million), within :data:`FIT_MIN`..:data:`FIT_MAX`.
        ``titles_only``: only widen columns whose title no longer fits (after a language
        switch), keeping the user's widths otherwise."""
        amount = next(i for i, col in enumerate(COLUMNS) if col.key == "amount")
        fit_to_contents(self.table, least=FIT_MIN, most=FIT_MAX,
                        samples={amount: money(AMOUNT_SAMPLE, "CNY")}, titles_only=titles_only)

    def _fit_columns_once(self) -> None:
        """The first time orders are listed (unless the user's widths were restored)."""
        if self._columns_fitted or self._columns_restored or self.model.rowCount() == 0:
            return
        self._columns_fitted = True
        self.fit_columns()

    def _query_failed(self, message: str) -> None:
        self._busy = False
        self.status.setText(translate("OrdersView", "The orders could not be read: %1").replace("%1", message))

    def _recount(self) -> None:
        """Orders changed while the view was hidden: count the current filter's orders (one
        aggregate query; the list itself is re-read when the view is shown)."""
        engine, f = self._engine, self.model.current_filter

        def counted(count: int) -> None:
            if engine is self._engine and not self.isVisible():
                self._count_changed(count)

        self._bridge.run(lambda ctx: orders_query.count(engine, f), name="orders.recount",
                         owner=self, latest="recount", on_success=counted)

    def _count_changed(self, count: int) -> None:
        self._count = count
        self._show_status()
        self.countChanged.emit(count)

    def _show_status(self) -> None:
        if self._busy:
            self.status.setText(translate("OrdersView", "Searching…"))
        elif self._count is None:
            self.status.setText("")
        else:
            self.status.setText(translate("OrdersView", "%n order(s)", "", self._count))

    def _header_menu(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        labels = self.model.labels
        visible = sum(not header.isSectionHidden(i) for i in range(header.count()))
        for i, col in enumerate(COLUMNS):
            action = menu.addAction(labels.titles[col.key])
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(i))
            action.setEnabled(header.isSectionHidden(i) or visible > 1)  # keep one column
            action.toggled.connect(lambda on, s=i: header.setSectionHidden(s, not on))
        menu.addSeparator()
        reset = menu.addAction(translate("OrdersView", "Default columns"))
        reset.triggered.connect(self._default_columns)
        menu.popup(header.mapToGlobal(pos))
        self._menu = menu  # tests reach the open menu here

    def _default_columns(self) -> None:
        header = self.table.horizontalHeader()
        for i, col in enumerate(COLUMNS):
            header.moveSection(header.visualIndex(i), i)
            header.setSectionHidden(i, not col.visible)
            header.resizeSection(i, DEFAULT_WIDTHS.get(col.key, 120))
        if self.model.rowCount():
            self.fit_columns()


def _clean(text: str) -> str:
    """A cell for tab-separated text: no tabs or line breaks inside."""
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


