"""The Charts area over a cache synced from the sandbox: the figures equal sums over the cache
(Decimal, to the cent), each chart is drawn, and a click asks for the rows behind it; the window
opens the area filtered."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.models.demands import Demand
from app.models.finance import Bill, BillLine, InvoiceNotice
from app.models.orders import Order
from app.models.supervision import SupervisionTask
from app.services.figures import charts as cf
from app.views.bridge import Bridge
from app.views.charts.view import ChartsView
from tests.sandbox_fixtures import Sandbox
from tests.support.cache_workspace import CacheWorkspace

pytestmark = pytest.mark.gui
#: The `synced` and `synced_file` fixtures (a sandbox sync, copied per test).
pytest_plugins = ("tests.support.synced_cache",)
OFFSET = 480  # UTC+8


@pytest.fixture
def now(sandbox: Sandbox) -> datetime:
    return datetime.fromisoformat(sandbox.admin("GET", "clock")["now"])


def test_monthly_orders_equal_the_cache(synced: Engine, now: datetime) -> None:
    engine = synced
    found = cf.monthly_orders(engine, now=now, utc_offset_minutes=OFFSET)
    expected: dict[tuple[str, str, str], Decimal] = Counter()  # type: ignore[assignment]
    with Session(engine) as s:
        for order in s.scalars(select(Order)):
            month = (order.create_time + timedelta(minutes=OFFSET)).strftime("%Y-%m")
            expected[(order.currency_code, month, order.product_class)] += order.total_amount
    assert found, "the sandbox has orders"
    checked = 0
    for series in found:
        assert len(series.months) == 12 and series.months[-1] == (
            now + timedelta(minutes=OFFSET)).strftime("%Y-%m")
        for klass, values in series.values.items():
            for month, value in zip(series.months, values, strict=True):
                assert value == expected.get((series.currency, month, klass), Decimal(0))
                assert isinstance(value, Decimal)
                checked += 1
    assert checked > 0


def test_settlement_by_period_equals_the_bill_lines(synced: Engine, now: datetime) -> None:
    engine = synced
    found = cf.monthly_settlement(engine, now=now, utc_offset_minutes=OFFSET)
    with Session(engine) as s:
        classes = {i: c for i, c in s.execute(select(Order.id, Order.product_class))}
        expected: dict[tuple[str, str, str], Decimal] = Counter()  # type: ignore[assignment]
        for line, bill in s.execute(select(BillLine, Bill).join(Bill)):
            expected[(bill.currency_code, bill.period, classes.get(line.order_id, ""))] += \
                line.settlement_amount
    assert any(v != 0 for s in found for values in s.values.values() for v in values)
    for series in found:
        for klass, values in series.values.items():
            for period, value in zip(series.months, values, strict=True):
                assert value == expected.get((series.currency, period, klass), Decimal(0))


def test_funnel_conversion_and_invoices_count_every_record(
        synced: Engine, now: datetime) -> None:
    engine = synced
    with Session(engine) as s:
        nodes = Counter(s.scalars(select(SupervisionTask.node)))
        demands = [(st, r) for st, r in s.execute(select(Demand.status, Demand.close_result))]
        notices = Counter(s.scalars(select(InvoiceNotice.bill_status)))
    funnel = cf.supervision_funnel(engine)
    assert {b.label: b.count for b in funnel} == dict(nodes)
    conversion = cf.demand_conversion(engine)
    assert sum(b.count for b in conversion.bars) == len(demands)
    converted = sum(1 for st, r in demands if st == "需求成交" or r == "转化成功")
    decided = sum(1 for st, _r in demands if st not in ("待接收", "需求转化中"))
    assert conversion.rate == (Decimal(converted) / Decimal(decided)).quantize(Decimal("0.0001"))
    invoices = cf.invoice_status(engine)
    assert {b.label: b.count for b in invoices} == dict(notices)
    assert all(len(b.key["notice_ids"]) == b.count for b in invoices)


def test_month_range_is_the_local_month() -> None:
    start, end = cf.month_range("2026-03", OFFSET)
    assert start == datetime(2026, 2, 28, 16, tzinfo=UTC)
    assert end == datetime(2026, 3, 31, 16, tzinfo=UTC)
    assert cf.month_range("202612", 0)[1] == datetime(2027, 1, 1, tzinfo=UTC)


@pytest.fixture
def view(qtbot: Any, synced: Engine, now: datetime, tmp_path: Path) -> Iterator[ChartsView]:
    engine = synced
    bridge = Bridge()
    widget = ChartsView(bridge, CacheWorkspace(engine, tmp_path), tz=UTC, clock=lambda: now)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    qtbot.waitUntil(lambda: widget.figures is not None)
    yield widget
    bridge.wait_idle()


def test_every_chart_is_drawn_and_clicks_open_rows(qtbot: Any, view: ChartsView) -> None:
    figures = view.figures
    assert figures is not None
    for key, chart_view in view.views.items():
        chart = chart_view.chart()
        assert chart is not None and chart.series(), key
    orders = view.views["orders"].chart().series()[0]
    bar_set = orders.barSets()[0]
    with qtbot.waitSignal(view.rowsRequested) as blocker:
        orders.clicked.emit(len(figures.orders[0].months) - 1, bar_set)
    area, key = blocker.args
    assert area == "orders" and key["month"] == figures.orders[0].months[-1]
    assert key["product_class"] == next(iter(figures.orders[0].values))
    funnel = view.views["funnel"].chart().series()[0]
    with qtbot.waitSignal(view.rowsRequested) as blocker:
        funnel.clicked.emit(0, funnel.barSets()[0])
    assert blocker.args == ["supervision", {"node": figures.funnel[-1].label}]  # bottom bar
    demands = view.views["demands"].chart().series()[0]
    with qtbot.waitSignal(view.rowsRequested) as blocker:
        demands.clicked.emit(0, demands.barSets()[0])
    assert blocker.args[0] == "demands"
    assert blocker.args[1]["status"] == figures.conversion.bars[0].key["status"]
    slices = view.invoice_slices()
    assert len(slices) == len(figures.invoices)
    with qtbot.waitSignal(view.rowsRequested) as blocker:
        slices[0].clicked.emit()
    assert blocker.args == ["invoices", figures.invoices[0].key]


def test_currency_choice_redraws(qtbot: Any, view: ChartsView) -> None:
    assert view.figures is not None
    currencies = [view.currency.itemData(i) for i in range(view.currency.count())]
    assert currencies[0] == view.figures.orders[0].currency
    if len(currencies) > 1:
        view.currency.setCurrentIndex(1)
        axis = view.views["orders"].chart().axes()[1]
        assert axis.titleText() == currencies[1]


def test_announced_change_rereads_a_shown_view_and_a_hidden_one_when_shown(
        qtbot: Any, view: ChartsView) -> None:
    first = view.figures
    view.bridge.announce({"orders"})
    qtbot.waitUntil(lambda: view.figures is not first)
    view.hide()
    second = view.figures
    view.bridge.announce({"demands"})
    assert view.watcher.stale and view.figures is second
    view.show()
    qtbot.waitUntil(lambda: view.figures is not second)
    assert not view.watcher.stale
