"""The finance areas inside the window: charts open their rows in the other areas, File > Export
orders exports what the Orders list shows, and the Partner area is listed for partners only."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.sandbox.server import SandboxServer
from app.services.exchange.exports import ExportFormat
from app.services.orders.query import OrderFilter
from tests.views.test_main_window import (
    WAIT_MS,
    ConsoleFactory,
    make_console,  # noqa: F401 - a fixture
    marketplace,  # noqa: F401 - a fixture
    memory_keyring,  # noqa: F401 - a fixture
    synced_console,
)

pytestmark = pytest.mark.gui


def test_chart_clicks_open_the_areas_filtered_and_orders_export(
    make_console: ConsoleFactory,  # noqa: F811 - the imported fixture
    qtbot: QtBot,
    marketplace: SandboxServer,  # noqa: F811 - the imported fixture
    tmp_path: Path,
) -> None:
    console = synced_console(make_console, qtbot, marketplace)
    window = console.window
    partner_row = [a.key for a in window.areas].index("partner")
    assert window.nav.item(partner_row).isHidden()  # a seller's profile
    window.show_area([a.key for a in window.areas].index("charts"))
    charts = window.charts
    qtbot.waitUntil(lambda: charts.figures is not None and bool(charts.figures.funnel),
                    timeout=WAIT_MS)
    figures = charts.figures
    assert figures is not None
    node = figures.funnel[0].label
    charts.rowsRequested.emit("supervision", {"node": node})
    assert window.current_area() == "supervision"
    assert window.supervision.filter_bar.filter().nodes == frozenset({node})
    status = figures.conversion.bars[0].key["status"]
    charts.rowsRequested.emit("demands", figures.conversion.bars[0].key)
    assert window.current_area() == "demands"
    qtbot.waitUntil(lambda: bool(window.demands.model.rows) and all(
        r.status == status for r in window.demands.model.rows), timeout=WAIT_MS)
    month = figures.orders[0].months[-1]
    charts.rowsRequested.emit("orders", {"month": month, "utc_offset_minutes": 480})
    assert window.current_area() == "orders"
    view = window.orders.view
    assert view is not None
    flt: OrderFilter = view.model.current_filter
    assert flt.created_from is not None and flt.created_to is not None
    assert (flt.created_to - flt.created_from).days in (28, 29, 30, 31)
    qtbot.waitUntil(lambda: view.model.current_filter == flt and not view._busy,
                    timeout=WAIT_MS)
    action = window.export_orders_action
    action.runner.quiet = True
    out = tmp_path / "orders.csv"
    engine = console.workspace.engine
    assert engine is not None
    with qtbot.waitSignal(action.runner.finished, timeout=WAIT_MS) as blocker:
        action.runner.run(engine, action.request(out, ExportFormat.CSV))
    result = blocker.args[0]
    assert result is not None and result.rows == view.model.rowCount()
    with out.open(encoding="utf-8-sig") as f:
        lines = list(csv.reader(f))
    assert len(lines) == result.rows + 1
    # the visible columns in their order (an amount with its currency); hiding one drops it
    assert lines[0][:3] == ["Order ID", "Customer", "Product"]
    assert "Currency" in lines[0] and "Account" not in lines[0]
    header = view.table.horizontalHeader()
    header.setSectionHidden(1, True)
    assert "customer_real_name" not in (action.request(out, ExportFormat.CSV).columns or ())
    header.setSectionHidden(1, False)
    charts.rowsRequested.emit("bills", {"period": figures.settlement[0].months[-2]})
    assert window.current_area() == "bills"
    assert window.bills.period.currentData() == figures.settlement[0].months[-2]
