"""CAdES B-LTA in validation: each archive-time-stamp-v3 token validated against the message
imprint recomputed by the rule signing uses (``signing.cades_archive``: one copy of it).

A token's ats-hash-index-v3 (an unsigned attribute of the token's own SignerInfo) lists what it
covered; every certificate, revocation entry and unsigned attribute value it lists must still be
in the signature (EN 319 122-1 5.5.2: an index with a reference whose original value is not found
is invalid): a covered element removed or altered fails the timestamp (TOTAL_FAILED,
HASH_FAILURE), elements added after it do not (the standard's way of adding validation data and
later archive timestamps). The imprint covers the index as the token holds it, the signed fields
of the signer and the hash of the signed content: the document of a detached token (hashed again
as a stream for the timestamp's algorithm, unless the signature's own digest already is one), the
encapsulated content of an enveloping one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from asn1crypto import cms, core

from ...files.documents import Document
from ...signing.cades_archive import (
    ARCHIVE_TIME_STAMP_V3,
    ATS_HASH_INDEX_V3,
    AtsHashIndexV3,
    ContentDigest,
    archive_imprint,
    certificate_encodings,
    children,
    revocation_encodings,
    unsigned_attribute_value_encodings,
)
from ...text.translatable import N_, Worded
from ..context import VerificationContext
from ..failures import MUST_PROPAGATE, cannot_process, one_line
from ..indications import Indication, SubIndication
from ..report import TimestampKind, TimestampReport
from ..timestamps import validate_timestamp


def cms_archive_timestamps(
    signed_data: cms.SignedData,
    signer_info: cms.SignerInfo,
    document: Path | None,
    signature_digest: bytes | None,
    context: VerificationContext,
) -> list[TimestampReport]:
    """The archive-time-stamp-v3 tokens of a signer, in order, each validated. ``document`` is
    the detached document (None for an enveloping token), ``signature_digest`` its digest with
    the signature's digest algorithm when already computed."""
    unsigned = signer_info["unsigned_attrs"]
    if isinstance(unsigned, core.Void):
        return []
    values = [
        value
        for attribute in unsigned
        if attribute["type"].dotted == ARCHIVE_TIME_STAMP_V3
        for value in attribute["values"]
    ]
    if not values:
        return []
    content_digest = _content_digests(signed_data, signer_info, document, signature_digest, context)
    return [
        _archive_timestamp(value, signed_data, signer_info, content_digest, context)
        for value in values
    ]


def _content_digests(
    signed_data: cms.SignedData,
    signer_info: cms.SignerInfo,
    document: Path | None,
    signature_digest: bytes | None,
    context: VerificationContext,
) -> ContentDigest:
    """The signed content's hash for an algorithm, computed once per algorithm."""
    known: dict[str, bytes] = {}
    if signature_digest is not None:
        known[signer_info["digest_algorithm"]["algorithm"].native] = signature_digest

    def digest(md_algorithm: str) -> bytes:
        if md_algorithm not in known:
            if document is None:
                content = bytes(signed_data["encap_content_info"]["content"])
                known[md_algorithm] = hashlib.new(md_algorithm, content).digest()
            else:
                known[md_algorithm] = Document.open(document).digest(
                    md_algorithm, context.check_cancelled
                )
        return known[md_algorithm]

    return digest


def _archive_timestamp(
    value: core.Asn1Value,
    signed_data: cms.SignedData,
    signer_info: cms.SignerInfo,
    content_digest: ContentDigest,
    context: VerificationContext,
) -> TimestampReport:
    try:
        token = cms.ContentInfo.load(value.dump(), strict=True)
        index = _hash_index(token)
        if index is None:
            return TimestampReport(
                TimestampKind.ARCHIVE,
                Indication.INDETERMINATE,
                SubIndication.FORMAT_FAILURE,
                detail="no ats-hash-index-v3 in the archive timestamp token",
            )
        missing = _missing_references(
            AtsHashIndexV3.load(index, strict=True), signed_data, signer_info
        )
    except MUST_PROPAGATE:
        raise
    except Exception as exc:  # a hostile token: a verdict, never a crash
        indication, subindication = cannot_process(exc)
        return TimestampReport(
            TimestampKind.ARCHIVE,
            indication,
            subindication,
            detail=Worded(N_("unreadable token ({error})"), error=one_line(exc)),
        )
    if missing:
        return TimestampReport(
            TimestampKind.ARCHIVE,
            Indication.TOTAL_FAILED,
            SubIndication.HASH_FAILURE,
            detail=Worded(
                N_("covered data was removed or changed since: {what}"),
                what=Worded.joined(", ", missing),
            ),
        )

    def imprint_of(md_algorithm: str) -> bytes:
        digest = content_digest(md_algorithm)
        return archive_imprint(signed_data, signer_info, digest, index, md_algorithm)

    return validate_timestamp(token, imprint_of, TimestampKind.ARCHIVE, context)


def _hash_index(token: cms.ContentInfo) -> bytes | None:
    """The ats-hash-index-v3 value as the token holds it (unsigned attribute of its signer)."""
    unsigned = token["content"]["signer_infos"][0]["unsigned_attrs"]
    if isinstance(unsigned, core.Void):
        return None
    for attribute in unsigned:
        if attribute["type"].dotted == ATS_HASH_INDEX_V3:
            values = children(attribute["values"].contents)
            return values[0] if len(values) == 1 else None
    return None


def _missing_references(
    index: AtsHashIndexV3, signed_data: cms.SignedData, signer_info: cms.SignerInfo
) -> list[Worded]:
    """What the index lists and the signature no longer holds, in a few words each."""
    algorithm = index["hash_ind_algorithm"]["algorithm"].native
    missing = []
    for field, encodings, one, several in (
        (
            "certificates_hash_index",
            certificate_encodings(signed_data),
            N_("{count} certificate"),
            N_("{count} certificates"),
        ),
        (
            "crls_hash_index",
            revocation_encodings(signed_data),
            N_("{count} revocation entry"),
            N_("{count} revocation entries"),
        ),
        (
            "unsigned_attrs_hash_index",
            unsigned_attribute_value_encodings(signer_info),
            N_("{count} unsigned attribute"),
            N_("{count} unsigned attributes"),
        ),
    ):
        present = {hashlib.new(algorithm, encoded).digest() for encoded in encodings}
        gone = sum(1 for listed in index[field].native if listed not in present)
        if gone:
            missing.append(Worded(several if gone > 1 else one, count=gone))
    return missing
