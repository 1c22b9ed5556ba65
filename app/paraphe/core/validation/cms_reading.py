"""Reading an untrusted CMS token (EN 319 102-1 5.2.2, format checking): bounded in size, PEM or
base64 armour removed, then parsed by asn1crypto over the original bytes, strictly where the
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

Hence: the SignedData, but its unsigned attributes, is parsed here at once with its schema and
without decoding values (certificates and CRLs only as a list: which of them the signature needs,
and whether they can be read, is the certificate validation's business); what does not parse is a
format failure. That check runs on a throwaway parse: the validation gets a value read afresh from
the bytes, untouched, so that pyHanko checks the signature over the signed attributes exactly as
the token holds them. Unsigned attributes are read by type only (``attribute_types``); pyHanko
parses the values it validates (signature timestamps) itself. When the first parse fails, the
constructed strings are joined into the primitive strings DER would have written and the parse is
tried again; every other element keeps its bytes.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from pathlib import Path

from asn1crypto import cms, core, crl, keys, parser, pem, x509

from .failures import one_line

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


def load_signed_data(token: Path) -> cms.SignedData | str:
    """The SignedData of a DER, BER or PEM/base64 token, once its structure is known to parse;
    or the reason it cannot be read."""
    try:
        size = token.stat().st_size
        if size == 0:
            return "the file is empty"
        if size > MAX_TOKEN_SIZE:
            return "the file is too large for a signature"
        data = token.read_bytes()
    except OSError as exc:
        return exc.strerror or str(exc)
    if not data.startswith(b"\x30"):
        data = _dearmor(data) or data
    try:
        return _parse_leniently(data)
    except _StructureError as exc:
        return str(exc)
    except _UNREADABLE as exc:
        return f"not a readable CMS signature ({one_line(exc)})"


class _StructureError(Exception):
    """A readable CMS that is no signature: not a SignedData, or one without a signer."""


def _parse_leniently(data: bytes) -> cms.SignedData:
    """Parsed over the original bytes; failing that, over the same BER with its constructed
    strings joined (the first error is the one reported if that fails too)."""
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


def _parse(data: bytes) -> cms.SignedData:
    # the CAdES attribute types pyHanko registers with asn1crypto on import: known, their values
    # are parsed with their schema, here as in the validation, whatever was imported before
    import pyhanko.sign.ades.cades_asn1  # noqa: F401

    checked = cms.ContentInfo.load(data, strict=True)
    if checked["content_type"].native != "signed_data":
        raise _StructureError("not a CMS SignedData")
    signed_data = checked["content"]
    for name in ("version", "digest_algorithms", "encap_content_info", "certificates", "crls"):
        parse_structure(signed_data[name])
    signer_infos = signed_data["signer_infos"]
    if not signer_infos:
        raise _StructureError("a SignedData without a signer")
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
        return base64.b64decode(b"".join(data.split()), validate=True)
    except (ValueError, TypeError):
        return None


# --- BER: constructed strings of definite length ----------------------------------------------


def join_constructed_strings(data: bytes) -> bytes:
    """``data`` with each constructed universal string replaced by the primitive string it stands
    for (what DER writes); elements holding none keep their bytes. Raises ValueError on bytes that
    are not BER."""
    return _rewrite(data, 0, len(data), 0, {})[0]


_Seen = dict[int, "_Element"]
"""Elements already read, by offset: an element of indefinite length is read once, not again at
each level above it (a hostile token nested deep would take hours)."""


def _rewrite(data: bytes, start: int, end: int, depth: int, seen: _Seen) -> tuple[bytes, bool]:
    """The elements in ``data[start:end]``, rewritten; and whether anything changed."""
    if depth > _MAX_DEPTH:
        raise ValueError("the structure is nested too deeply")
    pieces = []
    changed = False
    pointer = start
    while pointer < end:
        element = _Element.read(data, pointer, end, seen)
        if element.constructed and element.class_ == 0 and element.tag in _STRING_TAGS:
            joined = _joined(data, element, depth + 1, seen)
            pieces.append(parser.emit(0, 0, element.tag, joined))
            changed = True
        elif element.constructed:
            contents, inner_changed = _rewrite(
                data, element.contents_start, element.contents_end, depth + 1, seen
            )
            if inner_changed:
                pieces.append(parser.emit(element.class_, 1, element.tag, contents))
                changed = True
            else:
                pieces.append(data[pointer : element.end])
        else:
            pieces.append(data[pointer : element.end])
        pointer = element.end
    return b"".join(pieces), changed


def _joined(data: bytes, string: _Element, depth: int, seen: _Seen) -> bytes:
    """The value of a constructed string: its segments (constructed ones in turn) end to end."""
    if depth > _MAX_DEPTH:
        raise ValueError("the structure is nested too deeply")
    segments = []
    pointer = string.contents_start
    while pointer < string.contents_end:
        segment = _Element.read(data, pointer, string.contents_end, seen)
        if segment.class_ != 0 or segment.tag != string.tag:
            raise ValueError("a segment of a constructed string has another type")
        if segment.constructed:
            segments.append(_joined(data, segment, depth + 1, seen))
        else:
            segments.append(data[segment.contents_start : segment.contents_end])
        pointer = segment.end
    if string.tag != _BIT_STRING:
        return b"".join(segments)
    # each segment of a bit string starts with its count of unused bits; only the last may have any
    if not segments or any(not s or s[0] for s in segments[:-1]) or not segments[-1]:
        raise ValueError("a constructed BIT STRING with misplaced unused bits")
    return segments[-1][:1] + b"".join(s[1:] for s in segments)


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

    @classmethod
    def read(cls, data: bytes, pointer: int, limit: int, seen: _Seen, depth: int = 0) -> _Element:
        """The element at ``pointer``, which must end by ``limit``."""
        known = seen.get(pointer)
        if known is not None:
            if known.end > limit:
                raise ValueError("truncated element")
            return known
        element = cls._read(data, pointer, limit, seen, depth)
        seen[pointer] = element
        return element

    @classmethod
    def _read(cls, data: bytes, pointer: int, limit: int, seen: _Seen, depth: int) -> _Element:
        if depth > _MAX_DEPTH:
            raise ValueError("the structure is nested too deeply")

        def byte() -> int:
            nonlocal pointer
            if pointer >= limit:
                raise ValueError("truncated element")
            pointer += 1
            return data[pointer - 1]

        first = byte()
        class_, constructed, tag = first >> 6, bool(first & 0x20), first & 0x1F
        if tag == 0x1F:  # high tag number, base 128
            tag = 0
            while True:
                octet = byte()
                tag = (tag << 7) | (octet & 0x7F)
                if not octet & 0x80:
                    break
                if tag > 1 << 32:
                    raise ValueError("tag number too large")
        length = byte()
        if length == 0x80:  # indefinite: constructed, ends with an end-of-contents 00 00
            if not constructed:
                raise ValueError("a primitive element of indefinite length")
            contents_start = pointer
            while True:
                if pointer + 2 <= limit and data[pointer : pointer + 2] == b"\x00\x00":
                    return cls(class_, constructed, tag, contents_start, pointer, pointer + 2)
                pointer = cls.read(data, pointer, limit, seen, depth + 1).end
        if length & 0x80:
            count = length & 0x7F
            if count > 8:
                raise ValueError("length too large")
            length = int.from_bytes(bytes(byte() for _ in range(count)), "big")
        if pointer + length > limit:
            raise ValueError("truncated element")
        return cls(class_, constructed, tag, pointer, pointer + length, pointer + length)
