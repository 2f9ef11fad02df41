"""Help → Report a problem…: the ZIP of :mod:`app.services.problem_report`, made on a worker, and
a dialog that says where it is and offers to open its folder.

The report goes to the user's Documents folder (their home folder when there is none) under a
dated name, without asking first: one click makes it. When that folder cannot be written, the
dialog says why in one line and offers Save As… to pick another place. ``seller-console
report-problem`` writes the same ZIP.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QWidget,
)

from app.config.paths import AppPaths
from app.config.profiles import ProfileStore
from app.config.settings import SettingsStore
from app.services.problem_report import ReportError, ReportSummary, write_report
from app.views.banner import ACCENTS
from app.views.bridge import Bridge, Lane, TaskContext
from app.views.common.forms import button_row, dialog_buttons, grow_to_fit, message_label, stack
from app.views.i18n import translate


def qt_version() -> str:
    import PySide6

    return f"{qVersion()} (PySide6 {PySide6.__version__})"


def default_folder() -> Path:
    """Where the report goes: the user's Documents folder, else their home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents else Path.home()
    return folder if folder.is_dir() else Path.home()


def report_failure_text(exc: BaseException) -> str:
    """Why the report could not be written, in the interface language."""
    if isinstance(exc, ReportError) and exc.kind == "no_folder":
        return translate("ReportProblem", "The folder %1 does not exist.").replace(
            "%1", str(exc.where))
    if isinstance(exc, ReportError) and exc.kind == "not_zip":
        return translate("ReportProblem", "%1 is neither a folder nor a .zip file name.").replace(
            "%1", str(exc.where))
    detail = exc.detail if isinstance(exc, ReportError) else f"{type(exc).__name__}: {exc}"
    return translate("ReportProblem", "The report could not be written: %1").replace(
        "%1", detail)


class ReportProblemDialog(QDialog):
    """Makes the report as soon as it opens; then names the file, with Open Folder."""

    def __init__(self, bridge: Bridge, paths: AppPaths, profiles: ProfileStore,
                 settings: SettingsStore, parent: QWidget | None = None, *,
                 folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportProblemDialog")
        self._bridge = bridge
        self._paths, self._profiles, self._settings = paths, profiles, settings
        self._folder = folder if folder is not None else default_folder()
        self.summary: ReportSummary | None = None
        self.message = QLabel(self)
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        self.path = QLabel(self)
        self.path.setObjectName("reportPath")
        self.path.setWordWrap(True)
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = message_label(self, "reportError", f"color: {ACCENTS['error'].name()};",
                                   selectable=True)
        self.open_folder = QPushButton(self)
        self.open_folder.setObjectName("reportOpenFolder")
        self.open_folder.clicked.connect(self.show_folder)
        self.open_folder.setEnabled(False)
        self.save_as = QPushButton(self)
        self.save_as.setObjectName("reportSaveAs")
        self.save_as.clicked.connect(self.choose_place)
        self.save_as.hide()
        self.buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Close)
        stack(self, self.message, self.path, self.error,
              button_row(self.open_folder, self.save_as), self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 48)
        self.retranslate()
        self.write(self._folder)

    # -- work --------------------------------------------------------------------------------------

    def write(self, target: Path) -> None:
        """Write the report to ``target`` (a folder: a dated name in it) on a worker."""
        self.summary = None
        self.error.hide()
        self.open_folder.setEnabled(False)
        self.save_as.setEnabled(False)
        self._retranslate_state()
        paths, profiles, settings, version = (self._paths, self._profiles, self._settings,
                                              qt_version())

        def work(_ctx: TaskContext) -> ReportSummary:
            return write_report(target, paths, profiles, settings, qt_version=version)

        self._bridge.run(work, name="report a problem", lane=Lane.READ, owner=self,
                         on_success=self._written, on_failure=self._failed)

    def _written(self, summary: ReportSummary) -> None:
        self.summary = summary
        self.open_folder.show()
        self.open_folder.setEnabled(True)
        self.save_as.setEnabled(True)
        self.save_as.hide()
        self._retranslate_state()

    def _failed(self, exc: BaseException) -> None:
        self.open_folder.hide()  # there is no folder to open
        self.save_as.setEnabled(True)
        self.save_as.show()
        self.error.setText(report_failure_text(exc))
        self.error.show()
        self._retranslate_state(failed=True)

    def show_folder(self) -> None:
        """Open the report's folder in the system's file manager."""
        if self.summary is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.summary.path.parent)))

    def choose_place(self) -> None:
        start = str(self.summary.path if self.summary is not None else Path.home())
        name, _filter = QFileDialog.getSaveFileName(
            self, translate("ReportProblem", "Save the Problem Report"), start,
            translate("ReportProblem", "ZIP files (*.zip)"))
        if name:
            self.write(Path(name if name.lower().endswith(".zip") else f"{name}.zip"))

    # -- words -------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        grow_to_fit(self)

    def retranslate(self) -> None:
        self.setWindowTitle(translate("ReportProblem", "Report a Problem"))
        self.open_folder.setText(translate("ReportProblem", "&Open Folder"))
        self.save_as.setText(translate("ReportProblem", "&Save As…"))
        self._retranslate_state()

    def _retranslate_state(self, failed: bool = False) -> None:
        if self.summary is not None:
            self.message.setText(translate(
                "ReportProblem",
                "The problem report is ready. Send this file to your IT staff or to whoever "
                "supports the console: it holds the console's, Python's, Qt's and the system's "
                "versions, your settings, the local caches' schema versions, your profiles' "
                "names and endpoints, and the log. Keys, signatures, tokens and passwords are "
                "masked (***); none of your orders or bills is in it."))
            self.path.setText(str(self.summary.path))
            self.path.show()
        elif failed:
            self.message.setText(translate(
                "ReportProblem", "No report was made. Choose Save As… to put it somewhere else."))
            self.path.hide()
        else:
            self.message.setText(translate("ReportProblem", "Packing the log and versions into "
                                           "a ZIP in %1…").replace("%1", str(self._folder)))
            self.path.hide()
        grow_to_fit(self)
