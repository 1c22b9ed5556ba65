"""A timestamp server that misbehaves on purpose, on 127.0.0.1, for the client's failure tests.

``FakeTsa(pki, behaviour)`` serves in a thread until closed (use it as a context manager); its
``url`` takes RFC 3161 requests and ``requests`` counts those it received. Behaviours:

- ``forward``: the real test TSA's answer, unchanged;
- ``slow``: no answer for ``delay`` seconds (longer than the client waits), then the real one;
- ``garbage``: random bytes, with the right content type ``application/timestamp-reply``;
- ``wrong-content-type``: the real answer, sent as ``text/html``;
- ``http-500``: an HTTP 500 error page;
- ``rejected``: a TimeStampResp whose status is ``rejection`` (badAlg), no token;
- ``other-imprint``: the real TSA's token for another digest (same nonce, so only the imprint
  check can catch it);
- ``other-nonce``: the real TSA's token for the same digest with another nonce (a replay);
- ``no-eku``: a real, well-signed token for the request, made by a test persona's key and
  certificate (``rsa``), which lacks the timeStamping extended key usage;
- ``auth``: 401 unless the request carries HTTP basic auth ``user``:``password``, else forward.

With ``fail_after=N``, every request after the N-th gets an HTTP 500 (a TSA that dies mid-run).

``unused_port_url()`` is a "down" server: a port nothing listens on.
"""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from asn1crypto import core, keys, pem, tsp, x509

from tests.support.pki import TestPki

BEHAVIOURS = (
    "forward",
    "slow",
    "garbage",
    "wrong-content-type",
    "http-500",
    "rejected",
    "other-imprint",
    "other-nonce",
    "no-eku",
    "auth",
)
TSA_REPLY = "application/timestamp-reply"
TSA_QUERY = "application/timestamp-query"


class _StatusOnlyResp(core.Sequence):
    _fields = [("status", tsp.PKIStatusInfo)]  # noqa: RUF012 (asn1crypto API)


def unused_port_url() -> str:
    """The URL of a timestamp server that is down: nothing listens on its port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/tsa"


def _load_pem(path: Any) -> bytes:
    data: bytes = path.read_bytes()
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return data


class FakeTsa:
    """One misbehaving timestamp server; see the module docstring for the behaviours."""

    def __init__(
        self,
        pki: TestPki,
        behaviour: str,
        *,
        delay: float = 3.0,
        user: str = "paraphe",
        password: str = "Tsa-Sécret-42",
        fail_after: int | None = None,
    ) -> None:
        if behaviour not in BEHAVIOURS:
            raise ValueError(f"unknown behaviour {behaviour!r}")
        assert pki.tsa_url is not None, "the test PKI must be served"
        self.pki = pki
        self.real_url: str = pki.tsa_url
        self.behaviour = behaviour
        self.delay = delay
        self.user = user
        self.password = password
        self.fail_after = fail_after
        self.requests = 0
        self.authorised_requests = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_port}/tsa"
        self._thread = threading.Thread(
            target=self._server.serve_forever, name=f"fake-tsa-{behaviour}", daemon=True
        )
        self._thread.start()

    # --- answers ------------------------------------------------------------------------------

    def forward(self, body: bytes) -> bytes:
        """The real test TSA's answer to ``body``."""
        request = urllib.request.Request(
            self.real_url, data=body, headers={"Content-Type": TSA_QUERY}, method="POST"
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            answer: bytes = response.read()
        return answer

    def _other_imprint(self, body: bytes) -> bytes:
        query = tsp.TimeStampReq.load(body)
        imprint = query["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        other = hashlib.new(algorithm, b"another document" + os.urandom(8)).digest()
        changed = tsp.TimeStampReq(
            {
                "version": query["version"],
                "message_imprint": tsp.MessageImprint(
                    {"hash_algorithm": imprint["hash_algorithm"], "hashed_message": other}
                ),
                "nonce": query["nonce"],
                "cert_req": query["cert_req"],
            }
        )
        return self.forward(changed.dump())

    def _without_eku(self, body: bytes) -> bytes:
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        persona_cert = x509.Certificate.load(_load_pem(self.pki.cert("rsa")))
        intermediate = x509.Certificate.load(_load_pem(self.pki.intermediate_cert))
        persona_key = keys.PrivateKeyInfo.load(_load_pem(self.pki.key("rsa")))
        stamper = DummyTimeStamper(persona_cert, persona_key, certs_to_embed=[intermediate])
        answer: bytes = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
        return answer

    def _other_nonce(self, body: bytes) -> bytes:
        query = tsp.TimeStampReq.load(body)
        changed = tsp.TimeStampReq(
            {
                "version": query["version"],
                "message_imprint": query["message_imprint"],
                "nonce": query["nonce"].native + 1,
                "cert_req": query["cert_req"],
            }
        )
        return self.forward(changed.dump())

    @staticmethod
    def _rejection() -> bytes:
        """A refusal as RFC 3161 sends it: a status and no token (asn1crypto's TimeStampResp
        cannot express that, its token is not optional)."""
        return _StatusOnlyResp(
            {
                "status": tsp.PKIStatusInfo(
                    {
                        "status": "rejection",
                        "status_string": ["unsupported algorithm"],
                        "fail_info": tsp.PKIFailureInfo({"bad_alg"}),
                    }
                )
            }
        ).dump()

    def _authorised(self, header: str | None) -> bool:
        expected = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return header == f"Basic {expected}"

    def answer(self, body: bytes, authorization: str | None) -> tuple[int, str, bytes]:
        """(HTTP status, content type, body) for one request."""
        behaviour = self.behaviour
        if self.fail_after is not None and self.requests > self.fail_after:
            return 500, "text/html", b"<html><body>Internal Server Error</body></html>"
        if behaviour == "forward":
            return 200, TSA_REPLY, self.forward(body)
        if behaviour == "slow":
            self._stopping.wait(self.delay)
            return 200, TSA_REPLY, self.forward(body)
        if behaviour == "garbage":
            return 200, TSA_REPLY, b"\x30\x82\xff\xff" + os.urandom(64)
        if behaviour == "wrong-content-type":
            return 200, "text/html", self.forward(body)
        if behaviour == "http-500":
            return 500, "text/html", b"<html><body>Internal Server Error</body></html>"
        if behaviour == "rejected":
            return 200, TSA_REPLY, self._rejection()
        if behaviour == "other-imprint":
            return 200, TSA_REPLY, self._other_imprint(body)
        if behaviour == "other-nonce":
            return 200, TSA_REPLY, self._other_nonce(body)
        if behaviour == "no-eku":
            return 200, TSA_REPLY, self._without_eku(body)
        assert behaviour == "auth"
        if not self._authorised(authorization):
            return 401, "text/plain", b"authentication required"
        with self._lock:
            self.authorised_requests += 1
        return 200, TSA_REPLY, self.forward(body)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                with fake._lock:
                    fake.requests += 1
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                try:
                    status, content_type, payload = fake.answer(
                        body, self.headers.get("Authorization")
                    )
                except Exception as exc:  # the test sees a 502, not a hung client
                    status, content_type, payload = 502, "text/plain", repr(exc).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(payload)))
                    if status == 401:
                        self.send_header("WWW-Authenticate", 'Basic realm="fake-tsa"')
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up (the slow behaviour)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    # --- life ---------------------------------------------------------------------------------

    def close(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeTsa:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def wait_until(predicate: Any, timeout: float = 5.0) -> bool:
    """Poll ``predicate`` until true or ``timeout`` seconds pass (for counters set by a thread)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return bool(predicate())


class TsaInThePast:
    """The test TSA with its clock moved (certomancer's ``X-Certomancer-Fake-Time``), standing in
    for the engine's ``TimestampService``: a signature timestamped at ``when``, as if it had been
    made then. Real tokens, signed by the real test TSA."""

    def __init__(self, pki: TestPki, when: Any) -> None:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        assert pki.tsa_url is not None
        self.stamper = HTTPTimeStamper(
            pki.tsa_url, headers={"X-Certomancer-Fake-Time": when.isoformat()}
        )

    def timestamp(self, message_digest: bytes, md_algorithm: str) -> Any:
        from paraphe.core.aio import run_sync

        return run_sync(self.stamper.async_timestamp(message_digest, md_algorithm))
