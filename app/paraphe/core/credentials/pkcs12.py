"""A credential read from a PKCS#12 (.p12 / .pfx) file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from ..errors import CorruptKeystore, NoCertificate, NoPrivateKey, UnsupportedKey, WrongPassword
from ..files.user_files import TooLarge, read_bounded
from ..text.translatable import N_
from .base import Credential, RsaPadding

if TYPE_CHECKING:
    from pyhanko.sign.signers import Signer

MAX_KEYSTORE_SIZE = 1 << 20  # a .p12 is a few KB; refuse to load a misnamed big file


def _public_bytes(key: Any) -> bytes:
    return bytes(
        key.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )


class Pkcs12Credential(Credential):
    """Key and certificates from a PKCS#12 file, decrypted once and kept in memory for the batch."""

    def __init__(
        self,
        source: Path,
        key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
        certificate: x509.Certificate,
        chain: tuple[x509.Certificate, ...],
    ) -> None:
        self.source = str(source)
        self._key = key
        self.certificate = certificate
        self.chain = chain
        self._signers: dict[RsaPadding, Signer] = {}

    @classmethod
    def open(cls, path: Path | str, password: str | bytes | None) -> Pkcs12Credential:
        path = Path(path)
        try:
            data = read_bounded(path, MAX_KEYSTORE_SIZE)
        except FileNotFoundError:
            raise CorruptKeystore(path, detail=N_("no such file")) from None
        except TooLarge:
            raise CorruptKeystore(
                path, detail=N_("file too large for a certificate file")
            ) from None
        except OSError as exc:
            raise CorruptKeystore(path, detail=exc.strerror or "cannot read it") from None
        _check_structure(path, data)
        secret = password.encode("utf-8") if isinstance(password, str) else password
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, secret or None)
        except ValueError:
            # The structure parsed, so a failure here is the MAC or the decryption: the password.
            raise WrongPassword(path) from None
        except Exception as exc:
            raise CorruptKeystore(path, detail=type(exc).__name__) from None
        if key is None:
            raise NoPrivateKey(path)
        if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
            raise UnsupportedKey(path, key_type=type(key).__name__)
        everything = ([cert] if cert is not None else []) + list(extra)
        key_public = _public_bytes(key.public_key())
        matching = [c for c in everything if _public_bytes(c.public_key()) == key_public]
        if not matching:
            raise NoCertificate(path)
        certificate = matching[0]
        chain = tuple(c for c in everything if c is not certificate)
        return cls(path, key, certificate, chain)

    def private_key(self) -> rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey:
        return self._key

    def cms_signer(self, rsa_padding: RsaPadding = RsaPadding.PKCS1V15) -> Signer:
        if rsa_padding not in self._signers:
            from .pyhanko_signer import loaded_key_signer

            self._signers[rsa_padding] = loaded_key_signer(self, rsa_padding)
        return self._signers[rsa_padding]


def _check_structure(path: Path, data: bytes) -> None:
    """Tell a damaged or foreign file from a wrong password, which cryptography conflates."""
    from asn1crypto import pkcs12 as asn1_pkcs12

    if not data:
        raise CorruptKeystore(path, detail=N_("the file is empty"))
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        pfx["auth_safe"]["content_type"].native  # noqa: B018 - forces parsing
        pfx["mac_data"].native  # noqa: B018
    except (ValueError, TypeError, KeyError) as exc:
        raise CorruptKeystore(path, detail=N_("damaged or not a PKCS#12 file")) from exc
