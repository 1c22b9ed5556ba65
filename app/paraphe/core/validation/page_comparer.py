"""The page comparison of ``pdf_visual_diff``, run in a child process that can be stopped.

pdfium draws a hostile page (a tiling pattern a hundredth of a point wide) for hours, inside one
C call that neither a timeout nor Ctrl+C can interrupt, and it is not thread-safe. So pages are
compared in a separate process, started on first need and kept for the next PDFs: each
comparison gets COMPARE_SECONDS and, where the system allows it, MEMORY_LIMIT bytes of address
space; past them, or on a cancellation, the process is stopped and the next comparison starts a
new one. A comparison that could not finish is reported as such (the signature is then not
TOTAL_PASSED), never as a verdict on the pages.
"""

from __future__ import annotations

import atexit
import multiprocessing
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from .pdf_visual_diff import Comparison, NotComparable, PageDifference

COMPARE_SECONDS = 60.0
MEMORY_LIMIT = 3 << 30
_POLL_SECONDS = 0.1


class PageComparer:
    """One child process comparing pages, one comparison at a time (any thread may ask)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: Any = None
        self._connection: Any = None

    def compare(
        self, comparison: Comparison, check_cancelled: Callable[[], None] = lambda: None
    ) -> list[PageDifference]:
        """``pdf_visual_diff.differences``, in the child. Raises NotComparable, or whatever
        ``check_cancelled`` raises (the comparison is then stopped)."""
        if not comparison.pages:
            return []
        with self._lock:
            connection = self._started()
            connection.send(comparison)
            deadline = time.monotonic() + COMPARE_SECONDS
            try:
                while not connection.poll(_POLL_SECONDS):
                    check_cancelled()
                    if time.monotonic() > deadline:
                        raise NotComparable(
                            f"the pages took more than {COMPARE_SECONDS:.0f} s to draw and compare"
                        )
                    if not self._process.is_alive():
                        raise NotComparable("the process drawing the pages stopped")
                kind, value = connection.recv()
            except BaseException:
                self._stop()
                raise
        if kind == "error":
            raise NotComparable(value)
        return list(value)

    def warm_up(self) -> None:
        """Start the process now, without waiting: its start-up (an interpreter, pyHanko,
        pdfium) then overlaps the signature checks that come before the comparison."""
        if self._lock.acquire(blocking=False):
            try:
                self._started()
            finally:
                self._lock.release()

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _started(self) -> Any:
        if self._process is None or not self._process.is_alive():
            self._stop()
            context = multiprocessing.get_context("spawn")
            parent, child = context.Pipe()
            self._process = context.Process(
                target=_serve, args=(child,), name="paraphe-page-comparer", daemon=True
            )
            self._process.start()
            child.close()
            self._connection = parent
        return self._connection

    def _stop(self) -> None:
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(5)
            self._process = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None


_shared: PageComparer | None = None
_shared_lock = threading.Lock()


def shared_comparer() -> PageComparer:
    """The process-wide comparer: its child (and pdfium's start-up) serve every verification."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = PageComparer()
            atexit.register(_shared.close)
        return _shared


def _serve(connection: Any) -> None:
    """The child: compare what is asked until the parent goes away. It imports pdfium and the
    comparison only (not pyHanko): it is ready by the time the parent has checked signatures."""
    _limit_memory()
    from ..library_warnings import keep_library_warnings_quiet

    keep_library_warnings_quiet()
    import pypdfium2  # noqa: F401

    from .pdf_visual_diff import differences

    while True:
        try:
            comparison = connection.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[str, Any] = ("ok", differences(comparison))
        except NotComparable as exc:
            answer = ("error", str(exc))
        except MemoryError:
            answer = ("error", "drawing the pages needed more memory than allowed")
        except Exception as exc:  # a page pdfium cannot read: nothing to compare
            answer = ("error", f"the pages could not be drawn ({type(exc).__name__})")
        connection.send(answer)


def _limit_memory() -> None:
    if sys.platform == "win32":
        return
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
