"""File > Import from the web console…: the menu action, which opens
:class:`app.views.import_wizard.ImportDialog` over the open cache.

Apart from the dialog so that the window's File menu has it from the start while the import
machinery (the parsers, the export areas' specs) is loaded when the dialog is first opened
(issue 17: the window is shown before it, ``tests/test_startup_imports.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction

from app.views.i18n import translate

if TYPE_CHECKING:
    from app.views.import_wizard import ImportDialog


class ImportAction(QAction):
    """File > Import from the web console…: opens the :class:`ImportDialog` over the open cache."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("importAction")
        self.window_ = window
        self.dialog: ImportDialog | None = None
        self.triggered.connect(self.open)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(translate("ImportDialog", "&Import from the web console…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window_ and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def open(self) -> None:
        engine = self.window_.workspace.engine
        if engine is None:
            return
        from app.views.import_wizard import ImportDialog

        self.dialog = ImportDialog(self.window_.bridge, engine, self.window_)
        self.dialog.show()
