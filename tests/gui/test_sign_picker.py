"""The certificate picker on the Sign page: certificates outside their validity marked and never
used, a .p12 taken off the list, the qualified badge from the EU trusted lists (a claim until
then), and the .p12 password kept in memory for the session only when the user asks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography import x509
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from paraphe.core.config.settings import Settings
from paraphe.core.signing.request import SignatureFormat
from paraphe.gui.dialogs.password_dialog import PasswordDialog
from paraphe.gui.pages.sign_page import SignPage
from tests.gui.test_sign_page import answer_password, documents, make_page
from tests.support.pki import PKCS12_PASSWORD, TestPki


@pytest.fixture
def page(qtbot, pki: TestPki, tmp_path: Path, monkeypatch) -> SignPage:
    return make_page(qtbot, pki, tmp_path, monkeypatch)


def labels(page: SignPage) -> list[str]:
    return [page.certificate.itemText(i) for i in range(page.certificate.count())]


def click_in_message_box(qtbot, button_text: str, seen: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(f"{box.text()}\n{box.informativeText()}")
        [button] = [b for b in box.buttons() if b.text() == button_text]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def passwords_typed(qtbot, *answers: tuple[str, bool]) -> list[bool]:
    """Answer the next password dialogs with (password, tick "remember"); record the warnings."""
    warned: list[bool] = []
    pending = list(answers)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PasswordDialog):
            QTimer.singleShot(20, answer)
            return
        warned.append(dialog.warning.isVisibleTo(dialog))
        password, remember = pending.pop(0)
        assert dialog.remember.isVisibleTo(dialog)
        dialog.remember.setChecked(remember)
        dialog.field.setText(password)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        if pending:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    return warned


def test_certificates_outside_their_validity_are_marked_never_chosen_and_cannot_sign(
    page: SignPage, qtbot, pki: TestPki, tmp_path: Path
) -> None:
    valid = page.selected_identity()
    seen: list[str] = []
    for persona in ("expired", "not-yet-valid"):
        answer_password(qtbot, PKCS12_PASSWORD)
        click_in_message_box(qtbot, "Close", seen)
        page.remember(pki.p12(persona))
    expired = x509.load_pem_x509_certificate(pki.cert("expired").read_bytes())
    assert "has expired" in seen[0]
    assert expired.not_valid_after_utc.date().isoformat() in seen[0], "the dates are said"
    assert "is not yet valid" in seen[1]
    assert page.selected_identity() == valid, "adding them did not replace the valid one"
    assert any(text.startswith("✘ ") and text.endswith("(expired)") for text in labels(page))
    assert any(text.endswith("(not yet valid)") for text in labels(page))

    # Without the valid one: nothing is chosen for the user, nothing can be signed.
    page.settings.keystores.remove(str(pki.p12("rsa")))
    page.add_paths(documents(tmp_path / "Offre", 1))
    page.picker.reload_identities(tokens=[])
    assert page.selected_identity() is None
    assert "Choose a certificate" in page.identity_details.text()
    assert not page.sign_button.isEnabled()

    page.certificate.setCurrentIndex(
        next(i for i, t in enumerate(labels(page)) if "(expired)" in t)
    )
    assert "Expired: cannot sign" in page.identity_details.text()
    assert not page.sign_button.isEnabled()
    assert "validity" in page.sign_button.toolTip()


def test_a_p12_is_taken_off_the_list_and_the_file_kept(page: SignPage, qtbot, pki: TestPki) -> None:
    keystore = pki.p12("rsa")
    assert page.selected_identity().keystore == keystore
    seen: list[str] = []
    click_in_message_box(qtbot, "Remove", seen)
    page.picker.remove_keystore_button.click()
    assert "rsa.p12" in seen[0] and "file itself is kept" in seen[0]
    listed = [page.certificate.itemData(i) for i in range(page.certificate.count())]
    assert keystore not in [getattr(identity, "keystore", None) for identity in listed]
    assert page.selected_identity() is None or page.selected_identity().keystore is None
    assert str(keystore) not in Settings.load().keystores
    assert str(keystore) not in Settings.load().keystore_certificates
    assert keystore.is_file()


def test_the_password_is_asked_once_per_session_when_remembered(
    page: SignPage, qtbot, tmp_path: Path
) -> None:
    page.format_buttons[SignatureFormat.CADES].setChecked(True)
    page.write_guide.setChecked(False)

    def sign(folder: str) -> None:
        page.file_list.clear_files()
        page.add_paths(documents(tmp_path / folder, 1))
        with qtbot.waitSignal(page.signing_finished, timeout=60_000) as finished:
            page.sign_button.click()
        assert finished.args[0] is not None and not finished.args[0].failures

    # A wrong password ticked "remember" is dropped when the file refuses it: the user is asked
    # again (warned), never answered with it.
    warned = passwords_typed(qtbot, ("not the password", True), (PKCS12_PASSWORD, False))
    sign("Un")
    assert warned == [False, True]
    warned = passwords_typed(qtbot, (PKCS12_PASSWORD, True))
    sign("Deux")  # not kept the first time: asked, and now kept
    assert warned == [False]
    dialogs: list[object] = []

    def watch() -> None:  # a dialog that opens is recorded and closed (the test then fails)
        modal = QApplication.activeModalWidget()
        if isinstance(modal, PasswordDialog):
            dialogs.append(modal)
            modal.reject()

    watcher = QTimer()
    watcher.timeout.connect(watch)
    watcher.start(5)
    try:
        sign("Trois")
        sign("Quatre")
    finally:
        watcher.stop()
    assert dialogs == [], "not asked again"
    data = Path(os.environ["PARAPHE_DATA_DIR"])
    for path in data.rglob("*"):
        if path.is_file():
            assert PKCS12_PASSWORD.encode() not in path.read_bytes(), path
    page.passwords.forget_all()  # what quitting does
    assert page.selected_identity().keystore not in page.passwords


def test_the_qualified_badge_comes_from_the_eu_trusted_lists(
    qtbot, pki: TestPki, tmp_path: Path, monkeypatch
) -> None:
    from tests.gui.test_eu_trust_end_to_end import _publish

    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))
    _publish(pki, tmp_path, [])
    page = make_page(qtbot, pki, tmp_path, monkeypatch)
    text = page.identity_details.text()
    assert "✔ Qualified (EU trusted lists)" in text
    assert "trusted list" in page.identity_details.toolTip()


def test_adding_a_damaged_p12_is_refused_before_its_password(
    page: SignPage, qtbot, tmp_path: Path
) -> None:
    damaged = tmp_path / "Abîmé.p12"
    damaged.write_bytes(b"not a certificate file at all" * 10)
    seen: list[str] = []

    def answer() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, PasswordDialog):
            seen.append("password asked")
            modal.reject()
        elif isinstance(modal, QMessageBox):
            seen.append(modal.text())
            modal.close()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    page.remember(damaged)
    [message] = seen
    assert str(damaged) in message and "PKCS#12" in message
    assert str(damaged) not in Settings.load().keystores
