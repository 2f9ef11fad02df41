"""What the tester sends for each family, in the order KooGallery would, and which check judges
each answer (``domain/interfaces.md`` §2 SaaS V2, §3 SaaS V1, §4 联营Kit V2, §5 License 2.0).

Every request carries ``testFlag`` (``"1"``; kit: Integer ``1``), so a seller's server keeps
the data out of production and billing, as it does for KooGallery's own dial tests (§2.11).
Orders, instances and tenants are made up per run (``CONFORM…``) so runs never collide.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from app.services.integration.caller import Answer, Tamper
from app.services.integration.report import Finding
from app.services.integration.rules import (
    AUTH_FAILED,
    IN_PROGRESS,
    INSTANCE_ID_MAX,
    KIT_V2_PREFIX,
    LICENSE_REFRESH_SCENES,
    MEMO_MAX,
    NOT_FOUND,
    SUCCESS,
    URL_MAX,
    V2_REFRESH_SCENES,
)
from app.services.integration.tester import Run

_BEIJING = timezone(timedelta(hours=8))


def _order_id() -> str:
    return "CONFORM" + datetime.now(UTC).strftime("%y%m%d%H%M%S") + secrets.token_hex(3).upper()


def _expire_time(digits: int) -> str:
    when = datetime.now(UTC) + timedelta(days=365)
    return when.strftime("%Y%m%d%H%M%S") + ("000" if digits == 17 else "")


def _instance(answer: Answer) -> str | None:
    value = (answer.data or {}).get("instanceId")
    return str(value) if value else None


def _info_for(answer: Answer, instance: str) -> dict[str, Any] | None:
    info = (answer.data or {}).get("info")
    if not isinstance(info, list):
        return None
    for entry in info:
        if isinstance(entry, dict) and str(entry.get("instanceId")) == instance:
            return entry
    return None


def _app_info_ready(answer: Answer, instance: str) -> bool:
    entry = _info_for(answer, instance)
    app = entry.get("appInfo") if entry else None
    return answer.code == SUCCESS and isinstance(app, dict) and bool(app.get("frontEndUrl"))


def _credentials(answers: list[Answer]) -> list[tuple[Answer, str, str, str]]:
    """Every ``appInfo.userName``/``password`` in the answers, with its ``encryptType``."""
    found = []
    for answer in answers:
        data = answer.data or {}
        apps = [(data.get("appInfo"), data.get("encryptType"))]
        info = data.get("info")
        if isinstance(info, list):
            apps += [(e.get("appInfo"), e.get("encryptType", data.get("encryptType")))
                     for e in info if isinstance(e, dict)]
        for app, encrypt_type in apps:
            if not isinstance(app, dict):
                continue
            for field in ("userName", "password"):
                value = app.get(field)
                if isinstance(value, str) and value:
                    found.append((answer, field, value, str(encrypt_type or app.get(
                        "encryptType") or "")))
    return found


def _query_shape(run: Run, name: str, answer: Answer, instance: str | None) -> None:
    """§2.3: queryInstance finds the instance; every appInfo field within its limit."""
    if instance is None:
        run.add(name, "skipped", [Finding("no_instance", {})], [answer])
        return
    if answer.code != SUCCESS:
        run.add(name, "failed", [run.why_not(answer)], [answer])
        return
    entry = _info_for(answer, instance)
    if entry is None:
        run.add(name, "failed", [Finding("instance_missing", {"id": instance})], [answer])
        return
    problems = []
    app = entry.get("appInfo")
    if isinstance(app, dict):
        if not app.get("frontEndUrl"):
            problems.append(Finding("field_missing", {"field": "appInfo.frontEndUrl"}))
        for field, limit in (("frontEndUrl", URL_MAX), ("adminUrl", URL_MAX), ("memo", MEMO_MAX)):
            value = app.get(field)
            if isinstance(value, str) and len(value) > limit:
                problems.append(Finding("field_too_long", {
                    "field": f"appInfo.{field}", "length": str(len(value)),
                    "limit": str(limit)}))
        memo = app.get("memo")
        if isinstance(memo, str) and not memo.isascii() and not answer.body.isascii():
            problems.append(Finding("memo_not_escaped", {}))
    run.add(name, "failed" if problems else "passed",
            problems or [Finding("instance_found", {"id": instance})], [answer])


def _new_instance_shape(run: Run, answer: Answer) -> None:
    if answer.code in (SUCCESS, IN_PROGRESS):
        instance = _instance(answer)
        if instance is None:
            run.add("newInstance", "failed", [Finding("field_missing",
                                                      {"field": "instanceId"})], [answer])
        elif len(instance) > INSTANCE_ID_MAX:
            run.add("newInstance", "failed", [Finding("field_too_long", {
                "field": "instanceId", "length": str(len(instance)),
                "limit": str(INSTANCE_ID_MAX)})], [answer])
        else:
            run.add("newInstance", "passed", [Finding("answered_code", {
                "code": str(answer.code), "message": ""})], [answer])
    else:
        run.add("newInstance", "failed", [run.why_not(answer)], [answer])


def _skip(run: Run, names: list[str]) -> None:
    for name in names:
        run.add(name, "skipped", [Finding("no_instance", {})])


def _refusals_v2(run: Run, query: Callable[[str, Tamper], Answer]) -> None:
    run.refusal("security.wrong_signature", query("queryInstance (wrong signature)",
                                                  Tamper.WRONG_SIGNATURE))
    run.refusal("security.stale_timestamp", query("queryInstance (stale timestamp)",
                                                  Tamper.STALE_TIMESTAMP))
    valid = query("queryInstance (before replay)", Tamper.NONE)
    run.replay_refusal("security.replayed_nonce", valid, run.replay("queryInstance (replayed)"))


def _provision(run: Run, create: Callable[[str], Answer],
               query: Callable[[str, str], Answer], *, v1: bool) -> str | None:
    """newInstance, the polling after 000004, the repeat for the same order (line), queryInstance
    and the credentials in the answers: the instance made, or None."""
    first = create("newInstance")
    _new_instance_shape(run, first)
    instance = _instance(first)
    polled: list[Answer] = []

    def poll_once() -> Answer:
        answer = query("queryInstance (after 000004)", instance or "")
        polled.append(answer)
        return answer

    run.poll("newInstance.async", first, poll_once,
             lambda a: instance is not None and _app_info_ready(a, instance))
    again = create("newInstance (again, same order)" if v1 else
                   "newInstance (again, same order line)")
    run.idempotent("newInstance.idempotent", first, again, "instanceId")
    found = query("queryInstance", instance or "")
    _query_shape(run, "queryInstance", found, instance)
    run.credentials("credentials.encrypted", _credentials([first, again, *polled, found]),
                    must_encrypt=v1)
    return instance


# -- SaaS V2 (§2) --------------------------------------------------------------------------------


def saas_v2(run: Run) -> None:
    order = _order_id()
    line = order + "-000001"

    def create(label: str) -> Answer:
        return run.post(label, {"activity": "newInstance", "orderId": order, "orderLineId": line,
                                "businessId": str(uuid.uuid4()), "testFlag": "1"})

    def query_id(label: str, instance_id: str, tamper: Tamper = Tamper.NONE) -> Answer:
        return run.post(label, {"activity": "queryInstance", "instanceId": instance_id,
                                "testFlag": "1"}, tamper)

    instance = _provision(run, create, query_id, v1=False)

    def query(label: str, tamper: Tamper = Tamper.NONE) -> Answer:
        return query_id(label, instance or "", tamper)

    if instance is None:  # nothing to renew or release; the refusals are still judged
        instance = "CONFORM-NO-INSTANCE"
        _skip(run, [*(f"refreshInstance.{s}" for s in V2_REFRESH_SCENES),
                    "updateInstanceStatus.FREEZE", "updateInstanceStatus.UNFREEZE",
                    "upgradeInstance", "changeInstanceCheck", "orderNotify"])
        _refusals_v2(run, query)
        _skip(run, ["releaseInstance", "releaseInstance.again"])
        return
    for scene in V2_REFRESH_SCENES:
        renewal = _order_id()
        answer = run.post(f"refreshInstance {scene}", {
            "activity": "refreshInstance", "scene": scene, "orderId": renewal,
            "orderLineId": renewal + "-000001", "instanceId": instance,
            "expireTime": _expire_time(run.settings.expire_time_digits), "testFlag": "1"})
        run.activity(f"refreshInstance.{scene}", answer)
    for status in ("FREEZE", "UNFREEZE"):
        answer = run.post(f"updateInstanceStatus {status}", {
            "activity": "updateInstanceStatus", "instanceId": instance, "status": status,
            "testFlag": "1"})
        run.activity(f"updateInstanceStatus.{status}", answer)
    change = _order_id()
    run.activity("upgradeInstance", run.post("upgradeInstance", {
        "activity": "upgradeInstance", "instanceId": instance, "orderId": change,
        "orderLineId": change + "-000001", "testFlag": "1"}))
    check = run.post("changeInstanceCheck", {
        "activity": "changeInstanceCheck", "instanceId": instance, "testFlag": "1",
        "productInfo": {"productId": "CONFORMPRODUCT", "skuCode": "CONFORMSKU",
                        "linearValue": 10, "productName": "Conformance test"}})
    if check.code not in (SUCCESS, None, AUTH_FAILED):
        run.add("changeInstanceCheck", "warning", [run.why_not(check),
                                                   Finding("change_refused", {})], [check])
    else:
        run.activity("changeInstanceCheck", check)
    notice = _order_id()
    run.activity("orderNotify", run.post("orderNotify", {
        "activity": "orderNotify", "orderId": notice, "orderLineId": notice + "-000001",
        "testFlag": "1"}), failing="warning")
    _refusals_v2(run, query)
    unsubscribe = _order_id()
    release = {"activity": "releaseInstance", "instanceId": instance, "orderId": unsubscribe,
               "orderLineId": unsubscribe + "-000001", "testFlag": "1"}
    run.activity("releaseInstance", run.post("releaseInstance", release))
    run.release_again("releaseInstance.again", run.post("releaseInstance (again)", release))


# -- SaaS V1 (§3) --------------------------------------------------------------------------------


def saas_v1(run: Run) -> None:
    order = _order_id()
    product = {"productId": "CONFORMPRODUCT", "skuCode": "CONFORMSKU"}

    def create(label: str) -> Answer:
        return run.get(label, {"activity": "newInstance", "customerId": "conform-customer",
                               "customerName": "conformance", "businessId": str(uuid.uuid4()),
                               "orderId": order, **product, "trialFlag": "0",
                               "expireTime": _expire_time(14), "chargingMode": "1",
                               "periodType": "year", "periodNumber": "1", "testFlag": "1"})

    def query_id(label: str, instance_id: str, tamper: Tamper = Tamper.NONE) -> Answer:
        return run.get(label, {"activity": "queryInstance", "instanceId": instance_id,
                               "testFlag": "1"}, tamper)

    instance = _provision(run, create, query_id, v1=True)

    def query(label: str, tamper: Tamper = Tamper.NONE) -> Answer:
        return query_id(label, instance or "", tamper)

    if instance is None:  # nothing to renew or release; the refusals are still judged
        instance = "CONFORM-NO-INSTANCE"
        _skip(run, ["refreshInstance", "expireInstance", "upgrade", "instanceStatus"])
        _refusals_v1(run, query)
        _skip(run, ["releaseInstance", "releaseInstance.again"])
        return
    renewal = _order_id()
    run.activity("refreshInstance", run.get("refreshInstance", {
        "activity": "refreshInstance", "orderId": renewal, "instanceId": instance,
        "expireTime": _expire_time(14), "periodType": "year", "periodNumber": "1",
        "orderAmount": "0.000", "testFlag": "1"}))
    run.activity("expireInstance", run.get("expireInstance", {
        "activity": "expireInstance", "instanceId": instance, "orderId": order,
        "testFlag": "1"}))
    change = _order_id()
    run.activity("upgrade", run.get("upgrade", {
        "activity": "upgrade", "instanceId": instance, "orderId": change, **product,
        "testFlag": "1"}))
    run.activity("instanceStatus", run.get("instanceStatus (pay-per-use)", {
        "activity": "instanceStatus", "instanceId": instance, "instanceStatus": "NORMAL",
        "testFlag": "1"}), failing="warning")
    _refusals_v1(run, query)
    release = {"activity": "releaseInstance", "instanceId": instance, "orderId": order,
               "testFlag": "1"}
    run.activity("releaseInstance", run.get("releaseInstance", release))
    run.release_again("releaseInstance.again", run.get("releaseInstance (again)", release))


def _refusals_v1(run: Run, query: Callable[[str, Tamper], Answer]) -> None:
    run.refusal("security.wrong_signature", query("queryInstance (wrong authToken)",
                                                  Tamper.WRONG_SIGNATURE))
    if run.settings.v1_stale_probe:
        run.refusal("security.stale_timestamp", query("queryInstance (stale timeStamp)",
                                                      Tamper.STALE_TIMESTAMP))
    run.add("security.replayed_nonce", "skipped", [Finding("v1_no_nonce", {})])


# -- License 2.0 seller interfaces (§5) ----------------------------------------------------------


def license_v2(run: Run) -> None:
    code = run.settings.license_code or "CONFORM-" + secrets.token_hex(8).upper()
    made_up = not run.settings.license_code

    def judge(name: str, answer: Answer) -> None:
        if made_up and answer.code == NOT_FOUND:
            run.add(name, "warning", [Finding("license_unknown", {"code": code})], [answer])
        else:
            run.activity(name, answer)

    scenes = LICENSE_REFRESH_SCENES + (("TRIAL_TO_FORMAL",)
                                       if run.settings.license_trial_to_formal else ())
    for scene in scenes:
        order = _order_id()
        judge(f"refreshLicenseCode.{scene}", run.post(f"refreshLicenseCode {scene}", {
            "activity": "refreshLicenseCode", "scene": scene, "orderId": order,
            "orderLineId": order + "-000001", "license": code,
            "expireTime": _expire_time(14), "testFlag": "1"}))
    for status in ("FREEZE", "UNFREEZE"):
        judge(f"updateLicenseCodeStatus.{status}", run.post(f"updateLicenseCodeStatus {status}", {
            "activity": "updateLicenseCodeStatus", "license": code, "status": status,
            "testFlag": "1"}))

    def status_call(label: str, tamper: Tamper = Tamper.NONE) -> Answer:
        return run.post(label, {"activity": "updateLicenseCodeStatus", "license": code,
                                "status": "UNFREEZE", "testFlag": "1"}, tamper)

    run.refusal("security.wrong_signature", status_call("updateLicenseCodeStatus (wrong "
                                                        "signature)", Tamper.WRONG_SIGNATURE))
    run.refusal("security.stale_timestamp", status_call("updateLicenseCodeStatus (stale "
                                                        "timestamp)", Tamper.STALE_TIMESTAMP))
    valid = status_call("updateLicenseCodeStatus (before replay)")
    run.replay_refusal("security.replayed_nonce", valid,
                       run.replay("updateLicenseCodeStatus (replayed)"))
    release = {"activity": "releaseLicenseCode", "license": code, "testFlag": "1"}
    judge("releaseLicenseCode", run.post("releaseLicenseCode", release))
    run.release_again("releaseLicenseCode.again", run.post("releaseLicenseCode (again)",
                                                           release))


# -- 联营Kit V2 (§4) -------------------------------------------------------------------------------


def kit_v2(run: Run) -> None:
    instance = run.settings.kit_instance_id or "conform-" + secrets.token_hex(6)
    tenant = "conform-tenant-" + secrets.token_hex(4)

    def stamp() -> str:  # §4: UTC+8, yyyyMMddHHmmssSSS
        return datetime.now(_BEIJING).strftime("%Y%m%d%H%M%S%f")[:17]

    def send(label: str, name: str, body: dict[str, Any],
             tamper: Tamper = Tamper.NONE) -> Answer:
        full = {"instanceId": instance, "tenantId": tenant, "testFlag": 1,
                "timeStamp": stamp(), **body}
        return run.post(label, full, tamper, path=KIT_V2_PREFIX + name)

    def tenant_sync(flag: int, label: str, tamper: Tamper = Tamper.NONE) -> Answer:
        return send(label, "tenantSync", {"orderId": _order_id(), "tenantCode": tenant,
                                          "name": "Conformance Co", "domainName": tenant,
                                          "flag": flag}, tamper)

    run.activity("tenantSync.add", tenant_sync(1, "tenantSync add"))
    run.activity("tenantSync.add_again", tenant_sync(1, "tenantSync add (again)"))
    run.activity("tenantSync.modify", tenant_sync(2, "tenantSync modify"))
    user = {"userName": "conform.user", "name": "Conformance User", "orgCode": "conform-org",
            "role": "user", "enable": "true"}

    def auth_sync(flag: int, label: str) -> Answer:
        return send(label, "authSync", {"appId": "conform-app", "userList": [user],
                                        "currentSyncTime": stamp(), "flag": flag})

    run.activity("authSync.add", auth_sync(1, "authSync add"))
    run.activity("authSync.delete", auth_sync(0, "authSync delete"))
    run.activity("authSync.delete_again", auth_sync(0, "authSync delete (again)"))
    if run.settings.kit_single_org_sync:
        run.activity("singleOrgSync", send("singleOrgSync", "singleOrgSync", {
            "orgCode": "conform-org", "orgName": "Conformance", "parentCode": "", "flag": 1}))
    run.activity("allOrgSync", send("allOrgSync", "allOrgSync", {"orgInfoList": [
        {"orgCode": "conform-org", "orgName": "Conformance", "parentCode": ""}]}))
    run.refusal("security.wrong_signature", tenant_sync(2, "tenantSync (wrong x-sign)",
                                                        Tamper.WRONG_SIGNATURE))
    run.refusal("security.stale_timestamp", tenant_sync(2, "tenantSync (stale x-timestamp)",
                                                        Tamper.STALE_TIMESTAMP))
    valid = tenant_sync(2, "tenantSync (before replay)")
    run.replay_refusal("security.replayed_nonce", valid, run.replay("tenantSync (replayed)"))
    run.activity("tenantSync.delete", tenant_sync(0, "tenantSync delete"))
    run.release_again("tenantSync.delete_again", tenant_sync(0, "tenantSync delete (again)"))


SCRIPTS: dict[str, Callable[[Run], None]] = {
    "saas-v2": saas_v2, "saas-v1": saas_v1, "license": license_v2, "kit": kit_v2,
}
