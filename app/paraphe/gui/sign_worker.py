"""Signing off the GUI thread: open the credential, sign the batch, report through signals.

A token PIN is asked on the GUI thread: the worker emits ``pin_needed`` and waits until the
dialog answers (Electrum's pattern); the PIN lives in the worker only for the batch.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from ..core.errors import Cancelled, ParapheError
from ..core.progress import CancelToken, Progress
from ..core.signing.request import SignRequest
from .identities import Identity


class SignSignals(QObject):
    progress = Signal(object)  # Progress
    file_done = Signal(object)  # SignResult
    notice = Signal(object)  # Notice
    pin_needed = Signal(object)  # PinRequest: answer with SignWorker.answer_pin
    failed = Signal(object)  # an exception that stopped the batch (wrong password, ...)
    finished = Signal(object)  # BatchOutcome, or None when the batch stopped


class SignWorker(QRunnable):
    """Runs in the thread pool. ``cancel()`` may be called from the GUI thread at any time."""

    def __init__(
        self, request: SignRequest, identity: Identity, password: str | None = None
    ) -> None:
        super().__init__()
        self.request = request
        self.identity = identity
        self._password = password
        self._pin: str | None = None
        self._pin_answered = threading.Event()
        self.token = CancelToken()
        self.signals = SignSignals()

    def cancel(self) -> None:
        self.token.cancel()
        self._pin_answered.set()

    def answer_pin(self, pin: str | None) -> None:
        """Called on the GUI thread by the PIN dialog (None: the user cancelled)."""
        self._pin = pin
        self._pin_answered.set()

    def _ask_pin(self, request: Any) -> str | None:
        self._pin_answered.clear()
        self.signals.pin_needed.emit(request)
        self._pin_answered.wait()
        pin, self._pin = self._pin, None
        return None if self.token.cancelled else pin

    def _open_credential(self) -> Any:
        ref = self.identity.token
        if ref is None:
            from ..core.credentials import Pkcs12Credential

            assert self.identity.keystore is not None
            password, self._password = self._password, None
            return Pkcs12Credential.open(Path(self.identity.keystore), password)
        from ..core.credentials.pkcs11.credential import Pkcs11Credential

        return Pkcs11Credential.open(
            ref.module,
            token_label=ref.token_label,
            cert_sha256=ref.cert_sha256,
            pin_callback=self._ask_pin,
            on_notice=self.signals.notice.emit,
        )

    def run(self) -> None:
        from ..core.signing.engine import BatchSigner, check_credential, plan_documents, utc_now

        try:
            plan = plan_documents(self.request)
            with self._open_credential() as credential:
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
