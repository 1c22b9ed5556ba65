"""The cached lists, ready for a verification: services found by the subject or the fingerprint
of their certificates (decoded only when asked for), and pyhanko-certvalidator's trust manager
over them, beside the user's own anchors."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import Any

from pyhanko_certvalidator.registry import SimpleTrustManager

from .cache import TrustedListCache
from .codec import decode_service
from .model import CA_QC, QTST, ListInfo, TrustedService


class TrustedListIndex:
    def __init__(self, cache: TrustedListCache) -> None:
        self.cache = cache
        self._decoded: dict[int, TrustedService | None] = {}
        self._usable = [r.usable and r.info is not None for r in cache.lists]
        self.lists: dict[str, ListInfo] = {
            r.info.label: r.info for r in cache.lists if r.usable and r.info is not None
        }

    @property
    def as_of(self) -> dt.datetime:
        return self.cache.updated

    def _service(self, entry: dict[str, Any]) -> TrustedService | None:
        """The entry decoded once; None for an entry this version cannot read (a damaged or
        foreign cache must cost that service, not the verification)."""
        key = id(entry)
        if key not in self._decoded:
            try:
                self._decoded[key] = decode_service(entry)
            except (KeyError, ValueError, TypeError):
                self._decoded[key] = None
        return self._decoded[key]

    def services_named(self, subject: str) -> list[TrustedService]:
        """Services whose certificate has this subject (asn1crypto ``Name.hashable``); only
        the lists that hold one are read."""
        found = []
        for number in self.cache.subjects().get(subject, ()):
            if not (0 <= number < len(self.cache.lists)) or not self._usable[number]:
                continue
            for entry in self.cache.entries(self.cache.lists[number]):
                if isinstance(entry, dict) and subject in entry.get("subjects", ()):
                    service = self._service(entry)
                    if service is not None:
                        found.append(service)
        return found

    def services_of(self, der: bytes, subject: str) -> list[TrustedService]:
        """Services listing exactly this certificate."""
        return [s for s in self.services_named(subject) if der in s.certificates]

    def stale_lists(self, moment: dt.datetime) -> list[ListInfo]:
        return [info for info in self.lists.values() if info.stale_at(moment)]


class TrustedListTrustManager(SimpleTrustManager):
    """pyhanko-certvalidator's ``TrustManager``: the user's anchors, then the CA/QC services of
    the lists as anchors for the certificates they issue and the QTST services as anchors for
    timestamps.

    Whatever their status: a CA whose qualified status was withdrawn still issued the
    certificate and still publishes its revocation data, so its signatures still validate (as
    DSS's default policy has it); the status at the signing time decides the qualification
    (``qualification``), where a withdrawn service makes a signature not qualified, with that
    reason.

    A ``SimpleTrustManager`` for the user's anchors, as pyhanko-certvalidator expects of one
    (it registers their certificates for path building only when it is one)."""

    def __init__(self, index: TrustedListIndex, user_roots: Any) -> None:
        super().__init__()
        for root in user_roots:
            self._register_root(root)
        self.index = index
        self._anchors: dict[bytes, Any] = {}

    def _anchor(self, cert: Any, kinds: tuple[str, ...]) -> Any:
        from pyhanko_certvalidator.authority import (
            AuthorityWithCert,
            TrustAnchor,
            TrustedServiceType,
            TrustQualifiers,
        )

        der = cert.dump()
        key = der + "|".join(kinds).encode()
        if key in self._anchors:
            return self._anchors[key]
        services = [
            s for s in self.index.services_of(der, cert.subject.hashable) if s.kind in kinds
        ]
        anchor = None
        if services:
            kind = (
                TrustedServiceType.CERTIFICATE_AUTHORITY
                if any(s.kind == CA_QC for s in services)
                else TrustedServiceType.TIME_STAMPING_AUTHORITY
            )
            anchor = TrustAnchor(
                AuthorityWithCert(cert), quals=TrustQualifiers(trusted_service_type=kind)
            )
        self._anchors[key] = anchor
        return anchor

    def is_root(self, cert: Any) -> bool:
        from pyhanko_certvalidator.authority import AuthorityWithCert

        return self.as_trust_anchor(AuthorityWithCert(cert)) is not None

    def as_trust_anchor(self, authority: Any) -> Any:
        found = super().as_trust_anchor(authority)
        if found is not None:
            return found
        cert = getattr(authority, "certificate", None)
        return None if cert is None else self._anchor(cert, (CA_QC, QTST))

    def find_potential_issuers(self, cert: Any) -> Iterator[Any]:
        from asn1crypto import x509

        yield from super().find_potential_issuers(cert)
        seen: set[bytes] = set()
        for service in self.index.services_named(cert.issuer.hashable):
            if service.kind != CA_QC:
                continue
            for der in service.certificates:
                if der in seen:
                    continue
                seen.add(der)
                candidate = x509.Certificate.load(der)
                anchor = self._anchor(candidate, (CA_QC,))
                if anchor is not None and anchor.authority.is_potential_issuer_of(cert):
                    yield anchor


def fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()
