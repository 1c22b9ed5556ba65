"""Each certificate, OCSP response and CRL parsed once per thread, however many tokens use it.

Checked against asn1crypto 1.5.1. A tender's tokens carry the same few certificates (the signers',
their CAs', the OCSP responder's), and every validation loads each afresh: asn1crypto builds a new
``Certificate`` for every occurrence, and everything pyhanko-certvalidator asks of it (names
prepared for comparison, extensions, key identifiers, the public key's hash) is worked out again
on the new object: a sixth of a CAdES validation (issue 13, bench_verify_scale's tokens); the same
goes for the OCSP response and the CRLs fetched once for the run and checked for each token. Here
``core._build``, which every parse goes through (``Certificate.load``, a lazily parsed child of a
SignedData, an OCSP response or a signature dictionary), returns the certificate already built
from the same bytes (header, contents and trailer: the whole encoding) when there is one; and
``Certificate.untag()`` no longer deep-copies a certificate that has no tagging to remove.

Why this is safe: a parsed value is a pure function of its bytes, and neither pyHanko nor
Paraphe modifies one; asn1crypto may (dumping a parent of indefinite length re-encodes its
children in place), so a value whose encoding changed since is never handed out again. The cache is per thread (no object it hands out is shared with another
thread through it, so asn1crypto's lazy parsing never runs on one object from two threads) and
bounded (``CACHE_SIZES``, least recently used first out).
``install`` is called once, from ``paraphe.core``'s ``__init__``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from asn1crypto import core, crl, ocsp, parser, x509

CACHE_SIZES = {x509.Certificate: 512, ocsp.OCSPResponse: 64, crl.CertificateList: 2}
"""Values kept per thread, by type: a tender's CAs, responders and many of its signers (a used
certificate takes about 30 KiB: 15 MiB at most); OCSP responses; the CRLs a signature's path
needs (a CRL of 50,000 entries takes tens of MiB once read: two at most are kept)."""

_local = threading.local()


def install() -> None:
    """Put the cache in place (once; calling again changes nothing)."""
    build = core._build
    if getattr(build, "_paraphe_cached", False):
        return
    sizes = CACHE_SIZES

    def cached_build(
        class_: Any,
        method: Any,
        tag: Any,
        header: Any,
        contents: Any,
        trailer: Any,
        spec: Any = None,
        spec_params: Any = None,
        nested_spec: Any = None,
    ) -> Any:
        size = sizes.get(spec)
        if size is None or spec_params or header is None:
            return build(
                class_, method, tag, header, contents, trailer, spec, spec_params, nested_spec
            )
        cache = _thread_cache(spec)
        key = (header, contents, trailer)
        value = cache.get(key)
        if value is not None and value._header == header and value._contents == contents:
            cache.move_to_end(key)
            return value
        # not built yet, or re-encoded in place since (asn1crypto re-encodes every child of a
        # value of indefinite length it dumps): a fresh value, read from these bytes
        value = build(class_, method, tag, header, contents, trailer, spec, spec_params)
        cache[key] = value
        while len(cache) > size:
            cache.popitem(last=False)
        return value

    cached_build._paraphe_cached = True  # type: ignore[attr-defined]
    cached_build.__wrapped__ = build  # type: ignore[attr-defined]
    core._build = cached_build
    _untag_without_copy()


def _untag_without_copy() -> None:
    """pyHanko takes each certificate of a SignedData through ``untag()``, which deep-copies it
    (a new object, everything worked out again) even when it has no tagging to remove. Such a
    certificate is given back as it is; a tagged one is copied as before."""
    untag = x509.Certificate.untag

    def untag_certificate(self: Any) -> Any:
        # the copy would be encoded again with a minimal (DER) header and no end-of-contents:
        # only a value already encoded so is its own copy
        if (
            self.explicit is None
            and not self.implicit
            and not self._trailer
            and self._header
            == parser._dump_header(self.class_, self.method, self.tag, self.contents)
        ):
            return self
        return untag(self)

    x509.Certificate.untag = untag_certificate  # type: ignore[method-assign]


def _thread_cache(spec: type) -> OrderedDict[tuple[bytes, bytes, bytes], Any]:
    caches: dict[type, OrderedDict[tuple[bytes, bytes, bytes], Any]] | None = getattr(
        _local, "caches", None
    )
    if caches is None:
        caches = _local.caches = {}
    cache = caches.get(spec)
    if cache is None:
        cache = caches[spec] = OrderedDict()
    return cache
