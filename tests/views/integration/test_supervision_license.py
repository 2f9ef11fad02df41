"""The Supervision area's node 授权码激活 gets its action from the license activation (issue 14
§2): the detail pane offers "Activate License Code…" only there; the activation reaches the sandbox
over real HTTP and the next sync shows the task moved on (激活授权码 -> 商家上传交付证明)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.config.paths import AppPaths
from app.models import db
from app.models.supervision import SupervisionTask
from app.services.marketplace.credentials import Credentials
from app.services.sync.engine import SyncEngine
from app.views.bridge import Bridge
from app.views.supervision.view import SupervisionView
from app.views.workspace import SANDBOX, Target
from tests.sandbox_fixtures import Sandbox
from tests.views.supervision.test_supervision_view import FakeWorkspace

WAIT_MS = 30_000


class ConnectedWorkspace(FakeWorkspace):
    def __init__(self, engine: Engine, paths: AppPaths, sb: Sandbox) -> None:
        super().__init__(engine, paths)
        self.sb = sb
        self.target: Target | None = SANDBOX

    def connector(self, target: Target) -> Callable[[], Credentials]:
        sb = self.sb
        return lambda: Credentials(sb.url, sb.access_key, sb.secret_key)


def _sync(sb: Sandbox, cache: Engine) -> None:
    with sb.client() as client:
        assert SyncEngine(client, cache).sync(("orders", "supervision_tasks")).failure is None


def test_activation_node_offers_the_license_activation(qtbot: QtBot, sandbox: Sandbox,
                                                       tmp_path: Path) -> None:
    cache = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    bridge = Bridge()
    try:
        _sync(sandbox, cache)
        with Session(cache) as s:
            task = s.execute(select(SupervisionTask).where(
                SupervisionTask.license_subtype == "授权码").limit(1)).scalar_one()
            task_id, line_id = task.id, task.order_line_id
        sandbox.admin("POST", f"tasks/{task_id}/stage", {"node": "授权码激活"})
        _sync(sandbox, cache)
        view = SupervisionView(bridge, ConnectedWorkspace(cache, AppPaths.under(tmp_path / "h"),
                                                          sandbox), tz=UTC)
        qtbot.addWidget(view)
        view.show()
        view.open_task(task_id)
        qtbot.waitUntil(lambda: view.detail.detail is not None
                        and view.detail.detail.task.id == task_id, timeout=WAIT_MS)
        button = view.detail.buttons["license"]
        assert button.isVisible() and button.text() == "Activate License Code…"
        assert not view.detail.buttons["deliver"].isEnabled()
        view.activate_license(f"LIC-{line_id}")
        qtbot.waitUntil(lambda: view.status.text().startswith(f"LIC-{line_id}: activated"),
                        timeout=WAIT_MS)
        _sync(sandbox, cache)
        with Session(cache) as s:
            moved = s.get(SupervisionTask, task_id)
            assert moved is not None and moved.node == "商家上传交付证明"
        view.detail.detail = None
        view.open_task(task_id)
        qtbot.waitUntil(lambda: view.detail.detail is not None
                        and view.detail.detail.task.node == "商家上传交付证明", timeout=WAIT_MS)
        assert not view.detail.buttons["license"].isVisible()
        bridge.wait_idle()
    finally:
        bridge.wait_idle()
        cache.dispose()
