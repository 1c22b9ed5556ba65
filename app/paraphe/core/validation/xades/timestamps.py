"""The signature timestamps of a XAdES signature (EN 319 132-1, 5.3), read and validated.

A ``xades:SignatureTimeStamp`` holds an RFC 3161 token over the digest of the ``ds:SignatureValue``
element, canonicalised as its ``ds:CanonicalizationMethod`` says (inclusive C14N 1.0 when absent,
XAdES 1.3.2 clause 7.1.4.3). Tokens are validated by ``validation.timestamps``, as for every
format. Only those of this signature's own QualifyingProperties count.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import hashlib
from typing import Any

from asn1crypto import cms
from signxml.algorithms import CanonicalizationMethod

from ...adapters import signxml_internals
from ...text.translatable import N_, Worded
from ...xades_names import NS
from ..context import VerificationContext
from ..indications import Indication, SubIndication
from ..report import TimestampKind, TimestampReport
from ..timestamps import validate_timestamp

_DEFAULT_C14N = CanonicalizationMethod.CANONICAL_XML_1_0


def signature_timestamps(
    signed_properties: Any,
    signature: Any,
    context: VerificationContext,
    proven_by: dt.datetime | None = None,
) -> list[TimestampReport]:
    """Every SignatureTimeStamp beside ``signed_properties``, each with its verdict."""
    qualifying = signed_properties.getparent()
    stamps = qualifying.findall(
        "xades:UnsignedProperties/xades:UnsignedSignatureProperties/xades:SignatureTimeStamp", NS
    )
    signature_value = signature.find("ds:SignatureValue", NS)
    return [_one(stamp, signature_value, context, proven_by) for stamp in stamps]


def _one(
    stamp: Any, signature_value: Any, context: VerificationContext, proven_by: dt.datetime | None
) -> TimestampReport:
    encapsulated = stamp.findall("xades:EncapsulatedTimeStamp", NS)
    if len(encapsulated) != 1 or signature_value is None:
        return _unusable(
            Indication.INDETERMINATE,
            Worded(
                N_(
                    "{count} encapsulated tokens; one RFC 3161 token is expected"
                    " (XML timestamps are not supported)"
                ),
                count=len(encapsulated),
            ),
        )
    method = stamp.find("ds:CanonicalizationMethod", NS)
    try:
        algorithm = (
            CanonicalizationMethod(method.get("Algorithm")) if method is not None else _DEFAULT_C14N
        )
    except ValueError:
        return _unusable(Indication.INDETERMINATE, N_("unsupported canonicalisation method"))
    try:
        token = cms.ContentInfo.load(base64.b64decode(encapsulated[0].text or "", validate=False))
        token["content"]  # parse now: a damaged token is a format failure, not a crash later
    except (ValueError, TypeError, binascii.Error):
        return _unusable(Indication.TOTAL_FAILED, N_("the token is not readable DER"))
    canonical = signxml_internals.canonical(_canonicaliser(), signature_value, algorithm)

    def imprint_of(md_algorithm: str) -> bytes:
        return hashlib.new(md_algorithm, canonical).digest()

    return validate_timestamp(token, imprint_of, TimestampKind.SIGNATURE, context, proven_by)


@functools.cache
def _canonicaliser() -> Any:
    """A signxml verifier, used for its canonicalisation only."""
    from signxml import XMLVerifier

    return XMLVerifier()


def _unusable(indication: Indication, detail: str) -> TimestampReport:
    return TimestampReport(
        TimestampKind.SIGNATURE, indication, SubIndication.FORMAT_FAILURE, detail=detail
    )
