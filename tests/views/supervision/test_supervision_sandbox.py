"""The Supervision area end to end against the sandbox marketplace over real HTTP: a task synced
from the sandbox, files checked and queued from the Deliver dialog, sent by the dispatcher, and
the next sync shows the task at the buyer's node with the delivery in its operation log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.config.paths import AppPaths
from app.models import db
from app.models.supervision import SupervisionTask
from app.services.outbox.queue import Dispatcher, OutboxPolicy
from app.services.supervision import preflight as pf
from app.services.sync.engine import SyncEngine
from app.views.bridge import Bridge
from app.views.supervision.deliver_dialog import DeliverDialog
from app.views.supervision.view import SupervisionView
from tests.sandbox_fixtures import Sandbox, running_sandbox
from tests.support.acceptance_docs import acceptance_lines, write_pdf, write_png
from tests.views.supervision.test_supervision_view import FakeWorkspace, drop

pytestmark = pytest.mark.gui

WAIT_MS = 30_000
DELIVERY_NODE = "商家实施服务"


@pytest.fixture
def marketplace(tmp_path: Path) -> Iterator[Sandbox]:
    with running_sandbox(tmp_path / "sb", 300, seed=11) as sb:
        yield sb


def sync(sb: Sandbox, cache: Engine) -> None:
    with sb.client() as client:
        assert SyncEngine(client, cache).sync(("orders", "supervision_tasks")).failure is None


def test_a_delivery_from_the_dialog_reaches_the_marketplace(
        qtbot: QtBot, marketplace: Sandbox, tmp_path: Path) -> None:
    cache = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    bridge = Bridge()
    try:
        sync(marketplace, cache)
        with Session(cache) as s:
            task_id = next(t.id for t in s.query(SupervisionTask).order_by(SupervisionTask.id)
                           if DELIVERY_NODE in (t.flow_nodes or []) and t.status == "处理中")
        marketplace.admin("POST", f"tasks/{task_id}/stage", {"node": DELIVERY_NODE})
        sync(marketplace, cache)

        view = SupervisionView(bridge, FakeWorkspace(cache, AppPaths.under(tmp_path / "home")),
                               tz=UTC)
        qtbot.addWidget(view)
        view.show()
        view.open_task(task_id)
        qtbot.waitUntil(lambda: view.detail.detail is not None
                        and view.detail.detail.task.id == task_id, timeout=WAIT_MS)
        assert view.detail.timeline.current_node() == DELIVERY_NODE
        view.detail.buttons["deliver"].click()
        dialog = view.dialog
        assert isinstance(dialog, DeliverDialog)

        facts = pf.order_facts(cache, task_id)
        doc = write_pdf(tmp_path / "交付验收文档.pdf", acceptance_lines(
            facts.customer_names[0], facts.product_names[0],
            " ".join(facts.sku_names), signatures=True))
        shots = [write_png(tmp_path / f"功能截图{n}.png", 30 * n) for n in range(3)]
        drop(qtbot, dialog, [doc, *shots])
        assert dialog.report is not None and not dialog.report.blocked, dialog.findings_text()
        if dialog.report.warnings:
            dialog.acknowledge.setChecked(True)
        dialog.description.setPlainText("已完成部署、联调与培训")
        with qtbot.waitSignal(dialog.queued, timeout=WAIT_MS) as queued:
            dialog.ok_button.click()
        entry = queued.args[0]

        assert view.outbox is not None
        with marketplace.client() as client:
            report = Dispatcher(view.outbox, client, OutboxPolicy(base_delay_s=0.0)) \
                .send_due(ignore_schedule=True)
        assert report.delivered == [entry.id]
        sync(marketplace, cache)
        bridge.announce({"supervision_tasks", "outbox"})
        qtbot.waitUntil(lambda: view.detail.detail is not None
                        and view.detail.detail.task.node != DELIVERY_NODE, timeout=WAIT_MS)
        task = view.detail.detail.task
        assert task.node_owner in ("buyer", "platform")
        assert view.detail.timeline.current_node() == task.node
        assert task.operation_logs[-1]["actorRole"] == "seller"
        assert {a["fileName"] for a in task.attachments if a["kind"] == "acceptance"} >= {
            "交付验收文档.pdf", "功能截图0.png"}
        assert view.detail.outbox.item(0, 2).text() == "Delivered"
    finally:
        bridge.wait_idle()
        cache.dispose()
