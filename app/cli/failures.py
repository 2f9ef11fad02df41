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
11  ``conformance``: a check of the production interface failed
130 cancelled (Ctrl+C)
==  =========================================================================================

:func:`exit_code_for` maps the stable ``failure_code`` of a :class:`~app.errors.ConsoleError`
(``app/errors.py``) to its exit code; :func:`message_for` is the line, :func:`fail` prints it.
Every line is in the language spoken (:mod:`app.cli.words`): the known failure codes and
argparse's usage errors have their own words; the exit-code table is translated in ``--help``.
"""

from __future__ import annotations

import argparse
import errno
import re
import sqlite3
import sys
from typing import Any, NoReturn

from sqlalchemy import Engine, exc

from app.cli.language import ENGLISH, LANGUAGES
from app.cli.words import QT_TRANSLATE_NOOP, language, translate
from app.config.profiles import InvalidEndpoint as InvalidProfileEndpoint
from app.config.profiles import ProfileExists, ProfileNotFound
from app.errors import ConsoleError
from app.models.db import CacheError, classify_failure, open_cache

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
EXIT_CONFORMANCE = 11
EXIT_CANCELLED = 130

#: Every exit code and what it means, for ``--help`` and docs/cli.md (keep docs/cli.md in step);
#: English here, translated where shown (:func:`exit_codes_text`, context ``CliExitCodes``).
EXIT_CODE_TABLE: tuple[tuple[int, str], ...] = (
    (0, QT_TRANSLATE_NOOP("CliExitCodes", "done")),
    (EXIT_FAILURE, QT_TRANSLATE_NOOP("CliExitCodes",
                                     "any other failure (the line says what went wrong)")),
    (EXIT_USAGE, QT_TRANSLATE_NOOP("CliExitCodes",
                                   "usage: a wrong argument or choice; a draft or evidence "
                                   "request that cannot be done; outbox: the action was not "
                                   "queued")),
    (EXIT_AUTH, QT_TRANSLATE_NOOP("CliExitCodes",
                                  "the marketplace refused the keys (authentication)")),
    (EXIT_UNREACHABLE, QT_TRANSLATE_NOOP("CliExitCodes", "the marketplace cannot be reached")),
    (EXIT_FAULTS, QT_TRANSLATE_NOOP("CliExitCodes", "the marketplace kept failing, or refused "
                                                    "a request during a sync")),
    (EXIT_CACHE, QT_TRANSLATE_NOOP("CliExitCodes", "the local cache cannot be opened")),
    (EXIT_CONFIG, QT_TRANSLATE_NOOP("CliExitCodes",
                                    "configuration: no usable profile, cache, keys or endpoint")),
    (EXIT_RENDER, QT_TRANSLATE_NOOP("CliExitCodes", "invoice: the PDF could not be made; outbox "
                                                    "send: the marketplace refused an action")),
    (EXIT_CHANGED, QT_TRANSLATE_NOOP("CliExitCodes", "evidence verify: the package was changed")),
    (EXIT_CHECKS, QT_TRANSLATE_NOOP("CliExitCodes", "invoice render: the invoice fails a check "
                                                    "that blocks printing (no PDF)")),
    (EXIT_CONFORMANCE, QT_TRANSLATE_NOOP("CliExitCodes", "conformance: a check of the "
                                                         "production interface failed")),
    (EXIT_CANCELLED, QT_TRANSLATE_NOOP("CliExitCodes", "cancelled (Ctrl+C)")),
)


def exit_codes_text() -> str:
    """The exit codes as the epilog of ``seller-console --help`` shows them, in the language
    spoken."""
    lines = [translate("CliExitCodes", "exit codes:")]
    lines += [f"  {code:<4} {translate('CliExitCodes', text)}" for code, text in EXIT_CODE_TABLE]
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
    "cache_too_new": EXIT_CACHE,
    "cache_damaged": EXIT_CACHE,
    "cache_locked": EXIT_CACHE,
    "cache_permission": EXIT_CACHE,
    "cache_disk_full": EXIT_CACHE,
    "cache_server_down": EXIT_CACHE,
}


def exit_code_for(error: BaseException) -> int:
    """The exit code of a run that stopped on ``error``."""
    if isinstance(error, ConsoleError):
        return EXIT_CODES.get(error.failure_code, EXIT_FAILURE)
    return EXIT_FAILURE


def _known_failure(code: str) -> str | None:
    """The sentence of a failure code the command line words itself (in the language spoken)."""
    # One literal translate() per code, so lupdate finds every text.
    words = {
        "authentication": translate(
            "CliFailures", "the marketplace refused the keys; check the access key, the secret "
            "key and this computer's clock"),
        "unreachable": translate(
            "CliFailures", "the marketplace cannot be reached; check the network and the "
            "endpoint, then try again"),
        "faults": translate(
            "CliFailures", "the marketplace kept answering with errors; what was synced is "
            "kept, try again later"),
        "refused": translate("CliFailures", "the marketplace refused the request"),
        "marketplace": translate("CliFailures", "the marketplace answered with an error"),
        "endpoint": translate(
            "CliFailures", "the endpoint is not a usable address (https, or http on this "
            "computer only)"),
        "cache": translate(
            "CliFailures", "the local cache cannot be opened (run with --lang en --verbose for "
            "the details)"),
        "cache_locked": translate(
            "CliFailures", "the local cache ({where}) is locked by another program; nothing was "
            "changed, close it or wait, then try again"),
        "cache_permission": translate(
            "CliFailures", "the local cache ({where}) or its folder cannot be written by this "
            "user (left by sudo?); nothing was changed, give it back to your user (chown), then "
            "try again"),
        "cache_disk_full": translate(
            "CliFailures", "the disk holding the local cache ({where}) is full; nothing was lost, "
            "free some space, then try again"),
        "cache_server_down": translate(
            "CliFailures", "the cache server at {where} cannot be reached or refused the login; "
            "check that PostgreSQL is running and the database address"),
        "cache_damaged": translate(
            "CliFailures", "the local cache ({where}) is damaged and was left untouched; "
            "`seller-console cache fresh` saves what you made, sets the cache aside and brings "
            "it into a new one"),
        "cache_too_new": translate(
            "CliFailures", "this cache was written by a newer console; update the console, the "
            "cache was not changed"),
        "cancelled": translate("CliFailures", "stopped; what was done so far is kept"),
        "keychain": translate(
            "CliFailures", "there is no keychain on this computer; set SELLER_CONSOLE_AK and "
            "SELLER_CONSOLE_SK instead"),
    }
    return words.get(code)


def message_for(error: BaseException) -> str:
    """``error`` in one line, in the language spoken: in English its own sentence (or its class
    name when it has none); in another language the translated sentence of its failure code
    (with the marketplace's error code, when it sent one), else its own sentence."""
    if isinstance(error, ProfileNotFound):
        return translate("CliFailures", "no profile named {name}").format(name=repr(error.name))
    if isinstance(error, ProfileExists):
        return translate("CliFailures", "a profile named {name} exists already").format(
            name=repr(error.name))
    if language() != ENGLISH and isinstance(error, InvalidProfileEndpoint):
        return translate("CliFailures", "the endpoint must be an https address (http only on "
                         "this computer)")
    if language() != ENGLISH and isinstance(error, ConsoleError):
        from app.cli.invoice_words import refusal_words  # the invoice services: only here

        refused = refusal_words(error, translate)
        if refused is not None:
            return refused
        words = _known_failure(error.failure_code)
        if words is not None:
            words = words.format(where=error.params.get("where", ""))
            code = getattr(error, "code", None)
            return f"{words} ({code})" if code else words
    return str(error) or type(error).__name__


def fail(message: str, code: int = EXIT_FAILURE) -> int:
    """Print ``message`` as the failure line on stderr and return ``code``."""
    print(f"seller-console: {message}", file=sys.stderr)
    return code


def fail_with(error: BaseException, code: int | None = None) -> int:
    """Print ``error``'s line; return ``code``, or its own exit code when ``code`` is None."""
    return fail(message_for(error), exit_code_for(error) if code is None else code)


#: The cache this run opened last (:func:`open_cache_or_fail`), to word a failure met later.
_opened: list[str] = []


def open_cache_or_fail(url: str) -> Engine | int:
    """The cache at ``url`` (opened, migrated as needed), or :data:`EXIT_CACHE` after saying why
    it cannot be opened."""
    _opened.append(url)
    try:
        return open_cache(url)
    except CacheError as e:
        return fail_with(e, EXIT_CACHE)


def cache_failure_later(error: BaseException, url: str | None = None) -> CacheError | None:
    """A database error (or a full or read-only disk) met after the cache was opened, e.g. a disk
    that filled up while the command wrote (issue 15 §4 drills): the :class:`CacheError` that
    says why, for the cache this run opened (else ``url``, the one the command chose); ``None``
    when ``error`` is not about the cache."""
    url = (_opened[-1] if _opened else None) or url
    if url is None:
        return None
    if isinstance(error, (exc.DBAPIError, sqlite3.Error)):
        return classify_failure(url, error)
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
        return classify_failure(url, error)
    return None


def usage_words(message: str) -> str:
    """An argparse error message in the language spoken (argparse writes English only): the
    messages a user meets, by their English pattern; any other one as argparse wrote it."""
    if language() == ENGLISH:
        return message
    patterns: tuple[tuple[str, str], ...] = (
        (r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)$",
         translate("CliUsage", "argument {arg}: invalid choice {value} (choose from {choices})")),
        (r"the following arguments are required: (?P<args>.+)$",
         translate("CliUsage", "the following arguments are required: {args}")),
        (r"unrecognized arguments: (?P<args>.+)$",
         translate("CliUsage", "unrecognized arguments: {args}")),
        (r"argument (?P<arg>.+?): expected one argument$",
         translate("CliUsage", "argument {arg}: expected one value")),
        (r"argument (?P<arg>.+?): expected (?P<what>.+?) arguments?$",
         translate("CliUsage", "argument {arg}: expected more values")),
        (r"argument (?P<arg>.+?): not allowed with argument (?P<other>.+)$",
         translate("CliUsage", "argument {arg}: not allowed with argument {other}")),
        (r"argument (?P<arg>.+?): invalid (?P<type>\w+) value: (?P<value>.+)$",
         translate("CliUsage", "argument {arg}: invalid value {value}")),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)$",
         translate("CliUsage", "ambiguous option: {option} could match {matches}")),
        (r"one of the arguments (?P<args>.+) is required$",
         translate("CliUsage", "one of the arguments {args} is required")),
    )
    for pattern, words in patterns:
        found = re.match(pattern, message)
        if found:
            return words.format(**found.groupdict())
    return message


class ConsoleParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (``seller-console: <what>``), not the usage,
    in the language spoken.

    Sub-command parsers are made of the same class (``add_subparsers`` uses the parent's class),
    so every command takes the global ``--lang`` too (``seller-console status --lang zh_CN``); a
    command's own ``--lang`` (``export``: also the file's language) replaces it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("conflict_handler", "resolve")
        super().__init__(*args, **kwargs)
        self.add_argument(
            "--lang", dest="ui_language", choices=LANGUAGES, default=argparse.SUPPRESS,
            help="the language of messages and headings (default: the window's language: the "
            "saved setting, else the system's)",
        )

    def error(self, message: str) -> NoReturn:
        line = translate("CliUsage", "{what}; see `{prog} --help`").format(
            what=usage_words(message), prog=self.prog)
        self.exit(EXIT_USAGE, f"{self.prog}: {line}\n")
