"""What stands in front of the sandbox API: cursors, rate limits, fault injection, the loopback rule.

Kept apart from the HTTP wiring so each rule can be unit-tested on its own.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import math
import random
import re
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

# --------------------------------------------------------------------------------------------------
# Cursors
# --------------------------------------------------------------------------------------------------

_CURSOR_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_CURSOR_TEXT = re.compile(r"^s(0|[1-9]\d{0,17})$")


class CursorError(ValueError):
    """The cursor is not one this server issued."""


def encode_cursor(seq: int) -> str:
    """An opaque cursor for "everything after change ``seq``" (base64url, no padding)."""
    return base64.urlsafe_b64encode(f"s{seq}".encode()).rstrip(b"=").decode()


def decode_cursor(cursor: str | None) -> int:
    """The change sequence a cursor stands for; empty or absent = from the beginning (0).

    Only the exact strings :func:`encode_cursor` produces are accepted, so a cursor that comes back
    unchanged is the same string the client sent.
    """
    if not cursor:
        return 0
    if not _CURSOR_RE.match(cursor):
        raise CursorError("cursor is not a sandbox cursor")
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError):
        raise CursorError("cursor is not a sandbox cursor") from None
    match = _CURSOR_TEXT.match(text)
    if match is None or encode_cursor(int(match.group(1))) != cursor:
        raise CursorError("cursor is not a sandbox cursor")
    return int(match.group(1))


# --------------------------------------------------------------------------------------------------
# Rate limit: a token bucket per access key
# --------------------------------------------------------------------------------------------------


class RateLimiter:
    """Token buckets per access key: ``rate`` requests a second, bursts up to ``burst``.

    ``take`` returns 0 when the request may go ahead, else the whole seconds to wait (for the
    ``Retry-After`` header, at least 1).
    """

    def __init__(self, rate: float, burst: float | None = None) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = float(rate)
        self.burst = float(burst if burst is not None else max(1.0, 2 * rate))
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last time)
        self._lock = threading.Lock()

    def take(self, key: str, now: float | None = None) -> int:
        t = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, t))
            tokens = min(self.burst, tokens + (t - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, t)
                return 0
            self._buckets[key] = (tokens, t)
            return max(1, math.ceil((1.0 - tokens) / self.rate))


# --------------------------------------------------------------------------------------------------
# Fault injection
# --------------------------------------------------------------------------------------------------

_RATES = ("error_rate", "throttle_rate", "malformed_rate", "hang_rate")
#: The largest clock difference the sandbox plays (a week either way).
MAX_SKEW_S = 7 * 24 * 3600


@dataclass
class Faults:
    """Faults injected into signed API responses; every rate is a share in [0, 1], 0 = off."""

    error_rate: float = 0.0  # HTTP 500 MKT.0999
    throttle_rate: float = 0.0  # HTTP 406 MKT.0250 with Retry-After
    malformed_rate: float = 0.0  # HTTP 200 with a truncated JSON body
    hang_rate: float = 0.0  # no response until the server stops
    latency_ms: int = 0  # added to every API response
    retry_after: int = 1  # the Retry-After seconds of injected throttling
    #: Seconds the sandbox's wall clock runs ahead of this computer's (negative: behind): its
    #: ``Date`` header and the signature's time window use it, as a marketplace whose clock
    #: differs from the seller's would (a connection test's "clock skew" case).
    clock_skew_s: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class FaultInjector:
    """The current fault settings and the dice; safe to use from several threads."""

    def __init__(self, faults: Faults | None = None, seed: int | None = None) -> None:
        self._faults = faults or Faults()
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    @property
    def settings(self) -> Faults:
        with self._lock:
            return Faults(**asdict(self._faults))

    def update(self, changes: dict[str, Any]) -> Faults:
        """Apply a partial update (the POST body); raises ValueError naming a bad field."""
        if not isinstance(changes, dict):
            raise ValueError("the body must be a JSON object")
        with self._lock:
            merged = asdict(self._faults)
            for key, value in changes.items():
                if key not in merged:
                    raise ValueError(f"unknown fault {key!r}")
                if isinstance(value, bool) or not isinstance(value, int | float) \
                        or not math.isfinite(value):
                    raise ValueError(f"{key} must be a number")
                if key in _RATES:
                    if not 0 <= value <= 1:
                        raise ValueError(f"{key} must be between 0 and 1")
                    merged[key] = float(value)
                elif key == "latency_ms":
                    if not 0 <= value <= 60_000:
                        raise ValueError("latency_ms must be between 0 and 60000")
                    merged[key] = int(value)
                elif key == "clock_skew_s":
                    if value != int(value) or not -MAX_SKEW_S <= value <= MAX_SKEW_S:
                        raise ValueError("clock_skew_s must be a whole number of seconds, "
                                         f"-{MAX_SKEW_S} to {MAX_SKEW_S}")
                    merged[key] = int(value)
                else:  # retry_after
                    if value != int(value) or not 0 <= value <= 3600:
                        raise ValueError("retry_after must be a whole number of seconds, 0-3600")
                    merged[key] = int(value)
            self._faults = Faults(**merged)
            return Faults(**merged)

    def roll(self) -> str | None:
        """Which fault hits this request, if any: "error", "throttle", "malformed" or "hang"."""
        with self._lock:
            f = self._faults
            if not (f.error_rate or f.throttle_rate or f.malformed_rate or f.hang_rate):
                return None
            x = self._random.random()
        for name, rate in (("error", f.error_rate), ("throttle", f.throttle_rate),
                           ("malformed", f.malformed_rate), ("hang", f.hang_rate)):
            if x < rate:
                return name
            x -= rate
        return None


# --------------------------------------------------------------------------------------------------
# Admin access
# --------------------------------------------------------------------------------------------------


def is_loopback(host: str | None) -> bool:
    """Whether a client address is this machine (127.0.0.0/8, ::1, IPv4-mapped loopback)."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback
