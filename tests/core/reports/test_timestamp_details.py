"""The timestamps of a signature as the faces show them: the details' Timestamps section (each
timestamp's kind, time, authority and own verdict) and the proven time naming the timestamp that
proves it; the command line's one warning line for a timestamp that is not valid; the JSON
fields. Real B-T signatures from the test PKI's TSA; a failed timestamp is a genuine token of
another signature copied in."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from paraphe.cli.commands.verify import print_summary
from paraphe.cli.i18n import _catalogue, set_language
from paraphe.core.errors import Notice
from paraphe.core.etsi import BaselineLevel, SignatureFormat
from paraphe.core.reports.details import (
    Localizer,
    Section,
    TimestampEntry,
    short_name,
    signature_details,
)
from paraphe.core.reports.verdicts import CheckMark
from paraphe.core.signing.extend import ExtendRequest, extend_batch
from paraphe.core.signing.request import SignRequest
from paraphe.core.timestamps.servers import tsa_servers
from paraphe.core.trust import load_certificates
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import SignatureReport, TimestampKind, ValidationReport
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import SAMPLES, RunParaphe
from tests.support.pki import TestPki
from tests.support.signing import sign_with

TSA = "Paraphe Test TSA"
STAMP = "EncapsulatedTimeStamp>"


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


ENGLISH = Localizer(translate=lambda text: text, moment=_iso)
FRENCH = Localizer(translate=lambda text: _catalogue("fr").get(text, text), moment=_iso)


def _signed(pki: TestPki, folder: Path, name: str, level: BaselineLevel) -> Path:
    document = folder / name
    document.write_text(f"Offre {name}\n", encoding="utf-8")
    assert pki.tsa_url is not None
    request = SignRequest(
        (document,), SignatureFormat.XADES, level=level, tsa=tsa_servers([pki.tsa_url])
    )
    [result] = sign_with(pki, "rsa", request)
    return result.output


@pytest.fixture(scope="module")
def bid(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``Mémoire.txt`` signed B-T; ``Planning.txt`` signed B-T, its timestamp replaced by
    ``Autre.txt``'s (genuine, for another signature value); ``Notes.txt`` signed B-B."""
    folder = tmp_path_factory.mktemp("timestamps") / "Offre"
    folder.mkdir()
    _signed(pki, folder, "Mémoire.txt", BaselineLevel.B_T)
    ours = _signed(pki, folder, "Planning.txt", BaselineLevel.B_T)
    other = _signed(pki, folder / "..", "Autre.txt", BaselineLevel.B_T)
    _signed(pki, folder, "Notes.txt", BaselineLevel.B_B)
    mine, theirs = ours.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")
    head, _, tail = mine.split(STAMP)
    ours.write_text(f"{head}{STAMP}{theirs.split(STAMP)[1]}{STAMP}{tail}", encoding="utf-8")
    return folder


def _report(pki: TestPki, folder: Path, offline: bool = False) -> ValidationReport:
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)),
        trust_sources=(Notice("file {path} ({count})", pki.root_cert, count=1),),
        offline=offline,
    )
    return verify_paths([folder], settings)


def _signature(report: ValidationReport, document: str) -> SignatureReport:
    [signature] = [s for d in report.documents if d.path.name == document for s in d.signatures]
    return signature


def _sections(signature: SignatureReport, words: Localizer) -> dict[str | None, Section]:
    return {section.title: section for section in signature_details(signature, words).sections}


def _fields(section: Section | TimestampEntry) -> dict[str, str]:
    return {field.label: field.value for field in section.fields}


@pytest.fixture(scope="module")
def online(pki: TestPki, bid: Path) -> ValidationReport:
    return _report(pki, bid)


def test_a_b_t_signature_shows_its_timestamp_and_what_it_proves(
    online: ValidationReport,
) -> None:
    signature = _signature(online, "Mémoire.txt")
    assert signature.indication is Indication.TOTAL_PASSED
    [stamp] = signature.timestamps
    assert stamp.time is not None and signature.timestamp_time == stamp.time
    when = _iso(stamp.time)

    sections = _sections(signature, ENGLISH)
    titles = list(sections)
    assert titles.index("Timestamps") == titles.index("Time") + 1
    proven = _fields(sections["Time"])["Proven by a timestamp"]
    assert proven == f"{when}, by the signature timestamp of {TSA}"  # its common name
    [entry] = sections["Timestamps"].timestamps
    assert entry.mark is CheckMark.PASSED and entry.mark.look.symbol == "✔"
    assert entry.title == "Signature timestamp"
    fields = _fields(entry)
    assert fields["Time"] == when
    assert TSA in fields["Timestamping authority"]
    assert fields["Verdict"] == "Valid: proves when the signature existed"
    assert "Why" not in fields and "Detail" not in fields

    sections = _sections(signature, FRENCH)
    assert "Horodatages" in sections
    proven = _fields(sections["Date et heure"])["Prouvée par un horodatage"]
    assert proven == f"{when}, par l'horodatage de signature de {TSA}"
    [entry] = sections["Horodatages"].timestamps
    assert entry.title == "Horodatage de signature"
    assert _fields(entry)["Verdict"] == "Valide : prouve quand la signature existait"
    checks = {check.name: check for check in sections["Contrôles"].checks}
    assert checks["horodatage de signature"].mark is CheckMark.PASSED


def test_a_signature_without_timestamp_shows_no_timestamp_section(
    online: ValidationReport,
) -> None:
    sections = _sections(_signature(online, "Notes.txt"), ENGLISH)
    assert "Timestamps" not in sections
    assert (
        _fields(sections["Time"])["Proven by a timestamp"]
        == "no timestamp: the signing time is only claimed"
    )


def test_a_timestamp_of_another_signature_is_shown_failed_with_why(
    online: ValidationReport,
) -> None:
    signature = _signature(online, "Planning.txt")
    assert signature.indication is Indication.TOTAL_PASSED  # a bad timestamp proves nothing
    assert signature.timestamp_time is None
    sections = _sections(signature, ENGLISH)
    assert (
        _fields(sections["Time"])["Proven by a timestamp"]
        == "no valid timestamp: the signing time is only claimed"
    )
    [entry] = sections["Timestamps"].timestamps
    assert entry.mark is CheckMark.FAILED and entry.mark.look.symbol == "✘"
    fields = _fields(entry)
    assert fields["Time"] == "—"  # the token's time is not given: it does not verify
    assert TSA in fields["Timestamping authority"]
    assert fields["Verdict"] == "Failed (TOTAL_FAILED / HASH_FAILURE)"
    assert fields["Why"].startswith("The timestamp was made for other data")
    assert "imprint" in fields["Detail"]

    [entry] = _sections(signature, FRENCH)["Horodatages"].timestamps
    fields = _fields(entry)
    assert fields["Verdict"] == "Échec (TOTAL_FAILED / HASH_FAILURE)"
    assert fields["Pourquoi"].startswith("L'horodatage a été fait pour d'autres données")


def test_a_pdf_extended_with_a_document_timestamp_names_it_as_the_proof(
    pki: TestPki, tmp_path: Path
) -> None:
    pdf = tmp_path / "Acte d'engagement.pdf"
    shutil.copy(SAMPLES / pdf.name, pdf)
    [signed] = sign_with(pki, "rsa", SignRequest((pdf,), SignatureFormat.PADES))
    assert pki.tsa_url is not None
    outcome = extend_batch(
        ExtendRequest((signed.output,), BaselineLevel.B_T, tsa_servers([pki.tsa_url]))
    )
    assert not outcome.failures
    [signature] = _report(pki, signed.output).all_signatures()
    [stamp] = signature.timestamps
    assert stamp.kind is TimestampKind.DOCUMENT and stamp.time is not None
    assert signature.timestamp_time == stamp.time

    sections = _sections(signature, ENGLISH)
    assert (
        _fields(sections["Time"])["Proven by a timestamp"]
        == f"{_iso(stamp.time)}, by the document timestamp of {TSA}"
    )
    [entry] = sections["Timestamps"].timestamps
    assert entry.title == "Document timestamp" and entry.mark is CheckMark.PASSED
    assert _fields(entry)["Verdict"] == "Valid: proves when the signature existed"
    [entry] = _sections(signature, FRENCH)["Horodatages"].timestamps
    assert entry.title == "Horodatage de document"


def _summary(report: ValidationReport, language: str) -> str:
    output = io.StringIO()
    try:
        set_language(language)
        with contextlib.redirect_stdout(output):
            print_summary(report, colour=False)
    finally:
        set_language("en")
    return output.getvalue()


def test_the_summary_says_a_failed_timestamp_in_one_line_and_nothing_for_a_valid_one(
    online: ValidationReport,
) -> None:
    text = _summary(online, "en")
    warnings = [line for line in text.splitlines() if "⚠" in line]
    assert warnings == [
        "      ⚠ signature timestamp not valid (HASH_FAILURE): The timestamp was made for other"
        " data, not for this signature: it proves nothing about it."
    ]
    block = text.split("Planning.txt\n")[1].split("\n\n")[0].splitlines()
    assert block[0].startswith("  ✔ VALID  XAdES B-T")
    assert block[-1] == warnings[0]
    assert "(proven by a timestamp)" in text.split("Mémoire.txt\n")[1].split("\n\n")[0]

    french = [line for line in _summary(online, "fr").splitlines() if "⚠" in line]
    assert french == [
        "      ⚠ horodatage de signature non valide (HASH_FAILURE) : L'horodatage a été fait pour"
        " d'autres données, pas pour cette signature : il ne prouve rien à son sujet."
    ]


def test_offline_an_undecided_timestamp_is_shown_in_the_details_and_not_repeated_in_the_summary(
    pki: TestPki, bid: Path
) -> None:
    """Offline, the signature and its timestamp are both TRY_LATER: the summary says it once
    (the signature's explanation), the details show the timestamp undecided and why."""
    report = _report(pki, bid / "Mémoire.txt - Signature 1.xml", offline=True)
    [signature] = report.all_signatures()
    assert signature.subindication is SubIndication.TRY_LATER
    [stamp] = signature.timestamps
    assert (stamp.indication, stamp.subindication) == (
        Indication.INDETERMINATE,
        SubIndication.TRY_LATER,
    )
    text = _summary(report, "en")
    assert "⚠" not in text and "verify again later with network access" in text
    [entry] = _sections(signature, ENGLISH)["Timestamps"].timestamps
    assert entry.mark is CheckMark.UNDECIDED
    fields = _fields(entry)
    assert stamp.time is not None and fields["Time"] == f"{_iso(stamp.time)} (not proven)"
    assert fields["Verdict"] == "Indeterminate (INDETERMINATE / TRY_LATER)"
    assert fields["Why"].startswith("The revocation status of the timestamping authority's")

    # Had the signer's status been known, the undecided timestamp gets its own line.
    signature.indication, signature.subindication, signature.explanation = (
        Indication.TOTAL_PASSED,
        None,
        None,
    )
    assert [line for line in _summary(report, "en").splitlines() if "⚠" in line] == [
        "      ⚠ signature timestamp could not be validated (TRY_LATER): The revocation status"
        " of the timestamping authority's certificate could not be obtained (offline, or the"
        " responder did not answer); verify again later with network access."
    ]
    assert [line for line in _summary(report, "fr").splitlines() if "⚠" in line] == [
        "      ⚠ horodatage de signature non vérifiable (TRY_LATER) : Le statut de révocation du"
        " certificat de l'autorité d'horodatage n'a pas pu être obtenu (hors ligne, ou le serveur"
        " n'a pas répondu) ; vérifiez à nouveau plus tard avec un accès au réseau."
    ]


def test_the_json_gives_each_timestamp_and_the_proven_time(
    run_paraphe: RunParaphe, pki: TestPki, bid: Path, online: ValidationReport
) -> None:
    done = run_paraphe("verify", "--json", "--trust", pki.root_cert, bid)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    signatures = {Path(d["path"]).name: s for d in document["documents"] for s in d["signatures"]}
    good, bad, plain = (
        signatures["Mémoire.txt"],
        signatures["Planning.txt"],
        signatures["Notes.txt"],
    )

    [stamp] = good["timestamps"]
    assert set(stamp) == {"kind", "indication", "subindication", "time", "tsa", "detail"}
    assert stamp["kind"] == TimestampKind.SIGNATURE.value == "signature"
    assert (stamp["indication"], stamp["subindication"]) == ("TOTAL_PASSED", None)
    assert TSA in stamp["tsa"]
    assert stamp["time"].endswith("Z") and good["timestamp_time"] == stamp["time"]
    assert good["level"] == "B-T"
    assert good["revocation"]["status"] == "good" and good["revocation"]["revoked_at"] is None

    [stamp] = bad["timestamps"]
    assert (stamp["indication"], stamp["subindication"]) == ("TOTAL_FAILED", "HASH_FAILURE")
    assert stamp["time"] is None and "imprint" in stamp["detail"]
    assert bad["timestamp_time"] is None

    assert plain["timestamps"] == [] and plain["timestamp_time"] is None
    # the same as the report in process, field for field, but the qualification: the command
    # uses the EU trusted lists (where the test CA is not), the process here does not
    assert good["qualification"]["status"] == "N/A"
    assert "not a qualified service" in good["qualification"]["reason"]

    def without_qualification(documents: list) -> list:
        for d in documents:
            for s in d["signatures"]:
                s.pop("qualification")
        return documents

    assert without_qualification(json.loads(online.to_json())["documents"]) == (
        without_qualification(document["documents"])
    )


@pytest.mark.parametrize(
    ("subject", "shown"),
    [
        ("Common Name: Paraphe Test TSA, Organization: PARAPHE TEST PKI, Country: FR", TSA),
        ("Common Name: Horodatage, Dupont SA, Country: FR", "Horodatage, Dupont SA"),
        ("CN=Paraphe Test TSA,O=PARAPHE TEST PKI,C=FR", TSA),
        ("CN=Dupont\\, Fils,O=X", "Dupont, Fils"),
        ("Organization: No Common Name, Country: FR", "Organization: No Common Name, Country: FR"),
        ("O=No Common Name,C=FR", "O=No Common Name,C=FR"),
    ],
)
def test_the_proven_time_names_the_authority_by_its_common_name(subject: str, shown: str) -> None:
    assert short_name(subject) == shown


def test_the_json_gives_when_a_revoked_certificate_was_revoked(
    pki: TestPki, tmp_path: Path
) -> None:
    document = tmp_path / "Offre.txt"
    document.write_text("Offre\n", encoding="utf-8")
    [signed] = sign_with(pki, "revoked", SignRequest((document,), SignatureFormat.XADES))
    report = _report(pki, signed.output)
    [signature] = report.all_signatures()
    assert signature.revocation is not None and signature.revocation.revoked_at is not None
    [document_json] = json.loads(report.to_json())["documents"]
    [signature_json] = document_json["signatures"]
    revoked_at = signature_json["revocation"]["revoked_at"]
    assert revoked_at.endswith("Z")
    assert dt.datetime.fromisoformat(revoked_at) == signature.revocation.revoked_at
    assert signature_json["revocation"]["status"] == "revoked"
    assert signature_json["timestamps"] == [] and signature_json["timestamp_time"] is None
