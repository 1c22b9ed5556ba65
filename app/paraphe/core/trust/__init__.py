"""Trust anchors: certificates the user trusts, files given for one run, system roots on request.

EU trusted lists (ETSI TS 119 612) plug in later as one more ``TrustSource``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509

from ..config.paths import user_data_dir
from ..errors import Notice, ParapheError
from ..files.user_files import read_bounded
from ..text.translatable import N_

if TYPE_CHECKING:
    from ..config.policy import Policy

MAX_CERTIFICATE_FILE_BYTES = 16 << 20
"""A certificate is a few KB, a system bundle of all web roots some 200 KB: far more is no
certificate file (and is not read whole)."""


class TrustFileError(ParapheError):
    template = "{path}: {detail}"


def load_certificates(path: Path) -> list[asn1_x509.Certificate]:
    """Every certificate in a PEM (one or many) or DER file."""
    try:
        data = read_bounded(path, MAX_CERTIFICATE_FILE_BYTES)
    except OSError as exc:
        raise TrustFileError(path, detail=f"cannot read it ({exc.strerror or exc})") from None
    try:
        if pem.detect(data):
            certs = [
                asn1_x509.Certificate.load(der)
                for kind, _, der in pem.unarmor(data, multiple=True)
                if kind == "CERTIFICATE"
            ]
        else:
            certs = [asn1_x509.Certificate.load(data, strict=True)]
        for cert in certs:
            cert.native  # noqa: B018 - fail now on a damaged certificate
    except (ValueError, TypeError) as exc:
        raise TrustFileError(
            path, detail=f"not a certificate file ({exc.__class__.__name__})"
        ) from None
    if not certs:
        raise TrustFileError(path, detail=N_("no certificate in this file"))
    return certs


def fingerprint(cert: asn1_x509.Certificate) -> str:
    return hashlib.sha256(cert.dump()).hexdigest()


class TrustSource(Protocol):
    def describe(self, count: int) -> Notice:
        """Where the anchors come from, for reports: a template, so it can be shown translated."""

    def certificates(self) -> list[asn1_x509.Certificate]: ...


@dataclass(frozen=True)
class FileTrust:
    path: Path
    label: str = N_("file {path} ({count})")
    """How the report names it: a translatable template with ``{path}`` and ``{count}``."""

    def describe(self, count: int) -> Notice:
        return Notice(self.label, self.path, count=count)

    def certificates(self) -> list[asn1_x509.Certificate]:
        return load_certificates(self.path)


class UserTrustStore:
    """Certificates the user chose to trust, one PEM file each in the user data folder."""

    def describe(self, count: int) -> Notice:
        return Notice("user trust store ({count})", count=count)

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or user_data_dir() / "trust"

    def certificates(self) -> list[asn1_x509.Certificate]:
        if not self.folder.is_dir():
            return []
        certs: list[asn1_x509.Certificate] = []
        for path in sorted(self.folder.glob("*.pem")):
            try:
                certs.extend(load_certificates(path))
            except TrustFileError:
                continue  # a damaged entry must not block verification
        return certs

    def add(self, path: Path) -> list[asn1_x509.Certificate]:
        certs = load_certificates(path)
        self.folder.mkdir(parents=True, exist_ok=True)
        for cert in certs:
            target = self.folder / f"{fingerprint(cert)}.pem"
            temp = target.with_suffix(".tmp")
            temp.write_bytes(pem.armor("CERTIFICATE", cert.dump()))
            temp.replace(target)
        return certs

    def remove(self, fingerprint_prefix: str) -> list[str]:
        prefix = fingerprint_prefix.lower().replace(":", "")
        if len(prefix) < 8:
            raise TrustFileError(
                fingerprint_prefix, detail=N_("give at least 8 hex digits of the fingerprint")
            )
        removed = []
        for path in sorted(self.folder.glob(f"{prefix}*.pem")) if self.folder.is_dir() else []:
            path.unlink()
            removed.append(path.stem)
        return removed

    def entries(self) -> list[tuple[str, asn1_x509.Certificate]]:
        return [(fingerprint(c), c) for c in self.certificates()]


class SystemTrust:
    """The operating system's web roots: only on request, they are not signature authorities."""

    def describe(self, count: int) -> Notice:
        return Notice("system roots ({count})", count=count)

    def certificates(self) -> list[asn1_x509.Certificate]:
        import ssl

        paths = ssl.get_default_verify_paths()
        for candidate in (paths.cafile, "/etc/ssl/certs/ca-certificates.crt"):
            if candidate and Path(candidate).is_file():
                return load_certificates(Path(candidate))
        import certifi

        return load_certificates(Path(certifi.where()))


@dataclass(frozen=True)
class PolicyTrust(FileTrust):
    """An anchor the administrator's policy adds: an unreadable file is reported as trusting
    nothing (the policy's problem), never a stop for the user's verification."""

    label: str = N_("administrator's anchors {path} ({count})")

    def certificates(self) -> list[asn1_x509.Certificate]:
        try:
            return load_certificates(self.path)
        except TrustFileError:
            return []


def chosen_sources(
    files: Sequence[Path] = (),
    *,
    user_store: bool = True,
    system_roots: bool = False,
    policy: Policy | None = None,
) -> list[TrustSource]:
    """The anchors a verification trusts, in the order reported: files given for this run, the
    administrator's (policy), the user trust store (unless left out), the system roots (on
    request, or when the policy says so)."""
    from ..config.policy import load_policy

    policy = policy if policy is not None else load_policy()
    sources: list[TrustSource] = [FileTrust(path) for path in files]
    sources += [PolicyTrust(path) for path in policy.extra_anchors]
    if user_store:
        sources.append(UserTrustStore())
    if system_roots or policy.system_roots:
        sources.append(SystemTrust())
    return sources


def gather(
    sources: list[TrustSource],
) -> tuple[tuple[asn1_x509.Certificate, ...], tuple[Notice, ...]]:
    """All anchors, without duplicates, and a description of where they came from."""
    seen: dict[str, asn1_x509.Certificate] = {}
    names = []
    for source in sources:
        certs = source.certificates()
        names.append(source.describe(len(certs)))
        for cert in certs:
            seen.setdefault(fingerprint(cert), cert)
    return tuple(seen.values()), tuple(names)
