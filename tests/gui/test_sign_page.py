"""The Sign task, driven like a user would: dialogs answered, drops, cancel, a big file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from paraphe.core.config.settings import Settings
from paraphe.core.signing.request import SignatureFormat
from paraphe.gui.dialogs.password_dialog import PasswordDialog
from paraphe.gui.pages.sign_page import SignPage
from tests.support.pki import PKCS12_PASSWORD, TestPki
from tests.support.verifiers import openssl_cms_verify, xmlsec1_verify


def answer_password(qtbot, *answers: str) -> list[bool]:
    """Type each answer into the next password dialog that opens; record if it warned."""
    warned: list[bool] = []
    pending = list(answers)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PasswordDialog):
            QTimer.singleShot(20, answer)
            return
        warned.append(dialog.warning.isVisibleTo(dialog))
        dialog.field.setText(pending.pop(0))  # QTest types ASCII only; the password is not
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        if pending:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    return warned


@pytest.fixture
def page(qtbot, pki: TestPki, tmp_path: Path, monkeypatch) -> SignPage:
    return make_page(qtbot, pki, tmp_path, monkeypatch)


def make_page(qtbot, pki: TestPki, tmp_path: Path, monkeypatch) -> SignPage:
    """A Sign page shown, with its own settings and the test persona's .p12 added."""
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))
    widget = SignPage(Settings.load())
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    answer_password(qtbot, PKCS12_PASSWORD)
    widget.remember(pki.p12("rsa"))
    assert widget.selected_identity() is not None
    return widget


def documents(folder: Path, count: int = 3, size: int = 20_000) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"Pièce {index + 1}.txt"
        path.write_bytes(os.urandom(size))
        paths.append(path)
    return paths


def test_certificate_picker_shows_who_signs(page: SignPage) -> None:
    text = page.identity_details.text()
    assert "Jeanne Test" in page.certificate.currentText()
    assert "ENTREPRISE TEST SAS" in page.certificate.currentText()
    assert "SIREN 123456789" in page.certificate.currentText()
    # No trusted list knows the test CA: the certificate's own claim, said as a claim.
    assert "Declared qualified by the certificate" in text and "✔" not in text
    assert "digital signature, non-repudiation" in text and "content_commitment" not in text
    assert Settings.load().keystore_certificates, "the certificate is remembered"
    assert (
        PKCS12_PASSWORD not in (Path(os.environ["PARAPHE_DATA_DIR"]) / "settings.json").read_text()
    )


def test_full_sign_flow_xades(page: SignPage, qtbot, tmp_path: Path, pki: TestPki) -> None:
    files = documents(tmp_path / "Offre")
    page.add_paths([tmp_path / "Offre"])
    assert page.table.rowCount() == 3
    assert page.overall_progress.isHidden() and page.file_progress.isHidden()  # nothing run yet
    answer_password(qtbot, PKCS12_PASSWORD)
    with qtbot.waitSignal(page.signing_finished, timeout=60_000) as finished:
        qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] is not None and not finished.args[0].failures
    assert page.overall_progress.value() == 3 and page.overall_progress.isVisibleTo(page)
    for document in files:
        token = document.parent / f"{document.name} - Signature 1.xml"
        assert xmlsec1_verify(token, pki.root_cert).returncode == 0
    assert page.verify_now.isEnabled() and page.open_folder.isEnabled()
    with qtbot.waitSignal(page.verify_requested) as requested:
        page.verify_now.click()
    assert set(requested.args[0]) >= set(files)


def test_wrong_password_offers_another_try(
    page: SignPage, qtbot, tmp_path: Path, pki: TestPki
) -> None:
    [document] = documents(tmp_path / "Offre", 1)
    page.add_paths([document])
    page.format_buttons[SignatureFormat.CADES].setChecked(True)
    statuses: list[str] = []
    page._answer_secret = _recording_status(page, statuses)  # what the page says meanwhile
    warned = answer_password(qtbot, "not the password", PKCS12_PASSWORD)
    finished = []
    page.signing_finished.connect(finished.append)
    page.worker = None
    page.sign_button.click()
    qtbot.waitUntil(lambda: len(finished) == 1, timeout=60_000)
    assert finished[0] is not None and not finished[0].failures
    assert warned == [False, True], "the second dialog says the password was wrong"
    assert not any("Stopped" in status for status in statuses), statuses
    assert "Wrong password" in statuses[-1], "said while the second dialog is open"
    token = document.parent / f"{document.name} - Signature 1.p7s"
    assert openssl_cms_verify(token, document, pki.root_cert).returncode == 0


def _recording_status(page: SignPage, statuses: list[str]):
    """The page's secret slot, recording the status line shown while each dialog is open."""
    original = page._answer_secret

    def answer(request):
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: statuses.append(page.status.text()))
        original(request)

    return answer


def test_cancel_in_the_middle_leaves_only_whole_outputs(
    page: SignPage, qtbot, tmp_path: Path
) -> None:
    files = documents(tmp_path / "Lot", 40, 2_000_000)
    page.add_paths(files)
    page.format_buttons[SignatureFormat.CADES].setChecked(True)
    page.worker = None
    cancelled = []

    def cancel_once(_result: object) -> None:
        if not cancelled:
            cancelled.append(True)
            page.cancel()

    answer_password(qtbot, PKCS12_PASSWORD)
    with qtbot.waitSignal(page.signing_finished, timeout=60_000) as finished:
        page.sign_button.click()
        qtbot.waitUntil(lambda: page.worker is not None, timeout=10_000)
        page.worker.signals.file_done.connect(cancel_once)
    assert finished.args[0] is None
    outputs = sorted(p for p in (tmp_path / "Lot").iterdir() if p.suffix == ".p7s")
    hidden = [p for p in (tmp_path / "Lot").iterdir() if p.name.startswith(".")]
    assert 1 <= len(outputs) < len(files) and not hidden
    assert all(p.stat().st_size > 1000 for p in outputs)
    assert "Stopped" in page.status.text()


def test_drag_and_drop_adds_files(page: SignPage, tmp_path: Path) -> None:
    files = documents(tmp_path / "Glissé", 2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in files])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Offscreen Qt has no drag manager to deliver a synthetic drop: call the handlers it calls.
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.drop_zone.dragEnterEvent(enter)
    assert enter.isAccepted()
    page.drop_zone.dropEvent(event)
    assert page.files == files
    assert page.table.item(1, 0).text() == files[1].name


def test_pades_offered_only_for_pdfs_with_a_placed_visible_signature(
    page: SignPage, qtbot, tmp_path: Path
) -> None:
    from tests.conftest import SAMPLES

    pdf = tmp_path / "Contrat.pdf"
    pdf.write_bytes((SAMPLES / "Acte d'engagement.pdf").read_bytes())
    page.add_paths([pdf])
    pades = page.format_buttons[SignatureFormat.PADES]
    assert pades.isEnabled()
    pades.setChecked(True)
    page.visible.setChecked(True)
    qtbot.mouseClick(
        page.preview, Qt.MouseButton.LeftButton, pos=QPoint(20, page.preview.height() - 20)
    )
    x1, y1, _, _ = page.preview.box()
    assert x1 < 100 and y1 < 100, "a click near the lower-left corner moves the box there"
    answer_password(qtbot, PKCS12_PASSWORD)
    with qtbot.waitSignal(page.signing_finished, timeout=60_000) as finished:
        page.sign_button.click()
    assert finished.args[0] is not None and not finished.args[0].failures
    assert (tmp_path / "Contrat_signe.pdf").is_file()
    page.add_paths([tmp_path / "x.txt"]) if (tmp_path / "x.txt").exists() else None
    (tmp_path / "note.txt").write_text("x")
    page.add_paths([tmp_path / "note.txt"])
    assert not pades.isEnabled() and not pades.isChecked()


@pytest.mark.slow
def test_window_keeps_repainting_while_a_1_gib_file_is_signed(
    page: SignPage, qtbot, tmp_path: Path
) -> None:
    big = tmp_path / "DCE.bin"
    with open(big, "wb") as handle:
        handle.seek((1 << 30) - 1)
        handle.write(b"\0")
    page.add_paths([big])
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(page.grab() is not None))
    answer_password(qtbot, PKCS12_PASSWORD)
    with qtbot.waitSignal(page.signing_finished, timeout=120_000) as finished:
        page.sign_button.click()
        timer.start(20)
    timer.stop()
    assert finished.args[0] is not None and not finished.args[0].failures
    assert len(ticks) >= 10, f"the event loop ran only {len(ticks)} times while signing"


def test_token_certificates_in_the_picker_and_signing_with_the_token_pin(
    page: SignPage, qtbot, tmp_path: Path, pki: TestPki, softhsm_token
) -> None:
    from paraphe.gui.dialogs.password_dialog import PinDialog

    page.reload_identities()
    labels = [page.certificate.itemText(i) for i in range(page.certificate.count())]
    header = f"— Token: {softhsm_token.label} —"
    assert header in labels, labels
    token_entries = labels[labels.index(header) + 1 :]
    assert any("Jeanne Test" in text for text in token_entries)
    for index in range(page.certificate.count()):
        identity = page.certificate.itemData(index)
        if identity is not None and identity.token is not None and "Jeanne" in identity.holder:
            page.certificate.setCurrentIndex(index)
            break
    assert "Token: Paraphe Test Token" in page.identity_details.text()
    [document] = documents(tmp_path / "Offre", 1)
    page.add_paths([document])
    page.format_buttons[SignatureFormat.CADES].setChecked(True)

    asked = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinDialog):
            QTimer.singleShot(20, answer)
            return
        asked.append(True)
        dialog.field.setText(softhsm_token.pin)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(page.signing_finished, timeout=60_000) as finished:
        page.sign_button.click()
    assert asked == [True], "one PIN dialog for the batch"
    assert finished.args[0] is not None and not finished.args[0].failures
    token = document.parent / f"{document.name} - Signature 1.p7s"
    assert openssl_cms_verify(token, document, pki.root_cert).returncode == 0


def test_a_pin_pad_notice_shows_where_the_user_looks_while_the_reader_waits(
    page: SignPage,
) -> None:
    from paraphe.core.credentials.pkcs11.token_errors import pin_pad_notice

    page._on_notice(pin_pad_notice("Carte agent"))
    message = "token Carte agent: type the PIN on the reader's keypad."
    assert page.status.text() == message
    assert page.results_list.item(page.results_list.count() - 1).text() == f"⚠ {message}"


def test_a_token_plugged_in_appears_in_the_picker(page: SignPage, qtbot, softhsm_token) -> None:
    """The background probe sees a token that was not there before and refills the picker with
    the identities it read off the GUI thread."""
    page.reload_identities(tokens=[])  # the picker as it was before the token was plugged in
    page.picker._token_state = ()  # the probe's last view: no token
    header = f"— Token: {softhsm_token.label} —"

    def labels() -> list[str]:
        return [page.certificate.itemText(i) for i in range(page.certificate.count())]

    assert header not in labels()
    page.picker.poll_tokens()
    qtbot.waitUntil(lambda: header in labels(), timeout=30_000)
    assert any("Jeanne Test" in text for text in labels()[labels().index(header) + 1 :])
    assert page.picker._token_state and not page.picker._polling
