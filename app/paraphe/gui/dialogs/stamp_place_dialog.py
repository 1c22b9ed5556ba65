"""The signature's place on a page seen large: the Sign page's preview shares its column with
other controls, too small on a laptop to read the page or the stamp; here the page takes most of
the screen's height, and the box is dragged, resized or moved with the keys as there."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ..widgets.pdf_preview import PdfPreview


class StampPlaceDialog(QDialog):
    """Opens on ``source``'s page and box; ``accept`` leaves the box placed here in ``source``."""

    def __init__(self, source: PdfPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setWindowTitle(self.tr("Place the visible signature"))
        self.preview = PdfPreview()
        self.preview.set_stamp_lines(source.stamp_lines)
        hint = QLabel(
            self.tr(
                "Drag the box or its corners; the arrow keys move it, Shift with the arrow keys"
                " resizes it."
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self._fit_screen()
        if source.document is not None:
            self.preview.load(source.document, source.page_index)
        if source.placed_by_user:
            self.preview.set_box(source.box())

    def _fit_screen(self) -> None:
        """Most of the screen's height, as wide as an A4 page at that height needs."""
        screen = (self.parentWidget() or self).screen().availableGeometry()
        height = max(480, int(screen.height() * 0.9))
        width = min(screen.width(), max(520, int(height * 0.78)))
        self.resize(width, height)

    def accept(self) -> None:
        if self.preview.placed_by_user:
            self.source.set_box(self.preview.box())
        super().accept()
