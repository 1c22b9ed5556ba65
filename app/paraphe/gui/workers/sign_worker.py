"""Signing off the GUI thread through the engine's ``sign_batch``, reporting through signals.

When asked, the batch's verification guide is written here too, after the signatures: making
a PDF takes a moment the window must not freeze for.

A password or PIN is asked on the GUI thread: the worker emits ``secret_needed`` and waits until
the dialog answers (Electrum's pattern); the secret lives in the worker only until the engine
has used it.

The window may be gone before the batch is (the application quitting): a signal whose receiver
side was deleted is dropped, never raised in the pool thread ("Signal source has been deleted").
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Signal

from ...core.credentials.secrets import SecretRequest
from ...core.credentials.sources import KeySource
from ...core.errors import Cancelled
from ...core.progress import CancelToken
from ...core.signing.request import SignRequest

if TYPE_CHECKING:
    from ...core.signing.engine import BatchOutcome


class SignSignals(QObject):
    progress = Signal(object)  # Progress
    file_done = Signal(object)  # SignResult
    file_failed = Signal(object, object)  # Path, ParapheError: that file failed, the others go on
    notice = Signal(object)  # Notice
    secret_needed = Signal(object)  # SecretRequest: answer with SignWorker.answer_secret
    failed = Signal(object)  # an exception that stopped the batch (wrong PIN, ...)
    guide_written = Signal(object)  # Path of the verification guide
    guide_failed = Signal(object)  # GuideNotWritable: the signatures are written, not the guide
    finished = Signal(object)  # BatchOutcome, or None when the batch stopped


class SignWorker(QRunnable):
    """Runs in the thread pool. ``cancel()`` may be called from the GUI thread at any time."""

    def __init__(
        self, request: SignRequest, source: KeySource, guide_language: str | None = None
    ) -> None:
        super().__init__()
        self.request = request
        self.source = source
        self.guide_language = guide_language
        """The verification guide's language, None for no guide."""
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

    def _emit(self, signal: Any, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the signals' object was deleted with the window: nobody listens
            self.token.cancel()

    def _ask_secret(self, request: SecretRequest) -> str | None:
        self._answered.clear()
        if self.token.cancelled:
            return None
        self._emit(self.signals.secret_needed, request)
        if self.token.cancelled:
            return None
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
                on_progress=lambda progress: self._emit(self.signals.progress, progress),
                on_result=lambda result: self._emit(self.signals.file_done, result),
                on_failure=lambda path, error: self._emit(self.signals.file_failed, path, error),
                on_notice=lambda notice: self._emit(self.signals.notice, notice),
                cancel=self.token,
            )
        except Cancelled:
            self._emit(self.signals.finished, None)
            return
        except Exception as error:
            self._emit(self.signals.failed, error)
            self._emit(self.signals.finished, None)
            return
        if self.guide_language is not None and outcome.results and not outcome.failures:
            self._write_guide(outcome, self.guide_language)
        self._emit(self.signals.finished, outcome)

    def _write_guide(self, outcome: BatchOutcome, language: str) -> None:
        from ... import __version__
        from ...core.reports.verification_guide import (
            GuideNotWritable,
            current_trusted_lists,
            guide_folder,
            guide_words,
            publish_verification_guide,
        )
        from ..i18n import tr_engine

        assert outcome.certificate is not None  # set by every batch that signed
        try:
            path = publish_verification_guide(
                outcome.results,
                outcome.certificate,
                outcome.chain,
                folder=guide_folder(self.request, outcome.results),
                words=guide_words(tr_engine),
                language=language,
                version=__version__,
                trusted_lists=current_trusted_lists(),
            )
        except GuideNotWritable as error:
            self._emit(self.signals.guide_failed, error)
            return
        self._emit(self.signals.guide_written, path)
