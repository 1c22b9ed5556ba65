"""Write an output so that it appears whole, under a name that did not exist, or not at all;
or in place of an existing file in one step (``replace``: extending a signature).

On Linux the content goes to an unnamed file (O_TMPFILE) that is linked into the folder only once
it is complete, flushed and checked: even a killed process leaves nothing behind. Elsewhere a
hidden temporary file is used and removed on any failure. ``os.link`` refuses an existing name, so
nothing is ever overwritten, even when two signers write into the same folder at once.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from ..errors import OutputNotWritable
from ..text.translatable import N_

_NO_TMPFILE = {errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT}
_NO_LINK = {errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


class StagedFile:
    """A binary file under construction in ``folder``; ``publish()`` gives it its final name.

    ``for_file`` is the file this output is made for: its errors name it (a full disk fails
    every file of a batch; each failure must say which file it was), else the folder.
    """

    def __init__(self, folder: Path, for_file: Path | None = None) -> None:
        self.folder = folder
        self.for_file = for_file
        self._temp_path: Path | None = None
        self.file: BinaryIO = self._create()
        self.published: Path | None = None

    def _create(self) -> BinaryIO:
        if not self.folder.is_dir():
            raise OutputNotWritable(
                self.for_file or self.folder, detail=N_("the folder does not exist")
            )
        tmpfile_flag = getattr(os, "O_TMPFILE", 0)
        if tmpfile_flag and sys.platform.startswith("linux"):
            try:
                fd = os.open(self.folder, tmpfile_flag | os.O_RDWR, 0o666)
                return os.fdopen(fd, "w+b")
            except OSError as exc:
                if exc.errno not in _NO_TMPFILE:
                    raise self._failure(exc) from None
        try:
            fd, name = tempfile.mkstemp(prefix=".paraphe-", suffix=".part", dir=self.folder)
        except OSError as exc:
            raise self._failure(exc) from None
        self._temp_path = Path(name)
        return os.fdopen(fd, "w+b")

    def flush_to_disk(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())

    def publish(self, candidates: Iterable[Path]) -> Path:
        """Link the finished content to the first candidate name that does not exist yet."""
        try:
            self.flush_to_disk()
        except OSError as exc:
            raise self._failure(exc) from None
        for candidate in candidates:
            try:
                self._link(candidate)
            except FileExistsError:
                continue
            except OSError as exc:
                raise self._failure(exc, candidate) from None
            self.published = candidate
            self._sync_folder()
            return candidate
        raise OutputNotWritable(self.for_file or self.folder, detail=N_("no free output name"))

    def replace(self, target: Path) -> Path:
        """Put the finished content in place of ``target``, in one step (``os.replace``): at
        every moment ``target`` is either the old file or the new one, whole. The new file keeps
        the old one's permissions."""
        try:
            self.flush_to_disk()
            mode = target.stat().st_mode & 0o7777
            if self._temp_path is None:  # an unnamed file: give it a hidden name, then swap
                hidden = self.folder / f".paraphe-{os.urandom(6).hex()}.part"
                self._link(hidden)
                self._temp_path = hidden
            os.chmod(self._temp_path, mode)
            os.replace(self._temp_path, target)
        except OSError as exc:
            raise self._failure(exc, target) from None
        self._temp_path = None
        self.published = target
        self._sync_folder()
        return target

    def put(self, target: Path) -> Path:
        """The finished content as ``target``: a new file, or in place of an existing one in
        one step (a report written again under the same name)."""
        if not target.exists():
            try:
                return self.publish([target])
            except OutputNotWritable:
                if not target.exists():
                    raise
        return self.replace(target)

    def _failure(self, exc: OSError, output: Path | None = None) -> OutputNotWritable:
        """The error for ``exc``, naming the file the output is for (else the output or the
        folder) and the system's reason (``No space left on device``)."""
        named = self.for_file or output or self.folder
        return OutputNotWritable(named, detail=exc.strerror or str(exc))

    def _link(self, target: Path) -> None:
        if self._temp_path is None:
            # A directory fd makes CPython call linkat(AT_SYMLINK_FOLLOW) instead of link().
            folder_fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.link(
                    f"/proc/self/fd/{self.file.fileno()}",
                    target.name,
                    dst_dir_fd=folder_fd,
                    follow_symlinks=True,
                )
            finally:
                os.close(folder_fd)
            return
        try:
            os.link(self._temp_path, target)
        except OSError as exc:
            if exc.errno not in _NO_LINK or isinstance(exc, FileExistsError):
                raise
            # No hard links here (FAT, some network shares): rename, refusing an existing name.
            if target.exists():
                raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
            os.rename(self._temp_path, target)
            self._temp_path = None

    def _sync_folder(self) -> None:
        if os.name != "posix":
            return
        with contextlib.suppress(OSError):
            fd = os.open(self.folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        if self._temp_path is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._temp_path)
            self._temp_path = None

    def __enter__(self) -> StagedFile:
        return self

    def __exit__(self, *exc: object) -> None:
        # Published or not, the temporary name goes away; the published link stays.
        self.discard()
