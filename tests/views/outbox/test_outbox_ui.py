"""The outbox in the window against a real sandbox marketplace: automatic delivery of a queued
action, pausing while the marketplace is down and delivering once when it is back, a refused key,
the Outbox area (states, the marketplace's reason, Fix and Resend, Discard, the status bar) and the
journal's verification. Fixtures come from ``test_main_window``."""

# Fixtures are shared by importing them from test_main_window (see test_sync_ui.py).
# ruff: noqa: F811

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app.models.outbox import DISCARDED, DONE, NEEDS_ATTENTION, PENDING
from app.models.supervision import SupervisionTask
from app.sandbox.server import SandboxServer
from app.services.outbox.factory import make_outbox
from app.services.outbox.queue import EntryView, Outbox
from app.services.supervision import actions as sv
from app.views.banner import Banner
from app.views.outbox.journal import JournalModel
from app.views.outbox.model import OutboxModel
from app.views.outbox_controller import OutboxController
from tests.sandbox_fixtures import SANDBOX_START
from tests.support.memory_keyring import MemoryKeyring
from tests.views.test_main_window import (
    FAST_RETRY,
    WAIT_MS,
    Console,
    ConsoleFactory,
    make_console,  # noqa: F401 - a fixture
    memory_keyring,  # noqa: F401 - a fixture
    shop_profile,
    synced_console,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def market(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    """A sandbox of the test's own (the tests stage tasks, stop and restart it)."""
    server = SandboxServer(seed=5, orders=300, start=SANDBOX_START,
                           data_dir=tmp_path_factory.mktemp("own-market"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def admin(server: SandboxServer, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    r = httpx.request(method, f"{server.url}/_sandbox/{path}", json=body, timeout=60)
    r.raise_for_status()
    return r.json()


def confirm_tasks(engine: Engine, count: int) -> list[str]:
    """Open, unfrozen tasks whose flow has the seller's 商家确认需求 node."""
    with Session(engine) as s:
        found = [t.id for t in s.query(SupervisionTask).filter(
            SupervisionTask.status == "处理中", SupervisionTask.frozen.is_(False))
            .order_by(SupervisionTask.id)
            if "商家确认需求" in (t.flow_nodes or [])
            and not any(a.get("status") == "处理中" for a in t.appeals or [])]
    assert len(found) >= count
    return found[:count]


def node_of(engine: Engine, task_id: str) -> str:
    with Session(engine) as s:
        found = s.get(SupervisionTask, task_id)
        assert found is not None
        return found.node


def staged_console(make_console: ConsoleFactory, qtbot: QtBot, server: SandboxServer,
                   count: int = 1) -> tuple[Console, list[str]]:
    """A synced console whose ``count`` tasks wait at 商家确认需求 (on the server and in the
    cache); the outbox controller retries the network fast."""
    console = synced_console(make_console, qtbot, server)
    engine = console.workspace.engine
    assert engine is not None
    ids = confirm_tasks(engine, count)
    for tid in ids:
        admin(server, "POST", f"tasks/{tid}/stage", {"node": "商家确认需求"})
    with qtbot.waitSignal(console.sync.finished, timeout=WAIT_MS) as done:
        assert console.sync.sync(["supervision_tasks"])
    assert done.args[0].ok
    assert {node_of(engine, tid) for tid in ids} == {"商家确认需求"}
    controller(console).retry = FAST_RETRY
    controller(console).timeout_s = 5
    return console, ids


def controller(console: Console) -> OutboxController:
    return console.window.outbox_controller


def queue_confirm(console: Console, qtbot: QtBot, task_id: str, comment: str = "") -> EntryView:
    """Queue as the Supervision dialogs do (then announce); returns once the controller ran."""
    engine = console.workspace.engine
    assert engine is not None
    entry = sv.queue_confirm(make_outbox(engine, console.paths), task_id, comment)
    with qtbot.waitSignal(controller(console).finished, timeout=WAIT_MS):
        console.bridge.announce({"outbox"}, None)
    return entry


def outbox_of(console: Console) -> Outbox:
    outbox = controller(console).outbox
    assert outbox is not None
    return outbox


def writes(server: SandboxServer) -> dict[str, int]:
    return admin(server, "GET", "writes")  # type: ignore[no-any-return]


# --------------------------------------------------------------------------------------------------


def test_a_queued_action_is_delivered_by_itself_and_the_task_shows_its_new_node(
    make_console: ConsoleFactory, qtbot: QtBot, market: SandboxServer, tmp_path: Path
) -> None:
    console, (tid,) = staged_console(make_console, qtbot, market)
    engine = console.workspace.engine
    assert engine is not None
    before = writes(market)["actions"]
    progress: list[object] = []
    controller(console).progressed.connect(progress.append)
    with qtbot.waitSignal(console.sync.finished, timeout=WAIT_MS) as synced:
        entry = queue_confirm(console, qtbot, tid, "需求清楚")
    assert synced.args[0].ok  # the sync after the delivery
    assert outbox_of(console).get(entry.id).state == DONE
    assert progress and getattr(progress[-1], "step", "") == "sending"
    assert node_of(engine, tid) != "商家确认需求"  # the new node, from the sync
    assert writes(market)["actions"] == before + 1
    status = console.window.outbox_status
    qtbot.waitUntil(lambda: status.button.text() == "Outbox: nothing waiting", timeout=WAIT_MS)

    # The task now waits for the seller's delivery: the file is uploaded with progress.
    node = node_of(engine, tid)
    assert node in sv.DELIVERY_NODES, node
    pdf = tmp_path / "交付验收文档.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + random.Random(1).randbytes(900_000))
    texts: list[str] = []
    controller(console).progressed.connect(lambda _p: texts.append(status.button.text()))
    progress.clear()
    deliver = sv.queue_deliver(make_outbox(engine, console.paths), tid, [pdf], "已交付")
    with qtbot.waitSignal(controller(console).finished, timeout=WAIT_MS):
        console.bridge.announce({"outbox"}, None)
    assert outbox_of(console).get(deliver.id).state == DONE
    uploads = [p for p in progress if getattr(p, "step", "") == "uploading"]
    assert len(uploads) >= 3 and uploads[-1].sent_bytes == uploads[-1].total_bytes
    assert [p.sent_bytes for p in uploads] == sorted(p.sent_bytes for p in uploads)
    assert any(t.startswith("Uploading “") and " of " in t for t in texts), texts
    assert writes(market)["uploads"] >= 1
    qtbot.mouseClick(status.button, Qt.MouseButton.LeftButton)
    assert console.window.current_area() == "outbox"


def test_offline_the_outbox_pauses_and_delivers_once_when_the_marketplace_is_back(
    make_console: ConsoleFactory, qtbot: QtBot, market: SandboxServer
) -> None:
    console, (tid,) = staged_console(make_console, qtbot, market)
    before = writes(market)["actions"]
    port, data_dir = market.port, market.data_dir
    market.stop()
    back: SandboxServer | None = None
    try:
        entry = queue_confirm(console, qtbot, tid)
        c = controller(console)
        assert c.problem is not None and c.problem.kind == "offline"
        assert outbox_of(console).get(entry.id).state == PENDING
        assert c._offline_timer.isActive()  # it tries again by itself
        text = console.window.outbox_status.button.text()
        assert text == "Outbox: 1 waiting (offline)", text
        assert not (console.window.banner.isVisible()
                    and console.window.banner.message().startswith("Queued actions"))
        with qtbot.assertNotEmitted(c.started, wait=100):
            c._on_tick()  # the periodic look waits for the back-off, not hammering the dead host

        back = SandboxServer(seed=5, orders=300, start=SANDBOX_START, data_dir=data_dir,
                             port=port)
        back.start()
        # A good sync says the marketplace is back: the outbox resumes at once.
        with qtbot.waitSignal(c.finished, timeout=WAIT_MS,
                              check_params_cb=lambda r: r is not None and bool(r.delivered)):
            assert console.sync.sync(["supervision_tasks"])
        assert outbox_of(console).get(entry.id).state == DONE
        assert c.problem is None
        qtbot.waitUntil(lambda: not console.sync.running and not c.running, timeout=WAIT_MS)
        assert c.send_now()
        qtbot.waitUntil(lambda: not c.running, timeout=WAIT_MS)
        assert writes(back)["actions"] == before + 1  # exactly once
    finally:
        if back is not None:
            back.stop()


def test_a_refused_key_stops_the_outbox_with_a_message_and_the_fix(
    make_console: ConsoleFactory, qtbot: QtBot, market: SandboxServer,
    memory_keyring: MemoryKeyring,
) -> None:
    console, (tid,) = staged_console(make_console, qtbot, market)
    profile = shop_profile(market)
    memory_keyring.set_password("koogallery-seller-console", profile.name, "not-the-secret")
    entry = queue_confirm(console, qtbot, tid)
    c = controller(console)
    assert c.problem is not None and c.problem.kind == "auth"
    assert outbox_of(console).get(entry.id).state == PENDING
    banner = console.window.banner
    assert banner.isVisible() and banner.level == Banner.ERROR
    assert banner.message().startswith("The marketplace refused this profile's keys, so queued")
    assert banner.action_button.text() == "Edit Profile…"
    assert "Traceback" not in banner.details.text()
    assert not c.kick()  # stopped until fixed
    assert console.window.outbox_status.button.text().endswith("(stopped)")

    memory_keyring.set_password("koogallery-seller-console", profile.name, market.secret_key)
    with qtbot.waitSignal(c.finished, timeout=WAIT_MS,
                          check_params_cb=lambda r: r is not None and bool(r.delivered)):
        assert console.sync.sync(["supervision_tasks"])  # a good sync: the keys work again
    assert outbox_of(console).get(entry.id).state == DONE
    assert not banner.isVisible()


def test_the_outbox_area_shows_states_the_reason_and_resends_and_discards(
    make_console: ConsoleFactory, qtbot: QtBot, market: SandboxServer
) -> None:
    console, (first, second) = staged_console(make_console, qtbot, market, 2)
    for tid in (first, second):  # the tasks move on at the marketplace; the cache does not know
        admin(market, "POST", f"tasks/{tid}/stage", {"node": "用户确认验收"})
    a = queue_confirm(console, qtbot, first, "第一次")
    b = queue_confirm(console, qtbot, second)
    outbox = outbox_of(console)
    assert {outbox.get(a.id).state, outbox.get(b.id).state} == {NEEDS_ATTENTION}

    window = console.window
    window.show_area(window._area_index("outbox"))
    view = window.outbox_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=WAIT_MS)
    assert window.nav.item(window._area_index("outbox")).text() == "Outbox (2)"
    assert window.outbox_status.button.text() == "Outbox: 2 need attention"
    row = view.model.row_of(a.id)
    cells = [view.model.index(row, c).data() for c in range(view.model.columnCount())]
    assert cells[0] == "Needs attention" and cells[1] == "Confirm requirement"
    assert "用户确认验收" in cells[3] and "SC.1001" in cells[3]  # the marketplace's reason, in words
    assert cells[4] == "0"
    view.select_entry(a.id)
    assert "The marketplace's reason: " in view.details.text()

    # Fix and Resend: the task is back at the node, the comment is corrected, it is delivered.
    admin(market, "POST", f"tasks/{first}/stage", {"node": "商家确认需求"})
    view.select_entry(a.id)
    assert view.fix_button.isEnabled() and view.discard_button.isEnabled()
    qtbot.mouseClick(view.fix_button, Qt.MouseButton.LeftButton)
    dialog = view.fix_dialog
    assert dialog is not None and dialog.isVisible()
    assert "用户确认验收" in dialog.reason.text()
    dialog.editors["comment"].setPlainText("需求已确认")
    with qtbot.waitSignal(controller(console).finished, timeout=WAIT_MS,
                          check_params_cb=lambda r: r is not None and a.id in r.delivered):
        dialog.accept()
    resent = outbox.get(a.id)
    assert resent.state == DONE and resent.payload["comment"] == "需求已确认"
    assert resent.key != a.key  # a corrected request is a new request

    # Discard, after the confirmation.
    qtbot.waitUntil(lambda: view.model.row_of(b.id) >= 0 and not console.sync.running,
                    timeout=WAIT_MS)
    view.select_entry(b.id)
    qtbot.mouseClick(view.discard_button, Qt.MouseButton.LeftButton)
    box = view.confirm_box
    assert box is not None and "never be sent" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Discard), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: outbox.get(b.id).state == DISCARDED, timeout=WAIT_MS)
    view.state_filter.setCurrentIndex(view.state_filter.findData(DISCARDED))
    qtbot.waitUntil(lambda: [e.id for e in view.model.rows] == [b.id], timeout=WAIT_MS)
    view.select_entry(b.id)
    assert not view.discard_button.isEnabled() and not view.fix_button.isEnabled()
    assert view.open_button.isEnabled()
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert window.current_area() == "supervision"


def test_the_journal_verifies_and_names_a_changed_entry(
    make_console: ConsoleFactory, qtbot: QtBot, market: SandboxServer, tmp_path: Path
) -> None:
    console, (tid,) = staged_console(make_console, qtbot, market)
    queue_confirm(console, qtbot, tid, "需求清楚")
    window = console.window
    window.show_area(window._area_index("outbox"))
    page = window.outbox_view.journal
    window.outbox_view.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 2, timeout=WAIT_MS)
    newest = page.model.row_at(0)
    assert newest is not None and newest.action == "delivered"
    assert page.model.index(0, 3).data() == "delivered"
    with qtbot.waitSignal(page.verified, timeout=WAIT_MS) as checked:
        qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    assert checked.args[0].ok
    assert page.result.text().startswith("No entry was changed, removed or reordered. Entries "
                                         "checked: 2; the newest is #2 with hash ")

    out = tmp_path / "journal.csv"
    with qtbot.waitSignal(page.exported, timeout=WAIT_MS):
        page.export_to(out)
    exported = out.read_text(encoding="utf-8-sig").splitlines()
    assert exported[0].startswith("seq,at,actor,action") and len(exported) >= 3

    engine = console.workspace.engine
    assert engine is not None
    with engine.begin() as conn:  # someone edits the first entry in the cache file
        conn.execute(text("UPDATE journal_entries SET actor = 'mallory' WHERE seq = 1"))
    page.refresh()
    qtbot.waitUntil(lambda: any(e.actor == "mallory" for e in page.model.rows), timeout=WAIT_MS)
    with qtbot.waitSignal(page.verified, timeout=WAIT_MS) as checked:
        qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    assert not checked.args[0].ok and checked.args[0].first_bad_seq == 1
    assert "entry 1 was changed" in page.result.text()
    selected = page.table.selectionModel().selectedRows()
    assert [page.model.row_at(i.row()).seq for i in selected] == [1]


def test_models_pass_the_model_tester(
    make_console: ConsoleFactory, qtbot: QtBot, market: SandboxServer, qtmodeltester: Any
) -> None:
    console, (tid,) = staged_console(make_console, qtbot, market)
    queue_confirm(console, qtbot, tid)
    engine = console.workspace.engine
    assert engine is not None
    from app.services.outbox import journal

    outbox_model = OutboxModel()
    outbox_model.set_rows(outbox_of(console).entries())
    assert outbox_model.rowCount() == 1
    qtmodeltester.check(outbox_model)
    journal_model = JournalModel()
    journal_model.set_rows(journal.entries(engine))
    assert journal_model.rowCount() >= 2
    qtmodeltester.check(journal_model)
    empty = OutboxModel()
    qtmodeltester.check(empty)


def test_fix_and_resend_keeps_required_texts(qtbot: QtBot) -> None:
    from datetime import UTC, datetime

    from app.views.outbox.fix_dialog import FixDialog

    now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    entry = EntryView(7, "ob-1", "supervision.reject", "supervision_task", "T1",
                      "supervision_task:T1", NEEDS_ATTENTION, "驳回需求 T1", {"reason": "不清楚"},
                      1, None, "SC.1001", "the task is at 「商家实施服务」", now, now, None,
                      "me@host", ())
    dialog = FixDialog(entry)
    qtbot.addWidget(dialog)
    assert "「商家实施服务」" in dialog.reason.text() and "SC.1001" in dialog.reason.text()
    assert dialog.ok_button.isEnabled() and dialog.payload() is None  # unchanged: as it was
    dialog.editors["reason"].setPlainText("  ")
    assert not dialog.ok_button.isEnabled()
    assert dialog.missing.text().startswith("Required: Reason")
    dialog.editors["reason"].setPlainText("需求附件缺少报价单")
    assert dialog.ok_button.isEnabled()
    assert dialog.payload() == {"reason": "需求附件缺少报价单"}

    invoice = EntryView(8, "ob-2", "invoice.submit", "invoice_notice", "KP1", "invoice_notice:KP1",
                        NEEDS_ATTENTION, "发票 1", {"invoiceNo": "1"}, 0, None, None, "bad", now,
                        now, None, "me@host", ())
    other = FixDialog(invoice)
    qtbot.addWidget(other)
    assert not other.editors and "Invoices" in other.note.text() and other.payload() is None
