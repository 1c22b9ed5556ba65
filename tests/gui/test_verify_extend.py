"""The verify page's "Extend to B-T": offered only with a timestamp server and a signature below
B-T on disk; confirmed before any file is replaced; run off the GUI thread against the test
PKI's real TSA; the page verified again shows B-T and the proven time; a TSA that is down is
named in an error and nothing changes. Screenshots with ``-s`` (``QT_SCALE_FACTOR=1.5`` for 150 %).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from paraphe.core.config.settings import Settings
from paraphe.core.errors import TimestampUnavailable, UnsupportedDocument
from paraphe.core.etsi import BaselineLevel
from paraphe.core.signing import extend
from paraphe.core.signing.extend import Extended, ExtendOutcome, ExtendRequest
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.timestamps.servers import tsa_servers
from paraphe.core.trust import UserTrustStore
from paraphe.gui.dialogs.extend_dialogs import ExtendConfirmation, ExtendOutcomeMessage
from paraphe.gui.i18n import install_translation, localized
from paraphe.gui.pages import verify_page
from paraphe.gui.pages.verify_page import VerifyPage
from tests.conftest import SAMPLES
from tests.gui.test_verify_page import WAIT_MS, row, verify
from tests.support.fake_tsa import unused_port_url
from tests.support.pki import TestPki
from tests.support.signing import sign_with

ODS = "BPU.ods"
PDF = "Acte d'engagement.pdf"
SIGNED_PDF = "Acte d'engagement_signe.pdf"
TOKEN = f"{ODS} - Signature 1.xml"


@pytest.fixture
def bid(pki: TestPki, tmp_path: Path) -> Path:
    """A XAdES B-B token and a B-B signed PDF, made for each test (extending changes them)."""
    folder = tmp_path / "Offre à prolonger"
    folder.mkdir()
    for name in (ODS, PDF):
        shutil.copyfile(SAMPLES / name, folder / name)
    sign_with(pki, "rsa", SignRequest((folder / ODS,), SignatureFormat.XADES))
    sign_with(pki, "rsa", SignRequest((folder / PDF,), SignatureFormat.PADES))
    assert (folder / TOKEN).is_file() and (folder / SIGNED_PDF).is_file()
    return folder


@pytest.fixture
def trusted(pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))
    UserTrustStore().add(pki.root_cert)


def _page(qtbot, urls: list[str]) -> VerifyPage:  # type: ignore[no-untyped-def]
    widget = VerifyPage(Settings(timestamp_urls=urls))
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    return widget


def _contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def answer(qtbot, kind: type[QMessageBox], click: Callable[[QMessageBox], object]) -> list[str]:  # type: ignore[no-untyped-def]
    """Answer the next message box of ``kind`` when it opens; returns its texts once seen."""
    seen: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, kind):
            QTimer.singleShot(20, look)
            return
        seen.append(f"{box.text()}\n{box.informativeText()}")
        click(box)

    QTimer.singleShot(0, look)
    return seen


def _agree(box: QMessageBox) -> None:
    assert isinstance(box, ExtendConfirmation)
    box.extend_button.click()


def _close(box: QMessageBox) -> None:
    assert isinstance(box, ExtendOutcomeMessage)
    box.close_button.click()


def test_extend_needs_a_timestamp_server_and_a_signature_below_b_t(
    qtbot, trusted: None, bid: Path, pki: TestPki
) -> None:
    page = _page(qtbot, [])
    assert not page.extend_button.isEnabled()
    verify(qtbot, page, [bid])
    assert set(page.all_extendable()) == {bid / SIGNED_PDF, bid / TOKEN}
    assert not page.extend_button.isEnabled()
    assert "add one in Settings" in page.extend_button.toolTip()

    assert pki.tsa_url is not None
    page.settings.timestamp_urls = [pki.tsa_url]
    page.update_extend_actions()  # as the main window does when the settings dialog closes
    assert page.extend_button.isEnabled()
    assert "the signed documents are not modified" in page.extend_button.toolTip()

    page.tree.setCurrentItem(row(page, ODS).child(0))
    assert page.selected_extendable() == [bid / TOKEN]
    assert page.extend_selected_action.isEnabled()
    assert "(1 file(s))" in page.extend_selected_action.text()
    assert "(2 file(s))" in page.extend_all_action.text()


def test_signatures_inside_a_zip_cannot_be_extended(
    qtbot, trusted: None, bid: Path, pki: TestPki, tmp_path: Path
) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in bid.iterdir():
            zipped.write(path, f"Offre/{path.name}")
    assert pki.tsa_url is not None
    page = _page(qtbot, [pki.tsa_url])
    verify(qtbot, page, [archive])
    assert page.all_extendable() == []
    assert not page.extend_button.isEnabled()
    page.tree.setCurrentItem(row(page, ODS).child(0))
    assert "inside a ZIP archive" in page.extend_selected_action.toolTip()


def test_extend_all_raises_a_xades_token_and_a_signed_pdf_to_b_t(
    qtbot, trusted: None, bid: Path, pki: TestPki
) -> None:
    assert pki.tsa_url is not None
    page = _page(qtbot, [pki.tsa_url])
    verify(qtbot, page, [bid])
    page.tree.setCurrentItem(row(page, ODS).child(0))
    assert "XAdES B-B" in page.details.toPlainText()
    before = _contents(bid)

    asked = answer(qtbot, ExtendConfirmation, _agree)
    told = answer(qtbot, ExtendOutcomeMessage, _close)
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS):
        page.extend_all_action.trigger()
        assert page.is_busy and not page.clear_button.isEnabled()
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not page.is_busy, timeout=WAIT_MS)

    assert "The signature files below will be replaced by their extended version" in asked[0]
    assert TOKEN in asked[0] and SIGNED_PDF in asked[0] and pki.tsa_url in asked[0]
    assert "2 signature file(s) extended to B-T." in told[0]
    assert f"{TOKEN} (B-B → B-T)" in told[0] and f"{SIGNED_PDF} (B-B → B-T)" in told[0]

    after = _contents(bid)
    assert after[TOKEN] != before[TOKEN] and after[SIGNED_PDF] != before[SIGNED_PDF]
    assert after[SIGNED_PDF].startswith(before[SIGNED_PDF])  # an incremental update
    for document in (ODS, PDF):
        assert after[document] == before[document], document
    assert sorted(after) == sorted(before)  # nothing left beside them

    page.tree.setCurrentItem(row(page, ODS).child(0))
    text = page.details.toPlainText()
    assert "XAdES B-T" in text and "Proven by a timestamp" in text
    page.tree.setCurrentItem(row(page, SIGNED_PDF).child(0))
    assert "PAdES B-T" in page.details.toPlainText()
    assert page.status.text().startswith("2 signature file(s) extended to B-T")
    assert "2 signature(s): 2 valid" in page.status.text()
    assert not page.extend_button.isEnabled()
    assert "already B-T or higher" in page.extend_button.toolTip()


def test_extend_selected_replaces_only_that_signature_and_cancel_changes_nothing(
    qtbot, trusted: None, bid: Path, pki: TestPki
) -> None:
    assert pki.tsa_url is not None
    page = _page(qtbot, [pki.tsa_url])
    verify(qtbot, page, [bid])
    page.tree.setCurrentItem(row(page, ODS).child(0))
    before = _contents(bid)

    answer(
        qtbot,
        ExtendConfirmation,
        lambda box: box.cancel_button.click(),  # type: ignore[attr-defined]
    )
    page.extend_selected_action.trigger()
    assert not page.is_busy and _contents(bid) == before

    asked = answer(qtbot, ExtendConfirmation, _agree)
    told = answer(qtbot, ExtendOutcomeMessage, _close)
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS):
        page.extend_selected_action.trigger()
    qtbot.waitUntil(lambda: bool(told) and not page.is_busy, timeout=WAIT_MS)
    assert TOKEN in asked[0] and SIGNED_PDF not in asked[0]
    assert "A signed PDF" not in asked[0]
    after = _contents(bid)
    assert after[TOKEN] != before[TOKEN]
    assert {name: data for name, data in after.items() if name != TOKEN} == {
        name: data for name, data in before.items() if name != TOKEN
    }
    # the PDF is still B-B and can be extended on its own
    assert page.all_extendable() == [bid / SIGNED_PDF]
    assert page.extend_button.isEnabled()


def test_a_file_extended_elsewhere_meanwhile_is_said_to_be_already_at_the_level(
    qtbot, trusted: None, bid: Path, pki: TestPki
) -> None:
    assert pki.tsa_url is not None
    page = _page(qtbot, [pki.tsa_url])
    verify(qtbot, page, [bid])
    # the token is extended by ``paraphe extend`` while the page still shows it B-B
    request = ExtendRequest((bid / TOKEN,), BaselineLevel.B_T, tsa_servers([pki.tsa_url]))
    assert extend.extend_batch(request).results[0].changed
    token = (bid / TOKEN).read_bytes()

    answer(qtbot, ExtendConfirmation, _agree)
    told = answer(qtbot, ExtendOutcomeMessage, _close)
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS):
        page.extend_all_action.trigger()
    qtbot.waitUntil(lambda: bool(told) and not page.is_busy, timeout=WAIT_MS)
    assert "1 signature file(s) extended to B-T. 1 already at B-T or higher." in told[0]
    assert f"Already at the level, left unchanged:\n• Offre à prolonger/{TOKEN} (B-T)" in told[0]
    assert (bid / TOKEN).read_bytes() == token


def test_stop_ends_after_the_file_under_way_and_says_what_was_extended(
    qtbot, trusted: None, bid: Path, pki: TestPki, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert pki.tsa_url is not None
    page = _page(qtbot, [pki.tsa_url])
    verify(qtbot, page, [bid])
    real = extend.extend_batch

    def first_then_wait_for_stop(request: ExtendRequest, *, on_result, cancel):  # type: ignore[no-untyped-def]
        first = ExtendRequest(request.paths[:1], request.level, request.tsa)
        real(first, on_result=on_result, cancel=cancel)
        deadline = time.monotonic() + WAIT_MS / 1000
        while time.monotonic() < deadline:
            cancel.raise_if_cancelled()
            time.sleep(0.01)
        raise AssertionError("never stopped")

    monkeypatch.setattr(extend, "extend_batch", first_then_wait_for_stop)
    answer(qtbot, ExtendConfirmation, _agree)
    before = _contents(bid)
    first = page.all_extendable()[0]
    page.extend_all_action.trigger()
    qtbot.waitUntil(lambda: page.busy.value() == 1, timeout=WAIT_MS)
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS):
        page.stop_button.click()
    assert not page.is_busy
    after = _contents(bid)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {first.name}
    assert page.status.text().startswith(
        "Extension stopped: 1 signature file(s) extended to B-T before it stopped;"
        " the others are as they were. · 2 signature(s)"
    )
    assert set(page.all_extendable()) == {bid / SIGNED_PDF, bid / TOKEN} - {first}


def test_a_timestamp_server_that_is_down_is_named_and_nothing_changes(
    qtbot, trusted: None, bid: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    down = unused_port_url()
    page = _page(qtbot, [down])
    verify(qtbot, page, [bid])
    before = _contents(bid)
    shown: list[BaseException] = []
    monkeypatch.setattr(verify_page, "show_error", lambda parent, error: shown.append(error))

    answer(qtbot, ExtendConfirmation, _agree)
    page.extend_all_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert isinstance(shown[0], TimestampUnavailable)
    assert down in localized(shown[0])
    assert not page.is_busy and page.busy.isHidden()
    assert page.status.text() == "Extension stopped: no signature file was modified."
    assert _contents(bid) == before
    assert page.extend_button.isEnabled()  # try again, once the server is back


@pytest.mark.parametrize("language", ["en", "fr"])
def test_screenshots_of_the_extend_action(
    qtbot,
    trusted: None,
    bid: Path,
    pki: TestPki,
    tmp_path: Path,
    capsys,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    assert pki.tsa_url is not None
    try:
        assert install_translation(language)
        shots = []
        for urls, state in (([pki.tsa_url], "enabled"), ([], "disabled")):
            page = _page(qtbot, urls)
            verify(qtbot, page, [bid])
            page.tree.setCurrentItem(row(page, ODS).child(0))
            qtbot.wait(50)
            target = tmp_path / f"verify-extend-{language}-{state}.png"
            assert page.grab().save(str(target))
            shots.append(target)
            assert page.extend_button.isEnabled() == (state == "enabled")
            button = page.extend_button
            assert button.width() >= button.sizeHint().width()  # its label is not cut
        page = _page(qtbot, [pki.tsa_url])
        verify(qtbot, page, [bid])
        box = ExtendConfirmation(
            page, page.all_extendable(), verify_page.EXTEND_LEVEL, [pki.tsa_url], page._shown
        )
        box.show()
        qtbot.wait(50)
        title = {"en": "Extend to B-T", "fr": "Étendre au niveau B-T"}[language]
        assert box.windowTitle() == title  # translated in the base class's context too
        target = tmp_path / f"verify-extend-{language}-confirm.png"
        assert box.grab().save(str(target))
        box.close()
        shots.append(target)

        outcome = ExtendOutcome(
            results=[
                Extended(bid / TOKEN, BaselineLevel.B_B, BaselineLevel.B_T),
                Extended(bid / SIGNED_PDF, BaselineLevel.B_T, BaselineLevel.B_T),
            ],
            failures=[UnsupportedDocument(bid / "Planning.txt - Signature 1.p7s", detail="…")],
        )
        message = ExtendOutcomeMessage(
            page, outcome, verify_page.EXTEND_LEVEL, page._shown, verifying=True
        )
        message.show()
        qtbot.wait(50)
        target = tmp_path / f"verify-extend-{language}-outcome.png"
        assert message.grab().save(str(target))
        message.close()
        shots.append(target)

        # busy: the first file done, the second under way (the engine held until the shot)
        release = threading.Event()

        def held_extend_batch(request: ExtendRequest, *, on_result, cancel):  # type: ignore[no-untyped-def]
            on_result(Extended(request.paths[0], BaselineLevel.B_B, BaselineLevel.B_T))
            release.wait(WAIT_MS / 1000)
            return ExtendOutcome()

        monkeypatch.setattr(extend, "extend_batch", held_extend_batch)
        answer(qtbot, ExtendConfirmation, _agree)
        page.resize(1024, 600)
        page.extend_all_action.trigger()
        qtbot.waitUntil(lambda: page.busy.value() == 1, timeout=WAIT_MS)
        qtbot.wait(50)
        target = tmp_path / f"verify-extend-{language}-busy-1024.png"
        assert page.grab().save(str(target))
        shots.append(target)
        assert page.stop_button.isVisible() and not page.clear_button.isEnabled()
        answer(qtbot, ExtendOutcomeMessage, _close)
        release.set()
        qtbot.waitUntil(lambda: not page.is_busy, timeout=WAIT_MS)
        with capsys.disabled():
            print("\n" + "\n".join(map(str, shots)))
    finally:
        install_translation("en")


def test_the_settings_default_level_above_b_t_is_the_level_extend_reaches(
    qtbot, trusted: None, bid: Path, pki: TestPki
) -> None:
    """A buyer who keeps contracts ten years sets B-LTA as the default level: Extend archives."""
    from paraphe.core.etsi import BaselineLevel

    assert pki.tsa_url is not None
    page = _page(qtbot, [pki.tsa_url])
    assert page.extend_level is BaselineLevel.B_T
    page.settings.default_level = BaselineLevel.B_LTA
    page.update_extend_actions()
    assert page.extend_level is BaselineLevel.B_LTA
    assert page.extend_button.text().replace("&", "") == "Extend to B-LTA"
    verify(qtbot, page, [bid])

    answer(qtbot, ExtendConfirmation, _agree)
    told = answer(qtbot, ExtendOutcomeMessage, _close)
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS):
        page.extend_all_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not page.is_busy, timeout=WAIT_MS)

    assert f"{TOKEN} (B-B → B-LTA)" in told[0] and f"{SIGNED_PDF} (B-B → B-LTA)" in told[0]
    page.tree.setCurrentItem(row(page, ODS).child(0))
    assert "XAdES B-LTA" in page.details.toPlainText()
    page.tree.setCurrentItem(row(page, SIGNED_PDF).child(0))
    assert "PAdES B-LTA" in page.details.toPlainText()
