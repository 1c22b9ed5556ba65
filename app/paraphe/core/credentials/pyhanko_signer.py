"""A pyHanko ``Signer`` over a key object that is already loaded.

pyHanko's ``SimpleSigner`` re-parses and re-validates the private key on every signature (43 ms
for RSA-2048); signing with the one key object kept by the credential removes that cost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import process_pss_params

from .base import RsaPadding

if TYPE_CHECKING:
    from cryptography import x509

    from .base import Credential


def to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


class LoadedKeySigner(Signer):
    """Signs with a ``cryptography``-style key object: a software key or a token key proxy."""

    def __init__(self, credential: Credential, rsa_padding: RsaPadding) -> None:
        self._key = credential.private_key()
        super().__init__(
            prefer_pss=rsa_padding is RsaPadding.PSS,
            embed_roots=True,
            signing_cert=to_asn1(credential.certificate),
            cert_registry=SimpleCertificateStore.from_certs([to_asn1(c) for c in credential.chain]),
        )

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        mechanism_info = self.get_signature_mechanism_for_digest(digest_algorithm)
        mechanism = mechanism_info.signature_algo
        key = self._key
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        if mechanism == "rsassa_pss" and isinstance(key, rsa.RSAPrivateKey):
            padding, hash_algo = process_pss_params(mechanism_info["parameters"])
            return key.sign(data, padding, hash_algo)
        if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(data, ec.ECDSA(get_pyca_cryptography_hash(digest_algorithm)))
        raise ValueError(f"signature mechanism {mechanism} does not fit the key")


def loaded_key_signer(credential: Credential, rsa_padding: RsaPadding) -> Signer:
    return LoadedKeySigner(credential, rsa_padding)
