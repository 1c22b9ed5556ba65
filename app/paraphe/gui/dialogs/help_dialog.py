"""F1: a short help page, in the user's language: the two tasks, what the verdicts mean, the
keyboard shortcuts, and where to find more (website, support address)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ... import SUPPORT_EMAIL, WEBSITE
from ..screen_fit import fitted_size


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Using Paraphe"))
        self.page = QTextBrowser()
        self.page.setOpenExternalLinks(True)
        self.page.setHtml(self._html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)
        self.resize(fitted_size(QSize(620, 560)))

    def _html(self) -> str:
        sections = [
            (
                self.tr("Sign"),
                self.tr(
                    "Drop the files to sign on the Sign page (or press Ctrl+O), choose your"
                    " certificate (a .p12 file or a card or USB token), the format and the level,"
                    " then Sign. XAdES and CAdES write a signature file beside each document"
                    " (“document - Signature 1.xml”); PAdES writes a signed copy of a PDF. Your"
                    " originals are never changed."
                ),
            ),
            (
                self.tr("Verify"),
                self.tr(
                    "Drop the files, folders or ZIP archives of a bid on the Verify page. Each"
                    " signature gets a verdict: valid (green), indeterminate (amber: something"
                    " could not be checked, such as the revocation status or an unknown"
                    " authority) or failed (red: the document or the signature was changed, or"
                    " the signature is not valid). Select a signature to see why, who signed and"
                    " whether the signature is qualified according to the EU trusted lists."
                ),
            ),
            (
                self.tr("Keyboard"),
                self.tr(
                    "Ctrl+O: add files · Ctrl+,: settings · F1: this help · Ctrl+Q: quit."
                    " Alt with the underlined letter reaches each button."
                ),
            ),
        ]
        body = "".join(f"<h3>{title}</h3><p>{text}</p>" for title, text in sections)
        more = (
            self.tr("More help on %1; write to %2.")
            .replace("%1", f'<a href="{WEBSITE}">{WEBSITE}</a>')
            .replace("%2", f'<a href="mailto:{SUPPORT_EMAIL}">{SUPPORT_EMAIL}</a>')
        )
        return f"{body}<p>{more}</p>"
