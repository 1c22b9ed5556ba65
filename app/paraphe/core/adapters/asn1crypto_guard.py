"""asn1crypto kept from running for ever on hostile bytes (checked against asn1crypto 1.5.1).

asn1crypto parses every untrusted byte of a signature: CMS tokens, the CMS inside a PDF's
/Contents (through pyHanko), timestamp tokens, OCSP responses and CRLs downloaded from the URLs a
hostile certificate names, the IssuerSerial of a XAdES signing certificate. Two of its loops build
an integer seven bits per input byte with no bound, and each step copies the integer built so far:
a run of n bytes costs n², 40 KB half a second, 1 MB minutes, a 64 MiB token for ever.

- ``parser._parse`` reads the number of a tag in high-tag-number form (first octet & 0x1F ==
  0x1F) until an octet without its top bit: 1 MB of 0xFF after such an octet never ends. Tag
  numbers of real structures are below 100; above ``MAX_TAG`` one is refused, before the loop.
- ``core.ObjectIdentifier.dotted`` (hence ``.native``, and every comparison of a type or an
  algorithm) decodes the arcs the same way. Real identifiers take tens of octets (a UUID arc,
  the longest in use, 19); one longer than ``MAX_OID_OCTETS`` is refused.

Refused means ``ValueError``, what asn1crypto raises for any other malformed encoding, so every
caller already turns it into "this structure cannot be read". The rest of ``_parse`` is bounded:
length octets are at most 127, indefinite lengths nest at most 10 deep, and each element it reads
is at least two bytes. ``install`` is called once, from ``paraphe.core``'s ``__init__``: every
face (command line, desktop application, tests, fuzzing children) imports the engine before it
reads a byte. asn1crypto's ``core`` binds ``_parse`` by name when it is imported, so the guard is
put in both modules, whichever was imported first (pyHanko, certomancer or a test may import
asn1crypto before Paraphe does).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from asn1crypto import core, parser

MAX_TAG = 1 << 32
MAX_OID_OCTETS = 1024

_TAG_OCTETS = 5
"""Octets of a tag number up to MAX_TAG (7 bits each, 35 bits)."""


def install() -> None:
    """Put the guards in place (once; calling again changes nothing)."""
    if not _is_guarded(parser._parse):
        guarded = _guarded_parse(parser._parse)
        parser._parse = guarded
        core._parse = guarded  # bound by name when asn1crypto.core was imported
    if not _is_guarded(core.ObjectIdentifier.dotted.fget):
        core.ObjectIdentifier.dotted = _guarded_dotted(core.ObjectIdentifier.dotted)  # type: ignore[method-assign]


def _is_guarded(function: object) -> bool:
    return getattr(function, "_paraphe_guarded", False) is True


def _guarded_parse(parse: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(parse)
    def _parse(
        encoded_data: bytes,
        data_len: int,
        pointer: int = 0,
        lengths_only: bool = False,
        depth: int = 0,
    ) -> Any:
        if pointer < data_len and encoded_data[pointer] & 0x1F == 0x1F:
            _refuse_huge_tag(encoded_data, pointer + 1, data_len)
        return parse(encoded_data, data_len, pointer, lengths_only, depth)

    _parse._paraphe_guarded = True  # type: ignore[attr-defined]
    return _parse


def _refuse_huge_tag(data: bytes, start: int, end: int) -> None:
    tag = 0
    for octet in data[start : min(start + _TAG_OCTETS, end)]:
        tag = (tag << 7) | (octet & 0x7F)
        if not octet & 0x80:
            break
    else:
        if end - start < _TAG_OCTETS:
            return  # truncated: asn1crypto says so
        raise ValueError("Tag number too large")
    if tag > MAX_TAG:
        raise ValueError("Tag number too large")


def _guarded_dotted(dotted: property) -> property:
    read = dotted.fget
    assert read is not None

    @functools.wraps(read)
    def guarded(self: core.ObjectIdentifier) -> str:
        if self._dotted is None and len(self.contents or b"") > MAX_OID_OCTETS:
            raise ValueError("Object identifier too long")
        text: str = read(self)
        return text

    guarded._paraphe_guarded = True  # type: ignore[attr-defined]
    return property(guarded)
