"""The timestamp client: pyHanko's HTTP timestamper, over several TSAs and one shared session.

Servers are tried in the order given; one that failed in this run goes to the back of the line,
so a dead first server costs its timeout once, not once per file. Every token is checked
(``token_check``) before it is handed to pyHanko or to our XAdES and CAdES builders, and a server
whose token fails the check counts as failed. When none answers, ``TimestampUnavailable`` names
each server and its problem on one line.
"""

from __future__ import annotations

import asyncio
import base64
import errno
import os
import re
import socket
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn1crypto import cms, core, tsp
from asn1crypto import x509 as asn1_x509
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

from ..errors import TimestampUnavailable, UsageError
from ..net.http import PER_REQUEST_TIMEOUT, shared_session
from ..text.translatable import N_
from .servers import TsaServer
from .token_check import TokenRejected, check_token

if TYPE_CHECKING:
    from ..validation_data.collect import ValidationData


class FailoverTimeStamper(TimeStamper):  # type: ignore[misc]
    """A pyHanko ``TimeStamper`` that asks each server in turn until one gives a good token."""

    def __init__(self, servers: Sequence[TsaServer], session: Any) -> None:
        super().__init__(include_nonce=True)
        if not servers:
            raise UsageError(detail=N_("levels B-T and above need a timestamp server (--tsa URL)"))
        self.servers = tuple(servers)
        self._stampers = {
            server: HTTPTimeStamper(
                server.url,
                timeout=PER_REQUEST_TIMEOUT,
                headers=_basic_auth(server.auth),
                session=session,
            )
            for server in self.servers
        }
        self._failed: set[TsaServer] = set()

    def _in_turn(self) -> list[TsaServer]:
        return sorted(self.servers, key=lambda server: server in self._failed)  # stable

    async def async_timestamp(self, message_digest: bytes, md_algorithm: str) -> cms.ContentInfo:
        problems = []
        for server in self._in_turn():
            try:
                token = await self._ask(server, message_digest, md_algorithm)
            except (TimestampRequestError, TokenRejected, ValueError, TypeError, KeyError) as exc:
                self._failed.add(server)
                problems.append(f"{server.url}: {describe_failure(exc)}")
                continue
            self._failed.discard(server)
            return token
        raise TimestampUnavailable(detail="; ".join(problems))

    async def _ask(
        self, server: TsaServer, message_digest: bytes, md_algorithm: str
    ) -> cms.ContentInfo:
        """One request to one server: its token, checked (pyHanko's ``handle_tsp_response`` is
        not used: asn1crypto cannot read a refusal, which RFC 3161 sends without a token)."""
        nonce, request = self.request_cms(message_digest, md_algorithm)
        response = await self._stampers[server].async_request_tsa_response(request)
        token = _granted_token(response.dump(), nonce)
        check_token(token, message_digest, md_algorithm)
        return token


def _basic_auth(auth: tuple[str, str] | None) -> dict[str, str] | None:
    """The Authorization header of HTTP basic authentication, in UTF-8 (RFC 7617): aiohttp's
    ``BasicAuth``, which pyHanko builds from a (user, password) pair, encodes in Latin-1, so a
    password with a character outside it (œ, €) could not be sent, and servers that expect UTF-8
    refuse an accented one."""
    if auth is None:
        return None
    user, password = auth
    if ":" in user:
        raise UsageError(detail=N_("a timestamp server user name cannot contain ':'"))
    credentials = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {credentials}"}


class _TimeStampResp(core.Sequence):
    """RFC 3161 TimeStampResp, whose token is optional (asn1crypto's requires one)."""

    _fields = [  # noqa: RUF012 (asn1crypto API)
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


def _granted_token(response_der: bytes, nonce: int | None) -> cms.ContentInfo:
    """The token of a response that grants the request with our nonce; else a few words why."""
    try:
        response = _TimeStampResp.load(response_der, strict=True)
        status_info = response["status"]
        status = status_info["status"].native
        token = response["time_stamp_token"]
        tst_info = token["content"]["encap_content_info"]["content"].parsed if token else None
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):
        raise TokenRejected("the answer is not a readable timestamp response") from None
    if status not in ("granted", "granted_with_mods"):
        reasons = [*(status_info["status_string"].native or ()), *_fail_info(status_info)]
        detail = f" ({'; '.join(reasons)})" if reasons else ""
        raise TokenRejected(f"the server refused the request{detail}")
    if tst_info is None:
        raise TokenRejected("the answer holds no timestamp token")
    if nonce is not None and tst_info["nonce"].native != nonce:
        raise TokenRejected("the token's nonce is not the one sent (an answer to another request)")
    return token


def _fail_info(status_info: tsp.PKIStatusInfo) -> list[str]:
    try:
        return sorted(status_info["fail_info"].native or ())
    except (ValueError, TypeError):
        return []


_CONNECT_PROBLEMS = {
    errno.ECONNREFUSED: "connection refused",
    errno.ECONNRESET: "connection reset",
    errno.ETIMEDOUT: "connection timed out",
    errno.EHOSTUNREACH: "host unreachable",
    errno.ENETUNREACH: "network unreachable",
}


def describe_failure(exc: BaseException) -> str:
    """A few words on why a server gave no usable token (never a traceback)."""
    import aiohttp

    if isinstance(exc, TokenRejected):
        return str(exc)
    cause = exc.__cause__ if isinstance(exc, TimestampRequestError) else None
    if cause is None and isinstance(exc, TimestampRequestError):
        return str(exc)
    if cause is None:
        return "the answer is not a readable timestamp response"
    if isinstance(cause, asyncio.TimeoutError | aiohttp.ServerTimeoutError):
        return f"no answer within {PER_REQUEST_TIMEOUT} s"
    if isinstance(cause, aiohttp.ContentTypeError):
        content_type = cause.headers.get("Content-Type") if cause.headers else None
        return f"the answer is not a timestamp (content type {content_type or 'none'})"
    if isinstance(cause, aiohttp.ClientHttpProxyError):
        return f"the proxy answered HTTP error {cause.status} {cause.message}".rstrip()
    if isinstance(cause, aiohttp.TooManyRedirects):
        return "too many redirections"
    if isinstance(cause, aiohttp.ClientResponseError):
        problem = f"HTTP error {cause.status} {cause.message}".rstrip()
        if cause.status == 401:
            problem += " (user name or password missing or refused)"
        return problem
    if isinstance(cause, aiohttp.ClientConnectorCertificateError):
        return "the server's TLS certificate is not accepted"
    if isinstance(cause, aiohttp.ClientSSLError):
        return "the TLS connection failed"
    if isinstance(cause, aiohttp.ClientConnectorDNSError):
        return f"unknown host name ({_os_problem(cause.os_error)})"
    if isinstance(cause, aiohttp.ClientProxyConnectionError):
        return f"the proxy cannot be reached ({_os_problem(cause.os_error)})"
    if isinstance(cause, aiohttp.ClientConnectorError):
        return _os_problem(cause.os_error)
    if isinstance(cause, aiohttp.ServerDisconnectedError):
        return "the server closed the connection without answering"
    if isinstance(cause, aiohttp.ClientPayloadError):
        return "the answer was cut short or is too large"
    if isinstance(cause, aiohttp.InvalidURL):
        return "invalid address"
    if isinstance(cause, OSError):
        return _os_problem(cause)
    return str(cause) or type(cause).__name__


def _os_problem(error: OSError) -> str:
    """Connection refused, host unreachable...: by error number, also when asyncio tried
    several addresses and put all their errors in one message."""
    if isinstance(error, socket.gaierror):
        return str(error.strerror or "no such host")
    numbers = {error.errno} if error.errno else set()
    numbers |= {int(n) for n in re.findall(r"\[Errno (\d+)\]", str(error))}
    if len(numbers) == 1:
        [number] = numbers
        return _CONNECT_PROBLEMS.get(number) or os.strerror(number).lower()
    return f"cannot connect ({error.strerror or error})"


class TimestampService:
    """The timestamps of one run (a batch, an extension), and the validation data of B-LT: one
    session, closed at the end.

    Used from one thread: the session belongs to that thread's event loop (``aio.run_sync``).
    """

    def __init__(self, servers: Sequence[TsaServer], cache_folder: Path | None = None) -> None:
        """``cache_folder``: the revocation cache on disk (``validation_data.cache``), read
        before fetching and filled with what is fetched; None keeps the data to this run."""
        self._session = shared_session()
        self.stamper = FailoverTimeStamper(servers, self._session)
        self._collected: dict[bytes, ValidationData] = {}
        self._fetched: ValidationData | None = None
        """Everything this run knows: the disk cache's current data, then what it fetched."""
        self._cache_folder = cache_folder

    def validation_data(
        self, targets: Sequence[asn1_x509.Certificate], known: Sequence[asn1_x509.Certificate]
    ) -> ValidationData:
        """Each target's path and revocation data, fetched once per run (a batch signs with one
        certificate, its timestamps come from one or two TSAs)."""
        from ..aio import run_sync
        from ..validation_data.collect import ValidationData, collect

        merged = ValidationData()
        fetched = self._known_data()
        for target in targets:
            key = target.dump()
            if key not in self._collected:
                collected = run_sync(collect([target], known, self._session, fetched))
                self._collected[key] = collected
                fetched.merge(collected)
                if self._cache_folder is not None:
                    from ..validation_data.cache import store

                    store(collected, self._cache_folder)
            merged.merge(self._collected[key])
        return merged

    def _known_data(self) -> ValidationData:
        if self._fetched is None:
            from ..validation_data.cache import load
            from ..validation_data.collect import ValidationData

            self._fetched = (
                load(self._cache_folder) if self._cache_folder is not None else ValidationData()
            )
        return self._fetched

    def gathering_context(self, signer: asn1_x509.Certificate, md_algorithm: str) -> Any:
        """A validation context that fetches what validates ``signer`` and this run's TSA
        (for pyHanko's PAdES B-LT, which embeds what it fetched in the document security
        store)."""
        from pyhanko.sign.validation.generic_cms import extract_certs_for_validation

        from ..aio import run_sync
        from ..validation_data.collect import gathering_context

        token = run_sync(self.stamper.async_dummy_response(md_algorithm))["content"]
        tsa = extract_certs_for_validation(token).signer_cert
        token_certs = [c.chosen for c in token["certificates"] or () if c.name == "certificate"]
        return run_sync(
            gathering_context([signer, tsa], token_certs, self._session, self._known_data())
        )

    def check_reachable(self, md_algorithm: str) -> None:
        """Get one token now (pyHanko keeps it to size PDF signatures), so that a run with no
        server answering stops before a password is asked or a file is written."""
        from ..aio import run_sync

        run_sync(self.stamper.async_dummy_response(md_algorithm))

    def timestamp(self, message_digest: bytes, md_algorithm: str) -> cms.ContentInfo:
        from ..aio import run_sync

        token: cms.ContentInfo = run_sync(
            self.stamper.async_timestamp(message_digest, md_algorithm)
        )
        return token

    def close(self) -> None:
        from ..aio import run_sync

        run_sync(self._session.close())

    def __enter__(self) -> TimestampService:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
