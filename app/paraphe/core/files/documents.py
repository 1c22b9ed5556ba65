"""A file to sign or check: its path, its kind, and a digest computed as a stream.

Documents can be several GB: they are never read whole, only in 1 MiB chunks.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DocumentChanged, UnreadableDocument
from ..text.translatable import N_
from .user_files import open_regular

CHUNK_SIZE = 8 << 20  # few interpreter-lock hand-overs while libraries load beside it

DIGEST_ALGORITHMS = ("sha256", "sha384", "sha512")

# Bid documents are mostly office files; the system MIME database may not know them (it is absent
# on minimal Linux systems), so the common ones are listed here.
_KNOWN_MIME_TYPES = {
    ".pdf": "application/pdf",
    ".xml": "text/xml",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".html": "text/html",
    ".zip": "application/zip",
    ".7z": "application/x-7z-compressed",
    ".rar": "application/vnd.rar",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".rtf": "application/rtf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".dwg": "image/vnd.dwg",
    ".p7s": "application/pkcs7-signature",
}


def mime_type_for(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in _KNOWN_MIME_TYPES:
        return _KNOWN_MIME_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name, strict=False)
    return guessed or "application/octet-stream"


@dataclass(frozen=True)
class FileState:
    """Size and modification time, to notice a file that changes while it is being signed."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileState:
        st = os.stat(path)
        return cls(st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Document:
    path: Path
    size: int
    mime_type: str
    state: FileState

    @classmethod
    def open(cls, path: Path | str) -> Document:
        """Check that ``path`` is a readable regular file (a FIFO or a device is refused, never
        waited on), reading one byte of it."""
        path = Path(path)
        try:
            with open_regular(path) as handle:
                st = os.fstat(handle.fileno())
                handle.read(1)
        except FileNotFoundError:
            raise UnreadableDocument(path, detail=N_("no such file")) from None
        except OSError as exc:
            raise UnreadableDocument(path, detail=exc.strerror or str(exc)) from None
        return cls(path, st.st_size, mime_type_for(path), FileState(st.st_size, st.st_mtime_ns))

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def is_pdf(self) -> bool:
        return is_pdf_file(self.path)

    def digest(
        self,
        algorithm: str = "sha256",
        on_bytes: Callable[[int], None] | None = None,
    ) -> bytes:
        """Hash in 1 MiB chunks; ``on_bytes`` gets the running count and may raise to stop."""
        hasher = hashlib.new(algorithm)
        self.feed(hasher, on_bytes)
        return hasher.digest()

    def feed(self, hasher: Any, on_bytes: Callable[[int], None] | None = None) -> None:
        """Stream the file's bytes into ``hasher`` (a hashlib object), in chunks: for digests
        over the document and more (the XAdES archive timestamp's input)."""
        done = 0
        buffer = bytearray(CHUNK_SIZE)
        view = memoryview(buffer)
        try:
            with open_regular(self.path, buffered=False) as handle:
                while True:
                    count = handle.readinto(buffer)
                    if not count:
                        break
                    hasher.update(view[:count])
                    done += count
                    if on_bytes is not None:
                        on_bytes(done)
        except OSError as exc:
            raise UnreadableDocument(self.path, detail=exc.strerror or str(exc)) from None
        if done != self.size:
            raise DocumentChanged(self.path)

    def ensure_unchanged(self) -> None:
        """Refuse to publish a signature over a file that was modified after it was hashed."""
        try:
            now = FileState.of(self.path)
        except OSError as exc:
            raise UnreadableDocument(self.path, detail=exc.strerror or str(exc)) from None
        if now != self.state:
            raise DocumentChanged(self.path)


def is_pdf_file(path: Path) -> bool:
    """A PDF by its name, or by its first bytes when the name says nothing (a PDF saved without
    its extension): what PAdES accepts."""
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with open_regular(path) as handle:
            return handle.read(1024).lstrip().startswith(b"%PDF-")
    except OSError:
        return False
