"""Terminal output: progress on stderr for batches and large files, one line per result."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from ..core.progress import Progress

_LARGE_FILE = 32 << 20


class ProgressLine:
    """A single self-rewriting status line, only on a terminal and at most ten times a second."""

    def __init__(self, stream: TextIO = sys.stderr, enabled: bool | None = None) -> None:
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self._last = 0.0
        self._shown = False

    def __call__(self, progress: Progress) -> None:
        if not self.enabled:
            return
        if progress.file_count == 1 and progress.bytes_total < _LARGE_FILE:
            return
        now = time.monotonic()
        finished = progress.bytes_done >= progress.bytes_total
        if now - self._last < 0.1 and not finished:
            return
        self._last = now
        percent = 100 * progress.bytes_done // progress.bytes_total if progress.bytes_total else 100
        name = progress.path.name
        if len(name) > 40:
            name = name[:37] + "..."
        text = f"[{progress.file_index + 1}/{progress.file_count}] {name} {percent:3d}%"
        self.stream.write("\r" + text.ljust(60))
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
            self._shown = False
