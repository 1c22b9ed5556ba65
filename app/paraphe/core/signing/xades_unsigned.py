"""XAdES unsigned properties, which signxml does not write: the signature timestamp (B-T) and
the validation data (B-LT).

EN 319 132-1, 5.3: ``xades:SignatureTimeStamp`` in ``xades:UnsignedSignatureProperties``, whose
RFC 3161 token timestamps the digest of the canonicalised ``ds:SignatureValue`` element (the
canonicalisation named by its ``ds:CanonicalizationMethod``). Built with lxml on the token signxml
wrote; nothing signed is touched, so the signature stays valid.
"""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from lxml import etree

from ..xades_names import DS, XADES, XADES141

if TYPE_CHECKING:
    from ..timestamps.client import TimestampService
    from ..validation_data.collect import ValidationData

EXCLUSIVE_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"


def signature_value_digest(root: etree._Element, md_algorithm: str) -> bytes:
    """What a SignatureTimeStamp's token timestamps: the hash of the exclusive c14n of
    ``ds:SignatureValue``."""
    signature_value = root.find(f"{{{DS}}}SignatureValue")
    if signature_value is None:
        raise ValueError("no ds:SignatureValue")
    canonical = etree.tostring(signature_value, method="c14n", exclusive=True, with_comments=False)
    return hashlib.new(md_algorithm, canonical).digest()


def add_signature_timestamp(
    token_xml: bytes,
    timestamps: TimestampService,
    md_algorithm: str,
    signer_for_lt: asn1_x509.Certificate | None = None,
) -> bytes:
    """``token_xml`` (our own token, just signed) with a SignatureTimeStamp over its signature
    value (and, with ``signer_for_lt``, the validation data of B-LT)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    root = etree.fromstring(token_xml, parser)
    return add_signature_timestamp_to(root, timestamps, md_algorithm, signer_for_lt)


def add_signature_timestamp_to(
    root: etree._Element,
    timestamps: TimestampService,
    md_algorithm: str,
    signer_for_lt: asn1_x509.Certificate | None = None,
) -> bytes:
    """The parsed token ``root`` with a SignatureTimeStamp added, and with ``signer_for_lt``
    the validation data of B-LT, serialised."""
    timestamp = timestamps.timestamp(signature_value_digest(root, md_algorithm), md_algorithm)
    _signature_time_stamp(root, _unsigned_signature_properties(root), timestamp)
    if signer_for_lt is not None:
        add_validation_data_to(root, timestamps, signer_for_lt)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def add_validation_data_to(
    root: etree._Element, timestamps: TimestampService, signer: asn1_x509.Certificate
) -> None:
    """B-LT (EN 319 132-1, 5.5): the signer's path and revocation data in CertificateValues and
    RevocationValues (the certificates already in ds:KeyInfo are not repeated), each signature
    timestamp's in a XAdES 1.4.1 TimeStampValidationData after it."""
    from pyhanko.sign.validation.generic_cms import extract_certs_for_validation

    properties = _unsigned_signature_properties(root)
    in_key_info = [
        asn1_x509.Certificate.load(base64.b64decode(e.text or ""))
        for e in root.iterfind(f"{{{DS}}}KeyInfo/{{{DS}}}X509Data/{{{DS}}}X509Certificate")
    ]
    present = {c.dump() for c in in_key_info}
    signer_data = timestamps.validation_data([signer], in_key_info)
    _append_values(properties, properties, signer_data, present)
    for token_der in signature_timestamps(root):
        token = cms.ContentInfo.load(token_der)["content"]
        token_certs = [c.chosen for c in token["certificates"] or () if c.name == "certificate"]
        tsa = extract_certs_for_validation(token).signer_cert
        tsa_data = timestamps.validation_data([tsa], token_certs)
        holder = etree.SubElement(
            properties, f"{{{XADES141}}}TimeStampValidationData", nsmap={"xades141": XADES141}
        )
        _append_values(holder, properties, tsa_data, present | {c.dump() for c in token_certs})


def _append_values(
    parent: etree._Element, properties: etree._Element, data: ValidationData, present: set[bytes]
) -> None:
    certificates = [c for c in data.certificates if c.dump() not in present]
    if certificates:
        values = etree.SubElement(parent, f"{{{XADES}}}CertificateValues")
        for certificate in certificates:
            _encapsulated(values, "EncapsulatedX509Certificate", certificate.dump())
            present.add(certificate.dump())
    if data.crls or data.ocsps:
        revocation = etree.SubElement(parent, f"{{{XADES}}}RevocationValues")
        if data.crls:
            crl_values = etree.SubElement(revocation, f"{{{XADES}}}CRLValues")
            for crl_data in data.crls:
                _encapsulated(crl_values, "EncapsulatedCRLValue", crl_data.dump())
        if data.ocsps:
            ocsp_values = etree.SubElement(revocation, f"{{{XADES}}}OCSPValues")
            for response in data.ocsps:
                _encapsulated(ocsp_values, "EncapsulatedOCSPValue", response.dump())


def _encapsulated(parent: etree._Element, name: str, der: bytes) -> None:
    etree.SubElement(parent, f"{{{XADES}}}{name}").text = base64.b64encode(der).decode("ascii")


def signed_parts(root: etree._Element) -> bytes:
    """The token without its unsigned properties, canonicalised: what adding a timestamp must
    leave exactly as it was."""
    copy = etree.fromstring(etree.tostring(root))
    for unsigned in copy.findall(
        f"{{{DS}}}Object/{{{XADES}}}QualifyingProperties/{{{XADES}}}UnsignedProperties"
    ):
        unsigned.getparent().remove(unsigned)
    return etree.tostring(copy, method="c14n", exclusive=False, with_comments=True)


def _signature_time_stamp(
    root: etree._Element, properties: etree._Element, timestamp: cms.ContentInfo
) -> etree._Element:
    """Appended to ``properties``, in the prefixes declared where it goes (a third-party token
    may declare ``xades:`` on QualifyingProperties only)."""
    element = etree.SubElement(properties, f"{{{XADES}}}SignatureTimeStamp")
    element.set("Id", f"{root.get('Id', 'id')}-signature-time-stamp-{_count(properties)}")
    etree.SubElement(element, f"{{{DS}}}CanonicalizationMethod", Algorithm=EXCLUSIVE_C14N)
    encapsulated = etree.SubElement(element, f"{{{XADES}}}EncapsulatedTimeStamp")
    encapsulated.text = base64.b64encode(timestamp.dump()).decode("ascii")
    return element


def _count(properties: etree._Element) -> int:
    return len(properties.findall(f"{{{XADES}}}SignatureTimeStamp"))


def _unsigned_signature_properties(root: etree._Element) -> etree._Element:
    qualifying = root.find(f"{{{DS}}}Object/{{{XADES}}}QualifyingProperties")
    if qualifying is None:
        raise ValueError("no xades:QualifyingProperties")
    unsigned = qualifying.find(f"{{{XADES}}}UnsignedProperties")
    if unsigned is None:
        unsigned = etree.SubElement(qualifying, f"{{{XADES}}}UnsignedProperties")
    properties = unsigned.find(f"{{{XADES}}}UnsignedSignatureProperties")
    if properties is None:
        properties = etree.SubElement(unsigned, f"{{{XADES}}}UnsignedSignatureProperties")
    return properties


def signature_timestamps(root: etree._Element) -> list[bytes]:
    """The DER tokens of the SignatureTimeStamps of a XAdES signature, in document order."""
    found = root.findall(
        f"{{{DS}}}Object/{{{XADES}}}QualifyingProperties/{{{XADES}}}UnsignedProperties/"
        f"{{{XADES}}}UnsignedSignatureProperties/{{{XADES}}}SignatureTimeStamp/"
        f"{{{XADES}}}EncapsulatedTimeStamp"
    )
    return [base64.b64decode(element.text or "") for element in found]


def check_signature_timestamp(token_xml: bytes, md_algorithm: str) -> str | None:
    """Re-read a written token: None when it holds one SignatureTimeStamp over its signature."""
    from asn1crypto import cms

    from ..timestamps.token_check import TokenRejected, check_token

    try:
        root = etree.fromstring(token_xml, etree.XMLParser(resolve_entities=False))
        tokens = signature_timestamps(root)
        if len(tokens) != 1:
            return f"{len(tokens)} signature timestamps, 1 expected"
        check_token(
            cms.ContentInfo.load(tokens[0]),
            signature_value_digest(root, md_algorithm),
            md_algorithm,
        )
    except (TokenRejected, ValueError, etree.XMLSyntaxError) as exc:
        return f"signature timestamp: {exc}"
    return None
