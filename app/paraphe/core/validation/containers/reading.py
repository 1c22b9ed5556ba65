"""Reading an ASiC container (EN 319 162-1): unpacked with the limits of ``inputs.archives`` (ZIP
bombs, names that climb out, links, encrypted entries, sizes), then what the ZIP's directory says
about its ``mimetype`` entry, and its entries sorted into data objects and ``META-INF/`` files.

Two entries of one name make a container whose signed content cannot be told: a tool that keeps
the first would show one file, one that keeps the last another. Such a container is damaged
(FORMAT_FAILURE), whatever its signatures say.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ...errors import Notice
from ...files.user_files import open_regular
from ...text.translatable import N_, Worded
from ..inputs import archives
from ..report import Container
from .kind import (
    META_INF,
    SUFFIXES,
    comment_container,
    is_asic_manifest,
    is_signature_entry,
    media_type_container,
    structural_kind,
)

MIMETYPE = "mimetype"
_MAX_MIMETYPE_BYTES = 256
_LOCAL_EXTRA_LENGTH_AT = 28
"""Offset of the extra field's length in a ZIP local file header (APPNOTE 4.3.7)."""

_DAMAGED = (zipfile.BadZipFile, EOFError, NotImplementedError, ValueError, struct.error, zlib.error)

DUPLICATE_ENTRY = N_("the entry {name} appears more than once: which one was signed cannot be told")


@dataclass(frozen=True)
class MimetypeEntry:
    """The ``mimetype`` entry as found, and the rules of EN 319 162-1 A.1 it breaks."""

    present: bool
    media_type: str | None = None
    """Its content, blanks stripped; None when absent or unreadable."""
    broken: tuple[str, ...] = ()
    """One line per rule broken: not first, compressed, an extra field, not an ASiC type."""


@dataclass
class AsicContents:
    """An unpacked container: its type and every entry, by its name inside the container."""

    path: Path
    kind: Container
    kind_source: str
    """What told the type: ``mimetype``, ``ZIP comment``, ``file name`` or ``content``."""
    mimetype: MimetypeEntry
    files: dict[str, Path] = field(default_factory=dict)
    """Every entry unpacked: its name in the container (``folder/doc.pdf``) to its copy."""
    skipped: dict[str, Notice] = field(default_factory=dict)
    """Entries not unpacked (unsafe name, link, encrypted, damaged...): name to why."""
    disagreements: list[str] = field(default_factory=list)
    """Where the mimetype, the ZIP comment and the file name name different types."""

    @property
    def data_objects(self) -> list[str]:
        """What the signatures are about: every entry outside META-INF but the mimetype,
        whether it was unpacked or not (EN 319 162-1, 4.3.3 and 4.4.3)."""
        names = {*self.files, *self.skipped}
        return sorted(n for n in names if n != MIMETYPE and not n.startswith(META_INF))

    @property
    def signature_entries(self) -> list[str]:
        """The signature files, those that could not be unpacked included (each gets a
        verdict: a damaged signature file is not an absent one)."""
        return sorted(n for n in {*self.files, *self.skipped} if is_signature_entry(n))

    @property
    def manifests(self) -> list[str]:
        return sorted(n for n in self.files if is_asic_manifest(n))

    def shown(self, name: str) -> str:
        """An entry as the user recognises it: ``Offre.asice!/folder/doc.pdf``."""
        return f"{self.path.name}!/{name}"


@dataclass(frozen=True)
class NotAContainer:
    """Why the container could not be read: damaged (TOTAL_FAILED, FORMAT_FAILURE) or beyond
    the limits (INDETERMINATE: a valid container is never called damaged for its size)."""

    reason: str
    damaged: bool = True


def read_container(
    path: Path, into: Path, check_cancelled: Callable[[], None] | None = None
) -> AsicContents | NotAContainer:
    """The container at ``path``, unpacked into ``into`` (an empty private folder)."""
    try:
        with open_regular(path) as handle:
            unpacked = archives.unpack(path, handle, into, check_cancelled)
            refusal = _refusal(unpacked.problems)
            if refusal is not None:
                return refusal
            try:
                return _contents(path, handle, into, unpacked)
            except _DAMAGED as exc:
                return NotAContainer(
                    Worded(N_("damaged ZIP ({error})"), error=str(exc) or type(exc).__name__)
                )
    except OSError as exc:
        return NotAContainer(exc.strerror or str(exc), damaged=False)


def _refusal(problems: list[Notice]) -> NotAContainer | None:
    """The whole archive refused: damaged, or beyond a limit (entries, sizes, ratio, room)."""
    for problem in problems:
        if "name" in problem.params:
            continue  # one entry skipped: the container is still read
        return NotAContainer(problem.message, damaged=problem.template == archives.DAMAGED_ARCHIVE)
    return None


def _contents(
    path: Path, handle: BinaryIO, into: Path, unpacked: archives.Unpacked
) -> AsicContents | NotAContainer:
    with zipfile.ZipFile(handle) as zipped:
        entries = [entry for entry in zipped.infolist() if not entry.is_dir()]
        # as unpacked: ``a\\b`` and ``a/b`` land on one file (``archives`` reads both as a/b)
        counts = Counter(archives.entry_name(entry).replace("\\", "/") for entry in entries)
        for name, count in counts.items():
            if count > 1:
                return NotAContainer(DUPLICATE_ENTRY.format(name=name))
        mimetype = _mimetype(zipped, handle, zipped.infolist())
        comment_kind = comment_container(zipped.comment)
    names = [archives.entry_name(entry) for entry in entries]
    declared = media_type_container(mimetype.media_type)
    named = SUFFIXES.get(path.suffix.lower())
    sources = [
        (N_("mimetype"), declared),
        (N_("ZIP comment"), comment_kind),
        (N_("file name"), named),
    ]
    known = [(source, kind) for source, kind in sources if kind is not None]
    kind_source, kind = known[0] if known else (N_("content"), structural_kind(names))
    disagreements: list[str] = [
        Worded(
            N_("the {source} says {other}, the {kind_source} {kind}"),
            source=Worded(source),
            other=other.value,
            kind_source=Worded(kind_source),
            kind=kind.value,
        )
        for source, other in known[1:]
        if other is not kind
    ]
    contents = AsicContents(path, kind, kind_source, mimetype, disagreements=disagreements)
    for target, _shown in unpacked.files:
        contents.files[target.relative_to(into).as_posix()] = target
    for problem in unpacked.problems:
        name = str(problem.params.get("name", ""))
        contents.skipped[name.replace("\\", "/")] = problem
    return contents


def _mimetype(
    zipped: zipfile.ZipFile, handle: BinaryIO, entries: list[zipfile.ZipInfo]
) -> MimetypeEntry:
    """The ``mimetype`` entry judged by EN 319 162-1 A.1: first in the ZIP (its bytes then sit at
    the offset readers look for), stored uncompressed, without an extra field, holding an ASiC
    media type."""
    found = [
        entry for entry in entries if archives.entry_name(entry) == MIMETYPE
    ]  # folders count for "first"
    if not found:
        return MimetypeEntry(present=False)
    entry = found[0]
    broken = []
    first = min(entries, key=lambda e: e.header_offset)
    if first is not entry:
        broken.append(N_("it is not the first entry of the ZIP"))
    if entry.compress_type != zipfile.ZIP_STORED:
        broken.append(N_("it is compressed"))
    if entry.extra or _local_extra_length(handle, entry):
        broken.append(N_("its header has an extra field"))
    media_type = None
    try:
        with zipped.open(entry) as source:
            raw = source.read(_MAX_MIMETYPE_BYTES + 1)
    except (*_DAMAGED, RuntimeError, OSError) as exc:
        broken.append(
            Worded(N_("it cannot be read ({error})"), error=str(exc) or type(exc).__name__)
        )
    else:
        if len(raw) > _MAX_MIMETYPE_BYTES:
            broken.append(N_("it is too long for a media type"))
        else:
            media_type = raw.decode("utf-8", "replace").lstrip("\ufeff").strip()
            if media_type_container(media_type) is None:
                broken.append(
                    Worded(
                        N_("it holds {value}, not an ASiC media type"), value=repr(media_type[:80])
                    )
                )
    return MimetypeEntry(True, media_type, tuple(broken))


def _local_extra_length(handle: BinaryIO, entry: zipfile.ZipInfo) -> int:
    """The extra field's length in the entry's local header (the central directory's copy may
    differ: A.1 is about the bytes at the start of the file)."""
    handle.seek(entry.header_offset + _LOCAL_EXTRA_LENGTH_AT)
    raw = handle.read(2)
    return int.from_bytes(raw, "little") if len(raw) == 2 else 0
