"""The sandbox admin API (``/_sandbox/*``): unsigned, answered only for loopback clients.

Tests, the benchmark and trainers use it to look at the data (stats, clock), move the clock
(advance), inject faults and plant schema-invalid records (corrupt). Faults never apply here.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Body, Depends, FastAPI, HTTPException, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.sandbox import interface_incident, manual_tasks
from app.sandbox.api.gateway import error_body
from app.sandbox.api.guard import FaultInjector, is_loopback
from app.sandbox.data.timeutil import hw
from app.sandbox.state import SandboxData
from app.services.marketplace import wire

_JSON = "application/json"

#: How each collection's records are spoiled by /_sandbox/corrupt: a field set to an amount with a
#: decimal comma (fails the Amount pattern), or a required field removed. The id field stays.
CORRUPTIONS: dict[str, tuple[str, str | None]] = {
    "orders": ("totalAmount", "12,5"),
    "supervision_tasks": ("orderAmount", "12,5"),
    "demands": ("assignTime", None),
    "bills": ("settlementAmount", "12,5"),
    "invoice_notices": ("invoiceAmount", "12,5"),
    "customer_invoices": ("amount", "12,5"),
    "interface_messages": ("callTime", None),
    "partner_bills": ("amount", "12,5"),
    "partner_performance": ("incentiveAmount", "12,5"),
    "exclusive_offers": ("validFrom", None),
}


def _json(value: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(value), status_code=status, media_type=_JSON)


def loopback_only(request: Request) -> None:
    """Refuse the admin API to anything but this machine (401 MKT.0151, see the handler)."""
    host = request.client.host if request.client else None
    if not is_loopback(host):
        raise HTTPException(status_code=403, detail="loopback only")


def corrupt_payload(collection: str, payload: bytes) -> bytes:
    """The record made schema-invalid but still JSON, its id field intact."""
    record = orjson.loads(payload)
    field, value = CORRUPTIONS[collection]
    if value is None:
        record.pop(field, None)
    else:
        record[field] = value
    return orjson.dumps(record)


def add_admin_routes(app: FastAPI, data: SandboxData, faults: FaultInjector) -> None:
    guard = [Depends(loopback_only)]

    @app.exception_handler(StarletteHTTPException)  # routing's 404/405 too, not only ours
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # Huawei's codes with the HTTP status of its table (interfaces.md §8.2): MKT.0151 "no
        # permission" is 401, MKT.0101 "invalid parameter" (a method the path does not take) is
        # 400. An unknown path has no Huawei code: this project's SC.1007 (no such record), 404.
        if exc.status_code == 403:
            return Response(error_body("MKT.0151", "the sandbox admin API answers loopback "
                                                   "clients only"), status_code=401,
                            media_type=_JSON)
        if exc.status_code == 405:
            return Response(error_body("MKT.0101", f"method not allowed: {exc.detail}"),
                            status_code=400, media_type=_JSON)
        if exc.status_code == 404:
            return Response(error_body("SC.1007", str(exc.detail)), status_code=404,
                            media_type=_JSON)
        return Response(error_body("MKT.0999", str(exc.detail)), status_code=500,
                        media_type=_JSON)

    @app.get("/_sandbox/stats", dependencies=guard, tags=["sandbox admin"])
    def stats() -> Response:
        """Live (non-deleted) records per collection."""
        counts = data.store.stats()
        return _json({c.name: counts.get(c.name, 0) for c in wire.COLLECTIONS})

    @app.get("/_sandbox/writes", dependencies=guard, tags=["sandbox admin"])
    def writes() -> Response:
        """Uploaded files (and how many an action attached) and actions carried out."""
        return _json(data.store.write_stats())

    @app.post("/_sandbox/tasks/{task_id}/stage", dependencies=guard, tags=["sandbox admin"])
    def stage_task(task_id: str, body: dict[str, Any] = Body(...)) -> Response:  # noqa: B008
        """Put a supervision task at a node of its flow (scenario set-up); it becomes user-driven."""
        node = body.get("node")
        if not isinstance(node, str):
            return _json({"error": "body must be {\"node\": \"<node>\"}"}, 400)
        try:
            with data.store.transaction() as w:
                stored = w.get("supervision_tasks", task_id)
                if stored is None or stored.payload is None or stored.deleted:
                    return _json({"error": f"no task {task_id}"}, 404)
                task = orjson.loads(stored.payload)
                manual_tasks.stage(task, node, data.simulator.now)
                w.put("supervision_tasks", task_id, orjson.dumps(task), live=True,
                      gen=manual_tasks.MANUAL)
                manual_tasks.hand_order_to_user(w, task)
        except manual_tasks.ActionRefused as e:
            return _json({"error": e.message}, 400)
        return _json({"taskId": task_id, "node": task["node"]})

    @app.post("/_sandbox/tasks/{task_id}/refund", dependencies=guard, tags=["sandbox admin"])
    def stage_refund(task_id: str, body: dict[str, Any] = Body(...)) -> Response:  # noqa: B008
        """Let the buyer ask for a refund now (scenario set-up): ``{"kind": "协商退订"}`` waits for
        the seller's approval; ``{"kind": "退货退款"}`` is a returned parcel at 待验收 now (15 days
        to accept it). The task becomes user-driven."""
        kind = body.get("kind")
        if kind not in (manual_tasks.REFUND_NEGOTIATED, manual_tasks.REFUND_RETURN):
            return _json({"error": "body must be {\"kind\": \"协商退订\" | \"退货退款\"}"}, 400)
        try:
            with data.store.transaction() as w:
                stored = w.get("supervision_tasks", task_id)
                if stored is None or stored.payload is None or stored.deleted:
                    return _json({"error": f"no task {task_id}"}, 404)
                task = orjson.loads(stored.payload)
                refund_id = manual_tasks.stage_refund(task, kind, data.simulator.now)
                w.put("supervision_tasks", task_id, orjson.dumps(task), live=True,
                      gen=manual_tasks.MANUAL)
                manual_tasks.hand_order_to_user(w, task)
        except manual_tasks.ActionRefused as e:
            return _json({"error": e.message}, 400)
        return _json({"taskId": task_id, "refundId": refund_id})

    @app.post("/_sandbox/interface-incident", dependencies=guard, tags=["sandbox admin"])
    def interface_incident_(body: dict[str, Any] = Body(default={})) -> Response:  # noqa: B008
        """Plant an outage of the seller's production interface (``{"productId"?}``): failed
        calls in every state of the watchdog (see :mod:`app.sandbox.interface_incident`)."""
        product = body.get("productId")
        if product is not None and not isinstance(product, str):
            return _json({"error": "productId must be a string"}, 400)
        try:
            with data.store.transaction() as w:
                return _json(interface_incident.plant(data.store, w, data.simulator.now, product))
        except interface_incident.NoSaasOrders as e:
            return _json({"error": str(e)}, 404)

    @app.get("/_sandbox/clock", dependencies=guard, tags=["sandbox admin"])
    def clock() -> Response:
        """The sandbox's current time (it moves only with /_sandbox/advance)."""
        now = data.simulator.now
        return _json({"now": data.simulator.now_datetime().isoformat(), "time": hw(now),
                      "start": data.start.isoformat()})

    @app.get("/_sandbox/faults", dependencies=guard, tags=["sandbox admin"])
    def get_faults() -> Response:
        return _json(faults.settings.to_json())

    @app.post("/_sandbox/faults", dependencies=guard, tags=["sandbox admin"])
    def set_faults(body: dict[str, Any] = Body(...)) -> Response:  # noqa: B008 - FastAPI idiom
        """Change any of error_rate, throttle_rate, malformed_rate, hang_rate, latency_ms,
        retry_after (0 turns a fault off); returns the settings now in force."""
        try:
            return _json(faults.update(body).to_json())
        except ValueError as e:
            return Response(error_body("MKT.0101", str(e)), status_code=400, media_type=_JSON)

    @app.post("/_sandbox/advance", dependencies=guard, tags=["sandbox admin"])
    def advance(body: dict[str, Any] = Body(...)) -> Response:  # noqa: B008 - FastAPI idiom
        """Move the clock by ``{"hours": H}`` and simulate what happens meanwhile."""
        hours = body.get("hours")
        if isinstance(hours, bool) or not isinstance(hours, int | float):
            return Response(error_body("MKT.0101", "hours must be a number"), status_code=400,
                            media_type=_JSON)
        with data.advance_lock:
            try:
                return _json(data.simulator.advance(float(hours)))
            except ValueError as e:
                return Response(error_body("MKT.0101", str(e)), status_code=400,
                                media_type=_JSON)

    @app.post("/_sandbox/corrupt", dependencies=guard, tags=["sandbox admin"])
    def corrupt(body: dict[str, Any] = Body(...)) -> Response:  # noqa: B008 - FastAPI idiom
        """Replace the stored payloads of ``{"collection": name, "ids": [...]}`` with schema-invalid
        ones (new seq each), to test that clients set bad records aside."""
        name = body.get("collection")
        ids = body.get("ids")
        if name not in CORRUPTIONS or not isinstance(ids, list) \
                or not all(isinstance(i, str) for i in ids):
            return Response(error_body("MKT.0101", "need a collection name and a list of ids"),
                            status_code=400, media_type=_JSON)
        done: list[str] = []
        missing: list[str] = []
        with data.advance_lock, data.store.transaction() as w:
            for rid in ids:
                stored = w.get(name, rid)
                if stored is None or stored.deleted or stored.payload is None:
                    missing.append(rid)
                    continue
                w.put(name, rid, corrupt_payload(name, stored.payload), stored.live, stored.gen,
                      stored.aux)
                done.append(rid)
        return _json({"collection": name, "corrupted": done, "missing": missing})
