"""Where a visible signature stamp goes: on blank space, never over what an earlier signer signed.

A stamp drawn over an earlier signature's stamp, over a form field or over the page's content
hides part of what was signed, and verifiers (ours included) then rightly fail the earlier
signature. So the stamp goes where the page is blank:

- a position the user chose is kept, except on a PDF that is already signed, where it must be
  blank (else the signing is refused with a sentence saying why and what to do);
- with no position chosen, the default place (bottom right) when it is blank, else the nearest
  blank place: up the same column first, then columns further left. A page with no blank place
  left keeps the default on an unsigned PDF (the signer covers only their own document) and is
  refused on a signed one.

The page is drawn once at a low resolution; a summed-area table then tells in constant time
whether any box holds a drawn pixel or an annotation.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import UnsupportedDocument
from ..pdf_pages import Bitmap, Rectangle, open_document, render, to_pixels

DEFAULT_SIZE = (210.0, 70.0)
"""Width and height of the stamp, in points."""
DEFAULT_MARGINS = (35.0, 40.0)
"""Right and bottom margins of the default place, in points (A4: 350,40,560,110)."""
_DPI = 36
_STEP = 12.0
"""Distance between two places tried, in points."""

Box = tuple[int, int, int, int]


def stamp_box(pdf: Path, page_index: int, requested: Box | None, already_signed: bool) -> Box:
    """The box (x1, y1, x2, y2, PDF points) to draw the stamp in, on page ``page_index``."""
    if requested is not None and not already_signed:
        return requested
    with open_document(pdf) as document:
        page = document[page_index]
        occupied = _Occupancy(page, render(document, page_index, dpi=_DPI))
        left, bottom, right, top = _crop_box(page)
        if requested is not None:
            if occupied.free(requested):
                return requested
            raise UnsupportedDocument(
                pdf,
                detail=f"the stamp at {','.join(map(str, requested))} on page {page_index + 1}"
                " would cover an earlier signature, a field or signed content; choose a blank"
                " place, or leave the position out to let Paraphe find one",
            )
        width, height = DEFAULT_SIZE
        default = _box(right - DEFAULT_MARGINS[0] - width, bottom + DEFAULT_MARGINS[1])
        for candidate in _places(default, (left, bottom, right, top)):
            if occupied.free(candidate):
                return candidate
    if not already_signed:
        return default
    raise UnsupportedDocument(
        pdf,
        detail=f"page {page_index + 1} has no blank place left for a"
        f" {width:.0f}x{height:.0f} pt stamp without covering what was signed;"
        " choose another page or sign without a visible stamp",
    )


def _box(x: float, y: float) -> Box:
    width, height = DEFAULT_SIZE
    return round(x), round(y), round(x + width), round(y + height)


def _places(start: Box, crop: Rectangle) -> Iterator[Box]:
    """The default place, then up its column, then the columns further left, each bottom-up."""
    left, bottom, _, top = crop
    height = DEFAULT_SIZE[1]
    yield start
    x = float(start[0])
    while x >= left:
        y = bottom
        while y + height <= top:
            yield _box(x, y)
            y += _STEP
        x -= _STEP


def _crop_box(page: Any) -> Rectangle:
    import pypdfium2.raw as pdfium_c

    values = [ctypes.c_float() for _ in range(4)]
    if pdfium_c.FPDFPage_GetCropBox(page, *values):
        x1, y1, x2, y2 = (v.value for v in values)
    else:
        x1, y1, (x2, y2) = 0.0, 0.0, page.get_size()
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


class _Occupancy:
    """Which pixels of a drawn page hold something: ink, or an annotation's rectangle.

    The first box asked (the default place, usually blank) is checked pixel by pixel; the
    summed-area table that answers any other box in constant time is built only if needed.
    """

    def __init__(self, page: Any, bitmap: Bitmap) -> None:
        self._page, self._bitmap = page, bitmap
        self._annotations = to_pixels(page, bitmap, _annotation_rects(page))
        self._sums: list[int] | None = None

    def free(self, box: Box) -> bool:
        """Nothing drawn and no annotation inside ``box``, which lies wholly on the page."""
        bitmap = self._bitmap
        rect: Rectangle = (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
        ((x0, y0, x1, y1),) = to_pixels(self._page, bitmap, [rect])
        if x0 < 0 or y0 < 0 or x1 >= bitmap.width or y1 >= bitmap.height:
            return False
        if self._sums is None:
            self._sums = []  # the next box gets the table
            overlaps = any(
                a0 <= x1 and x0 <= a1 and b0 <= y1 and y0 <= b1
                for a0, b0, a1, b1 in self._annotations
            )
            return not overlaps and bitmap.blank_in((x0, y0, x1, y1))
        if not self._sums:
            self._sums = self._summed_area_table()
        w = bitmap.width + 1
        s = self._sums
        taken = (
            s[(y1 + 1) * w + x1 + 1] - s[y0 * w + x1 + 1] - s[(y1 + 1) * w + x0] + s[y0 * w + x0]
        )
        return taken == 0

    def _summed_area_table(self) -> list[int]:
        """sums[y * (width + 1) + x]: pixels taken above and left of (x, y)."""
        bitmap = self._bitmap
        width, height = bitmap.width, bitmap.height
        taken = bytearray(width * height)
        for y in range(height):
            row = y * bitmap.stride
            for x in range(width):
                if not bitmap.blank_at(row + 3 * x):
                    taken[y * width + x] = 1
        for x0, y0, x1, y1 in self._annotations:
            for y in range(max(0, y0), min(height, y1 + 1)):
                for x in range(max(0, x0), min(width, x1 + 1)):
                    taken[y * width + x] = 1
        sums = [0] * ((width + 1) * (height + 1))
        for y in range(height):
            running = 0
            for x in range(width):
                running += taken[y * width + x]
                sums[(y + 1) * (width + 1) + x + 1] = sums[y * (width + 1) + x + 1] + running
        return sums


def _annotation_rects(page: Any) -> list[Rectangle]:
    """Every annotation's rectangle, visible or not: an empty field is reserved for someone."""
    import pypdfium2.raw as pdfium_c

    rects: list[Rectangle] = []
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, index)
        if not annot:
            continue
        try:
            rect = pdfium_c.FS_RECTF()
            if pdfium_c.FPDFAnnot_GetRect(annot, ctypes.byref(rect)):
                rects.append(
                    (
                        min(rect.left, rect.right),
                        min(rect.bottom, rect.top),
                        max(rect.left, rect.right),
                        max(rect.bottom, rect.top),
                    )
                )
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return rects
