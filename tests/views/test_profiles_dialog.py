"""The profile dialog: validation in words, the secret in the keychain only, Test Connection against a
real sandbox marketplace, and a keychain that refuses without losing what was typed."""

# Fixtures are shared by importing them from test_main_window; a test naming one as a parameter
# "redefines" the import as far as pyflakes can tell, which is how pytest fixtures work.
# ruff: noqa: F811

from __future__ import annotations

from collections.abc import Iterator

import keyring.errors
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.config.paths import AppPaths
from app.config.profiles import Profile, ProfileStore
from app.sandbox.server import SandboxServer
from app.services.marketplace.credentials import SERVICE_NAME, CredentialStore, describe_backend
from app.views.app import create_application, pin_interpreter_singletons
from app.views.bridge import Bridge
from app.views.profiles_dialog import ProfileDialog
from tests.support.memory_keyring import BrokenKeyring, MemoryKeyring
from tests.views.test_main_window import WAIT_MS, closed_port_url, marketplace  # noqa: F401

pin_interpreter_singletons()

pytestmark = pytest.mark.gui


@pytest.fixture
def bridge() -> Iterator[Bridge]:
    create_application()
    bridge = Bridge()
    yield bridge
    bridge.wait_idle()


@pytest.fixture
def store() -> ProfileStore:
    return ProfileStore(AppPaths.from_env())


def open_dialog(
    qtbot: QtBot,
    bridge: Bridge,
    store: ProfileStore,
    backend: object,
    profile: Profile | None = None,
) -> ProfileDialog:
    dialog = ProfileDialog(bridge, store, CredentialStore(backend), profile)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "Checking" not in dialog.keychain.text(), timeout=WAIT_MS)
    return dialog


def fill(
    dialog: ProfileDialog, name: str, endpoint: str, ak: str, sk: str, role: str = "seller"
) -> None:
    dialog.name.setText(name)
    dialog.role.setCurrentIndex(dialog.role.findData(role))
    dialog.endpoint.setText(endpoint)
    dialog.access_key.setText(ak)
    dialog.secret_key.setText(sk)


def save_button(dialog: ProfileDialog) -> object:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


@pytest.mark.parametrize(
    ("name", "endpoint", "ak", "sk", "message", "focus"),
    [
        ("", "https://api.example.com", "AK1", "SK1", "Give the profile a name", "name"),
        ("Shop", "", "AK1", "SK1", "Enter the marketplace address", "endpoint"),
        ("Shop", "http://api.example.com", "AK1", "SK1", "Use an https:// address", "endpoint"),
        ("Shop", "ftp://api.example.com", "AK1", "SK1", "is not valid", "endpoint"),
        ("Shop", "https://api.example.com", "", "SK1", "Enter the access key (AK)", "access_key"),
        ("Shop", "https://api.example.com", "A K", "SK1", "without blanks", "access_key"),
        ("Shop", "https://api.example.com", "AK1", "", "Enter the secret key (SK)", "secret_key"),
    ],
)
def test_what_to_correct_is_said_in_words(
    qtbot: QtBot,
    bridge: Bridge,
    store: ProfileStore,
    name: str,
    endpoint: str,
    ak: str,
    sk: str,
    message: str,
    focus: str,
) -> None:
    backend = MemoryKeyring()
    dialog = open_dialog(qtbot, bridge, store, backend)
    fill(dialog, name, endpoint, ak, sk)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    assert message in dialog.error_text()
    assert getattr(dialog, focus).hasFocus()
    assert dialog.isVisible()
    assert store.list() == [] and backend.entries == {}


def test_a_name_in_use_is_refused(qtbot: QtBot, bridge: Bridge, store: ProfileStore) -> None:
    store.add(Profile("Shop", "https://api.example.com", "AK1"))
    dialog = open_dialog(qtbot, bridge, store, MemoryKeyring())
    fill(dialog, " Shop ", "https://api.example.com", "AK2", "SK2")
    dialog.save()
    assert dialog.error_text() == "A profile named “Shop” exists already."


def test_saving_puts_the_secret_in_the_keychain_only_and_says_where(
    qtbot: QtBot, bridge: Bridge, store: ProfileStore
) -> None:
    backend = MemoryKeyring()
    dialog = open_dialog(qtbot, bridge, store, backend)
    assert dialog.keychain.text() == (
        f"The secret key is kept in {describe_backend(backend)}, never in a file, and is not "
        "shown again."
    )
    fill(dialog, "华为 生产", "https://api.example.com/", "AKPROD", "sk-very-secret", "partner")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as saved:
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    profile = saved.args[0]
    assert profile == Profile("华为 生产", "https://api.example.com", "AKPROD", "partner")
    assert store.get("华为 生产") == profile
    assert backend.entries == {(SERVICE_NAME, "华为 生产"): "sk-very-secret"}
    assert "sk-very-secret" not in store.file.read_text(encoding="utf-8")
    assert dialog.secret_key.text() == ""
    assert not dialog.isVisible()


def test_editing_keeps_the_name_and_the_stored_secret(
    qtbot: QtBot, bridge: Bridge, store: ProfileStore
) -> None:
    backend = MemoryKeyring()
    profile = Profile("Shop", "https://old.example.com", "AK1")
    store.add(profile)
    backend.set_password(SERVICE_NAME, "Shop", "the-stored-secret")
    dialog = open_dialog(qtbot, bridge, store, backend, profile)
    assert dialog.name.isReadOnly() and dialog.windowTitle() == "Edit Profile"
    assert dialog.secret_key.text() == ""  # never shown again
    assert dialog.secret_key.placeholderText() == "Stored; leave empty to keep it"
    dialog.endpoint.setText("https://new.example.com")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save()
    assert store.get("Shop").endpoint == "https://new.example.com"
    assert backend.entries[(SERVICE_NAME, "Shop")] == "the-stored-secret"


def test_an_unusable_keychain_loses_nothing_that_was_typed(
    qtbot: QtBot, bridge: Bridge, store: ProfileStore
) -> None:
    def refuse(operation: str, password: str | None) -> Exception:
        return keyring.errors.KeyringLocked("the keychain is locked")

    dialog = open_dialog(qtbot, bridge, store, BrokenKeyring(refuse))
    fill(dialog, "Shop", "https://api.example.com", "AK1", "sk-typed")
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.error_text()), timeout=WAIT_MS)
    assert dialog.error_text().startswith(
        "The secret key could not be stored in the keychain, so nothing was saved. "
        "What you typed is still here."
    )
    assert "sk-typed" not in dialog.error_text()
    assert dialog.isVisible()
    assert (dialog.name.text(), dialog.endpoint.text(), dialog.access_key.text()) == (
        "Shop",
        "https://api.example.com",
        "AK1",
    )
    assert dialog.secret_key.text() == "sk-typed"
    assert store.list() == []
    assert save_button(dialog).isEnabled()  # type: ignore[attr-defined]


def test_no_keychain_at_all_is_said_before_saving(
    qtbot: QtBot, bridge: Bridge, store: ProfileStore
) -> None:
    from keyring.backends import fail

    dialog = open_dialog(qtbot, bridge, store, fail.Keyring())
    assert dialog.keychain.text().startswith(
        "No usable keychain: the secret key cannot be stored on this computer.")
    fill(dialog, "Shop", "https://api.example.com", "AK1", "sk-typed")
    dialog.save()
    assert "There is no usable keychain on this computer" in dialog.error_text()
    assert dialog.secret_key.text() == "sk-typed" and store.list() == []


@pytest.mark.parametrize("backend_kind", ["fail", "raises"])
def test_without_a_keychain_the_environment_variables_are_named_and_the_profile_saved_without_its_secret(
    qtbot: QtBot, bridge: Bridge, store: ProfileStore, backend_kind: str
) -> None:
    """Issue 17 (First start): where the OS keychain is unavailable (only keyring's fail backend,
    or one that raises), the dialog says so at the point of saving, names SELLER_CONSOLE_AK and
    SELLER_CONSOLE_SK, and saves the profile without the secret key; never a plain-text file."""
    from keyring.backends import fail

    def refuse(operation: str, password: str | None) -> Exception:
        return keyring.errors.KeyringError("org.freedesktop.secrets was not provided")

    backend = fail.Keyring() if backend_kind == "fail" else BrokenKeyring(refuse)
    dialog = open_dialog(qtbot, bridge, store, backend)
    fill(dialog, "Shop", "https://api.example.com", "AK1", "sk-never-in-a-file")
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.error_text()), timeout=WAIT_MS)
    words = dialog.keychain.text() + dialog.error_text()
    assert "SELLER_CONSOLE_AK" in words and "SELLER_CONSOLE_SK" in words
    assert dialog.without_secret.isVisible()
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.without_secret, Qt.MouseButton.LeftButton)
    assert store.get("Shop").access_key == "AK1"
    assert dialog.secret_key.text() == ""
    home = store.file.parent
    for path in home.rglob("*"):
        if path.is_file():
            assert b"sk-never-in-a-file" not in path.read_bytes(), path


def run_test(qtbot: QtBot, dialog: ProfileDialog) -> tuple[str, str]:
    with qtbot.waitSignal(dialog.testFinished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    result, sentence = finished.args
    assert dialog.test_result.text() == sentence
    return result, sentence


def test_test_connection_says_ok_wrong_key_unreachable_and_not_https(
    qtbot: QtBot, bridge: Bridge, store: ProfileStore, marketplace: SandboxServer
) -> None:
    dialog = open_dialog(qtbot, bridge, store, MemoryKeyring())
    fill(dialog, "Shop", marketplace.url, marketplace.access_key, marketplace.secret_key)
    assert run_test(qtbot, dialog) == ("ok", "Connected: the marketplace accepted the keys.")

    dialog.secret_key.setText("wrong")
    result, sentence = run_test(qtbot, dialog)
    assert result == "wrong_key"
    assert sentence.startswith(
        "Wrong key: the marketplace refused the access key (AK) or the secret key (SK).")

    url = closed_port_url()
    dialog.endpoint.setText(url)
    result, sentence = run_test(qtbot, dialog)
    assert result == "sandbox_down"
    assert "the sandbox is not running" in sentence

    dialog.endpoint.setText("http://koogallery.example.com")
    assert run_test(qtbot, dialog)[0] == "not_https"
    assert "https://" in dialog.test_result.text()
    assert store.list() == []  # testing stores nothing


def test_the_endpoint_is_chosen_from_the_published_hosts_or_typed_after_other(
    qtbot: QtBot, bridge: Bridge, store: ProfileStore
) -> None:
    """Issue 17 (Connect your account), interfaces.md §7.1: the endpoint's choices are
    KooGallery's published hosts (data: app.services.openapi.hosts) and Other… for any URL."""
    dialog = open_dialog(qtbot, bridge, store, MemoryKeyring())
    choices = [dialog.endpoint_choice.itemData(i) for i in range(dialog.endpoint_choice.count())]
    assert choices == ["https://mkt.myhuaweicloud.com", "https://mkt.myhuaweicloud.cn",
                       "https://mkt-intl.myhuaweicloud.com", "https://mkt.myhuaweicloud.eu",
                       "other"]
    assert dialog.endpoint.text() == "https://mkt.myhuaweicloud.com"
    assert not dialog.endpoint.isVisible()
    dialog.endpoint_choice.setCurrentIndex(3)
    assert dialog.endpoint.text() == "https://mkt.myhuaweicloud.eu"
    dialog.endpoint_choice.setCurrentIndex(4)
    assert dialog.endpoint.isVisible() and dialog.endpoint.text() == ""
    dialog.endpoint.setText("https://seller-api.example.com")
    assert dialog.endpoint_choice.currentData() == "other"
    fill(dialog, "Shop", "https://mkt-intl.myhuaweicloud.com", "AK1", "SK1")
    assert dialog.endpoint_choice.currentData() == "https://mkt-intl.myhuaweicloud.com"
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save()
    again = open_dialog(qtbot, bridge, store, MemoryKeyring(), store.get("Shop"))
    assert again.endpoint_choice.currentData() == "https://mkt-intl.myhuaweicloud.com"


def test_a_clock_off_by_20_minutes_is_said_with_how_much(
    qtbot: QtBot, bridge: Bridge, store: ProfileStore, marketplace: SandboxServer
) -> None:
    """Issue 17: the connection test names clock skew and by how much (the sandbox's clock
    switch plays a marketplace 20 minutes ahead)."""
    import httpx

    httpx.post(f"{marketplace.url}/_sandbox/faults", json={"clock_skew_s": 1200}).raise_for_status()
    try:
        dialog = open_dialog(qtbot, bridge, store, MemoryKeyring())
        fill(dialog, "Shop", marketplace.url, marketplace.access_key, marketplace.secret_key)
        result, sentence = run_test(qtbot, dialog)
    finally:
        httpx.post(f"{marketplace.url}/_sandbox/faults", json={"clock_skew_s": 0})
    assert result == "clock"
    assert "This computer's clock is 20 minutes behind the marketplace's" in sentence


def test_test_connection_uses_the_stored_secret_when_none_is_typed(
    qtbot: QtBot, bridge: Bridge, store: ProfileStore, marketplace: SandboxServer
) -> None:
    backend = MemoryKeyring()
    profile = Profile("Shop", marketplace.url, marketplace.access_key)
    store.add(profile)
    backend.set_password(SERVICE_NAME, "Shop", marketplace.secret_key)
    dialog = open_dialog(qtbot, bridge, store, backend, profile)
    assert run_test(qtbot, dialog)[0] == "ok"

    fresh = open_dialog(qtbot, bridge, store, MemoryKeyring())
    fill(fresh, "New", marketplace.url, marketplace.access_key, "")
    assert run_test(qtbot, fresh) == (
        "no_secret",
        "Type the secret key (SK) to test the connection.",
    )


def test_the_open_api_host_is_a_choice_of_the_published_hosts(
    qtbot: QtBot, bridge: Bridge, store: ProfileStore
) -> None:
    """Issue 14 §2, interfaces.md §7.1: the open APIs' host is a profile setting whose choices are
    KooGallery's published hosts; the endpoint itself (a sandbox) when none is chosen."""
    backend = MemoryKeyring()
    profile = Profile("Shop", "https://api.example.com", "AK1")
    store.add(profile)
    backend.set_password(SERVICE_NAME, "Shop", "the-stored-secret")
    dialog = open_dialog(qtbot, bridge, store, backend, profile)
    items = [dialog.open_api.itemData(i) for i in range(dialog.open_api.count())]
    assert items == [None, "https://mkt.myhuaweicloud.com", "https://mkt.myhuaweicloud.cn",
                     "https://mkt-intl.myhuaweicloud.com", "https://mkt.myhuaweicloud.eu"]
    assert dialog.open_api.currentText() == "The endpoint itself (a sandbox)"
    dialog.open_api.setCurrentIndex(3)
    assert dialog.open_api.currentText() == "International site (https://mkt-intl.myhuaweicloud.com)"
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save()
    assert store.get("Shop").open_api_endpoint == "https://mkt-intl.myhuaweicloud.com"
    again = open_dialog(qtbot, bridge, store, backend, store.get("Shop"))
    assert again.open_api.currentData() == "https://mkt-intl.myhuaweicloud.com"
