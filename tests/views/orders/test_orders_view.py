"""The Orders view and its model over a real cache: model checks, filters, search, detail, copy,
selection across refreshes, saved state.

Every wait is on a signal or a condition (the id queries run on the bridge's worker threads).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, delete, insert, select

from app import models as m
from app.models import db
from app.services.orders import query as q
from app.services.orders.query import OrderFilter, SortColumn
from app.views.app import pin_interpreter_singletons
from app.views.bridge import Bridge
from app.views.orders.labels import COLUMNS
from app.views.orders.model import OrdersTableModel
from app.views.orders.view import OrdersView
from tests.support.orders_data import START, fill_orders, make_line, make_order, make_task

pin_interpreter_singletons()  # PySide6 6.12 on CPython 3.11: see app.views.app

pytestmark = pytest.mark.gui

WAIT_MS = 20_000
N = 400
SPECIAL = "CS2901010000ZZZZ1"  # newer than every generated order: first in the default sort


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    fill_orders(eng, N)
    with eng.begin() as conn:
        conn.execute(insert(m.Order.__table__), [make_order(
            SPECIAL, create_time=START.replace(year=2029), customer_real_name="上海云帆科技有限公司",
            customer_name="yunfan01", product_name="云栖数据备份软件",
            total_amount=Decimal("1234.50"), order_status="处理中")])
        conn.execute(insert(m.OrderLine.__table__), [make_line(SPECIAL, 1)])
        conn.execute(insert(m.SupervisionTask.__table__),
                     [make_task("SS2901010000ZZZZ1000001", SPECIAL, f"{SPECIAL}-000001")])
    yield eng
    eng.dispose()


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[Bridge]:
    b = Bridge()
    yield b
    b.wait_idle()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)


def _loaded(qtbot: QtBot, model: OrdersTableModel, count: int) -> None:
    qtbot.waitUntil(lambda: model.rowCount() == count and model._pending is None, timeout=WAIT_MS)


@pytest.fixture
def view(qtbot: QtBot, engine: Engine, bridge: Bridge, settings: QSettings) -> OrdersView:
    v = OrdersView(engine, bridge, settings, tz=UTC)
    qtbot.addWidget(v)
    v.resize(1400, 700)
    v.show()
    qtbot.waitExposed(v)
    _loaded(qtbot, v.model, N + 1)
    return v


def _type(widget: QWidget, text_: str) -> None:
    """Type Chinese as an input method commits it (QTest's key clicks are ASCII only)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text_)
    QApplication.sendEvent(widget, event)


def _row_of_order(model: OrdersTableModel, order_id: str) -> int:
    for row in range(model.rowCount()):
        if model.data(model.index(row, 0), OrdersTableModel.OrderIdRole) == order_id:
            return row
    return -1


# -- the model alone ------------------------------------------------------------------------------


def test_the_model_passes_the_model_tester(qtbot: QtBot, qtmodeltester, engine: Engine,
                                           bridge: Bridge) -> None:  # noqa: ANN001 - fixture
    model = OrdersTableModel(engine, bridge, tz=UTC)
    model.set_filter(OrderFilter())
    _loaded(qtbot, model, N + 1)
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == SPECIAL
    amount = next(i for i, c in enumerate(COLUMNS) if c.key == "amount")
    assert model.data(model.index(0, amount)) == "¥1,234.50"
    assert model.data(model.index(0, amount), Qt.ItemDataRole.TextAlignmentRole) & int(
        Qt.AlignmentFlag.AlignRight)
    created = next(i for i, c in enumerate(COLUMNS) if c.key == "created")
    assert model.data(model.index(0, created)) == "2029-01-01 00:00"
    assert model.cached_blocks() >= 1


def test_the_model_reads_rows_lazily_in_blocks(qtbot: QtBot, engine: Engine,
                                               bridge: Bridge) -> None:
    model = OrdersTableModel(engine, bridge, tz=UTC)
    model.set_filter(OrderFilter())
    _loaded(qtbot, model, N + 1)
    assert model.cached_blocks() == 0  # nothing read until a row is asked for
    model.data(model.index(N, 0))
    assert model.cached_blocks() == 1


def test_a_long_list_shows_its_first_page_then_appends_the_rest(
        qtbot: QtBot, qtmodeltester, tmp_path: Path, bridge: Bridge) -> None:  # noqa: ANN001
    from app.views.orders.model import FIRST_PAGE

    big = db.open_cache(f"sqlite:///{tmp_path / 'big.sqlite3'}")
    try:
        fill_orders(big, FIRST_PAGE * 2 + 50)
        model = OrdersTableModel(big, bridge, tz=UTC)
        seen: list[tuple[str, int]] = []
        model.firstRowsShown.connect(lambda: seen.append(("first", model.rowCount())))
        model.rowsInserted.connect(lambda _p, first, last: seen.append(("appended", last + 1)))
        model.modelReset.connect(lambda: seen.append(("reset", model.rowCount())))
        with qtbot.waitSignal(model.queryFinished, timeout=WAIT_MS):
            model.set_filter(OrderFilter(sort=SortColumn.AMOUNT))
        total = FIRST_PAGE * 2 + 50
        assert seen == [("reset", FIRST_PAGE), ("first", FIRST_PAGE), ("appended", total)]
        assert list(model.row_ids()) == list(q.ids(big, OrderFilter(sort=SortColumn.AMOUNT)))
        qtmodeltester.check(model)
        seen.clear()
        with qtbot.waitSignal(model.queryFinished, timeout=WAIT_MS):
            model.refresh()  # a refresh swaps the whole list at once
        assert seen == [("reset", total), ("first", total)]
    finally:
        bridge.wait_idle()
        big.dispose()


def test_an_older_answer_is_dropped(qtbot: QtBot, engine: Engine, bridge: Bridge) -> None:
    model = OrdersTableModel(engine, bridge, tz=UTC)
    counts: list[int] = []
    model.countChanged.connect(counts.append)
    model.set_filter(OrderFilter())
    model.set_filter(OrderFilter(statuses=frozenset({"处理中"})))
    expected = q.count(engine, OrderFilter(statuses=frozenset({"处理中"})))
    _loaded(qtbot, model, expected)
    bridge.wait_idle()
    qtbot.waitUntil(lambda: counts[-1:] == [expected], timeout=WAIT_MS)
    assert counts == [expected]  # the first answer never reached the table
    assert model.rowCount() == expected


def test_sort_runs_in_sql(qtbot: QtBot, engine: Engine, bridge: Bridge) -> None:
    model = OrdersTableModel(engine, bridge, tz=UTC)
    amount = next(i for i, c in enumerate(COLUMNS) if c.key == "amount")
    model.sort(amount, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: model.current_filter.sort == SortColumn.AMOUNT
                    and model._pending is None and model.rowCount() == N + 1, timeout=WAIT_MS)
    assert list(model.row_ids()) == list(
        q.ids(engine, OrderFilter(sort=SortColumn.AMOUNT, descending=False)))


# -- the view -------------------------------------------------------------------------------------


def test_filters_and_search_change_the_rows(qtbot: QtBot, view: OrdersView,
                                            engine: Engine) -> None:
    bar = view.filter_bar
    bar.status.set_values(["处理中", "已完成"])
    action = next(a for a in bar.status.menu().actions() if a.data() == "处理中")
    action.trigger()
    expected = q.count(engine, OrderFilter(statuses=frozenset({"处理中"})))
    _loaded(qtbot, view.model, expected)
    assert bar.status.text().startswith("Status")

    bar.reset()
    _loaded(qtbot, view.model, N + 1)
    with qtbot.waitSignal(view.countChanged, timeout=WAIT_MS) as blocker:
        _type(bar.search, "上海云帆")
    assert blocker.args == [1]
    assert view.model.data(view.model.index(0, 0)) == SPECIAL

    for text_ in ("海", "上海", "科技有限"):  # 1, 2 and 3+ Chinese characters
        bar.search.clear()
        expected = q.count(engine, OrderFilter(text=text_))
        _type(bar.search, text_)
        _loaded(qtbot, view.model, expected)
        assert 0 < expected < N + 1


def test_a_click_shows_the_detail_and_its_task_link(qtbot: QtBot, view: OrdersView) -> None:
    index = view.model.index(0, 1)
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: view.detail.detail is not None, timeout=WAIT_MS)
    detail = view.detail.detail
    assert detail is not None and detail.id == SPECIAL
    assert [t.id for t in detail.supervision_tasks] == ["SS2901010000ZZZZ1000001"]
    assert "Open supervision task" in view.detail.tasks.text()
    with qtbot.waitSignal(view.supervisionTaskRequested, timeout=WAIT_MS) as blocker:
        view.detail.tasks.linkActivated.emit("task:SS2901010000ZZZZ1000001")
    assert blocker.args == ["SS2901010000ZZZZ1000001"]


def test_enter_opens_the_detail(qtbot: QtBot, view: OrdersView) -> None:
    view.splitter.setSizes([1400, 0])
    view.table.setFocus()
    view.table.selectionModel().setCurrentIndex(
        view.model.index(2, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    expected = view.model.data(view.model.index(2, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.detail.detail is not None
                    and view.detail.detail.id == expected, timeout=WAIT_MS)
    assert view.splitter.sizes()[1] > 0


def test_copy_puts_the_selected_rows_on_the_clipboard(qtbot: QtBot, view: OrdersView) -> None:
    QApplication.clipboard().clear()
    view.table.selectRow(0)
    view.table.selectionModel().select(
        view.model.index(2, 0), QItemSelectionModel.SelectionFlag.Select
        | QItemSelectionModel.SelectionFlag.Rows)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.clipboard().text().count("\n") == 3, timeout=WAIT_MS)
    lines = QApplication.clipboard().text().splitlines()
    header = lines[0].split("\t")
    assert header[:3] == ["Order ID", "Customer", "Product"]
    assert lines[1].split("\t")[:2] == [SPECIAL, "上海云帆科技有限公司"]
    assert lines[2].split("\t")[0] == view.model.data(view.model.index(2, 0))
    assert "¥1,234.50" in lines[1].split("\t")


def test_the_selection_is_kept_across_a_refresh(qtbot: QtBot, view: OrdersView, engine: Engine,
                                                bridge: Bridge) -> None:
    view.table.selectRow(5)
    selected = view.model.data(view.model.index(5, 0))
    starts: list[bool] = []
    view.model.queryStarted.connect(lambda: starts.append(True))
    with engine.begin() as conn:  # two newer orders arrive: the selected one moves down by two
        conn.execute(insert(m.Order.__table__), [
            make_order("CS2902010000NEW01", create_time=START.replace(year=2029) + timedelta(1)),
            make_order("CS2902010000NEW02", create_time=START.replace(year=2029) + timedelta(2)),
        ])
    for _ in range(5):  # a burst of announcements makes one refresh
        bridge.announce({"orders"})
    _loaded(qtbot, view.model, N + 3)
    assert starts == [True]
    rows = view.table.selectionModel().selectedRows()
    assert [view.model.data(i) for i in rows] == [selected]
    assert rows[0].row() == 7
    assert view.table.selectionModel().currentIndex().row() == 7


def test_a_hidden_view_refreshes_when_shown(qtbot: QtBot, view: OrdersView, engine: Engine,
                                            bridge: Bridge) -> None:
    view.hide()
    with engine.begin() as conn:
        conn.execute(insert(m.Order.__table__), [make_order("CS2902010000NEW03")])
    bridge.announce({"orders"})
    bridge.announce({"leads"})
    assert view.model.rowCount() == N + 1
    view.show()
    _loaded(qtbot, view.model, N + 2)


def test_columns_widths_sort_and_splitter_are_saved(qtbot: QtBot, view: OrdersView, engine: Engine,
                                                    bridge: Bridge, settings: QSettings) -> None:
    header = view.table.horizontalHeader()
    header.customContextMenuRequested.emit(header.rect().center())
    assert view._menu is not None
    account = next(a for a in view._menu.actions() if a.text() == "Account")
    account.trigger()
    assert not header.isSectionHidden(2)
    product = next(i for i, c in enumerate(COLUMNS) if c.key == "product")
    header.resizeSection(product, 321)
    header.setSortIndicator(product, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: view.model.current_filter.sort == SortColumn.PRODUCT
                    and view.model._pending is None, timeout=WAIT_MS)
    view.splitter.setSizes([1000, 300])
    view.save_state()

    again = OrdersView(engine, bridge, settings, tz=UTC)
    qtbot.addWidget(again)
    again.restore_state()
    h2 = again.table.horizontalHeader()
    assert not h2.isSectionHidden(2) and h2.sectionSize(product) == 321
    assert again.model.current_filter.sort == SortColumn.PRODUCT
    assert not again.model.current_filter.descending
    _loaded(qtbot, again.model, N + 1)


def test_apply_filter_open_order_and_focus_search(qtbot: QtBot, view: OrdersView,
                                                  engine: Engine) -> None:
    f = OrderFilter(statuses=frozenset({"处理中"}), sort=SortColumn.AMOUNT, descending=False)
    view.apply_filter(f)
    _loaded(qtbot, view.model, q.count(engine, f))
    assert view.filter_bar.status.selected() == frozenset({"处理中"})
    amount = next(i for i, c in enumerate(COLUMNS) if c.key == "amount")
    assert view.table.horizontalHeader().sortIndicatorSection() == amount

    hidden = q.rows_by_rowid(engine, q.ids(engine, OrderFilter(statuses=frozenset({"已完成"}))))
    order_id = next(iter(hidden.values())).id
    view.open_order(order_id)  # not in 处理中: the view searches for it
    qtbot.waitUntil(lambda: view.detail.detail is not None
                    and view.detail.detail.id == order_id, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.model._pending is None and view.model.rowCount() >= 1,
                    timeout=WAIT_MS)
    current = view.table.selectionModel().currentIndex()
    qtbot.waitUntil(lambda: view.table.selectionModel().currentIndex().isValid(), timeout=WAIT_MS)
    current = view.table.selectionModel().currentIndex()
    assert view.model.data(view.model.index(current.row(), 0)) == order_id
    view.focus_search()
    assert view.filter_bar.search.hasFocus() or QApplication.focusWidget() is view.filter_bar.search


def test_a_profile_switch_shows_the_other_cache(qtbot: QtBot, view: OrdersView,
                                                tmp_path: Path) -> None:
    other = db.open_cache(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        fill_orders(other, 7)
        view.set_engine(other)
        _loaded(qtbot, view.model, 7)
        assert view.detail.detail is None
    finally:
        other.dispose()


def test_language_change_retranslates(qtbot: QtBot, view: OrdersView) -> None:
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "Order ID"
    assert view.status.text() == f"{N + 1} order(s)" or view.status.text().endswith("orders")


def test_the_hidden_area_keeps_its_count_true(
        qtbot: QtBot, engine: Engine, bridge: Bridge, settings: QSettings) -> None:
    # Issue 13: the navigation's "Orders (N)" is true from the first paint and stays true while
    # the area is hidden (it used to drop to "Orders" until the area was shown again).
    from app.views.orders.area import OrdersArea

    area = OrdersArea(bridge, settings)
    qtbot.addWidget(area)
    assert area.title() == "Orders"
    with qtbot.waitSignal(area.titleChanged, timeout=WAIT_MS):
        area.set_engine(engine)  # hidden: the view still lists (and counts) its first query
    assert area.title() == f"Orders ({N + 1:,})"
    with engine.begin() as conn:
        newest = conn.execute(select(m.Order.id).order_by(m.Order.id.desc()).limit(1)).scalar_one()
        conn.execute(delete(m.OrderLine).where(m.OrderLine.order_id == newest))
        conn.execute(delete(m.Order).where(m.Order.id == newest))
    bridge.announce({"orders"})
    qtbot.waitUntil(lambda: area.title() == f"Orders ({N:,})", timeout=WAIT_MS)
    assert area.view is not None and area.view.watcher.stale  # the list is re-read when shown
    area.show()
    qtbot.waitUntil(lambda: area.view is not None and area.view.model.rowCount() == N,
                    timeout=WAIT_MS)
    assert area.title() == f"Orders ({N:,})"


# -- issue 13: at 1280×800 nothing is cut ----------------------------------------------------------

#: The Orders view's size in a 1280×800 window (beside the navigation, under menu and toolbar).
AT_1280 = (1076, 711)


def test_at_1280_columns_are_as_wide_as_their_titles_and_contents(
        qtbot: QtBot, engine: Engine, bridge: Bridge, settings: QSettings) -> None:
    v = OrdersView(engine, bridge, settings, tz=UTC)
    qtbot.addWidget(v)
    v.resize(*AT_1280)
    v.show()
    qtbot.waitExposed(v)
    _loaded(qtbot, v.model, N + 1)
    header = v.table.horizontalHeader()
    amount = next(i for i, c in enumerate(COLUMNS) if c.key == "amount")
    for i, col in enumerate(COLUMNS):
        if header.isSectionHidden(i) or col.key in ("customer", "product"):
            continue  # long names are capped (FIT_MAX)
        assert header.sectionSize(i) >= header.sectionSizeHint(i), f"{col.key}: title cut"
        assert header.sectionSize(i) >= v.table.sizeHintForColumn(i), f"{col.key}: contents cut"
    widest = v.table.fontMetrics().horizontalAdvance("¥99,999,999.99")
    assert header.sectionSize(amount) >= widest


def test_at_1280_the_window_is_not_widened_by_the_filter_bar(
        qtbot: QtBot, view: OrdersView) -> None:
    qtbot.waitUntil(lambda: not view.filter_bar.status.isEnabled() or bool(
        view.filter_bar.status.text()), timeout=WAIT_MS)
    view.apply_filter(OrderFilter(statuses=frozenset({"处理中"})))  # "Status: In progress"
    margins = view.layout().contentsMargins()
    room = AT_1280[0] - margins.left() - margins.right()
    assert view.filter_bar.minimumSizeHint().width() <= room


def test_at_1280_an_order_reads_without_scrolling(qtbot: QtBot, engine: Engine, bridge: Bridge,
                                                  settings: QSettings) -> None:
    v = OrdersView(engine, bridge, settings, tz=UTC)
    qtbot.addWidget(v)
    v.resize(*AT_1280)
    v.show()
    qtbot.waitExposed(v)
    _loaded(qtbot, v.model, N + 1)
    v.open_order(SPECIAL)  # one line, one supervision task, a buyer: a typical order
    qtbot.waitUntil(lambda: v.detail.detail is not None, timeout=WAIT_MS)
    QApplication.processEvents()
    pane = v.detail
    assert pane.widget().minimumSizeHint().height() <= pane.viewport().height()
    assert pane.widget().minimumSizeHint().width() <= pane.viewport().width()
    assert not pane.verticalScrollBar().isVisible()
    assert not pane.horizontalScrollBar().isVisible()
