"""app.services.marketplace.credentials: the keychain interface and which keys a run uses."""

from __future__ import annotations

import logging
from pathlib import Path

import keyring.errors
import pytest
from keyring.backends import chainer, fail, null

from app.config.paths import AppPaths
from app.config.profiles import Profile, ProfileStore
from app.services import logs
from app.services.marketplace.credentials import (
    SERVICE_NAME,
    Credentials,
    CredentialsError,
    CredentialStore,
    KeychainUnavailable,
    describe_backend,
    mask_access_key,
    resolve_credentials,
)
from tests.support.memory_keyring import BrokenKeyring, MemoryKeyring

SECRET = "sk-Zq8T3vYc1Nf0pLr7"
AK = "AKEXAMPLE00000WXYZ"


@pytest.fixture
def profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProfileStore:
    monkeypatch.setenv("SELLER_CONSOLE_HOME", str(tmp_path))
    store = ProfileStore(AppPaths.from_env())
    store.add(Profile("prod", "https://api.example.com", AK, "seller"))
    store.add(Profile("伙伴", "http://127.0.0.1:8765", "AKPARTNER0000001", "partner"))
    return store


@pytest.fixture
def backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def store(backend: MemoryKeyring) -> CredentialStore:
    return CredentialStore(backend)


# --- the keychain ------------------------------------------------------------------------------


def test_set_get_delete_under_the_console_service(
    store: CredentialStore, backend: MemoryKeyring
) -> None:
    assert store.get_secret("prod") is None
    store.set_secret("prod", SECRET)
    assert backend.entries == {(SERVICE_NAME, "prod"): SECRET}
    assert SERVICE_NAME == "koogallery-seller-console"
    assert store.get_secret("prod") == SECRET
    store.set_secret("prod", SECRET + "2")  # replace
    assert store.get_secret("prod") == SECRET + "2"
    assert store.delete_secret("prod") is True
    assert store.get_secret("prod") is None
    assert store.delete_secret("prod") is False  # nothing to delete is not an error


def test_empty_secret_is_refused(store: CredentialStore, backend: MemoryKeyring) -> None:
    with pytest.raises(CredentialsError, match="empty"):
        store.set_secret("prod", "")
    assert backend.entries == {}


def _fake_backend(module: str, name: str = "Keyring") -> MemoryKeyring:
    cls = type(name, (MemoryKeyring,), {"__module__": module})
    return cls()


@pytest.mark.parametrize(
    ("module", "name", "where"),
    [
        ("keyring.backends.Windows", "WinVaultKeyring", "Windows Credential Manager"),
        ("keyring.backends.macOS", "Keyring", "macOS Keychain"),
        ("keyring.backends.SecretService", "Keyring", "Secret Service (GNOME Keyring / KWallet)"),
        ("keyring.backends.kwallet", "DBusKeyring", "KWallet"),
        ("keyrings.alt.file", "EncryptedKeyring", "file EncryptedKeyring"),
    ],
)
def test_where_names_the_place_in_words(module: str, name: str, where: str) -> None:
    assert CredentialStore(_fake_backend(module, name)).where() == where


def test_where_of_a_chain_is_its_first_member(monkeypatch: pytest.MonkeyPatch) -> None:
    mac = _fake_backend("keyring.backends.macOS")
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [mac, MemoryKeyring()])
    assert CredentialStore(chainer.ChainerBackend()).where() == "macOS Keychain"
    assert describe_backend(chainer.ChainerBackend()) == "macOS Keychain"


@pytest.mark.parametrize("make", [fail.Keyring, null.Keyring], ids=["fail", "null"])
def test_no_keychain_is_reported_with_what_to_do(make: type) -> None:
    store = CredentialStore(make())
    assert store.is_available() is False
    for call in (
        store.where,
        lambda: store.get_secret("prod"),
        lambda: store.set_secret("prod", SECRET),
        lambda: store.delete_secret("prod"),
    ):
        with pytest.raises(KeychainUnavailable) as info:
            call()
        message = str(info.value)
        assert "no keychain" in message
        assert "SELLER_CONSOLE_AK" in message and "SELLER_CONSOLE_SK" in message
        assert SECRET not in message


def test_an_empty_chain_is_no_keychain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    store = CredentialStore(chainer.ChainerBackend())
    assert store.is_available() is False
    with pytest.raises(KeychainUnavailable):
        store.get_secret("prod")


def test_a_memory_keychain_is_available(store: CredentialStore) -> None:
    assert store.is_available() is True


def test_a_locked_keychain_becomes_keychain_unavailable() -> None:
    locked = BrokenKeyring(lambda op, pw: keyring.errors.KeyringLocked("Failed to unlock"))
    store = CredentialStore(locked)
    with pytest.raises(KeychainUnavailable, match="KeyringLocked: Failed to unlock") as info:
        store.get_secret("prod")
    assert "prod" in str(info.value)
    assert "unlock a keychain" in str(info.value)


def test_a_failing_backend_never_puts_the_secret_in_the_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    leaky = BrokenKeyring(lambda op, pw: keyring.errors.PasswordSetError(f"cannot store {pw}"))
    store = CredentialStore(leaky)
    with caplog.at_level(logging.DEBUG), pytest.raises(KeychainUnavailable) as info:
        store.set_secret("prod", SECRET)
    assert SECRET not in str(info.value)
    assert "cannot store ***" in str(info.value)
    assert SECRET not in caplog.text
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_a_failed_delete_of_an_existing_secret_is_an_error() -> None:
    class Stubborn(MemoryKeyring):
        def delete_password(self, service: str, username: str) -> None:
            raise keyring.errors.PasswordDeleteError("access denied")

    backend = Stubborn()
    backend.set_password(SERVICE_NAME, "prod", SECRET)
    with pytest.raises(KeychainUnavailable, match="could not delete"):
        CredentialStore(backend).delete_secret("prod")


def test_secrets_read_from_the_keychain_are_masked_in_logs(store: CredentialStore) -> None:
    secret = "sk-read-from-keychain-91"
    store.set_secret("prod", secret)
    assert secret in logs.default_registry()
    assert logs.mask_secrets(f"x {secret} y", logs.default_registry().values()) == "x *** y"


# --- Credentials -------------------------------------------------------------------------------


def test_credentials_repr_masks_the_keys() -> None:
    creds = Credentials("https://api.example.com", AK, SECRET, "prod", "seller")
    for shown in (repr(creds), str(creds), f"{creds}", repr([creds])):
        assert SECRET not in shown
        assert AK not in shown
        assert "****WXYZ" in shown
        assert "https://api.example.com" in shown and "'prod'" in shown


@pytest.mark.parametrize(
    ("key", "shown"), [("AKEXAMPLE00000WXYZ", "****WXYZ"), ("SHORTAK", "****"), ("", "****")]
)
def test_mask_access_key(key: str, shown: str) -> None:
    assert mask_access_key(key) == shown


# --- resolve_credentials -----------------------------------------------------------------------


def test_profile_keys_come_from_the_profile_and_the_keychain(
    profiles: ProfileStore, store: CredentialStore
) -> None:
    store.set_secret("prod", SECRET)
    creds = resolve_credentials(profiles, store, "prod", None, {})
    assert creds == Credentials("https://api.example.com", AK, SECRET, "prod", "seller")


def test_partner_profile_keeps_its_role(profiles: ProfileStore, store: CredentialStore) -> None:
    store.set_secret("伙伴", SECRET)
    creds = resolve_credentials(profiles, store, "伙伴", None, {})
    assert (creds.role, creds.endpoint, creds.profile_name) == (
        "partner",
        "http://127.0.0.1:8765",
        "伙伴",
    )


def test_env_keys_override_a_profile_without_touching_the_keychain(
    profiles: ProfileStore,
) -> None:
    no_keychain = CredentialStore(fail.Keyring())
    env = {"SELLER_CONSOLE_AK": "AKFROMENV", "SELLER_CONSOLE_SK": SECRET}
    creds = resolve_credentials(profiles, no_keychain, "prod", None, env)
    assert (creds.access_key, creds.secret_key) == ("AKFROMENV", SECRET)
    assert (creds.endpoint, creds.profile_name) == ("https://api.example.com", "prod")


def test_endpoint_without_profile_takes_env_keys(
    profiles: ProfileStore, store: CredentialStore
) -> None:
    env = {"SELLER_CONSOLE_AK": " AKFROMENV ", "SELLER_CONSOLE_SK": SECRET}
    creds = resolve_credentials(profiles, store, None, "http://127.0.0.1:9000/", env)
    assert creds == Credentials("http://127.0.0.1:9000", "AKFROMENV", SECRET, None, "seller")
    partner = resolve_credentials(profiles, store, None, "https://x.example", env, role="partner")
    assert partner.role == "partner"


def test_env_secret_is_masked_in_logs(profiles: ProfileStore, store: CredentialStore) -> None:
    secret = "sk-from-env-for-masking-77"
    env = {"SELLER_CONSOLE_AK": "AK", "SELLER_CONSOLE_SK": secret}
    resolve_credentials(profiles, store, None, "https://api.example.com", env)
    assert secret in logs.default_registry()


@pytest.mark.parametrize(
    ("profile", "endpoint", "env", "message"),
    [
        ("prod", None, {}, "no secret key is stored for profile 'prod'"),
        ("nope", None, {}, "no profile named 'nope'"),
        (None, "https://api.example.com", {}, "SELLER_CONSOLE_AK and SELLER_CONSOLE_SK"),
        (None, "http://api.example.com", {"SELLER_CONSOLE_AK": "A", "SELLER_CONSOLE_SK": SECRET},
         "https://"),
        ("prod", None, {"SELLER_CONSOLE_SK": SECRET}, "SELLER_CONSOLE_SK is set but SELLER_CONSOLE_AK"),
        (None, "https://x.example", {"SELLER_CONSOLE_AK": "AK"}, "SELLER_CONSOLE_AK is set but"),
        ("prod", "https://x.example", {}, "not both"),
        (None, None, {}, "no profile or endpoint"),
    ],
)  # fmt: skip
def test_failures_say_what_to_do_and_never_show_a_secret(
    profiles: ProfileStore,
    store: CredentialStore,
    profile: str | None,
    endpoint: str | None,
    env: dict[str, str],
    message: str,
) -> None:
    with pytest.raises(CredentialsError) as info:
        resolve_credentials(profiles, store, profile, endpoint, env)
    assert message in str(info.value)
    assert SECRET not in str(info.value)


def test_missing_secret_message_names_the_keychain_and_the_fix(
    profiles: ProfileStore, store: CredentialStore
) -> None:
    with pytest.raises(CredentialsError) as info:
        resolve_credentials(profiles, store, "prod", None, {})
    message = str(info.value)
    assert "memory keyring" in message
    assert "profile set-secret prod" in message
    assert "SELLER_CONSOLE_AK" in message


def test_profile_without_keychain_and_without_env_is_keychain_unavailable(
    profiles: ProfileStore,
) -> None:
    with pytest.raises(KeychainUnavailable, match="SELLER_CONSOLE_SK"):
        resolve_credentials(profiles, CredentialStore(fail.Keyring()), "prod", None, {})


def test_the_production_interface_key_is_kept_per_profile_beside_the_secret_keys() -> None:
    """Issue 14 §1: the conformance tester's key lives in the keychain (or the environment)."""
    from app.services.marketplace.credentials import (
        ENV_ISV_KEY,
        CredentialsError,
        CredentialStore,
        resolve_isv_key,
        store_isv_key,
    )
    from tests.support.memory_keyring import MemoryKeyring

    store = CredentialStore(MemoryKeyring())
    store.set_secret("prod", "the-secret-key")
    store_isv_key(store, "prod", "the-isv-key")
    assert resolve_isv_key(store, "prod", {}) == "the-isv-key"
    assert store.get_secret("prod") == "the-secret-key"  # a different entry
    assert resolve_isv_key(store, "prod", {ENV_ISV_KEY: "from-env"}) == "from-env"
    with pytest.raises(CredentialsError, match="no production-interface key is kept"):
        resolve_isv_key(store, "other", {})
    with pytest.raises(CredentialsError, match=ENV_ISV_KEY):
        resolve_isv_key(store, None, {})
