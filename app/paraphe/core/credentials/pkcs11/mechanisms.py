"""The token key as ``cryptography`` private-key objects, which signxml and pyHanko sign with.

``sign()`` hashes in Python and asks the token for the raw operation, with the mechanisms every
token has: CKM_RSA_PKCS over a DigestInfo, CKM_RSA_PKCS_PSS over a digest, raw CKM_ECDSA over a
digest. XAdES, CAdES and PAdES all go through these objects.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa, utils
from cryptography.hazmat.primitives.asymmetric import padding as rsa_padding_module

from ...adapters import cryptography_internals
from ...errors import UnsupportedKey
from ..base import Credential, RsaPadding

if TYPE_CHECKING:
    from pyhanko.sign.signers import Signer

# DER DigestInfo prefixes (RFC 8017 §9.2 note 1): CKM_RSA_PKCS signs DigestInfo, not a bare hash.
_DIGEST_INFO_PREFIX = {
    "sha1": bytes.fromhex("3021300906052b0e03021a05000414"),
    "sha224": bytes.fromhex("302d300d06096086480165030402040500041c"),
    "sha256": bytes.fromhex("3031300d060960864801650304020105000420"),
    "sha384": bytes.fromhex("3041300d060960864801650304020205000430"),
    "sha512": bytes.fromhex("3051300d060960864801650304020305000440"),
}


class RawTokenSigner(Protocol):
    """The credential side: its certificate, and one raw signature by the token."""

    source: str
    certificate: x509.Certificate

    def raw_sign(self, data: bytes, mechanism: Any, mechanism_param: Any = None) -> bytes: ...


def _hash_name(algorithm: hashes.HashAlgorithm) -> str:
    name = algorithm.name.replace("-", "")
    if name not in _DIGEST_INFO_PREFIX:
        raise TypeError(f"unsupported hash {algorithm.name} for a token signature")
    return name


def _digest(
    data: bytes | bytearray | memoryview, algorithm: Any
) -> tuple[bytes, hashes.HashAlgorithm]:
    if isinstance(algorithm, utils.Prehashed):
        return bytes(data), cryptography_internals.prehashed_algorithm(algorithm)
    if not isinstance(algorithm, hashes.HashAlgorithm):
        raise TypeError(f"unsupported signature hash {type(algorithm).__name__}")
    return hashlib.new(_hash_name(algorithm), data).digest(), algorithm


def _refuse(what: str) -> NoReturn:
    raise TypeError(f"{what}: a token key never leaves the token")


class _TokenRsaKey(rsa.RSAPrivateKey):
    """An RSA private key on a token, as signxml and pyHanko expect one."""

    def __init__(self, credential: RawTokenSigner) -> None:
        self._credential = credential
        public = credential.certificate.public_key()
        assert isinstance(public, rsa.RSAPublicKey)
        self._public = public

    def sign(
        self,
        data: bytes,
        padding: rsa_padding_module.AsymmetricPadding,
        algorithm: Any,
    ) -> bytes:
        from pkcs11 import MGF, Mechanism

        digest, hash_algorithm = _digest(data, algorithm)
        name = _hash_name(hash_algorithm)
        if isinstance(padding, rsa_padding_module.PKCS1v15):
            return self._credential.raw_sign(_DIGEST_INFO_PREFIX[name] + digest, Mechanism.RSA_PKCS)
        if isinstance(padding, rsa_padding_module.PSS):
            mgf_hash = cryptography_internals.pss_mgf_hash(padding)
            params = (
                getattr(Mechanism, name.upper()),
                getattr(MGF, _hash_name(mgf_hash).upper()),
                self._salt_length(padding, hash_algorithm),
            )
            return self._credential.raw_sign(digest, Mechanism.RSA_PKCS_PSS, params)
        raise TypeError(f"unsupported RSA padding {padding.name}")

    def _salt_length(self, padding: Any, algorithm: hashes.HashAlgorithm) -> int:
        salt = cryptography_internals.pss_salt_length(padding)
        if isinstance(salt, int):
            return salt
        if salt is rsa_padding_module.PSS.DIGEST_LENGTH:
            return algorithm.digest_size
        if salt is rsa_padding_module.PSS.MAX_LENGTH:
            return (self.key_size - 1 + 7) // 8 - algorithm.digest_size - 2
        raise TypeError("unsupported PSS salt length for signing")

    @property
    def key_size(self) -> int:
        return self._public.key_size

    def public_key(self) -> rsa.RSAPublicKey:
        return self._public

    def decrypt(self, ciphertext: bytes, padding: Any) -> bytes:
        _refuse("decrypt")

    def private_numbers(self) -> rsa.RSAPrivateNumbers:
        _refuse("private_numbers")

    def private_bytes(self, encoding: Any, format: Any, encryption_algorithm: Any) -> bytes:
        _refuse("private_bytes")

    def __copy__(self) -> _TokenRsaKey:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> _TokenRsaKey:
        return self


class _TokenEcKey(ec.EllipticCurvePrivateKey):
    """An EC private key on a token: raw CKM_ECDSA over the digest, DER-encoded (r, s) out."""

    def __init__(self, credential: RawTokenSigner) -> None:
        self._credential = credential
        public = credential.certificate.public_key()
        assert isinstance(public, ec.EllipticCurvePublicKey)
        self._public = public

    def sign(
        self,
        data: bytes | bytearray | memoryview,
        signature_algorithm: ec.EllipticCurveSignatureAlgorithm,
    ) -> bytes:
        from pkcs11 import Mechanism

        if not isinstance(signature_algorithm, ec.ECDSA):
            raise TypeError("only ECDSA signatures are supported")
        digest, _ = _digest(data, signature_algorithm.algorithm)
        raw = self._credential.raw_sign(digest, Mechanism.ECDSA)
        half = len(raw) // 2
        r = int.from_bytes(raw[:half], "big")
        s = int.from_bytes(raw[half:], "big")
        return utils.encode_dss_signature(r, s)

    @property
    def curve(self) -> ec.EllipticCurve:
        return self._public.curve

    @property
    def key_size(self) -> int:
        return self._public.key_size

    def public_key(self) -> ec.EllipticCurvePublicKey:
        return self._public

    def exchange(self, algorithm: Any, peer_public_key: Any) -> bytes:
        _refuse("exchange")

    def private_numbers(self) -> ec.EllipticCurvePrivateNumbers:
        _refuse("private_numbers")

    def private_bytes(self, encoding: Any, format: Any, encryption_algorithm: Any) -> bytes:
        _refuse("private_bytes")

    def __copy__(self) -> _TokenEcKey:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> _TokenEcKey:
        return self


def key_proxy(credential: RawTokenSigner) -> rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey:
    """The private-key object for the credential's certificate: RSA or EC."""
    public = credential.certificate.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        return _TokenRsaKey(credential)
    if isinstance(public, ec.EllipticCurvePublicKey):
        return _TokenEcKey(credential)
    raise UnsupportedKey(credential.source, key_type=type(public).__name__)


def token_signer(credential: Credential, rsa_padding: RsaPadding) -> Signer:
    """pyHanko's signer over the token key proxy; size estimates do not touch the token.

    pyHanko signs once in a dry run to size the PDF signature field: on a card that asks its PIN
    on the reader for every signature, that would be one extra PIN entry per PDF.
    """
    from ..pyhanko_signer import LoadedKeySigner

    class TokenSigner(LoadedKeySigner):
        async def async_sign_raw(
            self, data: bytes, digest_algorithm: str, dry_run: bool = False
        ) -> bytes:
            if dry_run:
                return bytes(_signature_size_bound(credential))
            return await super().async_sign_raw(data, digest_algorithm)

    return TokenSigner(credential, rsa_padding)


def _signature_size_bound(credential: Credential) -> int:
    public = credential.certificate.public_key()
    size = (public.key_size + 7) // 8  # type: ignore[union-attr]
    if isinstance(public, ec.EllipticCurvePublicKey):
        return 2 * (size + 3) + 4  # DER SEQUENCE of two INTEGERs, each maybe with a 0 pad
    return size
