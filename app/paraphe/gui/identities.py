"""The certificates the user can sign with, as the certificate picker shows them."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ..core.certificates import (
    holder_name,
    is_qualified_by_statement,
    key_usage_names,
    organisation,
    siren_of,
)
from ..core.settings import Settings


class Badge(enum.Enum):
    QUALIFIED = "qualified"
    NOT_QUALIFIED = "not_qualified"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Identity:
    keystore: Path
    certificate: x509.Certificate

    @property
    def holder(self) -> str:
        return holder_name(self.certificate)

    @property
    def organisation(self) -> str | None:
        return organisation(self.certificate)

    @property
    def siren(self) -> str | None:
        return siren_of(self.certificate)

    @property
    def issuer(self) -> str:
        from ..core.certificates import first_attribute

        name = self.certificate.issuer
        return first_attribute(name, x509.NameOID.COMMON_NAME) or name.rfc4514_string()

    @property
    def key_usage(self) -> tuple[str, ...]:
        return key_usage_names(self.certificate)

    @property
    def is_signing(self) -> bool:
        """Meant for signatures: digitalSignature or nonRepudiation (contentCommitment)."""
        usage = self.key_usage
        return not usage or "content_commitment" in usage or "digital_signature" in usage

    def badge(self, now: dt.datetime | None = None) -> Badge:
        moment = now or dt.datetime.now(dt.UTC)
        cert = self.certificate
        if not cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc:
            return Badge.EXPIRED
        return Badge.QUALIFIED if is_qualified_by_statement(cert) else Badge.NOT_QUALIFIED


def identities(settings: Settings) -> list[Identity]:
    found = []
    for path in settings.keystores:
        pem = settings.keystore_certificates.get(path)
        if not pem:
            continue
        try:
            found.append(Identity(Path(path), x509.load_pem_x509_certificate(pem.encode())))
        except ValueError:
            continue
    return found


def remember_keystore(settings: Settings, keystore: Path, password: str) -> Identity:
    """Open the file once to read its (public) certificate; the password is not kept."""
    from ..core.credentials import Pkcs12Credential

    with Pkcs12Credential.open(keystore, password) as credential:
        certificate = credential.certificate
    settings.add_keystore(keystore)
    settings.keystore_certificates[str(keystore)] = certificate.public_bytes(
        serialization.Encoding.PEM
    ).decode()
    settings.save()
    return Identity(keystore, certificate)
