"""Where a signing key comes from, described without opening it (and without any secret).

A face builds a ``KeySource`` from what the user chose (a .p12 file, a token key) and hands it
to ``open_credential`` or ``sign_batch``; OS certificate stores and remote signing will be
further kinds of source.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class KeystoreFile:
    """A PKCS#12 (.p12 / .pfx) file, opened with its password."""

    path: Path

    @property
    def label(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class TokenKey:
    """A key on a PKCS#11 token, opened with the token's PIN; the key never leaves the token."""

    module: Path
    """The token's PKCS#11 library (its middleware)."""
    token_label: str | None = None
    """The token, by its label; None: the only token present."""
    key_label: str | None = None
    """The key (or its certificate), by its label; ignored when ``cert_sha256`` is given."""
    cert_sha256: str | None = None
    """The certificate, by its SHA-256 fingerprint; None with no label: the only signing key."""

    @property
    def label(self) -> str:
        return self.token_label or self.module.name


KeySource = KeystoreFile | TokenKey
