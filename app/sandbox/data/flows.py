"""Service-supervision (服务监管) flows as data: nodes, who owns each node, and the moves out of it.

Follows business-rules §1.4/§1.5. The flow a task follows depends on its delivery type (and License
sub-type), on whether Huawei re-checks the delivery (华为云复核: §1.5 table, by product class, sales
scenario and order date) and on the flow version. Two details are **this project's assumptions**, not
KooGallery's documented flow (business-rules §1.4, §1.5, §9, UNCONFIRMED): orders from 2025-03-26 on
show the seller's step as the node 商家上传交付凭证 with the action 上传交付凭证 (the sources only give a
page title, "商家确认/驳回客户需求及上传交付凭证"), and a failed 华为云复核 is logged 复核驳回 and sends the
task back to the seller's delivery node (the sources only say the seller fixes the documents). The
sandbox walks these tables to generate and advance tasks; the wire record carries the
node list (``flowNodes``), the nodes reachable next (``nextNodes``) and the seller's actions
(``allowedActions``) so that clients never hard-code transitions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache

# Node names: Huawei's raw strings.
SUBMIT = "用户提交需求"
CONFIRM = "商家确认需求"
IMPLEMENT = "商家实施服务"
UPLOAD_PROOF_2025 = "商家上传交付凭证"
OFFLINE_LICENSE = "服务商线下交付License"
ACTIVATION = "授权码激活"
LICENSE_PROOF = "商家上传交付证明"
REVIEW = "华为云复核"
ACCEPT = "用户确认验收"
DONE = "服务完成"

APPEAL_ACTION = "发起申诉"

#: Flow versions, from the order date (business-rules §1.5).
V_PRE_2023 = "pre_2023_04_28"
V_2023 = "2023_04_28"
V_2024 = "2024_09_14"
V_2025 = "2025_03_26"
#: KooGallery's dates are Beijing dates: an order at 2025-03-25T16:30Z is placed on 2025-03-26.
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
_VERSION_THRESHOLDS: tuple[tuple[date, str], ...] = (
    (date(2025, 3, 26), V_2025),
    (date(2024, 9, 14), V_2024),
    (date(2023, 4, 28), V_2023),
)

#: Delivery types whose orders are supervised (SaaS only when the product says so).
SUPERVISED_TYPES = frozenset({"SaaS", "License", "人工服务", "硬件", "应用编排", "数据文件"})


@dataclass(frozen=True)
class Move:
    """One way out of a node: the logged action, who performs it, and the node it leads to."""

    action: str
    actor: str  # buyer | seller | platform | system
    to: str
    forward: bool = True  # False for a rejection that sends the task back


@dataclass(frozen=True)
class Flow:
    """A supervision flow: ``nodes`` in timeline order, the owner of each, the moves out of each."""

    key: str
    nodes: tuple[str, ...]
    owners: Mapping[str, str]
    moves: Mapping[str, tuple[Move, ...]]

    @property
    def start(self) -> str:
        return self.nodes[0]

    def next_nodes(self, node: str) -> list[str]:
        """The nodes the server allows next (duplicates removed, order kept)."""
        seen: list[str] = []
        for move in self.moves.get(node, ()):
            if move.to not in seen:
                seen.append(move.to)
        return seen

    def seller_actions(self, node: str) -> list[str]:
        """The seller's actions at ``node``: its own moves, plus an appeal anywhere before the end."""
        if node == DONE:
            return []
        actions = [m.action for m in self.moves.get(node, ()) if m.actor == "seller"]
        actions.append(APPEAL_ACTION)
        return actions


def flow_version(order_time: datetime) -> str:
    """The flow version that applies to an order placed at ``order_time`` (§1.5 thresholds), by
    the order's date in Beijing (Asia/Shanghai), not its UTC date. A naive time is taken as UTC."""
    if order_time.tzinfo is None:
        order_time = order_time.replace(tzinfo=UTC)
    day = order_time.astimezone(BEIJING).date()
    for threshold, version in _VERSION_THRESHOLDS:
        if day >= threshold:
            return version
    return V_PRE_2023


def needs_review(product_class: str, scenario: str, version: str) -> bool:
    """Whether 华为云复核 applies (§1.5 "华为云复核 history"): 联营 orders only; before 2023-04-28 all
    of them, from 2023-04-28 the 赋能云 ones, from 2024-09-14 赋能云 and 基地云."""
    if product_class != "联营":
        return False
    if version == V_PRE_2023:
        return True
    if version == V_2023:
        return scenario == "赋能云"
    return scenario in ("赋能云", "基地云")


def flow_kind(delivery_type: str, license_subtype: str | None) -> str:
    """The flow family for a supervised delivery type (§1.5)."""
    if delivery_type == "License":
        return {
            "授权码": "license_activation",
            "识别码": "license_code_id",
            "线下License": "offline_license",
            "软件包部署": "package_deploy",
        }[license_subtype or "线下License"]
    return {
        "人工服务": "standard",
        "SaaS": "standard",
        "数据文件": "standard",
        "硬件": "hardware",
        "应用编排": "orchestration",
    }[delivery_type]


def flow_for(delivery_type: str, license_subtype: str | None, product_class: str, scenario: str,
             version: str) -> Flow:
    """The flow a task of this kind follows."""
    return _build(flow_kind(delivery_type, license_subtype), needs_review(product_class, scenario,
                                                                          version), version)


_OWNERS = {
    SUBMIT: "buyer",
    CONFIRM: "seller",
    IMPLEMENT: "seller",
    UPLOAD_PROOF_2025: "seller",
    OFFLINE_LICENSE: "seller",
    ACTIVATION: "seller",  # the seller activates through the open API; the system detects it
    LICENSE_PROOF: "seller",
    REVIEW: "platform",
    ACCEPT: "buyer",
    DONE: "none",
}


@cache
def _build(kind: str, review: bool, version: str) -> Flow:
    deliver = UPLOAD_PROOF_2025 if version == V_2025 and kind == "standard" else IMPLEMENT
    deliver_action = "上传交付凭证" if deliver == UPLOAD_PROOF_2025 else "确认完成"
    moves: dict[str, tuple[Move, ...]] = {}

    def tail(from_node: str, action: str) -> list[str]:
        """Delivery -> (华为云复核) -> 用户确认验收 -> 服务完成, with the buyer able to reject."""
        after = REVIEW if review else ACCEPT
        moves[from_node] = (Move(action, "seller", after),)
        if review:
            moves[REVIEW] = (
                Move("复核通过", "platform", ACCEPT),
                # Assumed wording and path (UNCONFIRMED, see the module docstring).
                Move("复核驳回", "platform", from_node, forward=False),
            )
        accept = [Move("确认验收", "buyer", DONE), Move("驳回", "buyer", from_node, forward=False)]
        if kind == "hardware":
            accept.append(Move("系统自动验收", "system", DONE))
        moves[ACCEPT] = tuple(accept)
        return [from_node, *([REVIEW] if review else []), ACCEPT, DONE]

    if kind in ("standard", "license_code_id"):
        submit = "提交识别码" if kind == "license_code_id" else "提交需求"
        moves[SUBMIT] = (Move(submit, "buyer", CONFIRM),)
        moves[CONFIRM] = (
            Move("确认需求", "seller", deliver),
            Move("驳回", "seller", SUBMIT, forward=False),
        )
        nodes = [SUBMIT, CONFIRM, *tail(deliver, deliver_action)]
    elif kind == "offline_license":
        nodes = tail(OFFLINE_LICENSE, "上传验收报告")
    elif kind == "hardware":
        nodes = tail(IMPLEMENT, "填写物流信息")
    elif kind in ("package_deploy", "orchestration"):
        nodes = tail(IMPLEMENT, "确认完成")
    elif kind == "license_activation":
        moves[CONFIRM] = (Move("确认需求", "seller", ACTIVATION),)
        moves[ACTIVATION] = (Move("激活授权码", "system", LICENSE_PROOF),)
        if review:
            moves[LICENSE_PROOF] = (Move("上传交付证明", "seller", REVIEW),)
            moves[REVIEW] = (
                Move("复核通过", "platform", DONE),
                Move("复核驳回", "platform", LICENSE_PROOF, forward=False),
            )
            nodes = [CONFIRM, ACTIVATION, LICENSE_PROOF, REVIEW, DONE]
        else:
            # Non-赋能云: the system accepts as soon as the proof is uploaded (§1.5 License).
            moves[LICENSE_PROOF] = (Move("上传交付证明", "seller", DONE),)
            nodes = [CONFIRM, ACTIVATION, LICENSE_PROOF, DONE]
    else:  # pragma: no cover - flow_kind only returns the kinds above
        raise ValueError(kind)
    key = f"{kind}/{version}/{'review' if review else 'self'}"
    return Flow(key, tuple(nodes), {n: _OWNERS[n] for n in nodes}, moves)


def all_flows() -> list[Flow]:
    """Every distinct flow, for tests and documentation."""
    kinds = ("standard", "license_code_id", "offline_license", "hardware", "package_deploy",
             "orchestration", "license_activation")
    return [_build(k, r, v) for k in kinds for r in (False, True)
            for v in (V_PRE_2023, V_2023, V_2024, V_2025)]
