"""Columns every synced record carries, and the bookkeeping tables of the sync engine."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from app.models.base import Base, JSONDoc, UTCDateTime


class SyncedRecord:
    """Mixin: the marketplace's last change time of the record.

    The sync engine never lets an older version (a stale page) overwrite a newer one.
    ``row_hash`` is an optional content fingerprint for importers; the sync does not fill it.
    """

    @declared_attr
    def remote_updated_at(cls) -> Mapped[datetime]:  # noqa: N805 - declared_attr takes cls
        return mapped_column(UTCDateTime, nullable=False)

    @declared_attr
    def row_hash(cls) -> Mapped[str | None]:  # noqa: N805 - declared_attr takes cls
        return mapped_column(String(32), nullable=True)


class SyncState(Base):
    """Where each collection's sync stands: its cursor and the last run's summary."""

    __tablename__ = "sync_state"

    collection: Mapped[str] = mapped_column(String(64), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(String(256))
    last_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_summary: Mapped[dict[str, Any] | None] = mapped_column(JSONDoc)
    last_error: Mapped[str | None] = mapped_column(Text)


class SetAsideRecord(Base):
    """A record the marketplace sent that failed validation: kept out of the cache, reported by id."""

    __tablename__ = "set_aside_records"

    collection: Mapped[str] = mapped_column(String(64), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    error: Mapped[str] = mapped_column(Text, nullable=False)
    payload: Mapped[str] = mapped_column(Text, nullable=False)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class Tombstone(Base):
    """A record the marketplace deleted. Kept so that a stale page cannot bring it back."""

    __tablename__ = "tombstones"

    collection: Mapped[str] = mapped_column(String(64), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class SchemaInfo(Base):
    """Key/value facts about the cache (who made it, with which app version)."""

    __tablename__ = "schema_info"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
