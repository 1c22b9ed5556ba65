"""Opening what the user named: regular files only, never waiting, bounded reads; real FIFOs,
devices and folders."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from paraphe.core.credentials import Pkcs12Credential
from paraphe.core.errors import CorruptKeystore, UnreadableDocument
from paraphe.core.files.documents import Document
from paraphe.core.files.user_files import (
    NotRegularFile,
    TooLarge,
    first_line,
    open_regular,
    read_bounded,
    read_first_line,
)
from paraphe.core.trust import TrustFileError, load_certificates


def fifo(tmp_path: Path, name: str = "pipe") -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def test_a_regular_file_opens_and_reads(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"content")
    with open_regular(path) as handle:
        assert handle.read() == b"content"
    assert read_bounded(path, 7) == b"content"


def test_a_fifo_without_writer_is_refused_without_waiting(tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(NotRegularFile) as refused:
        open_regular(fifo(tmp_path))
    assert time.monotonic() - started < 1
    assert refused.value.strerror == "not a regular file"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_and_links_to_them_are_refused(device: str, tmp_path: Path) -> None:
    link = tmp_path / "document.pdf"
    link.symlink_to(device)
    for path in (Path(device), link):
        with pytest.raises(NotRegularFile):
            open_regular(path)
        with pytest.raises(NotRegularFile):
            read_bounded(path, 1 << 20)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(NotRegularFile):
            open_regular(path)


def test_a_folder_is_refused_as_a_folder(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFile) as refused:
        open_regular(tmp_path)
    assert refused.value.strerror == "it is a folder, not a file"


def test_a_file_swapped_for_a_fifo_after_the_name_was_checked_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The type that counts is the open descriptor's: a check on the name alone would then
    open the FIFO, and (without O_NONBLOCK) wait forever."""
    path = tmp_path / "token.xml"
    path.write_bytes(b"<x/>")
    real_open = os.open

    def swap_then_open(name: object, flags: int, *args: object) -> int:
        if Path(str(name)) == path:
            path.unlink()
            os.mkfifo(path)
        return real_open(name, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", swap_then_open)
    started = time.monotonic()
    with pytest.raises(NotRegularFile):
        open_regular(path)
    assert time.monotonic() - started < 1


def test_read_bounded_refuses_past_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.p12"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(TooLarge) as refused:
        read_bounded(path, 1000)
    assert refused.value.strerror == "too large for this kind of file"
    assert read_bounded(path, 1001) == b"x" * 1001


def test_secrets_come_from_a_pipe_too(tmp_path: Path) -> None:
    pipe = fifo(tmp_path, "password")

    def write_later() -> None:
        time.sleep(0.2)
        with open(pipe, "wb") as writer:
            writer.write(b"s3cret \r\nsecond line\n")

    writer = threading.Thread(target=write_later)
    writer.start()
    try:
        assert read_first_line(pipe, 4096) == b"s3cret "  # spaces kept, the line end dropped
    finally:
        writer.join()


def test_secrets_do_not_come_from_devices(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFile) as refused:
        read_first_line(Path("/dev/zero"), 4096)
    assert refused.value.strerror == "not a regular file nor a pipe"


def test_a_first_line_is_read_boundedly(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zeros, pytest.raises(TooLarge):
        first_line(zeros, 4096, "/dev/zero")
    path = tmp_path / "password.txt"
    path.write_bytes(b"a" * 4096 + b"\n")
    with pytest.raises(TooLarge):
        read_first_line(path, 4096)


def test_documents_and_trust_files_use_the_rule(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="not a regular file"):
        Document.open(fifo(tmp_path, "document.docx"))
    with pytest.raises(TrustFileError, match="not a regular file"):
        load_certificates(fifo(tmp_path, "root.pem"))
    link = tmp_path / "zero.pem"
    link.symlink_to("/dev/zero")
    with pytest.raises(TrustFileError, match="not a regular file"):
        load_certificates(link)
    with pytest.raises(CorruptKeystore, match="not a regular file"):
        Pkcs12Credential.open(fifo(tmp_path, "signer.p12"), "password")
