"""The local action journal: who did what in the console, when, and whether it was delivered.

Each entry's ``hash`` is SHA-256 over the previous entry's hash and the entry's own canonical JSON
(seq, time, actor, action, target, detail, outbox key). :func:`verify` walks the chain and names the
first entry whose stored content no longer matches: editing, removing or reordering an entry that
has a later entry after it is detected. What the chain cannot show (it is not keyed): removing the
newest entries (truncation), or rewriting the chain from some entry on with freshly computed hashes.
For those, compare the head (:attr:`Verification.head_seq` and :attr:`Verification.head_hash`, shown
by Verify) with a copy kept elsewhere: an exported CSV or an evidence package carries the hashes.
The journal is written in the same transaction as the change it records.
"""

from __future__ import annotations

import csv
import getpass
import hashlib
import io
import json
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from app.models.outbox import JournalEntry

GENESIS = "0" * 64
#: The PostgreSQL advisory lock key that serialises journal appends (any fixed 64-bit number).
JOURNAL_LOCK = 0x5E11E4_10C4A1


def default_actor() -> str:
    """``user@host``: the person at this computer, as the operating system knows them."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


def _canonical(seq: int, at: datetime, actor: str, action: str, target: str,
               detail: dict[str, Any], outbox_key: str | None) -> bytes:
    doc = {
        "seq": seq, "at": at.astimezone(UTC).replace(microsecond=0).isoformat(),
        "actor": actor, "action": action, "target": target, "detail": detail,
        "outbox_key": outbox_key,
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def entry_hash(prev_hash: str, seq: int, at: datetime, actor: str, action: str, target: str,
               detail: dict[str, Any], outbox_key: str | None) -> str:
    digest = hashlib.sha256(prev_hash.encode())
    digest.update(_canonical(seq, at, actor, action, target, detail, outbox_key))
    return digest.hexdigest()


def append(session: Session, actor: str, action: str, target: str,
           detail: dict[str, Any] | None = None, outbox_key: str | None = None,
           now: datetime | None = None) -> JournalEntry:
    """Add one entry in ``session``'s transaction (the caller commits with its own change).

    On a shared PostgreSQL cache the journal's head is locked first (a transaction-level
    advisory lock, released at commit), so two members acting at once never take the same number
    nor chain to the same previous entry; SQLite has one writer at a time already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": JOURNAL_LOCK})
    last = session.execute(
        select(JournalEntry.seq, JournalEntry.hash).order_by(JournalEntry.seq.desc()).limit(1)
    ).first()
    seq = (last.seq + 1) if last else 1
    prev = last.hash if last else GENESIS
    at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    body = detail or {}
    entry = JournalEntry(
        seq=seq, at=at, actor=actor, action=action, target=target, detail=body,
        outbox_key=outbox_key, prev_hash=prev,
        hash=entry_hash(prev, seq, at, actor, action, target, body, outbox_key),
    )
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class Verification:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str = ""
    #: The newest entry checked and its hash, to compare with a copy kept elsewhere (see above).
    head_seq: int = 0
    head_hash: str = GENESIS


def verify_entries(entries: Iterable[JournalEntry]) -> Verification:
    prev = GENESIS
    expected_seq = 1
    count = 0
    for e in entries:
        count += 1
        if e.seq != expected_seq:
            return Verification(False, count, e.seq, f"entry {expected_seq} is missing")
        if e.prev_hash != prev:
            return Verification(False, count, e.seq, f"entry {e.seq} does not follow entry "
                                                      f"{e.seq - 1}")
        if entry_hash(prev, e.seq, e.at, e.actor, e.action, e.target, e.detail or {},
                      e.outbox_key) != e.hash:
            return Verification(False, count, e.seq, f"entry {e.seq} was changed after it was "
                                                      "written")
        prev = e.hash
        expected_seq += 1
    return Verification(True, count, head_seq=expected_seq - 1, head_hash=prev)


def verify(engine: Engine) -> Verification:
    """Re-check the whole chain (streams the entries); see the module docstring for what it can
    and cannot detect."""
    with Session(engine) as session:
        rows = session.execute(select(JournalEntry).order_by(JournalEntry.seq)).scalars()
        return verify_entries(rows)


def count(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(JournalEntry)).scalar_one())


def entries(engine: Engine, limit: int | None = None,
            target: str | None = None) -> list[JournalEntry]:
    """The newest entries first (``target`` narrows to one record, e.g. ``supervision_task:T1``)."""
    with Session(engine, expire_on_commit=False) as session:
        q = select(JournalEntry).order_by(JournalEntry.seq.desc())
        if target is not None:
            q = q.where(JournalEntry.target == target)
        if limit is not None:
            q = q.limit(limit)
        return list(session.execute(q).scalars())


EXPORT_FIELDS = ("seq", "at", "actor", "action", "target", "detail", "outbox_key", "prev_hash",
                 "hash")


def export_csv(engine: Engine) -> str:
    """The whole journal as CSV (oldest first), hashes included so a reader can re-check it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_FIELDS)
    with Session(engine) as session:
        for e in session.execute(select(JournalEntry).order_by(JournalEntry.seq)).scalars():
            writer.writerow([e.seq, e.at.isoformat(), e.actor, e.action, e.target,
                             json.dumps(e.detail, ensure_ascii=False, sort_keys=True),
                             e.outbox_key or "", e.prev_hash, e.hash])
    return out.getvalue()
