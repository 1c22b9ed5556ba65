"""The sentence that says, in words, how the signing time stands against the revocation of the
signer's certificate: the reason behind REVOKED_NO_POE (indeterminate) and REVOKED (failed),
which the codes alone do not tell a buyer.

One copy of the rule for every face: the details panel of the desktop application, the command
line's text output and the PDF report call ``revocation_sentence``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text.translatable import N_
from ..validation.report import RevocationStatus, SignatureReport

if TYPE_CHECKING:
    from .details import Localizer

CLAIMED_AFTER = N_(
    "The signing time claimed ({claimed}) is after the revocation ({revoked}): nothing proves"
    " the signature was made before."
)
CLAIMED_BEFORE = N_(
    "The signing time claimed ({claimed}) is before the revocation ({revoked}), but nothing"
    " proves it: only a timestamp made before the revocation would."
)
NO_TIME = N_(
    "The certificate was revoked on {revoked} and no signing time is known: nothing proves the"
    " signature was made before."
)
PROVEN_AFTER = N_(
    "The timestamp proves the signature existed at {proven}, after the revocation ({revoked}):"
    " it was made with a revoked certificate."
)
PROVEN_BEFORE = N_(
    "The timestamp proves the signature existed at {proven}, before the revocation ({revoked})."
)


def revocation_sentence(signature: SignatureReport, words: Localizer) -> str | None:
    """How the signing time stands against the revocation, in the reader's language and time
    format; None when the certificate is not known to be revoked (or not when)."""
    revocation = signature.revocation
    if revocation is None or revocation.status is not RevocationStatus.REVOKED:
        return None
    revoked_at = revocation.revoked_at
    if revoked_at is None:
        return None
    revoked = words.moment(revoked_at)
    proven_at = signature.timestamp_time
    if proven_at is not None:
        template = PROVEN_BEFORE if proven_at < revoked_at else PROVEN_AFTER
        return words.translate(template).format(proven=words.moment(proven_at), revoked=revoked)
    claimed_at = signature.signing_time
    if claimed_at is None:
        return words.translate(NO_TIME).format(revoked=revoked)
    template = CLAIMED_AFTER if claimed_at >= revoked_at else CLAIMED_BEFORE
    return words.translate(template).format(claimed=words.moment(claimed_at), revoked=revoked)
