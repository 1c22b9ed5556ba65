"""What a file holds, told from its first bytes: a CMS signature (and whether its document is inside
it), or nothing we recognise. Discovery asks this of every file, so it reads a few KB at most and
parses only the headers of the outer ASN.1 elements; the validators read the whole file later.

A CMS ContentInfo of type signedData is a signature (RFC 5652) when its SignedData has at least one
SignerInfo: one without a signer is a certificate bundle (``.p7b``), not a signature. Its
encapsulated content info holds ``eContent`` when the document is inside (an enveloping ``.p7m``),
and nothing when the document is beside it (a detached ``.p7s``). DER, BER with indefinite
lengths (``openssl cms -stream``), PEM armour and bare base64 are recognised.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path

from ...files.user_files import open_regular
from ..report import Packaging

HEAD_BYTES = 64 << 10
"""Enough for the headers up to the signer infos of a detached token with its certificates; an
enveloping one is told apart much earlier, before its content."""

_SIGNED_DATA_OID = bytes.fromhex("2a864886f70d010702")
_PEM = re.compile(rb"-----BEGIN [A-Z0-9 #]+-----\s*(?:[A-Za-z-]+:[^\n]*\n)*\s*([A-Za-z0-9+/=\s]+)")
_BASE64_HEAD = re.compile(rb"^\s*MI[A-Za-z0-9+/]")
"""Base64 of a DER or BER SEQUENCE with a long length starts with ``MI``."""
_OPENPGP_ARMOUR = b"-----BEGIN PGP SIGNATURE-----"


class _Truncated(Exception):
    """The head ended before the element did: nothing more can be told from it."""


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of a regular file; empty when it cannot be read."""
    try:
        with open_regular(path) as handle:
            return bytes(handle.read(size))
    except OSError:
        return b""


def cms_packaging(head: bytes) -> Packaging | None:
    """DETACHED or ENVELOPING for a CMS signature (DER, BER, PEM or base64), None for anything
    else (a certificate bundle without signers included)."""
    der = head if head[:1] == b"\x30" else _unarmoured(head)
    if der is None:
        return None
    try:
        return _walk_signed_data(der)
    except _Truncated:
        return None
    except (IndexError, ValueError):
        return None


def is_openpgp(head: bytes) -> bool:
    """An OpenPGP signature (``.sig``/``.asc`` made by GnuPG): armoured, or a binary signature
    packet (old or new format, tag 2)."""
    if head.lstrip().startswith(_OPENPGP_ARMOUR):
        return True
    if not head:
        return False
    first = head[0]
    return first in (0x88, 0x89, 0x8A) or first == 0xC2


def _unarmoured(head: bytes) -> bytes | None:
    """The first decoded bytes of a PEM-armoured or bare base64 head (a whole number of base64
    quanta of it, so that a cut head still decodes)."""
    match = _PEM.search(head[:4096])
    body = match[1] if match is not None else head if _BASE64_HEAD.match(head) else None
    if body is None:
        return None
    compact = b"".join(body.split())
    compact = compact[: len(compact) - len(compact) % 4]
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        return None


def _walk_signed_data(data: bytes) -> Packaging | None:
    tag, _, start, end = _header(data, 0)
    if tag != 0x30:  # ContentInfo
        return None
    tag, _, oid_start, oid_end = _header(data, start)
    if tag != 0x06 or data[oid_start:oid_end] != _SIGNED_DATA_OID:
        return None
    tag, _, explicit_start, _ = _header(data, _end_of(data, start))
    if tag != 0xA0:
        return None
    tag, _, signed_data_start, _ = _header(data, explicit_start)
    if tag != 0x30:  # SignedData
        return None
    position = _end_of(data, signed_data_start)  # version
    tag, _, _, _ = _header(data, position)
    if tag != 0x31:  # digestAlgorithms
        return None
    position = _end_of(data, position)
    tag, _, encap_start, _ = _header(data, position)
    if tag != 0x30:  # encapContentInfo
        return None
    after_type = _end_of(data, encap_start)
    if _at_content_end(data, after_type, position):
        packaging = Packaging.DETACHED
    elif _header(data, after_type)[0] == 0xA0:
        return Packaging.ENVELOPING  # its content may be large: its signers are not looked for
    else:
        return None
    position = _end_of(data, position)
    while True:  # [0] certificates and [1] crls, then the signer infos
        tag, _, start, end = _header(data, position)
        if tag in (0xA0, 0xA1):
            position = _end_of(data, position)
            continue
        if tag != 0x31:
            return None
        has_signer = not (end == start or (end == -1 and data[start : start + 2] == b"\0\0"))
        return packaging if has_signer else None


def _at_content_end(data: bytes, position: int, element: int) -> bool:
    """Whether ``position`` is where the element starting at ``element`` ends: its definite end,
    or its end-of-contents octets."""
    _, _, _, end = _header(data, element)
    if end != -1:
        return position == end
    return data[position : position + 2] == b"\0\0"


def _header(data: bytes, position: int) -> tuple[int, bool, int, int]:
    """(tag byte, constructed, content start, content end or -1 for an indefinite length)."""
    if position + 2 > len(data):
        raise _Truncated
    tag = data[position]
    if tag & 0x1F == 0x1F:
        raise ValueError("high tag numbers do not occur in a SignedData's outer structure")
    length = data[position + 1]
    start = position + 2
    if length == 0x80:
        if not tag & 0x20:
            raise ValueError("an indefinite length on a primitive element")
        return tag, True, start, -1
    if length & 0x80:
        count = length & 0x7F
        if count > 4 or start + count > len(data):
            raise _Truncated if count <= 4 else ValueError("length too long")
        length = int.from_bytes(data[start : start + count], "big")
        start += count
    return tag, bool(tag & 0x20), start, start + length


def _end_of(data: bytes, position: int, depth: int = 0) -> int:
    """Where the element starting at ``position`` ends (after its end-of-contents octets)."""
    if depth > 32:
        raise ValueError("nested too deeply")
    _, _, start, end = _header(data, position)
    if end != -1:
        if end > len(data):
            raise _Truncated
        return end
    child = start
    while True:
        if child + 2 > len(data):
            raise _Truncated
        if data[child : child + 2] == b"\0\0":
            return child + 2
        child = _end_of(data, child, depth + 1)
