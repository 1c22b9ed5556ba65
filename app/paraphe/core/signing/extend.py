"""Raise existing signatures to a higher level (``paraphe extend``), ours and other tools'.

Only unsigned data is added, so a signature stays valid: a XAdES SignatureTimeStamp, a CAdES
signature-time-stamp attribute, a PDF document timestamp (EN 319 142-1 accepts one for B-T; it
covers every signature before it). The signed document is never touched. The new token or PDF
is written beside the old one, read back and checked (the signed parts byte for byte as they
were, the timestamp for this signature), then put in its place in one step
(``StagedFile.replace``): there is never a moment when neither exists.

Levels follow DSS and libdigidocpp: one step per level, each building on the one below. This
version reaches B-T, B-LT (the validation data of the signer and of the timestamps) and B-LTA
(an archive timestamp over all of it); ``renew`` adds one more archive timestamp to a B-LTA
signature, before the last one's TSA certificate expires.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from ..errors import (
    Cancelled,
    OutputNotWritable,
    ParapheError,
    SigningFailed,
    TimestampUnavailable,
    UnsupportedDocument,
    UsageError,
)
from ..etsi import BaselineLevel
from ..files.documents import FileState
from ..files.staged_file import StagedFile
from ..progress import CancelToken
from ..text.translatable import N_
from ..timestamps.servers import TsaServer

if TYPE_CHECKING:
    from ..timestamps.client import TimestampService

EXTENDABLE_LEVELS = (BaselineLevel.B_T, BaselineLevel.B_LT, BaselineLevel.B_LTA)
"""Levels ``extend`` can reach in this version."""

_ORDER = tuple(BaselineLevel)


@dataclass(frozen=True)
class ExtendRequest:
    paths: tuple[Path, ...]
    level: BaselineLevel
    tsa: tuple[TsaServer, ...]
    digest_algorithm: str = "sha256"
    """Hash of the timestamps' imprints."""
    renew: bool = False
    """B-LTA only: add an archive timestamp to signatures already at B-LTA too."""

    def assert_viable(self) -> None:
        if not self.paths:
            raise UsageError(detail=N_("no signature to extend"))
        if self.level not in EXTENDABLE_LEVELS:
            raise UsageError(
                detail=f"signatures cannot be extended to {self.level.value} by this version"
                " yet (B-T and B-LT can)"
            )
        if self.renew and self.level is not BaselineLevel.B_LTA:
            raise UsageError(detail=N_("only a B-LTA signature can be renewed (--level B-LTA)"))
        if not self.tsa:
            raise UsageError(
                detail=f"level {self.level.value} needs a timestamp server: give one with --tsa"
                " URL or in the settings"
            )


@dataclass(frozen=True)
class Extended:
    path: Path
    before: BaselineLevel
    after: BaselineLevel
    renewed: bool = False
    """A B-LTA signature given one more archive timestamp."""

    @property
    def changed(self) -> bool:
        return self.before != self.after or self.renewed


@dataclass
class ExtendOutcome:
    results: list[Extended] = field(default_factory=list)
    failures: list[ParapheError] = field(default_factory=list)


class Extender(Protocol):
    """One kind of signature file: its level, and how to raise it one level at a time."""

    def level(self, path: Path) -> BaselineLevel: ...

    def add_level(
        self,
        path: Path,
        out: BinaryIO,
        level: BaselineLevel,
        timestamps: TimestampService,
        md_algorithm: str,
    ) -> None:
        """Write to ``out`` the file raised from the level below ``level`` to ``level`` (B-T: a
        timestamp; B-LT: the validation data); raise ``UnsupportedDocument`` when it cannot."""

    def check(
        self, original: Path, written: BinaryIO, level: BaselineLevel, md_algorithm: str
    ) -> str | None:
        """Why the written file is not the original plus what ``level`` adds, or None."""


def extend_batch(
    request: ExtendRequest,
    *,
    on_result: Callable[[Extended], None] | None = None,
    cancel: CancelToken | None = None,
) -> ExtendOutcome:
    """Extend every signature file of ``request``. Raises before anything is written when a
    file is no signature or no timestamp server answers; failures of single files are in the
    outcome."""
    request.assert_viable()
    cancel = cancel or CancelToken()
    planned = [(path, _extender_for(path)) for path in request.paths]
    from ..timestamps.client import TimestampService

    outcome = ExtendOutcome()
    from ..validation_data.cache import cache_dir

    with TimestampService(request.tsa, cache_dir()) as timestamps:
        timestamps.check_reachable(request.digest_algorithm)
        for path, extender in planned:
            cancel.raise_if_cancelled()
            try:
                result = _extend_one(path, extender, request, timestamps)
            except (Cancelled, TimestampUnavailable):
                raise
            except ParapheError as exc:
                outcome.failures.append(exc)
                continue
            except Exception as exc:  # a library tripping on someone else's signature
                outcome.failures.append(SigningFailed(path, detail=f"{type(exc).__name__}: {exc}"))
                continue
            outcome.results.append(result)
            if on_result is not None:
                on_result(result)
    return outcome


def _extender_for(path: Path) -> Extender:
    from ..validation.inputs.discovery import Kind, classify

    if not path.is_file():
        raise UnsupportedDocument(path, detail=N_("no such file"))
    kind = classify(path).kind
    if kind is Kind.XADES:
        from .extend_formats import XadesExtender

        return XadesExtender()
    if kind in (Kind.CADES, Kind.P7M):
        from .extend_formats import CadesExtender

        return CadesExtender()
    if kind is Kind.PDF:
        from .extend_formats import PdfExtender

        return PdfExtender()
    raise UnsupportedDocument(
        path,
        detail=N_(
            "not a signature Paraphe can extend (a XAdES .xml token, a CAdES .p7s/.p7m or"
            " a signed PDF)"
        ),
    )


def _extend_one(
    path: Path, extender: Extender, request: ExtendRequest, timestamps: TimestampService
) -> Extended:
    """One level at a time (DSS and libdigidocpp do the same): each step is written beside the
    file, checked against it, and swapped in, so a failure at B-LT leaves a whole B-T file."""
    before = extender.level(path)
    reached = before
    steps = list(_ORDER[_ORDER.index(before) + 1 : _ORDER.index(request.level) + 1])
    if request.renew and before is BaselineLevel.B_LTA:
        steps = [BaselineLevel.B_LTA]  # one more archive timestamp, over the last one
    for level in steps:
        state = FileState.of(path)
        with StagedFile(path.parent, for_file=path) as staged:
            extender.add_level(path, staged.file, level, timestamps, request.digest_algorithm)
            staged.file.flush()
            problem = extender.check(path, staged.file, level, request.digest_algorithm)
            if problem is not None:
                raise SigningFailed(
                    path, detail=f"the extended signature does not check: {problem}"
                )
            if FileState.of(path) != state:
                raise OutputNotWritable(
                    path, detail=N_("the file changed while it was being extended")
                )
            staged.replace(path)
        reached = level
    return Extended(path, before, reached, renewed=bool(steps) and before is reached)
