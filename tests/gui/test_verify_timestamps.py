"""The verify page's details for timestamped signatures: the Timestamps section with each
timestamp's kind, time, authority and verdict, the proven time naming its timestamp, a failed
timestamp marked and explained; in English and French, and rendered for a look at 1280 wide
(``-s`` prints the PNGs' paths; ``QT_SCALE_FACTOR=1.5`` for 150 %)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from pathlib import Path

import pytest

from paraphe.core.config.settings import Settings
from paraphe.core.etsi import BaselineLevel
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.timestamps.servers import tsa_servers
from paraphe.core.trust import UserTrustStore
from paraphe.gui.i18n import install_translation, tr_engine
from paraphe.gui.pages.verify_page import VerifyPage
from tests.conftest import SAMPLES
from tests.gui.test_verify_page import _render_details, row, verify
from tests.support.pki import TestPki
from tests.support.signing import sign_with

TSA = "Paraphe Test TSA"
STAMP = "EncapsulatedTimeStamp>"
ODS = "BPU.ods"
PDF = "Acte d'engagement.pdf"


def _b_t(pki: TestPki, document: Path, fmt: SignatureFormat) -> Path:
    assert pki.tsa_url is not None
    request = SignRequest((document,), fmt, level=BaselineLevel.B_T, tsa=tsa_servers([pki.tsa_url]))
    [result] = sign_with(pki, "rsa", request)
    return result.output


@pytest.fixture(scope="module")
def bid(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``BPU.ods`` and the PDF signed B-T; ``Planning.txt`` B-T with another signature's
    timestamp copied in (a genuine token, for another signature value)."""
    folder = tmp_path_factory.mktemp("bid-t") / "Offre horodatée"
    folder.mkdir()
    for name in (ODS, PDF):
        shutil.copyfile(SAMPLES / name, folder / name)
    _b_t(pki, folder / ODS, SignatureFormat.XADES)
    _b_t(pki, folder / PDF, SignatureFormat.PADES)
    planning = folder / "Planning.txt"
    planning.write_text("Livraison le 12 août.\n", encoding="utf-8")
    ours = _b_t(pki, planning, SignatureFormat.XADES)
    other = folder.parent / "Autre.txt"
    other.write_text("Autre offre.\n", encoding="utf-8")
    theirs = _b_t(pki, other, SignatureFormat.XADES).read_text(encoding="utf-8")
    head, _, tail = ours.read_text(encoding="utf-8").split(STAMP)
    ours.write_text(f"{head}{STAMP}{theirs.split(STAMP)[1]}{STAMP}{tail}", encoding="utf-8")
    return folder


@pytest.fixture
def trusted(pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))
    UserTrustStore().add(pki.root_cert)


def _page(qtbot) -> VerifyPage:  # type: ignore[no-untyped-def]
    widget = VerifyPage(Settings.load())
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    return widget


@pytest.fixture
def page(qtbot, trusted: None) -> VerifyPage:
    return _page(qtbot)


def test_the_details_show_the_timestamp_and_the_time_it_proves(
    qtbot, page: VerifyPage, bid: Path
) -> None:
    verify(qtbot, page, [bid])
    page.tree.setCurrentItem(row(page, ODS).child(0))
    text = page.details.toPlainText()
    for expected in (
        "XAdES B-T",
        "Proven by a timestamp",
        ", by the signature timestamp of Paraphe Test TSA\n",
        "Timestamps",
        "Signature timestamp",
        "Timestamping authority",
        "Valid: proves when the signature existed",
    ):
        assert expected in text, expected
    assert "no timestamp" not in text
    # the section sits between the time and the certificate
    assert text.index("Proven by a timestamp") < text.index("Timestamps")
    assert text.index("Timestamps") < text.index("Certificate chain")

    page.tree.setCurrentItem(row(page, "_signe.pdf").child(0))
    text = page.details.toPlainText()
    assert "PAdES B-T" in text and "Signature timestamp" in text and TSA in text


def test_a_failed_timestamp_is_marked_and_explained(qtbot, page: VerifyPage, bid: Path) -> None:
    verify(qtbot, page, [bid])
    page.tree.setCurrentItem(row(page, "Planning.txt").child(0))
    text = page.details.toPlainText()
    for expected in (
        "no valid timestamp: the signing time is only claimed",
        "Signature timestamp",
        "Failed (TOTAL_FAILED / HASH_FAILURE)",
        "The timestamp was made for other data, not for this signature",
        "message imprint differs",
    ):
        assert expected in text, expected
    html = page.details.toHtml()
    assert "✘" in html and "#c0262d" in html  # the timestamp's own red mark


def test_the_timestamp_section_in_french(qtbot, trusted: None, bid: Path) -> None:
    try:
        assert install_translation("fr")
        page = _page(qtbot)
        verify(qtbot, page, [bid])
        page.tree.setCurrentItem(row(page, ODS).child(0))
        text = page.details.toPlainText()
        for expected in (
            "Prouvée par un horodatage",
            ", par l'horodatage de signature de Paraphe Test TSA\n",
            "Horodatages",
            "Horodatage de signature",
            "Autorité d'horodatage",
            "Valide : prouve quand la signature existait",
            "horodatage de signature — ",  # the check's name, translated too
        ):
            assert expected in text, expected
        for english in ("Timestamps", "Signature timestamp", "Timestamping authority"):
            assert english not in text, english
    finally:
        install_translation("en")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_screenshot_of_timestamp_details(
    qtbot, trusted: None, bid: Path, tmp_path: Path, capsys, language: str
) -> None:
    try:
        assert install_translation(language)
        page = _page(qtbot)
        verify(qtbot, page, [bid])
        shots = []
        for ending in (ODS, "Planning.txt"):
            page.tree.setCurrentItem(row(page, ending).child(0))
            _scroll_to_time(page)
            qtbot.wait(50)
            stem = f"verify-{language}-{Path(ending).stem}"
            target = tmp_path / f"{stem}.png"
            assert page.grab().save(str(target))
            details = tmp_path / f"{stem}-details.png"
            _render_details(page, details)
            shots += [target, details]
        with capsys.disabled():
            print("\n" + "\n".join(map(str, shots)))
        assert page.details.width() >= 380
    finally:
        install_translation("en")


def _scroll_to_time(page: VerifyPage) -> None:
    """The details scrolled so that the time and the timestamps are on screen."""
    details = page.details
    cursor = details.document().find(tr_engine("Claimed signing time"))
    assert not cursor.isNull()
    cursor.clearSelection()
    details.setTextCursor(cursor)
    details.ensureCursorVisible()
    bar = details.verticalScrollBar()
    bar.setValue(bar.value() + details.cursorRect().top() - 60)
