"""aiohttp's response body cache, which a bounded ``read()`` must fill as aiohttp's own does.

Checked against aiohttp 3.14. ``ClientResponse.read()`` keeps the body in ``_body`` and then
releases the connection; a subclass that reads in chunks, stopping at a limit, stores what it
read there and lets the original ``read()`` finish the job.
"""

from __future__ import annotations

from typing import Any

_CHUNK = 1 << 16


def bounded_response_class(limit: int) -> Any:
    """An aiohttp response class whose ``read()`` fails (``ClientPayloadError``) past ``limit``
    bytes, whether the server declared that length or just keeps sending."""
    import aiohttp

    class BoundedResponse(aiohttp.ClientResponse):
        async def read(self) -> bytes:
            if self._body is None:
                declared = self.content_length
                if declared is not None and declared > limit:
                    self.close()
                    raise aiohttp.ClientPayloadError(f"response of {declared} bytes refused")
                chunks, total = [], 0
                try:
                    async for chunk in self.content.iter_chunked(_CHUNK):
                        total += len(chunk)
                        if total > limit:
                            raise aiohttp.ClientPayloadError(
                                f"response larger than {limit} bytes refused"
                            )
                        chunks.append(chunk)
                except BaseException:
                    self.close()
                    raise
                self._body = b"".join(chunks)
            return await super().read()

    return BoundedResponse
