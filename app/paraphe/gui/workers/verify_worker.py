"""Verification off the GUI thread: a QRunnable that runs the engine and speaks through signals.

The engine hashes documents and may fetch OCSP responses and CRLs; any of that can take seconds
(or minutes on a 2 GB file), so it never runs on the GUI thread. The runnable only emits
signals; the page, living on the GUI thread, receives them queued.

A buyer who drops several bid folders sees each folder's verdicts as soon as that folder is
verified: each folder given is verified on its own (``units``), the loose files together, and
the reports so far are merged and sent (``partial``). Pairing never crosses a folder given when
they are verified apart, so when one part left a signature without its document while another
has a document it may sign (an unsigned one, a signed PDF), those are verified once more
together (``cross_pairing``; the whole set when one is inside a ZIP archive): the verdicts shown
at the end are those the engine gives the whole set in one run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from ...core.errors import Cancelled
from ...core.progress import CancelToken
from ...core.trust import chosen_sources
from ...core.validation.report import DetectedFormat, ValidationReport
from ...core.validation.settings import VerificationSettings
from ...core.validation.verifier import verify_paths


def verification_settings(offline: bool) -> VerificationSettings:
    """Trust and network settings as the CLI builds them, minus its per-run ``--trust`` files.

    Read at each run, so a certificate added to the user trust store counts at once.
    """
    from ...core.validation.settings import verification_settings as built

    return built(chosen_sources(), offline=offline)


def units(paths: Sequence[Path]) -> list[list[Path]]:
    """The paths in the parts verified one after the other: each folder given (with whatever
    else given lies inside it), then the other files together (tokens, their documents, ZIPs),
    in the order given."""
    folders = [Path(p) for p in paths if Path(p).is_dir()]
    tops = [f for f in folders if not any(o != f and o in f.parents for o in folders)]
    by_folder: dict[Path, list[Path]] = {folder: [] for folder in tops}
    loose: list[Path] = []
    for path in map(Path, paths):
        home = next((f for f in tops if f == path or f in path.parents), None)
        if home is None:
            loose.append(path)
        elif path not in by_folder[home]:
            by_folder[home].append(path)
    parts = [part for part in by_folder.values() if part]
    return parts + ([loose] if loose else [])


def merged(reports: Sequence[ValidationReport]) -> ValidationReport:
    """One report for the parts verified so far (the first part's time and trust)."""
    first = reports[0]
    whole = ValidationReport(
        validation_time=first.validation_time,
        trust_sources=list(first.trust_sources),
        offline=first.offline,
    )
    for report in reports:
        whole.documents += report.documents
        whole.unsigned_documents += report.unsigned_documents
        whole.orphan_signatures += report.orphan_signatures
        whole.errors += report.errors
    return whole


@dataclass(frozen=True)
class CrossPairing:
    """What one run might have paired across the parts: the signatures left without their
    document, and the documents of the other parts a signature may sign (unsigned ones, signed
    PDFs: the engine pairs a token with either, by digest)."""

    orphans: tuple[Path, ...]
    candidates: tuple[Path, ...]

    @property
    def on_disk(self) -> bool:
        """Each is a file (not an entry of a ZIP archive, which only a whole run unpacks)."""
        return all(ARCHIVE_ENTRY not in str(path) for path in self.orphans + self.candidates)


ARCHIVE_ENTRY = "!/"
"""In a path shown for an entry of a ZIP archive: ``bid.zip!/Offre.pdf``."""


def cross_pairing(reports: Sequence[ValidationReport]) -> CrossPairing | None:
    """None when no signature of a part is left without its document while another part has
    a document it may sign."""
    for index, report in enumerate(reports):
        if not report.orphan_signatures:
            continue
        others = [other for i, other in enumerate(reports) if i != index]
        if any(other.unsigned_documents or _signed_pdfs(other) for other in others):
            break
    else:
        return None
    return CrossPairing(
        tuple(o.signature_path for r in reports for o in r.orphan_signatures),
        tuple(path for r in reports for path in [*r.unsigned_documents, *_signed_pdfs(r)]),
    )


def _signed_pdfs(report: ValidationReport) -> list[Path]:
    return [
        d.path
        for d in report.documents
        if any(s.format is DetectedFormat.PADES for s in d.signatures)
    ]


def repaired(
    whole: ValidationReport, cross: CrossPairing, again: ValidationReport
) -> ValidationReport:
    """``whole`` with what ``cross`` named replaced by ``again``, their verification together."""
    named = set(cross.orphans) | set(cross.candidates)
    result = ValidationReport(
        validation_time=whole.validation_time,
        trust_sources=list(whole.trust_sources),
        offline=whole.offline,
    )
    result.documents = [d for d in whole.documents if d.path not in named] + again.documents
    result.unsigned_documents = [
        p for p in whole.unsigned_documents if p not in named
    ] + again.unsigned_documents
    result.orphan_signatures = [
        o for o in whole.orphan_signatures if o.signature_path not in named
    ] + again.orphan_signatures
    result.errors = whole.errors + [e for e in again.errors if e not in whole.errors]
    return result


class VerifySignals(QObject):
    progress = Signal(int, int, str)
    """(items started so far, items expected or 0 when not known yet, the name of the one
    starting, as the user knows it)."""
    partial = Signal(object)
    """The ValidationReport of the parts verified so far, when there are more parts to go."""
    finished = Signal(object)
    """The ValidationReport."""
    failed = Signal(object)
    """The exception that stopped verification (for paraphe.gui.dialogs.errors.show_error)."""
    cancelled = Signal()
    """The user stopped it; there is no report."""


class VerifyJob(QRunnable):
    """One verification of a set of paths; create it on the GUI thread, start it on a pool.

    ``expected``: how many items the last run of the same paths checked (0 when unknown), so
    that the progress can say "12 / 48"; ``items`` says how many this run checked."""

    def __init__(self, paths: Sequence[Path], offline: bool, expected: int = 0) -> None:
        super().__init__()
        self.paths = list(paths)
        self.offline = offline
        self.expected = expected
        self.items = 0
        self.signals = VerifySignals()
        self._cancel = CancelToken()

    def cancel(self) -> None:
        """Stop before the next signature (any thread); the one under way finishes first."""
        self._cancel.cancel()

    def _started(self, name: str) -> None:
        self.items += 1
        self.signals.progress.emit(self.items, self.expected, name)

    def run(self) -> None:
        try:
            settings = verification_settings(self.offline)
            parts = units(self.paths)
            reports: list[ValidationReport] = []
            for index, part in enumerate(parts):
                reports.append(
                    verify_paths(part, settings, on_item=self._started, cancel=self._cancel)
                )
                if index < len(parts) - 1:
                    self.signals.partial.emit(merged(reports))
            report = merged(reports)
            cross = cross_pairing(reports) if len(parts) > 1 else None
            if cross is not None:
                self.signals.partial.emit(report)
                if cross.on_disk:  # the signatures left alone, with what they may sign
                    again = verify_paths(
                        [*cross.orphans, *cross.candidates],
                        settings,
                        on_item=self._started,
                        cancel=self._cancel,
                    )
                    report = repaired(report, cross, again)
                else:  # an entry of an archive: the whole set in one run
                    self.items = 0
                    report = verify_paths(
                        self.paths, settings, on_item=self._started, cancel=self._cancel
                    )
        except Cancelled:
            self.signals.cancelled.emit()
            return
        except BaseException as exc:
            self.signals.failed.emit(exc)
            return
        self.signals.finished.emit(report)
