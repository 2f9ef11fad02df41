"""The Help menu's actions: the user guide and the About box.

Help → User Guide shows ``docs/user-guide.md`` in a window of its own (a :class:`QTextBrowser`
reading Markdown), found by :func:`app.resource_files.user_guide`: inside the installed package
or the frozen application as in a checkout, and readable on a desk where no program opens ``.md``
files. Links to other pages of the guide open in the same window; web addresses open in the
browser.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QWidget,
)

from app.resource_files import user_guide
from app.views.common.forms import dialog_buttons, stack
from app.views.i18n import translate


class GuideBrowser(QTextBrowser):
    """A text browser whose pictures fit its width (the guide's screenshots are 1280 px)."""

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802 - Qt override
        url = QUrl(name) if isinstance(name, str) else name
        if kind == QTextDocument.ResourceType.ImageResource.value and url.isLocalFile():
            image = QImage(url.toLocalFile())
            widest = max(200, self.viewport().width() - 2 * self.fontMetrics().height())
            if not image.isNull() and image.width() > widest:
                return image.scaledToWidth(widest)
            if not image.isNull():
                return image
        return super().loadResource(kind, name)


class UserGuideWindow(QDialog):
    """The user guide, in a window that stays open beside the console."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuideWindow")
        self.setModal(False)
        self.browser = GuideBrowser(self)
        self.browser.setObjectName("userGuideText")
        self.browser.setOpenExternalLinks(True)
        self.back = QPushButton(self)
        self.back.setObjectName("userGuideBack")
        self.back.setEnabled(False)
        self.back.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back.setEnabled)
        self.buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.back, QDialogButtonBox.ButtonRole.ActionRole)
        stack(self, (self.browser, 1), self.buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 96, em * 68)
        self.guide = user_guide()
        self.browser.setSource(QUrl.fromLocalFile(str(self.guide)))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("UserGuide", "User Guide"))
        self.back.setText(translate("UserGuide", "&Back"))


def open_user_guide(parent: QWidget) -> UserGuideWindow:
    """Help > User Guide: the guide shipped with the console, in its own window (one per
    ``parent``, raised again when it is open already)."""
    window = getattr(parent, "_user_guide_window", None)
    if not isinstance(window, UserGuideWindow):
        window = UserGuideWindow(parent)
        parent._user_guide_window = window  # type: ignore[attr-defined]
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def show_about(parent: QWidget) -> None:
    """Help > About: what the console is, and its version."""
    from app import __version__

    QMessageBox.about(
        parent,
        translate("About", "About KooGallery Seller Console"),
        translate(
            "About",
            "<h3>KooGallery Seller Console %1</h3><p>The desktop console for sellers and "
            "partners on Huawei Cloud KooGallery: a local cache of orders, service "
            "supervision, customer demands and settlement, synced from the marketplace.</p>",
        ).replace("%1", __version__),
    )
