"""XAdES tokens damaged where the validator used to answer "unexpected error" (INDETERMINATE,
GENERIC): each now gets the verdict the damage calls for, with one line saying why.

Found by mutating tokens signed by Paraphe (bytes flipped, truncated, elements duplicated or
removed, base64 garbage, huge numbers, deep nesting): what escaped were a certificate of KeyInfo
that cryptography refuses (InvalidVersion), a KeyInfo key it cannot load (ValueError,
UnsupportedAlgorithm) and an IssuerSerialV2 that asn1crypto reads lazily (UnicodeDecodeError,
ValueError "Insufficient data"). Each test failed on the code before it.
"""

from __future__ import annotations

import base64
import hashlib
import re
import time
from pathlib import Path

import pytest

from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.trust import load_certificates
from paraphe.core.validation.context import VerificationContext
from paraphe.core.validation.explanations import explain
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import SignatureReport
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.xades.validator import validate_xades
from tests.support.pki import TestPki
from tests.support.signing import sign_with

DOCUMENT = "Acte d'engagement.txt"
RSA_KEY_OID = bytes.fromhex("06092a864886f70d010101")  # rsaEncryption
DAMAGED_KEY = (  # the RSAPublicKey SEQUENCE of an RSA-2048 key claims 26 KB
    bytes.fromhex("3082010a02820101"),
    bytes.fromhex("3082680a02820101"),
)


@pytest.fixture(scope="module")
def signed(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A document and the text of its XAdES token, signed by Paraphe's engine."""
    folder = tmp_path_factory.mktemp("signed")
    document = folder / DOCUMENT
    document.write_bytes(b"Offre de l'entreprise\n" * 50)
    sign_with(pki, "rsa", SignRequest(documents=(document,), format=SignatureFormat.XADES))
    token = document.with_name(f"{DOCUMENT} - Signature 1.xml")
    return document, token.read_text(encoding="utf-8")


def verify(pki: TestPki, document: Path, text: str, folder: Path) -> SignatureReport:
    token = folder / f"{DOCUMENT} - Signature 1.xml"
    token.write_text(text, encoding="utf-8")
    settings = VerificationSettings(trust_roots=tuple(load_certificates(pki.root_cert)))
    with VerificationContext(settings) as context:
        reports = validate_xades(token, document, context)
    assert len(reports) == 1
    return reports[0]


def with_element(text: str, name: str, change: bytes | None = None, *, value: str = "") -> str:
    """The token with the base64 DER of its first ``name`` element changed by ``change``
    (old bytes, new bytes), or replaced by ``value``."""
    match = re.search(rf"(<ds:{name}>|<xades:{name}>)([^<]*)(</)", text)
    assert match is not None, name
    if change is not None:
        der = base64.b64decode("".join(match.group(2).split()))
        old, new = change
        assert der.count(old) == 1, (name, old.hex())
        value = base64.b64encode(der.replace(old, new)).decode()
    return text[: match.start(2)] + value + text[match.end(2) :]


def issuer_serial(text: str) -> bytes:
    match = re.search(r"<xades:IssuerSerialV2>([^<]*)<", text)
    assert match is not None
    return base64.b64decode(match.group(1))


def assert_verdict(
    report: SignatureReport, indication: Indication, subindication: SubIndication, detail: str
) -> None:
    assert (report.indication, report.subindication) == (indication, subindication), report.checks
    assert report.explanation == explain(indication, subindication)
    details = [check.detail for check in report.checks]
    assert any(detail in d for d in details), details
    assert all("unexpected" not in d and "\n" not in d for d in details), details


def test_keyinfo_certificate_of_an_impossible_version_is_a_format_failure(
    pki: TestPki, signed: tuple[Path, str], tmp_path: Path
) -> None:
    """cryptography raises InvalidVersion (no ValueError) for a certificate of version 106."""
    document, text = signed
    damaged = with_element(
        text, "X509Certificate", (b"\xa0\x03\x02\x01\x02", b"\xa0\x03\x02\x01\x6a")
    )

    report = verify(pki, document, damaged, tmp_path)

    assert_verdict(
        report,
        Indication.TOTAL_FAILED,
        SubIndication.FORMAT_FAILURE,
        "an X509Certificate in KeyInfo is not a certificate",
    )


@pytest.mark.parametrize(
    "change",
    [
        (RSA_KEY_OID, RSA_KEY_OID[:-1] + b"\x7f"),  # a key type cryptography does not know
        DAMAGED_KEY,
    ],
    ids=["unknown-key-type", "damaged-key"],
)
def test_keyinfo_certificate_whose_key_cannot_be_loaded_identifies_no_signer(
    change: tuple[bytes, bytes], pki: TestPki, signed: tuple[Path, str], tmp_path: Path
) -> None:
    """The altered certificate is no longer the one SigningCertificateV2 names; its key, which
    cryptography cannot load (UnsupportedAlgorithm, ValueError), verifies nothing: the signer
    cannot be identified."""
    document, text = signed

    report = verify(pki, document, with_element(text, "X509Certificate", change), tmp_path)

    assert_verdict(
        report,
        Indication.INDETERMINATE,
        SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
        "no certificate in KeyInfo verifies the signature",
    )


def test_signer_key_that_cannot_be_loaded_is_indeterminate(
    pki: TestPki, signed: tuple[Path, str], tmp_path: Path
) -> None:
    """The certificate SigningCertificateV2 names holds a key cryptography cannot load (as an EC
    key with explicit curve parameters, which some eID cards carry): nothing can be verified
    with it, which says nothing against the signature: INDETERMINATE, not a format failure."""
    document, text = signed
    damaged = with_element(text, "X509Certificate", DAMAGED_KEY)
    certificate = re.search(r"<ds:X509Certificate>([^<]*)<", damaged)
    named = re.search(r"<xades:CertDigest>.*?<ds:DigestValue>([^<]*)<", damaged)
    assert certificate is not None and named is not None
    digest = hashlib.sha256(base64.b64decode(certificate.group(1))).digest()
    damaged = damaged.replace(named.group(1), base64.b64encode(digest).decode())

    report = verify(pki, document, damaged, tmp_path)

    assert_verdict(
        report,
        Indication.INDETERMINATE,
        SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
        "the signer's key cannot be used (ValueError: Could not deserialize key data",
    )


@pytest.mark.parametrize("damage", ["not-utf8", "length-past-its-end"])
def test_issuer_serial_that_asn1crypto_cannot_read_is_a_format_failure(
    damage: str, pki: TestPki, signed: tuple[Path, str], tmp_path: Path
) -> None:
    """IssuerSerialV2 parses at first, and fails when its names are compared."""
    document, text = signed
    der = issuer_serial(text)
    if damage == "not-utf8":
        change = (b"Paraphe Test Qualified CA", b"Paraphe Test Qualified \xff\xfe")
    else:  # the common name's UTF8String claims more bytes than its parent holds
        change = (b"\x0c\x19Paraphe Test Qualified CA", b"\x0c\x7fParaphe Test Qualified CA")
    assert der.count(change[0]) == 1
    damaged = with_element(text, "IssuerSerialV2", change)

    report = verify(pki, document, damaged, tmp_path)

    assert_verdict(
        report,
        Indication.TOTAL_FAILED,
        SubIndication.FORMAT_FAILURE,
        "IssuerSerialV2 is not a DER IssuerSerial",
    )


FAILED_FORMAT = (Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE)


@pytest.mark.parametrize(
    ("element", "value", "expected", "detail"),
    [
        ("DigestValue", "!!! not base64 !!!", FAILED_FORMAT, "not valid base64"),
        ("SignatureValue", "AAAA", (Indication.TOTAL_FAILED, SubIndication.SIG_CRYPTO_FAILURE), ""),
        ("X509Certificate", "MII" + "A" * 100, FAILED_FORMAT, "not valid base64"),
        (
            "IssuerSerialV2",
            base64.b64encode(b"\x30\x80" * 200).decode(),
            FAILED_FORMAT,
            "not a DER IssuerSerial",
        ),
        ("IssuerSerialV2", "9" * 5000, FAILED_FORMAT, "not a DER IssuerSerial"),
    ],
    ids=["digest", "signature-value", "certificate", "issuer-serial-nesting", "issuer-serial-huge"],
)
def test_base64_garbage_gets_its_verdict(
    element: str,
    value: str,
    expected: tuple[Indication, SubIndication],
    detail: str,
    pki: TestPki,
    signed: tuple[Path, str],
    tmp_path: Path,
) -> None:
    """Garbage where base64 DER is expected: a malformed signature (an IssuerSerialV2 that is
    not DER was reported as naming another certificate), never an unexpected error."""
    document, text = signed

    report = verify(pki, document, with_element(text, element, value=value), tmp_path)

    assert_verdict(report, *expected, detail)


@pytest.mark.parametrize("copied", [0, 1, 2], ids=["document", "SignedProperties", "KeyInfo"])
def test_a_thousand_copies_of_a_reference_are_refused_at_once(
    copied: int, pki: TestPki, signed: tuple[Path, str], tmp_path: Path
) -> None:
    """The fuzz campaign's "xml duplicate Reference x1000": each internal reference was looked up
    by an XPath over the whole token, 4 to 5 s for the lot; a detached token has 3 references."""
    document, text = signed
    references = re.findall(r"<ds:Reference .*?</ds:Reference>", text, re.DOTALL)
    assert len(references) == 3
    damaged = text.replace(references[copied], references[copied] * 1001, 1)

    started = time.monotonic()
    report = verify(pki, document, damaged, tmp_path)

    assert time.monotonic() - started < 1
    assert_verdict(
        report,
        Indication.INDETERMINATE,
        SubIndication.FORMAT_FAILURE,
        "1003 references: more than a detached token holds",
    )


def test_references_are_looked_up_once_in_a_large_token(
    pki: TestPki, signed: tuple[Path, str], tmp_path: Path
) -> None:
    """Within the limit, each reference was looked up by an XPath over the whole token: 32 of
    them in a token of 600,000 elements took 5 s; the Ids are now read once."""
    document, text = signed
    references = re.findall(r"<ds:Reference .*?</ds:Reference>", text, re.DOTALL)
    damaged = text.replace(references[1], references[1] * 30, 1)
    damaged = damaged.replace(
        "</ds:Signature>", f"<ds:Object>{'<p/>' * 600_000}</ds:Object></ds:Signature>"
    )

    started = time.monotonic()
    report = verify(pki, document, damaged, tmp_path)

    assert time.monotonic() - started < 2
    assert_verdict(
        report,
        Indication.TOTAL_FAILED,
        SubIndication.FORMAT_FAILURE,
        "30 references of type SignedProperties; one is required",
    )
