"""Reconciliation flags (对账) as a table model (see :mod:`app.views.common.rows_model`)."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from app.cli import check_words as shared
from app.services.finance.reconciliation import Flag, FlagKind
from app.views.common.rows_model import Column, RowsTableModel, amount_column, time_column
from app.views.i18n import translate


def kind_text(kind: FlagKind | str) -> str:
    """A kind of flag in words."""
    return {
        FlagKind.NOT_SETTLING: translate("FlagsModel", "Will not settle this cycle"),
        FlagKind.MISSED_RUN: translate("FlagsModel", "Missed its bill run"),
        FlagKind.AMOUNT_MISMATCH: translate("FlagsModel", "Order and bill amounts differ"),
        FlagKind.SETTLEMENT_MISMATCH: translate("FlagsModel", "Settlement differs from rules"),
        FlagKind.BILL_WITHOUT_DRAFT: translate("FlagsModel", "Bill to invoice, no draft"),
        FlagKind.INVOICE_NOT_VERIFIED: translate("FlagsModel", "Invoice not verified in time"),
        FlagKind.PARTNER_SETTLEMENT_MISMATCH: translate("FlagsModel",
                                                        "Partner settlement differs from rules"),
    }.get(FlagKind(kind), str(kind))


def flag_words(flag: Flag, fallback: str | None = None) -> str:
    """Why the flag is raised, in the user's language where the code has words (else
    ``fallback``, by default the service's English message)."""
    return shared.flag_words(flag, translate, fallback)


def records(flag: Flag) -> str:
    return " · ".join(flag.record_ids.values())


class FlagsTableModel(RowsTableModel[Flag]):
    """One row per flag. Signals: see :class:`RowsTableModel`."""

    def __init__(self, parent: Any = None, tz: tzinfo | None = None) -> None:
        super().__init__(
            [
                Column(
                    lambda: translate("FlagsModel", "What"),
                    lambda f: kind_text(f.kind),
                    lambda f: f.code,
                ),
                Column(lambda: translate("FlagsModel", "Records"), records),
                amount_column(lambda: translate("FlagsModel", "Amount"), lambda f: f.amount),
                amount_column(
                    lambda: translate("FlagsModel", "Expected"), lambda f: f.expected_amount
                ),
                amount_column(
                    lambda: translate("FlagsModel", "Difference"),
                    lambda f: f.difference,
                    warn=lambda f: bool(f.difference),
                ),
                Column(
                    lambda: translate("FlagsModel", "Currency"), lambda f: f.currency_code or ""
                ),
                time_column(lambda: translate("FlagsModel", "Due"), lambda f: f.due, tz),
                Column(
                    lambda: translate("FlagsModel", "Why"), flag_words, flag_words
                ),
            ],
            parent,
        )
