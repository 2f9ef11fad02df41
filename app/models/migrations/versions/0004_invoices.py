"""invoice drafts and the company profile

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 15:26:38.307361

Two new tables, nothing changed in existing ones, so an older cache only gains them:

* ``invoice_drafts``: the invoices the seller prepares offline from an invoice notice (one per tax
  rate), with the parties copied in, the 开票清单 lines as JSON, amounts as integer cents, the
  acknowledged warnings and, once mailed, the invoice number, date and courier number.
* ``company_profile``: the seller's company as printed on its invoices (one row), with the optional
  seal image as bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.models.base

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "company_profile",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("name_en", sa.String(length=255), nullable=False),
        sa.Column("tax_no", sa.String(length=64), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("address_en", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=64), nullable=False),
        sa.Column("bank", sa.String(length=255), nullable=False),
        sa.Column("account", sa.String(length=64), nullable=False),
        sa.Column("swift", sa.String(length=16), nullable=False),
        sa.Column("beneficiary", sa.String(length=255), nullable=False),
        sa.Column("bank_address", sa.Text(), nullable=False),
        sa.Column("seal_image", sa.LargeBinary(), nullable=True),
        sa.Column("seal_file_name", sa.String(length=255), nullable=False),
        sa.Column("updated_at", app.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company_profile")),
    )
    op.create_table(
        "invoice_drafts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("notice_id", sa.String(length=64), nullable=False),
        sa.Column("form", sa.String(length=8), nullable=False),
        sa.Column("tax_rate", app.models.base.DecimalText(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("requisition_no", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("currency_code", sa.String(length=8), nullable=False),
        sa.Column("seller_name", sa.String(length=255), nullable=False),
        sa.Column("seller_tax_no", sa.String(length=64), nullable=False),
        sa.Column("seller_address", sa.Text(), nullable=False),
        sa.Column("seller_phone", sa.String(length=64), nullable=False),
        sa.Column("seller_bank", sa.String(length=255), nullable=False),
        sa.Column("seller_account", sa.String(length=64), nullable=False),
        sa.Column("seller_swift", sa.String(length=16), nullable=False),
        sa.Column("seller_beneficiary", sa.String(length=255), nullable=False),
        sa.Column("seller_bank_address", sa.Text(), nullable=False),
        sa.Column("buyer_name", sa.String(length=255), nullable=False),
        sa.Column("buyer_tax_no", sa.String(length=64), nullable=False),
        sa.Column("buyer_address", sa.Text(), nullable=False),
        sa.Column("buyer_phone", sa.String(length=64), nullable=False),
        sa.Column("buyer_bank", sa.String(length=255), nullable=False),
        sa.Column("buyer_account", sa.String(length=64), nullable=False),
        sa.Column("service_item", sa.String(length=255), nullable=False),
        sa.Column("remarks", sa.Text(), nullable=False),
        sa.Column("lines", app.models.base.JSONDoc(), nullable=False),
        sa.Column("amount_excl_tax", app.models.base.Money(), nullable=False),
        sa.Column("tax_amount", app.models.base.Money(), nullable=False),
        sa.Column("total_amount", app.models.base.Money(), nullable=False),
        sa.Column("acknowledged", app.models.base.JSONDoc(), nullable=False),
        sa.Column("invoice_no", sa.String(length=32), nullable=False),
        sa.Column("invoice_date", sa.Date(), nullable=True),
        sa.Column("courier_no", sa.String(length=64), nullable=False),
        sa.Column("outbox_key", sa.String(length=48), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", app.models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", app.models.base.UTCDateTime(), nullable=False),
        sa.Column("printed_at", app.models.base.UTCDateTime(), nullable=True),
        sa.Column("submitted_at", app.models.base.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_drafts")),
    )
    with op.batch_alter_table("invoice_drafts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_drafts_notice_id"), ["notice_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("invoice_drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_drafts_notice_id"))

    op.drop_table("invoice_drafts")
    op.drop_table("company_profile")
