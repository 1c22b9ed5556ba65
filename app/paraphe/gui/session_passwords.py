"""The .p12 passwords a user asked Paraphe to keep until it quits: in memory only.

Asked once per session when the user ticks "remember until I quit" in the password dialog; never
written to disk or logged, forgotten at quit (``forget_all``) or when the file is taken off the
list. A kept password the file refuses is dropped and the user is asked: a wrong password is never
given again on the user's behalf.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ..core.credentials.secrets import SecretRequest
from .dialogs.password_dialog import PasswordDialog


class SessionPasswords:
    def __init__(self) -> None:
        self._kept: dict[Path, str] = {}

    def __contains__(self, keystore: Path) -> bool:
        return keystore in self._kept

    def ask(self, request: SecretRequest, parent: QWidget | None = None) -> str | None:
        """The engine's keystore password: the one kept, else the dialog's (kept if ticked)."""
        keystore = request.keystore
        assert keystore is not None
        if request.retry:
            self._kept.pop(keystore, None)  # the last one given was wrong: ask the person
        elif keystore in self._kept:
            return self._kept[keystore]
        dialog = PasswordDialog(keystore, request.retry, parent, offer_remember=True)
        secret = dialog.answer()
        if secret is not None and dialog.remember.isChecked():
            self._kept[keystore] = secret
        return secret

    def forget(self, keystore: Path) -> None:
        self._kept.pop(keystore, None)

    def forget_all(self) -> None:
        self._kept.clear()
