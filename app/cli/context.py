"""What every CLI handler receives: the paths, the profile store, the keychain and the environment.

``app.__main__`` builds one :class:`CliContext` (``CliContext.from_env()``) and calls
``args.handler(args, ctx)``; tests build one over a temporary folder and an in-memory keychain.

Every command that reads or writes a cache takes the same choice, added by
:func:`add_cache_choice`: ``--profile NAME`` (a stored profile, or ``sandbox``: the window's
built-in sandbox) or ``--endpoint URL`` (keys from ``SELLER_CONSOLE_AK`` / ``SELLER_CONSOLE_SK``),
and ``--db URL`` to use another cache. :meth:`CliContext.choose` is the one resolver: the same
choice finds the same cache in every command; with no flag, the only profile or cache there is.
:meth:`CliContext.connection` gives the keys of a choice (starting the embedded sandbox for
``sandbox``, as the window does).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Literal

from sqlalchemy import Engine

from app.cli.failures import EXIT_CONFIG, fail_with, message_for, open_cache_or_fail
from app.cli.words import translate
from app.config.endpoint_caches import (
    EndpointCache,
    EndpointCaches,
    endpoint_cache_url,
    key_hash,
)
from app.config.paths import AppPaths
from app.config.profiles import (
    InvalidEndpoint,
    ProfileError,
    ProfileStore,
    Role,
    validate_db_url,
    validate_endpoint,
)
from app.config.settings import SettingsStore
from app.services import logs
from app.services.marketplace.credentials import (
    ENV_ACCESS_KEY,
    ENV_SECRET_KEY,
    Credentials,
    CredentialsError,
    CredentialStore,
    resolve_credentials,
)
from app.services.marketplace.embedded_sandbox import (
    SANDBOX_NAME,
    EmbeddedSandbox,
    connect,
    drop_stale_cache,
    sandbox_cache_path,
    sandbox_cache_url,
    sandbox_folder,
)
from app.services.network import NetworkConfig, network_config


def open_chosen_cache(args: argparse.Namespace, ctx: CliContext) -> Engine | int:
    """The opened cache the shared flags choose, or the exit code after saying why not (one line)."""
    try:
        url = ctx.choose(args).db_url
    except CredentialsError as e:
        return fail_with(e, EXIT_CONFIG)
    return open_cache_or_fail(url)


ChoiceKind = Literal["profile", "sandbox", "endpoint", "db"]

def _how_to_start() -> str:
    return translate(
        "CliCache",
        "sync one first: `seller-console sync --profile {sandbox}` (the built-in sandbox), "
        "`seller-console sync --endpoint URL` (keys from {ak} / {sk}), or add a profile with "
        "`seller-console profile add NAME --endpoint URL --access-key AK`",
    ).format(sandbox=SANDBOX_NAME, ak=ENV_ACCESS_KEY, sk=ENV_SECRET_KEY)


def add_cache_choice(parser: argparse.ArgumentParser) -> None:
    """The shared ``--profile NAME | --endpoint URL`` and ``--db URL`` of every cache command."""
    who = parser.add_mutually_exclusive_group()
    who.add_argument(
        "--profile", metavar="NAME",
        help=f"a profile of `profile list` ({SANDBOX_NAME}: the built-in sandbox); default: the "
        "only profile or cache there is",
    )  # fmt: skip
    who.add_argument(
        "--endpoint", metavar="URL",
        help=f"the marketplace at URL, keys from {ENV_ACCESS_KEY} / {ENV_SECRET_KEY}",
    )  # fmt: skip
    parser.add_argument(
        "--db", metavar="URL",
        help="SQLAlchemy URL of the cache (default: the cache of the profile or endpoint)",
    )  # fmt: skip


@dataclass(frozen=True)
class CacheChoice:
    """Which cache a command works on, and whose keys reach its marketplace."""

    kind: ChoiceKind
    db_url: str
    name: str | None = None  #: the profile's name (``sandbox`` for the built-in one)
    endpoint: str | None = None
    role: Role = "seller"
    #: ``--db`` replaced the choice's own cache.
    db_given: bool = False

    @property
    def label(self) -> str:
        if self.kind == "endpoint":
            return translate("CliCache", "endpoint {url}").format(url=self.endpoint)
        if self.kind == "db":
            return self.db_url
        return str(self.name)


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

    @property
    def endpoint_caches(self) -> EndpointCaches:
        return EndpointCaches(self.paths)

    # -- the one resolver --------------------------------------------------------------------------

    def choose(self, args: argparse.Namespace) -> CacheChoice:
        """The cache the shared flags of ``args`` name (see :func:`add_cache_choice`); raises
        :class:`CredentialsError` with what to do when there is none or several."""
        profile = getattr(args, "profile", None)
        endpoint = getattr(args, "endpoint", None)
        db = getattr(args, "db", None)
        if db is not None:  # --db gets the profile's check (a URL, and no password in it)
            try:
                db = validate_db_url(str(db))
            except ProfileError as exc:
                raise CredentialsError(
                    translate("CliCache", "--db: {problem}").format(problem=message_for(exc))
                ) from None
        if profile is None and endpoint is None:
            if db:
                return CacheChoice("db", str(db), db_given=True)
            return self.default_choice()
        choice = self.profile_choice(profile) if profile is not None else \
            self.endpoint_choice(str(endpoint))
        return replace(choice, db_url=str(db), db_given=True) if db else choice

    def profile_choice(self, name: str) -> CacheChoice:
        wanted = name.strip()
        if wanted == SANDBOX_NAME:
            return CacheChoice("sandbox", sandbox_cache_url(self.paths), name=SANDBOX_NAME)
        try:
            profile = self.profiles.get(wanted)
        except ProfileError as exc:
            raise CredentialsError(
                translate("CliCache", "{problem}; see `seller-console profile list`")
                .format(problem=message_for(exc))) from None
        return CacheChoice("profile", profile.cache_url(self.paths), name=profile.name,
                           endpoint=profile.endpoint, role=profile.role)

    def endpoint_choice(self, endpoint: str) -> CacheChoice:
        """The cache of an endpoint and the access key in the environment; without that key, the
        one cache made for this endpoint, if there is one."""
        try:
            url = validate_endpoint(endpoint)
        except InvalidEndpoint as exc:
            raise CredentialsError(message_for(exc)) from None
        access_key = self.environ.get(ENV_ACCESS_KEY, "").strip()
        if access_key:
            return CacheChoice("endpoint", endpoint_cache_url(self.paths, url, access_key),
                               endpoint=url)
        known = self.endpoint_caches.for_endpoint(url)
        if len(known) == 1:
            return CacheChoice("endpoint", known[0].db_url, endpoint=url)
        raise CredentialsError(
            translate("CliCache", "which keys for {url}? set {ak} and {sk}, or use a profile")
            .format(url=url, ak=ENV_ACCESS_KEY, sk=ENV_SECRET_KEY)
        )

    def default_choice(self) -> CacheChoice:
        """No flag: the last profile the window or a command used, else the only profile or
        endpoint cache there is, else the built-in sandbox if it has a cache."""
        names = self.profiles.names()
        last = self.settings.load().last_profile
        if last and last in names:
            return self.profile_choice(last)
        candidates = [self.profile_choice(n) for n in names]
        candidates += [CacheChoice("endpoint", c.db_url, endpoint=c.endpoint)
                       for c in self.endpoint_caches.list()]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates and sandbox_cache_path(self.paths).exists():
            return self.profile_choice(SANDBOX_NAME)
        if not candidates:
            raise CredentialsError(
                translate("CliCache", "no profile or cache yet; {how}").format(how=_how_to_start()))
        raise CredentialsError(
            translate("CliCache", "several caches exist ({caches}); choose one with --profile "
                      "NAME or --endpoint URL").format(caches=", ".join(c.label for c in candidates))
        )

    # -- keys ----------------------------------------------------------------------------------------

    @contextmanager
    def connection(self, choice: CacheChoice) -> Iterator[Credentials]:
        """The keys and endpoint of ``choice``; for the built-in sandbox, the embedded sandbox is
        started (its clock moved up to now, a stale cache dropped) and stopped afterwards."""
        if choice.kind == "sandbox":
            sandbox = EmbeddedSandbox(sandbox_folder(self.paths))
            try:
                creds = connect(sandbox)
                if not choice.db_given:
                    drop_stale_cache(sandbox, choice.db_url)
                yield creds
            finally:
                sandbox.stop()
            return
        if choice.kind == "db":  # --db alone: the keys of the default profile, as before
            keys_of = self.default_choice()
            if keys_of.kind == "sandbox":
                with self.connection(replace(keys_of, db_given=True)) as creds:
                    yield creds
                return
            choice = keys_of
        name = choice.name if choice.kind == "profile" else None
        endpoint = choice.endpoint if choice.kind == "endpoint" else None
        creds = resolve_credentials(self.profiles, self.credentials, name, endpoint, self.environ,
                                    network=self.network())
        self.register_secret(creds.secret_key)
        yield creds

    def remember(self, choice: CacheChoice, creds: Credentials) -> None:
        """After a sync of an endpoint into its own cache: note the cache, so later commands find
        it without a flag."""
        if choice.kind == "endpoint" and not choice.db_given and choice.endpoint:
            self.endpoint_caches.remember(
                EndpointCache(choice.endpoint, key_hash(creds.access_key), choice.db_url)
            )

    # -- the older helpers, kept for callers that have a profile name --------------------------------

    def default_profile_name(self) -> str:
        """The profile to use when none is named (see :meth:`default_choice`)."""
        choice = self.default_choice()
        if choice.kind not in ("profile", "sandbox") or choice.name is None:
            raise CredentialsError(
                translate("CliCache", "{label} is no profile; choose one with --profile NAME")
                .format(label=choice.label))
        return choice.name

    def resolve(self, profile_name: str | None, endpoint: str | None = None) -> Credentials:
        """Keys and endpoint of a stored profile or an endpoint (see ``resolve_credentials``)."""
        if profile_name is None and endpoint is None:
            profile_name = self.default_profile_name()
        return resolve_credentials(
            self.profiles, self.credentials, profile_name, endpoint, self.environ,
            network=self.network(),
        )

    def network(self) -> NetworkConfig:
        """The window's network choice (Settings → Network: the system's proxy, none, or the
        manual one with its password from the keychain or SELLER_CONSOLE_PROXY_PASSWORD)."""
        return network_config(self.settings.load(), self.credentials, self.environ)

    def register_secret(self, secret: str | None) -> None:
        """Mask ``secret`` in every log record from now on."""
        logs.register_secret(secret)
