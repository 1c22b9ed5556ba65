"""A token named on its own is checked against the document it names beside it.

A buyer who runs ``paraphe verify "X.pdf - Signature 1.xml"`` (or drops that one file on the
window) means X.pdf: before, the token was listed as "document missing" although X.pdf lay
beside it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from paraphe.core.signing.request import SignatureFormat, SignRequest
from tests.conftest import RunParaphe
from tests.core.validation.cms.test_verify_pdf_cms import (
    TXT,
    cli_verify,
    copy_sample,
    json_signatures,
    our_cades,
    verify,
)
from tests.support.pki import TestPki
from tests.support.signing import sign_with
from tests.support.verdicts import PASSED, assert_verdict


def _xades(pki: TestPki, document: Path) -> Path:
    (result,) = sign_with(pki, "rsa", SignRequest((document,), SignatureFormat.XADES))
    return result.output


def test_a_cades_token_alone_is_checked_against_the_document_its_name_gives(
    pki: TestPki, tmp_path: Path
) -> None:
    token = our_cades(pki, copy_sample(TXT, tmp_path))

    report = verify(pki, token)

    (signature,) = report.all_signatures()
    assert_verdict(signature, PASSED, signer="Jeanne Test")
    assert signature.document_path == tmp_path / TXT
    assert report.orphan_signatures == [] and report.unsigned_documents == []


def test_a_renamed_xades_token_alone_finds_its_document_by_its_reference(
    pki: TestPki, tmp_path: Path
) -> None:
    token = _xades(pki, copy_sample(TXT, tmp_path))
    renamed = token.rename(tmp_path / "signature.xml")  # no Atexo name left to go by

    report = verify(pki, renamed)

    (signature,) = report.all_signatures()
    assert_verdict(signature, PASSED)
    assert signature.document_path == tmp_path / TXT


def test_a_token_alone_whose_document_is_not_there_stays_an_orphan(
    pki: TestPki, tmp_path: Path
) -> None:
    document = copy_sample(TXT, tmp_path)
    token = our_cades(pki, document)
    document.unlink()

    report = verify(pki, token)

    assert report.all_signatures() == []
    assert [o.signature_path for o in report.orphan_signatures] == [token]


def test_a_token_and_its_document_both_named_are_checked_once(pki: TestPki, tmp_path: Path) -> None:
    document = copy_sample(TXT, tmp_path)
    token = our_cades(pki, document)

    report = verify(pki, token, document)

    (signature,) = report.all_signatures()
    assert_verdict(signature, PASSED)


def test_the_command_line_passes_a_valid_token_named_alone(
    pki: TestPki, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    folder = tmp_path / "Offre"
    token = _xades(pki, copy_sample(TXT, folder))
    shutil.copy(token, tmp_path / "copie hors du dossier.xml")  # its document is not beside it

    code, report = cli_verify(run_paraphe, pki, token)

    assert code == 0
    assert [s["indication"] for s in json_signatures(report)] == ["TOTAL_PASSED"]
    assert report["orphan_signatures"] == []
    code, report = cli_verify(run_paraphe, pki, tmp_path / "copie hors du dossier.xml")
    assert code == 3
    assert len(report["orphan_signatures"]) == 1


def test_an_orphan_names_its_signer_unverified(
    pki: TestPki, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    """Without its document a signature cannot be checked, but the buyer learns whose signature
    lacks its document (issue 16): the signer its certificate names, said to be unverified."""
    cades_token = our_cades(pki, copy_sample(TXT, tmp_path / "cades"))
    xades_token = _xades(pki, copy_sample(TXT, tmp_path / "xades"))
    (tmp_path / "cades" / TXT).unlink()
    (tmp_path / "xades" / TXT).unlink()

    report = verify(pki, cades_token, xades_token)

    assert {
        o.signature_path: o.signer.name if o.signer else None for o in report.orphan_signatures
    } == {
        cades_token: "Jeanne Test",
        xades_token: "Jeanne Test",
    }
    done = run_paraphe("verify", str(cades_token), env={"LC_ALL": "C.UTF-8"})
    assert (
        "the signature names Jeanne Test (ENTREPRISE TEST SAS) as its signer (not verified)"
        in done.stdout
    )
