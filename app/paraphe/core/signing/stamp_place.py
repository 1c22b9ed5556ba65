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

"Blank" is the verifier's own rule (``pdf_pages``: the same resolution, the same colour
distance), so a stamp placed here is never seen as covering what an earlier signer signed. The
default place is checked pixel by pixel; only if it is taken is a summed-area table built, which
then tells in constant time whether any other box holds a drawn pixel or an annotation.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import NoRoomForStamp, StampWouldCover
from ..pdf.pages import (
    PDFIUM_LOCK,
    Bitmap,
    Box,
    Rectangle,
    Zones,
    normalised,
    open_document,
    render,
    to_pixels,
)

DEFAULT_SIZE = (210.0, 70.0)
"""Width and height of the stamp, in points."""
DEFAULT_MARGINS = (35.0, 40.0)
"""Right and bottom margins of the default place, in points (A4: 350,40,560,110)."""
_STEP = 12.0
"""Distance between two places tried, in points."""

Place = tuple[int, int, int, int]
"""x1, y1, x2, y2 in whole PDF points."""


def stamp_box(pdf: Path, page_index: int, requested: Place | None, already_signed: bool) -> Place:
    """The box to draw the stamp in, on page ``page_index``."""
    if requested is not None and not already_signed:
        return requested
    with PDFIUM_LOCK, open_document(pdf) as document:
        page = document[page_index]
        try:
            occupancy = _Occupancy(page, render(document, page_index))
            crop = _crop_box(page)
            if requested is not None:
                if occupancy.free(requested):
                    return requested
                raise StampWouldCover(pdf, place=",".join(map(str, requested)), page=page_index + 1)
            default = default_place(crop)
            for candidate in _places(default, crop):
                if occupancy.free(candidate):
                    return candidate
        finally:
            page.close()
    if not already_signed:
        return default
    raise NoRoomForStamp(pdf, page=page_index + 1)


def default_place(crop: Rectangle) -> Place:
    """Bottom right of the page's visible area (``crop``: x1, y1, x2, y2), where a stamp goes
    when the user chose no place and it is blank; the preview shows it there too."""
    return _place(crop[2] - DEFAULT_MARGINS[0] - DEFAULT_SIZE[0], crop[1] + DEFAULT_MARGINS[1])


def _place(x: float, y: float) -> Place:
    width, height = DEFAULT_SIZE
    return round(x), round(y), round(x + width), round(y + height)


def _places(start: Place, crop: Rectangle) -> Iterator[Place]:
    """The default place, then up its column, then the columns further left, each bottom-up."""
    left, bottom, _, top = crop
    height = DEFAULT_SIZE[1]
    yield start
    x = float(start[0])
    while x >= left:
        y = bottom
        while y + height <= top:
            yield _place(x, y)
            y += _STEP
        x -= _STEP


def _crop_box(page: Any) -> Rectangle:
    import pypdfium2.raw as pdfium_c

    values = [ctypes.c_float() for _ in range(4)]
    crop = None
    if pdfium_c.FPDFPage_GetCropBox(page, *values):
        crop = normalised(v.value for v in values)
    if crop is None:
        width, height = page.get_size()
        crop = 0.0, 0.0, float(width), float(height)
    return crop


class _Occupancy:
    """Which pixels of a drawn page hold something: ink, or an annotation's rectangle."""

    def __init__(self, page: Any, bitmap: Bitmap) -> None:
        self._page, self._bitmap = page, bitmap
        self._annotations = to_pixels(page, bitmap, _annotation_rects(page))
        self._sums: list[int] | None = None
        self._asked = 0

    def free(self, place: Place) -> bool:
        """Nothing drawn and no annotation inside ``place``, which lies wholly on the page."""
        bitmap = self._bitmap
        rect: Rectangle = (float(place[0]), float(place[1]), float(place[2]), float(place[3]))
        ((x0, y0, x1, y1),) = to_pixels(self._page, bitmap, [rect])
        if x0 < 0 or y0 < 0 or x1 >= bitmap.width or y1 >= bitmap.height:
            return False
        self._asked += 1
        if self._asked == 1:  # the default place: usually blank, checked directly
            return not _overlaps((x0, y0, x1, y1), self._annotations) and bitmap.blank_in(
                (x0, y0, x1, y1)
            )
        if self._sums is None:
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
        zones = Zones(bitmap)
        zones.mark("annotation", self._annotations)
        annotated = zones.layer("annotation")
        sums = [0] * ((width + 1) * (height + 1))
        for y in range(height):
            row = y * bitmap.stride
            running = 0
            above, here = y * (width + 1), (y + 1) * (width + 1)
            for x in range(width):
                if annotated[y * width + x] or not bitmap.blank_at(row + 3 * x):
                    running += 1
                sums[here + x + 1] = sums[above + x + 1] + running
        return sums


def _overlaps(box: Box, others: list[Box]) -> bool:
    x0, y0, x1, y1 = box
    return any(a0 <= x1 and x0 <= a1 and b0 <= y1 and y0 <= b1 for a0, b0, a1, b1 in others)


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
                found = normalised((rect.left, rect.bottom, rect.right, rect.top))
                if found is not None:
                    rects.append(found)
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return rects
