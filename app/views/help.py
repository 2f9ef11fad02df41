"""The Help menu's actions: the user guide and the About box."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from app.views.i18n import translate
from app.views.icons import resources_dir


def open_user_guide() -> None:
    """Help > User Guide: the guide shipped with the console, in the default viewer."""
    guide = resources_dir().parent / "docs" / "user-guide.md"
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(guide)))


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
