"""PDF pages as pixels, drawn by pdfium as a reader shows them (fields and annotations included).

Used to compare what a signer signed with what a reader sees now, and to find blank space for a
signature stamp. Large pages are drawn at a lower resolution so memory stays bounded.
"""

from __future__ import annotations

import ctypes
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RENDER_DPI = 100
MAX_PIXELS = 6_000_000
"""Pages larger than this at RENDER_DPI (plans, posters) are drawn at a lower resolution."""
INK = 64
"""How far (0-255, on the most changed colour channel) a pixel must be from white to count as
content, or from another pixel to count as different: anti-aliasing fringes stay below it."""
MARGIN = 2
"""Pixels added around a rectangle for anti-aliased edges."""

Rectangle = tuple[float, float, float, float]
"""x1, y1, x2, y2 in PDF points, page coordinates."""
Box = tuple[int, int, int, int]
"""x0, y0, x1, y1 in pixels of a drawn page, inclusive."""


@dataclass(frozen=True)
class Bitmap:
    width: int
    height: int
    stride: int
    pixels: bytes
    """BGR, 3 bytes per pixel, rows of ``stride`` bytes."""

    def blank_at(self, i: int) -> bool:
        """The pixel at byte offset ``i`` is (near) white."""
        return 255 - min(self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]) <= INK

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


class Prefix(io.RawIOBase):
    """The first ``length`` bytes of a file: a PDF as it was at the end of an earlier revision."""

    def __init__(self, path: Path, length: int) -> None:
        super().__init__()
        self._file = open(path, "rb")  # noqa: SIM115 - closed with this object
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
    """A pdfium document, its form fields set up to be drawn as a reader draws them."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(source, autoclose=True)
    document.init_forms()
    return document


def render(document: Any, index: int, bare: bool = False, dpi: int = RENDER_DPI) -> Bitmap:
    """Page ``index`` as a reader shows it, or (``bare``) its own content without annotations."""
    page = document[index]
    width, height = page.get_size()
    scale = dpi / 72
    if width * height * scale * scale > MAX_PIXELS:
        scale = math.sqrt(MAX_PIXELS / max(width * height, 1.0))
    bitmap = page.render(scale=scale, may_draw_forms=not bare, draw_annots=not bare)
    return Bitmap(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))


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


def inside(x: int, y: int, boxes: list[Box]) -> bool:
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in boxes)
