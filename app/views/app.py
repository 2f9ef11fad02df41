"""The Qt application: names, style, language, and running the main window.

:func:`run` is what ``seller-console gui`` calls (from the composition root, ``app.__main__``,
which hands in the paths, profile store, keychain and settings store). It builds the view-side
objects in order: the application, the translations, the bridge, the workspace, the sync
controller and the main window; runs the event loop; and on the way out stops every worker and the
embedded sandbox.

The style is Fusion with the system's colour scheme (light or dark follows the system); icons come
from :mod:`app.views.icons`.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from app.config.paths import AppPaths
from app.config.profiles import ProfileStore
from app.config.settings import SettingsStore
from app.resource_files import resource_path
from app.services.marketplace.credentials import CredentialStore
from app.views.icons import app_icon

log = logging.getLogger("seller_console.views")

ORGANIZATION = "KooGallery"
APPLICATION = "KooGallerySellerConsole"
WINDOW_STATE_FILE = "window.ini"
#: The CJK font the invoice PDFs embed; the window falls back on it for glyphs the system lacks.
FALLBACK_FONT = resource_path("fonts", "wqy-microhei.ttc")


def pin_interpreter_singletons() -> None:
    """Work around PySide6 6.12 dropping references to ``None`` and ``True`` on CPython 3.11.

    PySide6 6.12 is built for interpreters where ``None``/``True``/``False`` are immortal
    (CPython 3.12+). On 3.11 each Python ``Signal.emit()`` loses one reference to ``True`` and each
    C++ signal delivered to a Python slot loses one to ``None``; after a few thousand signals the
    interpreter deallocates a singleton and aborts ("bool_dealloc: deallocating True or False").
    Adding a huge count to their reference counts makes them immortal in practice, as 3.12 does.
    Idempotent enough (a second call only adds more margin); a no-op on 3.12 and later.
    """
    if sys.version_info >= (3, 12) or getattr(pin_interpreter_singletons, "done", False):
        return
    import ctypes

    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))
        count.value += 1 << 40
    pin_interpreter_singletons.done = True  # type: ignore[attr-defined]


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (or the existing one, in tests) with the console's names, style and icon."""
    pin_interpreter_singletons()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QGuiApplication.setApplicationDisplayName("KooGallery Seller Console")
    app.setStyle("Fusion")
    app.setWindowIcon(app_icon())
    install_fallback_font(app)
    return app


def install_fallback_font(app: QGuiApplication, path: Path = FALLBACK_FONT) -> str | None:
    """Register the bundled CJK font and make it the window's fallback; returns its family.

    On a machine without a CJK system font (a fresh Linux desktop, a locked-down image) every
    Chinese text would be an empty box. The system font stays first: the bundled family is added
    after it in the application font's family list (and as substitute of the system family), so
    Qt takes from it only the glyphs the system font lacks. Idempotent; a missing or unreadable
    font file is logged and the system fonts are used as they are.
    """
    family = getattr(install_fallback_font, "family", None)
    if family is None:
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.warning("fallback font %s could not be loaded", path)
            return None
        family = families[0]
        install_fallback_font.family = family  # type: ignore[attr-defined]
    font = QFont(app.font())
    # The family the system font resolves to first ("Sans Serif" is a generic name, no family:
    # listed before an existing family it would let the bundled one win over the system's).
    primary = QFontInfo(font).family()
    current = [primary, *(name for name in font.families() if name not in (primary, family))]
    if font.families() != [*current, family]:
        font.setFamilies([*current, family])
        app.setFont(font)
    if family.lower() not in (name.lower() for name in QFont.substitutes(primary)):
        QFont.insertSubstitution(primary, family)
    return str(family)


def window_state(paths: AppPaths) -> QSettings:
    """Window geometry, splitters, columns and the last area: INI in the config folder."""
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(paths.config_dir / WINDOW_STATE_FILE), QSettings.Format.IniFormat)


@dataclass(frozen=True)
class GuiOptions:
    """Options of ``seller-console gui``."""

    # Replace the embedded sandbox's order count (regenerates its data); None keeps it.
    sandbox_orders: int | None = None
    # ``--lang``: the window's language for this run (Settings keeps its own); None: Settings'.
    language: str | None = None


def _quit_on_signals(app: QApplication, window: QWidget) -> None:
    """Ctrl+C in the terminal or SIGTERM closes the window cleanly (state saved, sandbox stopped).

    Python runs signal handlers only between bytecodes, so a timer gives the interpreter a
    moment regularly while Qt's event loop waits.
    """

    def close(*_args: object) -> None:
        window.close()
        app.quit()

    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError):  # not the main thread, or no such signal
            signal.signal(signum, close)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(300)


def run(
    paths: AppPaths,
    profiles: ProfileStore,
    credentials: CredentialStore,
    settings: SettingsStore,
    environ: Mapping[str, str],
    options: GuiOptions | None = None,
    argv: Sequence[str] | None = None,
) -> int:
    """Open the main window and run until it is closed; returns the exit code."""
    from app.views import startup_probe
    from app.views.i18n import Translations, translate
    from app.views.single_instance import claim
    from app.views.windows import ConsoleWindows, bring_to_front
    from app.views.workspace import SANDBOX_FOLDER, EmbeddedSandbox

    opts = options or GuiOptions()
    paths.ensure()
    app = create_application(argv)
    current = settings.load()
    translations = Translations(parent=app)
    translations.apply(opts.language or current.language)
    instance = claim(paths.data_dir, app)
    if instance is None:  # one window per profile: the running one was brought to the front
        print("seller-console: " + translate(
            "App", "the console is already open; its window was brought to the front"),
              file=sys.stderr)
        return 0
    sandbox = EmbeddedSandbox(paths.data_dir / SANDBOX_FOLDER, orders=opts.sandbox_orders)
    # Each profile in a window of its own (Profile > Open in New Window), side by side.
    windows = ConsoleWindows(paths, profiles, credentials, settings, translations, sandbox,
                             lambda: window_state(paths), environ=environ, parent=app)
    windows.cachesChanged.connect(instance.lock.record_all)

    def to_front() -> None:
        last = windows.last()
        if last is not None:
            bring_to_front(last.window)

    instance.raiseRequested.connect(to_front)
    app.aboutToQuit.connect(windows.shutdown)
    first = windows.open()
    _quit_on_signals(app, first.window)
    startup_probe.install(app, first.window, environ)  # bench/startup.py only (off by default)
    code = app.exec()
    windows.shutdown()
    instance.close()
    return int(code)
