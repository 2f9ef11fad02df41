"""The HTTPS check of the conformance tester (interfaces.md §1: HTTPS only, TLS 1.2+, a
certificate from a trusted CA, a domain name): over real TLS against the reference endpoint."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.sandbox.production.endpoint import ReferenceEndpoint
from app.services.integration.conformance import run_conformance

KEY = "tls-conformance-key"


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A test CA, and a certificate for ``localhost`` signed by it: (ca, cert, key) PEM files."""
    folder = tmp_path_factory.mktemp("tls")
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("conformance test CA"))
          .issuer_name(_name("conformance test CA")).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
          .not_valid_after(now + timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name("localhost")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = folder / "ca.pem", folder / "cert.pem", folder / "key.pem"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return paths


def _server_tls(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    return context


def test_https_with_a_trusted_certificate_passes(certificates: tuple[Path, Path, Path]) -> None:
    ca, cert, key = certificates
    trusted = ssl.create_default_context(cafile=str(ca))
    with ReferenceEndpoint("saas-v2", KEY, tls=_server_tls(cert, key)) as endpoint:
        url = endpoint.url.replace("127.0.0.1", "localhost")
        report = run_conformance(url, KEY, verify=trusted)
    check = report.check("transport.https")
    assert check.status == "passed", check.findings
    assert check.findings[0].params["version"].startswith("TLSv1.")
    assert report.counts()["warning"] == 0 and report.ok


def test_an_untrusted_certificate_fails_only_the_https_check(
        certificates: tuple[Path, Path, Path]) -> None:
    """A certificate a browser would not trust (here: from an unknown CA) fails transport.https;
    the other checks still run (without the certificate check) and pass."""
    _ca, cert, key = certificates
    with ReferenceEndpoint("saas-v2", KEY, tls=_server_tls(cert, key)) as endpoint:
        url = endpoint.url.replace("127.0.0.1", "localhost")
        report = run_conformance(url, KEY)  # this computer's usual authorities
    failed = [c.name for c in report.checks if c.status == "failed"]
    assert failed == ["transport.https"]
    assert report.check("transport.https").findings[0].code == "untrusted_certificate"
    assert report.check("newInstance").status == "passed"


def test_plain_http_beyond_this_computer_fails() -> None:
    from app.services.integration.caller import Caller
    from app.services.integration.rules import ConformanceSettings
    from app.services.integration.tester import Run

    run = Run("http://seller.example.com/saasproduce", KEY, "saas-v2", ConformanceSettings())
    run.caller.close()
    run.transport()
    assert run.report.checks[0].status == "failed"
    assert run.report.checks[0].findings[0].code == "plain_http"
    assert isinstance(run.caller, Caller)
    ip = Run("https://203.0.113.7/saasproduce", KEY, "saas-v2", ConformanceSettings())
    ip.caller.close()
    ip.transport()
    assert ip.report.checks[0].findings[0].code == "ip_address"


class _Plain:
    """A server the tester has never seen: every request answered with ``body`` as
    ``content_type`` and ``status``."""

    def __init__(self, status: int, body: bytes, content_type: str) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from threading import Thread

        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer  # noqa: N815 - http.server's names

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/produce"
        self.thread = Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        del outer

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("family", ["saas-v2", "saas-v1", "license", "kit"])
@pytest.mark.parametrize(("status", "body", "content_type"), [
    (200, b"OK", "text/plain"),
    (500, b"<html>Internal Server Error</html>", "text/html"),
    (200, b'{"resultCode": 0}', "application/json"),
    (200, b'{"resultCode": "999999", "resultMsg": "x"}', "application/json"),
])
def test_an_endpoint_never_seen_before_gets_a_report_not_a_crash(
        family: str, status: int, body: bytes, content_type: str) -> None:
    """The tester holds against endpoints it has never seen (issue 14 §1): garbage answers
    are failed checks with reasons, never an exception."""
    server = _Plain(status, body, content_type)
    try:
        report = run_conformance(server.url, KEY, family)  # type: ignore[arg-type]
    finally:
        server.close()
    assert not report.ok
    assert report.check("answers.json").status == "failed"
    assert report.check("security.wrong_signature").status == "failed"
    assert all(c.findings for c in report.checks)


def test_credentials_must_be_encrypted_in_v1_and_may_be_plain_in_v2() -> None:
    """§6.5 / §2.3: V1 credentials are encrypted; V2's are plain or encrypted (UNCONFIRMED);
    either way at most 128 characters and decryptable with the key."""
    from app.services.integration.caller import Answer
    from app.services.integration.rules import ConformanceSettings
    from app.services.integration.tester import Run
    from app.services.marketplace import interface_signing as sig

    answer = Answer(0, 200, 0.01, b"{}", {}, {})

    def judged(family: str, value: str, encrypt_type: str = "1") -> tuple[str, str]:
        run = Run("http://127.0.0.1:9/x", KEY, family, ConformanceSettings())  # type: ignore[arg-type]
        run.caller.close()
        run.credentials("credentials.encrypted", [(answer, "password", value, encrypt_type)],
                        must_encrypt=family == "saas-v1")
        check = run.report.checks[0]
        return check.status, check.findings[0].code

    assert judged("saas-v1", "plain-password") == ("failed", "credential_not_encrypted")
    assert judged("saas-v2", "plain-password") == ("passed", "credential_plain")
    good = sig.encrypt_credential(KEY, "Welcome-1", bits=128)
    assert judged("saas-v1", good, "2") == ("passed", "credential_decrypts")
    assert judged("saas-v1", good, "1") == ("failed", "credential_undecryptable")
    long = sig.encrypt_credential(KEY, "x" * 100)
    assert judged("saas-v1", long)[0] == "failed"
    assert judged("saas-v1", long)[1] == "credential_too_long"
    assert judged("saas-v1", good, "7") == ("failed", "unknown_encrypt_type")


def test_a_server_that_never_answers_is_waited_for_once_then_only_the_limit() -> None:
    """A hanging server: the first request waits the limit plus the grace, the rest the 5 s
    limit only (here scaled down), and every check that needed an answer fails."""
    import socket
    import time

    from app.services.integration.rules import ConformanceSettings

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)  # accepts connections, never answers
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/produce"
    settings = ConformanceSettings(answer_limit_s=0.2, answer_grace_s=2.0)
    started = time.perf_counter()
    try:
        report = run_conformance(url, KEY, "license", settings)
    finally:
        listener.close()
    took = time.perf_counter() - started
    waits = [e.elapsed_s or 0.0 for e in report.exchanges]
    assert waits[0] >= 2.0 and all(w < 2.0 for w in waits[1:]), waits
    assert report.check("answers.time").status == "failed"
    assert took < 2.2 + 0.2 * len(waits) + 5
