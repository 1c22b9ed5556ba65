"""The dated crypto policy (``validation.crypto_policy``) applied to a XML signature, as it is to
a CMS one: the digests of its references, the hash of its signature method, the signer's key and
the signatures of its certification path, judged at the time the signature is proven to have
existed (else now). Only SHA-2 methods and digests get this far (``structure.check_algorithms``
refuses the others first): what it catches is a key past its date (RSA-1024) or a forecast date
passed since."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from asn1crypto import keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ...text.translatable import N_, Worded
from ...xades_names import NS
from .. import crypto_policy
from ..context import VerificationContext
from ..report import CertificateInfo, SignatureReport
from .structure import DIGESTS, SIGNATURE_METHODS, Structure


def algorithm_judge(
    structure: Structure,
    cert: x509.Certificate,
    chain: Sequence[CertificateInfo],
    context: VerificationContext,
) -> Callable[[SignatureReport], None]:
    """What judges the report's algorithms once its timestamps are applied (``Findings``)."""
    uses = algorithm_uses(structure, cert, chain)
    return lambda report: crypto_policy.apply_to(report, uses, context.settings.validation_time)


def algorithm_uses(
    structure: Structure, cert: x509.Certificate, chain: Sequence[CertificateInfo]
) -> list[crypto_policy.AlgorithmUse]:
    """The uses of a signature whose signer is ``cert`` and path ``chain`` (anchor first)."""
    signature = Worded(N_("the signature"))
    signed = Worded(N_("the digest of {what}"), what=Worded(N_("the signed data")))
    digests = (
        DIGESTS.get(method.get("Algorithm", ""))
        for method in (r.find("ds:DigestMethod", NS) for r in structure.references)
        if method is not None
    )
    uses = [crypto_policy.AlgorithmUse(name, signed) for name in dict.fromkeys(digests) if name]
    hashed = SIGNATURE_METHODS.get(structure.signature_method)
    if hashed is not None:
        role = Worded(N_("the hash of {what}"), what=signature)
        uses.append(crypto_policy.AlgorithmUse(hashed, role))
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    key = crypto_policy.key_use(
        keys.PublicKeyInfo.load(spki), Worded(N_("the key of {what}"), what=signature)
    )
    if key is not None:
        uses.append(key)
    path = [asn1_x509.Certificate.load(info.der) for info in chain if info.der]
    return uses + crypto_policy.uses_of_chain(path)
