"""What the container adds to its signatures' reports: the names of its checks, one check per
name however many files a finding concerns, and the rule by which a finding changes a verdict."""

from __future__ import annotations

from ...text.translatable import N_, Worded
from ..indications import Indication, SubIndication
from ..report import Check, SignatureReport

CONTAINER = N_("container")
CONTAINER_MIMETYPE = N_("container mimetype")
CONTAINER_TYPE = N_("container type")
CONTAINER_FILES_SIGNED = N_("container files signed")
CONTAINER_ENTRIES = N_("container entries")
SIGNATURE_FILE = N_("signature file")
SIGNED_FILES_PRESENT = N_("signed files present")
MANIFEST_DIGESTS = N_("manifest digests")


def merged(checks: list[Check]) -> list[Check]:
    """One check per name (a manifest of thousands of missing files gives one line, not
    thousands): failed if one failed, undecided if one was, the details joined (and folded)."""
    by_name: dict[str, list[Check]] = {}
    for check in checks:
        by_name.setdefault(check.name, []).append(check)
    result = []
    for name, same in by_name.items():
        outcomes = [c.passed for c in same]
        passed = False if False in outcomes else (None if None in outcomes else True)
        result.append(
            Check(name, passed, Worded.joined("; ", (c.detail for c in same if c.detail)))
        )
    return result


def worsen(report: SignatureReport, indication: Indication, subindication: SubIndication) -> None:
    """A container finding applied to a verdict: a failure wins over everything but another
    failure (a changed file is reported as such, whoever signed, as EN 319 102-1 5.3.4 lets a
    failed cryptographic check decide); an indeterminate finding only replaces a pass."""
    if report.indication is Indication.TOTAL_FAILED:
        return
    if indication is Indication.TOTAL_FAILED or report.indication is Indication.TOTAL_PASSED:
        report.indication, report.subindication = indication, subindication
