"""The ETSI TS 119 102-2 XML report of ``paraphe verify --xml``: valid against the shipped
schema (V1.4.1, every import answered locally) for XAdES, CAdES and PAdES signatures that pass,
fail, are indeterminate or carry a timestamp, and saying what the validation found: the
indication URNs, the claimed signing time, the signer, their certificate and chain, the proven
time. Real signatures from the test PKI, verified by Paraphe."""

from __future__ import annotations

import base64
import datetime as dt
import re
from importlib import resources
from pathlib import Path

import pytest
from asn1crypto import pem
from lxml import etree

from paraphe.core.errors import Notice
from paraphe.core.etsi import BaselineLevel, SignatureFormat
from paraphe.core.reports.etsi_xml import (
    LOCAL_SCHEMAS,
    SCHEMA_PACKAGE,
    TSL,
    VR,
    NoSignatureToReport,
    etsi_validation_report,
    validate,
)
from paraphe.core.signing.request import SignRequest
from paraphe.core.timestamps.servers import tsa_servers
from paraphe.core.trust import load_certificates
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import (
    CertificateInfo,
    DetectedFormat,
    DocumentReport,
    RevocationInfo,
    RevocationStatus,
    SignatureReport,
    SignerIdentity,
    ValidationReport,
)
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from paraphe.core.xades_names import DS
from tests.conftest import SAMPLES
from tests.support.pki import TestPki
from tests.support.signing import sign_with

NS = {"vr": VR, "ds": DS, "tsl": TSL}
PDF = "Acte d'engagement.pdf"
TXT = "Mémoire technique.txt"
VERSION = "9.8.7"

FORMATS = {
    SignatureFormat.XADES: DetectedFormat.XADES,
    SignatureFormat.CADES: DetectedFormat.CADES,
    SignatureFormat.PADES: DetectedFormat.PADES,
}
CASES = {
    "passed": (Indication.TOTAL_PASSED, None),
    "failed": (Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE),
    "indeterminate": (Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND),
    "timestamped": (Indication.TOTAL_PASSED, None),
}


def _signed(pki: TestPki, folder: Path, fmt: SignatureFormat, case: str) -> Path:
    """A signature made for ``case``; the path to verify (the folder, or the signed PDF)."""
    folder.mkdir(parents=True)
    name = PDF if fmt is SignatureFormat.PADES else TXT
    document = folder / name
    document.write_bytes((SAMPLES / name).read_bytes())
    assert pki.tsa_url is not None
    level = BaselineLevel.B_T if case == "timestamped" else BaselineLevel.B_B
    request = SignRequest((document,), fmt, level=level, tsa=tsa_servers([pki.tsa_url]))
    persona = "untrusted" if case == "indeterminate" else "rsa"
    [result] = sign_with(pki, persona, request)
    if case == "failed":
        if fmt is SignatureFormat.PADES:
            data = result.output.read_bytes()
            assert data.count(b"ACTE D'ENGAGEMENT") == 1
            result.output.write_bytes(data.replace(b"ACTE D'ENGAGEMENT", b"ACTE D'ANNULATION"))
        else:
            document.write_text("Un autre mémoire.\n", encoding="utf-8")
    return result.output if fmt is SignatureFormat.PADES else folder


def _verify(pki: TestPki, path: Path) -> ValidationReport:
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)),
        trust_sources=(Notice("file {path} ({count})", pki.root_cert, count=1),),
    )
    return verify_paths([path], settings)


@pytest.fixture(scope="module")
def reports(
    pki: TestPki, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[SignatureFormat, str], ValidationReport]:
    """Every format in every case, signed and verified once for the module."""
    base = tmp_path_factory.mktemp("etsi-xml")
    return {
        (fmt, case): _verify(pki, _signed(pki, base / f"{fmt.value}-{case}", fmt, case))
        for fmt in FORMATS
        for case in CASES
    }


def _xml(report: ValidationReport) -> etree._Element:
    xml = etsi_validation_report(report, version=VERSION)
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert validate(xml) == []
    return etree.fromstring(xml, etree.XMLParser(no_network=True))


def _one(element: etree._Element, path: str) -> etree._Element:
    [found] = element.findall(path, NS)
    return found


def _time(text: str | None) -> dt.datetime:
    assert text is not None and text.endswith("Z")
    return dt.datetime.fromisoformat(text)


def _objects(root: etree._Element) -> dict[str, etree._Element]:
    return {o.get("id"): o for o in root.findall("vr:SignatureValidationObjects/*", NS)}


def _certificate_der(objects: dict[str, etree._Element], reference: str | None) -> bytes:
    assert reference is not None
    vo = objects[reference]
    assert _one(vo, "vr:ObjectType").text == "urn:etsi:019102:validationObject:certificate"
    return base64.b64decode(_one(vo, "vr:ValidationObjectRepresentation/vr:base64").text or "")


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_report_is_schema_valid_and_says_what_was_found(
    reports: dict[tuple[SignatureFormat, str], ValidationReport],
    pki: TestPki,
    fmt: SignatureFormat,
    case: str,
) -> None:
    report = reports[fmt, case]
    [signature] = report.all_signatures()
    assert signature.format is FORMATS[fmt]
    assert (signature.indication, signature.subindication) == CASES[case], signature.explanation

    root = _xml(report)

    single = _one(root, "vr:SignatureValidationReport")
    status = _one(single, "vr:SignatureValidationStatus")
    assert _one(status, "vr:MainIndication").text == signature.indication.urn
    expected_sub = [] if signature.subindication is None else [signature.subindication.urn]
    assert [s.text for s in status.findall("vr:SubIndication", NS)] == expected_sub
    assert _one(single, "vr:ValidationTimeInfo/vr:ValidationTime").text is not None
    assert _time(_one(single, "vr:ValidationTimeInfo/vr:ValidationTime").text) == (
        report.validation_time
    )

    claimed = single.find("vr:SignatureAttributes/vr:SigningTime", NS)
    if signature.signing_time is None:  # XAdES stops reading a signature whose digest fails
        assert (fmt, case) == (SignatureFormat.XADES, "failed") and claimed is None
    else:
        assert claimed is not None and claimed.get("Signed") == "true"
        assert _time(_one(claimed, "vr:Time").text) == signature.signing_time

    objects = _objects(root)
    information = single.find("vr:SignerInformation", NS)
    if signature.certificate is None:
        assert (fmt, case) == (SignatureFormat.XADES, "failed") and information is None
        signer_ref = None
    else:
        assert information is not None and signature.signer is not None
        assert _one(information, "vr:Signer").text == signature.signer.name
        signer_ref = _one(information, "vr:SignerCertificate").get("VOReference")
        assert _certificate_der(objects, signer_ref) == signature.certificate.der
        assert signer_ref == f"vo-certificate-{signature.certificate.sha256}"

    validator = _one(root, "vr:SignatureValidator/vr:DigitalId/tsl:Other")
    assert validator.text == f"Paraphe {VERSION}"

    chain = status.find("vr:AssociatedValidationReportData/vr:CertificateChain", NS)
    if case == "indeterminate" or signer_ref is None:
        assert chain is None  # no path to a trust anchor was found, or no signer known
    else:
        assert chain is not None
        assert _one(chain, "vr:SigningCertificate").get("VOReference") == signer_ref
        anchor = _one(chain, "vr:TrustAnchor").get("VOReference")
        root_der = pem.unarmor(pki.root_cert.read_bytes())[2]
        assert _certificate_der(objects, anchor) == root_der
        intermediates = [
            _certificate_der(objects, i.get("VOReference"))
            for i in chain.findall("vr:IntermediateCertificate", NS)
        ]
        assert intermediates == [pem.unarmor(pki.intermediate_cert.read_bytes())[2]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_timestamp_gives_the_best_signature_time_and_its_own_verdict(
    reports: dict[tuple[SignatureFormat, str], ValidationReport], fmt: SignatureFormat
) -> None:
    report = reports[fmt, "timestamped"]
    [signature] = report.all_signatures()
    [stamp] = signature.timestamps
    assert stamp.time is not None and signature.timestamp_time == stamp.time

    root = _xml(report)

    single = _one(root, "vr:SignatureValidationReport")
    best = _one(single, "vr:ValidationTimeInfo/vr:BestSignatureTime")
    assert _time(_one(best, "vr:POETime").text) == stamp.time
    assert _one(best, "vr:TypeOfProof").text == "urn:etsi:019102:poetype:validation"
    proof = _one(best, "vr:POEObject").get("VOReference")
    attribute = _one(single, "vr:SignatureAttributes/vr:SignatureTimeStamp")
    assert attribute.get("Signed") == "false"
    assert _time(_one(attribute, "vr:TimeStampValue").text) == stamp.time
    assert _one(attribute, "vr:AttributeObject").get("VOReference") == proof
    vo = _objects(root)[proof]
    assert _one(vo, "vr:ObjectType").text == "urn:etsi:019102:validationObject:timestamp"
    assert _one(vo, "vr:ValidationReport/vr:SignatureValidationStatus/vr:MainIndication").text == (
        Indication.TOTAL_PASSED.urn
    )
    process = _one(single, "vr:SignatureValidationProcess/vr:SignatureValidationProcessID")
    assert process.text == "urn:etsi:019102:validationprocess:LTVM"


def test_without_timestamp_the_best_signature_time_is_the_validation_time(
    reports: dict[tuple[SignatureFormat, str], ValidationReport],
) -> None:
    report = reports[SignatureFormat.CADES, "passed"]
    single = _one(_xml(report), "vr:SignatureValidationReport")
    assert _time(_one(single, "vr:ValidationTimeInfo/vr:BestSignatureTime/vr:POETime").text) == (
        report.validation_time
    )
    assert single.find("vr:ValidationTimeInfo/vr:BestSignatureTime/vr:POEObject", NS) is None
    process = _one(single, "vr:SignatureValidationProcess/vr:SignatureValidationProcessID")
    assert process.text == "urn:etsi:019102:validationprocess:Basic"


def test_every_signature_of_every_document_is_reported_and_shared_cas_listed_once(
    reports: dict[tuple[SignatureFormat, str], ValidationReport],
) -> None:
    merged = ValidationReport(validation_time=dt.datetime.now(dt.UTC))
    for report in reports.values():
        merged.documents.extend(report.documents)

    root = _xml(merged)

    signatures = merged.all_signatures()
    singles = root.findall("vr:SignatureValidationReport", NS)
    assert [_one(s, "vr:SignatureValidationStatus/vr:MainIndication").text for s in singles] == [
        s.indication.urn for s in signatures
    ]
    identifiers = [o.get("id") for o in root.findall("vr:SignatureValidationObjects/*", NS)]
    assert len(identifiers) == len(set(identifiers))
    certificates = {s.certificate.sha256 for s in signatures if s.certificate}
    certificates |= {c.sha256 for s in signatures for c in s.chain}
    assert {i for i in identifiers if i.startswith("vo-certificate-")} == {
        f"vo-certificate-{c}" for c in certificates
    }


def test_a_report_without_signature_has_no_ts_119_102_2_form() -> None:
    """The schema wants at least one SignatureValidationReport: nothing is written."""
    empty = ValidationReport(
        validation_time=dt.datetime.now(dt.UTC), unsigned_documents=[Path("Offre.pdf")]
    )
    with pytest.raises(NoSignatureToReport):
        etsi_validation_report(empty, version=VERSION)


def _certificate(name: str, der: bytes = b"") -> CertificateInfo:
    moment = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    return CertificateInfo(
        subject=name,
        issuer="CN=CA",
        serial="01",
        not_before=moment,
        not_after=moment,
        sha256=f"{len(name):064x}",
        der=der,
    )


def test_a_revoked_signer_a_name_xml_cannot_hold_and_a_certificate_without_bytes() -> None:
    """What real signatures of the module do not show: the revocation time, characters that
    are not XML (replaced), a certificate known by its fingerprint only, a naive time."""
    signer = _certificate("CN=Jean\x01Dupont")
    signature = SignatureReport(
        signature_path=Path("Offre.xml"),
        format=DetectedFormat.XADES,
        indication=Indication.INDETERMINATE,
        subindication=SubIndication.REVOKED_NO_POE,
        explanation="revoked",
        signature_id="id-\x02",
        signer=SignerIdentity(name="Jean\x01Dupont"),
        certificate=signer,
        chain=[signer, _certificate("CN=CA"), _certificate("CN=Root CA")],
        revocation=RevocationInfo(
            RevocationStatus.REVOKED, revoked_at=dt.datetime(2025, 6, 1, 12, 0)
        ),
    )
    report = ValidationReport(
        validation_time=dt.datetime(2025, 7, 1, tzinfo=dt.UTC),
        documents=[DocumentReport(Path("Offre.txt"), [signature])],
    )

    root = _xml(report)

    single = _one(root, "vr:SignatureValidationReport")
    assert _one(single, "vr:SignerInformation/vr:Signer").text == "Jean\ufffdDupont"
    assert _one(single, "vr:SignatureIdentifier/vr:DAIdentifier").text == "id-\ufffd"
    assert single.find("vr:SignatureAttributes", NS) is None  # nothing to say: left out
    data = _one(single, "vr:SignatureValidationStatus/vr:AssociatedValidationReportData")
    revoked = _one(data, "vr:RevocationStatusInformation")
    assert _one(revoked, "vr:RevocationTime").text == "2025-06-01T12:00:00Z"
    chain = _one(data, "vr:CertificateChain")
    assert _one(chain, "vr:TrustAnchor").get("VOReference") == (
        f"vo-certificate-{_certificate('CN=Root CA').sha256}"
    )
    signer_vo = _objects(root)[f"vo-certificate-{signer.sha256}"]
    digest = _one(signer_vo, "vr:ValidationObjectRepresentation/vr:DigestAlgAndValue")
    assert _one(digest, "ds:DigestMethod").get("Algorithm") == (
        "http://www.w3.org/2001/04/xmlenc#sha256"
    )
    assert base64.b64decode(_one(digest, "ds:DigestValue").text or "").hex() == signer.sha256


def test_validate_reports_what_breaks_the_schema() -> None:
    broken = (
        b'<vr:ValidationReport xmlns:vr="http://uri.etsi.org/19102/v1.4.1#">'
        b"<vr:SignatureValidationReport/></vr:ValidationReport>"
    )
    [error] = validate(broken)
    assert "SignatureValidationStatus" in error
    assert validate(b"<not xml") != []


def test_every_schema_import_has_a_local_copy() -> None:
    """No schemaLocation is ever fetched: each one the shipped schemas name maps to a file."""
    folder = resources.files(SCHEMA_PACKAGE)
    names = {p.name for p in folder.iterdir() if p.name.endswith(".xsd")}
    for name in names:
        text = (folder / name).read_text(encoding="utf-8")
        for location in re.findall(r'schemaLocation="([^"]+)"', text):
            last = location.rsplit("/", 1)[-1]
            assert LOCAL_SCHEMAS.get(last, last) in names, (name, location)
