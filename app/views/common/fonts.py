"""Fonts for headings and figures: the widget's own font, larger and/or bold.

Sizes are relative to the widget's font (which follows the system's and the user's settings), never
absolute points, so a heading stays in proportion wherever the console runs.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget


def scaled_font(widget: QWidget, scale: float = 1.0, *, bold: bool = False) -> QFont:
    """``widget``'s font, ``scale`` times its point size (unchanged at 1.0), bold if ``bold``."""
    font = QFont(widget.font())
    if scale != 1.0:
        font.setPointSizeF(widget.font().pointSizeF() * scale)
    if bold:
        font.setBold(True)
    return font
