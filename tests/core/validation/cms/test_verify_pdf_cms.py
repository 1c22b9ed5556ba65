"""``paraphe verify`` on CAdES tokens, enveloping .p7m and signed PDFs, ours and other tools'.

Signatures come from Paraphe's signer, from ``openssl cms -sign`` and from pyHanko's command
line, so the validator is not only checked against what Paraphe writes. Hostile inputs (tampered
documents and signatures, doctored PDFs, damaged tokens, hostile ZIP archives) must get a
non-passing verdict or an error, never a traceback and never a pass.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import time
import tracemalloc
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import cms

from paraphe.core.credentials import Pkcs12Credential, RsaPadding
from paraphe.core.errors import Notice
from paraphe.core.signing.cades import DetachedCadesSigner
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.trust import load_certificates
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import SignatureReport, ValidationReport
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import SAMPLES, RunParaphe
from tests.support import hostile_pdf
from tests.support.pki import PKCS12_PASSWORD, TestPki
from tests.support.signing import sign_with
from tests.support.third_party import openssl_sign, pyhanko_sign
from tests.support.verdicts import assert_verdict

PDF = "Acte d'engagement.pdf"
ODS = "BPU.ods"
TXT = "Mémoire technique.txt"

PASSED = Indication.TOTAL_PASSED
FAILED = Indication.TOTAL_FAILED
INDETERMINATE = Indication.INDETERMINATE


# --- signing with our engine and with tools we did not write -----------------------------------


def copy_sample(name: str, folder: Path, as_name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (as_name or name)
    target.write_bytes((SAMPLES / name).read_bytes())
    return target


def engine_token(pki: TestPki, persona: str, document: Path, token: Path) -> Path:
    """A detached CAdES B-B token made by the engine directly (the CLI refuses some personas)."""
    with Pkcs12Credential.open(pki.p12(persona), PKCS12_PASSWORD) as credential:
        signer = DetachedCadesSigner(credential, "sha256", RsaPadding.PKCS1V15)
        der = signer.sign(hashlib.sha256(document.read_bytes()).digest(), dt.datetime.now(dt.UTC))
    token.write_bytes(der)
    return token


def our_cades(pki: TestPki, document: Path) -> Path:
    sign_with(pki, "rsa", SignRequest(documents=(document,), format=SignatureFormat.CADES))
    return document.with_name(f"{document.name} - Signature 1.p7s")


def our_pades(pki: TestPki, pdf: Path, persona: str = "rsa") -> Path:
    sign_with(pki, persona, SignRequest(documents=(pdf,), format=SignatureFormat.PADES))
    return pdf.with_name(f"{pdf.stem}_signe.pdf")


@dataclass(frozen=True)
class Material:
    """Signed once per module, copied by the tests that alter them."""

    folder: Path
    txt: Path
    our_token: Path
    openssl_token: Path
    openssl_p7m: Path
    pdf: Path
    our_pdf: Path
    pyhanko_pdf: Path


@pytest.fixture(scope="module")
def material(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Material:
    ours = tmp_path_factory.mktemp("ours")
    txt = copy_sample(TXT, ours)
    pdf = copy_sample(PDF, ours)
    theirs = tmp_path_factory.mktemp("theirs")
    their_txt = copy_sample(TXT, theirs)
    return Material(
        folder=ours,
        txt=txt,
        our_token=our_cades(pki, txt),
        openssl_token=openssl_sign(pki, their_txt, theirs / "openssl.p7s"),
        openssl_p7m=openssl_sign(pki, their_txt, theirs / f"{TXT}.p7m", "-nodetach"),
        pdf=pdf,
        our_pdf=our_pades(pki, pdf),
        pyhanko_pdf=pyhanko_sign(pki, pdf, theirs / "pyhanko.pdf"),
    )


# --- verifying ---------------------------------------------------------------------------------


def settings(pki: TestPki, **options: Any) -> VerificationSettings:
    return VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)),
        trust_sources=(Notice("file {path} ({count})", pki.root_cert, count=1),),
        **options,
    )


def verify(pki: TestPki, *paths: Path, **options: Any) -> ValidationReport:
    return verify_paths(list(paths), settings(pki, **options))


def only(report: ValidationReport) -> SignatureReport:
    signatures = report.all_signatures()
    assert len(signatures) == 1, [s.signature_path for s in signatures]
    return signatures[0]


def cli_verify(
    run_paraphe: RunParaphe, pki: TestPki, *args: object, env: dict[str, str] | None = None
) -> tuple[int, dict[str, Any]]:
    done = run_paraphe("verify", *args, "--trust", pki.root_cert, "--json", env=env)
    assert "Traceback" not in done.stderr, done.stderr
    assert "unexpected error" not in done.stderr, done.stderr
    assert done.returncode in (0, 1, 3, 4), done.stderr
    return done.returncode, json.loads(done.stdout)


def json_signatures(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for d in report["documents"] for s in d["signatures"]]


def assert_jeanne(signature: SignatureReport) -> None:
    assert signature.signer is not None
    assert signature.signer.name == "Jeanne Test"
    assert signature.signer.organisation == "ENTREPRISE TEST SAS"
    assert signature.signer.siren == "123456789"


# --- 1, 2: CAdES detached and enveloping -------------------------------------------------------


@pytest.mark.parametrize("made_by", ["paraphe", "openssl"])
@pytest.mark.parametrize(
    "token_name",
    [f"{TXT} - Signature 1.p7s", f"{TXT} - 20260812193704 - Signature 1.p7s", "token.p7s"],
    ids=["atexo", "atexo-timestamped", "by-digest"],
)
def test_detached_cades_passes_and_finds_its_document(
    made_by: str, token_name: str, pki: TestPki, material: Material, tmp_path: Path
) -> None:
    bid = tmp_path / "bid"
    document = copy_sample(TXT, bid)
    copy_sample(ODS, bid)  # a bystander the token must not be paired with
    source = material.our_token if made_by == "paraphe" else material.openssl_token
    shutil.copy(source, bid / token_name)

    report = verify(pki, bid)

    signature = only(report)
    assert_verdict(signature, (PASSED, None))
    assert signature.format.value == "CAdES"
    assert signature.level == "B-B"
    assert signature.document_path == document
    assert signature.signature_path == bid / token_name
    assert_jeanne(signature)
    assert signature.revocation is not None
    assert signature.revocation.status == "good"
    assert signature.revocation.source in ("ocsp", "crl")
    assert signature.explanation is None
    assert report.unsigned_documents == [bid / ODS]
    assert report.orphan_signatures == [] and report.errors == []


def test_enveloping_p7m_from_openssl_passes(
    pki: TestPki, material: Material, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    p7m = tmp_path / material.openssl_p7m.name
    shutil.copy(material.openssl_p7m, p7m)

    code, report = cli_verify(run_paraphe, pki, p7m)

    assert code == 0
    [signature] = json_signatures(report)
    assert signature["indication"] == "TOTAL_PASSED"
    assert signature["format"] == "CAdES"
    assert signature["signer"]["siren"] == "123456789"
    assert signature["document_path"] == str(p7m)


# --- 3: PAdES ----------------------------------------------------------------------------------


@pytest.mark.parametrize("made_by", ["paraphe", "pyhanko"])
def test_pades_passes_and_covers_the_whole_file(
    made_by: str, pki: TestPki, material: Material
) -> None:
    pdf = material.our_pdf if made_by == "paraphe" else material.pyhanko_pdf

    signature = only(verify(pki, pdf))

    assert_verdict(signature, (PASSED, None))
    assert signature.format.value == "PAdES"
    assert signature.level == "B-B"
    assert signature.document_path == pdf
    assert signature.pdf is not None
    assert signature.pdf.covers_whole_document is True
    assert signature.pdf.coverage == "ENTIRE_FILE"
    assert signature.signer is not None and signature.signer.siren == "123456789"
    assert signature.revocation is not None and signature.revocation.source in ("ocsp", "crl")


def test_pdf_signed_twice_keeps_both_signatures_valid(
    pki: TestPki, material: Material, tmp_path: Path
) -> None:
    twice = pyhanko_sign(pki, material.our_pdf, tmp_path / "twice.pdf", field="Sig2")
    assert twice.read_bytes().startswith(material.our_pdf.read_bytes()), "not incremental"

    report = verify(pki, twice)

    by_field = {s.signature_id: s for s in report.all_signatures()}
    assert set(by_field) == {"Signature1", "Sig2"}
    first, second = by_field["Signature1"], by_field["Sig2"]
    for signature in (first, second):
        assert_verdict(signature, (PASSED, None))
    assert first.pdf is not None and second.pdf is not None
    assert first.pdf.coverage == "ENTIRE_REVISION"
    assert first.pdf.covers_whole_document is False
    assert first.pdf.modification_level in ("NONE", "FORM_FILLING")
    assert second.pdf.coverage == "ENTIRE_FILE"
    assert second.pdf.covers_whole_document is True
    assert first.signer is not None and first.signer.name == "Jeanne Test"
    assert second.signer is not None and second.signer.name == "Ecdsa Test"


# --- 4: integrity ------------------------------------------------------------------------------


def test_tampered_document_fails_with_hash_failure(
    pki: TestPki, material: Material, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    document = tmp_path / TXT
    document.write_bytes(material.txt.read_bytes() + b"\nPrix : 1 EUR")
    shutil.copy(material.our_token, tmp_path / material.our_token.name)

    code, report = cli_verify(run_paraphe, pki, tmp_path)

    assert code == 1
    [signature] = json_signatures(report)
    assert (signature["indication"], signature["subindication"]) == (
        "TOTAL_FAILED",
        "HASH_FAILURE",
    )
    assert signature["document_path"] == str(document)
    assert signature["explanation"]


def test_flipped_byte_in_the_signature_value_fails_with_sig_crypto_failure(
    pki: TestPki, material: Material, tmp_path: Path
) -> None:
    shutil.copy(material.txt, tmp_path / TXT)
    der = bytearray(material.our_token.read_bytes())
    signer_info = cms.ContentInfo.load(bytes(der))["content"]["signer_infos"][0]
    value = signer_info["signature"].native
    at = bytes(der).find(value)
    assert at > 0 and bytes(der).count(value) == 1
    der[at + len(value) // 2] ^= 0x01
    token = tmp_path / material.our_token.name
    token.write_bytes(bytes(der))

    signature = only(verify(pki, tmp_path))

    assert_verdict(signature, (FAILED, SubIndication.SIG_CRYPTO_FAILURE))


def test_token_beside_the_wrong_file_fails_with_hash_failure(
    pki: TestPki, material: Material, tmp_path: Path
) -> None:
    copy_sample(ODS, tmp_path, as_name=TXT)  # another file under the signed file's name
    shutil.copy(material.our_token, tmp_path / material.our_token.name)

    signature = only(verify(pki, tmp_path))

    assert_verdict(signature, (FAILED, SubIndication.HASH_FAILURE))
    assert signature.document_path == tmp_path / TXT


def test_tampered_signed_pdf_fails_with_hash_failure(
    pki: TestPki, material: Material, tmp_path: Path
) -> None:
    data = material.our_pdf.read_bytes()
    assert data.count(b"ACTE D'ENGAGEMENT") == 1
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(data.replace(b"ACTE D'ENGAGEMENT", b"ACTE D'ANNULATION"))

    signature = only(verify(pki, tampered))

    assert_verdict(signature, (FAILED, SubIndication.HASH_FAILURE))


# --- 5: certificates, revocation, time ---------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("untrusted", SubIndication.NO_CERTIFICATE_CHAIN_FOUND),
        ("revoked", SubIndication.REVOKED_NO_POE),
        ("expired", SubIndication.OUT_OF_BOUNDS_NO_POE),
    ],
)
def test_certificate_problems_are_indeterminate(
    persona: str, expected: SubIndication, pki: TestPki, tmp_path: Path
) -> None:
    document = copy_sample(TXT, tmp_path)
    engine_token(pki, persona, document, tmp_path / f"{TXT} - Signature 1.p7s")

    signature = only(verify(pki, tmp_path))

    assert_verdict(signature, (INDETERMINATE, expected))
    assert signature.explanation
    if persona == "revoked":
        assert signature.revocation is not None and signature.revocation.status == "revoked"


def test_untrusted_signer_exits_3(pki: TestPki, run_paraphe: RunParaphe, tmp_path: Path) -> None:
    document = copy_sample(TXT, tmp_path)
    engine_token(pki, "untrusted", document, tmp_path / f"{TXT} - Signature 1.p7s")

    code, report = cli_verify(run_paraphe, pki, tmp_path)

    assert code == 3
    [signature] = json_signatures(report)
    assert signature["subindication"] == "NO_CERTIFICATE_CHAIN_FOUND"


def test_offline_b_b_signature_is_try_later_never_passed(
    pki: TestPki, material: Material, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    shutil.copy(material.txt, tmp_path / TXT)
    shutil.copy(material.our_token, tmp_path / material.our_token.name)
    shutil.copy(material.our_pdf, tmp_path / "signed.pdf")

    code, report = cli_verify(run_paraphe, pki, tmp_path, "--offline")

    assert code == 3
    assert report["offline"] is True
    signatures = json_signatures(report)
    assert len(signatures) == 2
    for signature in signatures:
        assert (signature["indication"], signature["subindication"]) == (
            "INDETERMINATE",
            "TRY_LATER",
        ), signature["signature_path"]


def test_validation_time_before_the_certificate_is_not_passed(
    pki: TestPki, material: Material, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    shutil.copy(material.txt, tmp_path / TXT)
    shutil.copy(material.our_token, tmp_path / material.our_token.name)
    # the rsa persona is valid from yesterday: three days ago it did not exist yet
    before = (dt.datetime.now(dt.UTC) - dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")

    code, report = cli_verify(run_paraphe, pki, tmp_path, "--at", before)

    assert code in (1, 3)
    [signature] = json_signatures(report)
    assert signature["indication"] != "TOTAL_PASSED"
    assert report["validation_time"].startswith(before[:16])


# --- 6: PDF attacks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "edit",
    [
        hostile_pdf.add_text_to_first_page,
        hostile_pdf.overwrite_first_page_content,
        hostile_pdf.add_page,
    ],
    ids=["text-added-over-page", "content-stream-redefined", "page-added"],
)
def test_content_changed_after_signing_fails(
    edit: hostile_pdf.Edit, pki: TestPki, material: Material, tmp_path: Path
) -> None:
    changed = hostile_pdf.append_revision(material.our_pdf, tmp_path / "changed.pdf", edit)

    signature = only(verify(pki, changed))

    assert signature.indication is FAILED
    assert signature.pdf is not None
    assert signature.pdf.modification_level == "OTHER"
    assert signature.pdf.covers_whole_document is False
    assert signature.explanation


def test_shadow_hide_and_replace_fails(pki: TestPki, tmp_path: Path) -> None:
    original = copy_sample(PDF, tmp_path / "in")
    prepared = hostile_pdf.append_revision(
        original, tmp_path / "prepared.pdf", hostile_pdf.add_shadow_stream
    )
    signed = our_pades(pki, prepared)
    assert_verdict(only(verify(pki, signed)), (PASSED, None))

    revealed = hostile_pdf.append_revision(
        signed, tmp_path / "revealed.pdf", hostile_pdf.reveal_shadow_stream
    )
    signature = only(verify(pki, revealed))

    assert signature.indication is not PASSED
    assert signature.pdf is not None and signature.pdf.modification_level == "OTHER"


def _resign(pki: TestPki, signed: Path, target: Path, byte_range: tuple[int, ...]) -> Path:
    return hostile_pdf.resign_with_byte_range(
        signed,
        target,
        byte_range,  # type: ignore[arg-type]
        pki.key("rsa"),
        pki.cert("rsa"),
        pki.intermediate_cert,
    )


def test_byte_range_control_resigned_as_is_passes(
    pki: TestPki, material: Material, tmp_path: Path
) -> None:
    """The re-signing helper itself produces good signatures: the attacks below are sound."""
    byte_range = hostile_pdf.byte_range(material.our_pdf.read_bytes())
    control = _resign(pki, material.our_pdf, tmp_path / "control.pdf", byte_range)
    assert_verdict(only(verify(pki, control)), (PASSED, None))


@pytest.mark.parametrize("gap", ["middle", "tail"])
def test_byte_range_leaving_bytes_unsigned_is_not_passed(
    gap: str, pki: TestPki, material: Material, tmp_path: Path
) -> None:
    """A signature over a /ByteRange with a hole, signed for real: only the coverage is wrong.

    middle: [0 a-100 b c], 100 bytes of the signature dictionary unsigned.
    tail: [0 a b-20 c], the same lengths as an honest range (so the sums match the file size)
    but the second range starts 20 bytes early, inside /Contents, and the file's last 20 bytes
    (startxref and %%EOF) are signed by nobody.
    """
    _, a, b, c = hostile_pdf.byte_range(material.our_pdf.read_bytes())
    doctored = (0, a - 100, b, c) if gap == "middle" else (0, a, b - 20, c)
    pdf = _resign(pki, material.our_pdf, tmp_path / f"{gap}.pdf", doctored)

    signature = only(verify(pki, pdf))

    assert signature.indication is not PASSED, signature.pdf
    assert signature.pdf is None or signature.pdf.covers_whole_document is False


def test_form_filling_after_signing_stays_valid(pki: TestPki, tmp_path: Path) -> None:
    original = copy_sample(PDF, tmp_path / "in")
    with_field = hostile_pdf.append_revision(
        original, tmp_path / "form.pdf", hostile_pdf.add_text_field
    )
    signed = our_pades(pki, with_field)
    filled = hostile_pdf.append_revision(
        signed, tmp_path / "filled.pdf", hostile_pdf.fill_text_field
    )

    signature = only(verify(pki, filled))

    assert_verdict(signature, (PASSED, None))
    assert signature.pdf is not None
    assert signature.pdf.coverage == "ENTIRE_REVISION"
    assert signature.pdf.modification_level == "FORM_FILLING"
    assert "Montant" in signature.pdf.changes


# --- 7: hostile tokens and PDFs ----------------------------------------------------------------


def _hostile_token(kind: str, material: Material) -> bytes:
    good = material.our_token.read_bytes()
    return {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "garbage": os.urandom(3000),
        "pem-garbage": b"-----BEGIN PKCS7-----\nbm90IGEgc2lnbmF0dXJl\n-----END PKCS7-----\n",
    }[kind]


@pytest.mark.parametrize("kind", ["empty", "truncated", "garbage", "pem-garbage"])
def test_damaged_token_is_a_format_failure(
    kind: str, pki: TestPki, material: Material, tmp_path: Path
) -> None:
    shutil.copy(material.txt, tmp_path / TXT)
    token = tmp_path / f"{TXT} - Signature 1.p7s"
    token.write_bytes(_hostile_token(kind, material))

    signature = only(verify(pki, tmp_path))

    assert_verdict(signature, (FAILED, SubIndication.FORMAT_FAILURE))
    assert signature.signature_path == token
    assert signature.explanation


def test_damaged_tokens_through_the_cli_exit_1_without_traceback(
    pki: TestPki, material: Material, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    for number, kind in enumerate(["empty", "truncated", "garbage"], start=1):
        folder = tmp_path / kind
        folder.mkdir()
        shutil.copy(material.txt, folder / TXT)
        (folder / f"{TXT} - Signature {number}.p7s").write_bytes(_hostile_token(kind, material))

    code, report = cli_verify(run_paraphe, pki, tmp_path)

    assert code == 1
    signatures = json_signatures(report)
    assert len(signatures) == 3
    assert {(s["indication"], s["subindication"]) for s in signatures} == {
        ("TOTAL_FAILED", "FORMAT_FAILURE")
    }


@pytest.mark.parametrize("kind", ["garbage", "header-only"])
def test_garbage_named_pdf_is_not_a_signature_and_not_a_traceback(
    kind: str, pki: TestPki, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    pdf = tmp_path / "x.pdf"
    head = b"%PDF-1.7\n" if kind == "header-only" else b""
    pdf.write_bytes(head + os.urandom(5000))

    done = run_paraphe("verify", pdf, "--trust", pki.root_cert, "--json")

    assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr, done.stderr
    assert done.returncode in (1, 3, 4), done.stdout
    report = json.loads(done.stdout)
    signatures = json_signatures(report)
    assert all(s["indication"] != "TOTAL_PASSED" for s in signatures)
    listed = (
        [s["signature_path"] for s in signatures]
        + report["unsigned_documents"]
        + [e["path"] for e in report["errors"]]
    )
    assert str(pdf) in listed, report
    assert all(d["signatures"] for d in report["documents"]), report["documents"]


@pytest.mark.parametrize("cut", ["inside-the-signature", "end-of-file"])
def test_truncated_signed_pdf_is_reported_damaged_not_unsigned(
    cut: str, pki: TestPki, material: Material, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    """A signed PDF cut short is damaged: saying it has no signature would mislead the buyer
    into thinking the bidder did not sign."""
    signed = material.our_pdf.read_bytes()
    _, a, b, _ = hostile_pdf.byte_range(signed)
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(signed[: (a + b) // 2] if cut == "inside-the-signature" else signed[:-30])

    done = run_paraphe("verify", pdf, "--trust", pki.root_cert, "--json")

    assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr, done.stderr
    report = json.loads(done.stdout)
    assert report["unsigned_documents"] == [], "a damaged signed PDF shown as unsigned"
    signatures = json_signatures(report)
    failures = [(s["indication"], s["subindication"]) for s in signatures]
    errors = [e["path"] for e in report["errors"]]
    assert failures == [("TOTAL_FAILED", "FORMAT_FAILURE")] or errors == [str(pdf)], report
    assert done.returncode in (1, 4)


# --- 8: folders and ZIP archives ---------------------------------------------------------------


def _bid_folder(pki: TestPki, material: Material, root: Path) -> Path:
    bid = root / "bid"
    copy_sample(ODS, bid)  # unsigned
    for source in (material.txt, material.our_token, material.our_pdf):
        shutil.copy(source, bid / source.name)
    annex = copy_sample(TXT, bid / "annexes", as_name="Annexe.txt")
    annex.write_text("Annexe financière\n", encoding="utf-8")
    our_cades(pki, annex)
    annex.unlink()  # its token is now an orphan
    return bid


def test_bid_folder_lists_unsigned_documents_and_orphan_tokens(
    pki: TestPki, material: Material, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    bid = _bid_folder(pki, material, tmp_path)

    code, report = cli_verify(run_paraphe, pki, bid)

    assert code == 3  # an orphan token, nothing failed
    verdicts = {Path(s["signature_path"]).name: s["indication"] for s in json_signatures(report)}
    assert verdicts == {
        f"{TXT} - Signature 1.p7s": "TOTAL_PASSED",
        material.our_pdf.name: "TOTAL_PASSED",
    }
    assert report["unsigned_documents"] == [str(bid / ODS)]
    assert [o["signature_path"] for o in report["orphan_signatures"]] == [
        str(bid / "annexes" / "Annexe.txt - Signature 1.p7s")
    ]
    assert report["orphan_signatures"][0]["reason"]
    assert report["errors"] == []


def _zip_folder(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zipped.write(path, path.relative_to(folder).as_posix())
    return archive


def test_zipped_bid_gets_the_same_verdicts_with_archive_paths(
    pki: TestPki, material: Material, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    bid = _bid_folder(pki, material, tmp_path / "src")
    archive = _zip_folder(bid, tmp_path / "bid.zip")
    scratch = tmp_path / "tmp"
    scratch.mkdir()

    code, report = cli_verify(run_paraphe, pki, archive, env={"TMPDIR": str(scratch)})

    assert code == 3
    shown = f"{archive}!/"
    verdicts = {s["signature_path"]: s["indication"] for s in json_signatures(report)}
    assert verdicts == {
        f"{shown}{TXT} - Signature 1.p7s": "TOTAL_PASSED",
        f"{shown}{material.our_pdf.name}": "TOTAL_PASSED",
    }
    documents = {s["document_path"] for s in json_signatures(report)}
    assert documents == {f"{shown}{TXT}", f"{shown}{material.our_pdf.name}"}
    assert f"{shown}{ODS}" in report["unsigned_documents"]
    assert [o["signature_path"] for o in report["orphan_signatures"]] == [
        f"{shown}annexes/Annexe.txt - Signature 1.p7s"
    ]
    assert report["errors"] == []
    assert list(scratch.iterdir()) == [], "the unpacked archive was left behind"


def test_zip_entries_escaping_the_scratch_folder_are_refused(
    pki: TestPki, material: Material, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    scratch = outside / "tmp"
    scratch.mkdir()
    absolute_target = outside / "evil-absolute.txt"
    archive = tmp_path / "hostile.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(TXT, material.txt.read_bytes())
        zipped.writestr(material.our_token.name, material.our_token.read_bytes())
        for name in ("../evil.txt", "../../evil.txt", "../../../evil.txt", "a/../../evil.txt"):
            zipped.writestr(zipfile.ZipInfo(name), b"pwned")
        zipped.writestr(zipfile.ZipInfo(str(absolute_target)), b"pwned")
        zipped.writestr(zipfile.ZipInfo("..\\..\\evil-windows.txt"), b"pwned")
    names = [info.filename for info in zipfile.ZipFile(archive).infolist()]
    assert "../evil.txt" in names and str(absolute_target) in names  # really hostile
    before = sorted(p for p in tmp_path.rglob("*"))

    code, report = cli_verify(run_paraphe, pki, archive, env={"TMPDIR": str(scratch)})

    assert not absolute_target.exists()
    assert sorted(p for p in tmp_path.rglob("*") if "user-data" not in p.parts) == [
        p for p in before if "user-data" not in p.parts
    ], "something was written outside the scratch folder"
    assert not list(tmp_path.parent.glob("evil*"))
    messages = " ".join(e["message"] for e in report["errors"])
    assert all(e["path"] == str(archive) for e in report["errors"])
    for name in ("../evil.txt", str(absolute_target)):
        assert name in messages, messages
    assert len(report["errors"]) == 6
    # the honest entries are still checked
    [signature] = json_signatures(report)
    assert signature["indication"] == "TOTAL_PASSED"
    assert code == 4  # nothing failed, but part of the input could not be read


def test_zip_bomb_is_refused_quickly_with_bounded_memory(
    pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "bomb.zip"
    block = bytes(1 << 20)
    with (
        zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zipped,
        zipped.open("zeros.bin", "w", force_zip64=True) as entry,
    ):
        for _ in range(200):
            entry.write(block)
    del block
    assert archive.stat().st_size < 2 << 20
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    tracemalloc.start()
    started = time.monotonic()
    try:
        report = verify(pki, archive)
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert elapsed < 5, elapsed
    assert peak < 32 << 20, peak
    assert [e.path for e in report.errors] == [archive]
    assert "zeros.bin" in report.errors[0].message
    assert report.all_signatures() == []
    assert list(scratch.iterdir()) == []


# --- 9: output ---------------------------------------------------------------------------------


def test_english_summary(
    pki: TestPki, material: Material, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    shutil.copy(material.our_pdf, tmp_path / "valid.pdf")
    (tmp_path / TXT).write_bytes(material.txt.read_bytes() + b"!")
    shutil.copy(material.our_token, tmp_path / material.our_token.name)

    done = run_paraphe("--lang", "en", "verify", tmp_path, "--trust", pki.root_cert)

    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    out = done.stdout
    assert "2 signature(s): 1 valid, 1 failed, 0 indeterminate." in out
    assert "VALID" in out and "FAILED (HASH_FAILURE)" in out
    assert "SIREN 123456789" in out
    assert str(tmp_path / "valid.pdf") in out


SIGNATURE_KEYS = {
    "signature_path",
    "format",
    "level",
    "indication",
    "subindication",
    "explanation",
    "document_path",
    "signer",
    "certificate",
    "chain",
    "revocation",
    "signing_time",
    "timestamp_time",
    "pdf",
    "checks",
}


def test_json_report_follows_the_schema(
    pki: TestPki, material: Material, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    bid = _bid_folder(pki, material, tmp_path)

    _, report = cli_verify(run_paraphe, pki, bid, tmp_path / "missing.pdf")

    assert {
        "schema_version",
        "validation_time",
        "offline",
        "trust_sources",
        "documents",
        "unsigned_documents",
        "orphan_signatures",
        "errors",
    } <= report.keys()
    assert report["schema_version"] == 1
    dt.datetime.fromisoformat(report["validation_time"].replace("Z", "+00:00"))
    assert report["offline"] is False
    assert any(str(pki.root_cert) in source for source in report["trust_sources"])
    assert all({"path", "signatures"} <= d.keys() for d in report["documents"])
    signatures = json_signatures(report)
    assert {s["format"] for s in signatures} == {"CAdES", "PAdES"}
    for signature in signatures:
        assert signature.keys() >= SIGNATURE_KEYS
        assert {
            "name",
            "organisation",
            "organization_identifier",
            "siren",
            "email",
            "country",
        } <= signature["signer"].keys()
        assert signature["signer"]["organization_identifier"] == "NTRFR-123456789"
        assert signature["signer"]["country"] == "FR"
        assert {
            "subject",
            "issuer",
            "serial",
            "not_before",
            "not_after",
            "sha256",
            "key_usage",
            "qc_statements",
            "qualified_by_statement",
        } <= signature["certificate"].keys()
        assert signature["certificate"]["qualified_by_statement"] is True
        assert len(signature["chain"]) >= 2
        assert {"status", "source", "detail"} <= signature["revocation"].keys()
        assert all({"name", "passed", "detail"} <= c.keys() for c in signature["checks"])
        if signature["format"] == "PAdES":
            assert {
                "covers_whole_document",
                "coverage",
                "modification_level",
                "changes",
            } <= signature["pdf"].keys()
        else:
            assert signature["pdf"] is None
    assert all({"signature_path", "reason"} <= o.keys() for o in report["orphan_signatures"])
    assert [e["path"] for e in report["errors"]] == [str(tmp_path / "missing.pdf")]


# --- 10: unreadable input, usage errors --------------------------------------------------------


def test_missing_path_exits_4_and_is_listed(
    pki: TestPki, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere" / "offre.pdf"

    code, report = cli_verify(run_paraphe, pki, missing)

    assert code == 4
    assert [e["path"] for e in report["errors"]] == [str(missing)]
    assert report["documents"] == []


def test_bad_validation_time_is_a_usage_error(
    pki: TestPki, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    done = run_paraphe("verify", tmp_path, "--trust", pki.root_cert, "--at", "yesterday")

    assert done.returncode == 2
    assert "--at" in done.stderr
    assert "Traceback" not in done.stderr
