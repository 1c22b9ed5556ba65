"""Which ASiC a file is, if any: cheaply, for discovery, and from what was read, for the validator.

EN 319 162-1 names a container's type three ways, in this order of authority: the ``mimetype``
entry (A.1: the media type, first in the ZIP, so that its bytes sit at a fixed offset), the ZIP
comment ``mimetype=<media type>`` (A.1 too, optional), the extension (``.asics``/``.scs``,
``.asice``/``.sce``). A container may carry none of them: a ``.zip`` whose ``META-INF/`` holds
ASiC signature files or manifests is one too (DSS and libdigidocpp read those), its type then
told by its structure.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ...files.user_files import open_regular
from ..inputs import archives
from ..report import Container

ASIC_S_MEDIA_TYPE = "application/vnd.etsi.asic-s+zip"
ASIC_E_MEDIA_TYPE = "application/vnd.etsi.asic-e+zip"
MEDIA_TYPES = {ASIC_S_MEDIA_TYPE: Container.ASIC_S, ASIC_E_MEDIA_TYPE: Container.ASIC_E}

SUFFIXES = {
    ".asics": Container.ASIC_S,
    ".scs": Container.ASIC_S,
    ".asice": Container.ASIC_E,
    ".sce": Container.ASIC_E,
}

META_INF = "META-INF/"

_LOCAL_HEADER = b"PK\x03\x04"
_MIMETYPE_NAME = b"mimetype"
_HEAD_BYTES = 30 + len(_MIMETYPE_NAME) + len(ASIC_E_MEDIA_TYPE) + 8
_MAX_LISTED = archives.MAX_ENTRIES
"""Past this many entries a ``.zip`` is not searched for ASiC signature files (``archives``
refuses to unpack more anyway)."""


def media_type_container(text: str | None) -> Container | None:
    """The container a media type names (surrounding blanks allowed, as libdigidocpp reads it)."""
    return MEDIA_TYPES.get(text.strip()) if text is not None else None


def comment_container(comment: bytes) -> Container | None:
    """The container the ZIP comment names (``mimetype=application/vnd.etsi.asic-e+zip``)."""
    _, marker, rest = comment.decode("ascii", "replace").partition("mimetype=")
    words = rest.split()
    return media_type_container(words[0]) if marker and words else None


def is_signature_entry(name: str) -> bool:
    """An ASiC signature file: ``META-INF/*signature*.p7s`` (CAdES) or ``META-INF/*signatures*.xml``
    (XAdES), directly in META-INF (EN 319 162-1, 4.3.3 and 4.4.3)."""
    path = PurePosixPath(name)
    if str(path.parent) + "/" != META_INF:
        return False
    lower = path.name.lower()
    return (lower.endswith(".p7s") and "signature" in lower) or (
        lower.endswith(".xml") and "signatures" in lower
    )


def is_asic_manifest(name: str) -> bool:
    """``META-INF/ASiCManifest*.xml``: what an ASiC-E CAdES signature signs (EN 319 162-1, A.4)."""
    path = PurePosixPath(name)
    return (
        str(path.parent) + "/" == META_INF
        and path.name.startswith("ASiCManifest")
        and (path.suffix.lower() == ".xml")
    )


def asic_kind(path: Path) -> Container | None:
    """The container ``path`` is, or None: a file named ``.asics``/``.scs``/``.asice``/``.sce``
    (whatever it holds: one that is not a readable ZIP is a damaged container, which the
    validator reports as such, not an unsigned document), a ZIP whose first entry is an ASiC
    ``mimetype``, or a ``.zip`` whose ``META-INF/`` holds ASiC signature files or manifests.
    Reads the first bytes, and a ``.zip``'s directory only when they do not decide; never
    raises on what the file holds."""
    named = SUFFIXES.get(path.suffix.lower())
    try:
        with open_regular(path) as handle:
            head = handle.read(_HEAD_BYTES)
            declared = _leading_mimetype(head) if head.startswith(_LOCAL_HEADER) else None
            if declared is not None or named is not None:
                return declared or named
            if path.suffix.lower() != ".zip":
                return None
            return _zip_with_asic_entries(handle)
    except OSError:
        return None


def _leading_mimetype(head: bytes) -> Container | None:
    """The media type stored at the fixed offset A.1 gives it (IANA's magic number: ``PK`` at 0,
    ``mimetype`` at 30, the media type at 38), when the first entry is that ``mimetype``."""
    name_length = int.from_bytes(head[26:28], "little")
    extra_length = int.from_bytes(head[28:30], "little")
    if head[30 : 30 + name_length] != _MIMETYPE_NAME or extra_length:
        return None
    start = 30 + name_length
    for media_type, container in MEDIA_TYPES.items():
        if head[start : start + len(media_type)] == media_type.encode():
            return container
    return None


def _zip_with_asic_entries(handle: BinaryIO) -> Container | None:
    """A ``.zip`` holding ASiC signature files or manifests in ``META-INF/``, and its type."""
    try:
        # the archive limits' own check of the directory's announced size and count, before
        # zipfile parses it all (a hostile directory of millions of entries costs nothing)
        if archives.directory_refusal(handle) is not None:
            return None
        with zipfile.ZipFile(handle) as zipped:
            entries = zipped.infolist()
            if len(entries) > _MAX_LISTED:
                return None
            names = [archives.entry_name(entry) for entry in entries]
            if not any(is_signature_entry(n) or is_asic_manifest(n) for n in names):
                return None
            return comment_container(zipped.comment) or structural_kind(names)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
        return None


def structural_kind(names: list[str]) -> Container:
    """The type a container without a declared one has, from its entries: ASiC-E when it has an
    ASiCManifest or more than one data object, else ASiC-S (EN 319 162-1, 4.3 and 4.4)."""
    if any(is_asic_manifest(n) for n in names):
        return Container.ASIC_E
    data = [
        n for n in names if n != "mimetype" and not n.startswith(META_INF) and not n.endswith("/")
    ]
    return Container.ASIC_S if len(data) == 1 and "/" not in data[0] else Container.ASIC_E
