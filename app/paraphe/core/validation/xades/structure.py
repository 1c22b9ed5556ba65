"""Format checking of one ds:Signature (EN 319 102-1 5.2.2): a structure that leaves no room for
signature wrapping, the baseline level it claims and the algorithms it may use; with the paired
document's digests, which its external reference is checked against."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from ...errors import DocumentChanged, UnreadableDocument
from ...etsi import BaselineLevel
from ...files.documents import Document
from ...text.translatable import N_, Worded
from ...xades_names import DS, NS, SIGNED_PROPERTIES_TYPE, XADES, XADES141, XADES_NAMESPACES
from ..indications import Indication, SubIndication
from ..report import Check, Packaging
from .references import ETSI_NAMESPACES, FILE, Target, classify, own_descendants
from .verdicts import Verdict, format_failure

DIGESTS = {
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
}
"""Digests accepted for the references (what the streaming verifier can compute)."""

SIGNATURE_METHODS = {
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": "sha384",
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": "sha512",
    "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1": "sha256",
    "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1": "sha384",
    "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1": "sha512",
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": "sha384",
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": "sha512",
}
"""RSA PKCS#1 v1.5, RSA-PSS and ECDSA with SHA-2: what EN 319 132-1 signers produce today; each
with the hash it signs with (judged by the dated crypto policy with the signer's key)."""

MAX_REFERENCES = 32
"""More references than a detached token holds: the platforms' tokens have 3 (the document, the
SignedProperties, the KeyInfo), other signers 2. A token with more is not checked further
(INDETERMINATE): 1,000 copies of one reference took seconds to look up."""

MAX_COPIED_BYTES = 32 << 20
"""signxml copies (parses again) the whole file once per reference it checks and once per
signature: past 32 MB of copies the file is not checked (INDETERMINATE). An enveloped document
of 10 MB with one reference and its properties takes about 3.5 s and 250 MB here; one of 20 MB
would take twice that, and is refused at once."""


# --- the document -----------------------------------------------------------------------------


class DocumentDigests:
    """The paired document's digests, streamed once per algorithm; and the document after a
    prefix, for the archive timestamp's input (``signing.xades_archive.DocumentBytes``)."""

    def __init__(self, path: Path | None, on_bytes: Callable[[int], None] | None = None) -> None:
        self.path = path
        self._on_bytes = on_bytes  # may raise Cancelled to stop hashing
        self._document: Document | None = None
        self._hashed: dict[str, Any] = {}

    def digest(self, algorithm: str) -> bytes:
        return bytes(self.hashed(algorithm).digest())

    def hashed(self, algorithm: str, prefix: bytes = b"") -> Any:
        """A hashlib object fed ``prefix`` then the document. Without a prefix, the state after
        the document is kept: the reference's digest and an archive timestamp's input (whose
        first reference is the document) share one read."""
        if prefix:
            hasher = hashlib.new(algorithm)
            hasher.update(prefix)
            self._feed(hasher)
            return hasher
        if algorithm not in self._hashed:
            hasher = hashlib.new(algorithm)
            self._feed(hasher)
            self._hashed[algorithm] = hasher
        return self._hashed[algorithm].copy()

    def _feed(self, hasher: Any) -> None:
        if self.path is None:
            raise Verdict(
                Indication.INDETERMINATE,
                SubIndication.SIGNED_DATA_NOT_FOUND,
                Check(N_("document digest"), None, N_("no signed document was given")),
            )
        try:
            if self._document is None:
                self._document = Document.open(self.path)
            self._document.feed(hasher, self._on_bytes)
        except UnreadableDocument as exc:
            raise Verdict(
                Indication.INDETERMINATE,
                SubIndication.SIGNED_DATA_NOT_FOUND,
                Check(N_("document digest"), None, str(exc)),
            ) from None
        except DocumentChanged:
            raise Verdict(
                Indication.INDETERMINATE,
                SubIndication.GENERIC,
                Check(N_("document digest"), None, N_("the document changed while it was read")),
            ) from None


# --- structure (format checking) --------------------------------------------------------------


@dataclass
class Structure:
    signature_method: str
    references: list[Any]
    targets: list[Target]
    """What each reference designates, in the order of ``references``."""
    signed_properties_reference: Any | None
    signed_properties: Any | None
    level: BaselineLevel
    has_timestamps: bool
    packaging: Packaging
    qualifying_properties: Any | None = None

    @property
    def files(self) -> list[Target]:
        """The references to files (detached documents), in order."""
        return [t for t in self.targets if t.kind == FILE]

    @property
    def document_reference(self) -> Any | None:
        """The reference to the document of a token that references one file (Atexo's)."""
        files = self.files
        return files[0].reference if len(files) == 1 else None


def _only(parent: Any, path: str, what: str) -> Any:
    found = parent.findall(path, NS)
    if len(found) != 1:
        raise format_failure(
            Worded(
                N_("{count} {element} elements where one is required"),
                count=len(found),
                element=what,
            )
        )
    return found[0]


def read_structure(signature: Any, by_id: dict[str, list[Any]], file_size: int = 0) -> Structure:
    """The format check of one signature; ``by_id``: ``references.elements_by_id`` of its
    file, ``file_size`` its size in bytes."""
    signed_info = _only(signature, "ds:SignedInfo", "ds:SignedInfo")
    _only(signature, "ds:SignatureValue", "ds:SignatureValue")
    method = _only(signed_info, "ds:SignatureMethod", "ds:SignatureMethod").get("Algorithm", "")
    references = signed_info.findall("ds:Reference", NS)
    if not references:
        raise format_failure(N_("the signature has no reference"))
    if len(references) > MAX_REFERENCES:
        raise format_failure(
            Worded(
                N_("{count} references: more than a detached token holds"), count=len(references)
            ),
            indeterminate=True,
        )
    targets, packaging = classify(signature, references, by_id)

    signed_props_refs = [
        (index, r) for index, r in enumerate(references) if r.get("Type") == SIGNED_PROPERTIES_TYPE
    ]
    qualifying = [
        e
        for ns in ETSI_NAMESPACES
        for e in own_descendants(signature, f"{{{ns}}}QualifyingProperties")
    ]
    all_signed_props = [
        e
        for ns in XADES_NAMESPACES
        for e in own_descendants(signature, f"{{{ns}}}SignedProperties")
    ]
    if not qualifying:
        if signed_props_refs or all_signed_props:
            raise format_failure(N_("SignedProperties outside a QualifyingProperties element"))
        return Structure(
            method, references, targets, None, None, BaselineLevel.B_B, False, packaging
        )

    if len(qualifying) != 1:
        raise format_failure(
            Worded(
                N_("{count} QualifyingProperties elements; one is allowed"), count=len(qualifying)
            )
        )
    properties = qualifying[0]
    if properties.tag != f"{{{XADES}}}QualifyingProperties":
        raise format_failure(N_("this XAdES version is not supported"), indeterminate=True)
    holder = properties.getparent()
    if holder is None or holder.tag != f"{{{DS}}}Object" or holder.getparent() is not signature:
        raise format_failure(N_("QualifyingProperties is not in a ds:Object of the signature"))
    signature_id = signature.get("Id")
    if not signature_id or properties.get("Target") != f"#{signature_id}":
        raise format_failure(N_("QualifyingProperties does not target this signature"))
    unsigned_all = [
        e
        for ns in XADES_NAMESPACES
        for e in own_descendants(signature, f"{{{ns}}}UnsignedProperties")
    ]
    if len(unsigned_all) > 1 or any(e.getparent() is not properties for e in unsigned_all):
        raise format_failure(N_("UnsignedProperties must appear once, in QualifyingProperties"))

    level, has_timestamps = _level(properties)
    if not all_signed_props:
        if signed_props_refs:
            raise format_failure(N_("a SignedProperties reference without SignedProperties"))
        return Structure(
            method, references, targets, None, None, level, has_timestamps, packaging, properties
        )
    if len(all_signed_props) != 1:
        raise format_failure(
            Worded(
                N_("{count} SignedProperties elements; a signature has one"),
                count=len(all_signed_props),
            )
        )
    signed_properties = all_signed_props[0]
    if signed_properties.getparent() is not properties:
        raise format_failure(N_("SignedProperties is not in this signature's QualifyingProperties"))
    if len(signed_props_refs) != 1:
        raise format_failure(
            Worded(
                N_("{count} references of type SignedProperties; one is required"),
                count=len(signed_props_refs),
            )
        )
    index, signed_props_ref = signed_props_refs[0]
    properties_id = signed_properties.get("Id")
    if (
        not properties_id
        or signed_props_ref.get("URI") != f"#{properties_id}"
        or targets[index].element is not signed_properties
    ):
        raise format_failure(
            N_("the SignedProperties reference does not designate SignedProperties")
        )
    return Structure(
        method,
        references,
        targets,
        signed_props_ref,
        signed_properties,
        level,
        has_timestamps,
        packaging,
        properties,
    )


def _level(properties: Any) -> tuple[BaselineLevel, bool]:
    """The baseline level the unsigned properties claim (each level includes the one below:
    validation data without a signature timestamp is not B-LT), and whether timestamps exist."""
    names: set[str] = set()
    for ns in (XADES, XADES141):
        for element in properties.findall(
            "xades:UnsignedProperties/xades:UnsignedSignatureProperties/*", NS
        ):
            if etree.QName(element).namespace == ns:
                names.add(etree.QName(element).localname)
    has_t = "SignatureTimeStamp" in names
    has_lt = has_t and {"CertificateValues", "RevocationValues"} <= names
    has_lta = has_lt and "ArchiveTimeStamp" in names
    level = (
        BaselineLevel.B_LTA
        if has_lta
        else BaselineLevel.B_LT
        if has_lt
        else BaselineLevel.B_T
        if has_t
        else BaselineLevel.B_B
    )
    return level, bool(names & {"SignatureTimeStamp", "ArchiveTimeStamp"})


# --- algorithms -------------------------------------------------------------------------------


def check_algorithms(structure: Structure) -> None:
    if structure.signature_method not in SIGNATURE_METHODS:
        raise _unsupported_algorithm(Worded(N_("signature method")), structure.signature_method)
    for reference in structure.references:
        digest_method = reference.find("ds:DigestMethod", NS)
        algorithm = digest_method.get("Algorithm", "") if digest_method is not None else ""
        if algorithm not in DIGESTS:
            raise _unsupported_algorithm(Worded(N_("digest")), algorithm)


def _unsupported_algorithm(what: str, uri: str) -> Verdict:
    if re.search(r"sha1|md5", uri, re.IGNORECASE):
        return Verdict(
            Indication.INDETERMINATE,
            SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
            Check(
                N_("algorithms"),
                False,
                Worded(
                    N_("{what} {algorithm} is no longer considered secure"),
                    what=what,
                    algorithm=uri,
                ),
            ),
        )
    if "hmac" in uri.lower():
        return format_failure(
            Worded(
                N_("{what} {algorithm}: an HMAC is not an electronic signature"),
                what=what,
                algorithm=uri,
            )
        )
    return format_failure(
        Worded(
            N_("{what} {algorithm} is not supported"),
            what=what,
            algorithm=uri or Worded(N_("(none)")),
        ),
        indeterminate=True,
    )


def b64(text: str | None, what: str) -> bytes:
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except (binascii.Error, ValueError):
        raise format_failure(Worded(N_("{what} is not valid base64"), what=what)) from None


def claimed_level(qualifying_properties: Any) -> BaselineLevel:
    """The level a signature's unsigned properties claim (``extend`` asks it too)."""
    if qualifying_properties is None:
        return BaselineLevel.B_B
    return _level(qualifying_properties)[0]
