"""A disk that fills up during a batch: each failed file named with the reason, nothing partial.

Real first: the output folder is a tmpfs of a few pages in a private user and mount namespace
(tests/support/small_filesystem.py), so the kernel itself answers "No space left on device";
no root needed where user namespaces are allowed, and CI (root) always can. The same rule is
also checked in-process with the fault injected where the output file is written (never in the
cryptography), for machines where no namespace can be made.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from paraphe.core.credentials import Pkcs12Credential
from paraphe.core.errors import OutputNotWritable
from paraphe.core.files import staged_file
from paraphe.core.signing.engine import BatchSigner, plan_documents
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.trust import load_certificates
from paraphe.core.validation.indications import Indication
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import SAMPLES
from tests.support.pki import PKCS12_PASSWORD, TestPki
from tests.support.small_filesystem import (
    child_environment,
    pages_for,
    run_on_small_filesystem,
    unavailable,
)

PDF = "Acte d'engagement.pdf"
OUTPUT_NOT_WRITABLE = 5
FULL = "cannot write the signature here (No space left on device). Choose another output folder."

needs_namespace = pytest.mark.skipif(unavailable() is not None, reason=str(unavailable()))


def batch(folder: Path) -> list[Path]:
    """Two text files and a PDF, the PDF last: every format has something to write."""
    folder.mkdir()
    first, second, pdf = folder / "Lettre 1.txt", folder / "Lettre 2.txt", folder / "Plan.pdf"
    first.write_text("Première lettre.\n", encoding="utf-8")
    second.write_text("Seconde lettre.\n", encoding="utf-8")
    shutil.copyfile(SAMPLES / PDF, pdf)
    return [first, second, pdf]


def sign_command(pki: TestPki, password_file: Path, fmt: str, out: Path, *files: Path) -> list:
    return [
        sys.executable, "-m", "paraphe", "sign", "--p12", str(pki.p12("rsa")),
        "--password-file", str(password_file), "--format", fmt, "--out", str(out),
        *map(str, files),
    ]  # fmt: skip


@needs_namespace
@pytest.mark.parametrize("fmt", ["xades", "cades", "pades"])
def test_a_full_disk_fails_each_file_by_its_own_name_and_leaves_nothing(
    fmt: str, pki: TestPki, password_file: Path, tmp_path: Path
) -> None:
    documents = batch(tmp_path / "docs")
    if fmt == "pades":
        second_pdf = tmp_path / "docs" / "Plan 2.pdf"
        shutil.copyfile(SAMPLES / PDF, second_pdf)
        documents = [documents[2], second_pdf]
    out = tmp_path / "out"
    out.mkdir()

    run = run_on_small_filesystem(
        out,
        pages_for(16 << 10),
        sign_command(pki, password_file, fmt, out, *documents),
        fill=True,
        env=child_environment(tmp_path / "data"),
    )

    assert run.returncode == OUTPUT_NOT_WRITABLE, run.stderr
    assert run.stderr.splitlines() == [f"paraphe: {path}: {FULL}" for path in documents]
    assert run.stdout == f"0 signed, {len(documents)} failed.\n"
    assert run.left == {}, "no partial output, no temporary file"


@needs_namespace
def test_a_disk_that_fills_up_mid_batch_keeps_the_whole_outputs_only(
    pki: TestPki, password_file: Path, tmp_path: Path
) -> None:
    """Room for exactly the first token: it is published whole, the next two fail, named."""
    documents = batch(tmp_path / "docs")
    measured = tmp_path / "measured"
    measured.mkdir()
    request = SignRequest(
        documents=(documents[0],), format=SignatureFormat.XADES, output_dir=measured
    )
    with Pkcs12Credential.open(pki.p12("rsa"), PKCS12_PASSWORD) as credential:
        BatchSigner(request, credential).run(plan_documents(request))
    (token,) = measured.iterdir()
    out = tmp_path / "out"
    out.mkdir()

    run = run_on_small_filesystem(
        out,
        pages_for(token.stat().st_size),
        sign_command(pki, password_file, "xades", out, *documents),
        env=child_environment(tmp_path / "data"),
    )

    assert run.returncode == OUTPUT_NOT_WRITABLE, run.stderr
    assert run.stdout.splitlines() == [
        f"signed: {out}/Lettre 1.txt - Signature 1.xml",
        "1 signed, 2 failed.",
    ]
    assert run.stderr.splitlines() == [f"paraphe: {path}: {FULL}" for path in documents[1:]]
    assert list(run.left) == ["Lettre 1.txt - Signature 1.xml"]
    (out / token.name).write_bytes(run.left[token.name])
    shutil.copyfile(documents[0], out / documents[0].name)
    trusted = VerificationSettings(trust_roots=tuple(load_certificates(pki.root_cert)))
    report = verify_paths([out], trusted)
    assert [s.indication for s in report.all_signatures()] == [Indication.TOTAL_PASSED]


class _DiskWithRoomFor:
    """Output files whose writes stop with ENOSPC once ``room`` bytes were written in all."""

    def __init__(self, room: int) -> None:
        self.room = room

    def wrap(self, file: BinaryIO) -> Any:
        disk = self

        class Output:
            def write(self, data: Any) -> int:
                size = len(memoryview(data).cast("B"))
                if size > disk.room:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                disk.room -= size
                return file.write(data)

            def __getattr__(self, name: str) -> Any:
                return getattr(file, name)

        return Output()


@pytest.mark.parametrize("fmt", list(SignatureFormat))
def test_injected_full_disk_fails_each_file_by_name_and_goes_on(
    fmt: SignatureFormat, pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = batch(tmp_path / "docs")
    if fmt is SignatureFormat.PADES:
        documents = [documents[2], documents[2].with_name("Plan 2.pdf")]
        shutil.copyfile(documents[0], documents[1])
    out = tmp_path / "out"
    out.mkdir()
    disk = _DiskWithRoomFor(0)
    create = staged_file.StagedFile._create
    monkeypatch.setattr(staged_file.StagedFile, "_create", lambda self: disk.wrap(create(self)))
    request = SignRequest(documents=tuple(documents), format=fmt, output_dir=out)
    with Pkcs12Credential.open(pki.p12("rsa"), PKCS12_PASSWORD) as credential:
        outcome = BatchSigner(request, credential).run(plan_documents(request))

    assert outcome.results == []
    assert [type(f) for f in outcome.failures] == [OutputNotWritable] * len(documents)
    assert [f.message for f in outcome.failures] == [f"{path}: {FULL}" for path in documents]
    assert list(out.iterdir()) == []
