"""A PDF page preview on which the user places the visible signature (a click moves the box).

Pages are rendered with PDFium (pypdfium2); coordinates are converted to PDF points from the
page's lower-left corner, as pyHanko expects.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.files.user_files import open_regular
from ...core.pdf.pages import PDFIUM_LOCK
from ...core.signing.stamp_place import DEFAULT_SIZE as DEFAULT_BOX_SIZE


def render_page(path: Path, page_index: int, width_px: int) -> tuple[QImage, float, float, int]:
    """The page as an image ``width_px`` wide, its size in points, and the document's page count."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    with PDFIUM_LOCK:  # pdfium is not thread-safe: a signing may be placing its stamp
        document = pdfium.PdfDocument(open_regular(path), autoclose=True)
        try:
            count = len(document)
            page = document[max(0, min(page_index, count - 1))]
            width_pt, height_pt = page.get_size()
            bitmap = page.render(
                scale=width_px / width_pt,
                rev_byteorder=True,
                force_bitmap_format=pdfium_c.FPDFBitmap_BGRA,
            )
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBA8888,
            ).copy()
            page.close()
            return image, width_pt, height_pt, count
        finally:
            document.close()


class PdfPreview(QWidget):
    """Shows one page and a signature box; emits ``box_changed`` with (x1, y1, x2, y2) in points."""

    box_changed = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(220, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Page preview: click to place the signature"))
        self._image: QImage | None = None
        self._page_size = (595.0, 842.0)
        self.page_count = 0
        self._box_origin = QPointF(350, 40)  # lower-left corner, points
        self.placed_by_user = False
        """False until the user places the box: the engine then picks a blank place itself."""

    def load(self, path: Path, page_index: int) -> None:
        width = max(300, self.width())
        self._image, w, h, self.page_count = render_page(path, page_index, width)
        self._page_size = (w, h)
        self._clamp()
        self.update()
        self.box_changed.emit(self.box())

    def box(self) -> tuple[int, int, int, int]:
        x, y = self._box_origin.x(), self._box_origin.y()
        w, h = DEFAULT_BOX_SIZE
        return int(x), int(y), int(x + w), int(y + h)

    def _scale(self) -> tuple[float, QRectF]:
        """Points-to-pixels factor and the page's rectangle inside the widget."""
        page_w, page_h = self._page_size
        factor = min(self.width() / page_w, self.height() / page_h)
        rect = QRectF(0, 0, page_w * factor, page_h * factor)
        rect.moveCenter(QRectF(self.rect()).center())
        return factor, rect

    def _clamp(self) -> None:
        page_w, page_h = self._page_size
        w, h = DEFAULT_BOX_SIZE
        x = min(max(self._box_origin.x(), 0.0), max(page_w - w, 0.0))
        y = min(max(self._box_origin.y(), 0.0), max(page_h - h, 0.0))
        self._box_origin = QPointF(x, y)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        factor, rect = self._scale()
        point = event.position()
        # The click is the box's centre; PDF y grows upwards.
        x = (point.x() - rect.left()) / factor - DEFAULT_BOX_SIZE[0] / 2
        y = (rect.bottom() - point.y()) / factor - DEFAULT_BOX_SIZE[1] / 2
        self._box_origin = QPointF(x, y)
        self.placed_by_user = True
        self._clamp()
        self.update()
        self.box_changed.emit(self.box())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        factor, rect = self._scale()
        if self._image is not None:
            painter.drawImage(rect, self._image)
        else:
            painter.fillRect(rect, QColor("white"))
        x1, y1, x2, y2 = self.box()
        box = QRectF(
            rect.left() + x1 * factor,
            rect.bottom() - y2 * factor,
            (x2 - x1) * factor,
            (y2 - y1) * factor,
        )
        painter.fillRect(box, QColor(30, 90, 200, 60))
        painter.setPen(QPen(QColor(30, 90, 200), 2))
        painter.drawRect(box)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.tr("Signature"))
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 2, Qt.PenStyle.DotLine))
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()
