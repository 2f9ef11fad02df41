"""The command line's words: the window's catalogue (``seller_console_<lang>.qm``), read with
``PySide6.QtCore.QTranslator`` (QtCore only: no widgets, no application object).

Every user-facing text of ``app/cli`` is written ``translate("CliSomething", "English text")``
(a literal context and text, so ``pyside6-lupdate`` collects it: ``resources/translations/update.sh``
scans ``app/cli`` as well as ``app/views``); values are put in afterwards with ``.format()``.
Texts made at import time are marked with :func:`QT_TRANSLATE_NOOP` and translated where shown.

:func:`use_language` is called once per run (``app.__main__``, before the arguments are parsed,
so that a wrong argument is reported in that language too). English is the source language: it
needs no catalogue, and Qt is not even imported. ``SELLER_CONSOLE_TRANSLATIONS=DIR`` reads the
catalogue from ``DIR`` instead of ``resources/translations`` (tests compile a fresh one there).
Machine output (``--json``), codes, commands and flags are never translated.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.cli.language import ENGLISH, LANGUAGES
from app.resource_files import resource_path

log = logging.getLogger("seller_console.cli")

ENV_TRANSLATIONS = "SELLER_CONSOLE_TRANSLATIONS"
CATALOG = "seller_console"

_state: dict[str, Any] = {"language": ENGLISH, "translator": None}


def translations_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where the catalogues are: ``SELLER_CONSOLE_TRANSLATIONS``, else ``translations/`` of the
    resource root (:func:`app.resource_files.resource_root`, the folder the window loads them from)."""
    env = os.environ if environ is None else environ
    given = env.get(ENV_TRANSLATIONS, "").strip()
    if given:
        return Path(given)
    return resource_path("translations")


def use_language(language: str, environ: Mapping[str, str] | None = None) -> str:
    """Speak ``language`` (``en`` or ``zh_CN``) from now on; returns the language now spoken
    (English when the catalogue cannot be loaded: the command still works, in English)."""
    translator = None
    if language in LANGUAGES and language != ENGLISH:
        from PySide6.QtCore import QTranslator

        translator = QTranslator()
        folder = translations_dir(environ)
        if not translator.load(f"{CATALOG}_{language}", str(folder)):
            # not a warning: logging is not set up yet, and a warning would be a second line
            log.info("no translation catalogue %s_%s in %s", CATALOG, language, folder)
            translator, language = None, ENGLISH
    else:
        language = ENGLISH
    _state.update(language=language, translator=translator)
    return language


def language() -> str:
    """The language spoken now (``en`` or ``zh_CN``)."""
    return str(_state["language"])


def translate(context: str, source_text: str) -> str:
    """``source_text`` of ``context`` in the language spoken now (itself when it has no
    translation yet)."""
    translator = _state["translator"]
    if translator is None:
        return source_text
    return str(translator.translate(context, source_text) or source_text)


def QT_TRANSLATE_NOOP(context: str, source_text: str) -> str:  # noqa: N802 - lupdate's name
    """Marks a text made at import time for lupdate; returns it unchanged (translate it where it
    is shown, with the same context)."""
    del context
    return source_text
