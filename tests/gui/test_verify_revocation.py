"""A revoked certificate with a claimed signing time after the revocation (issue 16, item 10):
the details panel, the command line's text and the PDF report say in words that the claimed
time is after the revocation and that nothing proves the signature was made before; one rule
(``core.reports.revocation_time``) for the three.

The signature is made with the test PKI's "revoked" persona (revoked a day ago) and checked
against its live OCSP responder.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from paraphe.core.config.settings import Settings
from paraphe.core.reports.details import Localizer
from paraphe.core.reports.revocation_time import revocation_sentence
from paraphe.core.trust import UserTrustStore
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import RevocationStatus, SignatureReport
from paraphe.gui.i18n import local_time, report_words
from paraphe.gui.pages.verify_page import VerifyPage
from tests.conftest import SAMPLES
from tests.core.validation.xades.test_verify_xades import sign_directly
from tests.support.pki import TestPki

WAIT_MS = 60_000
ODS = "BPU.ods"


@pytest.fixture(scope="module")
def revoked_token(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("revoked")
    shutil.copyfile(SAMPLES / ODS, folder / ODS)
    return sign_directly(pki, "revoked", folder / ODS)


@pytest.fixture
def page(qtbot, pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> VerifyPage:
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))
    UserTrustStore().add(pki.root_cert)
    widget = VerifyPage(Settings.load())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _verified(qtbot, page: VerifyPage, token: Path) -> SignatureReport:
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS) as done:
        page.add_paths([token, token.parent / ODS])
    [signature] = done.args[0].all_signatures()
    assert signature.indication is Indication.INDETERMINATE
    assert signature.subindication is SubIndication.REVOKED_NO_POE
    assert signature.revocation is not None
    assert signature.revocation.status is RevocationStatus.REVOKED
    assert signature.revocation.revoked_at is not None
    assert signature.signing_time is not None
    assert signature.signing_time > signature.revocation.revoked_at
    return signature


def test_the_details_panel_says_the_claimed_time_is_after_the_revocation(
    qtbot, page: VerifyPage, revoked_token: Path
) -> None:
    signature = _verified(qtbot, page, revoked_token)
    assert signature.revocation is not None and signature.revocation.revoked_at is not None
    page.tree.setCurrentItem(page.tree.topLevelItem(0).child(0))
    text = " ".join(page.details.toPlainText().split())
    expected = (
        f"The signing time claimed ({local_time(signature.signing_time)}) is after the"  # type: ignore[arg-type]
        f" revocation ({local_time(signature.revocation.revoked_at)}): nothing proves the"
        " signature was made before."
    )
    assert expected in text
    # said once, beside the reason at the top (not again in the Revocation section)
    assert text.count("is after the revocation") == 1
    assert text.index(expected) < text.index("Revocation")


def test_the_command_line_and_the_pdf_report_say_it_too(
    qtbot, page: VerifyPage, revoked_token: Path, pki: TestPki, run_paraphe, tmp_path: Path
) -> None:
    signature = _verified(qtbot, page, revoked_token)
    sentence = revocation_sentence(
        signature,
        Localizer(
            translate=report_words().translate,
            moment=lambda t: t.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        ),
    )
    assert sentence is not None and sentence.startswith("The signing time claimed (")

    done = run_paraphe(
        "verify", "--trust", pki.root_cert, revoked_token, revoked_token.parent / ODS
    )
    assert "REVOKED_NO_POE" in done.stdout, done.stderr
    assert sentence in done.stdout  # the CLI writes times in UTC, as this Localizer does

    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils (pdftotext) is needed to read the PDF report")
    target = tmp_path / "report.pdf"
    done = run_paraphe(
        "verify",
        "--trust",
        pki.root_cert,
        "--report",
        target,
        revoked_token,
        revoked_token.parent / ODS,
    )
    assert target.is_file(), done.stderr
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, check=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert "is after the revocation" in flat
    assert "nothing proves the signature was made before." in flat
