"""asn1crypto's comparison of certificate names made cheap: RFC 4518 string preparation cached.

Checked against asn1crypto 1.5.1. Two names are compared (RFC 5280 7.1) by preparing each
attribute value (``NameTypeAndValue._ldap_string_prep``: a dozen regular expressions and a
Unicode normalisation) and comparing the results. asn1crypto keeps the prepared value on the
parsed object only, and pyHanko's CMS validation compares the issuer of every certificate of a
token against the signer's several times on values parsed afresh: a third of the time spent on
a CAdES signature went there (profile of bench_verify_scale's tokens, issue 13). The preparation
is a pure function of the string (the method never reads ``self``), so its results are cached by
string; nothing else changes. ``install`` is called once, from ``paraphe.core``'s ``__init__``.
"""

from __future__ import annotations

import functools
from typing import Any

from asn1crypto import x509

_CACHE_SIZE = 4096
"""Distinct attribute values kept: far more than the names of one tender's CAs and signers."""


def install() -> None:
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
