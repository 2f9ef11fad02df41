"""The console's own copies of the files it sends (交付验收件, appeal evidence, invoice scans).

Files are copied in when an action is queued, named by their SHA-256, so the user may move, edit or
delete the originals afterwards without changing what is sent, and a file queued twice is kept once.
A copy is written to a temporary name and renamed into place, so a crash never leaves a half file
under a hash name; :meth:`FileStore.open_chunks` re-checks the hash of what it reads.

A team cache on PostgreSQL is shared by several computers, and any member's console sends any due
entry, so there the files must be reachable from every computer: :class:`DatabaseFileStore` keeps
their content in the database too (``stored_file_chunks``, 1 MiB pieces) and uses the local folder
only as a copy it can rebuild.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url

from app.models.outbox import StoredFileChunk

CHUNK = 1024 * 1024


class FileStoreError(Exception):
    """A file could not be read or stored; ``str()`` says which file and why, for the user."""


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    file_name: str
    content_type: str


def content_type_of(name: str) -> str:
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def store_root_for(db_url: str, fallback: Path) -> Path:
    """Where a cache's files live: beside an SQLite cache file; for a server database (a team's
    PostgreSQL), in this computer's data folder under ``fallback``, keyed by the database URL."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).with_name(Path(url.database).name + ".files")
    key = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:16]
    return fallback / f"files-{key}"


class FileStore:
    """A content-addressed folder: ``<root>/<first two hex digits>/<sha256>``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_of(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def add(self, source: Path) -> StoredFile:
        """Copy ``source`` into the store (once per content) and describe it."""
        source = Path(source)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=self.root)
            tmp = Path(tmp_name)
            digest = hashlib.sha256()
            size = 0
            try:
                with source.open("rb") as src, os.fdopen(fd, "wb") as dst:
                    while chunk := src.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        dst.write(chunk)
                    dst.flush()
                    os.fsync(dst.fileno())
                sha = digest.hexdigest()
                target = self.path_of(sha)
                if target.is_file():
                    tmp.unlink()
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(tmp, target)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        except FileNotFoundError:
            raise FileStoreError(f"{source.name}: the file does not exist (any more)") from None
        except IsADirectoryError:
            raise FileStoreError(f"{source.name}: this is a folder, not a file") from None
        except PermissionError:
            raise FileStoreError(f"{source.name}: the console may not read this file") from None
        except OSError as e:
            raise FileStoreError(f"{source.name}: could not be copied ({e.strerror or e})") from None
        return StoredFile(sha, size, source.name, content_type_of(source.name))

    def open_chunks(self, sha256: str, chunk_size: int = 256 * 1024) -> Iterator[bytes]:
        """The stored bytes in chunks; raises FileStoreError if the copy is gone or damaged
        (checked while reading: the last chunk is only yielded after the hash matched)."""
        path = self.path_of(sha256)
        digest = hashlib.sha256()
        try:
            with path.open("rb") as f:
                pending = f.read(chunk_size)
                while pending:
                    digest.update(pending)
                    following = f.read(chunk_size)
                    if not following and digest.hexdigest() != sha256:
                        raise FileStoreError(
                            f"the stored copy {sha256[:12]}… is damaged; queue the file again"
                        )
                    yield pending
                    pending = following
        except FileNotFoundError:
            raise FileStoreError(
                f"the stored copy {sha256[:12]}… is missing; queue the file again"
            ) from None

    def export(self, sha256: str, target: Path) -> None:
        """Copy a stored file out (evidence packages)."""
        shutil.copyfile(self.path_of(sha256), target)


class DatabaseFileStore(FileStore):
    """A file store whose content also lives in the cache database (a team's PostgreSQL), so
    that the console of any member can send a file another member queued. ``root`` is this
    computer's copy: written when a file is added here, rebuilt from the database when a file
    queued elsewhere is first needed."""

    def __init__(self, root: Path, engine: Engine) -> None:
        super().__init__(root)
        self.engine = engine

    def add(self, source: Path) -> StoredFile:
        stored = super().add(source)
        self._save(stored.sha256)
        return stored

    def _in_database(self, sha256: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(select(func.count()).select_from(StoredFileChunk)
                                 .where(StoredFileChunk.sha256 == sha256)).scalar_one()
        return bool(found)

    def _save(self, sha256: str) -> None:
        """Copy the local file into the database (in one transaction; once per content)."""
        if self._in_database(sha256):
            return
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        try:
            with self.engine.begin() as conn, self.path_of(sha256).open("rb") as f:
                part = 0
                while True:
                    data = f.read(CHUNK)
                    if not data and part:
                        break
                    conn.execute(pg_insert(StoredFileChunk).values(sha256=sha256, part=part, data=data)
                                 .on_conflict_do_nothing())
                    part += 1
                    if not data:
                        break
        except OSError as e:
            raise FileStoreError(
                f"the stored copy {sha256[:12]}… could not be read ({e.strerror or e})"
            ) from None

    def _ensure_local(self, sha256: str) -> None:
        """Rebuild this computer's copy from the database if it is not here (checked by hash,
        written to a temporary name and renamed into place)."""
        target = self.path_of(sha256)
        if target.is_file():
            return
        digest = hashlib.sha256()
        found = False
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=self.root)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as dst, self.engine.connect() as conn:
                rows = conn.execute(select(StoredFileChunk.data)
                                    .where(StoredFileChunk.sha256 == sha256)
                                    .order_by(StoredFileChunk.part))
                for (data,) in rows:
                    found = True
                    digest.update(data)
                    dst.write(data)
                dst.flush()
                os.fsync(dst.fileno())
            if found and digest.hexdigest() == sha256:
                os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)

    def has(self, sha256: str) -> bool:
        return super().has(sha256) or self._in_database(sha256)

    def open_chunks(self, sha256: str, chunk_size: int = 256 * 1024) -> Iterator[bytes]:
        self._ensure_local(sha256)
        return super().open_chunks(sha256, chunk_size)

    def export(self, sha256: str, target: Path) -> None:
        self._ensure_local(sha256)
        super().export(sha256, target)
