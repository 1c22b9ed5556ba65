"""``extend`` to B-T: ours and other tools' signatures get a timestamp and stay valid; the signed
document is never touched; the old file stays until the new one is whole and checked."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from paraphe.core.errors import TimestampUnavailable, UnsupportedDocument, UsageError
from paraphe.core.etsi import BaselineLevel, SignatureFormat
from paraphe.core.signing import extend_formats
from paraphe.core.signing.extend import ExtendRequest, extend_batch
from paraphe.core.signing.request import SignRequest
from paraphe.core.timestamps.servers import tsa_servers
from paraphe.core.trust import load_certificates
from paraphe.core.validation.indications import Indication
from paraphe.core.validation.report import SignatureReport, TimestampKind
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import SAMPLES
from tests.support.fake_tsa import unused_port_url
from tests.support.pki import TestPki
from tests.support.signing import sign_with
from tests.support.third_party import PYHANKO_CLI, openssl_sign, pyhanko_sign, xmlsec1_sign
from tests.support.verdicts import PASSED, assert_verdict
from tests.support.verifiers import openssl_cms_verify, pdfsig, xmlsec1_verify

PDF = "Acte d'engagement.pdf"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _request(pki: TestPki, *paths: Path) -> ExtendRequest:
    assert pki.tsa_url is not None
    return ExtendRequest(tuple(paths), BaselineLevel.B_T, tsa_servers([pki.tsa_url]))


def _verified(pki: TestPki, path: Path) -> SignatureReport:
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)), trust_sources=()
    )
    [report] = verify_paths([path], settings).all_signatures()
    return report


@pytest.fixture
def documents(tmp_path: Path) -> tuple[Path, Path]:
    text = tmp_path / "Mémoire technique.txt"
    text.write_text("Offre, lot 2\n", encoding="utf-8")
    pdf = tmp_path / PDF
    shutil.copy(SAMPLES / PDF, pdf)
    return text, pdf


def _ours(pki: TestPki, document: Path, fmt: SignatureFormat) -> Path:
    [result] = sign_with(pki, "rsa", SignRequest((document,), fmt))
    return result.output


@pytest.mark.parametrize("fmt", [SignatureFormat.XADES, SignatureFormat.CADES])
def test_our_detached_tokens_reach_b_t_and_the_document_is_untouched(
    fmt: SignatureFormat, pki: TestPki, documents: tuple[Path, Path]
) -> None:
    document, _ = documents
    token = _ours(pki, document, fmt)
    assert _verified(pki, token).level == BaselineLevel.B_B
    document_before, token_inode = _digest(document), token.stat().st_ino
    token.chmod(0o640)

    outcome = extend_batch(_request(pki, token))

    assert not outcome.failures
    [result] = outcome.results
    assert (result.before, result.after) == (BaselineLevel.B_B, BaselineLevel.B_T)
    assert _digest(document) == document_before
    assert token.stat().st_ino != token_inode  # replaced whole, in one step
    assert token.stat().st_mode & 0o777 == 0o640  # with the old file's permissions
    assert not [p for p in token.parent.iterdir() if p.name.startswith(".")]
    report = _verified(pki, token)
    assert_verdict(report, PASSED, level="B-T")
    [timestamp] = report.timestamps
    assert timestamp.kind is TimestampKind.SIGNATURE and report.timestamp_time is not None


def test_a_second_extension_changes_nothing(pki: TestPki, documents: tuple[Path, Path]) -> None:
    token = _ours(pki, documents[0], SignatureFormat.XADES)
    extend_batch(_request(pki, token))
    extended = token.read_bytes()
    [result] = extend_batch(_request(pki, token)).results
    assert not result.changed and result.before is BaselineLevel.B_T
    assert token.read_bytes() == extended


def test_an_openssl_token_is_extended_and_openssl_still_verifies_it(
    pki: TestPki, documents: tuple[Path, Path]
) -> None:
    document, _ = documents
    token = openssl_sign(pki, document, document.with_name(f"{document.name} - Signature 1.p7s"))
    [result] = extend_batch(_request(pki, token)).results
    assert result.changed
    checked = subprocess.run(  # openssl's own token has no signing-certificate attribute: no -cades
        [
            "openssl",
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            str(token),
            "-content",
            str(document),
            "-CAfile",
            str(pki.root_cert),
            "-purpose",
            "any",
            "-out",
            os.devnull,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert_verdict(_verified(pki, token), PASSED, level="B-T")


def test_our_extended_cades_token_still_passes_openssl_cades_verify(
    pki: TestPki, documents: tuple[Path, Path]
) -> None:
    document, _ = documents
    token = _ours(pki, document, SignatureFormat.CADES)
    extend_batch(_request(pki, token))
    checked = openssl_cms_verify(token, document, pki.root_cert)
    assert checked.returncode == 0, checked.stderr


def test_pdfs_signed_by_us_and_by_pyhanko_get_a_document_timestamp(
    pki: TestPki, nssdir: str, documents: tuple[Path, Path], tmp_path: Path
) -> None:
    _, pdf = documents
    ours = _ours(pki, pdf, SignatureFormat.PADES)
    theirs = pyhanko_sign(pki, pdf, tmp_path / "par pyHanko.pdf")
    prefixes = {path: path.read_bytes() for path in (ours, theirs)}

    outcome = extend_batch(_request(pki, ours, theirs))

    assert not outcome.failures and all(r.changed for r in outcome.results)
    for path, before in prefixes.items():
        after = path.read_bytes()
        assert after.startswith(before)  # an incremental update: every signed byte kept
        report = _verified(pki, path)
        assert_verdict(report, PASSED, level="B-T")
        assert [t.kind for t in report.timestamps] == [TimestampKind.DOCUMENT]
        assert report.timestamp_time is not None
        shown = pdfsig(path, nssdir)
        assert shown.stdout.count("Signature is Valid") >= 1, shown.stdout
        validated = subprocess.run(
            [
                str(PYHANKO_CLI),
                "sign",
                "validate",
                "--trust",
                str(pki.root_cert),
                "--other-certs",
                str(pki.intermediate_cert),
                str(path),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert validated.returncode == 0, validated.stdout + validated.stderr


def test_no_timestamp_server_changes_nothing(pki: TestPki, documents: tuple[Path, Path]) -> None:
    document, pdf = documents
    tokens = [_ours(pki, document, SignatureFormat.CADES), _ours(pki, pdf, SignatureFormat.PADES)]
    before = {path: path.read_bytes() for path in tokens}
    request = ExtendRequest(tuple(tokens), BaselineLevel.B_T, tsa_servers([unused_port_url()]))
    with pytest.raises(TimestampUnavailable, match="connection refused"):
        extend_batch(request)
    assert {path: path.read_bytes() for path in tokens} == before


def test_what_is_no_signature_is_refused_before_anything_is_written(
    pki: TestPki, documents: tuple[Path, Path]
) -> None:
    document, _ = documents
    token = _ours(pki, document, SignatureFormat.CADES)
    before = token.read_bytes()
    with pytest.raises(UnsupportedDocument, match="not a signature Paraphe can extend"):
        extend_batch(_request(pki, token, document))
    assert token.read_bytes() == before


def test_a_plain_xml_signature_is_refused_with_a_reason(
    pki: TestPki, documents: tuple[Path, Path]
) -> None:
    document, _ = documents
    token = xmlsec1_sign(pki, document)
    before = token.read_bytes()
    outcome = extend_batch(_request(pki, token))
    [failure] = outcome.failures
    assert "without XAdES properties" in failure.message
    assert token.read_bytes() == before
    assert xmlsec1_verify(token, pki.root_cert, pki.intermediate_cert).returncode == 0


def test_an_extension_that_does_not_check_is_not_kept(
    pki: TestPki, documents: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    token = _ours(pki, documents[0], SignatureFormat.XADES)
    before = token.read_bytes()
    monkeypatch.setattr(
        extend_formats.XadesExtender, "check", lambda *_args: "simulated read-back problem"
    )
    [failure] = extend_batch(_request(pki, token)).failures
    assert "simulated read-back problem" in failure.message
    assert token.read_bytes() == before
    assert sorted(os.listdir(token.parent)) == sorted(
        [documents[0].name, documents[1].name, token.name]
    )


@pytest.mark.parametrize(
    ("level", "renew"),
    [(BaselineLevel.B_B, False), (BaselineLevel.B_T, True), (BaselineLevel.B_LT, True)],
)
def test_what_cannot_be_asked_is_refused(
    level: BaselineLevel, renew: bool, pki: TestPki, documents: tuple[Path, Path]
) -> None:
    """B-B is no extension; only B-LTA signatures are renewed."""
    token = _ours(pki, documents[0], SignatureFormat.XADES)
    assert pki.tsa_url is not None
    with pytest.raises(UsageError):
        extend_batch(ExtendRequest((token,), level, tsa_servers([pki.tsa_url]), renew=renew))


def test_an_extended_signature_keeps_its_failing_verdict(
    pki: TestPki, documents: tuple[Path, Path]
) -> None:
    """A timestamp added to a signature over a document changed since proves nothing good."""
    document, _ = documents
    token = _ours(pki, document, SignatureFormat.CADES)
    extend_batch(_request(pki, token))
    document.write_text("Offre modifiée\n", encoding="utf-8")
    report = _verified(pki, token)
    assert report.indication is Indication.TOTAL_FAILED


def _offline(pki: TestPki, path: Path) -> SignatureReport:
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)), trust_sources=(), offline=True
    )
    [report] = verify_paths([path], settings).all_signatures()
    return report


@pytest.mark.parametrize("fmt", [SignatureFormat.XADES, SignatureFormat.CADES])
def test_tokens_go_from_b_b_to_b_lt_in_two_checked_steps_and_validate_offline(
    fmt: SignatureFormat, pki: TestPki, documents: tuple[Path, Path]
) -> None:
    document, _ = documents
    token = _ours(pki, document, fmt)
    assert pki.tsa_url is not None
    request = ExtendRequest((token,), BaselineLevel.B_LT, tsa_servers([pki.tsa_url]))
    [result] = extend_batch(request).results
    assert (result.before, result.after) == (BaselineLevel.B_B, BaselineLevel.B_LT)
    assert_verdict(_offline(pki, token), PASSED, level="B-LT")
    [again] = extend_batch(request).results
    assert not again.changed


def test_an_openssl_token_reaches_b_lt_and_openssl_still_verifies_it(
    pki: TestPki, documents: tuple[Path, Path]
) -> None:
    document, _ = documents
    token = openssl_sign(pki, document, document.with_name(f"{document.name} - Signature 1.p7s"))
    assert pki.tsa_url is not None
    [result] = extend_batch(
        ExtendRequest((token,), BaselineLevel.B_LT, tsa_servers([pki.tsa_url]))
    ).results
    assert result.after is BaselineLevel.B_LT
    assert_verdict(_offline(pki, token), PASSED, level="B-LT")


def test_a_pdf_signed_by_pyhanko_reaches_b_lt_and_validates_offline(
    pki: TestPki, nssdir: str, documents: tuple[Path, Path], tmp_path: Path
) -> None:
    _, pdf = documents
    theirs = pyhanko_sign(pki, pdf, tmp_path / "par pyHanko.pdf")
    before = theirs.read_bytes()
    assert pki.tsa_url is not None
    [result] = extend_batch(
        ExtendRequest((theirs,), BaselineLevel.B_LT, tsa_servers([pki.tsa_url]))
    ).results
    assert (result.before, result.after) == (BaselineLevel.B_B, BaselineLevel.B_LT)
    assert theirs.read_bytes().startswith(before)
    assert_verdict(_offline(pki, theirs), PASSED, level="B-LT")
    assert "Signature is Valid" in pdfsig(theirs, nssdir).stdout
