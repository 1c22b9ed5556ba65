"""Reading what a user needs to know from an X.509 certificate, and whether it may sign now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import core as asn1_core
from cryptography import x509
from cryptography.x509.oid import NameOID

from .errors import CertificateNotValidNow, Notice

# ETSI EN 319 412-5 statement identifiers.
QC_STATEMENTS_OID = x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3")
QC_COMPLIANCE = "0.4.0.1862.1.1"
QC_SSCD = "0.4.0.1862.1.4"
QC_TYPE = "0.4.0.1862.1.6"


def _first(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    if not values:
        return None
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def holder_name(cert: x509.Certificate) -> str:
    """The name a person recognises: CN, else given name and surname, else the whole subject."""
    subject = cert.subject
    common = _first(subject, NameOID.COMMON_NAME)
    if common:
        return common
    given = _first(subject, NameOID.GIVEN_NAME) or ""
    surname = _first(subject, NameOID.SURNAME) or ""
    return (given + " " + surname).strip() or subject.rfc4514_string()


def organisation(cert: x509.Certificate) -> str | None:
    return _first(cert.subject, NameOID.ORGANIZATION_NAME)


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
    state = None
    if at < window.not_before:
        state = "not yet valid"
    elif at > window.not_after:
        state = "expired"
    if state is not None:
        raise CertificateNotValidNow(
            source,
            holder=holder_name(cert),
            state=state,
            not_before=window.not_before.date().isoformat(),
            not_after=window.not_after.date().isoformat(),
        )
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
