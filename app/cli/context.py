"""What every CLI handler receives: the paths, the profile store, the keychain and the environment.

``app.__main__`` builds one :class:`CliContext` (``CliContext.from_env()``) and calls
``args.handler(args, ctx)``; tests build one over a temporary folder and an in-memory keychain.
The helpers below are the CLI's one way to pick a profile, its keys and its cache.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass

from app.config.paths import AppPaths
from app.config.profiles import ProfileError, ProfileStore
from app.config.settings import SettingsStore
from app.services import logs
from app.services.marketplace.credentials import (
    Credentials,
    CredentialsError,
    CredentialStore,
    resolve_credentials,
)


@dataclass(frozen=True)
class CliContext:
    paths: AppPaths
    profiles: ProfileStore
    credentials: CredentialStore
    environ: Mapping[str, str]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> CliContext:
        """The real context: platform folders (or ``SELLER_CONSOLE_HOME``) and the OS keychain."""
        env = os.environ if environ is None else environ
        paths = AppPaths.from_env(env)
        return cls(
            paths=paths,
            profiles=ProfileStore(paths),
            credentials=CredentialStore(),
            environ=env,
        )

    @property
    def settings(self) -> SettingsStore:
        return SettingsStore(self.paths)

    def default_profile_name(self) -> str:
        """The profile to use when none is named: the last one used, or the only one there is."""
        names = self.profiles.names()
        last = self.settings.load().last_profile
        if last and last in names:
            return last
        if len(names) == 1:
            return names[0]
        if not names:
            raise CredentialsError(
                "no profile yet; add one with `seller-console profile add NAME --endpoint URL "
                "--access-key AK`, or give --endpoint with SELLER_CONSOLE_AK / SELLER_CONSOLE_SK"
            )
        raise CredentialsError(
            f"several profiles exist ({', '.join(names)}); choose one with --profile NAME"
        )

    def resolve(self, profile_name: str | None, endpoint: str | None = None) -> Credentials:
        """Keys and endpoint for a command (see ``resolve_credentials``); with neither a profile
        nor an endpoint, the default profile (:meth:`default_profile_name`)."""
        if profile_name is None and endpoint is None:
            profile_name = self.default_profile_name()
        return resolve_credentials(
            self.profiles, self.credentials, profile_name, endpoint, self.environ
        )

    def db_url_for_profile(self, profile_name: str | None) -> str:
        """The cache URL of a profile (the default profile when ``None``)."""
        name = profile_name if profile_name is not None else self.default_profile_name()
        try:
            return self.profiles.get(name).cache_url(self.paths)
        except ProfileError as exc:
            raise CredentialsError(f"{exc}; see `seller-console profile list`") from None

    def db_url_for(self, creds: Credentials) -> str:
        """The cache URL for resolved credentials: the profile's cache, or, for a bare endpoint,
        one SQLite file per endpoint and access key (so two accounts never share a cache)."""
        if creds.profile_name is not None:
            return self.db_url_for_profile(creds.profile_name)
        key_hash = hashlib.sha256(creds.access_key.encode()).hexdigest()[:8]
        return self.paths.default_db_url(f"{creds.endpoint} key {key_hash}")

    def register_secret(self, secret: str | None) -> None:
        """Mask ``secret`` in every log record from now on."""
        logs.register_secret(secret)
