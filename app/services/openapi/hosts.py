"""KooGallery's published open-API hosts and limits (interfaces.md §7.1, §7.3, §7.4), as data.

A profile's ``open_api_endpoint`` is one of :data:`PUBLISHED_HOSTS` (or, for a sandbox, nothing:
the sandbox serves the open APIs on its own address). The limits KooGallery's pages disagree on are
marked ``unconfirmed`` and are settings, never guessed into code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OpenApiHost:
    """One published host: its URL, its name in both languages, and the host to try when it
    cannot be reached (§7.1: the China site's ``.cn`` twin)."""

    key: str
    url: str
    en: str
    zh: str
    fallback: str | None = None


PUBLISHED_HOSTS: tuple[OpenApiHost, ...] = (
    OpenApiHost("cn", "https://mkt.myhuaweicloud.com", "China site", "中国站",
                fallback="https://mkt.myhuaweicloud.cn"),
    OpenApiHost("cn-alt", "https://mkt.myhuaweicloud.cn", "China site (alternative)",
                "中国站(备用)"),
    OpenApiHost("intl", "https://mkt-intl.myhuaweicloud.com", "International site", "国际站"),
    OpenApiHost("eu", "https://mkt.myhuaweicloud.eu", "Europe site", "欧洲站"),
)
HOSTS_BY_KEY = {h.key: h for h in PUBLISHED_HOSTS}


def host_for(url: str | None) -> OpenApiHost | None:
    """The published host at ``url`` (None for any other address, a sandbox say)."""
    wanted = (url or "").rstrip("/").lower()
    return next((h for h in PUBLISHED_HOSTS if h.url == wanted), None)


def fallback_for(url: str | None) -> str | None:
    """The host to try once when ``url`` is unreachable (§7.1), if it has one."""
    host = host_for(url)
    return host.fallback if host else None


def resolve_host(value: str) -> str:
    """A host given by key (``cn``, ``intl``, ``eu``, ``cn-alt``) or URL -> its URL (any other URL
    is returned as given: the caller validates it as an endpoint)."""
    host = HOSTS_BY_KEY.get(value.strip().lower())
    return host.url if host else value.strip()


@dataclass(frozen=True)
class Limit:
    """A number KooGallery's pages state; ``unconfirmed`` when they disagree (interfaces.md §11)."""

    value: int
    note: str
    unconfirmed: bool = False


#: Records per usage-push request: 1000 in the field table, 100 in one error text (§7.3, §11.9).
#: The smaller is the default; ``--batch-size`` goes up to :data:`USAGE_BATCH_MAX`.
USAGE_BATCH = Limit(100, "usage_records per request (100 or 1000)", unconfirmed=True)
USAGE_BATCH_MAX = 1000
#: A usage record's begin time may lie at most this many days back (§7.3, MKT.9004).
USAGE_WINDOW_DAYS = Limit(21, "begin_time within the last 21 days")
#: At most this many decimals in usage_value (§7.3).
USAGE_DECIMALS = Limit(4, "usage_value decimals")
#: License codes per batch activation or query (§7.4, v2).
LICENSE_BATCH = Limit(100, "license_list entries per v2 call")
#: A usage file larger than this is refused before reading (a usage file is text or a sheet).
USAGE_FILE_MAX_BYTES = 50 * 1024 * 1024
#: Rows read from one usage file at most.
USAGE_FILE_MAX_ROWS = 200_000
