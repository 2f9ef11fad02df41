"""The one base of the console's own errors: a stable code, its values, and English for logs.

A :class:`ConsoleError` carries

* ``failure_code``: a stable code naming what went wrong (``"unreachable"``, ``"cache"``,
  ``"not_at_node"`` ...). Each error class has its own default; a raise may name a finer one.
  (``code`` is not used: :class:`~app.services.marketplace.client.MarketplaceError` already has ``code``, the
  marketplace's own ``error_code`` such as SC.1001.)
* ``params``: the values the words for that code need (``{"node": "商家实施服务"}``), as text;
* ``str(exc)``: one English sentence, for the CLI and the logs (and the screen, until the code
  has translated words).

The words a user sees are chosen from the code in one place per front end:
``app.views.common.failures`` (the window, translated) and ``app.cli.failures`` (one line and an
exit code). This module is headless and imports nothing from the console, so ``app.models`` and
``app.services`` can both build on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar


class ConsoleError(Exception):
    """A failure the console knows: ``failure_code`` + ``params`` for the words, ``str()`` in
    English."""

    #: The code of this class of failure; subclasses set their own.
    default_code: ClassVar[str] = "failed"

    def __init__(self, message: str = "", *, failure_code: str | None = None,
                 params: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.failure_code: str = failure_code or self.default_code
        self.params: dict[str, str] = dict(params or {})
