"""Help → Report a problem… (issue 17, "First start": a "Report a problem" action that packs the
log with secrets masked, versions and the cache's schema version into a ZIP the user can send to
their IT staff): the dialog makes the ZIP, says where it is, and opens its folder."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from app.config.paths import AppPaths
from app.config.profiles import ProfileStore
from app.config.settings import SettingsStore
from app.services.logs import LOG_FILE_NAME
from app.views.app import create_application
from app.views.bridge import Bridge
from app.views.report_problem import ReportProblemDialog

pytestmark = pytest.mark.gui

SECRET = "sk-ReportView-T9fK2wLq7Rn"


@pytest.fixture
def bridge() -> Iterator[Bridge]:
    create_application()
    bridge = Bridge()
    yield bridge
    bridge.wait_idle()


def make(qtbot: QtBot, bridge: Bridge, tmp_path: Path, folder: Path) -> ReportProblemDialog:
    paths = AppPaths.under(tmp_path / "home")
    paths.log_dir.mkdir(parents=True)
    (paths.log_dir / LOG_FILE_NAME).write_text(f"INFO secret_key={SECRET}\n", encoding="utf-8")
    dialog = ReportProblemDialog(bridge, paths, ProfileStore(paths), SettingsStore(paths),
                                 folder=folder)
    qtbot.addWidget(dialog)
    return dialog


def test_the_report_is_made_and_its_folder_offered(
        qtbot: QtBot, bridge: Bridge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    folder = tmp_path / "Documents"
    folder.mkdir()
    dialog = make(qtbot, bridge, tmp_path, folder)
    assert dialog.message.text().startswith("Packing the log")
    qtbot.waitUntil(lambda: dialog.summary is not None)
    summary = dialog.summary
    assert summary is not None and summary.path.parent == folder and summary.path.is_file()
    assert dialog.path.text() == str(summary.path)
    assert "Send this file to your IT staff" in dialog.message.text()
    with zipfile.ZipFile(summary.path) as archive:
        assert "report.json" in archive.namelist()
        assert "secret_key=***" in archive.read("logs/console.log").decode()
    assert SECRET.encode() not in summary.path.read_bytes()
    assert dialog.open_folder.isEnabled() and dialog.save_as.isHidden()
    dialog.open_folder.click()
    assert [Path(u.toLocalFile()) for u in opened] == [folder]


def test_a_folder_that_cannot_be_written_is_said_and_save_as_offered(
        qtbot: QtBot, bridge: Bridge, tmp_path: Path) -> None:
    dialog = make(qtbot, bridge, tmp_path, tmp_path / "no such folder" / "report.zip")
    qtbot.waitUntil(lambda: not dialog.error.isHidden())
    assert dialog.error.text() == f"The folder {tmp_path / 'no such folder'} does not exist."
    assert not dialog.save_as.isHidden()
    assert dialog.open_folder.isHidden()
    assert dialog.message.text().startswith("No report was made")
    dialog.write(tmp_path / "elsewhere.zip")  # what Save As… does with the chosen name
    qtbot.waitUntil(lambda: dialog.summary is not None)
    assert (tmp_path / "elsewhere.zip").is_file()
