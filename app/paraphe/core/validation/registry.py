"""Every signature format the verifier knows, as validators tried in order: the first that accepts
an item validates it.

A validator says what it accepts from the item alone (its kind, as discovery classified it, and
whether a document was paired with it) and validates it into one report per signature. Each one
imports its implementation only when it first validates, so a run pays only for the formats it
meets. The places for what comes next:

- ASiC-S and ASiC-E containers: a ``containers/`` package and its validator, reading the ZIP
  with ``inputs.archives``' limits and handing each signature to the validators below;
- signature timestamps and validation data (B-T and above), and EU trusted lists for the
  qualification of signatures: steps that the validators call, in ``timestamps.py`` and
  ``qualification.py``, next to ``certificate_path.py``.
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .context import VerificationContext
from .inputs.discovery import Found, Kind
from .report import DetectedFormat, SignatureReport


@dataclass(frozen=True)
class Item:
    """One signature file to validate and, for a detached token, the document paired with it."""

    signature: Found
    document: Found | None = None

    @property
    def document_path(self) -> Path | None:
        return self.document.path if self.document is not None else None

    @property
    def signed_path(self) -> Path:
        """What the signature signs, for a report: the paired document, or the file itself."""
        return self.document_path or self.signature.path


class Validator(Protocol):
    format: DetectedFormat
    """The format its reports give, a failure reported for it included."""

    def accepts(self, item: Item) -> bool: ...

    def validate(self, item: Item, context: VerificationContext) -> list[SignatureReport]:
        """One report per signature; what the input holds ends in a verdict, never an exception
        (but cancellation and lack of memory)."""
        ...


class _OfKind:
    """A validator that accepts the files discovery classified as its ``kind``."""

    kind: Kind
    implementation = ""
    """The module that validates them, relative to this package: imported on first use (or
    by ``preload``)."""

    def accepts(self, item: Item) -> bool:
        return item.signature.kind is self.kind

    def module(self) -> Any:
        return importlib.import_module(self.implementation, __package__)


class DetachedXades(_OfKind):
    """``<document> - Signature N.xml``: one ds:Signature naming its document (EN 319 132-1)."""

    format = DetectedFormat.XADES
    kind = Kind.XADES
    implementation = ".xades.validator"

    def validate(self, item: Item, context: VerificationContext) -> list[SignatureReport]:
        reports: list[SignatureReport] = self.module().validate_xades(
            item.signature.path, item.document_path, context
        )
        return reports


class XmlWithItsData(_OfKind):
    """An XML document signed inside (enveloped XAdES or XML-DSig), or a signature holding its
    data in ds:Object (enveloping): every signature in it, each reference checked where it
    points (EN 319 132-1)."""

    format = DetectedFormat.XADES
    kind = Kind.XML_SIGNED
    implementation = ".xades.validator"

    def validate(self, item: Item, context: VerificationContext) -> list[SignatureReport]:
        reports: list[SignatureReport] = self.module().validate_xades(
            item.signature.path, None, context
        )
        return reports


class DetachedCades(_OfKind):
    """``<document> - Signature N.p7s``: a CMS SignedData without its content (EN 319 122-1)."""

    format = DetectedFormat.CADES
    kind = Kind.CADES
    implementation = ".cms.validator"

    def validate(self, item: Item, context: VerificationContext) -> list[SignatureReport]:
        reports: list[SignatureReport] = self.module().validate_cms(
            item.signature.path, item.document_path, context
        )
        return reports


class EnvelopingCades(_OfKind):
    """A ``.p7m``: the CMS SignedData holds its content (or, detached after all, says so)."""

    format = DetectedFormat.CADES
    kind = Kind.P7M
    implementation = ".cms.validator"

    def validate(self, item: Item, context: VerificationContext) -> list[SignatureReport]:
        reports: list[SignatureReport] = self.module().validate_cms(
            item.signature.path, None, context
        )
        return reports


class EmbeddedPades(_OfKind):
    """A PDF with signatures in it (EN 319 142-1): each one, and what changed after it."""

    format = DetectedFormat.PADES
    kind = Kind.PDF
    implementation = ".pdf.validator"

    def validate(self, item: Item, context: VerificationContext) -> list[SignatureReport]:
        reports: list[SignatureReport] = self.module().validate_pdf(item.signature.path, context)
        return reports


class DamagedSignatureFile(_OfKind):
    """A file named as only a signature is (``X.pdf - Signature 1.xml``, ``.sig``...) holding no
    signature that can be read: damaged, TOTAL_FAILED/FORMAT_FAILURE (EN 319 102-1 5.2.2), shown
    as a failed signature, never as an unsigned document the buyer could overlook."""

    format = DetectedFormat.CADES
    kind = Kind.DAMAGED

    def validate(self, item: Item, context: VerificationContext) -> list[SignatureReport]:
        from ..text.translatable import N_, Worded
        from .failures import failed_signature
        from .indications import Indication, SubIndication
        from .inputs.discovery import damage_described
        from .report import Check

        path = item.signature.path
        detail = Worded(
            N_("this signature file is damaged or is not a signature ({what})"),
            what=Worded(damage_described(path)),
        )
        return [
            failed_signature(
                path,
                DetectedFormat.XADES if path.suffix.lower() == ".xml" else DetectedFormat.CADES,
                Indication.TOTAL_FAILED,
                SubIndication.FORMAT_FAILURE,
                Check("signature file", False, detail),
                document=item.document_path,
            )
        ]


VALIDATORS: Sequence[Validator] = (
    DetachedXades(),
    XmlWithItsData(),
    DetachedCades(),
    EnvelopingCades(),
    EmbeddedPades(),
    DamagedSignatureFile(),
)
"""Tried in this order; the first that accepts an item validates it."""


def preload(kinds: Collection[Kind]) -> None:
    """Import now what validates files of ``kinds`` (a worker process does, while discovery
    still walks the folders)."""
    for validator in VALIDATORS:
        if isinstance(validator, _OfKind) and validator.kind in kinds and validator.implementation:
            validator.module()


def validator_for(item: Item) -> Validator:
    """The validator of ``item``; discovery only yields kinds that one of them accepts."""
    for validator in VALIDATORS:
        if validator.accepts(item):
            return validator
    raise LookupError(f"no validator accepts a {item.signature.kind.value} file")
