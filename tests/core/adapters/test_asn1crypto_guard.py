"""Bytes that made asn1crypto compute for ever get a verdict in seconds, wherever they come from.

asn1crypto reads a tag number in high-tag-number form, and each arc of an OBJECT IDENTIFIER,
seven bits per byte into an integer it copies at every step: n bytes cost n². The fuzz campaign
found it with 1 MiB of 0xFF inserted into an ``openssl cms -stream`` .p7m (indefinite lengths,
so the run lies inside the element being read): ``paraphe verify`` never finished. The inputs
here are made the same way from tokens signed for the test; each failed (timed out) before
``paraphe.core.adapters.asn1crypto_guard``.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

import pytest
from asn1crypto import parser
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.errors import CRLFetchError

from paraphe.core.net.http import fetcher_backend
from paraphe.core.signing.request import SignatureFormat, SignRequest
from tests.cli.test_hostile_inputs import json_signatures, verify_json
from tests.conftest import SAMPLES
from tests.core.net.test_network_limits import certificate_naming
from tests.support.hostile_pdf import byte_range
from tests.support.pki import TestPki
from tests.support.signing import sign_with

RUN = 1 << 20
"""What the campaign inserted: 1 MiB of 0xFF, read as one endless tag or arc (made when needed:
a megabyte held by a test module at collection time counts in the memory tests' children)."""
QUICKLY = 20  # seconds for a whole ``paraphe verify``; the unguarded reading takes hours


def with_endless_tag(der: bytes) -> bytes:
    """``der`` with its outer SEQUENCE of indefinite length (as ``openssl cms -stream`` writes
    it) and ``RUN`` bytes 0xFF where its second element starts: the reader of the outer element
    meets a 0xFF (high tag number) followed by a million continuation octets."""
    _, _, _, _, contents, _ = parser.parse(der)
    first = parser.peek(contents)
    return b"\x30\x80" + contents[:first] + b"\xff" * RUN + contents[first:] + b"\x00\x00"


def with_endless_oid(der: bytes) -> bytes:
    """``der`` whose first element, the content type, is an OBJECT IDENTIFIER of one 1 MiB arc."""
    _, _, _, _, contents, _ = parser.parse(der)
    first = parser.peek(contents)
    oid = parser.emit(0, 0, 6, b"\x2a" + b"\xff" * RUN + b"\x01")
    return parser.emit(0, 1, 16, oid + contents[first:])


@pytest.fixture(scope="module")
def signed_txt(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("signed")
    document = folder / "Mémoire technique.txt"
    document.write_bytes((SAMPLES / document.name).read_bytes())
    [result] = sign_with(
        pki, "rsa", SignRequest(documents=(document,), format=SignatureFormat.CADES)
    )
    return document, result.output.read_bytes()


@pytest.mark.parametrize("damage", [with_endless_tag, with_endless_oid])
def test_a_token_with_an_endless_tag_or_identifier_fails_quickly(
    damage: object, pki: TestPki, signed_txt: tuple[Path, bytes], tmp_path: Path
) -> None:
    document, token = signed_txt
    assert callable(damage)
    folder = tmp_path / "bid"
    folder.mkdir()
    (folder / document.name).write_bytes(document.read_bytes())
    (folder / f"{document.name} - Signature 1.p7s").write_bytes(damage(token))

    started = time.monotonic()
    code, report, _ = verify_json(tmp_path, pki, folder)

    assert time.monotonic() - started < QUICKLY
    [signature] = json_signatures(report)
    assert (signature["indication"], signature["subindication"]) == (
        "TOTAL_FAILED",
        "FORMAT_FAILURE",
    ), signature["checks"]
    assert code == 1
    assert (
        "too large" in signature["checks"][0]["detail"]
        or "too long" in (signature["checks"][0]["detail"])
    )


def pdf_signed_with_room(pki: TestPki, target: Path, room: int) -> Path:
    """The sample PDF signed by pyHanko with room for ``room`` bytes of CMS in its /Contents."""
    signer = signers.SimpleSigner.load(
        str(pki.key("rsa")), str(pki.cert("rsa")), ca_chain_files=(str(pki.intermediate_cert),)
    )
    assert signer is not None
    out = BytesIO()
    with open(SAMPLES / "Acte d'engagement.pdf", "rb") as source:
        signers.sign_pdf(
            IncrementalPdfFileWriter(source, strict=False),
            signers.PdfSignatureMetadata(field_name="Signature1"),
            signer=signer,
            output=out,
            bytes_reserved=2 * room,  # hexadecimal digits
        )
    target.write_bytes(out.getvalue())
    return target


def test_a_pdf_signature_with_an_endless_tag_is_not_passed_and_quick(
    pki: TestPki, tmp_path: Path
) -> None:
    """The same bytes as the CMS of a signed PDF (pyHanko reads /Contents with asn1crypto);
    the /ByteRange is untouched, only the hexadecimal inside /Contents changes."""
    pdf = pdf_signed_with_room(pki, tmp_path / "signed.pdf", RUN + (64 << 10))
    data = bytearray(pdf.read_bytes())
    _, contents_start, contents_end, _ = byte_range(bytes(data))
    area = contents_end - contents_start - 2
    padded = bytes.fromhex(data[contents_start + 1 : contents_end - 1].decode())
    hostile = with_endless_tag(padded[: parser.peek(padded)])
    encoded = hostile.hex().encode()
    assert len(encoded) <= area
    data[contents_start + 1 : contents_end - 1] = encoded.ljust(area, b"0")
    pdf.write_bytes(bytes(data))

    started = time.monotonic()
    _, report, _ = verify_json(tmp_path, pki, pdf)

    assert time.monotonic() - started < QUICKLY
    [signature] = json_signatures(report)
    assert signature["indication"] in ("TOTAL_FAILED", "INDETERMINATE"), signature
    assert any("Tag number too large" in check["detail"] for check in signature["checks"])


class _Serves(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/pkix-crl")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def crl_server(pki: TestPki) -> Iterator[str]:
    """A server whose CRL is the test PKI's, made endless the campaign's way (1 MiB + 2 KB:
    well within the 32 MiB read from a revocation server)."""
    handler = type(
        "HostileCrl", (_Serves,), {"body": with_endless_tag(pki.crl_file().read_bytes())}
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/latest.crl"
    finally:
        server.shutdown()
        server.server_close()


def test_a_crl_with_an_endless_tag_fails_as_an_unreadable_answer(crl_server: str) -> None:
    """A certificate names the CRL URL: a hostile signer chooses what it serves."""
    backend = fetcher_backend()

    async def fetch() -> None:
        try:
            await backend.get_fetchers().crl_fetcher.fetch(
                certificate_naming(crl_server), use_deltas=False
            )
        finally:
            await backend.close()

    started = time.monotonic()
    with pytest.raises(CRLFetchError):
        asyncio.run(fetch())
    assert time.monotonic() - started < QUICKLY


@pytest.mark.parametrize(
    "first", ["import asn1crypto.core, pyhanko.sign", "import paraphe.core.validation.verifier"]
)
def test_the_guard_is_in_place_whoever_imports_asn1crypto_first(first: str) -> None:
    """pyHanko, certomancer or a test may load asn1crypto before the engine does."""
    code = (
        f"{first}\n"
        "import paraphe.cli.main\n"
        "from asn1crypto import cms, parser\n"
        "for read in (parser.parse, cms.ContentInfo.load):\n"
        "    try:\n"
        "        read(b'\\x1f' + b'\\xff' * (1 << 20) + b'\\x01\\x00')\n"
        "    except ValueError as exc:\n"
        "        print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines() == ["Tag number too large"] * 2


def test_tags_and_identifiers_of_real_structures_still_read() -> None:
    """The limits are far above what any standard uses: a tag number of 2**32, a UUID arc."""
    from asn1crypto import core

    header = parser.parse(parser.emit(2, 1, 1 << 32, b"ab"))
    assert header[2] == 1 << 32 and header[4] == b"ab"
    with pytest.raises(ValueError, match="Tag number too large"):
        parser.parse(parser.emit(2, 1, (1 << 32) + 1, b"ab"))
    uuid_oid = "2.25.329800735698586629295641978511506172918"
    assert core.ObjectIdentifier.load(core.ObjectIdentifier(uuid_oid).dump()).dotted == uuid_oid
