"""asn1crypto's comparison of certificate names made cheap: RFC 4518 string preparation cached.

Checked against asn1crypto 1.5.1. Two names are compared (RFC 5280 7.1) by preparing each
attribute value (``NameTypeAndValue._ldap_string_prep``: a dozen regular expressions and a
Unicode normalisation) and comparing the results. asn1crypto keeps the prepared value on the
parsed object only, and pyHanko's CMS validation compares the issuer of every certificate of a
token against the signer's several times on values parsed afresh: a third of the time spent on
a CAdES signature went there (profile of bench_verify_scale's tokens, issue 13). The preparation
is a pure function of the string (the method never reads ``self``), so its results are cached by
string. One level up, what a relative distinguished name holds (its attribute types, and their
prepared values: ``RelativeDistinguishedName._get_types`` and ``_get_values``, which every name
comparison and ``Name.hashable`` walk, parsing each attribute again) is a pure function of its DER,
and is cached by it (the same CA names recur in every token of a tender: another tenth of a CAdES
validation); so are, one more level up, ``Name.__eq__`` and ``Name.hashable``, by the DER of the
names' RDN sequences. Each caller gets its own copy of a set or dict, each answer is the
original's (computed by it, on the same bytes parsed again), errors included: they are not
cached, so they are raised again. ``install`` is called once, from ``paraphe.core``'s
``__init__``.
"""

from __future__ import annotations

import functools
from typing import Any

from asn1crypto import x509

_CACHE_SIZE = 4096
"""Distinct attribute values kept: far more than the names of one tender's CAs and signers."""


def install() -> None:
    _cache_preparation()
    _cache_rdn_views()
    _cache_name_equality()


def _cache_preparation() -> None:
    method = x509.NameTypeAndValue._ldap_string_prep
    if getattr(method, "_paraphe_cached", False):
        return

    @functools.lru_cache(maxsize=_CACHE_SIZE)
    def prepared(string: str) -> str:
        return str(method(None, string))

    def cached(self: Any, string: str) -> str:
        return prepared(string)

    cached._paraphe_cached = True  # type: ignore[attr-defined]
    cached.__wrapped__ = method  # type: ignore[attr-defined]
    x509.NameTypeAndValue._ldap_string_prep = cached  # type: ignore[method-assign]


def _cache_rdn_views() -> None:
    rdn = x509.RelativeDistinguishedName
    get_values, get_types = rdn._get_values, rdn._get_types
    if getattr(get_values, "_paraphe_cached", False):
        return

    @functools.lru_cache(maxsize=_CACHE_SIZE)
    def values_of(der: bytes) -> tuple[tuple[str, str], ...]:
        return tuple(get_values(None, rdn.load(der)).items())

    @functools.lru_cache(maxsize=_CACHE_SIZE)
    def types_of(der: bytes) -> frozenset[str]:
        return frozenset(get_types(None, rdn.load(der)))

    def cached_values(self: Any, value: Any) -> dict[str, str]:
        return dict(values_of(value.dump()))

    def cached_types(self: Any, value: Any) -> set[str]:
        return set(types_of(value.dump()))

    cached_values._paraphe_cached = True  # type: ignore[attr-defined]
    cached_values.__wrapped__ = get_values  # type: ignore[attr-defined]
    cached_types.__wrapped__ = get_types  # type: ignore[attr-defined]
    rdn._get_values = cached_values  # type: ignore[method-assign]
    rdn._get_types = cached_types  # type: ignore[method-assign]


def _cache_name_equality() -> None:
    """``Name.__eq__`` and ``Name.hashable`` (how pyhanko-certvalidator files and finds
    certificates) answered by DER; a name's tagging is no part of either (they read its RDN
    sequence, ``chosen``)."""
    name, sequence = x509.Name, x509.RDNSequence
    equal, hashable = name.__eq__, name.hashable
    if getattr(equal, "_paraphe_cached", False):
        return

    @functools.lru_cache(maxsize=_CACHE_SIZE)
    def equal_sequences(first: bytes, second: bytes) -> bool:
        return bool(sequence.load(first) == sequence.load(second))

    @functools.lru_cache(maxsize=_CACHE_SIZE)
    def hashable_sequence(der: bytes) -> str:
        return str(sequence.load(der).hashable)

    def cached_equal(self: Any, other: object) -> bool:
        if not isinstance(other, name):
            return False
        return equal_sequences(self.chosen.dump(), other.chosen.dump())

    def cached_hashable(self: Any) -> str:
        return hashable_sequence(self.chosen.dump())

    cached_equal._paraphe_cached = True  # type: ignore[attr-defined]
    cached_equal.__wrapped__ = equal  # type: ignore[attr-defined]
    name.__eq__ = cached_equal  # type: ignore[method-assign,assignment]
    cached_hashable.__wrapped__ = hashable.fget  # type: ignore[attr-defined]
    name.hashable = property(cached_hashable)  # type: ignore[method-assign,assignment]
