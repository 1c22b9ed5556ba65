"""XAdES unsigned properties, which signxml does not write: the signature timestamp (B-T).

EN 319 132-1, 5.3: ``xades:SignatureTimeStamp`` in ``xades:UnsignedSignatureProperties``, whose
RFC 3161 token timestamps the digest of the canonicalised ``ds:SignatureValue`` element (the
canonicalisation named by its ``ds:CanonicalizationMethod``). Built with lxml on the token signxml
wrote; nothing signed is touched, so the signature stays valid.
"""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING

from lxml import etree

from ..xades_names import DS, XADES

if TYPE_CHECKING:
    from asn1crypto import cms

    from ..timestamps.client import TimestampService

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
    token_xml: bytes, timestamps: TimestampService, md_algorithm: str
) -> bytes:
    """``token_xml`` (our own token, just signed) with a SignatureTimeStamp over its signature
    value."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    return add_signature_timestamp_to(etree.fromstring(token_xml, parser), timestamps, md_algorithm)


def add_signature_timestamp_to(
    root: etree._Element, timestamps: TimestampService, md_algorithm: str
) -> bytes:
    """The parsed token ``root`` with a SignatureTimeStamp added, serialised."""
    timestamp = timestamps.timestamp(signature_value_digest(root, md_algorithm), md_algorithm)
    _signature_time_stamp(root, _unsigned_signature_properties(root), timestamp)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


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
