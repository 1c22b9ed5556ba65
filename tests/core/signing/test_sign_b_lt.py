"""Level B-LT in the three formats: the signer's and the TSA's paths and revocation data in the
signature, where each standard puts them, and a validation that needs no network; checked by
tools we did not write (openssl cms, xmlsec1, pdfsig, pyHanko's CLI) and the ETSI schemas."""

from __future__ import annotations

import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest
from asn1crypto import cms
from lxml import etree
from pyhanko.pdf_utils.reader import PdfFileReader

from paraphe.core.errors import ValidationDataUnavailable
from paraphe.core.etsi import BaselineLevel, SignatureFormat
from paraphe.core.signing.request import SignRequest
from paraphe.core.timestamps.servers import tsa_servers
from paraphe.core.trust import load_certificates
from paraphe.core.validation.indications import SubIndication
from paraphe.core.validation.report import RevocationSource, SignatureReport
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from paraphe.core.xades_names import DS, NS, XADES, XADES141
from tests.conftest import SAMPLES
from tests.core.signing.test_xades_structure import _LocalSchemas
from tests.support.pki import TestPki, build_test_pki
from tests.support.signing import sign_with
from tests.support.third_party import PYHANKO_CLI
from tests.support.verdicts import PASSED, assert_verdict
from tests.support.verifiers import openssl_cms_verify, pdfsig, xmlsec1_verify

PDF = "Acte d'engagement.pdf"


def _signed(pki: TestPki, document: Path, fmt: SignatureFormat, level: BaselineLevel) -> Path:
    assert pki.tsa_url is not None
    request = SignRequest((document,), fmt, level=level, tsa=tsa_servers([pki.tsa_url]))
    [result] = sign_with(pki, "rsa", request)
    return result.output


def _verify(pki: TestPki, path: Path, offline: bool) -> SignatureReport:
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)), trust_sources=(), offline=offline
    )
    [report] = verify_paths([path], settings).all_signatures()
    return report


@pytest.fixture
def text(tmp_path: Path) -> Path:
    path = tmp_path / "Mémoire technique.txt"
    path.write_text("Offre, lot 2\n", encoding="utf-8")
    return path


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / PDF
    shutil.copy(SAMPLES / PDF, path)
    return path


@pytest.mark.parametrize(
    "fmt", [SignatureFormat.XADES, SignatureFormat.CADES, SignatureFormat.PADES]
)
def test_b_lt_validates_offline_and_b_t_does_not(
    fmt: SignatureFormat, pki: TestPki, text: Path, pdf: Path
) -> None:
    document = pdf if fmt is SignatureFormat.PADES else text
    long_term = _signed(pki, document, fmt, BaselineLevel.B_LT)
    report = _verify(pki, long_term, offline=True)
    assert_verdict(report, PASSED, level="B-LT")
    assert report.timestamp_time is not None
    assert report.revocation is not None
    assert report.revocation.source is RevocationSource.EMBEDDED

    again = pdf.with_name("again.pdf") if fmt is SignatureFormat.PADES else text
    if fmt is SignatureFormat.PADES:
        shutil.copy(pdf, again)
    timestamped_only = _signed(pki, again, fmt, BaselineLevel.B_T)
    assert _verify(pki, timestamped_only, offline=True).subindication is SubIndication.TRY_LATER


def test_xades_b_lt_structure_against_the_1_3_2_and_1_4_1_schemas(pki: TestPki, text: Path) -> None:
    token = _signed(pki, text, SignatureFormat.XADES, BaselineLevel.B_LT)
    root = etree.parse(str(token)).getroot()
    unsigned = root.find(
        "ds:Object/xades:QualifyingProperties/xades:UnsignedProperties/"
        "xades:UnsignedSignatureProperties",
        NS,
    )
    names = [etree.QName(child).localname for child in unsigned]
    assert names == [
        "SignatureTimeStamp",
        "CertificateValues",
        "RevocationValues",
        "TimeStampValidationData",
    ]
    assert unsigned.findall(
        "xades:RevocationValues/xades:OCSPValues/xades:EncapsulatedOCSPValue", NS
    )
    tsa_data = unsigned.find(f"{{{XADES141}}}TimeStampValidationData")
    assert tsa_data.find("xades:RevocationValues", NS) is not None

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
    # ds:Object content is validated laxly: make sure the 1.4.1 part really was checked
    broken = etree.fromstring(etree.tostring(root))
    broken_data = broken.find(f".//{{{XADES141}}}TimeStampValidationData")
    etree.SubElement(broken_data, f"{{{XADES}}}Bogus")
    assert not schema.validate(broken)
    checked = xmlsec1_verify(token, pki.root_cert, pki.intermediate_cert)
    assert checked.returncode == 0, checked.stderr


def test_cades_b_lt_puts_the_data_in_signed_data(pki: TestPki, text: Path) -> None:
    token = _signed(pki, text, SignatureFormat.CADES, BaselineLevel.B_LT)
    signed_data = cms.ContentInfo.load(token.read_bytes())["content"]
    kinds = [choice.name for choice in signed_data["crls"]]
    others = [
        c.chosen["other_rev_info_format"].dotted for c in signed_data["crls"] if c.name == "other"
    ]
    assert others and set(others) == {"1.3.6.1.5.5.7.16.2"}  # id-ri-ocsp-response
    assert "crl" in kinds  # the intermediate's status comes from the root's CRL
    subjects = {c.chosen.subject.native["common_name"] for c in signed_data["certificates"]}
    assert {"Paraphe Test Qualified CA", "Paraphe Test Root CA", "Paraphe Test TSA"} <= subjects
    [signer_info] = signed_data["signer_infos"]
    assert [a["type"].native for a in signer_info["unsigned_attrs"]] == [
        "signature_time_stamp_token"
    ]
    checked = openssl_cms_verify(token, text, pki.root_cert)
    assert checked.returncode == 0, checked.stderr


def test_pades_b_lt_has_a_document_security_store_tools_accept(
    pki: TestPki, nssdir: str, pdf: Path
) -> None:
    signed = _signed(pki, pdf, SignatureFormat.PADES, BaselineLevel.B_LT)
    with signed.open("rb") as handle:
        reader = PdfFileReader(handle)
        dss = reader.root["/DSS"]
        assert "/OCSPs" in dss and "/Certs" in dss
    shown = pdfsig(signed, nssdir)
    assert "Signature is Valid" in shown.stdout, shown.stdout
    validated = subprocess.run(
        [str(PYHANKO_CLI), "sign", "validate", "--trust", str(pki.root_cert), str(signed)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_without_revocation_data_to_fetch_nothing_is_signed(tmp_path: Path, text: Path) -> None:
    """The TSA answers (served) but the certificates point at a responder that is down."""
    served = build_test_pki(tmp_path / "served", serve=True)
    unserved = build_test_pki(tmp_path / "unserved")  # its OCSP and CRL URLs lead nowhere
    try:
        assert served.tsa_url is not None
        request = SignRequest(
            (text,),
            SignatureFormat.CADES,
            level=BaselineLevel.B_LT,
            tsa=tsa_servers([served.tsa_url]),
        )
        with pytest.raises(ValidationDataUnavailable):
            sign_with(unserved, "rsa", request)
        assert sorted(p.name for p in text.parent.iterdir() if p.is_file()) == [text.name]
    finally:
        served.close()


def test_a_revoked_certificate_cannot_sign_at_b_lt(pki: TestPki, text: Path) -> None:
    """Its revocation data says "revoked": the signer learns it now, not the buyer later."""
    assert pki.tsa_url is not None
    request = SignRequest(
        (text,), SignatureFormat.CADES, level=BaselineLevel.B_LT, tsa=tsa_servers([pki.tsa_url])
    )
    with pytest.raises(ValidationDataUnavailable, match="revoked"):
        sign_with(pki, "revoked", request)
    assert sorted(p.name for p in text.parent.iterdir() if p.is_file()) == [text.name]
