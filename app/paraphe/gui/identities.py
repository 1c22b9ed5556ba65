"""The certificates the user can sign with, as the certificate picker shows them."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
class TokenRef:
    """Where a token identity lives: the library, the token and its key (no PIN, ever)."""

    module: Path
    token_label: str
    key_label: str
    cert_sha256: str


@dataclass(frozen=True)
class Identity:
    keystore: Path | None
    """The .p12 file, or None for a token identity."""
    certificate: x509.Certificate
    token: TokenRef | None = None

    @property
    def source_label(self) -> str:
        return self.token.token_label if self.token is not None else str(self.keystore)

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


def token_identities(settings: Settings, show_all: bool = False) -> list[Identity]:
    """Signing certificates on the tokens plugged in (read without a PIN)."""
    from cryptography.hazmat.primitives import hashes

    from ..core.credentials.pkcs11.inventory import list_identities

    found = []
    for module, token in _plugged_tokens(settings):
        if "TOKEN_INITIALIZED" not in token.flags:
            continue
        try:
            listed = list_identities(token.handle, None, show_all, module=module)
        except Exception:
            continue
        for item in listed:
            ref = TokenRef(
                module,
                item.token_label,
                item.key_label,
                item.certificate.fingerprint(hashes.SHA256()).hex(),
            )
            found.append(Identity(None, item.certificate, ref))
    return found


def token_presence(settings: Settings) -> tuple[tuple[str, str, str], ...]:
    """A cheap fingerprint of the tokens plugged in, to notice one being inserted or removed."""
    seen = [(str(module), token.label, token.serial) for module, token in _plugged_tokens(settings)]
    return tuple(sorted(seen))


def _plugged_tokens(settings: Settings) -> Iterator[tuple[Path, Any]]:
    """(module, token) for every token present in a reader, across the modules found."""
    from ..core.credentials.pkcs11.inventory import list_tokens
    from ..core.credentials.pkcs11.modules import candidate_modules

    candidates = candidate_modules([Path(p) for p in settings.pkcs11_modules])
    for report in list_tokens([c for c in candidates if c.exists]):
        for slot in report.slots:
            if slot.token is not None:
                yield report.path, slot.token


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
