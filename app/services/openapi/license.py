"""License 2.0 open APIs (联营License, interfaces.md §7.4): activate, query (heartbeat), usage.

The seller's software hands KooGallery the license code a buyer received; these calls are the
seller's side of it, AK/SK-signed on the profile's open-API host. Each answer is a
:class:`LicenseAnswer`: the code KooGallery returned (``9202xxxx``), whether it worked, and the
license's status and times when it sent them. A refusal KooGallery sends (already activated, not
yet delivered to the buyer, unknown code) is an answer, not an error; only a call that could not
be made (keys refused, host unreachable) raises.

An activation is never retried blindly: a repeat of a lost answer would come back "already
activated" (92020003); :func:`activate` then queries the code, so the answer says what holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from app.errors import ConsoleError
from app.services.marketplace.client import MarketplaceClient, RequestRefused
from app.services.marketplace.wire import (
    LICENSE_ACTIVATE_BATCH_PATH,
    LICENSE_ACTIVATE_PATH,
    LICENSE_QUERY_PATH,
    LICENSE_SOFTWARE_USAGE_PATH,
)
from app.services.openapi.codes import LICENSE_CODES
from app.services.openapi.hosts import LICENSE_BATCH

SUCCESS = "92020000"
ALREADY = "92020003"
_CODE = re.compile(r"^[^\s]{1,64}$")


class LicenseError(ConsoleError):
    """A license code or request that cannot be sent as given (``str()``: why)."""

    default_code = "license_input"


def check_code(code: str) -> str:
    """The code without surrounding blanks; LicenseError when empty, over 64 characters or with
    blanks inside (§7.4: String 64)."""
    value = code.strip()
    if not _CODE.match(value):
        raise LicenseError(
            f"A license code is 1 to 64 characters without blanks; {value[:70]!r} is not.",
            params={"code": value[:70]})
    return value


def _time(value: Any) -> datetime | None:
    """``yyyyMMddHHmmss`` (UTC) -> datetime; anything else -> None."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{14}", value):
        return None
    return datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


@dataclass(frozen=True)
class LicenseAnswer:
    """What KooGallery answered for one license code."""

    license: str
    code: str | None
    message: str
    status: str | None = None
    activate_time: datetime | None = None
    expire_time: datetime | None = None
    order_id: str | None = None
    product_id: str | None = None
    amount: int | None = None
    #: After an activation answered "already activated": the query that followed.
    already_active: bool = False
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.code == SUCCESS

    def to_json(self) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        known = LICENSE_CODES.get(self.code or "")
        return {
            "license": self.license, "ok": self.ok, "code": self.code, "message": self.message,
            "meaning": known.en if known else None,
            "unconfirmed": bool(known and known.unconfirmed),
            "status": self.status, "activateTime": iso(self.activate_time),
            "expireTime": iso(self.expire_time), "orderId": self.order_id,
            "productId": self.product_id, "amount": self.amount,
            "alreadyActive": self.already_active,
        }


def _post(client: MarketplaceClient, path: str, body: dict[str, Any],
          retry: bool) -> dict[str, Any]:
    """POST ``body``; a refusal with a code (HTTP 400 and a 9202xxxx code) is returned as the
    answer it is."""
    try:
        answer: dict[str, Any] = client.call_open_api("POST", path, body=orjson.dumps(body),
                                                      retry=retry)
        return answer
    except RequestRefused as e:
        if e.code is None:
            raise
        return {"error_code": e.code, "error_msg": e.server_message or ""}


def _answer(code: str, answer: dict[str, Any], info: dict[str, Any]) -> LicenseAnswer:
    amount = info.get("amount")
    return LicenseAnswer(
        license=str(info.get("license_code") or code), code=_text(answer.get("error_code")),
        message=str(answer.get("error_msg") or ""), status=_text(info.get("status")),
        activate_time=_time(info.get("activate_time")), expire_time=_time(info.get("expire_time")),
        order_id=_text(info.get("order_id")), product_id=_text(info.get("product_id")),
        amount=amount if isinstance(amount, int) else None, raw=answer)


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def activate(client: MarketplaceClient, code: str,
             real_effect_time: datetime | None = None) -> LicenseAnswer:
    """Activate one code (v1). ``real_effect_time``: when the buyer really got the service (UTC,
    not before the order). "Already activated" is followed by a query, whose facts are shown."""
    value = check_code(code)
    body: dict[str, Any] = {"license": value}
    if real_effect_time is not None:
        if real_effect_time.tzinfo is None:
            raise LicenseError("The effective time needs a time zone.")
        body["real_effect_time"] = real_effect_time.astimezone(UTC).strftime("%Y%m%d%H%M%S")
    answer = _post(client, LICENSE_ACTIVATE_PATH, body, retry=False)
    data = answer.get("data") if isinstance(answer.get("data"), dict) else {}
    info: dict[str, Any] = {}
    raw_info = (data or {}).get("license_code_info")
    if isinstance(raw_info, str):  # a JSON *string* inside the JSON (§7.4)
        try:
            parsed = orjson.loads(raw_info)
            info = parsed if isinstance(parsed, dict) else {}
        except orjson.JSONDecodeError:
            info = {}
    result = _answer(value, answer, info)
    if result.code == ALREADY:
        now = query(client, value)
        if now.ok and now.status == "ALIVE":
            return LicenseAnswer(
                value, result.code, result.message, now.status, now.activate_time,
                now.expire_time, now.order_id, now.product_id, now.amount, True, answer)
    return result


def query(client: MarketplaceClient, code: str) -> LicenseAnswer:
    """Query one code (v1 ``heartbeat``, now "query license"): its status and times."""
    value = check_code(code)
    answer = _post(client, LICENSE_QUERY_PATH, {"license": value}, retry=True)
    data = answer.get("data")
    return _answer(value, answer, data if isinstance(data, dict) else {})


@dataclass(frozen=True)
class BatchAnswer:
    """The v2 batch activation's single answer (KooGallery returns no per-code result)."""

    licenses: tuple[str, ...]
    code: str | None
    message: str

    @property
    def ok(self) -> bool:
        return self.code == SUCCESS

    def to_json(self) -> dict[str, Any]:
        known = LICENSE_CODES.get(self.code or "")
        return {"licenses": list(self.licenses), "ok": self.ok, "code": self.code,
                "message": self.message, "meaning": known.en if known else None}


def activate_batch(client: MarketplaceClient, codes: list[str],
                   real_effect_time: datetime | None = None) -> BatchAnswer:
    """Activate up to 100 codes at once (v2 ``license_list``)."""
    values = [check_code(c) for c in codes]
    if not values:
        raise LicenseError("Give at least one license code.")
    if len(values) > LICENSE_BATCH.value:
        raise LicenseError(f"At most {LICENSE_BATCH.value} license codes per batch; "
                           f"{len(values)} were given.")
    if len(set(values)) != len(values):
        raise LicenseError("A license code appears twice in the batch.")
    body: dict[str, Any] = {"license_list": values}
    if real_effect_time is not None:
        body["real_effect_time"] = real_effect_time.astimezone(UTC).strftime("%Y%m%d%H%M%S")
    answer = _post(client, LICENSE_ACTIVATE_BATCH_PATH, body, retry=False)
    return BatchAnswer(tuple(values), _text(answer.get("error_code")),
                       str(answer.get("error_msg") or ""))


def report_software_usage(client: MarketplaceClient, code: str, user_ids: list[str] | None = None,
                          active_num: int | None = None) -> LicenseAnswer:
    """Report who uses the software under ``code`` (v2 software-usage-info): end-user ids, or a
    count of active users. Field names as printed on KooGallery's page (UNCONFIRMED)."""
    value = check_code(code)
    if user_ids:
        items: list[dict[str, Any]] = [{"id": u[:256]} for u in user_ids[:100]]
    elif active_num is not None and active_num >= 0:
        items = [{"active_num": active_num}]
    else:
        raise LicenseError("Give the users' ids or the number of active users.")
    body = {"usage_info": [{"license": value, "software_usage_Info": items}]}
    answer = _post(client, LICENSE_SOFTWARE_USAGE_PATH, body, retry=True)
    return _answer(value, answer, {})
