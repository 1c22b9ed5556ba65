"""Unpack a bid ZIP exported by a buyer platform, defensively, into a private temporary folder.

Refused entries (reported, skipped): names that climb out of the folder (``../``, absolute
paths, drives), links, encrypted entries, and entries over 1 MiB that would unpack to more than
``MAX_ENTRY_RATIO`` times their compressed size. Nested archives are kept as documents (they may
be signed as such).

Refused archives (one line naming the limit, nothing unpacked): all is decided from the central
directory before the first byte is written, so a ZIP bomb costs nothing, whatever each entry's
ratio (thousands of entries of 1 MiB of zeros pass any per-entry rule):

- more than ``MAX_ENTRIES`` entries, or a central directory over ``MAX_DIRECTORY_BYTES`` (checked
  before it is parsed: its entries would all be held in memory);
- more than ``MAX_TOTAL_BYTES`` unpacked in all;
- more than ``MAX_ARCHIVE_RATIO`` times the archive's size, once over ``RATIO_FREE_BYTES``: bid
  archives hold PDFs and office files, already compressed (a ratio of 1 to 3); text and
  spreadsheets exported as CSV or XML reach 10 to 20; zeros reach 1,000. A small archive may
  compress as it likes: unpacking it costs little;
- more than the free space of the temporary folder, less ``FREE_SPACE_MARGIN`` for the system.

The sizes the directory announces are enforced while unpacking: an entry that turns out larger
is cut short and skipped. So is an entry that does not unpack (a wrong checksum, compressed data
that zlib, lzma or bz2 cannot read): the other entries are still unpacked.

Each problem is a ``Notice``: a translatable template naming the entry (``{name}``), which the
faces show in the user's language and the JSON report in English.
"""

from __future__ import annotations

import lzma
import os
import shutil
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ...errors import Notice
from ...text.translatable import N_

MiB = 1 << 20
GiB = 1 << 30

MAX_ENTRIES = 10_000
MAX_DIRECTORY_BYTES = 8 * MiB
MAX_TOTAL_BYTES = 16 * GiB
MAX_ARCHIVE_RATIO = 50
RATIO_FREE_BYTES = 256 * MiB
FREE_SPACE_MARGIN = 512 * MiB
MAX_ENTRY_RATIO = 200  # uncompressed / compressed, for entries over 1 MiB

TOO_MANY_ENTRIES = N_("the archive has more than 10,000 entries; it was not unpacked")
DIRECTORY_TOO_LARGE = N_(
    "the archive's table of contents is larger than 8 MiB; it was not unpacked"
)
TOO_LARGE = N_("the archive would unpack to more than 16 GiB; it was not unpacked")
TOO_COMPRESSED = N_(
    "the archive would unpack to more than 256 MiB and more than 50 times its size"
    " (a ZIP bomb?); it was not unpacked"
)
NO_ROOM = N_(
    "the archive would not fit in the free space of the temporary folder; it was not unpacked"
)
DAMAGED_ARCHIVE = N_("damaged archive ({detail})")
CANNOT_UNPACK = N_("cannot unpack it ({detail})")
UNSAFE_NAME = N_("{name}: unsafe name, skipped")
ENCRYPTED = N_("{name}: encrypted, skipped")
LINK = N_("{name}: link, skipped")
SUSPICIOUS_RATIO = N_("{name}: suspicious compression ratio, skipped")
LARGER_THAN_ANNOUNCED = N_("{name}: larger than announced, skipped")
DAMAGED_ENTRY = N_("{name}: damaged ({detail}), skipped")

_DAMAGED_ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    EOFError,
    NotImplementedError,
    ValueError,  # UnicodeDecodeError: a name flagged UTF-8 that is not
    struct.error,
)
"""What zipfile raises on a damaged central directory."""
_DAMAGED_ENTRY_ERRORS = (
    *_DAMAGED_ARCHIVE_ERRORS,
    zlib.error,
    lzma.LZMAError,
    OSError,  # bz2: "Invalid data stream"
    RuntimeError,  # a local header that contradicts the directory (encrypted after all...)
)
"""What zipfile and its decompressors raise on an entry that does not unpack."""


@dataclass
class Unpacked:
    files: list[tuple[Path, str]] = field(default_factory=list)
    """(extracted path, name shown to the user: ``archive.zip!/inner/file``)."""
    problems: list[Notice] = field(default_factory=list)


def is_zip(path: Path, source: BinaryIO) -> bool:
    return path.suffix.lower() == ".zip" and zipfile.is_zipfile(source)


def unpack(
    archive: Path,
    source: BinaryIO,
    into: Path,
    check_cancelled: Callable[[], None] | None = None,
) -> Unpacked:
    """Unpack ``source`` (the open ``archive``) into ``into``, within the module's limits;
    ``check_cancelled`` is called between chunks and may raise to stop."""
    result = Unpacked()
    try:
        if refusal := directory_refusal(source):
            result.problems.append(Notice(refusal))
            return result
        with zipfile.ZipFile(source) as zipped:
            entries = zipped.infolist()
            if len(entries) > MAX_ENTRIES:
                result.problems.append(Notice(TOO_MANY_ENTRIES))
                return result
            planned, skipped = _plan(entries)
            total = sum(entry.file_size for entry, _ in planned)
            if refusal := _size_refusal(total, os.fstat(source.fileno()).st_size, into):
                result.problems.append(Notice(refusal))
                return result
            result.problems.extend(skipped)
            for entry, name in planned:
                target = into.joinpath(*name.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                if problem := _copy_capped(zipped, entry, target, check_cancelled):
                    result.problems.append(problem)
                    target.unlink(missing_ok=True)
                    continue
                result.files.append((target, f"{archive}!/{name}"))
    except _DAMAGED_ARCHIVE_ERRORS as exc:
        result.problems.append(Notice(DAMAGED_ARCHIVE, detail=_detail(exc)))
    except OSError as exc:  # writing: the temporary folder is full, or gone
        result.problems.append(Notice(CANNOT_UNPACK, detail=exc.strerror or _detail(exc)))
    return result


def _detail(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def directory_refusal(source: BinaryIO) -> str | None:
    """The central directory's announced size and count, read before zipfile parses it all.
    (zipfile's reader of the end record is private; were it gone, the count is checked after.)"""
    end_record = getattr(zipfile, "_EndRecData", None)
    count_at = getattr(zipfile, "_ECD_ENTRIES_TOTAL", None)
    size_at = getattr(zipfile, "_ECD_SIZE", None)
    if end_record is None or count_at is None or size_at is None:
        return None
    record = end_record(source)
    if not record:
        return None  # zipfile will say what is wrong
    if record[count_at] > MAX_ENTRIES:
        return TOO_MANY_ENTRIES
    if record[size_at] > MAX_DIRECTORY_BYTES:
        return DIRECTORY_TOO_LARGE
    return None


def _plan(
    entries: list[zipfile.ZipInfo],
) -> tuple[list[tuple[zipfile.ZipInfo, PurePosixPath]], list[Notice]]:
    """The entries to unpack, and why each other one is skipped."""
    planned = []
    skipped = []
    for entry in entries:
        if entry.is_dir():
            continue
        name = _safe_name(entry)
        if name is None:
            skipped.append(Notice(UNSAFE_NAME, name=entry_name(entry)))
        elif entry.flag_bits & 0x1:
            skipped.append(Notice(ENCRYPTED, name=entry_name(entry)))
        elif _is_link(entry):
            skipped.append(Notice(LINK, name=entry_name(entry)))
        elif entry.file_size > MiB and entry.file_size > MAX_ENTRY_RATIO * max(
            entry.compress_size, 1
        ):
            skipped.append(Notice(SUSPICIOUS_RATIO, name=entry_name(entry)))
        else:
            planned.append((entry, name))
    return planned, skipped


def _size_refusal(total: int, archive_size: int, into: Path) -> str | None:
    if total > MAX_TOTAL_BYTES:
        return TOO_LARGE
    if total > RATIO_FREE_BYTES and total > MAX_ARCHIVE_RATIO * archive_size:
        return TOO_COMPRESSED
    if total + FREE_SPACE_MARGIN > free_space(into):
        return NO_ROOM
    return None


def free_space(folder: Path) -> int:
    return shutil.disk_usage(folder).free


def entry_name(entry: zipfile.ZipInfo) -> str:
    """The entry's name as its creator wrote it: zipfile decodes a name without the UTF-8 flag
    (bit 11) as CP437, but many tools (7-Zip, Windows' own since 2019, macOS, Java) write
    UTF-8 without setting it: "Pi├¿ce.pdf" is "Pièce.pdf". A name that is valid UTF-8 is
    taken as UTF-8 (CP437 text with accents almost never is), any other as CP437."""
    if entry.flag_bits & 0x800:
        return entry.filename
    try:
        return entry.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return entry.filename


def _safe_name(entry: zipfile.ZipInfo) -> PurePosixPath | None:
    path = PurePosixPath(entry_name(entry).replace("\\", "/"))
    if not path.parts or path.is_absolute() or ":" in path.parts[0]:
        return None  # empty, absolute, or a Windows drive
    if any(part in ("..", "") for part in path.parts):
        return None
    return path


def _is_link(entry: zipfile.ZipInfo) -> bool:
    mode = entry.external_attr >> 16
    return stat.S_ISLNK(mode)


def _copy_capped(
    zipped: zipfile.ZipFile,
    entry: zipfile.ZipInfo,
    target: Path,
    check_cancelled: Callable[[], None] | None,
) -> Notice | None:
    """The entry unpacked to ``target``; or why it was not (``target`` is then incomplete).
    Errors reading the archive are the entry's; errors writing ``target`` are raised."""
    limit = entry.file_size
    written = 0
    with open(target, "wb") as out:
        try:
            source = zipped.open(entry)
        except _DAMAGED_ENTRY_ERRORS as exc:
            return Notice(DAMAGED_ENTRY, name=entry_name(entry), detail=_detail(exc))
        with source:
            while True:
                try:
                    chunk = source.read(MiB)
                except _DAMAGED_ENTRY_ERRORS as exc:
                    return Notice(DAMAGED_ENTRY, name=entry_name(entry), detail=_detail(exc))
                if not chunk:
                    return None
                if check_cancelled is not None:
                    check_cancelled()
                written += len(chunk)
                if written > limit:
                    return Notice(LARGER_THAN_ANNOUNCED, name=entry_name(entry))
                out.write(chunk)
