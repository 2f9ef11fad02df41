"""Imports of what the KooGallery web console exports (order lists, 交易明细, bills).

Until a seller's data reaches the console through an API, a clerk may import the files the web
console exports. Three tables keep an import honest:

* :class:`ImportBatch`: one import of one file (its kind, name, content hash, the column mapping
  used, and the counts), with ``undone_at`` once it was undone as a whole;
* :class:`ImportMapping`: the column mapping last confirmed for a file kind, reused for the next
  file of that kind (the web console's headers rarely change);
* :class:`ImportChange`: every record an import inserted or changed, with the values before and
  after (JSON, amounts as exact decimal strings, times as ISO text), so the whole import can be
  undone without touching what a later sync or import changed since.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, JSONDoc, UTCDateTime

#: ImportChange.action values.
INSERTED = "insert"
UPDATED = "update"


class ImportBatch(Base):
    """One imported file."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))  # orders | transactions | bills
    file_name: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    #: field -> the file's header it was read from
    mapping: Mapped[dict[str, str]] = mapped_column(JSONDoc)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    inserted: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    #: The rows left out (line, code, message), when the clerk imported the good rows only.
    problems: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ImportMapping(Base):
    """The column mapping confirmed last for a file kind."""

    __tablename__ = "import_mappings"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    mapping: Mapped[dict[str, str]] = mapped_column(JSONDoc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ImportChange(Base):
    """A record an import inserted or updated: enough to undo it."""

    __tablename__ = "import_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(8))  # insert | update
    line: Mapped[int] = mapped_column(Integer)  # the file line it came from
    #: The changed columns as they were (None for an insert), JSON-safe.
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONDoc)
    #: The columns as the import wrote them, JSON-safe.
    after: Mapped[dict[str, Any]] = mapped_column(JSONDoc)

    __table_args__ = (Index("ix_import_changes_record", "table_name", "record_id"),)
