"""The unpacked container's files as the signatures of one run see them: their digests computed
once (streamed), which of them some signature covers, and why a signed one is missing."""

from __future__ import annotations

from pathlib import PurePosixPath

from ...errors import Cancelled, ParapheError
from ...files.documents import Document
from ...text.translatable import N_, Worded
from ..context import VerificationContext
from .reading import AsicContents


class ContainerFiles:
    def __init__(self, contents: AsicContents, context: VerificationContext) -> None:
        self.contents = contents
        self.context = context
        self.covered: set[str] = set()
        """Data objects some signature of the container references, whatever its verdict."""
        self._digests: dict[tuple[str, str], bytes | None] = {}

    def digest(self, name: str, algorithm: str) -> bytes | None:
        """The entry's digest (hashlib's ``algorithm``), streamed, computed once per algorithm;
        None if it cannot be read or the algorithm is unknown. Cancelling stops it."""
        key = (name, algorithm)
        if key not in self._digests:
            try:
                document = Document.open(self.contents.files[name])
                self._digests[key] = document.digest(algorithm, self.context.check_cancelled)
            except Cancelled:  # a ParapheError too: never taken for an unreadable file
                raise
            except (ParapheError, ValueError):
                self._digests[key] = None
        return self._digests[key]

    def shown(self, name: str) -> str:
        """An entry named by a reference (``./a/b.pdf``) as the user knows it: ``X.asice!/a/b.pdf``."""
        return self.contents.shown("/".join(p for p in PurePosixPath(name).parts if p != "."))

    def absence(self, shown: str, name: str | None = None) -> str:
        """Why a signed file is not there: not unpacked (and why), or not in the container."""
        why = self.contents.skipped.get(name or "")
        if why is not None:
            return Worded(
                N_("{file} is signed but could not be unpacked ({why})"),
                file=shown,
                why=why.message,
            )
        return Worded(
            N_("{file} is signed but is not in the container (removed after signing?)"),
            file=shown,
        )

    def no_data_object(self) -> str:
        """Why a detached signature over the container's one data object has none."""
        skipped = [n for n in self.contents.data_objects if n in self.contents.skipped]
        if skipped:
            return self.absence(self.contents.shown(skipped[0]), skipped[0])
        return "the container holds no data object (removed after signing?)"
