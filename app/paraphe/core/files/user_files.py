"""Open a file the user named: a regular file only, without ever blocking, and read it boundedly.

A path given on a command line or dropped on a window can name anything: a FIFO (whose open or
read blocks until some other process writes), a device (``/dev/zero`` never ends), a socket, or
a symbolic link to any of those. Only regular files are opened. The type is checked on the open
descriptor (``fstat``), not only on the name, so a file swapped between the check and the open
is still caught; and the open itself does not wait (``O_NONBLOCK``), so it cannot hang on a FIFO
that no process writes to. Formats read whole (tokens, certificates, keystores) are read up to a
limit of their own, so time and memory stay bounded whatever the file.

A secret (a password or a PIN) may also come from a pipe: ``--password-file <(pass show x)``.
Only there are pipes accepted, waited for like standard input, and read to their first line.

Errors are ``OSError``s whose ``strerror`` is a short translatable phrase, so the callers' usual
``except OSError`` turns them into one line naming the file.
"""

from __future__ import annotations

import errno
import io
import os
import select
import stat
from pathlib import Path
from typing import BinaryIO

from ..text.translatable import N_

NOT_REGULAR = N_("not a regular file")
NOT_REGULAR_NOR_PIPE = N_("not a regular file nor a pipe")
A_FOLDER = N_("it is a folder, not a file")
TOO_LARGE = N_("too large for this kind of file")
LINE_TOO_LONG = N_("its first line is too long")

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
    | getattr(os, "O_NONBLOCK", 0)  # POSIX: opening a FIFO or a device must not wait
    | getattr(os, "O_NOCTTY", 0)  # a terminal named by mistake must not become ours
)


class NotRegularFile(OSError):
    """A FIFO, device, socket or folder where a file was expected."""

    def __init__(self, path: Path | str, reason: str = NOT_REGULAR) -> None:
        super().__init__(errno.EISDIR if reason == A_FOLDER else errno.EINVAL, reason, str(path))


class TooLarge(OSError):
    """More bytes than the format can need: not read any further."""

    def __init__(self, path: Path | str, reason: str = TOO_LARGE) -> None:
        super().__init__(errno.EFBIG, reason, str(path))


def open_regular(
    path: Path | str, *, pipes: bool = False, buffered: bool = True
) -> io.BufferedReader | io.FileIO:
    """``path`` opened for reading in binary, if it is a regular file (or, with ``pipes``, a
    pipe, then waited for until its writer has written or closed)."""
    _refuse_unless_wanted(path, os.stat(path).st_mode, pipes)  # a device is not even opened
    fd = os.open(path, _OPEN_FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        _refuse_unless_wanted(path, mode, pipes)  # what was opened, not what was looked at
        if stat.S_ISFIFO(mode):
            select.select([fd], [], [])  # a writer has written or closed: reading will not spin
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        raw = io.FileIO(fd, "rb")
        return io.BufferedReader(raw) if buffered else raw
    except BaseException:
        os.close(fd)
        raise


def _refuse_unless_wanted(path: Path | str, mode: int, pipes: bool) -> None:
    if stat.S_ISREG(mode) or (pipes and stat.S_ISFIFO(mode)):
        return
    if stat.S_ISDIR(mode):
        raise NotRegularFile(path, A_FOLDER)
    raise NotRegularFile(path, NOT_REGULAR_NOR_PIPE if pipes else NOT_REGULAR)


def read_bounded(path: Path | str, limit: int) -> bytes:
    """The whole regular file, refused with ``TooLarge`` past ``limit`` bytes (never read
    further, even if the file grows while it is read)."""
    with open_regular(path) as handle:
        if os.fstat(handle.fileno()).st_size > limit:
            raise TooLarge(path)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(path)
    return data


def first_line(
    source: BinaryIO | io.BufferedReader | io.FileIO, limit: int, name: Path | str
) -> bytes:
    """The first line of ``source`` without its line end, reading at most ``limit`` + 1 bytes."""
    line = source.readline(limit + 1)
    if len(line) > limit:
        raise TooLarge(name, LINE_TOO_LONG)
    return line.rstrip(b"\r\n")


def read_first_line(path: Path | str, limit: int) -> bytes:
    """The first line of a regular file or a pipe (where secrets come from), boundedly."""
    with open_regular(path, pipes=True) as handle:
        return first_line(handle, limit, path)
