"""Unpack a bid ZIP exported by a buyer platform, defensively, into a private temporary folder.

Refused: entries that climb out of the folder (``../``, absolute paths), links, encrypted
entries, and archives that would unpack to more than the limits (ZIP bombs). Nested archives
are kept as documents (they may be signed as such).
"""

from __future__ import annotations

import shutil
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 16 << 30
MAX_RATIO = 200  # uncompressed / compressed, for entries over 1 MiB


@dataclass
class Unpacked:
    files: list[tuple[Path, str]] = field(default_factory=list)
    """(extracted path, name shown to the user: ``archive.zip!/inner/file``)."""
    problems: list[str] = field(default_factory=list)


def is_zip(path: Path) -> bool:
    return path.suffix.lower() == ".zip" and zipfile.is_zipfile(path)


def unpack(archive: Path, into: Path) -> Unpacked:
    result = Unpacked()
    try:
        with zipfile.ZipFile(archive) as zipped:
            entries = zipped.infolist()
            if len(entries) > MAX_ENTRIES:
                result.problems.append(f"more than {MAX_ENTRIES} entries")
                return result
            total = 0
            for entry in entries:
                if entry.is_dir():
                    continue
                name = _safe_name(entry)
                if name is None:
                    result.problems.append(f"{entry.filename}: unsafe name, skipped")
                    continue
                if entry.flag_bits & 0x1:
                    result.problems.append(f"{entry.filename}: encrypted, skipped")
                    continue
                if _is_link(entry):
                    result.problems.append(f"{entry.filename}: link, skipped")
                    continue
                if entry.file_size > (1 << 20) and entry.file_size > MAX_RATIO * max(
                    entry.compress_size, 1
                ):
                    result.problems.append(
                        f"{entry.filename}: suspicious compression ratio, skipped"
                    )
                    continue
                total += entry.file_size
                if total > MAX_TOTAL_BYTES:
                    result.problems.append("the archive unpacks to more than 16 GiB; stopped")
                    return result
                target = into.joinpath(*name.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                if not _copy_capped(zipped, entry, target):
                    result.problems.append(f"{entry.filename}: larger than announced, skipped")
                    target.unlink(missing_ok=True)
                    continue
                result.files.append((target, f"{archive}!/{name}"))
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        result.problems.append(f"damaged archive ({exc})")
    return result


def _safe_name(entry: zipfile.ZipInfo) -> PurePosixPath | None:
    path = PurePosixPath(entry.filename.replace("\\", "/"))
    if not path.parts or path.is_absolute() or ":" in path.parts[0]:
        return None  # empty, absolute, or a Windows drive
    if any(part in ("..", "") for part in path.parts):
        return None
    return path


def _is_link(entry: zipfile.ZipInfo) -> bool:
    mode = entry.external_attr >> 16
    return stat.S_ISLNK(mode)


def _copy_capped(zipped: zipfile.ZipFile, entry: zipfile.ZipInfo, target: Path) -> bool:
    limit = entry.file_size
    written = 0
    with zipped.open(entry) as source, open(target, "wb") as out:
        while chunk := source.read(1 << 20):
            written += len(chunk)
            if written > limit:
                return False
            out.write(chunk)
    return True


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
