"""The Sign page's "Visible signature (PAdES)" group: the choice, the page, the preview.

It shows the first PDF of the list (the box goes at the same place in each), every page
reachable with the spin box or the previous/next buttons, and the stamp's text as the engine
will print it for the chosen certificate (``stamp_text``, in the interface's language, the time
kept current). It turns the user's choices into the engine's ``VisibleSignature``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.signing.request import VisibleSignature
from ...core.signing.stamp_text import certificate_stamp_lines, stamp_lines
from ...core.text.display_text import displayable
from ..i18n import tr_engine
from .pdf_preview import PdfPreview

CLOCK_INTERVAL_MS = 15_000
"""How often the previewed time is brought up to date (it shows minutes)."""


class VisibleSignatureBox(QGroupBox):
    """The visible-signature choice and the page on which its box is placed."""

    changed = Signal()
    """The choice was ticked or unticked, or the language changed: the page brings what depends
    on it up to date (its other controls, the PAdES choice's explanation)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: Path | None = None
        self._certificate: x509.Certificate | None = None
        self._unreadable = False
        self._pdf_count = 0
        self.visible = QCheckBox()
        self.visible.toggled.connect(self._on_toggled)
        self.page = QSpinBox()
        self.page.setMinimum(1)
        self.page.valueChanged.connect(self._show_page)
        self.previous = QToolButton()
        self.previous.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous.clicked.connect(lambda: self.page.stepBy(-1))
        self.next = QToolButton()
        self.next.setArrowType(Qt.ArrowType.RightArrow)
        self.next.clicked.connect(lambda: self.page.stepBy(1))
        self.page_label = QLabel()
        self.page_label.setBuddy(self.page)
        self.page_count = QLabel()
        self.enlarge = QToolButton()
        self.enlarge.clicked.connect(self.place_in_large_view)
        self.preview = PdfPreview()
        self.preview.box_changed.connect(lambda _box: self._show_hint())
        self.document_label = QLabel()
        self.document_label.setTextFormat(Qt.TextFormat.PlainText)  # a file name: never markup
        self.document_label.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        # Two rows: the column this group shares stays narrow enough for a laptop's screen.
        page_row = QHBoxLayout()
        page_row.addWidget(self.page_label)
        page_row.addWidget(self.previous)
        page_row.addWidget(self.page)
        page_row.addWidget(self.page_count)
        page_row.addWidget(self.next)
        page_row.addStretch()
        page_row.addWidget(self.enlarge)
        layout = QVBoxLayout(self)
        layout.addWidget(self.visible)
        layout.addLayout(page_row)
        layout.addWidget(self.document_label)
        layout.addWidget(self.hint)
        layout.addWidget(self.preview, 1)
        self.clock = QTimer(self)
        self.clock.setInterval(CLOCK_INTERVAL_MS)
        self.clock.timeout.connect(self._update_stamp)
        self.clock.start()
        self.retranslate()
        self._update_controls()

    # ---- what the page tells it ------------------------------------------------------------
    def set_document(self, pdf: Path | None, pdf_count: int = 1) -> None:
        """The PDF to preview (the list's first of ``pdf_count``), or None when the list holds
        no PDF."""
        self._pdf_count = pdf_count
        if pdf == self._document and (pdf is None or self.preview.has_page or self._unreadable):
            self._show_hint()
            return
        self._document = pdf
        self._unreadable = False
        if pdf is None:
            self.preview.clear()
            self.page.setMaximum(1)
        else:
            self._load(self.page.value() - 1)
        self._update_controls()

    def set_signer(self, certificate: x509.Certificate | None) -> None:
        """The chosen certificate, whose holder and organisation the stamp names."""
        self._certificate = certificate
        self._update_stamp()

    def set_active(self, pades: bool, busy: bool) -> None:
        """Usable when PAdES is chosen and nothing is being signed."""
        self.setEnabled(pades and not busy)
        self._update_controls()

    def visible_signature(self) -> VisibleSignature | None:
        """The engine's request for a stamp, or None when no visible signature is wanted."""
        if not self.visible.isChecked():
            return None
        box = self.preview.box() if self.preview.placed_by_user else None
        return VisibleSignature(page=self.page.value(), box=box, translate=tr_engine)

    def place_in_large_view(self) -> None:
        """The page seen large, for a laptop's screen where the preview is small."""
        from ..dialogs.stamp_place_dialog import StampPlaceDialog

        StampPlaceDialog(self.preview, self).exec()

    # ---- inside ----------------------------------------------------------------------------
    def _on_toggled(self) -> None:
        self._update_controls()
        self.changed.emit()

    def _load(self, page_index: int) -> None:
        assert self._document is not None
        try:
            self.preview.load(self._document, page_index)
        except Exception:  # pdfium's errors are not typed; the sentence says what matters
            self._unreadable = True
            self.preview.clear()
        self.page.setMaximum(max(1, self.preview.page_count))
        self._show_hint()

    def _show_page(self) -> None:
        if self._document is not None and not self._unreadable:
            self._load(self.page.value() - 1)
        self._update_controls()

    def _update_controls(self) -> None:
        on = self.visible.isChecked() and self.preview.has_page
        count = self.preview.page_count if self.preview.has_page else 0
        self.page.setEnabled(on and count > 1)
        self.previous.setEnabled(on and self.page.value() > 1)
        self.next.setEnabled(on and self.page.value() < count)
        self.preview.setEnabled(on)
        self.enlarge.setEnabled(on)
        self.page_count.setText(self.tr("of %1").replace("%1", str(max(count, 1))))
        self._show_hint()

    def _update_stamp(self) -> None:
        now = dt.datetime.now(dt.UTC)
        if self._certificate is not None:
            lines = certificate_stamp_lines(self._certificate, now, tr_engine)
        else:
            lines = stamp_lines(self.tr("(the certificate's holder)"), None, now, tr_engine)
        self.preview.set_stamp_lines(lines)

    def _show_hint(self) -> None:
        named = ""
        if self._document is None:
            hint = self.tr("Visible signatures go on PDF files.")
        elif self._unreadable:
            hint = self.tr("This PDF cannot be previewed.")
        else:
            if self._pdf_count > 1:  # which one is shown, and that the others follow it
                named = self.tr(
                    "Preview of %1; the signature goes at the same place in every PDF."
                ).replace("%1", displayable(self._document.name))
            if not self.visible.isChecked():
                hint = self.tr("Tick the box above to place a visible signature on the page.")
            elif self.preview.placed_by_user:
                hint = self.tr("Drag the box or its corners, or use the arrow keys.")
            else:
                hint = self.tr("Placed on blank space at the bottom right unless you drag it.")
        self.document_label.setText(named)
        self.document_label.setVisible(bool(named))
        self.hint.setText(hint)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.changed.emit()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Visible signature (PAdES)"))
        self.visible.setText(self.tr("Visible si&gnature on the page"))
        self.page_label.setText(self.tr("Page:"))
        self.page.setAccessibleName(self.tr("Page"))
        self.previous.setToolTip(self.tr("Previous page"))
        self.previous.setAccessibleName(self.tr("Previous page"))
        self.next.setToolTip(self.tr("Next page"))
        self.next.setAccessibleName(self.tr("Next page"))
        self.enlarge.setText(self.tr("Enlarge…"))
        self.enlarge.setToolTip(self.tr("See the page large to place the signature"))
        self._update_controls()
        self._update_stamp()
