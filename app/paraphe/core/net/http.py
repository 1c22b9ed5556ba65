"""Network access for revocation data (OCSP, CRL), certificates and timestamps: timeouts, proxy.

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

from ..adapters import aiohttp_internals, certvalidator_internals

PER_REQUEST_TIMEOUT = 10  # seconds; a dead responder must not freeze a verification
MAX_RESPONSE_BYTES = 32 << 20
"""Large enough for the CRLs of the biggest European CAs; OCSP answers and certificates are KBs."""


def shared_session() -> Any:
    """A pyHanko ``LazySession``: one aiohttp session, made on first use, for a whole run.

    The timestamper and the revocation fetchers share it (pyHanko's own sessions would be one
    per request, and left unclosed). Whoever makes it closes it (``await session.close()``).
    """

    def make_session() -> Any:
        import aiohttp
        import certifi

        context = ssl.create_default_context(cafile=certifi.where())
        return aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(ssl=context),
            trust_env=True,
            timeout=aiohttp.ClientTimeout(total=PER_REQUEST_TIMEOUT * 2),
            response_class=aiohttp_internals.bounded_response_class(MAX_RESPONSE_BYTES),
        )

    return certvalidator_internals.lazy_session(make_session)


def fetcher_backend(session: Any = None) -> Any:
    """A pyhanko-certvalidator fetcher backend that uses the system's proxy settings."""
    from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

    # The backend closes the session at the end of its run.
    return AIOHttpFetcherBackend(
        session=session if session is not None else shared_session(),
        per_request_timeout=PER_REQUEST_TIMEOUT,
    )
