"""The caches that ``seller-console sync --endpoint URL`` made (no profile), in
``<config_dir>/endpoint_caches.json``, so that a later command finds such a cache again without a
flag (when it is the only cache there is) or from ``--endpoint URL`` alone.

An entry names the endpoint, a hash of the access key (never the key) and the cache URL; no
secret is ever written here.
"""

from __future__ import annotations

import builtins
import hashlib
import json
import logging
from dataclasses import dataclass

from app.config.paths import AppPaths, atomic_write_text, dump_json

log = logging.getLogger("seller_console.config")

ENDPOINT_CACHES_FILE = "endpoint_caches.json"


def key_hash(access_key: str) -> str:
    """Eight hex digits of the access key's SHA-256: tells two accounts' caches apart."""
    return hashlib.sha256(access_key.encode()).hexdigest()[:8]


def endpoint_cache_url(paths: AppPaths, endpoint: str, access_key: str) -> str:
    """The cache of an endpoint and access key: one SQLite file per pair, so two accounts never
    share a cache."""
    return paths.default_db_url(f"{endpoint} key {key_hash(access_key)}")


@dataclass(frozen=True)
class EndpointCache:
    endpoint: str
    key_hash: str
    db_url: str


class EndpointCaches:
    """The list of endpoint caches; a damaged file is read as empty (it is only a convenience)."""

    def __init__(self, paths: AppPaths) -> None:
        self._file = paths.config_dir / ENDPOINT_CACHES_FILE

    def list(self) -> list[EndpointCache]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
            return [EndpointCache(str(e["endpoint"]), str(e["key_hash"]), str(e["db_url"]))
                    for e in data["caches"]]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("%s is unreadable (%s); ignoring it", self._file, exc)
            return []

    def for_endpoint(self, endpoint: str) -> builtins.list[EndpointCache]:
        wanted = endpoint.rstrip("/")
        return [c for c in self.list() if c.endpoint == wanted]

    def remember(self, entry: EndpointCache) -> None:
        caches = self.list()
        if entry in caches:
            return
        caches = [c for c in caches if c.db_url != entry.db_url] + [entry]
        atomic_write_text(self._file, dump_json({"version": 1, "caches": [
            {"endpoint": c.endpoint, "key_hash": c.key_hash, "db_url": c.db_url} for c in caches
        ]}))
