"""Gather what a verifier needs to validate a signature without the CA's servers (B-LT).

pyhanko-certvalidator validates each certificate (the signer's, the TSA's) to the root its chain
ends at, fetching OCSP responses and CRLs through the run's session; what it fetched, and the
certificates of the paths, are the validation data. Trust is not judged here (the roots are the
chains' own tops); a certificate whose revocation status cannot be had, or that is revoked, stops
the signature: a B-LT signature without its revocation data would be a B-T pretending.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from asn1crypto import crl, ocsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ..errors import ValidationDataUnavailable


@dataclass
class ValidationData:
    certificates: list[asn1_x509.Certificate] = field(default_factory=list)
    ocsps: list[ocsp.OCSPResponse] = field(default_factory=list)
    crls: list[crl.CertificateList] = field(default_factory=list)

    def add_certificate(self, certificate: asn1_x509.Certificate) -> None:
        if all(certificate.dump() != known.dump() for known in self.certificates):
            self.certificates.append(certificate)

    def merge(self, other: ValidationData) -> None:
        for certificate in other.certificates:
            self.add_certificate(certificate)
        for response in other.ocsps:
            if all(response.dump() != known.dump() for known in self.ocsps):
                self.ocsps.append(response)
        for crl_data in other.crls:
            if all(crl_data.dump() != known.dump() for known in self.crls):
                self.crls.append(crl_data)


def to_asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


async def collect(
    targets: Sequence[asn1_x509.Certificate],
    known: Sequence[asn1_x509.Certificate],
    session: Any,
    prior: ValidationData | None = None,
) -> ValidationData:
    """The paths of ``targets`` and their revocation data, fetched now. ``known`` certificates
    (the signature's own, the timestamp tokens') help build the paths; the roots are found by
    completing each chain (``x509.chain``)."""
    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

    context = await gathering_context(targets, known, session, prior)
    data = ValidationData()
    for target in targets:
        try:
            validator = CertificateValidator(target, validation_context=context)
            path = await validator.async_validate_usage(set())
        except (PathBuildingError, PathValidationError) as exc:
            raise ValidationDataUnavailable(
                detail=f"{target.subject.human_friendly}: {exc}"
            ) from None
        for certificate in path.iter_certs(include_root=True):
            data.add_certificate(certificate)
    data.ocsps = list(context.ocsps)
    data.crls = list(context.crls)
    for response in data.ocsps:  # the responders' certificates, for a verifier to check them
        basic = response.basic_ocsp_response
        for certificate in basic["certs"] or ():
            data.add_certificate(certificate)
    return data


async def gathering_context(
    targets: Sequence[asn1_x509.Certificate],
    known: Sequence[asn1_x509.Certificate],
    session: Any,
    prior: ValidationData | None = None,
) -> Any:
    """A pyhanko-certvalidator ValidationContext that fetches revocation data (required) for
    ``targets``, trusting the roots their chains end at (pyHanko's PAdES signer takes it);
    ``prior`` is what the run has fetched so far."""
    from pyhanko_certvalidator import ValidationContext

    from ..net.http import fetcher_backend
    from ..x509.chain import complete_chain_async

    plain_known = [x509.load_der_x509_certificate(c.dump()) for c in known]
    roots: list[asn1_x509.Certificate] = []
    for target in targets:
        completed = await complete_chain_async(
            x509.load_der_x509_certificate(target.dump()), plain_known
        )
        if completed.root is None:
            raise ValidationDataUnavailable(
                detail=f"the chain of {target.subject.human_friendly} could not be completed"
                f" (issuer {completed.missing_issuer} not found)"
            )
        roots.append(to_asn1(completed.root))
        plain_known.extend((*completed.chain, completed.root))
    return ValidationContext(
        trust_roots=roots,
        other_certs=[to_asn1(c) for c in plain_known],
        allow_fetching=True,
        revocation_mode="require",
        fetcher_backend=fetcher_backend(session),
        # what this run fetched already (the CRL of a CA two paths share) is not fetched again
        crls=list(prior.crls) if prior is not None else [],
        ocsps=list(prior.ocsps) if prior is not None else [],
    )
