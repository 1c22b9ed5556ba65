"""One plain sentence per verdict: what it means and what the user can do.

English source strings; the faces translate them (Qt's translation files hold the French).
"""

from __future__ import annotations

from .indications import Indication, SubIndication

_SENTENCES: dict[SubIndication | tuple[Indication, SubIndication], str] = {
    SubIndication.FORMAT_FAILURE: "The signature is malformed and cannot be checked; ask the signer for a new signature.",
    (
        Indication.INDETERMINATE,
        SubIndication.FORMAT_FAILURE,
    ): "The signature holds something Paraphe cannot process (an unsupported or unusual element, see the checks), so it could not be checked; it may still be valid: check it with another tool or ask the signer for a standard signature.",
    SubIndication.HASH_FAILURE: "The document was modified after it was signed (or this is not the signed file); do not rely on it and ask for the original.",
    SubIndication.SIG_CRYPTO_FAILURE: "The signature value is invalid: the signature was altered or forged; do not rely on it.",
    SubIndication.REVOKED: "The signer's certificate was revoked before the signature was made; the signature is not valid.",
    SubIndication.EXPIRED: "The signer's certificate had expired when the document was signed; the signature is not valid.",
    SubIndication.NOT_YET_VALID: "The signature was made before the signer's certificate became valid; it is not valid.",
    SubIndication.SIG_CONSTRAINTS_FAILURE: "The signature does not meet the validation policy's requirements (see the checks); ask the signer for a compliant signature.",
    SubIndication.CHAIN_CONSTRAINTS_FAILURE: "The signer's certificate chain breaks a constraint (key usage, name or policy constraints); the certificate may not be meant for signing.",
    SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE: "The signer's certificate chain could not be validated (see the checks); check the trust settings or ask the signer.",
    SubIndication.CRYPTO_CONSTRAINTS_FAILURE: "The signature uses an algorithm or key size that Paraphe does not accept (not supported, or no longer considered secure); ask for a new signature.",
    SubIndication.POLICY_PROCESSING_ERROR: "The signature policy could not be processed.",
    SubIndication.SIGNATURE_POLICY_NOT_AVAILABLE: "The signature policy the signature refers to is not available.",
    SubIndication.TIMESTAMP_ORDER_FAILURE: "The signature's timestamps are in an impossible order; do not rely on it.",
    SubIndication.NO_SIGNING_CERTIFICATE_FOUND: "The signer's certificate is missing or does not match the signature; the signer cannot be identified.",
    SubIndication.NO_CERTIFICATE_CHAIN_FOUND: "The signer's certificate does not lead to a trusted authority; if you trust its issuer, add it to the trusted certificates, otherwise do not rely on this signature.",
    SubIndication.REVOKED_NO_POE: "The signer's certificate has been revoked and nothing proves the signature was made before that; ask the signer whether the signature predates the revocation (a timestamped signature would prove it).",
    SubIndication.REVOKED_CA_NO_POE: "A certificate authority in the signer's chain has been revoked and nothing proves the signature was made before that.",
    SubIndication.OUT_OF_BOUNDS_NO_POE: "The signer's certificate has expired (or is not yet valid) and nothing proves when the signature was made; a timestamped (B-T or higher) signature would prove it.",
    SubIndication.OUT_OF_BOUNDS_NOT_REVOKED: "The signer's certificate has expired, was not revoked, but nothing proves the signature was made while it was valid.",
    SubIndication.REVOCATION_OUT_OF_BOUNDS_NO_POE: "The revocation information is outside the certificate's validity and nothing proves when the signature was made.",
    SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE: "The signature uses an algorithm now considered weak and nothing proves it was made while the algorithm was acceptable.",
    SubIndication.NO_POE: "Nothing proves the signature existed at the time required; a timestamp would be needed.",
    SubIndication.TRY_LATER: "The revocation status of the signer's certificate could not be obtained (offline, or the responder did not answer); verify again later with network access.",
    SubIndication.SIGNED_DATA_NOT_FOUND: "The signed document was not found beside the signature; put the document and its signature file in the same folder.",
    SubIndication.GENERIC: "The signature could not be fully validated (see the checks).",
}


def explain(indication: Indication, subindication: SubIndication | None) -> str | None:
    """The sentence for a verdict: the one given for the pair if any (a FORMAT_FAILURE is a
    damaged signature when FAILED, one we cannot process when INDETERMINATE), else the
    sub-indication's."""
    if indication is Indication.TOTAL_PASSED or subindication is None:
        return None
    return _SENTENCES.get((indication, subindication)) or _SENTENCES[subindication]
