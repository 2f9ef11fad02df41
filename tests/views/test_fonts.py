"""The window's fallback font: the CJK font the PDFs embed is registered at start (issue 13 §2)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QLabel

from app.views.app import FALLBACK_FONT, create_application, install_fallback_font

BUNDLED = "WenQuanYi Micro Hei"


def test_the_bundled_cjk_font_is_registered_and_the_window_falls_back_on_it(qtbot) -> None:
    app = create_application()
    assert FALLBACK_FONT.is_file()
    assert BUNDLED in QFontDatabase.families()
    families = app.font().families()
    assert families[-1] == BUNDLED
    # The system font stays first where it has the glyphs.
    assert families[0] != BUNDLED
    label = QLabel("订单状态 已完成")
    qtbot.addWidget(label)
    assert BUNDLED in label.font().families()
    metrics = QFontMetrics(label.font())
    assert metrics.horizontalAdvance("订单状态") > 0
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "订单状态")


def test_the_bundled_family_alone_has_every_glyph_of_the_interface(qtbot) -> None:
    """What a machine without a CJK system font gets: the bundled family resolves and draws."""
    create_application()
    font = QFont(BUNDLED)
    assert QFontInfo(font).family() == BUNDLED
    metrics = QFontMetrics(font)
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "服务监管开票清单待付款已完成")
    assert metrics.horizontalAdvance("开票清单") > 0


def test_installing_twice_does_not_stack_families(qtbot) -> None:
    app = create_application()
    before = app.font().families()
    assert install_fallback_font(app) == BUNDLED
    assert app.font().families() == before
    assert [s.lower() for s in QFont.substitutes(before[0])].count(BUNDLED.lower()) == 1
