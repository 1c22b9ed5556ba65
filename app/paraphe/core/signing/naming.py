"""Output names as buyer platforms expect them (Atexo Sign's convention).

``Acte_engagement.pdf - Signature 1.xml``; a second signer of the same file gets ``Signature 2``.
A PAdES copy is ``<stem>_signe.pdf``, then ``<stem>_signe-2.pdf`` if that exists.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

# Atexo also writes "X.pdf - 20260812193704 - Signature 1.xml"; both variants take a number.
_TIMESTAMPED = re.compile(r"^(?P<doc>.+) - \d{14} - Signature (?P<n>\d+)\.(?P<ext>xml|p7s)$")


def _taken_numbers(folder: Path, document_name: str, extension: str) -> set[int]:
    taken: set[int] = set()
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        return taken
    for name in names:
        match = _TIMESTAMPED.match(name)
        if match and match["doc"] == document_name and match["ext"] == extension:
            taken.add(int(match["n"]))
    return taken


def detached_token_names(document: Path, folder: Path, extension: str) -> Iterator[Path]:
    """Candidate token paths in order; the caller takes the first that it can create."""
    timestamped = _taken_numbers(folder, document.name, extension)
    for number in itertools.count(1):
        if number not in timestamped:
            yield folder / f"{document.name} - Signature {number}.{extension}"


def pades_output_names(document: Path, folder: Path, suffix: str) -> Iterator[Path]:
    extension = document.suffix or ".pdf"
    yield folder / f"{document.stem}{suffix}{extension}"
    for number in itertools.count(2):
        yield folder / f"{document.stem}{suffix}-{number}{extension}"
