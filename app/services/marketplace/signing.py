"""Huawei API Gateway AK/SK request signing (``SDK-HMAC-SHA256``), as KooGallery's open APIs use it.

Follows ``domain/interfaces.md`` §6.6 and the behaviour of Huawei's own SDK signer: every header sent
is signed except names containing ``_``; a body that is neither JSON nor BSON may be sent as
``UNSIGNED-PAYLOAD`` (``X-Sdk-Content-Sha256``). A verifying server accepts both forms.

Nothing in this module logs; callers must never put a secret key or a signature in a message.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, unquote

ALGORITHM = "SDK-HMAC-SHA256"
DATE_HEADER = "X-Sdk-Date"
CONTENT_SHA_HEADER = "X-Sdk-Content-Sha256"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
#: Requests whose X-Sdk-Date is further than this from the server's clock are refused.
MAX_CLOCK_SKEW = timedelta(minutes=15)


def _encode(value: str) -> str:
    """RFC 3986 percent-encoding (unreserved characters kept)."""
    return quote(value, safe="-_.~")


def canonical_uri(path: str) -> str:
    segments = [_encode(unquote(s)) for s in path.split("/")]
    uri = "/".join(segments)
    return uri if uri.endswith("/") else uri + "/"


def canonical_query(params: list[tuple[str, str]]) -> str:
    pairs = sorted((_encode(k), _encode(v)) for k, v in params)
    return "&".join(f"{k}={v}" for k, v in pairs)


def canonical_request(
    method: str,
    path: str,
    query: list[tuple[str, str]],
    headers: Mapping[str, str],
    signed_headers: list[str],
    body_hash: str,
) -> str:
    lowered = {k.lower(): v for k, v in headers.items()}
    canon_headers = "".join(f"{name}:{lowered[name].strip()}\n" for name in signed_headers)
    return "\n".join(
        [
            method.upper(),
            canonical_uri(path),
            canonical_query(query),
            canon_headers,
            ";".join(signed_headers),
            body_hash,
        ]
    )


def string_to_sign(sdk_date: str, canonical: str) -> str:
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    return f"{ALGORITHM}\n{sdk_date}\n{digest}"


def signature(secret_key: str, to_sign: str) -> str:
    return hmac.new(secret_key.encode(), to_sign.encode(), hashlib.sha256).hexdigest()


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def usage_body_signature(key: str, ts: str, nonce: str, body: bytes) -> str:
    """The usage-push body signature (interfaces.md §6.7), sent in the ``signature`` header besides
    the AK/SK ``Authorization``: ``base64(HmacSHA256(key, "ts={ts}&nonce={nonce}&body={body}"))``
    over the exact body bytes sent. ``key`` is the seller's key from 密钥管理 (UNCONFIRMED which
    key KooGallery means; it is a separate setting)."""
    message = b"ts=" + ts.encode() + b"&nonce=" + nonce.encode() + b"&body=" + body
    return base64.b64encode(hmac.new(key.encode(), message, hashlib.sha256).digest()).decode()


def verify_usage_body(key: str, ts: str, nonce: str, body: bytes, sent: str) -> bool:
    """Whether ``sent`` is the §6.7 signature of ``body`` (compared in constant time)."""
    return hmac.compare_digest(usage_body_signature(key, ts, nonce, body), sent.strip())


def sign_headers(
    method: str,
    path: str,
    query: list[tuple[str, str]],
    headers: Mapping[str, str],
    body: bytes,
    access_key: str,
    secret_key: str,
    now: datetime | None = None,
    body_hash: str | None = None,
) -> dict[str, str]:
    """Return the headers to add (``X-Sdk-Date``, ``Authorization``) for a request.

    ``headers`` must include ``Host``; every header in it whose name has no ``_`` is signed.
    ``body_hash`` (hex SHA-256) signs a streamed body without holding it in memory.
    """
    sdk_date = (now or datetime.now(UTC)).astimezone(UTC).strftime(DATE_FORMAT)
    all_headers = {**headers, DATE_HEADER: sdk_date}
    names = sorted(k.lower() for k in all_headers if "_" not in k)
    if all_headers.get(CONTENT_SHA_HEADER) == UNSIGNED_PAYLOAD:
        body_hash = UNSIGNED_PAYLOAD
    elif body_hash is None:
        body_hash = body_sha256(body)
    canon = canonical_request(method, path, query, all_headers, names, body_hash)
    sig = signature(secret_key, string_to_sign(sdk_date, canon))
    auth = f"{ALGORITHM} Access={access_key}, SignedHeaders={';'.join(names)}, Signature={sig}"
    return {DATE_HEADER: sdk_date, "Authorization": auth}


@dataclass(frozen=True)
class Authorization:
    access_key: str
    signed_headers: list[str]
    signature: str


class SignatureError(Exception):
    """A request's signature could not be verified. ``code`` is the MKT code to answer with."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_authorization(value: str) -> Authorization:
    if not value.startswith(ALGORITHM + " "):
        raise SignatureError("MKT.0154", "Authorization is not SDK-HMAC-SHA256")
    fields: dict[str, str] = {}
    for part in value[len(ALGORITHM) + 1 :].split(","):
        key, sep, val = part.strip().partition("=")
        if sep:
            fields[key] = val
    try:
        return Authorization(
            access_key=fields["Access"],
            signed_headers=fields["SignedHeaders"].split(";"),
            signature=fields["Signature"],
        )
    except KeyError as exc:
        raise SignatureError("MKT.0154", f"Authorization lacks {exc.args[0]}") from None


def verify_request(
    method: str,
    path: str,
    query: list[tuple[str, str]],
    headers: Mapping[str, str],
    body: bytes,
    secrets: Mapping[str, str],
    now: datetime | None = None,
) -> str:
    """Verify a signed request; return its access key. Raise SignatureError otherwise.

    ``secrets`` maps access keys to secret keys. ``headers`` may be in any case.
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    auth = parse_authorization(lowered.get("authorization", ""))
    secret = secrets.get(auth.access_key)
    if secret is None:
        raise SignatureError("MKT.0154", "unknown access key")
    sdk_date = lowered.get(DATE_HEADER.lower())
    if not sdk_date:
        raise SignatureError("MKT.0154", "X-Sdk-Date header missing")
    try:
        sent = datetime.strptime(sdk_date, DATE_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise SignatureError("MKT.0154", "X-Sdk-Date is not yyyyMMddTHHmmssZ") from None
    current = now or datetime.now(UTC)
    if abs(current - sent) > MAX_CLOCK_SKEW:
        raise SignatureError(
            "MKT.0154", "request time differs from the server clock by more than 15 minutes"
        )
    missing = [h for h in auth.signed_headers if h not in lowered]
    if missing or DATE_HEADER.lower() not in auth.signed_headers:
        raise SignatureError("MKT.0154", "signed headers missing from the request")
    body_hash = (
        UNSIGNED_PAYLOAD
        if lowered.get(CONTENT_SHA_HEADER.lower()) == UNSIGNED_PAYLOAD
        else body_sha256(body)
    )
    canon = canonical_request(method, path, query, lowered, auth.signed_headers, body_hash)
    expected = signature(secret, string_to_sign(sdk_date, canon))
    if not hmac.compare_digest(expected, auth.signature.lower()):
        raise SignatureError("MKT.0154", "signature does not match")
    return auth.access_key
