"""B-LTA through the engine, as ``paraphe sign`` and ``paraphe extend`` reach it, in the three
formats: signed directly, reached by extension from B-B, renewed; validated online and offline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from paraphe.core.etsi import BaselineLevel, SignatureFormat
from paraphe.core.signing.extend import ExtendRequest, extend_batch
from paraphe.core.signing.request import SignRequest
from paraphe.core.timestamps.servers import tsa_servers
from paraphe.core.trust import load_certificates
from paraphe.core.validation.report import SignatureReport, TimestampKind
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import SAMPLES
from tests.support.pki import TestPki
from tests.support.signing import sign_with
from tests.support.verdicts import PASSED, assert_verdict

FORMATS = [SignatureFormat.XADES, SignatureFormat.CADES, SignatureFormat.PADES]
ARCHIVING = {TimestampKind.ARCHIVE, TimestampKind.DOCUMENT}


def _document(folder: Path, fmt: SignatureFormat) -> Path:
    if fmt is SignatureFormat.PADES:
        path = folder / "Acte d'engagement.pdf"
        shutil.copy(SAMPLES / path.name, path)
    else:
        path = folder / "Mémoire technique.txt"
        path.write_text("Offre, lot 2\n", encoding="utf-8")
    return path


def _verify(pki: TestPki, path: Path, offline: bool) -> SignatureReport:
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)), trust_sources=(), offline=offline
    )
    [report] = verify_paths([path], settings).all_signatures()
    return report


def _archiving(report: SignatureReport) -> list[TimestampKind]:
    return [t.kind for t in report.timestamps if t.kind in ARCHIVING]


@pytest.mark.parametrize("fmt", FORMATS)
def test_signed_at_b_lta_validates_online_and_offline(
    fmt: SignatureFormat, pki: TestPki, tmp_path: Path
) -> None:
    assert pki.tsa_url is not None
    document = _document(tmp_path, fmt)
    request = SignRequest(
        (document,), fmt, level=BaselineLevel.B_LTA, tsa=tsa_servers([pki.tsa_url])
    )
    [result] = sign_with(pki, "rsa", request)
    for offline in (False, True):
        report = _verify(pki, result.output, offline)
        assert_verdict(report, PASSED, level="B-LTA")
        assert len(_archiving(report)) == 1
        assert all(t.indication.value == "TOTAL_PASSED" for t in report.timestamps)


@pytest.mark.parametrize("fmt", FORMATS)
def test_extended_from_b_b_to_b_lta_then_renewed(
    fmt: SignatureFormat, pki: TestPki, tmp_path: Path
) -> None:
    assert pki.tsa_url is not None
    document = _document(tmp_path, fmt)
    [signed] = sign_with(pki, "rsa", SignRequest((document,), fmt))
    to_lta = ExtendRequest((signed.output,), BaselineLevel.B_LTA, tsa_servers([pki.tsa_url]))
    [result] = extend_batch(to_lta).results
    assert (result.before, result.after) == (BaselineLevel.B_B, BaselineLevel.B_LTA)
    extended = _verify(pki, signed.output, offline=True)
    assert_verdict(extended, PASSED, level="B-LTA")
    # a PDF's B-T is a document timestamp too: its archive is the second one
    assert len(_archiving(extended)) == (2 if fmt is SignatureFormat.PADES else 1)

    [again] = extend_batch(to_lta).results
    assert not again.changed
    renew = ExtendRequest(
        (signed.output,), BaselineLevel.B_LTA, tsa_servers([pki.tsa_url]), renew=True
    )
    [renewed] = extend_batch(renew).results
    assert renewed.renewed and renewed.changed
    report = _verify(pki, signed.output, offline=True)
    assert_verdict(report, PASSED, level="B-LTA")
    assert len(_archiving(report)) == len(_archiving(extended)) + 1


def test_pades_b_lta_is_accepted_by_pyhanko_and_pdfsig(
    pki: TestPki, nssdir: str, tmp_path: Path
) -> None:
    import subprocess

    from tests.support.third_party import PYHANKO_CLI
    from tests.support.verifiers import pdfsig

    assert pki.tsa_url is not None
    document = _document(tmp_path, SignatureFormat.PADES)
    request = SignRequest(
        (document,),
        SignatureFormat.PADES,
        level=BaselineLevel.B_LTA,
        tsa=tsa_servers([pki.tsa_url]),
    )
    [result] = sign_with(pki, "rsa", request)
    validated = subprocess.run(
        [
            str(PYHANKO_CLI),
            "sign",
            "validate",
            "--pretty-print",
            "--trust",
            str(pki.root_cert),
            "--trust-replace",
            str(result.output),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "is untrusted" not in validated.stdout and "timestamp" in validated.stdout.lower(), (
        validated.stdout
    )
    assert "Signature is Valid" in pdfsig(result.output, nssdir).stdout
