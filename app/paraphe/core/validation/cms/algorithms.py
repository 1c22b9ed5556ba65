"""The dated crypto policy (``validation.crypto_policy``) applied to a CMS signer: the digest of
its signed attributes and content, its signature algorithm and key, and the signatures of its
certification path, judged at the time the signature is proven to have existed (else now).

pyHanko is given a policy that lets every algorithm through (``crypto_policy.for_pyhanko``), so
that a SHA-1 signature is validated in full before its algorithms are judged with the proof of
existence at hand; this is where that judgement is made, once the timestamps are known.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from asn1crypto import cms

from ...text.translatable import N_, Worded
from .. import crypto_policy
from ..context import VerificationContext
from ..explanations import explain
from ..indications import Indication, SubIndication
from ..report import Check, SignatureReport

CHECK = N_("cryptographic algorithms")


def apply_crypto_policy(
    report: SignatureReport,
    signer_info: cms.SignerInfo,
    cert: Any,
    path: Any,
    context: VerificationContext,
) -> None:
    """One check naming the algorithms judged; a signature that passed and relies on an
    algorithm past its sunset at its proven time (or now, without proof) becomes
    INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE. ``path`` is pyHanko's validation path of
    the signer (None when not built)."""
    uses = crypto_policy.uses_of_signature(
        signer_info["signature_algorithm"],
        signer_info["digest_algorithm"]["algorithm"].native,
        cert.public_key,
        Worded(N_("the signature")),
    )
    if path is not None:
        with contextlib.suppress(AttributeError, ValueError, TypeError):
            uses += crypto_policy.uses_of_chain(list(path.iter_certs(include_root=True)))
    now = context.settings.validation_time or dt.datetime.now(dt.UTC)
    proven = report.timestamp_time
    judgement = crypto_policy.judge(uses, proven or now, proven=proven is not None, now=now)
    if judgement.accepted:
        names = ", ".join(dict.fromkeys(use.name for use in uses))
        report.checks.append(Check(CHECK, True, Worded.joined("; ", (names, *judgement.notes))))
        return
    report.checks.append(Check(CHECK, False, judgement.reason))
    if report.indication is Indication.TOTAL_PASSED:
        report.indication = Indication.INDETERMINATE
        report.subindication = SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE
        report.explanation = explain(report.indication, report.subindication)
