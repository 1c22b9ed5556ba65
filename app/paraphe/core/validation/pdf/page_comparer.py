"""The page comparison of ``visual_diff``, run in a child process that can be stopped.

pdfium draws a hostile page (a tiling pattern a hundredth of a point wide) for hours, inside one
C call that neither a timeout nor Ctrl+C can interrupt, and it is not thread-safe. So pages are
compared in a separate process, started on first need and kept for the next PDFs: each
comparison gets COMPARE_SECONDS and, where the system allows it, MEMORY_LIMIT bytes of address
space; past them, or on a cancellation, the process is stopped and the next comparison starts a
new one. A comparison that could not finish is reported as such (the signature is then not
TOTAL_PASSED), never as a verdict on the pages.

The child is a plain ``python -m paraphe.core.validation.pdf.page_comparer`` (in a bundle, the
``paraphe`` executable with PAGE_COMPARER_FLAG), talking pickles over its standard input and output:
unlike multiprocessing's spawn, it never re-runs the program that verifies (a script, a test
runner, a fuzzing worker). It imports pdfium and the comparison, not pyHanko, so it is ready
within a fraction of a second.
"""

from __future__ import annotations

import atexit
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Any

from ...text.translatable import N_, Worded
from .page_comparer_flag import PAGE_COMPARER_FLAG
from .visual_diff import Comparison, NotComparable, PageDifference

COMPARE_SECONDS = 60.0
MEMORY_LIMIT = 3 << 30
_POLL_SECONDS = 0.1
_HEADER = struct.Struct("!I")


class PageComparer:
    """One child process comparing pages, one comparison at a time (any thread may ask)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._answers: queue.Queue[tuple[str, Any]] = queue.Queue()

    def compare(
        self, comparison: Comparison, check_cancelled: Callable[[], None] = lambda: None
    ) -> list[PageDifference]:
        """``page_pixels.differences``, in the child. Raises NotComparable, or whatever
        ``check_cancelled`` raises (the comparison is then stopped)."""
        if not comparison.pages:
            return []
        with self._lock:
            process = self._started()
            try:
                assert process.stdin is not None
                _send(process.stdin, comparison)
                kind, value = self._answer(process, check_cancelled)
            except BaseException:
                self._stop()
                raise
        if kind == "error":
            raise NotComparable(value)
        return list(value)

    def warm_up(self) -> None:
        """Start the process now, without waiting: its start-up then overlaps the signature
        checks that come before the comparison."""
        if self._lock.acquire(blocking=False):
            try:
                self._started()
            finally:
                self._lock.release()

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _answer(
        self, process: subprocess.Popen[bytes], check_cancelled: Callable[[], None]
    ) -> tuple[str, Any]:
        deadline = time.monotonic() + COMPARE_SECONDS
        while True:
            try:
                return self._answers.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                pass
            check_cancelled()
            if time.monotonic() > deadline:
                raise NotComparable(
                    Worded(
                        N_("the pages took more than {seconds} s to draw and compare"),
                        seconds=f"{COMPARE_SECONDS:.0f}",
                    )
                )
            if process.poll() is not None and self._answers.empty():
                raise NotComparable("the process drawing the pages stopped")

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            self._stop()
            self._answers = queue.Queue()
            self._process = subprocess.Popen(
                _child_command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
            )
            answers, stdout = self._answers, self._process.stdout
            threading.Thread(
                target=_read_answers, args=(stdout, answers), name="page-comparer", daemon=True
            ).start()
        return self._process

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait(5)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


def _child_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, PAGE_COMPARER_FLAG]
    return [sys.executable, "-m", "paraphe.core.validation.pdf.page_comparer"]


def _send(stream: IO[bytes], value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """The next value on ``stream`` (only ever from our own parent or child); EOFError at its
    end."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    (length,) = _HEADER.unpack(header)
    data = stream.read(length)
    if len(data) < length:
        raise EOFError
    return pickle.loads(data)


def _read_answers(stream: Any, answers: queue.Queue[tuple[str, Any]]) -> None:
    try:
        while True:
            answers.put(_receive(stream))
    except (EOFError, OSError, ValueError, pickle.UnpicklingError):
        return


_shared: PageComparer | None = None
_shared_lock = threading.Lock()


def shared_comparer() -> PageComparer:
    """The process-wide comparer: its child serves every verification of this process."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = PageComparer()
            atexit.register(_shared.close)
        return _shared


def _forget_after_fork() -> None:
    """A forked process (a fuzzing worker, a server) has the parent's comparer but not the
    thread reading its answers: it starts its own (the parent's child is the parent's)."""
    global _shared, _shared_lock
    _shared, _shared_lock = None, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)


def serve() -> None:
    """The child: compare what is asked until the parent goes away."""
    _limit_memory()
    channel_in = sys.stdin.buffer
    channel_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # nothing else may write on the channel
    from ...adapters.library_warnings import keep_library_warnings_quiet

    keep_library_warnings_quiet()
    from .page_pixels import differences

    while True:
        try:
            comparison = _receive(channel_in)
        except EOFError:
            return
        try:
            answer: tuple[str, Any] = ("ok", differences(comparison))
        except NotComparable as exc:
            answer = ("error", str(exc))
        except MemoryError:
            answer = ("error", N_("drawing the pages needed more memory than allowed"))
        except Exception as exc:  # a page pdfium cannot read: nothing to compare
            answer = (
                "error",
                Worded(N_("the pages could not be drawn ({error})"), error=type(exc).__name__),
            )
        _send(channel_out, answer)


def _limit_memory() -> None:
    if sys.platform == "win32":
        return
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


if __name__ == "__main__":
    serve()
