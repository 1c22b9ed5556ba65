"""The oracle: may this mutant be TOTAL_PASSED? Never once what its signature signs has changed.

A byte-range rule alone would be wrong both ways: XML canonicalisation makes many byte changes
inside ds:SignedInfo meaningless (whitespace between attributes, quote style, a character
reference, the encoding declaration), and CMS verifiers hash the DER form of the signed
attributes and read the signature value and the encapsulated content as values (a BER-chunked
OCTET STRING holds the same bytes as its DER form). So the oracle compares what a verifier feeds
to the cryptography, computed as the libraries do it, in the seed and in the mutant:

- CAdES (.p7s, .p7m, and the CMS in a PDF's /Contents): per signer, the signed attributes
  DER-encoded (with definite, minimal lengths: the fuzzer found that pyHanko verifies them so,
  and RFC 5652 says the signature covers their DER encoding) and the signature value, as a set
  (a signer copied is the same signature twice, each valid: no content changed); the
  encapsulated content, and for a detached token the document's bytes.
- XAdES: ds:SignedInfo canonicalised by its own CanonicalizationMethod, the decoded
  SignatureValue, every same-document reference's target after its transforms (all elements that
  carry the referenced Id, so a duplicate counts as a change), and the document's bytes.
- PAdES, per signature of the seed: the bytes its /ByteRange covers, read at the seed's offsets
  in the mutant (so anything inserted or deleted before them counts), plus the CMS view above of
  the /Contents hex string at the seed's place (its zero padding is not signed).

A view that cannot be computed (the token no longer parses) also forbids a pass: the product
reads tokens with the same libraries, so it cannot have verified anything. Mutations that keep
every view equal may pass (a certificate added to the CMS bag, XML whitespace outside SignedInfo,
data appended after a PDF's signed revision): the oracle says nothing about them. Incremental
updates that draw on a page after signing are forbidden whatever the bytes say.

``signed_ranges`` gives the byte ranges of the same parts for statistics: how many mutations
touched signed bytes and how many of those left the signed content equal.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from asn1crypto import cms, core, pem
from lxml import etree

from . import der
from .corpus import Seed

DS = "http://www.w3.org/2000/09/xmldsig#"
_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")
_ID_ATTRIBUTES = ("Id", "ID", "id", "{http://www.w3.org/XML/1998/namespace}id")
UNREADABLE = ("unreadable",)


# --- CMS ---------------------------------------------------------------------------------------


def _dearmor(data: bytes) -> bytes:
    """As the product reads a token: DER, else PEM or bare base64."""
    if data.startswith(b"\x30"):
        return data
    try:
        if pem.detect(data):
            return bytes(pem.unarmor(data)[2])
        return base64.b64decode(b"".join(data.split()), validate=True)
    except (ValueError, TypeError):
        return data


def _der(value: bytes) -> bytes:
    """``value`` with every length definite and minimal: what a verifier that DER-encodes the
    signed attributes (RFC 5652, 5.4) hashes. pyHanko does, in effect: a BER length inside the
    signed attributes of a valid signature still verifies, and is no change of content."""
    try:
        tree = der.parse(value)
    except der.DerError:
        return value
    for node, _parent, _index in der.walk(tree):
        node.indefinite = False
    return der.encode(tree)


def cms_view(data: bytes) -> dict[str, tuple[Any, ...]] | tuple[str]:
    """Per signature, by the id the product gives it (``signer 2``, ``signer 1,
    counter-signature 1``): what it signs. A signer: its signed attributes, its signature value
    and the encapsulated content; a counter-signature (RFC 5652 11.4): its signed attributes,
    its signature value and the signature value it counter-signs."""
    try:
        signed_data = cms.ContentInfo.load(_dearmor(data))["content"]
        content = signed_data["encap_content_info"]["content"]
        encapsulated = None if content.native is None else bytes(content)
        views: dict[str, tuple[Any, ...]] = {}
        for number, signer in enumerate(signed_data["signer_infos"], 1):
            _signer_views(signer, f"signer {number}", ("content", encapsulated), views)
        return views
    except Exception:  # whatever the library raises: the view cannot be computed
        return UNREADABLE


def _signer_views(
    signer: Any,
    name: str,
    covers: tuple[Any, ...],
    views: dict[str, tuple[Any, ...]],
    depth: int = 0,
) -> None:
    attributes = signer["signed_attrs"]
    hashed = None if attributes is core.VOID else _der(attributes.untag().dump())
    value = signer["signature"].native
    views[name] = (hashed, value, covers)
    if depth > 4 or signer["unsigned_attrs"] is core.VOID:
        return
    number = 0
    for attribute in signer["unsigned_attrs"]:
        if attribute["type"].dotted != "1.2.840.113549.1.9.6":
            continue
        for counter in attribute["values"]:
            number += 1
            _signer_views(
                counter, f"{name}, counter-signature {number}", ("value", value), views, depth + 1
            )


# --- XAdES -------------------------------------------------------------------------------------


@cache
def _signxml() -> Any:
    """signxml's own canonicalisation and transforms, as its verifier applies them."""
    from signxml import SignatureConfiguration
    from signxml.xades import XAdESVerifier

    verifier = XAdESVerifier()
    verifier.config = SignatureConfiguration(location="./")
    verifier._parser = _parser()
    return verifier


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _by_id(root: Any, value: str) -> list[Any]:
    return [
        element
        for element in root.iter()
        if isinstance(element.tag, str) and any(element.get(a) == value for a in _ID_ATTRIBUTES)
    ]


def xades_view(data: bytes) -> tuple[Any, ...]:
    from signxml.algorithms import CanonicalizationMethod

    verifier = _signxml()
    try:
        root = verifier._fromstring(data)
        signature = verifier._get_signature(root)
        signed_info = verifier._find(signature, "SignedInfo")
        method = verifier._find(signed_info, "CanonicalizationMethod")
        prefixes = verifier._get_inclusive_ns_prefixes(method)
        signed = verifier._c14n(
            signed_info, CanonicalizationMethod(method.get("Algorithm")), prefixes
        )
        value = base64.b64decode(verifier._find(signature, "SignatureValue").text)
        targets = []
        for reference in verifier._findall(signed_info, "Reference"):
            uri = reference.get("URI")
            if uri is None or (uri and not uri.startswith("#")):
                targets.append(("external", uri))
                continue
            copied = verifier._fromstring(verifier._tostring(root))
            # "" is the whole document the signature sits in (enveloped), "#id" an element
            elements = [copied] if uri == "" else _by_id(copied, uri[1:])
            found = tuple(
                verifier._apply_transforms(
                    element,
                    transforms_node=verifier._find(reference, "Transforms", require=False),
                    signature=verifier._get_signature(copied),
                )
                for element in elements
            )
            targets.append((uri, found))
        return (signed, value, tuple(targets))
    except Exception:  # whatever the library raises: the view cannot be computed
        return UNREADABLE


# --- ASiC --------------------------------------------------------------------------------------


def asic_view(data: bytes) -> tuple[Any, ...]:
    """The container's entries (name, content), but the mimetype, which no signature covers:
    what its signatures sign (the data objects, the manifests) and the signatures themselves."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as container:
            infos = [i for i in container.infolist() if i.filename != "mimetype"]
            found = {i.filename for i in infos}
            if len(found) != len(infos):
                return UNREADABLE  # which of two same-named entries is signed cannot be told
            return tuple((name, container.read(name)) for name in sorted(found))
    except Exception:  # whatever zipfile raises: the view cannot be computed
        return UNREADABLE


# --- PAdES -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfSignature:
    field: str
    byte_range: tuple[int, int, int, int]
    covered: bytes
    contents: tuple[Any, ...]


def _hole_view(data: bytes, start: int, end: int) -> tuple[Any, ...]:
    """The CMS view of the /Contents hex string between ``start`` and ``end``."""
    hole = data[start:end]
    if len(hole) < 2 or hole[:1] != b"<" or hole[-1:] != b">":
        return UNREADABLE
    digits = re.sub(rb"[\x00\t\n\x0c\r ]", b"", hole[1:-1])  # PDF white-space, NUL included
    if re.search(rb"[^0-9A-Fa-f]", digits):
        return UNREADABLE
    if len(digits) % 2:
        digits += b"0"
    view = cms_view(bytes.fromhex(digits.decode()))
    return tuple(sorted(view.items())) if isinstance(view, dict) else view


def _covered(data: bytes, byte_range: tuple[int, int, int, int]) -> bytes:
    a, b, c, d = byte_range
    return data[a : a + b] + data[c : c + d]


def pdf_signatures(data: bytes) -> list[PdfSignature]:
    """The seed's signatures: field names from pyHanko, ranges as written in the file."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    found = []
    for signature in reader.embedded_regular_signatures:
        byte_range = tuple(int(n) for n in signature.byte_range)
        assert len(byte_range) == 4, byte_range
        a, b, c, _d = byte_range
        found.append(
            PdfSignature(
                signature.field_name,
                byte_range,  # type: ignore[arg-type]
                _covered(data, byte_range),  # type: ignore[arg-type]
                _hole_view(data, a + b, c),
            )
        )
    return found


# --- the claim ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """Which signatures of a mutant's report may not be TOTAL_PASSED, and why."""

    reasons: tuple[str, ...] = ()
    fields: frozenset[str] | None = None
    """PDF: the seed's signature fields concerned; None: every signature in the report."""
    known_fields: frozenset[str] = field(default_factory=frozenset)

    def forbids_pass(self, signature_id: str | None) -> bool:
        if not self.reasons:
            return False
        if self.fields is None:
            return True
        return signature_id in self.fields or signature_id not in self.known_fields


class Oracle:
    """The views of every seed, computed once."""

    def __init__(self, seeds: list[Seed]) -> None:
        self._views: dict[str, Any] = {}
        self._formats = {seed.name: seed.format for seed in seeds}
        for seed in seeds:
            view = self._view(seed, seed.files[seed.target])
            assert view != UNREADABLE, f"seed {seed.name} has no readable signed content"
            self._views[seed.name] = view

    @staticmethod
    def _view(seed: Seed, data: bytes) -> Any:
        if seed.format == "xades":
            return xades_view(data)
        if seed.format in ("cades", "p7m"):
            return cms_view(data)
        if seed.format == "asic":
            return asic_view(data)
        return pdf_signatures(data)

    def claim(self, seed: Seed, files: Mapping[str, bytes], forbidden_update: str = "") -> Claim:
        data = files.get(seed.target, b"")
        reasons = []
        if seed.document is not None and files.get(seed.document) != seed.files[seed.document]:
            reasons.append("the signed document changed")
        if seed.format == "pades":
            return self._pdf_claim(seed, data, reasons, forbidden_update)
        if seed.format == "asic":
            return self._asic_claim(data, reasons)
        view = self._view(seed, data)
        if view == UNREADABLE:
            reasons.append("the signature no longer parses")
        elif isinstance(view, dict):  # CMS: each signature on its own
            return self._cms_claim(seed, view, reasons)
        elif view != self._views[seed.name]:
            reasons.append("the signed content changed")
        return Claim(tuple(reasons))

    def _asic_claim(self, data: bytes, reasons: list[str]) -> Claim:
        """A container may pass when it holds, intact, every entry of a signed container of the
        corpus (but the mimetype): the seed's, or another seed's spliced in whole, whose
        signatures are valid for what they sign. Entries added beside them are unsigned (the
        report says so) and change nothing signed."""
        view = asic_view(data)
        if view == UNREADABLE:
            return Claim(("the container no longer reads",))
        held = set(view)
        for name, seed_view in self._views.items():
            if self._formats[name] == "asic" and set(seed_view) <= held:
                return Claim(tuple(reasons))
        return Claim((*reasons, "the signed content changed"))

    def _cms_claim(
        self, seed: Seed, views: dict[str, tuple[Any, ...]], reasons: list[str]
    ) -> Claim:
        """A signature of the mutant may pass if what it signs is what a signature of the seed
        signs: a signer copied, or a counter-signature whose parent changed, still signs the
        same bytes. One the oracle cannot see (not in ``views``) may not."""
        if reasons:  # the detached document changed: nothing may pass
            return Claim(tuple(reasons))
        seen = set(self._views[seed.name].values())
        changed = frozenset(name for name, view in views.items() if view not in seen)
        if changed:
            reasons.append("the signed content changed")
        return Claim(tuple(reasons), changed, frozenset(views))

    def _pdf_claim(
        self, seed: Seed, data: bytes, reasons: list[str], forbidden_update: str
    ) -> Claim:
        signatures: list[PdfSignature] = self._views[seed.name]
        known = frozenset(s.field for s in signatures)
        if forbidden_update:
            return Claim((f"content changed after signing: {forbidden_update}",), None, known)
        fields = set()
        for signature in signatures:
            a, b, c, _ = signature.byte_range
            if _covered(data, signature.byte_range) != signature.covered:
                fields.add(signature.field)
                reasons.append(f"{signature.field}: a /ByteRange-covered byte changed or moved")
            elif _hole_view(data, a + b, c) != signature.contents:
                fields.add(signature.field)
                reasons.append(f"{signature.field}: the CMS in /Contents changed")
        return Claim(tuple(reasons), frozenset(fields), known)


# --- byte ranges, for statistics ---------------------------------------------------------------


def _cms_ranges(data: bytes) -> list[tuple[int, int]]:
    """Signed attributes, signature value and encapsulated content in a DER/BER CMS."""
    signed_data = cms.ContentInfo.load(data)["content"]
    signer = signed_data["signer_infos"][0]
    parts = [signer["signed_attrs"].dump(), signer["signature"].dump()]
    content = signed_data["encap_content_info"]["content"]
    if content.native is not None:
        parts.append(content.dump())
    ranges = []
    for part in parts:
        start = data.find(part)
        if start >= 0:
            ranges.append((start, start + len(part)))
    return ranges


def signed_ranges(seed: Seed) -> list[tuple[int, int]]:
    """Where the signed parts sit in the seed's target file (start, end)."""
    data = seed.files[seed.target]
    if seed.format in ("cades", "p7m"):
        return _cms_ranges(data)
    if seed.format == "asic":  # the whole container: every entry is signed or signs
        return [(0, len(data))]
    ranges: list[tuple[int, int]] = []
    if seed.format == "xades":
        for name in (b"SignedInfo", b"SignatureValue", b"SignedProperties", b"KeyInfo"):
            match = re.search(rb"<(\w+:)?%s[\s>].*?</(\w+:)?%s>" % (name, name), data, re.S)
            if match:
                ranges.append(match.span())
        return ranges
    for match in _BYTE_RANGE.finditer(data):
        a, b, c, d = (int(n) for n in match.groups())
        ranges += [(a, a + b), (c, c + d)]
        digits = data[a + b + 1 : c - 1]  # the CMS as hex: each byte is two digits
        for start, end in _cms_ranges(bytes.fromhex(digits.decode())):
            ranges.append((a + b + 1 + 2 * start, a + b + 1 + 2 * end))
    return ranges


def _common_prefix(a: bytes, b: bytes) -> int:
    limit, step, at = min(len(a), len(b)), 4096, 0
    while at + step <= limit and a[at : at + step] == b[at : at + step]:
        at += step
    while at < limit and a[at] == b[at]:
        at += 1
    return at


def changed_span(old: bytes, new: bytes) -> tuple[int, int] | None:
    """The part of ``old`` that differs from ``new`` (common prefix and suffix left out)."""
    if old == new:
        return None
    prefix = _common_prefix(old, new)
    limit = min(len(old), len(new)) - prefix
    suffix = min(_common_prefix(old[::-1], new[::-1]), limit)
    return prefix, len(old) - suffix


def touches(ranges: list[tuple[int, int]], span: tuple[int, int] | None) -> bool:
    """Does the changed span (an insertion is a point) meet one of the ranges?"""
    if span is None:
        return False
    start, end = span[0], max(span[1], span[0] + 1)
    return any(start < r_end and r_start < end for r_start, r_end in ranges)
