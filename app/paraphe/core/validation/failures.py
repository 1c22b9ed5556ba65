"""Verdict reports, built one way for every format (``verdict_report``, ``failed_signature``),
and what an exception escaping a library call on an untrusted signature means for the verdict.

A signature we could not parse at all is damaged: TOTAL_FAILED, FORMAT_FAILURE (EN 319 102-1,
5.2.2). Anything a library trips on after the format check passed may come from a valid signature
using something we cannot process (an unusual encoding, an unsupported algorithm or feature): it is
INDETERMINATE, never TOTAL_FAILED (a buyer would reject a valid bid) and never TOTAL_PASSED.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Cancelled
from ..etsi import BaselineLevel
from .explanations import explain
from .indications import Indication, SubIndication
from .report import Check, DetectedFormat, SignatureReport, folded

MUST_PROPAGATE: tuple[type[BaseException], ...] = (Cancelled, MemoryError)
"""Never turned into a verdict: the user stopped the run, or the machine ran out of memory.
(KeyboardInterrupt is no ``Exception`` and passes ``except Exception`` by itself.)"""

_DATA_ERRORS = (RecursionError, NotImplementedError)
"""RuntimeErrors that the data causes: nesting too deep to follow, a feature not implemented."""
_ENVIRONMENT_ERRORS = (OSError, RuntimeError)
"""What the machine, not the signature, causes: files, network, event loop."""


def failed_signature(
    path: Path,
    format: DetectedFormat,
    indication: Indication,
    subindication: SubIndication,
    check: Check,
    *,
    document: Path | None = None,
    level: BaselineLevel | None = None,
) -> SignatureReport:
    """A non-passing report of one signature, with the check that decided it."""
    return verdict_report(
        path, format, indication, subindication, [check], document_path=document, level=level
    )


def verdict_report(
    path: Path,
    format: DetectedFormat,
    indication: Indication,
    subindication: SubIndication | None,
    checks: list[Check],
    **found: Any,
) -> SignatureReport:
    """The report of a verdict reached, explained (``explain``) as every verdict is; ``found``
    holds what was learnt of the signature on the way (``SignatureReport``'s other fields)."""
    return SignatureReport(
        signature_path=path,
        format=format,
        indication=indication,
        subindication=subindication,
        explanation=explain(indication, subindication),
        checks=checks,
        **found,
    )


def cannot_process(exc: Exception) -> tuple[Indication, SubIndication]:
    """The verdict for an exception a library raised on a signature that passed the format check.

    Whatever a parser or a validation library trips on in a signature (a ValueError of
    asn1crypto, a TypeError on an absent field, an AssertionError, a UnicodeDecodeError, a
    RecursionError, even a NameError of a library bug that odd data reaches) is something in it
    that could not be processed: FORMAT_FAILURE. An algorithm the cryptographic library does not
    implement: CRYPTO_CONSTRAINTS_FAILURE. What the machine causes (files, network): GENERIC.
    INDETERMINATE in every case."""
    from cryptography.exceptions import UnsupportedAlgorithm

    if isinstance(exc, UnsupportedAlgorithm):
        return Indication.INDETERMINATE, SubIndication.CRYPTO_CONSTRAINTS_FAILURE
    if isinstance(exc, _ENVIRONMENT_ERRORS) and not isinstance(exc, _DATA_ERRORS):
        return Indication.INDETERMINATE, SubIndication.GENERIC
    return Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE


def one_line(exc: BaseException) -> str:
    """``Type: first line of the message``, folded as every detail is (``report.folded``):
    asn1crypto's messages run over several lines ("while parsing ..."), of which the first
    says what is wrong."""
    lines = str(exc).strip().splitlines()
    message = lines[0].strip() if lines else ""
    return folded(f"{type(exc).__name__}: {message}" if message else type(exc).__name__)
