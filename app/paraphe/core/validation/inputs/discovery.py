"""Find every signature in what the user dropped, and pair detached tokens with their documents.

Inputs are files, folders (recursively) and ZIP archives exported by buyer platforms. Files are
recognised by what they hold, not only by their name (``sniffing``): a CMS signature whatever its
extension (``.p7s``, ``.p7m``, ``.pkcs7``, ``.sig``, ``.der``, PEM-armoured...), an XML file holding
a ds:Signature, a PDF with a signature. A file named as only a signature is (an Atexo token name,
``.p7s``, ``.p7m``, ``.sig``...) that holds none is a damaged signature, not an unsigned document.
Tokens are paired with documents by Atexo naming (``X.pdf - Signature 1.xml`` and
``X.pdf - 20260812193704 - Signature 1.xml``), then by the XAdES reference URI, then by digest.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import ParapheError
from ...files.documents import Document
from ...files.name_bytes import file_name_in_uri
from ...naming import parse_token_name
from ...text.translatable import N_
from ...xades_names import DS
from ..report import Packaging
from ..xades.reading import parse, read_token
from ..xades.verdicts import Verdict
from .sniffing import cms_packaging, is_openpgp, read_head


class Kind(enum.Enum):
    DOCUMENT = "document"
    XADES = "xades"
    CADES = "cades"  # a detached CMS (or an unreadable .p7s: the validator says why)
    P7M = "p7m"  # an enveloping CMS (or an unreadable .p7m/.pkcs7)
    PDF = "pdf"
    XML_SIGNED = "xml-signed"
    """An XML document holding its signatures (enveloped), or a signature holding its data
    (enveloping): validated on its own."""
    DAMAGED = "damaged"
    """Named as only a signature is, holding no signature that can be read."""
    ASIC = "asic"
    """An ASiC-S or ASiC-E container (``containers.kind.asic_kind``), damaged ones included."""


@dataclass(frozen=True)
class Found:
    path: Path
    kind: Kind
    display: str
    """What the user recognises: the path, or ``archive.zip!/inner/file.pdf``."""


@dataclass
class Pairing:
    detached: list[tuple[Found, Found | None]] = field(default_factory=list)
    """(token, its document or None)."""
    enveloping: list[Found] = field(default_factory=list)
    """Signature files validated on their own: enveloping CMS, enveloped and enveloping XML,
    damaged signature files."""
    pdfs: list[Found] = field(default_factory=list)
    containers: list[Found] = field(default_factory=list)
    documents: list[Found] = field(default_factory=list)


_CADES_NAMES = frozenset({".p7s"})
_P7M_NAMES = frozenset({".p7m", ".pkcs7"})
_SIGNATURE_NAMES = frozenset({".p7s", ".p7m", ".pkcs7", ".sig"})
"""Extensions given to signature files only: a file so named that holds none is damaged."""
_XML_HEAD = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<|^(?:\xff\xfe|\xfe\xff)")


def classify(path: Path, display: str | None = None) -> Found:
    """What ``path`` holds, by its content first and its name second (see the module)."""
    shown = display or str(path)
    suffix = path.suffix.lower()
    from ..containers.kind import asic_kind

    if asic_kind(path) is not None:
        return Found(path, Kind.ASIC, shown)
    head = read_head(path)
    packaging = cms_packaging(head)
    if packaging is Packaging.ENVELOPING or (packaging is None and suffix in _P7M_NAMES):
        return Found(path, Kind.P7M, shown)
    if packaging is Packaging.DETACHED or suffix in _CADES_NAMES:
        return Found(path, Kind.CADES, shown)
    if suffix == ".pdf" or head.startswith(b"%PDF-"):
        from ..pdf.validator import pdf_has_signatures

        if pdf_has_signatures(path):
            return Found(path, Kind.PDF, shown)
        return Found(path, Kind.DOCUMENT, shown)
    if suffix == ".xml" or _XML_HEAD.match(head):
        from ..xades.packaging import xml_signature_packaging

        xml = xml_signature_packaging(path)
        if xml is Packaging.DETACHED:
            return Found(path, Kind.XADES, shown)
        if xml is not None:  # enveloped or enveloping: it holds what it signs
            return Found(path, Kind.XML_SIGNED, shown)
    if suffix in _SIGNATURE_NAMES or parse_token_name(path.name) is not None:
        return Found(path, Kind.DAMAGED, shown)
    return Found(path, Kind.DOCUMENT, shown)


def damage_described(path: Path) -> str:
    """What a DAMAGED file is, in a few words (translatable), for its report."""
    if is_openpgp(read_head(path, 64)):
        return N_("an OpenPGP signature, which is not an AdES signature and is not checked")
    return N_("not a CMS, XML or PDF signature that can be read")


def pair(found: Iterable[Found]) -> Pairing:
    items = list(found)
    result = Pairing()
    documents = [f for f in items if f.kind is Kind.DOCUMENT]
    signed_pdfs = [f for f in items if f.kind is Kind.PDF]
    by_location = {(f.path.parent, f.path.name): f for f in documents + signed_pdfs}
    digests: dict[tuple[Path, str], bytes] = {}
    paired_docs: set[Path] = set()
    for item in items:
        if item.kind in (Kind.XADES, Kind.CADES):
            document = _by_name(item, by_location) or _by_digest(
                item, documents + signed_pdfs, digests
            )
            result.detached.append((item, document))
            if document is not None:
                paired_docs.add(document.path)
        elif item.kind is Kind.DAMAGED:
            document = _by_name(item, by_location)
            if document is None:
                result.enveloping.append(item)
            else:
                result.detached.append((item, document))
                paired_docs.add(document.path)
        elif item.kind in (Kind.P7M, Kind.XML_SIGNED):
            result.enveloping.append(item)
        elif item.kind is Kind.PDF:
            result.pdfs.append(item)
        elif item.kind is Kind.ASIC:
            result.containers.append(item)
    result.documents = [d for d in documents if d.path not in paired_docs]
    return result


def named_document(token: Found) -> Path | None:
    """The document a token names beside itself, when that file is there: what a token given
    alone on the command line or dropped alone is about."""
    for name in _document_names(token):
        if "/" not in name and name not in (".", ".."):
            candidate = token.path.parent / name
            if candidate != token.path and candidate.is_file():
                return candidate
    return None


def _by_name(token: Found, by_location: dict[tuple[Path, str], Found]) -> Found | None:
    for name in _document_names(token):
        if (token.path.parent, name) in by_location:
            return by_location[(token.path.parent, name)]
    return None


def _document_names(token: Found) -> Iterator[str]:
    """The names a token gives its document, in the order they are trusted: its Atexo name, then
    (XAdES) its reference URIs, read only if the name gave nothing that was looked for."""
    parsed = parse_token_name(token.path.name)
    if parsed is not None:
        yield parsed.document
    if token.kind is Kind.XADES:
        for uri in xades_reference_uris(token.path):
            name = file_name_in_uri(uri.rsplit("/", 1)[-1])
            if name:
                yield name


def xades_reference_uris(token: Path) -> list[str]:
    """External reference URIs of a token, read and parsed as the validator does (bounded, no
    DTD, no entities, no network); none if it cannot be."""
    try:
        root = parse(read_token(token))
    except Verdict:
        return []
    uris = []
    for reference in root.iterfind(f"{{{DS}}}SignedInfo/{{{DS}}}Reference"):
        uri = reference.get("URI") or ""
        if uri and not uri.startswith("#"):
            uris.append(uri)
    return uris


def _signed_digest(token: Found) -> tuple[str, bytes] | None:
    """The digest algorithm and value a token says its document has."""
    if token.kind is Kind.CADES:
        from ..cms.reading import NotRead, load_signed_data

        signed_data = load_signed_data(token.path)
        if isinstance(signed_data, NotRead):
            return None
        signer_info = signed_data["signer_infos"][0]
        for attribute in signer_info["signed_attrs"]:
            if attribute["type"].dotted == "1.2.840.113549.1.9.4":
                return signer_info["digest_algorithm"]["algorithm"].native, attribute["values"][
                    0
                ].native
        return None
    return None  # XAdES tokens name their document: no digest search needed


def _by_digest(
    token: Found, candidates: list[Found], cache: dict[tuple[Path, str], bytes]
) -> Found | None:
    wanted = _signed_digest(token)
    if wanted is None:
        return None
    algorithm, value = wanted
    for candidate in candidates:
        key = (candidate.path, algorithm)
        if key not in cache:
            try:
                cache[key] = Document.open(candidate.path).digest(algorithm)
            except (ParapheError, ValueError):
                continue
        if cache[key] == value:
            return candidate
    return None


def walk(path: Path) -> Iterator[Path]:
    """Files under a folder, sorted, skipping hidden files and our own temporary files."""
    for child in sorted(path.rglob("*")):
        if any(part.startswith(".") for part in child.relative_to(path).parts):
            continue
        if child.is_file() and not child.is_symlink():
            yield child
