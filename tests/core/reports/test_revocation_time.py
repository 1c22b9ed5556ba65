"""How the signing time stands against the revocation, in words (issue 16, item 10): each case
of the one rule the details panel, the command line and the PDF report share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from paraphe.core.reports.details import Localizer
from paraphe.core.reports.revocation_time import revocation_sentence
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import (
    DetectedFormat,
    RevocationInfo,
    RevocationSource,
    RevocationStatus,
    SignatureReport,
)

REVOKED = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)
WORDS = Localizer(translate=str, moment=lambda t: t.strftime("%d/%m/%Y %H:%M"))


def _report(
    claimed: dt.datetime | None,
    proven: dt.datetime | None = None,
    status: RevocationStatus = RevocationStatus.REVOKED,
    revoked_at: dt.datetime | None = REVOKED,
) -> SignatureReport:
    failed = proven is not None and proven >= REVOKED
    return SignatureReport(
        Path("Offre.pdf - Signature 1.xml"),
        DetectedFormat.XADES,
        Indication.TOTAL_FAILED if failed else Indication.INDETERMINATE,
        SubIndication.REVOKED if failed else SubIndication.REVOKED_NO_POE,
        None,
        signing_time=claimed,
        timestamp_time=proven,
        revocation=RevocationInfo(status, RevocationSource.OCSP, None, revoked_at),
    )


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        (
            _report(claimed=REVOKED + dt.timedelta(days=2)),
            "The signing time claimed (03/06/2026 08:00) is after the revocation"
            " (01/06/2026 08:00): nothing proves the signature was made before.",
        ),
        (
            _report(claimed=REVOKED - dt.timedelta(days=2)),
            "The signing time claimed (30/05/2026 08:00) is before the revocation"
            " (01/06/2026 08:00), but nothing proves it: only a timestamp made before the"
            " revocation would.",
        ),
        (
            _report(claimed=None),
            "The certificate was revoked on 01/06/2026 08:00 and no signing time is known:"
            " nothing proves the signature was made before.",
        ),
        (
            _report(claimed=REVOKED, proven=REVOKED + dt.timedelta(hours=1)),
            "The timestamp proves the signature existed at 01/06/2026 09:00, after the"
            " revocation (01/06/2026 08:00): it was made with a revoked certificate.",
        ),
    ],
)
def test_each_case_is_said_in_words(report: SignatureReport, expected: str) -> None:
    assert revocation_sentence(report, WORDS) == expected


def test_nothing_is_said_without_a_known_revocation() -> None:
    assert revocation_sentence(_report(REVOKED, status=RevocationStatus.GOOD), WORDS) is None
    assert revocation_sentence(_report(REVOKED, revoked_at=None), WORDS) is None
