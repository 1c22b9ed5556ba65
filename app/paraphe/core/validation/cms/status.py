"""Turn pyHanko's AdES validation results into the report's terms."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

from ..describe import certificate_info, signer_identity
from ..explanations import explain
from ..indications import Indication, SubIndication, from_pyhanko
from ..report import Check, RevocationInfo, SignatureReport


def verdict_of(
    ades_result: Any, errors: list[BaseException] | None = None
) -> tuple[Indication, SubIndication | None]:
    """pyHanko's verdict, made precise where its mapping is coarse: missing revocation data is
    TRY_LATER in EN 319 102-1, which pyHanko reports as a general chain failure."""
    indication, sub = from_pyhanko(ades_result.ades_subindic)
    if sub is SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE and errors:
        from pyhanko_certvalidator.errors import InsufficientRevinfoError, NotYetValidError

        if any(isinstance(e, NotYetValidError) and e.is_ee_cert for e in errors):
            return Indication.INDETERMINATE, SubIndication.OUT_OF_BOUNDS_NO_POE
        if any(isinstance(e, InsufficientRevinfoError) for e in errors):
            return Indication.INDETERMINATE, SubIndication.TRY_LATER
    return indication, sub


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
    status: Any, handlers: Any, indication: Indication, sub: SubIndication | None
) -> RevocationInfo:
    """Revocation status and where it came from (OCSP or CRL fetched, or embedded data)."""
    details = getattr(status, "revocation_details", None)
    cert = getattr(status, "signing_cert", None)
    source = revocation_source(handlers, cert)
    if details is not None and not details.ca_revoked:
        when = details.revocation_date.astimezone(dt.UTC).isoformat()
        return RevocationInfo("revoked", source, f"revoked on {when}")
    if sub is SubIndication.TRY_LATER:
        return RevocationInfo("unknown", source, "no revocation information could be obtained")
    if getattr(status, "trusted", False):
        return RevocationInfo("good", source)
    return RevocationInfo("not_checked", source)


def revocation_source(handlers: Any, cert: Any) -> str | None:
    """ocsp or crl when fetched for this certificate, embedded when only local data was at hand."""
    if handlers is None or cert is None:
        return None
    manager = handlers.revinfo_manager
    fetchers = getattr(manager, "_fetchers", None)
    if fetchers is not None:
        for source, fetched in (
            ("ocsp", fetchers.ocsp_fetcher.fetched_responses_for_cert),
            ("crl", fetchers.crl_fetcher.fetched_crls_for_cert),
        ):
            try:
                if list(fetched(cert)):
                    return source
            except KeyError:  # nothing fetched for this certificate
                continue
    if getattr(manager, "_ocsps", None) or getattr(manager, "_crls", None):
        return "embedded"
    return None


def fill_from_status(report: SignatureReport, status: Any) -> None:
    """Signer, certificate, chain and claimed time from a pyHanko signature status."""
    cert = getattr(status, "signing_cert", None)
    if cert is not None:
        report.signer = signer_identity(cert)
        report.certificate = certificate_info(cert)
    path = getattr(status, "validation_path", None)
    if path is not None:
        try:
            report.chain = [certificate_info(c) for c in path.iter_certs(include_root=True)]
        except (AttributeError, ValueError):
            report.chain = []
    report.signing_time = getattr(status, "signer_reported_dt", None) or report.signing_time
    ts = getattr(status, "timestamp_validity", None)
    if ts is not None and getattr(ts, "intact", False) and getattr(ts, "valid", False):
        report.timestamp_time = ts.timestamp


def standard_checks(status: Any, indication: Indication, sub: SubIndication | None) -> list[Check]:
    intact = getattr(status, "intact", None)
    valid = getattr(status, "valid", None)
    trusted = getattr(status, "trusted", None)
    checks = [
        Check("document digest", intact, "" if intact else "the digest does not match"),
        Check("signature value", valid if intact else None),
        Check(
            "certificate chain to a trusted authority",
            trusted,
            sub.code if sub is not None and not trusted else "",
        ),
    ]
    return checks


def finish(report: SignatureReport) -> SignatureReport:
    report.explanation = explain(report.indication, report.subindication)
    return report
