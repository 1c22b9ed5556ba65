"""ETSI EN 319 102-1 indications and sub-indications (clause 5.1.3, table 5), with their URNs.

Some sub-indications exist under two indications (EXPIRED, NOT_YET_VALID, FORMAT_FAILURE are
final failures or indeterminate depending on the proof of existence): each one knows which.
"""

from __future__ import annotations

import enum


class Indication(enum.Enum):
    TOTAL_PASSED = "TOTAL_PASSED"
    INDETERMINATE = "INDETERMINATE"
    TOTAL_FAILED = "TOTAL_FAILED"

    @property
    def urn(self) -> str:
        return "urn:etsi:019102:mainindication:" + self.value.lower().replace("_", "-")


_F = frozenset({Indication.TOTAL_FAILED})
_I = frozenset({Indication.INDETERMINATE})
_FI = _F | _I


class SubIndication(enum.Enum):
    FORMAT_FAILURE = ("FORMAT_FAILURE", _FI)
    HASH_FAILURE = ("HASH_FAILURE", _F)
    SIG_CRYPTO_FAILURE = ("SIG_CRYPTO_FAILURE", _F)
    REVOKED = ("REVOKED", _F)
    EXPIRED = ("EXPIRED", _FI)
    NOT_YET_VALID = ("NOT_YET_VALID", _FI)
    SIG_CONSTRAINTS_FAILURE = ("SIG_CONSTRAINTS_FAILURE", _I)
    CHAIN_CONSTRAINTS_FAILURE = ("CHAIN_CONSTRAINTS_FAILURE", _I)
    CERTIFICATE_CHAIN_GENERAL_FAILURE = ("CERTIFICATE_CHAIN_GENERAL_FAILURE", _I)
    CRYPTO_CONSTRAINTS_FAILURE = ("CRYPTO_CONSTRAINTS_FAILURE", _I)
    POLICY_PROCESSING_ERROR = ("POLICY_PROCESSING_ERROR", _I)
    SIGNATURE_POLICY_NOT_AVAILABLE = ("SIGNATURE_POLICY_NOT_AVAILABLE", _I)
    TIMESTAMP_ORDER_FAILURE = ("TIMESTAMP_ORDER_FAILURE", _I)
    NO_SIGNING_CERTIFICATE_FOUND = ("NO_SIGNING_CERTIFICATE_FOUND", _I)
    NO_CERTIFICATE_CHAIN_FOUND = ("NO_CERTIFICATE_CHAIN_FOUND", _I)
    REVOKED_NO_POE = ("REVOKED_NO_POE", _I)
    REVOKED_CA_NO_POE = ("REVOKED_CA_NO_POE", _I)
    OUT_OF_BOUNDS_NO_POE = ("OUT_OF_BOUNDS_NO_POE", _I)
    OUT_OF_BOUNDS_NOT_REVOKED = ("OUT_OF_BOUNDS_NOT_REVOKED", _I)
    REVOCATION_OUT_OF_BOUNDS_NO_POE = ("REVOCATION_OUT_OF_BOUNDS_NO_POE", _I)
    CRYPTO_CONSTRAINTS_FAILURE_NO_POE = ("CRYPTO_CONSTRAINTS_FAILURE_NO_POE", _I)
    NO_POE = ("NO_POE", _I)
    TRY_LATER = ("TRY_LATER", _I)
    SIGNED_DATA_NOT_FOUND = ("SIGNED_DATA_NOT_FOUND", _I)
    GENERIC = ("GENERIC", _I)

    def __init__(self, code: str, parents: frozenset[Indication]) -> None:
        self.code = code
        self.parents = parents

    @property
    def urn(self) -> str:
        return "urn:etsi:019102:subindication:" + self.code

    def allowed_under(self, indication: Indication) -> bool:
        return indication in self.parents


def from_pyhanko(subindic: object) -> tuple[Indication, SubIndication | None]:
    """Translate pyHanko's AdES status (``AdESPassed/AdESFailure/AdESIndeterminate``)."""
    name = getattr(subindic, "name", "")
    status = getattr(getattr(subindic, "status", None), "name", "")
    indication = {
        "PASSED": Indication.TOTAL_PASSED,
        "FAILED": Indication.TOTAL_FAILED,
        "INDETERMINATE": Indication.INDETERMINATE,
    }[status]
    if indication is Indication.TOTAL_PASSED:
        return indication, None
    if name == "CERTIFICATE_CHAIN_GENERAL_FAILURE":
        return indication, SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE
    return indication, SubIndication[name]
