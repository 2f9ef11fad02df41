"""Keyring backends for tests: never the developer's or CI's real keychain.

* :class:`MemoryKeyring`: a dict; pass an instance to ``CredentialStore(backend)``.
* :class:`FileKeyring`: a JSON file named by ``SELLER_CONSOLE_TEST_KEYRING_FILE``, for subprocesses:
  ``PYTHON_KEYRING_BACKEND=tests.support.memory_keyring.FileKeyring`` (run with the project root on
  ``sys.path``).
* :class:`BrokenKeyring`: raises a given error on every call (a locked or failing keychain).

Their priority is negative, so keyring never picks one of them by itself.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

FILE_ENV = "SELLER_CONSOLE_TEST_KEYRING_FILE"


class MemoryKeyring(KeyringBackend):
    """Secrets in a dict: ``{(service, username): password}``."""

    priority = -10  # test-only: never chosen by keyring's own detection

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise PasswordDeleteError("Password not found") from None


class FileKeyring(KeyringBackend):
    """Secrets in the JSON file named by ``$SELLER_CONSOLE_TEST_KEYRING_FILE``, read on each call."""

    priority = -10  # test-only: never chosen by keyring's own detection

    @staticmethod
    def path() -> Path:
        value = os.environ.get(FILE_ENV)
        if not value:
            raise RuntimeError(f"FileKeyring needs {FILE_ENV} to name its file")
        return Path(value)

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            data: dict[str, dict[str, str]] = json.loads(self.path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data

    def _save(self, data: dict[str, dict[str, str]]) -> None:
        path = self.path()
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data.setdefault(service, {})[username] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if username not in data.get(service, {}):
            raise PasswordDeleteError("Password not found")
        del data[service][username]
        self._save(data)


class BrokenKeyring(KeyringBackend):
    """Raises ``make_error(operation, password)`` on every call."""

    priority = -10  # test-only: never chosen by keyring's own detection

    def __init__(self, make_error: Callable[[str, str | None], Exception]) -> None:
        super().__init__()
        self.make_error = make_error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.make_error("get", None)

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.make_error("set", password)

    def delete_password(self, service: str, username: str) -> None:
        raise self.make_error("delete", None)
