"""The Integration area's license/usage and Query Order panels (issue 14 §2) against the sandbox
over real HTTP, through the bridge: what a seller clicks, and the words the panels show."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.sandbox import DEMO_ISV_KEY
from app.services.marketplace.credentials import Credentials
from app.services.sync.engine import SyncEngine
from app.views.bridge import Bridge
from app.views.context import AreaContext
from app.views.integration.license_panel import LicensePanel
from app.views.integration.order_query_panel import OrderQueryPanel
from app.views.workspace import Target
from tests.sandbox_fixtures import Sandbox
from tests.support.cache_workspace import CacheWorkspace


class SandboxWorkspace(CacheWorkspace):
    """The tests' workspace, connected to a running sandbox (with its usage-push key)."""

    def __init__(self, engine: Engine, home: Path, sb: Sandbox) -> None:
        super().__init__(engine, home)
        self.sb = sb

    def connector(self, target: Target) -> Callable[[], Credentials]:
        sb = self.sb
        return lambda: Credentials(sb.url, sb.access_key, sb.secret_key, isv_key=DEMO_ISV_KEY)


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[Bridge]:
    b = Bridge()
    yield b
    b.wait_idle()


@pytest.fixture
def context(bridge: Bridge, cache: Engine, tmp_path: Path, sandbox: Sandbox) -> AreaContext:
    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    none: Any = None  # the panels use neither the sync nor the outbox sender
    return AreaContext(bridge, SandboxWorkspace(cache, tmp_path, sandbox), state, none, none)


def _click_and_wait(qtbot: QtBot, button: Any, label: Any, prefix: str) -> str:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: label.text().startswith(prefix), timeout=20000)
    return str(label.text())


def test_license_panel_activates_then_refuses_a_second_time(qtbot: QtBot,
                                                            context: AreaContext) -> None:
    panel = LicensePanel(context)
    qtbot.addWidget(panel)
    panel.code_edit.setText("TESTLIC-0011")
    text = _click_and_wait(qtbot, panel.activate_button, panel.license_result, "TESTLIC-0011: ")
    assert text.startswith("TESTLIC-0011: activated (Active); order MOCKPERIODYEARNEW")
    panel.license_result.clear()
    again = _click_and_wait(qtbot, panel.activate_button, panel.license_result, "TESTLIC-0011: ")
    assert "already activated on" in again
    panel.code_edit.setText("TESTLIC-UNDELIVERED")
    refused = _click_and_wait(qtbot, panel.activate_button, panel.license_result,
                              "TESTLIC-UNDELIVERED: ")
    assert refused == ("TESTLIC-UNDELIVERED: The buyer has not received this license code yet "
                       "(92020004)")
    panel.code_edit.setText("two words")
    qtbot.mouseClick(panel.query_button, Qt.MouseButton.LeftButton)
    assert panel.license_result.text() == "A license code is 1 to 64 characters without blanks."


def test_license_panel_pushes_usage_with_a_result_per_row(qtbot: QtBot, context: AreaContext,
                                                          tmp_path: Path, sandbox: Sandbox) -> None:
    begin = datetime.now(UTC) - timedelta(days=1)
    path = tmp_path / "usage.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["instance_id", "record_time", "begin_time", "end_time", "usage_value",
                    "metering_sn"])
        t = begin.strftime("%Y%m%dT%H%M%SZ")
        for i in range(3):
            w.writerow(["inst-p", t, t, t, "2", f"panel-{i}"])
        w.writerow(["inst-p", t, t, t, "0.00001", "panel-tiny"])
    panel = LicensePanel(context)
    qtbot.addWidget(panel)
    panel.set_file(path)
    text = _click_and_wait(qtbot, panel.push_button, panel.usage_summary, "3 records sent")
    assert text.startswith("3 records sent, 0 waiting, 0 refused by KooGallery, 1 rows refused "
                           "here")
    assert panel.table.rowCount() == 1
    assert [panel.table.item(0, c).text() for c in range(4)] == [
        "5", "panel-tiny", "refused here", "usage_value has more than 4 decimals"]
    # Again: nothing is sent twice.
    again = _click_and_wait(qtbot, panel.push_button, panel.usage_summary, "3 records sent")
    assert "(3 were queued before and are not sent again.)" in again


def test_order_query_panel_mock_order_beside_the_cache(qtbot: QtBot, context: AreaContext) -> None:
    panel = OrderQueryPanel(context)
    qtbot.addWidget(panel)
    panel.mock_combo.setCurrentIndex(8)
    panel._mock_chosen(8)
    assert panel.order_edit.text() == "MOCKMONTYRENEW"
    qtbot.mouseClick(panel.query_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result is not None, timeout=20000)
    assert "Order MOCKMONTYRENEW (test order): Renewal, ordered" in panel.answer.text()
    assert "Line MOCKMONTYRENEW-000001: Subscription, 1 month" in panel.answer.text()
    assert panel.cache_label.text() == "The cache does not hold this order."


def test_order_query_panel_unknown_order_in_words(qtbot: QtBot, context: AreaContext) -> None:
    panel = OrderQueryPanel(context)
    qtbot.addWidget(panel)
    panel.order_edit.setText("NO-SUCH-ORDER")
    qtbot.mouseClick(panel.query_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result is not None, timeout=20000)
    assert panel.answer.text().startswith(
        "Order NO-SUCH-ORDER: Invalid parameter (an unknown order or line, say) (MKT.0101)")


def test_order_query_panel_shows_a_difference_from_the_cache(
        qtbot: QtBot, context: AreaContext, cache: Engine, sandbox: Sandbox) -> None:
    """A synced order whose cached amount was changed locally: the difference is listed."""
    from sqlalchemy import select, update

    from app.models.orders import OrderLine

    with sandbox.client() as c:
        assert SyncEngine(c, cache).sync(("orders",)).failure is None
    with cache.begin() as conn:
        line_id, order_id = conn.execute(select(OrderLine.id, OrderLine.order_id).limit(1)).one()
        conn.execute(update(OrderLine).where(OrderLine.id == line_id).values(amount=Decimal("0")))
    panel = OrderQueryPanel(context)
    qtbot.addWidget(panel)
    panel.order_edit.setText(order_id)
    panel.line_edit.setText(line_id)
    qtbot.mouseClick(panel.query_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result is not None, timeout=20000)
    assert panel.cache_label.text() == "The cache differs from KooGallery:"
    assert panel.diffs.rowCount() >= 1
    fields = [panel.diffs.item(r, 1).text() for r in range(panel.diffs.rowCount())]
    assert "amount" in fields
    row = fields.index("amount")
    assert panel.diffs.item(row, 3).text() == "0.00"
