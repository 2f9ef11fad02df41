"""Help → Report a problem… and ``seller-console report-problem``: one ZIP a person can send to
their IT staff.

The ZIP holds

* ``report.json``: the console's, Python's, Qt's and the operating system's versions, whether it
  runs frozen, the settings (every one of ``settings.json``'s values, with the proxy's user name
  left out and any password in an address masked; the file never holds a password), the schema
  (Alembic) version of each local cache beside the version this console expects, and the
  profiles by name, role and endpoint (never a key; a database URL with any password masked);
* ``logs/console.log`` and its rotated files, masked again with the log's own filter
  (``app.services.logs.mask_secrets``: keys, signatures, tokens, passwords in URLs, and every
  secret registered in this process or handed in by the caller), so a line written by an older
  console or another process cannot carry a secret out;
* ``README.txt``: what the files are.

Nothing here reads the keychain's secrets or the caches' records. Both front ends call
:func:`write_report`; it writes the ZIP next to the target first and moves it in place, so a
failure never leaves half a file.
"""

from __future__ import annotations

import json
import os
import platform
import re
import sqlite3
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.config.paths import AppPaths
from app.config.profiles import ProfileError, ProfileStore, shown_db_url
from app.config.settings import Settings, SettingsStore
from app.services.logs import LOG_FILE_NAME, default_registry, mask_secrets
from app.services.marketplace.credentials import ENV_ACCESS_KEY, ENV_ISV_KEY, ENV_SECRET_KEY
from app.services.marketplace.embedded_sandbox import SANDBOX_NAME, sandbox_cache_path
from app.services.network import ENV_PROXY_PASSWORD, shown_proxy

#: Environment variables whose values are secrets: masked wherever they appear in the report.
SECRET_VARIABLES = (ENV_SECRET_KEY, ENV_ACCESS_KEY, ENV_ISV_KEY, ENV_PROXY_PASSWORD, "PGPASSWORD")
#: A setting named like this is never reported.
_SECRET_SETTING = re.compile(r"(?i)secret|passw|token|key")
#: The largest part of one log file carried (its end: the latest lines).
MAX_LOG_BYTES = 4 * 1024 * 1024

README = """KooGallery Seller Console: problem report
==========================================

report.json      versions (console, Python, Qt, operating system), the settings,
                 the local caches' schema versions, the profiles by name and endpoint
logs/            the console's log files, with keys, signatures, tokens and passwords masked (***)

No secret key, password or record of your data is in this file.
"""


class ReportError(Exception):
    """The report could not be written; ``str(exc)`` says why (in English). ``kind`` says it
    for a front end to put in its own words: ``"no_folder"`` (``where``: the missing folder),
    ``"not_zip"`` (``where``: the name given) or ``"os"`` (``where``: the file, ``detail``: the
    system's reason)."""

    def __init__(self, message: str, kind: str, where: Path, detail: str = "") -> None:
        super().__init__(message)
        self.kind, self.where, self.detail = kind, where, detail


@dataclass(frozen=True)
class ReportSummary:
    """What was written: the ZIP, its files, and how many log files went in."""

    path: Path
    files: tuple[str, ...]
    log_files: int


def _cache_revision(path: Path) -> str | None:
    """The Alembic revision of a SQLite cache, read without changing it (None: not readable)."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _expected_revision() -> str:
    try:
        from app.models.db import head_revision

        return head_revision()
    except Exception as exc:  # a broken install must still be reportable
        return f"unknown ({type(exc).__name__})"


def _profiles(paths: AppPaths, profiles: ProfileStore) -> tuple[list[dict[str, Any]], str | None]:
    sandbox = sandbox_cache_path(paths)
    rows: list[dict[str, Any]] = [{"name": SANDBOX_NAME, "builtin": True, "role": "seller",
                                   "cache": "sqlite", "cache_revision": _cache_revision(sandbox)}]
    try:
        stored = profiles.list()
    except ProfileError as exc:
        return rows, str(exc)
    for p in stored:
        row: dict[str, Any] = {"name": p.name, "builtin": False, "role": p.role,
                               "endpoint": p.endpoint, "open_api": p.open_api_endpoint}
        if p.db_url:
            row["cache"] = shown_db_url(p.db_url)
            row["cache_revision"] = "not read (a server database)"
        else:
            row["cache"] = "sqlite"
            row["cache_revision"] = _cache_revision(paths.default_db_path(p.name))
        rows.append(row)
    return rows, None


def shown_settings(settings: Settings) -> dict[str, Any]:
    """The settings as the report shows them: every value, except that the manual proxy's user
    name is only said to be set, a password in an address is masked, and a value named like a
    secret (none is today; a future setting might be) is left out."""
    shown: dict[str, Any] = {}
    for name, value in settings.model_dump(mode="json").items():
        if name == "proxy_user":
            shown["proxy_user_set"] = bool(value)
        elif name == "proxy_url":
            shown[name] = shown_proxy(value) or None
        elif not _SECRET_SETTING.search(name):
            shown[name] = value
    return shown


def report_data(paths: AppPaths, profiles: ProfileStore, settings: SettingsStore,
                qt_version: str | None) -> dict[str, Any]:
    """What ``report.json`` says."""
    from app import __version__

    loaded = settings.load()
    profile_rows, profiles_problem = _profiles(paths, profiles)
    data: dict[str, Any] = {
        "made": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "console": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "python": sys.version.split()[0],
        "qt": qt_version or "not loaded",
        "os": {"system": platform.system(), "release": platform.release(),
               "version": platform.version(), "machine": platform.machine(),
               "platform": platform.platform()},
        "settings": shown_settings(loaded),
        "cache_schema_expected": _expected_revision(),
        "profiles": profile_rows,
    }
    if profiles_problem:
        data["profiles_problem"] = profiles_problem
    return data


def _log_files(paths: AppPaths) -> list[Path]:
    first = paths.log_dir / LOG_FILE_NAME
    found = [first] if first.is_file() else []
    found += sorted(p for p in paths.log_dir.glob(f"{LOG_FILE_NAME}.*") if p.is_file())
    return found


def _masked_log(path: Path, secrets: Iterable[str]) -> str:
    with path.open("rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - MAX_LOG_BYTES))
        raw = handle.read()
    text = raw.decode("utf-8", errors="replace")
    if size > MAX_LOG_BYTES:
        text = "[earlier lines left out]\n" + text.split("\n", 1)[-1]
    return "\n".join(mask_secrets(line, secrets) for line in text.split("\n"))


def _secrets(extra: Iterable[str], environ: Mapping[str, str]) -> list[str]:
    values = set(default_registry().values())
    values.update(s for s in extra if s and len(s) >= 4)
    values.update(environ[v] for v in SECRET_VARIABLES if len(environ.get(v, "")) >= 4)
    return sorted(values, key=len, reverse=True)


def default_report_name(now: datetime | None = None) -> str:
    """``seller-console-report-YYYYMMDD-HHMMSS.zip`` (local time: the name a person sees)."""
    moment = (now or datetime.now(UTC)).astimezone()
    return f"seller-console-report-{moment:%Y%m%d-%H%M%S}.zip"


def write_report(out: Path, paths: AppPaths, profiles: ProfileStore, settings: SettingsStore,
                 *, qt_version: str | None = None, extra_secrets: Iterable[str] = (),
                 environ: Mapping[str, str] = os.environ) -> ReportSummary:
    """Write the problem report to ``out`` (a ``.zip``, or a folder: a new ZIP named by
    :func:`default_report_name` in it); :class:`ReportError` says why not."""
    if out.expanduser().is_dir():
        folder, name = out.expanduser(), default_report_name()
        out, n = folder / name, 1
        while out.exists():  # two reports in one second: never replace the first
            n += 1
            out = folder / name.replace(".zip", f"-{n}.zip")
    if out.suffix.lower() != ".zip":  # meant as a folder
        if not out.exists():
            raise ReportError(f"the folder {out} does not exist", "no_folder", out)
        raise ReportError(f"{out} is neither a folder nor a .zip file name", "not_zip", out)
    secrets = _secrets(extra_secrets, environ)
    data = report_data(paths, profiles, settings, qt_version)
    report = mask_secrets(json.dumps(data, ensure_ascii=False, indent=2), secrets)
    out = out.expanduser()
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise ReportError(f"the folder {folder} does not exist", "no_folder", folder)
    names = ["README.txt", "report.json"]
    logs = _log_files(paths)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".report-", suffix=".zip", dir=folder)
        os.close(handle)
        try:
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("README.txt", README)
                archive.writestr("report.json", report)
                for log in logs:
                    name = f"logs/{log.name}"
                    archive.writestr(name, _masked_log(log, secrets))
                    names.append(name)
            os.replace(temporary, out)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise ReportError(f"the report could not be written to {out}: {reason}", "os", out,
                          reason) from None
    return ReportSummary(out, tuple(names), len(logs))
