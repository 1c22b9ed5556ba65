"""Signed PDFs as other tools make them, and the later changes other tools write into them.

Signatures come from pyHanko's command line (PAdES with a timestamp, ``ltvfix`` adding the
DSS/VRI, document timestamps, a second signer), pyHanko's API for certification signatures with
a chosen DocMDP permission and for the legacy sub-filters (``adbe.pkcs7.sha1``,
``adbe.x509.rsa_sha1``, which no current tool writes); the later changes are pypdf incremental
updates (a sticky note, a highlight, a form filled in, a new page, a page's content changed).
Nothing here uses Paraphe's code: the validator is checked against what it did not help make.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import subprocess
from collections.abc import Callable
from pathlib import Path

from asn1crypto import core
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_byterange import PdfByteRangeDigest

from tests.support.pki import TestPki
from tests.support.third_party import PYHANKO_CLI


def _run(*args: object) -> None:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _key_material(pki: TestPki, persona: str) -> list[object]:
    return [
        "pemder",
        "--key",
        pki.key(persona),
        "--cert",
        pki.cert(persona),
        "--chain",
        pki.intermediate_cert,
        "--no-pass",
    ]


def pyhanko_addsig(
    pki: TestPki,
    pdf: Path,
    out: Path,
    field: str = "Sig1",
    *options: str,
    persona: str = "ecdsa",
) -> Path:
    """``pyhanko sign addsig --use-pades`` with ``options`` (``--timestamp-url`` is filled in
    with the test TSA when ``options`` names it alone: pass "timestamp")."""
    flags: list[object] = []
    for option in options:
        if option == "timestamp":
            flags += ["--timestamp-url", pki.tsa_url]
        else:
            flags.append(option)
    trust = ["--trust", pki.root_cert, "--other-certs", pki.intermediate_cert]
    if "--with-validation-info" not in options and "--use-pades-lta" not in options:
        trust = []
    _run(
        PYHANKO_CLI,
        "sign",
        "addsig",
        "--field",
        field,
        "--use-pades",
        *trust,
        *flags,
        *_key_material(pki, persona),
        pdf,
        out,
    )
    return out


def pyhanko_ltvfix(pki: TestPki, pdf: Path, field: str, *, timestamp: bool = False) -> Path:
    """``pyhanko sign ltvfix``: the signer's certificates, OCSP responses and CRLs added to the
    DSS (with VRI entries) in a new revision of ``pdf`` (in place), then a document timestamp
    when ``timestamp``."""
    stamp = ["--timestamp-url", pki.tsa_url] if timestamp else []
    _run(
        PYHANKO_CLI,
        "sign",
        "ltvfix",
        "--field",
        field,
        "--trust",
        pki.root_cert,
        "--other-certs",
        pki.intermediate_cert,
        *stamp,
        pdf,
    )
    return pdf


def pyhanko_timestamp(pki: TestPki, pdf: Path, out: Path) -> Path:
    """``pyhanko sign timestamp``: a document timestamp (ETSI.RFC3161) in a new revision."""
    _run(
        PYHANKO_CLI,
        "sign",
        "timestamp",
        "--timestamp-url",
        pki.tsa_url,
        "--trust",
        pki.root_cert,
        "--other-certs",
        pki.intermediate_cert,
        pdf,
        out,
    )
    return out


def certify(
    pki: TestPki,
    pdf: Path,
    out: Path,
    permission: fields.MDPPerm,
    persona: str = "ecdsa",
) -> Path:
    """A certification (author) signature by pyHanko with the given DocMDP permission (its CLI
    has no option for it)."""
    signer = signers.SimpleSigner.load(
        str(pki.key(persona)),
        str(pki.cert(persona)),
        ca_chain_files=(str(pki.intermediate_cert),),
    )
    assert signer is not None
    metadata = signers.PdfSignatureMetadata(
        field_name="Certification",
        certify=True,
        docmdp_permissions=permission,
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    with open(pdf, "rb") as source, open(out, "wb") as target:
        signers.sign_pdf(IncrementalPdfFileWriter(source), metadata, signer=signer, output=target)
    return out


# --- legacy sub-filters ---------------------------------------------------------------------------


def legacy_sign(pki: TestPki, pdf: Path, out: Path, subfilter: str, persona: str = "rsa") -> Path:
    """A signature with an ISO 32000-1 legacy sub-filter, built with pyHanko's low-level parts:

    - ``adbe.pkcs7.sha1``: a CMS SignedData *encapsulating* the SHA-1 digest of the byte range
      (its own digest algorithm SHA-256 over that content);
    - ``adbe.x509.rsa_sha1``: /Contents a DER OCTET STRING holding a raw PKCS#1 v1.5
      signature over the SHA-1 digest, the certificates in /Cert.
    """
    cert = x509.load_pem_x509_certificate(pki.cert(persona).read_bytes())
    chain = x509.load_pem_x509_certificate(pki.intermediate_cert.read_bytes())
    key = serialization.load_pem_private_key(pki.key(persona).read_bytes(), password=None)
    with open(pdf, "rb") as source:
        writer = IncrementalPdfFileWriter(source, strict=False)
        sig = PdfByteRangeDigest(bytes_reserved=16384)
        sig[pdf_name("/Type")] = pdf_name("/Sig")
        sig[pdf_name("/Filter")] = pdf_name("/Adobe.PPKLite")
        sig[pdf_name("/SubFilter")] = pdf_name(f"/{subfilter}")
        sig[pdf_name("/M")] = generic.pdf_date(dt.datetime.now(dt.UTC))
        if subfilter == "adbe.x509.rsa_sha1":
            sig[pdf_name("/Cert")] = generic.ArrayObject(
                [
                    generic.ByteStringObject(c.public_bytes(serialization.Encoding.DER))
                    for c in (cert, chain)
                ]
            )
        sig_ref = writer.add_object(sig)
        fields.append_signature_field(writer, fields.SigFieldSpec("Legacy1"))
        field = _field(writer, "Legacy1")
        field.get_object()[pdf_name("/V")] = sig_ref
        writer.mark_update(field)
        output = io.BytesIO()
        filling = sig.fill(writer, "sha1", output=output)
        prepared, output = next(filling)
        sha1 = prepared.document_digest
        if subfilter == "adbe.x509.rsa_sha1":
            assert isinstance(key, rsa.RSAPrivateKey)
            raw = key.sign(sha1, padding.PKCS1v15(), Prehashed(hashes.SHA1()))
            payload = core.OctetString(raw).dump()
        else:
            signer = signers.SimpleSigner.load(
                str(pki.key(persona)),
                str(pki.cert(persona)),
                ca_chain_files=(str(pki.intermediate_cert),),
            )
            assert signer is not None
            signed = asyncio.run(
                signer.async_sign_general_data(io.BytesIO(sha1), "sha256", detached=False)
            )
            payload = signed.dump()
        filling.send(payload)
    out.write_bytes(output.getvalue())
    return out


def _field(writer: IncrementalPdfFileWriter, name: str) -> generic.IndirectObject:
    for ref in writer.root["/AcroForm"]["/Fields"]:
        if ref.get_object().get("/T") == name:
            return ref
    raise AssertionError(f"no field {name}")


# --- later changes, written by pypdf ------------------------------------------------------------


def _pypdf_update(source: Path, target: Path, edit: object) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter(str(source), incremental=True)
    edit(writer)  # type: ignore[operator]
    with open(target, "wb") as out:
        writer.write(out)
    return target


def sticky_note(source: Path, target: Path, rect: tuple[float, float, float, float]) -> Path:
    """A comment (a /Text annotation: the sticky-note icon) on page 1, as a reader adds one."""
    from pypdf.annotations import Text

    def edit(writer: object) -> None:
        note = Text(rect=rect, text="Vu par l'acheteur", open=False)
        writer.add_annotation(page_number=0, annotation=note)  # type: ignore[attr-defined]

    return _pypdf_update(source, target, edit)


def highlight(source: Path, target: Path, rect: tuple[float, float, float, float]) -> Path:
    """A yellow highlight (a /Highlight text-markup annotation) over ``rect`` on page 1."""
    from pypdf.annotations import Highlight
    from pypdf.generic import ArrayObject, FloatObject

    x1, y1, x2, y2 = rect
    quad = ArrayObject([FloatObject(v) for v in (x1, y2, x2, y2, x1, y1, x2, y1)])

    def edit(writer: object) -> None:
        mark = Highlight(rect=rect, quad_points=quad, highlight_color="ffff00")
        writer.add_annotation(page_number=0, annotation=mark)  # type: ignore[attr-defined]

    return _pypdf_update(source, target, edit)


def free_text(
    source: Path, target: Path, rect: tuple[float, float, float, float], text: str
) -> Path:
    """A /FreeText annotation with an opaque white background: text drawn on the page as a
    comment, which can hide what is under it (the "evil annotation" shadow attack)."""
    from pypdf.annotations import FreeText

    def edit(writer: object) -> None:
        note = FreeText(
            text=text,
            rect=rect,
            font="Helvetica",
            font_size="14pt",
            font_color="000000",
            border_color=None,
            background_color="ffffff",
        )
        writer.add_annotation(page_number=0, annotation=note)  # type: ignore[attr-defined]

    return _pypdf_update(source, target, edit)


def fill_field(source: Path, target: Path, name: str, value: str) -> Path:
    """The form field ``name`` filled in with ``value`` by pypdf (value and appearance)."""

    def edit(writer: object) -> None:
        page = writer.pages[0]  # type: ignore[attr-defined]
        writer.update_page_form_field_values(  # type: ignore[attr-defined]
            page, {name: value}, auto_regenerate=False
        )

    return _pypdf_update(source, target, edit)


def new_page(source: Path, target: Path) -> Path:
    """A blank page appended by pypdf."""

    def edit(writer: object) -> None:
        writer.add_blank_page(595, 842)  # type: ignore[attr-defined]

    return _pypdf_update(source, target, edit)


def page_content_changed(source: Path, target: Path) -> Path:
    """Page 1's content stream extended by pypdf with a line of text (content, not a comment)."""
    from pypdf.generic import ContentStream

    def edit(writer: object) -> None:
        page = writer.pages[0]  # type: ignore[attr-defined]
        content = ContentStream(page.get_contents(), writer)
        content.set_data(
            content.get_data() + b"\nBT /F1 20 Tf 72 300 Td (PRIX REVU : 9 999 999 EUR) Tj ET"
        )
        page.replace_contents(content)

    return _pypdf_update(source, target, edit)


def white_box(source: Path, target: Path, rect: tuple[float, float, float, float]) -> Path:
    """A square comment (/Square) filled white over ``rect`` on page 1 (pdfium draws it)."""
    from pypdf.annotations import Rectangle

    def edit(writer: object) -> None:
        box = Rectangle(rect=rect, interior_color="ffffff")
        writer.add_annotation(page_number=0, annotation=box)  # type: ignore[attr-defined]

    return _pypdf_update(source, target, edit)


def text_field_form(source: Path, target: Path) -> Path:
    """Before signing: an empty text field "Montant" on page 1 (``hostile_pdf.add_text_field``)
    with the form's default resources (/DR: Helvetica as /Helv) that form fillers such as pypdf
    draw the value with."""
    from tests.support import hostile_pdf

    def edit(writer: IncrementalPdfFileWriter) -> None:
        hostile_pdf.add_text_field(writer)
        font = writer.add_object(
            generic.DictionaryObject(
                {
                    pdf_name("/Type"): pdf_name("/Font"),
                    pdf_name("/Subtype"): pdf_name("/Type1"),
                    pdf_name("/BaseFont"): pdf_name("/Helvetica"),
                    pdf_name("/Encoding"): pdf_name("/WinAnsiEncoding"),
                }
            )
        )
        writer.root["/AcroForm"][pdf_name("/DR")] = generic.DictionaryObject(
            {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/Helv"): font})}
        )
        writer.root["/AcroForm"][pdf_name("/DA")] = generic.TextStringObject("/Helv 0 Tf 0 g")
        writer.update_root()

    return hostile_pdf.append_revision(source, target, edit)


_MULTIPLY = generic.DictionaryObject(
    {pdf_name("/Type"): pdf_name("/ExtGState"), pdf_name("/BM"): pdf_name("/Multiply")}
)


def markup_drawing(
    subtype: str, rect: tuple[float, float, float, float], drawing: bytes
) -> Callable[[IncrementalPdfFileWriter], None]:
    """After signing: a comment of ``subtype`` (``/Highlight``, ``/Text``...) on page 1 whose
    appearance draws ``drawing`` (operators in its own coordinates, /F1 Helvetica) in ``rect``:
    a comment as a hostile tool can write it, drawing whatever it likes (``/GS0 gs`` selects
    the multiply blend a highlight is drawn with). For ``hostile_pdf.append_revision``."""

    def edit(writer: IncrementalPdfFileWriter) -> None:
        page_ref, _resources = writer.find_page_for_modification(0)
        width, height = rect[2] - rect[0], rect[3] - rect[1]
        font = writer.add_object(
            generic.DictionaryObject(
                {
                    pdf_name("/Type"): pdf_name("/Font"),
                    pdf_name("/Subtype"): pdf_name("/Type1"),
                    pdf_name("/BaseFont"): pdf_name("/Helvetica"),
                }
            )
        )
        appearance = generic.StreamObject(
            {
                pdf_name("/Type"): pdf_name("/XObject"),
                pdf_name("/Subtype"): pdf_name("/Form"),
                pdf_name("/BBox"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (0, 0, width, height)]
                ),
                pdf_name("/Resources"): generic.DictionaryObject(
                    {
                        pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font}),
                        pdf_name("/ExtGState"): generic.DictionaryObject(
                            {pdf_name("/GS0"): _MULTIPLY}
                        ),
                    }
                ),
            },
            stream_data=drawing,
        )
        x1, y1, x2, y2 = rect
        annot = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name(subtype),
                pdf_name("/F"): generic.NumberObject(4),
                pdf_name("/P"): page_ref,
                pdf_name("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in rect]),
                pdf_name("/QuadPoints"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (x1, y2, x2, y2, x1, y1, x2, y1)]
                ),
                pdf_name("/C"): generic.ArrayObject([generic.FloatObject(v) for v in (1, 1, 0)]),
                pdf_name("/AP"): generic.DictionaryObject(
                    {pdf_name("/N"): writer.add_object(appearance)}
                ),
            }
        )
        writer.register_annotation(page_ref, writer.add_object(annot))

    return edit
