"""One verification run: settings, pyHanko's validation spec built once, the network session
(or the run's shared revocation fetchers, ``validation_data.shared_fetch``)."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from ..aio import run_sync
from ..progress import CancelToken
from .settings import VerificationSettings

# pyHanko logs whole tracebacks for outcomes that are ordinary verdicts here.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


class VerificationContext:
    def __init__(
        self,
        settings: VerificationSettings,
        cancel: CancelToken | None = None,
        fetchers: Any = None,
    ) -> None:
        self.settings = settings
        self.cancel = cancel or CancelToken()
        """Checked between signatures and between the chunks of a document being hashed."""
        self.fetchers = fetchers
        """A pyhanko-certvalidator ``FetcherBackend`` serving the whole run (its revocation
        data fetched once for every signature: ``shared_fetch.SharedFetcherBackend``), owned by
        whoever made it; None: the settings' own backend, closed with this context."""
        self._spec: Any = None
        self._owner = True
        self.embedded: Any = None
        """The validation data the signature being validated carries (``with_embedded``)."""

    def with_embedded(self, data: Any) -> VerificationContext:
        """This run's context, knowing also the certificates, OCSP responses and CRLs a signature
        carries (``validation_data.ValidationData``): B-LT validates without the network. The
        data is used as pyHanko uses data at hand: fresh enough for the time validated."""
        if data is None or not (data.certificates or data.ocsps or data.crls):
            return self
        from pyhanko_certvalidator.revinfo.archival import CRLContainer, OCSPContainer

        base = self.spec
        known = base.local_knowledge
        derived = VerificationContext(self.settings, self.cancel, self.fetchers)
        derived._owner = False  # the run's context closes the shared network session
        derived.embedded = data
        derived._spec = dataclasses.replace(
            base,
            local_knowledge=dataclasses.replace(
                known,
                known_certs=[*known.known_certs, *data.certificates],
                known_crls=[*known.known_crls, *(CRLContainer(c) for c in data.crls)],
                known_ocsps=[
                    *known.known_ocsps,
                    *(c for r in data.ocsps for c in OCSPContainer.load_multi(r)),
                ],
            ),
        )
        return derived

    def check_cancelled(self, _done: int = 0) -> None:
        """An ``on_bytes`` callback for ``Document.digest``: stop hashing a big file at once."""
        self.cancel.raise_if_cancelled()

    @property
    def spec(self) -> Any:
        """pyHanko's ``SignatureValidationSpec``, shared by every signature of the run."""
        if self._spec is None:
            spec = self.settings.signature_spec()
            gathering = spec.revinfo_gathering_policy
            if self.fetchers is not None and gathering.fetcher_backend is not None:
                spec = dataclasses.replace(
                    spec,
                    revinfo_gathering_policy=dataclasses.replace(
                        gathering, fetcher_backend=self.fetchers
                    ),
                )
            self._spec = spec
        return self._spec

    def data_handlers(self, timing_info: Any = None) -> Any:
        """Fresh validation-data handlers (revocation data, POE) for one signature, judging
        freshness at ``timing_info`` (a past time validated) or the settings' time."""
        from pyhanko.sign.validation.policy_decl import bootstrap_validation_data_handlers

        return bootstrap_validation_data_handlers(
            self.spec, timing_info or self.settings.timing_info()
        )

    def close(self) -> None:
        if self._spec is None or not self._owner:
            return
        backend = self._spec.revinfo_gathering_policy.fetcher_backend
        if backend is not None and backend is not self.fetchers:
            run_sync(backend.close())

    def __enter__(self) -> VerificationContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
