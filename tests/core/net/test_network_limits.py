"""Revocation data fetched from the URLs a certificate names is read boundedly.

A hostile signature can name its own CRL server: one that never stops sending, or announces
gigabytes. pyhanko-certvalidator's fetchers read an answer whole, so Paraphe's session stops at
MAX_RESPONSE_BYTES and the fetch fails as an unreachable server would (revocation unknown).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko_certvalidator.errors import CRLFetchError

from paraphe.core.net.http import MAX_RESPONSE_BYTES, fetcher_backend

BLOCK = b"\0" * (1 << 20)


class _Hostile(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/pkix-crl")
        if self.path == "/announced.crl":
            self.send_header("Content-Length", str(10 << 30))
        self.end_headers()
        sent = 0
        try:
            while sent < (4 << 30):  # far beyond any limit, until the client hangs up
                self.wfile.write(BLOCK)
                sent += len(BLOCK)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def hostile_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def certificate_naming(crl_url: str) -> asn1_x509.Certificate:
    """A certificate whose CRL distribution point is ``crl_url``."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Hostile")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        [x509.UniformResourceIdentifier(crl_url)], None, None, None
                    )
                ]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@pytest.mark.parametrize("path", ["/endless.crl", "/announced.crl"])
def test_a_crl_server_that_never_stops_is_cut_off(hostile_server: str, path: str) -> None:
    cert = certificate_naming(hostile_server + path)
    backend = fetcher_backend()

    async def fetch() -> None:
        try:
            await backend.get_fetchers().crl_fetcher.fetch(cert, use_deltas=False)
        finally:
            await backend.close()

    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(CRLFetchError):
            asyncio.run(fetch())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert time.monotonic() - started < 30
    assert peak < 3 * MAX_RESPONSE_BYTES, f"{peak >> 20} MiB held"
