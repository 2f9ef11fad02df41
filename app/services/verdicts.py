"""The one answer to "may the seller do this now?", shared by every area with seller actions.

An area (``app.services.supervision.actions``, ``app.services.demands.actions``) keeps a ``REASONS`` dict: stable
code -> English template (``{name}`` fields for its values). :func:`allowed` and :func:`refused`
make its :class:`Availability` per action; :func:`refusal` turns a refused one into the area's
error (a :class:`~app.errors.ConsoleError` carrying the same code and values), so the window can
show the reason in the user's language and the CLI in English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from app.errors import ConsoleError

A = TypeVar("A")
E = TypeVar("E", bound=ConsoleError)


@dataclass(frozen=True)
class Availability(Generic[A]):
    """One action: ``allowed``, or why not (``reason_code``, its ``params``, ``reason`` in
    English)."""

    action: A
    allowed: bool
    reason_code: str = ""
    reason: str = ""
    #: The server's wording of the action when allowed (e.g. 上传交付凭证), for the button.
    server_action: str = ""
    params: Mapping[str, str] = field(default_factory=dict)


class ActionRefused(ConsoleError):
    """A seller action that cannot be queued; ``str()`` says why, for the user (``failure_code``:
    a code of the area's ``REASONS`` when the record's state refuses it). Each area raises its own
    subclass, the error :func:`refusal` makes."""

    default_code = "action_refused"


def allowed(action: A, server_action: str = "") -> Availability[A]:
    return Availability(action, True, server_action=server_action)


def refused(action: A, code: str, reasons: Mapping[str, str], **params: str) -> Availability[A]:
    """``action`` is not possible now, for the reason ``code`` of ``reasons``."""
    return Availability(action, False, code, reasons[code].format(**params), params=params)


def refusal(verdict: Availability[A], error: type[E]) -> E:
    """The area's ``error`` saying why ``verdict`` refuses (raise it)."""
    return error(verdict.reason, failure_code=verdict.reason_code, params=verdict.params)
