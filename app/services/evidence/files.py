"""What an evidence package lists (see :mod:`app.services.evidence.package`): its files, and times as text.

Shared by the packaging (:mod:`app.services.evidence.package`) and its index PDF
(:mod:`app.services.evidence.pdf`), which import it and not each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from app.services.marketplace.wire import parse_hw_time


@dataclass(frozen=True)
class EvidenceFile:
    """One file of the task: where it came from and whether its bytes are in the package."""

    name: str
    sha256: str
    size: int | None
    source: str  # "outbox" (the console sent or will send it) | "marketplace" (an attachment)
    role: str
    when: str  # queued or uploaded, as text
    included: bool = False
    path: str = ""  # the member name when included


def hw_text(value: Any, tz: tzinfo | None) -> str:
    try:
        return parse_hw_time(str(value)).astimezone(tz).strftime("%Y-%m-%d %H:%M %z")
    except (TypeError, ValueError):
        return str(value or "")


def local_text(value: datetime | None, tz: tzinfo | None) -> str:
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M %z") if value else ""
