"""One revocation fetch per run: an OCSP response, a CRL or an issuer certificate fetched once
serves every signature that needs it, in this process and in the verifier's worker processes.

pyhanko-certvalidator caches what it fetches per ``Fetchers`` object, and builds one per
validation context, that is per signature: 1,000 signatures by one signer cost 1,000 OCSP
requests. Here the run owns one set of pyHanko's own aiohttp fetchers (``FetchService``, on an
event loop of its own thread): they cache every answer, failures included, and never fetch the
same thing twice even when asked at the same moment. Each signature gets ``Fetchers`` of its own
(``SharedFetcherBackend.get_fetchers``) that ask the service through a ``FetchChannel``: a direct
call in this process, a pipe to the parent in a worker (``PipeChannel``). Only bytes cross: the
DER of the certificate, CRL or response, and the error's type and message.

Why the parent fetches and serves rather than a file cache with locks: the single-flight cache
exists already (pyHanko's), no lock that differs between Windows and POSIX, nothing written to
disk that a cancelled run would leave behind, and the workers stay free of network sessions.

Bounds: each signature's fetchers keep pyHanko's budget (``FetchLimits``: requests, certificate
requests), charged once per distinct question; the run-wide fetchers keep the per-object bound on
issuer URLs; every request keeps the session's timeout and response-size limit (``net.http``).
What is fetched is judged by pyhanko-certvalidator in the validation context as before: the cache
only saves the network round trips.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncGenerator, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Protocol

from asn1crypto import cms, crl, keys, ocsp, x509
from pyhanko_certvalidator import errors as certvalidator_errors
from pyhanko_certvalidator.authority import Authority, NamedKeyAuthority
from pyhanko_certvalidator.fetchers.api import (
    CertificateFetcher,
    CRLFetcher,
    FetcherBackend,
    Fetchers,
    FetchLimits,
    OCSPFetcher,
)
from pyhanko_certvalidator.fetchers.common_utils import FetchBudget, FetchKind
from pyhanko_certvalidator.util import issuer_serial


@dataclass(frozen=True)
class FetchRequest:
    """One question, in bytes: ``kind`` is ``ocsp`` (``subject`` the certificate, ``issuer_name``
    and ``issuer_key`` the authority), ``crl`` (``subject`` the certificate, ``use_deltas``),
    ``cert_issuers`` (``subject`` the certificate) or ``crl_issuers`` (``subject`` the CRL)."""

    kind: str
    subject: bytes
    issuer_name: bytes = b""
    issuer_key: bytes = b""
    use_deltas: bool = True


@dataclass(frozen=True)
class FetchAnswer:
    """What the fetch gave (DER values) and, if it failed, the error's type name and message
    (raised again as that pyhanko-certvalidator error by the asking side)."""

    values: tuple[bytes, ...] = ()
    error_type: str = ""
    error: str = ""


_ERRORS: dict[str, type[Exception]] = {
    "OCSPFetchError": certvalidator_errors.OCSPFetchError,
    "CRLFetchError": certvalidator_errors.CRLFetchError,
    "CertificateFetchError": certvalidator_errors.CertificateFetchError,
}
_ERROR_OF_KIND = {
    "ocsp": "OCSPFetchError",
    "crl": "CRLFetchError",
    "cert_issuers": "CertificateFetchError",
    "crl_issuers": "CertificateFetchError",
}


class FetchChannel(Protocol):
    """How a signature's fetchers reach the run's ``FetchService``."""

    def ask(self, request: FetchRequest) -> FetchAnswer: ...


class FetchService:
    """The run's fetchers (pyHanko's aiohttp ones, one session) on an event loop in a thread of
    their own, answering ``FetchRequest``s from any thread. Close it at the end of the run."""

    def __init__(self) -> None:
        from ..net.http import fetcher_backend

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="paraphe-revocation-fetch", daemon=True
        )
        self._thread.start()
        # No run-wide request budget: each signature's own fetchers keep one (``_budget``).
        self._backend = fetcher_backend()
        self._backend.limits = FetchLimits(max_requests=None, max_cert_requests=None)
        self._fetchers = self._backend.get_fetchers()
        self.requests = 0
        """Distinct questions answered, for tests and benchmarks."""
        self._answers: dict[FetchRequest, Future[FetchAnswer]] = {}
        self._answers_lock = threading.Lock()

    def submit(self, request: FetchRequest) -> Future[FetchAnswer]:
        """The answer to ``request``: the same one for the whole run, as pyHanko's fetchers
        give (they never fetch a thing twice, failures included); a question asked again is
        not even turned back into pyHanko's objects."""
        with self._answers_lock:
            answer = self._answers.get(request)
            if answer is None:
                answer = asyncio.run_coroutine_threadsafe(self._answer(request), self._loop)
                self._answers[request] = answer
            return answer

    def ask(self, request: FetchRequest) -> FetchAnswer:
        """A ``FetchChannel`` for this process: the validation's own event loop waits here."""
        return self.submit(request).result()

    async def _answer(self, request: FetchRequest) -> FetchAnswer:
        self.requests += 1
        values: list[bytes] = []
        try:
            if request.kind == "ocsp":
                authority = NamedKeyAuthority(
                    x509.Name.load(request.issuer_name), keys.PublicKeyInfo.load(request.issuer_key)
                )
                response = await self._fetchers.ocsp_fetcher.fetch(
                    _certificate(request.subject), authority
                )
                values.append(response.dump())
            elif request.kind == "crl":
                fetched = await self._fetchers.crl_fetcher.fetch(
                    _certificate(request.subject), use_deltas=request.use_deltas
                )
                values.extend(c.dump() for c in fetched)
            elif request.kind == "cert_issuers":
                issuers = self._fetchers.cert_fetcher.fetch_cert_issuers(
                    _certificate(request.subject)
                )
                values.extend([c.dump() async for c in issuers])
            elif request.kind == "crl_issuers":
                issuers = self._fetchers.cert_fetcher.fetch_crl_issuers(
                    crl.CertificateList.load(request.subject)
                )
                values.extend([c.dump() async for c in issuers])
            else:
                return FetchAnswer(error_type="CertificateFetchError", error="unknown request")
        except Exception as exc:  # the asking side raises it again as the fetch error it is
            error_type = type(exc).__name__
            if error_type not in _ERRORS:
                error_type = _ERROR_OF_KIND.get(request.kind, "CertificateFetchError")
            return FetchAnswer(tuple(values), error_type, str(exc))
        return FetchAnswer(tuple(values))

    def close(self) -> None:
        if self._loop.is_closed():
            return
        try:
            asyncio.run_coroutine_threadsafe(self._backend.close(), self._loop).result(timeout=10)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            self._loop.close()

    def __enter__(self) -> FetchService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _certificate(der: bytes) -> x509.Certificate:
    return x509.Certificate.load(der)


def _raise(answer: FetchAnswer) -> None:
    if answer.error_type:
        raise _ERRORS.get(answer.error_type, certvalidator_errors.CertificateFetchError)(
            answer.error
        )


class SharedFetcherBackend(FetcherBackend):
    """A pyhanko-certvalidator backend whose fetchers ask the run's ``FetchService``."""

    def __init__(self, channel: FetchChannel, limits: FetchLimits | None = None) -> None:
        self.channel = channel
        self.limits = limits or FetchLimits()

    def get_fetchers(self) -> Fetchers:
        """Fresh fetchers for one validation context, with pyHanko's per-context budget; what
        they got is what their ``fetched_*`` methods report (the revocation source)."""
        budget = FetchBudget(self.limits)
        return Fetchers(
            ocsp_fetcher=_SharedOCSPFetcher(self.channel, budget),
            crl_fetcher=_SharedCRLFetcher(self.channel, budget),
            cert_fetcher=_SharedCertificateFetcher(self.channel, budget),
        )

    async def close(self) -> None:
        """The service is the run's: whoever made it closes it."""


class _Asking:
    def __init__(self, channel: FetchChannel, budget: FetchBudget) -> None:
        self._channel = channel
        self._budget = budget
        self._answers: dict[FetchRequest, FetchAnswer] = {}

    def _ask(self, request: FetchRequest, kind: FetchKind) -> FetchAnswer:
        answer = self._answers.get(request)
        if answer is None:
            self._budget.charge(kind)  # raises the fetch error of ``kind`` when spent
            answer = self._answers[request] = self._channel.ask(request)
        return answer


class _SharedOCSPFetcher(OCSPFetcher, _Asking):
    def __init__(self, channel: FetchChannel, budget: FetchBudget) -> None:
        super().__init__(channel, budget)
        self._responses: dict[Any, ocsp.OCSPResponse] = {}

    async def fetch(
        self, cert: x509.Certificate | cms.AttributeCertificateV2, authority: Authority
    ) -> ocsp.OCSPResponse:
        answer = self._ask(
            FetchRequest("ocsp", cert.dump(), authority.name.dump(), authority.public_key.dump()),
            FetchKind.OCSP,
        )
        _raise(answer)
        response = ocsp.OCSPResponse.load(answer.values[0])
        self._responses[(issuer_serial(cert), authority.hashable)] = response
        return response

    def fetched_responses(self) -> Iterable[ocsp.OCSPResponse]:
        return list(self._responses.values())

    def fetched_responses_for_cert(
        self, cert: x509.Certificate | cms.AttributeCertificateV2
    ) -> Iterable[ocsp.OCSPResponse]:
        target = issuer_serial(cert)
        return [r for (serial, _), r in self._responses.items() if serial == target]


class _SharedCRLFetcher(CRLFetcher, _Asking):
    def __init__(self, channel: FetchChannel, budget: FetchBudget) -> None:
        super().__init__(channel, budget)
        self._by_cert: dict[bytes, list[crl.CertificateList]] = {}

    async def fetch(
        self, cert: x509.Certificate | cms.AttributeCertificateV2, *, use_deltas: Any = None
    ) -> Iterable[crl.CertificateList]:
        answer = self._ask(
            FetchRequest("crl", cert.dump(), use_deltas=use_deltas is not False), FetchKind.CRL
        )
        _raise(answer)
        fetched = [crl.CertificateList.load(value) for value in answer.values]
        self._by_cert[issuer_serial(cert)] = fetched
        return fetched

    def fetched_crls(self) -> Iterable[crl.CertificateList]:
        return [c for fetched in self._by_cert.values() for c in fetched]

    def fetched_crls_for_cert(
        self, cert: x509.Certificate | cms.AttributeCertificateV2
    ) -> Iterable[crl.CertificateList]:
        return self._by_cert[issuer_serial(cert)]  # KeyError: nothing fetched for it, as pyHanko


class _SharedCertificateFetcher(CertificateFetcher, _Asking):
    def __init__(self, channel: FetchChannel, budget: FetchBudget) -> None:
        super().__init__(channel, budget)
        self._certs: dict[bytes, x509.Certificate] = {}

    async def _issuers(self, request: FetchRequest) -> AsyncGenerator[x509.Certificate, None]:
        answer = self._ask(request, FetchKind.CERT)
        for value in answer.values:
            certificate = x509.Certificate.load(value)
            self._certs.setdefault(value, certificate)
            yield certificate
        _raise(answer)

    def fetch_cert_issuers(
        self, cert: x509.Certificate | cms.AttributeCertificateV2
    ) -> AsyncGenerator[x509.Certificate, None]:
        return self._issuers(FetchRequest("cert_issuers", cert.dump()))

    def fetch_crl_issuers(self, certificate_list: Any) -> AsyncGenerator[x509.Certificate, None]:
        return self._issuers(FetchRequest("crl_issuers", certificate_list.dump()))

    def fetched_certs(self) -> Iterable[x509.Certificate]:
        return list(self._certs.values())
