"""Asks the password of a certificate file; says so when the last one was wrong.

The password lives only in this dialog and the worker that opens the file; it is never stored,
logged or retried on the user's behalf.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class PasswordDialog(QDialog):
    def __init__(self, keystore: Path, retry: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Certificate password"))
        message = self.tr("Password of the certificate file %1:").replace("%1", keystore.name)
        self.label = QLabel(message)
        self.label.setWordWrap(True)
        self.warning = QLabel(self.tr("Wrong password. Check it and try again."))
        self.warning.setStyleSheet("color: #b00020; font-weight: bold;")
        self.warning.setVisible(retry)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(self.tr("Password"))
        self.label.setBuddy(self.field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.warning)
        layout.addWidget(self.field)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def password(self) -> str:
        return self.field.text()

    @staticmethod
    def ask(keystore: Path, retry: bool = False, parent: QWidget | None = None) -> str | None:
        """The typed password, or None if the user cancelled."""
        dialog = PasswordDialog(keystore, retry, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        text = dialog.password()
        dialog.field.clear()
        return text
