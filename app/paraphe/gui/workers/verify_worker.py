"""Verification off the GUI thread: a QRunnable that runs the engine and speaks through signals.

The engine hashes documents and may fetch OCSP responses and CRLs; any of that can take seconds
(or minutes on a 2 GB file), so it never runs on the GUI thread. The runnable only emits
signals; the page, living on the GUI thread, receives them queued.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from ...core.errors import Cancelled
from ...core.progress import CancelToken
from ...core.trust import chosen_sources
from ...core.validation.settings import VerificationSettings
from ...core.validation.verifier import verify_paths


def verification_settings(offline: bool) -> VerificationSettings:
    """Trust and network settings as the CLI builds them, minus its per-run ``--trust`` files.

    Read at each run, so a certificate added to the user trust store counts at once.
    """
    from ...core.validation.settings import verification_settings as built

    return built(chosen_sources(), offline=offline)


class VerifySignals(QObject):
    progress = Signal(str)
    """The document or signature being verified (as the user knows its name)."""
    finished = Signal(object)
    """The ValidationReport."""
    failed = Signal(object)
    """The exception that stopped verification (for paraphe.gui.dialogs.errors.show_error)."""
    cancelled = Signal()
    """The user stopped it; there is no report."""


class VerifyJob(QRunnable):
    """One verification of a set of paths; create it on the GUI thread, start it on a pool."""

    def __init__(self, paths: Sequence[Path], offline: bool) -> None:
        super().__init__()
        self.paths = list(paths)
        self.offline = offline
        self.signals = VerifySignals()
        self._cancel = CancelToken()

    def cancel(self) -> None:
        """Stop before the next signature (any thread); the one under way finishes first."""
        self._cancel.cancel()

    def run(self) -> None:
        try:
            settings = verification_settings(self.offline)
            report = verify_paths(
                self.paths, settings, on_item=self.signals.progress.emit, cancel=self._cancel
            )
        except Cancelled:
            self.signals.cancelled.emit()
            return
        except BaseException as exc:
            self.signals.failed.emit(exc)
            return
        self.signals.finished.emit(report)
