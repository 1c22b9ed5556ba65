"""Exit codes of ``paraphe sign``, ``verify`` and ``demo``, documented in the README."""

from __future__ import annotations

import enum

from ..core.errors import (
    Cancelled,
    CredentialError,
    OutputNotWritable,
    ParapheError,
    TimestampUnavailable,
    UnreadableDocument,
    UnsupportedDocument,
    UsageError,
    ValidationDataUnavailable,
)

OK = 0
SOME_FAILED = 1
USAGE = 2
CREDENTIAL = 3
UNREADABLE_INPUT = 4
OUTPUT_NOT_WRITABLE = 5
TIMESTAMP_UNAVAILABLE = 6
INTERRUPTED = 130


class VerifyExit(enum.IntEnum):
    """``paraphe verify``: the worst verdict found decides, then unreadable inputs."""

    ALL_PASSED = 0
    SOME_FAILED = 1
    SOME_INDETERMINATE = 3
    """Or an orphan token, or no signature found at all; none failed."""
    UNREADABLE_INPUT = 4
    """Every signature found passed, but some input could not be read."""


def for_error(error: ParapheError) -> int:
    if isinstance(error, UsageError):
        return USAGE
    if isinstance(error, CredentialError):
        return CREDENTIAL
    from ..core.trust import TrustFileError

    if isinstance(error, UnreadableDocument | UnsupportedDocument | TrustFileError):
        return UNREADABLE_INPUT
    if isinstance(error, OutputNotWritable):
        return OUTPUT_NOT_WRITABLE
    if isinstance(error, TimestampUnavailable | ValidationDataUnavailable):
        return TIMESTAMP_UNAVAILABLE
    if isinstance(error, Cancelled):
        return INTERRUPTED
    return SOME_FAILED
