"""Atexo Sign's file names, which buyer platforms expect: built for outputs, parsed to pair a
signature token with its document. One pattern for both.

``Acte_engagement.pdf - Signature 1.xml``; a second signer of the same file gets ``Signature 2``.
Atexo also writes ``X.pdf - 20260812193704 - Signature 1.xml``: both variants take a number.
A PAdES copy is ``<stem>_signe.pdf``, then ``<stem>_signe-2.pdf`` if that exists.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_TOKEN_NAME = re.compile(
    r"^(?P<doc>.+?) - (?:(?P<stamp>\d{14}) - )?Signature (?P<n>\d+)\.(?P<ext>xml|p7s)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TokenName:
    """What a detached signature token's name says."""

    document: str
    """The name of the signed document, beside the token."""
    number: int
    extension: str
    """``xml`` or ``p7s``, as written."""
    timestamped: bool
    """Atexo's variant with the signing time in the name."""


def parse_token_name(name: str) -> TokenName | None:
    """The parts of an Atexo token name, or None when ``name`` is not one."""
    match = _TOKEN_NAME.match(name)
    if match is None:
        return None
    return TokenName(match["doc"], int(match["n"]), match["ext"], match["stamp"] is not None)


def _taken_numbers(folder: Path, document_name: str, extension: str) -> set[int]:
    taken: set[int] = set()
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        return taken
    prefix = f"{document_name} - "  # a cheap test first: a batch lists its folder once per file
    for name in names:
        if not name.startswith(prefix):
            continue
        parsed = parse_token_name(name)
        if (
            parsed is not None
            and parsed.timestamped
            and parsed.document == document_name
            and parsed.extension == extension
        ):
            taken.add(parsed.number)
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


def tokens_beside(document: Path) -> list[Path]:
    """The tokens in the document's folder whose Atexo name names it (``X.pdf - Signature 1.xml``,
    ``X.pdf - 20260812193704 - Signature 2.p7s``), in name order: what to verify with a
    document given alone, so that it is not taken for an unsigned one."""
    prefix = f"{document.name} - "
    try:
        names = sorted(p.name for p in document.parent.iterdir() if p.name.startswith(prefix))
    except OSError:
        return []
    found = []
    for name in names:
        parsed = parse_token_name(name)
        if parsed is not None and parsed.document == document.name:
            found.append(document.parent / name)
    return found
