"""The PDF report written off the GUI thread: a few seconds for a bid of a few hundred
signatures (5.6 s for 200 measured), which must not freeze the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal


class ReportSignals(QObject):
    finished = Signal(object)
    """The report's path, once it is written whole."""
    failed = Signal(object)
    """The ParapheError (ReportNotWritable) that stopped it; no file was left."""


class ReportJob(QRunnable):
    """Runs ``write`` (which writes the file whole or raises); create on the GUI thread."""

    def __init__(self, write: Callable[[], None], target: Path) -> None:
        super().__init__()
        self.write = write
        self.target = target
        self.signals = ReportSignals()

    def run(self) -> None:
        try:
            self.write()
        except BaseException as exc:
            self.signals.failed.emit(exc)
            return
        self.signals.finished.emit(self.target)
