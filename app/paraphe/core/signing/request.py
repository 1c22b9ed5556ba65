"""What to sign and how (``SignRequest``), and what was written (``SignResult``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..credentials.base import RsaPadding
from ..errors import Notice, UsageError
from ..etsi import BaselineLevel, SignatureFormat
from ..files.documents import DIGEST_ALGORITHMS
from ..text.translatable import N_
from ..timestamps.servers import TsaServer
from .levels import needs_timestamp


@dataclass(frozen=True)
class VisibleSignature:
    """Where to draw a PAdES signature stamp, in PDF points from the page's lower-left corner."""

    page: int = 1
    """1-based page number; negative counts from the end (-1 is the last page)."""
    box: tuple[int, int, int, int] | None = None
    """x1, y1, x2, y2; None lets Paraphe choose a blank place (bottom right by default, see
    ``stamp_place``)."""
    translate: Callable[[str], str] | None = field(default=None, compare=False, repr=False)
    """The face's translation of the stamp's words into the user's language (``stamp_text``);
    None prints them in English."""


@dataclass(frozen=True)
class SignRequest:
    documents: tuple[Path, ...]
    format: SignatureFormat = SignatureFormat.XADES
    level: BaselineLevel = BaselineLevel.B_B
    digest_algorithm: str = "sha256"
    """Hash used for the documents and the signature: sha256, sha384 or sha512."""
    output_dir: Path | None = None
    """Folder for the outputs; None writes each beside its document."""
    rsa_padding: RsaPadding = RsaPadding.PKCS1V15
    visible: VisibleSignature | None = None
    """PAdES only: draw a stamp with the signer's name and the date."""
    pades_suffix: str = "_signe"
    """PAdES output name: ``<stem><suffix>.pdf``."""
    tsa: tuple[TsaServer, ...] = ()
    """Timestamp servers, tried in order; levels B-T and above need one."""

    def assert_viable(self) -> None:
        if not self.documents:
            raise UsageError(detail=N_("no file to sign"))
        if self.digest_algorithm not in DIGEST_ALGORITHMS:
            raise UsageError(detail=f"unsupported digest {self.digest_algorithm}")
        if self.visible is not None and self.format is not SignatureFormat.PADES:
            raise UsageError(detail=N_("a visible signature is only possible in PAdES (PDF)"))
        if not self.pades_suffix or any(sep in self.pades_suffix for sep in "/\\"):
            raise UsageError(detail=N_("the PAdES output suffix must be a plain name part"))
        if needs_timestamp(self.level) and not self.tsa:
            raise UsageError(
                detail=f"level {self.level.value} needs a timestamp server: give one with --tsa"
                " URL or in the settings"
            )


@dataclass(frozen=True)
class SignResult:
    document: Path
    output: Path
    format: SignatureFormat
    notices: tuple[Notice, ...] = field(default=())
