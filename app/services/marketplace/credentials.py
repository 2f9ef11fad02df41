"""Secret keys, kept only in the operating system's keychain (through ``keyring``).

A profile (``app.config.profiles.Profile``) names an endpoint and an access key; its secret key is stored in
the keychain under the service ``koogallery-seller-console`` with the profile name as user name.
Scripts and CI, which have no keychain, give keys in ``SELLER_CONSOLE_AK`` / ``SELLER_CONSOLE_SK``.
:func:`resolve_credentials` is the one place that decides which keys a run uses.

No message raised or logged here contains a secret; every secret read is registered with the log
masking filter (``app.services.logs.register_secret``).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from app.config.profiles import InvalidEndpoint, ProfileError, ProfileStore, Role, validate_endpoint
from app.errors import ConsoleError
from app.services.logs import CREDENTIALS, register_secret
from app.services.marketplace.client import MarketplaceClient, RetryPolicy
from app.services.network import NetworkConfig
from app.services.openapi.hosts import fallback_for

if TYPE_CHECKING:
    from collections.abc import Iterable

SERVICE_NAME = "koogallery-seller-console"
ENV_ACCESS_KEY = "SELLER_CONSOLE_AK"
ENV_SECRET_KEY = "SELLER_CONSOLE_SK"
#: The seller's key (卖家中心 > 应用工具 > 密钥管理; V1: the 服务商信息 Key值): it signs KooGallery's
#: calls to the seller's production interface and the seller's usage push (§6.7); per profile in the keychain under this service, or
#: in this variable for scripts and CI (it then wins, like the AK/SK variables).
ISV_KEY_SERVICE = "koogallery-seller-console-isv-key"
ENV_ISV_KEY = "SELLER_CONSOLE_ISV_KEY"

log = logging.getLogger(CREDENTIALS)

_HOW_TO_FIX = (
    "install or unlock a keychain (Windows Credential Manager, macOS Keychain, or GNOME Keyring / "
    f"KWallet through Secret Service), or for scripts set {ENV_ACCESS_KEY} and {ENV_SECRET_KEY}"
)

#: ``module.Class`` of keyring backends -> how a person would name that place.
_BACKEND_DESCRIPTIONS = {
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Manager",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.SecretService.Keyring": "Secret Service (GNOME Keyring / KWallet)",
    "keyring.backends.libsecret.Keyring": "Secret Service via libsecret (GNOME Keyring / KWallet)",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet 4",
}


class CredentialsError(ConsoleError):
    """The keys for a run cannot be found; ``str(exc)`` says what to do and holds no secret."""

    default_code = "credentials"


class KeychainUnavailable(CredentialsError):
    """No usable OS keychain (none installed, locked, or it failed)."""

    default_code = "keychain"


def _backend_key(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _effective_backends(backend: KeyringBackend) -> list[KeyringBackend]:
    """The backends that really store: a chainer's members, or the backend itself."""
    if isinstance(backend, chainer.ChainerBackend):
        return list(backend.backends)
    return [backend]


def describe_backend(backend: KeyringBackend) -> str:
    """A person's name for where ``backend`` keeps secrets ("macOS Keychain", ...)."""
    members = _effective_backends(backend)
    if not members:
        return "no keychain"
    first = members[0]  # a chainer writes to its first member
    known = _BACKEND_DESCRIPTIONS.get(_backend_key(first))
    if known:
        return known
    name = getattr(type(first), "name", None)
    return str(name) if name else type(first).__qualname__


class CredentialStore:
    """Secret keys of profiles in the OS keychain.

    ``backend`` is a ``keyring`` backend object (tests pass an in-memory one); by default the one
    keyring chose for this system (``keyring.get_keyring()``, which honours
    ``PYTHON_KEYRING_BACKEND``), looked up at first use.
    """

    def __init__(self, backend: KeyringBackend | None = None, service: str = SERVICE_NAME) -> None:
        self._backend = backend
        self._service = service

    @property
    def backend(self) -> KeyringBackend:
        if self._backend is None:
            self._backend = keyring.get_keyring()
        return self._backend

    def sibling(self, service: str) -> CredentialStore:
        """A store of another kind of secret (``service``) in the same keychain."""
        return CredentialStore(self._backend, service)

    def is_available(self) -> bool:
        """Whether a real keychain backs this store (no call to the keychain is made)."""
        return self._unusable_reason() is None

    def where(self) -> str:
        """Where secrets are kept, in words; :class:`KeychainUnavailable` if nowhere."""
        self._require_backend()
        return describe_backend(self.backend)

    def get_secret(self, profile_name: str) -> str | None:
        """The stored secret key of a profile, or ``None`` if none is stored."""
        backend = self._require_backend()
        try:
            secret = backend.get_password(self._service, profile_name)
        except Exception as exc:  # keyring backends raise many kinds; all mean "unavailable"
            raise self._failure("read the secret key of", profile_name, exc) from None
        register_secret(secret)
        return secret

    def set_secret(self, profile_name: str, secret: str) -> None:
        """Store (or replace) the secret key of a profile."""
        if not secret:
            raise CredentialsError("the secret key is empty")
        register_secret(secret)
        backend = self._require_backend()
        try:
            backend.set_password(self._service, profile_name, secret)
        except Exception as exc:  # keyring backends raise many kinds; all mean "unavailable"
            raise self._failure("store the secret key of", profile_name, exc, secret) from None
        log.info("stored the secret key of profile %r in %s", profile_name, self.where())

    def delete_secret(self, profile_name: str) -> bool:
        """Delete the secret key of a profile; ``False`` if there was none (not an error)."""
        backend = self._require_backend()
        try:
            backend.delete_password(self._service, profile_name)
        except keyring.errors.PasswordDeleteError:
            # Raised both for "no such entry" and for a real failure: tell them apart.
            if self.get_secret(profile_name) is None:
                return False
            raise KeychainUnavailable(
                f"could not delete the secret key of profile {profile_name!r} from "
                f"{describe_backend(backend)}; {_HOW_TO_FIX}"
            ) from None
        except Exception as exc:  # keyring backends raise many kinds; all mean "unavailable"
            raise self._failure("delete the secret key of", profile_name, exc) from None
        log.info("deleted the secret key of profile %r", profile_name)
        return True

    def _unusable_reason(self) -> str | None:
        try:
            members = _effective_backends(self.backend)
        except Exception as exc:  # discovering backends can fail in odd environments
            return f"the keychain could not be opened ({type(exc).__name__})"
        usable = [b for b in members if not isinstance(b, fail.Keyring | null.Keyring)]
        if not usable:
            return "no keychain is available on this system"
        return None

    def _require_backend(self) -> KeyringBackend:
        reason = self._unusable_reason()
        if reason is not None:
            raise KeychainUnavailable(f"{reason}; {_HOW_TO_FIX}")
        return self.backend

    def _failure(
        self, doing: str, profile_name: str, exc: Exception, *secrets: str
    ) -> KeychainUnavailable:
        detail = _scrub(str(exc), secrets)
        log.warning("keychain failure: %s profile %r: %s", doing, profile_name, type(exc).__name__)
        what = type(exc).__name__ + (f": {detail}" if detail else "")
        return KeychainUnavailable(
            f"could not {doing} profile {profile_name!r} in {describe_backend(self.backend)} "
            f"({what}); {_HOW_TO_FIX}"
        )


def _scrub(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def mask_access_key(value: str) -> str:
    """An access key as it may be shown: its last four characters only (``****WXYZ``)."""
    if len(value) <= 8:
        return "****"
    return f"****{value[-4:]}"


@dataclass(frozen=True, repr=False)
class Credentials:
    """What a client needs to sign requests: a profile's (:func:`resolve_credentials`), the
    embedded sandbox's or keys being tried (``profile_name`` None). ``repr`` and ``str`` never
    show the keys."""

    endpoint: str
    access_key: str
    secret_key: str
    profile_name: str | None = None
    role: Role = "seller"
    #: Where KooGallery's open APIs are called (the profile's setting; None: ``endpoint``).
    open_api_endpoint: str | None = None
    #: The key from 密钥管理 that signs usage-push bodies (§6.7), when one is stored.
    isv_key: str | None = None
    #: How the network is reached (Settings → Network): the proxy, if any.
    network: NetworkConfig = field(default_factory=NetworkConfig)

    def __repr__(self) -> str:
        return (
            f"Credentials(endpoint={self.endpoint!r}, "
            f"access_key={mask_access_key(self.access_key)!r}, "
            f"secret_key='****', profile_name={self.profile_name!r}, role={self.role!r}, "
            f"open_api_endpoint={self.open_api_endpoint!r})"
        )

    __str__ = __repr__


def _env_keys(environ: Mapping[str, str]) -> tuple[str, str] | None:
    access_key = environ.get(ENV_ACCESS_KEY, "").strip()
    secret_key = environ.get(ENV_SECRET_KEY, "").strip()
    if access_key and secret_key:
        register_secret(secret_key)
        return access_key, secret_key
    if access_key or secret_key:
        given, missing = (
            (ENV_ACCESS_KEY, ENV_SECRET_KEY) if access_key else (ENV_SECRET_KEY, ENV_ACCESS_KEY)
        )
        raise CredentialsError(f"{given} is set but {missing} is not; set both or neither")
    return None


def resolve_credentials(
    profiles: ProfileStore,
    store: CredentialStore,
    profile_name: str | None,
    endpoint: str | None,
    environ: Mapping[str, str] = os.environ,
    *,
    role: Role = "seller",
    network: NetworkConfig | None = None,
) -> Credentials:
    """The keys and endpoint for a run.

    * ``profile_name``: the profile's endpoint, role and access key, and the secret key from the
      keychain. If ``SELLER_CONSOLE_AK`` and ``SELLER_CONSOLE_SK`` are both set they replace the
      profile's keys (for scripts and CI), and the keychain is not touched.
    * ``endpoint`` (no profile): keys from ``SELLER_CONSOLE_AK`` / ``SELLER_CONSOLE_SK``; ``role``
      says which side the keys belong to.

    ``network`` (Settings → Network, :func:`app.services.network.network_config`) travels with
    the keys to every client opened with them.

    Raises :class:`CredentialsError` (or :class:`KeychainUnavailable`) with a message that says
    what to do; never one that contains a secret.
    """
    creds = _resolve(profiles, store, profile_name, endpoint, environ, role)
    return replace(creds, network=network) if network is not None else creds


def _resolve(profiles: ProfileStore, store: CredentialStore, profile_name: str | None,
             endpoint: str | None, environ: Mapping[str, str], role: Role) -> Credentials:
    env_keys = _env_keys(environ)
    if profile_name is not None and endpoint is not None:
        raise CredentialsError("give either a profile or an endpoint, not both")
    if profile_name is not None:
        try:
            profile = profiles.get(profile_name)
        except ProfileError as exc:
            raise CredentialsError(f"{exc}; see `seller-console profile list`") from None
        if env_keys is not None:
            access_key, secret_key = env_keys
            log.info("profile %r uses the keys from %s", profile.name, ENV_ACCESS_KEY)
        else:
            access_key = profile.access_key
            stored = store.get_secret(profile.name)
            if not stored:
                raise CredentialsError(
                    f"no secret key is stored for profile {profile.name!r} in {store.where()}; "
                    f"store it with `seller-console profile set-secret {profile.name}`, or set "
                    f"{ENV_ACCESS_KEY} and {ENV_SECRET_KEY}"
                )
            secret_key = stored
        return Credentials(
            endpoint=profile.endpoint,
            access_key=access_key,
            secret_key=secret_key,
            profile_name=profile.name,
            role=profile.role,
            open_api_endpoint=profile.open_api_endpoint,
            isv_key=_isv_key(environ, store if env_keys is None else None, profile.name),
        )
    if endpoint is not None:
        try:
            url = validate_endpoint(endpoint)
        except InvalidEndpoint as exc:
            raise CredentialsError(str(exc)) from None
        if env_keys is None:
            raise CredentialsError(
                f"without a profile, the keys come from {ENV_ACCESS_KEY} and {ENV_SECRET_KEY}; "
                "set both, or use a profile (`seller-console profile add`)"
            )
        access_key, secret_key = env_keys
        return Credentials(
            endpoint=url,
            access_key=access_key,
            secret_key=secret_key,
            profile_name=None,
            role=role,
            isv_key=_isv_key(environ, None, ""),
        )
    raise CredentialsError("no profile or endpoint given; choose a profile or give an endpoint")


def _isv_key(environ: Mapping[str, str], store: CredentialStore | None,
             profile_name: str) -> str | None:
    """The usage-push key: ``SELLER_CONSOLE_ISV_KEY``, else the profile's keychain entry (only
    when the keychain is in use for this run), else None (the push then says how to store it)."""
    given = environ.get(ENV_ISV_KEY, "").strip()
    if given:
        register_secret(given)
        return given
    if store is None or not store.is_available():
        return None
    try:
        return store.sibling(ISV_KEY_SERVICE).get_secret(profile_name) or None
    except CredentialsError:
        return None  # only the usage push needs it, and it says so when it is missing


def resolve_isv_key(store: CredentialStore, profile_name: str | None,
                    environ: Mapping[str, str] = os.environ) -> str:
    """The production-interface key for a run: ``SELLER_CONSOLE_ISV_KEY`` if set, else the one
    kept in the keychain for ``profile_name`` (``store`` is the AK/SK store; the key lives beside
    it under :data:`ISV_KEY_SERVICE`). :class:`CredentialsError` says what to do otherwise."""
    given = environ.get(ENV_ISV_KEY, "").strip()
    if given:
        register_secret(given)
        return given
    if profile_name is None:
        raise CredentialsError(
            f"no production-interface key: set {ENV_ISV_KEY}, or give --profile NAME with a key "
            "kept for it (--key-stdin stores one)")
    stored = store.sibling(ISV_KEY_SERVICE).get_secret(profile_name)
    if not stored:
        raise CredentialsError(
            f"no production-interface key is kept for profile {profile_name!r}; store it with "
            f"`seller-console conformance --profile {profile_name} --key-stdin ...`, or set "
            f"{ENV_ISV_KEY}")
    return stored


def store_isv_key(store: CredentialStore, profile_name: str, key: str) -> None:
    """Keep ``key`` as the production-interface key of ``profile_name`` in the keychain."""
    store.sibling(ISV_KEY_SERVICE).set_secret(profile_name, key)


def open_client(
    creds: Credentials,
    *,
    timeout_s: float = 30.0,
    retry: RetryPolicy | None = None,
    cancel: threading.Event | None = None,
) -> MarketplaceClient:
    """A :class:`~app.services.marketplace.client.MarketplaceClient` signing with ``creds``: the one way the
    views and the command line open a client (close it, or use it in a ``with`` block)."""
    return MarketplaceClient(
        creds.endpoint,
        creds.access_key,
        creds.secret_key,
        timeout_s=timeout_s,
        retry=retry,
        cancel=cancel,
        open_api_endpoint=creds.open_api_endpoint,
        open_api_fallback=fallback_for(creds.open_api_endpoint),
        usage_key=creds.isv_key,
        network=creds.network,
    )

