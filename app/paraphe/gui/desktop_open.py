"""Open a file or a folder with the desktop's application for it, and say so when none does.

``QDesktopServices.openUrl`` only returns False when no application (or no file manager, for a
folder) takes the file: on a bare desktop, under a minimal window manager, in a kiosk. A button
that then does nothing looks broken; the message names the file's place instead, with a way to
copy it, so that the user can open it by hand.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.text.display_text import displayable


def open_in_desktop(parent: QWidget | None, path: Path) -> bool:
    """Open ``path`` (a file or a folder) with the desktop; False, after telling the user where
    it is, when nothing opened it."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    NothingOpened(parent, path).exec()
    return False


class NothingOpened(QMessageBox):
    """No application opened the file: where it is, and a button to copy its path."""

    def __init__(self, parent: QWidget | None, path: Path) -> None:
        super().__init__(parent)
        self.path = path
        self.setIcon(QMessageBox.Icon.Information)
        self.setTextFormat(Qt.TextFormat.PlainText)  # the name is never markup
        self.setWindowTitle(self.tr("Nothing opened it"))
        if path.is_dir():
            self.setText(
                self.tr(
                    "No file manager opened the folder {name}: open it by hand, its path is below."
                ).format(name=displayable(path.name or str(path)))
            )
        else:
            self.setText(
                self.tr(
                    "No application opened {name}: install one for this kind of file, or open it"
                    " by hand; its path is below."
                ).format(name=displayable(path.name))
            )
        self.setInformativeText(displayable(str(path)))
        self.copy_button = self.addButton(
            self.tr("&Copy the path"), QMessageBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.disconnect()  # copying keeps the message open
        self.copy_button.clicked.connect(self.copy_path)
        self.addButton(QMessageBox.StandardButton.Close)

    def copy_path(self) -> None:
        QGuiApplication.clipboard().setText(str(self.path))
