"""Detached XAdES validation (EN 319 102-1 basic validation) against the served test PKI.

Tokens are signed at test time by our signer (or by xmlsec1); hostile ones are derived from them.
Every bad input ends in a verdict: never an exception, never a pass.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from lxml import etree

from paraphe.core.credentials import Pkcs12Credential, RsaPadding
from paraphe.core.signing import xades as xades_signing
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.validation.context import VerificationContext
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import (
    DetectedFormat,
    DocumentReport,
    SignatureReport,
    TimestampKind,
    ValidationReport,
)
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.xades import reading
from paraphe.core.validation.xades.validator import MAX_TOKEN_BYTES, validate_xades
from tests.conftest import snapshot
from tests.support import hostile_xml
from tests.support.hostile_xml import DS, FORGED_TIME, NS, XADES, XADES141
from tests.support.pki import PKCS12_PASSWORD, TestPki
from tests.support.signing import sign_with
from tests.support.third_party import xmlsec1_sign
from tests.support.verdicts import (
    FORMAT_FAILURE,
    HASH_FAILURE,
    NO_SIGNING_CERT,
    PASSED,
    assert_verdict,
)

DOCUMENT = "Acte d'engagement n°1.pdf"


# --- helpers ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trust_root(pki: TestPki) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(pem.unarmor(pki.root_cert.read_bytes())[2])


@pytest.fixture
def document(tmp_path: Path) -> Path:
    folder = tmp_path / "Offre Entreprise Test"
    folder.mkdir()
    path = folder / DOCUMENT
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 200)
    return path


def verify(
    token: Path,
    document: Path | None,
    trust_root: asn1_x509.Certificate,
    *,
    offline: bool = False,
) -> list[SignatureReport]:
    settings = VerificationSettings(trust_roots=(trust_root,), offline=offline)
    with VerificationContext(settings) as context:
        reports = validate_xades(token, document, context)
    assert reports, "one report per signature, at least one"
    for report in reports:
        assert report.format is DetectedFormat.XADES
        assert report.signature_path == token
        if report.indication is not Indication.TOTAL_PASSED:
            assert report.explanation
    # the reports serialise: every field is a plain value
    whole = ValidationReport(dt.datetime.now(dt.UTC), [DocumentReport(token, reports)])
    json.dumps(whole.to_json_dict())
    return reports


def only(reports: list[SignatureReport]) -> SignatureReport:
    assert len(reports) == 1, reports
    return reports[0]


def check(report: SignatureReport, name: str) -> bool | None:
    found = [c for c in report.checks if c.name == name]
    assert len(found) == 1, (name, report.checks)
    return found[0].passed


def sign(
    pki: TestPki,
    persona: str,
    document: Path,
    *,
    digest: str = "sha256",
    padding: RsaPadding = RsaPadding.PKCS1V15,
) -> Path:
    """Through the engine, as the CLI signs."""
    request = SignRequest(
        (document,), SignatureFormat.XADES, digest_algorithm=digest, rsa_padding=padding
    )
    (result,) = sign_with(pki, persona, request)
    return result.output


def sign_directly(pki: TestPki, persona: str, document: Path) -> Path:
    """With the XAdES signer itself, for personas the engine refuses (expired, not yet valid)."""
    with Pkcs12Credential.open(pki.p12(persona), PKCS12_PASSWORD) as credential:
        token = xades_signing.sign_detached(
            file_name=document.name,
            digest=hashlib.sha256(document.read_bytes()).digest(),
            digest_algorithm="sha256",
            mime_type="application/pdf",
            credential=credential,
            rsa_padding=RsaPadding.PKCS1V15,
            signing_time=dt.datetime.now(dt.UTC),
        )
    output = document.with_name(f"{document.name} - Signature 1.xml")
    output.write_bytes(token)
    return output


def rewrite(token: Path, data: bytes) -> Path:
    token.write_bytes(data)
    return token


# --- good signatures --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "digest", "padding", "method"),
    [
        ("rsa", "sha256", RsaPadding.PKCS1V15, "rsa-sha256"),
        ("ecdsa", "sha256", RsaPadding.PKCS1V15, "ecdsa-sha256"),
        ("rsa", "sha256", RsaPadding.PSS, "sha256-rsa-MGF1"),
        ("rsa", "sha384", RsaPadding.PKCS1V15, "rsa-sha384"),
        ("ecdsa", "sha512", RsaPadding.PKCS1V15, "ecdsa-sha512"),
    ],
)
def test_good_signature_passes_with_signer_and_ocsp(
    persona: str,
    digest: str,
    padding: RsaPadding,
    method: str,
    pki: TestPki,
    trust_root: asn1_x509.Certificate,
    document: Path,
) -> None:
    before_signing = dt.datetime.now(dt.UTC).replace(microsecond=0)
    token = sign(pki, persona, document, digest=digest, padding=padding)
    assert f"#{method}" in token.read_text(encoding="utf-8")
    before = snapshot(document.parent)

    report = only(verify(token, document, trust_root))

    assert_verdict(report, PASSED)
    assert report.explanation is None
    assert report.document_path == document
    assert report.level == "B-B"
    assert report.signature_id and report.signature_id.startswith("id-")
    assert report.signer is not None
    assert report.signer.name == ("Jeanne Test" if persona == "rsa" else "Ecdsa Test")
    assert report.signer.organisation == "ENTREPRISE TEST SAS"
    assert report.signer.organization_identifier == "NTRFR-123456789"
    assert report.signer.siren == "123456789"
    cert = x509.load_pem_x509_certificate(pki.cert(persona).read_bytes())
    assert report.certificate is not None
    assert report.certificate.serial == format(cert.serial_number, "x")
    assert report.certificate.qualified_by_statement
    assert [c.subject for c in report.chain][:-1] == [  # trust anchor first, as in every format
        x509.load_pem_x509_certificate(p.read_bytes()).subject.rfc4514_string()
        for p in (pki.root_cert, pki.intermediate_cert)
    ]
    assert report.chain[-1].sha256 == report.certificate.sha256
    assert report.revocation is not None
    assert (report.revocation.status, report.revocation.source) == ("good", "ocsp")
    assert report.signing_time is not None and report.signing_time.tzinfo is not None
    assert before_signing <= report.signing_time <= dt.datetime.now(dt.UTC)
    assert report.timestamp_time is None
    for name in (
        "token format",
        "document digest",
        "signed properties",
        "signature value",
        "signing certificate reference",
        "certificate chain",
        "revocation",
    ):
        assert check(report, name) is True, name
    assert snapshot(document.parent) == before, "verification never modifies anything"


# --- integrity --------------------------------------------------------------------------------


def test_tampered_document_is_a_hash_failure(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = sign(pki, "rsa", document)
    data = bytearray(document.read_bytes())
    data[len(data) // 2] ^= 0x01
    document.write_bytes(bytes(data))
    report = only(verify(token, document, trust_root))
    assert_verdict(report, HASH_FAILURE)
    assert check(report, "document digest") is False
    assert report.signer is None, "nothing is reported about a signature over other content"


def test_flipped_byte_in_signature_value_is_a_crypto_failure(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = sign(pki, "ecdsa", document)
    root = etree.fromstring(token.read_bytes())
    value = root.find("ds:SignatureValue", NS)
    raw = bytearray(base64.b64decode(value.text))
    raw[5] ^= 0x80
    value.text = base64.b64encode(bytes(raw)).decode()
    rewrite(token, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    report = only(verify(token, document, trust_root))
    assert_verdict(report, (Indication.TOTAL_FAILED, SubIndication.SIG_CRYPTO_FAILURE))
    assert check(report, "signature value") is False


def test_token_paired_with_the_wrong_file_is_a_hash_failure(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = sign(pki, "rsa", document)
    other = document.with_name("BPU.ods")
    other.write_bytes(b"PK\x03\x04 another file")
    report = only(verify(token, other, trust_root))
    assert_verdict(report, HASH_FAILURE)
    assert report.document_path == other


def test_missing_document_is_signed_data_not_found(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = sign(pki, "rsa", document)
    report = only(verify(token, None, trust_root))
    assert_verdict(report, (Indication.INDETERMINATE, SubIndication.SIGNED_DATA_NOT_FOUND))
    document.unlink()
    report = only(verify(token, document, trust_root))
    assert_verdict(report, (Indication.INDETERMINATE, SubIndication.SIGNED_DATA_NOT_FOUND))
    report = only(verify(token, document.parent, trust_root))  # a folder is not a document
    assert_verdict(report, (Indication.INDETERMINATE, SubIndication.SIGNED_DATA_NOT_FOUND))


def test_modified_signed_properties_is_a_hash_failure(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = sign(pki, "rsa", document)
    data = token.read_bytes()
    root = etree.fromstring(data)
    signing_time = root.find(".//xades:SigningTime", NS)
    rewrite(token, data.replace(signing_time.text.encode(), b"2001-02-03T04:05:06Z"))
    report = only(verify(token, document, trust_root))
    assert_verdict(report, HASH_FAILURE)
    assert check(report, "signed properties") is False
    assert report.signing_time is None


def test_modified_key_info_is_a_hash_failure(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    """KeyInfo is signed too: dropping the root certificate from it breaks that reference."""
    token = sign(pki, "rsa", document)
    root = etree.fromstring(token.read_bytes())
    certs = root.findall("ds:KeyInfo/ds:X509Data/ds:X509Certificate", NS)
    assert len(certs) == 3
    certs[-1].getparent().remove(certs[-1])
    rewrite(token, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    report = only(verify(token, document, trust_root))
    assert_verdict(report, HASH_FAILURE)
    assert check(report, "signed references") is False


# --- signing certificate ----------------------------------------------------------------------


def test_signature_without_signing_certificate_property(
    pki: TestPki,
    trust_root: asn1_x509.Certificate,
    document: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        xades_signing._DetachedXAdESSigner,
        "add_signing_certificate",
        lambda self, properties, sig_root, signing_settings: None,
    )
    token = sign_directly(pki, "rsa", document)
    assert b"SigningCertificate" not in token.read_bytes()
    report = only(verify(token, document, trust_root))
    assert_verdict(report, NO_SIGNING_CERT)
    assert check(report, "signature value") is True, "the integrity is still checked"
    assert check(report, "signing certificate reference") is False


def test_signing_certificate_property_naming_another_certificate(
    pki: TestPki,
    trust_root: asn1_x509.Certificate,
    document: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SigningCertificateV2 gives the digest of a certificate that KeyInfo does not hold."""
    original = xades_signing._DetachedXAdESSigner.add_signing_certificate
    stranger = x509.load_pem_x509_certificate(pki.tsa_cert.read_bytes())

    def name_a_stranger(self, properties, sig_root, signing_settings) -> None:  # type: ignore[no-untyped-def]
        self._signing_certificate = stranger
        original(self, properties, sig_root, signing_settings)

    monkeypatch.setattr(
        xades_signing._DetachedXAdESSigner, "add_signing_certificate", name_a_stranger
    )
    token = sign_directly(pki, "rsa", document)
    report = only(verify(token, document, trust_root))
    assert_verdict(report, NO_SIGNING_CERT)


# --- certificate status -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected", "chain_built"),
    [
        ("untrusted", SubIndication.NO_CERTIFICATE_CHAIN_FOUND, False),
        ("revoked", SubIndication.REVOKED_NO_POE, True),
        ("expired", SubIndication.OUT_OF_BOUNDS_NO_POE, True),
        ("not-yet-valid", SubIndication.OUT_OF_BOUNDS_NO_POE, True),
    ],
)
def test_certificate_problems_are_indeterminate(
    persona: str,
    expected: SubIndication,
    chain_built: bool,
    pki: TestPki,
    trust_root: asn1_x509.Certificate,
    document: Path,
) -> None:
    token = sign_directly(pki, persona, document)
    report = only(verify(token, document, trust_root))
    assert_verdict(report, (Indication.INDETERMINATE, expected))
    assert check(report, "signature value") is True
    assert report.signer is not None and report.signer.siren == "123456789"
    assert bool(report.chain) is chain_built
    assert report.revocation is not None
    if persona == "revoked":
        assert report.revocation.status == "revoked"
        assert report.revocation.source == "ocsp"
        assert check(report, "revocation") is False
    else:
        assert report.revocation.status == "not_checked"


def test_offline_without_revocation_data_is_try_later(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = sign(pki, "rsa", document)
    report = only(verify(token, document, trust_root, offline=True))
    assert_verdict(report, (Indication.INDETERMINATE, SubIndication.TRY_LATER))
    assert report.revocation is not None and report.revocation.status == "unknown"
    assert check(report, "revocation") is None
    assert check(report, "signature value") is True


# --- hostile XML ------------------------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that records every request made to it."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            body = b'<!ENTITY leaked "LEAKED-BY-HTTP">'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def tripwire(tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """A named pipe that records whether anyone opens it for reading (an open blocks until a
    writer comes: the watcher is that writer, polling every few milliseconds)."""
    fifo = tmp_path / "tripwire.fifo"
    os.mkfifo(fifo)
    opened: list[str] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # ENXIO: no reader
                time.sleep(0.005)
                continue
            opened.append("opened")
            os.write(fd, b"LEAKED-FROM-PIPE")
            os.close(fd)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield fifo, opened
    finally:
        stop.set()
        thread.join(timeout=5)


def _hostile_tokens(base_url: str, secret: Path, fifo: Path) -> dict[str, bytes]:
    return {
        "billion laughs": hostile_xml.billion_laughs(),
        **{
            f"billion laughs {encoding}": hostile_xml.billion_laughs()
            .decode()
            .replace('version="1.0"', f'version="1.0" encoding="{encoding.upper()}"')
            .encode(encoding)
            for encoding in ("utf-16", "utf-32")
        },
        "external entity /etc/passwd": hostile_xml.external_entity("file:///etc/passwd"),
        "external entity file": hostile_xml.external_entity(secret.as_uri()),
        "external entity http": hostile_xml.external_entity(f"{base_url}/entity"),
        "parameter entity http": hostile_xml.parameter_entity(f"{base_url}/parameter.dtd"),
        "external dtd http": hostile_xml.external_dtd(f"{base_url}/external.dtd"),
        "external dtd file": hostile_xml.external_dtd(secret.as_uri()),
        "external entity pipe": hostile_xml.external_entity(fifo.as_uri()),
        "parameter entity pipe": hostile_xml.parameter_entity(str(fifo)),
        "external dtd pipe": hostile_xml.external_dtd(str(fifo)),
    }


@pytest.mark.parametrize("prescan", [True, False], ids=["prescan", "parser-only"])
def test_xml_bombs_and_external_entities_are_refused_unexpanded(
    prescan: bool,
    pki: TestPki,
    trust_root: asn1_x509.Certificate,
    document: Path,
    listener: tuple[str, list[str]],
    tripwire: tuple[Path, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Refused before parsing; and were that first check missing, the parser settings and the
    checks after parsing would still refuse them, unexpanded and with nothing fetched."""
    if not prescan:
        monkeypatch.setattr(reading, "_declares_dtd", lambda data: False)
    base_url, hits = listener
    fifo, opened = tripwire
    secret = tmp_path / "secret.txt"
    secret.write_text("LEAKED-FROM-FILE", encoding="utf-8")
    token = document.with_name(f"{document.name} - Signature 1.xml")
    for name, data in _hostile_tokens(base_url, secret, fifo).items():
        rewrite(token, data)
        started = time.monotonic()
        report = only(verify(token, document, trust_root))
        assert time.monotonic() - started < 2, name
        assert_verdict(report, FORMAT_FAILURE)
        dumped = json.dumps([c.detail for c in report.checks])
        assert "LEAKED" not in dumped and "root:" not in dumped, name
    assert hits == [], "nothing was fetched"
    assert opened == [], "no file named by the token was opened"


def test_wrapping_unsigned_copy_of_signed_properties_placed_first(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = sign(pki, "rsa", document)
    rewrite(token, hostile_xml.unsigned_copy_first(token.read_bytes()))
    _assert_wrapping_refused(verify(token, document, trust_root))


def test_wrapping_forged_copy_with_the_signed_id(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = sign(pki, "rsa", document)
    rewrite(token, hostile_xml.duplicate_id_copy(token.read_bytes()))
    _assert_wrapping_refused(verify(token, document, trust_root))


def test_wrapping_signed_properties_moved_and_replaced(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = sign(pki, "rsa", document)
    rewrite(token, hostile_xml.moved_signed_properties(token.read_bytes()))
    _assert_wrapping_refused(verify(token, document, trust_root))


def test_wrapping_forged_copy_with_an_uppercase_id_attribute(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = sign(pki, "rsa", document)
    rewrite(token, hostile_xml.uppercase_id_twin(token.read_bytes()))
    _assert_wrapping_refused(verify(token, document, trust_root))


def test_wrapping_second_signature_nested_in_an_object(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    """A genuine signature by someone else appended inside the first: one report per
    ds:Signature, none of them a pass (a detached token holds one signature)."""
    token = sign(pki, "rsa", document)
    first = token.read_bytes()
    token.unlink()
    second = sign(pki, "ecdsa", document).read_bytes()
    rewrite(token, hostile_xml.nested_signature(first, second))
    reports = verify(token, document, trust_root)
    assert len(reports) == 2
    _assert_wrapping_refused(reports)


def test_two_signatures_concatenated_are_not_xml(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = sign(pki, "rsa", document)
    data = token.read_bytes()
    rewrite(token, hostile_xml.concatenated(data, data))
    assert_verdict(only(verify(token, document, trust_root)), FORMAT_FAILURE)


def _assert_wrapping_refused(reports: list[SignatureReport]) -> None:
    for report in reports:
        assert report.indication is not Indication.TOTAL_PASSED
        assert report.signing_time != FORGED_TIME
        assert_verdict(report, FORMAT_FAILURE)


# --- malformed tokens -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"  \n", id="blank"),
        pytest.param(b"\x00\xff" * 500, id="binary"),
        pytest.param(b"%PDF-1.7 not a signature", id="garbage"),
        pytest.param(b'<?xml version="1.0"?><Signature/>', id="no-namespace"),
        pytest.param(f'<x:Document xmlns:x="{DS}x"/>'.encode(), id="other-root"),
        pytest.param(f'<ds:Signature xmlns:ds="{DS}"/>'.encode(), id="empty-signature"),
    ],
)
def test_malformed_tokens_are_format_failures(
    content: bytes, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = rewrite(document.with_name(f"{document.name} - Signature 1.xml"), content)
    assert_verdict(only(verify(token, document, trust_root)), FORMAT_FAILURE)


def test_truncated_token_is_a_format_failure(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = sign(pki, "rsa", document)
    data = token.read_bytes()
    for cut in (len(data) // 3, len(data) - 20):
        rewrite(token, data[:cut])
        assert_verdict(only(verify(token, document, trust_root)), FORMAT_FAILURE)


def test_oversized_token_is_refused_unread(
    trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = document.with_name(f"{document.name} - Signature 1.xml")
    with open(token, "wb") as handle:
        handle.write(f'<ds:Signature xmlns:ds="{DS}"><!--'.encode())
        handle.truncate(MAX_TOKEN_BYTES + 1)
    report = only(verify(token, document, trust_root))
    assert_verdict(report, FORMAT_FAILURE)
    assert "too large" in report.checks[-1].detail


def test_unreadable_token_is_a_verdict_not_an_exception(
    trust_root: asn1_x509.Certificate, document: Path
) -> None:
    missing = document.with_name("absent - Signature 1.xml")
    report = only(verify(missing, document, trust_root))
    assert_verdict(report, (Indication.INDETERMINATE, SubIndication.GENERIC))


# --- levels -----------------------------------------------------------------------------------

_TIMESTAMP = f'<SignatureTimeStamp xmlns="{XADES}"><EncapsulatedTimeStamp>AAAA</EncapsulatedTimeStamp></SignatureTimeStamp>'
_CERT_VALUES = f'<CertificateValues xmlns="{XADES}"/>'
_REVOCATION_VALUES = f'<RevocationValues xmlns="{XADES}"/>'
_ARCHIVE = (
    f'<ArchiveTimeStamp xmlns="{XADES141}">'
    f'<EncapsulatedTimeStamp xmlns="{XADES}">AAAA</EncapsulatedTimeStamp></ArchiveTimeStamp>'
)


@pytest.mark.parametrize(
    ("fragments", "level"),
    [
        ((_TIMESTAMP,), "B-T"),
        ((_TIMESTAMP, _CERT_VALUES, _REVOCATION_VALUES), "B-LT"),
        ((_TIMESTAMP, _CERT_VALUES, _REVOCATION_VALUES, _ARCHIVE), "B-LTA"),
    ],
)
def test_level_is_detected_and_an_unreadable_timestamp_proves_nothing(
    fragments: tuple[str, ...],
    level: str,
    pki: TestPki,
    trust_root: asn1_x509.Certificate,
    document: Path,
) -> None:
    token = sign(pki, "rsa", document)
    elements = [(XADES, f) for f in fragments]
    rewrite(token, hostile_xml.with_unsigned_properties(token.read_bytes(), *elements))
    report = only(verify(token, document, trust_root))
    assert_verdict(report, PASSED)  # the signature is valid now; its timestamp proves nothing
    assert report.level == level
    assert check(report, "signature timestamp") is False
    kinds = [t.kind for t in report.timestamps]
    expected = [TimestampKind.SIGNATURE] + ([TimestampKind.ARCHIVE] if level == "B-LTA" else [])
    assert kinds == expected
    for timestamp in report.timestamps:  # unreadable DER: each fails, none proves a time
        assert (timestamp.indication, timestamp.time) == (Indication.TOTAL_FAILED, None)
    assert report.timestamp_time is None


# --- a token from an independent tool ---------------------------------------------------------


def _xmlsec1_sign(
    pki: TestPki,
    document: Path,
    method: str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    digest: str = "http://www.w3.org/2001/04/xmlenc#sha256",
) -> Path:
    if shutil.which("xmlsec1") is None:
        pytest.skip("xmlsec1 is not installed")
    return xmlsec1_sign(pki, document, method, digest)


def test_xmlsec1_token_is_verified_but_is_not_an_ades_signature(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    """A plain XML-DSig signature made by xmlsec1 over the document.

    It has no XAdES properties, so no signed SigningCertificateV2. As EU DSS does under its
    default policy: the signing certificate is the KeyInfo certificate whose key verifies the
    signature value (identification of a candidate, EN 319 102-1 5.2.3), its integrity and
    certificate are checked (trusted, OCSP good here), and the signature acceptance check
    "signing certificate attribute present" (level FAIL in DSS's constraint.xml) leaves it
    INDETERMINATE SIG_CONSTRAINTS_FAILURE: valid cryptography, not an AdES signature
    (``ades`` false). A later change to the document is the HASH_FAILURE it is, a final
    failure that wins over the INDETERMINATE.
    """
    token = _xmlsec1_sign(pki, document)
    report = only(verify(token, document, trust_root))
    assert_verdict(report, (Indication.INDETERMINATE, SubIndication.SIG_CONSTRAINTS_FAILURE))
    assert report.ades is False
    assert report.packaging == "detached"
    assert report.signature_id == "xmlsec-signature"
    assert check(report, "document digest") is True
    assert check(report, "signature value") is True
    assert check(report, "AdES signature") is False
    assert report.certificate is not None
    assert report.signer is not None and report.signer.name == "Jeanne Test"
    assert report.revocation is not None and report.revocation.status == "good"
    cert = x509.load_pem_x509_certificate(pki.cert("rsa").read_bytes())
    assert report.certificate.serial == format(cert.serial_number, "x")
    assert [(o.kind, o.digest_matches) for o in report.signed_objects] == [("file", True)]

    document.write_bytes(document.read_bytes() + b"\n% appended")
    report = only(verify(token, document, trust_root))
    assert_verdict(report, HASH_FAILURE)
    assert [(o.kind, o.digest_matches) for o in report.signed_objects] == [("file", False)]


def test_xmlsec1_token_with_sha1_is_refused_as_too_weak(
    pki: TestPki, trust_root: asn1_x509.Certificate, document: Path
) -> None:
    token = _xmlsec1_sign(
        pki,
        document,
        method="http://www.w3.org/2000/09/xmldsig#rsa-sha1",
        digest="http://www.w3.org/2000/09/xmldsig#sha1",
    )
    report = only(verify(token, document, trust_root))
    assert_verdict(report, (Indication.INDETERMINATE, SubIndication.CRYPTO_CONSTRAINTS_FAILURE))
