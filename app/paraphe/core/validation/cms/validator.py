"""CAdES verification: detached ``.p7s`` tokens with their document, enveloping ``.p7m`` files.

pyHanko runs EN 319 102-1 (basic validation for B-B, validation with time when a signature
timestamp is present); we hash detached documents as streams and describe the result. Each signer
of a token (co-signatures) gets its report (``cms.signers``), each counter-signature too
(``cms.counter_signature``); the algorithms are judged by the dated crypto policy at the proven
time (``cms.algorithms``). A CMS signature without the CAdES signing-certificate attribute
(``openssl cms`` without ``-cades``) is checked all the same and reported as not AdES.

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
from ...text.translatable import N_, Worded
from ..context import VerificationContext
from ..crypto_policy import signature_hash
from ..explanations import explain
from ..failures import (
    MUST_PROPAGATE,
    cannot_process,
    failed_signature,
    one_line,
    verdict_report,
)
from ..indications import Indication, SubIndication
from ..report import Check, DetectedFormat, Packaging, SignatureReport, SignedObject
from ..timestamps import apply_time, cms_signature_timestamps, earliest_proof
from .ades import AdesRun, describe_status, past_check, run_ades
from .algorithms import apply_crypto_policy
from .archive import cms_archive_timestamps
from .counter_signature import validate_counter_signature
from .extract import enveloped_name
from .reading import MAX_TOKEN_SIZE as MAX_TOKEN_SIZE  # re-exported: the public limit
from .reading import NotRead, attribute_types, load_signed_data
from .signers import (
    MAX_SIGNERS,
    TooManyCounterSignatures,
    counter_signatures,
    signer_views,
    with_signer_certificate,
)

_ATTR_SIGNATURE_TS = "1.2.840.113549.1.9.16.2.14"
_ATTR_CERT_VALUES = "1.2.840.113549.1.9.16.2.23"
_ATTR_REVOCATION_VALUES = "1.2.840.113549.1.9.16.2.24"
_ATTR_ARCHIVE_TS_V3 = "0.4.0.1733.2.4"
_ATTR_SIGNING_TIME = "1.2.840.113549.1.9.5"
_ATTR_SIGNING_CERTIFICATE = "1.2.840.113549.1.9.16.2.12"
_ATTR_SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47"


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
    """One report per signer of the token, then one per counter-signature (each after the
    signature it counter-signs); whatever the input, verdicts and never an exception (but
    cancellation and lack of memory)."""
    loaded = load_signed_data(token)
    if isinstance(loaded, NotRead):
        indication = Indication.TOTAL_FAILED if loaded.damaged else Indication.INDETERMINATE
        return [_failure(token, indication, SubIndication.FORMAT_FAILURE, loaded.reason, document)]
    signed_data = loaded
    enveloping = not isinstance(signed_data["encap_content_info"]["content"], core.Void)
    if not enveloping and document is None:
        level = detect_level(signed_data["signer_infos"][0], signed_data)
        alone = _failure(
            token,
            Indication.INDETERMINATE,
            SubIndication.SIGNED_DATA_NOT_FOUND,
            "detached signature without its document",
            level=level,
        )
        alone.packaging = Packaging.DETACHED
        return [alone]
    from ...validation_data.embedded import from_cms

    context = context.with_embedded(from_cms(signed_data))
    token_run = _TokenRun(token, None if enveloping else document, signed_data, context)
    reports: list[SignatureReport] = []
    for number, (signer_info, view) in enumerate(signer_views(signed_data), 1):
        signature_id = f"signer {number}"
        reports.append(token_run.signer(signer_info, view, signature_id))
        reports += token_run.counter_signatures(signer_info, signature_id)
    dropped = len(signed_data["signer_infos"]) - MAX_SIGNERS
    if dropped > 0:
        reports.append(
            token_run.too_many(
                Worded(N_("{count} more signers"), count=dropped), Worded(N_("signers")), "signers"
            )
        )
    return reports


class _TokenRun:
    """The signers of one token validated against one content (the detached document's digest
    computed once per digest algorithm)."""

    def __init__(
        self,
        token: Path,
        document: Path | None,
        signed_data: cms.SignedData,
        context: VerificationContext,
    ) -> None:
        self.token = token
        self.document = document
        self.signed_data = signed_data
        self.context = context
        self.packaging = Packaging.DETACHED if document is not None else Packaging.ENVELOPING
        self.signed_path = document or token
        self.signed_name = document.name if document is not None else enveloped_name(token)
        self.digests: dict[str, bytes] = {}

    def signed_object(self, digest_matches: bool | None) -> SignedObject:
        kind = "file" if self.packaging is Packaging.DETACHED else "embedded"
        return SignedObject(self.signed_name, kind, digest_matches)

    def found(self, report: SignatureReport) -> SignatureReport:
        """``report`` with what every report of this token says of its packaging."""
        report.packaging = self.packaging
        if not report.signed_objects:
            report.signed_objects = [self.signed_object(None)]
        return report

    def failure(
        self,
        indication: Indication,
        sub: SubIndication,
        detail: str,
        level: BaselineLevel | None,
        signature_id: str,
    ) -> SignatureReport:
        report = _failure(self.token, indication, sub, detail, self.signed_path, level)
        report.signature_id = signature_id
        return self.found(report)

    def too_many(self, what: Worded, kind: Worded, kind_id: str) -> SignatureReport:
        return self.failure(
            Indication.INDETERMINATE,
            SubIndication.FORMAT_FAILURE,
            Worded(
                N_("{what} not checked: more {kind} than any signature holds"), what=what, kind=kind
            ),
            None,
            f"{kind_id} beyond the limit",
        )

    def signer(
        self, signer_info: cms.SignerInfo, view: cms.SignedData, signature_id: str
    ) -> SignatureReport:
        level = detect_level(signer_info, view)
        unsupported = unsupported_algorithm(signer_info)
        if unsupported is not None:
            return self.failure(
                Indication.INDETERMINATE,
                SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                unsupported,
                level,
                signature_id,
            )
        raw_digest = None
        if self.document is not None:
            algorithm = signer_info["digest_algorithm"]["algorithm"].native
            try:
                raw_digest = self.digest(algorithm)
            except Cancelled:
                raise
            except ParapheError as exc:
                return self.failure(
                    Indication.INDETERMINATE,
                    SubIndication.SIGNED_DATA_NOT_FOUND,
                    exc.message,
                    level,
                    signature_id,
                )
            except ValueError:  # a digest pyHanko knows and hashlib does not
                return self.failure(
                    Indication.INDETERMINATE,
                    SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                    Worded(
                        N_("the digest algorithm {algorithm} is not supported"), algorithm=algorithm
                    ),
                    level,
                    signature_id,
                )
        view = with_signer_certificate(view, self.context)
        try:
            run = run_ades(view, raw_digest, self.context, dated_crypto=True)
        except MUST_PROPAGATE:
            raise
        except Exception as exc:  # a verdict, never a crash: pyHanko may trip on what it reads
            not_processed, why = cannot_process(exc)
            detail = Worded(
                N_("the validation could not process the signature ({error})"),
                error=one_line(exc),
            )
            report = failed_signature(
                self.token,
                DetectedFormat.CADES,
                not_processed,
                why,
                Check("validation", None, detail),
                document=self.signed_path,
                level=level,
            )
            report.signature_id = signature_id
            return self.found(report)
        indication, sub = run.verdict()
        report = verdict_report(
            self.token,
            DetectedFormat.CADES,
            indication,
            sub,
            [],
            document_path=self.signed_path,
            level=level,
            signature_id=signature_id,
            ades=is_cades(signer_info),
        )
        status = run.result.api_status
        intact = getattr(status, "intact", None)
        report.signed_objects = [self.signed_object(intact if status is not None else None)]
        self.found(report)
        try:
            _describe(report, signer_info, run)
            archives = cms_archive_timestamps(
                view, signer_info, self.document, raw_digest, self.context
            )
            report.timestamps = [
                *cms_signature_timestamps(signer_info, self.context, earliest_proof(archives)),
                *archives,
            ]
            apply_time(report, past_check(view, run, self.context))
            if status is not None and status.signing_cert is not None:
                path = getattr(status, "validation_path", None)
                apply_crypto_policy(report, signer_info, status.signing_cert, path, self.context)
        except MUST_PROPAGATE:
            raise
        except Exception as exc:  # what the certificates say could not be read: no pass without it
            report.checks.append(
                Check(
                    "signer details", None, Worded(N_("unreadable ({error})"), error=one_line(exc))
                )
            )
            if report.indication is Indication.TOTAL_PASSED:
                report.indication, report.subindication = cannot_process(exc)
        if not report.ades:
            report.checks.append(Check("CAdES attributes", None, _NOT_CADES))
        report.explanation = explain(report.indication, report.subindication)
        return report

    def digest(self, algorithm: str) -> bytes:
        """The detached document's digest, hashed as a stream once per algorithm."""
        assert self.document is not None
        if algorithm not in self.digests:
            self.digests[algorithm] = Document.open(self.document).digest(
                algorithm, self.context.check_cancelled
            )
        return self.digests[algorithm]

    def counter_signatures(
        self, signer_info: cms.SignerInfo, signature_id: str
    ) -> list[SignatureReport]:
        reports: list[SignatureReport] = []
        try:
            for counter in counter_signatures(signer_info, signature_id):
                if isinstance(counter, TooManyCounterSignatures):
                    reports.append(
                        self.too_many(
                            Worded(
                                N_("{count} counter-signatures of {signature}"),
                                count=counter.count,
                                signature=counter.parent_id,
                            ),
                            Worded(N_("counter-signatures")),
                            "counter-signatures",
                        )
                    )
                    continue
                self.context.cancel.raise_if_cancelled()
                reports.append(
                    validate_counter_signature(
                        self.token,
                        self.signed_data,
                        counter,
                        self.context,
                        document=self.signed_path,
                        packaging=self.packaging,
                    )
                )
        except MUST_PROPAGATE:
            raise
        except Exception as exc:  # an unreadable counter-signature attribute: one verdict
            indication, subindication = cannot_process(exc)
            reports.append(
                self.failure(
                    indication,
                    subindication,
                    Worded(
                        N_("a counter-signature could not be read ({error})"), error=one_line(exc)
                    ),
                    None,
                    f"{signature_id}, counter-signature",
                )
            )
        return reports


_NOT_CADES = N_(
    "no signing-certificate attribute among the signed attributes: a CMS signature, checked as"
    " such, but not a CAdES one (EN 319 122-1)"
)


def is_cades(signer_info: cms.SignerInfo) -> bool:
    """Whether the signer carries the signed attributes CAdES requires to bind its certificate:
    signing-certificate (v1) or signing-certificate-v2 (EN 319 122-1, 5.2.2)."""
    types = attribute_types(signer_info["signed_attrs"])
    return bool(types & {_ATTR_SIGNING_CERTIFICATE, _ATTR_SIGNING_CERTIFICATE_V2})


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
        return Worded(
            N_("the digest algorithm {algorithm} is not supported"), algorithm=digest.dotted
        )
    signature_algorithm = signer_info["signature_algorithm"]
    try:
        mechanism = signature_algorithm.signature_algo
    except ValueError:
        return Worded(
            N_("the signature algorithm {algorithm} is not supported"),
            algorithm=signature_algorithm["algorithm"].dotted,
        )
    try:
        _ = signature_algorithm.hash_algo
    except (ValueError, TypeError, KeyError):  # PSS parameters: checked below
        named = signature_hash(signature_algorithm)
        if named is not None and named != digest.native:
            # pyHanko would check the signature with the digest's hash instead: a valid
            # signature would be called forged
            return Worded(
                N_("the signature algorithm {algorithm} over a {digest} digest is not supported"),
                algorithm=signature_algorithm["algorithm"].native,
                digest=digest.native,
            )
    if mechanism == "rsassa_pss":
        # on a copy: reading its absent DEFAULT fields would mark the token's value as changed
        parameters = algos.SignedDigestAlgorithm.load(signature_algorithm.dump())["parameters"]
        try:
            process_pss_params(parameters)
        except (NotImplementedError, ValueError, TypeError, LookupError, AttributeError) as exc:
            return Worded(
                N_("these RSA-PSS parameters are not supported ({error})"), error=one_line(exc)
            )
    return None


def _describe(report: SignatureReport, signer_info: cms.SignerInfo, run: AdesRun) -> None:
    """Signer, certificate, chain, times, revocation and checks, from pyHanko's result."""
    report.signing_time = _claimed_time(signer_info)
    describe_status(report, run)
    if run.result.failure_msg:
        report.checks.append(Check("validation", None, str(run.result.failure_msg)))
    claimed = _signing_time_values(signer_info)
    if claimed > 1:  # RFC 5652 11.3: one signing-time, of one value; it proves nothing anyway
        report.signing_time = None
        report.checks.append(
            Check(
                "signing time",
                None,
                Worded(N_("{count} signing times claimed: none is shown"), count=claimed),
            )
        )


def _signing_time_values(signer_info: cms.SignerInfo) -> int:
    attributes = signer_info["signed_attrs"]
    if isinstance(attributes, core.Void):
        return 0
    return sum(
        len(attribute["values"])
        for attribute in attributes
        if attribute["type"].dotted == _ATTR_SIGNING_TIME
    )


def _claimed_time(signer_info: cms.SignerInfo) -> Any:
    from pyhanko.sign.validation.generic_cms import extract_self_reported_ts

    try:
        return extract_self_reported_ts(signer_info)
    except (ValueError, KeyError, TypeError, OverflowError):
        return None
