"""One verification run: settings, pyHanko's validation spec built once, the network session."""

from __future__ import annotations

import logging
from typing import Any

from ..aio import run_sync
from ..progress import CancelToken
from .settings import VerificationSettings

# pyHanko logs whole tracebacks for outcomes that are ordinary verdicts here.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


class VerificationContext:
    def __init__(self, settings: VerificationSettings, cancel: CancelToken | None = None) -> None:
        self.settings = settings
        self.cancel = cancel or CancelToken()
        """Checked between signatures and between the chunks of a document being hashed."""
        self._spec: Any = None

    def check_cancelled(self, _done: int = 0) -> None:
        """An ``on_bytes`` callback for ``Document.digest``: stop hashing a big file at once."""
        self.cancel.raise_if_cancelled()

    @property
    def spec(self) -> Any:
        """pyHanko's ``SignatureValidationSpec``, shared by every signature of the run."""
        if self._spec is None:
            self._spec = self.settings.signature_spec()
        return self._spec

    def data_handlers(self) -> Any:
        """Fresh validation-data handlers (revocation data, POE) for one signature."""
        from pyhanko.sign.validation.policy_decl import bootstrap_validation_data_handlers

        return bootstrap_validation_data_handlers(self.spec, self.settings.timing_info())

    def close(self) -> None:
        if self._spec is None:
            return
        backend = self._spec.revinfo_gathering_policy.fetcher_backend
        if backend is not None:
            run_sync(backend.close())

    def __enter__(self) -> VerificationContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
