"""Detached CAdES baseline B-B tokens (ETSI EN 319 122-1), built with pyHanko.

The document's digest is computed by us as a stream; pyHanko assembles the SignedData with
content-type, message-digest, signing-time and signing-certificate-v2, and no content.

pyHanko's assembly costs about 11 ms a signature, mostly re-encoding the same certificates and
attributes. In a batch, pyHanko builds the first token; the following ones reuse it, with only
the message-digest, the signing time and the signature value replaced (signed by the same
``Signer``). Every token is read back and verified before it is kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from asn1crypto import algos, cms
from asn1crypto import x509 as asn1_x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

from ..aio import run_sync
from ..credentials.base import Credential, RsaPadding

if TYPE_CHECKING:
    from ..timestamps.client import TimestampService

_REPLACED = ("message_digest", "signing_time")


class DetachedCadesSigner:
    """Signs document digests for one batch: same credential, digest and padding throughout."""

    def __init__(
        self, credential: Credential, digest_algorithm: str, rsa_padding: RsaPadding
    ) -> None:
        self.signer = credential.cms_signer(rsa_padding)
        self.digest_algorithm = digest_algorithm
        self._template: bytes | None = None

    def sign(self, digest: bytes, signing_time: dt.datetime) -> bytes:
        if self._template is None:
            self._template = self._sign_with_pyhanko(digest, signing_time)
            return self._template
        return self._sign_from_template(self._template, digest, signing_time)

    def _sign_with_pyhanko(self, digest: bytes, signing_time: dt.datetime) -> bytes:
        content_info = run_sync(
            self.signer.async_sign(
                data_digest=digest,
                digest_algorithm=self.digest_algorithm,
                use_pades=True,  # CAdES attributes: signing-certificate-v2, no legacy extras
                is_pdf_sig=False,  # and a signing-time attribute, as EN 319 122-1 B-B wants
                signed_attr_settings=PdfCMSSignedAttributes(signing_time=signing_time),
            )
        )
        return bytes(content_info.dump())

    def _sign_from_template(
        self, template: bytes, digest: bytes, signing_time: dt.datetime
    ) -> bytes:
        content_info = cms.ContentInfo.load(template)
        signer_info = content_info["content"]["signer_infos"][0]
        attributes = []
        for attribute in cms.CMSAttributes.load(signer_info["signed_attrs"].untag().dump()):
            kind = attribute["type"].native
            if kind == "message_digest":
                attribute = cms.CMSAttribute({"type": kind, "values": [digest]})
            elif kind == "signing_time":
                time_kind = attribute["values"][0].name  # utc_time, or generalized_time after 2049
                attribute = cms.CMSAttribute(
                    {"type": kind, "values": [cms.Time({time_kind: signing_time})]}
                )
            attributes.append(attribute)
        signed_attributes = cms.CMSAttributes(attributes)
        signature = run_sync(
            self.signer.async_sign_raw(signed_attributes.dump(), self.digest_algorithm)
        )
        signer_info["signed_attrs"] = signed_attributes
        signer_info["signature"] = signature
        return bytes(content_info.dump())


def add_signature_timestamp(token: bytes, timestamps: TimestampService, md_algorithm: str) -> bytes:
    """``token`` with a signature-time-stamp unsigned attribute (EN 319 122-1, 5.3): an RFC 3161
    token over the digest of the signature value, as pyHanko's own signer adds it."""
    content_info = cms.ContentInfo.load(token)
    signer_info = content_info["content"]["signer_infos"][0]
    imprint = hashlib.new(md_algorithm, signer_info["signature"].native).digest()
    timestamp = timestamps.timestamp(imprint, md_algorithm)
    unsigned = list(signer_info["unsigned_attrs"]) if signer_info["unsigned_attrs"] else []
    unsigned.append(cms.CMSAttribute({"type": "signature_time_stamp_token", "values": [timestamp]}))
    signer_info["unsigned_attrs"] = cms.CMSAttributes(unsigned)
    return bytes(content_info.dump())


def add_validation_data(
    token: bytes, timestamps: TimestampService, signer: asn1_x509.Certificate
) -> bytes:
    """``token`` with what validates it offline (EN 319 122-1 B-LT): the certificates of the
    signer's and the TSAs' paths in SignedData.certificates, their CRLs and OCSP responses (the
    latter as other-revocation-info id-ri-ocsp-response) in SignedData.crls. Neither is signed."""
    from pyhanko.sign.validation.generic_cms import extract_certs_for_validation

    content_info = cms.ContentInfo.load(token)
    signed_data = content_info["content"]
    signer_info = signed_data["signer_infos"][0]
    known = _certificates_of(signed_data)
    targets = [signer]
    for timestamp in signature_timestamps(signer_info):
        known += _certificates_of(timestamp["content"])
        targets.append(extract_certs_for_validation(timestamp["content"]).signer_cert)
    data = timestamps.validation_data(targets, known)
    present = {c.dump() for c in _certificates_of(signed_data)}
    certificates = [*(signed_data["certificates"] or ())] + [
        cms.CertificateChoices({"certificate": c})
        for c in data.certificates
        if c.dump() not in present
    ]
    revocation = [*(signed_data["crls"] or ())]
    revocation += [cms.RevocationInfoChoice({"crl": c}) for c in data.crls]
    revocation += [
        cms.RevocationInfoChoice(
            {
                "other": cms.OtherRevocationInfoFormat(
                    {"other_rev_info_format": "ocsp_response", "other_rev_info": response}
                )
            }
        )
        for response in data.ocsps
    ]
    signed_data["certificates"] = cms.CertificateSet(certificates)
    signed_data["crls"] = cms.RevocationInfoChoices(revocation)
    return bytes(content_info.dump())


def validation_data_problem(token: bytes) -> str | None:
    """None when the token carries revocation data (B-LT): a CRL or an OCSP response."""
    try:
        revocation = cms.ContentInfo.load(token)["content"]["crls"]
    except (ValueError, KeyError, TypeError) as exc:
        return f"unreadable CMS ({exc})"
    if not revocation:
        return "no revocation data in SignedData.crls"
    return None


def _certificates_of(signed_data: cms.SignedData) -> list[asn1_x509.Certificate]:
    return [c.chosen for c in signed_data["certificates"] or () if c.name == "certificate"]


def signature_timestamps(signer_info: cms.SignerInfo) -> list[cms.ContentInfo]:
    """The signature-time-stamp tokens of a signer info, in order."""
    found: list[cms.ContentInfo] = []
    if not signer_info["unsigned_attrs"]:
        return found
    for attribute in signer_info["unsigned_attrs"]:
        if attribute["type"].dotted == _SIGNATURE_TIME_STAMP:
            found.extend(attribute["values"])
    return found


def check_signature_timestamp(token: bytes, md_algorithm: str) -> str | None:
    """Re-read a written token: None when it holds one signature timestamp over its signature."""
    try:
        signer_info = cms.ContentInfo.load(token)["content"]["signer_infos"][0]
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        return f"unreadable CMS ({exc})"
    return signature_timestamp_problem(signer_info, md_algorithm)


def signature_timestamp_problem(signer_info: cms.SignerInfo, md_algorithm: str) -> str | None:
    """None when ``signer_info`` has one signature timestamp, for its signature value."""
    from ..timestamps.token_check import TokenRejected, check_token

    try:
        timestamps = signature_timestamps(signer_info)
        if len(timestamps) != 1:
            return f"{len(timestamps)} signature timestamps, 1 expected"
        imprint = hashlib.new(md_algorithm, signer_info["signature"].native).digest()
        check_token(timestamps[0], imprint, md_algorithm)
    except (TokenRejected, ValueError, KeyError, TypeError) as exc:
        return f"signature timestamp: {exc}"
    return None


def sign_detached(
    *,
    digest: bytes,
    digest_algorithm: str,
    credential: Credential,
    rsa_padding: RsaPadding,
    signing_time: dt.datetime,
) -> bytes:
    """One token, built by pyHanko (for callers outside a batch)."""
    return DetachedCadesSigner(credential, digest_algorithm, rsa_padding).sign(digest, signing_time)


def check_detached(token: bytes, digest: bytes, credential: Credential) -> str | None:
    """Re-read a written token: None when it is a detached SignedData by this credential's
    certificate whose message digest is ``digest`` and whose signature value verifies.

    A focused check of our own output (pyHanko's ``validate_sig_integrity`` does the same and
    more, at ten times the cost in a batch); verification proper is the validator's job.
    """
    try:
        content_info = cms.ContentInfo.load(token, strict=True)
        if content_info["content_type"].native != "signed_data":
            return "not a CMS SignedData"
        signed_data = content_info["content"]
        if signed_data["encap_content_info"]["content"].native is not None:
            return "the token embeds content; a detached token must not"
        signer_infos = signed_data["signer_infos"]
        if len(signer_infos) != 1:
            return f"{len(signer_infos)} signer infos"
        signer_info = signer_infos[0]
        attributes = {a["type"].dotted: a["values"] for a in signer_info["signed_attrs"]}
        if attributes.get(_CONTENT_TYPE, [None])[0] is None or (
            attributes[_CONTENT_TYPE][0].native != "data"
        ):
            return "content-type attribute missing or not 'data'"
        if _MESSAGE_DIGEST not in attributes or attributes[_MESSAGE_DIGEST][0].native != digest:
            return "message digest does not match the document"
        if _SIGNING_CERTIFICATE_V2 not in attributes:
            return "no signing-certificate-v2 attribute"
        to_be_signed = signer_info["signed_attrs"].untag().dump()
        verify_signature(
            credential.certificate.public_key(),
            signer_info["signature"].native,
            to_be_signed,
            signer_info["signature_algorithm"],
            signer_info["digest_algorithm"]["algorithm"].native,
        )
    except InvalidSignature:
        return "signature value does not verify"
    except (ValueError, TypeError, KeyError) as exc:
        return f"unreadable CMS ({exc})"
    return None


_CONTENT_TYPE = "1.2.840.113549.1.9.3"
_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
_SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47"
_SIGNATURE_TIME_STAMP = "1.2.840.113549.1.9.16.2.14"


def verify_signature(
    public_key: object,
    signature: bytes,
    data: bytes,
    algorithm: algos.SignedDigestAlgorithm,
    digest_name: str,
) -> None:
    """Raise ``InvalidSignature`` unless ``signature`` over ``data`` verifies."""
    hash_algorithm = getattr(hashes, digest_name.upper())()
    if isinstance(public_key, rsa.RSAPublicKey):
        if algorithm.signature_algo == "rsassa_pss":
            params = algorithm["parameters"]
            pss = padding.PSS(
                mgf=padding.MGF1(
                    getattr(
                        hashes,
                        params["mask_gen_algorithm"]["parameters"]["algorithm"].native.upper(),
                    )()
                ),
                salt_length=params["salt_length"].native,
            )
            public_key.verify(
                signature,
                data,
                pss,
                getattr(hashes, params["hash_algorithm"]["algorithm"].native.upper())(),
            )
        else:
            public_key.verify(signature, data, padding.PKCS1v15(), hash_algorithm)
    elif isinstance(public_key, ec.EllipticCurvePublicKey):
        public_key.verify(signature, data, ec.ECDSA(hash_algorithm))
    else:
        raise ValueError(f"unsupported public key {type(public_key).__name__}")
