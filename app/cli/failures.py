"""The one place the command line turns a failure into one line on stderr and an exit code.

Every command ends a failure with ``seller-console: <one line>`` on stderr (never a traceback)
and one of these exit codes (README, "Command line"):

==  =========================================================================================
1   any other failure (profile commands: what went wrong is in the line)
2   usage: a wrong argument, a draft or evidence request that cannot be done; ``outbox``: the
    action was not queued
3   the marketplace refused the keys (authentication)
4   the marketplace cannot be reached
5   the marketplace kept failing (too many faults) or refused a request during a sync
6   the local cache cannot be opened
7   configuration: no usable profile, keys or endpoint
8   ``invoice``: the PDF could not be made; ``outbox send``: the marketplace refused an action
9   ``evidence verify``: the package was changed
10  ``invoice render``: the invoice fails a check that blocks printing in the window (what is
    missing is named, with the command that sets it); no PDF is written
130 cancelled (Ctrl+C)
==  =========================================================================================

:func:`exit_code_for` maps the stable ``failure_code`` of a :class:`~app.errors.ConsoleError`
(``app/errors.py``) to its exit code; :func:`message_for` is the line, :func:`fail` prints it.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from sqlalchemy import Engine

from app.errors import ConsoleError
from app.models.db import CacheError, open_cache

EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_NOT_QUEUED = 2
EXIT_AUTH = 3
EXIT_UNREACHABLE = 4
EXIT_FAULTS = 5
EXIT_CACHE = 6
EXIT_CONFIG = 7
EXIT_RENDER = 8
EXIT_REFUSED = 8
EXIT_CHANGED = 9
EXIT_CHECKS = 10
EXIT_CANCELLED = 130

#: Every exit code and what it means, for ``--help`` and docs/cli.md (keep docs/cli.md in step).
EXIT_CODE_TABLE: tuple[tuple[int, str], ...] = (
    (0, "done"),
    (EXIT_FAILURE, "any other failure (the line says what went wrong)"),
    (EXIT_USAGE, "usage: a wrong argument or choice; a draft or evidence request that cannot be "
                 "done; outbox: the action was not queued"),
    (EXIT_AUTH, "the marketplace refused the keys (authentication)"),
    (EXIT_UNREACHABLE, "the marketplace cannot be reached"),
    (EXIT_FAULTS, "the marketplace kept failing, or refused a request during a sync"),
    (EXIT_CACHE, "the local cache cannot be opened"),
    (EXIT_CONFIG, "configuration: no usable profile, cache, keys or endpoint"),
    (EXIT_RENDER, "invoice: the PDF could not be made; outbox send: the marketplace refused an "
                  "action"),
    (EXIT_CHANGED, "evidence verify: the package was changed"),
    (EXIT_CHECKS, "invoice render: the invoice fails a check that blocks printing (no PDF)"),
    (EXIT_CANCELLED, "cancelled (Ctrl+C)"),
)


def exit_codes_text() -> str:
    """The exit codes as the epilog of ``seller-console --help`` shows them."""
    lines = ["exit codes:"]
    lines += [f"  {code:<4} {text}" for code, text in EXIT_CODE_TABLE]
    return "\n".join(lines)

#: Exit code of each failure code that has its own (anything else: :data:`EXIT_FAILURE`).
EXIT_CODES: dict[str, int] = {
    "authentication": EXIT_AUTH,
    "unreachable": EXIT_UNREACHABLE,
    "cancelled": EXIT_CANCELLED,
    "endpoint": EXIT_CONFIG,
    "faults": EXIT_FAULTS,
    "refused": EXIT_FAULTS,
    "marketplace": EXIT_FAULTS,
    "cache": EXIT_CACHE,
}


def exit_code_for(error: BaseException) -> int:
    """The exit code of a run that stopped on ``error``."""
    if isinstance(error, ConsoleError):
        return EXIT_CODES.get(error.failure_code, EXIT_FAILURE)
    return EXIT_FAILURE


def message_for(error: BaseException) -> str:
    """``error`` in one line: its English sentence, or its class name when it has none."""
    return str(error) or type(error).__name__


def fail(message: str, code: int = EXIT_FAILURE) -> int:
    """Print ``message`` as the failure line on stderr and return ``code``."""
    print(f"seller-console: {message}", file=sys.stderr)
    return code


def fail_with(error: BaseException, code: int | None = None) -> int:
    """Print ``error``'s line; return ``code``, or its own exit code when ``code`` is None."""
    return fail(message_for(error), exit_code_for(error) if code is None else code)


def open_cache_or_fail(url: str) -> Engine | int:
    """The cache at ``url`` (opened, migrated as needed), or :data:`EXIT_CACHE` after saying why
    it cannot be opened."""
    try:
        return open_cache(url)
    except CacheError as e:
        return fail_with(e, EXIT_CACHE)


class ConsoleParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (``seller-console: <what>``), not the usage.

    Sub-command parsers are made of the same class (``add_subparsers`` uses the parent's class).
    """

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message}; see `{self.prog} --help`\n")
