"""PAdES verification: every signature in a PDF, with what changed in the file after it.

pyHanko checks the CMS signature (EN 319 102-1), the /ByteRange coverage and, for signatures
followed by incremental updates, which changes were made (its difference analysis, with the
comments rule of ``change_policy``). A signature whose /ByteRange leaves bytes of its revision
unsigned, or that is followed by changes of a kind the DocMDP permission in force does not allow
(page content, new pages, anything pyHanko cannot explain; or what a certification forbids), is
reported as failed: the document shown is then not the one that was signed. Allowed changes must
still leave the signed pages looking as they were (``visual_diff``).

Signature fields are read one by one (``signature_fields``), so that one that cannot be read, or
uses a legacy sub-filter pyHanko skips (``adbe.pkcs7.sha1``, ``adbe.x509.rsa_sha1``), gets its
own verdict without hiding the others.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...etsi import BaselineLevel
from ...files.user_files import open_regular
from ...pdf.end import pdf_end_problem
from ...text.translatable import N_, Worded
from ..cms.ades import describe_status, past_check, run_ades
from ..cms.validator import detect_level, unsupported_algorithm
from ..context import VerificationContext
from ..explanations import explain
from ..failures import (
    MUST_PROPAGATE,
    cannot_process,
    failed_signature,
    one_line,
    verdict_report,
)
from ..indications import Indication, SubIndication
from ..report import (
    Check,
    DetectedFormat,
    Packaging,
    PdfCoverage,
    SignatureReport,
    SignedObject,
)
from ..timestamps import (
    apply_time,
    cms_signature_timestamps,
    earliest_proof,
    pdf_document_timestamps,
)
from .change_policy import Permission, allowed_words, diff_policy, permission_for
from .page_comparer import shared_comparer
from .revisions import RevisionWords, later_changes
from .signature_fields import LEGACY_SHA1, FieldProblem, signature_fields
from .visual_diff import NotComparable, PageDifference, plan

# A filled signature: its /ByteRange, or its /Contents holding a DER CMS ("<30..."). An empty
# signature field of an unsigned form has neither.
_SIGNED_MARKER = re.compile(rb"/ByteRange|/Contents\s*<\s*30", re.IGNORECASE)
_MODIFIED_AFTER_SIGNING = (
    "The PDF was changed after this signature in a way a signature does not allow (content added"
    " or altered by a later update): what you see is not what was signed. Ask for the original."
)
_FORBIDDEN_BY_CERTIFICATION = (
    "The PDF was changed after this signature in a way its certification (DocMDP) forbids:"
    " what you see is not what the author certified. Ask for the original."
)
_PAINTED_OVER = (
    "Something added to the PDF after this signature (a field, a stamp or a note) covers or"
    " changes what was signed: the page shown is not the page that was signed. Do not rely on"
    " what you see; ask for the original."
)
_PARTIAL_COVERAGE = (
    "The signature does not cover the whole signed revision of the PDF (gaps in /ByteRange): parts"
    " of the file could have been changed. Do not rely on it."
)


def pdf_failure(path: Path, detail: str) -> SignatureReport:
    """A PDF (or one of its signatures) too damaged to check: TOTAL_FAILED, FORMAT_FAILURE."""
    return failed_signature(
        path,
        DetectedFormat.PADES,
        Indication.TOTAL_FAILED,
        SubIndication.FORMAT_FAILURE,
        Check("PDF structure", False, detail),
        document=path,
    )


def _not_processed(path: Path, field_name: str, exc: Exception) -> SignatureReport:
    """A signature pyHanko tripped on after the PDF was read: INDETERMINATE, it may be valid."""
    indication, subindication = cannot_process(exc)
    detail = Worded(
        N_("signature {field}: could not be processed ({error})"),
        field=field_name,
        error=one_line(exc),
    )
    report = failed_signature(
        path,
        DetectedFormat.PADES,
        indication,
        subindication,
        Check("PDF structure", None, detail),
        document=path,
    )
    report.signature_id = field_name
    report.packaging = Packaging.EMBEDDED
    return report


def pdf_has_signatures(path: Path) -> bool:
    """Cheap test used by discovery: a PDF with a filled signature (or the remains of one).

    A byte scan first: a filled signature leaves /ByteRange or a DER /Contents in the file, and
    an empty signature field of an unsigned form leaves neither. Only big files, where the scan
    sees the head and tail only, are also asked to pyHanko.
    """
    if _SIGNED_MARKER.search(_head_and_tail(path)) is not None:
        return True
    if path.stat().st_size <= 2 * _SCAN:
        return False
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with open_regular(path) as handle:
            if pdf_end_problem(handle) is not None:
                return False
            return bool(PdfFileReader(handle, strict=False).embedded_regular_signatures)
    except MUST_PROPAGATE:
        raise
    except Exception:  # a PDF we cannot read: no signature we could check
        return False


_SCAN = 1 << 20
_SIGNATURE_REMAINS = (
    "the file holds the remains of a signature (/ByteRange, /Contents) but no signature field"
    " that can be read"
)


def _head_and_tail(path: Path) -> bytes:
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size <= 2 * _SCAN:
            return handle.read()
        head = handle.read(_SCAN)
        handle.seek(size - _SCAN)
        return head + handle.read()


def validate_pdf(path: Path, context: VerificationContext) -> list[SignatureReport]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with open_regular(path) as handle:
            problem = pdf_end_problem(handle)
            if problem is not None:
                return [pdf_failure(path, Worded(N_("unreadable PDF: {problem}"), problem=problem))]
            reader = PdfFileReader(handle, strict=False)
            if reader.encrypted:
                return [pdf_failure(path, "the PDF is encrypted; its signatures cannot be checked")]
            found = signature_fields(reader)
            signatures = [f for f in found if f.is_signature]
            if not signatures:
                if not found:  # discovery saw a signature's remains
                    return [pdf_failure(path, _SIGNATURE_REMAINS)]
                return []  # document timestamps only: no signer to report
            last_revision = reader.xrefs.total_revisions - 1
            if any(f.signed_revision < last_revision for f in signatures):
                shared_comparer().warm_up()  # changed after a signature: pages to compare
            readable = [f.signature for f in found if not isinstance(f.signature, FieldProblem)]
            doc_timestamps = [s for s in readable if s.sig_object_type == "/DocTimeStamp"]
            dss_revision = first_dss_revision(reader)
            if dss_revision is not None:
                from ...validation_data.embedded import from_pdf

                context = context.with_embedded(from_pdf(reader))
            reports = []
            words = RevisionWords(reader, readable)
            for field in signatures:
                if isinstance(field.signature, FieldProblem):
                    reports.append(_field_problem(path, field.signature))
                else:
                    reports.append(
                        _validate_contained(
                            path,
                            field.signature,
                            context,
                            _PdfFacts(dss_revision, doc_timestamps, readable, words),
                        )
                    )
            return reports
    except MUST_PROPAGATE:
        raise
    except Exception as exc:  # whatever a damaged PDF makes pyHanko raise: a verdict, not a crash
        return [pdf_failure(path, Worded(N_("unreadable PDF ({error})"), error=one_line(exc)))]


def _field_problem(path: Path, problem: FieldProblem) -> SignatureReport:
    """A signature field that cannot be validated: TOTAL_FAILED when damaged, INDETERMINATE
    when in a form not supported (it may be valid); FORMAT_FAILURE with the reason."""
    report = failed_signature(
        path,
        DetectedFormat.PADES,
        Indication.TOTAL_FAILED if problem.damaged else Indication.INDETERMINATE,
        SubIndication.FORMAT_FAILURE,
        Check(
            "PDF structure",
            None,
            Worded(
                N_("signature {field}: {problem}"), field=problem.field_name, problem=problem.reason
            ),
        ),
        document=path,
    )
    report.signature_id = problem.field_name
    report.packaging = Packaging.EMBEDDED
    return report


@dataclass(frozen=True)
class _PdfFacts:
    """What is read once per PDF and shared by the verdicts of its signatures."""

    dss_revision: int | None
    doc_timestamps: list[Any]
    signatures: list[Any]
    """Every readable signature field (``EmbeddedPdfSignature``), timestamps included."""
    words: RevisionWords


def _validate_contained(
    path: Path,
    sig: Any,
    context: VerificationContext,
    facts: _PdfFacts,
) -> SignatureReport:
    """One signature's verdict; a damaged signature does not stop the others being checked."""
    try:
        return _validate_one(path, sig, context, facts)
    except MUST_PROPAGATE:
        raise
    except Exception as exc:
        return _not_processed(path, sig.field_name, exc)


def claimed_level(sig: Any, dss_revision: int | None, doc_timestamps: list[Any]) -> BaselineLevel:
    """The level the PDF claims for ``sig`` (EN 319 142-1, 6.3): a signature timestamp, or a
    document timestamp in a later revision, makes B-T; a document security store then, B-LT;
    a document timestamp in the store's revision or a later one (it covers the store), B-LTA."""
    cms_level = detect_level(sig.signer_info)
    stamped_later = any(ts.signed_revision > sig.signed_revision for ts in doc_timestamps)
    if cms_level is BaselineLevel.B_B and not stamped_later:
        return BaselineLevel.B_B
    if dss_revision is None:
        return BaselineLevel.B_T
    if any(ts.signed_revision >= dss_revision for ts in doc_timestamps):
        return BaselineLevel.B_LTA
    return BaselineLevel.B_LT


def first_dss_revision(reader: Any) -> int | None:
    """The first revision whose catalogue has a document security store; None without one."""
    if "/DSS" not in reader.root:
        return None
    for revision in range(reader.xrefs.total_revisions):
        if "/DSS" in reader.get_historical_root(revision):
            return revision
    return None


def _validate_one(
    path: Path,
    sig: Any,
    context: VerificationContext,
    facts: _PdfFacts,
) -> SignatureReport:
    level = claimed_level(sig, facts.dss_revision, facts.doc_timestamps)
    problem = pdf_end_problem(sig.reader.stream, _signed_end(sig))
    if problem is not None:  # the signed bytes do not end a revision: pyHanko would hang on it
        return pdf_failure(
            path,
            Worded(
                N_("signature {field}: its signed bytes have {problem}"),
                field=sig.field_name,
                problem=problem,
            ),
        )
    unsupported = unsupported_algorithm(sig.signer_info)
    if unsupported is not None:
        return failed_signature(
            path,
            DetectedFormat.PADES,
            Indication.INDETERMINATE,
            SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
            Check(
                "signature algorithm",
                None,
                Worded(
                    N_("signature {field}: {problem}"), field=sig.field_name, problem=unsupported
                ),
            ),
            document=path,
            level=level,
        )
    sig.compute_integrity_info(diff_policy=diff_policy())
    permission = permission_for(sig, facts.signatures)
    legacy = _legacy_sha1_digest(sig)
    if legacy is not None and not legacy.passed:
        return _legacy_digest_failure(path, sig, legacy, level)
    raw_digest = None if legacy is not None else sig.compute_digest()
    run = run_ades(sig.signed_data, raw_digest, context)
    indication, sub = run.verdict()
    coverage = _coverage(sig, permission, facts.words)
    report = verdict_report(
        path,
        DetectedFormat.PADES,
        indication,
        sub,
        [],
        document_path=path,
        level=level,
        signature_id=str(sig.field_name),  # pyHanko gives a TextStringObject
        pdf=coverage,
        packaging=Packaging.EMBEDDED,
    )
    describe_status(report, run)
    if legacy is not None:
        report.checks.append(legacy)
        judge_document_digest("sha1", report, context)
    report.signed_objects = [_signed_revision(sig, report)]
    if report.signing_time is None:
        report.signing_time = sig.self_reported_timestamp
    document_stamps = pdf_document_timestamps(sig, facts.doc_timestamps, context)
    report.timestamps = [
        *cms_signature_timestamps(sig.signer_info, context, earliest_proof(document_stamps)),
        *document_stamps,
    ]
    apply_time(report, past_check(sig.signed_data, run, context))
    indication = report.indication
    covered = coverage.coverage in {"ENTIRE_FILE", "ENTIRE_REVISION"}
    allowed = covered and permission.allows(coverage.modification_level)
    report.checks.append(Check("byte range covers the signed revision", covered, coverage.coverage))
    report.checks.append(
        Check(
            "changes after signing are allowed",
            allowed if covered else None,
            f"{coverage.modification_level or ''} ({allowed_words(permission)})",
        )
    )
    explanation = None
    if not covered:
        explanation = _PARTIAL_COVERAGE
    elif not allowed:
        explanation = (
            _MODIFIED_AFTER_SIGNING
            if permission.allows("ANNOTATIONS") or coverage.modification_level == "OTHER"
            else _FORBIDDEN_BY_CERTIFICATION
        )
    elif coverage.coverage != "ENTIRE_FILE" and indication is not Indication.TOTAL_FAILED:
        shown = _pages_shown_check(path, sig, context)
        report.checks.append(shown)
        if shown.passed is False:
            explanation = _PAINTED_OVER
        elif shown.passed is None and indication is Indication.TOTAL_PASSED:
            report.indication, report.subindication = (
                Indication.INDETERMINATE,
                SubIndication.GENERIC,
            )
    if explanation is not None and indication is not Indication.TOTAL_FAILED:
        report.indication = Indication.TOTAL_FAILED
        report.subindication = SubIndication.FORMAT_FAILURE
        report.explanation = explanation
        return report
    report.explanation = explain(report.indication, report.subindication)
    return report


def _legacy_sha1_digest(sig: Any) -> Check | None:
    """For ``adbe.pkcs7.sha1`` (ISO 32000-1, 12.8.3.3.1): the CMS encapsulates the SHA-1 digest
    of the byte range, and signs that content. The digest is checked here; the CMS is then
    validated over its own content. None for any other sub-filter."""
    if sig.sig_object.get("/SubFilter") != LEGACY_SHA1:
        return None
    content = sig.signed_data["encap_content_info"]["content"]
    carried = content.native if content is not None else None
    matches = isinstance(carried, bytes) and carried == sig.compute_digest("sha1")
    detail = "" if matches else "the SHA-1 digest the signature carries is not the PDF's"
    return Check("document digest (adbe.pkcs7.sha1, SHA-1)", matches, detail)


def _legacy_digest_failure(
    path: Path, sig: Any, check: Check, level: BaselineLevel
) -> SignatureReport:
    """The signed bytes are not the ones whose SHA-1 the signature carries: HASH_FAILURE."""
    report = failed_signature(
        path,
        DetectedFormat.PADES,
        Indication.TOTAL_FAILED,
        SubIndication.HASH_FAILURE,
        check,
        document=path,
        level=level,
    )
    report.signature_id = sig.field_name
    report.packaging = Packaging.EMBEDDED
    report.signed_objects = [_signed_revision(sig, report)]
    return report


def judge_document_digest(
    algorithm: str, report: SignatureReport, context: VerificationContext
) -> None:
    """The hook where the dated cryptographic policy (ETSI TS 119 312 style) judges the digest
    algorithm that binds the signature to the PDF's bytes. pyHanko validates the CMS itself
    (its own digest and signature algorithms); for ``adbe.pkcs7.sha1`` the PDF's bytes are bound
    by SHA-1 whatever the CMS uses, so the policy must see that algorithm too. Until the policy
    exists this only records the algorithm (the check added by ``_legacy_sha1_digest``)."""
    del algorithm, report, context


def _signed_revision(sig: Any, report: SignatureReport) -> SignedObject:
    """What a PDF signature signs: its revision of the file (1-based)."""
    intact = [c.passed for c in report.checks if c.name.startswith("document digest")]
    digest = False if False in intact else (True if intact else None)
    return SignedObject(f"revision {sig.signed_revision + 1}", "same-document", digest)


def _pages_shown_check(path: Path, sig: Any, context: VerificationContext) -> Check:
    """Changes allowed object-wise must also leave the signed pages looking as they were."""
    name = N_("pages shown are the pages signed")
    try:
        comparison = plan(sig.reader, path, sig.signed_revision, _signed_end(sig))
        found = shared_comparer().compare(comparison, context.check_cancelled)
    except NotComparable as exc:
        why = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
        return Check(name, None, Worded(N_("the pages could not be compared: {why}"), why=why))
    if not found:
        return Check(name, True)
    return Check(name, False, Worded.joined("; ", (_described(d) for d in found)))


def _described(difference: PageDifference) -> Worded:
    if difference.resized:
        return Worded(N_("page {page}: its size or orientation changed"), page=difference.page)
    return Worded(
        N_(
            "page {page}: {covered} pixels of signed content covered or changed, {added} pixels"
            " added outside a later signature or field"
        ),
        page=difference.page,
        covered=difference.covered,
        added=difference.added,
    )


def _signed_end(sig: Any) -> int:
    """Where the bytes a signature covers end (the end of its revision, when well formed)."""
    start2, length2 = (int(v) for v in list(sig.byte_range)[2:4])
    return start2 + length2


def _byte_range_is_contiguous(sig: Any) -> bool:
    """The gap in /ByteRange is exactly the /Contents hex string, and nothing else.

    pyHanko's coverage check declares ENTIRE_FILE from the lengths alone, so a /ByteRange that
    skips bytes elsewhere (e.g. the file's tail) while keeping the total would pass it.
    """
    byte_range = [int(v) for v in sig.byte_range]
    if len(byte_range) != 4 or byte_range[0] != 0:
        return False
    _, length1, start2, length2 = byte_range
    if start2 != length1 + len(sig.pkcs7_content) * 2 + 2:
        return False
    stream = sig.reader.stream
    stream.seek(0, 2)
    return (
        sig.coverage is None
        or sig.coverage.name != "ENTIRE_FILE"
        or (start2 + length2 == stream.tell())
    )


def _coverage(sig: Any, permission: Permission, words: RevisionWords) -> PdfCoverage:
    from pyhanko.sign.diff_analysis import SuspiciousModification

    coverage = sig.coverage.name if sig.coverage is not None else "UNCLEAR"
    if not _byte_range_is_contiguous(sig):
        coverage = "UNCLEAR"
    diff = sig.diff_result
    fields: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    level: str | None
    if diff is None:
        level = None
    elif isinstance(diff, SuspiciousModification):
        level, changes = "OTHER", (str(diff),)
    else:
        level = diff.modification_level.name
        fields = changes = tuple(sorted(diff.changed_form_fields))
    total = sig.reader.xrefs.total_revisions
    return PdfCoverage(
        covers_whole_document=coverage == "ENTIRE_FILE",
        coverage=coverage,
        modification_level=level,
        changes=changes,
        later_changes=later_changes(
            words, sig, diff if isinstance(diff, Exception) else None, fields
        ),
        revision=sig.signed_revision + 1,
        revisions=total,
        later_revisions=total - 1 - sig.signed_revision,
        docmdp=permission.level,
        docmdp_set_by=permission.source,
    )
