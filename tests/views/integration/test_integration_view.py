"""The Integration area's interface watchdog (issue 14 §3) over a cache synced from the sandbox
with a planted outage: the calls sorted by their cliff (interfaces.md §2.11), the navigation count,
the detail and its call-again (重新启动) queued in the outbox and sent over HTTP, the month's
failed orders against the delisting rule."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import Engine

from app.services.integration import watchdog as wd
from app.services.outbox.queue import Dispatcher, OutboxPolicy
from app.services.sync.engine import SyncEngine
from app.views.bridge import Bridge
from app.views.integration.tabs import IntegrationTab
from app.views.integration.view import IntegrationView
from tests.sandbox_fixtures import Sandbox
from tests.support.cache_workspace import CacheWorkspace

pytestmark = pytest.mark.gui


def sync(sb: Sandbox, cache: Engine) -> None:
    with sb.client() as client:
        assert SyncEngine(client, cache).sync(("orders", "interface_messages")).failure is None


@pytest.fixture(scope="module")
def planted(sandbox: Sandbox) -> dict[str, Any]:
    """One outage per module's sandbox (the shared sandbox is the module's own)."""
    return sandbox.admin("POST", "interface-incident", {})  # type: ignore[no-any-return]


@pytest.fixture
def view(qtbot: Any, sandbox: Sandbox, planted: dict[str, Any], cache: Engine,
         tmp_path: Path) -> Iterator[IntegrationView]:
    sync(sandbox, cache)
    now = datetime.fromisoformat(sandbox.admin("GET", "clock")["now"])
    bridge = Bridge()
    widget = IntegrationView(bridge, CacheWorkspace(cache, tmp_path), clock=lambda: now)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0)
    yield widget
    bridge.wait_idle()


def test_models(qtmodeltester: Any, view: IntegrationView) -> None:
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.month_model)


def test_calls_that_need_the_seller_sorted_by_their_cliff(view: IntegrationView,
                                                          planted: dict[str, Any]) -> None:
    """§2.11: the open retry windows first, the one that runs out soonest on top (a newInstance
    there is refunded automatically), then the calls waiting for 重新启动; the navigation counts
    them."""
    rows = view.model.rows
    assert all(r.needs_action for r in rows)
    stages = [r.stage for r in rows]
    assert stages == sorted(stages, key=wd.STAGE_ORDER.index)
    retrying = [r for r in rows if r.stage is wd.Stage.RETRYING]
    assert [r.retry_until for r in retrying] == sorted(r.retry_until for r in retrying)
    first = rows[0]
    assert first.id in planted["messageIds"] and first.cliff is wd.Cliff.REFUND
    assert view.model.index(0, 0).data() == "10 min"  # planted 170 min into a 3-hour window
    assert view.model.index(0, 1).data() == "Refunded automatically when retries end"
    assert view.title() == f"Integration ({len(rows)})"
    assert "the first runs out in 10 min" in view.summary.text()
    assert "over the delisting rule" in view.summary.text()


def test_every_call_and_the_refunded_one_cannot_be_called_again(qtbot: Any,
                                                                view: IntegrationView) -> None:
    view.show_filter.setCurrentIndex(1)  # every listed call
    qtbot.waitUntil(lambda: any(r.stage is wd.Stage.REFUNDED for r in view.model.rows))
    row = next(n for n, r in enumerate(view.model.rows) if r.stage is wd.Stage.REFUNDED)
    view.table.selectRow(row)
    assert not view.call_again.isEnabled()
    assert "refunded" in view.call_again.toolTip()
    assert "Retries ended: the order was refunded" in view.detail.toPlainText()
    resolved = next(n for n, r in enumerate(view.model.rows) if r.stage is wd.Stage.RESOLVED)
    view.table.selectRow(resolved)
    assert not view.call_again.isEnabled() and "nothing to call again" in view.call_again.toolTip()


def test_month_against_the_delisting_rule(view: IntegrationView, planted: dict[str, Any]) -> None:
    """§2.11 "more than 5 failed orders in a month" (UNCONFIRMED; Settings): the planted product
    is over it in this Beijing month."""
    rows = view.month_model.rows
    mine = next(p for p in rows if p.product_id == planted["productId"])
    assert mine.over and mine.threshold == 5
    assert view.month_model.index(rows.index(mine), 3).data() == "Over the rule: delisting risk"
    assert "more than 5 failed orders" in view.month_note.text()


def test_call_again_goes_through_the_outbox_to_the_sandbox(
        qtbot: Any, view: IntegrationView, sandbox: Sandbox, cache: Engine,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """重新启动 from the window: queued (WRITE lane), sent over HTTP, 已重新启动 after the sync,
    and the navigation count goes down."""
    row = next(n for n, r in enumerate(view.model.rows) if r.stage is wd.Stage.CALL_AGAIN)
    target = view.model.rows[row]
    before = view.title()
    view.table.selectRow(row)
    assert view.call_again.isEnabled()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    view.call_again.click()
    qtbot.waitUntil(lambda: view.current is not None and view.current.id == target.id
                    and view.current.queued)
    assert not view.call_again.isEnabled() and "waiting in the outbox" in view.call_again.toolTip()
    assert view.outbox is not None
    with sandbox.client() as client:
        report = Dispatcher(view.outbox, client, policy=OutboxPolicy(
            max_attempts=3, base_delay_s=0, max_delay_s=0)).send_due(ignore_schedule=True)
    assert len(report.delivered) == 1 and report.refused == []
    sync(sandbox, cache)
    view.bridge.announce({"interface_messages", "outbox"})
    qtbot.waitUntil(lambda: all(r.id != target.id for r in view.model.rows))
    assert view.title() != before
    assert wd.find(cache, target.id).message.status == wd.RESTARTED


def test_opening_a_message_shows_it_among_every_call(qtbot: Any, view: IntegrationView,
                                                     planted: dict[str, Any]) -> None:
    """The deadline radar opens an interface message here (its kind ``interface_message``)."""
    resolved = wd.find(view.engine, planted["messageIds"][-1])  # type: ignore[arg-type]
    assert resolved.stage is wd.Stage.RESOLVED
    view.open_message(resolved.id)
    qtbot.waitUntil(lambda: view.current is not None and view.current.id == resolved.id)
    assert view.show_filter.currentIndex() == 1


def test_the_integrator_s_tabs_follow_the_watchdog(qtbot: Any, view: IntegrationView,
                                                   tmp_path: Path) -> None:
    tab = IntegrationTab("conformance", lambda: "Conformance tester", lambda _c, p: QWidget(p))
    view.add_tab(tab.key, tab.title, tab.build(None, view.tabs))  # type: ignore[arg-type]
    assert [view.tabs.tabText(n) for n in range(view.tabs.count())] == [
        "Interface watchdog", "Conformance tester"]
    assert view.tabs.widget(1).objectName() == "conformance"


def test_the_delisting_rule_follows_the_settings(qtbot: Any, view: IntegrationView,
                                                 planted: dict[str, Any]) -> None:
    """§2.11's threshold is UNCONFIRMED, so a setting: applied, the month's standing follows."""
    view.workspace.settings.update(interface_delisting_threshold=50, interface_alert_failures=7)
    view.refresh()  # what the registry's apply_settings does
    qtbot.waitUntil(lambda: view.policy.threshold == 50)
    mine = next(p for p in view.month_model.rows if p.product_id == planted["productId"])
    assert not mine.over and mine.near and mine.threshold == 50
    assert "more than 50 failed orders" in view.month_note.text()
