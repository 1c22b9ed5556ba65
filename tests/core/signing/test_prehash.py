"""The hashing thread's promise to the faces: once the batch stops it, it reports nothing more."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from paraphe.core.files.documents import Document
from paraphe.core.signing.prehash import DigestPipeline


def test_nothing_is_reported_after_stop_returns(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * (64 * 1024 * 1024))
    reported: list[int] = []
    in_callback = threading.Event()

    def on_bytes(_index: int, _document: Document, done: int) -> None:
        in_callback.set()
        time.sleep(0.02)  # a slow receiver: stop() lands while a report is half-way
        reported.append(done)

    pipeline = DigestPipeline([Document.open(big)], "sha256", on_bytes).start()
    assert in_callback.wait(10)
    pipeline.stop()
    seen_at_stop = len(reported)
    pipeline._thread.join(10)
    assert not pipeline._thread.is_alive()
    assert 1 <= seen_at_stop < 64
    assert len(reported) == seen_at_stop


def test_digest_of_a_whole_run_is_the_file_digest(tmp_path: Path) -> None:
    import hashlib

    paths = [tmp_path / f"{n}.txt" for n in range(3)]
    for number, path in enumerate(paths):
        path.write_bytes(bytes([65 + number]) * 3_000_000)
    pipeline = DigestPipeline([Document.open(p) for p in paths], "sha256").start()
    for index, path in enumerate(paths):
        assert pipeline.digest(index) == hashlib.sha256(path.read_bytes()).digest()
    pipeline.stop()
