"""Usage push for pay-per-use products (按需使用量推送, interfaces.md §7.3), through the outbox.

A seller reports what buyers used from a CSV or XLSX file, one record a row: ``instance_id``,
``record_time``, ``begin_time``, ``end_time``, ``usage_value``, ``metering_sn`` and optionally
``relate_pkg_instance`` (Chinese headers are accepted too). :func:`plan_file` reads the file (size-
and row-limited) and checks every row, naming each refused row by its line with the reason:

* every field present, ids at most 64 characters;
* times readable (``20240306T010000Z``, ISO 8601 with a zone, or ``2024-03-06 01:00:00``; a time
  without a zone is UTC, as KooGallery counts), begin not after end, nothing in the future, and
  ``begin_time`` within the last 21 days (MKT.9004);
* ``usage_value`` > 0 with at most 4 decimals;
* ``metering_sn`` unique in the file; a record whose ``metering_sn`` is already in the outbox (a
  re-run after a crash, the same file twice) is skipped as already queued, never sent again.

:func:`queue_plan` puts the good records in the outbox in batches (``usage.push`` entries, at most
the batch size each; 100 by default, the smaller of the two limits KooGallery's pages give). The
dispatcher sends each batch once, AK/SK-signed with the body signature of §6.7; a crash between a
batch's sending and its answer resends that batch with the same ``metering_sn``\\ s, which
KooGallery (and the sandbox) drop as repeats. :func:`records_status` says where each record is.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ConsoleError
from app.models.outbox import DISCARDED, DONE, NEEDS_ATTENTION, OutboxEntry
from app.services.exchange.import_files import ImportFileError, read_rows
from app.services.exchange.terms import is_chinese
from app.services.marketplace.wire import USAGE_PUSH_PATH
from app.services.openapi.hosts import (
    USAGE_BATCH,
    USAGE_BATCH_MAX,
    USAGE_DECIMALS,
    USAGE_FILE_MAX_BYTES,
    USAGE_FILE_MAX_ROWS,
    USAGE_WINDOW_DAYS,
)
from app.services.outbox.queue import ActionKind, EntryView, Outbox

TARGET = "usage_batch"
KIND = ActionKind("usage.push", TARGET, "POST", USAGE_PUSH_PATH, "Usage push", priority=70,
                  open_api=True)
KINDS = {"push": KIND}

#: The record's fields in the order KooGallery's page lists them (and the bytes are sent in).
FIELDS: tuple[str, ...] = ("instance_id", "record_time", "begin_time", "end_time", "usage_value",
                           "metering_sn", "relate_pkg_instance")
REQUIRED = FIELDS[:-1]
#: Header names per field (compared without blanks, case-insensitively).
HEADERS: dict[str, tuple[str, ...]] = {
    "instance_id": ("instance_id", "instanceid", "实例id", "实例ID", "instance id"),
    "record_time": ("record_time", "recordtime", "记录时间", "record time"),
    "begin_time": ("begin_time", "begintime", "开始时间", "begin time", "start time"),
    "end_time": ("end_time", "endtime", "结束时间", "end time"),
    "usage_value": ("usage_value", "usagevalue", "使用量", "用量", "usage value", "usage"),
    "metering_sn": ("metering_sn", "meteringsn", "计量流水号", "流水号", "metering sn"),
    "relate_pkg_instance": ("relate_pkg_instance", "relatepkginstance", "关联套餐包实例",
                            "package instance"),
}
HW_TIME = "%Y%m%dT%H%M%SZ"
FUTURE_SKEW = timedelta(minutes=5)

#: Why a row is refused: code -> (English, Chinese), ``{field}``/``{line}`` filled in.
REASONS: dict[str, tuple[str, str]] = {
    "missing": ("{field} is empty", "{field} 为空"),
    "too_long": ("{field} is longer than 64 characters", "{field} 超过64个字符"),
    "not_a_time": ("{field} is not a time such as 20240306T010000Z",
                   "{field} 不是时间(例如 20240306T010000Z)"),
    "begin_after_end": ("begin_time is after end_time", "begin_time 晚于 end_time"),
    "in_future": ("{field} is in the future", "{field} 在未来"),
    "too_old": ("begin_time is more than 21 days ago (KooGallery refuses it: MKT.9004)",
                "begin_time 早于21天前(云商店会拒绝:MKT.9004)"),
    "not_a_number": ("usage_value is not a number", "usage_value 不是数字"),
    "not_positive": ("usage_value must be greater than 0", "usage_value 必须大于0"),
    "too_many_decimals": ("usage_value has more than 4 decimals", "usage_value 超过4位小数"),
    "duplicate": ("metering_sn repeats line {line}", "metering_sn 与第{line}行重复"),
}


class UsageFileError(ConsoleError):
    """A usage file that cannot be used at all (unreadable, too large, no such columns)."""

    default_code = "usage_file"


def reason_text(code: str, language: str, **params: Any) -> str:
    en, zh = REASONS[code]
    return (zh if is_chinese(language) else en).format(**params)


@dataclass(frozen=True)
class RowRefusal:
    """A row that will not be sent: its line in the file, its ``metering_sn`` (if any), why."""

    line: int
    metering_sn: str
    reason: str
    params: dict[str, str] = field(default_factory=dict)

    def text(self, language: str) -> str:
        return reason_text(self.reason, language, **self.params)

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "meteringSn": self.metering_sn, "reason": self.reason,
                "message": self.text("en")}


@dataclass(frozen=True)
class UsagePlan:
    """What a file holds: records to send (line, record), refused rows, records already queued."""

    file_name: str
    sha256: str
    records: tuple[tuple[int, dict[str, Any]], ...]
    refused: tuple[RowRefusal, ...]
    already_queued: tuple[str, ...]


def _norm(value: Any) -> str:
    return re.sub(r"[\s*＊:：_]", "", str(value or "")).lower()


_LOOKUP = {_norm(name): f for f, names in HEADERS.items() for name in names}


def _find_header(rows: list[tuple[int, list[Any]]]) -> tuple[int, dict[int, str]]:
    for index, (_line, row) in enumerate(rows[:10]):
        columns = {i: _LOOKUP[_norm(v)] for i, v in enumerate(row) if _norm(v) in _LOOKUP}
        if "metering_sn" in columns.values() and len(columns) >= 3:
            return index, columns
    raise UsageFileError(
        "The file has no header row naming the usage fields (instance_id, record_time, "
        "begin_time, end_time, usage_value, metering_sn).")


def _time(value: Any) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    else:
        text = str(value).strip()
        for fmt in (HW_TIME, "%Y%m%d%H%M%S", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S"):
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        else:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).replace(microsecond=0)


def _value(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise InvalidOperation
    text = repr(value) if isinstance(value, float) else str(value).strip()
    number = Decimal(text)
    if not number.is_finite():
        raise InvalidOperation
    return number


def _check_row(values: dict[str, Any], now: datetime) -> tuple[dict[str, Any] | None,
                                                                str, dict[str, str]]:
    """The record to send, or ``None`` with the reason code and its values."""
    record: dict[str, Any] = {}
    for name in REQUIRED:
        raw = values.get(name)
        if raw is None or str(raw).strip() == "":
            return None, "missing", {"field": name}
    for name in ("instance_id", "metering_sn", "relate_pkg_instance"):
        text = str(values.get(name) or "").strip()
        if len(text) > 64:
            return None, "too_long", {"field": name}
    times: dict[str, datetime] = {}
    for name in ("record_time", "begin_time", "end_time"):
        try:
            times[name] = _time(values[name])
        except (ValueError, TypeError):
            return None, "not_a_time", {"field": name}
        if times[name] > now + FUTURE_SKEW:
            return None, "in_future", {"field": name}
    if times["begin_time"] > times["end_time"]:
        return None, "begin_after_end", {}
    if now - times["begin_time"] > timedelta(days=USAGE_WINDOW_DAYS.value):
        return None, "too_old", {}
    try:
        number = _value(values["usage_value"])
    except (InvalidOperation, ValueError):
        return None, "not_a_number", {}
    if number <= 0:
        return None, "not_positive", {}
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > USAGE_DECIMALS.value:
        return None, "too_many_decimals", {}
    as_float = float(number)
    if Decimal(repr(as_float)) != number:
        return None, "too_many_decimals", {}
    record["instance_id"] = str(values["instance_id"]).strip()
    for name in ("record_time", "begin_time", "end_time"):
        record[name] = times[name].strftime(HW_TIME)
    record["usage_value"] = int(number) if number == number.to_integral_value() else as_float
    record["metering_sn"] = str(values["metering_sn"]).strip()
    pkg = str(values.get("relate_pkg_instance") or "").strip()
    if pkg:
        record["relate_pkg_instance"] = pkg
    return record, "", {}


def queued_metering_sns(outbox: Outbox) -> set[str]:
    """Every ``metering_sn`` in a usage entry not discarded (queued, sending, sent or waiting for
    the seller): what must never be queued again."""
    with Session(outbox.engine) as session:
        payloads = session.execute(
            select(OutboxEntry.payload).where(OutboxEntry.kind == KIND.name,
                                              OutboxEntry.state != DISCARDED)).scalars()
        return {str(r.get("metering_sn")) for p in payloads
                for r in (p or {}).get("usage_records", [])}


def plan_file(path: Path, outbox: Outbox, now: datetime | None = None) -> UsagePlan:
    """Read and check a usage file (see the module docstring); nothing is queued yet."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UsageFileError(f"Cannot read {path.name}: {exc.strerror or exc}.",
                             params={"file": path.name}) from None
    if size > USAGE_FILE_MAX_BYTES:
        raise UsageFileError(
            f"{path.name} is larger than {USAGE_FILE_MAX_BYTES // (1024 * 1024)} MB; split it.",
            failure_code="usage_file_too_large", params={"file": path.name})
    try:
        rows = read_rows(path)
    except ImportFileError as exc:
        raise UsageFileError(str(exc), params={"file": path.name}) from None
    except OSError as exc:
        raise UsageFileError(f"Cannot read {path.name}: {exc.strerror or exc}.",
                             params={"file": path.name}) from None
    header_at, columns = _find_header(rows)
    missing = [f for f in REQUIRED if f not in columns.values()]
    if missing:
        raise UsageFileError(f"{path.name} has no column for {', '.join(missing)}.",
                             failure_code="usage_columns", params={"fields": ", ".join(missing)})
    data = rows[header_at + 1:]
    if len(data) > USAGE_FILE_MAX_ROWS:
        raise UsageFileError(f"{path.name} has more than {USAGE_FILE_MAX_ROWS} rows; split it.",
                             failure_code="usage_file_too_large", params={"file": path.name})
    current = (now or datetime.now(UTC)).astimezone(UTC)
    already = queued_metering_sns(outbox)
    seen: dict[str, int] = {}
    good: list[tuple[int, dict[str, Any]]] = []
    refused: list[RowRefusal] = []
    skipped: list[str] = []
    for line, row in data:
        values = {name: row[i] if i < len(row) else None for i, name in columns.items()}
        sn = str(values.get("metering_sn") or "").strip()
        record, reason, params = _check_row(values, current)
        if record is None:
            refused.append(RowRefusal(line, sn, reason, params))
            continue
        if sn in seen:
            refused.append(RowRefusal(line, sn, "duplicate", {"line": str(seen[sn])}))
            continue
        seen[sn] = line
        if sn in already:
            skipped.append(sn)
            continue
        good.append((line, record))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return UsagePlan(path.name, digest, tuple(good), tuple(refused), tuple(skipped))


def check_batch_size(size: int | None) -> int:
    value = USAGE_BATCH.value if size is None else size
    if not 1 <= value <= USAGE_BATCH_MAX:
        raise UsageFileError(f"The batch size must be 1 to {USAGE_BATCH_MAX}.",
                             failure_code="usage_batch_size")
    return value


def queue_plan(outbox: Outbox, plan: UsagePlan, batch_size: int | None = None) -> list[EntryView]:
    """Queue the plan's records in batches; one outbox entry (one transaction) per batch, so a
    crash while queuing leaves whole batches, and a re-run skips what was queued."""
    size = check_batch_size(batch_size)
    records = [r for _line, r in plan.records]
    entries = []
    for start in range(0, len(records), size):
        batch = records[start:start + size]
        first, last = batch[0]["metering_sn"], batch[-1]["metering_sn"]
        target = f"{plan.sha256[:12]}:{start // size + 1}"
        summary = (f"Usage {len(batch)} records {first}" + (f" … {last}" if last != first else "")
                   + f" ({plan.file_name})")
        entries.append(outbox.enqueue(KIND.name, target, {"usage_records": batch},
                                      summary=summary))
    return entries


@dataclass(frozen=True)
class RecordState:
    """Where one record is: ``sent``, ``queued`` (pending or sending), ``refused`` (the batch
    needs the seller's attention: KooGallery's reason) or ``discarded``."""

    metering_sn: str
    state: str
    entry_id: int
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"meteringSn": self.metering_sn, "state": self.state, "entry": self.entry_id,
                "reason": self.reason}


def records_status(outbox: Outbox, sns: Iterable[str]) -> list[RecordState]:
    """The state of each ``metering_sn`` of ``sns`` found in the outbox (newest entry wins)."""
    wanted = set(sns)
    found: dict[str, RecordState] = {}
    with Session(outbox.engine) as session:
        rows = session.execute(
            select(OutboxEntry.id, OutboxEntry.state, OutboxEntry.last_error,
                   OutboxEntry.last_error_code, OutboxEntry.payload)
            .where(OutboxEntry.kind == KIND.name).order_by(OutboxEntry.id)).all()
    for entry_id, state, error, code, payload in rows:
        word = {DONE: "sent", NEEDS_ATTENTION: "refused", DISCARDED: "discarded"}.get(state,
                                                                                     "queued")
        reason = (f"{code}: {error}" if code and error and not error.startswith(code)
                  else error) if word == "refused" else None
        for r in (payload or {}).get("usage_records", []):
            sn = str(r.get("metering_sn"))
            if sn in wanted:
                found[sn] = RecordState(sn, word, entry_id, reason)
    return [found[sn] for sn in sorted(found)]


def plan_sns(plan: UsagePlan) -> Sequence[str]:
    """Every ``metering_sn`` the plan sends or found already queued."""
    return [r["metering_sn"] for _l, r in plan.records] + list(plan.already_queued)
