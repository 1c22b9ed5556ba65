"""The document inside an enveloping CMS signature (a ``.p7m``): its name, and writing it out
(``paraphe verify --extract DIR``).

The name comes from the signature file's own name (``Offre.pdf.p7m`` holds ``Offre.pdf``), never
from the token's content: nothing a signer wrote is used as a path. The file is written whole or
not at all (``StagedFile``), under a name that does not exist yet: ``Offre (2).pdf`` when
``Offre.pdf`` is there, so nothing is ever overwritten.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from asn1crypto import core

from ...errors import OutputNotWritable
from ...files.staged_file import StagedFile
from .reading import NotRead, load_signed_data

ENVELOPING_SUFFIXES = (".p7m", ".pkcs7")
UNNAMED = "content"
"""The name of a document whose signature file does not say it (no ``.p7m`` suffix)."""
MAX_NAMES = 1000


class DocumentNotExtracted(OutputNotWritable):
    """The document of one signature file could not be written (``path``: that file)."""

    template = (
        "{path}: cannot write its signed document into {folder} ({detail}); nothing was written."
    )


class ExtractionFolderNotWritable(OutputNotWritable):
    template = "{path}: cannot write the signed documents here ({detail}); nothing was extracted."


def enveloped_name(token: Path) -> str:
    """``Offre.pdf.p7m`` → ``Offre.pdf``; ``content`` when the name has no such suffix."""
    name = token.name
    for suffix in ENVELOPING_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if stem.strip(". "):
                return stem
    return UNNAMED


def free_names(folder: Path, name: str) -> Iterator[Path]:
    """``name``, then ``stem (2).ext``, ``stem (3).ext``... in ``folder``."""
    yield folder / name
    path = Path(name)
    stem, suffix = (path.stem, path.suffix) if path.stem else (name, "")
    for number in range(2, MAX_NAMES):
        yield folder / f"{stem} ({number}){suffix}"


def check_folder(folder: Path) -> None:
    """Raises ``ExtractionFolderNotWritable`` now, before any work, if ``folder`` cannot be
    written (a temporary file is made there and goes away)."""
    try:
        with StagedFile(folder, for_file=folder):
            pass
    except OutputNotWritable as exc:
        raise ExtractionFolderNotWritable(folder, detail=exc.params.get("detail", "")) from None


def extract_document(token: Path, folder: Path) -> Path | None:
    """The document of the enveloping signature ``token`` written into ``folder`` under a free
    name; None when the token holds none (detached, or unreadable: its verdict says why)."""
    loaded = load_signed_data(token)
    if isinstance(loaded, NotRead):
        return None
    content = loaded["encap_content_info"]["content"]
    if isinstance(content, core.Void):
        return None
    try:
        data = bytes(content)
    except (ValueError, TypeError):
        return None
    try:
        with StagedFile(folder, for_file=token) as staged:
            staged.file.write(data)
            return staged.publish(free_names(folder, enveloped_name(token)))
    except OutputNotWritable as exc:
        raise DocumentNotExtracted(
            token, folder=folder, detail=exc.params.get("detail", "")
        ) from None
    except OSError as exc:
        raise DocumentNotExtracted(token, folder=folder, detail=exc.strerror or str(exc)) from None
