"""What every step of the XAdES validation shares: the namespaces, the verdict that ends the
validation of a signature early, and the findings that become its report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..explanations import explain
from ..indications import Indication, SubIndication
from ..report import (
    CertificateInfo,
    Check,
    DetectedFormat,
    RevocationInfo,
    SignatureReport,
    SignerIdentity,
)

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
XADES141 = "http://uri.etsi.org/01903/v1.4.1#"
NS = {"ds": DS, "xades": XADES}
XADES_NAMESPACES = (XADES, XADES141)


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
    return Verdict(indication, SubIndication.FORMAT_FAILURE, Check("token format", False, detail))


@dataclass
class Findings:
    """What is known about one signature so far; becomes its report."""

    signature_id: str | None = None
    level: str | None = None
    signer: SignerIdentity | None = None
    certificate: CertificateInfo | None = None
    chain: list[CertificateInfo] = field(default_factory=list)
    revocation: RevocationInfo | None = None
    signing_time: dt.datetime | None = None
    checks: list[Check] = field(default_factory=list)

    def report(
        self,
        token_path: Path,
        document_path: Path | None,
        indication: Indication,
        subindication: SubIndication | None,
    ) -> SignatureReport:
        return SignatureReport(
            signature_path=token_path,
            format=DetectedFormat.XADES,
            indication=indication,
            subindication=subindication,
            explanation=explain(indication, subindication),
            document_path=document_path,
            level=self.level,
            signature_id=self.signature_id,
            signer=self.signer,
            certificate=self.certificate,
            chain=self.chain,
            revocation=self.revocation,
            signing_time=self.signing_time,
            checks=self.checks,
        )
