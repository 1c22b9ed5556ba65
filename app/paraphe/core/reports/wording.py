"""The words for the codes a certificate and a revocation check carry, marked for translation.

Keyed by the values the report holds (asn1crypto's key usage names, EN 319 412-5 statement
names, revocation status and source): plain strings or string enums alike. A value with no
words here is shown as it is.
"""

from __future__ import annotations

from ..text.translatable import N_

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
