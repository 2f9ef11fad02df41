"""customer invoices (给用户开票), draft sources and red-letter (红字) fields

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 23:00:00

Issue 16 §2, invoices (business-rules §6.3, §6.5, §7):

* ``customer_invoices``: the buyers' invoice requests for 通用 orders, synced from the
  marketplace (new table, an older cache only gains it);
* ``invoice_drafts.source``: what a draft's ``notice_id`` names: an invoice notice (every
  existing draft, the default), a 客户服务商 bill or a customer's request;
* ``invoice_drafts.red_letter_no`` / ``red_letter_info_no`` / ``red_letter_date``: the red-letter
  invoice that cancelled an issued invoice that was sent back (退票).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.models.base

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customer_invoices",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("customer_name", sa.String(length=255), nullable=False),
        sa.Column("product_name", sa.String(length=255), nullable=False),
        sa.Column("tax_item", sa.String(length=255), nullable=False),
        sa.Column("tax_rate", app.models.base.DecimalText(), nullable=False),
        sa.Column("amount", app.models.base.Money(), nullable=False),
        sa.Column("currency_code", sa.String(length=8), nullable=False),
        sa.Column("invoice_type", sa.String(length=8), nullable=False),
        sa.Column("medium", sa.String(length=8), nullable=False),
        sa.Column("title_type", sa.String(length=8), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("tax_no", sa.String(length=64), nullable=False),
        sa.Column("buyer_address", sa.Text(), nullable=False),
        sa.Column("buyer_phone", sa.String(length=64), nullable=False),
        sa.Column("buyer_bank", sa.String(length=255), nullable=False),
        sa.Column("buyer_account", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("recipient", sa.String(length=255), nullable=False),
        sa.Column("recipient_phone", sa.String(length=64), nullable=False),
        sa.Column("mailing_address", sa.Text(), nullable=False),
        sa.Column("refund_pending", sa.Boolean(), nullable=False),
        sa.Column("apply_time", app.models.base.UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("invoice_no", sa.String(length=32), nullable=False),
        sa.Column("invoice_date", sa.Date(), nullable=True),
        sa.Column("courier_no", sa.String(length=64), nullable=False),
        sa.Column("courier_payer", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("remote_updated_at", app.models.base.UTCDateTime(), nullable=False),
        sa.Column("row_hash", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_invoices")),
    )
    with op.batch_alter_table("customer_invoices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_invoices_order_id"), ["order_id"])
        batch_op.create_index(batch_op.f("ix_customer_invoices_apply_time"), ["apply_time"])
        batch_op.create_index(batch_op.f("ix_customer_invoices_status"), ["status"])
    with op.batch_alter_table("invoice_drafts") as batch:
        batch.add_column(sa.Column("source", sa.String(length=16), nullable=False,
                                   server_default="notice"))
        batch.add_column(sa.Column("red_letter_no", sa.String(length=32), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("red_letter_info_no", sa.String(length=64), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("red_letter_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("invoice_drafts") as batch:
        batch.drop_column("red_letter_date")
        batch.drop_column("red_letter_info_no")
        batch.drop_column("red_letter_no")
        batch.drop_column("source")
    with op.batch_alter_table("customer_invoices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_invoices_status"))
        batch_op.drop_index(batch_op.f("ix_customer_invoices_apply_time"))
        batch_op.drop_index(batch_op.f("ix_customer_invoices_order_id"))
    op.drop_table("customer_invoices")
