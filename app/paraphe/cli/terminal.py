"""Terminal output: progress on stderr for batches and large files, one line per result."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator
from typing import TextIO

from ..core.progress import Progress
from ..core.text.display_text import displayable

_LARGE_FILE = 32 << 20


class ProgressLine:
    """A self-rewriting status line, only on a terminal and at most ten times a second.

    Progress comes from the hashing thread; results and prompts come from the main thread: one
    lock keeps their output from interleaving.
    """

    def __init__(self, stream: TextIO = sys.stderr, enabled: bool | None = None) -> None:
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self._lock = threading.Lock()
        self._last = 0.0
        self._shown = False
        self._paused = False

    def __call__(self, progress: Progress) -> None:
        if not self.enabled or self._paused:
            return
        if progress.file_count == 1 and progress.bytes_total < _LARGE_FILE:
            return
        now = time.monotonic()
        finished = progress.bytes_done >= progress.bytes_total
        if now - self._last < 0.1 and not finished:
            return
        self._last = now
        percent = 100 * progress.bytes_done // progress.bytes_total if progress.bytes_total else 100
        name = displayable(progress.path.name)
        if len(name) > 40:
            name = name[:37] + "..."
        text = f"[{progress.file_index + 1}/{progress.file_count}] {name} {percent:3d}%"
        with self._lock:
            if self._paused:
                return
            self.stream.write("\r" + text.ljust(60))
            self.stream.flush()
            self._shown = True

    def _clear_locked(self) -> None:
        if self._shown:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
            self._shown = False

    def clear(self) -> None:
        with self._lock:
            self._clear_locked()

    def print_above(self, text: str, stream: TextIO | None = None) -> None:
        """Print a whole line; the progress line comes back with the next update."""
        with self._lock:
            self._clear_locked()
            print(text, file=stream or sys.stdout, flush=True)

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """No progress while the user types a password on the same terminal."""
        with self._lock:
            self._paused = True
            self._clear_locked()
        try:
            yield
        finally:
            self._paused = False
