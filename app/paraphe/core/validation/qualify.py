"""Each signature's qualification (``trust.eutl.qualification``), judged once for every format
from its report: the signer's certificate and chain, the verdict, and the signing time, the
proven one when a timestamp gives it."""

from __future__ import annotations

from .context import VerificationContext
from .indications import Indication
from .report import SignatureReport


def qualify_report(report: SignatureReport, context: VerificationContext) -> None:
    from asn1crypto import x509

    from ..trust.eutl.qualification import NOT_APPLICABLE, R_NO_CERT, Qualification, qualify

    if report.timestamp_time is not None:
        at, source = report.timestamp_time, "timestamp"
    elif report.signing_time is not None:
        at, source = report.signing_time, "claimed"
    else:
        at, source = context.settings.moment, "validation"
    if report.certificate is None or not report.certificate.der:
        report.qualification = Qualification(
            NOT_APPLICABLE, R_NO_CERT, at=at, time_source=source, reason_template=R_NO_CERT
        )
        return
    signer = x509.Certificate.load(report.certificate.der)
    chain = [x509.Certificate.load(c.der) for c in report.chain if c.der]
    report.qualification = qualify(
        signer,
        chain,
        at=at,
        source=source,
        valid=report.indication is Indication.TOTAL_PASSED,
        index=context.settings.eu_lists,
    )
