"""Icons and the resources folder they come from.

Icons are monochrome SVGs tinted with the palette's text colour, rendered for every device pixel
ratio, so they stay crisp at 200 % and readable in dark mode; the application's own icon keeps its
colours.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.resource_files import resource_root

log = logging.getLogger("seller_console.views")

ICON_SIZES = (16, 20, 24, 32, 48, 64)


def resources_dir() -> Path:
    """The resource root (icons, translations): :func:`app.resource_files.resource_root`."""
    return resource_root()


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
    screen. Disabled states are derived by Qt from these pixmaps. Each (icon, colour) is rendered
    once per run: the window asks for the same icons again on every retranslation and palette
    change (QIcon is implicitly shared, so handing out the same one is safe).
    """
    if color is None:
        pal = palette if palette is not None else QGuiApplication.palette()
        color = pal.color(QPalette.ColorRole.WindowText)
    return _rendered(name, color.rgba())


@cache
def _rendered(name: str, rgba: int) -> QIcon:
    renderer = QSvgRenderer(_svg(name))
    if not renderer.isValid():
        return QIcon()
    color = QColor.fromRgba(rgba)
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
