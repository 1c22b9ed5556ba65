"""How each kind of signature file gets its signature timestamp added (``extend``).

The files come from anywhere: they are read as the validator reads them (bounded, XML without
DTD, entity or network, CMS leniently), and what cannot be extended is refused with a reason.
Each check compares the signed parts of the written file with the original's, byte for byte, and
checks the new timestamp against the signature it is for.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from asn1crypto import cms

from ..errors import UnsupportedDocument
from ..etsi import BaselineLevel

if TYPE_CHECKING:
    from ..timestamps.client import TimestampService


# --- XAdES ------------------------------------------------------------------------------------


class XadesExtender:
    def level(self, path: Path) -> BaselineLevel:
        from .xades_unsigned import signature_timestamps

        return BaselineLevel.B_T if signature_timestamps(_xades_root(path)) else BaselineLevel.B_B

    def add_timestamp(
        self, path: Path, out: BinaryIO, timestamps: TimestampService, md_algorithm: str
    ) -> None:
        from .xades_unsigned import add_signature_timestamp_to

        root = _xades_root(path)
        out.write(add_signature_timestamp_to(root, timestamps, md_algorithm))

    def check(self, original: Path, written: BinaryIO, md_algorithm: str) -> str | None:
        from .xades_unsigned import check_signature_timestamp, signed_parts

        written.seek(0)
        data = written.read()
        try:
            before = signed_parts(_xades_root(original))
            after = signed_parts(_parse_xades(original, data))
        except UnsupportedDocument as exc:
            return exc.message
        if before != after:
            return "its signed parts differ from the original's"
        return check_signature_timestamp(data, md_algorithm)


def _xades_root(path: Path) -> Any:
    from ..files.user_files import read_bounded
    from ..validation.xades.reading import MAX_TOKEN_BYTES

    try:
        data = read_bounded(path, MAX_TOKEN_BYTES)
    except OSError as exc:
        raise UnsupportedDocument(path, detail=f"cannot read it ({exc.strerror or exc})") from None
    return _parse_xades(path, data)


def _parse_xades(path: Path, data: bytes) -> Any:
    from ..validation.xades.reading import parse
    from ..validation.xades.verdicts import Verdict

    try:
        root = parse(data)
    except Verdict as verdict:
        detail = verdict.check.detail if verdict.check is not None else "not a XAdES signature"
        raise UnsupportedDocument(path, detail=detail) from None
    from ..xades_names import DS, XADES

    if root.find(f".//{{{DS}}}Signature") is not None:
        raise UnsupportedDocument(path, detail="the token holds several signatures")
    if root.find(f"{{{DS}}}Object/{{{XADES}}}QualifyingProperties") is None:
        raise UnsupportedDocument(
            path,
            detail="a plain XML signature, without XAdES properties: it has no level to raise",
        )
    return root


# --- CAdES ------------------------------------------------------------------------------------


class CadesExtender:
    def level(self, path: Path) -> BaselineLevel:
        from ..validation.cms.validator import detect_level

        return detect_level(_signer_info(_signed_data(path)))

    def add_timestamp(
        self, path: Path, out: BinaryIO, timestamps: TimestampService, md_algorithm: str
    ) -> None:
        from .cades import add_signature_timestamp

        content_info = cms.ContentInfo(
            {"content_type": "signed_data", "content": _signed_data(path)}
        )
        out.write(add_signature_timestamp(content_info.dump(), timestamps, md_algorithm))

    def check(self, original: Path, written: BinaryIO, md_algorithm: str) -> str | None:
        from .cades import signature_timestamp_problem

        written.seek(0)
        try:
            new = cms.ContentInfo.load(written.read())["content"]
            old = _signed_data(original)
            new_signer, old_signer = _signer_info(new), _signer_info(old)
            unchanged = (
                new_signer["signed_attrs"].dump() == old_signer["signed_attrs"].dump()
                and new_signer["signature"].native == old_signer["signature"].native
                and new["encap_content_info"].dump() == old["encap_content_info"].dump()
                and new["certificates"].dump() == old["certificates"].dump()
            )
        except (ValueError, TypeError, KeyError, UnsupportedDocument) as exc:
            return f"unreadable ({exc})"
        if not unchanged:
            return "its signed parts differ from the original's"
        return signature_timestamp_problem(new_signer, md_algorithm)


def _signed_data(path: Path) -> cms.SignedData:
    from ..validation.cms.reading import NotRead, load_signed_data

    loaded = load_signed_data(path)
    if isinstance(loaded, NotRead):
        raise UnsupportedDocument(path, detail=loaded.reason)
    if len(loaded["signer_infos"]) != 1:
        raise UnsupportedDocument(
            path, detail=f"{len(loaded['signer_infos'])} signers in one token; one is extended"
        )
    return loaded


def _signer_info(signed_data: cms.SignedData) -> cms.SignerInfo:
    return signed_data["signer_infos"][0]


# --- PDF --------------------------------------------------------------------------------------


class PdfExtender:
    """B-T by a document timestamp in a new revision: it covers every signature before it."""

    def level(self, path: Path) -> BaselineLevel:
        from pyhanko.pdf_utils.reader import PdfFileReader

        from ..validation.cms.validator import detect_level

        with path.open("rb") as handle:
            reader = PdfFileReader(handle, strict=False)
            signatures = list(reader.embedded_regular_signatures)
            if not signatures:
                raise UnsupportedDocument(path, detail="the PDF has no signature to extend")
            stamped_after = [ts.signed_revision for ts in reader.embedded_timestamp_signatures]
            levels = [
                BaselineLevel.B_T
                if any(revision > sig.signed_revision for revision in stamped_after)
                else detect_level(sig.signer_info)
                for sig in signatures
            ]
        order = tuple(BaselineLevel)
        return min(levels, key=order.index)

    def add_timestamp(
        self, path: Path, out: BinaryIO, timestamps: TimestampService, md_algorithm: str
    ) -> None:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.pdf_utils.misc import PdfError
        from pyhanko.sign.signers import PdfTimeStamper

        from ..aio import run_sync
        from ..pdf.end import pdf_end_problem

        with path.open("rb") as handle:
            problem = pdf_end_problem(handle)
            if problem is not None:
                raise UnsupportedDocument(path, detail=f"not a readable PDF ({problem})")
            try:
                writer = IncrementalPdfFileWriter(handle, strict=False)
                if writer.prev.encrypted:
                    raise UnsupportedDocument(path, detail="the PDF is encrypted")
                run_sync(
                    PdfTimeStamper(timestamps.stamper).async_timestamp_pdf(
                        writer, md_algorithm, output=out, chunk_size=1 << 20
                    )
                )
            except (PdfError, ValueError, KeyError) as exc:
                raise UnsupportedDocument(
                    path, detail=f"pyHanko could not add a timestamp ({exc})"
                ) from None

    def check(self, original: Path, written: BinaryIO, md_algorithm: str) -> str | None:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import (
            async_validate_pdf_signature,
            async_validate_pdf_timestamp,
        )
        from pyhanko.sign.validation.status import SignatureCoverageLevel
        from pyhanko_certvalidator import ValidationContext

        from ..aio import run_sync

        if not _starts_with_file(written, original):
            return "the original revisions were not kept byte for byte"
        no_trust = ValidationContext(trust_roots=[], allow_fetching=False)
        try:
            written.seek(0)
            reader = PdfFileReader(written, strict=False)
            for signature in reader.embedded_regular_signatures:
                status = run_sync(
                    async_validate_pdf_signature(
                        signature, signer_validation_context=no_trust, skip_diff=True
                    )
                )
                if not (status.intact and status.valid):
                    return f"signature {signature.field_name} no longer verifies"
            stamp = reader.embedded_signatures[-1]
            if stamp.sig_object_type != "/DocTimeStamp":
                return "the last revision is not a document timestamp"
            stamped = run_sync(async_validate_pdf_timestamp(stamp, validation_context=no_trust))
        except Exception as exc:  # whatever the read-back trips on: the file is not kept
            return f"{type(exc).__name__}: {exc}"
        if not (stamped.intact and stamped.valid):
            return "the document timestamp does not verify"
        if stamp.coverage is not SignatureCoverageLevel.ENTIRE_FILE:  # known once validated
            return "the document timestamp does not cover the whole file"
        return None


def _starts_with_file(written: BinaryIO, original: Path) -> bool:
    """Whether ``written`` begins with the whole of ``original`` (an incremental update)."""
    written.seek(0)
    with original.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            if written.read(len(chunk)) != chunk:
                return False
    return True
