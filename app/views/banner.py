"""A non-modal message strip at the top of the window, and small coloured badges.

The :class:`Banner` tells the user about a problem without stopping their work (a modal box would
block the whole console for a network hiccup). It shows one sentence in the user's words, an
optional action ("Edit Profile…", "Retry"), a Details toggle revealing the technical sentence
(selectable, copyable; never a traceback), and a close button; Esc closes it too.

Texts are given as functions returning the translated string, so the banner re-translates itself
when the language changes. Colours are blended from the palette, so the banner reads well in light
and dark mode alike.

Signals of :class:`Banner`
--------------------------
``actionTriggered(str)``
    The action's id, when its button was clicked.
``dismissed()``
    The user closed the banner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.views.common.retranslating import Retranslating
from app.views.i18n import translate

TextFn = Callable[[], str]

# Accent colours by level (hue only: the fill is blended with the window colour).
ACCENTS = {
    "error": QColor(0xD9, 0x30, 0x25),
    "warning": QColor(0xE3, 0x74, 0x00),
    "info": QColor(0x1A, 0x73, 0xE8),
    "ok": QColor(0x1E, 0x8E, 0x3E),
    "sandbox": QColor(0x8E, 0x44, 0xAD),
    "neutral": QColor(0x80, 0x80, 0x80),
}


def blend(base: QColor, accent: QColor, amount: float) -> QColor:
    """``base`` moved ``amount`` (0..1) of the way towards ``accent``."""
    return QColor(
        round(base.red() + (accent.red() - base.red()) * amount),
        round(base.green() + (accent.green() - base.green()) * amount),
        round(base.blue() + (accent.blue() - base.blue()) * amount),
    )


class Banner(Retranslating, QFrame):
    """The message strip. Hidden until :meth:`show_message`."""

    actionTriggered = Signal(str)
    dismissed = Signal()

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAccessibleName("banner")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._level = self.INFO
        self._text: TextFn = lambda: ""
        self._details: str | None = None
        self._action: tuple[str, TextFn] | None = None

        self.icon = QLabel(self)
        self.text = QLabel(self)
        self.text.setObjectName("bannerText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.action_button = QPushButton(self)
        self.action_button.setObjectName("bannerAction")
        self.action_button.clicked.connect(self._on_action)
        self.details_button = QToolButton(self)
        self.details_button.setObjectName("bannerDetailsToggle")
        self.details_button.setCheckable(True)
        self.details_button.setAutoRaise(True)
        self.details_button.toggled.connect(self._on_details_toggled)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("bannerClose")
        self.close_button.setAutoRaise(True)
        self.close_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)
        )
        self.close_button.clicked.connect(self.dismiss)
        self.details = QLabel(self)
        self.details.setObjectName("bannerDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.details.setVisible(False)

        top = QHBoxLayout()
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        top.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        margin = self.fontMetrics().height() // 2
        layout.setContentsMargins(margin * 2, margin, margin, margin)
        layout.addLayout(top)
        layout.addWidget(self.details)
        self.setVisible(False)
        self.retranslate()

    # -- public ----------------------------------------------------------------------------------

    @property
    def level(self) -> str:
        return self._level

    def show_message(
        self,
        level: str,
        text: TextFn,
        details: str | None = None,
        action: tuple[str, TextFn] | None = None,
    ) -> None:
        """Show (or replace) the message; ``details`` is the technical sentence, shown on demand."""
        self._level = level
        self._text = text
        self._details = details
        self._action = action
        self.details_button.setChecked(False)
        self.retranslate()
        self.setVisible(True)
        self.update()

    def dismiss(self) -> None:
        """Hide the banner (the user closed it, or what it said no longer holds)."""
        if self.isVisible():
            self.setVisible(False)
            self.dismissed.emit()

    def message(self) -> str:
        """The sentence shown now (for tests and accessibility)."""
        return self.text.text()

    # -- Qt --------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        accent = ACCENTS.get(self._level, ACCENTS["info"])
        base = self.palette().color(QPalette.ColorRole.Window)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = self.fontMetrics().height() / 3
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(blend(base, accent, 0.55))
        painter.setBrush(blend(base, accent, 0.14))
        painter.drawRoundedRect(rect, radius, radius)
        stripe = QRectF(rect.left(), rect.top(), max(3.0, radius), rect.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(stripe, radius / 2, radius / 2)
        painter.end()

    # -- internals -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.text.setText(self._text())
        self.details_button.setText(
            translate("Banner", "Hide Details") if self.details_button.isChecked() else translate("Banner", "Details")
        )
        self.details_button.setVisible(bool(self._details))
        self.details.setText(self._details or "")
        self.close_button.setToolTip(translate("Banner", "Close (Esc)"))
        self.close_button.setAccessibleName(translate("Banner", "Close"))
        if self._action is not None:
            self.action_button.setText(self._action[1]())
        self.action_button.setVisible(self._action is not None)
        pixmap = {
            self.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
            self.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
        }.get(self._level, QStyle.StandardPixmap.SP_MessageBoxInformation)
        size = self.fontMetrics().height() + 4
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))

    def _on_details_toggled(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.retranslate()

    def _on_action(self) -> None:
        if self._action is not None:
            self.actionTriggered.emit(self._action[0])


class Badge(QLabel):
    """A small rounded, coloured label ("Sandbox", "Online", "Offline: …")."""

    OK = "ok"
    WARNING = "warning"
    SANDBOX = "sandbox"
    NEUTRAL = "neutral"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = self.NEUTRAL
        pad = self.fontMetrics().height() // 2
        self.setContentsMargins(pad, 1, pad, 1)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    @property
    def kind(self) -> str:
        return self._kind

    def set_badge(self, text: str, kind: str) -> None:
        self._kind = kind
        self.setText(text)
        self.setAccessibleName(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        accent = ACCENTS.get(self._kind, ACCENTS["neutral"])
        base = self.palette().color(QPalette.ColorRole.Window)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 1.5, -0.5, -1.5)
        radius = rect.height() / 2
        painter.setPen(blend(base, accent, 0.7))
        painter.setBrush(blend(base, accent, 0.18))
        painter.drawRoundedRect(rect, radius, radius)
        painter.end()
        super().paintEvent(event)
