"""What verification found: per signature, the ETSI verdict, who signed, with what, when, and why.

Serialised to JSON with a documented, stable schema (see docs/verify-json.md). Field names are a
contract: add fields, never rename or remove them. The JSON is valid UTF-8 whatever the file
names hold: each path is given as readable text (``path``) and, beside it, as the exact
percent-encoding of its bytes (``path_bytes``), which stays exact for a name that is not UTF-8.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Notice
from ..etsi import BaselineLevel
from ..files.name_bytes import percent_encoded, unicode_text
from ..text.display_text import must_escape
from ..trust.eutl.qualification import Qualification
from .indications import Indication, SubIndication

SCHEMA_VERSION = 1

PATH_FIELDS = frozenset({"path", "signature_path", "document_path"})
"""Fields holding a path: each gets a ``<field>_bytes`` twin in the JSON."""

_BEYOND_ASCII = re.compile("[^\x00-\x7e]")
"""Where ``must_escape`` may apply once ``json.dumps`` has escaped C0 controls, quotes and
backslashes: JSON's structure is ASCII, so only characters inside strings match."""


class DetectedFormat(enum.StrEnum):
    """The format a signature was found in (named apart from the signing side's
    ``SignatureFormat``, whose values are the command line's lower-case choices)."""

    XADES = "XAdES"
    CADES = "CAdES"
    PADES = "PAdES"


class Packaging(enum.StrEnum):
    """Where the signature sits relative to what it signs (EN 319 132-1 / 319 122-1 terms)."""

    DETACHED = "detached"
    """Beside what it signs: a token and its document(s), an ASiC's signature file."""
    ENVELOPED = "enveloped"
    """Inside the XML document it signs (the enveloped-signature transform)."""
    ENVELOPING = "enveloping"
    """Holding what it signs: a ds:Object, a CMS encapsulated content (a ``.p7m``)."""
    EMBEDDED = "embedded"
    """In a PDF's signature dictionary (PAdES)."""


class Container(enum.StrEnum):
    """The associated signature container holding the signature (EN 319 162-1)."""

    ASIC_S = "ASiC-S"
    ASIC_E = "ASiC-E"


@dataclass(frozen=True)
class SignedObject:
    """One thing a signature covers, as its reference or content names it: what the verdict
    says was signed. Wrapping defences make sure each one is what the name says."""

    name: str
    """A file name (a detached or ASiC reference, an enveloping .p7m's document), ``#id`` for
    an element of the signature's own document, ``""`` for the whole enveloping document."""
    kind: str
    """``file`` (a file beside the token or in the container), ``same-document`` (an element of
    the XML document holding the signature, or the whole of it), ``embedded`` (content inside
    the signature: a ds:Object, a CMS encapsulated content), ``properties`` (the signed
    properties or KeyInfo: not shown to users as a document)."""
    digest_matches: bool | None = None
    """True when its digest was checked and matches, False when it does not, None when not
    checked (the signature failed before)."""


class RevocationStatus(enum.StrEnum):
    GOOD = "good"
    REVOKED = "revoked"
    UNKNOWN = "unknown"
    """Asked for and not obtained (offline, or no responder answered): TRY_LATER."""
    NOT_CHECKED = "not_checked"
    """The path failed before revocation mattered."""


class RevocationSource(enum.StrEnum):
    """Where the revocation data about the signer's certificate came from."""

    OCSP = "ocsp"
    """An OCSP response fetched during this validation."""
    CRL = "crl"
    """A CRL fetched during this validation, or one at hand (the revocation cache) from the
    certificate's issuer."""
    EMBEDDED = "embedded"
    """Data carried by the signature (CMS revocation values, a PDF's DSS)."""
    CACHE = "cache"
    """Reserved for data read from the local revocation cache; not reported yet."""


@dataclass(frozen=True)
class SignerIdentity:
    name: str
    organisation: str | None = None
    organization_identifier: str | None = None
    """As written in the certificate, e.g. ``NTRFR-123456789``."""
    siren: str | None = None
    """The 9-digit SIREN read from organizationIdentifier (NTRFR-) or a legacy ``OU=0002 ...``."""
    email: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    issuer: str
    serial: str
    """Hexadecimal."""
    not_before: dt.datetime
    not_after: dt.datetime
    sha256: str
    key_usage: tuple[str, ...] = ()
    qc_statements: tuple[str, ...] = ()
    """Names of the EN 319 412-5 statements found (qc_compliance, qc_sscd, qc_type_esign, ...)."""
    qualified_by_statement: bool = False
    """The certificate declares itself qualified (QcCompliance); the trusted lists decide
    (``SignatureReport.qualification``)."""
    der: bytes = field(default=b"", repr=False, compare=False, metadata={"json": False})
    """The certificate itself, for the qualification (not in the JSON)."""


@dataclass(frozen=True)
class RevocationInfo:
    status: RevocationStatus
    source: RevocationSource | None = None
    detail: str | None = None
    revoked_at: dt.datetime | None = None
    """When the certificate was revoked (REVOKED only): a timestamp before it proves the
    signature was made in time."""


class TimestampKind(enum.StrEnum):
    SIGNATURE = "signature"
    """Over the signature value (XAdES SignatureTimeStamp, CAdES signature-time-stamp): B-T."""
    ARCHIVE = "archive"
    """Over the signature and its validation data (XAdES ArchiveTimeStamp, CAdES v3): B-LTA."""
    DOCUMENT = "document"
    """A PDF document timestamp over the whole file: PAdES B-LTA."""


@dataclass(frozen=True)
class TimestampReport:
    """One timestamp token of a signature, validated (EN 319 102-1, 5.4)."""

    kind: TimestampKind
    indication: Indication
    subindication: SubIndication | None
    time: dt.datetime | None = None
    """The time the token states (genTime); only given when its signature value verifies."""
    tsa: str | None = None
    """The timestamping authority, as its certificate names it."""
    detail: str = ""


@dataclass(frozen=True)
class Check:
    """One check behind the verdict, for the details panel and the report."""

    name: str
    passed: bool | None
    """True, False, or None when it could not be decided."""
    detail: str = ""
    """One line of at most DETAIL_LIMIT characters: library messages that run over several
    lines (an XML parser's, asn1crypto's "while parsing ...") or quote pages of base64 are
    folded and cut here, once for every format."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "detail", folded(self.detail))


DETAIL_LIMIT = 300


def folded(text: str, limit: int = DETAIL_LIMIT) -> str:
    """``text`` on one line (its lines stripped and joined by a space), cut to ``limit``
    characters: the one rule for a detail of a report, whatever library wrote it."""
    if len(text) <= limit and "\n" not in text and "\r" not in text and text == text.strip():
        return text  # already one line: kept as it is (a ``Worded`` keeps its template)
    line = " ".join(part.strip() for part in text.splitlines() if part.strip())
    return line if len(line) <= limit else line[: limit - 1] + "…"


@dataclass(frozen=True)
class PdfCoverage:
    covers_whole_document: bool
    coverage: str
    """pyHanko's coverage level: ENTIRE_FILE, ENTIRE_REVISION, CONTIGUOUS_BLOCK_FROM_START, ..."""
    modification_level: str | None = None
    """pyHanko's difference analysis: NONE, LTA_UPDATES, FORM_FILLING, ANNOTATIONS, OTHER."""
    changes: tuple[str, ...] = ()
    """The form fields filled in after signing (pyHanko's names), or, when pyHanko refused a
    change (OTHER), its reason. In words: ``later_changes``."""
    later_changes: tuple[str, ...] = ()
    """What each revision after the signed one changed, in words, one line each
    (``revision 3: validation data added (DSS)``), then the fields filled in and the reason a
    change was refused."""
    revision: int | None = None
    """The revision the signature signed, counted from 1 (the file as first written)."""
    revisions: int | None = None
    """How many revisions the file has."""
    later_revisions: int | None = None
    """How many revisions were added after the signed one."""
    docmdp: int | None = None
    """The DocMDP permission the changes were held to (1, 2, 3: ISO 32000-1, 12.8.2.2), the
    stricter of the signature's own and the document's certification's; None: no certification."""
    docmdp_set_by: str | None = None
    """The field name of the signature that set ``docmdp``."""


@dataclass
class SignatureReport:
    signature_path: Path
    """The token, or the PDF holding the signature."""
    format: DetectedFormat
    indication: Indication
    subindication: SubIndication | None
    explanation: str | None
    """One plain sentence saying why and what to do; None when TOTAL_PASSED."""
    document_path: Path | None = None
    """The signed document (for a detached token: the paired file; for PAdES: the PDF)."""
    level: BaselineLevel | None = None
    """As detected from the signature's content."""
    signature_id: str | None = None
    """XAdES Id, PDF field name, or index in a CMS."""
    signer: SignerIdentity | None = None
    certificate: CertificateInfo | None = None
    chain: list[CertificateInfo] = field(default_factory=list)
    revocation: RevocationInfo | None = None
    signing_time: dt.datetime | None = None
    """The time the signer claims (not proven)."""
    timestamp_time: dt.datetime | None = None
    """The time the signature is proven to have existed: the earliest valid signature
    timestamp's (None when no timestamp proves it)."""
    timestamps: list[TimestampReport] = field(default_factory=list)
    """Every timestamp of the signature, in the order found, each with its own verdict."""
    pdf: PdfCoverage | None = None
    checks: list[Check] = field(default_factory=list)
    qualification: Qualification | None = None
    """QESig, AdESig-QC, ... per the EU trusted lists at the signing time (``trust.eutl``)."""
    packaging: Packaging | None = None
    """Detached, enveloped, enveloping or embedded; None where not determined (damaged)."""
    container: Container | None = None
    """ASiC-S or ASiC-E when the signature was found in such a container."""
    signed_objects: list[SignedObject] = field(default_factory=list)
    """Everything the signature covers (its references, its encapsulated content)."""
    counter_signature_of: str | None = None
    """The ``signature_id`` of the signature this one counter-signs (same signature file)."""
    ades: bool = True
    """False for a plain XML-DSig or CMS signature without the AdES signed attributes: its
    cryptography and certificate are checked, but it is not an AdES signature."""

    def __post_init__(self) -> None:
        if self.subindication is not None and not self.subindication.allowed_under(self.indication):
            raise ValueError(
                f"{self.subindication.code} is not a {self.indication.value} sub-indication"
            )
        if (self.indication is Indication.TOTAL_PASSED) != (self.subindication is None):
            raise ValueError("TOTAL_PASSED has no sub-indication; the others need one")


@dataclass
class DocumentReport:
    path: Path
    signatures: list[SignatureReport] = field(default_factory=list)


@dataclass(frozen=True)
class OrphanSignature:
    signature_path: Path
    reason: str
    signer: SignerIdentity | None = None
    """Who the token names as its signer, read from it: not verified (without its document the
    signature cannot be checked)."""


@dataclass(frozen=True)
class InputError:
    """An input, or an entry of an archive, that could not be read; the rest was verified."""

    path: Path
    template: str
    """In English, translatable; ``{name}``-style fields are filled from ``params``."""
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The English text: what the JSON report gives (``message``)."""
        return self.template.format(path=self.path, **self.params)


@dataclass
class ValidationReport:
    validation_time: dt.datetime
    documents: list[DocumentReport] = field(default_factory=list)
    unsigned_documents: list[Path] = field(default_factory=list)
    orphan_signatures: list[OrphanSignature] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    trust_sources: list[Notice] = field(default_factory=list)
    offline: bool = False

    def all_signatures(self) -> list[SignatureReport]:
        return [s for d in self.documents for s in d.signatures]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "validation_time": _jsonable(self.validation_time),
            "offline": self.offline,
            "trust_sources": [unicode_text(source.message) for source in self.trust_sources],
            "documents": [_jsonable(d) for d in self.documents],
            "unsigned_documents": [_path_text(p) for p in self.unsigned_documents],
            "unsigned_documents_bytes": [_path_bytes(p) for p in self.unsigned_documents],
            "orphan_signatures": [_jsonable(o) for o in self.orphan_signatures],
            "errors": [_input_error(e) for e in self.errors],
        }

    def to_json(self) -> bytes:
        """The report as UTF-8 JSON (indented), valid and safe to print whatever the names hold."""
        text = json.dumps(self.to_json_dict(), ensure_ascii=False, indent=2)
        text = _BEYOND_ASCII.sub(_json_escape, text)
        return text.encode("utf-8") + b"\n"


def _json_escape(match: re.Match[str]) -> str:
    """A character the display rule escapes (``display_text.must_escape``: controls, bidi and
    invisible characters...) as a JSON escape, which a terminal or viewer cannot act on and
    which parses back to the same character; any other character as it is."""
    character = match[0]
    if not must_escape(character):
        return character
    code = ord(character)
    if code > 0xFFFF:  # beyond the BMP, JSON escapes the UTF-16 surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def _input_error(error: InputError) -> dict[str, Any]:
    return {
        "path": _path_text(error.path),
        "path_bytes": _path_bytes(error.path),
        "message": unicode_text(error.message),
    }


def _path_text(path: Path | None) -> str | None:
    """The path as text; a byte that is not UTF-8 shows as U+FFFD (lossy: see ``_bytes``)."""
    return None if path is None else unicode_text(path)


def _path_bytes(path: Path | None) -> str | None:
    """The path's exact bytes, percent-encoded, ``/`` kept: ``Offre/caf%E9.pdf``."""
    return None if path is None else percent_encoded(path, keep="/")


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            if f.metadata.get("json") is False:
                continue
            item = getattr(value, f.name)
            if f.name in PATH_FIELDS:
                fields[f.name] = _path_text(item)
                fields[f"{f.name}_bytes"] = _path_bytes(item)
            else:
                fields[f.name] = _jsonable(item)
        return fields
    if isinstance(value, Indication):
        return value.value
    if isinstance(value, SubIndication):
        return value.code
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, Path):
        return _path_text(value)
    if isinstance(value, str):
        return unicode_text(value)  # messages may quote a name
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value
