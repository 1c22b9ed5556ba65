"""Reading an untrusted CMS token (EN 319 102-1 5.2.2, format checking): bounded in size, PEM,
base64 or S/MIME (``application/pkcs7-mime``) armour removed, then parsed by asn1crypto over the original bytes, strictly where the
validation needs it and not at all where it does not.

What asn1crypto does that matters here:

- it parses lazily: ``load`` reads the outer element and each field is parsed on first access,
  so a damaged part raises wherever it is first touched, deep inside pyHanko;
- ``.native`` decodes a whole subtree, values of attributes whose type it does not know included,
  which it parses with no schema and refuses when they hold a context-tagged element ("Unknown
  element - context class"): CAdES revocation values, archive timestamps;
- ``.dump()`` gives back the bytes a value was read from, unless asn1crypto takes the value for
  changed, and reading an absent DEFAULT field (ESSCertIDv2's hash algorithm) counts as a change:
  the value is then re-encoded (SET OF sorted...), as ``dump(force=True)`` always does;
- BER: it reads indefinite lengths, and constructed strings of indefinite length, but not a
  constructed string of definite length, which BER allows.
- it reads any number of elements, at several µs and hundreds of bytes each: a token of two-byte
  elements as large as allowed would take minutes and gigabytes.

Hence: the SignedData, but its unsigned attributes, is parsed here at once with its schema and
without decoding values (certificates and CRLs only as a list: which of them the signature needs,
and whether they can be read, is the certificate validation's business); what does not parse is a
format failure. That check runs on a throwaway parse: the validation gets a value read afresh from
the bytes, untouched, so that pyHanko checks the signature over the signed attributes exactly as
the token holds them. Unsigned attributes are read by type only (``attribute_types``); pyHanko
parses the values it validates (signature timestamps) itself. When the first parse fails, the
constructed strings are joined into the primitive strings DER would have written and the parse is
tried again; every other element keeps its bytes. A token of more than MAX_ELEMENTS elements is
not parsed at all.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import cms, core, crl, keys, parser, pem, x509

from ...files.user_files import TooLarge, read_bounded
from ...text.translatable import N_, Worded
from ..failures import one_line

MAX_TOKEN_SIZE = 64 << 20  # an enveloping .p7m holds its document; bigger ones are refused

_UNREADABLE = (ValueError, TypeError, LookupError, RecursionError, OverflowError)
"""What asn1crypto raises on bytes it cannot parse (UnicodeDecodeError is a ValueError)."""

_STRING_TAGS = frozenset({3, 4, 7, 12, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 30})
"""Universal types BER may encode as constructed strings (X.690 8.21): bit and octet strings,
the character strings and the times."""
_BIT_STRING = 3
_LEFT_TO_THE_CERTIFICATE_VALIDATION = (x509.Certificate, crl.CertificateList, keys.PublicKeyInfo)
_MAX_DEPTH = 64
"""Deeper than any CMS signature nests; a hostile token must not exhaust Python's stack."""
MAX_ELEMENTS = 500_000
"""More ASN.1 elements than a signature holds (one embedding a CRL of 50,000 revoked certificates
has about 350,000). asn1crypto takes up to 8 µs and 400 bytes to read one: 64 MiB of two-byte
elements would take minutes and gigabytes, half a million a few seconds. A token of more is not
parsed, and is INDETERMINATE (only one of over 1 MB can hold more)."""


@dataclass(frozen=True)
class NotRead:
    """Why a token was not read: damaged (TOTAL_FAILED, FORMAT_FAILURE), or possibly sound but
    beyond what is checked (INDETERMINATE): a valid signature is never called damaged for its
    size."""

    reason: str
    damaged: bool = True


def load_signed_data(token: Path) -> cms.SignedData | NotRead:
    """The SignedData of a DER, BER or PEM/base64 token, once its structure is known to parse;
    or why it was not read."""
    try:
        data = read_bounded(token, MAX_TOKEN_SIZE)
    except TooLarge:
        return NotRead(N_("the file is too large for a signature"))
    except OSError as exc:
        return NotRead(exc.strerror or str(exc))
    if not data:
        return NotRead(N_("the file is empty"))
    if not data.startswith(b"\x30"):
        data = _dearmor(data) or data
    try:
        return _parse_leniently(data)
    except TooManyElements:
        return NotRead(
            Worded(
                N_("more than {count} ASN.1 elements: too many to check"), count=f"{MAX_ELEMENTS:,}"
            ),
            False,
        )
    except _StructureError as exc:
        return NotRead(str(exc))
    except _UNREADABLE as exc:
        return NotRead(Worded(N_("not a readable CMS signature ({error})"), error=one_line(exc)))


class _StructureError(Exception):
    """A readable CMS that is no signature: not a SignedData, or one without a signer."""


def _parse_leniently(data: bytes) -> cms.SignedData:
    """Parsed over the original bytes; failing that, over the same BER with its constructed
    strings joined (the first error is the one reported if that fails too). Not parsed at all if
    it holds more than MAX_ELEMENTS elements (``TooManyElements``)."""
    if len(data) > 2 * MAX_ELEMENTS:  # fewer bytes hold fewer elements: two bytes at least each
        _count_elements(data)
    try:
        return _parse(data)
    except _UNREADABLE as first:
        try:
            joined = join_constructed_strings(data)
        except _UNREADABLE:
            raise first from None
        if joined == data:
            raise
        try:
            return _parse(joined)
        except _UNREADABLE:
            raise first from None


def _count_elements(data: bytes) -> None:
    """Raises ``TooManyElements`` past MAX_ELEMENTS; bytes that are not BER are left to
    asn1crypto to describe (it refuses them too, where the count stopped or before)."""
    try:
        join_constructed_strings(data)
    except TooManyElements:
        raise
    except _UNREADABLE:
        pass


def _parse(data: bytes) -> cms.SignedData:
    # the CAdES attribute types pyHanko registers with asn1crypto on import: known, their values
    # are parsed with their schema, here as in the validation, whatever was imported before
    import pyhanko.sign.ades.cades_asn1  # noqa: F401

    checked = cms.ContentInfo.load(data, strict=True)
    if checked["content_type"].native != "signed_data":
        raise _StructureError(N_("not a CMS SignedData"))
    signed_data = checked["content"]
    for name in ("version", "digest_algorithms", "encap_content_info", "certificates", "crls"):
        parse_structure(signed_data[name])
    signer_infos = signed_data["signer_infos"]
    if not signer_infos:
        raise _StructureError(N_("a SignedData without a signer"))
    for signer_info in signer_infos:
        for name in ("version", "sid", "digest_algorithm", "signed_attrs", "signature_algorithm"):
            parse_structure(signer_info[name])
        signer_info["signature"].native  # noqa: B018 - an OCTET STRING, as cheap as parsing it
        attribute_types(signer_info["unsigned_attrs"])
    # the validation gets a value untouched by the check (see the module's docstring)
    return cms.ContentInfo.load(data, strict=True)["content"]


def parse_structure(value: core.Asn1Value, depth: int = 0) -> None:
    """Build every element nested in ``value`` with its schema, decoding no value: what does not
    parse raises here. Values of unknown types (``Any``) are left unparsed, and so are
    certificates and CRLs: which of them the signature needs, and whether they can be read (a key
    of an algorithm asn1crypto does not know cannot), is decided by the certificate validation."""
    if depth > _MAX_DEPTH:
        raise ValueError("the structure is nested too deeply")
    if isinstance(value, _LEFT_TO_THE_CERTIFICATE_VALIDATION):
        return
    if isinstance(value, core.Choice):
        parse_structure(value.chosen, depth + 1)
    elif isinstance(value, core.Sequence):
        for index in range(len(value)):
            parse_structure(value[index], depth + 1)
    elif isinstance(value, core.SequenceOf):
        for child in value:
            parse_structure(child, depth + 1)


def attribute_types(attributes: Iterable[cms.CMSAttribute] | core.Void) -> set[str]:
    """The dotted types of CMS attributes (none when absent), reading none of their values."""
    if isinstance(attributes, core.Void):
        return set()
    return {attribute["type"].dotted for attribute in attributes}


def _dearmor(data: bytes) -> bytes | None:
    try:
        if pem.detect(data):
            return bytes(pem.unarmor(data)[2])
        body = _smime_body(data)
        return base64.b64decode(b"".join((data if body is None else body).split()), validate=True)
    except (ValueError, TypeError):
        return None


_MIME_HEADERS = 4096
"""How far the headers of an S/MIME entity are looked for."""


def _smime_body(data: bytes) -> bytes | None:
    """The base64 body of an S/MIME ``application/pkcs7-mime`` entity (what ``openssl cms
    -sign -nodetach`` writes by default, and mail clients save as ``smime.p7m``): its headers,
    up to the first empty line, name that type and a base64 transfer encoding; None otherwise.
    The headers are read as ASCII, never interpreted further."""
    head = data[:_MIME_HEADERS]
    for separator in (b"\r\n\r\n", b"\n\n"):
        end = head.find(separator)
        if end >= 0:
            break
    else:
        return None
    headers = head[:end].lower()
    if b"content-type:" not in headers or b"pkcs7-mime" not in headers:
        return None
    if b"content-transfer-encoding: base64" not in headers:
        return None
    return data[end + len(separator) :]


# --- BER: constructed strings of definite length ----------------------------------------------


class TooManyElements(ValueError):
    """More elements than MAX_ELEMENTS: not read any further."""


def join_constructed_strings(data: bytes) -> bytes:
    """``data`` with each constructed universal string replaced by the primitive string it stands
    for (what DER writes); elements holding none keep their bytes. Raises ValueError on bytes that
    are not BER, ``TooManyElements`` past MAX_ELEMENTS."""
    joined = _BerReader(data).rewrite(0, len(data), 0)
    return data if joined is None else joined


class _BerReader:
    """The elements of one token, each header read once, MAX_ELEMENTS at most.

    An element of indefinite length is known by its end-of-contents only, found by reading all
    it holds: it is remembered by offset, and not read again at each level above it (a hostile
    token nested deep would take hours). One of definite length costs one header to read again.
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.left = MAX_ELEMENTS
        self.indefinite: dict[int, _Element] = {}

    def rewrite(self, start: int, end: int, depth: int) -> bytes | None:
        """The elements in ``data[start:end]`` rewritten, or None if none had to change."""
        if depth > _MAX_DEPTH:
            raise ValueError("the structure is nested too deeply")
        pieces: list[bytes] = []
        kept_from = start  # the bytes since here are unchanged, not yet copied
        pointer = start
        while pointer < end:
            element = self.read(pointer, end)
            new: bytes | None = None
            if element.constructed and element.class_ == 0 and element.tag in _STRING_TAGS:
                new = parser.emit(0, 0, element.tag, self.joined(element, depth + 1))
            elif element.constructed:
                contents = self.rewrite(element.contents_start, element.contents_end, depth + 1)
                if contents is not None:
                    new = parser.emit(element.class_, 1, element.tag, contents)
            if new is not None:
                pieces += (self.data[kept_from:pointer], new)
                kept_from = element.end
            pointer = element.end
        if not pieces:
            return None
        pieces.append(self.data[kept_from:end])
        return b"".join(pieces)

    def joined(self, string: _Element, depth: int) -> bytes:
        """The value of a constructed string: its segments (constructed ones in turn) end to
        end."""
        if depth > _MAX_DEPTH:
            raise ValueError("the structure is nested too deeply")
        segments = []
        pointer = string.contents_start
        while pointer < string.contents_end:
            segment = self.read(pointer, string.contents_end)
            if segment.class_ != 0 or segment.tag != string.tag:
                raise ValueError("a segment of a constructed string has another type")
            if segment.constructed:
                segments.append(self.joined(segment, depth + 1))
            else:
                segments.append(self.data[segment.contents_start : segment.contents_end])
            pointer = segment.end
        if string.tag != _BIT_STRING:
            return b"".join(segments)
        # each segment of a bit string starts with its count of unused bits; only the last may
        # have any
        if not segments or any(not s or s[0] for s in segments[:-1]) or not segments[-1]:
            raise ValueError("a constructed BIT STRING with misplaced unused bits")
        return segments[-1][:1] + b"".join(s[1:] for s in segments)

    def read(self, pointer: int, limit: int, depth: int = 0) -> _Element:
        """The element at ``pointer``, which must end by ``limit``."""
        known = self.indefinite.get(pointer)
        if known is not None:
            if known.end > limit:
                raise ValueError("truncated element")
            return known
        if depth > _MAX_DEPTH:
            raise ValueError("the structure is nested too deeply")
        self.left -= 1
        if self.left < 0:
            raise TooManyElements(f"more than {MAX_ELEMENTS:,} elements")
        data = self.data
        origin = pointer
        if pointer + 2 > limit:
            raise ValueError("truncated element")
        first = data[pointer]
        pointer += 1
        class_, constructed, tag = first >> 6, bool(first & 0x20), first & 0x1F
        if tag == 0x1F:  # high tag number, base 128
            tag = 0
            while True:
                if pointer >= limit:
                    raise ValueError("truncated element")
                octet = data[pointer]
                pointer += 1
                tag = (tag << 7) | (octet & 0x7F)
                if tag > 1 << 32:
                    raise ValueError("tag number too large")
                if not octet & 0x80:
                    break
        if pointer >= limit:
            raise ValueError("truncated element")
        length = data[pointer]
        pointer += 1
        if length == 0x80:  # indefinite: constructed, ends with an end-of-contents 00 00
            if not constructed:
                raise ValueError("a primitive element of indefinite length")
            contents_start = pointer
            while limit - pointer < 2 or data[pointer] or data[pointer + 1]:
                pointer = self.read(pointer, limit, depth + 1).end
            element = _Element(class_, constructed, tag, contents_start, pointer, pointer + 2)
            self.indefinite[origin] = element
            return element
        if length & 0x80:
            count = length & 0x7F
            if count > 8:
                raise ValueError("length too large")
            if pointer + count > limit:
                raise ValueError("truncated element")
            length = int.from_bytes(data[pointer : pointer + count], "big")
            pointer += count
        if pointer + length > limit:
            raise ValueError("truncated element")
        return _Element(class_, constructed, tag, pointer, pointer + length, pointer + length)


class _Element:
    """The header of one BER element: where its contents start and end, and where it ends."""

    __slots__ = ("class_", "constructed", "contents_end", "contents_start", "end", "tag")

    def __init__(
        self,
        class_: int,
        constructed: bool,
        tag: int,
        contents_start: int,
        contents_end: int,
        end: int,
    ) -> None:
        self.class_ = class_
        self.constructed = constructed
        self.tag = tag
        self.contents_start = contents_start
        self.contents_end = contents_end
        self.end = end
