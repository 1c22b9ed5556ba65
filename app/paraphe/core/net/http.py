"""Network access for revocation data (OCSP, CRL) and certificates: timeouts and the proxy.

pyhanko-certvalidator's default aiohttp session ignores the environment's proxy settings; ours
honours HTTP(S)_PROXY / NO_PROXY (``trust_env``), which corporate networks need.

Responses are read up to MAX_RESPONSE_BYTES: the OCSP, CRL and certificate URLs come from the
certificates being checked, so a hostile signature can point them at a server that never stops
sending; pyhanko-certvalidator reads whatever comes whole. A larger answer fails like an
unreachable responder (the revocation status is then unknown: TRY_LATER, never a pass).
"""

from __future__ import annotations

import ssl
from typing import Any

PER_REQUEST_TIMEOUT = 10  # seconds; a dead responder must not freeze a verification
MAX_RESPONSE_BYTES = 32 << 20
"""Large enough for the CRLs of the biggest European CAs; OCSP answers and certificates are KBs."""
_CHUNK = 1 << 16


def fetcher_backend() -> Any:
    """A pyhanko-certvalidator fetcher backend that uses the system's proxy settings."""
    import aiohttp
    import certifi
    from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend
    from pyhanko_certvalidator.fetchers.aiohttp_fetchers.util import LazySession

    class ProxyAwareSession(LazySession):  # type: ignore[misc]
        def get_session(self) -> aiohttp.ClientSession:
            if self._session is None:
                context = ssl.create_default_context(cafile=certifi.where())
                self._session = aiohttp.ClientSession(
                    connector=aiohttp.TCPConnector(ssl=context),
                    trust_env=True,
                    timeout=aiohttp.ClientTimeout(total=PER_REQUEST_TIMEOUT * 2),
                    response_class=bounded_response_class(),
                )
            return self._session

    session: Any = ProxyAwareSession()  # a LazySession, which the backend accepts and closes
    return AIOHttpFetcherBackend(session=session, per_request_timeout=PER_REQUEST_TIMEOUT)


def bounded_response_class() -> Any:
    """An aiohttp response whose ``read()`` stops at MAX_RESPONSE_BYTES (aiohttp 3.14: the body
    read is kept in ``_body``, as ``ClientResponse.read`` does, which then releases the
    connection)."""
    import aiohttp

    class BoundedResponse(aiohttp.ClientResponse):
        async def read(self) -> bytes:
            if self._body is None:
                declared = self.content_length
                if declared is not None and declared > MAX_RESPONSE_BYTES:
                    self.close()
                    raise aiohttp.ClientPayloadError(f"response of {declared} bytes refused")
                chunks, total = [], 0
                try:
                    async for chunk in self.content.iter_chunked(_CHUNK):
                        total += len(chunk)
                        if total > MAX_RESPONSE_BYTES:
                            raise aiohttp.ClientPayloadError(
                                f"response larger than {MAX_RESPONSE_BYTES} bytes refused"
                            )
                        chunks.append(chunk)
                except BaseException:
                    self.close()
                    raise
                self._body = b"".join(chunks)
            return await super().read()

    return BoundedResponse
