"""The signing certificate's validation (a path to a trust anchor, validity at the validation time,
revocation) in EN 319 102-1 terms, one mapping for every format.

pyhanko-certvalidator validates the path; pyHanko maps its errors to AdES statuses, coarsely in
two places, made precise here (``refined``): missing revocation data is TRY_LATER and a signing
certificate not yet valid is OUT_OF_BOUNDS_NO_POE, where pyHanko says
CERTIFICATE_CHAIN_GENERAL_FAILURE. The exception behind a verdict is read from pyHanko's log
(``certvalidator_errors``), where it goes and is otherwise lost. CAdES and PAdES reach this through
pyHanko's AdES validation (``cms.ades``); XAdES, which pyHanko does not read, through
``validate_certificate``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ..aio import run_sync
from ..text.translatable import N_
from .context import VerificationContext
from .describe import certificate_info
from .indications import Indication, SubIndication, from_pyhanko
from .report import CertificateInfo, Check, RevocationInfo, RevocationSource, RevocationStatus

_NO_REVOCATION_DATA = N_("no revocation information could be obtained")


def refined(
    indication: Indication, subindication: SubIndication | None, errors: Sequence[BaseException]
) -> tuple[Indication, SubIndication | None]:
    """pyHanko's verdict, made precise from the exceptions behind a general chain failure: the
    signing certificate (not a certificate met on a side path, such as an OCSP responder's) not
    yet valid is OUT_OF_BOUNDS_NO_POE; missing revocation data is TRY_LATER."""
    if subindication is not SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE:
        return indication, subindication
    from pyhanko_certvalidator.errors import InsufficientRevinfoError, NotYetValidError

    if any(
        isinstance(e, NotYetValidError) and e.is_ee_cert and not e.is_side_validation
        for e in errors
    ):
        return Indication.INDETERMINATE, SubIndication.OUT_OF_BOUNDS_NO_POE
    if any(isinstance(e, InsufficientRevinfoError) for e in errors):
        return Indication.INDETERMINATE, SubIndication.TRY_LATER
    return indication, subindication


class _ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[BaseException] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.errors.append(record.exc_info[1])


@contextlib.contextmanager
def certvalidator_errors() -> Iterator[list[BaseException]]:
    """The certificate-validation exceptions pyHanko logs (and otherwise swallows) meanwhile."""
    logger = logging.getLogger("pyhanko.sign.validation.generic_cms")
    collector = _ErrorCollector()
    previous_level, previous_propagate = logger.level, logger.propagate
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # collected here, never printed
    logger.addHandler(collector)
    try:
        yield collector.errors
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous_level)
        logger.propagate = previous_propagate


def revocation_of(
    *,
    path_valid: bool,
    subindication: SubIndication | None,
    details: Any,
    handlers: Any,
    cert: Any,
    embedded: Any = None,
) -> RevocationInfo:
    """The signing certificate's revocation status: revoked (with the date) when pyHanko found it
    revoked, unknown when its revocation data could not be had (TRY_LATER), good when the path
    validated, not checked otherwise. ``details`` is pyHanko's ``RevocationDetails``, or None."""
    source = revocation_source(handlers, cert, embedded)
    revoked = details is not None and not details.ca_revoked
    if revoked or subindication is SubIndication.REVOKED_NO_POE:
        revoked_at = details.revocation_date.astimezone(dt.UTC) if revoked else None
        when = revoked_at.isoformat() if revoked_at is not None else "?"
        return RevocationInfo(RevocationStatus.REVOKED, source, f"revoked on {when}", revoked_at)
    if subindication is SubIndication.TRY_LATER:
        return RevocationInfo(RevocationStatus.UNKNOWN, source, _NO_REVOCATION_DATA)
    if path_valid:
        return RevocationInfo(RevocationStatus.GOOD, source)
    return RevocationInfo(RevocationStatus.NOT_CHECKED, source)


def revocation_source(handlers: Any, cert: Any, embedded: Any = None) -> RevocationSource | None:
    """Where revocation data about ``cert`` (asn1crypto) came from: an OCSP response or a CRL
    fetched for it, else one at hand about it: carried by the signature (``embedded``, a
    ``ValidationData``: EMBEDDED), else the validation settings' own (the revocation cache);
    None when none was."""
    if handlers is None or cert is None:
        return None
    manager = handlers.revinfo_manager
    fetchers = getattr(manager, "_fetchers", None)
    if fetchers is not None:
        for source, fetcher, fetched_for in (
            (RevocationSource.OCSP, "ocsp_fetcher", "fetched_responses_for_cert"),
            (RevocationSource.CRL, "crl_fetcher", "fetched_crls_for_cert"),
        ):
            try:
                if list(getattr(getattr(fetchers, fetcher), fetched_for)(cert)):
                    return source
            except (KeyError, AttributeError):  # nothing fetched for this certificate
                continue
    carried = {r.dump() for r in (*embedded.ocsps, *embedded.crls)} if embedded else set()
    for container in getattr(manager, "_ocsps", ()):
        basic = container.extract_basic_ocsp_response()
        if basic is None:
            continue
        responses = basic["tbs_response_data"]["responses"]
        if any(r["cert_id"]["serial_number"].native == cert.serial_number for r in responses):
            if container.ocsp_response_data.dump() in carried:
                return RevocationSource.EMBEDDED
            return RevocationSource.OCSP
    for container in getattr(manager, "_crls", ()):
        if container.crl_data.issuer == cert.issuer:
            if container.crl_data.dump() in carried:
                return RevocationSource.EMBEDDED
            return RevocationSource.CRL
    return None


@dataclass
class PathOutcome:
    """What the certificate validation found, for a validator that runs it itself (XAdES)."""

    indication: Indication
    subindication: SubIndication | None
    revocation: RevocationInfo
    chain: list[CertificateInfo] = field(default_factory=list)
    """Trust anchor first; empty when no path was built."""
    checks: list[Check] = field(default_factory=list)


def validate_certificate(
    cert: x509.Certificate,
    candidates: Sequence[x509.Certificate],
    context: VerificationContext,
    at: dt.datetime | None = None,
) -> PathOutcome:
    """``cert``'s path (``candidates`` may hold its intermediates) validated by
    pyhanko-certvalidator at the settings' time, revocation fetched unless offline.

    With ``at`` (a proven time in the past), the path is validated as it stood then: validity
    at that time, and revocation data obtained now accepted for it (a certificate revoked after
    ``at`` was good then; one revoked before it was not)."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.validation.generic_cms import validate_cert_usage

    signer = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    timing = context.settings.timing_info() if at is None else _in_the_past(at)
    policy = context.spec.cert_validation_policy
    if at is not None:
        revinfo = dataclasses.replace(policy.revinfo_policy, retroactive_revinfo=True)
        policy = dataclasses.replace(policy, revinfo_policy=revinfo)
    # The data handlers judge the data they gather as of when it is gathered: now, even when
    # the validation is of a past time or (``--at``) simulates a later one.
    handlers = context.data_handlers(None if at is None else _gathered_now(at))
    validation_context = policy.build_validation_context(timing_info=timing, handlers=handlers)
    for other in candidates:
        validation_context.certificate_registry.register(
            asn1_x509.Certificate.load(other.public_bytes(serialization.Encoding.DER))
        )

    async def validate() -> Any:
        paths = validation_context.path_builder.async_build_paths_lazy(signer)
        return await validate_cert_usage(
            signer, validation_context, context.spec.key_usage_settings, paths
        )

    with certvalidator_errors() as errors:
        result = run_sync(validate())
    path = result.success_result or result.error_path
    chain = [] if path is None else [certificate_info(c) for c in path.iter_certs(True)]
    valid = result.success_result is not None
    if valid:
        indication, subindication = Indication.TOTAL_PASSED, None
    else:
        indication, subindication = refined(*from_pyhanko(result.error_subindic), errors)
    revocation = revocation_of(
        path_valid=valid,
        subindication=subindication,
        details=result.revo_details,
        handlers=handlers,
        cert=signer,
        embedded=context.embedded,
    )
    return PathOutcome(
        indication, subindication, revocation, chain, path_checks(subindication, revocation)
    )


def _gathered_now(at: dt.datetime) -> Any:
    from pyhanko_certvalidator.ltv.types import ValidationTimingInfo

    return ValidationTimingInfo(dt.datetime.now(dt.UTC), at, point_in_time_validation=False)


def _in_the_past(at: dt.datetime) -> Any:
    from pyhanko_certvalidator.ltv.types import ValidationTimingInfo

    return ValidationTimingInfo(at, at, point_in_time_validation=True)


_CHAIN_DETAILS = {
    SubIndication.NO_CERTIFICATE_CHAIN_FOUND: "no path to a trusted authority",
    SubIndication.OUT_OF_BOUNDS_NO_POE: "the certificate is outside its validity period",
    SubIndication.REVOKED_CA_NO_POE: "a certificate authority of the chain is revoked",
    SubIndication.CHAIN_CONSTRAINTS_FAILURE: "a constraint of the chain is not met",
    SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE: "the chain does not validate",
    SubIndication.CRYPTO_CONSTRAINTS_FAILURE: "the chain uses a weak algorithm",
}


def path_checks(subindication: SubIndication | None, revocation: RevocationInfo) -> list[Check]:
    """The checks ``certificate chain`` and ``revocation`` saying why (XAdES reports)."""
    trusted = Check("certificate chain", True, "leads to a trusted authority")
    if revocation.status is RevocationStatus.GOOD:
        return [trusted, Check("revocation", True, f"not revoked ({revocation.source})")]
    if revocation.status is RevocationStatus.REVOKED:
        return [trusted, Check("revocation", False, revocation.detail or "")]
    if revocation.status is RevocationStatus.UNKNOWN:
        return [trusted, Check("revocation", None, _NO_REVOCATION_DATA)]
    detail = _CHAIN_DETAILS.get(subindication, "") if subindication is not None else ""
    return [Check("certificate chain", False, detail)]
