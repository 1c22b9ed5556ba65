"""XAdES B-LTA: a XAdES 1.4.1 ArchiveTimeStamp added to a B-LT token by
``signing.xades_archive.add_archive_timestamp``, with a token from the test PKI's TSA; the result
checked against the ETSI schemas, by xmlsec1, by ``openssl ts -verify`` over an imprint this test
computes by hand from EN 319 132-1 5.5.2.2, and by our validator (online, offline, a tampered
document, a timestamp copied from another signature)."""

from __future__ import annotations

import base64
import copy
import hashlib
import shutil
from importlib import resources
from pathlib import Path

import pytest
from asn1crypto import cms
from lxml import etree

from paraphe.core.etsi import BaselineLevel, SignatureFormat
from paraphe.core.signing.request import SignRequest
from paraphe.core.signing.xades_archive import (
    ArchiveInput,
    DocumentFile,
    add_archive_timestamp,
    archive_input,
    check_archive_timestamps,
)
from paraphe.core.timestamps.client import TimestampService
from paraphe.core.timestamps.servers import tsa_servers
from paraphe.core.trust import load_certificates
from paraphe.core.validation.indications import Indication
from paraphe.core.validation.report import SignatureReport, TimestampKind
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from paraphe.core.validation.xades.structure import DocumentDigests
from paraphe.core.xades_names import DS, NS, XADES, XADES141
from tests.core.signing.test_xades_structure import _LocalSchemas
from tests.support.pki import TestPki
from tests.support.signing import sign_with
from tests.support.verdicts import HASH_FAILURE, PASSED, assert_verdict
from tests.support.verifiers import openssl_ts_verify, xmlsec1_verify

EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
_UNSIGNED = (
    "ds:Object/xades:QualifyingProperties/xades:UnsignedProperties/"
    "xades:UnsignedSignatureProperties"
)


def _b_lta(pki: TestPki, document: Path) -> Path:
    """Signed at B-LT in-process, then an archive timestamp added and the token rewritten."""
    assert pki.tsa_url is not None
    request = SignRequest(
        (document,), SignatureFormat.XADES, level=BaselineLevel.B_LT, tsa=tsa_servers([pki.tsa_url])
    )
    [result] = sign_with(pki, "rsa", request)
    root = etree.parse(str(result.output)).getroot()
    with TimestampService(tsa_servers([pki.tsa_url])) as timestamps:
        added = add_archive_timestamp(root, timestamps, "sha256", document)
    assert added.getparent() is root.find(_UNSIGNED, NS)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    assert check_archive_timestamps(data, document) is None
    result.output.write_bytes(data)
    return result.output


def _verify(pki: TestPki, path: Path, offline: bool = False) -> SignatureReport:
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)), trust_sources=(), offline=offline
    )
    [report] = verify_paths([path], settings).all_signatures()
    return report


def _archive_token(root: etree._Element) -> cms.ContentInfo:
    [stamp] = root.findall(f"{_UNSIGNED}/{{{XADES141}}}ArchiveTimeStamp", NS)
    text = stamp.findtext(f"{{{XADES}}}EncapsulatedTimeStamp")
    return cms.ContentInfo.load(base64.b64decode(text or ""))


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "Offre" / "Mémoire technique.txt"
    path.parent.mkdir()
    path.write_text("Offre, lot 2\n", encoding="utf-8")
    return path


@pytest.fixture
def token(pki: TestPki, document: Path) -> Path:
    return _b_lta(pki, document)


def test_b_lta_structure_against_the_1_3_2_and_1_4_1_schemas(pki: TestPki, token: Path) -> None:
    root = etree.parse(str(token)).getroot()
    unsigned = root.find(_UNSIGNED, NS)
    names = [etree.QName(child).localname for child in unsigned]
    assert names == [
        "SignatureTimeStamp",
        "CertificateValues",
        "RevocationValues",
        "TimeStampValidationData",
        "ArchiveTimeStamp",
    ]
    stamp = unsigned[-1]
    assert etree.QName(stamp).namespace == XADES141
    assert stamp.find("ds:CanonicalizationMethod", NS).get("Algorithm") == EXC_C14N

    xsd = Path(str(resources.files("paraphe.resources.schemas")))
    wrapper = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <xsd:import namespace="{DS}" schemaLocation="{(xsd / "xmldsig-core-schema.xsd").as_uri()}"/>
      <xsd:import namespace="{XADES}"
                  schemaLocation="{(xsd / "XAdES01903v132-202407.xsd").as_uri()}"/>
      <xsd:import namespace="{XADES141}"
                  schemaLocation="{(xsd / "XAdES01903v141-202407.xsd").as_uri()}"/>
    </xsd:schema>"""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas(xsd))
    schema = etree.XMLSchema(etree.fromstring(wrapper.encode(), parser, base_url=str(xsd) + "/"))
    assert schema.validate(root), schema.error_log
    # ds:Object content is validated laxly: make sure the 1.4.1 ArchiveTimeStamp was checked
    broken = etree.fromstring(etree.tostring(root))
    broken_stamp = broken.find(f".//{{{XADES141}}}ArchiveTimeStamp")
    etree.SubElement(broken_stamp, f"{{{XADES}}}Bogus")
    assert not schema.validate(broken)
    checked = xmlsec1_verify(token, pki.root_cert, pki.intermediate_cert)
    assert checked.returncode == 0, checked.stderr


def test_archive_token_is_over_the_en_319_132_input(
    pki: TestPki, token: Path, document: Path, tmp_path: Path
) -> None:
    """The input written out by hand (EN 319 132-1 5.5.2.2): each reference's data (the raw
    document, then the exclusive c14n of SignedProperties and KeyInfo, as their transforms say),
    SignedInfo, SignatureValue, KeyInfo, the unsigned properties before the timestamp, and no
    other ds:Object (this token has none)."""
    root = etree.fromstring(token.read_bytes())

    def c14n(element: etree._Element) -> bytes:
        return etree.tostring(element, method="c14n", exclusive=True, with_comments=False)

    def by_id(value: str) -> etree._Element:
        [found] = root.xpath("//*[@Id=$value]", value=value)
        return found

    references = root.findall("ds:SignedInfo/ds:Reference", NS)
    assert [r.get("URI", "")[:1] for r in references] == ["M", "#", "#"]
    assert len(root.findall("ds:Object", NS)) == 1  # the one holding QualifyingProperties
    unsigned = root.find(_UNSIGNED, NS)
    imprint_input = (
        document.read_bytes()
        + c14n(by_id(references[1].get("URI")[1:]))
        + c14n(by_id(references[2].get("URI")[1:]))
        + c14n(root.find("ds:SignedInfo", NS))
        + c14n(root.find("ds:SignatureValue", NS))
        + c14n(root.find("ds:KeyInfo", NS))
        + b"".join(c14n(child) for child in list(unsigned)[:-1])
    )
    assert b"<xades:SignedProperties" in imprint_input
    assert b"TimeStampValidationData" in imprint_input
    imprint = hashlib.sha256(imprint_input).digest()

    archive = _archive_token(root)
    info = archive["content"]["encap_content_info"]["content"].parsed
    assert info["message_imprint"]["hash_algorithm"]["algorithm"].native == "sha256"
    assert info["message_imprint"]["hashed_message"].native == imprint
    checked = openssl_ts_verify(
        archive.dump(), imprint, pki.root_cert, pki.intermediate_cert, tmp_path
    )
    assert "Verification: OK" in checked.stdout, checked.stdout + checked.stderr


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_validator_sees_b_lta_and_a_valid_archive_timestamp(
    pki: TestPki, token: Path, offline: bool
) -> None:
    report = _verify(pki, token, offline=offline)
    assert_verdict(report, PASSED, level="B-LTA")
    kinds = [(t.kind, t.indication) for t in report.timestamps]
    assert kinds == [
        (TimestampKind.SIGNATURE, Indication.TOTAL_PASSED),
        (TimestampKind.ARCHIVE, Indication.TOTAL_PASSED),
    ]
    archive = report.timestamps[-1]
    assert archive.time is not None and archive.tsa is not None
    assert report.timestamp_time is not None and report.timestamp_time <= archive.time
    assert any(c.name == "archive timestamp" and c.passed for c in report.checks)


def test_a_tampered_document_fails_the_signature_and_its_archive_timestamp(
    pki: TestPki, token: Path, document: Path
) -> None:
    document.write_text("Offre, lot 3\n", encoding="utf-8")
    report = _verify(pki, token)
    assert_verdict(report, HASH_FAILURE)
    [archive] = [t for t in report.timestamps if t.kind is TimestampKind.ARCHIVE]
    assert archive.indication is Indication.TOTAL_FAILED
    assert archive.time is None
    assert "imprint" in archive.detail
    [signature_stamp] = [t for t in report.timestamps if t.kind is TimestampKind.SIGNATURE]
    assert signature_stamp.indication is Indication.TOTAL_PASSED  # over the signature value only


def test_an_archive_timestamp_copied_from_another_signature_proves_nothing(
    pki: TestPki, token: Path, document: Path, tmp_path: Path
) -> None:
    other_document = tmp_path / "Other" / "BPU.txt"
    other_document.parent.mkdir()
    shutil.copy(document, other_document)  # same content: only the signature differs
    other = _b_lta(pki, other_document)
    other_stamp = (
        etree.parse(str(other)).getroot().find(f"{_UNSIGNED}/{{{XADES141}}}ArchiveTimeStamp", NS)
    )

    root = etree.parse(str(token)).getroot()
    own = root.find(f"{_UNSIGNED}/{{{XADES141}}}ArchiveTimeStamp", NS)
    own.getparent().replace(own, copy.deepcopy(other_stamp))
    token.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))

    report = _verify(pki, token)
    assert_verdict(report, PASSED, level="B-LTA")
    [archive] = [t for t in report.timestamps if t.kind is TimestampKind.ARCHIVE]
    assert archive.indication is Indication.TOTAL_FAILED
    assert archive.time is None
    assert "imprint" in archive.detail
    assert any(c.name == "archive timestamp" and c.passed is False for c in report.checks)
    assert check_archive_timestamps(token.read_bytes(), document) is not None


def test_the_document_streams_give_the_same_input_with_or_without_a_prefix(
    token: Path, document: Path
) -> None:
    """Signing streams the file (DocumentFile); validation keeps the state its digest left
    (DocumentDigests): both, with and without data before the document, hash the same bytes."""
    root = etree.fromstring(token.read_bytes())
    stamp = root.find(f"{_UNSIGNED}/{{{XADES141}}}ArchiveTimeStamp", NS)
    ours = archive_input(root, stamp, EXC_C14N)
    assert ours.before_document == b""
    raw = document.read_bytes()
    digests = DocumentDigests(document)
    assert digests.digest("sha256") == hashlib.sha256(raw).digest()
    for parts in (ours, ArchiveInput(b"<before/>", b"<after/>")):
        expected = hashlib.sha384(parts.before_document + raw + parts.after_document).digest()
        assert parts.digest("sha384", DocumentFile(document)) == expected
        assert parts.digest("sha384", digests) == expected
    assert digests.digest("sha256") == hashlib.sha256(raw).digest()  # the kept state unchanged


def test_an_archive_timestamp_older_than_the_signature_timestamp_is_an_order_failure(
    pki: TestPki, document: Path
) -> None:
    """A TSA whose clock says ten days ago: the archive timestamp would predate what it covers."""
    import datetime as dt

    from paraphe.core.validation.indications import Indication, SubIndication
    from tests.support.fake_tsa import TsaInThePast

    assert pki.tsa_url is not None
    request = SignRequest(
        (document,), SignatureFormat.XADES, level=BaselineLevel.B_LT, tsa=tsa_servers([pki.tsa_url])
    )
    [result] = sign_with(pki, "rsa", request)
    root = etree.parse(str(result.output)).getroot()
    past = TsaInThePast(pki, dt.datetime.now(dt.UTC) - dt.timedelta(days=10))
    add_archive_timestamp(root, past, "sha256", document)  # type: ignore[arg-type]
    result.output.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))

    report = _verify(pki, result.output)
    assert (report.indication, report.subindication) == (
        Indication.INDETERMINATE,
        SubIndication.TIMESTAMP_ORDER_FAILURE,
    )
    assert [c.passed for c in report.checks if c.name == "order of the timestamps"] == [False]
