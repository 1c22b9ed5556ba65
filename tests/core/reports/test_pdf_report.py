"""The PDF report a buyer files with the tender: real signatures of the test PKI in the three
formats (valid, tampered, from an untrusted root) verified together, written as a PDF, and its
text (``pdftotext -layout``) compared with the report's data, in French and in English."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from paraphe.cli.i18n import translator
from paraphe.core.errors import Notice
from paraphe.core.etsi import BaselineLevel, SignatureFormat
from paraphe.core.reports.details import Localizer
from paraphe.core.reports.pdf_report import write_pdf_report
from paraphe.core.reports.pdf_report_checks import CHECK_TITLES, Digests, Outcome, arrete_checks
from paraphe.core.signing.request import SignRequest
from paraphe.core.trust import load_certificates
from paraphe.core.trust.eutl.qualification import QESIG, Qualification
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import SignatureReport, ValidationReport
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import SAMPLES
from tests.support.pki import TestPki
from tests.support.signing import sign_with

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

PDF = "Acte d'engagement.pdf"
TXT = "Mémoire technique.txt"
VERSION = "9.8.7"
CASES = {
    "valide": (Indication.TOTAL_PASSED, None),
    "altere": (Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE),
    "inconnu": (Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND),
}
FORMATS = (SignatureFormat.XADES, SignatureFormat.CADES, SignatureFormat.PADES)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


ENGLISH = Localizer(translate=lambda text: text, moment=_iso)
FRENCH = Localizer(translate=translator("fr"), moment=_iso)  # the shipped catalogue


def sign_case(pki: TestPki, folder: Path, fmt: SignatureFormat, case: str) -> Path:
    """A document of ``folder`` signed for ``case``: valid, altered after signing, or signed
    with a certificate from an untrusted root; the signed document's path."""
    folder.mkdir(parents=True)
    name = PDF if fmt is SignatureFormat.PADES else TXT
    document = folder / name
    document.write_bytes((SAMPLES / name).read_bytes())
    request = SignRequest((document,), fmt, level=BaselineLevel.B_B)
    persona = "untrusted" if case == "inconnu" else "rsa"
    [result] = sign_with(pki, persona, request)
    if case == "altere":
        if fmt is SignatureFormat.PADES:
            data = result.output.read_bytes()
            result.output.write_bytes(data.replace(b"ACTE D'ENGAGEMENT", b"ACTE D'ANNULATION"))
        else:
            document.write_text("Un autre mémoire.\n", encoding="utf-8")
    return result.output if fmt is SignatureFormat.PADES else document


def verify(pki: TestPki, paths: list[Path]) -> ValidationReport:
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)),
        trust_sources=(Notice("file {path} ({count})", pki.root_cert, count=1),),
    )
    return verify_paths(paths, settings)


def pdf_text(data: bytes, tmp: Path, layout: bool = True) -> str:
    """The PDF's text laid out as on the page (pages separated by form feeds), or in reading
    order (a cell's lines one after the other)."""
    path = tmp / "report.pdf"
    path.write_bytes(data)
    mode = ["-layout"] if layout else []
    done = subprocess.run(
        ["pdftotext", *mode, str(path), "-"], capture_output=True, check=True, text=True
    )
    return done.stdout


def written(report: ValidationReport, inputs: list[Path], words: Localizer, language: str) -> bytes:
    output = io.BytesIO()
    write_pdf_report(report, output, inputs=inputs, words=words, language=language, version=VERSION)
    return output.getvalue()


@pytest.fixture(scope="module")
def bid(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``Offre/<format>-<case>/``: nine signatures, each format in each case."""
    folder = tmp_path_factory.mktemp("pdf-report") / "Offre"
    for fmt in FORMATS:
        for case in CASES:
            sign_case(pki, folder / f"{fmt.value}-{case}", fmt, case)
    return folder


@pytest.fixture(scope="module")
def report(pki: TestPki, bid: Path) -> ValidationReport:
    return verify(pki, [bid])


def _signature(report: ValidationReport, fmt: SignatureFormat, case: str) -> SignatureReport:
    [found] = [
        s
        for d in report.documents
        for s in d.signatures
        if d.path.parent.name == f"{fmt.value}-{case}"
    ]
    return found


def test_the_verdicts_are_as_signed(report: ValidationReport) -> None:
    for fmt in FORMATS:
        for case, (indication, sub) in CASES.items():
            signature = _signature(report, fmt, case)
            assert (signature.indication, signature.subindication) == (indication, sub), (fmt, case)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pdf_tells_the_report(
    report: ValidationReport, bid: Path, tmp_path: Path, language: str
) -> None:
    words = ENGLISH if language == "en" else FRENCH
    data = written(report, [bid], words, language)
    assert data.startswith(b"%PDF-")
    text = pdf_text(data, tmp_path)
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 2
    flat = " ".join(text.split())
    t = words.translate

    assert t("Electronic signature verification report") in pages[0]
    assert f"Paraphe {VERSION}" in pages[0]
    assert _iso(report.validation_time) in pages[0]
    assert str(bid) in flat  # what was checked
    assert t("folder") in pages[0]
    assert str(bid.parent.parent) in flat or "pki" in flat  # the trusted source, its file
    # the summary on the first page: every verdict, the signer, the SIREN
    for word in ("Valid", "Failed", "Indeterminate"):
        assert t(word) in pages[0]
    assert "Jeanne Test" in pages[0] and "Untrusted Test" in pages[0]
    assert "123456789" in pages[0]
    assert "page 1 / " in pages[0] and f"page {len(pages) - 1} / {len(pages) - 1}" in text
    # each signature: its ETSI codes, the five checks
    for code in ("TOTAL_PASSED", "TOTAL_FAILED / HASH_FAILURE"):
        assert code in flat
    assert "INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND" in flat
    in_order = " ".join(pdf_text(data, tmp_path, layout=False).split())
    for title in CHECK_TITLES:
        assert in_order.count(t(title)) == 9, title
    # the signed document's SHA-256, computed here from the file
    document = bid / "xades-valide" / TXT
    assert hashlib.sha256(document.read_bytes()).hexdigest() in text
    [pdf] = [p for p in (bid / "pades-valide").iterdir() if p.name != PDF]  # the signed one
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() in text
    # no character was left without a glyph
    assert "[U+" not in text


def test_the_five_checks_follow_the_verdicts(report: ValidationReport) -> None:
    digests = Digests()
    for fmt in FORMATS:
        valid = arrete_checks(_signature(report, fmt, "valide"), ENGLISH, digests)
        assert [c.outcome for c in valid] == [
            Outcome.TO_CONFIRM,
            Outcome.UNDECIDED,  # no trusted lists consulted
            Outcome.PASSED,
            Outcome.PASSED,
            Outcome.PASSED,
        ], fmt
        altered = arrete_checks(_signature(report, fmt, "altere"), ENGLISH, digests)
        assert altered[4].outcome is Outcome.FAILED, fmt
        unknown = arrete_checks(_signature(report, fmt, "inconnu"), ENGLISH, digests)
        assert unknown[3].outcome is Outcome.UNDECIDED, fmt
        assert unknown[4].outcome is Outcome.PASSED, fmt
        siren = {f.label: f.value for f in valid[0].evidence}["SIREN"]
        assert siren == "123456789"


def test_the_qualification_from_the_trusted_lists(
    report: ValidationReport, bid: Path, tmp_path: Path
) -> None:
    signature = _signature(report, SignatureFormat.CADES, "valide")
    signature.qualification = Qualification(
        status=QESIG,
        reason="qualified certificate and signature device",
        trusted_list="FR 42 2026-01-05",
        service="Paraphe Test CA",
    )
    try:
        [category] = [
            c
            for c in arrete_checks(signature, FRENCH, Digests())
            if c.title == FRENCH.translate("Category of the certificate")
        ]
        assert category.outcome is Outcome.PASSED
        text = " ".join(pdf_text(written(report, [bid], FRENCH, "fr"), tmp_path).split())
        assert QESIG in text and "FR 42 2026-01-05" in text
        assert FRENCH.translate("acceptable for public procurement") in text
    finally:
        signature.qualification = None


def test_a_document_inside_a_zip_gives_the_archive_digest(
    pki: TestPki, bid: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "Offre <finale> & co.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in (bid / "xades-valide").iterdir():
            z.write(path, path.name)
    zipped = verify(pki, [archive])
    [signature] = zipped.all_signatures()
    assert signature.indication is Indication.TOTAL_PASSED
    text = pdf_text(written(zipped, [archive], ENGLISH, "en"), tmp_path)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert text.count(digest) == 2  # what was checked; the integrity check's evidence
    assert "ZIP archive" in text
    assert "Offre <finale> & co.zip" in " ".join(text.split())  # escaped, not markup


def test_long_names_wrap_and_strange_characters_are_shown(
    report: ValidationReport, bid: Path, tmp_path: Path
) -> None:
    signature = _signature(report, SignatureFormat.XADES, "valide")
    assert signature.signer is not None
    before = signature.signer
    signature.signer = type(before)(
        name="Ζωή <Ÿ> & Смирнова ✔ 中", organisation="X" * 150, siren="123456789"
    )
    try:
        text = pdf_text(written(report, [bid], ENGLISH, "en"), tmp_path)
    finally:
        signature.signer = before
    flat = " ".join(text.split())
    assert "Ζωή <Ÿ> & Смирнова" in flat
    assert "[U+4E2D]" in flat  # no glyph: its code point, not an empty box
    assert max(len(line) for line in text.splitlines()) < 200  # nothing runs off the page
    assert re.search("X{20}", text)


def test_an_integrity_check_that_fails_says_itself_whatever_the_verdict_is_about(
    report: ValidationReport,
) -> None:
    """A signature undecided for its revocation but in a container holding a file no signature
    covers: check 5 fails, and says why in its own words (not the verdict's revocation
    sentence), in French for a French report."""
    import dataclasses

    from paraphe.core.text.translatable import N_, Worded
    from paraphe.core.validation.report import Check

    signature = dataclasses.replace(
        _signature(report, FORMATS[0], "inconnu"),
        checks=[
            Check("document digest", True),
            Check(
                N_("container files signed"),
                False,
                Worded(
                    N_("not signed by any signature of the container: {files}"),
                    files="Offre.asice!/Avenant.txt",
                ),
            ),
        ],
    )
    integrity = arrete_checks(signature, FRENCH, Digests())[4]
    assert integrity.outcome is Outcome.FAILED
    assert integrity.result == (
        "fichiers du conteneur signés : couvert par aucune signature du conteneur :"
        " Offre.asice!/Avenant.txt"
    )
