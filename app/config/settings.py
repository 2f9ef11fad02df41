"""User preferences: :class:`Settings` in ``settings.json``, declared once with types, defaults
and descriptions, and a schema ``version`` with migrations; read and written only by
:class:`SettingsStore`. A damaged settings file never stops the console: it is moved aside and
defaults are used."""

from __future__ import annotations

import builtins
import json
import logging
import os
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.config.paths import AppPaths, atomic_write_text, dump_json

log = logging.getLogger("seller_console.config")


SETTINGS_VERSION = 4

Language = Literal["system", "zh_CN", "en"]
#: How the console reaches the network: the system's proxy settings, none, or the one given here.
ProxyMode = Literal["system", "none", "manual"]


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

    interface_delisting_threshold: int = Field(
        default=5, ge=1, le=1000,
        description="UNCONFIRMED (interfaces.md §2.11): KooGallery may delist a product with more "
                    "than this many orders whose production-interface call failed in one "
                    "(Beijing) month.",
    )
    interface_alert_failures: int = Field(
        default=4, ge=1, le=1000,
        description="Warn (and notify once a month) when a product's failed orders in one "
                    "(Beijing) month reach this many.",
    )

    proxy_mode: ProxyMode = Field(
        default="system",
        description="Proxy: the system's proxy settings (system), none, or proxy_url (manual).",
    )
    proxy_url: str | None = Field(
        default=None,
        description="The manual proxy, http://host:port (no user name or password in it).",
    )
    proxy_user: str | None = Field(
        default=None,
        description="The manual proxy's user name; its password is kept in the keychain.",
    )

    @field_validator("proxy_url")
    @classmethod
    def _proxy_url_has_no_password(cls, value: str | None) -> str | None:
        """A password never lands in the settings file, even pasted into the address."""
        if value is None or not value.strip():
            return None
        if "@" in value.split("://", 1)[-1]:
            raise ValueError("the proxy address must not contain a user name or password")
        return value.strip()

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


def _v2_interface_watchdog(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 added the interface watchdog's delisting threshold and alert level."""
    data.setdefault("interface_delisting_threshold", 5)
    data.setdefault("interface_alert_failures", 4)
    return data


def _v3_proxy(data: dict[str, Any]) -> dict[str, Any]:
    """Version 4 added the proxy choice: the system's settings, as every earlier console used."""
    data.setdefault("proxy_mode", "system")
    data.setdefault("proxy_url", None)
    data.setdefault("proxy_user", None)
    return data


MIGRATIONS: dict[int, Migration] = {1: _v1_deadline_thresholds, 2: _v2_interface_watchdog,
                                    3: _v3_proxy}


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
        atomic_write_text(self._file, dump_json(data))

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
