"""Timestamp servers as the user names them: checked addresses, optional basic authentication.

Light on purpose (no pyHanko): a ``SignRequest`` holds them, and the faces build requests at
start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..errors import UsageError
from ..text.translatable import N_


@dataclass(frozen=True)
class TsaServer:
    """One timestamp server; ``auth`` is (user, password) for HTTP basic authentication."""

    url: str
    auth: tuple[str, str] | None = field(default=None, repr=False)  # never printed

    @classmethod
    def parse(cls, url: str, auth: tuple[str, str] | None = None) -> TsaServer:
        """Refuse an address that is no http(s) URL, or that carries a password in it."""
        text = url.strip()
        try:
            parts = urlsplit(text)
            host = parts.hostname
        except ValueError:
            host = None
        if host is None or parts.scheme.lower() not in ("http", "https") or " " in text:
            raise UsageError(
                detail=f"{url!r} is not a timestamp server address (http:// or https://...)"
            )
        if parts.username is not None or parts.password is not None:
            raise UsageError(
                detail=N_(
                    "a timestamp server address must not hold a user name or password;"
                    " give them with --tsa-user and $PARAPHE_TSA_PASSWORD"
                )
            )
        return cls(text, auth)


def tsa_servers(urls: Sequence[str], auth: tuple[str, str] | None = None) -> tuple[TsaServer, ...]:
    """The servers to try, in order, without repeats."""
    servers: list[TsaServer] = []
    for url in urls:
        server = TsaServer.parse(url, auth)
        if server.url not in (known.url for known in servers):
            servers.append(server)
    return tuple(servers)
