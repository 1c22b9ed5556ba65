"""Private temporary folders (archives unpacked for a verification) that do not outlive their run.

A folder is removed when its run ends, however it ends: normally, on an error, or on Ctrl+C,
SIGTERM or SIGHUP (the command line turns those into an exception that unwinds through here).
A run killed outright (``kill -9``, a crash, a power cut) cannot clean up: its folder is removed
by the next run that makes one, in the same temporary folder, of the same user.

Never the folder of a run still going on in another process: each live folder holds a lock on a
file inside it (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows), which the system
releases when the process ends, however it ends. A folder whose lock can be taken belongs to no
living run. The owner writes its process id into the lock file once it holds the lock, so an
empty lock file is a run that is starting (left alone), unless it is older than
``LOCKLESS_AGE``: then it is a run killed in that instant, or a folder made by a version of
Paraphe without locks.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = ".paraphe-lock"
LOCKLESS_AGE = 600.0
"""Seconds after which a folder without a taken lock is taken for abandoned."""

if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int, wait: bool) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int, wait: bool) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)


@contextlib.contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A new private folder in the temporary folder, locked while in use, removed on exit;
    folders of the same prefix abandoned by killed runs are removed first."""
    parent = Path(tempfile.gettempdir())
    remove_abandoned(parent, prefix)
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    lock_fd = -1
    try:
        lock_fd = os.open(folder / LOCK_NAME, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
        if _lock(lock_fd, wait=True):
            os.write(lock_fd, f"{os.getpid()}\n".encode("ascii"))
        yield folder
    finally:
        if lock_fd >= 0:
            _unlock(lock_fd)
            os.close(lock_fd)  # before removing: Windows does not delete an open file
        shutil.rmtree(folder, ignore_errors=True)


def remove_abandoned(parent: Path, prefix: str) -> list[Path]:
    """Remove the ``prefix*`` folders in ``parent`` that no living run holds; return them."""
    removed: list[Path] = []
    try:
        entries = [entry for entry in os.scandir(parent) if entry.name.startswith(prefix)]
    except OSError:
        return removed
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode):
            continue  # a link or a file under our prefix is not one of our folders
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            continue  # another user's run, in a shared temporary folder
        folder = Path(entry.path)
        if _abandoned(folder, info.st_mtime):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _abandoned(folder: Path, modified: float) -> bool:
    old = time.time() - modified > LOCKLESS_AGE
    try:
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return old
    except OSError:
        return False
    try:
        if not _lock(fd, wait=False):
            return False  # its run is alive
        try:
            return os.fstat(fd).st_size > 0 or old
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
