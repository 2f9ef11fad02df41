"""The conformance panel (issue 14 §1) standalone, against the sandbox's reference production
interface over real HTTP: the run goes through the bridge, the table shows every check, the
request/response pane follows the selection, the key goes to the keychain for the profile, and
the report exports as JUnit and HTML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.models import db
from app.sandbox.production.endpoint import ReferenceEndpoint
from app.services.integration.report import Report
from app.services.marketplace.credentials import CredentialStore, resolve_isv_key
from app.views.bridge import Bridge
from app.views.context import AreaContext
from app.views.integration.conformance_panel import ConformancePanel
from tests.support.cache_workspace import CacheWorkspace
from tests.support.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.gui
KEY = "panel-conformance-key-9012"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    yield eng
    eng.dispose()


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[Bridge]:
    b = Bridge()
    yield b
    b.wait_idle()


@pytest.fixture
def panel(qtbot: QtBot, tmp_path: Path, engine: Engine, bridge: Bridge) -> ConformancePanel:
    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    none: Any = None  # the panel uses neither the sync nor the outbox sender
    context = AreaContext(bridge, CacheWorkspace(engine, tmp_path), state, none, none)
    widget = ConformancePanel(context, credentials=CredentialStore(MemoryKeyring()))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    return widget


def _run(qtbot: QtBot, panel: ConformancePanel) -> Report:
    with qtbot.waitSignal(panel.finished, timeout=60_000) as blocker:
        panel.run_button.click()
    report = blocker.args[0]
    assert isinstance(report, Report)
    return report


def test_a_run_shows_every_check_and_keeps_the_key(qtbot: QtBot, panel: ConformancePanel,
                                                   tmp_path: Path) -> None:
    with ReferenceEndpoint("saas-v2", KEY, ["accept_replay"]) as endpoint:
        panel.url.setText(endpoint.url)
        panel.key.setText(KEY)
        report = _run(qtbot, panel)
        assert panel.run_button.isEnabled()
        assert panel.model.rowCount() == len(report.checks) >= 20
        failed = [c.name for c in report.checks if c.status == "failed"]
        assert failed == ["security.replayed_nonce"]
        assert "1 failed" in panel.message.text()
        # the key is in the keychain for the profile (the sandbox here), not in the field
        assert panel.key.text() == ""
        assert resolve_isv_key(panel.credentials, "sandbox", {}) == KEY
        row = next(i for i, c in enumerate(report.checks) if c.name == "newInstance")
        panel.table.selectRow(row)
        shown = panel.exchanges.toPlainText()
        assert "POST" in shown and "newInstance" in shown and "signature=****" in shown
        assert KEY not in shown
        # a second run takes the key from the keychain
        _run(qtbot, panel)
    junit = tmp_path / "report.xml"
    panel.export_to(junit, "junit")
    qtbot.waitUntil(junit.exists, timeout=10_000)
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "1"
    page = tmp_path / "report.html"
    panel.export_to(page, "html")
    qtbot.waitUntil(page.exists, timeout=10_000)
    assert "security.replayed_nonce" in page.read_text(encoding="utf-8")


def test_an_unreachable_url_is_one_line_and_no_report(qtbot: QtBot,
                                                      panel: ConformancePanel) -> None:
    with ReferenceEndpoint("saas-v2", KEY) as endpoint:
        url = endpoint.url
    panel.url.setText(url)
    panel.key.setText(KEY)
    with qtbot.waitSignal(panel.failed, timeout=30_000) as blocker:
        panel.run_button.click()
    assert "Cannot reach" in blocker.args[0]
    assert panel.message.isVisible() or panel.message.text() == blocker.args[0]
    assert panel.model.rowCount() == 0
    assert panel.run_button.isEnabled()


def test_without_a_kept_key_it_asks_for_one(qtbot: QtBot, panel: ConformancePanel) -> None:
    panel.url.setText("http://127.0.0.1:9/saasproduce")
    with qtbot.waitSignal(panel.failed, timeout=30_000) as blocker:
        panel.run_button.click()
    assert "密钥管理" in blocker.args[0]


def test_stop_ends_the_run_without_a_report_and_the_form_is_remembered(
        qtbot: QtBot, panel: ConformancePanel, tmp_path: Path, engine: Engine,
        bridge: Bridge) -> None:
    with ReferenceEndpoint("kit", KEY, ["slow"]) as endpoint:
        panel.url.setText(endpoint.url)
        panel.family.setCurrentIndex(panel.family.findData("kit"))
        panel.key.setText(KEY)
        panel.run_button.click()
        assert panel.stop_button.isEnabled() and not panel.run_button.isEnabled()
        # the slow switch holds allOrgSync for 5.5 s: stop while it is in flight
        qtbot.waitUntil(lambda: "allOrgSync" in panel.message.text(), timeout=30_000)
        with qtbot.waitSignal(panel.failed, timeout=30_000) as blocker:
            panel.stop_button.click()
        assert "Stopped" in blocker.args[0]
        assert panel.run_button.isEnabled() and not panel.stop_button.isEnabled()
        assert panel.model.rowCount() == 0
    # a new panel for the same profile starts with the URL and family last tested
    none: Any = None
    again = ConformancePanel(AreaContext(bridge, CacheWorkspace(engine, tmp_path), panel.state,
                                         none, none),
                             credentials=panel.credentials)
    qtbot.addWidget(again)
    assert again.url.text() == endpoint.url
    assert again.family.currentData() == "kit"
    assert again.key.text() == ""
