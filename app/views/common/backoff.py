"""The back-off of automatic retries while the marketplace cannot be reached.

Offline, the sync and the outbox try again sooner than their usual schedule, waiting twice as long
each time (1, 2, 4, ... minutes up to a cap), and start from the first delay again once the
marketplace answers. :class:`BackoffTimer` is that timer; what it runs, and when it is reset, is
its owner's business.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer


class BackoffTimer(QTimer):
    """A single-shot timer whose delay doubles with each :meth:`start_next`, from ``first_ms`` up
    to the cap given there, until :meth:`reset`. ``stop()`` stops it and keeps the delay."""

    def __init__(self, first_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSingleShot(True)
        self.first_ms = first_ms
        self.next_ms = first_ms

    def start_next(self, cap_ms: int) -> None:
        """Start with the current delay (at most ``cap_ms``); the next one will be twice as long."""
        self.start(min(self.next_ms, cap_ms))
        self.next_ms = min(self.next_ms * 2, cap_ms)

    def reset(self) -> None:
        """The next start waits the first delay again (a running wait goes on)."""
        self.next_ms = self.first_ms
