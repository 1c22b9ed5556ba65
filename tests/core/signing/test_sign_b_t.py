"""Level B-T in the three formats: a signature timestamp from the test PKI's TSA, over the right
bytes, checked by tools we did not write (openssl ts, openssl cms, xmlsec1, pdfsig, pyHanko's
CLI), the XAdES token still valid against the ETSI schemas, and our validator seeing B-T."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import subprocess
from importlib import resources
from pathlib import Path

import pytest
from asn1crypto import cms, tsp
from lxml import etree
from pyhanko.pdf_utils.reader import PdfFileReader

from paraphe.core.errors import Notice
from paraphe.core.etsi import BaselineLevel, SignatureFormat
from paraphe.core.signing.request import SignRequest
from paraphe.core.timestamps.servers import tsa_servers
from paraphe.core.trust import load_certificates
from paraphe.core.validation.report import DetectedFormat
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from paraphe.core.xades_names import DS, NS, XADES
from tests.conftest import SAMPLES
from tests.core.signing.test_xades_structure import _LocalSchemas
from tests.support.pki import TestPki
from tests.support.signing import sign_with
from tests.support.third_party import PYHANKO_CLI
from tests.support.verdicts import PASSED, assert_verdict
from tests.support.verifiers import (
    openssl_cms_verify,
    openssl_ts_verify,
    pdfsig,
    xmlsec1_verify,
)

EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"


def _b_t(pki: TestPki, document: Path, fmt: SignatureFormat, digest: str = "sha256") -> Path:
    assert pki.tsa_url is not None
    request = SignRequest(
        (document,),
        fmt,
        level=BaselineLevel.B_T,
        digest_algorithm=digest,
        tsa=tsa_servers([pki.tsa_url]),
    )
    [result] = sign_with(pki, "rsa", request)
    return result.output


def _tst_info(token: cms.ContentInfo) -> tsp.TSTInfo:
    return token["content"]["encap_content_info"]["content"].parsed


def _assert_fresh(token: cms.ContentInfo, imprint: bytes, digest: str) -> None:
    info = _tst_info(token)
    assert info["message_imprint"]["hash_algorithm"]["algorithm"].native == digest
    assert info["message_imprint"]["hashed_message"].native == imprint
    assert abs(info["gen_time"].native - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def _openssl_ts_ok(pki: TestPki, token: cms.ContentInfo, imprint: bytes, folder: Path) -> None:
    checked = openssl_ts_verify(token.dump(), imprint, pki.root_cert, pki.intermediate_cert, folder)
    assert "Verification: OK" in checked.stdout, checked.stdout + checked.stderr


def _verify(pki: TestPki, path: Path):  # type: ignore[no-untyped-def]
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)),
        trust_sources=(Notice("file {path} ({count})", pki.root_cert, count=1),),
    )
    [signature] = verify_paths([path], settings).all_signatures()
    return signature


@pytest.mark.parametrize("digest", ["sha256", "sha384"])
def test_xades_b_t_timestamps_the_canonical_signature_value(
    digest: str, pki: TestPki, tmp_path: Path
) -> None:
    document = tmp_path / "Mémoire technique.txt"
    document.write_text("Offre — lot 2\n", encoding="utf-8")
    token_path = _b_t(pki, document, SignatureFormat.XADES, digest)
    root = etree.parse(str(token_path)).getroot()

    [stamp] = root.findall(
        "ds:Object/xades:QualifyingProperties/xades:UnsignedProperties/"
        "xades:UnsignedSignatureProperties/xades:SignatureTimeStamp",
        NS,
    )
    assert stamp.find("ds:CanonicalizationMethod", NS).get("Algorithm") == EXC_C14N
    token = cms.ContentInfo.load(
        base64.b64decode(stamp.findtext("xades:EncapsulatedTimeStamp", namespaces=NS))
    )
    signature_value = root.find("ds:SignatureValue", NS)
    canonical = etree.tostring(signature_value, method="c14n", exclusive=True)
    imprint = hashlib.new(digest, canonical).digest()
    _assert_fresh(token, imprint, digest)
    _openssl_ts_ok(pki, token, imprint, tmp_path)

    # the signed part is untouched: xmlsec1 checks the base signature, the schemas the whole
    base = xmlsec1_verify(token_path, pki.root_cert, pki.intermediate_cert)
    assert base.returncode == 0, base.stderr
    xsd = Path(str(resources.files("paraphe.resources.schemas")))
    wrapper = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <xsd:import namespace="{DS}" schemaLocation="{(xsd / "xmldsig-core-schema.xsd").as_uri()}"/>
      <xsd:import namespace="{XADES}"
                  schemaLocation="{(xsd / "XAdES01903v132-202407.xsd").as_uri()}"/>
    </xsd:schema>"""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas(xsd))
    schema = etree.XMLSchema(etree.fromstring(wrapper.encode(), parser, base_url=str(xsd) + "/"))
    assert schema.validate(root), schema.error_log

    assert_verdict(_verify(pki, token_path), PASSED, format=DetectedFormat.XADES, level="B-T")


def test_cades_b_t_has_a_signature_time_stamp_over_the_signature_value(
    pki: TestPki, tmp_path: Path
) -> None:
    document = tmp_path / "BPU.ods"
    document.write_bytes((SAMPLES / "BPU.ods").read_bytes())
    token_path = _b_t(pki, document, SignatureFormat.CADES)
    [signer_info] = cms.ContentInfo.load(token_path.read_bytes())["content"]["signer_infos"]

    unsigned = {a["type"].dotted: a["values"] for a in signer_info["unsigned_attrs"]}
    assert list(unsigned) == ["1.2.840.113549.1.9.16.2.14"]  # signature-time-stamp, alone
    [token] = unsigned["1.2.840.113549.1.9.16.2.14"]
    imprint = hashlib.sha256(signer_info["signature"].native).digest()
    _assert_fresh(token, imprint, "sha256")
    _openssl_ts_ok(pki, token, imprint, tmp_path)
    checked = openssl_cms_verify(token_path, document, pki.root_cert)
    assert checked.returncode == 0, checked.stderr

    assert_verdict(_verify(pki, token_path), PASSED, format=DetectedFormat.CADES, level="B-T")


def test_pades_b_t_is_accepted_by_pdfsig_and_pyhanko(
    pki: TestPki, nssdir: str, tmp_path: Path
) -> None:
    document = tmp_path / "Acte d'engagement.pdf"
    document.write_bytes((SAMPLES / "Acte d'engagement.pdf").read_bytes())
    signed = _b_t(pki, document, SignatureFormat.PADES)
    with signed.open("rb") as handle:
        [embedded] = PdfFileReader(handle).embedded_signatures
        signer_info = embedded.signer_info
        [token] = [
            a["values"][0]
            for a in signer_info["unsigned_attrs"]
            if a["type"].native == "signature_time_stamp_token"
        ]
        imprint = hashlib.sha256(signer_info["signature"].native).digest()
    _assert_fresh(token, imprint, "sha256")
    _openssl_ts_ok(pki, token, imprint, tmp_path)

    shown = pdfsig(signed, nssdir)
    assert "Signature Validation: Signature is Valid." in shown.stdout, shown.stdout
    validated = subprocess.run(
        [
            str(PYHANKO_CLI),
            "sign",
            "validate",
            "--pretty-print",
            "--trust",
            str(pki.root_cert),
            "--other-certs",
            str(pki.intermediate_cert),
            str(signed),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "timestamp" in validated.stdout.lower(), validated.stdout

    assert_verdict(_verify(pki, signed), PASSED, format=DetectedFormat.PADES, level="B-T")
