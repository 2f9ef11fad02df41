"""The outbox (offline actions), the files they send, the action journal and deadline reminders.

Every write the console makes to the marketplace (confirm, reject, deliver, appeal, later lead
updates and invoice submissions) is first an :class:`OutboxEntry` here, with a client-made
idempotency key, so that it survives a crash or a week offline and is delivered exactly once (the
marketplace drops a repeated key). The files an action sends are :class:`OutboxFile` rows pointing
into the console's own content-addressed file store, never at the user's originals.

:class:`JournalEntry` is the local, hash-chained record of what was done in the console (who,
when, what, queued or delivered): each entry's hash covers the previous entry's hash, so editing
any past entry breaks the verification of everything after it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, JSONDoc, UTCDateTime

#: Outbox entry states. ``sending`` is only ever seen while a dispatcher holds the entry's lease (or
#: after a crash, until the lease expires and the next run sends it again with the same key).
PENDING = "pending"
SENDING = "sending"
NEEDS_ATTENTION = "needs_attention"
DONE = "done"
DISCARDED = "discarded"
OUTBOX_STATES = (PENDING, SENDING, NEEDS_ATTENTION, DONE, DISCARDED)
#: States that still hold back later entries of the same group (order within a task is kept).
OPEN_STATES = (PENDING, SENDING, NEEDS_ATTENTION)


class OutboxEntry(Base):
    """One action waiting for (or done by) the marketplace."""

    __tablename__ = "outbox_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: The idempotency key sent as ``X-Idempotency-Key``; made once, when the action is queued.
    key: Mapped[str] = mapped_column(String(48), unique=True)
    kind: Mapped[str] = mapped_column(String(48))  # e.g. supervision.deliver
    target_type: Mapped[str] = mapped_column(String(32))  # supervision_task, demand, invoice_notice
    target_id: Mapped[str] = mapped_column(String(64))
    #: Entries of one group are sent strictly in queue order (one task's actions, for example).
    group_key: Mapped[str] = mapped_column(String(128))
    priority: Mapped[int] = mapped_column(Integer, default=100)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONDoc)
    summary: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error_code: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(Text)
    response: Mapped[dict[str, Any] | None] = mapped_column(JSONDoc)
    actor: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Who is sending the entry while it is ``sending`` (a dispatcher's id), and until when: only
    #: an expired lease is taken back (a crashed console's), never a live one (team cache).
    lease_owner: Mapped[str | None] = mapped_column(String(128))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    files: Mapped[list[OutboxFile]] = relationship(
        back_populates="entry",
        order_by="OutboxFile.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    __table_args__ = (
        Index("ix_outbox_entries_state", "state"),
        Index("ix_outbox_entries_group_key", "group_key"),
        Index("ix_outbox_entries_target", "target_type", "target_id"),
    )


class OutboxFile(Base):
    """A file an outbox entry sends, kept in the file store by its SHA-256."""

    __tablename__ = "outbox_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("outbox_entries.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(32))  # acceptance, appeal_evidence, commitment_letter
    file_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(100))
    #: The marketplace's file id once the upload went through (a resend skips the upload).
    file_id: Mapped[str | None] = mapped_column(String(64))

    entry: Mapped[OutboxEntry] = relationship(back_populates="files")

    __table_args__ = (UniqueConstraint("entry_id", "position", name="uq_outbox_files_position"),)


class JournalEntry(Base):
    """One line of the local action journal; ``hash`` chains it to the line before."""

    __tablename__ = "journal_entries"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))  # queued, delivered, refused, discarded, ...
    target: Mapped[str] = mapped_column(String(128))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONDoc)
    outbox_key: Mapped[str | None] = mapped_column(String(48))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class StoredFileChunk(Base):
    """A piece of a file's content kept in the cache database itself (a team cache on
    PostgreSQL), so that every member's console can send the file, not only the one that queued
    it. Keyed by the file's SHA-256 and the piece's number; 1 MiB a piece."""

    __tablename__ = "stored_file_chunks"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    part: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class DeadlineReminder(Base):
    """A deadline the console has already notified about (once per deadline)."""

    __tablename__ = "deadline_reminders"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    notified_at: Mapped[datetime] = mapped_column(UTCDateTime)
