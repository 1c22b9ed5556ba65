"""How each ETSI indication is named and marked, a document's overall verdict, and the counts.

A verdict is always a mark, a word and a colour together (never colour alone); the same for a
check behind a verdict, which passed, failed or could not be decided.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from ..text.translatable import N_
from ..validation.indications import Indication


@dataclass(frozen=True)
class VerdictLook:
    symbol: str
    """A plain-text mark for places that cannot show an icon: ✔, ? or ✘."""
    word: str
    """The word for a list or a panel (translatable): Valid, Indeterminate, Failed."""
    banner: str
    """The word in capitals, for a terminal line (translatable): VALID, INDETERMINATE, FAILED."""
    colour: str
    """Dark enough to read as text on a light background (contrast above 4.5:1 on white)."""


VERDICT_LOOKS = {
    Indication.TOTAL_PASSED: VerdictLook("✔", N_("Valid"), N_("VALID"), "#1b7a34"),
    Indication.INDETERMINATE: VerdictLook("?", N_("Indeterminate"), N_("INDETERMINATE"), "#9a5b00"),
    Indication.TOTAL_FAILED: VerdictLook("✘", N_("Failed"), N_("FAILED"), "#c0262d"),
}


def look(indication: Indication) -> VerdictLook:
    return VERDICT_LOOKS[indication]


class CheckMark(enum.Enum):
    """A check behind the verdict: passed, failed, or could not be decided."""

    PASSED = Indication.TOTAL_PASSED
    FAILED = Indication.TOTAL_FAILED
    UNDECIDED = Indication.INDETERMINATE

    @classmethod
    def of(cls, passed: bool | None) -> CheckMark:
        if passed is None:
            return cls.UNDECIDED
        return cls.PASSED if passed else cls.FAILED

    @property
    def look(self) -> VerdictLook:
        """Marked as the verdict it would give alone: ✔ green, ✘ red, ? amber."""
        return VERDICT_LOOKS[self.value]


def overall(indications: Iterable[Indication]) -> Indication | None:
    """A document's verdict: failed if any failed, valid if all passed, else indeterminate."""
    seen = set(indications)
    if not seen:
        return None
    if Indication.TOTAL_FAILED in seen:
        return Indication.TOTAL_FAILED
    if seen == {Indication.TOTAL_PASSED}:
        return Indication.TOTAL_PASSED
    return Indication.INDETERMINATE


@dataclass(frozen=True)
class Tally:
    """How many signatures got each verdict."""

    passed: int = 0
    failed: int = 0
    indeterminate: int = 0

    @classmethod
    def of(cls, indications: Iterable[Indication]) -> Tally:
        counts = dict.fromkeys(Indication, 0)
        for indication in indications:
            counts[indication] += 1
        return cls(
            passed=counts[Indication.TOTAL_PASSED],
            failed=counts[Indication.TOTAL_FAILED],
            indeterminate=counts[Indication.INDETERMINATE],
        )

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.indeterminate

    def as_params(self) -> dict[str, int]:
        """What a sentence about the counts is filled with: ``{total}``, ``{passed}``,
        ``{failed}`` and ``{indeterminate}``."""
        return {
            "total": self.total,
            "passed": self.passed,
            "failed": self.failed,
            "indeterminate": self.indeterminate,
        }
