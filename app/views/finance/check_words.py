"""The words of the bill-run checks and verdicts and of the reconciliation flags in the window's
language: the table is :mod:`app.cli.check_words`, shared with the command line (``seller-console
bill check`` says what the window says), read here with the window's ``translate``.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.cli import check_words as shared
from app.views.i18n import translate


def words(code: str, params: Mapping[str, str], fallback: str) -> str:
    """The translated text of a check, verdict or flag ``code`` with its ``params`` filled in;
    ``fallback`` (the service's English message) for a code without a template or a value."""
    return shared.words(code, params, fallback, translate)
