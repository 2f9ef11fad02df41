"""Real local sockets for network-failure tests: a proxy that answers one fixed status to every
request (407 asks for a password, 403 refuses), a port nothing listens on, and an HTTPS server
whose certificate no system trusts."""

from __future__ import annotations

import datetime as dt
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        server: FixedProxy = self.server  # type: ignore[assignment]
        line = self.rfile.readline(65536).decode("latin-1").strip()
        headers = []
        while True:
            header = self.rfile.readline(65536)
            if header in (b"\r\n", b"\n", b""):
                break
            headers.append(header.decode("latin-1").strip())
        server.seen.append((line, headers))
        reason = {407: "Proxy Authentication Required", 403: "Forbidden"}.get(server.status, "No")
        extra = 'Proxy-Authenticate: Basic realm="corp"\r\n' if server.status == 407 else ""
        self.wfile.write(f"HTTP/1.1 {server.status} {reason}\r\n{extra}Content-Length: 0\r\n"
                         "Connection: close\r\n\r\n".encode("latin-1"))


class FixedProxy(socketserver.ThreadingTCPServer):
    """An HTTP proxy on loopback that answers ``status`` to everything and records each request
    line with its headers in ``seen``."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, status: int) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.status = status
        self.seen: list[tuple[str, list[str]]] = []
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def fixed_proxy(status: int) -> Iterator[FixedProxy]:
    proxy = FixedProxy(status)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.shutdown()
        proxy.server_close()
        thread.join(5)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for ``localhost`` signed by itself: (cert, key) PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@contextmanager
def untrusted_https(folder: Path) -> Iterator[str]:
    """An HTTPS server on ``localhost`` with a self-signed certificate; yields its URL."""
    cert, key = self_signed(folder)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                with context.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(1024)
            except (ssl.SSLError, OSError):
                pass  # the client refused the certificate: what the test wants
            finally:
                conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"https://localhost:{port}"
    finally:
        stop.set()
        listener.close()
        thread.join(5)
