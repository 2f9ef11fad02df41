"""The sandbox's write endpoints: file uploads, idempotent actions, and the supervision actions.

Contract (``docs/api.md``, "Write endpoints"; this project's, not published by Huawei):

* ``PUT /v1/seller/files/{uploadKey}``: the raw file as the body, ``X-File-Name`` (percent-encoded
  UTF-8) and ``X-File-Sha256``. The marketplace checks the hash, the type and the size. The same
  upload key always answers with the same ``fileId``: a resend after a crash stores nothing twice.
* Every action is a signed ``POST`` with ``X-Idempotency-Key``. The first request with a key is
  carried out and its answer stored *in the same transaction* as its effect; a repeat of the key
  gets the stored answer (header ``X-Idempotent-Replay: true``) and has no second effect. A key
  reused for a different request is refused (SC.1009). A refusal stores nothing (it had no
  effect), so a corrected resend may reuse its key.
* ``POST /v1/seller/supervision-tasks/{taskId}/confirm-requirement | reject-requirement |
  deliver | appeals``: the rules are in :mod:`app.sandbox.manual_tasks`.

Other areas add their actions with :func:`action_route` (see its docstring).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import orjson
from fastapi import FastAPI, Request
from fastapi.responses import Response

from app.sandbox import manual_tasks as mt
from app.sandbox.api.gateway import error_body
from app.sandbox.data.generate import dumps
from app.sandbox.state import SandboxData
from app.sandbox.store import Writer

_JSON = "application/json"
IDEMPOTENCY_HEADER = "x-idempotency-key"
FILES_PATH = "/v1/seller/files"
TASKS_PATH = "/v1/seller/supervision-tasks"


@dataclass(frozen=True)
class FileRules:
    """What the marketplace accepts as an uploaded file (business-rules §1.7: UNCONFIRMED, so
    these are the documented defaults and a sandbox can be started with others)."""

    extensions: frozenset[str] = frozenset(
        {".doc", ".docx", ".pdf", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".zip", ".rar"})
    max_bytes: int = 20 * 1024 * 1024


@dataclass
class ActionContext:
    """What an action function gets: the write transaction, the parsed body, the sandbox time."""

    w: Writer
    body: dict[str, Any]
    now: int
    data: SandboxData
    extra: dict[str, Any] = field(default_factory=dict)

    def files(self) -> list[mt.FileRef]:
        """The uploaded files the body lists under ``files`` ([{fileId, role}]), checked."""
        refs = []
        for item in self.body.get("files") or []:
            if not isinstance(item, dict) or not isinstance(item.get("fileId"), str):
                raise mt.refuse(mt.INVALID_FIELD, "files must be a list of {fileId, role}")
            up = self.w.upload_by_id(item["fileId"])
            if up is None:
                raise mt.refuse(mt.INVALID_FIELD, f"file {item['fileId']} was never uploaded")
            refs.append(mt.FileRef(str(up["fileId"]), str(up["fileName"]), int(str(up["size"])),
                                   str(up["sha256"]), str(item.get("role") or "acceptance")))
        return refs

    def record(
        self, collection: str, record_id: str, what: str
    ) -> tuple[dict[str, Any], str | None]:
        """The live record ``record_id`` of ``collection`` and its generation; refused as not
        found ("<what> <id> does not exist") when it is missing or deleted."""
        stored = self.w.get(collection, record_id)
        if stored is None or stored.deleted or stored.payload is None:
            raise mt.refuse(mt.NOT_FOUND, f"{what} {record_id} does not exist")
        return orjson.loads(stored.payload), stored.gen


ActionFn = Callable[[ActionContext, dict[str, str]], dict[str, Any]]


def _json(value: Any, status: int = 200, replay: bool = False) -> Response:
    headers = {"X-Idempotent-Replay": "true"} if replay else None
    body = value if isinstance(value, bytes) else orjson.dumps(value)
    return Response(body, status_code=status, media_type=_JSON, headers=headers)


def _refusal(e: mt.ActionRefused) -> Response:
    return Response(error_body(e.code, e.message), status_code=e.status, media_type=_JSON)


def run_action(data: SandboxData, request: Request, raw: bytes, fn: ActionFn,
               params: dict[str, str]) -> Response:
    """Carry out ``fn`` once per idempotency key (see the module docstring)."""
    key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
    if not key or len(key) > 64:
        return Response(error_body("MKT.0101", "X-Idempotency-Key (1-64 characters) is required"),
                        status_code=400, media_type=_JSON)
    try:
        body = orjson.loads(raw) if raw else {}
    except orjson.JSONDecodeError:
        return Response(error_body("MKT.0101", "the body is not JSON"), status_code=400,
                        media_type=_JSON)
    if not isinstance(body, dict):
        return Response(error_body("MKT.0101", "the body must be a JSON object"),
                        status_code=400, media_type=_JSON)
    fingerprint = hashlib.sha256(
        request.method.encode() + b" " + request.url.path.encode() + b"\n" + raw).hexdigest()
    now = data.simulator.now
    try:
        with data.store.transaction() as w:
            prior = w.answered(key)
            if prior is not None:
                if prior[0] != fingerprint:
                    raise mt.refuse(mt.KEY_REUSED, "this idempotency key was already used for a "
                                                   "different request")
                return _json(prior[2], prior[1], replay=True)
            result = fn(ActionContext(w, body, now, data), params)
            answer = orjson.dumps({"resultCode": "MKT.0000", "resultMsg": "success", **result})
            w.remember(key, fingerprint, 200, answer, now)
    except mt.ActionRefused as e:
        return _refusal(e)
    return _json(answer)


def action_route(app: FastAPI, data: SandboxData, path: str, fn: ActionFn, summary: str,
                 tag: str) -> None:
    """Register ``POST path`` (path parameters arrive in ``params``) as an idempotent action.

    ``fn(ctx, params)`` changes records through ``ctx.w`` and returns the JSON fields of the
    answer; it raises ``manual_tasks.ActionRefused`` (``mt.refuse(...)``) to refuse with a code.
    """

    async def endpoint(request: Request) -> Response:
        raw = await request.body()
        return run_action(data, request, raw, fn, dict(request.path_params))

    app.add_api_route(path, endpoint, methods=["POST"], summary=summary, tags=[tag],
                      response_class=Response)


# -- uploads --------------------------------------------------------------------------------------

def uploads_dir(data: SandboxData) -> Path:
    return data.path.parent / "uploads"


def _upload(data: SandboxData, rules: FileRules, upload_key: str, request: Request,
            raw: bytes) -> Response:
    name = unquote(request.headers.get("x-file-name", "")).strip()
    claimed = request.headers.get("x-file-sha256", "").lower()
    if not name or "/" in name or "\\" in name:
        return _refusal(mt.refuse(mt.INVALID_FIELD, "X-File-Name (the file's name) is required"))
    if not upload_key or len(upload_key) > 80:
        return _refusal(mt.refuse(mt.INVALID_FIELD, "the upload key must be 1-80 characters"))
    with data.store.transaction() as w:
        prior = w.upload(upload_key)
    if prior is not None:
        prior.pop("attached", None)
        return _json({"resultCode": "MKT.0000", **prior}, replay=True)
    ext = Path(name).suffix.lower()
    if ext not in rules.extensions:
        return _refusal(mt.refuse(mt.FILE_TYPE, f"files of type {ext or '(none)'} are not "
                                                f"accepted; allowed: "
                                                f"{', '.join(sorted(rules.extensions))}"))
    if len(raw) > rules.max_bytes:
        return _refusal(mt.refuse(mt.FILE_TOO_LARGE, f"{name} is {len(raw):,} bytes; the limit "
                                                     f"is {rules.max_bytes:,} bytes"))
    if not raw:
        return _refusal(mt.refuse(mt.INVALID_FIELD, f"{name} is empty"))
    sha = hashlib.sha256(raw).hexdigest()
    if claimed and claimed != sha:
        return _refusal(mt.refuse(mt.INVALID_FIELD, "the file's content does not match its "
                                                    "X-File-Sha256 (damaged in transit)"))
    file_id = "F" + hashlib.sha256(upload_key.encode()).hexdigest()[:23].upper()
    folder = uploads_dir(data)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{file_id}.part"
    tmp.write_bytes(raw)
    os.replace(tmp, folder / file_id)
    with data.store.transaction() as w:
        if w.upload(upload_key) is None:
            w.add_upload(upload_key, file_id, name, len(raw), sha,
                         request.headers.get("content-type"), data.simulator.now)
    return _json({"resultCode": "MKT.0000", "fileId": file_id, "fileName": name,
                  "size": len(raw), "sha256": sha, "contentType":
                  request.headers.get("content-type")})


# -- supervision ----------------------------------------------------------------------------------

def _task_action(apply: Callable[[dict[str, Any], ActionContext], dict[str, Any]]) -> ActionFn:
    def fn(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
        task_id = params["task_id"]
        task, _gen = ctx.record("supervision_tasks", task_id, "supervision task")
        extra = apply(task, ctx)
        ctx.w.put("supervision_tasks", task_id, dumps(task), live=True, gen=mt.MANUAL)
        mt.hand_order_to_user(ctx.w, task)
        return {"taskId": task_id, "node": task["node"], "frozen": bool(task.get("frozen")),
                **extra}

    return fn


def _operator(ctx: ActionContext) -> str:
    value = ctx.body.get("operator")
    return value.strip()[:64] if isinstance(value, str) and value.strip() else "商家"


def _confirm(task: dict[str, Any], ctx: ActionContext) -> dict[str, Any]:
    mt.confirm(task, ctx.body, _operator(ctx), ctx.now)
    return {}


def _reject(task: dict[str, Any], ctx: ActionContext) -> dict[str, Any]:
    mt.reject(task, ctx.body, _operator(ctx), ctx.now)
    return {}


def _deliver(task: dict[str, Any], ctx: ActionContext) -> dict[str, Any]:
    files = ctx.files()
    mt.deliver(task, ctx.body, files, _operator(ctx), ctx.now)
    for f in files:
        ctx.w.mark_attached(f.file_id)
    return {"fileIds": [f.file_id for f in files]}


def _appeal(task: dict[str, Any], ctx: ActionContext) -> dict[str, Any]:
    files = ctx.files()
    record = mt.appeal(task, ctx.body, files, _operator(ctx), ctx.now)
    for f in files:
        ctx.w.mark_attached(f.file_id)
    return {"appealId": record["appealId"], "fileIds": [f.file_id for f in files]}


def _refund(task: dict[str, Any], ctx: ActionContext) -> dict[str, Any]:
    files = ctx.files()
    mt.refund_decision(task, ctx.body, files, _operator(ctx), ctx.now)
    for f in files:
        ctx.w.mark_attached(f.file_id)
    return {"refundId": ctx.body.get("refundId"), "status": task.get("status")}


def add_action_routes(app: FastAPI, data: SandboxData, rules: FileRules | None = None) -> None:
    """Register the upload endpoint and the supervision actions."""
    file_rules = rules or FileRules()

    @app.put(FILES_PATH + "/{upload_key}", tags=["write endpoints"], response_class=Response,
             summary="Upload a file (raw body) under a client-made upload key")
    async def upload(upload_key: str, request: Request) -> Response:
        raw = await request.body()
        return _upload(data, file_rules, upload_key, request, raw)

    tag = "write endpoints"
    for name, fn, summary in (
        ("confirm-requirement", _confirm, "确认需求: accept the buyer's requirement"),
        ("reject-requirement", _reject, "驳回: send the requirement back to the buyer"),
        ("deliver", _deliver, "确认完成 / 上传交付凭证: deliver with acceptance files"),
        ("appeals", _appeal, "发起申诉: appeal (freezes the task)"),
        ("refund-decision", _refund, "协商退订 approve/refuse; hardware return accept/验收异常"),
    ):
        action_route(app, data, f"{TASKS_PATH}/{{task_id}}/{name}", _task_action(fn), summary,
                     tag)
