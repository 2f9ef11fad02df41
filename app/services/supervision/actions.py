"""Seller actions on service supervision tasks (服务监管): what the node allows, and queuing them.

What a seller may do is decided by the server: each task carries ``allowed_actions`` (Huawei's
wording: 确认需求, 驳回, 确认完成 / 上传交付凭证 / 上传验收报告 / 填写物流信息 / 上传交付证明, 发起申诉)
and ``frozen``. :func:`availability` turns those into the four console actions, each enabled or
disabled with the reason in words, and takes the outbox into account (an action already waiting to
be sent for the task). The ``queue_*`` functions check what can be checked locally, then put the
action in the outbox (``app.services.outbox.queue``); the marketplace re-checks everything.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models.supervision import SupervisionTask
from app.services import verdicts
from app.services.outbox.queue import ActionKind, EntryView, Outbox, QueuedFile

TARGET = "supervision_task"
TASKS_PATH = "/v1/seller/supervision-tasks"


class SellerAction(StrEnum):
    CONFIRM = "confirm"
    REJECT = "reject"
    DELIVER = "deliver"
    APPEAL = "appeal"


KINDS: dict[SellerAction, ActionKind] = {
    SellerAction.CONFIRM: ActionKind(
        "supervision.confirm", TARGET, "POST", TASKS_PATH + "/{target_id}/confirm-requirement",
        "Confirm requirement", priority=50),
    SellerAction.REJECT: ActionKind(
        "supervision.reject", TARGET, "POST", TASKS_PATH + "/{target_id}/reject-requirement",
        "Reject requirement", priority=50),
    SellerAction.DELIVER: ActionKind(
        "supervision.deliver", TARGET, "POST", TASKS_PATH + "/{target_id}/deliver",
        "Deliver", priority=60),
    SellerAction.APPEAL: ActionKind(
        "supervision.appeal", TARGET, "POST", TASKS_PATH + "/{target_id}/appeals", "Appeal",
        priority=40),
}

#: Huawei's action strings (``allowed_actions``) behind each console action.
CONFIRM_ACTIONS = frozenset({"确认需求"})
REJECT_ACTIONS = frozenset({"驳回"})
DELIVER_ACTIONS = frozenset({"确认完成", "上传交付凭证", "上传验收报告", "填写物流信息", "上传交付证明"})
APPEAL_ACTIONS = frozenset({"发起申诉"})
_SERVER_ACTIONS = {
    SellerAction.CONFIRM: CONFIRM_ACTIONS, SellerAction.REJECT: REJECT_ACTIONS,
    SellerAction.DELIVER: DELIVER_ACTIONS, SellerAction.APPEAL: APPEAL_ACTIONS,
}
LOGISTICS_ACTION = "填写物流信息"
#: Nodes where the seller delivers (Huawei's wording), for queuing a delivery behind a
#: confirmation made offline; anything else (授权码激活, say) waits for the next sync.
DELIVERY_NODES = frozenset({"商家实施服务", "商家上传交付凭证", "服务商线下交付License", "商家上传交付证明"})

#: File roles the marketplace knows.
ROLE_ACCEPTANCE = "acceptance"
ROLE_APPEAL_EVIDENCE = "appeal_evidence"
ROLE_COMMITMENT_LETTER = "commitment_letter"
ROLE_DELIVERY_PROOF = "delivery_proof"

#: Appeal grounds; ``buyer_not_accepting`` needs the delivery proof and the 申诉介入处理承诺函
#: (business-rules §2).
GROUND_NOT_ACCEPTED = "buyer_not_accepting"
GROUND_OTHER = "other"

#: Reasons an action is unavailable (stable codes; the English text is for the CLI and logs).
REASONS = {
    "frozen": "An appeal is open on this task: nothing can be done until the platform decides.",
    "done": "Supervision of this order is complete.",
    "not_at_node": "Not possible at the current node ({node}).",
    "waiting": "An earlier action on this task is waiting in the outbox; wait until it is sent.",
    "appeal_open": "An appeal on this task is already being handled.",
}


class ActionError(verdicts.ActionRefused):
    """A supervision action that cannot be queued (``failure_code``: a code of ``REASONS`` when
    the task's state refuses it)."""


#: One console action's verdict (the shared :class:`~app.services.verdicts.Availability`).
Availability = verdicts.Availability[SellerAction]


def _open_appeal(task: SupervisionTask) -> bool:
    return any(a.get("status") == "处理中" for a in task.appeals or [])


def availability(task: SupervisionTask,
                 queued: list[EntryView] | None = None) -> dict[SellerAction, Availability]:
    """Each console action for ``task``: allowed, or why not (``queued``: its open outbox
    entries, oldest first; a queued confirmation lets a delivery be queued behind it)."""
    queued = queued or []
    allowed = set(task.allowed_actions or [])
    pending_kinds = [e.kind for e in queued]
    if pending_kinds and pending_kinds[-1] == KINDS[SellerAction.CONFIRM].name:
        # Offline work: once the confirmation is sent the task moves on to the node the server
        # named next; when that is the seller's delivery, the delivery may be queued behind it.
        forward = (task.next_nodes or [""])[0]
        allowed = {"确认完成", "发起申诉"} if forward in DELIVERY_NODES else {"发起申诉"}
    result = {}
    for action, server in _SERVER_ACTIONS.items():
        hit = sorted(allowed & server)
        if task.status == "已完成" or task.node == "服务完成":
            result[action] = verdicts.refused(action, "done", REASONS)
        elif task.frozen or _open_appeal(task):
            result[action] = verdicts.refused(action, "frozen", REASONS)
        elif pending_kinds and (pending_kinds[-1] != KINDS[SellerAction.CONFIRM].name
                                or action in (SellerAction.CONFIRM, SellerAction.REJECT)):
            result[action] = verdicts.refused(action, "waiting", REASONS)
        elif not hit:
            result[action] = verdicts.refused(action, "not_at_node", REASONS, node=task.node)
        else:
            result[action] = verdicts.allowed(action, server_action=hit[0])
    return result


# -- 授权码激活: the seller's step is an open-API call, not an outbox action ---------------------

#: The node where the seller activates the buyer's license code (License 2.0, interfaces.md §7.4:
#: ``seller-console license activate`` or the Integration area's license panel); KooGallery's
#: system moves the task on (激活授权码) once it sees the activation. Before, such a task offered
#: only an appeal.
LICENSE_ACTIVATION_NODE = "授权码激活"
LICENSE_REASONS = {
    "not_at_node": "The license code is activated at the node 授权码激活, not at {node}.",
    "frozen": REASONS["frozen"],
    "done": REASONS["done"],
}


def license_activation(task: SupervisionTask) -> verdicts.Availability[str]:
    """Whether the seller's step on ``task`` now is activating its license code."""
    if task.status == "已完成" or task.node == "服务完成":
        return verdicts.refused("activate_license", "done", LICENSE_REASONS)
    if task.frozen or _open_appeal(task):
        return verdicts.refused("activate_license", "frozen", LICENSE_REASONS)
    if task.node != LICENSE_ACTIVATION_NODE:
        return verdicts.refused("activate_license", "not_at_node", LICENSE_REASONS,
                                node=task.node)
    return verdicts.allowed("activate_license", server_action="激活授权码")


def load_task(engine: Engine, task_id: str) -> SupervisionTask:
    with Session(engine, expire_on_commit=False) as session:
        task = session.get(SupervisionTask, task_id)
    if task is None:
        raise ActionError(f"There is no supervision task {task_id} in this cache; sync first.")
    return task


def _check(outbox: Outbox, task: SupervisionTask, action: SellerAction) -> Availability:
    queued = outbox.open_for(TARGET, task.id)
    verdict = availability(task, queued)[action]
    if not verdict.allowed:
        raise verdicts.refusal(verdict, ActionError)
    return verdict


def _hw(value: datetime) -> str:
    if value.tzinfo is None:
        raise ActionError("the actual start time needs a time zone")
    return value.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def queue_confirm(outbox: Outbox, task_id: str, comment: str = "") -> EntryView:
    """确认需求."""
    task = load_task(outbox.engine, task_id)
    _check(outbox, task, SellerAction.CONFIRM)
    payload: dict[str, Any] = {"comment": comment.strip() or None}
    return outbox.enqueue(KINDS[SellerAction.CONFIRM].name, task_id, payload,
                          summary=f"确认需求 {task_id} ({task.product_name})")


def queue_reject(outbox: Outbox, task_id: str, reason: str) -> EntryView:
    """驳回 the buyer's requirement; a reason is required."""
    if not reason.strip():
        raise ActionError("A reason is required to reject the requirement.")
    task = load_task(outbox.engine, task_id)
    _check(outbox, task, SellerAction.REJECT)
    return outbox.enqueue(KINDS[SellerAction.REJECT].name, task_id, {"reason": reason.strip()},
                          summary=f"驳回需求 {task_id} ({task.product_name})")


def queue_deliver(outbox: Outbox, task_id: str, files: list[Path], description: str,
                  actual_start: datetime | None = None, courier: str = "",
                  tracking_no: str = "") -> EntryView:
    """Deliver: acceptance files + 服务结果描述 (+ optional 实际开通时间); hardware: logistics.

    The caller runs the pre-flight check of the files first (``app.services.supervision.preflight``)."""
    task = load_task(outbox.engine, task_id)
    verdict = _check(outbox, task, SellerAction.DELIVER)
    payload: dict[str, Any] = {"resultDescription": description.strip() or None}
    if verdict.server_action == LOGISTICS_ACTION:
        if not courier.strip() or not tracking_no.strip():
            raise ActionError("Hardware delivery needs the courier and the tracking number.")
        payload["logistics"] = {"courier": courier.strip(), "trackingNo": tracking_no.strip()}
    else:
        if not files:
            raise ActionError("Add at least one delivery-acceptance file (交付验收件).")
        if not description.strip():
            raise ActionError("Describe the service result (服务结果描述).")
    if actual_start is not None:
        if actual_start > datetime.now(UTC):
            raise ActionError("The actual start time (实际开通时间) cannot be in the future.")
        payload["actualStartTime"] = _hw(actual_start)
    names = ", ".join(p.name for p in files)
    return outbox.enqueue(
        KINDS[SellerAction.DELIVER].name, task_id, payload,
        [QueuedFile(Path(p), ROLE_ACCEPTANCE) for p in files],
        summary=f"{verdict.server_action} {task_id}" + (f" ({names})" if names else ""))


def queue_appeal(outbox: Outbox, task_id: str, reason: str, grounds: str = GROUND_OTHER,
                 evidence: list[Path] | None = None, commitment_letter: Path | None = None,
                 delivery_proof: list[Path] | None = None) -> EntryView:
    """发起申诉: the seller's form is a reason plus evidence files (填写申诉原因并上传相关凭证; the
    诉求 field is the buyer's). Appealing because the buyer never confirmed acceptance needs the
    delivery proof **and** the 申诉介入处理承诺函 (business-rules §2)."""
    if not reason.strip():
        raise ActionError("An appeal needs a reason (申诉原因).")
    if grounds not in (GROUND_NOT_ACCEPTED, GROUND_OTHER):
        raise ActionError(f"unknown appeal grounds {grounds!r}")
    if grounds == GROUND_NOT_ACCEPTED and not delivery_proof:
        raise ActionError("Appealing because the buyer never confirmed acceptance needs the "
                          "delivery proof (交付凭证) attached.")
    if grounds == GROUND_NOT_ACCEPTED and commitment_letter is None:
        raise ActionError("Appealing because the buyer never confirmed acceptance needs the "
                          "申诉介入处理承诺函 (commitment letter) attached.")
    task = load_task(outbox.engine, task_id)
    _check(outbox, task, SellerAction.APPEAL)
    files = [QueuedFile(Path(p), ROLE_APPEAL_EVIDENCE) for p in evidence or []]
    files += [QueuedFile(Path(p), ROLE_DELIVERY_PROOF) for p in delivery_proof or []]
    if commitment_letter is not None:
        files.append(QueuedFile(Path(commitment_letter), ROLE_COMMITMENT_LETTER))
    payload = {"reason": reason.strip(), "grounds": grounds}
    return outbox.enqueue(KINDS[SellerAction.APPEAL].name, task_id, payload, files,
                          summary=f"发起申诉 {task_id} ({task.product_name})")

