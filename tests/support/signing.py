"""Sign in-process through the engine, for tests that inspect what was written."""

from __future__ import annotations

from paraphe.core.credentials import Pkcs12Credential
from paraphe.core.signing.engine import BatchSigner, plan_documents
from paraphe.core.signing.request import SignRequest, SignResult
from tests.support.pki import PKCS12_PASSWORD, TestPki


def sign_with(pki: TestPki, persona: str, request: SignRequest) -> list[SignResult]:
    with Pkcs12Credential.open(pki.p12(persona), PKCS12_PASSWORD) as credential:
        outcome = BatchSigner(request, credential).run(plan_documents(request))
    assert not outcome.failures, [f.message for f in outcome.failures]
    return outcome.results
