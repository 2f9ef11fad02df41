"""KooGallery's License 2.0 and usage-push open APIs in the sandbox (interfaces.md §7.3, §7.4).

Every call has passed the gateway's AK/SK check (§6.6) before it gets here; the usage push is
also checked for the body signature of §6.7 (``signature``/``ts``/``nonce`` headers, the ISV key
the sandbox was started with), exactly as KooGallery does: a missing or wrong one is ``MKT.0102``.

License codes, with KooGallery's state rules:

* the fixed test codes of :data:`TEST_CODES` (like the test codes 卖家中心 hands out):
  ``TESTLIC-0001`` … ``TESTLIC-0020`` ready to activate, ``TESTLIC-UNDELIVERED`` not yet shown to
  the buyer (92020004), ``TESTLIC-EXPIRED`` and ``TESTLIC-RELEASED`` activated long ago;
* ``LIC-<orderLineId>`` for each order line of a 授权码 License product: delivered to the buyer
  once the seller confirmed the requirement (its supervision task has left 商家确认需求);
  activating it moves the task on from 授权码激活, as KooGallery's system does.

A code is activated once (a second activation is 92020003); an unknown code is 92020005.
Usage records are kept by ``metering_sn``: a repeat is answered as success and not stored twice
(:meth:`OpenApiState.arrivals` counts every arrival, for the tests). A batch with any bad record
is refused whole (MKT.9002, ``extra_info`` naming each record and why; that shape is
UNCONFIRMED); more than :data:`USAGE_LIMIT` records is MKT.9003.

The state is kept in ``openapi.json`` of the sandbox's data folder (in memory without one).
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.responses import Response

from app.sandbox import manual_tasks as mt
from app.sandbox.data import flows
from app.sandbox.data.generate import dumps
from app.sandbox.state import SandboxData
from app.services.marketplace import wire
from app.services.marketplace.signing import verify_usage_body

_JSON = "application/json"
SUCCESS = "92020000"
USAGE_LIMIT = 1000
USAGE_WINDOW = timedelta(days=21)
HW_TIME = "%Y%m%dT%H%M%SZ"
_FAR = datetime(2099, 12, 31, 23, 59, 59, tzinfo=UTC)

#: code -> (delivered to the buyer, initial status or None, order id)
TEST_CODES: dict[str, tuple[bool, str | None, str]] = {
    **{f"TESTLIC-{n:04d}": (True, None, "MOCKPERIODYEARNEW") for n in range(1, 21)},
    "TESTLIC-UNDELIVERED": (False, None, "MOCKPERIODYEARNEW"),
    "TESTLIC-EXPIRED": (True, "EXPIRED", "MOCKMONTYRENEW"),
    "TESTLIC-RELEASED": (True, "RELEASED", "MOCKMONTYUNSUBSCRIBE"),
}
ORDER_CODE_PREFIX = "LIC-"


def _json(value: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(value), status_code=status, media_type=_JSON)


def _license(code: str, message: str, status: int = 200, **extra: Any) -> Response:
    return _json({"error_code": code, "error_msg": message, **extra}, status)


class OpenApiState:
    """Activations and pushed usage of one sandbox (thread-safe). With a file (the sandbox's data
    folder) they are kept across restarts, like the rest of a sandbox's world."""

    def __init__(self, isv_key: str) -> None:
        self.isv_key = isv_key
        self.lock = threading.Lock()
        self.activated: dict[str, dict[str, Any]] = {}
        self.usage: dict[str, dict[str, Any]] = {}
        self.arrivals: Counter[str] = Counter()
        self.usage_requests = 0
        self.file: Path | None = None

    def keep_in(self, file: Path) -> None:
        """Read the state kept in ``file`` (if any) and write every change back to it."""
        self.file = file
        try:
            kept = orjson.loads(file.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return
        with self.lock:
            for code, facts in kept.get("activated", {}).items():
                for name in ("activate_time", "expire_time"):
                    if facts.get(name):
                        facts[name] = datetime.fromisoformat(facts[name])
                self.activated[code] = facts
            self.usage.update(kept.get("usage", {}))
            self.arrivals.update(kept.get("arrivals", {}))
            self.usage_requests = int(kept.get("usageRequests", 0))

    def save(self) -> None:
        """Write the state to its file (call with :attr:`lock` held)."""
        if self.file is None:
            return
        activated = {code: {k: (v.isoformat() if isinstance(v, datetime) else v)
                            for k, v in facts.items()} for code, facts in self.activated.items()}
        data = orjson.dumps({"activated": activated, "usage": self.usage,
                             "arrivals": dict(self.arrivals),
                             "usageRequests": self.usage_requests})
        tmp = self.file.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, self.file)

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return {"activated": sorted(self.activated), "usageRecords": len(self.usage),
                    "usageRequests": self.usage_requests,
                    "repeats": {sn: n for sn, n in self.arrivals.items() if n > 1}}


def _task_for_line(data: SandboxData, line_id: str) -> dict[str, Any] | None:
    stored = data.store.get("supervision_tasks", f"SS{line_id[2:]}")
    if stored is None or stored.deleted or stored.payload is None:
        return None
    task: dict[str, Any] = orjson.loads(stored.payload)
    return task if task.get("licenseSubtype") == "授权码" else None


def _lookup(state: OpenApiState, data: SandboxData, code: str) -> dict[str, Any] | None:
    """The code's facts: delivered, status (None: not yet activated), order, expiry."""
    if code in state.activated:
        return state.activated[code]
    if code in TEST_CODES:
        delivered, status, order_id = TEST_CODES[code]
        old = datetime(2024, 1, 1, tzinfo=UTC)
        return {"license_code": code, "delivered": delivered, "status": status,
                "order_id": order_id, "product_id": "OFFI846204237451911168", "amount": 1,
                "activate_time": old if status else None,
                "expire_time": old + timedelta(days=30) if status == "EXPIRED" else _FAR}
    if code.startswith(ORDER_CODE_PREFIX):
        task = _task_for_line(data, code[len(ORDER_CODE_PREFIX):])
        if task is None:
            return None
        return {"license_code": code, "delivered": task["node"] != flows.CONFIRM,
                "status": None, "order_id": task["orderId"], "product_id": task.get("productId"),
                "amount": 1, "activate_time": None, "expire_time": _FAR, "task": task["taskId"]}
    return None


def _info(facts: dict[str, Any]) -> dict[str, Any]:
    def t(v: datetime | None) -> str | None:
        return v.strftime("%Y%m%d%H%M%S") if v else None

    return {"license_code": facts["license_code"], "status": facts["status"],
            "activate_time": t(facts["activate_time"]), "expire_time": t(facts["expire_time"])}


def _refusal(facts: dict[str, Any] | None) -> Response | None:
    """Why this code cannot be activated now, or None."""
    if facts is None:
        return _license("92020005", "license code does not exist")
    if not facts["delivered"]:
        return _license("92020004", "the buyer has not received the license code yet")
    if facts["status"] is not None:
        return _license("92020003", "the license code has already been activated")
    return None


def _activate(state: OpenApiState, data: SandboxData, facts: dict[str, Any],
              now: datetime) -> None:
    facts = {**facts, "status": "ALIVE", "activate_time": now}
    state.activated[facts["license_code"]] = facts
    task_id = facts.get("task")
    if task_id:
        with data.store.transaction() as w:
            stored = w.get("supervision_tasks", task_id)
            if stored is None or stored.payload is None:
                return
            task = orjson.loads(stored.payload)
            if task.get("node") != flows.ACTIVATION or task.get("frozen"):
                return
            mt.system_move(task, "激活授权码", int(now.timestamp()))
            w.put("supervision_tasks", task_id, dumps(task), live=True, gen=mt.MANUAL)
            mt.hand_order_to_user(w, task)


def _body(raw: bytes) -> dict[str, Any] | None:
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _code_arg(body: dict[str, Any]) -> str | None:
    code = body.get("license")
    return code if isinstance(code, str) and 0 < len(code) <= 64 else None


def add_openapi_routes(app: FastAPI, data: SandboxData, state: OpenApiState) -> None:
    """The License 2.0 and usage-push routes (signed like every route, see the gateway)."""

    def now() -> datetime:
        return data.simulator.now_datetime().astimezone(UTC)

    @app.post(wire.LICENSE_ACTIVATE_PATH, tags=["KooGallery open API"],
              summary="Activate a license code (授权码激活, §7.4 v1)")
    async def activate(request: Request) -> Response:
        body = _body(await request.body())
        code = _code_arg(body or {})
        if code is None:
            return _license("92020002", "license is required (1-64 characters)", 400)
        with state.lock:
            facts = _lookup(state, data, code)
            refused = _refusal(facts)
            if refused is not None:
                return refused
            assert facts is not None
            _activate(state, data, facts, now())
            done = state.activated[code]
            state.save()
        info = {"status": "ALIVE", "expire_time": done["expire_time"].strftime("%Y%m%d%H%M%S"),
                "product_id": done["product_id"], "amount": done["amount"],
                "order_id": done["order_id"]}
        return _license(SUCCESS, "success",
                        data={"license_code_info": orjson.dumps(info).decode()})

    @app.post(wire.LICENSE_ACTIVATE_BATCH_PATH, tags=["KooGallery open API"],
              summary="Activate license codes in a batch (§7.4 v2)")
    async def activate_batch(request: Request) -> Response:
        body = _body(await request.body()) or {}
        codes = body.get("license_list")
        if (not isinstance(codes, list) or not codes or len(codes) > 100
                or not all(isinstance(c, str) and 0 < len(c) <= 64 for c in codes)
                or len(set(codes)) != len(codes)):
            return _license("92020002", "license_list must hold 1-100 distinct codes", 400)
        with state.lock:
            facts = [_lookup(state, data, c) for c in codes]
            if any(f is None for f in facts):
                return _license("92020020", "an invalid license code is in the list")
            for f in facts:
                refused = _refusal(f)
                if refused is not None:
                    return refused
            moment = now()
            for f in facts:
                assert f is not None
                _activate(state, data, f, moment)
            state.save()
        return _license(SUCCESS, "success")

    @app.post(wire.LICENSE_QUERY_PATH, tags=["KooGallery open API"],
              summary="Query a license code (formerly heartbeat, §7.4 v1)")
    async def query(request: Request) -> Response:
        code = _code_arg(_body(await request.body()) or {})
        if code is None:
            return _license("92020002", "license is required (1-64 characters)", 400)
        with state.lock:
            facts = _lookup(state, data, code)
        if facts is None:
            return _license("92020005", "license code does not exist")
        if facts["status"] is None:
            return _license("92020011", "license code not activated")
        info = _info(facts)
        if info["status"] == "ALIVE" and facts["expire_time"] < now():
            info["status"] = "EXPIRED"
        return _license(SUCCESS, "success", data=info)

    @app.post(wire.LICENSE_QUERY_BATCH_PATH, tags=["KooGallery open API"],
              summary="Query license codes in a batch (§7.4 v2; field names UNCONFIRMED)")
    async def query_batch(request: Request) -> Response:
        codes = (_body(await request.body()) or {}).get("license_list")
        if not isinstance(codes, list) or not codes or len(codes) > 100:
            return _license("92020002", "license_list must hold 1-100 codes", 400)
        with state.lock:
            facts = [_lookup(state, data, str(c)) for c in codes]
        if any(f is None for f in facts):
            return _license("92020020", "an invalid license code is in the list")
        return _license(SUCCESS, "success", data=[_info(f) for f in facts if f is not None])

    @app.post(wire.LICENSE_SOFTWARE_USAGE_PATH, tags=["KooGallery open API"],
              summary="Report software usage of license codes (§7.4, field names UNCONFIRMED)")
    async def software_usage(request: Request) -> Response:
        items = (_body(await request.body()) or {}).get("usage_info")
        if not isinstance(items, list) or not items or len(items) > 100:
            return _license("92020002", "usage_info must hold 1-100 entries", 400)
        with state.lock:
            for item in items:
                code = _code_arg(item if isinstance(item, dict) else {})
                facts = _lookup(state, data, code) if code else None
                if facts is None:
                    return _license("92020005", "license code does not exist")
                if facts["status"] is None:
                    return _license("92020011", "license code not activated")
        return _license(SUCCESS, "success")

    @app.post(wire.USAGE_PUSH_PATH, tags=["KooGallery open API"],
              summary="Push pay-per-use usage records (按需使用量推送, §7.3, §6.7)")
    async def usage_push(request: Request) -> Response:
        raw = await request.body()
        sig = request.headers.get(wire.USAGE_SIGNATURE_HEADER, "")
        ts = request.headers.get(wire.USAGE_TS_HEADER, "")
        nonce = request.headers.get(wire.USAGE_NONCE_HEADER, "")
        if not (sig and ts and nonce) or not verify_usage_body(state.isv_key, ts, nonce, raw,
                                                               sig):
            return _json({"error_code": "MKT.0102", "error_msg": "invalid body signature"}, 400)
        body = _body(raw)
        records = (body or {}).get("usage_records")
        if not isinstance(records, list) or not records:
            return _json({"error_code": "MKT.0101", "error_msg": "usage_records is required"},
                         400)
        if len(records) > USAGE_LIMIT:
            return _json({"error_code": "MKT.9003",
                          "error_msg": f"at most {USAGE_LIMIT} records per request"}, 400)
        current = now()
        failed = [{"metering_sn": str(r.get("metering_sn") if isinstance(r, dict) else ""),
                   "reason": why} for r in records
                  if (why := _record_problem(r, current)) is not None]
        with state.lock:
            state.usage_requests += 1
            for r in records:
                if isinstance(r, dict):
                    state.arrivals[str(r.get("metering_sn"))] += 1
            if failed:
                state.save()
                return _json({"error_code": "MKT.9002", "error_msg": "invalid usage records",
                              "extra_info": failed})
            for r in records:
                state.usage.setdefault(str(r["metering_sn"]), r)
            state.save()
        return _json({"error_code": "MKT.0000", "error_msg": "success"})

    @app.get("/_sandbox/openapi", tags=["sandbox admin"],
             summary="Activations and pushed usage so far (tests, trainers)")
    def snapshot() -> Response:
        return _json(state.snapshot())


def _record_problem(record: Any, now: datetime) -> str | None:
    """Why KooGallery would refuse this usage record (§7.3), or None."""
    if not isinstance(record, dict):
        return "not an object"
    for name in ("instance_id", "record_time", "begin_time", "end_time", "usage_value",
                 "metering_sn"):
        if record.get(name) in (None, ""):
            return f"{name} is missing"
    for name in ("instance_id", "metering_sn"):
        if not isinstance(record[name], str) or len(record[name]) > 64:
            return f"{name} must be a string of at most 64 characters"
    times = {}
    for name in ("record_time", "begin_time", "end_time"):
        try:
            times[name] = datetime.strptime(str(record[name]), HW_TIME).replace(tzinfo=UTC)
        except ValueError:
            return f"{name} is not yyyyMMddTHHmmssZ"
    if times["begin_time"] > times["end_time"]:
        return "begin_time is after end_time"
    if now - times["begin_time"] > USAGE_WINDOW:
        return "begin_time is more than 21 days ago (MKT.9004)"
    value = record["usage_value"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "usage_value is not a number"
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if number <= 0:
        return "usage_value must be greater than 0"
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        return "usage_value has more than 4 decimals"
    return None


__all__ = ["OpenApiState", "TEST_CODES", "add_openapi_routes"]
