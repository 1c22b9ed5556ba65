"""pyhanko-certvalidator's lazily created aiohttp session, made with our own settings.

Checked against pyhanko-certvalidator 0.33.0. ``AIOHttpFetcherBackend`` accepts a ``LazySession``
(from its internal ``aiohttp_fetchers.util`` module) and closes it at the end; the session it
builds itself ignores the proxy settings, so ours overrides ``get_session`` and fills the
private ``_session`` the way the original does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def lazy_session(make_session: Callable[[], Any]) -> Any:
    """A ``LazySession`` whose aiohttp session ``make_session()`` creates on first use."""
    from pyhanko_certvalidator.fetchers.aiohttp_fetchers.util import LazySession

    class OurLazySession(LazySession):  # type: ignore[misc]
        def get_session(self) -> Any:
            if self._session is None:
                self._session = make_session()
            return self._session

    return OurLazySession()
