"""One handler per signature format, registered explicitly (no plug-in discovery: bundles)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from .. import naming
from ..errors import SelfCheckFailed, UnsupportedDocument
from ..etsi import BaselineLevel
from ..files.documents import Document
from ..text.translatable import N_
from .levels import needs_validation_data
from .request import SignatureFormat, SignRequest

if TYPE_CHECKING:
    from ..credentials.base import Credential
    from ..timestamps.client import TimestampService


@dataclass(frozen=True)
class SigningInput:
    document: Document
    digest: bytes | None
    """The document's digest, computed as a stream; None for PAdES (pyHanko hashes the PDF)."""
    request: SignRequest
    credential: Credential
    signing_time: dt.datetime


class FormatHandler(Protocol):
    """Signs one batch in one format; built per batch so it may keep per-batch state.

    ``timestamps`` is given for the levels that need a timestamp (B-T and up), else None.
    """

    format: SignatureFormat
    needs_digest: bool

    def __init__(
        self, credential: Credential, request: SignRequest, timestamps: TimestampService | None
    ) -> None: ...

    @staticmethod
    def refuse(document: Document) -> UnsupportedDocument | None:
        """Why this format cannot sign the document, or None."""

    def output_names(
        self, document: Document, folder: Path, request: SignRequest
    ) -> Iterator[Path]: ...

    def write(self, item: SigningInput, out: BinaryIO) -> None: ...

    def check(self, item: SigningInput, written: BinaryIO) -> None:
        """Read the output back and raise ``SelfCheckFailed`` unless it verifies."""


class XadesHandler:
    format = SignatureFormat.XADES
    needs_digest = True

    def __init__(
        self, credential: Credential, request: SignRequest, timestamps: TimestampService | None
    ) -> None:
        self.timestamps = timestamps

    @staticmethod
    def refuse(document: Document) -> UnsupportedDocument | None:
        return None

    def output_names(
        self, document: Document, folder: Path, request: SignRequest
    ) -> Iterator[Path]:
        return naming.detached_token_names(document.path, folder, "xml")

    def write(self, item: SigningInput, out: BinaryIO) -> None:
        from . import xades

        assert item.digest is not None
        token = xades.sign_detached(
            file_name=item.document.name,
            digest=item.digest,
            digest_algorithm=item.request.digest_algorithm,
            mime_type=item.document.mime_type,
            credential=item.credential,
            rsa_padding=item.request.rsa_padding,
            signing_time=item.signing_time,
        )
        if self.timestamps is not None:
            from .xades_unsigned import add_signature_timestamp

            signer = (
                _asn1(item.credential.certificate)
                if needs_validation_data(item.request.level)
                else None
            )
            token = add_signature_timestamp(
                token, self.timestamps, item.request.digest_algorithm, signer
            )
            if item.request.level is BaselineLevel.B_LTA:
                token = _xades_archived(token, self.timestamps, item)
        out.write(token)

    def check(self, item: SigningInput, written: BinaryIO) -> None:
        from . import xades

        assert item.digest is not None
        written.seek(0)
        token = written.read()
        problem = xades.check_detached(
            token,
            item.document.name,
            item.digest,
            item.credential,
            item.request.digest_algorithm,
        )
        if problem is None and self.timestamps is not None:
            from .xades_unsigned import check_signature_timestamp

            problem = check_signature_timestamp(token, item.request.digest_algorithm)
        if problem is None and item.request.level is BaselineLevel.B_LTA:
            from .xades_archive import check_archive_timestamps

            problem = check_archive_timestamps(token, item.document.path)
        if problem:
            raise SelfCheckFailed(item.document.path, detail=problem)


class CadesHandler:
    format = SignatureFormat.CADES
    needs_digest = True

    def __init__(
        self, credential: Credential, request: SignRequest, timestamps: TimestampService | None
    ) -> None:
        from .cades import DetachedCadesSigner

        self._signer = DetachedCadesSigner(
            credential, request.digest_algorithm, request.rsa_padding
        )
        self.timestamps = timestamps

    @staticmethod
    def refuse(document: Document) -> UnsupportedDocument | None:
        return None

    def output_names(
        self, document: Document, folder: Path, request: SignRequest
    ) -> Iterator[Path]:
        return naming.detached_token_names(document.path, folder, "p7s")

    def write(self, item: SigningInput, out: BinaryIO) -> None:
        assert item.digest is not None
        token = self._signer.sign(item.digest, item.signing_time)
        if self.timestamps is not None:
            from .cades import add_signature_timestamp, add_validation_data

            token = add_signature_timestamp(token, self.timestamps, item.request.digest_algorithm)
            if needs_validation_data(item.request.level):
                signer = _asn1(item.credential.certificate)
                token = add_validation_data(token, self.timestamps, signer)
            if item.request.level is BaselineLevel.B_LTA:
                from .cades_archive import add_archive_timestamp

                token = add_archive_timestamp(
                    token, self.timestamps, item.request.digest_algorithm, item.document.path
                )
        out.write(token)

    def check(self, item: SigningInput, written: BinaryIO) -> None:
        from . import cades

        assert item.digest is not None
        written.seek(0)
        token = written.read()
        problem = cades.check_detached(token, item.digest, item.credential)
        if problem is None and self.timestamps is not None:
            problem = cades.check_signature_timestamp(token, item.request.digest_algorithm)
        if problem is None and needs_validation_data(item.request.level):
            problem = cades.validation_data_problem(token)
        if problem is None and item.request.level is BaselineLevel.B_LTA:
            from .cades_archive import check_archive_timestamps

            digest = item.digest
            problem = check_archive_timestamps(
                token,
                lambda md: (
                    digest if md == item.request.digest_algorithm else item.document.digest(md)
                ),
            )
        if problem:
            raise SelfCheckFailed(item.document.path, detail=problem)


class PadesHandler:
    format = SignatureFormat.PADES
    needs_digest = False

    def __init__(
        self, credential: Credential, request: SignRequest, timestamps: TimestampService | None
    ) -> None:
        self.timestamps = timestamps
        self._context: Any = None

    @staticmethod
    def refuse(document: Document) -> UnsupportedDocument | None:
        if document.is_pdf:
            return None
        return UnsupportedDocument(
            document.path,
            detail=N_("not a PDF; PAdES signs PDF files only. Use XAdES or CAdES for this file."),
        )

    def output_names(
        self, document: Document, folder: Path, request: SignRequest
    ) -> Iterator[Path]:
        return naming.pades_output_names(document.path, folder, request.pades_suffix)

    def write(self, item: SigningInput, out: BinaryIO) -> None:
        from . import pades

        pades.sign_pdf(
            source=item.document.path,
            output=out,
            digest_algorithm=item.request.digest_algorithm,
            credential=item.credential,
            rsa_padding=item.request.rsa_padding,
            signing_time=item.signing_time,
            visible=item.request.visible,
            timestamper=self.timestamps.stamper if self.timestamps is not None else None,
            validation_context=self._gathering_context(item),
            archive=item.request.level is BaselineLevel.B_LTA,
        )

    def _gathering_context(self, item: SigningInput) -> Any:
        """One per batch: what it fetched (OCSP responses, CRLs) serves every file."""
        if self.timestamps is None or not needs_validation_data(item.request.level):
            return None
        if self._context is None:
            signer = _asn1(item.credential.certificate)
            self._context = self.timestamps.gathering_context(signer, item.request.digest_algorithm)
        return self._context

    def check(self, item: SigningInput, written: BinaryIO) -> None:
        from . import pades

        pades.check_signed_pdf(
            item.document.path,
            written,
            item.request.digest_algorithm if self.timestamps is not None else None,
            with_validation_data=self._context is not None,
            archived=item.request.level is BaselineLevel.B_LTA,
        )


def _xades_archived(token: bytes, timestamps: TimestampService, item: SigningInput) -> bytes:
    """B-LTA: an ArchiveTimeStamp over the B-LT token and its document (read again)."""
    from lxml import etree

    from .xades_archive import add_archive_timestamp

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(token, parser)
    add_archive_timestamp(root, timestamps, item.request.digest_algorithm, item.document.path)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _asn1(certificate: Any) -> Any:
    from ..validation_data.collect import to_asn1

    return to_asn1(certificate)


HANDLERS: dict[SignatureFormat, type[FormatHandler]] = {
    SignatureFormat.XADES: XadesHandler,
    SignatureFormat.CADES: CadesHandler,
    SignatureFormat.PADES: PadesHandler,
}

# What each format's first signature imports; loaded in the background while files are hashed.
HEAVY_MODULES: dict[SignatureFormat, tuple[str, ...]] = {
    SignatureFormat.XADES: ("paraphe.core.signing.xades",),
    SignatureFormat.CADES: (
        "paraphe.core.signing.cades",
        "paraphe.core.credentials.pyhanko_signer",
        "pyhanko.sign.validation.generic_cms",
    ),
    SignatureFormat.PADES: (
        "paraphe.core.signing.pades",
        "paraphe.core.credentials.pyhanko_signer",
    ),
}
