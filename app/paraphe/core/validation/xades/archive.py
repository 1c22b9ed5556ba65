"""The archive timestamps of a XAdES signature (B-LTA, EN 319 132-1 5.5.2), read and validated.

A XAdES 1.4.1 ``xades141:ArchiveTimeStamp`` holds an RFC 3161 token over the document, the
signature and every unsigned property before it; what exactly is the rule of
``signing.xades_archive.archive_input``, shared with signing. Each token is validated by
``validation.timestamps`` as every timestamp is, with the document streamed again (or, when it
is the first reference, from the state its digest left). Only this signature's own unsigned
signature properties count; a XAdES 1.3.2 ArchiveTimeStamp (an older input rule) is reported,
not checked.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from asn1crypto import cms
from lxml import etree

from ...signing.xades_archive import (
    DEFAULT_C14N,
    DocumentBytes,
    UnsupportedArchiveInput,
    archive_input,
    unsigned_signature_properties,
)
from ...text.translatable import N_, Worded
from ...xades_names import DS, XADES, XADES141
from ..context import VerificationContext
from ..indications import Indication, SubIndication
from ..report import TimestampKind, TimestampReport
from ..timestamps import validate_timestamp


def archive_timestamps(
    signature: Any, document: DocumentBytes, context: VerificationContext
) -> list[TimestampReport]:
    """Every ArchiveTimeStamp of ``signature``, in order, each with its verdict."""
    properties = unsigned_signature_properties(signature)
    if properties is None:
        return []
    reports = []
    for child in properties.iterchildren(etree.Element):
        if child.tag == f"{{{XADES141}}}ArchiveTimeStamp":
            reports.append(_one(signature, child, document, context))
        elif child.tag == f"{{{XADES}}}ArchiveTimeStamp":
            reports.append(
                _unusable(
                    Indication.INDETERMINATE,
                    N_("a XAdES 1.3.2 ArchiveTimeStamp; only XAdES 1.4.1 ones are checked"),
                )
            )
    return reports


def _one(
    signature: Any, stamp: Any, document: DocumentBytes, context: VerificationContext
) -> TimestampReport:
    encapsulated = stamp.findall(f"{{{XADES}}}EncapsulatedTimeStamp")
    if len(encapsulated) != 1:
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
    method = stamp.find(f"{{{DS}}}CanonicalizationMethod")
    c14n = method.get("Algorithm", "") if method is not None else DEFAULT_C14N
    try:
        token = cms.ContentInfo.load(base64.b64decode(encapsulated[0].text or "", validate=False))
        token["content"]  # parse now: a damaged token is a format failure, not a crash later
    except (ValueError, TypeError, binascii.Error):
        return _unusable(Indication.TOTAL_FAILED, N_("the token is not readable DER"))
    try:
        covered = archive_input(signature, stamp, c14n)
    except UnsupportedArchiveInput as exc:
        return _unusable(
            Indication.INDETERMINATE,
            Worded(N_("its input cannot be computed: {error}"), error=str(exc)),
        )

    def imprint_of(md_algorithm: str) -> bytes:
        return covered.digest(md_algorithm, document)

    return validate_timestamp(token, imprint_of, TimestampKind.ARCHIVE, context)


def _unusable(indication: Indication, detail: str) -> TimestampReport:
    return TimestampReport(
        TimestampKind.ARCHIVE, indication, SubIndication.FORMAT_FAILURE, detail=detail
    )
