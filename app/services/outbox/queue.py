"""The outbox: every write to the marketplace, queued first, delivered exactly once.

How an action travels (DESIGN.md "How data flows", 2):

1. :meth:`Outbox.enqueue` copies the action's files into the :class:`~app.services.outbox.filestore.
   FileStore` (by SHA-256), then writes one :class:`~app.models.outbox.OutboxEntry` with a new
   idempotency key, its file rows and a journal line, in one transaction. From then on the action
   survives a crash, a restart or a week offline, and the user's originals may move.
2. :meth:`Dispatcher.send_due` sends the entries that are due, oldest first within a priority, and
   never one while an earlier entry of the same group (one task's actions) is still open, so the
   order within a task is kept. For each entry it uploads the files not yet uploaded (upload key
   ``<entry key>.<position>``: the marketplace answers a repeated upload key with the same file),
   then sends the action with ``X-Idempotency-Key`` (a repeated key has no second effect).
3. The outcome is always one of: **done** (the answer is stored), **needs attention** (a permanent
   refusal, with the marketplace's reason in words; the user fixes and resends, or discards),
   **pending again** (a transient fault: retried later with exponential backoff; after
   ``max_attempts`` it needs attention rather than retrying for ever), or the run **pauses** for
   everyone (no network: resumes when the marketplace answers; a refused key: stops with a clear
   message until the profile is fixed). Nothing fails silently.

Several consoles may send from one cache (a team on one PostgreSQL, or the window beside a CLI): a
dispatcher claims each entry under a lease with its own name and an expiry (PostgreSQL: ``FOR UPDATE
SKIP LOCKED``), renews it while it uploads, and records the outcome only while it still holds it.

A crash at any point is safe: an entry left in ``sending`` goes back to ``pending`` once its lease
has expired (:meth:`Dispatcher.recover`, at the start of each run) and is sent again with the same
keys; the marketplace drops the repeat. A live lease, another console's, is never taken.

Action kinds are data (:class:`ActionKind`): a name, what it targets, how it is sent and its
priority. Each area declares its own; the composition root (``app/__main__.py``, and the tests'
setup) puts them all in the registry :data:`ACTION_KINDS` with one call,
:func:`app.services.outbox.action_kinds.register_action_kinds`, before any dispatcher is made. Importing
a module registers nothing.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, exists, func, select, update
from sqlalchemy.orm import Session, aliased

from app.errors import ConsoleError
from app.models.outbox import (
    DISCARDED,
    DONE,
    NEEDS_ATTENTION,
    OPEN_STATES,
    PENDING,
    SENDING,
    OutboxEntry,
    OutboxFile,
)
from app.services.marketplace.client import (
    AuthenticationError,
    Cancelled,
    MarketplaceClient,
    MarketplaceError,
    RequestRefused,
    TooManyFaults,
    Unreachable,
)
from app.services.outbox import journal
from app.services.outbox.filestore import FileStore, FileStoreError

log = logging.getLogger("seller_console.outbox")


@dataclass(frozen=True)
class ActionKind:
    """How one kind of action is sent: ``method`` + ``path`` (``{target_id}`` is filled in)."""

    name: str
    target_type: str
    method: str
    path: str
    title: str  # English; views translate it by name
    priority: int = 100
    #: Sent to KooGallery's open-API host with the usage-push body signature (interfaces.md §6.7)
    #: instead of as this project's action: no files, no idempotency header (KooGallery drops a
    #: repeated record by its own key), a ``MKT`` code other than success is a refusal.
    open_api: bool = False


class ActionKinds(Mapping[str, ActionKind]):
    """A registry of action kinds by name, filled by
    :func:`app.services.outbox.action_kinds.register_action_kinds` (registering a kind again is a no-op;
    another kind under a name already taken is a programming error)."""

    def __init__(self) -> None:
        self._kinds: dict[str, ActionKind] = {}

    def register(self, kind: ActionKind) -> ActionKind:
        known = self._kinds.setdefault(kind.name, kind)
        if known != kind:
            raise ValueError(f"two action kinds are named {kind.name!r}")
        return kind

    def __getitem__(self, name: str) -> ActionKind:
        return self._kinds[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)


#: The process's action kinds: empty until the composition root registers them.
ACTION_KINDS = ActionKinds()


class OutboxError(ConsoleError):
    """An action could not be queued or changed; ``str()`` is a sentence for the user."""

    default_code = "outbox"


@dataclass(frozen=True)
class QueuedFile:
    """A file to send with an action, and what it is to the marketplace (``role``)."""

    path: Path
    role: str


@dataclass(frozen=True)
class FileView:
    position: int
    role: str
    file_name: str
    size: int
    sha256: str
    uploaded: bool


@dataclass(frozen=True)
class EntryView:
    """A detached, read-only picture of an outbox entry for lists and the CLI."""

    id: int
    key: str
    kind: str
    target_type: str
    target_id: str
    group_key: str
    state: str
    summary: str
    payload: dict[str, Any]
    attempts: int
    next_attempt_at: datetime | None
    last_error_code: str | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    actor: str
    files: tuple[FileView, ...]
    response: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "id": self.id, "key": self.key, "kind": self.kind, "targetType": self.target_type,
            "targetId": self.target_id, "state": self.state, "summary": self.summary,
            "payload": self.payload, "attempts": self.attempts,
            "nextAttemptAt": iso(self.next_attempt_at), "errorCode": self.last_error_code,
            "error": self.last_error, "createdAt": iso(self.created_at),
            "updatedAt": iso(self.updated_at), "sentAt": iso(self.sent_at), "actor": self.actor,
            "files": [{"role": f.role, "fileName": f.file_name, "size": f.size,
                       "sha256": f.sha256, "uploaded": f.uploaded} for f in self.files],
            "response": self.response,
        }


def _view(e: OutboxEntry) -> EntryView:
    return EntryView(
        e.id, e.key, e.kind, e.target_type, e.target_id, e.group_key, e.state, e.summary,
        dict(e.payload or {}), e.attempts, e.next_attempt_at, e.last_error_code, e.last_error,
        e.created_at, e.updated_at, e.sent_at, e.actor,
        tuple(FileView(f.position, f.role, f.file_name, f.size, f.sha256, f.file_id is not None)
              for f in e.files),
        e.response,
    )


def new_key() -> str:
    return f"ob-{uuid.uuid4().hex}"


class Outbox:
    """Queue, list and manage outbox entries of one cache (thread-safe: a session per call)."""

    def __init__(self, engine: Engine, files: FileStore, actor: str | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self.files = files
        self.actor = actor or journal.default_actor()
        self._clock = clock or (lambda: datetime.now(UTC))

    def now(self) -> datetime:
        return self._clock().astimezone(UTC).replace(microsecond=0)

    def enqueue(self, kind: str, target_id: str, payload: dict[str, Any],
                files: Sequence[QueuedFile] = (), summary: str = "",
                group: str | None = None,
                claim: Callable[[Session, str], None] | None = None) -> EntryView:
        """Queue an action; its files are copied into the file store first. Raises OutboxError
        (a file that cannot be read) before anything is queued.

        ``claim(session, key)`` runs first in the transaction that queues the entry (with the
        entry's idempotency key): it takes what the action is about (e.g. moves an invoice
        draft to ``submitted`` only if it is still submittable, locking its row) or raises, and
        then nothing is queued. Two consoles queuing the same action at once thus queue it once."""
        action = ACTION_KINDS.get(kind)
        if action is None:
            raise OutboxError(f"unknown action kind {kind!r}")
        try:
            stored = [(f.role, self.files.add(f.path)) for f in files]
        except FileStoreError as e:
            raise OutboxError(str(e)) from None
        now = self.now()
        key = new_key()
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            if claim is not None:
                claim(session, key)
            entry = OutboxEntry(
                key=key, kind=kind, target_type=action.target_type, target_id=target_id,
                group_key=group or f"{action.target_type}:{target_id}", priority=action.priority,
                payload=payload, summary=summary, state=PENDING, attempts=0, actor=self.actor,
                created_at=now, updated_at=now,
            )
            for n, (role, s) in enumerate(stored):
                entry.files.append(OutboxFile(position=n, role=role, file_name=s.file_name,
                                              size=s.size, sha256=s.sha256,
                                              content_type=s.content_type))
            session.add(entry)
            session.flush()
            journal.append(session, self.actor, "queued", f"{action.target_type}:{target_id}",
                           {"kind": kind, "summary": summary, "payload": payload,
                            "files": [{"name": s.file_name, "sha256": s.sha256, "role": role}
                                      for role, s in stored]},
                           entry.key, now)
            view = _view(entry)
        log.info("queued %s for %s (%s)", kind, target_id, view.key)
        return view

    def get(self, entry_id: int) -> EntryView:
        with Session(self.engine) as session:
            entry = session.get(OutboxEntry, entry_id)
            if entry is None:
                raise OutboxError(f"there is no outbox entry {entry_id}")
            return _view(entry)

    def entries(self, states: Iterable[str] | None = None, target_id: str | None = None,
                limit: int | None = None) -> list[EntryView]:
        """Newest first."""
        with Session(self.engine) as session:
            q = select(OutboxEntry).order_by(OutboxEntry.id.desc())
            if states is not None:
                q = q.where(OutboxEntry.state.in_(list(states)))
            if target_id is not None:
                q = q.where(OutboxEntry.target_id == target_id)
            if limit is not None:
                q = q.limit(limit)
            return [_view(e) for e in session.execute(q).scalars()]

    def counts(self) -> dict[str, int]:
        """Entries per state (every state present, zero included)."""
        with Session(self.engine) as session:
            rows = session.execute(
                select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)).all()
        result = dict.fromkeys((PENDING, SENDING, NEEDS_ATTENTION, DONE, DISCARDED), 0)
        result.update({state: n for state, n in rows})
        return result

    def open_for(self, target_type: str, target_id: str) -> list[EntryView]:
        """The entries of one record not yet done or discarded, oldest first."""
        with Session(self.engine) as session:
            rows = session.execute(
                select(OutboxEntry).where(OutboxEntry.target_type == target_type,
                                          OutboxEntry.target_id == target_id,
                                          OutboxEntry.state.in_(OPEN_STATES))
                .order_by(OutboxEntry.id)).scalars()
            return [_view(e) for e in rows]

    def discard(self, entry_id: int) -> EntryView:
        """Give up an entry that was not delivered (pending or needing attention)."""
        return self._change(entry_id, "discarded", (PENDING, NEEDS_ATTENTION),
                            lambda e: setattr(e, "state", DISCARDED))

    def resend(self, entry_id: int, payload: dict[str, Any] | None = None) -> EntryView:
        """Send an entry that needs attention again, optionally with a corrected payload (a
        corrected request gets a new idempotency key: it is a different request)."""

        def apply(e: OutboxEntry) -> None:
            if payload is not None and payload != e.payload:
                e.payload = payload
                e.key = new_key()
                for f in e.files:
                    f.file_id = None
            e.state = PENDING
            e.attempts = 0
            e.next_attempt_at = None
            e.last_error = e.last_error_code = None

        return self._change(entry_id, "resend", (NEEDS_ATTENTION, PENDING), apply)

    def _change(self, entry_id: int, what: str, allowed: tuple[str, ...],
                apply: Callable[[OutboxEntry], None]) -> EntryView:
        now = self.now()
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            entry = session.get(OutboxEntry, entry_id, with_for_update=True)
            if entry is None:
                raise OutboxError(f"there is no outbox entry {entry_id}")
            if entry.state not in allowed:
                raise OutboxError(f"entry {entry_id} is {entry.state.replace('_', ' ')}; it "
                                  f"cannot be {'sent again' if what == 'resend' else what} now")
            apply(entry)
            entry.updated_at = now
            journal.append(session, self.actor, what, f"{entry.target_type}:{entry.target_id}",
                           {"kind": entry.kind, "entry": entry.id}, entry.key, now)
            return _view(entry)


# -- sending --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OutboxPolicy:
    """Retry schedule for transient faults (per entry)."""

    max_attempts: int = 8
    base_delay_s: float = 30.0
    max_delay_s: float = 3600.0

    def delay(self, attempts: int) -> timedelta:
        return timedelta(seconds=min(self.max_delay_s, self.base_delay_s * 2 ** max(0, attempts - 1)))


@dataclass
class DispatchProgress:
    """What the dispatcher is doing, for a progress bar."""

    entry_id: int
    summary: str
    step: str  # uploading | sending
    sent_bytes: int = 0
    total_bytes: int = 0


@dataclass
class DispatchReport:
    delivered: list[int] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)
    retry_later: list[int] = field(default_factory=list)
    #: Why the run stopped early: "offline", "auth", "cancelled", or None.
    paused: str | None = None
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"delivered": self.delivered, "refused": self.refused,
                "retryLater": self.retry_later, "paused": self.paused, "message": self.message}


class _Pause(Exception):
    def __init__(self, why: str, message: str) -> None:
        super().__init__(message)
        self.why = why
        self.message = message


#: Names of the points :class:`Dispatcher` reports to its ``checkpoint`` (for crash tests).
CHECKPOINTS = ("marked_sending", "upload_chunk", "uploaded", "answered")


_HOST = socket.gethostname()


def _owner_gone(owner: str | None) -> bool:
    """Whether a lease's owner is a process of this computer that no longer runs."""
    parts = (owner or "").split(":")
    if len(parts) < 3 or ":".join(parts[:-2]) != _HOST[:80]:
        return False
    try:
        pid = int(parts[-2])
    except ValueError:
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # running, as another user
        return False
    return False


#: How long a claimed entry stays a dispatcher's before another console may take it over; a
#: dispatcher renews it while it uploads, so only a crashed or killed one lets it run out.
DEFAULT_LEASE = timedelta(minutes=2)


class Dispatcher:
    """Sends due outbox entries with one marketplace client. Several dispatchers may run on one
    cache at once (the consoles of a team on one PostgreSQL, or the window and a CLI): each
    claims an entry under a lease of its own (:meth:`_claim`), so none is sent twice."""

    def __init__(self, outbox: Outbox, client: MarketplaceClient,
                 policy: OutboxPolicy | None = None,
                 checkpoint: Callable[[str], None] | None = None,
                 lease: timedelta = DEFAULT_LEASE) -> None:
        if not ACTION_KINDS:
            # Without kinds every entry would be refused as unknown: refuse to start instead.
            raise RuntimeError("no outbox action kinds are registered: the composition root calls "
                               "app.services.outbox.action_kinds.register_action_kinds() first")
        self.outbox = outbox
        self.client = client
        self.policy = policy or OutboxPolicy()
        self._checkpoint = checkpoint or (lambda _name: None)
        self.lease = lease
        #: This dispatcher's name on the leases it holds: computer, process and a run id.
        self.owner = f"{_HOST[:80]}:{os.getpid()}:{uuid.uuid4().hex[:16]}"
        self._renewed_at: dict[int, datetime] = {}

    @property
    def engine(self) -> Engine:
        return self.outbox.engine

    def recover(self) -> int:
        """Entries a crashed or killed console left in ``sending`` go back to ``pending`` (same
        keys): those whose lease expired, and at once those leased by a console process of this
        computer that is no longer running. A live lease (another member's console sending now)
        is left alone. An entry in ``sending`` without a lease (an older console's) counts as
        expired."""
        now = self.outbox.now()
        with Session(self.engine) as session, session.begin():
            held = session.execute(
                select(OutboxEntry.id, OutboxEntry.lease_owner)
                .where(OutboxEntry.state == SENDING, OutboxEntry.lease_expires_at > now)
            ).all()
            dead = [i for i, owner in held if _owner_gone(owner)]
            result = session.execute(
                update(OutboxEntry)
                .where(OutboxEntry.state == SENDING,
                       OutboxEntry.lease_expires_at.is_(None)
                       | (OutboxEntry.lease_expires_at <= now)
                       | OutboxEntry.id.in_(dead))
                .values(state=PENDING, lease_owner=None, lease_expires_at=None)
            )
            return int(getattr(result, "rowcount", 0) or 0)

    def _claim(self, now: datetime, skip: set[int], ignore_schedule: bool) -> int | None:
        """Take the next due entry: mark it ``sending`` under this dispatcher's lease, in one
        statement. On PostgreSQL the candidate row is locked ``FOR UPDATE SKIP LOCKED``, so two
        consoles claiming at once take different entries; on SQLite (one writer at a time) the
        statement itself is atomic. The ``state = pending`` condition is checked again by the
        update, so an entry is never claimed twice."""
        earlier = aliased(OutboxEntry)
        blocked = exists().where(and_(earlier.group_key == OutboxEntry.group_key,
                                      earlier.id < OutboxEntry.id,
                                      earlier.state.in_(OPEN_STATES)))
        q = (select(OutboxEntry.id).where(OutboxEntry.state == PENDING, ~blocked)
             .order_by(OutboxEntry.priority, OutboxEntry.id))
        if not ignore_schedule:
            q = q.where((OutboxEntry.next_attempt_at.is_(None))
                        | (OutboxEntry.next_attempt_at <= now))
        if skip:
            q = q.where(OutboxEntry.id.not_in(skip))
        candidate = q.limit(1).with_for_update(skip_locked=True, of=OutboxEntry)
        if self.engine.dialect.name != "postgresql":
            candidate = q.limit(1)
        claim = (update(OutboxEntry)
                 .where(OutboxEntry.id == candidate.scalar_subquery(),
                        OutboxEntry.state == PENDING)
                 .values(state=SENDING, lease_owner=self.owner,
                         lease_expires_at=now + self.lease, updated_at=now)
                 .returning(OutboxEntry.id))
        with Session(self.engine) as session, session.begin():
            return session.execute(claim).scalar()

    def _renew(self, entry_id: int) -> None:
        """Extend this dispatcher's lease on an entry it is sending (a long upload), at most
        once per half lease."""
        now = self.outbox.now()
        if now < self._renewed_at.get(entry_id, now) + self.lease / 2:
            return
        with Session(self.engine) as session, session.begin():
            session.execute(update(OutboxEntry)
                            .where(OutboxEntry.id == entry_id, OutboxEntry.state == SENDING,
                                   OutboxEntry.lease_owner == self.owner)
                            .values(lease_expires_at=now + self.lease))
        self._renewed_at[entry_id] = now

    def send_due(self, cancel: threading.Event | None = None,
                 progress: Callable[[DispatchProgress], None] | None = None,
                 ignore_schedule: bool = False) -> DispatchReport:
        """Send every due entry (``ignore_schedule``: also those waiting for their retry time,
        as "Send now" does). Returns what happened; never raises for a marketplace problem."""
        report = DispatchReport()
        self.recover()
        tried: set[int] = set()
        while True:
            if cancel is not None and cancel.is_set():
                report.paused, report.message = "cancelled", "Stopped at your request."
                break
            entry_id = self._claim(self.outbox.now(), tried, ignore_schedule)
            if entry_id is None:
                break
            tried.add(entry_id)
            try:
                outcome = self._send_one(entry_id, progress)
            except _Pause as p:
                report.paused, report.message = p.why, p.message
                break
            {"done": report.delivered, "refused": report.refused,
             "later": report.retry_later}[outcome].append(entry_id)
        return report

    # One entry -----------------------------------------------------------------------------------

    def _load(self, session: Session, entry_id: int) -> OutboxEntry:
        entry = session.get(OutboxEntry, entry_id)
        assert entry is not None
        return entry

    def _send_one(self, entry_id: int,
                  progress: Callable[[DispatchProgress], None] | None) -> str:
        self._renewed_at[entry_id] = self.outbox.now()
        with Session(self.engine, expire_on_commit=False) as session:
            entry = self._load(session, entry_id)
            kind = ACTION_KINDS.get(entry.kind)
            key, summary = entry.key, entry.summary
            files = [(f.id, f.position, f.role, f.file_name, f.size, f.sha256, f.content_type,
                      f.file_id) for f in entry.files]
            payload, target_id = dict(entry.payload or {}), entry.target_id
        self._checkpoint("marked_sending")
        if kind is None:
            return self._finish(entry_id, "refused", code=None,
                                message=f"this console does not know how to send "
                                        f"{summary or 'this action'} any more")
        total = sum(f[4] for f in files)
        sent = 0
        try:
            refs = []
            for file_row_id, position, role, name, size, sha, ctype, file_id in files:
                if file_id is None:
                    def chunks(sha: str = sha, base: int = sent) -> Iterator[bytes]:
                        done = base  # a retry starts the file over
                        for chunk in self.outbox.files.open_chunks(sha):
                            done += len(chunk)
                            if progress is not None:
                                progress(DispatchProgress(entry_id, summary, "uploading", done,
                                                          total))
                            yield chunk
                            self._checkpoint("upload_chunk")
                            self._renew(entry_id)

                    answer = self.client.upload_file(f"{key}.{position}", chunks, sha, size, name,
                                                     ctype)
                    file_id = str(answer["fileId"])
                    with Session(self.engine) as session, session.begin():
                        row = session.get(OutboxFile, file_row_id)
                        if row is not None:
                            row.file_id = file_id
                    self._checkpoint("uploaded")
                sent += size
                refs.append({"fileId": file_id, "role": role, "fileName": name})
            if progress is not None:
                progress(DispatchProgress(entry_id, summary, "sending", total, total))
            self._renew(entry_id)
            body = {**payload, **({"files": refs} if refs else {})}
            if kind.open_api:
                answer = self.client.send_open_api_action(
                    kind.method, kind.path.format(target_id=target_id), body, body_signed=True)
            else:
                answer = self.client.send_action(
                    kind.method, kind.path.format(target_id=target_id), body, key)
            self._checkpoint("answered")
            return self._finish(entry_id, "done", response=answer)
        except RequestRefused as e:
            return self._finish(entry_id, "refused", code=e.code,
                                message=e.server_message or str(e))
        except FileStoreError as e:
            return self._finish(entry_id, "refused", code=None, message=str(e))
        except AuthenticationError as e:
            self._finish(entry_id, "paused", message=str(e))
            raise _Pause("auth", str(e)) from None
        except Unreachable as e:
            self._finish(entry_id, "paused", message=str(e))
            raise _Pause("offline", str(e)) from None
        except Cancelled as e:
            self._finish(entry_id, "paused", message=str(e))
            raise _Pause("cancelled", str(e)) from None
        except (TooManyFaults, MarketplaceError) as e:
            return self._finish(entry_id, "later", message=str(e))

    def _finish(self, entry_id: int, outcome: str, code: str | None = None, message: str = "",
                response: dict[str, Any] | None = None) -> str:
        now = self.outbox.now()
        self._renewed_at.pop(entry_id, None)
        with Session(self.engine) as session, session.begin():
            entry = session.get(OutboxEntry, entry_id, with_for_update=True)
            assert entry is not None
            if entry.state != SENDING or entry.lease_owner != self.owner:
                # This console's lease ran out and another one took the entry over (it sends
                # with the same key): the outcome is that console's to record, not this one's.
                log.warning("lost the lease on %s (%s); its new sender records the outcome",
                            entry.kind, entry.key)
                return "later"
            target = f"{entry.target_type}:{entry.target_id}"
            entry.updated_at = now
            entry.lease_owner = entry.lease_expires_at = None
            if outcome == "done":
                entry.state, entry.response, entry.sent_at = DONE, response, now
                entry.last_error = entry.last_error_code = None
                journal.append(session, self.outbox.actor, "delivered", target,
                               {"kind": entry.kind, "answer": response or {}}, entry.key, now)
                log.info("delivered %s (%s)", entry.kind, entry.key)
            elif outcome == "refused":
                entry.state, entry.last_error_code, entry.last_error = NEEDS_ATTENTION, code, \
                    message
                journal.append(session, self.outbox.actor, "refused", target,
                               {"kind": entry.kind, "code": code, "reason": message}, entry.key,
                               now)
                log.warning("refused %s (%s): %s %s", entry.kind, entry.key, code, message)
            elif outcome == "paused":
                entry.state, entry.last_error = PENDING, message
            else:  # later: a transient fault
                entry.attempts += 1
                entry.last_error = message
                if entry.attempts >= self.policy.max_attempts:
                    entry.state = NEEDS_ATTENTION
                    entry.last_error_code = None
                    entry.last_error = (f"The marketplace kept failing ({message}); "
                                        "send it again later.")
                    journal.append(session, self.outbox.actor, "gave up", target,
                                   {"kind": entry.kind, "reason": message}, entry.key, now)
                    outcome = "refused"
                else:
                    entry.state = PENDING
                    entry.next_attempt_at = now + self.policy.delay(entry.attempts)
        return outcome
