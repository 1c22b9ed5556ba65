"""How an error reaches the user: one clear sentence, "Copy details", never a console traceback.

Cancellation shows nothing; a known error shows its (translated) sentence; an unknown one says so
and offers the details to copy for a report.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ...core.errors import Cancelled, ParapheError
from ..i18n import localized


def show_error(parent: QWidget | None, error: BaseException) -> None:
    if isinstance(error, Cancelled):
        return
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # a file name in the sentence is never markup
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QApplication.translate("errors", "Paraphe"))
    if isinstance(error, ParapheError):
        box.setText(localized(error))
        details = localized(error)
    else:
        box.setText(
            QApplication.translate(
                "errors", "Something unexpected happened. Copy the details and report them."
            )
        )
        details = "".join(traceback.format_exception(error))
    box.setDetailedText(details)
    copy = box.addButton(
        QApplication.translate("errors", "Copy details"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(details)
