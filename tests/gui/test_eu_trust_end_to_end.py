"""The EU trusted lists through the desktop application, end to end: lists served on 127.0.0.1
list the test PKI's CA (granted, or with a qualifier making its certificates seals), the lists
are refreshed as ``trust update`` does, and a real verification on the verify page (no other
trust) shows each signature's qualification in the verdict list and in the details."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from paraphe.core.config.settings import Settings
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.trust.eutl import manage
from paraphe.gui.pages.verify_page import VerifyPage
from paraphe.gui.widgets.verdict_tree import COLUMN_QUALIFICATION
from tests.support.pki import TestPki
from tests.support.signing import sign_with
from tests.support.trusted_lists import (
    QualificationSpec,
    ServiceSpec,
    StatusChange,
    published_lists,
)

WAIT_MS = 120_000
NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(scope="module")
def signed(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("eu-gui") / "Offre"
    folder.mkdir()
    document = folder / "Acte d'engagement.txt"
    document.write_text("Offre\n", encoding="utf-8")
    sign_with(pki, "rsa", SignRequest((document,), SignatureFormat.XADES))
    return folder


def _publish(pki: TestPki, tmp_path: Path, qualifications: list[QualificationSpec]) -> None:
    """Serve a LOTL and a French list naming the test CA; refresh the user's lists from them."""
    ca = x509.load_pem_x509_certificate(pki.intermediate_cert.read_bytes())
    service = ServiceSpec(
        "Paraphe Test Qualified CA",
        [ca.public_bytes(serialization.Encoding.DER)],
        [StatusChange("granted", NOW - timedelta(days=3650))],
        qualifications=qualifications,
    )
    with published_lists(tmp_path) as lists:
        lists.publish(
            [service],
            issued=NOW - timedelta(days=1),
            next_update=NOW + timedelta(days=90),
            sequence=3,
        )
        manage.refresh(lists.lotl_url, lotl_signer=lists.lotl_signer)


@pytest.mark.parametrize(
    ("qualifications", "badge", "reading"),
    [
        ([], "✔ QESig", "acceptable for public procurement"),
        ([QualificationSpec(["QCForESeal"])], "QESeal", "not acceptable for public procurement"),
    ],
)
def test_the_verify_page_shows_the_qualification_the_lists_give(
    qtbot,
    pki: TestPki,
    signed: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qualifications: list[QualificationSpec],
    badge: str,
    reading: str,
) -> None:
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))  # no trust but the lists
    _publish(pki, tmp_path, qualifications)
    page = VerifyPage(Settings.load())
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS) as blocker:
        page.add_paths([signed])
    [signature] = blocker.args[0].all_signatures()
    assert signature.indication.value == "TOTAL_PASSED", signature.checks
    document = page.tree.topLevelItem(0)
    item = document.child(0)
    assert item.text(COLUMN_QUALIFICATION) == badge
    assert reading in item.toolTip(COLUMN_QUALIFICATION)
    page.tree.setCurrentItem(item)
    details = page.details.toPlainText()
    assert "Qualification (EU trusted lists)" in details
    assert f"FR 3 {NOW - timedelta(days=1):%Y-%m-%d}" in details
    assert "Paraphe Test Qualified CA" in details
