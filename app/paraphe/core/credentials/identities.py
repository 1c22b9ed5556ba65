"""The certificates a user can sign with, as a certificate picker lists them (Qt-free).

An ``Identity`` is a certificate and the ``KeySource`` of its key: the .p12 files the user added
(their public certificate remembered in the settings, so no password is needed to list them)
and the keys on the tokens plugged in (read without a PIN).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization

from ..config.settings import Settings
from ..x509.certificates import (
    can_sign,
    first_attribute,
    holder_name,
    is_qualified_by_statement,
    key_usage_names,
    organisation,
    siren_of,
)
from .opening import open_credential
from .secrets import SecretCallback
from .sources import KeySource, KeystoreFile, TokenKey

if TYPE_CHECKING:
    from ..trust.eutl.index import TrustedListIndex


class IdentityBadge(enum.Enum):
    """What a picker shows beside a certificate first."""

    QUALIFIED = "qualified"
    """An EU trusted list knows the issuer and says its certificates are qualified."""
    DECLARED_QUALIFIED = "declared_qualified"
    """The certificate says it is qualified (QcCompliance); no trusted list confirms it (none
    loaded, or none knows the issuer): a claim, not a proof."""
    NOT_QUALIFIED = "not_qualified"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"

    @property
    def can_sign(self) -> bool:
        """A certificate outside its validity period makes signatures every verifier rejects."""
        return self not in (IdentityBadge.EXPIRED, IdentityBadge.NOT_YET_VALID)


@dataclass(frozen=True)
class Identity:
    source: KeySource
    """Where the key is: a .p12 file or a token key (never its secret)."""
    certificate: x509.Certificate

    @property
    def keystore(self) -> Path | None:
        """The .p12 file, or None for a token identity."""
        return self.source.path if isinstance(self.source, KeystoreFile) else None

    @property
    def token(self) -> TokenKey | None:
        """The token key, or None for a .p12 identity."""
        return self.source if isinstance(self.source, TokenKey) else None

    @property
    def source_label(self) -> str:
        return self.source.label

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
        name = self.certificate.issuer
        return first_attribute(name, x509.NameOID.COMMON_NAME) or name.rfc4514_string()

    @property
    def key_usage(self) -> tuple[str, ...]:
        return key_usage_names(self.certificate)

    @property
    def is_signing(self) -> bool:
        """Meant for signatures (``certificates.can_sign``)."""
        return can_sign(self.certificate)

    def badge(
        self, now: dt.datetime | None = None, trusted_lists: TrustedListIndex | None = None
    ) -> IdentityBadge:
        """Validity first; then what the EU trusted lists say of the issuer when they know it
        (``trust.eutl.qualification``, as a verification would judge a signature made now),
        else what the certificate declares."""
        moment = now or dt.datetime.now(dt.UTC)
        cert = self.certificate
        if moment < cert.not_valid_before_utc:
            return IdentityBadge.NOT_YET_VALID
        if moment > cert.not_valid_after_utc:
            return IdentityBadge.EXPIRED
        listed = listed_qualification(cert, moment, trusted_lists)
        if listed is not None:
            return IdentityBadge.QUALIFIED if listed else IdentityBadge.NOT_QUALIFIED
        if is_qualified_by_statement(cert):
            return IdentityBadge.DECLARED_QUALIFIED
        return IdentityBadge.NOT_QUALIFIED


def listed_qualification(
    certificate: x509.Certificate, at: dt.datetime, trusted_lists: TrustedListIndex | None
) -> bool | None:
    """Whether the EU trusted lists make ``certificate`` qualified at ``at``; None when they do
    not know its issuer. The issuer is found by name among the listed services' certificates
    and must have signed ``certificate`` (a remembered .p12 keeps no chain)."""
    if trusted_lists is None:
        return None
    from asn1crypto import x509 as asn1_x509

    from ..trust.eutl.qualification import (
        ADESEAL_QC,
        ADESIG_QC,
        QESEAL,
        QESIG,
        issuer_services,
        qualify,
    )

    signer = asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
    issuers = []
    for service in trusted_lists.services_named(signer.issuer.hashable):
        for der in service.certificates:
            issuer = x509.load_der_x509_certificate(der)
            try:
                certificate.verify_directly_issued_by(issuer)
            except (ValueError, TypeError, InvalidSignature):
                continue
            issuers.append(asn1_x509.Certificate.load(der))
    if not issuers or not issuer_services(signer, issuers, trusted_lists):
        return None
    judged = qualify(signer, issuers, at=at, source="validation", valid=True, index=trusted_lists)
    return judged.status in (QESIG, ADESIG_QC, QESEAL, ADESEAL_QC)


def token_identities(settings: Settings, show_all: bool = False) -> list[Identity]:
    """Signing certificates on the tokens plugged in (read without a PIN)."""
    from cryptography.hazmat.primitives import hashes

    from .pkcs11.inventory import list_identities

    found = []
    for module, token in _plugged_tokens(settings):
        if "TOKEN_INITIALIZED" not in token.flags:
            continue
        try:
            listed = list_identities(token.handle, None, show_all, module=module)
        except Exception:
            continue
        for item in listed:
            key = TokenKey(
                module,
                token_label=item.token_label,
                key_label=item.key_label,
                cert_sha256=item.certificate.fingerprint(hashes.SHA256()).hex(),
            )
            found.append(Identity(key, item.certificate))
    return found


def token_presence(settings: Settings) -> tuple[tuple[str, str, str], ...]:
    """A cheap fingerprint of the tokens plugged in, to notice one being inserted or removed."""
    seen = [(str(module), token.label, token.serial) for module, token in _plugged_tokens(settings)]
    return tuple(sorted(seen))


def _plugged_tokens(settings: Settings) -> Iterator[tuple[Path, Any]]:
    """(module, token) for every token present in a reader, across the modules found."""
    from .pkcs11.inventory import list_tokens
    from .pkcs11.modules import candidate_modules

    candidates = candidate_modules([Path(p) for p in settings.pkcs11_modules])
    for report in list_tokens([c for c in candidates if c.exists]):
        for slot in report.slots:
            if slot.token is not None:
                yield report.path, slot.token


def keystore_identities(settings: Settings) -> list[Identity]:
    """The .p12 files the user added, with the certificate remembered for each."""
    found = []
    for path in settings.keystores:
        pem = settings.keystore_certificates.get(path)
        if not pem:
            continue
        try:
            certificate = x509.load_pem_x509_certificate(pem.encode())
        except ValueError:
            continue
        found.append(Identity(KeystoreFile(Path(path)), certificate))
    return found


def forget_keystore(settings: Settings, keystore: Path) -> None:
    """Take a .p12 file off the picker's list (the file itself stays where it is)."""
    text = str(keystore)
    settings.keystores = [k for k in settings.keystores if k != text]
    settings.keystore_certificates.pop(text, None)
    settings.save()


def current_trusted_lists() -> TrustedListIndex | None:
    """The EU trusted lists in use here (an administrator's, the user's, or the snapshot
    shipped), or None: what a picker asks for its qualified badge."""
    from ..trust.eutl.cache import admin_folders, load_current
    from ..trust.eutl.index import TrustedListIndex

    cache = load_current(admin_folders())
    return TrustedListIndex(cache) if cache is not None else None


def remember_keystore(settings: Settings, keystore: Path, ask_secret: SecretCallback) -> Identity:
    """Open the file once to read its (public) certificate; the password is not kept. A damaged
    or foreign file is refused before its password is asked."""
    from .pkcs12 import inspect_keystore

    inspect_keystore(keystore)
    with open_credential(KeystoreFile(keystore), ask_secret) as credential:
        certificate = credential.certificate
    settings.add_keystore(keystore)
    settings.keystore_certificates[str(keystore)] = certificate.public_bytes(
        serialization.Encoding.PEM
    ).decode()
    settings.save()
    return Identity(KeystoreFile(keystore), certificate)
