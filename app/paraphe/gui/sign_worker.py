"""Signing off the GUI thread: open the credential, sign the batch, report through signals."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from ..core.errors import Cancelled, ParapheError
from ..core.progress import CancelToken, Progress
from ..core.signing.request import SignRequest


class SignSignals(QObject):
    progress = Signal(object)  # Progress
    file_done = Signal(object)  # SignResult
    notice = Signal(object)  # Notice
    failed = Signal(object)  # an exception that stopped the batch (wrong password, ...)
    finished = Signal(object)  # BatchOutcome, or None when the batch stopped


class SignWorker(QRunnable):
    """Runs in the thread pool. ``cancel()`` may be called from the GUI thread at any time."""

    def __init__(self, request: SignRequest, keystore: Path, password: str) -> None:
        super().__init__()
        self.request = request
        self.keystore = keystore
        self._password: str | None = password
        self.token = CancelToken()
        self.signals = SignSignals()

    def cancel(self) -> None:
        self.token.cancel()

    def run(self) -> None:
        from ..core.credentials import Pkcs12Credential
        from ..core.signing.engine import BatchSigner, check_credential, plan_documents, utc_now

        password, self._password = self._password, None
        try:
            plan = plan_documents(self.request)
            with Pkcs12Credential.open(self.keystore, password) as credential:
                del password
                for notice in (*check_credential(credential, utc_now()), *plan.notices):
                    self.signals.notice.emit(notice)
                signer = BatchSigner(
                    self.request,
                    credential,
                    on_progress=self.signals.progress.emit,
                    on_result=self.signals.file_done.emit,
                    cancel=self.token,
                )
                outcome = signer.run(plan)
        except Cancelled:
            self.signals.finished.emit(None)
            return
        except ParapheError as error:
            self.signals.failed.emit(error)
            self.signals.finished.emit(None)
            return
        except Exception as error:
            self.signals.failed.emit(error)
            self.signals.finished.emit(None)
            return
        self.signals.finished.emit(outcome)


__all__ = ["Progress", "SignWorker"]
