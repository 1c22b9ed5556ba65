"""Network access for revocation data (OCSP, CRL) and certificates: timeouts and the proxy.

pyhanko-certvalidator's default aiohttp session ignores the environment's proxy settings; ours
honours HTTP(S)_PROXY / NO_PROXY (``trust_env``), which corporate networks need.
"""

from __future__ import annotations

import ssl
from typing import Any

PER_REQUEST_TIMEOUT = 10  # seconds; a dead responder must not freeze a verification


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
                )
            return self._session

    session: Any = ProxyAwareSession()  # a LazySession, which the backend accepts and closes
    return AIOHttpFetcherBackend(session=session, per_request_timeout=PER_REQUEST_TIMEOUT)
