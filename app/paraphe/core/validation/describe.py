"""Turn certificates into the report's identity and certificate entries.

Both are pure functions of the certificate's bytes, and a tender's reports name the same CAs and
signers thousands of times: they are worked out once per certificate (``_CACHE_SIZE`` kept)."""

from __future__ import annotations

import functools

from cryptography import x509
from cryptography.x509.oid import NameOID

from ..x509.certificates import (
    ORGANIZATION_IDENTIFIER,
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

_CACHE_SIZE = 512


def _der(cert: object) -> bytes:
    if isinstance(cert, x509.Certificate):
        from cryptography.hazmat.primitives import serialization

        return cert.public_bytes(serialization.Encoding.DER)
    return bytes(cert.dump())  # type: ignore[attr-defined]


def signer_identity(cert: object) -> SignerIdentity:
    """Who signed, from an asn1crypto (pyHanko's) or a cryptography certificate."""
    return _signer_identity(_der(cert))


def certificate_info(cert: object) -> CertificateInfo:
    """The report's entry for an asn1crypto (pyHanko's) or a cryptography certificate."""
    return _certificate_info(_der(cert))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _signer_identity(der: bytes) -> SignerIdentity:
    certificate = x509.load_der_x509_certificate(der)
    return SignerIdentity(
        name=holder_name(certificate),
        organisation=organisation(certificate),
        organization_identifier=first_attribute(certificate.subject, ORGANIZATION_IDENTIFIER),
        siren=siren_of(certificate),
        email=email_of(certificate),
        country=first_attribute(certificate.subject, NameOID.COUNTRY_NAME),
    )


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _certificate_info(der: bytes) -> CertificateInfo:
    certificate = x509.load_der_x509_certificate(der)
    from cryptography.hazmat.primitives import hashes

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
        der=der,
    )
