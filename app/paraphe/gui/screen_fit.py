"""Windows sized for the screen they open on: a laptop at 1024x640, or 1440x900 at 150 %
(960x600 logical pixels), must show every window whole."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication

FRAME_WIDTH = 16
FRAME_HEIGHT = 48
"""Room for the window manager's frame and title bar around a window."""


def fitted_size(wanted: QSize) -> QSize:
    """``wanted``, made smaller where the primary screen's free area (without panels) is
    smaller."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    available = screen.availableGeometry()
    return QSize(
        min(wanted.width(), available.width() - FRAME_WIDTH),
        min(wanted.height(), available.height() - FRAME_HEIGHT),
    )
