"""``paraphe verify --xml`` (and ``--report``): the reports are written whole or not at all, a
wrong output folder fails at once in one line (exit 5), and the verdicts are told first."""

from __future__ import annotations

from pathlib import Path

import pytest

from paraphe.core.reports.etsi_xml import validate
from paraphe.core.signing.request import SignatureFormat, SignRequest
from tests.conftest import RunParaphe
from tests.support.pki import TestPki
from tests.support.signing import sign_with

OUTPUT_NOT_WRITABLE = 5


@pytest.fixture(scope="module")
def signed(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports") / "Offre"
    folder.mkdir()
    document = folder / "Mémoire.txt"
    document.write_text("Mémoire technique\n", encoding="utf-8")
    sign_with(pki, "rsa", SignRequest((document,), SignatureFormat.XADES))
    return folder


def test_the_etsi_report_is_written_and_schema_valid(
    run_paraphe: RunParaphe, pki: TestPki, signed: Path, tmp_path: Path
) -> None:
    target = tmp_path / "rapport.xml"
    target.write_bytes(b"an older report")
    done = run_paraphe("verify", "--trust", pki.root_cert, "--xml", target, signed)
    assert done.returncode == 0, done.stderr
    assert "1 signature(s): 1 valid" in done.stdout
    data = target.read_bytes()
    assert validate(data) == []
    assert b"urn:etsi:019102:mainindication:total-passed" in data
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.xml"]  # replaced, nothing else


def test_a_missing_output_folder_fails_at_once_in_one_line(
    run_paraphe: RunParaphe, pki: TestPki, signed: Path, tmp_path: Path
) -> None:
    target = tmp_path / "absent" / "rapport.xml"
    done = run_paraphe("verify", "--trust", pki.root_cert, "--xml", target, signed)
    assert done.returncode == OUTPUT_NOT_WRITABLE
    assert done.stdout == ""  # before any verification
    assert done.stderr.splitlines() == [
        f"paraphe: {target}: cannot write the report here (the folder does not exist);"
        " nothing was written."
    ]
    assert not target.parent.exists()


def test_no_signature_writes_no_report(run_paraphe: RunParaphe, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "note.txt").write_text("rien\n", encoding="utf-8")
    target = tmp_path / "rapport.xml"
    done = run_paraphe("verify", "--xml", target, tmp_path / "in")
    assert done.returncode == 3
    assert "no signature was found" in done.stderr
    assert not target.exists() and [p.name for p in tmp_path.iterdir()] == ["in"]


def test_the_pdf_report_is_written_in_the_chosen_language(
    run_paraphe: RunParaphe, pki: TestPki, signed: Path, tmp_path: Path
) -> None:
    import subprocess

    target = tmp_path / "Rapport.pdf"
    done = run_paraphe(
        "--lang", "fr", "verify", "--trust", pki.root_cert, "--report", target, signed
    )
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Rapport de vérification de signatures électroniques" in text
    assert "Intégrité du document signé" in text
    assert "Jeanne Test" in text
    assert [p.name for p in tmp_path.iterdir()] == ["Rapport.pdf"]


def test_a_report_into_a_missing_folder_is_refused_before_verifying(
    run_paraphe: RunParaphe, pki: TestPki, signed: Path, tmp_path: Path
) -> None:
    target = tmp_path / "absent" / "Rapport.pdf"
    done = run_paraphe("verify", "--trust", pki.root_cert, "--report", target, signed)
    assert done.returncode == OUTPUT_NOT_WRITABLE and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and "cannot write the report here" in done.stderr
