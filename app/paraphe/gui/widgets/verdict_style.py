"""How a verdict looks: an icon, a word and a colour together, never colour alone.

Shared by every view that shows an ETSI indication (the verify page's tree and details, and later
the report preview), so a "Valid" looks the same everywhere: the word and the colour come from
the engine's report view (``core.reports.verdicts``), the icons are drawn here with QPainter: no
image files to ship, and they scale to any size.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPainterPath, QPen, QPixmap

from ...core.reports.verdicts import look
from ...core.validation.indications import Indication
from ..i18n import tr_engine


class VerdictBadge(NamedTuple):
    icon: QIcon
    text: str
    colour: QColor


def label(indication: Indication) -> str:
    """The translated word for an indication: Valid, Indeterminate or Failed."""
    return tr_engine(look(indication).word)


def colour(indication: Indication) -> QColor:
    return QColor(look(indication).colour)


def badge(indication: Indication) -> VerdictBadge:
    """Icon, translated text and colour for an indication."""
    return VerdictBadge(QIcon(pixmap(indication, 16)), label(indication), colour(indication))


_IMAGES: dict[tuple[Indication, int], QImage] = {}


def image(indication: Indication, size: int = 16) -> QImage:
    """The badge icon as an image (for rich text); drawn once per size and kept."""
    key = (indication, size)
    if key not in _IMAGES:
        _IMAGES[key] = _draw(indication, size)
    return _IMAGES[key]


def pixmap(indication: Indication, size: int = 16) -> QPixmap:
    return QPixmap.fromImage(image(indication, size))


def _draw(indication: Indication, size: int) -> QImage:
    """A filled disc in the verdict's colour with a white check mark, question mark or cross."""
    scale = 4  # draw large and let the image be smooth at small sizes
    side = size * scale
    canvas = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour(indication))
    margin = side * 0.04
    painter.drawEllipse(QRectF(margin, margin, side - 2 * margin, side - 2 * margin))
    pen = QPen(QColor("white"), side * 0.13)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    s = float(side)
    if indication is Indication.TOTAL_PASSED:
        path = QPainterPath(QPointF(s * 0.27, s * 0.52))
        path.lineTo(QPointF(s * 0.43, s * 0.68))
        path.lineTo(QPointF(s * 0.73, s * 0.34))
        painter.drawPath(path)
    elif indication is Indication.TOTAL_FAILED:
        painter.drawLine(QPointF(s * 0.32, s * 0.32), QPointF(s * 0.68, s * 0.68))
        painter.drawLine(QPointF(s * 0.68, s * 0.32), QPointF(s * 0.32, s * 0.68))
    else:
        path = QPainterPath(QPointF(s * 0.36, s * 0.38))
        path.cubicTo(
            QPointF(s * 0.36, s * 0.18), QPointF(s * 0.66, s * 0.18), QPointF(s * 0.64, s * 0.38)
        )
        path.cubicTo(
            QPointF(s * 0.62, s * 0.50), QPointF(s * 0.50, s * 0.50), QPointF(s * 0.50, s * 0.60)
        )
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        dot = s * 0.085
        painter.drawEllipse(QPointF(s * 0.50, s * 0.77), dot, dot)
    painter.end()
    return canvas.scaled(
        size,
        size,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
