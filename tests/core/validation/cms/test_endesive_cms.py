"""Detached CMS signatures made by endesive (``endesive.signer``, the library behind several
Python signing tools), validated by ``paraphe verify`` beside their document: each valid one
passes at the level it reaches, and the same token beside a changed document fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from paraphe.core.errors import Notice
from paraphe.core.trust import load_certificates
from paraphe.core.validation.report import Packaging, SignatureReport, SignedObject
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import SAMPLES
from tests.support import cades_shapes
from tests.support.pki import TestPki
from tests.support.verdicts import HASH_FAILURE, PASSED, assert_verdict

DOCUMENT = "Mémoire technique.txt"

OPTIONS = {
    "cades": {},  # content-type, message-digest, signing-certificate-v2: B-B
    "rsa-pss": {"pss": True},
    "no-attributes": {"attrs": False},  # a signature straight over the content: not CAdES
}


def verify(pki: TestPki, folder: Path, token: bytes, document: bytes) -> SignatureReport:
    folder.mkdir(parents=True)
    (folder / DOCUMENT).write_bytes(document)
    (folder / f"{DOCUMENT} - Signature 1.p7s").write_bytes(token)
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)),
        trust_sources=(Notice("file {path} ({count})", pki.root_cert, count=1),),
    )
    report = verify_paths([folder], settings)
    (signature,) = report.all_signatures()
    return signature


@pytest.mark.parametrize("shape", sorted(OPTIONS))
def test_endesive_signatures_pass_and_fail_on_a_changed_document(
    shape: str, pki: TestPki, tmp_path: Path
) -> None:
    """Valid and trusted: TOTAL_PASSED, detached, the paired document as signed object; the
    same token beside a document with one byte changed: TOTAL_FAILED/HASH_FAILURE."""
    document = (SAMPLES / DOCUMENT).read_bytes()
    token = cades_shapes.endesive_cms(pki, document, **OPTIONS[shape])
    changed = document[:10] + bytes([document[10] ^ 0x01]) + document[11:]

    good = verify(pki, tmp_path / "good", token, document)
    bad = verify(pki, tmp_path / "bad", token, changed)

    assert_verdict(good, PASSED, level="B-B")
    assert good.packaging is Packaging.DETACHED
    assert good.signed_objects == [SignedObject(DOCUMENT, "file", True)]
    assert good.ades is (shape != "no-attributes")
    assert_verdict(bad, HASH_FAILURE)


def test_endesive_signature_with_a_timestamp_passes_at_b_t(pki: TestPki, tmp_path: Path) -> None:
    """endesive asks the test TSA for a signature timestamp: B-T, the timestamp valid and the
    signing time proven by it; the algorithms are judged at that proven time."""
    document = (SAMPLES / DOCUMENT).read_bytes()
    token = cades_shapes.endesive_cms(pki, document, tspurl=pki.tsa_url)

    signature = verify(pki, tmp_path / "signed", token, document)

    assert_verdict(
        signature,
        PASSED,
        level="B-T",
        checks={"signature timestamp": True, "cryptographic algorithms": True},
    )
    assert signature.timestamp_time is not None
