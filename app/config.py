"""Where the console keeps its files, the connection profiles, and the settings.

Three things live here, each read and written only by this module:

* :class:`AppPaths`: the folders (platformdirs, or one folder named by ``SELLER_CONSOLE_HOME``).
* :class:`Profile` and :class:`ProfileStore`: one profile per marketplace account (endpoint,
  access key, role, optional database URL) in ``profiles.json``. A profile never holds a secret:
  the secret key lives in the OS keychain (``app.services.marketplace.credentials``).
* :class:`Settings` and :class:`SettingsStore`: user preferences in ``settings.json``, declared
  once with types, defaults and descriptions, and a schema ``version`` with migrations.

Files are written atomically (temporary file in the same folder, then ``os.replace``), so a crash
never leaves half a file. A damaged settings file never stops the console: it is moved aside and
defaults are used.
"""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import ipaddress
import json
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

APP_NAME = "KooGallerySellerConsole"
APP_AUTHOR = "KooGallery"
#: When set, every file of the console lives under this folder (tests, portable installs).
HOME_ENV = "SELLER_CONSOLE_HOME"

SETTINGS_FILE = "settings.json"
PROFILES_FILE = "profiles.json"

log = logging.getLogger("seller_console.config")

Role = Literal["seller", "partner"]
ROLES: tuple[str, ...] = get_args(Role)


# --------------------------------------------------------------------------------------------------
# Paths


@dataclass(frozen=True)
class AppPaths:
    """The console's folders. Nothing is created until :meth:`ensure` (or a store's write) runs."""

    config_dir: Path
    data_dir: Path
    log_dir: Path
    cache_dir: Path

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> AppPaths:
        """The platform's folders, or subfolders of ``$SELLER_CONSOLE_HOME`` when it is set."""
        home = environ.get(HOME_ENV, "").strip()
        if home:
            return cls.under(Path(home))
        dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR)
        return cls(
            config_dir=Path(dirs.user_config_dir),
            data_dir=Path(dirs.user_data_dir),
            log_dir=Path(dirs.user_log_dir),
            cache_dir=Path(dirs.user_cache_dir),
        )

    @classmethod
    def under(cls, home: Path) -> AppPaths:
        """Everything in one folder: ``config/``, ``data/``, ``logs/``, ``cache/``."""
        home = home.expanduser().absolute()
        return cls(
            config_dir=home / "config",
            data_dir=home / "data",
            log_dir=home / "logs",
            cache_dir=home / "cache",
        )

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_FILE

    @property
    def profiles_file(self) -> Path:
        return self.config_dir / PROFILES_FILE

    @property
    def caches_dir(self) -> Path:
        """Where each profile's SQLite cache lives by default."""
        return self.data_dir / "caches"

    def ensure(self) -> None:
        """Create every folder (idempotent)."""
        folders = (self.config_dir, self.data_dir, self.caches_dir, self.log_dir, self.cache_dir)
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)

    def default_db_path(self, profile_name: str) -> Path:
        """The default SQLite file of a profile: a safe file name even for ``"华为 生产"``."""
        return self.caches_dir / f"{safe_file_stem(profile_name)}.sqlite3"

    def default_db_url(self, profile_name: str) -> str:
        """``sqlite:///<data_dir>/caches/<safe name>.sqlite3``; creates the ``caches`` folder.

        The folder is created here because SQLite creates the file but not its folder.
        """
        path = self.default_db_path(profile_name)
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path.as_posix()}"


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def safe_file_stem(name: str) -> str:
    """A portable, unique file stem for any profile name: ASCII slug + 10 hex of the name's SHA-256.

    The hash keeps names apart that slug alike (``"Prod"``/``"prod"``, Chinese names,
    ``"a b"``/``"a-b"``), on case-insensitive file systems too.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = _SLUG_DROP.sub("-", ascii_name).strip("-")[:40].strip("-") or "profile"
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    return f"{slug}-{digest}"


# --------------------------------------------------------------------------------------------------
# Atomic files


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` so that readers see the old or the new file, never a part.

    The file is written next to its target, flushed to disk, then moved over it with ``os.replace``.
    The parent folder is created if needed. The new file is readable by its owner only.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def _dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


# --------------------------------------------------------------------------------------------------
# Profiles


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
            password = urlsplit(value).password
        except ValueError:
            password = None
        if password:
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

    def cache_url(self, paths: AppPaths) -> str:
        """The database URL to open for this profile: its ``db_url`` or its default SQLite file."""
        return self.db_url or paths.default_db_url(self.name)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Profile:
        """Build from a stored entry; unknown keys are ignored (a stray secret is never loaded)."""
        return cls(
            name=str(data["name"]),
            endpoint=str(data["endpoint"]),
            access_key=str(data["access_key"]),
            role=data.get("role", "seller"),
            db_url=data.get("db_url"),
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
        atomic_write_text(self._file, _dump_json(data))


# --------------------------------------------------------------------------------------------------
# Settings

SETTINGS_VERSION = 2

Language = Literal["system", "zh_CN", "en"]


class Settings(BaseModel):
    """User preferences: the one declaration of every setting, its type, default and meaning.

    Immutable: change with :meth:`with_changes`, which validates. Unknown keys in a file are ignored
    (a newer console may have written them).
    """

    model_config = ConfigDict(frozen=True, extra="ignore", validate_default=True)

    version: int = Field(
        default=SETTINGS_VERSION,
        description="Schema version of this settings file (for migrations).",
    )
    language: Language = Field(
        default="system",
        description="Language of the interface: follow the system, Simplified Chinese, or English.",
    )
    sync_interval_minutes: int = Field(
        default=15,
        ge=0,
        le=24 * 60,
        description="Minutes between automatic syncs; 0 turns automatic sync off.",
    )
    last_profile: str | None = Field(
        default=None, description="Profile opened last; opened again at start. None: ask."
    )
    http_timeout_s: float = Field(
        default=30.0, gt=0, le=600, description="Seconds to wait for a marketplace answer."
    )
    upload_max_mb: int = Field(
        default=20, ge=1, le=1024, description="Largest file (MB) accepted for an upload."
    )
    deadline_urgent_hours: int = Field(
        default=24, ge=1, le=24 * 30,
        description="A deadline with fewer hours left than this is urgent (and notified once).",
    )
    deadline_soon_days: int = Field(
        default=3, ge=1, le=90, description="A deadline with fewer days left than this is soon."
    )

    def with_changes(self, **changes: Any) -> Settings:
        """A validated copy with ``changes`` applied (raises ``pydantic.ValidationError``)."""
        return Settings.model_validate({**self.model_dump(), **changes})

    @classmethod
    def describe(cls) -> builtins.list[tuple[str, str, object]]:
        """``(name, description, default)`` of each user setting, for help texts and dialogs."""
        return [
            (name, field.description or "", field.default)
            for name, field in cls.model_fields.items()
            if name != "version"
        ]


#: ``MIGRATIONS[n]`` turns the raw dict of a version-``n`` file into a version ``n + 1`` dict.
#: Add one entry whenever ``SETTINGS_VERSION`` goes up; never change an existing entry.
Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_deadline_thresholds(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 added the deadline radar's thresholds; a version-1 file gets the defaults."""
    data.setdefault("deadline_urgent_hours", 24)
    data.setdefault("deadline_soon_days", 3)
    return data


MIGRATIONS: dict[int, Migration] = {1: _v1_deadline_thresholds}


def migrate_settings(
    data: dict[str, Any], migrations: Mapping[int, Migration] | None = None
) -> dict[str, Any]:
    """Bring a raw settings dict up to :data:`SETTINGS_VERSION` by running each migration in turn.

    A file without ``version`` is version 1. A file from a newer console is read as it is (unknown
    keys are ignored) with a warning.
    """
    steps = MIGRATIONS if migrations is None else migrations
    raw_version = data.get("version", 1)
    version = raw_version if isinstance(raw_version, int) and raw_version >= 1 else 1
    if version > SETTINGS_VERSION:
        log.warning(
            "settings file version %s is newer than this console's %s; reading what it understands",
            version,
            SETTINGS_VERSION,
        )
        return {**data, "version": SETTINGS_VERSION}
    while version < SETTINGS_VERSION:
        step = steps.get(version)
        if step is None:
            raise RuntimeError(f"no settings migration from version {version}")
        data = step(dict(data))
        version += 1
        data["version"] = version
    return data


class SettingsStore:
    """Reads and writes ``<config_dir>/settings.json``. The only code that touches that file."""

    def __init__(self, paths: AppPaths) -> None:
        self._file = paths.settings_file

    @property
    def file(self) -> Path:
        return self._file

    def load(self) -> Settings:
        """The stored settings, or defaults. Never raises for a bad file.

        Unreadable or not JSON: the file is moved aside to ``settings.json.corrupt-<timestamp>``,
        a warning is logged and defaults are returned. A single bad value: that value falls back
        to its default (with a warning), the others are kept.
        """
        try:
            text = self._file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings()
        except (OSError, UnicodeDecodeError) as exc:
            return self._set_aside(f"cannot be read ({exc})")
        try:
            data = json.loads(text)
        except ValueError as exc:
            return self._set_aside(f"is not valid JSON ({exc})")
        if not isinstance(data, dict):
            return self._set_aside("does not hold a JSON object")
        data = migrate_settings(data)
        try:
            return Settings.model_validate(data)
        except ValidationError as exc:
            bad = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
            log.warning(
                "settings file %s has invalid values for %s; using their defaults",
                self._file,
                ", ".join(sorted(bad)),
            )
            return Settings.model_validate({k: v for k, v in data.items() if k not in bad})

    def save(self, settings: Settings) -> None:
        """Write all settings atomically (always at the current schema version)."""
        data = settings.model_dump(mode="json")
        data["version"] = SETTINGS_VERSION
        atomic_write_text(self._file, _dump_json(data))

    def update(self, **changes: Any) -> Settings:
        """Load, apply ``changes`` (validated), save, and return the new settings."""
        settings = self.load().with_changes(**changes)
        self.save(settings)
        return settings

    def _set_aside(self, why: str) -> Settings:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self._file.with_name(f"{self._file.name}.corrupt-{stamp}")
        try:
            os.replace(self._file, target)
        except OSError as exc:
            log.warning(
                "settings file %s %s and could not be moved aside (%s); using defaults",
                self._file,
                why,
                exc,
            )
        else:
            log.warning(
                "settings file %s %s; moved it to %s and using defaults",
                self._file,
                why,
                target.name,
            )
        return Settings()
