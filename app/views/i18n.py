"""The interface language: which translations are loaded, and switching at run time.

The source language of every string is English (``tr("...")`` in the code). Simplified Chinese
ships as ``resources/translations/seller_console_zh_CN.qm`` (compiled from the ``.ts`` beside it;
``update.sh`` there regenerates both). English ships a plural-forms-only ``seller_console_en.qm`` so
that ``tr("%n order(s)", "", n)`` reads "1 order" / "2 orders".

Qt's own dialogs and buttons (OK, Cancel, the file dialog, the print dialog) are translated by
Qt's ``qtbase_<lang>.qm`` from ``QLibraryInfo``'s translations folder.

Switching language installs the new translators; Qt then sends ``QEvent.LanguageChange`` to every
widget, and each widget re-sets its texts in ``changeEvent`` (no restart). Widgets must therefore
keep whatever they need to rebuild their texts (not the translated strings themselves).

Signals
-------
``languageChanged(str)``
    The effective language code after a switch: ``"zh_CN"`` or ``"en"``.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

from app.resource_files import resource_path

if TYPE_CHECKING:
    # What it is at run time: it marks a string for lupdate and returns it unchanged, a str
    # (PySide6's stubs say object). lupdate finds the calls by name, so import it from here.
    def QT_TRANSLATE_NOOP(  # noqa: N802 - Qt's name
        context: str, source_text: str, disambiguation: str | None = None
    ) -> str: ...
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP  # re-exported

log = logging.getLogger("seller_console.views")


def translate(context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``source_text`` of ``context`` in the interface language: the console's one way to translate.

    Every view module imports this (``from app.views.i18n import translate``) and names its context
    explicitly (the class name, as lupdate records it); ``QT_TRANSLATE_NOOP`` marks text made at
    import time. lupdate finds ``translate(...)`` calls by name.
    """
    return QCoreApplication.translate(context, source_text, disambiguation, n)


# The settings' choices (``app.config.settings.Language``).
SYSTEM = "system"
CHINESE = "zh_CN"
ENGLISH = "en"
LANGUAGE_CHOICES: tuple[str, ...] = (SYSTEM, CHINESE, ENGLISH)

CATALOG = "seller_console"


def translations_dir() -> Path:
    """``translations/`` of the resource root (:func:`app.resource_files.resource_root`)."""
    return resource_path("translations")


def effective_language(setting: str, system: QLocale | None = None) -> str:
    """The language to show for a setting: ``"system"`` follows the system locale (any Chinese
    locale shows Simplified Chinese, which is the marketplace's language; others English)."""
    if setting in (CHINESE, ENGLISH):
        return setting
    locale = system if system is not None else QLocale.system()
    return CHINESE if locale.language() == QLocale.Language.Chinese else ENGLISH


class Translations(QObject):
    """Owns the installed translators of the application (one instance, made by ``app.py``)."""

    languageChanged = Signal(str)

    def __init__(self, directory: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._directory = directory or translations_dir()
        self._installed: list[QTranslator] = []
        self._language = ""

    @property
    def language(self) -> str:
        """The effective language now shown (``"zh_CN"`` or ``"en"``; empty before :meth:`apply`)."""
        return self._language

    def apply(self, setting: str, system: QLocale | None = None) -> str:
        """Show the interface in the language of ``setting``; returns the effective language.

        A missing catalogue is logged and English is shown for what it would have translated;
        the console keeps working.
        """
        language = effective_language(setting, system)
        if language == self._language:
            return language
        app = QCoreApplication.instance()
        for translator in self._installed:
            if app is not None:
                app.removeTranslator(translator)
        self._installed = []
        candidates = [(self._directory, f"{CATALOG}_{language}")]
        if language != ENGLISH:
            qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
            candidates.append((qt_dir, f"qtbase_{language}"))
        for folder, name in candidates:
            translator = QTranslator(self)
            if translator.load(name, str(folder)):
                self._installed.append(translator)
            else:
                log.warning("no translation catalogue %s in %s", name, folder)
        locale = (
            QLocale(QLocale.Language.Chinese, QLocale.Country.China)
            if language == CHINESE
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        )
        QLocale.setDefault(locale)
        self._language = language
        if app is not None:
            for translator in self._installed:
                app.installTranslator(translator)  # sends LanguageChange to every widget
        self.languageChanged.emit(language)
        return language


def format_local_time(when: datetime, now: datetime | None = None) -> str:
    """A UTC time in the user's local time: "10:32" today, else "2026-03-01 16:00".

    One format in every language and every place (the tables use the same, see
    ``app.views.common.formats.local_time``); the locale's short format was US-style
    ("3/1/26 4:00 PM") in English."""
    local = when.astimezone()
    today = (now or datetime.now(UTC)).astimezone().date()
    return local.strftime("%H:%M" if local.date() == today else "%Y-%m-%d %H:%M")
