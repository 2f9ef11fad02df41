"""Where the console keeps its files: :class:`AppPaths` (platformdirs, or one folder named by
``SELLER_CONSOLE_HOME``), safe file names, and atomic writes (a temporary file in the same
folder, then ``os.replace``: a crash never leaves half a file)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "KooGallerySellerConsole"
APP_AUTHOR = "KooGallery"
#: When set, every file of the console lives under this folder (tests, portable installs).
HOME_ENV = "SELLER_CONSOLE_HOME"

SETTINGS_FILE = "settings.json"
PROFILES_FILE = "profiles.json"




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


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
