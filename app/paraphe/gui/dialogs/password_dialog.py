"""Asks the password of a certificate file; says so when the last one was wrong.

The password lives only in this dialog and the worker that opens the file, or, when the user
ticks "remember until I quit", in memory until Paraphe quits (``SessionPasswords``); it is never
written to disk, logged or retried on the user's behalf.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.text.display_text import displayable


class PasswordDialog(QDialog):
    def __init__(
        self,
        keystore: Path,
        retry: bool = False,
        parent: QWidget | None = None,
        offer_remember: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Certificate password"))
        message = self.tr("Password of the certificate file %1:").replace(
            "%1", displayable(keystore.name)
        )
        self.label = QLabel(message)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a file name is never markup
        self.label.setWordWrap(True)
        self.warning = QLabel(self.tr("Wrong password. Check it and try again."))
        self.warning.setStyleSheet("color: #b00020; font-weight: bold;")
        self.warning.setVisible(retry)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(self.tr("Password"))
        self.label.setBuddy(self.field)
        self.remember = QCheckBox(self.tr("Re&member it until I quit Paraphe"))
        self.remember.setToolTip(
            self.tr(
                "Kept in memory only, never on disk; forgotten when Paraphe quits. Until then,"
                " signing with this file does not ask for it again."
            )
        )
        self.remember.setVisible(offer_remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.warning)
        layout.addWidget(self.field)
        layout.addWidget(self.remember)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def password(self) -> str:
        return self.field.text()

    def answer(self) -> str | None:
        """Run the dialog: the typed secret (the field is cleared), or None if cancelled."""
        if self.exec() != QDialog.DialogCode.Accepted:
            return None
        text = self.password()
        self.field.clear()
        return text

    @staticmethod
    def ask(keystore: Path, retry: bool = False, parent: QWidget | None = None) -> str | None:
        """The typed password, or None if the user cancelled."""
        return PasswordDialog(keystore, retry, parent).answer()


class PinDialog(PasswordDialog):
    """The token PIN, with what the token said before asking: tries left, or its PIN pad."""

    def __init__(self, request: object, parent: QWidget | None = None) -> None:
        token = getattr(request, "token_label", "")
        super().__init__(Path(token or "token"), retry=False, parent=parent)
        self.setWindowTitle(self.tr("Token PIN"))
        self.label.setText(self.tr("PIN of the token %1:").replace("%1", displayable(token)))
        self.field.setAccessibleName(self.tr("PIN"))
        if getattr(request, "final_try", False):
            self.warning.setText(
                self.tr("One try left before the token locks. Make sure of the PIN.")
            )
            self.warning.setVisible(True)
        elif getattr(request, "count_low", False):
            self.warning.setText(
                self.tr(
                    "A wrong PIN was entered before: few tries are left before the token locks."
                )
            )
            self.warning.setVisible(True)

    @staticmethod
    def ask_pin(request: object, parent: QWidget | None = None) -> str | None:
        return PinDialog(request, parent).answer()
