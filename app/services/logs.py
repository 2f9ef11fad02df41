"""Logging: one named logger per subsystem, a rotating log file, and masking of every secret.

Use the named loggers (``logging.getLogger(SYNC)`` or :func:`get_logger`) so a user can raise the
level of one subsystem. :func:`setup_logging` is called once by the composition root; it attaches a
rotating file handler (``console.log`` in the log folder, at most 5 files of 2 MB) and, if asked, a
console handler to the root logger, and puts one :class:`SecretMaskingFilter` on every handler it
adds.

The filter masks, in the message, its arguments, the exception text and the stack text:

* ``Authorization`` header values and ``Bearer`` tokens;
* ``Signature=...`` and ``Access=...`` values (Huawei APIG ``SDK-HMAC-SHA256`` headers, V2 query
  strings);
* values of anything named like a secret, key, password or token (``secret_key=...``, ``sk: ...``,
  ``"secretKey": "..."``, ``X-Auth-Token: ...``, ``password='...'``);
* passwords in URLs (``scheme://user:password@host``);
* every exact string registered with :func:`register_secret` (and its URL- and JSON-escaped forms).

Records are changed in place (the message is formatted, masked and its arguments dropped), so a
handler that comes after ours on the same logger tree also sees masked text.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import re
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from app.config.paths import AppPaths

ROOT = "seller_console"
SYNC = f"{ROOT}.sync"
HTTP = f"{ROOT}.http"
OUTBOX = f"{ROOT}.outbox"
DB = f"{ROOT}.db"
SANDBOX = f"{ROOT}.sandbox"
CONFIG = f"{ROOT}.config"
CREDENTIALS = f"{ROOT}.credentials"
SUBSYSTEMS: tuple[str, ...] = (SYNC, HTTP, OUTBOX, DB, SANDBOX, CONFIG, CREDENTIALS)

LOG_FILE_NAME = "console.log"
MAX_BYTES = 2 * 1024 * 1024
#: The current file plus four rotated ones: at most 5 files of 2 MB.
BACKUP_COUNT = 4
FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"
MASK = "***"
#: Shorter registered values are ignored: masking "ab" everywhere would garble every log line.
MIN_SECRET_LENGTH = 4


def get_logger(subsystem: str) -> logging.Logger:
    """The logger of a subsystem: ``get_logger("sync")`` is ``seller_console.sync``."""
    name = subsystem if subsystem.startswith(ROOT) else f"{ROOT}.{subsystem}"
    return logging.getLogger(name)


# --------------------------------------------------------------------------------------------------
# Masking

_VALUE_UNQUOTED = r"[^\s,;&\"'}\])]+"
_QUOTED_DQ = r'"(?:\\.|[^"\\])*"'
_QUOTED_SQ = r"'(?:\\.|[^'\\])*'"

#: Key names whose value is secret: contains secret/password/token/signature/..., or is ``sk``,
#: ``sign`` or ends in ``_sk`` / ``-sign`` (``SELLER_CONSOLE_SK``, ``x-sign``).
_SECRET_NAME = (
    r"[\w.-]*?(?:secret|passw(?:or)?d|pwd|token|api[_-]?key|private[_-]?key|signature)[\w.-]*"
    r"|(?:[\w.-]*[_-])?(?:sk|sign)"
)

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization: <anything up to the end of the line or the closing quote>
    (
        re.compile(
            r"(?i)(\b(?:proxy-)?authorization[\"']?\s*[:=]\s*)"
            rf"({_QUOTED_DQ}|{_QUOTED_SQ}|[^\r\n\"']+)"
        ),
        "auth",
    ),
    # header tuples as httpx/httpcore print them: (b'Authorization', b'...'), ("x-auth-token", "...")
    (
        re.compile(
            rf"(?i)([\"'](?:(?:proxy-)?authorization|{_SECRET_NAME})[\"']\s*,\s*b?)"
            rf"({_QUOTED_DQ}|{_QUOTED_SQ})"
        ),
        "keep-quotes",
    ),
    (re.compile(r"(?i)(\bbearer\s+)([A-Za-z0-9._~+/=-]+)"), "plain"),
    (re.compile(r"(?i)(\b(?:signature|access)=)([^\s,;&\"']+)"), "plain"),
    # name=value, name: value, "name": "value", 'name': 'value', name='value'
    (
        re.compile(
            rf"(?i)([\"']?(?<![\w.-])(?:{_SECRET_NAME})(?![\w.-])[\"']?\s*[:=]\s*)"
            rf"({_QUOTED_DQ}|{_QUOTED_SQ}|{_VALUE_UNQUOTED})"
        ),
        "keep-quotes",
    ),
    # scheme://user:password@host
    (re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^\s/:@]*:)([^\s/@]+)(?=@)"), "plain"),
)


def _replace(kind: str) -> Callable[[re.Match[str]], str]:
    def plain(match: re.Match[str]) -> str:
        return f"{match.group(1)}{MASK}"

    def keep_quotes(match: re.Match[str]) -> str:
        value = match.group(2)
        if len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0]:
            return f"{match.group(1)}{value[0]}{MASK}{value[0]}"
        return f"{match.group(1)}{MASK}"

    return keep_quotes if kind in ("keep-quotes", "auth") else plain


_COMPILED = tuple((pattern, _replace(kind)) for pattern, kind in _PATTERNS)


class SecretRegistry:
    """Exact strings to mask wherever they appear. Thread-safe; values are never logged."""

    def __init__(self) -> None:
        self._values: set[str] = set()
        self._lock = threading.Lock()
        self._ordered: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"<SecretRegistry: {len(self._values)} values>"

    def add(self, value: str | None) -> None:
        if not value or len(value) < MIN_SECRET_LENGTH:
            return
        variants = {value, quote(value, safe=""), json.dumps(value)[1:-1]}
        with self._lock:
            self._values.update(v for v in variants if len(v) >= MIN_SECRET_LENGTH)
            # Longest first, so a secret that contains another is masked whole.
            self._ordered = tuple(sorted(self._values, key=len, reverse=True))

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._ordered = ()

    def values(self) -> tuple[str, ...]:
        return self._ordered

    def __contains__(self, value: object) -> bool:
        return value in self._values


#: The process's registry: logging is process-wide, so the secrets it must hide are too.
_REGISTRY = SecretRegistry()


def register_secret(value: str | None) -> None:
    """Mask ``value`` in every log record from now on (values under 4 characters are ignored)."""
    _REGISTRY.add(value)


def default_registry() -> SecretRegistry:
    return _REGISTRY


def mask_secrets(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every known kind of secret replaced by ``***``. Idempotent."""
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern, repl in _COMPILED:
        text = pattern.sub(repl, text)
    return text


class SecretMaskingFilter(logging.Filter):
    """Masks secrets in a record in place; never drops a record.

    After it ran, ``record.msg`` is the masked, formatted message, ``record.args`` is ``None``, the
    exception is kept only as masked ``record.exc_text`` (``exc_info`` is cleared, because a later
    formatter would otherwise print the raw exception again), and ``record.stack_info`` is masked.
    """

    def __init__(self, registry: SecretRegistry | None = None) -> None:
        super().__init__()
        self._registry = registry if registry is not None else _REGISTRY

    def mask(self, text: str) -> str:
        return mask_secrets(text, self._registry.values())

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record or raise at the caller
            message = f"{record.msg!r} % {record.args!r}"
        record.msg = self.mask(message)
        record.args = None
        if record.exc_info:
            if not record.exc_text:
                record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_info = None
        if record.exc_text:
            record.exc_text = self.mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self.mask(record.stack_info)
        return True


# --------------------------------------------------------------------------------------------------
# Setup


@dataclass
class LoggingSetup:
    """What :func:`setup_logging` attached; :meth:`close` detaches it and restores the levels."""

    handlers: list[logging.Handler]
    masking_filter: SecretMaskingFilter
    log_file: str
    _previous_levels: dict[str, int]

    def close(self) -> None:
        root = logging.getLogger()
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()
        for name, level in self._previous_levels.items():
            logging.getLogger(name or None).setLevel(level)
        self.handlers = []


_MARK = "_seller_console_handler"


def setup_logging(
    paths: AppPaths,
    level: int | str = logging.INFO,
    console: bool = False,
    *,
    registry: SecretRegistry | None = None,
) -> LoggingSetup:
    """Send the console's logs to ``<log_dir>/console.log`` (and stderr if ``console``).

    ``level`` applies to the ``seller_console.*`` loggers; other libraries' loggers report
    warnings and worse. Calling it again replaces the handlers of the earlier call.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _MARK, False):
            root.removeHandler(handler)
            handler.close()
    paths.log_dir.mkdir(parents=True, exist_ok=True)
    masking = SecretMaskingFilter(registry)
    formatter = logging.Formatter(FORMAT)
    log_file = paths.log_dir / LOG_FILE_NAME
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(masking)
        setattr(handler, _MARK, True)
        root.addHandler(handler)
    ours = logging.getLogger(ROOT)
    previous = {"": root.level, ROOT: ours.level}
    root.setLevel(logging.WARNING)
    ours.setLevel(level if isinstance(level, int) else level.upper())
    return LoggingSetup(handlers, masking, str(log_file), previous)
