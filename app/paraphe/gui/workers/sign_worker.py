"""Signing off the GUI thread through the engine's ``sign_batch``, reporting through signals.

A password or PIN is asked on the GUI thread: the worker emits ``secret_needed`` and waits until
the dialog answers (Electrum's pattern); the secret lives in the worker only until the engine
has used it.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRunnable, Signal

from ...core.credentials.secrets import SecretRequest
from ...core.credentials.sources import KeySource
from ...core.errors import Cancelled
from ...core.progress import CancelToken
from ...core.signing.request import SignRequest


class SignSignals(QObject):
    progress = Signal(object)  # Progress
    file_done = Signal(object)  # SignResult
    notice = Signal(object)  # Notice
    secret_needed = Signal(object)  # SecretRequest: answer with SignWorker.answer_secret
    failed = Signal(object)  # an exception that stopped the batch (wrong PIN, ...)
    finished = Signal(object)  # BatchOutcome, or None when the batch stopped


class SignWorker(QRunnable):
    """Runs in the thread pool. ``cancel()`` may be called from the GUI thread at any time."""

    def __init__(self, request: SignRequest, source: KeySource) -> None:
        super().__init__()
        self.request = request
        self.source = source
        self._secret: str | None = None
        self._answered = threading.Event()
        self.token = CancelToken()
        self.signals = SignSignals()

    def cancel(self) -> None:
        self.token.cancel()
        self._answered.set()

    def answer_secret(self, secret: str | None) -> None:
        """Called on the GUI thread by the password or PIN dialog (None: the user cancelled)."""
        self._secret = secret
        self._answered.set()

    def _ask_secret(self, request: SecretRequest) -> str | None:
        self._answered.clear()
        self.signals.secret_needed.emit(request)
        self._answered.wait()
        secret, self._secret = self._secret, None
        return None if self.token.cancelled else secret

    def run(self) -> None:
        from ...core.signing.batch import sign_batch

        try:
            outcome = sign_batch(
                self.request,
                self.source,
                self._ask_secret,
                on_progress=self.signals.progress.emit,
                on_result=self.signals.file_done.emit,
                on_notice=self.signals.notice.emit,
                cancel=self.token,
            )
        except Cancelled:
            self.signals.finished.emit(None)
            return
        except Exception as error:
            self.signals.failed.emit(error)
            self.signals.finished.emit(None)
            return
        self.signals.finished.emit(outcome)
