"""Any exception in the user's words: the one place the window turns a failure into text.

The services raise :class:`~app.errors.ConsoleError` subclasses carrying a stable
``failure_code`` (``"unreachable"``, ``"cache"``, ``"not_at_node"`` ...), its ``params`` and an
English sentence. Here

* :func:`failure_code` names the failure of any exception (``"unexpected"`` for one the console
  does not know);
* :func:`headline` gives the translated sentence of a code that has one (what happened and what
  to do; the sync's status and banner);
* :func:`failure_text` is the message-line text of any failure: the service's sentence, or the
  exception's class name when it has none;
* :func:`technical_detail` is the same for a log-like detail line (class name and message);
* :func:`queue_failure_text` and :func:`work_failure_text` word a refused queuing and a failed
  piece of background work the way the dialogs and the Invoices area show them.

The translation contexts are the ones the texts had where they were written first
(``SyncFailure``, ``QueueDialog``, ``DemandsView``, ``InvoiceActions``), so the catalogues keep
matching.
"""

from __future__ import annotations

import logging
from typing import Literal

from app.config.profiles import InvalidEndpoint as InvalidProfileEndpoint
from app.errors import ConsoleError
from app.views.i18n import translate

log = logging.getLogger("seller_console.views")

UNEXPECTED = "unexpected"

#: The codes :func:`headline` has words for (the sync's failures), besides ``unexpected``.
HEADLINE_CODES = (
    "authentication",
    "unreachable",
    "faults",
    "refused",
    "keychain",
    "credentials",
    "endpoint",
    "cache",
)


def failure_code(exc: BaseException) -> str:
    """The stable code of ``exc``'s failure; ``"unexpected"`` for an exception of no known kind."""
    if isinstance(exc, ConsoleError):
        return exc.failure_code
    if isinstance(exc, InvalidProfileEndpoint):
        return "endpoint"
    return UNEXPECTED


def headline_code(exc: BaseException) -> str:
    """The code whose headline words ``exc``: its own, ``"cache"`` for every finer cache failure
    (locked, not writable, disk full ..., issue 15 §1), ``"unexpected"`` for one without."""
    code = failure_code(exc)
    if code.startswith("cache_"):
        return "cache"
    return code if code in HEADLINE_CODES else UNEXPECTED


def _headlines() -> dict[str, str]:
    # One literal translate() per code, so lupdate finds every text.
    return {
        "authentication": translate(
            "SyncFailure",
            "The marketplace refused this profile's keys. Check the access key and the "
            "secret key, and that this computer's clock is right.",
        ),
        "unreachable": translate(
            "SyncFailure",
            "The marketplace cannot be reached. You are working offline from the cache; "
            "sync again when the network is back.",
        ),
        "faults": translate(
            "SyncFailure",
            "The marketplace kept answering with errors. What was synced is kept; try "
            "again later.",
        ),
        "refused": translate(
            "SyncFailure",
            "The marketplace refused a request. What was synced before is kept.",
        ),
        "keychain": translate(
            "SyncFailure",
            "The secret key cannot be read from the system keychain.",
        ),
        "credentials": translate(
            "SyncFailure",
            "This profile has no secret key yet. Enter it in the profile.",
        ),
        "endpoint": translate(
            "SyncFailure",
            "The profile's marketplace address is not valid. Correct it in the profile.",
        ),
        "cache": translate(
            "SyncFailure",
            "The local cache could not be written. Nothing was lost from the marketplace.",
        ),
        UNEXPECTED: translate(
            "SyncFailure",
            "The sync stopped because of an unexpected problem. The details are in the log.",
        ),
    }


def headline(code: str) -> str:
    """One translated sentence saying what happened and what to do (a code without one of its
    own: the unexpected problem's)."""
    texts = _headlines()
    return texts.get(code, texts[UNEXPECTED])


def failure_text(exc: BaseException) -> str:
    """The failure in a message line: the service's sentence, else the exception's class name."""
    return str(exc) or type(exc).__name__


def technical_detail(exc: BaseException) -> str:
    """``exc`` for a details line: a known failure's sentence, else ``ClassName: message``
    (never a traceback)."""
    if headline_code(exc) != UNEXPECTED:
        return failure_text(exc)
    detail = str(exc).strip()
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


# The areas' own failure classes are imported when a failure is worded, not with this module:
# the workspace and the sync word failures too, and the window is shown before the areas' services
# are loaded (issue 17, tests/test_startup_imports.py).


def _queue_refusals() -> tuple[type[BaseException], ...]:
    """Refusals whose sentence already says why an action was not queued."""
    from app.services.demands.actions import DemandError
    from app.services.outbox.queue import OutboxError
    from app.services.supervision.actions import ActionError

    return (ActionError, DemandError, OutboxError, LookupError)


def queue_failure_text(exc: BaseException, area: Literal["supervision", "demands"]) -> str:
    """Why an action of ``area`` was not queued: the refusal's own sentence, or a short line."""
    if isinstance(exc, _queue_refusals()):
        return str(exc)
    if area == "demands":
        template = translate("DemandsView", "The action could not be queued: %1")
    else:
        template = translate("QueueDialog", "The action could not be queued: %1")
    return template.replace("%1", failure_text(exc))


def _work_known() -> tuple[type[BaseException], ...]:
    """Failures of background work whose text is already a sentence for the user."""
    from app.services.invoices.drafts import DraftError
    from app.services.invoices.errors import RenderError
    from app.services.invoices.submit import SubmitError
    from app.services.marketplace.client import MarketplaceError
    from app.services.marketplace.credentials import CredentialsError
    from app.services.outbox.queue import OutboxError

    return (DraftError, SubmitError, RenderError, OutboxError, CredentialsError, MarketplaceError)


def work_failure_text(exc: BaseException) -> str:
    """A failed piece of the Invoices area's work in words: a known failure's sentence, a file
    that could not be written, or "something went wrong" (logged)."""
    # PrintError is the Invoices area's own (app.views.invoices.printing), already translated.
    if isinstance(exc, _work_known()) or type(exc).__name__ == "PrintError":
        return str(exc)
    if isinstance(exc, OSError):
        return translate("InvoiceActions", "The file could not be written: %1").replace(
            "%1", str(exc)
        )
    log.error("invoice work failed unexpectedly: %r", exc)
    return translate(
        "InvoiceActions", "Something went wrong (%1). The details are in the log."
    ).replace("%1", type(exc).__name__)


def cache_failure_text(exc: BaseException) -> str:
    """Why a cache cannot be opened or read, in the user's language, with what to do (issue 15
    §1): locked, not writable, disk full, server down, damaged, too new; any other failure: the
    plain words and the error."""
    code = failure_code(exc)
    where = getattr(exc, "params", {}).get("where", "")
    # One literal translate() per code, so lupdate finds every text.
    words = {
        "cache_locked": translate(
            "CacheFailure", "The local cache (%1) is locked by another program (another console, "
            "a sync or a backup). Nothing was changed; close the other program or wait, then "
            "try again."),
        "cache_permission": translate(
            "CacheFailure", "The local cache (%1) or its folder cannot be written by this user "
            "(was a sync run as another user, e.g. with sudo?). Nothing was changed; give the "
            "file back to your user or make it writable, then try again."),
        "cache_disk_full": translate(
            "CacheFailure", "The disk holding the local cache (%1) is full. Nothing was lost; "
            "free some space, then try again."),
        "cache_server_down": translate(
            "CacheFailure", "The cache server at %1 cannot be reached or refused the login. "
            "Nothing was changed; check that the PostgreSQL server is running and the profile's "
            "database address, then try again."),
        "cache_damaged": translate(
            "CacheFailure", "The local cache (%1) is damaged. It was left untouched. Starting a "
            "fresh cache first saves everything you made (queued actions and their files, "
            "invoice drafts, the company profile, imports, the journal) and brings it into the "
            "new cache."),
        "cache_too_new": translate(
            "CacheFailure", "This cache was written by a newer version of the console. Update "
            "the console to open it; the cache was not changed."),
    }
    text = words.get(code)
    if text is None:
        return translate("CacheFailure", "The local cache could not be opened: %1").replace(
            "%1", failure_text(exc))
    return text.replace("%1", where)


def cache_read_failure_text(exc: BaseException) -> str:
    """Rows that could not be read from the cache (damage found after it opened), in words."""
    return translate(
        "CacheFailure", "Some rows could not be read from the local cache (%1). The cache may be "
        "damaged: close the console and open it again to check it; what you made can be "
        "rescued into a fresh cache.").replace("%1", failure_text(exc))
