"""What a timestamp token must be before it goes into a signature (RFC 3161, section 2.4.2).

pyHanko checks the response's status and nonce; these checks are the rest: the token is a
SignedData over a TSTInfo whose message imprint is the digest that was sent, signed by a
certificate carrying the timeStamping extended key usage, and its signature value verifies.
Whether the TSA is trusted is the validator's question, not the signer's.
"""

from __future__ import annotations

import hashlib

from asn1crypto import cms

_TIME_STAMPING = "time_stamping"


class TokenRejected(ValueError):
    """The token cannot be used; the message says why, in a few words."""


def check_token(token: cms.ContentInfo, message_digest: bytes, md_algorithm: str) -> None:
    """Raise ``TokenRejected`` unless ``token`` timestamps ``message_digest``."""
    try:
        _check(token, message_digest, md_algorithm)
    except TokenRejected:
        raise
    except (
        ValueError,
        TypeError,
        KeyError,
        AttributeError,
        IndexError,
        NotImplementedError,
    ):
        raise TokenRejected("the token cannot be read") from None


def _check(token: cms.ContentInfo, message_digest: bytes, md_algorithm: str) -> None:
    from pyhanko.sign.validation.generic_cms import (
        extract_certs_for_validation,
        validate_sig_integrity,
    )

    if token["content_type"].native != "signed_data":
        raise TokenRejected("not a CMS SignedData")
    signed_data = token["content"]
    encap = signed_data["encap_content_info"]
    if encap["content_type"].native != "tst_info":
        raise TokenRejected("the token does not hold a TSTInfo")
    tst_info = encap["content"].parsed
    imprint = tst_info["message_imprint"]
    if imprint["hash_algorithm"]["algorithm"].native != md_algorithm:
        raise TokenRejected("the token's imprint uses another hash algorithm")
    if imprint["hashed_message"].native != message_digest:
        raise TokenRejected("the token is for another imprint than the one sent")
    signer_infos = signed_data["signer_infos"]
    if len(signer_infos) != 1:
        raise TokenRejected(f"{len(signer_infos)} signer infos, 1 expected")
    signer_info = signer_infos[0]
    certificate = extract_certs_for_validation(signed_data).signer_cert
    usages = certificate.extended_key_usage_value
    if usages is None or _TIME_STAMPING not in usages.native:
        raise TokenRejected("the TSA certificate lacks the timeStamping extended key usage")
    digest_name = signer_info["digest_algorithm"]["algorithm"].native
    content_digest = hashlib.new(digest_name, encap["content"].contents).digest()
    intact, valid = validate_sig_integrity(signer_info, certificate, "tst_info", content_digest)
    if not intact:
        raise TokenRejected("the token's content does not match its signed digest")
    if not valid:
        raise TokenRejected("the token's signature does not verify")
