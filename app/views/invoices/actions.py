"""The Invoices area's work, run on the bridge's worker threads (no widgets here), in words.

The work itself is the service's (``app.services.invoices.actions``: engine-first, each function
opens its own session); this module puts its outcomes into sentences for the message line.
:class:`Sender` submits a draft through the outbox and sends what is due at once when the
marketplace answers; offline, the submission waits in the outbox and the message says so.
:func:`failure_text` turns any failure into a sentence for the message line.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine

from app.config.paths import AppPaths
from app.services.invoices import actions as work
from app.services.invoices import customer, platform_fee
from app.services.invoices.actions import (
    Connect,
    create_drafts,
    delete_drafts,
    mark_printed,
    record_red_letter,
    write_pdf,
)
from app.services.invoices.customer import CustomerAction
from app.services.invoices.data import DraftData
from app.services.outbox.factory import make_outbox
from app.services.outbox.queue import DispatchReport, EntryView
from app.views.common.failures import work_failure_text
from app.views.i18n import translate

__all__ = [
    "Sender",
    "create_drafts",
    "delete_drafts",
    "failure_text",
    "mark_printed",
    "record_red_letter",
    "write_pdf",
]

log = logging.getLogger("seller_console.views")


def failure_text(exc: BaseException) -> str:
    return work_failure_text(exc)


class Sender:
    """Submits one draft: store the recorded values, queue it, send what is due."""

    def __init__(self, engine: Engine, paths: AppPaths, connect: Connect) -> None:
        self.engine = engine
        self.outbox = make_outbox(engine, paths)
        self._connect = connect

    def submit(self, draft: DraftData, attachments: Sequence[Path]) -> str:
        submitted = work.submit(self.outbox, draft, attachments, self._connect)
        if submitted.refused:
            return translate(
                "InvoiceActions",
                "Sent, but the marketplace refused it: see the draft for the reason.",
            )
        if not submitted.delivered:
            return _queued(submitted.report)
        return translate("InvoiceActions", "Submitted. The bill's status changes at the next sync.")

    def customer_action(self, request_id: str, action: CustomerAction, reason: str) -> str:
        """退回 or 撤销 a customer's request (§6.5): queued in the outbox, sent at once when the
        marketplace answers."""
        entry = customer.queue_action(self.outbox, request_id, action, reason)
        if action is CustomerAction.RETURN:
            done = translate("InvoiceActions", "Returned. The request shows 已退回 at the next sync.")
        else:
            done = translate("InvoiceActions", "Revoked. The request shows 已撤销 at the next sync.")
        return self._send_queued(entry, done)

    def platform_fee(self, bill_ids: Sequence[str], invoice_type: str) -> str:
        """索取平台费发票 (§5.5): queued in the outbox, sent at once when the marketplace answers."""
        entry = platform_fee.queue_request(self.outbox, bill_ids, invoice_type)
        return self._send_queued(entry, translate(
            "InvoiceActions", "Platform-fee invoice requested for %1 (%2).").replace(
            "%1", ", ".join(entry.payload.get("billIds", bill_ids))).replace("%2", invoice_type))

    def _send_queued(self, entry: EntryView, done: str) -> str:
        """Send what is due now, then say how ``entry`` fared: ``done`` when it was delivered."""
        report = work.send_waiting(self.outbox, self._connect)
        if report is None or report.paused:
            return _queued(report)
        if entry.id in report.refused:
            return translate("InvoiceActions", "Sent, but the marketplace refused it: see the "
                             "Outbox area for the reason.")
        return done

    def send_waiting(self) -> str:
        """Send what waits in the outbox now (after a submission made offline)."""
        report = work.send_waiting(self.outbox, self._connect)
        if report is None or report.paused:
            return _queued(report)
        return (
            translate("InvoiceActions", "Sent %1, refused %2, still waiting %3.")
            .replace("%1", str(len(report.delivered)))
            .replace("%2", str(len(report.refused)))
            .replace("%3", str(len(report.retry_later)))
        )


def _queued(report: DispatchReport | None) -> str:
    if report is not None and report.paused and report.message:
        return translate(
            "InvoiceActions", "Queued in the outbox; it is sent when the marketplace answers (%1)."
        ).replace("%1", report.message)
    return translate(
        "InvoiceActions", "Queued in the outbox; it is sent when the marketplace answers."
    )
