"""CAdES verification: detached ``.p7s`` tokens with their document, enveloping ``.p7m`` files.

pyHanko runs EN 319 102-1 (basic validation for B-B, validation with time when a signature
timestamp is present); we hash detached documents as streams and describe the result.

Whatever the token holds ends in a verdict: what cannot be parsed is a format failure
(``cms.reading``), an algorithm pyHanko could not compute is INDETERMINATE, and what pyHanko
raises all the same is INDETERMINATE too (``failures.cannot_process``), with one line saying why.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from asn1crypto import algos, cms, core

from ...errors import Cancelled, ParapheError
from ...etsi import BaselineLevel
from ...files.documents import Document
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
from ..report import Check, DetectedFormat, SignatureReport
from ..timestamps import apply_time, cms_signature_timestamps, earliest_proof
from .ades import AdesRun, describe_status, past_check, run_ades
from .archive import cms_archive_timestamps
from .reading import MAX_TOKEN_SIZE as MAX_TOKEN_SIZE  # re-exported: the public limit
from .reading import NotRead, attribute_types, load_signed_data

_ATTR_SIGNATURE_TS = "1.2.840.113549.1.9.16.2.14"
_ATTR_CERT_VALUES = "1.2.840.113549.1.9.16.2.23"
_ATTR_REVOCATION_VALUES = "1.2.840.113549.1.9.16.2.24"
_ATTR_ARCHIVE_TS_V3 = "0.4.0.1733.2.4"


def _failure(
    token: Path,
    indication: Indication,
    sub: SubIndication,
    detail: str,
    document: Path | None = None,
    level: BaselineLevel | None = None,
) -> SignatureReport:
    """A CAdES verdict decided before (or instead of) pyHanko's validation."""
    decided = False if indication is Indication.TOTAL_FAILED else None
    return failed_signature(
        token,
        DetectedFormat.CADES,
        indication,
        sub,
        Check("signature structure", decided, detail),
        document=document,
        level=level,
    )


def detect_level(
    signer_info: cms.SignerInfo, signed_data: cms.SignedData | None = None
) -> BaselineLevel:
    """The baseline level the signature claims, from the types of its unsigned attributes and
    whether SignedData carries revocation data (EN 319 122-1 B-LT puts it in SignedData.crls;
    the older CAdES-X-L in certificate-values and revocation-values): values are not parsed."""
    types = attribute_types(signer_info["unsigned_attrs"])
    if _ATTR_ARCHIVE_TS_V3 in types:
        return BaselineLevel.B_LTA
    revocation_in_signed_data = signed_data is not None and bool(signed_data["crls"])
    if _ATTR_SIGNATURE_TS in types and (
        {_ATTR_CERT_VALUES, _ATTR_REVOCATION_VALUES} <= types or revocation_in_signed_data
    ):
        return BaselineLevel.B_LT
    if _ATTR_SIGNATURE_TS in types:
        return BaselineLevel.B_T
    return BaselineLevel.B_B


def validate_cms(
    token: Path, document: Path | None, context: VerificationContext
) -> list[SignatureReport]:
    """One report for the token; whatever the input, a verdict and never an exception (but
    cancellation and lack of memory)."""
    loaded = load_signed_data(token)
    if isinstance(loaded, NotRead):
        indication = Indication.TOTAL_FAILED if loaded.damaged else Indication.INDETERMINATE
        return [_failure(token, indication, SubIndication.FORMAT_FAILURE, loaded.reason, document)]
    signed_data = loaded
    signer_infos = signed_data["signer_infos"]
    if len(signer_infos) > 1:  # co-signatures: well-formed, and not checked yet
        return [
            _failure(
                token,
                Indication.INDETERMINATE,
                SubIndication.FORMAT_FAILURE,
                f"{len(signer_infos)} signers in one token: Paraphe checks tokens of one signer",
                document,
            )
        ]
    signer_info = signer_infos[0]
    enveloping = not isinstance(signed_data["encap_content_info"]["content"], core.Void)
    level = detect_level(signer_info, signed_data)
    if not enveloping and document is None:
        return [
            _failure(
                token,
                Indication.INDETERMINATE,
                SubIndication.SIGNED_DATA_NOT_FOUND,
                "detached signature without its document",
                level=level,
            )
        ]
    signed_document = token if enveloping else document
    unsupported = unsupported_algorithm(signer_info)
    if unsupported is not None:
        return [
            _failure(
                token,
                Indication.INDETERMINATE,
                SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                unsupported,
                signed_document,
                level,
            )
        ]
    raw_digest = None
    if document is not None and not enveloping:
        algorithm = signer_info["digest_algorithm"]["algorithm"].native
        try:
            raw_digest = Document.open(document).digest(algorithm, context.check_cancelled)
        except Cancelled:
            raise
        except ParapheError as exc:
            return [
                _failure(
                    token,
                    Indication.INDETERMINATE,
                    SubIndication.SIGNED_DATA_NOT_FOUND,
                    exc.message,
                    document,
                    level,
                )
            ]
        except ValueError:  # a digest pyHanko knows and hashlib does not
            return [
                _failure(
                    token,
                    Indication.INDETERMINATE,
                    SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                    f"the digest algorithm {algorithm} is not supported",
                    document,
                    level,
                )
            ]
    from ...validation_data.embedded import from_cms

    context = context.with_embedded(from_cms(signed_data))
    try:
        run = run_ades(signed_data, raw_digest, context)
    except MUST_PROPAGATE:
        raise
    except Exception as exc:  # a verdict, never a crash: pyHanko may trip on what it reads
        not_processed, why = cannot_process(exc)
        detail = f"the validation could not process the signature ({one_line(exc)})"
        return [
            failed_signature(
                token,
                DetectedFormat.CADES,
                not_processed,
                why,
                Check("validation", None, detail),
                document=signed_document,
                level=level,
            )
        ]
    indication, sub = run.verdict()
    report = verdict_report(
        token,
        DetectedFormat.CADES,
        indication,
        sub,
        [],
        document_path=signed_document,
        level=level,
        signature_id="signer 1",
    )
    try:
        _describe(report, signer_info, run)
        archives = cms_archive_timestamps(
            signed_data, signer_info, None if enveloping else document, raw_digest, context
        )
        report.timestamps = [
            *cms_signature_timestamps(signer_info, context, earliest_proof(archives)),
            *archives,
        ]
        apply_time(report, past_check(signed_data, run, context))
    except MUST_PROPAGATE:
        raise
    except Exception as exc:  # what the certificates say could not be read: no pass without it
        report.checks.append(Check("signer details", None, f"unreadable ({one_line(exc)})"))
        if report.indication is Indication.TOTAL_PASSED:
            report.indication, report.subindication = cannot_process(exc)
    report.explanation = explain(report.indication, report.subindication)
    return [report]


def unsupported_algorithm(signer_info: cms.SignerInfo) -> str | None:
    """Why pyHanko could not compute this signature's digest or check its value, asked of
    pyHanko's own helpers before it tries (it would raise in the middle of the validation):
    an unknown digest, signature mechanism or RSA-PSS mask generation function. A well-formed
    signature we cannot check, not a damaged one."""
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash, process_pss_params

    digest = signer_info["digest_algorithm"]["algorithm"]
    try:
        get_pyca_cryptography_hash(digest.native)
    except (ValueError, TypeError, AttributeError):
        return f"the digest algorithm {digest.dotted} is not supported"
    signature_algorithm = signer_info["signature_algorithm"]
    try:
        mechanism = signature_algorithm.signature_algo
    except ValueError:
        return f"the signature algorithm {signature_algorithm['algorithm'].dotted} is not supported"
    if mechanism == "rsassa_pss":
        # on a copy: reading its absent DEFAULT fields would mark the token's value as changed
        parameters = algos.SignedDigestAlgorithm.load(signature_algorithm.dump())["parameters"]
        try:
            process_pss_params(parameters)
        except (NotImplementedError, ValueError, TypeError, LookupError, AttributeError) as exc:
            return f"these RSA-PSS parameters are not supported ({one_line(exc)})"
    return None


def _describe(report: SignatureReport, signer_info: cms.SignerInfo, run: AdesRun) -> None:
    """Signer, certificate, chain, times, revocation and checks, from pyHanko's result."""
    report.signing_time = _claimed_time(signer_info)
    describe_status(report, run)
    if run.result.failure_msg:
        report.checks.append(Check("validation", None, str(run.result.failure_msg)))


def _claimed_time(signer_info: cms.SignerInfo) -> Any:
    from pyhanko.sign.validation.generic_cms import extract_self_reported_ts

    try:
        return extract_self_reported_ts(signer_info)
    except (ValueError, KeyError, TypeError, OverflowError):
        return None
