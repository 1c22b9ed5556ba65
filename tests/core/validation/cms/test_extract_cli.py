"""``paraphe verify --extract DIR``: the document inside each enveloping signature (.p7m) written
into DIR, whole, under a name free there (never overwriting), named after the .p7m and never
after anything the token says; the JSON names the document and the packaging; a folder that
cannot be written is one line naming it, before any work, and no traceback.

Run through the real command (a child process), on openssl's tokens.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

from paraphe.core.validation.cms.extract import enveloped_name
from tests.conftest import SAMPLES, RunParaphe, snapshot
from tests.support import cades_shapes
from tests.support.pki import TestPki

DOCUMENT = "Mémoire technique.txt"


def p7m_folder(pki: TestPki, folder: Path, *options: str) -> Path:
    folder.mkdir(parents=True)
    cades_shapes.openssl_cms(
        pki, SAMPLES / DOCUMENT, folder / f"{DOCUMENT}.p7m", "rsa", "-nodetach", *options
    )
    return folder


def verify(run_paraphe: RunParaphe, pki: TestPki, *args: object) -> Any:
    return run_paraphe("verify", "--json", "--no-eu-trust", "--trust", pki.root_cert, *args)


def test_the_enveloped_document_is_written_under_a_free_name(
    pki: TestPki, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    """A valid BER (``-stream``) .p7m: exit 0 (TOTAL_PASSED), its document written as
    ``Mémoire technique.txt`` with the bytes that were signed; a second run writes
    ``Mémoire technique (2).txt`` and leaves the first as it was; the JSON says "enveloping"
    and names the document as an embedded signed object whose digest matches."""
    bid = p7m_folder(pki, tmp_path / "bid", "-stream", "-cades")
    out = tmp_path / "out"
    out.mkdir()
    original = (SAMPLES / DOCUMENT).read_bytes()

    first = verify(run_paraphe, pki, "--extract", out, bid)
    second = verify(run_paraphe, pki, "--extract", out, bid)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert {p.name for p in out.iterdir()} == {DOCUMENT, "Mémoire technique (2).txt"}
    assert (out / DOCUMENT).read_bytes() == original
    assert (out / "Mémoire technique (2).txt").read_bytes() == original
    assert "signed document written to" in first.stderr
    (signature,) = [s for d in json.loads(first.stdout)["documents"] for s in d["signatures"]]
    assert signature["indication"] == "TOTAL_PASSED"
    assert signature["packaging"] == "enveloping"
    assert signature["signed_objects"] == [
        {"name": DOCUMENT, "kind": "embedded", "digest_matches": True}
    ]
    assert signature["ades"] is True


def test_a_folder_that_cannot_be_written_is_one_line_naming_it(
    pki: TestPki, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    """``--extract`` into a folder that does not exist: exit 5 (output not writable) before any
    verification, one line naming the folder, nothing written anywhere, no traceback."""
    bid = p7m_folder(pki, tmp_path / "bid")
    before = snapshot(tmp_path)
    missing = tmp_path / "no such folder"

    done = verify(run_paraphe, pki, "--extract", missing, bid)

    assert done.returncode == 5, done.stderr
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no such folder" in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(tmp_path) == before


def test_only_the_name_of_the_signature_file_names_the_document(
    pki: TestPki, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    """A .p7m named ``..p7m`` gives ``content`` (no name left once the suffix is gone), one named
    ``Offre.pdf.P7M`` gives ``Offre.pdf``: nothing in the token is used as a path, the output
    stays in the folder (a file name has no slash, so ``../x.p7m`` cannot name a token)."""
    bid = tmp_path / "bid"
    bid.mkdir()
    made = tmp_path / "made.p7m"
    cades_shapes.openssl_cms(pki, SAMPLES / DOCUMENT, made, "rsa", "-nodetach")
    shutil.copy(made, bid / "..p7m")
    shutil.copy(made, bid / "Offre.pdf.P7M")
    out = tmp_path / "out"
    out.mkdir()

    done = verify(run_paraphe, pki, "--extract", out, bid / "..p7m", bid / "Offre.pdf.P7M")

    assert done.returncode == 0, done.stderr
    assert {p.name for p in out.iterdir()} == {"Offre.pdf", "content"}
    assert (out / "content").read_bytes() == (SAMPLES / DOCUMENT).read_bytes()


def test_names_of_enveloped_documents() -> None:
    """``.p7m`` and ``.pkcs7`` (any case) are taken off; a name that is nothing else, or has
    another suffix, gives ``content``."""
    assert enveloped_name(Path("Offre.pdf.p7m")) == "Offre.pdf"
    assert enveloped_name(Path("DCE.zip.PKCS7")) == "DCE.zip"
    assert enveloped_name(Path("..p7m")) == "content"
    assert enveloped_name(Path(".p7m")) == "content"
    assert enveloped_name(Path("token.p7s")) == "content"


def test_a_p7m_inside_a_zip_is_verified_and_its_document_not_written(
    pki: TestPki, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    """A .p7m inside a ZIP export is verified (TOTAL_PASSED, exit 0) from the archive's
    scratch copy; ``--extract`` does not reach into the archive: one line says so, nothing is
    written."""
    made = tmp_path / "made.p7m"
    cades_shapes.openssl_cms(pki, SAMPLES / DOCUMENT, made, "rsa", "-nodetach", "-cades")
    archive = tmp_path / "bid.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(made, f"{DOCUMENT}.p7m")
    out = tmp_path / "out"
    out.mkdir()

    done = verify(run_paraphe, pki, "--extract", out, archive)

    assert done.returncode == 0, done.stderr
    assert list(out.iterdir()) == []
    assert "extract the archive first" in done.stderr
    assert "Traceback" not in done.stderr
