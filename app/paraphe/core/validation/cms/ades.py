"""pyHanko's AdES validation of a CMS SignedData, run one way for ``.p7s``/``.p7m`` tokens and
for the signatures inside PDFs, and its status described in the report's terms.

pyHanko runs the basic validation of EN 319 102-1; its verdict is made precise, and the signer's
revocation described, by ``certificate_path``, the mapping every format shares. Timestamps are
then validated and applied by ``validation.timestamps``, the same way for every format
(``apply_time``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...aio import run_sync
from ..certificate_path import certvalidator_errors, refined, revocation_of
from ..context import VerificationContext
from ..describe import certificate_info, signer_identity
from ..indications import Indication, SubIndication, from_pyhanko
from ..report import Check, SignatureReport


@dataclass(frozen=True)
class AdesRun:
    result: Any
    """pyHanko's ``AdESBasicValidationResult`` (or with-time result)."""
    handlers: Any
    """The validation-data handlers it used: what revocation data was fetched."""
    errors: tuple[BaseException, ...]
    """The certificate-validation exceptions pyHanko logged meanwhile."""
    embedded: Any = None
    """The validation data the signature carries (``ValidationData``), if any."""

    def verdict(self) -> tuple[Indication, SubIndication | None]:
        return refined(*from_pyhanko(self.result.ades_subindic), self.errors)


def run_ades(
    signed_data: Any,
    raw_digest: bytes | None,
    context: VerificationContext,
    *,
    dated_crypto: bool = False,
) -> AdesRun:
    """pyHanko's basic validation of ``signed_data`` (whose content hashes to ``raw_digest`` when
    it is detached), with the run's shared spec and fresh data handlers.

    ``dated_crypto``: the caller judges the algorithms afterwards with the dated crypto policy
    (``cms.algorithms``), so pyHanko lets them all through for the signer and its path;
    timestamps keep pyHanko's own policy. Otherwise pyHanko's default (no SHA-1) applies."""
    from pyhanko.sign.validation.ades import ades_basic_validation

    spec = _algorithms_let_through(context.spec) if dated_crypto else context.spec
    with certvalidator_errors() as errors:
        handlers = context.data_handlers()
        result = run_sync(
            ades_basic_validation(
                signed_data,
                spec,
                timing_info=context.settings.timing_info(),
                raw_digest=raw_digest,
                validation_data_handlers=handlers,
            )
        )
    return AdesRun(result, handlers, tuple(errors), context.embedded)


def _algorithms_let_through(spec: Any) -> Any:
    import dataclasses

    from ..crypto_policy import for_pyhanko

    policy = spec.cert_validation_policy
    return dataclasses.replace(
        spec,
        cert_validation_policy=dataclasses.replace(policy, algorithm_usage_policy=for_pyhanko()),
        ts_cert_validation_policy=spec.ts_cert_validation_policy or policy,
    )


def describe_status(report: SignatureReport, run: AdesRun) -> None:
    """Signer, certificate, chain, times, revocation and the standard checks, from pyHanko's
    signature status (none when pyHanko stopped before it had one)."""
    status = run.result.api_status
    if status is None:
        return
    _fill_from_status(report, status)
    report.revocation = revocation_of(
        path_valid=bool(getattr(status, "trusted", False)),
        subindication=report.subindication,
        details=getattr(status, "revocation_details", None),
        handlers=run.handlers,
        cert=getattr(status, "signing_cert", None),
        embedded=run.embedded,
    )
    report.checks = _standard_checks(status, report.subindication)


def _fill_from_status(report: SignatureReport, status: Any) -> None:
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


def _standard_checks(status: Any, sub: SubIndication | None) -> list[Check]:
    intact = getattr(status, "intact", None)
    valid = getattr(status, "valid", None)
    trusted = getattr(status, "trusted", None)
    return [
        Check("document digest", intact, "" if intact else "the digest does not match"),
        Check("signature value", valid if intact else None),
        Check(
            "certificate chain to a trusted authority",
            trusted,
            sub.code if sub is not None and not trusted else "",
        ),
    ]


def past_check(signed_data: Any, run: AdesRun, context: VerificationContext) -> Any:
    """The signer's path validated at a proven past time (``timestamps.PastCheck``), with the
    token's certificates as intermediates; None when pyHanko found no signing certificate."""
    from cryptography import x509

    from ..certificate_path import validate_certificate

    status = run.result.api_status
    signer = getattr(status, "signing_cert", None)
    if signer is None:
        return None
    cert = x509.load_der_x509_certificate(signer.dump())
    candidates = [
        x509.load_der_x509_certificate(choice.chosen.dump())
        for choice in signed_data["certificates"] or ()
        if choice.name == "certificate"
    ]
    return lambda at: validate_certificate(cert, candidates, context, at)
