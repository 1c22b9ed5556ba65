"""A certificate, its chain, and a way to sign: the one thing every signature format needs.

A ``Credential`` hands signxml a private-key object (anything with ``cryptography``'s ``sign()``)
and pyHanko a ``Signer``, so every format works with every key source, tokens included.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa

if TYPE_CHECKING:
    from pyhanko.sign.signers import Signer


class RsaPadding(enum.Enum):
    """RSA signature scheme; PKCS#1 v1.5 is what every verifier accepts, PSS is the modern one.

    Defined with the credential (which signs with it) rather than with the request (which
    chooses it), so that signing depends on credentials and never the other way round."""

    PKCS1V15 = "pkcs1v15"
    PSS = "pss"


class KeyKind(enum.Enum):
    RSA = "rsa"
    EC = "ec"


class Credential(ABC):
    """The signer's certificate, the rest of its chain, and the private key behind it."""

    #: Where the credential came from, for messages (a file path or a token label).
    source: str
    certificate: x509.Certificate
    #: Intermediate (and possibly root) certificates, without the signer's own.
    chain: tuple[x509.Certificate, ...]

    @property
    def key_kind(self) -> KeyKind:
        public = self.certificate.public_key()
        if isinstance(public, rsa.RSAPublicKey):
            return KeyKind.RSA
        if isinstance(public, ec.EllipticCurvePublicKey):
            return KeyKind.EC
        raise TypeError(type(public).__name__)

    @abstractmethod
    def private_key(self) -> Any:
        """An object with the ``cryptography`` private-key ``sign()`` interface (for signxml)."""

    @abstractmethod
    def cms_signer(self, rsa_padding: RsaPadding = RsaPadding.PKCS1V15) -> Signer:
        """A pyHanko signer for CAdES and PAdES, built once per batch and reused."""

    def close(self) -> None:
        """Release what the key source holds (a token session); a PKCS#12 key needs nothing."""
        return None

    def __enter__(self) -> Credential:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
