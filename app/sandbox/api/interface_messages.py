"""The sandbox's 重新启动 (call again) of a production-interface message (生产接口消息).

``POST /v1/seller/interface_messages/{messageId}/restart``, idempotent like every action
(``actions.action_route``): KooGallery calls the seller's production interface again for the
message; the sandbox takes the seller's interface as fixed, so the message becomes 已重新启动
(``retryCount`` + 1, ``updateTime`` now). A message the seller acted on is *user-driven* from then
on: stored with ``gen = "manual"`` and not live, so the clock's advance no longer rebuilds it.

Rules (interfaces.md §2.11): a message in 重试中 or 失败 may be called again, except a
``newInstance`` whose retries ran out (KooGallery refunded the order). Refusals (this project's
codes, docs/api.md): ``SC.1301`` (409) the call already succeeded or was called again;
``SC.1302`` (409) a newInstance whose retries ran out: the order was refunded; ``MKT.1007`` as
for every action.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from app.sandbox import manual_tasks as mt
from app.sandbox.api.actions import ActionContext, action_route
from app.sandbox.data.generate import dumps
from app.sandbox.data.timeutil import from_hw, hw
from app.sandbox.state import SandboxData

NOTHING_TO_RESTART = ("SC.1301", 409)
REFUNDED = ("SC.1302", 409)

PATH = "/v1/seller/interface_messages/{message_id}/restart"


def restart(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    message, _gen = ctx.record("interface_messages", params["message_id"],
                               "interface message")
    status = message["status"]
    if status not in ("重试中", "失败"):
        raise mt.refuse(NOTHING_TO_RESTART, f"the message is 「{status}」: there is nothing to "
                                            "call again")
    until = message.get("retryUntil")
    ran_out = status == "失败" or (until is not None and from_hw(until) <= ctx.now)
    if message["activity"] == "newInstance" and ran_out:
        raise mt.refuse(REFUNDED, "the retries of this newInstance ran out: the order was "
                                  "unsubscribed and refunded")
    message["status"] = "已重新启动"
    message["retryCount"] = int(message.get("retryCount") or 0) + 1
    message["updateTime"] = hw(ctx.now)
    ctx.w.put("interface_messages", message["messageId"], dumps(message), live=False,
              gen=mt.MANUAL)
    return {"messageId": message["messageId"], "status": message["status"]}


def add_interface_message_routes(app: FastAPI, data: SandboxData) -> None:
    action_route(app, data, PATH, restart, "重新启动: call the production interface again",
                 "write endpoints")
