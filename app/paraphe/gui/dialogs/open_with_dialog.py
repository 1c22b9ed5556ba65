"""The question asked when files opened or dropped together are partly signed, partly not:
verify the signed ones and sign the others, or verify everything (a buyer checking a bid wants
to see its unsigned documents listed too)."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.text.display_text import displayable
from ..open_with import Routing

SHOWN_NAMES = 8
"""Names listed per group; more are counted."""


class MixedChoice(enum.Enum):
    SPLIT = "split"
    """Verify the signatures, signed PDFs, archives and folders; sign the plain documents."""
    VERIFY_ALL = "verify_all"
    CANCEL = "cancel"


class MixedFilesDialog(QMessageBox):
    def __init__(self, routing: Routing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setTextFormat(Qt.TextFormat.PlainText)  # file names are never markup
        self.setWindowTitle(self.tr("Verify or sign?"))
        self.setText(
            self.tr(
                "Some of these files hold signatures (or are folders or archives), the others"
                " are plain documents."
            )
        )
        self.setInformativeText(
            self.tr("To verify:")
            + "\n"
            + _names(routing.to_verify, self)
            + "\n\n"
            + self.tr("To sign:")
            + "\n"
            + _names(routing.to_sign, self)
        )
        self.split_button = self.addButton(
            self.tr("&Verify these, sign those"), QMessageBox.ButtonRole.AcceptRole
        )
        self.verify_all_button = self.addButton(
            self.tr("Verify &everything"), QMessageBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.split_button)
        self.setEscapeButton(self.cancel_button)

    def choice(self) -> MixedChoice:
        """Ask (modal) and say what was chosen."""
        self.exec()
        clicked = self.clickedButton()
        if clicked is self.split_button:
            return MixedChoice.SPLIT
        if clicked is self.verify_all_button:
            return MixedChoice.VERIFY_ALL
        return MixedChoice.CANCEL


def _names(paths: list[Path], dialog: QMessageBox) -> str:
    lines = [f"• {displayable(path.name or str(path))}" for path in paths[:SHOWN_NAMES]]
    if len(paths) > SHOWN_NAMES:
        more = QCoreApplication.translate("MixedFilesDialog", "… and {count} more")
        lines.append(more.format(count=len(paths) - SHOWN_NAMES))
    return "\n".join(lines)
