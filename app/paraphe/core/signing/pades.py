"""PAdES baseline B-B (ETSI EN 319 142-1): a signed copy of a PDF, made with pyHanko.

The original is never touched: pyHanko writes the incremental update into a staged new file.
An already signed PDF gets one more signature by incremental update, so earlier ones stay valid.
"""

from __future__ import annotations

import datetime as dt
import logging
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

from ..aio import run_sync
from ..credentials.base import Credential, RsaPadding
from ..errors import SelfCheckFailed, UnsupportedDocument
from ..pdf.end import pdf_end_problem
from ..text.translatable import N_
from ..x509.certificates import holder_name
from . import stamp_text
from .request import VisibleSignature
from .stamp_place import stamp_box

STAMP_FONT = "NotoSans-Regular.ttf"

# pyHanko logs whole tracebacks for validation outcomes we handle ourselves.
logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)


def _font_path() -> str:
    return str(resources.files("paraphe.resources.fonts").joinpath(STAMP_FONT))


def _stamp_style() -> TextStampStyle:
    """The stamp's text set in whole (``%(stamp)s``): pyHanko's own clock and time format would
    print its time, not the signing time, and a "%" in a name would break its template."""
    from pyhanko.pdf_utils import text
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    return TextStampStyle(
        stamp_text="%(stamp)s",
        text_box_style=text.TextBoxStyle(
            font=GlyphAccumulatorFactory(_font_path(), font_size=stamp_text.FONT_SIZE),
            font_size=stamp_text.FONT_SIZE,
            leading=stamp_text.LEADING,
        ),
        border_width=stamp_text.BORDER_WIDTH,
    )


def _stamp_params(
    credential: Credential, signing_time: dt.datetime, visible: VisibleSignature | None
) -> dict[str, str] | None:
    if visible is None:
        return None
    lines = stamp_text.certificate_stamp_lines(
        credential.certificate, signing_time, visible.translate or (lambda text: text)
    )
    return {"stamp": "\n".join(lines)}


def _existing_field_names(reader: PdfFileReader) -> set[str]:
    return {name for name, _, _ in fields.enumerate_sig_fields(reader, filled_status=None)}


def _new_field_name(reader: PdfFileReader) -> str:
    taken = _existing_field_names(reader)
    number = 1
    while f"Signature{number}" in taken:
        number += 1
    return f"Signature{number}"


def sign_pdf(
    *,
    source: Path,
    output: BinaryIO,
    digest_algorithm: str,
    credential: Credential,
    rsa_padding: RsaPadding,
    signing_time: dt.datetime,
    visible: VisibleSignature | None,
    timestamper: TimeStamper | None = None,
    validation_context: Any = None,
    archive: bool = False,
) -> None:
    """Write ``source`` plus one PAdES signature to ``output``; with a ``timestamper``, B-T
    (pyHanko adds the signature timestamp as an unsigned attribute); with a
    ``validation_context`` too, B-LT (pyHanko fetches the validation data of the signer and the
    TSA through it and writes them in the document security store); with ``archive``, B-LTA
    (a document timestamp after the store, over all of it)."""
    with open(source, "rb") as infile:
        problem = pdf_end_problem(infile)
        if problem is not None:
            raise UnsupportedDocument(source, detail=f"not a readable PDF ({problem})")
        try:
            writer = IncrementalPdfFileWriter(infile, strict=False)
        except (PdfError, ValueError, KeyError, IndexError) as exc:
            raise UnsupportedDocument(source, detail=f"not a readable PDF ({exc})") from None
        if writer.prev.encrypted:
            raise UnsupportedDocument(
                source, detail=N_("the PDF is password-protected; remove the protection first")
            )
        field_name = _new_field_name(writer.prev)
        field_spec = None
        if visible is not None:
            page_count = int(writer.root["/Pages"]["/Count"])
            page = visible.page - 1 if visible.page > 0 else page_count + visible.page
            if not 0 <= page < page_count:
                raise UnsupportedDocument(
                    source, detail=f"the PDF has no page {visible.page} (it has {page_count})"
                )
            already_signed = bool(writer.prev.embedded_signatures)
            box = stamp_box(source, page, visible.box, already_signed)
            field_spec = fields.SigFieldSpec(field_name, on_page=page, box=box)
        metadata = signers.PdfSignatureMetadata(
            field_name=field_name,
            md_algorithm=digest_algorithm,
            subfilter=fields.SigSeedSubFilter.PADES,
            name=holder_name(credential.certificate),
            embed_validation_info=validation_context is not None,
            validation_context=validation_context,
            use_pades_lta=archive,
        )
        pdf_signer = signers.PdfSigner(
            metadata,
            signer=credential.cms_signer(rsa_padding),
            stamp_style=_stamp_style() if visible is not None else None,
            new_field_spec=field_spec,
            timestamper=timestamper,
        )
        try:
            run_sync(
                pdf_signer.async_sign_pdf(
                    writer,
                    output=output,
                    chunk_size=1 << 20,
                    appearance_text_params=_stamp_params(credential, signing_time, visible),
                )
            )
        except (PdfError, ValueError, KeyError) as exc:
            raise UnsupportedDocument(
                source, detail=f"pyHanko could not sign this PDF ({exc})"
            ) from None


def check_signed_pdf(
    path: Path,
    signed: BinaryIO,
    timestamp_digest: str | None = None,
    with_validation_data: bool = False,
    archived: bool = False,
) -> None:
    """Read the written PDF back: every signature intact and valid, the new one covering it all
    (and, with ``timestamp_digest``, carrying a signature timestamp made with that hash; with
    ``with_validation_data``, followed by one revision only, which adds the document security
    store; with ``archived`` too, then by a document timestamp over the whole file)."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    signed.seek(0)
    try:
        reader = PdfFileReader(signed, strict=False)
        embedded = reader.embedded_signatures
        if not embedded:
            raise SelfCheckFailed(path, detail=N_("no signature found in the output"))
        for sig in reader.embedded_regular_signatures:
            # Integrity and signature value only: trust is the verifier's business, not ours here.
            no_trust = ValidationContext(trust_roots=[], allow_fetching=False)
            status = run_sync(
                async_validate_pdf_signature(
                    sig, signer_validation_context=no_trust, skip_diff=True
                )
            )
            if not (status.intact and status.valid):
                raise SelfCheckFailed(path, detail=f"signature {sig.field_name} does not verify")
        regular = list(reader.embedded_regular_signatures)
        new = regular[-1]
        if with_validation_data:
            if "/DSS" not in reader.root:
                raise SelfCheckFailed(
                    path, detail=N_("no document security store after the signature")
                )
            later = [s for s in embedded if s.signed_revision > new.signed_revision]
            if archived:  # pyHanko: the DSS and the document timestamp, then the TSA's data
                _check_archive_timestamp(path, later)
            elif later or reader.xrefs.total_revisions - 1 - new.signed_revision != 1:
                raise SelfCheckFailed(path, detail=N_("more than the security store was added"))
        elif new.coverage is not SignatureCoverageLevel.ENTIRE_FILE:
            raise SelfCheckFailed(
                path, detail=N_("the new signature does not cover the whole file")
            )
        if timestamp_digest is not None:
            _check_signature_timestamp(path, new, timestamp_digest)
    except (PdfError, SignatureValidationError, ValueError) as exc:
        raise SelfCheckFailed(path, detail=str(exc)) from None


def _check_signature_timestamp(path: Path, signature: Any, md_algorithm: str) -> None:
    from .cades import signature_timestamp_problem

    problem = signature_timestamp_problem(signature.signer_info, md_algorithm)
    if problem is not None:
        raise SelfCheckFailed(path, detail=problem)


def _check_archive_timestamp(path: Path, later: list[Any]) -> None:
    from pyhanko.sign.validation import async_validate_pdf_timestamp
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    stamps = [s for s in later if s.sig_object_type == "/DocTimeStamp"]
    if len(stamps) != 1 or len(later) != 1:
        raise SelfCheckFailed(path, detail=N_("not one document timestamp after the signature"))
    [stamp] = stamps
    no_trust = ValidationContext(trust_roots=[], allow_fetching=False)
    status = run_sync(async_validate_pdf_timestamp(stamp, validation_context=no_trust))
    if not (status.intact and status.valid):
        raise SelfCheckFailed(path, detail=N_("the document timestamp does not verify"))
    covered = (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION)
    if stamp.coverage not in covered:
        raise SelfCheckFailed(path, detail=f"the document timestamp covers {stamp.coverage}")
