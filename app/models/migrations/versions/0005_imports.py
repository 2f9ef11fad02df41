"""imports of the web console's exports: batches, saved column mappings, changes for undo

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 15:50:00

Three new tables, nothing changed in existing ones, so an older cache only gains them:

* ``import_batches``: one row per imported file (kind, name, SHA-256, mapping, counts, problems,
  when it was undone);
* ``import_mappings``: the column mapping last confirmed per file kind;
* ``import_changes``: each record an import inserted or updated, with its values before and after
  (JSON), so a whole import can be undone; deleted with its batch.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.models.base

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("mapping", app.models.base.JSONDoc(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("inserted", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("problems", app.models.base.JSONDoc(), nullable=False),
        sa.Column("created_at", app.models.base.UTCDateTime(), nullable=False),
        sa.Column("undone_at", app.models.base.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    op.create_index(op.f("ix_import_batches_file_sha256"), "import_batches", ["file_sha256"])
    op.create_table(
        "import_mappings",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("mapping", app.models.base.JSONDoc(), nullable=False),
        sa.Column("updated_at", app.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_import_mappings")),
    )
    op.create_table(
        "import_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=128), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("before", app.models.base.JSONDoc(), nullable=True),
        sa.Column("after", app.models.base.JSONDoc(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batches.id"],
                                name=op.f("fk_import_changes_batch_id_import_batches"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_changes")),
    )
    op.create_index(op.f("ix_import_changes_batch_id"), "import_changes", ["batch_id"])
    op.create_index("ix_import_changes_record", "import_changes", ["table_name", "record_id"])


def downgrade() -> None:
    op.drop_index("ix_import_changes_record", table_name="import_changes")
    op.drop_index(op.f("ix_import_changes_batch_id"), table_name="import_changes")
    op.drop_table("import_changes")
    op.drop_table("import_mappings")
    op.drop_index(op.f("ix_import_batches_file_sha256"), table_name="import_batches")
    op.drop_table("import_batches")
