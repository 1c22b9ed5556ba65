"""The dated crypto policy (``validation.crypto_policy``) applied to a CMS signer: the digest of
its signed attributes and content, its signature algorithm and key, and the signatures of its
certification path, judged at the time the signature is proven to have existed (else now).

pyHanko is given a policy that lets every algorithm through (``crypto_policy.for_pyhanko``), so
that a SHA-1 signature is validated in full before its algorithms are judged with the proof of
existence at hand; here the uses are read, and judged (``crypto_policy.apply_to``, the same for
every format) once the timestamps are known.
"""

from __future__ import annotations

import contextlib
from typing import Any

from asn1crypto import cms

from ...text.translatable import N_, Worded
from .. import crypto_policy
from ..context import VerificationContext
from ..report import SignatureReport


def apply_crypto_policy(
    report: SignatureReport,
    signer_info: cms.SignerInfo,
    cert: Any,
    path: Any,
    context: VerificationContext,
) -> None:
    """``crypto_policy.apply_to`` with the algorithms of a CMS signer and of its path:
    ``path`` is pyHanko's validation path of the signer (None when not built)."""
    uses = crypto_policy.uses_of_signature(
        signer_info["signature_algorithm"],
        signer_info["digest_algorithm"]["algorithm"].native,
        cert.public_key,
        Worded(N_("the signature")),
    )
    if path is not None:
        with contextlib.suppress(AttributeError, ValueError, TypeError):
            uses += crypto_policy.uses_of_chain(list(path.iter_certs(include_root=True)))
    crypto_policy.apply_to(report, uses, context.settings.validation_time)
