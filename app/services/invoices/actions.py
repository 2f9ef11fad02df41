"""The Invoices area's work on a cache, engine-first like the other services (worker threads).

Each function opens its own session on the engine it is given (DESIGN.md "Threads").
:func:`submit` stores what the clerk recorded on the draft, queues the submission in the outbox
(:func:`~app.services.invoices.submit.queue_submit`) and sends what is due at once when the
marketplace answers (:func:`~app.services.outbox.factory.send_due`, as the outbox controller sends);
offline, the submission waits in the outbox and the outcome's report is None.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models.invoices import SOURCE_NOTICE
from app.services.invoices import drafts as store
from app.services.invoices.data import DraftData
from app.services.invoices.submit import queue_submit
from app.services.marketplace.client import MarketplaceError
from app.services.marketplace.credentials import Credentials, CredentialsError
from app.services.outbox.factory import send_due
from app.services.outbox.queue import DispatchReport, EntryView, Outbox

log = logging.getLogger("seller_console.outbox")

#: How to reach the marketplace, called on the worker thread; None when there is no target.
Connect = Callable[[], Credentials] | None


def create_drafts(
    engine: Engine, notice_ids: Sequence[str], source: str = SOURCE_NOTICE
) -> tuple[list[DraftData], int]:
    """Drafts for every tax rate of the notices (partner bills, customer requests: ``source``)
    that has none yet: (made, already there)."""
    made: list[DraftData] = []
    existing = 0
    with Session(engine) as session, session.begin():
        for notice_id in notice_ids:
            created, there = store.create_drafts(session, notice_id, source=source)
            made += created
            existing += len(there)
    return made, existing


def delete_drafts(engine: Engine, draft_ids: Sequence[str]) -> int:
    with Session(engine) as session, session.begin():
        for draft_id in draft_ids:
            store.delete_draft(session, draft_id)
    return len(draft_ids)


def record_red_letter(
    engine: Engine, draft_id: str, red_letter_no: str, info_no: str, when: date
) -> tuple[DraftData, list[DraftData]]:
    """退票 → 红字 (§6.3): see :func:`~app.services.invoices.drafts.record_red_letter`."""
    with Session(engine) as session, session.begin():
        return store.record_red_letter(session, draft_id, red_letter_no=red_letter_no,
                                       info_no=info_no, when=when)


def mark_printed(engine: Engine, draft_ids: Sequence[str]) -> int:
    with Session(engine) as session, session.begin():
        return store.mark_printed(session, draft_ids)


def write_pdf(path: Path, pdf: bytes) -> Path:
    """Write a PDF in one piece: a crash or a full disk never leaves half a file under the name."""
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(pdf)
    os.replace(tmp, path)
    return path


@dataclass(frozen=True)
class Submitted:
    """A submission: its outbox entry, and what sending at once did (None: not sent, offline)."""

    entry: EntryView
    report: DispatchReport | None

    @property
    def delivered(self) -> bool:
        return self.report is not None and self.entry.id in self.report.delivered

    @property
    def refused(self) -> bool:
        return self.report is not None and self.entry.id in self.report.refused


def submit(
    outbox: Outbox, draft: DraftData, attachments: Sequence[Path], connect: Connect
) -> Submitted:
    """Store the recorded values, queue the submission, send what is due."""
    with Session(outbox.engine) as session, session.begin():
        store.save_draft(session, draft)
    entry = queue_submit(outbox, draft.id, attachments=attachments)
    return Submitted(entry, send_waiting(outbox, connect))


def send_waiting(outbox: Outbox, connect: Connect) -> DispatchReport | None:
    """Everything due, retry times ignored, with one client; None when the marketplace cannot be
    reached (the submissions wait in the outbox)."""
    if connect is None:
        return None
    try:
        return send_due(outbox, connect(), ignore_schedule=True)
    except (MarketplaceError, CredentialsError, OSError) as e:
        log.info("invoice submissions wait in the outbox: %s", e)
        return None
