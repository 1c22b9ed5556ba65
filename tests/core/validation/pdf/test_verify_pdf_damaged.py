"""Damaged signed PDFs get a failing verdict quickly, never a crash, a hang or an unsigned label.

Each damage is one a fuzz campaign met: a PDF followed by gigabytes of data (pyHanko reads a
PDF's end backwards, byte by byte), a rewritten startxref, a catalog pointing nowhere, a
signature field dictionary renamed away.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from paraphe.core.credentials import RsaPadding
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import RunParaphe
from tests.core.validation.cms.test_verify_pdf_cms import (
    PDF,
    copy_sample,
    json_signatures,
    our_pades,
    settings,
)
from tests.support.pki import TestPki
from tests.support.signing import sign_with

GIB = 1 << 30


@pytest.fixture(scope="module")
def signed_pdf(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return our_pades(pki, copy_sample(PDF, tmp_path_factory.mktemp("signed")))


def damaged_copy(signed_pdf: Path, folder: Path, damage: str) -> Path:
    data = signed_pdf.read_bytes()
    target = folder / f"{damage}.pdf"
    if damage == "2-gib-of-zeros-appended":
        target.write_bytes(data)
        with open(target, "r+b") as handle:
            handle.truncate(len(data) + 2 * GIB)  # sparse: no disk space used
        return target
    if damage == "startxref-negative":
        last = list(re.finditer(rb"startxref\s*(\d+)", data))[-1]
        data = data[: last.start(1)] + b"-5" + data[last.end(1) :]
    elif damage == "catalog-missing":
        data = re.sub(rb"/Root \d+ 0 R", b"/Root 999 0 R", data)
    elif damage == "acroform-renamed":
        data = data.replace(b"/AcroForm", b"/AcroForX")
    target.write_bytes(data)
    return target


@pytest.mark.parametrize(
    "damage",
    ["2-gib-of-zeros-appended", "startxref-negative", "catalog-missing", "acroform-renamed"],
)
@pytest.mark.parametrize("given_as", ["file", "folder"])
def test_damaged_signed_pdf_fails_quickly(
    damage: str,
    given_as: str,
    pki: TestPki,
    signed_pdf: Path,
    run_paraphe: RunParaphe,
    tmp_path: Path,
) -> None:
    pdf = damaged_copy(signed_pdf, tmp_path, damage)

    started = time.monotonic()
    done = run_paraphe(
        "verify",
        pdf if given_as == "file" else tmp_path,
        "--trust",
        pki.root_cert,
        "--json",
        timeout=60,
    )
    elapsed = time.monotonic() - started

    assert done.stderr == "", done.stderr
    report = json.loads(done.stdout)
    verdicts = [(s["indication"], s["subindication"]) for s in json_signatures(report)]
    assert verdicts == [("TOTAL_FAILED", "FORMAT_FAILURE")], report
    assert report["unsigned_documents"] == []
    assert done.returncode == 1
    assert elapsed < 20, f"{elapsed:.1f} s"


def test_pades_signing_a_pdf_followed_by_gigabytes_is_refused_quickly(
    pki: TestPki,
    signed_pdf: Path,
    password_file: Path,
    run_paraphe: RunParaphe,
    tmp_path: Path,
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    pdf = damaged_copy(signed_pdf, source, "2-gib-of-zeros-appended")

    done = run_paraphe(
        "sign",
        pdf,
        "--format",
        "pades",
        "--p12",
        pki.p12("rsa"),
        "--password-file",
        password_file,
        timeout=60,
    )

    assert done.returncode == 4, done.stderr
    assert done.stderr.count("\n") == 1 and str(pdf) in done.stderr
    assert "data appended after its end" in done.stderr
    assert sorted(p.name for p in source.iterdir()) == [pdf.name]


def test_pades_with_an_unsupported_rsa_pss_mask_is_indeterminate_not_failed(
    pki: TestPki, tmp_path: Path
) -> None:
    """A well-formed signature Paraphe cannot check (an RSA-PSS mask function other than MGF1)
    may be valid: a buyer must not be told it failed."""
    pdf = copy_sample(PDF, tmp_path / "in")
    sign_with(
        pki,
        "rsa",
        SignRequest(documents=(pdf,), format=SignatureFormat.PADES, rsa_padding=RsaPadding.PSS),
    )
    data = pdf.with_name(f"{pdf.stem}_signe.pdf").read_bytes()
    mgf1 = re.compile(rb"06092a864886f70d010108", re.IGNORECASE)  # 1.2.840.113549.1.1.8, in hex
    assert len(mgf1.findall(data)) == 1
    other = tmp_path / "other-mask.pdf"
    other.write_bytes(mgf1.sub(b"06092A864886F70D010109", data))

    report = verify_paths([other], settings(pki))

    (signature,) = report.all_signatures()
    assert (signature.indication, signature.subindication) == (
        Indication.INDETERMINATE,
        SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
    ), signature.checks
