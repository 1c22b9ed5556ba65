"""Progress reports and cancellation shared by every long task (hashing, batches)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import Cancelled


@dataclass(frozen=True)
class Progress:
    """Where a batch stands: which file, and how far into it."""

    file_index: int
    file_count: int
    path: Path
    bytes_done: int
    bytes_total: int


ProgressCallback = Callable[[Progress], None]


class CancelToken:
    """Set from any thread (a Cancel button, Ctrl+C); checked by the engine between chunks."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
