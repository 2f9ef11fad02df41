"""A conformance run's report: every check with its outcome, why, and the HTTP exchanges it is
based on, secrets masked.

A :class:`CheckResult` names its check (a stable dotted name, e.g. ``newInstance.idempotent``),
its :data:`Status` and its :class:`Finding` list (a stable code and values; the words in both
languages are in :mod:`app.services.integration.words`). An :class:`Exchange` is one request and
its answer as sent and received, except that signatures, nonces, tokens and credentials are
masked (:func:`mask_query`, :func:`mask_headers`, :func:`mask_body`): a report may be attached
to a ticket or kept by a CI server.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

Status = Literal["passed", "failed", "warning", "skipped"]
STATUSES: tuple[Status, ...] = ("passed", "failed", "warning", "skipped")

MASK = "****"
#: Query parameters and headers whose values are never shown.
SECRET_NAMES = frozenset({"signature", "nonce", "authtoken", "x-sign", "x-nonce", "body-sign",
                          "authorization"})
#: Answer fields whose values are never shown (credentials, §2.3/§3).
SECRET_FIELDS = frozenset({"password", "userName", "clientSecret", "mobilePhone", "email"})


def mask_query(url: str) -> str:
    parts = urlsplit(url)
    pairs = [(k, MASK if k.lower() in SECRET_NAMES else v)
             for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    return urlunsplit(parts._replace(query=urlencode(pairs, safe="*")))


def mask_headers(headers: dict[str, str]) -> dict[str, str]:
    masked = {}
    for name, value in headers.items():
        if name.lower() == "body-sign":
            value = re.sub(r'signature\s*=\s*"[^"]*"', f'signature="{MASK}"', value)
        elif name.lower() in SECRET_NAMES:
            value = MASK
        masked[name] = value
    return masked


def _mask_value(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: (MASK if k in SECRET_FIELDS and isinstance(v, str) and v else _mask_value(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_value(v) for v in value]
    return value


def mask_body(text: str) -> str:
    """A JSON body with its credentials masked; any other text as it is."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    if not isinstance(value, dict | list):
        return text
    return json.dumps(_mask_value(value), ensure_ascii=False)


@dataclass
class Exchange:
    """One request and its answer (masked). ``error`` is set when no answer came."""

    label: str
    method: str
    url: str
    request_headers: dict[str, str]
    request_body: str
    status: int | None = None
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: str = ""
    elapsed_s: float | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "method": self.method, "url": self.url,
                "requestHeaders": self.request_headers, "requestBody": self.request_body,
                "status": self.status, "responseHeaders": self.response_headers,
                "responseBody": self.response_body,
                "elapsedSeconds": None if self.elapsed_s is None else round(self.elapsed_s, 3),
                "error": self.error}


@dataclass(frozen=True, eq=False)
class Finding:
    """Why a check came out as it did: a stable ``code`` and the values its words need."""

    code: str
    params: dict[str, str] = field(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Finding) and (self.code, self.params) == (other.code,
                                                                           other.params)

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items()))))


@dataclass
class CheckResult:
    name: str
    status: Status
    findings: list[Finding] = field(default_factory=list)
    #: Indexes into :attr:`Report.exchanges`.
    exchanges: list[int] = field(default_factory=list)


@dataclass
class Report:
    family: str
    url: str
    started: datetime
    finished: datetime | None = None
    settings: list[dict[str, str]] = field(default_factory=list)
    checks: list[CheckResult] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {s: 0 for s in STATUSES}
        for check in self.checks:
            found[check.status] += 1
        return found

    @property
    def ok(self) -> bool:
        """No check failed (warnings and skipped checks allowed): the CLI's exit code 0."""
        return all(c.status != "failed" for c in self.checks)

    def check(self, name: str) -> CheckResult:
        for c in self.checks:
            if c.name == name:
                return c
        raise KeyError(name)

    def seconds(self) -> float:
        return 0.0 if self.finished is None else (self.finished - self.started).total_seconds()

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (codes, never translated words)."""
        return {
            "family": self.family, "url": mask_query(self.url),
            "started": self.started.isoformat(),
            "finished": self.finished.isoformat() if self.finished else None,
            "seconds": round(self.seconds(), 3), "ok": self.ok, "counts": self.counts(),
            "settings": self.settings,
            "checks": [{"name": c.name, "status": c.status,
                        "findings": [{"code": f.code, "params": f.params} for f in c.findings],
                        "exchanges": c.exchanges} for c in self.checks],
            "exchanges": [e.as_dict() for e in self.exchanges],
        }
