"""XML signatures other tools make (issue 13): enveloped, enveloping, detached over several
files, ASiC signatures files, counter-signatures, the common transforms; and their tampered and
wrapped variants. Each is signed at test time by an independent tool (xmlsec1, signxml) or our
signer with the served test PKI (OCSP on 127.0.0.1), and each test states the verdict and why.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
import time
from pathlib import Path

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from lxml import etree

from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.validation.context import VerificationContext
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import (
    Container,
    DetectedFormat,
    DocumentReport,
    Packaging,
    SignatureReport,
    ValidationReport,
)
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.xades.packaging import xml_signature_packaging
from paraphe.core.validation.xades.validator import validate_xades
from tests.support import xml_shapes
from tests.support.pki import TestPki
from tests.support.signing import sign_with
from tests.support.verdicts import FORMAT_FAILURE, HASH_FAILURE, PASSED, assert_verdict
from tests.support.xml_shapes import DS, NS

pytestmark = pytest.mark.skipif(shutil.which("xmlsec1") is None, reason="xmlsec1 is required")

NOT_ADES = (Indication.INDETERMINATE, SubIndication.SIG_CONSTRAINTS_FAILURE)
"""A plain XML-DSig signature whose cryptography and certificate pass: not an AdES signature
(EU DSS, default policy: the signing-certificate attribute is required, SAV fails)."""
UNSUPPORTED = (Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE)
NOT_FOUND = (Indication.INDETERMINATE, SubIndication.SIGNED_DATA_NOT_FOUND)


@pytest.fixture(scope="module")
def trust_root(pki: TestPki) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(pem.unarmor(pki.root_cert.read_bytes())[2])


def verify(
    path: Path,
    trust_root: asn1_x509.Certificate,
    document: Path | None = None,
    **options: object,
) -> list[SignatureReport]:
    settings = VerificationSettings(trust_roots=(trust_root,))
    with VerificationContext(settings) as context:
        reports = validate_xades(path, document, context, **options)  # type: ignore[arg-type]
    assert reports
    for report in reports:
        assert report.format is DetectedFormat.XADES
        if report.indication is not Indication.TOTAL_PASSED:
            assert report.explanation
    whole = ValidationReport(dt.datetime.now(dt.UTC), [DocumentReport(path, reports)])
    json.dumps(whole.to_json_dict())
    return reports


def only(reports: list[SignatureReport]) -> SignatureReport:
    assert len(reports) == 1, reports
    return reports[0]


def objects(report: SignatureReport) -> list[tuple[str, str, bool | None]]:
    return [(o.name, o.kind, o.digest_matches) for o in report.signed_objects]


def _rewrite(path: Path, old: bytes, new: bytes) -> Path:
    data = path.read_bytes()
    assert old in data, old
    path.write_bytes(data.replace(old, new, 1))
    return path


# --- enveloped ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("c14n", "transforms"),
    [
        pytest.param(xml_shapes.EXC_C14N, (xml_shapes.ENVELOPED, xml_shapes.EXC_C14N), id="exc"),
        pytest.param(xml_shapes.C14N_10, (xml_shapes.ENVELOPED,), id="c14n10-default"),
        pytest.param(
            xml_shapes.C14N_10_COMMENTS,
            (xml_shapes.ENVELOPED, xml_shapes.C14N_10_COMMENTS),
            id="c14n10-comments",
        ),
        pytest.param(xml_shapes.C14N_11, (xml_shapes.ENVELOPED, xml_shapes.C14N_11), id="c14n11"),
        pytest.param(
            xml_shapes.EXC_C14N_COMMENTS,
            (xml_shapes.ENVELOPED, xml_shapes.EXC_C14N_COMMENTS),
            id="exc-comments",
        ),
    ],
)
def test_xmlsec1_enveloped_xml_dsig_is_verified_as_not_ades(
    c14n: str,
    transforms: tuple[str, ...],
    pki: TestPki,
    trust_root: asn1_x509.Certificate,
    tmp_path: Path,
) -> None:
    """xmlsec1's enveloped signature (URI="" with the enveloped-signature transform) under each
    canonicalisation: the digest of the document without its signature and the signature value
    verify, the signer's path is trusted and OCSP says good; a plain XML-DSig is then
    INDETERMINATE SIG_CONSTRAINTS_FAILURE (not AdES, as EU DSS rules), never a failure."""
    signed = xml_shapes.xmlsec1_enveloped(
        pki, tmp_path / "offer.xml", c14n=c14n, transforms=transforms
    )
    report = only(verify(signed, trust_root))
    assert_verdict(report, NOT_ADES, checks={"signature value": True, "AdES signature": False})
    assert report.packaging is Packaging.ENVELOPED
    assert report.ades is False
    assert report.document_path == signed
    assert objects(report) == [("", "same-document", True)]
    assert report.signer is not None and report.signer.name == "Jeanne Test"


def test_plain_xml_dsig_by_an_untrusted_signer_is_no_chain_found(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """The certificate validation decides before the AdES question: an intact plain XML-DSig
    whose signer chains to no trust anchor is INDETERMINATE NO_CERTIFICATE_CHAIN_FOUND (as for
    any format), still marked not AdES."""
    signed = xml_shapes.xmlsec1_enveloped(pki, tmp_path / "offer.xml", persona="untrusted")
    report = only(verify(signed, trust_root))
    assert_verdict(
        report,
        (Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND),
        checks={"signature value": True, "AdES signature": False},
    )
    assert report.ades is False


def test_enveloped_reference_to_the_root_by_its_id(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """An enveloped reference may name the document's root by its Id ("#offer") instead of
    URI="": the whole document is signed all the same (ENVELOPED, not a part of it): not AdES,
    INDETERMINATE SIG_CONSTRAINTS_FAILURE, with no "whole document signed" complaint."""
    signed = xml_shapes.xmlsec1_enveloped(pki, tmp_path / "offer.xml", uri="#offer")
    report = only(verify(signed, trust_root))
    assert_verdict(report, NOT_ADES)
    assert report.packaging is Packaging.ENVELOPED
    assert objects(report) == [("#offer", "same-document", True)]
    assert not [c for c in report.checks if c.name == "whole document signed"]


def test_enveloped_document_changed_outside_the_signature_is_a_hash_failure(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """One byte of the signed document (the price), outside the signature: the enveloped
    reference's digest no longer matches, TOTAL_FAILED HASH_FAILURE (EN 319 102-1 5.2.7)."""
    signed = xml_shapes.xmlsec1_enveloped(pki, tmp_path / "offer.xml")
    _rewrite(signed, b"1250000.00", b"1250000.01")
    report = only(verify(signed, trust_root))
    assert_verdict(report, HASH_FAILURE)
    assert objects(report) == [("", "same-document", False)]


def test_comments_are_outside_what_a_same_document_reference_signs(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """XML-DSig 4.4.3.3: URI="" designates the document without its comments, so even a
    #WithComments canonicalisation has none to sign. A comment edited after signing leaves
    both signatures (with and without comments) as they were (not AdES, INDETERMINATE), as
    xmlsec1 itself verifies them; the price edited breaks both (HASH_FAILURE)."""
    plain = xml_shapes.xmlsec1_enveloped(pki, tmp_path / "plain.xml")
    commented = xml_shapes.xmlsec1_enveloped(
        pki,
        tmp_path / "commented.xml",
        c14n=xml_shapes.EXC_C14N_COMMENTS,
        transforms=(xml_shapes.ENVELOPED, xml_shapes.EXC_C14N_COMMENTS),
    )
    for path in (plain, commented):
        _rewrite(path, b"a comment, signed", b"a comment, edited")
        assert_verdict(only(verify(path, trust_root)), NOT_ADES)
        assert xml_shapes.xmlsec1_verifies(pki, path)
        _rewrite(path, b"1250000.00", b"1250001.00")
        assert_verdict(only(verify(path, trust_root)), HASH_FAILURE)
        assert not xml_shapes.xmlsec1_verifies(pki, path)


def test_xades_enveloped_passes_and_a_changed_byte_fails(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """An enveloped XAdES B-B (xmlsec1 over a template: the document by URI="", the
    SignedProperties with SigningCertificateV2): trusted signer, OCSP good: TOTAL_PASSED, an
    AdES signature over the whole document. One byte of the document outside the signature
    changed: HASH_FAILURE."""
    signed = xml_shapes.xades_enveloped(pki, tmp_path / "offer.xml")
    report = only(verify(signed, trust_root))
    assert_verdict(report, PASSED, signer="Jeanne Test", level="B-B")
    assert report.packaging is Packaging.ENVELOPED and report.ades is True
    assert report.document_path == signed
    assert objects(report) == [
        ("", "same-document", True),
        ("#xades-enveloped-props", "properties", True),
    ]
    assert report.signing_time is not None
    assert xml_signature_packaging(signed) is Packaging.ENVELOPED

    _rewrite(signed, b"ENTREPRISE TEST SAS<", b"ENTREPRISE TEST SAT<")
    report = only(verify(signed, trust_root))
    assert_verdict(report, HASH_FAILURE)
    assert objects(report)[0] == ("", "same-document", False)


def test_second_enveloped_signature_passes_and_breaks_the_first(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """Two enveloped XAdES signatures in one document, one report each, each located by its
    position (neither checked against the other's value). The second was made over the
    document holding the first: TOTAL_PASSED. The enveloped-signature transform removes only
    the signature that holds it (XML-DSig 6.6.4), so the first now covers a document that
    gained a signature after it was made: HASH_FAILURE, as XML-DSig defines it (signers that
    co-sign enveloped documents exclude the other signatures with an XPath filter)."""
    signed = xml_shapes.co_signed_document(pki, tmp_path / "offer.xml")
    first, second = verify(signed, trust_root)
    assert (first.signature_id, second.signature_id) == ("first", "second")
    assert_verdict(first, HASH_FAILURE)
    assert_verdict(second, PASSED, signer="Ecdsa Test")
    assert second.packaging is Packaging.ENVELOPED


@pytest.mark.parametrize(
    "exclusion",
    [xml_shapes.XPATH_NO_SIGNATURE, xml_shapes.SUBTRACT_SIGNATURES],
    ids=["xpath-not-ancestor-or-self", "filter2-subtract"],
)
def test_enveloped_co_signatures_that_exclude_every_signature_both_pass(
    exclusion: str, pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """The way EU DSS co-signs an enveloped document: each reference leaves out every
    ds:Signature (XPath ``not(ancestor-or-self::ds:Signature)``, or XPath Filter 2.0
    subtracting them), so a second signature added later leaves the first intact: both
    TOTAL_PASSED, as xmlsec1 verifies the first. A changed price breaks both."""
    signed = xml_shapes.co_signed_document(
        pki, tmp_path / "offer.xml", transforms=(exclusion, xml_shapes.EXC_C14N)
    )
    first, second = verify(signed, trust_root)
    assert_verdict(first, PASSED, signer="Jeanne Test")
    assert_verdict(second, PASSED, signer="Ecdsa Test")
    assert first.packaging is second.packaging is Packaging.ENVELOPED
    assert xml_shapes.xmlsec1_verifies(pki, signed)

    _rewrite(signed, b"1250000.00", b"1250000.10")
    for report in verify(signed, trust_root):
        assert_verdict(report, HASH_FAILURE)


# --- enveloping --------------------------------------------------------------------------------


def test_xmlsec1_enveloping_xml_object(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """The data in ds:Object Id="data" of the signature, referenced by "#data": its digest and
    the signature value verify (not AdES: INDETERMINATE SIG_CONSTRAINTS_FAILURE); one changed
    byte of the Object is a HASH_FAILURE."""
    signed = xml_shapes.xmlsec1_enveloping(pki, tmp_path / "enveloping.xml")
    report = only(verify(signed, trust_root))
    assert_verdict(report, NOT_ADES)
    assert report.packaging is Packaging.ENVELOPING
    assert report.document_path is None
    assert objects(report) == [("#data", "embedded", True)]
    assert xml_signature_packaging(signed) is Packaging.ENVELOPING

    _rewrite(signed, b"1250000.00", b"9250000.00")
    assert_verdict(only(verify(signed, trust_root)), HASH_FAILURE)


def test_xmlsec1_enveloping_base64_object(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """A binary document base64-encoded in the Object with the Base64 transform: the digest is
    over the decoded bytes (not AdES: INDETERMINATE SIG_CONSTRAINTS_FAILURE). Changing the
    encoded content changes the decoded bytes: HASH_FAILURE."""
    payload = b"%PDF-1.7\n" + bytes(range(256)) * 4
    signed = xml_shapes.xmlsec1_enveloping(pki, tmp_path / "enveloping.xml", base64_data=payload)
    report = only(verify(signed, trust_root))
    assert_verdict(report, NOT_ADES)
    assert objects(report) == [("#data", "embedded", True)]

    # an element slipped into the Object after the text: signxml would decode the text before
    # it only, XML-DSig all of it; the two readings differ, so it is not checked (INDETERMINATE)
    mixed = signed.with_name("mixed.xml")
    mixed.write_bytes(signed.read_bytes().replace(b"</Object>", b"<x>QUFBQQ==</x></Object>"))
    assert_verdict(only(verify(mixed, trust_root)), UNSUPPORTED)

    encoded = base64.encodebytes(payload).decode().splitlines()[0].encode()
    tampered = bytearray(encoded)
    tampered[12] = ord("A") if tampered[12] != ord("A") else ord("B")
    _rewrite(signed, encoded, bytes(tampered))
    assert_verdict(only(verify(signed, trust_root)), HASH_FAILURE)


def test_xades_enveloping_passes(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """An enveloping XAdES B-B (the document in a ds:Object, the properties in another):
    TOTAL_PASSED, the Object listed as the embedded signed data, no document path."""
    signed = xml_shapes.xades_enveloping(pki, tmp_path / "enveloping.xml")
    report = only(verify(signed, trust_root))
    assert_verdict(report, PASSED, signer="Jeanne Test")
    assert report.packaging is Packaging.ENVELOPING
    assert report.document_path is None
    assert objects(report) == [
        ("#data", "embedded", True),
        ("#xades-enveloping-props", "properties", True),
    ]


# --- wrapping ------------------------------------------------------------------------------------


def test_wrapping_extra_unsigned_object_does_not_pass(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """A forged ds:Object added to a valid enveloping signature (no Id, so no reference can
    designate it): a reader could take it for the signed data. The signature still verifies,
    so the verdict is not red, but it is not a pass: INDETERMINATE FORMAT_FAILURE naming the
    unsigned Object."""
    signed = xml_shapes.xades_enveloping(pki, tmp_path / "enveloping.xml")
    forged = b'<Object><Offer xmlns="urn:example:tender">1.00 EUR</Offer></Object>'
    _rewrite(signed, b"</Signature>", forged + b"</Signature>")
    report = only(verify(signed, trust_root))
    assert_verdict(report, UNSUPPORTED, checks={"signed data": False})


def test_wrapping_signed_object_moved_out_and_replaced(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """The signed Object (Id="data") moved into a wrapper element outside the signature and a
    forged Object, without the Id, put in its place: the reference still finds the genuine data
    by its Id, but it is no longer in this signature; the forged Object is unsigned. Not a
    pass (the moved data is reported as a part of the file, the forged one as unsigned)."""
    signed = xml_shapes.xmlsec1_enveloping(pki, tmp_path / "enveloping.xml")
    root = etree.fromstring(signed.read_bytes())
    genuine = root.find("ds:Object", NS)
    assert genuine is not None
    wrapper = etree.Element(f"{{{DS}}}Wrapper", nsmap={None: DS})  # keeps its c14n
    forged = etree.Element(f"{{{DS}}}Object")
    forged.append(etree.fromstring('<Offer xmlns="urn:example:tender">1.00 EUR</Offer>'))
    genuine.addprevious(forged)
    wrapper.append(root)
    root.remove(genuine)
    wrapper.append(genuine)
    signed.write_bytes(etree.tostring(wrapper))
    report = only(verify(signed, trust_root))
    assert report.indication is not Indication.TOTAL_PASSED
    assert_verdict(report, UNSUPPORTED)


def test_wrapping_duplicated_id_is_a_format_failure(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """A forged Object carrying the signed Object's Id: "#data" designates two elements, which
    a verifier and a reader could resolve differently: TOTAL_FAILED FORMAT_FAILURE."""
    signed = xml_shapes.xmlsec1_enveloping(pki, tmp_path / "enveloping.xml")
    forged = b'<Object Id="data"><Offer xmlns="urn:example:tender">1.00</Offer></Object>'
    _rewrite(signed, b"<SignatureValue>", forged + b"<SignatureValue>")
    assert_verdict(only(verify(signed, trust_root)), FORMAT_FAILURE)


def test_wrapping_enveloped_signature_moved_to_another_document(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """A valid enveloped signature cut out and pasted into another document: its URI=""
    reference now covers that document, whose digest differs: HASH_FAILURE, never a pass."""
    signed = xml_shapes.xmlsec1_enveloped(pki, tmp_path / "offer.xml")
    root = etree.fromstring(signed.read_bytes())
    signature = root.find("ds:Signature", NS)
    other = etree.fromstring(
        xml_shapes.TENDER.format(signature="").replace("1250000.00", "1.00").encode()
    )
    other.append(signature)
    moved = tmp_path / "other.xml"
    moved.write_bytes(etree.tostring(other))
    assert_verdict(only(verify(moved, trust_root)), HASH_FAILURE)


def test_enveloped_reference_to_a_part_of_the_document_is_not_a_pass(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """A signature inside the document whose only reference designates one element (the
    Bidder, by Id), not the root: the rest of the document (the price) is not signed. The
    signature is cryptographically valid; the document is not what it signed: INDETERMINATE
    SIG_CONSTRAINTS_FAILURE with the signed part named (a changed price does not break it)."""
    template = xml_shapes.TENDER.format(
        signature=xml_shapes._signature_template([("#bidder", [xml_shapes.EXC_C14N])], sid="p")
    ).replace('siren="123456789"', 'siren="123456789" Id="bidder"')
    signed = xml_shapes.xmlsec1_fill(pki, template, tmp_path / "offer.xml")
    _rewrite(signed, b"1250000.00", b"1.00")
    report = only(verify(signed, trust_root))
    assert_verdict(report, NOT_ADES, checks={"whole document signed": False})
    assert objects(report) == [("#bidder", "same-document", True)]


# --- detached over several files, ASiC ----------------------------------------------------------


def _two_files(folder: Path) -> tuple[Path, Path]:
    first = folder / "Acte d'engagement.pdf"
    first.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    second = folder / "BPU.xlsx"
    second.write_bytes(b"PK\x03\x04" + bytes(range(200)) * 30)
    return first, second


def test_detached_over_two_files_and_an_object(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """A detached signature over two files (percent-encoded URIs) and a ds:Object of its own:
    each file is found through ``resolve`` and hashed; all match: not AdES, INDETERMINATE
    SIG_CONSTRAINTS_FAILURE. A changed second file is a HASH_FAILURE naming it; a missing one
    SIGNED_DATA_NOT_FOUND naming it."""
    first, second = _two_files(tmp_path)
    uris = ["Acte%20d%27engagement.pdf", "BPU.xlsx"]
    token = xml_shapes.xmlsec1_detached(pki, tmp_path / "multi.xml", uris, with_object=True)

    def resolve(uri: str) -> Path | None:
        path = {"Acte%20d%27engagement.pdf": first, "BPU.xlsx": second}.get(uri)
        return path if path is not None and path.exists() else None

    report = only(verify(token, trust_root, resolve=resolve))
    assert_verdict(report, NOT_ADES)
    assert report.packaging is Packaging.DETACHED
    assert objects(report) == [
        ("Acte d'engagement.pdf", "file", True),
        ("BPU.xlsx", "file", True),
        ("#manifest-note", "embedded", True),
    ]

    second.write_bytes(second.read_bytes() + b"\x00")
    report = only(verify(token, trust_root, resolve=resolve))
    assert_verdict(report, HASH_FAILURE)
    assert "BPU.xlsx" in report.checks[-1].detail

    second.unlink()
    report = only(verify(token, trust_root, resolve=resolve))
    assert_verdict(report, NOT_FOUND)
    assert "BPU.xlsx" in report.checks[-1].detail


def _our_token(pki: TestPki, document: Path, persona: str) -> bytes:
    request = SignRequest((document,), SignatureFormat.XADES)
    (result,) = sign_with(pki, persona, request)
    data = result.output.read_bytes()
    result.output.unlink()
    return data


def test_asic_signatures_file_with_two_co_signatures(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """Two XAdES signatures of one document under asic:XAdESSignatures (ASiC-S): co-signatures,
    one report each, both TOTAL_PASSED, the container named; the document is hashed for both.
    A changed document fails both."""
    document, _ = _two_files(tmp_path)
    signatures = tmp_path / "signatures.xml"
    signatures.write_bytes(
        xml_shapes.asic_signatures(
            _our_token(pki, document, "rsa"), _our_token(pki, document, "ecdsa")
        )
    )
    asked: list[str] = []

    def resolve(uri: str) -> Path | None:
        asked.append(uri)
        return document

    reports = verify(signatures, trust_root, resolve=resolve, container=Container.ASIC_S)
    assert [r.signer.name if r.signer else None for r in reports] == ["Jeanne Test", "Ecdsa Test"]
    for report in reports:
        assert_verdict(report, PASSED)
        assert report.container is Container.ASIC_S
        assert report.packaging is Packaging.DETACHED
        assert report.counter_signature_of is None
        assert report.document_path == document
        assert not [c for c in report.checks if c.name == "document name"]
    assert set(asked) == {"Acte%20d%27engagement.pdf"}
    assert xml_signature_packaging(signatures) is Packaging.DETACHED

    document.write_bytes(document.read_bytes() + b"%")
    for report in verify(signatures, trust_root, resolve=resolve, container=Container.ASIC_S):
        assert_verdict(report, HASH_FAILURE)


def test_asic_reference_not_in_the_container_is_signed_data_not_found(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """``resolve`` finds nothing for the reference (a file removed from the container):
    INDETERMINATE SIGNED_DATA_NOT_FOUND naming the file, not a crash, not a pass."""
    document, _ = _two_files(tmp_path)
    signatures = tmp_path / "signatures.xml"
    signatures.write_bytes(xml_shapes.asic_signatures(_our_token(pki, document, "rsa")))
    report = only(verify(signatures, trust_root, resolve=lambda uri: None))
    assert_verdict(report, NOT_FOUND)
    assert "Acte d'engagement.pdf" in report.checks[-1].detail


def test_asic_signatures_file_without_signature_is_a_format_failure(
    trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    signatures = tmp_path / "signatures.xml"
    signatures.write_bytes(xml_shapes.asic_signatures())
    assert_verdict(only(verify(signatures, trust_root)), FORMAT_FAILURE)
    assert xml_signature_packaging(signatures) is None


# --- counter-signatures ----------------------------------------------------------------------


def test_counter_signature_gets_its_own_report(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """Our token counter-signed (XAdES CounterSignature over its SignatureValue) by another
    signer: two reports, both TOTAL_PASSED, the second naming the first as what it
    counter-signs. Adding the unsigned property does not change what the first signed."""
    document, _ = _two_files(tmp_path)
    token = tmp_path / f"{document.name} - Signature 1.xml"
    token.write_bytes(_our_token(pki, document, "rsa"))
    xml_shapes.with_counter_signature(pki, token)
    main, counter = verify(token, trust_root, document)
    assert_verdict(main, PASSED, signer="Jeanne Test")
    assert_verdict(counter, PASSED, signer="Ecdsa Test")
    assert main.counter_signature_of is None
    assert counter.counter_signature_of == main.signature_id
    assert counter.signature_id != main.signature_id
    value_id = f"#{main.signature_id}-value"
    assert (value_id, "same-document", True) in objects(counter)


def test_counter_signature_over_a_changed_signature_value_fails(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """The countersigned SignatureValue changed (one base64 character): the main signature
    fails its signature value (SIG_CRYPTO_FAILURE) and the counter-signature its digest
    (HASH_FAILURE): neither passes."""
    document, _ = _two_files(tmp_path)
    token = tmp_path / f"{document.name} - Signature 1.xml"
    token.write_bytes(_our_token(pki, document, "rsa"))
    xml_shapes.with_counter_signature(pki, token)
    root = etree.fromstring(token.read_bytes())
    value = root.find("ds:SignatureValue", NS)
    assert value is not None and value.text
    text = value.text.strip()
    value.text = ("B" if text[5] != "B" else "C").join((text[:5], text[6:]))
    token.write_bytes(etree.tostring(root))
    main, counter = verify(token, trust_root, document)
    assert main.indication is Indication.TOTAL_FAILED
    assert_verdict(counter, HASH_FAILURE)


def test_counter_signature_referencing_another_signature_is_refused(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """A counter-signature whose reference designates the SignatureValue of a signature it is
    not in (two co-signatures in an ASiC file, the counter-signature of the first moved under
    the second): it counter-signs something else than the report would say: FORMAT_FAILURE."""
    document, _ = _two_files(tmp_path)
    token = tmp_path / "countersigned.xml"
    token.write_bytes(_our_token(pki, document, "rsa"))
    countersigned = xml_shapes.with_counter_signature(pki, token).read_bytes()
    other = _our_token(pki, document, "ecdsa")
    signatures = etree.fromstring(xml_shapes.asic_signatures(countersigned, other))
    first, second = signatures.findall("ds:Signature", NS)
    holder = first.find(".//xades:CounterSignature", NS)
    assert holder is not None
    properties = second.find("ds:Object/xades:QualifyingProperties", NS)
    assert properties is not None
    unsigned = etree.SubElement(properties, f"{{{xml_shapes.XADES}}}UnsignedProperties")
    usp = etree.SubElement(unsigned, f"{{{xml_shapes.XADES}}}UnsignedSignatureProperties")
    usp.append(holder)
    path = tmp_path / "signatures.xml"
    path.write_bytes(etree.tostring(signatures))
    reports = verify(path, trust_root, resolve=lambda uri: document)
    assert len(reports) == 3
    moved = reports[2]
    assert moved.counter_signature_of == second.get("Id")
    assert_verdict(moved, FORMAT_FAILURE)


# --- transforms, algorithms ----------------------------------------------------------------------


def test_xpath_filter2_transform_is_indeterminate_not_a_failure(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """An XPath Filter 2.0 transform (xmlsec1 signs it; signxml cannot apply it and would skip
    it, then report a digest mismatch on a valid signature): INDETERMINATE FORMAT_FAILURE
    naming the transform, never TOTAL_FAILED."""
    signed = xml_shapes.xmlsec1_enveloped(
        pki,
        tmp_path / "offer.xml",
        transforms=(xml_shapes.ENVELOPED, xml_shapes.XPATH_FILTER2, xml_shapes.EXC_C14N),
    )
    report = only(verify(signed, trust_root))
    assert_verdict(report, UNSUPPORTED)
    assert "XPath transform" in report.checks[-1].detail


def test_sha1_enveloped_signature_is_indeterminate_crypto_constraints(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """rsa-sha1 and sha1 digests: refused as too weak today (INDETERMINATE
    CRYPTO_CONSTRAINTS_FAILURE with a reason), pending the dated algorithm policy."""
    template = xml_shapes.TENDER.format(
        signature=xml_shapes._signature_template([("", [xml_shapes.ENVELOPED])], sid="s1")
        .replace(xml_shapes.RSA_SHA256, "http://www.w3.org/2000/09/xmldsig#rsa-sha1")
        .replace(xml_shapes.SHA256, "http://www.w3.org/2000/09/xmldsig#sha1")
    )
    signed = xml_shapes.xmlsec1_fill(pki, template, tmp_path / "offer.xml")
    report = only(verify(signed, trust_root))
    assert_verdict(report, (Indication.INDETERMINATE, SubIndication.CRYPTO_CONSTRAINTS_FAILURE))
    assert "sha1" in report.checks[-1].detail


def test_packaging_of_files_without_a_signature(tmp_path: Path) -> None:
    """Discovery's cheap look: None for XML without ds:Signature, damaged XML and a DTD."""
    plain = tmp_path / "plain.xml"
    plain.write_bytes(xml_shapes.TENDER.format(signature="").encode())
    damaged = tmp_path / "damaged.xml"
    damaged.write_bytes(b"<ds:Signature xmlns:ds='" + DS.encode() + b"'><unclosed>")
    dtd = tmp_path / "dtd.xml"
    dtd.write_bytes(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    for path in (plain, damaged, dtd, tmp_path / "absent.xml"):
        assert xml_signature_packaging(path) is None, path


def test_counter_signature_that_signs_something_else_is_refused(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """A valid XAdES signature of the document put in a CounterSignature property: it does not
    sign the SignatureValue it would counter-sign, so the report could not say what it
    counter-signs: TOTAL_FAILED FORMAT_FAILURE for it; the main signature is unaffected."""
    document, _ = _two_files(tmp_path)
    token = tmp_path / f"{document.name} - Signature 1.xml"
    token.write_bytes(_our_token(pki, document, "rsa"))
    other = etree.fromstring(_our_token(pki, document, "ecdsa"))
    root = etree.fromstring(token.read_bytes())
    qualifying = root.find("ds:Object/xades:QualifyingProperties", NS)
    assert qualifying is not None
    unsigned = etree.SubElement(qualifying, f"{{{xml_shapes.XADES}}}UnsignedProperties")
    usp = etree.SubElement(unsigned, f"{{{xml_shapes.XADES}}}UnsignedSignatureProperties")
    etree.SubElement(usp, f"{{{xml_shapes.XADES}}}CounterSignature").append(other)
    token.write_bytes(etree.tostring(root))
    main, counter = verify(token, trust_root, document)
    assert_verdict(main, PASSED)
    assert counter.counter_signature_of == main.signature_id
    assert_verdict(counter, FORMAT_FAILURE)
    assert "does not sign the SignatureValue" in counter.checks[-1].detail


def test_signed_xml_enveloped_in_another_signature(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """An enveloping XAdES over an XML document that already held its own enveloped
    signature: the outer signature passes (its Object, inner signature included, is intact);
    the inner one is part of the signed content, reported INDETERMINATE (not checked on its
    own, its URI="" would now designate the outer file), never a red verdict on either."""
    inner = xml_shapes.xades_enveloped(pki, tmp_path / "inner.xml")
    document = inner.read_text(encoding="utf-8").split("?>", 1)[-1]
    data = f'<Object Id="data">{document}</Object>'
    template = xml_shapes.xades_template(
        pki, [("#data", [xml_shapes.EXC_C14N])], sid="outer", objects=data
    )
    outer = xml_shapes.xmlsec1_fill(pki, template, tmp_path / "outer.xml", node_id="outer")
    reports = verify(outer, trust_root)
    assert [r.signature_id for r in reports] == ["outer", "xades-enveloped"]
    assert_verdict(reports[0], PASSED)
    assert_verdict(reports[1], UNSUPPORTED)


def test_large_file_with_many_references_is_refused_at_once(
    trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """signxml copies the whole file for each reference: 30 references in an 8 MB document
    (unsigned: it is refused before any cryptography) would take seconds; refused at once,
    INDETERMINATE FORMAT_FAILURE."""
    references = [(f"#part{i}", [xml_shapes.EXC_C14N]) for i in range(30)]
    parts = "".join(f'<p Id="part{i}">{"x" * 64}</p>' for i in range(30))
    filler = "<f>" + "y" * (8 << 20) + "</f>"
    signature = xml_shapes._signature_template(references, sid="big")
    path = tmp_path / "big.xml"
    path.write_text(f"<doc>{parts}{filler}{signature}</doc>", encoding="utf-8")
    started = time.monotonic()
    report = only(verify(path, trust_root))
    assert time.monotonic() - started < 2
    assert_verdict(report, UNSUPPORTED)
    assert "too large" in report.checks[-1].detail


def test_older_xades_version_is_indeterminate_not_taken_for_signed_data(
    pki: TestPki, trust_root: asn1_x509.Certificate, tmp_path: Path
) -> None:
    """QualifyingProperties in the XAdES 1.1.1 namespace (not validated here): INDETERMINATE
    FORMAT_FAILURE saying so, rather than a plain XML-DSig whose properties Object would pass
    for embedded signed data."""
    signed = xml_shapes.xades_enveloping(pki, tmp_path / "enveloping.xml")
    data = signed.read_bytes().replace(b"01903/v1.3.2#", b"01903/v1.1.1#")
    signed.write_bytes(data)
    report = only(verify(signed, trust_root))
    assert_verdict(report, UNSUPPORTED)
    assert "version is not supported" in report.checks[-1].detail
