"""What every step of the XAdES validation shares: the verdict that ends the
validation of a signature early, and the findings that become its report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...text.translatable import N_
from ..failures import verdict_report
from ..indications import Indication, SubIndication
from ..report import (
    BaselineLevel,
    CertificateInfo,
    Check,
    Container,
    DetectedFormat,
    Packaging,
    RevocationInfo,
    SignatureReport,
    SignedObject,
    SignerIdentity,
    TimestampReport,
)


class Verdict(Exception):
    """The validation ends here, with this indication (and a check saying why)."""

    def __init__(
        self,
        indication: Indication,
        subindication: SubIndication | None,
        check: Check | None = None,
    ) -> None:
        super().__init__(subindication.code if subindication else indication.value)
        self.indication = indication
        self.subindication = subindication
        self.check = check


def format_failure(detail: str, *, indeterminate: bool = False) -> Verdict:
    indication = Indication.INDETERMINATE if indeterminate else Indication.TOTAL_FAILED
    return Verdict(
        indication, SubIndication.FORMAT_FAILURE, Check(N_("token format"), False, detail)
    )


@dataclass
class Findings:
    """What is known about one signature so far; becomes its report."""

    signature_id: str | None = None
    level: BaselineLevel | None = None
    signer: SignerIdentity | None = None
    certificate: CertificateInfo | None = None
    chain: list[CertificateInfo] = field(default_factory=list)
    revocation: RevocationInfo | None = None
    signing_time: dt.datetime | None = None
    checks: list[Check] = field(default_factory=list)
    timestamps: list[TimestampReport] | None = None
    """Validated once the basic validation reached the certificate; None before."""
    check_at: Callable[[dt.datetime], Any] | None = None
    """The signer's path validated at a proven past time (``timestamps.PastCheck``)."""
    judge_algorithms: Callable[[SignatureReport], None] | None = None
    """The dated crypto policy, applied once the proven time is known (``algorithms``)."""
    packaging: Packaging | None = None
    container: Container | None = None
    signed_objects: list[SignedObject] = field(default_factory=list)
    counter_signature_of: str | None = None
    ades: bool = True

    def report(
        self,
        token_path: Path,
        document_path: Path | None,
        indication: Indication,
        subindication: SubIndication | None,
    ) -> SignatureReport:
        """The report, with the validation with time applied when timestamps were validated."""
        report = verdict_report(
            token_path,
            DetectedFormat.XADES,
            indication,
            subindication,
            self.checks,
            document_path=document_path,
            level=self.level,
            signature_id=self.signature_id,
            signer=self.signer,
            certificate=self.certificate,
            chain=self.chain,
            revocation=self.revocation,
            signing_time=self.signing_time,
            packaging=self.packaging,
            container=self.container,
            signed_objects=self.signed_objects,
            counter_signature_of=self.counter_signature_of,
            ades=self.ades,
        )
        if self.timestamps is not None:
            from ..timestamps import apply_time

            report.timestamps = self.timestamps
            apply_time(report, self.check_at)
        if self.judge_algorithms is not None:
            self.judge_algorithms(report)
        return report
