"""Help → User Guide (issue 17, "Packages": resources travel inside the package, so a wheel, a
non-editable install and a frozen app all find them): the guide is found through
``app.resource_files`` and shown in a window of the console's own, pictures and links working."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app import resource_files
from app.resource_files import user_guide
from app.views.app import create_application
from app.views.help import open_user_guide

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.gui


def test_issue17_a_checkout_reads_the_guide_from_docs() -> None:
    assert user_guide() == ROOT / "docs" / "user-guide.md"


def test_issue17_an_installed_root_reads_the_guide_it_carries(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    packaged = tmp_path / "app" / "resources"
    (packaged / "guide").mkdir(parents=True)
    (packaged / "guide" / "user-guide.md").write_text("# Guide\n", encoding="utf-8")
    monkeypatch.setattr(resource_files, "resource_root", lambda: packaged)
    assert user_guide() == packaged / "guide" / "user-guide.md"


@pytest.mark.slow
def test_issue17_the_wheel_carries_the_guide_and_finds_it_outside_the_checkout(
        tmp_path: Path) -> None:
    """The old Help → User Guide looked for ``docs/`` beside the resources: nothing there in a
    wheel. Build the wheel, install it into a folder outside the checkout, ask it."""
    for stale in (ROOT / "build" / "lib", *ROOT.glob("build/bdist.*")):
        shutil.rmtree(stale, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
                    str(tmp_path / "wheel"), str(ROOT)], check=True, capture_output=True)
    wheel = next((tmp_path / "wheel").glob("*.whl"))
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet",
                    "--target", str(target), str(wheel)], check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-c", "import app.resource_files as r; g = r.user_guide(); "
         "print(g); print(g.is_file()); print((g.parent / 'images/en/02-dashboard.png').is_file())"],
        cwd=tmp_path, env={**env, "PYTHONPATH": str(target)}, capture_output=True, text=True,
        check=True)
    guide, exists, picture = done.stdout.split("\n")[:3]
    assert Path(guide) == target / "app" / "resources" / "guide" / "user-guide.md"
    assert (exists, picture) == ("True", "True")


def test_the_guide_window_shows_the_guide_with_its_pictures_and_follows_links(
        qtbot: QtBot) -> None:
    create_application()
    parent = QWidget()
    qtbot.addWidget(parent)
    window = open_user_guide(parent)
    assert open_user_guide(parent) is window  # opened again: the same window, raised
    text = window.browser.toPlainText()
    assert "KooGallery Seller Console" in text and "Profiles" in text
    picture = window.browser.document().resource(
        QTextDocument.ResourceType.ImageResource.value,
        QUrl.fromLocalFile(str(user_guide().parent / "images" / "en" / "02-dashboard.png")))
    assert picture is not None and not picture.isNull()
    assert picture.width() <= window.browser.viewport().width()  # fitted to the window
    window.browser.setSource(QUrl.fromLocalFile(str(user_guide().parent / "supervision.md")))
    assert window.browser.source().fileName() == "supervision.md"
    assert window.back.isEnabled()
    window.back.click()
    assert window.browser.source().fileName() == "user-guide.md"

