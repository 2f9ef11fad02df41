"""The signatures and the credential cipher of KooGallery's production interfaces (生产接口),
``domain/interfaces.md`` §6.1–§6.5: what KooGallery signs when it calls a seller, and what a
seller signs or encrypts in its answers.

* :func:`v2_signature` — SaaS V2 / License 2.0 / orderNotify query parameters ``signature``,
  ``timestamp``, ``nonce`` (§6.1);
* :func:`kit_signature` — 联营Kit V2 headers ``x-sign``, ``x-timestamp``, ``x-nonce`` (§6.2);
* :func:`v1_auth_token` — SaaS V1 ``authToken`` (§6.3);
* :func:`body_sign_header`, :func:`parse_body_sign`, :func:`body_sign_valid` — the response
  header ``Body-Sign`` (§6.4);
* :func:`java_sha1prng`, :func:`encrypt_credential`, :func:`decrypt_credential` — AES/CBC/PKCS5
  with a key from Java's ``SecureRandom("SHA1PRNG")`` (§6.5).

Every function is checked against the vectors of §6.5 and §6.8 (``tests/test_interface_signing.py``).
The conformance tester signs with these, and the sandbox's reference endpoints verify with them:
a formula wrong here is caught by the vectors, not hidden by the two sides agreeing.

Nothing here logs; callers never put a key or a signature in a message.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import string
from collections.abc import Mapping

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

#: §6.3/§6.4: Body-Sign's algorithm name.
BODY_SIGN_TYPE = "HMAC-SHA256"
#: §6.5: ``encryptType`` -> AES key bits ("1" = AES-256 is the default).
ENCRYPT_TYPE_BITS = {"1": 256, "2": 128}
#: §6.5: the IV is 16 alphanumeric characters in front of the base64 ciphertext.
IV_LENGTH = 16
_ALNUM = string.ascii_letters + string.digits


def _hmac(key: str, message: bytes) -> bytes:
    return hmac.new(key.encode("utf-8"), message, hashlib.sha256).digest()


def v2_signature(access_key: str, nonce: str, timestamp: str, raw_body: bytes, *,
                 inner_hmac: bool = True) -> str:
    """§6.1: ``hex(HMAC(key, key + nonce + timestamp + lower(hex(HMAC(key, body)))))``, uppercase.

    ``inner_hmac=False`` is the UNCONFIRMED variant of §11 item 1 (plain SHA-256 of the body as
    the inner step)."""
    if inner_hmac:
        inner = hmac.new(access_key.encode("utf-8"), raw_body, hashlib.sha256).hexdigest()
    else:
        inner = hashlib.sha256(raw_body).hexdigest()
    canonical = access_key + nonce + timestamp + inner.lower()
    return _hmac(access_key, canonical.encode("utf-8")).hex().upper()


def kit_signature(access_key: str, nonce: str, timestamp: str, raw_body: bytes) -> str:
    """§6.2: ``hex(HMAC(key, key + nonce + timestamp + body))`` (body not hashed first),
    uppercase."""
    canonical = (access_key + nonce + timestamp).encode("utf-8") + raw_body
    return _hmac(access_key, canonical).hex().upper()


def signatures_equal(given: str, expected: str) -> bool:
    """Hex signatures compared case-insensitively (§6.1: examples use both cases), in constant
    time."""
    return hmac.compare_digest(given.strip().upper().encode(), expected.upper().encode())


def v1_auth_token(access_key: str, params: Mapping[str, str]) -> str:
    """§6.3: ``base64(HMAC(accessKey + timeStamp, "&".join(k=v sorted by key)))``.

    ``params`` are the request's parameters, URL-decoded, including ``timeStamp``; an
    ``authToken`` among them is left out."""
    fields = {k: v for k, v in params.items() if k != "authToken"}
    message = "&".join(f"{k}={fields[k]}" for k in sorted(fields, key=lambda k: k.encode()))
    key = access_key + fields.get("timeStamp", "")
    return base64.b64encode(_hmac(key, message.encode("utf-8"))).decode("ascii")


def body_sign_value(access_key: str, body: bytes) -> str:
    """§6.4: ``base64(HMAC(key, exact body bytes))``."""
    return base64.b64encode(_hmac(access_key, body)).decode("ascii")


def body_sign_header(access_key: str, body: bytes) -> str:
    """The ``Body-Sign`` header value exactly as documented (a space after ``signature=``)."""
    return f'sign_type="{BODY_SIGN_TYPE}", signature= "{body_sign_value(access_key, body)}"'


_BODY_SIGN = re.compile(
    r'^\s*sign_type\s*=\s*"(?P<type>[^"]*)"\s*,\s*signature\s*=\s*"(?P<sig>[^"]*)"\s*$')


def parse_body_sign(value: str) -> tuple[str, str] | None:
    """``(sign_type, signature)`` of a ``Body-Sign`` header (a space after ``=`` or none), or
    None when the header is not in the documented shape (both values in double quotes)."""
    found = _BODY_SIGN.match(value)
    if found is None:
        return None
    return found.group("type"), found.group("sig")


def body_sign_valid(access_key: str, body: bytes, header: str | None) -> bool:
    """Whether ``header`` is a well-formed ``Body-Sign`` of ``body`` under ``access_key``."""
    parsed = parse_body_sign(header or "")
    if parsed is None or parsed[0] != BODY_SIGN_TYPE:
        return False
    return hmac.compare_digest(parsed[1].encode(), body_sign_value(access_key, body).encode())


def _signed(byte: int) -> int:
    return byte - 256 if byte > 127 else byte


def java_sha1prng(seed: bytes, n: int) -> bytes:
    """The first ``n`` bytes of Java's ``SecureRandom("SHA1PRNG")`` seeded with ``seed`` before
    first use (§6.5)."""
    state = bytearray(hashlib.sha1(seed).digest())
    out = b""
    while len(out) < n:
        block = hashlib.sha1(bytes(state)).digest()
        carry, changed = 1, False  # state = state + block + 1 (little-endian bytes)
        for i in range(20):  # Java adds signed bytes: the carry may be -1, 0 or 1
            value = _signed(state[i]) + _signed(block[i]) + carry
            new = value & 0xFF
            changed |= state[i] != new
            state[i] = new
            carry = value >> 8
        if not changed:
            state[0] = (state[0] + 1) & 0xFF
        out += block
    return out[:n]


def credential_key(access_key: str, bits: int) -> bytes:
    """The AES key Java's ``KeyGenerator.init(bits, SHA1PRNG(accessKey))`` makes (§6.5)."""
    if bits not in (128, 256):
        raise ValueError("AES keys are 128 or 256 bits")
    return java_sha1prng(access_key.encode("utf-8"), bits // 8)


def encrypt_credential(access_key: str, plaintext: str, *, bits: int = 256,
                       iv: str | None = None) -> str:
    """§6.5: ``iv + base64(AES/CBC/PKCS5(plaintext))`` with a 16-character alphanumeric IV."""
    iv_text = iv if iv is not None else "".join(secrets.choice(_ALNUM) for _ in range(IV_LENGTH))
    if len(iv_text) != IV_LENGTH:
        raise ValueError("the IV is 16 characters")
    padder = padding.PKCS7(128).padder()
    data = padder.update(plaintext.encode("utf-8")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(credential_key(access_key, bits)),
                       modes.CBC(iv_text.encode("ascii"))).encryptor()
    cipher = encryptor.update(data) + encryptor.finalize()
    return iv_text + base64.b64encode(cipher).decode("ascii")


class CredentialDecryptError(ValueError):
    """An encrypted credential that does not decrypt (wrong shape, key or padding)."""


def looks_encrypted(value: str) -> bool:
    """§2.3's test for ciphertext: at least 17 characters, 16 alphanumerics, then base64."""
    if len(value) < IV_LENGTH + 1 or not value[:IV_LENGTH].isascii() \
            or not value[:IV_LENGTH].isalnum():
        return False
    try:
        base64.b64decode(value[IV_LENGTH:], validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def decrypt_credential(access_key: str, value: str, *, bits: int = 256) -> str:
    """The plaintext of an §6.5 ciphertext; :class:`CredentialDecryptError` when it is none."""
    if not looks_encrypted(value):
        raise CredentialDecryptError("not an IV followed by base64")
    cipher = base64.b64decode(value[IV_LENGTH:], validate=True)
    if not cipher or len(cipher) % 16:
        raise CredentialDecryptError("the ciphertext is not whole AES blocks")
    decryptor = Cipher(algorithms.AES(credential_key(access_key, bits)),
                       modes.CBC(value[:IV_LENGTH].encode("ascii"))).decryptor()
    data = decryptor.update(cipher) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        plain = unpadder.update(data) + unpadder.finalize()
        return plain.decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise CredentialDecryptError("wrong key or corrupt ciphertext") from None


def new_nonce() -> str:
    """A nonce as KooGallery sends them (64 uppercase hex characters, §2.2)."""
    return secrets.token_hex(32).upper()
