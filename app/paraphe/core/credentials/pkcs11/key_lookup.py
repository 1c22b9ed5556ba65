"""Finding the signer's certificate and its private key on a logged-in token, and its chain."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from ...x509.certificates import can_sign, has_non_repudiation
from .token_errors import KeyNotFound, SeveralKeys


@dataclass(frozen=True)
class TokenKeyPair:
    """A certificate on the token and the private key object behind it."""

    certificate: x509.Certificate
    cert_label: str
    key: Any
    key_label: str

    @property
    def sha256(self) -> str:
        return self.certificate.fingerprint(hashes.SHA256()).hex()

    def describe(self) -> str:
        return f"'{self.key_label or self.cert_label}' (SHA-256 {self.sha256})"


def attribute(obj: Any, name: Any, default: Any = None) -> Any:
    try:
        return obj[name]
    except Exception:  # AttributeTypeInvalid, AttributeSensitive: the token does not say
        return default


def always_authenticate(key: Any) -> bool:
    from pkcs11 import Attribute

    return bool(attribute(key, Attribute.ALWAYS_AUTHENTICATE, False))


def _token_certificates(session: Any) -> list[tuple[x509.Certificate, bytes, str]]:
    from pkcs11 import Attribute, ObjectClass

    found = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        der = attribute(obj, Attribute.VALUE)
        if not der:
            continue
        try:
            certificate = x509.load_der_x509_certificate(bytes(der))
        except ValueError:
            continue
        key_id = bytes(attribute(obj, Attribute.ID, b"") or b"")
        found.append((certificate, key_id, str(attribute(obj, Attribute.LABEL, "") or "")))
    return found


def _token_private_keys(session: Any) -> list[tuple[Any, bytes, str]]:
    from pkcs11 import Attribute, ObjectClass

    return [
        (
            key,
            bytes(attribute(key, Attribute.ID, b"") or b""),
            str(attribute(key, Attribute.LABEL, "") or ""),
        )
        for key in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
    ]


def _pairs(
    certificates: list[tuple[x509.Certificate, bytes, str]],
    keys: list[tuple[Any, bytes, str]],
) -> Iterator[TokenKeyPair]:
    """Certificates with their private key: same CKA_ID, else same label."""
    for certificate, cert_id, cert_label in certificates:
        match = [k for k in keys if cert_id and k[1] == cert_id] or [
            k for k in keys if cert_label and k[2] == cert_label
        ]
        if match:
            key, _, key_label = match[0]
            yield TokenKeyPair(certificate, cert_label, key, key_label)


def normalise_fingerprint(text: str) -> str:
    return "".join(c for c in text.lower() if c not in ": ")


def find_key_pair(
    session: Any, label: str, key_label: str | None, cert_sha256: str | None
) -> tuple[TokenKeyPair, list[x509.Certificate]]:
    """The pair chosen by fingerprint, else by label, else the only signing one; and every
    certificate on the token (for the chain)."""
    certificates = _token_certificates(session)
    keys = _token_private_keys(session)
    pairs = list(_pairs(certificates, keys))
    everything = [c for c, _, _ in certificates]
    present = ", ".join(i.describe() for i in pairs) or "none"
    if cert_sha256 is not None:
        wanted = normalise_fingerprint(cert_sha256)
        chosen = [i for i in pairs if i.sha256 == wanted]
        if not chosen:
            searched = f"certificate with SHA-256 fingerprint {wanted} and its private key"
            raise KeyNotFound(token=label, searched=searched, present=present)
        return chosen[0], everything
    if key_label is not None:
        chosen = [i for i in pairs if i.key_label == key_label] or [
            i for i in pairs if i.cert_label == key_label
        ]
        if not chosen:
            searched = f"private key labelled '{key_label}' with its certificate"
            raise KeyNotFound(token=label, searched=searched, present=present)
        if len(chosen) > 1:
            raise SeveralKeys(token=label, present=", ".join(i.describe() for i in chosen))
        return chosen[0], everything
    signing = [i for i in pairs if can_sign(i.certificate)]
    if len(signing) > 1:
        signing = [i for i in signing if has_non_repudiation(i.certificate)] or signing
    if not signing:
        raise KeyNotFound(
            token=label, searched="signing certificate with a private key", present=present
        )
    if len(signing) > 1:
        raise SeveralKeys(token=label, present=", ".join(i.describe() for i in signing))
    return signing[0], everything


def chain_of(
    certificate: x509.Certificate, others: list[x509.Certificate]
) -> tuple[x509.Certificate, ...]:
    """The issuers found on the token, walked up from the signer's certificate."""
    chain: list[x509.Certificate] = []
    current = certificate
    while current.issuer != current.subject:
        issuers = [c for c in others if c.subject == current.issuer and c not in chain]
        issuers = [c for c in issuers if c != certificate]
        if not issuers:
            break
        current = issuers[0]
        chain.append(current)
    return tuple(chain)
