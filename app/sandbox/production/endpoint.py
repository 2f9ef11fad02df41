"""A reference production interface (生产接口): what a seller's server should do when KooGallery
calls it, for each family of ``domain/interfaces.md`` (§2 SaaS V2, §3 SaaS V1, §4 联营Kit V2,
§5 License 2.0 seller interfaces), written from the documentation as a seller would.

It verifies every request (signature or authToken, the 60 s timestamp window, remembered nonces)
and refuses a bad one with ``000001``; creates instances idempotently per order line, provisions
them asynchronously (``000004``, then queryInstance shows the instance), encrypts the
credentials it hands out (§6.5), answers an already released instance with success, and signs
every answer with ``Body-Sign`` (§6.4).

:data:`SWITCHES` break it one way at a time, for the tests and for new staff to see what each
failure of ``seller-console conformance`` looks like; each fails exactly one check.

Served by :class:`ReferenceEndpoint` (a small threaded HTTP server on loopback, started and
stopped like :class:`app.sandbox.server.SandboxServer`).
"""

from __future__ import annotations

import hmac
import json
import ssl
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from app.services.marketplace import interface_signing as signing

FAMILIES = ("saas-v2", "saas-v1", "license", "kit")
#: The reference endpoints' own key (it opens only these local test servers).
DEMO_ISV_KEY = "sandbox-isv-key-not-a-secret-0000"

#: Each switch, the families it applies to, and what it breaks (the check it fails).
SWITCHES: dict[str, tuple[tuple[str, ...], str]] = {
    "slow": (FAMILIES, "one answer takes longer than KooGallery's 5 s (answers.time)"),
    "html_content_type": (FAMILIES, "answers are declared text/html (answers.json)"),
    "no_idempotency": (("saas-v2", "saas-v1"),
                       "a repeated newInstance creates a second instance "
                       "(newInstance.idempotent)"),
    "never_ready": (("saas-v2",), "after 000004 the instance never gets its app info "
                                  "(newInstance.async)"),
    "bad_credentials": (("saas-v2", "saas-v1"),
                        "credentials are encrypted with another key (credentials.encrypted)"),
    "ignore_signature": (FAMILIES, "a wrong signature is accepted (security.wrong_signature)"),
    "ignore_timestamp": (FAMILIES, "a stale timestamp is accepted (security.stale_timestamp)"),
    "accept_replay": (("saas-v2", "license", "kit"),
                      "a replayed nonce is accepted (security.replayed_nonce)"),
    "release_again_fails": (FAMILIES, "releasing again answers 000003 (releaseInstance.again, "
                                      "releaseLicenseCode.again, tenantSync.delete_again)"),
    "bad_body_sign": (("saas-v1",), "the Body-Sign header is wrong (answers.body_sign)"),
}

#: The request the ``slow`` switch delays, per family (once per run).
SLOW_ACTIVITY = {"saas-v2": "orderNotify", "saas-v1": "instanceStatus",
                 "license": "releaseLicenseCode", "kit": "allOrgSync"}
WINDOW_S = 60.0  # §6.1
SLOW_S = 5.5  # past KooGallery's 5 s (§1)
PROVISION_S = 0.2  # how long an instance takes to provision after 000004


def switches_for(family: str) -> list[str]:
    return [name for name, (families, _) in SWITCHES.items() if family in families]


@dataclass
class _Instance:
    instance_id: str
    ready_at: float
    released: bool = False
    status: str = "NORMAL"


@dataclass
class _State:
    """What the seller's server keeps: instances by id and by order line, nonces, licenses."""

    instances: dict[str, _Instance] = field(default_factory=dict)
    by_order_line: dict[str, str] = field(default_factory=dict)
    nonces: dict[str, float] = field(default_factory=dict)
    released_licenses: set[str] = field(default_factory=set)
    tenants: set[str] = field(default_factory=set)
    slow_done: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


class ReferenceEndpoint:
    """A reference production interface of ``family`` on a local port, signed with ``key``.

    ``switches``: names of :data:`SWITCHES` that break it (an unknown one or one of another
    family is refused with ``ValueError``). ``start()`` returns the production URL.
    """

    def __init__(self, family: str = "saas-v2", key: str = DEMO_ISV_KEY,
                 switches: tuple[str, ...] | list[str] = (), host: str = "127.0.0.1",
                 port: int = 0, tls: ssl.SSLContext | None = None) -> None:
        if family not in FAMILIES:
            raise ValueError(f"unknown family {family!r} (choose from {', '.join(FAMILIES)})")
        for name in switches:
            if name not in switches_for(family):
                raise ValueError(f"no switch {name!r} for {family} (choose from "
                                 f"{', '.join(switches_for(family))})")
        self.family = family
        self.key = key
        self.switches = frozenset(switches)
        self.host = host
        self.port = port
        self.tls = tls  # serve HTTPS with this server context (tests of the certificate check)
        self.state = _State()
        self.url = ""
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> str:
        endpoint = self

        class Handler(_Handler):
            owner = endpoint

        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        if self.tls is not None:
            self._server.socket = self.tls.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="reference-endpoint", daemon=True)
        self._thread.start()
        path = "/saasproduce" if self.family != "kit" else ""
        scheme = "https" if self.tls is not None else "http"
        self.url = f"{scheme}://{self.host}:{self.port}{path}"
        return self.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def __enter__(self) -> ReferenceEndpoint:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # -- checks every request passes -------------------------------------------------------------

    def fresh(self, stamp_s: float) -> bool:
        return "ignore_timestamp" in self.switches or abs(time.time() - stamp_s) <= WINDOW_S

    def first_use(self, nonce: str) -> bool:
        if "accept_replay" in self.switches:
            return True
        now = time.time()
        with self.state.lock:
            for old in [n for n, t in self.state.nonces.items() if now - t > 2 * WINDOW_S]:
                del self.state.nonces[old]
            if nonce in self.state.nonces:
                return False
            self.state.nonces[nonce] = now
            return True

    def signature_ok(self, given: str, expected: str) -> bool:
        return "ignore_signature" in self.switches or signing.signatures_equal(given, expected)

    def maybe_slow(self, activity: str) -> None:
        if "slow" in self.switches and activity == SLOW_ACTIVITY[self.family]:
            with self.state.lock:
                if self.state.slow_done:
                    return
                self.state.slow_done = True
            time.sleep(SLOW_S)  # the break itself: a seller's server that is too slow

    def credential(self, plain: str) -> str:
        key = "another-key" if "bad_credentials" in self.switches else self.key
        return signing.encrypt_credential(key, plain, bits=256)


def _result(code: str, message: str = "", **extra: Any) -> dict[str, Any]:
    return {"resultCode": code, "resultMsg": message or _MESSAGES.get(code, ""), **extra}


_MESSAGES = {"000000": "success", "000001": "authentication failed",
             "000002": "invalid request parameter", "000003": "instance does not exist",
             "000004": "processing"}


class _Handler(BaseHTTPRequestHandler):
    owner: ReferenceEndpoint
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once (no delayed-ACK stalls)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        return  # quiet: the tester's report shows every exchange

    # -- transport -------------------------------------------------------------------------------

    def _reply(self, payload: dict[str, Any], status: int = 200) -> None:
        owner = self.owner
        body = json.dumps(payload, separators=(",", ":"), ensure_ascii=True).encode()
        sign_key = "wrong" + owner.key if "bad_body_sign" in owner.switches else owner.key
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=UTF-8"
                         if "html_content_type" in owner.switches
                         else "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Body-Sign", signing.body_sign_header(sign_key, body))
        self.end_headers()
        self.wfile.write(body)

    def _read(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.owner.family != "saas-v1":
            self._reply(_result("000002", "use POST"), 405)
            return
        params = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
        self._reply(self._v1(params))

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        raw = self._read()
        owner = self.owner
        if owner.family == "saas-v1":
            self._reply(_result("000002", "use GET"), 405)
            return
        try:
            body = json.loads(raw)
            if not isinstance(body, dict):
                raise ValueError("not an object")
        except ValueError:
            self._reply(_result("000002", "the body is not a JSON object"))
            return
        if owner.family == "kit":
            refused = self._kit_refusal(raw)
            name = urlsplit(self.path).path.rsplit("/", 1)[-1]
            self._reply(refused or self._kit(name, body))
            return
        refused = self._v2_refusal(raw)
        if refused is not None:
            self._reply(refused)
        elif owner.family == "license":
            self._reply(self._license(body))
        else:
            self._reply(self._v2(body))

    # -- request authentication ------------------------------------------------------------------

    def _v2_refusal(self, raw: bytes) -> dict[str, Any] | None:
        owner = self.owner
        query = dict(parse_qsl(urlsplit(self.path).query))
        sig, stamp, nonce = (query.get(k, "") for k in ("signature", "timestamp", "nonce"))
        if not (sig and stamp.isdigit() and nonce):
            return _result("000001", "signature, timestamp and nonce are required")
        if not owner.signature_ok(sig, signing.v2_signature(owner.key, nonce, stamp, raw)):
            return _result("000001", "signature does not match")
        if not owner.fresh(int(stamp) / 1000):
            return _result("000001", "timestamp outside the 60 s window")
        if not owner.first_use(nonce):
            return _result("000001", "nonce already used")
        return None

    def _kit_refusal(self, raw: bytes) -> dict[str, Any] | None:
        owner = self.owner
        sig, stamp, nonce = (self.headers.get(k, "") for k in ("x-sign", "x-timestamp",
                                                               "x-nonce"))
        if not (sig and stamp.isdigit() and nonce):
            return _result("000001", "x-sign, x-timestamp and x-nonce are required")
        if not owner.signature_ok(sig, signing.kit_signature(owner.key, nonce, stamp, raw)):
            return _result("000001", "x-sign does not match")
        if not owner.fresh(int(stamp) / 1000):
            return _result("000001", "x-timestamp outside the 60 s window")
        if not owner.first_use(nonce):
            return _result("000001", "x-nonce already used")
        return None

    # -- SaaS V2 (§2) ----------------------------------------------------------------------------

    def _v2(self, body: dict[str, Any]) -> dict[str, Any]:
        owner, state = self.owner, self.owner.state
        activity = str(body.get("activity", ""))
        owner.maybe_slow(activity)
        if activity == "newInstance":
            return self._create(body, ("orderId", "orderLineId", "businessId"), sync=False)
        if activity == "queryInstance":
            ids = [i for i in str(body.get("instanceId", "")).split(",") if i]
            found = [state.instances[i] for i in ids if i in state.instances]
            if not found:
                return _result("000003")
            return _result("000000", info=[self._info(inst) for inst in found])
        if activity == "orderNotify":
            return _result("000000") if body.get("orderId") else _result("000002")
        if activity in ("refreshInstance", "updateInstanceStatus", "upgradeInstance",
                        "changeInstanceCheck", "releaseInstance"):
            return self._change(activity, body)
        return _result("000002", f"unknown activity {activity!r}")

    def _create(self, body: dict[str, Any], required: tuple[str, ...], *,
                sync: bool) -> dict[str, Any]:
        owner, state = self.owner, self.owner.state
        if any(not body.get(k) for k in required):
            return _result("000002", "missing " + ", ".join(k for k in required
                                                            if not body.get(k)))
        line = f"{body['orderId']}/{body.get('orderLineId', '')}"
        with state.lock:
            known = state.by_order_line.get(line)
            if known is None or "no_idempotency" in owner.switches:
                known = str(body["businessId"]) if known is None else str(uuid.uuid4())
                state.by_order_line.setdefault(line, known)
                ready = time.monotonic() + (0 if sync else PROVISION_S)
                state.instances[known] = _Instance(known, ready)
            instance = state.instances[known]
        if sync:
            return _result("000000", instanceId=instance.instance_id, encryptType="1",
                           appInfo=self._app_info(instance))
        ready = time.monotonic() >= instance.ready_at
        return _result("000000" if ready else "000004", instanceId=instance.instance_id)

    def _app_info(self, instance: _Instance) -> dict[str, str]:
        return {"frontEndUrl": f"https://app.example.com/{instance.instance_id}",
                "adminUrl": f"https://admin.example.com/{instance.instance_id}",
                "userName": self.owner.credential("admin"),
                "password": self.owner.credential("Welcome-" + instance.instance_id[:8]),
                "memo": "Reference endpoint 参考端点"}

    def _info(self, instance: _Instance) -> dict[str, Any]:
        entry: dict[str, Any] = {"instanceId": instance.instance_id}
        ready = time.monotonic() >= instance.ready_at
        if ready and "never_ready" not in self.owner.switches:
            entry["appInfo"] = self._app_info(instance)
            entry["encryptType"] = "1"
        return entry

    def _change(self, activity: str, body: dict[str, Any]) -> dict[str, Any]:
        owner, state = self.owner, self.owner.state
        instance = state.instances.get(str(body.get("instanceId", "")))
        if instance is None:
            return _result("000003")
        if activity in ("releaseInstance", "expireInstance"):
            if instance.released and activity == "releaseInstance" \
                    and "release_again_fails" in owner.switches:
                return _result("000003", "instance already released")
            instance.released = activity == "releaseInstance" or instance.released
            return _result("000000")
        if instance.released:
            return _result("000003", "instance released")
        if activity == "updateInstanceStatus" and body.get("status") not in ("FREEZE",
                                                                             "UNFREEZE"):
            return _result("000002", "status is FREEZE or UNFREEZE")
        if activity == "refreshInstance" and not str(body.get("expireTime", "")).isdigit():
            return _result("000002", "expireTime is yyyyMMddHHmmss")
        return _result("000000")

    # -- SaaS V1 (§3) ----------------------------------------------------------------------------

    def _v1(self, params: dict[str, str]) -> dict[str, Any]:
        owner = self.owner
        token, stamp = params.get("authToken", ""), params.get("timeStamp", "")
        expected = signing.v1_auth_token(owner.key, params)
        if "ignore_signature" not in owner.switches \
                and not hmac.compare_digest(token.encode(), expected.encode()):
            return _result("000001", "authToken does not match")
        try:
            sent = datetime.strptime(stamp, "%Y%m%d%H%M%S%f").replace(tzinfo=UTC)
        except ValueError:
            return _result("000001", "timeStamp is yyyyMMddHHmmssSSS")
        if not owner.fresh(sent.timestamp()):
            return _result("000001", "timeStamp outside the 60 s window")
        activity = params.get("activity", "")
        owner.maybe_slow(activity)
        if activity == "newInstance":
            return self._create(params, ("customerId", "businessId", "orderId", "skuCode",
                                         "productId"), sync=True)
        if activity == "queryInstance":
            instance = owner.state.instances.get(params.get("instanceId", ""))
            if instance is None:
                return _result("000003")
            return _result("000000", encryptType="1", info=[self._info(instance)])
        if activity in ("refreshInstance", "expireInstance", "releaseInstance", "upgrade",
                        "instanceStatus"):
            return self._change(activity, params)
        return _result("000002", f"unknown activity {activity!r}")

    # -- License 2.0 (§5) -------------------------------------------------------------------------

    def _license(self, body: dict[str, Any]) -> dict[str, Any]:
        owner, state = self.owner, self.owner.state
        activity = str(body.get("activity", ""))
        code = str(body.get("license", ""))
        owner.maybe_slow(activity)
        if not code:
            return _result("000002", "license is required")
        if activity == "releaseLicenseCode":
            if code in state.released_licenses and "release_again_fails" in owner.switches:
                return _result("000003", "license code already released")
            state.released_licenses.add(code)
            return _result("000000")
        if code in state.released_licenses:
            return _result("000003", "license code released")
        if activity == "refreshLicenseCode":
            if body.get("scene") not in ("RENEWAL", "UNSUBSCRIBE_RENEWAL_PERIOD",
                                         "TRIAL_TO_FORMAL"):
                return _result("000002", "unknown scene")
            return _result("000000")
        if activity == "updateLicenseCodeStatus":
            ok = body.get("status") in ("FREEZE", "UNFREEZE")
            return _result("000000") if ok else _result("000002", "status is FREEZE/UNFREEZE")
        return _result("000002", f"unknown activity {activity!r}")

    # -- 联营Kit V2 (§4) ----------------------------------------------------------------------------

    def _kit(self, name: str, body: dict[str, Any]) -> dict[str, Any]:
        owner, state = self.owner, self.owner.state
        owner.maybe_slow(name)
        tenant = str(body.get("tenantId", ""))
        if not tenant:
            return _result("000002", "tenantId is required")
        if name == "tenantSync":
            flag = body.get("flag")
            if flag == 0:
                if tenant not in state.tenants and "release_again_fails" in owner.switches:
                    return _result("000003", "tenant already deleted")
                state.tenants.discard(tenant)
            elif flag in (1, 2):
                state.tenants.add(tenant)
            else:
                return _result("000002", "flag is 0, 1 or 2")
            return _result("000000")
        if name in ("authSync", "singleOrgSync", "allOrgSync", "applicationSync"):
            return _result("000000")
        return _result("000002", f"unknown interface {name!r}")
