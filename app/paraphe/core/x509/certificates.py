"""Reading what a user needs to know from an X.509 certificate, and whether it may sign now."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import core as asn1_core
from cryptography import x509
from cryptography.x509.oid import NameOID

from ..errors import CertificateExpired, CertificateNotValidNow, CertificateNotYetValid, Notice

# ETSI EN 319 412-5 statement identifiers.
QC_STATEMENTS_OID = x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3")
QC_COMPLIANCE = "0.4.0.1862.1.1"
QC_SSCD = "0.4.0.1862.1.4"
QC_TYPE = "0.4.0.1862.1.6"


def first_attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    if not values:
        return None
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def holder_name(cert: x509.Certificate) -> str:
    """The name a person recognises: CN, else given name and surname, else the whole subject."""
    subject = cert.subject
    common = first_attribute(subject, NameOID.COMMON_NAME)
    if common:
        return common
    given = first_attribute(subject, NameOID.GIVEN_NAME) or ""
    surname = first_attribute(subject, NameOID.SURNAME) or ""
    return (given + " " + surname).strip() or subject.rfc4514_string()


def organisation(cert: x509.Certificate) -> str | None:
    return first_attribute(cert.subject, NameOID.ORGANIZATION_NAME)


class _QcStatement(asn1_core.Sequence):
    _fields = [  # noqa: RUF012 - asn1crypto's declaration style
        ("statement_id", asn1_core.ObjectIdentifier),
        ("statement_info", asn1_core.Any, {"optional": True}),
    ]


class _QcStatements(asn1_core.SequenceOf):
    """RFC 3739 QCStatements; pyHanko has the same spec, but importing it costs 0.5 s."""

    _child_spec = _QcStatement


def qc_statement_ids(cert: x509.Certificate) -> list[str]:
    """OIDs of the qcStatements (EN 319 412-5) the certificate carries, empty when it has none."""
    try:
        ext = cert.extensions.get_extension_for_oid(QC_STATEMENTS_OID)
    except x509.ExtensionNotFound:
        return []
    if not isinstance(ext.value, x509.UnrecognizedExtension):
        return []
    try:
        statements = _QcStatements.load(ext.value.value)
        return [statement["statement_id"].dotted for statement in statements]
    except ValueError:
        return []  # a malformed extension declares nothing


def is_qualified_by_statement(cert: x509.Certificate) -> bool:
    return QC_COMPLIANCE in qc_statement_ids(cert)


def can_sign(cert: x509.Certificate) -> bool:
    """Meant for signatures: not a CA, and a key usage that allows them (digitalSignature or
    nonRepudiation), or none at all (no restriction, RFC 5280)."""
    try:
        if cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            return False
    except x509.ExtensionNotFound:
        pass
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return bool(usage.digital_signature or usage.content_commitment)


def has_non_repudiation(cert: x509.Certificate) -> bool:
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return False
    return usage.content_commitment


@dataclass(frozen=True)
class ValidityWindow:
    not_before: dt.datetime
    not_after: dt.datetime

    @classmethod
    def of(cls, cert: x509.Certificate) -> ValidityWindow:
        return cls(cert.not_valid_before_utc, cert.not_valid_after_utc)


def check_can_sign(cert: x509.Certificate, source: Path | str, at: dt.datetime) -> list[Notice]:
    """Refuse a certificate outside its validity; warn about ones a buyer may reject."""
    window = ValidityWindow.of(cert)
    error: type[CertificateNotValidNow] | None = None
    if at < window.not_before:
        error = CertificateNotYetValid
    elif at > window.not_after:
        error = CertificateExpired
    if error is not None:
        raise error(
            source,
            holder=holder_name(cert),
            not_before=window.not_before.date().isoformat(),
            not_after=window.not_after.date().isoformat(),
        )
    _check_key_strength(cert, source, at)
    notices = []
    if not has_non_repudiation(cert):
        notices.append(
            Notice(
                "The certificate of {holder} has no nonRepudiation key usage: it is meant for"
                " authentication, and a buyer may not accept it for a signature.",
                holder=holder_name(cert),
            )
        )
    if not is_qualified_by_statement(cert):
        notices.append(
            Notice(
                "The certificate of {holder} does not declare itself qualified (no QcCompliance"
                " statement); French public procurement expects a qualified certificate.",
                holder=holder_name(cert),
            )
        )
    return notices


def _check_key_strength(cert: x509.Certificate, source: Path | str, at: dt.datetime) -> None:
    """Refuse a key the dated crypto policy no longer accepts at ``at`` (RSA-1024 since 2009):
    every verifier, Paraphe's included, would reject what it signs. A forecast date passed
    (RSA-2048 after 2026-01-01) is not refused: verifiers only note it."""
    from asn1crypto import keys
    from cryptography.hazmat.primitives import serialization

    from ..errors import KeyTooWeak
    from ..validation import crypto_policy

    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    use = crypto_policy.key_use(keys.PublicKeyInfo.load(spki), "")
    sunset = crypto_policy.sunset_of(use) if use is not None else None
    if use is None or sunset is None or sunset.forecast or at < sunset.date:
        return
    raise KeyTooWeak(
        source,
        holder=holder_name(cert),
        algorithm=use.name,
        date=sunset.date.date().isoformat(),
        source=sunset.source,
    )


_QC_STATEMENT_NAMES = {
    QC_COMPLIANCE: "qc_compliance",
    QC_SSCD: "qc_sscd",
    "0.4.0.1862.1.2": "qc_limit_value",
    "0.4.0.1862.1.3": "qc_retention_period",
    "0.4.0.1862.1.5": "qc_pds",
    QC_TYPE: "qc_type",
    "0.4.0.1862.1.7": "qc_cclegislation",
    "0.4.0.194121.1.1": "semantics_natural_person",
    "0.4.0.194121.1.2": "semantics_legal_person",
}
_KEY_USAGE_NAMES = (
    "digital_signature",
    "content_commitment",
    "key_encipherment",
    "data_encipherment",
    "key_agreement",
    "key_cert_sign",
    "crl_sign",
)
ORGANIZATION_IDENTIFIER = x509.ObjectIdentifier("2.5.4.97")
_SIREN_IN_OID = re.compile(r"^NTRFR-(\d{9})(\d{5})?$")
_SIREN_IN_OU = re.compile(r"^0002\s+(\d{9})(\d{5})?$")


def siren_of(cert: x509.Certificate) -> str | None:
    """The company's SIREN: organizationIdentifier ``NTRFR-<SIREN>`` (EN 319 412-1), or the
    older French convention ``OU=0002 <SIREN or SIRET>``."""
    org_id = first_attribute(cert.subject, ORGANIZATION_IDENTIFIER)
    if org_id:
        match = _SIREN_IN_OID.match(org_id.strip())
        if match:
            return match.group(1)
    for attribute in cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME):
        value = attribute.value if isinstance(attribute.value, str) else ""
        match = _SIREN_IN_OU.match(value.strip())
        if match:
            return match.group(1)
    return None


def email_of(cert: x509.Certificate) -> str | None:
    email = first_attribute(cert.subject, NameOID.EMAIL_ADDRESS)
    if email:
        return email
    try:
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return None
    emails = names.get_values_for_type(x509.RFC822Name)
    return emails[0] if emails else None


def key_usage_names(cert: x509.Certificate) -> tuple[str, ...]:
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return ()
    return tuple(name for name in _KEY_USAGE_NAMES if getattr(usage, name))


def qc_statement_names(cert: x509.Certificate) -> tuple[str, ...]:
    return tuple(_QC_STATEMENT_NAMES.get(oid, oid) for oid in qc_statement_ids(cert))


def as_cryptography(cert: object) -> x509.Certificate:
    """Accept an asn1crypto certificate (from pyHanko) or a cryptography one."""
    if isinstance(cert, x509.Certificate):
        return cert
    return x509.load_der_x509_certificate(cert.dump())  # type: ignore[attr-defined]
