"""A PDF page on which the user places the visible signature: the box is dragged, resized by its
corner handles or moved with the arrow keys, and shows the stamp's text as it will be printed.

Pages are rendered with PDFium (pypdfium2) at the widget's size, the page's aspect ratio kept.
The box is held in PDF points from the page's lower-left corner, as pyHanko expects, and always
lies wholly on the page. Until the user touches it, it sits where the engine puts a stamp by
default (``stamp_place``) and is drawn dashed: the engine may still move it to blank space.
Before any PDF is chosen the widget shows a sentence, not an empty page with a box.
"""

from __future__ import annotations

import enum
import functools
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.files.user_files import open_regular
from ...core.pdf.pages import PDFIUM_LOCK
from ...core.signing import stamp_text
from ...core.signing.stamp_place import default_place

MIN_BOX_SIZE = (80.0, 30.0)
"""The smallest box, in points: below, the stamp's text (shrunk to fit) could not be read."""
KEY_STEP = 10.0
"""Points an arrow key moves or resizes the box by."""
HANDLE = 8.0
"""Side of a corner handle, in pixels."""
MARGIN = 6.0
"""Pixels around the page, so that its edge and the handles on it show."""


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


@functools.cache
def stamp_font_family() -> str:
    """The stamp's font (the one ``pades`` embeds), loaded once into Qt for the preview."""
    from ...core.signing.pades import STAMP_FONT

    data = resources.files("paraphe.resources.fonts").joinpath(STAMP_FONT).read_bytes()
    font_id = QFontDatabase.addApplicationFontFromData(data)
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else QFont().family()


class _Grip(enum.Enum):
    """What a press on the preview took hold of."""

    MOVE = "move"
    TOP_LEFT = "top_left"
    TOP_RIGHT = "top_right"
    BOTTOM_LEFT = "bottom_left"
    BOTTOM_RIGHT = "bottom_right"


_CURSORS = {
    _Grip.MOVE: Qt.CursorShape.SizeAllCursor,
    _Grip.TOP_LEFT: Qt.CursorShape.SizeFDiagCursor,
    _Grip.BOTTOM_RIGHT: Qt.CursorShape.SizeFDiagCursor,
    _Grip.TOP_RIGHT: Qt.CursorShape.SizeBDiagCursor,
    _Grip.BOTTOM_LEFT: Qt.CursorShape.SizeBDiagCursor,
}


class PdfPreview(QWidget):
    """Shows one page and the signature box; emits ``box_changed`` with (x1, y1, x2, y2) in
    points each time the user moves or resizes it."""

    box_changed = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(200, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)  # the cursor says what a press would do
        self._path: Path | None = None
        self._page_index = 0
        self._image: QImage | None = None
        self._page_size = (595.0, 842.0)
        self.page_count = 0
        self._box = self._box_from(default_place((0.0, 0.0, *self._page_size)))
        self.placed_by_user = False
        """False until the user places the box: the engine then picks a blank place itself."""
        self._stamp_lines: list[str] = []
        self._grip: _Grip | None = None
        self._press_point = QPointF()
        self._press_box = QRectF()
        self._rerender = QTimer(self)
        self._rerender.setSingleShot(True)
        self._rerender.setInterval(120)
        self._rerender.timeout.connect(self._render)
        self.retranslate()

    # ---- what is shown ---------------------------------------------------------------------
    @property
    def has_page(self) -> bool:
        return self._image is not None

    @property
    def document(self) -> Path | None:
        return self._path

    @property
    def page_index(self) -> int:
        return self._page_index

    @property
    def stamp_lines(self) -> list[str]:
        return list(self._stamp_lines)

    def load(self, path: Path, page_index: int) -> None:
        """Show page ``page_index`` (0-based) of ``path``; raises what PDFium raises on a PDF it
        cannot read (the caller says so)."""
        self._path, self._page_index = path, page_index
        self._render()
        if not self.placed_by_user:
            width, height = self._page_size
            self._box = self._box_from(default_place((0.0, 0.0, width, height)))
        self._clamp()
        self.update()

    def clear(self) -> None:
        """No PDF: the placeholder sentence, no page, no box."""
        self._path, self._image, self.page_count = None, None, 0
        self._rerender.stop()
        self.update()

    def set_stamp_lines(self, lines: list[str]) -> None:
        """The stamp's text, as ``stamp_text`` words it for the signer and the time."""
        if lines != self._stamp_lines:
            self._stamp_lines = list(lines)
            self.update()

    def box(self) -> tuple[int, int, int, int]:
        """x1, y1, x2, y2 in whole points from the page's lower-left corner."""
        b = self._box
        return round(b.left()), round(b.top()), round(b.right()), round(b.bottom())

    def set_box(self, box: tuple[float, float, float, float]) -> None:
        """Place the box (points), as if the user had: kept on the page, at least readable."""
        self._box = self._box_from(box)
        self._placed()

    def _render(self) -> None:
        if self._path is None:
            return
        for _ in range(2):  # again when the page's shape differs from the last one's
            _, rect = self._scale()
            width = max(100, round(rect.width() * self.devicePixelRatioF()))
            self._image, w, h, self.page_count = render_page(self._path, self._page_index, width)
            self._image.setDevicePixelRatio(self.devicePixelRatioF())
            known, self._page_size = self._page_size, (w, h)
            if abs(known[0] / known[1] - w / h) < 0.01:
                break
        self.update()

    # ---- geometry --------------------------------------------------------------------------
    @staticmethod
    def _box_from(box: tuple[float, float, float, float]) -> QRectF:
        """A QRectF whose top() is y1 and bottom() is y2: PDF's y grows upwards."""
        x1, y1, x2, y2 = box
        return QRectF(QPointF(min(x1, x2), min(y1, y2)), QPointF(max(x1, x2), max(y1, y2)))

    def _scale(self) -> tuple[float, QRectF]:
        """Points-to-pixels factor and the page's rectangle inside the widget."""
        page_w, page_h = self._page_size
        area = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        factor = max(min(area.width() / page_w, area.height() / page_h), 0.01)
        rect = QRectF(0, 0, page_w * factor, page_h * factor)
        rect.moveCenter(area.center())
        return factor, rect

    def _to_pixels(self, box: QRectF) -> QRectF:
        factor, page = self._scale()
        return QRectF(
            page.left() + box.left() * factor,
            page.bottom() - box.bottom() * factor,
            box.width() * factor,
            box.height() * factor,
        )

    def _to_points(self, point: QPointF) -> QPointF:
        factor, page = self._scale()
        return QPointF((point.x() - page.left()) / factor, (page.bottom() - point.y()) / factor)

    def _clamp(self) -> None:
        """Keep the box on the page and at least ``MIN_BOX_SIZE``, its size kept when it can."""
        page_w, page_h = self._page_size
        width = min(max(self._box.width(), MIN_BOX_SIZE[0]), page_w)
        height = min(max(self._box.height(), MIN_BOX_SIZE[1]), page_h)
        x = min(max(self._box.left(), 0.0), page_w - width)
        y = min(max(self._box.top(), 0.0), page_h - height)
        self._box = QRectF(x, y, width, height)

    def _grip_at(self, point: QPointF) -> _Grip | None:
        if not self.has_page:
            return None
        shown = self._to_pixels(self._box)
        corners = {
            _Grip.TOP_LEFT: shown.topLeft(),
            _Grip.TOP_RIGHT: shown.topRight(),
            _Grip.BOTTOM_LEFT: shown.bottomLeft(),
            _Grip.BOTTOM_RIGHT: shown.bottomRight(),
        }
        for grip, corner in corners.items():
            if abs(point.x() - corner.x()) <= HANDLE and abs(point.y() - corner.y()) <= HANDLE:
                return grip
        return _Grip.MOVE if shown.contains(point) else None

    def _placed(self) -> None:
        self.placed_by_user = True
        self._clamp()
        self.update()
        self.box_changed.emit(self.box())

    # ---- mouse and keys --------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.has_page:
            return super().mousePressEvent(event)
        point = event.position()
        grip = self._grip_at(point)
        if grip is None:
            # A press beside the box brings the box's centre there (as near as the page
            # allows), ready to be dragged on.
            centre = self._to_points(point)
            self._box.moveCenter(centre)
            self._placed()
            grip = _Grip.MOVE
        self._grip = grip
        self._press_point = self._to_points(point)
        self._press_box = QRectF(self._box)
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        if self._grip is None:
            grip = self._grip_at(point)
            if grip is None:
                self.unsetCursor()
            else:
                self.setCursor(_CURSORS[grip])
            return
        delta = self._to_points(point) - self._press_point
        box = QRectF(self._press_box)
        if self._grip is _Grip.MOVE:
            box.translate(delta)
            self._box = box
            self._placed()
            return
        # The corner held follows the pointer; the opposite corner stays where it is. On
        # screen "top" is PDF's larger y, the rectangle's bottom() here.
        page_w, page_h = self._page_size
        left, right = box.left(), box.right()
        low, high = box.top(), box.bottom()
        if self._grip in (_Grip.TOP_LEFT, _Grip.BOTTOM_LEFT):
            left = min(max(left + delta.x(), 0.0), right - MIN_BOX_SIZE[0])
        else:
            right = max(min(right + delta.x(), page_w), left + MIN_BOX_SIZE[0])
        if self._grip in (_Grip.TOP_LEFT, _Grip.TOP_RIGHT):
            high = max(min(high + delta.y(), page_h), low + MIN_BOX_SIZE[1])
        else:
            low = min(max(low + delta.y(), 0.0), high - MIN_BOX_SIZE[1])
        self._box = QRectF(QPointF(left, low), QPointF(right, high))
        self._placed()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._grip = None
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrow keys move the box; with Shift they resize it (its lower-left corner stays)."""
        steps = {
            Qt.Key.Key_Left: (-KEY_STEP, 0.0),
            Qt.Key.Key_Right: (KEY_STEP, 0.0),
            Qt.Key.Key_Up: (0.0, KEY_STEP),
            Qt.Key.Key_Down: (0.0, -KEY_STEP),
        }
        step = steps.get(Qt.Key(event.key()))
        if step is None or not self.has_page:
            return super().keyPressEvent(event)
        dx, dy = step
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            # Up makes it taller, keeping its top edge where the eye is.
            self._box.setRight(self._box.right() + dx)
            self._box.setTop(self._box.top() - dy)
        else:
            self._box.translate(dx, dy)
        self._placed()
        return None

    # ---- drawing ---------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._path is not None:
            self._rerender.start()  # sharp at the new size once the resizing pauses

    def sizeHint(self) -> QSize:
        return QSize(420, 560)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Page preview"))
        self.setAccessibleDescription(
            self.tr(
                "Drag the signature box to move it and its corners to resize it; the arrow keys"
                " move it, Shift with the arrow keys resizes it."
            )
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().window())
        if self._image is None:
            self._paint_placeholder(painter)
            painter.end()
            return
        _, page = self._scale()
        painter.drawImage(page, self._image)
        painter.setPen(QPen(QColor(120, 120, 120), 1))
        painter.drawRect(page)
        shown = self._to_pixels(self._box)
        self._paint_stamp(painter, shown)
        colour = QColor(30, 90, 200)
        painter.fillRect(shown, QColor(30, 90, 200, 30))
        style = Qt.PenStyle.SolidLine if self.placed_by_user else Qt.PenStyle.DashLine
        painter.setPen(QPen(colour, 2, style))
        painter.drawRect(shown)
        if self.placed_by_user:
            painter.setPen(QPen(colour, 1))
            for corner in (
                shown.topLeft(),
                shown.topRight(),
                shown.bottomLeft(),
                shown.bottomRight(),
            ):
                handle = QRectF(0, 0, HANDLE, HANDLE)
                handle.moveCenter(corner)
                painter.fillRect(handle, QColor("white"))
                painter.drawRect(handle)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 2, Qt.PenStyle.DotLine))
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -2, -2))
        painter.end()

    def _paint_placeholder(self, painter: QPainter) -> None:
        painter.setPen(self.palette().placeholderText().color())
        painter.drawText(
            QRectF(self.rect()).adjusted(24, 24, -24, -24),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            self.tr("Add a PDF file to see its pages and place the signature."),
        )

    def _paint_stamp(self, painter: QPainter, shown: QRectF) -> None:
        """The stamp as pyHanko lays it out: a thin frame, the lines left-aligned in a block with
        margins, the block centred and shrunk (never grown) to fit the box."""
        factor, _ = self._scale()
        painter.save()
        painter.setPen(QPen(QColor("black"), max(stamp_text.BORDER_WIDTH * factor, 1.0)))
        painter.drawRect(shown)
        if self._stamp_lines:
            font = QFont(stamp_font_family())
            font.setPixelSize(stamp_text.FONT_SIZE)  # drawn in points, scaled below
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            metrics = QFontMetricsF(font)
            margin, leading = stamp_text.TEXT_MARGIN, stamp_text.LEADING
            width = max(metrics.horizontalAdvance(line) for line in self._stamp_lines)
            width += 2 * margin
            height = len(self._stamp_lines) * leading + 2 * margin
            box_w, box_h = shown.width() / factor, shown.height() / factor
            shrink = min(1.0, box_w / width, box_h / height)
            painter.setClipRect(shown)
            painter.translate(shown.center())
            painter.scale(factor * shrink, factor * shrink)
            painter.translate(-width / 2 + margin, -height / 2 + margin)
            painter.setFont(font)
            painter.setPen(QColor("black"))
            for number, line in enumerate(self._stamp_lines, start=1):
                painter.drawText(QPointF(0, number * leading), line)
        painter.restore()
