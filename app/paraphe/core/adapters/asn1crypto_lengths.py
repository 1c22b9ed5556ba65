"""asn1crypto kept from re-encoding a DER value whose length happens to end in 0x80.

Checked against asn1crypto 1.5.1 (upstream issue wbond/asn1crypto#249, open). Five ``dump``
methods (``Asn1Value``, ``Choice``, ``Primitive``, ``Sequence``, ``SequenceOf``) take a header
whose last byte is 0x80 for an indefinite length and re-encode the whole value from its Python
form. A definite length whose last octet is 0x80 (128, 1152, 4736 bytes...) looks the same, so
about one structure in 256 is rebuilt from ``.native`` when it is written out. That rebuild is
lossy: a certificate extension pyHanko names (``qc_statements``, registered after asn1crypto
built its reverse map) cannot be encoded back, so signing with a qualified certificate failed on
one signature in a few hundred ("invalid literal for int() with base 10: 'qc_statements'"); and a
certificate not encoded in strict DER would come out with other bytes than the ones its issuer
signed.

A value read with an indefinite length keeps its end-of-contents octets in ``_trailer``; one
read with a definite length has none. For the latter, the header is marked (``_DefiniteHeader``)
so that the check no longer matches; its bytes are unchanged. ``install`` is called once, from
``paraphe.core``'s ``__init__``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from asn1crypto import core

_CLASSES = (core.Asn1Value, core.Choice, core.Primitive, core.Sequence, core.SequenceOf)
_LAST_OCTET = slice(-1, None, None)


class _DefiniteHeader(bytes):
    """A header known to carry a definite length: its last octet never reads as the marker of
    an indefinite one (``header[-1:]`` is what asn1crypto's check looks at)."""

    def __getitem__(self, key: Any) -> Any:
        if key == _LAST_OCTET:
            return b""
        return bytes.__getitem__(self, key)


def install() -> None:
    """Put the fix in place (once; calling again changes nothing)."""
    for cls in _CLASSES:
        dump = cls.__dict__["dump"]
        if not getattr(dump, "_paraphe_fixed", False):
            cls.dump = _fixed(dump)  # type: ignore[method-assign]


def _fixed(dump: Callable[..., bytes]) -> Callable[..., bytes]:
    @functools.wraps(dump)
    def fixed_dump(self: Any, force: bool = False) -> bytes:
        header = self._header
        if (
            header is not None
            and not isinstance(header, _DefiniteHeader)
            and bytes.__getitem__(header, _LAST_OCTET) == b"\x80"
            and not self._trailer
        ):
            self._header = _DefiniteHeader(header)
        return dump(self, force)

    fixed_dump._paraphe_fixed = True  # type: ignore[attr-defined]
    return fixed_dump
