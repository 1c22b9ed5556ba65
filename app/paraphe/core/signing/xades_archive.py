"""XAdES B-LTA: the XAdES 1.4.1 ``xades141:ArchiveTimeStamp`` (EN 319 132-1, 5.5.2), added to a
B-LT token, and the one rule that says what its RFC 3161 token timestamps, which the validator
uses too (``validation.xades.archive``).

The time-stamped input (EN 319 132-1, 5.5.2.2; the order of EU DSS
``XAdESTimestampDataBuilder.getArchiveTimestampData``) is the concatenation of:

1. the data of each ``ds:Reference`` of ``ds:SignedInfo``, in order, processed as XMLDSig says:
   the detached document's raw bytes (a reference without transforms; streamed, never read
   whole), and for a same-document reference the output of its canonicalisation transform (for
   ours: the exclusive c14n of SignedProperties and of KeyInfo), or, without transforms, its
   element canonicalised with the ArchiveTimeStamp's method;
2. ``ds:SignedInfo``, ``ds:SignatureValue`` and ``ds:KeyInfo``, each canonicalised with the
   ArchiveTimeStamp's ``ds:CanonicalizationMethod`` (inclusive C14N 1.0 when absent);
3. every child element of ``xades:UnsignedSignatureProperties`` before the ArchiveTimeStamp
   (all of them for a new one), in document order, canonicalised the same way: signature
   timestamps, certificate and revocation values, TimeStampValidationData, earlier archive
   timestamps;
4. every ``ds:Object`` of the signature except the one holding ``QualifyingProperties``.

libdigidocpp (``SignatureXAdES_LTA::calcArchiveDigest``) computes 1 to 3 alike for its tokens
(it canonicalises SignedProperties with the archive timestamp's method rather than the
reference's transform: the same bytes for our tokens, whose two methods are exclusive c14n) and
leaves out 4; our tokens have no other ``ds:Object``, so both give the same imprint.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from lxml import etree

from ..xades_names import DS, XADES, XADES141, XADES_NAMESPACES

if TYPE_CHECKING:
    from ..timestamps.client import TimestampService

EXCLUSIVE_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
INCLUSIVE_C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
DEFAULT_C14N = INCLUSIVE_C14N
"""XMLDSig's default, for an ArchiveTimeStamp without ds:CanonicalizationMethod."""

_C14N = {
    INCLUSIVE_C14N: (False, False),
    INCLUSIVE_C14N + "#WithComments": (False, True),
    EXCLUSIVE_C14N: (True, False),
    EXCLUSIVE_C14N + "WithComments": (True, True),
}
"""(exclusive, with comments) of each canonicalisation lxml performs (not C14N 1.1)."""

_ID_NAMES = frozenset({"Id", "ID", "id"})


class UnsupportedArchiveInput(ValueError):
    """The signature holds something the archive input cannot be computed for here (a transform,
    a canonicalisation, a reference that designates nothing or several elements)."""


class DocumentBytes(Protocol):
    """The detached document, hashed as a stream after a prefix."""

    def hashed(self, md_algorithm: str, prefix: bytes) -> Any:
        """A hashlib object fed ``prefix`` then every byte of the document."""


class DocumentFile:
    """A document on disk, read in chunks (``files.documents.Document.feed``)."""

    def __init__(self, path: Path) -> None:
        from ..files.documents import Document

        self._document = Document.open(path)

    def hashed(self, md_algorithm: str, prefix: bytes) -> Any:
        hasher = hashlib.new(md_algorithm)
        hasher.update(prefix)
        self._document.feed(hasher)
        return hasher


@dataclass(frozen=True)
class ArchiveInput:
    """An archive timestamp's input: the document between two canonical parts."""

    before_document: bytes
    """The data of the references before the document's (none for ours)."""
    after_document: bytes
    """The rest: later references, SignedInfo, SignatureValue, KeyInfo, the unsigned
    properties before the timestamp, the other ds:Object elements."""

    def digest(self, md_algorithm: str, document: DocumentBytes) -> bytes:
        hasher = document.hashed(md_algorithm, self.before_document)
        hasher.update(self.after_document)
        return bytes(hasher.digest())


def archive_input(
    signature: etree._Element, stamp: etree._Element | None, c14n_method: str
) -> ArchiveInput:
    """What the archive timestamp ``stamp`` (None: one about to be added at the end of the
    unsigned signature properties) timestamps, for a detached signature of one document.
    Raises ``UnsupportedArchiveInput``."""
    before: list[bytes] = []
    after: list[bytes] = []
    parts = before
    documents = 0
    signed_info = _child(signature, DS, "SignedInfo")
    if signed_info is None:
        raise UnsupportedArchiveInput("no ds:SignedInfo")
    for reference in signed_info.iterfind(f"{{{DS}}}Reference"):
        uri = reference.get("URI")
        if uri is None or uri == "" or uri.startswith("#xpointer("):
            raise UnsupportedArchiveInput(f"a reference to {uri!r} is not supported")
        if not uri.startswith("#"):
            if reference.find(f"{{{DS}}}Transforms") is not None:
                raise UnsupportedArchiveInput("transforms on the detached document")
            documents += 1
            parts = after
            continue
        parts.append(_same_document_data(signature, reference, uri[1:], c14n_method))
    if documents != 1:
        raise UnsupportedArchiveInput(f"{documents} detached documents; one is supported")

    for name in ("SignedInfo", "SignatureValue", "KeyInfo"):
        element = _child(signature, DS, name)
        if element is not None:
            after.append(canonical(element, c14n_method))

    properties = unsigned_signature_properties(signature)
    if properties is None:
        raise UnsupportedArchiveInput("no xades:UnsignedSignatureProperties")
    if stamp is not None and stamp.getparent() is not properties:
        raise UnsupportedArchiveInput("the archive timestamp is not an unsigned property")
    for child in properties.iterchildren(etree.Element):
        if child is stamp:
            break
        after.append(canonical(child, c14n_method))

    for holder in signature.iterchildren(f"{{{DS}}}Object"):
        if any(holder.find(f"{{{ns}}}QualifyingProperties") is not None for ns in XADES_NAMESPACES):
            continue
        after.append(canonical(holder, c14n_method))
    return ArchiveInput(b"".join(before), b"".join(after))


def canonical(
    element: etree._Element,
    method: str,
    *,
    comments: bool = True,
    inclusive_prefixes: list[str] | None = None,
) -> bytes:
    """``element``'s subtree canonicalised with ``method`` (``comments=False``: a
    same-document reference's node set, which never holds comments)."""
    if method not in _C14N:
        raise UnsupportedArchiveInput(f"canonicalisation {method} is not supported")
    exclusive, with_comments = _C14N[method]
    return etree.tostring(
        element,
        method="c14n",
        exclusive=exclusive,
        with_comments=with_comments and comments,
        inclusive_ns_prefixes=inclusive_prefixes if exclusive else None,
    )


def _same_document_data(
    signature: etree._Element, reference: etree._Element, target_id: str, c14n_method: str
) -> bytes:
    found = [
        element
        for element in signature.getroottree().getroot().iter(etree.Element)
        if any(
            value == target_id
            for name, value in element.attrib.items()
            if etree.QName(name).localname in _ID_NAMES
        )
    ]
    if len(found) != 1:
        raise UnsupportedArchiveInput(f"#{target_id} designates {len(found)} elements")
    transforms = reference.findall(f"{{{DS}}}Transforms/{{{DS}}}Transform")
    if not transforms:  # a node set: canonicalised as the archive timestamp says
        return canonical(found[0], c14n_method, comments=False)
    if len(transforms) != 1 or transforms[0].get("Algorithm") not in _C14N:
        raise UnsupportedArchiveInput("only one canonicalisation transform is supported")
    inclusive = transforms[0].find("{http://www.w3.org/2001/10/xml-exc-c14n#}InclusiveNamespaces")
    prefixes = inclusive.get("PrefixList", "").split() if inclusive is not None else None
    return canonical(
        found[0], transforms[0].get("Algorithm", ""), comments=False, inclusive_prefixes=prefixes
    )


def _child(parent: etree._Element, namespace: str, name: str) -> etree._Element | None:
    found = parent.findall(f"{{{namespace}}}{name}")
    if len(found) > 1:
        raise UnsupportedArchiveInput(f"{len(found)} {name} elements")
    return found[0] if found else None


def unsigned_signature_properties(signature: etree._Element) -> etree._Element | None:
    """The signature's own ``xades:UnsignedSignatureProperties`` (XAdES 1.3.2), if any."""
    return signature.find(
        f"{{{DS}}}Object/{{{XADES}}}QualifyingProperties/{{{XADES}}}UnsignedProperties/"
        f"{{{XADES}}}UnsignedSignatureProperties"
    )


def archive_timestamp_elements(signature: etree._Element) -> list[etree._Element]:
    """The signature's XAdES 1.4.1 ArchiveTimeStamps, in document order."""
    properties = unsigned_signature_properties(signature)
    if properties is None:
        return []
    return properties.findall(f"{{{XADES141}}}ArchiveTimeStamp")


# --- signing ----------------------------------------------------------------------------------


def add_archive_timestamp(
    root: etree._Element,
    timestamps: TimestampService,
    md_algorithm: str,
    document_path: Path,
) -> etree._Element:
    """Append a ``xades141:ArchiveTimeStamp`` (exclusive c14n) to the unsigned signature
    properties of ``root``, a parsed detached B-LT token (or B-LTA: a new archive timestamp
    covers the earlier ones) whose document is ``document_path``; returns the new element.
    The caller serialises ``root``. Raises ``UnsupportedArchiveInput`` (a ValueError) for a
    token this cannot time-stamp, and the document's errors (``UnreadableDocument``,
    ``DocumentChanged``); the TSA's errors come from ``timestamps``."""
    properties = unsigned_signature_properties(root)
    if properties is None or properties.find(f"{{{XADES}}}SignatureTimeStamp") is None:
        raise UnsupportedArchiveInput("B-LTA needs a signature with a SignatureTimeStamp (B-LT)")
    digest = archive_input(root, None, EXCLUSIVE_C14N).digest(
        md_algorithm, DocumentFile(document_path)
    )
    token = timestamps.timestamp(digest, md_algorithm)
    count = len(properties.findall(f"{{{XADES141}}}ArchiveTimeStamp")) + 1
    element = etree.SubElement(
        properties, f"{{{XADES141}}}ArchiveTimeStamp", nsmap={"xades141": XADES141}
    )
    element.set("Id", f"{root.get('Id', 'id')}-archive-time-stamp-{count}")
    etree.SubElement(element, f"{{{DS}}}CanonicalizationMethod", Algorithm=EXCLUSIVE_C14N)
    encapsulated = etree.SubElement(element, f"{{{XADES}}}EncapsulatedTimeStamp")
    encapsulated.text = base64.b64encode(token.dump()).decode("ascii")
    return element


def check_archive_timestamps(token_xml: bytes, document_path: Path) -> str | None:
    """Re-read a written token: None when each of its archive timestamps holds a token over
    its input (imprint only; the validator checks the rest)."""
    from asn1crypto import cms

    from ..timestamps.token_check import TokenRejected, check_token

    try:
        root = etree.fromstring(token_xml, etree.XMLParser(resolve_entities=False, no_network=True))
        stamps = archive_timestamp_elements(root)
        if not stamps:
            return "no archive timestamp"
        document = DocumentFile(document_path)
        for stamp in stamps:
            method = stamp.find(f"{{{DS}}}CanonicalizationMethod")
            c14n = method.get("Algorithm", "") if method is not None else DEFAULT_C14N
            encapsulated = stamp.findtext(f"{{{XADES}}}EncapsulatedTimeStamp") or ""
            token = cms.ContentInfo.load(base64.b64decode(encapsulated))
            info = token["content"]["encap_content_info"]["content"].parsed
            md_algorithm = info["message_imprint"]["hash_algorithm"]["algorithm"].native
            expected = archive_input(root, stamp, c14n).digest(md_algorithm, document)
            check_token(token, expected, md_algorithm)
    except (TokenRejected, ValueError, etree.XMLSyntaxError) as exc:
        return f"archive timestamp: {exc}"
    return None
