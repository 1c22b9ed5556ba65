"""Sign in-process through the engine, for tests that inspect what was written."""

from __future__ import annotations

import contextlib

from paraphe.core.credentials import Pkcs12Credential
from paraphe.core.signing.engine import BatchSigner, plan_documents
from paraphe.core.signing.levels import needs_timestamp
from paraphe.core.signing.request import SignRequest, SignResult
from tests.support.pki import PKCS12_PASSWORD, TestPki


def sign_with(pki: TestPki, persona: str, request: SignRequest) -> list[SignResult]:
    """Sign ``request`` with a persona's .p12; levels B-T and up use ``request.tsa``."""
    with contextlib.ExitStack() as stack:
        timestamps = None
        if needs_timestamp(request.level):
            from paraphe.core.timestamps.client import TimestampService

            timestamps = stack.enter_context(TimestampService(request.tsa))
        credential = stack.enter_context(Pkcs12Credential.open(pki.p12(persona), PKCS12_PASSWORD))
        outcome = BatchSigner(request, credential, timestamps=timestamps).run(
            plan_documents(request)
        )
    assert not outcome.failures, [f.message for f in outcome.failures]
    return outcome.results
