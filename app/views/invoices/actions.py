"""The Invoices area's work functions, run on the bridge's worker threads (no widgets here).

Each opens its own session on the engine it is given (DESIGN.md "Threads"). :class:`Sender` stores
what the clerk recorded on the draft, queues the submission in the outbox and sends what is due at
once when the marketplace answers; offline, the submission waits in the outbox and the message
says so. :func:`failure_text` turns any failure into a sentence for the message line.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.config import AppPaths
from app.services.client import MarketplaceClient, MarketplaceError
from app.services.credentials import CredentialsError
from app.services.invoices import drafts as store
from app.services.invoices.data import DraftData
from app.services.invoices.submit import queue_submit
from app.services.outbox import Dispatcher, DispatchReport
from app.views.common.failures import work_failure_text
from app.views.outbox import make_outbox
from app.views.workspace import Connection

log = logging.getLogger("seller_console.views")
translate = QCoreApplication.translate


def failure_text(exc: BaseException) -> str:
    return work_failure_text(exc)


def create_drafts(engine: Engine, notice_ids: Sequence[str]) -> tuple[list[DraftData], int]:
    """Drafts for every tax rate of the notices that has none yet: (made, already there)."""
    made: list[DraftData] = []
    existing = 0
    with Session(engine) as session, session.begin():
        for notice_id in notice_ids:
            created, there = store.create_drafts(session, notice_id)
            made += created
            existing += len(there)
    return made, existing


def delete_drafts(engine: Engine, draft_ids: Sequence[str]) -> int:
    with Session(engine) as session, session.begin():
        for draft_id in draft_ids:
            store.delete_draft(session, draft_id)
    return len(draft_ids)


def mark_printed(engine: Engine, draft_ids: Sequence[str]) -> int:
    with Session(engine) as session, session.begin():
        return store.mark_printed(session, draft_ids)


def write_pdf(path: Path, pdf: bytes) -> Path:
    """Write a PDF in one piece: a crash or a full disk never leaves half a file under the name."""
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(pdf)
    os.replace(tmp, path)
    return path


class Sender:
    """Submits one draft: store the recorded values, queue it, send what is due."""

    def __init__(
        self, engine: Engine, paths: AppPaths, connect: Callable[[], Connection] | None
    ) -> None:
        self.engine = engine
        self.outbox = make_outbox(engine, paths)
        self._connect = connect

    def submit(self, draft: DraftData, attachments: Sequence[Path]) -> str:
        with Session(self.engine) as session, session.begin():
            store.save_draft(session, draft)
        entry = queue_submit(self.outbox, draft.id, attachments=attachments)
        report = self._send()
        if report is None or (entry.id not in report.delivered and entry.id not in report.refused):
            return _queued(report)
        if entry.id in report.refused:
            return translate(
                "InvoiceActions",
                "Sent, but the marketplace refused it: see the draft for the reason.",
            )
        return translate("InvoiceActions", "Submitted. The bill's status changes at the next sync.")

    def send_waiting(self) -> str:
        """Send what waits in the outbox now (after a submission made offline)."""
        report = self._send()
        if report is None or report.paused:
            return _queued(report)
        return (
            translate("InvoiceActions", "Sent %1, refused %2, still waiting %3.")
            .replace("%1", str(len(report.delivered)))
            .replace("%2", str(len(report.refused)))
            .replace("%3", str(len(report.retry_later)))
        )

    def _send(self) -> DispatchReport | None:
        """Everything due, with one client; None when the marketplace cannot be reached."""
        if self._connect is None:
            return None
        try:
            connection = self._connect()
            with MarketplaceClient(
                connection.endpoint, connection.access_key, connection.secret_key
            ) as client:
                return Dispatcher(self.outbox, client).send_due(ignore_schedule=True)
        except (MarketplaceError, CredentialsError, OSError) as e:
            log.info("invoice submissions wait in the outbox: %s", e)
            return None


def _queued(report: DispatchReport | None) -> str:
    if report is not None and report.paused and report.message:
        return translate(
            "InvoiceActions", "Queued in the outbox; it is sent when the marketplace answers (%1)."
        ).replace("%1", report.message)
    return translate(
        "InvoiceActions", "Queued in the outbox; it is sent when the marketplace answers."
    )
