"""Every record kind and sync collection the console names has words (views/common/titles.py):
the Deadlines, Outbox and Journal areas and the status bar never show ``customer_invoice`` or
``customer_invoices`` raw."""

from __future__ import annotations

import re
from pathlib import Path

from app.services.marketplace.wire import COLLECTIONS
from app.services.outbox.action_kinds import all_action_kinds
from app.views.common.titles import COLLECTION_TITLES, RECORD_TITLES

ROOT = Path(__file__).resolve().parents[3]


def _clock_record_kinds() -> set[str]:
    """The record kinds of the deadline radar's clocks: ``Clock("code", "kind", ...)``."""
    text = (ROOT / "app/services/supervision/deadlines.py").read_text(encoding="utf-8")
    text += (ROOT / "app/services/integration/watchdog.py").read_text(encoding="utf-8")
    return set(re.findall(r'Clock\(\s*"[a-z_]+",\s*"([a-z_]+)"', text))


def test_every_outbox_target_and_clock_record_has_a_title() -> None:
    kinds = {k.target_type for k in all_action_kinds()} | _clock_record_kinds()
    assert {"customer_invoice", "partner_bill", "invoice_notice"} <= kinds
    assert sorted(kinds - RECORD_TITLES.keys()) == []


def test_every_sync_collection_has_a_title() -> None:
    assert sorted({c.name for c in COLLECTIONS} - COLLECTION_TITLES.keys()) == []
