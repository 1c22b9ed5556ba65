"""The words for the codes a certificate, a revocation check and a timestamp carry, marked for
translation.

Keyed by the values the report holds (asn1crypto's key usage names, EN 319 412-5 statement
names, revocation status and source, timestamp kind and sub-indication): plain strings or string
enums alike. A value with no
words here is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from ..text.translatable import N_
from ..trust.eutl.qualification import Qualification
from ..validation.report import OrphanSignature, TimestampReport

KEY_USAGES = {
    "digital_signature": N_("digital signature"),
    "content_commitment": N_("non-repudiation"),
    "key_encipherment": N_("key encipherment"),
    "data_encipherment": N_("data encipherment"),
    "key_agreement": N_("key agreement"),
    "key_cert_sign": N_("certificate signing"),
    "crl_sign": N_("CRL signing"),
}

QC_STATEMENTS = {
    "qc_compliance": N_("EU qualified certificate"),
    "qc_sscd": N_("key in a qualified signature device"),
    "qc_type": N_("certificate type"),
    "qc_pds": N_("PKI disclosure statement"),
    "qc_limit_value": N_("transaction limit"),
    "qc_retention_period": N_("retention period"),
    "qc_cclegislation": N_("legislation"),
    "semantics_natural_person": N_("natural person"),
    "semantics_legal_person": N_("legal person"),
}
"""EN 319 412-5 statements in words; the standard's name is shown beside them for those who
look it up."""

REVOCATION_STATUSES = {
    "good": N_("not revoked"),
    "revoked": N_("revoked"),
    "unknown": N_("unknown"),
    "not_checked": N_("not checked"),
}

REVOCATION_SOURCES = {
    "ocsp": N_("OCSP responder"),
    "crl": N_("certificate revocation list (CRL)"),
    "embedded": N_("embedded in the signature"),
    "cache": N_("local cache"),
}

PDF_COVERAGE = {
    "ENTIRE_FILE": N_("the whole file"),
    "ENTIRE_REVISION": N_("the whole revision it signed (changes were added after it)"),
    "CONTIGUOUS_BLOCK_FROM_START": N_(
        "a block from the start of the file (not the whole revision)"
    ),
    "UNCLEAR": N_("unclear: parts of the file are not covered"),
}
"""pyHanko's coverage levels of a PDF signature's /ByteRange, in words."""

PDF_CHANGES = {
    "NONE": N_("none"),
    "LTA_UPDATES": N_("validation data and timestamps only"),
    "FORM_FILLING": N_("form filling and signatures"),
    "ANNOTATIONS": N_("comments, form filling and signatures"),
    "OTHER": N_("changes a signature does not allow"),
}
"""pyHanko's modification levels (what changed after the signature), in words."""

DOCMDP_PERMISSIONS = {
    1: N_("none but validation data and timestamps (DocMDP 1)"),
    2: N_("form filling and signatures (DocMDP 2)"),
    3: N_("form filling, signatures and comments (DocMDP 3)"),
}
"""What a certification signature lets later revisions change (ISO 32000-1, 12.8.2.2)."""

SIGNER_NUMBER = N_("signer {number}")
COUNTER_SIGNATURE_NUMBER = N_("counter-signature {number}")
"""A CMS signature has no name: the validators call it ``signer N`` (its place in the file)."""

NAME_ATTRIBUTES = {
    "CN": N_("Common name"),
    "2.5.4.42": N_("Given name"),
    "GN": N_("Given name"),
    "2.5.4.4": N_("Surname"),
    "SN": N_("Surname"),
    "2.5.4.5": N_("Serial number"),
    "serialNumber": N_("Serial number"),
    "2.5.4.12": N_("Title"),
    "O": N_("Organisation"),
    "OU": N_("Organisational unit"),
    "2.5.4.97": N_("Organisation identifier"),
    "C": N_("Country"),
    "L": N_("Locality"),
    "ST": N_("Region"),
    "STREET": N_("Street"),
    "1.2.840.113549.1.9.1": N_("E-mail"),
    "2.5.4.65": N_("Pseudonym"),
    "2.5.4.46": N_("DN qualifier"),
    "DC": N_("Domain component"),
    "UID": N_("User ID"),
}
"""The attributes of a certificate's subject or issuer, keyed as RFC 4514 strings write them
(cryptography names some, writes the others as dotted OIDs: given name, surname...)."""

TIMESTAMP_KINDS = {
    "signature": N_("signature timestamp"),
    "archive": N_("archive timestamp"),
    "document": N_("document timestamp"),
}
"""A timestamp's kind in words; the same words name the check each timestamp adds."""

TIMESTAMP_REASONS = {
    "HASH_FAILURE": N_(
        "The timestamp was made for other data, not for this signature: it proves nothing about it."
    ),
    "SIG_CRYPTO_FAILURE": N_(
        "The timestamp's own signature does not verify: it was altered or forged."
    ),
    "FORMAT_FAILURE": N_("The timestamp is malformed and cannot be checked."),
    "NO_SIGNING_CERTIFICATE_FOUND": N_(
        "The timestamping authority's certificate is missing from the timestamp."
    ),
    "NO_CERTIFICATE_CHAIN_FOUND": N_(
        "The timestamping authority does not lead to a trusted authority; if you trust it, add"
        " its root certificate to the trusted certificates."
    ),
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": N_(
        "The timestamping authority's certificate chain could not be validated."
    ),
    "CHAIN_CONSTRAINTS_FAILURE": N_(
        "The timestamping authority's certificate breaks a constraint: it may not be meant for"
        " timestamping."
    ),
    "REVOKED": N_("The timestamping authority's certificate has been revoked."),
    "REVOKED_NO_POE": N_("The timestamping authority's certificate has been revoked."),
    "EXPIRED": N_(
        "The timestamping authority's certificate was not valid when the timestamp was made."
    ),
    "NOT_YET_VALID": N_(
        "The timestamping authority's certificate was not valid when the timestamp was made."
    ),
    "OUT_OF_BOUNDS_NO_POE": N_(
        "The timestamping authority's certificate has expired and nothing proves the timestamp"
        " was made before (an archive timestamp would)."
    ),
    "OUT_OF_BOUNDS_NOT_REVOKED": N_(
        "The timestamping authority's certificate has expired and nothing proves the timestamp"
        " was made before (an archive timestamp would)."
    ),
    "CRYPTO_CONSTRAINTS_FAILURE": N_(
        "The timestamp uses an algorithm or key size that Paraphe does not accept."
    ),
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": N_(
        "The timestamp uses an algorithm or key size that Paraphe does not accept."
    ),
    "TRY_LATER": N_(
        "The revocation status of the timestamping authority's certificate could not be obtained"
        " (offline, or the responder did not answer); verify again later with network access."
    ),
}
"""Why a timestamp is not valid, keyed by its sub-indication's code; one with no sentence here
is told by its code and the validator's detail."""


def timestamp_kind(kind: str) -> str:
    """The words for a timestamp's kind (translatable); an unknown kind as it is."""
    return TIMESTAMP_KINDS.get(str(kind), f"{kind} timestamp")


def timestamp_reason(timestamp: TimestampReport, translate: Callable[[str], str]) -> str:
    """Why a timestamp is not valid, in one sentence in the reader's language when its
    sub-indication has one, else the validator's detail (or the code) as it is."""
    code = timestamp.subindication.code if timestamp.subindication is not None else ""
    sentence = TIMESTAMP_REASONS.get(code)
    if sentence is not None:
        return translate(sentence)
    return timestamp.detail or code


PROCUREMENT_YES = N_("acceptable for public procurement")
PROCUREMENT_NO = N_("not acceptable for public procurement: {reason}")


def qualification_reason(qualification: Qualification, translate: Callable[[str], str]) -> str:
    """The qualification's reason in the reader's language (its parameters may be words too)."""
    params = {k: translate(v) for k, v in qualification.reason_params}
    template = qualification.reason_template or qualification.reason
    try:
        return translate(template).format(**params)
    except (KeyError, IndexError, ValueError):
        return qualification.reason


def procurement_reading(qualification: Qualification, translate: Callable[[str], str]) -> str:
    """ "acceptable for public procurement", or why not."""
    if qualification.procurement_acceptable:
        return translate(PROCUREMENT_YES)
    return translate(PROCUREMENT_NO).format(reason=qualification_reason(qualification, translate))


ORPHAN_NAMES_SIGNER = N_("{reason}; the signature names {name} as its signer (not verified)")


def orphan_reason(orphan: OrphanSignature, translate: Callable[[str], str]) -> str:
    """Why a signature is set aside, and whom it names as its signer when it says."""
    reason = translate(orphan.reason)
    if orphan.signer is None:
        return reason
    name = orphan.signer.name + (
        f" ({orphan.signer.organisation})" if orphan.signer.organisation else ""
    )
    return translate(ORPHAN_NAMES_SIGNER).format(reason=reason, name=name)
