"""The Qt application: style, icons, language, and running the main window.

:func:`run` is what ``seller-console gui`` calls (from the composition root, ``app.__main__``,
which hands in the paths, profile store, keychain and settings store). It builds the view-side
objects in order: the application, the translations, the bridge, the workspace, the sync
controller and the main window; runs the event loop; and on the way out stops every worker and the
embedded sandbox.

The style is Fusion with the system's colour scheme (light or dark follows the system); icons are
monochrome SVGs tinted with the palette's text colour, rendered for every device pixel ratio, so
they stay crisp at 200 % and readable in dark mode.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.config import AppPaths, ProfileStore, SettingsStore
from app.services.credentials import CredentialStore

log = logging.getLogger("seller_console.views")

ORGANIZATION = "KooGallery"
APPLICATION = "KooGallerySellerConsole"
WINDOW_STATE_FILE = "window.ini"
ICON_SIZES = (16, 20, 24, 32, 48, 64)


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


def while_alive(owner: QObject, fn: Callable[..., object]) -> Callable[..., None]:
    """``fn`` guarded so that it does nothing once ``owner`` (a widget) has been deleted.

    Work on the bridge can finish after the dialog or window that asked for it was closed; its
    result then has nowhere to go and is dropped instead of touching a deleted widget.
    """

    def guarded(*args: object) -> None:
        if shiboken6.isValid(owner):
            fn(*args)

    return guarded


def resources_dir() -> Path:
    """``resources/`` of the source tree (icons, translations)."""
    return Path(__file__).resolve().parents[2] / "resources"


def _svg(name: str) -> QByteArray:
    path = resources_dir() / "icons" / f"{name}.svg"
    try:
        return QByteArray(path.read_bytes())
    except OSError:
        log.warning("icon %s is missing", path)
        return QByteArray()


def themed_icon(name: str, palette: QPalette | None = None, color: QColor | None = None) -> QIcon:
    """A monochrome icon from ``resources/icons/<name>.svg`` in the palette's text colour.

    Rendered at each size for device pixel ratios 1 and 2, so Qt picks a sharp pixmap on any
    screen. Disabled states are derived by Qt from these pixmaps.
    """
    renderer = QSvgRenderer(_svg(name))
    if not renderer.isValid():
        return QIcon()
    if color is None:
        pal = palette if palette is not None else QGuiApplication.palette()
        color = pal.color(QPalette.ColorRole.WindowText)
    icon = QIcon()
    for size in ICON_SIZES:
        for ratio in (1, 2):
            image = QImage(size * ratio, size * ratio, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(image.rect(), color)
            painter.end()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            icon.addPixmap(pixmap)
    return icon


def app_icon() -> QIcon:
    """The console's own (coloured) icon."""
    renderer = QSvgRenderer(_svg("app"))
    icon = QIcon()
    if not renderer.isValid():
        return icon
    for size in (*ICON_SIZES, 128, 256):
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(QPixmap.fromImage(image))
    return icon


def open_user_guide() -> None:
    """Help > User Guide: the guide shipped with the console, in the default viewer."""
    guide = resources_dir().parent / "docs" / "user-guide.md"
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(guide)))


def show_about(parent: QWidget) -> None:
    """Help > About: what the console is, and its version."""
    from app import __version__

    QMessageBox.about(
        parent,
        QCoreApplication.translate("About", "About KooGallery Seller Console"),
        QCoreApplication.translate(
            "About",
            "<h3>KooGallery Seller Console %1</h3><p>The desktop console for sellers and "
            "partners on Huawei Cloud KooGallery: a local cache of orders, service "
            "supervision, customer demands and settlement, synced from the marketplace.</p>",
        ).replace("%1", __version__),
    )


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
    return app


def window_state(paths: AppPaths) -> QSettings:
    """Window geometry, splitters, columns and the last area: INI in the config folder."""
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(paths.config_dir / WINDOW_STATE_FILE), QSettings.Format.IniFormat)


@dataclass(frozen=True)
class GuiOptions:
    """Options of ``seller-console gui``."""

    # Replace the embedded sandbox's order count (regenerates its data); None keeps it.
    sandbox_orders: int | None = None


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
    from app.views.bridge import Bridge
    from app.views.i18n import Translations
    from app.views.main_window import MainWindow
    from app.views.sync_controller import SyncController
    from app.views.workspace import SANDBOX_FOLDER, EmbeddedSandbox, Workspace

    opts = options or GuiOptions()
    paths.ensure()
    app = create_application(argv)
    current = settings.load()
    translations = Translations(parent=app)
    translations.apply(current.language)
    bridge = Bridge(app)
    sandbox = EmbeddedSandbox(paths.data_dir / SANDBOX_FOLDER, orders=opts.sandbox_orders)
    workspace = Workspace(
        paths, profiles, credentials, settings, bridge, sandbox=sandbox, environ=environ, parent=app
    )
    sync = SyncController(
        bridge,
        workspace,
        interval_minutes=current.sync_interval_minutes,
        timeout_s=current.http_timeout_s,
        parent=app,
    )
    window = MainWindow(workspace, sync, bridge, translations, window_state(paths))
    app.aboutToQuit.connect(workspace.shutdown)
    _quit_on_signals(app, window)
    window.start()
    window.show()
    code = app.exec()
    workspace.shutdown()
    return int(code)
