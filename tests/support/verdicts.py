"""One way for a test to state the verdict it expects of a signature, whole.

``assert_verdict(report, PASSED)`` checks the indication and sub-indication, and what every
verdict owes the user (an explanation exactly when it is not a pass); keyword arguments add what
the test knows: the format, the level, the signer's name, and the outcome of named checks. On a
mismatch the message shows the whole verdict, so a failing test says why without a debugger.
"""

from __future__ import annotations

from collections.abc import Mapping

from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import SignatureReport

Verdict = tuple[Indication, SubIndication | None]

PASSED: Verdict = (Indication.TOTAL_PASSED, None)
FORMAT_FAILURE: Verdict = (Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE)
HASH_FAILURE: Verdict = (Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE)
SIG_CRYPTO_FAILURE: Verdict = (Indication.TOTAL_FAILED, SubIndication.SIG_CRYPTO_FAILURE)
NO_SIGNING_CERT: Verdict = (Indication.INDETERMINATE, SubIndication.NO_SIGNING_CERTIFICATE_FOUND)


def verdict(report: SignatureReport) -> Verdict:
    return report.indication, report.subindication


def described(report: SignatureReport) -> str:
    """The verdict as a person reads it: indication, reason, and the checks that did not pass."""
    sub = f"/{report.subindication.value}" if report.subindication else ""
    checks = "; ".join(
        f"{c.name}={c.passed}" + (f" ({c.detail})" if c.detail else "")
        for c in report.checks
        if c.passed is not True
    )
    return (
        f"{report.indication.value}{sub} [{report.format.value} {report.level or '?'}]"
        f" {report.signature_path.name}: {report.explanation or 'no explanation'}"
        + (f" | checks not passed: {checks}" if checks else "")
    )


def assert_verdict(
    report: SignatureReport,
    expected: Verdict,
    *,
    format: object | None = None,
    level: str | None = None,
    signer: str | None = None,
    checks: Mapping[str, bool | None] | None = None,
) -> None:
    """Fail unless ``report`` is the ``expected`` verdict, explained as a verdict must be, and
    matches every other fact given."""
    whole = described(report)
    assert verdict(report) == expected, f"expected {expected}, got {whole}"
    if report.indication is Indication.TOTAL_PASSED:
        assert report.explanation is None, f"a pass explains nothing: {whole}"
    else:
        assert report.explanation, f"a verdict that is not a pass says why: {whole}"
    if format is not None:
        assert report.format == format, whole
    if level is not None:
        assert report.level == level, whole
    if signer is not None:
        assert report.signer is not None and report.signer.name == signer, whole
    for name, passed in (checks or {}).items():
        found = [c.passed for c in report.checks if c.name == name]
        assert found == [passed], f"check {name!r}: expected {passed}, got {found} in {whole}"
