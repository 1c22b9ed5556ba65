"""The timestamp client: pyHanko's HTTP timestamper, over several TSAs and one shared session.

Servers are tried in the order given; one that failed in this run goes to the back of the line,
so a dead first server costs its timeout once, not once per file. Every token is checked
(``token_check``) before it is handed to pyHanko or to our XAdES and CAdES builders, and a server
whose token fails the check counts as failed. When none answers, ``TimestampUnavailable`` names
each server and its problem on one line.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from asn1crypto import cms
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

from ..errors import TimestampUnavailable, UsageError
from ..net.http import PER_REQUEST_TIMEOUT, shared_session
from .servers import TsaServer
from .token_check import TokenRejected, check_token


class FailoverTimeStamper(TimeStamper):  # type: ignore[misc]
    """A pyHanko ``TimeStamper`` that asks each server in turn until one gives a good token."""

    def __init__(self, servers: Sequence[TsaServer], session: Any) -> None:
        super().__init__(include_nonce=True)
        if not servers:
            raise UsageError(detail="levels B-T and above need a timestamp server (--tsa URL)")
        self.servers = tuple(servers)
        self._stampers = {
            server: HTTPTimeStamper(
                server.url, timeout=PER_REQUEST_TIMEOUT, auth=server.auth, session=session
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
                token = await self._stampers[server].async_timestamp(message_digest, md_algorithm)
                check_token(token, message_digest, md_algorithm)
            except (TimestampRequestError, TokenRejected, ValueError, TypeError, KeyError) as exc:
                self._failed.add(server)
                problems.append(f"{server.url}: {describe_failure(exc)}")
                continue
            self._failed.discard(server)
            return token
        raise TimestampUnavailable(detail="; ".join(problems))


def describe_failure(exc: BaseException) -> str:
    """A few words on why a server gave no usable token (never a traceback)."""
    import aiohttp

    if isinstance(exc, TokenRejected):
        return str(exc)
    cause = exc.__cause__ if isinstance(exc, TimestampRequestError) else None
    if cause is None and isinstance(exc, TimestampRequestError):
        return str(exc)  # refused (its status), or a wrong nonce: pyHanko's sentence
    if isinstance(cause, asyncio.TimeoutError | aiohttp.ServerTimeoutError):
        return f"no answer within {PER_REQUEST_TIMEOUT} s"
    if isinstance(cause, aiohttp.ContentTypeError):
        content_type = cause.headers.get("Content-Type") if cause.headers else None
        return f"the answer is not a timestamp (content type {content_type or 'none'})"
    if isinstance(cause, aiohttp.ClientResponseError):
        return f"HTTP error {cause.status} {cause.message}".rstrip()
    if isinstance(cause, aiohttp.ClientConnectorError):
        return f"cannot connect ({cause.os_error.strerror or cause.os_error})"
    if isinstance(cause, aiohttp.ClientPayloadError):
        return f"unusable answer ({cause})"
    if cause is not None:
        return f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
    return "the answer is not a readable timestamp response"


class TimestampService:
    """The timestamps of one run (a batch, an extension): one session, closed at the end.

    Used from one thread: the session belongs to that thread's event loop (``aio.run_sync``).
    """

    def __init__(self, servers: Sequence[TsaServer]) -> None:
        self._session = shared_session()
        self.stamper = FailoverTimeStamper(servers, self._session)

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
