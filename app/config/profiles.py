"""Connection profiles: one per marketplace account (endpoint, access key, role, optional
database URL) in ``profiles.json``, read and written only by :class:`ProfileStore`. A profile
never holds a secret: the secret key lives in the OS keychain
(``app.services.marketplace.credentials``)."""

from __future__ import annotations

import builtins
import ipaddress
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import parse_qs, parse_qsl, urlsplit, urlunsplit

from app.config.paths import AppPaths, atomic_write_text, dump_json

log = logging.getLogger("seller_console.config")

Role = Literal["seller", "partner"]
ROLES: tuple[str, ...] = get_args(Role)


class ProfileError(Exception):
    """Base of every profile problem. ``str(exc)`` is a complete sentence for the user."""


class ProfileNotFound(ProfileError, KeyError):
    """No profile has this name (a ``KeyError`` too, so mapping-style callers work)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"no profile named {self.name!r}"


class ProfileExists(ProfileError):
    """A profile with this name exists already."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"a profile named {self.name!r} exists already"


class InvalidProfile(ProfileError, ValueError):
    """A profile field is not acceptable (name, role, access key, database URL)."""


class InvalidEndpoint(InvalidProfile):
    """The endpoint is not an https URL (or http on a loopback host)."""


class ProfileFileError(ProfileError):
    """``profiles.json`` cannot be read or understood; it is left untouched for the user to fix."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_PROFILE_NAME = 64


def _is_loopback_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


#: Whether a host is this computer (the conformance tester accepts plain http there too).
is_loopback_host = _is_loopback_host


def validate_endpoint(url: str) -> str:
    """Return the endpoint without surrounding blanks or trailing ``/``, or raise InvalidEndpoint.

    Rules: an ``https://`` URL with a host; plain ``http://`` only for loopback hosts
    (127.0.0.0/8, ``::1``, ``localhost``) such as the sandbox, because AK/SK-signed requests and
    the data they carry must not cross a network in clear text. No user name or password in the
    URL, no query or fragment.
    """
    value = url.strip()
    if not value:
        raise InvalidEndpoint("the endpoint is empty; give a URL such as https://api.example.com")
    try:
        parts = urlsplit(value)
        _port = parts.port  # raises ValueError for a port that is not a number in 0-65535
    except ValueError as exc:
        raise InvalidEndpoint(f"the endpoint {value!r} is not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InvalidEndpoint(
            f"the endpoint {value!r} must start with https:// (or http:// for a local sandbox)"
        )
    host = parts.hostname
    if not host:
        raise InvalidEndpoint(f"the endpoint {value!r} has no host name")
    if parts.username is not None or parts.password is not None:
        raise InvalidEndpoint(
            "the endpoint must not contain a user name or password; keys belong in the keychain"
        )
    if parts.query or parts.fragment:
        raise InvalidEndpoint(
            f"the endpoint {value!r} must not have a query (?...) or fragment (#...)"
        )
    if scheme == "http" and not _is_loopback_host(host):
        raise InvalidEndpoint(
            f"the endpoint {value!r} uses plain http:// on a non-local host; use https:// "
            "(http:// is allowed only for 127.0.0.1, ::1 and localhost, e.g. the sandbox)"
        )
    return value.rstrip("/")


def validate_profile_name(name: str) -> str:
    """Return the name without surrounding blanks: any language, 1-64 characters, no controls."""
    value = name.strip()
    if not value:
        raise InvalidProfile("the profile name is empty")
    if len(value) > MAX_PROFILE_NAME:
        raise InvalidProfile(f"the profile name is longer than {MAX_PROFILE_NAME} characters")
    if _CONTROL.search(value):
        raise InvalidProfile("the profile name contains control characters")
    return value


def shown_db_url(url: str) -> str:
    """A database URL safe to print: any password (``user:pw@`` or ``?password=``) masked."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if parts.password:
            netloc = netloc.replace(f":{parts.password}@", ":***@", 1)
        pairs = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        return "***"
    secret = [k for k, _v in pairs if "password" in k.lower() or k.lower() == "passwd"]
    if netloc == parts.netloc and not secret:
        return url
    query = "&".join(f"{k}={'***' if k in secret else v}" for k, v in pairs)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def validate_db_url(url: str) -> str:
    """A database URL fit for a profile or ``--db``: a URL, and no password in it (neither
    ``user:pw@`` nor ``?password=``); raises :class:`InvalidProfile` saying why."""
    return _validate_db_url(url)


def _validate_db_url(url: str) -> str:
    value = url.strip()
    scheme, sep, _rest = value.partition("://")
    if not sep or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme):
        raise InvalidProfile(
            f"the database URL {value!r} is not a URL such as "
            "postgresql+psycopg://user@host/db or sqlite:////path/cache.sqlite3"
        )
    if not scheme.lower().startswith("sqlite"):
        try:
            parts = urlsplit(value)
            password = parts.password
            query = parse_qs(parts.query, keep_blank_values=True)
        except ValueError:
            password, query = None, {}
        # ?password=... is a password too (libpq and SQLAlchemy take it from the query, §3)
        if password or any("password" in k.lower() or k.lower() == "passwd" for k in query):
            raise InvalidProfile(
                "the database URL contains a password; keep it out of the profile "
                "(use ~/.pgpass or the PGPASSWORD environment variable instead)"
            )
    return value


@dataclass(frozen=True)
class Profile:
    """One marketplace account the console can sync: where, who, and which cache.

    Validated on construction (a ``Profile`` that exists is valid). Never holds a secret key:
    that is kept in the OS keychain under the profile's name.
    """

    name: str
    endpoint: str
    access_key: str
    role: Role = "seller"
    #: SQLAlchemy URL of the cache; ``None``: the profile's own SQLite file (see :meth:`cache_url`).
    db_url: str | None = None
    #: Where KooGallery's open APIs (Query Order, usage push, license codes) are called: one of the
    #: published hosts (``app.services.openapi.hosts``); ``None``: the endpoint (a sandbox).
    open_api_endpoint: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", validate_profile_name(self.name))
        object.__setattr__(self, "endpoint", validate_endpoint(self.endpoint))
        access_key = self.access_key.strip()
        if not access_key or re.search(r"\s", access_key):
            raise InvalidProfile("the access key is empty or contains blanks")
        object.__setattr__(self, "access_key", access_key)
        if self.role not in ROLES:
            raise InvalidProfile(f"the role must be one of {', '.join(ROLES)}, not {self.role!r}")
        if self.db_url is not None:
            object.__setattr__(self, "db_url", _validate_db_url(self.db_url) or None)
        if self.open_api_endpoint is not None:
            object.__setattr__(self, "open_api_endpoint",
                               validate_endpoint(self.open_api_endpoint) or None)

    def cache_url(self, paths: AppPaths) -> str:
        """The database URL to open for this profile: its ``db_url`` or its default SQLite file."""
        return self.db_url or paths.default_db_url(self.name)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        if data["open_api_endpoint"] is None:
            del data["open_api_endpoint"]  # profiles.json stays as it was without the setting
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Profile:
        """Build from a stored entry; unknown keys are ignored (a stray secret is never loaded)."""
        return cls(
            name=str(data["name"]),
            endpoint=str(data["endpoint"]),
            access_key=str(data["access_key"]),
            role=data.get("role", "seller"),
            db_url=data.get("db_url"),
            open_api_endpoint=data.get("open_api_endpoint"),
        )


PROFILES_VERSION = 1


class ProfileStore:
    """The profiles in ``<config_dir>/profiles.json``, read on every call, written atomically.

    Reading on every call keeps two consoles (or the CLI beside the GUI) from writing back an
    older view. A damaged file raises :class:`ProfileFileError` and is never overwritten.
    """

    def __init__(self, paths: AppPaths) -> None:
        self._file = paths.profiles_file

    @property
    def file(self) -> Path:
        return self._file

    def list(self) -> builtins.list[Profile]:
        """All profiles, in the order they were added."""
        return self._read()

    def names(self) -> builtins.list[str]:
        return [p.name for p in self._read()]

    def get(self, name: str) -> Profile:
        """The profile called ``name`` (blanks around it ignored); ProfileNotFound if none."""
        wanted = name.strip()
        for profile in self._read():
            if profile.name == wanted:
                return profile
        raise ProfileNotFound(wanted)

    def add(self, profile: Profile) -> None:
        """Add a new profile; :class:`ProfileExists` if the name is taken."""
        profiles = self._read()
        if any(p.name == profile.name for p in profiles):
            raise ProfileExists(profile.name)
        self._write([*profiles, profile])

    def update(self, profile: Profile) -> None:
        """Replace the profile of the same name; :class:`ProfileNotFound` if there is none."""
        profiles = self._read()
        for index, existing in enumerate(profiles):
            if existing.name == profile.name:
                profiles[index] = profile
                self._write(profiles)
                return
        raise ProfileNotFound(profile.name)

    def remove(self, name: str) -> None:
        """Remove a profile; :class:`ProfileNotFound` if there is none. Its cache file is kept."""
        wanted = name.strip()
        profiles = self._read()
        kept = [p for p in profiles if p.name != wanted]
        if len(kept) == len(profiles):
            raise ProfileNotFound(wanted)
        self._write(kept)

    def _read(self) -> builtins.list[Profile]:
        try:
            text = self._file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfileFileError(f"cannot read the profiles file {self._file}: {exc}") from None
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or not isinstance(data.get("profiles"), builtins.list):
                raise ValueError('expected an object with a "profiles" list')
            return [Profile.from_json(entry) for entry in data["profiles"]]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            detail = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise ProfileFileError(
                f"the profiles file {self._file} is damaged ({detail}); fix or remove it"
            ) from None

    def _write(self, profiles: builtins.list[Profile]) -> None:
        data = {"version": PROFILES_VERSION, "profiles": [p.to_json() for p in profiles]}
        atomic_write_text(self._file, dump_json(data))
