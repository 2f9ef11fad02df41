"""team cache: outbox leases and file contents kept in the database

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 18:50:00

Two consoles of a team share one PostgreSQL cache (issue 15 §2):

* ``outbox_entries`` gains ``lease_owner`` and ``lease_expires_at``: a dispatcher claims an entry
  with a lease, and only an expired lease (a crashed console's) is taken back;
* ``stored_file_chunks`` keeps the content of the files queued on a server database, in 1 MiB
  pieces by SHA-256, so every member's console can send them (an SQLite cache keeps its files
  beside it, and leaves this table empty).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.models.base

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_entries") as batch:
        batch.add_column(sa.Column("lease_owner", sa.String(length=128), nullable=True))
        batch.add_column(
            sa.Column("lease_expires_at", app.models.base.UTCDateTime(), nullable=True)
        )
    op.create_table(
        "stored_file_chunks",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("part", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "part", name=op.f("pk_stored_file_chunks")),
    )


def downgrade() -> None:
    op.drop_table("stored_file_chunks")
    with op.batch_alter_table("outbox_entries") as batch:
        batch.drop_column("lease_expires_at")
        batch.drop_column("lease_owner")
