"""settlement: 中资出海 taxes on bill lines, invoice signed-for dates, partner notice time

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 23:00:00

Issue 16 §2 (business-rules §5.2, §5.4, §7):

* ``bill_lines`` gains the 中资出海 amounts a bill states: ``vat_amount``, ``customer_wht``,
  ``customer_dst`` (WHT①/DST①) and ``seller_wht``, ``seller_dst`` (WHT②/DST②), integer cents;
* ``bills`` and ``partner_bills`` gain ``invoice_signed_time``, when Huawei signed for (签收) the
  invoice: the 2-working-day verification clock runs from it, not from the bill's last change;
* ``partner_bills`` gains ``notice_time``, when the invoice notice went out: the 1-month
  invoicing clock of a 客户服务商 runs from it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.models.base

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TAXES = ("vat_amount", "customer_wht", "customer_dst", "seller_wht", "seller_dst")


def upgrade() -> None:
    with op.batch_alter_table("bill_lines") as batch:
        for name in _TAXES:
            batch.add_column(sa.Column(name, app.models.base.Money(), nullable=True))
    with op.batch_alter_table("bills") as batch:
        batch.add_column(
            sa.Column("invoice_signed_time", app.models.base.UTCDateTime(), nullable=True))
    with op.batch_alter_table("partner_bills") as batch:
        batch.add_column(sa.Column("notice_time", app.models.base.UTCDateTime(), nullable=True))
        batch.add_column(
            sa.Column("invoice_signed_time", app.models.base.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("partner_bills") as batch:
        batch.drop_column("invoice_signed_time")
        batch.drop_column("notice_time")
    with op.batch_alter_table("bills") as batch:
        batch.drop_column("invoice_signed_time")
    with op.batch_alter_table("bill_lines") as batch:
        for name in reversed(_TAXES):
            batch.drop_column(name)
