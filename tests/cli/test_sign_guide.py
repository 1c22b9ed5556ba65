"""``paraphe sign ... --guide``, the real command: the verification guide is written once per
batch beside the signatures, in French unless ``--guide-lang en``, never over an earlier guide;
a guide that cannot be written is one line and exit 5, the signatures staying written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RunParaphe
from tests.support.pki import TestPki
from tests.support.small_filesystem import (
    PAGE,
    child_environment,
    pages_for,
    run_on_small_filesystem,
    unavailable,
)

OK = 0
OUTPUT_NOT_WRITABLE = 5
FRENCH = "Procédure de vérification des signatures"
ENGLISH = "Signature verification procedure"
DOCUMENTS = ("Acte d'engagement.txt", "Mémoire technique.txt")

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


def bid(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for name in DOCUMENTS:
        path = folder / name
        path.write_text(f"{name}\n", encoding="utf-8")
        paths.append(path)
    return paths


def sign_args(pki: TestPki, password_file: Path, *extra: object) -> list[object]:
    return ["sign", "--p12", pki.p12("rsa"), "--password-file", password_file, *extra]


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@needs_pdftotext
def test_guide_beside_the_signatures_in_french_and_never_over_the_first(
    run_paraphe: RunParaphe, pki: TestPki, password_file: Path, tmp_path: Path
) -> None:
    documents = bid(tmp_path / "offre")
    done = run_paraphe(*sign_args(pki, password_file, *documents, "--guide"), stdin="")
    assert done.returncode == OK, done.stderr
    guide = tmp_path / "offre" / f"{FRENCH}.pdf"
    assert f"verification guide: {guide}" in done.stdout.splitlines()
    text = text_of(guide)
    assert FRENCH in text
    for name in DOCUMENTS:
        assert name in text and f"{name} - Signature 1.xml" in text
    first = guide.read_bytes()

    again = run_paraphe(*sign_args(pki, password_file, documents[0], "--guide"), stdin="")
    assert again.returncode == OK, again.stderr
    second = tmp_path / "offre" / f"{FRENCH} (2).pdf"
    assert f"verification guide: {second}" in again.stdout.splitlines()
    assert guide.read_bytes() == first
    assert "Signature 2.xml" in text_of(second)


@needs_pdftotext
def test_guide_in_english_on_request_in_the_output_folder(
    run_paraphe: RunParaphe, pki: TestPki, password_file: Path, tmp_path: Path
) -> None:
    documents = bid(tmp_path / "offre")
    out = tmp_path / "signatures"
    out.mkdir()
    done = run_paraphe(
        *sign_args(pki, password_file, *documents, "--out", out, "--guide", "--guide-lang", "en"),
        stdin="",
    )
    assert done.returncode == OK, done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{ENGLISH}.pdf", *(f"{name} - Signature 1.xml" for name in DOCUMENTS)]
    )
    assert ENGLISH in text_of(out / f"{ENGLISH}.pdf")


def test_no_guide_unless_asked(
    run_paraphe: RunParaphe, pki: TestPki, password_file: Path, tmp_path: Path
) -> None:
    documents = bid(tmp_path / "offre")
    done = run_paraphe(*sign_args(pki, password_file, *documents), stdin="")
    assert done.returncode == OK, done.stderr
    assert "verification guide" not in done.stdout
    assert not list((tmp_path / "offre").glob("*.pdf"))


@pytest.mark.skipif(unavailable() is not None, reason=str(unavailable()))
def test_a_guide_that_does_not_fit_is_one_line_exit_5_and_the_signature_stays(
    run_paraphe: RunParaphe, pki: TestPki, password_file: Path, tmp_path: Path
) -> None:
    [document, _] = bid(tmp_path / "offre")
    # A first signature tells how much room one takes; the folder then holds one, not a guide.
    sized = run_paraphe(*sign_args(pki, password_file, document), stdin="")
    assert sized.returncode == OK, sized.stderr
    size = (tmp_path / "offre" / f"{document.name} - Signature 1.xml").stat().st_size
    out = tmp_path / "small"
    out.mkdir()
    command = [
        sys.executable, "-m", "paraphe",
        *map(str, sign_args(pki, password_file, document, "--out", out, "--guide")),
    ]  # fmt: skip
    run = run_on_small_filesystem(
        out, pages_for(size) + PAGE, command, env=child_environment(tmp_path / "data")
    )
    assert run.returncode == OUTPUT_NOT_WRITABLE, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert "cannot write the verification guide here (No space left on device)" in lines[0]
    assert "the signatures are written, the guide is not" in lines[0]
    assert "Traceback" not in run.stderr
    assert list(run.left) == [f"{document.name} - Signature 1.xml"]
