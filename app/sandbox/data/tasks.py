"""Supervision tasks (服务监管任务): walking a flow from the payment up to "now".

A task is a pure function of its key and of "now": each step draws from a stream seeded by
``(seed, order index, line, step)``, so the clock advance continues exactly the walk the generator
began (a task waiting at step 4 re-draws the same step-4 dwell time) and the same seed always yields the
same tasks. Timing follows business-rules §1.6: appeals when the other side idles more than 5 days,
the platform decides in about 3 working days (sometimes much longer, waiting for evidence), hardware is
accepted automatically 10 days after the parcel was signed for if the phone numbers match.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from app.sandbox.data import flows
from app.sandbox.data.flows import DONE, Flow
from app.sandbox.data.rand import Stream, mix
from app.sandbox.data.timeutil import DAY, HOUR, hw

SALT_TASK = 21
SALT_APPEAL_PROOF = 22
SALT_REFUND = 23
#: Refund requests during supervision (§1.6, §1.9): how often a waiting step sees one.
P_NEGOTIATED_REFUND = 0.05
P_HARDWARE_RETURN = 0.25
UNSUBSCRIBED = "已退订"
RECENT_DAYS = 30

_SELLER_STAFF = ("张工(云栖数智)", "李经理(云栖数智)", "王工(云栖数智)", "陈工(云栖数智)")
_PLATFORM = "云商店运营经理"
_COURIERS = ("顺丰速运", "京东物流", "中通快递", "圆通速递", "EMS")
_REQUIREMENTS = (
    "请按合同约定完成部署,联系人见附件,期望两周内上线。",
    "需要对接现有AD域账号,数据迁移范围见需求说明书。",
    "请协助完成等保测评前的整改,时间安排请提前沟通。",
    "使用人数约50人,需开通管理员账号并提供培训。",
    "硬件识别码已填写在附件中,请据此生成License。",
)
_APPEAL_REASONS = {
    "商家": ("已按约定完成交付并上传交付验收文档,用户超过5天未确认验收。",
             "用户多次驳回且未说明理由,申请平台介入。"),
    "用户": ("商家超过5天未处理需求,联系不上商家。",
             "交付内容与商品描述不符,要求商家重新交付。"),
}


class TaskContext(NamedTuple):
    """What a task copies from its order and line."""

    task_id: str
    order_id: str
    order_line_id: str
    product_id: str
    product_name: str
    sku_name: str | None
    order_amount: str
    currency_code: str
    order_ts: int
    customer_id: str
    customer_name: str
    customer_account: str
    product_class: str
    delivery_type: str
    license_subtype: str | None
    service_template: str | None
    flow_version: str
    sales_scenario: str
    seed_key: int  # mix(seed, SALT_TASK, order index, line)
    #: The world's start (fixed across clock advances): orders of its last weeks see more
    #: refund requests, so that a fresh sandbox holds some still waiting for the seller.
    start_ts: int = 0


def _dwell_hours(s: Stream, node: str, delivery_type: str) -> float:
    """How long the node's owner takes to act, in hours (buyers sometimes go silent for months)."""
    if node == flows.SUBMIT:
        return 240 * 24.0 if s.chance(0.04) else s.uniform(1, 24 * 8)
    if node == flows.ACCEPT:
        return s.uniform(24 * 60, 24 * 400) if s.chance(0.06) else s.uniform(1, 24 * 12)
    if node == flows.CONFIRM:
        return s.uniform(0.5, 24 * 4) if s.chance(0.9) else s.uniform(24 * 5, 24 * 15)
    if node == flows.REVIEW:
        return s.uniform(24, 24 * 10)
    if node == flows.ACTIVATION:  # the buyer must first hand the code to the seller's software
        return s.uniform(24, 24 * 20)
    if s.chance(0.08):  # the seller's delivery stalls (a delayed project, a busy team)
        return s.uniform(24 * 30, 24 * 150)
    if node == flows.LICENSE_PROOF:
        return s.uniform(6, 24 * 10)
    # The seller delivers: hardware ships in days, services take weeks.
    if delivery_type == "硬件":
        return s.uniform(12, 24 * 5)
    if delivery_type == "人工服务":
        return s.uniform(24 * 2, 24 * 35)
    return s.uniform(6, 24 * 15)


class _Walk:
    """Mutable state of one walk; turned into the wire dict at the end."""

    def __init__(self, ctx: TaskContext, flow: Flow, pay_ts: int) -> None:
        self.ctx = ctx
        self.flow = flow
        self.node = flow.start
        self.entered = pay_ts
        self.updated = pay_ts
        self.logs: list[dict[str, Any]] = []
        self.attachments: list[dict[str, Any]] = []
        self.appeals: list[dict[str, Any]] = []
        self.requirement: dict[str, Any] | None = None
        self.result: str | None = None
        self.actual_start: str | None = None
        self.buyer_rejects = 0
        self.seller_rejects = 0
        self.logistics: dict[str, Any] | None = None
        self.frozen = False
        self.unsubscribed = False
        self._signed_ts = 0  # when the parcel was signed for (hardware)
        self.log("system", "创建服务监管任务", None, flow.start, pay_ts, "订单支付成功,进入服务监管")

    def actor_name(self, role: str, s: Stream) -> str | None:
        if role == "buyer":
            return self.ctx.customer_account
        if role == "seller":
            return s.choice(_SELLER_STAFF)
        if role == "platform":
            return _PLATFORM
        return None

    def log(self, role: str, action: str, frm: str | None, to: str | None, ts: int,
            comment: str | None = None, attachment_ids: list[str] | None = None,
            actor: str | None = None) -> None:
        self.logs.append({
            "logId": f"{self.ctx.task_id}-L{len(self.logs):03d}", "time": hw(ts),
            "actorRole": role, "actor": actor, "action": action, "fromNode": frm, "toNode": to,
            "comment": comment, "attachmentIds": attachment_ids or [],
        })
        self.updated = ts

    def attach(self, s: Stream, name: str, role: str, kind: str, ts: int) -> str:
        file_id = s.hex(24)
        self.attachments.append({
            "fileId": file_id, "fileName": name, "size": s.randint(18_000, 9_000_000),
            "sha256": s.hex(64), "uploadTime": hw(ts), "uploaderRole": role, "kind": kind,
        })
        return file_id

    def apply(self, move: flows.Move, s: Stream, ts: int) -> None:
        """Perform ``move`` at ``ts``: attachments, counters and the log line it implies."""
        ctx = self.ctx
        files: list[str] = []
        comment: str | None = None
        if move.action in ("提交需求", "提交识别码"):
            if s.chance(0.7):
                files.append(self.attach(s, "需求说明书.docx", "buyer", "requirement", ts))
            self.requirement = {"text": s.choice(_REQUIREMENTS), "submitTime": hw(ts),
                                "attachmentIds": files}
        elif move.actor == "seller" and move.forward and move.action != "确认需求":
            files.append(self.attach(s, f"{ctx.product_name}-交付验收文档.pdf", "seller",
                                     "acceptance", ts))
            if ctx.sales_scenario == "基地云":
                for i in range(3):
                    files.append(self.attach(s, f"功能截图{i + 1}.png", "seller", "proof", ts))
            if move.action == "填写物流信息":
                signed = ts + int(s.uniform(18, 96) * HOUR)
                self.logistics = {"courier": s.choice(_COURIERS), "trackingNo": s.digits(12),
                                  "signedTime": hw(signed), "phoneMatches": s.chance(0.9)}
                self._signed_ts = signed
            else:
                self.result = f"已完成{ctx.product_name}的交付,交付验收文档见附件。"
                if s.chance(0.3):
                    self.actual_start = hw(max(ctx.order_ts, ts - int(s.uniform(1, 10) * DAY)))
        elif move.action == "驳回":
            comment = "需求信息不完整,请补充后重新提交。" if move.actor == "seller" \
                else "交付内容与约定不一致,请修改后重新提交。"
            if move.actor == "buyer":
                self.buyer_rejects += 1
            else:
                self.seller_rejects += 1
        elif move.action == "复核驳回":
            comment = "交付验收文档缺少客户签字,请补充。"
        elif move.action == "系统自动验收":
            comment = "物流签收满10天,系统自动确认验收"
        self.log(move.actor, move.action, self.node, move.to, ts, comment, files,
                 self.actor_name(move.actor, s))
        self.node = move.to
        self.entered = ts


def _choose_move(walk: _Walk, s: Stream) -> flows.Move:
    moves = walk.flow.moves[walk.node]
    if len(moves) == 1:
        return moves[0]
    back = [m for m in moves if not m.forward]
    p_back = {flows.CONFIRM: 0.10, flows.ACCEPT: 0.12, flows.REVIEW: 0.15}.get(walk.node, 0.0)
    if back and s.chance(p_back):
        return back[0]
    return next(m for m in moves if m.forward and m.actor != "system")


def walk_task(ctx: TaskContext, flow: Flow, pay_ts: int, now: int) -> tuple[dict[str, Any], int | None]:
    """The task as it stands at ``now``, and the time it completed (None while open)."""
    w = _Walk(ctx, flow, pay_ts)
    wait_from = pay_ts
    step = 1
    while w.node != DONE:
        s = Stream(mix(ctx.seed_key, step))
        owner = flow.owners[w.node]
        dwell = _dwell_hours(s, w.node, ctx.delivery_type)
        act_ts = wait_from + int(dwell * HOUR)
        # The waiting side may appeal once the other side has idled for more than 5 days (§2).
        if dwell > 120 and owner in ("buyer", "seller") and s.chance(0.3):
            appeal_ts = wait_from + int(s.uniform(120, min(dwell, 360)) * HOUR)
            if appeal_ts > now:
                break
            if _appeal(w, s, appeal_ts, now):
                break  # still open: the task is frozen
            wait_from = w.updated
            step += 1
            continue
        move = _choose_move(w, s)
        if w.node == flows.ACCEPT and w.logistics is not None and w.logistics["phoneMatches"]:
            auto_ts = max(w._signed_ts + 10 * DAY, wait_from)
            if auto_ts < act_ts:
                act_ts = auto_ts
                move = next(m for m in flow.moves[w.node] if m.actor == "system")
        if _refund(w, step, wait_from, act_ts, now):
            break  # a hardware return: the task waits for the seller (or the system) now
        if act_ts > now:
            break
        w.apply(move, s, act_ts)
        wait_from = act_ts
        step += 1
    # Done by the last move, or by the platform deciding an appeal for the seller.
    done_ts = w.entered if w.node == DONE else None
    return _to_wire(w, ctx, flow), done_ts


def _refund(w: _Walk, step: int, wait_from: int, act_ts: int, now: int) -> bool:
    """A refund request while this step waits (its own stream: the walk stays the same).

    协商退订: the buyer asks, the seller refuses some time before the node moves on (approvals
    end supervision and are left to the console). 退货退款 (hardware, at 用户确认验收 after the
    signature): the goods come back and reach 待验收; the task waits there for the seller, and after
    15 days the system accepts the return and unsubscribes the order. True when the walk stops."""
    ctx = w.ctx
    r = Stream(mix(ctx.seed_key, SALT_REFUND, step))
    rid = f"RF{ctx.task_id[2:]}{step:02d}"
    hardware = ctx.delivery_type == "硬件" and w.node == flows.ACCEPT and w.logistics is not None
    recent = ctx.start_ts - RECENT_DAYS * DAY <= ctx.order_ts < ctx.start_ts
    if hardware and r.chance(0.8 if recent else P_HARDWARE_RETURN):
        apply_ts = max(wait_from, w._signed_ts) + int(r.uniform(12, 72) * HOUR)
        if apply_ts > now:
            return True
        info = {"refundId": rid, "kind": "退货退款", "amount": ctx.order_amount,
                "currencyCode": ctx.currency_code, "reason": "设备与描述不符,申请退货退款"}
        w.log("buyer", "申请退货退款", w.node, w.node, apply_ts, info["reason"], None,
              ctx.customer_account)
        w.logs[-1]["refund"] = info
        arrive_ts = apply_ts + int(r.uniform(48, 120) * HOUR)
        if arrive_ts <= now:
            w.log("system", "退货待验收", w.node, w.node, arrive_ts, "退货已签收,待商家验收")
            w.logs[-1]["refund"] = info
            due = arrive_ts + 15 * DAY
            if due <= now:
                w.log("system", "系统自动验收退货", w.node, w.node, due,
                      "退货待验收满15天,系统自动验收并退订")
                w.logs[-1]["refund"] = info
                w.unsubscribed = True
        return True
    if hardware or w.flow.owners[w.node] not in ("buyer", "seller") \
            or not r.chance(0.25 if recent else P_NEGOTIATED_REFUND) \
            or float(ctx.order_amount) <= 0:
        return False
    apply_ts = wait_from + int(r.uniform(0.1, 0.5) * (act_ts - wait_from))
    if apply_ts > now or apply_ts <= w.updated:
        return False
    amount = (r.uniform(0.2, 1.0) * float(ctx.order_amount))
    info = {"refundId": rid, "kind": "协商退订", "amount": f"{max(amount, 0.01):.2f}",
            "currencyCode": ctx.currency_code, "reason": "项目计划调整,协商退订"}
    w.log("buyer", "申请协商退订", w.node, w.node, apply_ts, info["reason"], None,
          ctx.customer_account)
    w.logs[-1]["refund"] = info
    refuse_ts = apply_ts + int(r.uniform(0.5, 0.95) * (act_ts - apply_ts))
    if refuse_ts <= now:
        w.log("seller", "拒绝退订", w.node, w.node, refuse_ts, "服务已按约定交付中,不同意退订",
              None, r.choice(_SELLER_STAFF))
        w.logs[-1]["refund"] = info
    return False


def _appeal(w: _Walk, s: Stream, ts: int, now: int) -> bool:
    """File an appeal at ``ts`` against the idle side; return True if it is still open at ``now``."""
    owner = w.flow.owners[w.node]
    initiator = "商家" if owner == "buyer" else "用户"
    role = "seller" if initiator == "商家" else "buyer"
    appeal_id = f"AP{w.ctx.task_id[2:]}{len(w.appeals) + 1:02d}"
    files = [w.attach(s, "申诉介入处理承诺函.docx" if role == "seller" else "沟通记录截图.png",
                      role, "appeal", ts)]
    if role == "seller":  # §2: the delivery proof too (its own stream: the walk stays the same)
        proof = Stream(mix(w.ctx.seed_key, SALT_APPEAL_PROOF, len(w.appeals)))
        files.insert(0, w.attach(proof, "交付验收文档(申诉).pdf", role, "appeal", ts))
    reason = s.choice(_APPEAL_REASONS[initiator])
    w.log(role, flows.APPEAL_ACTION, w.node, w.node, ts, reason, files, w.actor_name(role, s))
    handle_ts = ts + int((s.uniform(20, 72) if s.chance(0.6) else s.uniform(72, 24 * 45)) * HOUR)
    appeal: dict[str, Any] = {
        "appealId": appeal_id, "initiator": initiator, "reason": reason,
        "demand": "请平台介入处理" if initiator == "用户" else None, "status": "处理中",
        "result": None, "opinion": None, "createTime": hw(ts), "handleTime": None,
        "attachmentIds": files,
    }
    w.appeals.append(appeal)
    if handle_ts > now:
        w.frozen = True
        return True
    if initiator == "商家" and w.node == flows.ACCEPT and s.chance(0.7):
        result, opinion = "支持商家", "经核实商家已完成交付,平台代用户确认验收。"
    elif initiator == "用户" and s.chance(0.6):
        result, opinion = "支持用户", "已督促商家尽快处理,服务监管流程继续。"
    else:
        result, opinion = "其他", "双方已协商一致,服务监管流程继续。"
    appeal.update(status="已处理", result=result, opinion=opinion, handleTime=hw(handle_ts))
    if result == "支持商家":
        w.log("platform", "申诉处理:平台确认验收", w.node, DONE, handle_ts, opinion, [], _PLATFORM)
        w.node = DONE
        w.entered = handle_ts
    else:
        w.log("platform", "申诉处理完成", w.node, w.node, handle_ts, opinion, [], _PLATFORM)
    return False


def _to_wire(w: _Walk, ctx: TaskContext, flow: Flow) -> dict[str, Any]:
    done = w.node == DONE
    return {
        "taskId": ctx.task_id, "orderId": ctx.order_id, "orderLineId": ctx.order_line_id,
        "productId": ctx.product_id, "productName": ctx.product_name, "skuName": ctx.sku_name,
        "orderAmount": ctx.order_amount, "currencyCode": ctx.currency_code,
        "orderTime": hw(ctx.order_ts), "customerId": ctx.customer_id,
        "customerName": ctx.customer_name, "productClass": ctx.product_class,
        "deliveryType": ctx.delivery_type, "licenseSubtype": ctx.license_subtype,
        "serviceTemplate": ctx.service_template, "flowVersion": ctx.flow_version,
        "salesScenario": ctx.sales_scenario,
        "status": "已完成" if done else UNSUBSCRIBED if w.unsubscribed else "处理中",
        "node": w.node, "nodeOwner": flow.owners[w.node], "nodeEnteredTime": hw(w.entered),
        "flowNodes": list(flow.nodes),
        "nextNodes": [] if w.frozen or w.unsubscribed else flow.next_nodes(w.node),
        "allowedActions": [] if w.frozen or w.unsubscribed else flow.seller_actions(w.node),
        "frozen": w.frozen, "requirement": w.requirement, "resultDescription": w.result,
        "actualStartTime": w.actual_start, "buyerRejectCount": w.buyer_rejects,
        "sellerRejectCount": w.seller_rejects, "logistics": w.logistics,
        "operationLogs": w.logs, "attachments": w.attachments, "appeals": w.appeals,
        "updateTime": hw(w.updated),
    }
