"""Extending signatures off the GUI thread through the engine's ``extend_batch``.

Asking a timestamp server takes a network round trip per file (ten seconds when one is down),
so it never runs on the GUI thread. The runnable only emits signals; the page receives them
queued. Each file is replaced in one step by the engine, so a stop between files leaves every
file whole: the ones done extended, the others as they were.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, Signal

from ...core.errors import Cancelled
from ...core.progress import CancelToken
from ...core.signing.extend import ExtendRequest


class ExtendSignals(QObject):
    file_done = Signal(object)
    """An ``Extended``: a file extended, or found already at the level."""
    finished = Signal(object)
    """The ``ExtendOutcome`` (its failures are the files that could not be extended)."""
    failed = Signal(object)
    """The exception that stopped the batch (``TimestampUnavailable``, ``UnsupportedDocument``,
    ...), for paraphe.gui.dialogs.errors.show_error; files reported by ``file_done`` before it
    were extended."""
    cancelled = Signal()
    """The user stopped it between two files."""


class ExtendJob(QRunnable):
    """One ``extend_batch``; create it on the GUI thread, start it on a pool."""

    def __init__(self, request: ExtendRequest) -> None:
        super().__init__()
        self.request = request
        self.signals = ExtendSignals()
        self._cancel = CancelToken()

    def cancel(self) -> None:
        """Stop before the next file (any thread); the one under way is finished first."""
        self._cancel.cancel()

    def run(self) -> None:
        from ...core.signing.extend import extend_batch

        try:
            outcome = extend_batch(
                self.request, on_result=self.signals.file_done.emit, cancel=self._cancel
            )
        except Cancelled:
            self.signals.cancelled.emit()
            return
        except BaseException as exc:
            self.signals.failed.emit(exc)
            return
        self.signals.finished.emit(outcome)
