"""AK/SK signing (interfaces.md §6.6): the documented test vector, and verification."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from app.services.marketplace import signing

AK = "QTWAOYTTINDUT2QVKYUC"
SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"
PATH = "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs"
QUERY = [("limit", "2"), ("marker", "13551d6b-755d-4757-b956-536f674975c0")]
HEADERS = {
    "Content-Type": "application/json",
    "Host": "service.region.example.com",
    "X-Sdk-Date": "20191115T033655Z",
}


def test_documented_vector() -> None:
    names = sorted(k.lower() for k in HEADERS)
    canon = signing.canonical_request("GET", PATH, QUERY, HEADERS, names, signing.body_sha256(b""))
    assert (
        hashlib.sha256(canon.encode()).hexdigest()
        == "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a"
    )
    sig = signing.signature(SK, signing.string_to_sign("20191115T033655Z", canon))
    assert sig == "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"


def test_sign_headers_reproduces_the_vector() -> None:
    now = datetime(2019, 11, 15, 3, 36, 55, tzinfo=UTC)
    base = {k: v for k, v in HEADERS.items() if k != "X-Sdk-Date"}
    added = signing.sign_headers("GET", PATH, QUERY, base, b"", AK, SK, now=now)
    assert added["X-Sdk-Date"] == "20191115T033655Z"
    assert added["Authorization"] == (
        "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, "
        "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"
    )


def _signed(now: datetime, body: bytes = b"", secret: str = SK) -> dict[str, str]:
    base = {"Host": "127.0.0.1:8000", "Content-Type": "application/json"}
    return {**base, **signing.sign_headers("POST", "/v1/x", [("a", "1")], base, body, AK, secret, now=now)}


def test_verify_accepts_a_good_request() -> None:
    now = datetime.now(UTC)
    headers = _signed(now, b'{"k":1}')
    assert signing.verify_request("POST", "/v1/x", [("a", "1")], headers, b'{"k":1}', {AK: SK}, now=now) == AK


@pytest.mark.parametrize(
    ("mutate", "why"),
    [
        (lambda h, b: (h, b + b" "), "body changed"),
        (lambda h, b: ({**h, "Host": "evil:1"}, b), "signed header changed"),
        (lambda h, b: ({k: v for k, v in h.items() if k != "Authorization"}, b), "no auth"),
    ],
)
def test_verify_refuses_tampering(mutate, why: str) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    headers, body = mutate(_signed(now, b"{}"), b"{}")
    with pytest.raises(signing.SignatureError) as err:
        signing.verify_request("POST", "/v1/x", [("a", "1")], headers, body, {AK: SK}, now=now)
    assert err.value.code == "MKT.0154", why


def test_verify_refuses_wrong_secret_and_unknown_key() -> None:
    now = datetime.now(UTC)
    with pytest.raises(signing.SignatureError, match="does not match"):
        signing.verify_request("POST", "/v1/x", [("a", "1")], _signed(now, secret="wrong"), b"", {AK: SK}, now=now)
    with pytest.raises(signing.SignatureError, match="unknown access key"):
        signing.verify_request("POST", "/v1/x", [("a", "1")], _signed(now), b"", {"OTHER": SK}, now=now)


def test_verify_refuses_clock_skew_over_15_minutes() -> None:
    now = datetime.now(UTC)
    headers = _signed(now - timedelta(minutes=16))
    with pytest.raises(signing.SignatureError, match="15 minutes"):
        signing.verify_request("POST", "/v1/x", [("a", "1")], headers, b"", {AK: SK}, now=now)
    ok = _signed(now - timedelta(minutes=14))
    assert signing.verify_request("POST", "/v1/x", [("a", "1")], ok, b"", {AK: SK}, now=now) == AK


def test_unsigned_payload_is_accepted() -> None:
    now = datetime.now(UTC)
    base = {"Host": "h", "Content-Type": "multipart/form-data", signing.CONTENT_SHA_HEADER: signing.UNSIGNED_PAYLOAD}
    headers = {**base, **signing.sign_headers("PUT", "/f", [], base, b"ignored", AK, SK, now=now)}
    assert signing.verify_request("PUT", "/f", [], headers, b"other bytes", {AK: SK}, now=now) == AK
