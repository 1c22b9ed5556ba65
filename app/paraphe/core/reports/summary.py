"""The summary of a validation report: one row per document, one per signature, the files left
aside (unsigned, orphan tokens, unreadable) and the counts; what a list or a terminal shows.

Rows hold the facts and the English words (marked for translation); names and certificate fields
are outside text, which each face makes displayable where it shows them.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Notice
from ..text.translatable import N_
from ..validation.indications import Indication
from ..validation.report import (
    DocumentReport,
    InputError,
    OrphanSignature,
    SignatureReport,
    TimestampReport,
    ValidationReport,
)
from .verdicts import Tally, overall

NOTHING_TRUSTED = N_("nothing")
"""Where the trusted sources are listed, when there are none."""


class ValidationMode(enum.Enum):
    ONLINE = N_("online")
    OFFLINE = N_("offline")

    @property
    def label(self) -> str:
        """Translatable."""
        return self.value


class TimeProof(enum.Enum):
    TIMESTAMP = "timestamp"
    """Proven by a signature timestamp."""
    CLAIMED = "claimed"
    """Claimed by the signer, not proven."""


@dataclass(frozen=True)
class SigningTime:
    moment: dt.datetime
    proof: TimeProof


@dataclass(frozen=True)
class SignatureRow:
    report: SignatureReport
    number: int
    """1 for the first signature of its document."""
    signature_file: Path | None
    """The token, when the signature is a file beside its document; None when it is inside."""
    format_and_level: str
    """``XAdES B-B``, or the format alone when the level is not known."""
    time: SigningTime | None
    """The proven time if there is one, else the claimed one."""

    @property
    def indication(self) -> Indication:
        return self.report.indication

    @property
    def subindication_code(self) -> str | None:
        subindication = self.report.subindication
        return None if subindication is None else subindication.code

    @property
    def signer_name(self) -> str | None:
        return None if self.report.signer is None else self.report.signer.name

    @property
    def organisation(self) -> str | None:
        return None if self.report.signer is None else self.report.signer.organisation

    @property
    def siren(self) -> str | None:
        return None if self.report.signer is None else self.report.signer.siren

    @property
    def explanation(self) -> str | None:
        """Why, and what to do (translatable); None when the signature passed."""
        return self.report.explanation

    @property
    def timestamp_problems(self) -> tuple[TimestampReport, ...]:
        """The signature's timestamps that are not valid (failed or undecided), for a summary to
        say each in one line; the valid ones are told by the proven time alone. One undecided
        for the reason the signature itself is (offline: TRY_LATER for both) is left out: the
        signature's explanation already says it and what to do."""
        own = self.report.subindication
        return tuple(
            t
            for t in self.report.timestamps
            if t.indication is not Indication.TOTAL_PASSED
            and not (t.indication is Indication.INDETERMINATE and t.subindication is own)
        )


@dataclass(frozen=True)
class DocumentRow:
    report: DocumentReport
    signatures: tuple[SignatureRow, ...]
    verdict: Indication | None
    """Failed if any signature failed, valid if all passed, else indeterminate; None unsigned."""
    signers: tuple[str, ...]
    """Each signer's name once, in order."""
    organisations: tuple[str, ...]

    @property
    def path(self) -> Path:
        return self.report.path

    @property
    def time(self) -> SigningTime | None:
        """The signing time when the document has a single signature."""
        return self.signatures[0].time if len(self.signatures) == 1 else None


@dataclass(frozen=True)
class Summary:
    validation_time: dt.datetime
    mode: ValidationMode
    trust_sources: tuple[Notice, ...]
    documents: tuple[DocumentRow, ...]
    unsigned_documents: tuple[Path, ...]
    orphan_signatures: tuple[OrphanSignature, ...]
    errors: tuple[InputError, ...]
    tally: Tally


def summarise(report: ValidationReport) -> Summary:
    return Summary(
        validation_time=report.validation_time,
        mode=ValidationMode.OFFLINE if report.offline else ValidationMode.ONLINE,
        trust_sources=tuple(report.trust_sources),
        documents=tuple(document_row(document) for document in report.documents),
        unsigned_documents=tuple(report.unsigned_documents),
        orphan_signatures=tuple(report.orphan_signatures),
        errors=tuple(report.errors),
        tally=Tally.of(signature.indication for signature in report.all_signatures()),
    )


def document_row(document: DocumentReport) -> DocumentRow:
    signatures = document.signatures
    return DocumentRow(
        report=document,
        signatures=tuple(
            signature_row(document, signature, number)
            for number, signature in enumerate(signatures, start=1)
        ),
        verdict=overall(signature.indication for signature in signatures),
        signers=_unique(s.signer.name for s in signatures if s.signer),
        organisations=_unique(s.signer.organisation for s in signatures if s.signer),
    )


def signature_row(
    document: DocumentReport, signature: SignatureReport, number: int
) -> SignatureRow:
    beside = Path(signature.signature_path) != Path(document.path)
    return SignatureRow(
        report=signature,
        number=number,
        signature_file=Path(signature.signature_path) if beside else None,
        format_and_level=format_and_level(signature),
        time=signing_time(signature),
    )


def format_and_level(signature: SignatureReport) -> str:
    return f"{signature.format.value} {signature.level or ''}".strip()


def signing_time(signature: SignatureReport) -> SigningTime | None:
    """The time proven by a timestamp if any, else the time the signer claims."""
    if signature.timestamp_time is not None:
        return SigningTime(signature.timestamp_time, TimeProof.TIMESTAMP)
    if signature.signing_time is not None:
        return SigningTime(signature.signing_time, TimeProof.CLAIMED)
    return None


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return tuple(seen)
