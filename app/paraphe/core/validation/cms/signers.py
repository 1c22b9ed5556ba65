"""The signers of one SignedData, each seen as the one signer of a SignedData of its own, and the
counter-signatures they carry.

pyHanko validates the first SignerInfo of a SignedData only. A token with several signers (a
co-signature: several SignerInfos over the same content, RFC 5652 5.1) is therefore validated
once per signer, on a SignedData made of the token's own bytes with that one SignerInfo: every
field keeps the bytes it was read from (indefinite lengths included), so each signature is
checked over exactly what its signer signed.

A counter-signature (RFC 5652 11.4, unsigned attribute 1.2.840.113549.1.9.6) is a SignerInfo over
its parent's signature value; it may carry counter-signatures in turn. They are listed here,
bounded in number and depth (a hostile token could nest thousands, each costing a path
validation).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from asn1crypto import cms, core, parser, x509

from ..context import VerificationContext

COUNTER_SIGNATURE = "1.2.840.113549.1.9.6"
MAX_SIGNERS = 32
"""Signers of one token validated; more is no signature anybody makes (the rest: one verdict)."""
MAX_COUNTER_SIGNATURES = 16
"""Counter-signatures validated per token, all depths together."""
MAX_COUNTER_DEPTH = 4
"""A counter-signature of a counter-signature... this many levels deep at most."""


def signer_views(signed_data: cms.SignedData) -> list[tuple[cms.SignerInfo, cms.SignedData]]:
    """Each signer (MAX_SIGNERS at most) with a SignedData holding it alone, built of the
    token's bytes; the token itself when it has one signer."""
    signer_infos = signed_data["signer_infos"]
    if len(signer_infos) == 1:
        return [(signer_infos[0], signed_data)]
    views = []
    for signer_info in list(signer_infos)[:MAX_SIGNERS]:
        view = with_signer(signed_data, signer_info)
        views.append((view["signer_infos"][0], view))
    return views


def with_signer(signed_data: cms.SignedData, signer_info: cms.SignerInfo) -> cms.SignedData:
    """``signed_data``'s fields as their bytes stand, with ``signer_info`` as its only signer."""
    return _rebuilt(signed_data, signer_info, ())


def with_certificate(signed_data: cms.SignedData, certificate: x509.Certificate) -> cms.SignedData:
    """``signed_data`` (of one signer) with one more certificate: one the token does not carry
    (``openssl cms -nocerts``), found elsewhere. The certificates are not signed."""
    return _rebuilt(signed_data, signed_data["signer_infos"][0], (certificate,))


def _rebuilt(
    signed_data: cms.SignedData,
    signer_info: cms.SignerInfo,
    more_certificates: Sequence[x509.Certificate],
) -> cms.SignedData:
    fields = [
        signed_data[name].dump() for name in ("version", "digest_algorithms", "encap_content_info")
    ]
    certificates = signed_data["certificates"]
    present = b"" if isinstance(certificates, core.Void) else certificates.contents
    added = b"".join(certificate.dump() for certificate in more_certificates)
    if present or added:
        fields.append(parser.emit(2, 1, 0, present + added))  # IMPLICIT [0] SET OF
    crls = signed_data["crls"]
    if not isinstance(crls, core.Void):  # IMPLICIT [1] SET OF, its contents as they were read
        fields.append(parser.emit(2, 1, 1, crls.contents))
    fields.append(parser.emit(0, 1, 17, signer_info.dump()))  # SET OF SignerInfo
    return cms.SignedData.load(parser.emit(0, 1, 16, b"".join(fields)))


@dataclass(frozen=True)
class CounterSignature:
    """One counter-signature, the signature value it signs, and where it sits."""

    signer_info: cms.SignerInfo
    parent_signature: bytes
    """The contents octets of the parent's signature value: what the message digest covers."""
    parent_id: str
    """The ``signature_id`` of the signature it counter-signs."""
    signature_id: str


@dataclass(frozen=True)
class TooManyCounterSignatures:
    """Past MAX_COUNTER_SIGNATURES or MAX_COUNTER_DEPTH: not validated."""

    parent_id: str
    count: int


def counter_signatures(
    signer_info: cms.SignerInfo, signature_id: str
) -> Iterator[CounterSignature | TooManyCounterSignatures]:
    """The counter-signatures of a signer, depth first (each followed by its own), read as
    SignerInfos; an unreadable one raises (asn1crypto's ValueError...) when reached."""
    budget = [MAX_COUNTER_SIGNATURES]
    yield from _counter_signatures(signer_info, signature_id, 1, budget)


def _counter_signatures(
    signer_info: cms.SignerInfo, signature_id: str, depth: int, budget: list[int]
) -> Iterator[CounterSignature | TooManyCounterSignatures]:
    found = _countersigners(signer_info)
    if not found:
        return
    if depth > MAX_COUNTER_DEPTH or budget[0] < len(found):
        yield TooManyCounterSignatures(signature_id, len(found))
        return
    budget[0] -= len(found)
    parent_signature = bytes(signer_info["signature"].native)
    for number, counter in enumerate(found, 1):
        counter_id = f"{signature_id}, counter-signature {number}"
        yield CounterSignature(counter, parent_signature, signature_id, counter_id)
        yield from _counter_signatures(counter, counter_id, depth + 1, budget)


def _countersigners(signer_info: cms.SignerInfo) -> Sequence[cms.SignerInfo]:
    unsigned = signer_info["unsigned_attrs"]
    if isinstance(unsigned, core.Void):
        return []
    return [
        value
        for attribute in unsigned
        if attribute["type"].dotted == COUNTER_SIGNATURE
        for value in attribute["values"]
    ]


def with_signer_certificate(view: cms.SignedData, context: VerificationContext) -> cms.SignedData:
    """``view`` with its signer's certificate added when the token does not carry it (``openssl
    cms -nocerts``) and the run knows it (a trusted certificate, or one given with the files):
    a certificate found elsewhere, as RFC 5652 allows; None of the signed bytes change."""
    from pyhanko.sign.general import CMSExtractionError, extract_certificate_info

    try:
        extract_certificate_info(view)
        return view
    except (CMSExtractionError, ValueError, KeyError, TypeError):
        pass
    sid = view["signer_infos"][0]["sid"]
    for candidate in (*context.settings.trust_roots, *context.settings.extra_certs):
        if _identifies(sid, candidate):
            return with_certificate(view, candidate)
    return view


def _identifies(sid: cms.SignerIdentifier, certificate: Any) -> bool:
    try:
        if sid.name == "issuer_and_serial_number":
            chosen = sid.chosen
            return bool(
                chosen["issuer"] == certificate.issuer
                and chosen["serial_number"].native == certificate.serial_number
            )
        return bool(sid.chosen.native == certificate.key_identifier)
    except (ValueError, KeyError, TypeError, AttributeError):
        return False
