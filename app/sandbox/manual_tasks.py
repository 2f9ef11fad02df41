"""Supervision tasks the console has acted on: the marketplace's rules for seller actions, and the
buyer's (and platform's) answers as the sandbox clock moves.

A generated task is a pure function of its seed and "now" (``data.tasks``). Once a seller acts on it
through the API it becomes *user-driven*: its record is stored with ``gen = "manual"`` and the
generator leaves it (and its order) alone from then on. Seller actions are checked against the node
exactly as the real console would (business-rules §1.4, §2, §8.1): only at a node whose moves
include that action, never while an appeal is open, one open appeal at a time, the delivery proof
and the 申诉介入处理承诺函 required when appealing because the buyer never confirmed acceptance. When the clock advances,
:func:`advance` lets the buyer, the platform and the system answer after plausible, seeded delays
(the buyer accepts most deliveries in one to five days, sometimes rejects; Huawei re-checks in two
days; an appeal is decided in three days).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from app.sandbox.data import flows
from app.sandbox.data.flows import DONE, Flow
from app.sandbox.data.generate import dumps
from app.sandbox.data.rand import Stream, mix, text_seed
from app.sandbox.data.timeutil import DAY, HOUR, from_hw, hw
from app.sandbox.store import Writer

MANUAL = "manual"

#: The seller's forward "deliver" actions, by node kind (flows.py wording).
DELIVER_ACTIONS = frozenset({"确认完成", "上传交付凭证", "上传验收报告", "填写物流信息", "上传交付证明"})
CONFIRM_ACTION = "确认需求"
REJECT_ACTION = "驳回"

#: Appeal grounds that need the delivery proof and the 申诉介入处理承诺函 (business-rules §2).
GROUND_NOT_ACCEPTED = "buyer_not_accepting"
COMMITMENT_ROLE = "commitment_letter"
DELIVERY_PROOF_ROLE = "delivery_proof"


class ActionRefused(Exception):
    """A seller action the marketplace refuses: ``code``/``status``/``message`` go on the wire."""

    def __init__(self, code: str, status: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.message = message


#: This project's refusal codes (docs/api.md "Write endpoints"); not published by Huawei.
NODE_MOVED = ("SC.1001", 409)
FROZEN = ("SC.1002", 409)
APPEAL_OPEN = ("SC.1003", 409)
FILE_TYPE = ("SC.1004", 400)
FILE_TOO_LARGE = ("SC.1005", 413)
ATTACHMENT_MISSING = ("SC.1006", 400)
NOT_FOUND = ("SC.1007", 404)
INVALID_FIELD = ("SC.1008", 400)
KEY_REUSED = ("SC.1009", 409)


def refuse(kind: tuple[str, int], message: str) -> ActionRefused:
    return ActionRefused(kind[0], kind[1], message)


def flow_of(task: dict[str, Any]) -> Flow:
    return flows.flow_for(task["deliveryType"], task.get("licenseSubtype"), task["productClass"],
                          task["salesScenario"], task["flowVersion"])


@dataclass(frozen=True)
class FileRef:
    """A file uploaded earlier (``PUT /v1/seller/files/{key}``) that an action attaches."""

    file_id: str
    file_name: str
    size: int
    sha256: str
    role: str


def _log(task: dict[str, Any], role: str, action: str, frm: str | None, to: str | None, ts: int,
         comment: str | None = None, files: list[str] | None = None,
         actor: str | None = None) -> None:
    logs = task.setdefault("operationLogs", [])
    logs.append({
        "logId": f"{task['taskId']}-L{len(logs):03d}", "time": hw(ts), "actorRole": role,
        "actor": actor, "action": action, "fromNode": frm, "toNode": to, "comment": comment,
        "attachmentIds": files or [],
    })
    task["updateTime"] = hw(ts)


def _attach(task: dict[str, Any], files: list[FileRef], role: str, kind: str,
            ts: int) -> list[str]:
    ids = []
    for f in files:
        task.setdefault("attachments", []).append({
            "fileId": f.file_id, "fileName": f.file_name, "size": f.size, "sha256": f.sha256,
            "uploadTime": hw(ts), "uploaderRole": role, "kind": kind,
        })
        ids.append(f.file_id)
    return ids


def _enter(task: dict[str, Any], flow: Flow, node: str, ts: int) -> None:
    task["node"] = node
    task["nodeOwner"] = flow.owners[node]
    task["nodeEnteredTime"] = hw(ts)
    frozen = bool(task.get("frozen"))
    task["nextNodes"] = [] if frozen else flow.next_nodes(node)
    task["allowedActions"] = [] if frozen else flow.seller_actions(node)
    task["status"] = "已完成" if node == DONE else "处理中"


def _refresh(task: dict[str, Any], flow: Flow) -> None:
    frozen = bool(task.get("frozen"))
    task["nextNodes"] = [] if frozen else flow.next_nodes(task["node"])
    task["allowedActions"] = [] if frozen else flow.seller_actions(task["node"])


def _seller_move(task: dict[str, Any], flow: Flow, wanted: frozenset[str]) -> flows.Move:
    if task.get("status") == UNSUBSCRIBED:
        raise refuse(NODE_MOVED, "the order is unsubscribed: supervision has ended")
    if task.get("frozen"):
        raise refuse(FROZEN, "an appeal is open on this task: neither party can act until the "
                             "platform has decided it")
    node = task["node"]
    for move in flow.moves.get(node, ()):
        if move.actor == "seller" and move.action in wanted:
            return move
    if node == DONE:
        raise refuse(NODE_MOVED, "supervision of this order is already complete")
    raise refuse(NODE_MOVED, f"the task is at 「{node}」, where the seller cannot "
                             f"{'/'.join(sorted(wanted))}")


def confirm(task: dict[str, Any], body: dict[str, Any], actor: str, ts: int) -> None:
    """确认需求 at 商家确认需求."""
    flow = flow_of(task)
    move = _seller_move(task, flow, frozenset({CONFIRM_ACTION}))
    _log(task, "seller", move.action, task["node"], move.to, ts, _text(body, "comment"),
         actor=actor)
    _enter(task, flow, move.to, ts)


def reject(task: dict[str, Any], body: dict[str, Any], actor: str, ts: int) -> None:
    """驳回 the buyer's requirement (back to 用户提交需求); a reason is required."""
    reason = _text(body, "reason")
    if not reason:
        raise refuse(INVALID_FIELD, "a reason is required to reject the requirement")
    flow = flow_of(task)
    move = _seller_move(task, flow, frozenset({REJECT_ACTION}))
    _log(task, "seller", move.action, task["node"], move.to, ts, reason, actor=actor)
    task["sellerRejectCount"] = int(task.get("sellerRejectCount") or 0) + 1
    _enter(task, flow, move.to, ts)


def deliver(task: dict[str, Any], body: dict[str, Any], files: list[FileRef], actor: str,
            ts: int) -> None:
    """确认完成 / 上传交付凭证 / 上传验收报告 / 上传交付证明 / 填写物流信息 at the seller's node."""
    flow = flow_of(task)
    move = _seller_move(task, flow, DELIVER_ACTIONS)
    description = _text(body, "resultDescription")
    if move.action == "填写物流信息":
        logistics = body.get("logistics") or {}
        courier, tracking = _text(logistics, "courier"), _text(logistics, "trackingNo")
        if not courier or not tracking:
            raise refuse(INVALID_FIELD, "hardware delivery needs the courier and tracking number")
        task["logistics"] = {"courier": courier, "trackingNo": tracking,
                             "signedTime": hw(ts + 2 * DAY), "phoneMatches": True}
    else:
        if not any(f.role == "acceptance" for f in files):
            raise refuse(ATTACHMENT_MISSING, "at least one delivery-acceptance file (交付验收件) "
                                             "is required")
        if not description:
            raise refuse(INVALID_FIELD, "the service result description (服务结果描述) is "
                                        "required")
        task["resultDescription"] = description
        start = _text(body, "actualStartTime")
        if start:
            try:
                start_ts = from_hw(start)
            except ValueError:
                raise refuse(INVALID_FIELD, "actualStartTime must be yyyyMMddHHmmss") from None
            if start_ts > ts:
                raise refuse(INVALID_FIELD, "the actual start time (实际开通时间) cannot be in "
                                            "the future")
            task["actualStartTime"] = start
    ids = _attach(task, files, "seller", "acceptance", ts)
    _log(task, "seller", move.action, task["node"], move.to, ts, description, ids, actor)
    _enter(task, flow, move.to, ts)


def appeal(task: dict[str, Any], body: dict[str, Any], files: list[FileRef], actor: str,
           ts: int) -> dict[str, Any]:
    """发起申诉: freezes the task until the platform decides (§2)."""
    if task.get("node") == DONE or task.get("status") == UNSUBSCRIBED:
        raise refuse(NODE_MOVED, "supervision of this order has ended")
    if any(a.get("status") == "处理中" for a in task.get("appeals") or []):
        raise refuse(APPEAL_OPEN, "an appeal on this task is already being handled")
    reason = _text(body, "reason")
    if not reason:
        raise refuse(INVALID_FIELD, "an appeal needs a reason (申诉原因)")
    if body.get("grounds") == GROUND_NOT_ACCEPTED:
        roles = {f.role for f in files}
        if DELIVERY_PROOF_ROLE not in roles:
            raise refuse(ATTACHMENT_MISSING, "appealing because the buyer never confirmed "
                                             "acceptance requires the delivery proof (交付凭证)")
        if COMMITMENT_ROLE not in roles:
            raise refuse(ATTACHMENT_MISSING, "appealing because the buyer never confirmed "
                                             "acceptance requires the 申诉介入处理承诺函 attachment")
    ids = _attach(task, files, "seller", "appeal", ts)
    appeals = task.setdefault("appeals", [])
    # The seller's form is a reason plus evidence (填写申诉原因并上传相关凭证); 诉求 is the buyer's.
    record = {
        "appealId": f"AP{task['taskId'][2:]}{len(appeals) + 1:02d}", "initiator": "商家",
        "reason": reason, "demand": None, "status": "处理中", "result": None,
        "opinion": None, "createTime": hw(ts), "handleTime": None, "attachmentIds": ids,
    }
    appeals.append(record)
    _log(task, "seller", flows.APPEAL_ACTION, task["node"], task["node"], ts, reason, ids, actor)
    task["frozen"] = True
    _refresh(task, flow_of(task))
    return record


# -- refunds during supervision (business-rules §1.6, §1.9) ----------------------------------------

REFUND_NEGOTIATED = "协商退订"
REFUND_RETURN = "退货退款"
RETURN_ACCEPT_DAYS = 15
UNSUBSCRIBED = "已退订"


def refund_states(task: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each refund request of the log (``refund`` on its entries) and where it stands:
    ``awaiting_approval`` / ``approved`` / ``refused`` (协商退订), ``returning`` /
    ``awaiting_return_acceptance`` (with ``arrived``) / ``return_accepted`` / ``return_exception``
    (退货退款). Read independently of the console's own reading (the sandbox is its peer)."""
    out: dict[str, dict[str, Any]] = {}
    for entry in task.get("operationLogs") or []:
        info = entry.get("refund")
        if not isinstance(info, dict) or "refundId" not in info:
            continue
        rid, action = info["refundId"], entry.get("action")
        if action in ("申请协商退订", "申请退货退款"):
            out[rid] = {"info": info, "state": "awaiting_approval" if info.get("kind") ==
                        REFUND_NEGOTIATED else "returning", "arrived": None}
        elif rid in out:
            state = {"同意退订": "approved", "拒绝退订": "refused",
                     "退货待验收": "awaiting_return_acceptance",
                     "确认验收退货": "return_accepted", "系统自动验收退货": "return_accepted",
                     "验收异常": "return_exception"}.get(str(action))
            if state is not None:
                out[rid]["state"] = state
            if action == "退货待验收":
                out[rid]["arrived"] = from_hw(entry["time"])
    return out


def _unsubscribe(task: dict[str, Any], ts: int) -> None:
    """The order is unsubscribed: supervision ends without acceptance (no next node, no action)."""
    task["status"] = UNSUBSCRIBED
    task["nextNodes"] = []
    task["allowedActions"] = []
    task["updateTime"] = hw(ts)


def refund_decision(task: dict[str, Any], body: dict[str, Any], files: list[FileRef],
                    actor: str, ts: int) -> None:
    """The seller answers a refund request: ``approve``/``refuse`` a 协商退订 awaiting approval,
    ``accept_return``/``return_exception`` a returned parcel at 待验收 (within 15 days)."""
    if task.get("status") == UNSUBSCRIBED:
        raise refuse(NODE_MOVED, "the order is already unsubscribed")
    rid = _text(body, "refundId")
    states = refund_states(task)
    if not rid or rid not in states:
        raise refuse(NOT_FOUND, f"there is no refund request {rid or '(none)'} on this task")
    decision = _text(body, "decision")
    reason = _text(body, "reason")
    state = states[rid]["state"]
    allowed = {"awaiting_approval": ("approve", "refuse"),
               "awaiting_return_acceptance": ("accept_return", "return_exception")}
    if decision not in allowed.get(state, ()):
        raise refuse(NODE_MOVED, f"the refund request {rid} is {state}: {decision} is not "
                                 "possible")
    if decision in ("refuse", "return_exception") and not reason:
        raise refuse(INVALID_FIELD, "a reason is required")
    info = states[rid]["info"]
    ids = _attach(task, files, "seller", "refund", ts)
    action = {"approve": "同意退订", "refuse": "拒绝退订", "accept_return": "确认验收退货",
              "return_exception": "验收异常"}[str(decision)]
    _log(task, "seller", action, task["node"], task["node"], ts, reason, ids, actor)
    task["operationLogs"][-1]["refund"] = info
    if decision in ("approve", "accept_return"):
        _unsubscribe(task, ts)


def stage_refund(task: dict[str, Any], kind: str, ts: int) -> str:
    """The buyer asks for a refund at ``ts`` (the admin API's scenario set-up): a 协商退订
    waiting for the seller, or a hardware return that reached 待验收 at ``ts``."""
    if task.get("status") != "处理中" or task.get("frozen"):
        raise refuse(NODE_MOVED, "only an open task without an open appeal takes a refund request")
    if kind == REFUND_RETURN and task.get("deliveryType") != "硬件":
        raise refuse(INVALID_FIELD, "a return (退货退款) is for hardware tasks")
    logs = task.setdefault("operationLogs", [])
    rid = f"RF{task['taskId'][2:]}S{len(logs):03d}"
    info = {"refundId": rid, "kind": kind, "amount": task.get("orderAmount"),
            "currencyCode": task.get("currencyCode"), "reason": "(sandbox) scenario set-up"}
    action = "申请协商退订" if kind == REFUND_NEGOTIATED else "申请退货退款"
    _log(task, "buyer", action, task["node"], task["node"], ts, info["reason"],
         actor=task.get("customerName"))
    logs[-1]["refund"] = info
    if kind == REFUND_RETURN:
        _log(task, "system", "退货待验收", task["node"], task["node"], ts, "退货已签收,待商家验收")
        logs[-1]["refund"] = info
    return rid


def _auto_accept_returns(task: dict[str, Any], now: int) -> bool:
    """A returned parcel left at 待验收 for 15 days is accepted by the system, and the order
    unsubscribed (§1.6)."""
    for state in refund_states(task).values():
        arrived = state["arrived"]
        if state["state"] == "awaiting_return_acceptance" and arrived is not None \
                and arrived + RETURN_ACCEPT_DAYS * DAY <= now:
            due = arrived + RETURN_ACCEPT_DAYS * DAY
            _log(task, "system", "系统自动验收退货", task["node"], task["node"], due,
                 "退货待验收满15天,系统自动验收并退订")
            task["operationLogs"][-1]["refund"] = state["info"]
            _unsubscribe(task, due)
            return True
    return False


def _text(body: dict[str, Any], name: str) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise refuse(INVALID_FIELD, f"{name} must be text")
    return value.strip() or None


def hand_order_to_user(w: Writer, task: dict[str, Any]) -> None:
    """Stop the generator from rebuilding the task's order; close it when supervision is done."""
    order = w.get("orders", task["orderId"])
    if order is None or order.payload is None:
        return
    if task.get("status") == "已完成":
        record = orjson.loads(order.payload)
        if record.get("orderStatus") != "已完成":
            record["orderStatus"] = "已完成"
            record["updateTime"] = task["updateTime"]
            w.put("orders", task["orderId"], dumps(record), live=False, gen=MANUAL,
                  aux=order.aux)
            return
    if order.gen != MANUAL:
        w.set_gen("orders", task["orderId"], MANUAL, False)



# -- the other side answers as the clock moves ----------------------------------------------------

_PLATFORM = "云商店运营经理"


def advance(task: dict[str, Any], now: int) -> bool:
    """Let the buyer/platform/system act on a user-driven task up to ``now``; True if changed.

    Each step draws from a stream seeded by the task id and the log length, so the same history
    always gets the same answer.
    """
    flow = flow_of(task)
    if task.get("status") == UNSUBSCRIBED:
        return False
    changed = _auto_accept_returns(task, now)
    if changed:
        return True
    for _ in range(20):  # bounded: a few moves per advance at most
        s = Stream(mix(text_seed(task["taskId"]), len(task.get("operationLogs") or [])))
        since = from_hw(task["nodeEnteredTime"])
        last = from_hw(task.get("updateTime") or task["nodeEnteredTime"])
        open_appeal = next((a for a in task.get("appeals") or [] if a.get("status") == "处理中"),
                           None)
        if open_appeal is not None:
            due = from_hw(open_appeal["createTime"]) + 3 * DAY
            if due > now:
                return changed
            _decide(task, flow, open_appeal, due)
            changed = True
            continue
        node = task["node"]
        owner = flow.owners[node]
        if node == DONE or owner == "seller":
            return changed
        moves = flow.moves.get(node, ())
        if owner == "buyer":
            delay = s.uniform(24, 120) * HOUR
            back = [m for m in moves if not m.forward]
            move = back[0] if back and s.chance(0.15) else next(
                m for m in moves if m.forward and m.actor == "buyer")
        else:  # platform review, system activation
            delay = s.uniform(24, 60) * HOUR
            back = [m for m in moves if not m.forward]
            move = back[0] if back and s.chance(0.1) else next(m for m in moves if m.forward)
        act = max(since, last) + int(delay)
        if act > now:
            return changed
        comment = None
        if move.action == "驳回":
            comment = "交付内容与约定不一致,请修改后重新提交。"
            task["buyerRejectCount"] = int(task.get("buyerRejectCount") or 0) + 1
        elif move.action == "复核驳回":
            comment = "交付验收文档缺少客户签字,请补充。"
        elif move.action in ("提交需求", "提交识别码"):
            task["requirement"] = {"text": "请按合同约定完成交付。", "submitTime": hw(act),
                                   "attachmentIds": []}
        actor = task.get("customerName") if move.actor == "buyer" else (
            _PLATFORM if move.actor == "platform" else None)
        _log(task, move.actor, move.action, node, move.to, act, comment, actor=actor)
        _enter(task, flow, move.to, act)
        changed = True
    return changed


def _decide(task: dict[str, Any], flow: Flow, record: dict[str, Any], ts: int) -> None:
    """The operations manager decides a seller's appeal: for the seller when the buyer sat on
    acceptance (the order is closed on the seller's behalf), otherwise the flow continues."""
    task["frozen"] = False
    if task["node"] == flows.ACCEPT:
        result, opinion = "支持商家", "经核实商家已完成交付,平台代用户确认验收。"
    else:
        result, opinion = "其他", "已与双方沟通,服务监管流程继续。"
    record.update(status="已处理", result=result, opinion=opinion, handleTime=hw(ts))
    if result == "支持商家":
        _log(task, "platform", "申诉处理:平台确认验收", task["node"], DONE, ts, opinion,
             actor=_PLATFORM)
        _enter(task, flow, DONE, ts)
    else:
        _log(task, "platform", "申诉处理完成", task["node"], task["node"], ts, opinion,
             actor=_PLATFORM)
        _refresh(task, flow)


def stage(task: dict[str, Any], node: str, ts: int) -> None:
    """Put a task at ``node`` of its flow, unfrozen (the admin API's scenario set-up for tests
    and training). Logged as a system move so the operation log stays truthful."""
    flow = flow_of(task)
    if node not in flow.nodes:
        raise refuse(INVALID_FIELD, f"「{node}」 is not a node of this task's flow "
                                    f"({' → '.join(flow.nodes)})")
    task["frozen"] = False
    for a in task.get("appeals") or []:
        if a.get("status") == "处理中":
            a.update(status="已处理", result="其他", opinion="(sandbox) closed by the trainer",
                     handleTime=hw(ts))
    _log(task, "system", "(sandbox) 设置节点", task["node"], node, ts, "scenario set-up")
    _enter(task, flow, node, ts)


def system_move(task: dict[str, Any], action: str, ts: int) -> bool:
    """Make the system's move ``action`` from the task's node (激活授权码: the seller activated
    the order's license code through the open API); False when the node has no such move."""
    flow = flow_of(task)
    for move in flow.moves.get(task["node"], ()):
        if move.action == action and move.actor == "system":
            _log(task, "system", action, task["node"], move.to, ts)
            _enter(task, flow, move.to, ts)
            return True
    return False
