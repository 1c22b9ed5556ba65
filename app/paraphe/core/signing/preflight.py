"""Before a password or PIN is asked: can each file of the batch be signed, and the key used?

One check for every face (the CLI refuses the batch, the desktop application lets the user sign
the files that can be): each file is there and readable, its format accepts it, its output folder
exists and can be written to, a free output name exists; the key file is a readable PKCS#12
structure; the certificate (the one the picker remembered, the token's, or one stored unencrypted
in the .p12) is valid now. Nothing is written and no secret is asked: a batch is refused for a
reason known in advance before the user types anything, and one bad file costs only itself.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import (
    Notice,
    OutputNotWritable,
    ParapheError,
    UnreadableDocument,
    UsageError,
)
from ..files.documents import Document
from .formats import HANDLERS
from .levels import assert_signable
from .request import SignRequest

if TYPE_CHECKING:
    from cryptography import x509

    from ..credentials.sources import KeySource

MAX_NUMBER = 10_000
"""Output names tried before saying none is free (``Signature 1`` .. ``Signature 10000``)."""


class DocumentMissing(UnreadableDocument):
    template = "{path}: no such file (it was moved, renamed or deleted)."


class OutputFolderMissing(OutputNotWritable):
    template = "{path}: cannot write the signatures here: there is no such folder. Choose another output folder."


class OutputFolderReadOnly(OutputNotWritable):
    template = (
        "{path}: cannot write the signatures here: the folder is read-only or not yours to"
        " write to. Choose another output folder."
    )


class NoFreeOutputName(OutputNotWritable):
    template = (
        "{path}: every output name for this file is taken in its folder. Choose another output"
        " folder."
    )


@dataclass(frozen=True)
class FileProblem:
    """Why one file cannot be signed: ``error`` may name the file or its output folder."""

    document: Path
    error: ParapheError


@dataclass(frozen=True)
class Preflight:
    """What the checks found: the files that can be signed, and why the others cannot."""

    ready: tuple[Path, ...]
    """The files that passed, in the request's order (a file given twice counted once)."""
    problems: tuple[FileProblem, ...] = ()
    """One per file that cannot be signed."""
    blocking: ParapheError | None = None
    """A problem that stops every file: the key file, the certificate, the output folder
    named in the request, or the request itself. ``ready`` is then empty."""
    outputs: dict[Path, Path] = field(default_factory=dict)
    """For each ready file, the name its signature will get if nothing changes meanwhile."""
    notices: tuple[Notice, ...] = ()

    @property
    def passed(self) -> bool:
        return self.blocking is None and not self.problems

    @property
    def first_problem(self) -> ParapheError | None:
        return self.blocking or (self.problems[0].error if self.problems else None)

    def problem_of(self, path: Path) -> ParapheError | None:
        return next((p.error for p in self.problems if p.document == path), None)

    def narrowed(self, request: SignRequest) -> SignRequest:
        """``request`` with only the files that passed: what "sign the others" signs."""
        return replace(request, documents=self.ready)


def preflight(
    request: SignRequest,
    source: KeySource | None = None,
    *,
    certificate: x509.Certificate | None = None,
    now: dt.datetime | None = None,
) -> Preflight:
    """Check ``request`` and its key ``source`` without asking any secret; ``certificate``: the
    signer's certificate when the face already knows it (a remembered .p12, a token key)."""
    try:
        request.assert_viable()
        assert_signable(request.level)
        if request.output_dir is not None:
            _check_folder(request.output_dir)
        if source is not None:
            certificate = _check_source(source, certificate)
        if certificate is not None:
            from ..x509.certificates import check_can_sign

            label = source.label if source is not None else ""
            check_can_sign(certificate, label, now or dt.datetime.now(dt.UTC))
    except ParapheError as error:
        return Preflight(ready=(), blocking=error)
    return _check_documents(request)


def _check_documents(request: SignRequest) -> Preflight:
    handler = HANDLERS[request.format]
    ready: list[Path] = []
    problems: list[FileProblem] = []
    outputs: dict[Path, Path] = {}
    seen: set[Path] = set()
    folders: dict[Path, ParapheError | None] = {}
    by_name: dict[str, Path] = {}
    for path in request.documents:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        try:
            document = _open(path)
            refusal = handler.refuse(document)
            if refusal is not None:
                raise refusal
            folder = request.output_dir or document.path.parent
            if folder not in folders:
                folders[folder] = _folder_problem(folder)
            folder_problem = folders[folder]
            if folder_problem is not None:
                raise folder_problem
            if request.output_dir is not None:
                other = by_name.setdefault(document.name, path)
                if other != path:
                    raise UsageError(
                        path,
                        detail=f"{other} and {path} have the same name: their signatures would"
                        f" be mixed up in {folder}. Sign them into different folders.",
                    )
            outputs[path] = _free_name(
                path, handler.output_names(document, folder, request), folder
            )
        except ParapheError as error:
            problems.append(FileProblem(path, error))
            continue
        ready.append(path)
    return Preflight(tuple(ready), tuple(problems), outputs=outputs)


def _open(path: Path) -> Document:
    if not os.path.lexists(path):
        raise DocumentMissing(path)
    return Document.open(path)


def _check_folder(folder: Path) -> None:
    problem = _folder_problem(folder)
    if problem is not None:
        raise problem


def _folder_problem(folder: Path) -> ParapheError | None:
    """Whether signatures can be published in ``folder``, found without writing to it: it
    exists, the user may create files there, and it is not on a read-only filesystem (root may
    write anywhere else, so ``os.access`` alone would not tell)."""
    if not folder.is_dir():
        return OutputFolderMissing(folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        return OutputFolderReadOnly(folder)
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return OutputFolderReadOnly(folder)
    except (OSError, AttributeError):  # no statvfs on Windows: os.access said yes
        pass
    return None


def _free_name(path: Path, candidates: Iterable[Path], folder: Path) -> Path:
    for number, candidate in enumerate(candidates):
        if number >= MAX_NUMBER:
            break
        if not os.path.lexists(candidate):
            return candidate
    raise NoFreeOutputName(path)


def _check_source(
    source: KeySource, certificate: x509.Certificate | None
) -> x509.Certificate | None:
    """A .p12 file's structure (its password is not needed for that); the certificate to check,
    when none was given and the file stores it unencrypted."""
    from ..credentials.sources import KeystoreFile

    if not isinstance(source, KeystoreFile):
        return certificate
    from ..credentials.pkcs12 import inspect_keystore

    stored = inspect_keystore(source.path)
    if certificate is not None:
        return certificate
    return _leaf(stored)


def _leaf(certificates: tuple[x509.Certificate, ...]) -> x509.Certificate | None:
    """The one certificate that issued no other: the signer's (None when it is not clear)."""
    issuers = {c.issuer for c in certificates if c.issuer != c.subject}
    leaves = [c for c in certificates if c.subject not in issuers]
    return leaves[0] if len(leaves) == 1 else None
