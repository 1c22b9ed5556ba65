"""Turn certificates into the report's identity and certificate entries."""

from __future__ import annotations

from cryptography import x509
from cryptography.x509.oid import NameOID

from ..x509.certificates import (
    ORGANIZATION_IDENTIFIER,
    as_cryptography,
    email_of,
    first_attribute,
    holder_name,
    is_qualified_by_statement,
    key_usage_names,
    organisation,
    qc_statement_names,
    siren_of,
)
from .report import CertificateInfo, SignerIdentity


def signer_identity(cert: object) -> SignerIdentity:
    certificate = as_cryptography(cert)
    return SignerIdentity(
        name=holder_name(certificate),
        organisation=organisation(certificate),
        organization_identifier=first_attribute(certificate.subject, ORGANIZATION_IDENTIFIER),
        siren=siren_of(certificate),
        email=email_of(certificate),
        country=first_attribute(certificate.subject, NameOID.COUNTRY_NAME),
    )


def certificate_info(cert: object) -> CertificateInfo:
    certificate: x509.Certificate = as_cryptography(cert)
    from cryptography.hazmat.primitives import hashes, serialization

    return CertificateInfo(
        subject=certificate.subject.rfc4514_string(),
        issuer=certificate.issuer.rfc4514_string(),
        serial=format(certificate.serial_number, "x"),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        sha256=certificate.fingerprint(hashes.SHA256()).hex(),
        key_usage=key_usage_names(certificate),
        qc_statements=qc_statement_names(certificate),
        qualified_by_statement=is_qualified_by_statement(certificate),
        der=certificate.public_bytes(serialization.Encoding.DER),
    )
