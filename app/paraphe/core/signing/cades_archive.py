"""CAdES B-LTA (ETSI EN 319 122-1 V1.1.1, 5.5.2 and 5.5.3): the archive-time-stamp-v3 attribute,
whose token carries an ats-hash-index-v3 as an unsigned attribute of its own SignerInfo.

The rules, one copy for signing and validation (``archive_imprint``, ``ats_hash_index_v3``),
checked against EU DSS (``CadesLevelBaselineLTATimestampExtractor.getAtsHashIndex`` and
``getArchiveTimestampV3MessageImprint``, ``CMSUtils.getATSHashIndexV3OctetString``,
``CAdESLevelBaselineLTA``, ``CAdESSignatureExtension.getTimeStampAttributeValue``), which quote
the standard:

- ats-hash-index-v3 (5.5.2): ``ATSHashIndexV3 ::= SEQUENCE { hashIndAlgorithm
  AlgorithmIdentifier, certificatesHashIndex, crlsHashIndex, unsignedAttrValuesHashIndex
  (each SEQUENCE OF OCTET STRING) }``, with the archive timestamp's hash algorithm (written
  always: it has no DEFAULT in v3, and DSS writes sha-256 explicitly too). One hash per
  CertificateChoices of SignedData.certificates, per RevocationInfoChoice of SignedData.crls
  (OCSP responses as other-revocation-info included), and per value of each unsigned attribute
  of the SignerInfo: the hash of the attribute's attrType followed by that one AttributeValue.
  Every element is hashed as it is encoded in the token, tag and length included.
- The message imprint (5.5.3) is the hash of, in this order: the encapContentInfo's
  eContentType; the *hash* of the signed content (for a detached token, the external document,
  hashed as a stream with the archive timestamp's algorithm: the standard's "octets representing
  the hash of the signed data", DSS's ``originalDocument.getDigestValue``; the document bytes
  themselves are not concatenated); the SignerInfo's version, sid, digestAlgorithm, signedAttrs,
  signatureAlgorithm and signature, as encoded; the ATSHashIndexV3 value.
- Where it goes: the ats-hash-index-v3 is an unsigned attribute of the timestamp token's
  SignerInfo (outside what the TSA signed, inside what the imprint covers); the token is the
  value of an archive-time-stamp-v3 unsigned attribute of the signature (DSS adds the index
  there the same way).

Because the index lists what was covered rather than hashing the sets whole, certificates,
revocation data and unsigned attributes added *after* the archive timestamp leave it valid (that
is how the validation data of the archive timestamp's own TSA, and a later archive timestamp,
are added); one that it covers and that is removed or altered makes it fail (5.5.2: an index
with a reference whose original value is not found is invalid).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from asn1crypto import algos, cms, core, parser

from ..errors import DocumentChanged
from ..files.documents import Document

if TYPE_CHECKING:
    from ..timestamps.client import TimestampService

ARCHIVE_TIME_STAMP_V3 = "0.4.0.1733.2.4"
"""id-aa-ets-archiveTimestampV3."""
ATS_HASH_INDEX_V3 = "0.4.0.19122.1.5"
"""id-aa-ATSHashIndex-v3."""
_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
_UNSIGNED_ATTRS_TAG = 0xA1  # [1] IMPLICIT, constructed: SignerInfo.unsignedAttrs


class _Hashes(core.SequenceOf):
    _child_spec = core.OctetString


class AtsHashIndexV3(core.Sequence):
    """EN 319 122-1 5.5.2."""

    _fields = [  # noqa: RUF012 (asn1crypto's declaration style)
        ("hash_ind_algorithm", algos.DigestAlgorithm),
        ("certificates_hash_index", _Hashes),
        ("crls_hash_index", _Hashes),
        ("unsigned_attrs_hash_index", _Hashes),
    ]


def children(contents: bytes) -> list[bytes]:
    """The elements (tag, length and value, as encoded) one after the other in ``contents``."""
    found = []
    while contents:
        _, _, _, header, inner, trailer = parser.parse(contents)
        size = len(header) + len(inner) + len(trailer)
        found.append(contents[:size])
        contents = contents[size:]
    return found


def _set_elements(value: core.Asn1Value) -> list[bytes]:
    """The elements of a SET OF field as the token encodes them; none when it is absent."""
    if isinstance(value, core.Void):
        return []
    return children(value.contents)


def certificate_encodings(signed_data: cms.SignedData) -> list[bytes]:
    """Each CertificateChoices of SignedData.certificates."""
    return _set_elements(signed_data["certificates"])


def revocation_encodings(signed_data: cms.SignedData) -> list[bytes]:
    """Each RevocationInfoChoice of SignedData.crls (CRLs and other-revocation-info)."""
    return _set_elements(signed_data["crls"])


def unsigned_attribute_value_encodings(signer_info: cms.SignerInfo) -> list[bytes]:
    """attrType followed by one AttributeValue, for every value of every unsigned attribute."""
    encodings: list[bytes] = []
    for attribute in _set_elements(signer_info["unsigned_attrs"]):
        _, _, _, _, inner, _ = parser.parse(attribute)
        attr_type, attr_values = children(inner)
        _, _, _, _, values, _ = parser.parse(attr_values)
        encodings.extend(attr_type + value for value in children(values))
    return encodings


def ats_hash_index_v3(
    signed_data: cms.SignedData, signer_info: cms.SignerInfo, md_algorithm: str
) -> AtsHashIndexV3:
    """The index of what the signature holds now (EN 319 122-1 5.5.2)."""

    def hashed(encodings: list[bytes]) -> list[bytes]:
        return [hashlib.new(md_algorithm, encoded).digest() for encoded in encodings]

    return AtsHashIndexV3(
        {
            "hash_ind_algorithm": {"algorithm": md_algorithm},
            "certificates_hash_index": hashed(certificate_encodings(signed_data)),
            "crls_hash_index": hashed(revocation_encodings(signed_data)),
            "unsigned_attrs_hash_index": hashed(unsigned_attribute_value_encodings(signer_info)),
        }
    )


def archive_imprint(
    signed_data: cms.SignedData,
    signer_info: cms.SignerInfo,
    content_digest: bytes,
    hash_index: bytes,
    md_algorithm: str,
) -> bytes:
    """The archive-time-stamp-v3's message imprint (EN 319 122-1 5.5.3). ``content_digest`` is
    the hash of the signed content with ``md_algorithm``; ``hash_index`` the encoded
    ATSHashIndexV3 (at validation, as the token holds it)."""
    hasher = hashlib.new(md_algorithm)
    e_content_type = children(signed_data["encap_content_info"].contents)[0]
    hasher.update(e_content_type)
    hasher.update(content_digest)
    for field in children(signer_info.contents):  # all but unsignedAttrs, in their order
        if field[0] != _UNSIGNED_ATTRS_TAG:
            hasher.update(field)
    hasher.update(hash_index)
    return hasher.digest()


ContentDigest = Callable[[str], bytes]
"""The hash of the signed content with the algorithm named (streamed for a document)."""


def add_archive_timestamp(
    token: bytes, timestamps: TimestampService, md_algorithm: str, document_path: Path
) -> bytes:
    """``token`` (a detached CAdES signature of ``document_path``, normally B-LT: its validation
    data must be in it before, since the index covers only what is there) with one more
    archive-time-stamp-v3 unsigned attribute. Raises ``DocumentChanged`` when the document is
    not the one signed (checked when the signature's digest algorithm is ``md_algorithm``),
    ``TimestampUnavailable`` when no TSA answers."""
    content_info = cms.ContentInfo.load(token)
    signed_data = content_info["content"]
    [signer_info] = signed_data["signer_infos"]
    content_digest = Document.open(document_path).digest(md_algorithm)
    if signer_info["digest_algorithm"]["algorithm"].native == md_algorithm:
        signed = {a["type"].dotted: a["values"] for a in signer_info["signed_attrs"]}
        if signed[_MESSAGE_DIGEST][0].native != content_digest:
            raise DocumentChanged(document_path)
    index = ats_hash_index_v3(signed_data, signer_info, md_algorithm)
    imprint = archive_imprint(signed_data, signer_info, content_digest, index.dump(), md_algorithm)
    archive = timestamps.timestamp(imprint, md_algorithm)
    archive = cms.ContentInfo.load(archive.dump())  # ours to change
    tsa_signer = archive["content"]["signer_infos"][0]
    present = tsa_signer["unsigned_attrs"]
    tsa_signer["unsigned_attrs"] = cms.CMSAttributes(
        [
            *([] if isinstance(present, core.Void) else present),
            cms.CMSAttribute({"type": ATS_HASH_INDEX_V3, "values": [index]}),
        ]
    )
    _recommend_digest_algorithm(signed_data, md_algorithm)
    unsigned = signer_info["unsigned_attrs"]
    signer_info["unsigned_attrs"] = cms.CMSAttributes(
        [
            *([] if isinstance(unsigned, core.Void) else unsigned),
            cms.CMSAttribute({"type": ARCHIVE_TIME_STAMP_V3, "values": [archive]}),
        ]
    )
    return bytes(content_info.dump())


def _recommend_digest_algorithm(signed_data: cms.SignedData, md_algorithm: str) -> None:
    """SignedData.digestAlgorithms lists the archive timestamp's algorithm (5.5.3 recommends
    it; that set is not signed)."""
    listed = signed_data["digest_algorithms"]
    if any(algorithm["algorithm"].native == md_algorithm for algorithm in listed):
        return
    signed_data["digest_algorithms"] = cms.DigestAlgorithms(
        [*listed, algos.DigestAlgorithm({"algorithm": md_algorithm})]
    )


def check_archive_timestamps(token: bytes, content_digest: ContentDigest) -> str | None:
    """Re-read a written token: None when it has archive timestamps and each holds a token
    over the imprint its own hash index gives (imprint only; the validator checks the rest)."""
    from ..timestamps.token_check import TokenRejected, check_token

    try:
        signed_data = cms.ContentInfo.load(token)["content"]
        [signer_info] = signed_data["signer_infos"]
        archives = [
            cms.ContentInfo.load(value.dump())  # an attribute asn1crypto does not know: Any
            for attribute in signer_info["unsigned_attrs"] or ()
            if attribute["type"].dotted == ARCHIVE_TIME_STAMP_V3
            for value in attribute["values"]
        ]
        if not archives:
            return "no archive-time-stamp-v3"
        for archive in archives:
            tsa_signer = archive["content"]["signer_infos"][0]
            [index] = [
                value
                for attribute in tsa_signer["unsigned_attrs"] or ()
                if attribute["type"].dotted == ATS_HASH_INDEX_V3
                for value in attribute["values"]
            ]
            info = archive["content"]["encap_content_info"]["content"].parsed
            md = info["message_imprint"]["hash_algorithm"]["algorithm"].native
            imprint = archive_imprint(
                signed_data, signer_info, content_digest(md), index.dump(), md
            )
            check_token(archive, imprint, md)
    except (TokenRejected, ValueError, TypeError, KeyError) as exc:
        return f"archive timestamp: {exc}"
    return None
