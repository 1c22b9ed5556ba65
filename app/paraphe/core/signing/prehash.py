"""Hash a batch's documents ahead of the signer, on a worker thread.

Hashing is the long part of signing a large file, and it needs neither the password nor the
signing libraries: it starts first, while the user types the password, the keystore is decrypted
and pyHanko loads, and in a batch the next file is hashed while the current one is signed.
hashlib releases the interpreter lock on large buffers, so this runs truly in parallel.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future

from ..errors import Cancelled
from ..files.documents import Document

#: (index in the batch, document, bytes hashed so far); may raise ``Cancelled`` to stop.
BytesCallback = Callable[[int, Document, int], None]


class DigestPipeline:
    def __init__(
        self,
        documents: Sequence[Document],
        algorithm: str,
        on_bytes: BytesCallback | None = None,
    ) -> None:
        self.documents = tuple(documents)
        self.algorithm = algorithm
        self.on_bytes = on_bytes
        self._futures: list[Future[bytes]] = [Future() for _ in self.documents]
        self._stopped = threading.Event()
        # Held while a chunk is reported: once ``stop`` returns, nothing more is reported (a
        # progress line arriving after the batch ended would overwrite "Stopped" or "3 signed").
        self._reporting = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="paraphe-hash", daemon=True)

    def start(self) -> DigestPipeline:
        self._thread.start()
        return self

    def _run(self) -> None:
        for index, (document, future) in enumerate(zip(self.documents, self._futures, strict=True)):
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(document.digest(self.algorithm, self._callback(index, document)))
            except Cancelled as stop:
                future.set_exception(stop)
                for later in self._futures[index + 1 :]:
                    if later.set_running_or_notify_cancel():
                        later.set_exception(Cancelled())
                return
            except BaseException as exc:
                future.set_exception(exc)

    def _callback(self, index: int, document: Document) -> Callable[[int], None]:
        def on_chunk(done: int) -> None:
            with self._reporting:
                if self._stopped.is_set():
                    raise Cancelled()
                if self.on_bytes is not None:
                    self.on_bytes(index, document, done)

        return on_chunk

    def stop(self) -> None:
        """Stop hashing what nobody will sign; once this returns, nothing more is reported."""
        with self._reporting:
            self._stopped.set()
        for future in self._futures:
            future.cancel()

    def digest(self, index: int) -> bytes:
        """The digest of document ``index``, waiting for it; re-raises its hashing error."""
        return self._futures[index].result()
