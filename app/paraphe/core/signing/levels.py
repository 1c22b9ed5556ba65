"""The formats and levels a face offers, and which levels this version can sign.

Both faces build their choices from here (the CLI's ``--format``/``--level``, the GUI's format
buttons and level lists), so a level becoming signable is one change.
"""

from __future__ import annotations

from ..errors import UsageError
from ..etsi import BaselineLevel, SignatureFormat

FORMAT_NAMES = {
    SignatureFormat.XADES: "XAdES",
    SignatureFormat.CADES: "CAdES",
    SignatureFormat.PADES: "PAdES",
}
"""How each format is named to a user."""

LEVELS = tuple(BaselineLevel)
"""Every ETSI baseline level, in order: B-B, B-T, B-LT, B-LTA."""

SIGNABLE_LEVELS = LEVELS
"""Levels this version can sign: all four, in the three formats."""

TIMESTAMPED_LEVELS = (BaselineLevel.B_T, BaselineLevel.B_LT, BaselineLevel.B_LTA)
"""Levels that need a timestamp server."""


def needs_timestamp(level: BaselineLevel) -> bool:
    return level in TIMESTAMPED_LEVELS


def needs_validation_data(level: BaselineLevel) -> bool:
    """B-LT and B-LTA carry the certificates and revocation data to validate them offline."""
    return level in (BaselineLevel.B_LT, BaselineLevel.B_LTA)


def is_signable(level: BaselineLevel) -> bool:
    return level in SIGNABLE_LEVELS


def assert_signable(level: BaselineLevel) -> None:
    if not is_signable(level):
        raise UsageError(detail=f"level {level.value} cannot be signed by this version yet")
