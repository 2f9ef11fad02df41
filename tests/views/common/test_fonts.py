"""Heading and figure fonts follow the widget's own font."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from app.views.common.fonts import scaled_font

pytestmark = pytest.mark.gui


def test_scaled_font_is_the_widgets_font_larger_and_bold(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    base = QFont(widget.font())
    base.setPointSizeF(10.0)
    widget.setFont(base)
    big = scaled_font(widget, 1.6, bold=True)
    assert big.pointSizeF() == pytest.approx(16.0) and big.bold()
    assert big.family() == base.family()
    same = scaled_font(widget)
    assert same == widget.font()
    larger = scaled_font(widget, 1.15)
    assert larger.pointSizeF() == pytest.approx(11.5) and not larger.bold()
    assert widget.font().pointSizeF() == pytest.approx(10.0)  # the widget keeps its font
