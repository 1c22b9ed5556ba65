"""Detached CAdES baseline B-B tokens (ETSI EN 319 122-1), built with pyHanko.

The document's digest is computed by us as a stream; pyHanko assembles the SignedData with
content-type, message-digest, signing-time and signing-certificate-v2, and no content.
"""

from __future__ import annotations

import datetime as dt

from asn1crypto import cms
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

from ..aio import run_sync
from ..credentials.base import Credential, RsaPadding


async def _sign(
    digest: bytes,
    digest_algorithm: str,
    credential: Credential,
    rsa_padding: RsaPadding,
    signing_time: dt.datetime,
) -> cms.ContentInfo:
    signer = credential.cms_signer(rsa_padding)
    return await signer.async_sign(
        data_digest=digest,
        digest_algorithm=digest_algorithm,
        use_pades=True,  # CAdES attributes: signing-certificate-v2, no legacy extras
        is_pdf_sig=False,  # and a signing-time attribute, as EN 319 122-1 B-B wants
        signed_attr_settings=PdfCMSSignedAttributes(signing_time=signing_time),
    )


def sign_detached(
    *,
    digest: bytes,
    digest_algorithm: str,
    credential: Credential,
    rsa_padding: RsaPadding,
    signing_time: dt.datetime,
) -> bytes:
    """Return the DER SignedData (no encapsulated content) for a document with this digest."""
    content_info = run_sync(_sign(digest, digest_algorithm, credential, rsa_padding, signing_time))
    return content_info.dump()


def check_detached(token: bytes, digest: bytes, credential: Credential) -> str | None:
    """Re-read a written token: None when its digest and signature value check, else why not."""
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity

    from ..credentials.pyhanko_signer import to_asn1

    try:
        content_info = cms.ContentInfo.load(token)
        signed_data = content_info["content"]
        if content_info["content_type"].native != "signed_data":
            return "not a CMS SignedData"
        if signed_data["encap_content_info"]["content"].native is not None:
            return "the token embeds content; a detached token must not"
        signer_infos = signed_data["signer_infos"]
        if len(signer_infos) != 1:
            return f"{len(signer_infos)} signer infos"
        intact, valid = validate_sig_integrity(
            signer_infos[0], to_asn1(credential.certificate), "data", digest
        )
    except (ValueError, TypeError, KeyError) as exc:
        return f"unreadable CMS ({exc})"
    if not intact:
        return "message digest does not match the document"
    if not valid:
        return "signature value does not verify"
    return None
