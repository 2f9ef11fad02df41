"""Which language the command line speaks, in one place (messages, headings and export values).

The order: the global ``--lang en|zh_CN`` option (``export --lang`` too), else the language saved
in the window's settings (:attr:`app.config.settings.Settings.language`), else the system's locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as Qt reads it on Linux): any Chinese locale speaks
Simplified Chinese, everything else English. No Qt is needed to decide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from app.config.paths import AppPaths
from app.config.settings import SettingsStore


class _HasHome(Protocol):
    """What :func:`default_language` reads of a ``CliContext`` (not imported: no import circle)."""

    @property
    def paths(self) -> AppPaths: ...

    @property
    def environ(self) -> Mapping[str, str]: ...

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES: tuple[str, ...] = (ENGLISH, CHINESE)
OPTION = "--lang"


def system_language(environ: Mapping[str, str]) -> str:
    """``zh_CN`` when the system's locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as Qt reads
    it on Linux) is Chinese, else ``en``: what the window shows for the setting "system"."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return CHINESE if value.lower().startswith("zh") else ENGLISH
    return ENGLISH


def saved_language(paths: AppPaths) -> str | None:
    """The language chosen in the window's settings, or ``None`` for "system" (or when the
    settings cannot be read: the command line must not fail over its language)."""
    try:
        setting = SettingsStore(paths).load().language
    except Exception:  # noqa: BLE001 - an unreadable settings file means "no choice"
        return None
    return setting if setting in LANGUAGES else None


def window_language(paths: AppPaths, environ: Mapping[str, str]) -> str:
    """The language the window uses: the saved setting, else the system's."""
    return saved_language(paths) or system_language(environ)


def default_language(ctx: _HasHome) -> str:
    """The language the window uses for ``ctx``'s home folder and environment."""
    return window_language(ctx.paths, ctx.environ)


def language_option(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` in ``argv`` (``--lang zh_CN`` or ``--lang=zh_CN``, before or after
    the command), when it is one of :data:`LANGUAGES`; the last one wins. Read before the
    arguments are parsed, so that even a wrong argument is reported in that language."""
    found: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == OPTION and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith(OPTION + "="):
            value = arg.split("=", 1)[1]
        if value in LANGUAGES:
            found = value
    return found


def command_line_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language of this run: ``--lang``, else the window's (the setting, else the system's)."""
    return language_option(argv) or window_language(AppPaths.from_env(environ), environ)
