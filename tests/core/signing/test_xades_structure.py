"""The XAdES baseline B-B element list (EN 319 132-1), so a regression in signed properties fails."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from importlib import resources
from pathlib import Path

import pytest
from asn1crypto import cms as asn1_cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from lxml import etree

from paraphe.core.signing.request import SignatureFormat, SignRequest
from tests.support.pki import TestPki
from tests.support.signing import sign_with

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
NS = {"ds": DS, "xades": XADES}
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"


@pytest.fixture
def token(pki: TestPki, tmp_path: Path) -> tuple[etree._Element, Path]:
    document = tmp_path / "Acte d'engagement n°1.pdf"
    document.write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    results = sign_with(pki, "rsa", SignRequest((document,), SignatureFormat.XADES))
    assert results[0].output == tmp_path / "Acte d'engagement n°1.pdf - Signature 1.xml"
    return etree.fromstring(results[0].output.read_bytes()), document


def only(root: etree._Element, path: str) -> etree._Element:
    found = root.findall(path, NS)
    assert len(found) == 1, f"{path}: {len(found)} elements"
    return found[0]


def test_document_reference_names_the_file_with_the_raw_bytes_digest(token) -> None:
    root, document = token
    references = root.findall("ds:SignedInfo/ds:Reference", NS)
    assert len(references) == 3
    doc_ref = references[0]
    assert doc_ref.get("URI") == "Acte%20d%27engagement%20n%C2%B01.pdf"
    assert doc_ref.find("ds:Transforms", NS) is None, "a detached file is hashed as raw bytes"
    assert only(doc_ref, "ds:DigestMethod").get("Algorithm").endswith("#sha256")
    digest = base64.b64decode(only(doc_ref, "ds:DigestValue").text)
    assert digest == hashlib.sha256(document.read_bytes()).digest()
    signed_props_ref = references[1]
    assert signed_props_ref.get("Type") == "http://uri.etsi.org/01903#SignedProperties"
    assert only(signed_props_ref, "ds:Transforms/ds:Transform").get("Algorithm") == EXC_C14N
    signed_props = only(root, "ds:Object/xades:QualifyingProperties/xades:SignedProperties")
    assert signed_props_ref.get("URI") == "#" + signed_props.get("Id")
    assert only(root, "ds:Object/xades:QualifyingProperties").get("Target") == "#" + root.get("Id")


def test_signed_properties_hold_exactly_the_baseline_b_elements(token, pki: TestPki) -> None:
    root, _ = token
    props = only(root, "ds:Object/xades:QualifyingProperties/xades:SignedProperties")
    ssp = only(props, "xades:SignedSignatureProperties")
    assert [etree.QName(child).localname for child in ssp] == [
        "SigningTime",
        "SigningCertificateV2",
    ]
    signing_time = dt.datetime.fromisoformat(only(ssp, "xades:SigningTime").text)
    assert abs(signing_time - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    cert = x509.load_pem_x509_certificate(pki.cert("rsa").read_bytes())
    cert_node = only(ssp, "xades:SigningCertificateV2/xades:Cert")
    digest = base64.b64decode(only(cert_node, "xades:CertDigest/ds:DigestValue").text)
    assert digest == hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).digest()
    issuer_serial = asn1_cms.IssuerSerial.load(
        base64.b64decode(only(cert_node, "xades:IssuerSerialV2").text)
    )
    assert issuer_serial["serial"].native == cert.serial_number
    issuer = asn1_x509.Name.load(cert.issuer.public_bytes())
    assert issuer_serial["issuer"][0].name == "directory_name"
    assert issuer_serial["issuer"][0].chosen.native == issuer.native
    dop = only(props, "xades:SignedDataObjectProperties")
    formats = dop.findall("xades:DataObjectFormat", NS)
    assert len(formats) == 1
    doc_ref = root.findall("ds:SignedInfo/ds:Reference", NS)[0]
    assert formats[0].get("ObjectReference") == "#" + doc_ref.get("Id")
    assert only(formats[0], "xades:MimeType").text == "application/pdf"
    assert root.find("ds:Object/xades:QualifyingProperties/xades:UnsignedProperties", NS) is None


def test_key_info_carries_the_signing_certificate_and_chain(token, pki: TestPki) -> None:
    root, _ = token
    certs = [
        x509.load_der_x509_certificate(base64.b64decode(node.text))
        for node in root.findall("ds:KeyInfo/ds:X509Data/ds:X509Certificate", NS)
    ]
    signer = x509.load_pem_x509_certificate(pki.cert("rsa").read_bytes())
    intermediate = x509.load_pem_x509_certificate(pki.intermediate_cert.read_bytes())
    assert certs[0] == signer
    assert intermediate in certs
    assert root.find("ds:KeyInfo/ds:KeyValue", NS) is None
    assert only(root, "ds:SignedInfo/ds:CanonicalizationMethod").get("Algorithm") == EXC_C14N


class _LocalSchemas(etree.Resolver):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        name = url.rsplit("/", 1)[-1]
        local = self.folder / name
        if local.is_file():
            return self.resolve_filename(str(local), context)
        return None


def test_token_is_valid_against_the_etsi_xades_and_w3c_schemas(token) -> None:
    root, _ = token
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
    # ds:Object content is validated laxly: make sure the XAdES part really was checked.
    props = root.find("ds:Object/xades:QualifyingProperties", NS)
    broken = etree.fromstring(etree.tostring(root))
    broken_props = broken.find("ds:Object/xades:QualifyingProperties/xades:SignedProperties", NS)
    etree.SubElement(broken_props, f"{{{XADES}}}Bogus")
    assert props is not None and not schema.validate(broken)
