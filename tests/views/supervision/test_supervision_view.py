"""The Supervision area over a real cache: the model under the model tester, filters, the detail
page (timeline, disabled buttons with their reasons), drag and drop onto the Deliver dialog with
the pre-flight findings and the queued outbox entry, and the Appeal dialog's validation.

Every wait is on a signal or a condition.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.config.paths import AppPaths
from app.models import db
from app.services.marketplace.wire import format_hw_time
from app.services.supervision import actions as sv
from app.services.supervision import preflight as pf
from app.services.supervision import query as q
from app.views.app import pin_interpreter_singletons
from app.views.bridge import Bridge
from app.views.supervision import labels
from app.views.supervision.deliver_dialog import DeliverDialog
from app.views.supervision.dialogs import AppealDialog
from app.views.supervision.model import SupervisionTableModel
from app.views.supervision.view import SupervisionView
from tests.support.acceptance_docs import acceptance_lines, write_docx, write_pdf
from tests.support.supervision_data import CUSTOMER, FLOW, PRODUCT, SKU, add_order, rich_task

pin_interpreter_singletons()

pytestmark = pytest.mark.gui

WAIT_MS = 20_000
NOW = datetime.now(UTC).replace(microsecond=0)
AT_DELIVERY = "SS0000000000DELIVER00001"
AT_ACCEPTANCE = "SS0000000000ACCEPT000001"
FROZEN = "SS0000000000FROZEN000001"
JIDIYUN = "SS0000000000JIDIYUN00001"
RECENT = "SS0000000000RECENT000001"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    add_order(eng, "CS0000000000ORDER", [
        rich_task(AT_DELIVERY, "CS0000000000ORDER"),
        rich_task(AT_ACCEPTANCE, "CS0000000000ORDER", node="用户确认验收"),
        rich_task(FROZEN, "CS0000000000ORDER", frozen=True, allowed_actions=[],
                  appeal_status="处理中",
                  appeals=[{"appealId": "AP2", "initiator": "商家", "reason": "买家不验收",
                            "status": "处理中", "createTime": "20260101000000"}]),
        rich_task(JIDIYUN, "CS0000000000ORDER", sales_scenario="基地云", delivery_type="License"),
        rich_task(RECENT, "CS0000000000ORDER", order_time=NOW - timedelta(days=2),
                  node_entered_time=NOW - timedelta(days=1), appeals=[], appeal_status=None),
    ])
    yield eng
    eng.dispose()


class FakeWorkspace(QObject):
    """What the view needs of the window's workspace: the cache, its signal and the folders."""

    engineChanged = Signal(object)

    def __init__(self, engine: Engine, paths: AppPaths) -> None:
        super().__init__()
        self.engine = engine
        self.paths = paths


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[Bridge]:
    b = Bridge()
    yield b
    b.wait_idle()


@pytest.fixture
def view(qtbot: QtBot, engine: Engine, bridge: Bridge, tmp_path: Path) -> SupervisionView:
    v = SupervisionView(bridge, FakeWorkspace(engine, AppPaths.under(tmp_path / "home")), tz=UTC)
    qtbot.addWidget(v)
    v.resize(1500, 900)
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: v.model.rowCount() == 5 and not v.model.pending, timeout=WAIT_MS)
    return v


def opened(qtbot: QtBot, view: SupervisionView, task_id: str) -> None:
    view.open_task(task_id)
    qtbot.waitUntil(lambda: view.detail.detail is not None
                    and view.detail.detail.task.id == task_id, timeout=WAIT_MS)


# -- the model ----------------------------------------------------------------------------------------

def test_the_model_passes_the_model_tester(qtbot: QtBot, qtmodeltester, engine: Engine,  # noqa: ANN001
                                           bridge: Bridge) -> None:
    model = SupervisionTableModel(engine, bridge, tz=UTC)
    with qtbot.waitSignal(model.queryFinished, timeout=WAIT_MS):
        model.set_filter(q.TaskFilter())
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert model.data(model.index(0, 0)) == RECENT  # the node entered most recently first
    amount = [k for k, _t in labels.COLUMNS].index("amount")
    assert model.data(model.index(0, amount)) == "¥12,800.00"
    owner = [k for k, _t in labels.COLUMNS].index("owner")
    assert model.data(model.index(model.row_of_task(AT_ACCEPTANCE), owner)) == "Buyer"


# -- filters ------------------------------------------------------------------------------------------

def test_filters_change_the_rows(qtbot: QtBot, view: SupervisionView) -> None:
    bar = view.filter_bar

    def rows() -> set[str]:
        return {view.model.data(view.model.index(r, 0), SupervisionTableModel.TaskIdRole)
                for r in range(view.model.rowCount())}

    action = next(a for a in bar.scenario.menu().actions() if a.data() == "基地云")
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        action.trigger()
    assert rows() == {JIDIYUN}
    other = next(a for a in bar.scenario.menu().actions() if a.data() == "其他")
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        other.trigger()
    assert len(rows()) == 5
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        bar.reset()

    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        bar.overdue.setChecked(True)  # everything but the task ordered two days ago
    assert rows() == {AT_DELIVERY, AT_ACCEPTANCE, FROZEN, JIDIYUN}
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        bar.overdue.setChecked(False)

    bar.appealed.setCurrentIndex(2)
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        bar.appealed.activated.emit(2)
    assert rows() == {FROZEN}
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        bar.reset()

    qtbot.waitUntil(lambda: "用户确认验收" in [a.data() for a in bar.node.menu().actions()],
                    timeout=WAIT_MS)
    node = next(a for a in bar.node.menu().actions() if a.data() == "用户确认验收")
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        node.trigger()
    assert rows() == {AT_ACCEPTANCE}
    owner = next(a for a in bar.owner.menu().actions() if a.data() == "seller")
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        owner.trigger()
    assert rows() == set()
    assert view.status.text() == "0 task(s)"


# -- detail ------------------------------------------------------------------------------------------

def test_the_detail_shows_the_flow_with_the_current_node(qtbot: QtBot,
                                                         view: SupervisionView) -> None:
    opened(qtbot, view, AT_DELIVERY)
    assert view.detail.timeline.nodes() == FLOW
    assert view.detail.timeline.current_node() == "商家实施服务"
    # issue 13 (docs/terms.md): the English window names the node in English
    assert "Seller delivers service (current)" in view.detail.timeline.accessibleDescription()
    assert view.detail.log.rowCount() == 2
    assert view.detail.appeals.item(0, 2).text() == "进度慢"
    assert view.detail.files.item(0, 0).text() == "需求说明.pdf"
    assert view.detail.files.item(0, 1).text() == "Requirement"
    current = view.table.selectionModel().currentIndex()
    assert view.model.data(current, SupervisionTableModel.TaskIdRole) == AT_DELIVERY
    assert "180 days since the order" in view.detail.deadlines.text()
    # business rules §1.6: the 180-day line is the platform's reminder, not a deadline that runs out
    line = next(li for li in view.detail.deadlines.text().split("<li")
                if "180 days since the order" in li)
    assert "(reminder)" in line and "(due)" not in line and "(passed)" not in line


def test_a_node_not_in_the_list_is_still_marked(qtbot: QtBot, view: SupervisionView,
                                                engine: Engine) -> None:
    view.detail.timeline.set_flow(FLOW, "华为云复核")
    assert view.detail.timeline.nodes()[-1] == "华为云复核"
    assert view.detail.timeline.current_node() == "华为云复核"


def test_disabled_buttons_say_why(qtbot: QtBot, view: SupervisionView) -> None:
    opened(qtbot, view, AT_ACCEPTANCE)
    deliver = view.detail.buttons["deliver"]
    assert not deliver.isEnabled()
    assert deliver.toolTip() == "Not possible at the current node (用户确认验收)."
    assert view.detail.buttons["appeal"].isEnabled()
    opened(qtbot, view, FROZEN)
    for key in ("confirm", "reject", "deliver", "appeal"):
        assert not view.detail.buttons[key].isEnabled()
        assert "An appeal is open" in view.detail.buttons[key].toolTip()
    assert view.detail.buttons["evidence"].isEnabled()


def test_the_reasons_and_findings_are_the_services_own_words() -> None:
    assert {k: labels.REASONS[k] for k in sv.REASONS} == sv.REASONS
    assert labels.FINDINGS == pf.MESSAGES
    assert set(labels.PARTIES) == set(pf.PARTY_NAMES.values())


# -- deliver ------------------------------------------------------------------------------------------

def send_drop(widget: QWidget, paths: list[Path]) -> None:
    """Drag ``paths`` in from a file manager and drop them (enter, then drop)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    assert event.isAccepted()


def drop(qtbot: QtBot, dialog: DeliverDialog, paths: list[Path]) -> None:
    with qtbot.waitSignal(dialog.checked, timeout=WAIT_MS):
        send_drop(dialog, paths)


def test_files_dropped_on_the_deliver_dialog_are_checked_then_queued(
        qtbot: QtBot, view: SupervisionView, tmp_path: Path) -> None:
    opened(qtbot, view, AT_DELIVERY)
    assert view.detail.buttons["deliver"].isEnabled()
    view.detail.buttons["deliver"].click()
    dialog = view.dialog
    assert isinstance(dialog, DeliverDialog)
    wrong = write_pdf(tmp_path / "错误的验收单.pdf", acceptance_lines("别的公司", PRODUCT, SKU))
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ" + b"\0" * 64)
    drop(qtbot, dialog, [wrong, exe])
    lines = dialog.findings_text()
    assert "tool.exe: Error: Files of type .exe are not accepted" in "\n".join(lines)
    assert any(line.startswith("错误的验收单.pdf: Error: The customer's name") and CUSTOMER in line
               for line in lines)
    assert not dialog.ok_button.isEnabled()
    assert "cannot be overridden" in dialog.ok_button.toolTip()

    # Fixed: the wrong files out, a good DOCX in; only a warning is left (a .doc cannot be read).
    dialog.remove_file(exe)
    dialog.remove_file(wrong)  # the check started for the list in between is dropped
    assert dialog.paths() == [] and dialog.report is None
    assert dialog.ok_button.toolTip() == "Add at least one acceptance file."
    good = write_docx(tmp_path / "交付验收文档.docx", acceptance_lines(CUSTOMER, PRODUCT, SKU))
    legacy = tmp_path / "旧版验收单.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    drop(qtbot, dialog, [good, legacy])
    assert dialog.report is not None and not dialog.report.blocked
    assert [f.code for f in dialog.report.warnings] == ["legacy_format"]
    assert dialog.acknowledge.isVisibleTo(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.acknowledge.setChecked(True)
    assert dialog.ok_button.isEnabled()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "Describe the service result" in dialog.message.text()  # nothing queued yet
    assert view.outbox is not None and view.outbox.entries() == []

    dialog.description.setPlainText("已完成迁移与培训")
    dialog.use_start.setChecked(True)
    with qtbot.waitSignal(dialog.queued, timeout=WAIT_MS) as queued:
        dialog.ok_button.click()
    entry = queued.args[0]
    assert entry.kind == "supervision.deliver"
    assert [f.file_name for f in entry.files] == ["交付验收文档.docx", "旧版验收单.doc"]
    assert entry.payload["actualStartTime"].isdigit()
    assert [e.id for e in view.outbox.entries()] == [entry.id]
    # The announcement refreshes the detail: the entry is listed, further actions wait.
    qtbot.waitUntil(lambda: view.detail.outbox.rowCount() == 1, timeout=WAIT_MS)
    assert view.detail.outbox.item(0, 2).text() == "Waiting to be sent"
    assert "waiting in the outbox" in view.detail.buttons["deliver"].toolTip()


# -- appeal -------------------------------------------------------------------------------------------

def test_the_appeal_dialog_needs_a_reason_the_proof_and_the_letter_business_rules_2(
        qtbot: QtBot, view: SupervisionView, tmp_path: Path) -> None:
    """business-rules §2: the seller's form is a reason plus evidence files (no 诉求 field, the
    buyer's); appealing because the buyer never confirmed acceptance needs the delivery proof and
    the 申诉介入处理承诺函."""
    opened(qtbot, view, AT_ACCEPTANCE)
    view.detail.buttons["appeal"].click()
    dialog = view.dialog
    assert isinstance(dialog, AppealDialog)
    dialog.ok_button.click()
    assert dialog.message.text() == "Enter the reason for the appeal (申诉原因)."
    dialog.reason.setPlainText("买家超过5天未验收")
    dialog.grounds.setCurrentIndex(dialog.grounds.findData(sv.GROUND_NOT_ACCEPTED))
    assert not hasattr(dialog, "demand")
    assert dialog.letter_label.text() == "Commitment letter (required)"
    assert dialog.proof_label.text() == "Delivery proof (required)"
    dialog.ok_button.click()
    assert "delivery proof" in dialog.message.text()
    proof = write_pdf(tmp_path / "交付验收文档.pdf", ["交付验收文档"])
    dialog.proof.setText(str(proof))
    dialog.ok_button.click()
    assert "申诉介入处理承诺函" in dialog.message.text()
    assert view.outbox is not None and view.outbox.entries() == []
    dialog.letter.setText(str(tmp_path / "missing.docx"))
    dialog.ok_button.click()
    assert "cannot be found" in dialog.message.text()
    letter = write_docx(tmp_path / "申诉介入处理承诺函.docx", ["承诺函"])
    dialog.letter.setText(str(letter))
    evidence = write_pdf(tmp_path / "交付证明.pdf", ["交付证明"])
    send_drop(dialog, [evidence])
    assert dialog.evidence_files() == [evidence]
    with qtbot.waitSignal(dialog.queued, timeout=WAIT_MS) as queued:
        dialog.ok_button.click()
    entry = queued.args[0]
    assert entry.payload["grounds"] == sv.GROUND_NOT_ACCEPTED
    assert sorted(f.role for f in entry.files) == ["appeal_evidence", "commitment_letter",
                                                   "delivery_proof"]
    assert "demand" not in entry.payload


def test_a_negotiated_refund_is_answered_from_the_detail_page_business_rules_1_9(
        qtbot: QtBot, view: SupervisionView, engine: Engine) -> None:
    """§1.9: a 协商退订 waiting for the seller shows on the task (its own box and the clock list,
    as a request without a documented time limit) and is answered through the outbox; refusing
    needs a reason. Without a waiting request there is no answer button."""
    from sqlalchemy.orm import Session

    from app.models.supervision import SupervisionTask
    from app.services.supervision import refunds as rf
    from app.views.supervision.dialogs import RefundDialog

    opened(qtbot, view, AT_ACCEPTANCE)
    assert not view.detail.buttons["refund"].isVisible()
    info = {"refundId": "RF1", "kind": "协商退订", "amount": "3000.00", "currencyCode": "CNY",
            "reason": "项目取消"}
    with Session(engine) as s, s.begin():
        t = s.get(SupervisionTask, AT_ACCEPTANCE)
        assert t is not None
        t.operation_logs = [*t.operation_logs, {
            "logId": "X1", "time": format_hw_time(NOW - timedelta(days=1)), "actorRole": "buyer",
            "action": "申请协商退订", "fromNode": t.node, "toNode": t.node, "refund": info}]
    view.open_task(RECENT)
    opened(qtbot, view, AT_ACCEPTANCE)
    qtbot.waitUntil(lambda: view.detail.refunds_box.isVisible(), timeout=WAIT_MS)
    assert view.detail.refunds.item(0, 4).text() == "Waiting for your approval"
    assert "negotiated refund" in view.detail.deadlines.text()
    button = view.detail.buttons["refund"]
    assert button.isVisible() and button.isEnabled()
    button.click()
    dialog = view.dialog
    assert isinstance(dialog, RefundDialog)
    dialog.decision.setCurrentIndex(dialog.decision.findData(rf.Decision.REFUSE))
    dialog.ok_button.click()
    assert dialog.message.text() == "Give the reason for the buyer and the platform."
    dialog.reason.setPlainText("服务已交付,不同意退订")
    with qtbot.waitSignal(dialog.queued, timeout=WAIT_MS) as queued:
        dialog.ok_button.click()
    entry = queued.args[0]
    assert entry.kind == "supervision.refund"
    assert entry.payload == {"refundId": "RF1", "decision": "refuse",
                             "reason": "服务已交付,不同意退订"}
    qtbot.waitUntil(lambda: not view.detail.buttons["refund"].isEnabled(), timeout=WAIT_MS)


def test_evidence_package_from_the_detail_page(qtbot: QtBot, view: SupervisionView,
                                               tmp_path: Path) -> None:
    from app.services.evidence import package as evidence

    opened(qtbot, view, AT_DELIVERY)
    target = tmp_path / "evidence.zip"
    view.save_evidence(target)
    qtbot.waitUntil(lambda: view.status.text().startswith("Saved"), timeout=WAIT_MS)
    assert evidence.verify(target).ok


def test_the_current_task_stays_selected_across_a_refresh(qtbot: QtBot,
                                                          view: SupervisionView) -> None:
    opened(qtbot, view, JIDIYUN)
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        view.refresh()
    current = view.table.selectionModel().currentIndex()
    assert view.model.data(current, SupervisionTableModel.TaskIdRole) == JIDIYUN


def test_a_hidden_list_recounts_after_a_sync_so_the_navigation_stays_true(
        qtbot: QtBot, view: SupervisionView, engine: Engine) -> None:
    view.hide()
    add_order(engine, "CS0000000000OTHER", [rich_task("SS0000000000OTHER0000001",
                                                      "CS0000000000OTHER")])
    view.bridge.announce({"supervision_tasks"})
    # Issue 13: the title counts the tasks waiting on the seller, with the total beside it.
    qtbot.waitUntil(lambda: view.title().endswith(" / 6)"), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.status.text() == "6 task(s)", timeout=WAIT_MS)


def test_the_title_counts_the_tasks_waiting_on_the_seller_beside_the_total(
        qtbot: QtBot, view: SupervisionView, engine: Engine) -> None:
    from app.services.supervision.counts import task_counts

    counts = task_counts(engine)
    qtbot.waitUntil(lambda: view.title() == f"Supervision ({counts.waiting:,} / {counts.total:,})",
                    timeout=WAIT_MS)
    assert 0 < counts.waiting < counts.total
    assert f"{counts.waiting:,} tasks wait for you" in view.title_tooltip()


def test_reject_needs_a_reason_and_confirm_queues(qtbot: QtBot, view: SupervisionView,
                                                  engine: Engine) -> None:
    from app.views.supervision.dialogs import CommentDialog

    task_id = "SS0000000000CONFIRM00001"
    add_order(engine, "CS0000000000OTHER", [rich_task(task_id, "CS0000000000OTHER",
                                                      node="商家确认需求",
                                                      next_nodes=["商家实施服务", "用户提交需求"])])
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        view.refresh()
    opened(qtbot, view, task_id)
    view.detail.buttons["reject"].click()
    dialog = view.dialog
    assert isinstance(dialog, CommentDialog) and dialog.rejecting
    dialog.ok_button.click()
    assert dialog.message.text() == "Enter the reason for the rejection."
    dialog.reject()
    view.detail.buttons["confirm"].click()
    dialog = view.dialog
    assert isinstance(dialog, CommentDialog) and not dialog.rejecting
    with qtbot.waitSignal(dialog.queued, timeout=WAIT_MS) as queued:
        dialog.ok_button.click()
    assert queued.args[0].kind == "supervision.confirm"
    # Confirmed offline: the delivery may be queued behind it, the rejection may not.
    qtbot.waitUntil(lambda: view.detail.outbox.rowCount() == 1, timeout=WAIT_MS)
    assert view.detail.buttons["deliver"].isEnabled()
    assert not view.detail.buttons["reject"].isEnabled()


def test_hardware_delivery_asks_for_the_courier_not_files(qtbot: QtBot, view: SupervisionView,
                                                          engine: Engine) -> None:
    task_id = "SS0000000000HARDWARE0001"
    add_order(engine, "CS0000000000HW", [rich_task(task_id, "CS0000000000HW",
                                                   delivery_type="硬件",
                                                   allowed_actions=["填写物流信息", "发起申诉"])])
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        view.refresh()
    opened(qtbot, view, task_id)
    assert view.detail.buttons["deliver"].toolTip() == "Marketplace action: 填写物流信息"
    view.detail.buttons["deliver"].click()
    dialog = view.dialog
    assert isinstance(dialog, DeliverDialog) and dialog.hardware
    assert dialog.courier.isVisibleTo(dialog) and dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert dialog.message.text() == "Enter the courier company and the tracking number."
    dialog.courier.setText("顺丰速运")
    dialog.tracking.setText("SF1234567890")
    with qtbot.waitSignal(dialog.queued, timeout=WAIT_MS) as queued:
        dialog.ok_button.click()
    assert queued.args[0].payload["logistics"] == {"courier": "顺丰速运",
                                                   "trackingNo": "SF1234567890"}


def test_columns_and_splitter_come_back(qtbot: QtBot, engine: Engine, bridge: Bridge,
                                        tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    workspace = FakeWorkspace(engine, AppPaths.under(tmp_path / "home"))
    first = SupervisionView(bridge, workspace, state, tz=UTC)
    qtbot.addWidget(first)
    first.show()
    first.table.horizontalHeader().resizeSection(2, 177)
    first.hide()  # closing the window hides its pages: that saves
    second = SupervisionView(bridge, workspace, state, tz=UTC)
    qtbot.addWidget(second)
    assert second.table.horizontalHeader().sectionSize(2) == 177


# -- issue 13: at 1280×800 nothing is cut ----------------------------------------------------------

#: The Supervision area's size in a 1280×800 window (beside the navigation, under menu and toolbar).
AT_1280 = (1076, 711)


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    from app.views.i18n import Translations

    translations = Translations()
    translations.apply(request.param)
    try:
        yield request.param
    finally:
        translations.apply("en")


@pytest.fixture
def at_1280(qtbot: QtBot, engine: Engine, bridge: Bridge, tmp_path: Path,
            language: str) -> SupervisionView:
    v = SupervisionView(bridge, FakeWorkspace(engine, AppPaths.under(tmp_path / "home")), tz=UTC)
    qtbot.addWidget(v)
    v.resize(*AT_1280)
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: v.model.rowCount() == 5 and not v.model.pending, timeout=WAIT_MS)
    return v


def test_at_1280_columns_are_as_wide_as_their_titles_and_contents(
        qtbot: QtBot, at_1280: SupervisionView) -> None:
    """The Task column read "SS2611300755O66BD-0000…"."""
    table, header = at_1280.table, at_1280.table.horizontalHeader()
    qtbot.waitUntil(lambda: table.sizeHintForColumn(0) > 0, timeout=WAIT_MS)
    QApplication.processEvents()
    for column, (key, _title) in enumerate(labels.COLUMNS):
        if header.isSectionHidden(column) or key in ("customer", "product"):
            continue  # long names are capped
        assert header.sectionSize(column) >= header.sectionSizeHint(column), f"{key}: title cut"
        assert header.sectionSize(column) >= table.sizeHintForColumn(column), f"{key}: cut"


def test_at_1280_a_task_reads_without_scrolling(qtbot: QtBot, at_1280: SupervisionView) -> None:
    """A task at the seller's node with its log and a file: no scroll bar in the detail pane,
    and the deadline lines are not cut at the right edge."""
    opened(qtbot, at_1280, RECENT)
    QApplication.processEvents()
    pane = at_1280.detail
    body, room = pane.widget(), pane.viewport().size()
    height = body.heightForWidth(room.width()) if body.hasHeightForWidth() \
        else body.minimumSizeHint().height()
    assert height <= room.height(), (height, room)
    assert body.minimumSizeHint().width() <= room.width(), (body.minimumSizeHint(), room)
    assert not pane.verticalScrollBar().isVisible()
    assert not pane.horizontalScrollBar().isVisible()


def test_columns_listed_while_hidden_are_fitted_when_shown(
        qtbot: QtBot, engine: Engine, bridge: Bridge, tmp_path: Path) -> None:
    """The area is built hidden at start and its list filled by the first sync: its columns
    are measured once it is shown."""
    v = SupervisionView(bridge, FakeWorkspace(engine, AppPaths.under(tmp_path / "home")), tz=UTC)
    qtbot.addWidget(v)
    qtbot.waitUntil(lambda: v.model.rowCount() == 5 and not v.model.pending, timeout=WAIT_MS)
    v.resize(*AT_1280)
    v.show()
    qtbot.waitExposed(v)
    table, header = v.table, v.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(0) >= table.sizeHintForColumn(0) > 0,
                    timeout=WAIT_MS)


def test_default_widths_saved_while_hidden_do_not_stop_the_fitting(
        qtbot: QtBot, engine: Engine, bridge: Bridge, tmp_path: Path) -> None:
    """At start the window saves and restores every area's layout before the area was ever
    shown with tasks: those default widths are not the user's, the columns are still fitted."""
    from PySide6.QtCore import QSettings

    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    workspace = FakeWorkspace(engine, AppPaths.under(tmp_path / "home"))
    first = SupervisionView(bridge, workspace, state, tz=UTC)
    qtbot.addWidget(first)
    first.save_state()
    v = SupervisionView(bridge, workspace, state, tz=UTC)
    qtbot.addWidget(v)
    v.restore_state()
    v.resize(*AT_1280)
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: v.model.rowCount() == 5 and not v.model.pending, timeout=WAIT_MS)
    table, header = v.table, v.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(0) >= table.sizeHintForColumn(0) > 0,
                    timeout=WAIT_MS)
    v.save_state()  # fitted (or then resized by the user): restored as the user's
    again = SupervisionView(bridge, workspace, state, tz=UTC)
    qtbot.addWidget(again)
    assert again._columns_restored


def test_a_long_comment_is_not_squeezed_into_one_character_a_line(qtbot: QtBot) -> None:
    """The operation log's last column (free text) keeps a readable width in a narrow pane: the
    table scrolls sideways instead of wrapping the comment one character a line."""
    from PySide6.QtWidgets import QWidget

    from app.views.supervision.detail import LAST_COLUMN_MIN, _fill, _table

    host = QWidget()
    qtbot.addWidget(host)
    host.resize(520, 300)
    table = _table(host)
    table.resize(500, 280)
    host.show()
    _fill(table, ["Time", "Who", "Action", "From", "To", "Comment"],
          [["2026-12-04 09:37", "System", "Supervision task created", "",
            "Buyer submits requirement", "订单支付成功，进入服务监管流程，等待用户提交需求"]])
    assert table.horizontalHeader().sectionSize(5) >= LAST_COLUMN_MIN
    assert table.rowHeight(0) < 3 * table.fontMetrics().height()
    # the whole row stays visible above the sideways scroll bar
    bar = table.horizontalScrollBar().sizeHint().height()
    assert table.height() >= table.horizontalHeader().height() + table.rowHeight(0) + bar
