"""Verification off the GUI thread: a QRunnable that runs the engine and speaks through signals.

The engine hashes documents and may fetch OCSP responses and CRLs; any of that can take seconds
(or minutes on a 2 GB file), so it never runs on the GUI thread. The runnable only emits
signals; the page, living on the GUI thread, receives them queued.

A buyer who drops several bid folders sees each folder's verdicts as soon as that folder is
verified: each folder given is verified on its own (``units``), the loose files together, and
the reports so far are merged and sent (``partial``). Pairing never crosses a folder given when
they are verified apart, so when one part left a signature without its document and another an
unsigned document, everything is verified once more in one call: the verdicts shown at the end
are always those of the engine's whole run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from ...core.errors import Cancelled
from ...core.progress import CancelToken
from ...core.trust import chosen_sources
from ...core.validation.report import ValidationReport
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


def _pairing_may_cross(reports: Sequence[ValidationReport]) -> bool:
    """One part has a signature without its document, another an unsigned document: in one
    run, the engine might pair them (by digest)."""
    for index, report in enumerate(reports):
        if report.orphan_signatures and any(
            other.unsigned_documents for i, other in enumerate(reports) if i != index
        ):
            return True
    return False


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
            if len(parts) > 1 and _pairing_may_cross(reports):
                self.signals.partial.emit(report)
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
