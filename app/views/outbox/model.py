"""The outbox entries table and the words the Outbox area uses for states, kinds and records.

Rows are :class:`~app.services.outbox.queue.EntryView` objects read on a worker (detached: no session).
Kinds are translated by name here (the service's ``ActionKind.title`` is the English fallback for a
kind this console does not know by name), times are shown in local time.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject
from PySide6.QtGui import QBrush, QColor

from app.models.outbox import DISCARDED, DONE, NEEDS_ATTENTION, PENDING, SENDING
from app.services.outbox.queue import ACTION_KINDS, EntryView
from app.views.common.rows_model import Column, RowsTableModel
from app.views.common.titles import record_title
from app.views.i18n import format_local_time, translate

STATES = (PENDING, SENDING, NEEDS_ATTENTION, DONE, DISCARDED)
ATTENTION = QColor(0xC0, 0x39, 0x2B)
DONE_COLOUR = QColor(0x1E, 0x8E, 0x3E)


def state_title(state: str) -> str:
    titles = {
        PENDING: translate("Outbox", "Waiting"),
        SENDING: translate("Outbox", "Sending"),
        NEEDS_ATTENTION: translate("Outbox", "Needs attention"),
        DONE: translate("Outbox", "Delivered"),
        DISCARDED: translate("Outbox", "Discarded"),
    }
    return titles.get(state, state)


def kind_title(kind: str) -> str:
    titles = {
        "supervision.confirm": translate("Outbox", "Confirm requirement"),
        "supervision.reject": translate("Outbox", "Reject requirement"),
        "supervision.deliver": translate("Outbox", "Deliver"),
        "supervision.appeal": translate("Outbox", "Appeal"),
        "supervision.refund": translate("Outbox", "Refund decision"),
        "invoice.submit": translate("Outbox", "Submit invoice"),
        "demand.accept": translate("Outbox", "Accept demand"),
        "demand.reject": translate("Outbox", "Reject demand"),
        "demand.progress": translate("Outbox", "Update progress"),
        "demand.solution": translate("Outbox", "Edit solution"),
        "demand.close": translate("Outbox", "Close demand"),
        "usage.push": translate("Outbox", "Usage push"),
    }
    action = ACTION_KINDS.get(kind)
    return titles.get(kind, action.title if action is not None else kind)


def field_title(name: str) -> str:
    """Payload fields the user may correct before a resend."""
    titles = {
        "comment": translate("Outbox", "Comment"),
        "reason": translate("Outbox", "Reason (申诉原因 / 驳回原因)"),
        "demand": translate("Outbox", "Demand (诉求)"),
        "resultDescription": translate("Outbox", "Service result description (服务结果描述)"),
    }
    return titles.get(name, name)


#: The text fields of each kind's payload that "Fix and Resend" lets the user edit. An invoice is
#: corrected in the Invoices area (its draft), never here.
EDITABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "supervision.confirm": ("comment",),
    "supervision.reject": ("reason",),
    "supervision.deliver": ("resultDescription",),
    "supervision.appeal": ("reason",),  # the seller's form has no 诉求 (§2)
    "supervision.refund": ("reason",),
}
#: Of those, the ones the marketplace requires (the Resend button waits for them).
REQUIRED: dict[str, tuple[str, ...]] = {
    "supervision.reject": ("reason",),
    "supervision.deliver": ("resultDescription",),
    "supervision.appeal": ("reason",),
}


def size_text(size: int) -> str:
    return QLocale().formattedDataSize(size)


def files_text(e: EntryView) -> str:
    return ", ".join(f.file_name for f in e.files)


def files_tooltip(e: EntryView) -> str:
    lines = []
    for f in e.files:
        sent = translate("Outbox", "uploaded") if f.uploaded else translate("Outbox", "not yet")
        lines.append(f"{f.file_name} ({size_text(f.size)}, {sent}) SHA-256 {f.sha256[:16]}…")
    return "\n".join(lines)


def reason_text(e: EntryView) -> str:
    """The marketplace's reason for a refusal (with its code), or the last transient fault."""
    if not e.last_error:
        return ""
    if e.last_error_code:
        return f"{e.last_error} ({e.last_error_code})"
    return e.last_error


def refusal_text(e: EntryView) -> str:
    """The reason of an entry that needs attention (a waiting entry's last fault is not one)."""
    return reason_text(e) if e.state == NEEDS_ATTENTION else ""


def next_try_text(e: EntryView) -> str:
    if e.state != PENDING:
        return ""
    if e.next_attempt_at is None:
        return translate("Outbox", "as soon as possible")
    return format_local_time(e.next_attempt_at)


def _state_brush(e: EntryView) -> QBrush | None:
    if e.state == NEEDS_ATTENTION:
        return QBrush(ATTENTION)
    if e.state == DONE:
        return QBrush(DONE_COLOUR)
    return None


def columns() -> list[Column[EntryView]]:
    return [
        Column(lambda: translate("Outbox", "State"), lambda e: state_title(e.state),
               brush=_state_brush),
        Column(lambda: translate("Outbox", "Action"), lambda e: kind_title(e.kind)),
        Column(lambda: translate("Outbox", "Summary"), lambda e: e.summary,
               tooltip=lambda e: e.summary),
        Column(lambda: translate("Outbox", "Marketplace's reason"), refusal_text,
               tooltip=refusal_text, brush=_state_brush),
        Column(lambda: translate("Outbox", "Attempts"), lambda e: str(e.attempts),
               right=True),
        Column(lambda: translate("Outbox", "Next try"), next_try_text),
        Column(lambda: translate("Outbox", "Files"), files_text, tooltip=files_tooltip),
        Column(lambda: translate("Outbox", "Record"),
               lambda e: f"{record_title(e.target_type)} {e.target_id}"),
        Column(lambda: translate("Outbox", "Queued"), lambda e: format_local_time(e.created_at),
               tooltip=lambda e: e.actor),
        # A team shares one cache: who queued each action (the staff member, user@computer).
        Column(lambda: translate("Outbox", "Queued by"), lambda e: e.actor),
    ]


#: Columns kept narrow enough for the reason to be seen (the full text is the tooltip).
WIDE_COLUMNS = (2, 3)


class OutboxModel(RowsTableModel[EntryView]):
    """Outbox entries, newest first (as :meth:`Outbox.entries` lists them)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(columns(), parent)

    def row_of(self, entry_id: int) -> int:
        return next((n for n, e in enumerate(self.rows) if e.id == entry_id), -1)
