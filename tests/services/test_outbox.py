"""The outbox against the sandbox over real HTTP: every supervision action at an allowed and a
disallowed node, offline queuing, refusals, crashes at several points, and 200 actions under
injected faults — each delivered once and none twice."""

from __future__ import annotations

import random
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app.models.outbox import DONE, NEEDS_ATTENTION, PENDING
from app.models.supervision import SupervisionTask
from app.sandbox.server import SandboxServer
from app.services.outbox.filestore import FileStore
from app.services.outbox.queue import Dispatcher, Outbox, OutboxPolicy, QueuedFile, journal
from app.services.supervision import actions as sv
from app.services.sync.engine import SyncEngine
from tests.sandbox_fixtures import SANDBOX_START, Sandbox, running_sandbox

FAST = OutboxPolicy(max_attempts=50, base_delay_s=0.0, max_delay_s=0.0)


def sync_tasks(sb: Sandbox, cache: Engine) -> None:
    with sb.client() as client:
        report = SyncEngine(client, cache).sync(("supervision_tasks", "orders"))
    assert report.failure is None


def task(cache: Engine, task_id: str) -> SupervisionTask:
    with Session(cache, expire_on_commit=False) as s:
        found = s.get(SupervisionTask, task_id)
    assert found is not None
    return found


def tasks_with_node(cache: Engine, node: str, limit: int = 1, any_state: bool = False) -> list[str]:
    """Tasks whose flow passes through ``node``: open and unfrozen ones (``any_state``: any task,
    for tests that stage every task they use)."""
    with Session(cache) as s:
        q = s.query(SupervisionTask)
        if not any_state:
            q = q.filter(SupervisionTask.status == "处理中", SupervisionTask.frozen.is_(False))
        found = [t.id for t in q.order_by(SupervisionTask.id) if node in (t.flow_nodes or [])
                 and (any_state or not any(a.get("status") == "处理中" for a in t.appeals or []))]
    assert len(found) >= limit, f"need {limit} tasks through {node}, have {len(found)}"
    return found[:limit]


def stage(sb: Sandbox, task_id: str, node: str) -> None:
    sb.admin("POST", f"tasks/{task_id}/stage", {"node": node})


def make_outbox(cache: Engine, tmp_path: Path) -> Outbox:
    return Outbox(cache, FileStore(tmp_path / "files"), actor="tester@test")


def acceptance_file(tmp_path: Path, name: str = "交付验收文档.pdf", size: int = 4000) -> Path:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4\n" + random.Random(name).randbytes(size))
    return path


def send(outbox: Outbox, sb: Sandbox, **kw: Any) -> Any:
    with sb.client() as client:
        return Dispatcher(outbox, client, policy=FAST).send_due(ignore_schedule=True, **kw)


@pytest.fixture
def staged(own_sandbox: Sandbox, cache: Engine) -> Sandbox:
    sync_tasks(own_sandbox, cache)
    return own_sandbox


# -- every action, allowed and not -----------------------------------------------------------------

def test_confirm_at_the_right_node_moves_the_task(staged: Sandbox, cache: Engine,
                                                  tmp_path: Path) -> None:
    (tid,) = tasks_with_node(cache, "商家确认需求")
    stage(staged, tid, "商家确认需求")
    sync_tasks(staged, cache)
    outbox = make_outbox(cache, tmp_path)
    entry = sv.queue_confirm(outbox, tid, "需求清楚")
    report = send(outbox, staged)
    assert report.delivered == [entry.id]
    sync_tasks(staged, cache)
    moved = task(cache, tid)
    assert moved.node != "商家确认需求"
    assert moved.operation_logs[-1]["action"] == "确认需求"


def test_confirm_at_a_wrong_node_is_refused_locally_and_by_the_marketplace(
        staged: Sandbox, cache: Engine, tmp_path: Path) -> None:
    (tid,) = tasks_with_node(cache, "用户确认验收")
    stage(staged, tid, "用户确认验收")
    sync_tasks(staged, cache)
    outbox = make_outbox(cache, tmp_path)
    with pytest.raises(sv.ActionError, match="Not possible at the current node"):
        sv.queue_confirm(outbox, tid)
    # Queued anyway (e.g. from a stale cache): the marketplace refuses, the entry needs attention.
    entry = outbox.enqueue(sv.KINDS[sv.SellerAction.CONFIRM].name, tid, {})
    report = send(outbox, staged)
    assert report.refused == [entry.id]
    refused = outbox.get(entry.id)
    assert refused.state == NEEDS_ATTENTION
    assert refused.last_error_code == "SC.1001"
    assert "用户确认验收" in (refused.last_error or "")


def test_reject_needs_a_reason_and_the_right_node(staged: Sandbox, cache: Engine,
                                                  tmp_path: Path) -> None:
    tid, other = tasks_with_node(cache, "商家确认需求", 2)
    stage(staged, tid, "商家确认需求")
    stage(staged, other, "用户提交需求")
    sync_tasks(staged, cache)
    outbox = make_outbox(cache, tmp_path)
    with pytest.raises(sv.ActionError, match="reason"):
        sv.queue_reject(outbox, tid, "  ")
    with pytest.raises(sv.ActionError, match="current node"):
        sv.queue_reject(outbox, other, "需求不完整")
    entry = sv.queue_reject(outbox, tid, "需求不完整,请补充联系人")
    assert send(outbox, staged).delivered == [entry.id]
    sync_tasks(staged, cache)
    assert task(cache, tid).node == "用户提交需求"
    assert task(cache, tid).seller_reject_count >= 1


def test_deliver_uploads_files_once_and_moves_to_acceptance(staged: Sandbox, cache: Engine,
                                                           tmp_path: Path) -> None:
    (tid,) = tasks_with_node(cache, "商家确认需求")
    stage(staged, tid, "商家确认需求")
    sync_tasks(staged, cache)
    outbox = make_outbox(cache, tmp_path)
    doc = acceptance_file(tmp_path)
    confirm = sv.queue_confirm(outbox, tid)
    # Offline work: the delivery is queued behind the confirmation, before it was sent.
    deliver = sv.queue_deliver(outbox, tid, [doc], "已完成部署与培训")
    doc.unlink()  # the outbox holds its own copy
    report = send(outbox, staged)
    assert report.delivered == [confirm.id, deliver.id]
    assert staged.admin("GET", "writes") == {"uploads": 1, "uploads_attached": 1, "actions": 2}
    sync_tasks(staged, cache)
    done = task(cache, tid)
    assert done.node_owner in ("buyer", "platform")
    assert [a["fileName"] for a in done.attachments if a["kind"] == "acceptance"][-1] == \
        "交付验收文档.pdf"


def test_deliver_at_a_buyer_node_is_refused(staged: Sandbox, cache: Engine,
                                            tmp_path: Path) -> None:
    (tid,) = tasks_with_node(cache, "用户提交需求")
    stage(staged, tid, "用户提交需求")
    sync_tasks(staged, cache)
    outbox = make_outbox(cache, tmp_path)
    with pytest.raises(sv.ActionError, match="current node"):
        sv.queue_deliver(outbox, tid, [acceptance_file(tmp_path)], "done")


def test_appeal_freezes_the_task_and_a_second_appeal_is_refused(
        staged: Sandbox, cache: Engine, tmp_path: Path) -> None:
    (tid,) = tasks_with_node(cache, "用户确认验收")
    stage(staged, tid, "用户确认验收")
    sync_tasks(staged, cache)
    outbox = make_outbox(cache, tmp_path)
    letter = acceptance_file(tmp_path, "申诉介入处理承诺函.docx")
    proof = acceptance_file(tmp_path, "交付验收文档.pdf")
    with pytest.raises(sv.ActionError, match="申诉介入处理承诺函"):
        sv.queue_appeal(outbox, tid, "用户超过5天未验收", grounds=sv.GROUND_NOT_ACCEPTED,
                        delivery_proof=[proof])
    entry = sv.queue_appeal(outbox, tid, "用户超过5天未验收", sv.GROUND_NOT_ACCEPTED, [], letter,
                            [proof])
    assert send(outbox, staged).delivered == [entry.id]
    sync_tasks(staged, cache)
    frozen = task(cache, tid)
    assert frozen.appeals[-1].get("demand") is None  # 诉求 is the buyer's field (§2)
    assert frozen.frozen and frozen.allowed_actions == []
    assert frozen.appeals[-1]["status"] == "处理中"
    verdicts = sv.availability(frozen)
    assert not any(v.allowed for v in verdicts.values())
    assert verdicts[sv.SellerAction.APPEAL].reason_code == "frozen"
    # A second appeal sent anyway is refused by the marketplace.
    again = outbox.enqueue(sv.KINDS[sv.SellerAction.APPEAL].name, tid, {"reason": "再次申诉"})
    send(outbox, staged)
    assert outbox.get(again.id).last_error_code == "SC.1003"
    # Three days later the platform decides for the seller: the order is closed.
    staged.admin("POST", "advance", {"hours": 80})
    sync_tasks(staged, cache)
    decided = task(cache, tid)
    assert decided.appeals[-1]["result"] == "支持商家"
    assert decided.status == "已完成"


def test_appeal_for_unaccepted_delivery_needs_proof_and_letter_business_rules_2(
        staged: Sandbox, cache: Engine, tmp_path: Path) -> None:
    """business-rules §2: when the buyer never confirmed acceptance, the seller's appeal needs the
    delivery proof AND the 申诉介入处理承诺函. The console refuses to queue it with only the letter,
    and the marketplace (sandbox) refuses such an appeal sent anyway (SC.1006)."""
    (tid,) = tasks_with_node(cache, "用户确认验收")
    stage(staged, tid, "用户确认验收")
    sync_tasks(staged, cache)
    outbox = make_outbox(cache, tmp_path)
    letter = acceptance_file(tmp_path, "申诉介入处理承诺函.docx")
    with pytest.raises(sv.ActionError, match="delivery proof"):
        sv.queue_appeal(outbox, tid, "用户超过5天未验收", sv.GROUND_NOT_ACCEPTED, [], letter)
    forced = outbox.enqueue(sv.KINDS[sv.SellerAction.APPEAL].name, tid,
                            {"reason": "用户超过5天未验收", "grounds": sv.GROUND_NOT_ACCEPTED},
                            [QueuedFile(letter, sv.ROLE_COMMITMENT_LETTER)])
    send(outbox, staged)
    refused = outbox.get(forced.id)
    assert refused.last_error_code == "SC.1006" and "交付凭证" in (refused.last_error or "")


def test_a_refused_file_type_needs_attention_with_the_reason(staged: Sandbox, cache: Engine,
                                                             tmp_path: Path) -> None:
    (tid,) = tasks_with_node(cache, "商家确认需求")
    stage(staged, tid, "商家实施服务" if "商家实施服务" in task(cache, tid).flow_nodes
          else "商家上传交付凭证")
    sync_tasks(staged, cache)
    outbox = make_outbox(cache, tmp_path)
    bad = tmp_path / "setup.exe"
    bad.write_bytes(b"MZ" + bytes(100))
    entry = sv.queue_deliver(outbox, tid, [bad], "见附件")
    report = send(outbox, staged)
    assert report.refused == [entry.id]
    view = outbox.get(entry.id)
    assert view.last_error_code == "SC.1004"
    assert ".exe" in (view.last_error or "")
    # The user fixes it: discard, then queue the right file.
    outbox.discard(entry.id)
    fixed = sv.queue_deliver(outbox, tid, [acceptance_file(tmp_path)], "见附件")
    assert send(outbox, staged).delivered == [fixed.id]


# -- offline and crashes ----------------------------------------------------------------------------

def test_queued_while_the_marketplace_is_down_delivered_once_when_it_is_back(
        tmp_path: Path, cache: Engine) -> None:
    data_dir = tmp_path / "sandbox"
    server = SandboxServer(seed=7, orders=400, start=SANDBOX_START, data_dir=data_dir)
    server.start()
    sb = Sandbox(server)
    sync_tasks(sb, cache)
    deliver_id, appeal_id = tasks_with_node(cache, "用户确认验收", 2)
    stage(sb, deliver_id, "用户确认验收")
    stage(sb, appeal_id, "用户确认验收")
    node = next(n for n in task(cache, deliver_id).flow_nodes
                if n in ("商家实施服务", "商家上传交付凭证", "服务商线下交付License",
                         "商家上传交付证明"))
    stage(sb, deliver_id, node)
    sync_tasks(sb, cache)
    port = server.port
    sb.close()
    server.stop()  # the marketplace is gone

    outbox = make_outbox(cache, tmp_path)
    d = sv.queue_deliver(outbox, deliver_id, [acceptance_file(tmp_path)], "交付完成")
    a = sv.queue_appeal(outbox, appeal_id, "用户长期未验收", grounds=sv.GROUND_NOT_ACCEPTED,
                        commitment_letter=acceptance_file(tmp_path, "承诺函.docx"),
                        delivery_proof=[acceptance_file(tmp_path, "交付证明.pdf")])
    report = send(outbox, sb)
    assert report.paused == "offline" and not report.delivered
    assert {outbox.get(d.id).state, outbox.get(a.id).state} == {PENDING}

    back = SandboxServer(seed=7, orders=400, start=SANDBOX_START, data_dir=data_dir, port=port)
    back.start()
    try:
        sb = Sandbox(back)
        first = send(outbox, sb)
        assert sorted(first.delivered) == sorted([d.id, a.id])
        assert send(outbox, sb).delivered == []  # nothing left, nothing sent twice
        assert sb.admin("GET", "writes") == {"uploads": 3, "uploads_attached": 3, "actions": 2}
    finally:
        sb.close()
        back.stop()


@pytest.mark.slow
@pytest.mark.parametrize("crash_at", ["marked_sending", "upload_chunk:2", "uploaded", "answered"])
def test_killed_during_an_upload_leaves_exactly_one_file(
        staged: Sandbox, cache: Engine, tmp_path: Path, crash_at: str) -> None:
    from tests.cli.test_sync import _cli, _env

    (tid,) = tasks_with_node(cache, "商家确认需求")
    node = next(n for n in task(cache, tid).flow_nodes
                if n in ("商家实施服务", "商家上传交付凭证", "商家上传交付证明"))
    stage(staged, tid, node)
    sync_tasks(staged, cache)
    db = str(cache.url)
    big = tmp_path / "交付材料.zip"  # several upload chunks; the pre-flight check warns only
    with zipfile.ZipFile(big, "w", zipfile.ZIP_STORED) as z:
        z.writestr("现场照片.bin", random.Random(1).randbytes(3 * 1024 * 1024))
    env = _env(staged)
    refused = _cli("supervision", "deliver", tid, "--file", str(big), "--description", "交付完成",
                   "--endpoint", staged.url, "--db", db, "--queue-only", env=env)
    assert refused.returncode == 2 and "--accept-warnings" in refused.stderr
    queued = _cli("supervision", "deliver", tid, "--file", str(big), "--description", "交付完成",
                  "--endpoint", staged.url, "--db", db, "--queue-only", "--accept-warnings",
                  env=env)
    assert queued.returncode == 0, queued.stderr
    crashed = _cli("outbox", "send", "--endpoint", staged.url, "--db", db,
                   env={**env, "SELLER_CONSOLE_CRASH_AT": crash_at})
    assert crashed.returncode == 99, crashed.stderr
    again = _cli("outbox", "send", "--endpoint", staged.url, "--db", db, "--json", env=env)
    assert again.returncode == 0, again.stderr
    writes = staged.admin("GET", "writes")
    assert writes == {"uploads": 1, "uploads_attached": 1, "actions": 1}
    sync_tasks(staged, cache)
    files = [a for a in task(cache, tid).attachments if a["fileName"] == "交付材料.zip"]
    assert len(files) == 1


@pytest.fixture
def big_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with running_sandbox(tmp_path_factory.mktemp("big"), 1000, seed=11) as sb:
        yield sb


@pytest.mark.slow
def test_two_hundred_actions_under_faults_each_delivered_once(
        big_sandbox: Sandbox, cache: Engine, tmp_path: Path) -> None:
    staged = big_sandbox
    sync_tasks(staged, cache)
    with Session(cache) as session:
        ids = [t.id for t in session.query(SupervisionTask).order_by(SupervisionTask.id)
               if "商家确认需求" in t.flow_nodes and "授权码激活" not in t.flow_nodes][:100]
    assert len(ids) == 100
    for tid in ids:
        stage(staged, tid, "商家确认需求")
    sync_tasks(staged, cache)
    outbox = make_outbox(cache, tmp_path)
    rng = random.Random(2026)
    order = list(ids)
    rng.shuffle(order)
    for n, tid in enumerate(order):
        sv.queue_confirm(outbox, tid, f"确认 {n}")
        sv.queue_deliver(outbox, tid, [acceptance_file(tmp_path, f"验收{n}.pdf", 2000)], f"交付 {n}")
    staged.faults(error_rate=0.15, malformed_rate=0.1, throttle_rate=0.05, retry_after=0)
    rounds = 0
    while outbox.counts()[PENDING] and rounds < 40:
        send(outbox, staged)
        rounds += 1
    staged.faults(error_rate=0, malformed_rate=0, throttle_rate=0)
    counts = outbox.counts()
    assert counts[DONE] == 200, (counts, {(e.last_error_code, e.last_error) for e in outbox.entries([NEEDS_ATTENTION])})
    assert staged.admin("GET", "writes") == {"uploads": 100, "uploads_attached": 100,
                                             "actions": 200}
    sync_tasks(staged, cache)
    for tid in ids:
        logs = task(cache, tid).operation_logs
        staged_at = max(i for i, e in enumerate(logs) if e["action"] == "(sandbox) 设置节点")
        seller = [e["action"] for e in logs[staged_at + 1:] if e["actorRole"] == "seller"]
        assert seller.count("确认需求") == 1, (tid, seller)
        assert len(seller) == 2, (tid, seller)
    assert journal.verify(cache).ok


# -- the journal -----------------------------------------------------------------------------------

def test_journal_records_actions_and_detects_an_edited_entry(staged: Sandbox, cache: Engine,
                                                             tmp_path: Path) -> None:
    (tid,) = tasks_with_node(cache, "商家确认需求")
    stage(staged, tid, "商家确认需求")
    sync_tasks(staged, cache)
    outbox = make_outbox(cache, tmp_path)
    sv.queue_confirm(outbox, tid)
    send(outbox, staged)
    lines = journal.entries(cache)
    assert [e.action for e in reversed(lines)] == ["queued", "delivered"]
    assert all(e.actor == "tester@test" for e in lines)
    assert journal.verify(cache).ok
    path = str(cache.url).removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE journal_entries SET detail = ? WHERE seq = 1",
                     ('{"kind": "supervision.reject"}',))
    broken = journal.verify(cache)
    assert not broken.ok and broken.first_bad_seq == 1
    with cache.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM journal_entries")).scalar_one() == 2
