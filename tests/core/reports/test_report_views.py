"""The engine's report view (core/reports): the rows both faces render, and the command line's
summary built from them, word for word in English and French."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import io
from pathlib import Path

import pytest

from paraphe.cli.commands.verify import print_summary
from paraphe.cli.i18n import set_language
from paraphe.core.errors import Notice
from paraphe.core.reports.details import Localizer, Section, signature_details
from paraphe.core.reports.summary import TimeProof, ValidationMode, summarise
from paraphe.core.reports.verdicts import CheckMark, Tally, overall
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import (
    CertificateInfo,
    Check,
    DetectedFormat,
    DocumentReport,
    InputError,
    OrphanSignature,
    RevocationInfo,
    SignatureReport,
    SignerIdentity,
    ValidationReport,
)

SIGNED = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
STAMPED = SIGNED + dt.timedelta(minutes=3)
SIGNER = SignerIdentity("Jeanne Test", "ENTREPRISE TEST SAS", "NTRFR-123456789", "123456789")
CERTIFICATE = CertificateInfo(
    "CN=Jeanne Test",
    "CN=CA",
    "0a1b",
    SIGNED,
    SIGNED + dt.timedelta(days=365),
    "ab" * 32,
    key_usage=("content_commitment", "some_new_usage"),
    qc_statements=("qc_compliance", "qc_unheard_of"),
    qualified_by_statement=True,
)


def sample_report() -> ValidationReport:
    """A valid PAdES with a timestamp, a tampered CAdES token, an unidentified XAdES signer,
    and one file of each group set aside."""
    pdf = Path("/bid/Acte.pdf")
    passed = SignatureReport(
        pdf,
        DetectedFormat.PADES,
        Indication.TOTAL_PASSED,
        None,
        None,
        document_path=pdf,
        level="B-T",
        signer=SIGNER,
        certificate=CERTIFICATE,
        signing_time=SIGNED,
        timestamp_time=STAMPED,
    )
    tampered = SignatureReport(
        Path("/bid/BPU.ods - Signature 1.p7s"),
        DetectedFormat.CADES,
        Indication.TOTAL_FAILED,
        SubIndication.HASH_FAILURE,
        "The document was modified after it was signed (or this is not the signed file);"
        " do not rely on it and ask for the original.",
        document_path=Path("/bid/BPU.ods"),
        level="B-B",
        signer=SIGNER,
        signing_time=SIGNED,
        checks=[Check("document digest", False, "does not match")],
    )
    unknown = SignatureReport(
        Path("/bid/BPU.ods - Signature 2.xml"),
        DetectedFormat.XADES,
        Indication.INDETERMINATE,
        SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
        None,
    )
    return ValidationReport(
        validation_time=SIGNED + dt.timedelta(days=1),
        documents=[
            DocumentReport(pdf, [passed]),
            DocumentReport(Path("/bid/BPU.ods"), [tampered, unknown]),
        ],
        unsigned_documents=[Path("/bid/Notes.txt")],
        orphan_signatures=[
            OrphanSignature(Path("/bid/Annexe.txt - Signature 1.xml"), "document missing")
        ],
        errors=[InputError(Path("/bid/broken.zip"), "{path}: not found")],
        trust_sources=[Notice("user trust store ({count})", count=1)],
        offline=True,
    )


ENGLISH = """\
Verification at 2026-03-02 09:30 UTC (offline); trusted: user trust store (1)

/bid/Acte.pdf
  ✔ VALID  PAdES B-T  Jeanne Test — ENTREPRISE TEST SAS (SIREN 123456789)
      signed at 2026-03-01 09:33 UTC (proven by a timestamp)

/bid/BPU.ods
  ✘ FAILED (HASH_FAILURE)  CAdES B-B  Jeanne Test — ENTREPRISE TEST SAS (SIREN 123456789)
      signed at 2026-03-01 09:30 UTC (claimed by the signer)
      signature: /bid/BPU.ods - Signature 1.p7s
      The document was modified after it was signed (or this is not the signed file); do not\
 rely on it and ask for the original.
  ? INDETERMINATE (NO_CERTIFICATE_CHAIN_FOUND)  XAdES  unknown signer
      signature: /bid/BPU.ods - Signature 2.xml

Documents without a signature (1):
  /bid/Notes.txt

Signatures whose document is missing (1):
  /bid/Annexe.txt - Signature 1.xml: document missing

Could not be read (1):
  /bid/broken.zip: /bid/broken.zip: not found

3 signature(s): 1 valid, 1 failed, 1 indeterminate.
"""

FRENCH = """\
Vérification au 2026-03-02 09:30 UTC (hors ligne) ; confiance : magasin de confiance de\
 l'utilisateur (1)

/bid/Acte.pdf
  ✔ VALIDE  PAdES B-T  Jeanne Test — ENTREPRISE TEST SAS (SIREN 123456789)
      signé le 2026-03-01 09:33 UTC (prouvé par un horodatage)

/bid/BPU.ods
  ✘ ÉCHEC (HASH_FAILURE)  CAdES B-B  Jeanne Test — ENTREPRISE TEST SAS (SIREN 123456789)
      signé le 2026-03-01 09:30 UTC (déclaré par le signataire)
      signature : /bid/BPU.ods - Signature 1.p7s
      Le document a été modifié après sa signature (ou ce n'est pas le fichier signé) ; ne\
 vous y fiez pas et demandez l'original.
  ? INDÉTERMINÉE (NO_CERTIFICATE_CHAIN_FOUND)  XAdES  signataire inconnu
      signature : /bid/BPU.ods - Signature 2.xml

Documents sans signature (1) :
  /bid/Notes.txt

Signatures dont le document est absent (1) :
  /bid/Annexe.txt - Signature 1.xml: document missing

Illisibles (1) :
  /bid/broken.zip: /bid/broken.zip: not found

3 signature(s) : 1 valide(s), 1 en échec, 1 indéterminée(s).
"""


@pytest.mark.parametrize(("language", "expected"), [("en", ENGLISH), ("fr", FRENCH)])
def test_the_command_line_summary_word_for_word(language: str, expected: str) -> None:
    """The text printed before the report view existed, kept to the byte."""
    output = io.StringIO()
    try:
        set_language(language)
        with contextlib.redirect_stdout(output):
            print_summary(sample_report(), colour=False)
    finally:
        set_language("en")
    assert output.getvalue() == expected


def test_summary_rows() -> None:
    summary = summarise(sample_report())
    assert summary.mode is ValidationMode.OFFLINE
    assert summary.tally == Tally(passed=1, failed=1, indeterminate=1)
    assert summary.tally.total == 3
    pdf, ods = summary.documents
    assert pdf.verdict is Indication.TOTAL_PASSED
    assert ods.verdict is Indication.TOTAL_FAILED
    assert ods.signers == ("Jeanne Test",) and ods.organisations == ("ENTREPRISE TEST SAS",)
    assert ods.time is None  # two signatures: no single date for the document
    [signature] = pdf.signatures
    assert signature.signature_file is None  # inside the PDF
    assert signature.format_and_level == "PAdES B-T"
    assert signature.time is not None
    assert (signature.time.moment, signature.time.proof) == (STAMPED, TimeProof.TIMESTAMP)
    tampered, unknown = ods.signatures
    assert tampered.number == 1 and unknown.number == 2
    assert tampered.signature_file == Path("/bid/BPU.ods - Signature 1.p7s")
    assert tampered.subindication_code == "HASH_FAILURE"
    assert tampered.time is not None and tampered.time.proof is TimeProof.CLAIMED
    assert unknown.format_and_level == "XAdES" and unknown.signer_name is None


def test_overall_verdict() -> None:
    assert overall([]) is None
    assert overall([Indication.TOTAL_PASSED] * 2) is Indication.TOTAL_PASSED
    assert overall([Indication.TOTAL_PASSED, Indication.INDETERMINATE]) is Indication.INDETERMINATE
    assert overall([Indication.INDETERMINATE, Indication.TOTAL_FAILED]) is Indication.TOTAL_FAILED


class _Status(enum.StrEnum):
    GOOD = "good"


class _Source(enum.StrEnum):
    OCSP = "ocsp"


def test_signature_details_in_words() -> None:
    """Labels go through the face's translation, times through its clock; codes with words get
    them (plain strings or string enums alike), unknown codes show as they are."""
    report = sample_report()
    signature = report.documents[0].signatures[0]
    signature.revocation = RevocationInfo(_Status.GOOD, _Source.OCSP)
    words = Localizer(translate=lambda text: f"<{text}>", moment=lambda moment: "T")
    details = signature_details(signature, words)
    assert details.code == "TOTAL_PASSED"
    assert details.reason is not None and details.reason.startswith("<The document is intact")
    sections = {section.title: section for section in details.sections}
    fields = {field.label: field.value for section in details.sections for field in section.fields}
    assert fields["<Format and level>"] == "PAdES B-T"
    assert fields["<Proven by a timestamp>"] == "T"
    assert fields["<Key usage>"] == "<non-repudiation>, some_new_usage"
    assert fields["<QC statements>"] == "<EU qualified certificate> (qc_compliance), qc_unheard_of"
    assert fields["<Valid>"] == "<from T to T>"
    assert fields["<Status>"] == "<not revoked>" and fields["<Source>"] == "<OCSP responder>"
    assert sections["<Certificate chain>"].is_empty
    assert sections["<Certificate chain>"].empty == "<No chain to a trusted authority was built.>"
    assert "<PDF coverage>" not in sections

    tampered = report.documents[1].signatures[0]
    [check] = sections_of(tampered, words)["<Checks>"].checks
    assert (check.mark, check.name, check.detail) == (
        CheckMark.FAILED,
        "<document digest>",
        "<does not match>",
    )
    assert check.mark.look.symbol == "✘"


def sections_of(signature: SignatureReport, words: Localizer) -> dict[str | None, Section]:
    return {section.title: section for section in signature_details(signature, words).sections}


def test_every_value_of_the_details_is_in_french() -> None:
    """Issue 16: the details showed raw values ("ENTIRE_FILE", "NONE", "signer 1", "revoked on
    2025-06-01T00:00:00+00:00", "2.5.4.4=Martin,2.5.4.42=Jeanne"). In French, each is a translated
    label; the subject reads "Jeanne Martin" with its attributes labelled."""
    import dataclasses

    from paraphe.cli.i18n import tr
    from paraphe.core.validation.report import PdfCoverage, RevocationSource, RevocationStatus

    revoked = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    martin = dataclasses.replace(
        CERTIFICATE,
        subject="CN=Jeanne Martin,2.5.4.4=Martin,2.5.4.42=Jeanne,O=ACME,C=FR",
        issuer="CN=Paraphe Test CA,O=Paraphe,C=FR",
        key_usage=("digital_signature", "content_commitment"),
    )
    signature = SignatureReport(
        Path("/bid/Acte.pdf"),
        DetectedFormat.CADES,
        Indication.INDETERMINATE,
        SubIndication.REVOKED_NO_POE,
        "revoked",
        signature_id="signer 1",
        certificate=martin,
        chain=[martin],
        revocation=RevocationInfo(
            RevocationStatus.REVOKED,
            RevocationSource.OCSP,
            "revoked on 2025-06-01 00:00:00+00:00",
            revoked,
        ),
        pdf=PdfCoverage(True, "ENTIRE_FILE", "NONE"),
        checks=[Check("document digest", True, "")],
    )
    set_language("fr")
    try:
        words = Localizer(translate=tr, moment=lambda moment: moment.strftime("%d/%m/%Y"))
        details = signature_details(signature, words)
    finally:
        set_language("en")
    fields = {f.label: f.value for section in details.sections for f in section.fields}
    shown = " | ".join(fields.values())
    for raw in ("ENTIRE_FILE", "NONE", "signer 1", "2.5.4.", "T00:00", "digital_signature"):
        assert raw not in shown, f"{raw!r} shown as it is: {shown}"
    assert fields["Identifiant de la signature"] == "signataire 1"
    assert fields["Couverture"] == "tout le fichier"
    assert fields["Statut"] == "révoqué le 01/06/2025"
    assert (
        fields["Sujet"]
        == "Jeanne Martin — Nom : Martin · Prénom : Jeanne · Organisation : ACME · Pays : FR"
    )
    assert fields["Usage de la clé"] == "signature numérique, non-répudiation"
    checks = {c.name for section in details.sections for c in section.checks}
    assert checks == {"empreinte du document"}
