"""Settings → Network (issue 17, Proxies): the system's proxy, none, or one given here; its
password in the keychain only, never in the settings file; without a keychain the environment
variable is named."""

from __future__ import annotations

from pathlib import Path

import keyring.errors
import pytest
from pytestqt.qtbot import QtBot

from app.config.paths import AppPaths
from app.config.settings import SettingsStore
from app.services.marketplace.credentials import CredentialStore
from app.services.network import PROXY_PASSWORD_SERVICE, network_config
from app.views.app import create_application
from app.views.settings_dialog import SettingsDialog
from tests.support.memory_keyring import BrokenKeyring, MemoryKeyring

pytestmark = pytest.mark.gui


def dialog_for(qtbot: QtBot, tmp_path: Path, backend: object) -> tuple[SettingsDialog, AppPaths]:
    create_application()
    paths = AppPaths.under(tmp_path)
    dialog = SettingsDialog(SettingsStore(paths), paths, None,
                            credentials=CredentialStore(backend))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog, paths


def test_a_manual_proxy_is_stored_with_its_password_in_the_keychain_only(
        qtbot: QtBot, tmp_path: Path) -> None:
    keychain = MemoryKeyring()
    dialog, paths = dialog_for(qtbot, tmp_path, keychain)
    assert dialog.proxy_mode.currentData() == "system"
    assert not dialog.proxy_url.isEnabled()
    dialog.proxy_mode.setCurrentIndex(dialog.proxy_mode.findData("manual"))
    assert dialog.proxy_url.isEnabled()
    dialog.proxy_url.setText("proxy.corp.example:3128")
    dialog.proxy_user.setText("alice")
    dialog.proxy_password.setText("pw-in-keychain-only")
    settings = dialog.apply()
    assert settings is not None
    assert (settings.proxy_mode, settings.proxy_url, settings.proxy_user) == (
        "manual", "http://proxy.corp.example:3128", "alice")
    assert "pw-in-keychain-only" not in paths.settings_file.read_text(encoding="utf-8")
    assert keychain.entries[(PROXY_PASSWORD_SERVICE, "alice")] == "pw-in-keychain-only"
    assert dialog.proxy_password.text() == ""
    config = network_config(SettingsStore(paths).load(), CredentialStore(keychain), {})
    assert config.proxy_password == "pw-in-keychain-only"


def test_a_proxy_address_that_cannot_work_is_said_and_nothing_is_stored(
        qtbot: QtBot, tmp_path: Path) -> None:
    dialog, paths = dialog_for(qtbot, tmp_path, MemoryKeyring())
    dialog.proxy_mode.setCurrentIndex(dialog.proxy_mode.findData("manual"))
    dialog.proxy_url.setText("http://bob:secret@proxy:8080")
    assert dialog.apply() is None
    assert dialog.error.text().startswith("The proxy address cannot be used:")
    assert not paths.settings_file.exists()


def test_without_a_keychain_the_proxy_password_variable_is_named(
        qtbot: QtBot, tmp_path: Path) -> None:
    def refuse(operation: str, password: str | None) -> Exception:
        return keyring.errors.KeyringLocked("locked")

    dialog, paths = dialog_for(qtbot, tmp_path, BrokenKeyring(refuse))
    dialog.proxy_mode.setCurrentIndex(dialog.proxy_mode.findData("manual"))
    dialog.proxy_url.setText("http://proxy:8080")
    dialog.proxy_user.setText("alice")
    dialog.proxy_password.setText("pw-nowhere")
    assert dialog.apply() is None
    assert "SELLER_CONSOLE_PROXY_PASSWORD" in dialog.error.text()
    assert dialog.proxy_password.text() == "pw-nowhere"  # nothing typed is lost
    assert not paths.settings_file.exists()
