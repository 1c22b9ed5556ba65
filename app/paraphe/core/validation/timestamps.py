"""Timestamps in validation: each token validated, and the proof of existence they give.

pyHanko validates a token (EN 319 102-1, 5.4: message imprint, the TSA's signature, its chain to a
trust anchor and its revocation) in ``ades_timestamp_validation``; that runs here for every format,
with the imprint each format defines: the signature value for CAdES and PAdES, the canonicalised
``ds:SignatureValue`` for XAdES.

``with_time`` is the validation process for signatures with time (EN 319 102-1, 5.5), one rule
for every format, after the basic validation: a valid signature timestamp proves the signature
existed at its time, so a certificate that expired or was revoked after it no longer stops the
signature, and one revoked before it fails it (TOTAL_FAILED/REVOKED: there is proof the signature
was made with a revoked certificate). Where the basic validation could not look (an expired
certificate's revocation, stale or missing revocation data), the signer's path is validated as it
stood at the proven time (``certificate_path.validate_certificate(at=...)``) with the data at
hand: a B-LT signature's own, which is how it validates offline years later.

A timestamp is validated now, or as of its own time when its revocation data is stale and its
TSA's certificate still valid, or when that certificate has expired and an archive timestamp
proves the token was made before (B-LTA). A timestamp that does not validate (damaged, for
another imprint, from an untrusted TSA) proves nothing and is reported with its own verdict; the
signature keeps the verdict of its basic validation, as DSS does: a valid signature is not made
red by a bad timestamp beside it. pyHanko's own with-time validation reads CMS only, returns the
failed timestamp's verdict and leaves a signature proven after the revocation INDETERMINATE; this
one reads every format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from asn1crypto import cms

from ..aio import run_sync
from ..text.translatable import N_
from ..x509.certificates import as_cryptography
from .certificate_path import PathOutcome, certvalidator_errors, refined
from .context import VerificationContext
from .explanations import explain
from .failures import MUST_PROPAGATE, cannot_process, one_line
from .indications import Indication, SubIndication, from_pyhanko
from .report import Check, SignatureReport, TimestampKind, TimestampReport

ImprintOf = Callable[[str], bytes]
"""The digest a token must carry, for the hash algorithm the token names."""

_PROVING = frozenset({TimestampKind.SIGNATURE, TimestampKind.DOCUMENT})
"""Timestamps that prove when the signature existed: over its value, or (PDF) a document
timestamp in a later revision, which covers it (EN 319 142-1 accepts either for B-T)."""

_RESOLVED_BY_TIME = frozenset(
    {
        SubIndication.REVOKED_NO_POE,
        SubIndication.OUT_OF_BOUNDS_NO_POE,
        SubIndication.OUT_OF_BOUNDS_NOT_REVOKED,
        SubIndication.TRY_LATER,
    }
)
"""Basic-validation verdicts about the signer's certificate that a proof of existence can
decide; TRY_LATER only by the revocation data at hand (the signature's own, B-LT), as of the
proven time. Others stay as they are: a weak algorithm, and a revoked CA (REVOKED_CA_NO_POE:
its revocation time is not known here, pyHanko would pass it)."""


def validate_timestamp(
    token: cms.ContentInfo,
    imprint_of: ImprintOf,
    kind: TimestampKind,
    context: VerificationContext,
    proven_by: dt.datetime | None = None,
) -> TimestampReport:
    """One token's verdict; whatever the token holds, a report and never an exception.
    ``proven_by``: the time a later (archive) timestamp proves this token existed (B-LTA)."""
    try:
        return _validate(token, imprint_of, kind, context, proven_by)
    except MUST_PROPAGATE:
        raise
    except Exception as exc:  # a hostile token: a verdict, never a crash
        indication, subindication = cannot_process(exc)
        return TimestampReport(
            kind, indication, subindication, detail=f"unreadable token ({one_line(exc)})"
        )


def _validate(
    token: cms.ContentInfo,
    imprint_of: ImprintOf,
    kind: TimestampKind,
    context: VerificationContext,
    proven_by: dt.datetime | None,
) -> TimestampReport:
    from pyhanko.sign.validation.ades import ades_timestamp_validation

    with certvalidator_errors() as errors:
        result = run_sync(
            ades_timestamp_validation(
                token["content"],
                context.spec,
                imprint_of,
                timing_info=context.settings.timing_info(),
                validation_data_handlers=context.data_handlers(),
            )
        )
    indication, subindication = refined(*from_pyhanko(result.ades_subindic), errors)
    status = result.api_status
    verified = status is not None and bool(status.intact) and bool(status.valid)
    if status is not None and verified:
        detail = _as_of_its_time(subindication, status, proven_by, context)
        if detail is not None and _tsa_valid_then(token, status, context):
            return TimestampReport(
                kind,
                Indication.TOTAL_PASSED,
                None,
                time=status.timestamp,
                tsa=_tsa_name(status),
                detail=detail,
            )
    return TimestampReport(
        kind,
        indication,
        subindication,
        time=status.timestamp if status is not None and verified else None,
        tsa=_tsa_name(status),
        detail=_detail(status, result.failure_msg),
    )


def _as_of_its_time(
    subindication: SubIndication | None,
    status: Any,
    proven_by: dt.datetime | None,
    context: VerificationContext,
) -> str | None:
    """Why a token may be validated as of its own time (its TSA's path as it stood then), or
    None. Its revocation data may no longer be fresh (TRY_LATER: a B-LT opened months later)
    while the TSA's certificate is still valid; once that certificate has expired, only a later
    archive timestamp proving the token existed before the expiry will do (EN 319 102-1 B-LTA:
    what archive timestamps are for; without one, a key compromised after the expiry, when
    nobody publishes revocations any more, could have made it)."""
    if subindication not in (SubIndication.TRY_LATER, SubIndication.OUT_OF_BOUNDS_NO_POE):
        return None
    expiry = as_cryptography(status.signing_cert).not_valid_after_utc
    now = context.settings.validation_time or dt.datetime.now(dt.UTC)
    if now <= expiry and subindication is SubIndication.TRY_LATER:
        return N_("validated as of its own time, with the revocation data at hand")
    if proven_by is not None and proven_by <= expiry:
        return N_(
            "its TSA's certificate has expired since; a later archive timestamp proves it"
            " was made while that certificate was valid"
        )
    return None


def _tsa_valid_then(token: cms.ContentInfo, status: Any, context: VerificationContext) -> bool:
    """The TSA's path validated as it stood when the token was made, revocation data obtained
    since accepted (it says whether the certificate was revoked then): what a B-LT signature's
    timestamp needs once its embedded answers are no longer fresh."""
    from ..x509.certificates import as_cryptography
    from .certificate_path import validate_certificate

    certificates = [
        as_cryptography(choice.chosen)
        for choice in token["content"]["certificates"] or ()
        if choice.name == "certificate"
    ]
    then = validate_certificate(
        as_cryptography(status.signing_cert), certificates, context, at=status.timestamp
    )
    return then.indication is Indication.TOTAL_PASSED


def _tsa_name(status: Any) -> str | None:
    cert = getattr(status, "signing_cert", None)
    if cert is None:
        return None
    return as_cryptography(cert).subject.rfc4514_string()  # as every subject in a report


def _detail(status: Any, failure: str | None) -> str:
    if status is None:
        return failure or ""
    if not status.intact:
        return N_("the token is not for this signature (message imprint differs)")
    if not status.valid:
        return N_("the token's signature does not verify")
    return failure or ""


def earliest_proof(archives: Sequence[TimestampReport]) -> dt.datetime | None:
    """The earliest time a valid archive (or later document) timestamp proves."""
    times = [t.time for t in archives if _passed(t) and t.time is not None]
    return min(times) if times else None


def cms_signature_timestamps(
    signer_info: cms.SignerInfo,
    context: VerificationContext,
    proven_by: dt.datetime | None = None,
) -> list[TimestampReport]:
    """The signature-time-stamp tokens of a CMS signer, each validated against its signature."""
    from pyhanko.sign.validation.generic_cms import message_imprint_checker

    imprint_of = message_imprint_checker(signer_info)
    unsigned = signer_info["unsigned_attrs"]
    if not unsigned:
        return []
    reports = []
    for attribute in unsigned:
        if attribute["type"].native != "signature_time_stamp_token":
            continue
        for token in attribute["values"]:
            reports.append(
                validate_timestamp(token, imprint_of, TimestampKind.SIGNATURE, context, proven_by)
            )
    return reports


PastCheck = Callable[[dt.datetime], PathOutcome]
"""The signing certificate's path validated again as it stood at a proven time."""


def pdf_document_timestamps(
    signature: Any, later: Sequence[Any], context: VerificationContext
) -> list[TimestampReport]:
    """The document timestamps of a PDF in revisions after ``signature``'s, each validated
    (pyHanko's ``EmbeddedPdfSignature``s): a timestamp over a revision that holds the signature."""
    reports = []
    for stamp in later:
        if stamp.signed_revision <= signature.signed_revision:
            continue
        reports.append(_document_timestamp(stamp, context))
    return reports


def _document_timestamp(stamp: Any, context: VerificationContext) -> TimestampReport:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        stamp.compute_integrity_info()
        if stamp.coverage not in (
            SignatureCoverageLevel.ENTIRE_FILE,
            SignatureCoverageLevel.ENTIRE_REVISION,
        ):
            return TimestampReport(
                TimestampKind.DOCUMENT,
                Indication.INDETERMINATE,
                SubIndication.FORMAT_FAILURE,
                detail=N_("it does not cover its whole revision"),
            )
        covered = stamp.compute_digest()
    except MUST_PROPAGATE:
        raise
    except Exception as exc:  # a damaged timestamp in someone's PDF: a verdict
        indication, subindication = cannot_process(exc)
        return TimestampReport(
            TimestampKind.DOCUMENT, indication, subindication, detail=one_line(exc)
        )
    token = cms.ContentInfo({"content_type": "signed_data", "content": stamp.signed_data})
    return validate_timestamp(token, lambda _md: covered, TimestampKind.DOCUMENT, context)


def with_time(
    indication: Indication,
    subindication: SubIndication | None,
    timestamps: Sequence[TimestampReport],
    *,
    revoked_at: dt.datetime | None,
    validity: tuple[dt.datetime, dt.datetime] | None,
    check_at: PastCheck | None = None,
) -> tuple[Indication, SubIndication | None, dt.datetime | None]:
    """The verdict of the validation with time, and the time the signature is proven to have
    existed (None when no valid signature timestamp proves it). ``validity`` is the signing
    certificate's (notBefore, notAfter); ``check_at`` validates its path at a past time."""
    signature_stamps = [t for t in timestamps if t.kind in _PROVING]
    proven = [t.time for t in signature_stamps if _passed(t) and t.time is not None]
    poe = min(proven) if proven else None
    if not signature_stamps or indication is Indication.TOTAL_FAILED:
        return indication, subindication, poe
    if indication is Indication.INDETERMINATE and subindication not in _RESOLVED_BY_TIME:
        return indication, subindication, poe
    if poe is None:  # none valid: each says why in its own report, and proves nothing
        return indication, subindication, None
    if indication is Indication.TOTAL_PASSED:
        return indication, None, poe
    if subindication is SubIndication.REVOKED_NO_POE:
        return (*_revoked(indication, subindication, revoked_at, poe), poe)
    if subindication is SubIndication.TRY_LATER:
        # No fresh revocation data now (offline, or a B-LT opened months later): the data at
        # hand (the signature's) decides as of the proven time, as it would have then.
        if check_at is None:
            return indication, subindication, poe
        return (*_as_then(indication, subindication, check_at(poe), poe), poe)
    if validity is None:
        return indication, subindication, poe
    not_before, not_after = validity
    if poe < not_before:
        return Indication.TOTAL_FAILED, SubIndication.NOT_YET_VALID, poe
    if poe > not_after or check_at is None:
        return indication, subindication, poe  # nothing proves it was signed while valid
    # Valid at the proven time; its revocation then is what decides (an expired certificate's
    # status was not looked at by the basic validation).
    return (*_as_then(indication, subindication, check_at(poe), poe), poe)


def _as_then(
    indication: Indication,
    subindication: SubIndication | None,
    then: PathOutcome,
    poe: dt.datetime,
) -> tuple[Indication, SubIndication | None]:
    """The verdict once the path was validated as it stood at the proven time."""
    if then.indication is Indication.TOTAL_PASSED:
        return Indication.TOTAL_PASSED, None
    if then.subindication is SubIndication.REVOKED_NO_POE:
        return _revoked(indication, subindication, then.revocation.revoked_at, poe)
    return indication, subindication


def _revoked(
    indication: Indication,
    subindication: SubIndication | None,
    revoked_at: dt.datetime | None,
    poe: dt.datetime,
) -> tuple[Indication, SubIndication | None]:
    if revoked_at is None:
        return indication, subindication
    if poe >= revoked_at:  # proof that it was signed with a revoked certificate
        return Indication.TOTAL_FAILED, SubIndication.REVOKED
    return Indication.TOTAL_PASSED, None


def _passed(timestamp: TimestampReport) -> bool:
    return timestamp.indication is Indication.TOTAL_PASSED


_DECIDED_BY_TIME = ("certificate chain to a trusted authority", "certificate chain", "revocation")
"""The checks (named by each format's validator) that a proof of existence can settle."""


def apply_time(report: SignatureReport, check_at: PastCheck | None = None) -> None:
    """The validation with time applied to a report whose basic verdict, certificate and
    revocation are filled in and whose ``timestamps`` are validated: its verdict, the proven
    time, and one check per timestamp."""
    for timestamp in report.timestamps:
        report.checks.append(_timestamp_check(timestamp))
    certificate = report.certificate
    before = report.indication
    indication, subindication, proven = with_time(
        report.indication,
        report.subindication,
        report.timestamps,
        revoked_at=report.revocation.revoked_at if report.revocation is not None else None,
        validity=(certificate.not_before, certificate.not_after) if certificate else None,
        check_at=check_at,
    )
    disorder = _out_of_order(report.timestamps)
    if disorder is not None and indication is not Indication.TOTAL_FAILED:
        indication, subindication = Indication.INDETERMINATE, SubIndication.TIMESTAMP_ORDER_FAILURE
        report.checks.append(Check("order of the timestamps", False, disorder))
    report.indication, report.subindication = indication, subindication
    report.explanation = explain(indication, subindication)
    report.timestamp_time = proven
    if before is not Indication.TOTAL_PASSED and indication is Indication.TOTAL_PASSED:
        assert proven is not None
        settled = f"settled by the proof of existence at {proven:%Y-%m-%d %H:%M:%S} UTC"
        report.checks = [
            Check(c.name, True, f"{c.detail}; {settled}" if c.detail else settled)
            if c.passed is not True and c.name in _DECIDED_BY_TIME
            else c
            for c in report.checks
        ]


def _out_of_order(timestamps: Sequence[TimestampReport]) -> str | None:
    """Why the timestamps are in an impossible order (EN 319 102-1, 5.6.2.5): an archive
    timestamp covers the signature timestamps, so it cannot be older than any of them."""
    signature_times = [
        t.time for t in timestamps if t.kind is TimestampKind.SIGNATURE and _passed(t) and t.time
    ]
    archive_times = [
        t.time for t in timestamps if t.kind is TimestampKind.ARCHIVE and _passed(t) and t.time
    ]
    if not signature_times or not archive_times:
        return None
    latest_signature, earliest_archive = max(signature_times), min(archive_times)
    if earliest_archive < latest_signature:
        return (
            f"an archive timestamp ({earliest_archive:%Y-%m-%d %H:%M:%S} UTC) is older than the"
            f" signature timestamp it covers ({latest_signature:%Y-%m-%d %H:%M:%S} UTC)"
        )
    return None


def _timestamp_check(timestamp: TimestampReport) -> Check:
    name = f"{timestamp.kind.value} timestamp"
    if timestamp.indication is Indication.TOTAL_PASSED and timestamp.time is not None:
        return Check(name, True, f"{timestamp.time:%Y-%m-%d %H:%M:%S} UTC by {timestamp.tsa}")
    decided = False if timestamp.indication is Indication.TOTAL_FAILED else None
    code = timestamp.subindication.code if timestamp.subindication is not None else ""
    return Check(name, decided, "; ".join(part for part in (code, timestamp.detail) if part))
