"""The Demands area over a cache synced from the sandbox: filters, the countdown, disabled actions
with their reasons, and an acceptance queued into the outbox."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.config.paths import AppPaths
from app.models.demands import Demand
from app.services.demands import actions as dm
from app.services.exchange.exports import ExportFormat
from app.services.sync.engine import SyncEngine
from app.views.bridge import Bridge
from app.views.demands.model import DemandsTableModel
from app.views.demands.view import DemandsView
from tests.sandbox_fixtures import Sandbox

pytestmark = pytest.mark.gui


class FakeWorkspace(QObject):
    """What the view needs of the workspace: the cache, its paths, the target's role."""

    engineChanged = Signal(object)

    def __init__(self, engine: Engine, home: Path) -> None:
        super().__init__()
        self.engine = engine
        self.paths = AppPaths.under(home)
        self.target = None


@pytest.fixture
def view(qtbot: Any, sandbox: Sandbox, cache: Engine, tmp_path: Path) -> Iterator[DemandsView]:
    with sandbox.client() as client:
        assert SyncEngine(client, cache).sync(("demands",)).failure is None
    now = datetime.fromisoformat(sandbox.admin("GET", "clock")["now"])
    bridge = Bridge()
    workspace = FakeWorkspace(cache, tmp_path)
    widget = DemandsView(bridge, workspace, clock=lambda: now)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0)
    yield widget
    bridge.wait_idle()


def test_model(qtmodeltester: Any, view: DemandsView) -> None:
    qtmodeltester.check(view.model)
    assert isinstance(view.model, DemandsTableModel)


def test_filters_change_the_rows(qtbot: Any, view: DemandsView, cache: Engine) -> None:
    with Session(cache) as s:
        converting = len(list(s.execute(select(Demand.id).where(Demand.status == dm.CONVERTING))))
    view.status_filter.setCurrentIndex(view.status_filter.findData(dm.CONVERTING))
    qtbot.waitUntil(lambda: view.model.rowCount() == converting)
    assert {r.status for r in view.model.rows} == {dm.CONVERTING}
    view.search.setText("no such demand anywhere")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)


def test_pending_demand_shows_its_countdown_and_hides_the_customer(
        qtbot: Any, view: DemandsView) -> None:
    view.status_filter.setCurrentIndex(view.status_filter.findData(dm.PENDING_ACCEPTANCE))
    qtbot.waitUntil(lambda: view.model.rowCount() > 0
                    and all(r.status == dm.PENDING_ACCEPTANCE for r in view.model.rows))
    column = 3  # "Accept within"
    text = view.model.index(0, column).data()
    assert "left" in text or "passed" in text
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.detail is not None)
    assert "Shown once you accept" in view.text.toPlainText()
    assert not view.buttons[dm.DemandAction.CLOSE].isEnabled()
    assert "需求转化中" in view.buttons[dm.DemandAction.CLOSE].toolTip()


def test_accept_is_queued_in_the_outbox(qtbot: Any, view: DemandsView,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    view.status_filter.setCurrentIndex(view.status_filter.findData(dm.PENDING_ACCEPTANCE))
    qtbot.waitUntil(lambda: view.model.rowCount() > 0
                    and all(r.status == dm.PENDING_ACCEPTANCE for r in view.model.rows))
    for n in range(view.model.rowCount()):
        view.table.selectRow(n)
        wanted = view.model.rows[n].id
        qtbot.waitUntil(lambda wanted=wanted: view.detail is not None
                        and view.detail.demand.id == wanted)
        if view.buttons[dm.DemandAction.ACCEPT].isEnabled():
            break
    else:
        raise AssertionError("no demand that can still be accepted")
    demand_id = view.detail.demand.id
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(view.bridge.changed, timeout=10_000):
        view.buttons[dm.DemandAction.ACCEPT].click()
    assert view.outbox is not None
    queued = view.outbox.open_for("demand", demand_id)
    assert [e.kind for e in queued] == ["demand.accept"]
    qtbot.waitUntil(lambda: view.detail is not None and bool(view.detail.queued))
    assert not view.buttons[dm.DemandAction.ACCEPT].isEnabled()
    assert "outbox" in view.buttons[dm.DemandAction.ACCEPT].toolTip()


def test_export_holds_what_the_list_shows(qtbot: Any, view: DemandsView, tmp_path: Path) -> None:
    view.source_filter.setCurrentIndex(view.source_filter.findData("客户服务商"))
    qtbot.waitUntil(lambda: all(r.source == "客户服务商" for r in view.model.rows))
    view.exporter.quiet = True
    out = tmp_path / "demands.csv"
    assert view.engine is not None
    with qtbot.waitSignal(view.exporter.finished, timeout=20_000) as blocker:
        view.exporter.run(view.engine, view.export_request(out, ExportFormat.CSV))
    assert blocker.args[0].rows == view.model.rowCount()
    assert out.read_text(encoding="utf-8-sig").count("\n") == view.model.rowCount() + 1


def test_a_hidden_area_keeps_its_navigation_count_true(qtbot: Any, view: DemandsView) -> None:
    """After a sync the hidden Demands area re-reads its list, so "Demands (N)" is right before
    the user opens it."""
    view.hide()
    with qtbot.waitSignal(view.titleChanged, timeout=20000):
        view.bridge.announce({"demands"})
    assert view.title().endswith(f"({view.model.rowCount():,})")
    assert view.model.rowCount() > 0
