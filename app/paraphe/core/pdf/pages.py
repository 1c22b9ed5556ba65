"""PDF pages as pixels, drawn by pdfium as a reader shows them (fields and annotations included).

Used to compare what a signer signed with what a reader sees now, and to find blank space for a
signature stamp: both judge "blank" and "changed" with the same rule, at the same resolution, so
a stamp placed on blank space is never seen as covering anything. Large pages are drawn at a lower
resolution so memory stays bounded.

pdfium is not thread-safe: code that draws in this process (stamp placement, the GUI's preview)
holds ``PDFIUM_LOCK``. The verifier draws in a child process of its own (``page_comparer``).
"""

from __future__ import annotations

import collections
import ctypes
import io
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files.user_files import open_regular

RENDER_DPI = 100
MAX_PIXELS = 6_000_000
"""Pages larger than this at RENDER_DPI (plans, posters) are drawn at a lower resolution."""
DIFFERENT = 16
"""How far apart (0-255, on the most different colour channel) two drawings of a pixel must be
to differ. pdfium draws the same content to the same pixels, so any visible change is far above
it, a light grey or pink included."""
BLANK = 24
"""How close to the page's background colour (white, or a scan's paper) a pixel must be to be
blank: light grey text (a 0.8 grey is 51 away from white) is content."""
MARGIN = 2
"""Pixels added around a rectangle for anti-aliased edges."""
PDFIUM_LOCK = threading.RLock()

Rectangle = tuple[float, float, float, float]
"""x1, y1, x2, y2 in PDF points, page coordinates, x1 <= x2 and y1 <= y2."""
Box = tuple[int, int, int, int]
"""x0, y0, x1, y1 in pixels of a drawn page, inclusive."""


def normalised(values: Any) -> Rectangle | None:
    """Four numbers as a rectangle with its corners in order; None if they are not four finite
    numbers (an annotation's /Rect, a crop box)."""
    try:
        x1, y1, x2, y2 = (float(v) for v in values)
    except (TypeError, ValueError):
        return None
    if not all(math.isfinite(v) for v in (x1, y1, x2, y2)):
        return None
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


@dataclass(frozen=True)
class Bitmap:
    width: int
    height: int
    stride: int
    pixels: bytes
    """BGR, 3 bytes per pixel, rows of ``stride`` bytes."""
    background: tuple[int, int, int] = field(init=False)
    """The commonest colour of the page, taken as its paper."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "background", self._commonest_colour())

    def _commonest_colour(self) -> tuple[int, int, int]:
        counts: collections.Counter[bytes] = collections.Counter()
        step = max(1, self.height // 64)
        for y in range(0, self.height, step):
            row = self.pixels[y * self.stride : y * self.stride + 3 * self.width]
            counts.update(row[i : i + 3] for i in range(0, len(row), 3 * 7))
        if not counts:
            return 255, 255, 255
        commonest = counts.most_common(1)[0][0]
        return commonest[0], commonest[1], commonest[2]

    def blank_at(self, i: int) -> bool:
        """The pixel at byte offset ``i`` is (near) the page's background."""
        b, g, r = self.background
        p = self.pixels
        return abs(p[i] - b) <= BLANK and abs(p[i + 1] - g) <= BLANK and abs(p[i + 2] - r) <= BLANK

    def blank_in(self, box: Box) -> bool:
        """Nothing drawn inside ``box`` (clipped to the page)."""
        x0, y0 = max(0, box[0]), max(0, box[1])
        x1, y1 = min(self.width - 1, box[2]), min(self.height - 1, box[3])
        for y in range(y0, y1 + 1):
            row = y * self.stride
            for i in range(row + 3 * x0, row + 3 * x1 + 3, 3):
                if not self.blank_at(i):
                    return False
        return True


def differ(old: bytes, new: bytes, i: int) -> bool:
    """The pixel at byte offset ``i`` is drawn differently in ``old`` and ``new``."""
    return (
        abs(old[i] - new[i]) > DIFFERENT
        or abs(old[i + 1] - new[i + 1]) > DIFFERENT
        or abs(old[i + 2] - new[i + 2]) > DIFFERENT
    )


class Prefix(io.RawIOBase):
    """The first ``length`` bytes of a file: a PDF as it was at the end of an earlier revision."""

    def __init__(self, path: Path, length: int) -> None:
        super().__init__()
        self._file = open_regular(path)
        self._length = length
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._length}[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def readinto(self, buffer: Any) -> int:
        wanted = max(0, min(len(buffer), self._length - self._position))
        self._file.seek(self._position)
        data = self._file.read(wanted)
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)

    def close(self) -> None:
        self._file.close()
        super().close()


def open_document(source: Path | Prefix) -> Any:
    """A pdfium document, its form fields set up to be drawn as a reader draws them. A path is
    opened as a regular file only."""
    import pypdfium2 as pdfium

    stream = source if isinstance(source, Prefix) else open_regular(source)
    try:
        document = pdfium.PdfDocument(stream, autoclose=True)
    except BaseException:
        stream.close()
        raise
    try:
        document.init_forms()
    except BaseException:
        document.close()
        raise
    return document


def render(document: Any, index: int, bare: bool = False) -> Bitmap:
    """Page ``index`` as a reader shows it, or (``bare``) its own content without annotations."""
    page = document[index]
    try:
        width, height = page.get_size()
        scale = RENDER_DPI / 72
        if width * height * scale * scale > MAX_PIXELS:
            scale = math.sqrt(MAX_PIXELS / max(width * height, 1.0))
        bitmap = page.render(scale=scale, may_draw_forms=not bare, draw_annots=not bare)
        return Bitmap(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
    finally:
        page.close()


def to_pixels(page: Any, bitmap: Bitmap, rects: list[Rectangle]) -> list[Box]:
    """Page rectangles as pixel boxes of ``bitmap``, page rotation and crop box included."""
    import pypdfium2.raw as pdfium_c

    boxes = []
    for x1, y1, x2, y2 in rects:
        xs, ys = [], []
        for px, py in ((x1, y1), (x1, y2), (x2, y1), (x2, y2)):
            dx, dy = ctypes.c_int(), ctypes.c_int()
            pdfium_c.FPDF_PageToDevice(page, 0, 0, bitmap.width, bitmap.height, 0, px, py, dx, dy)
            xs.append(dx.value)
            ys.append(dy.value)
        boxes.append((min(xs) - MARGIN, min(ys) - MARGIN, max(xs) + MARGIN, max(ys) + MARGIN))
    return boxes


class Zones:
    """Which pixels of a drawn page lie in which kind of rectangle, one layer per kind, looked up
    in constant time whatever the number of rectangles."""

    def __init__(self, bitmap: Bitmap) -> None:
        self.width, self.height = bitmap.width, bitmap.height
        self._layers: dict[str, bytearray] = {}

    def mark(self, kind: str, boxes: list[Box]) -> None:
        layer = self.layer(kind)
        for x0, y0, x1, y1 in boxes:
            x0, x1 = max(0, x0), min(self.width - 1, x1)
            if x0 > x1:
                continue
            run = b"\x01" * (x1 - x0 + 1)
            for y in range(max(0, y0), min(self.height - 1, y1) + 1):
                start = y * self.width
                layer[start + x0 : start + x1 + 1] = run

    def layer(self, kind: str) -> bytearray:
        """One byte per pixel, row by row: 1 inside a rectangle of ``kind``, else 0."""
        return self._layers.setdefault(kind, bytearray(self.width * self.height))
