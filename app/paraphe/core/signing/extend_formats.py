"""How each kind of signature file is raised one level (``extend``): B-T a timestamp, B-LT the
validation data, B-LTA an archive timestamp (a PDF: document timestamps and DSS revisions).

The files come from anywhere: they are read as the validator reads them (bounded, XML without
DTD, entity or network, CMS leniently), and what cannot be extended is refused with a reason.
Each check compares the signed parts of the written file with the original's (byte for byte, or
canonicalised for XML) and checks what the level added against the signature it is for.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from asn1crypto import cms

from ..errors import UnsupportedDocument
from ..etsi import BaselineLevel
from ..text.translatable import N_

if TYPE_CHECKING:
    from ..timestamps.client import TimestampService


# --- XAdES ------------------------------------------------------------------------------------


class XadesExtender:
    def level(self, path: Path) -> BaselineLevel:
        from ..validation.xades.structure import claimed_level

        return claimed_level(_qualifying(_xades_root(path)))

    def add_level(
        self,
        path: Path,
        out: BinaryIO,
        level: BaselineLevel,
        timestamps: TimestampService,
        md_algorithm: str,
    ) -> None:
        from lxml import etree

        from .xades_unsigned import add_signature_timestamp_to, add_validation_data_to

        root = _xades_root(path)
        if level is BaselineLevel.B_T:
            out.write(add_signature_timestamp_to(root, timestamps, md_algorithm))
            return
        if level is BaselineLevel.B_LT:
            add_validation_data_to(root, timestamps, _xades_signer(path, root))
        else:
            from .xades_archive import UnsupportedArchiveInput, add_archive_timestamp

            try:
                add_archive_timestamp(root, timestamps, md_algorithm, document_of(path))
            except UnsupportedArchiveInput as exc:
                raise UnsupportedDocument(path, detail=str(exc)) from None
        out.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))

    def check(
        self, original: Path, written: BinaryIO, level: BaselineLevel, md_algorithm: str
    ) -> str | None:
        from .xades_unsigned import check_signature_timestamp, signed_parts

        written.seek(0)
        data = written.read()
        try:
            before = signed_parts(_xades_root(original))
            new_root = _parse_xades(original, data)
            after = signed_parts(new_root)
        except UnsupportedDocument as exc:
            return exc.message
        if before != after:
            return "its signed parts differ from the original's"
        if level is BaselineLevel.B_T:
            return check_signature_timestamp(data, md_algorithm)
        from ..validation.xades.structure import claimed_level

        if claimed_level(_qualifying(new_root)) is not level:
            return f"the token written is not {level.value}"
        if level is BaselineLevel.B_LTA:
            from .xades_archive import check_archive_timestamps

            return check_archive_timestamps(data, document_of(original))
        return None


def _qualifying(root: Any) -> Any:
    from ..xades_names import DS, XADES

    return root.find(f"{{{DS}}}Object/{{{XADES}}}QualifyingProperties")


def _xades_signer(path: Path, root: Any) -> Any:
    """The signer's certificate: the KeyInfo certificate the signed SigningCertificate(V2)
    names (as the validator identifies it)."""
    from ..validation.xades.signing_certificate import keyinfo_certificates, read_cert_reference
    from ..validation_data.collect import to_asn1
    from ..xades_names import XADES

    reference = read_cert_reference(_qualifying(root).find(f"{{{XADES}}}SignedProperties"))
    matching = [
        c for c in keyinfo_certificates(root) if reference is not None and reference.matches(c)
    ]
    if not matching:
        raise UnsupportedDocument(path, detail=N_("the signer's certificate is not in the token"))
    return to_asn1(matching[0])


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
        raise UnsupportedDocument(path, detail=N_("the token holds several signatures"))
    if root.find(f"{{{DS}}}Object/{{{XADES}}}QualifyingProperties") is None:
        raise UnsupportedDocument(
            path,
            detail=N_("a plain XML signature, without XAdES properties: it has no level to raise"),
        )
    return root


def document_of(token: Path) -> Path:
    """The document a detached token signs, beside it (B-LTA time-stamps the document too)."""
    from ..validation.inputs.discovery import classify, named_document

    document = named_document(classify(token))
    if document is None:
        raise UnsupportedDocument(
            token,
            detail=N_(
                "its document is not beside it; B-LTA covers the document: put the signed"
                " file in the same folder"
            ),
        )
    return document


# --- CAdES ------------------------------------------------------------------------------------


class CadesExtender:
    def level(self, path: Path) -> BaselineLevel:
        from ..validation.cms.validator import detect_level

        signed_data = _signed_data(path)
        return detect_level(_signer_info(signed_data), signed_data)

    def add_level(
        self,
        path: Path,
        out: BinaryIO,
        level: BaselineLevel,
        timestamps: TimestampService,
        md_algorithm: str,
    ) -> None:
        from pyhanko.sign.validation.generic_cms import extract_certs_for_validation

        from .cades import add_signature_timestamp, add_validation_data

        signed_data = _signed_data(path)
        token = cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump()
        if level is BaselineLevel.B_T:
            out.write(add_signature_timestamp(token, timestamps, md_algorithm))
            return
        if level is BaselineLevel.B_LT:
            signer = extract_certs_for_validation(signed_data).signer_cert
            out.write(add_validation_data(token, timestamps, signer))
            return
        from .cades_archive import add_archive_timestamp

        if signed_data["encap_content_info"]["content"].native is not None:
            raise UnsupportedDocument(
                path, detail=N_("B-LTA of an enveloping .p7m is not supported yet (a .p7s can)")
            )
        out.write(add_archive_timestamp(token, timestamps, md_algorithm, document_of(path)))

    def check(
        self, original: Path, written: BinaryIO, level: BaselineLevel, md_algorithm: str
    ) -> str | None:
        from .cades import signature_timestamp_problem, validation_data_problem

        written.seek(0)
        data = written.read()
        try:
            new = cms.ContentInfo.load(data)["content"]
            old = _signed_data(original)
            new_signer, old_signer = _signer_info(new), _signer_info(old)
            unchanged = (
                new_signer["signed_attrs"].dump() == old_signer["signed_attrs"].dump()
                and new_signer["signature"].native == old_signer["signature"].native
                and new["encap_content_info"].dump() == old["encap_content_info"].dump()
            )
            if level is BaselineLevel.B_T:
                unchanged = unchanged and new["certificates"].dump() == old["certificates"].dump()
        except (ValueError, TypeError, KeyError, UnsupportedDocument) as exc:
            return f"unreadable ({exc})"
        if not unchanged:
            return "its signed parts differ from the original's"
        if level is BaselineLevel.B_T:
            return signature_timestamp_problem(new_signer, md_algorithm)
        if level is BaselineLevel.B_LT:
            return validation_data_problem(data)
        from ..files.documents import Document
        from .cades_archive import check_archive_timestamps

        document = Document.open(document_of(original))
        return check_archive_timestamps(data, document.digest)


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
    """B-T by a document timestamp in a new revision (it covers every signature before it);
    B-LT by the validation data of every signature and document timestamp in the document
    security store, in one more revision (pyHanko's ``add_validation_info``)."""

    def level(self, path: Path) -> BaselineLevel:
        """The lowest level among the PDF's signatures, as the validator reads it."""
        from pyhanko.pdf_utils.reader import PdfFileReader

        from ..validation.pdf.validator import claimed_level, first_dss_revision

        with path.open("rb") as handle:
            reader = PdfFileReader(handle, strict=False)
            signatures = list(reader.embedded_regular_signatures)
            if not signatures:
                raise UnsupportedDocument(path, detail=N_("the PDF has no signature to extend"))
            stamps = list(reader.embedded_timestamp_signatures)
            dss_revision = first_dss_revision(reader)
            levels = [claimed_level(sig, dss_revision, stamps) for sig in signatures]
        order = tuple(BaselineLevel)
        return min(levels, key=order.index)

    def add_level(
        self,
        path: Path,
        out: BinaryIO,
        level: BaselineLevel,
        timestamps: TimestampService,
        md_algorithm: str,
    ) -> None:
        from pyhanko.pdf_utils.misc import PdfError

        try:
            if level is BaselineLevel.B_T:
                with path.open("rb") as handle:
                    self._add_document_timestamp(path, handle, out, timestamps, md_algorithm)
            elif level is BaselineLevel.B_LT:
                self._add_validation_data(path, out, timestamps, md_algorithm)
            else:  # B-LTA: the last timestamp's data, then a document timestamp over it all
                with_data = io.BytesIO()
                self._add_validation_data(path, with_data, timestamps, md_algorithm)
                self._add_document_timestamp(path, with_data, out, timestamps, md_algorithm)
        except (PdfError, ValueError, KeyError) as exc:
            raise UnsupportedDocument(
                path, detail=f"pyHanko could not extend the PDF ({exc})"
            ) from None

    def _add_document_timestamp(
        self,
        path: Path,
        handle: BinaryIO,
        out: BinaryIO,
        timestamps: TimestampService,
        md_algorithm: str,
    ) -> None:
        """``handle`` (``path``'s content, or a step beyond it) plus a document timestamp."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign.signers import PdfTimeStamper

        from ..aio import run_sync
        from ..pdf.end import pdf_end_problem

        handle.seek(0)
        problem = pdf_end_problem(handle)
        if problem is not None:
            raise UnsupportedDocument(path, detail=f"not a readable PDF ({problem})")
        writer = IncrementalPdfFileWriter(handle, strict=False)
        if writer.prev.encrypted:
            raise UnsupportedDocument(path, detail=N_("the PDF is encrypted"))
        run_sync(
            PdfTimeStamper(timestamps.stamper).async_timestamp_pdf(
                writer, md_algorithm, output=out, chunk_size=1 << 20
            )
        )

    def _add_validation_data(
        self, path: Path, out: BinaryIO, timestamps: TimestampService, md_algorithm: str
    ) -> None:
        """One revision with the DSS: pyHanko adds each signature's data in turn, each call an
        incremental update of the previous one's output (in memory: a signed PDF of a bid is
        megabytes)."""
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation.dss import async_add_validation_info
        from pyhanko.sign.validation.generic_cms import extract_certs_for_validation

        from ..aio import run_sync

        current = io.BytesIO(path.read_bytes())
        reader = PdfFileReader(current, strict=False)
        count = len(reader.embedded_signatures)
        for index in range(count):
            current.seek(0)
            reader = PdfFileReader(current, strict=False)
            signature = reader.embedded_signatures[index]
            signer = extract_certs_for_validation(signature.signed_data).signer_cert
            context = timestamps.gathering_context(signer, md_algorithm)
            following = io.BytesIO()
            run_sync(
                async_add_validation_info(signature, context, output=following, chunk_size=1 << 20)
            )
            current = following
        out.write(current.getvalue())

    def check(
        self, original: Path, written: BinaryIO, level: BaselineLevel, md_algorithm: str
    ) -> str | None:
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
            if level is not BaselineLevel.B_T and "/DSS" not in reader.root:
                return "no document security store written"
            if level is BaselineLevel.B_LT:
                return None
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
