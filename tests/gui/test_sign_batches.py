"""Batches that survive one bad file, on the Sign page: the problems shown before the password,
the others signed, the file list and the result panel following what happened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox

from paraphe.core.signing.request import SignatureFormat
from paraphe.gui.dialogs.password_dialog import PasswordDialog
from paraphe.gui.pages.sign_page import SignPage
from paraphe.gui.widgets.file_list import COLUMN_STATUS
from tests.gui.test_sign_page import answer_password, documents, make_page
from tests.support.pki import PKCS12_PASSWORD, TestPki
from tests.support.verifiers import openssl_cms_verify


@pytest.fixture
def page(qtbot, pki: TestPki, tmp_path: Path, monkeypatch) -> SignPage:
    return make_page(qtbot, pki, tmp_path, monkeypatch)


def answer_message_box(qtbot, button_text: str, seen: list[dict]) -> None:
    """Click ``button_text`` in the next message box; record what it said and whether a
    password dialog had been opened before it."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, PasswordDialog):
            seen.append({"password_first": True})
            box.reject()
            return
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(
            {
                "text": box.text(),
                "informative": box.informativeText(),
                "buttons": [b.text() for b in box.buttons()],
            }
        )
        [button] = [b for b in box.buttons() if b.text() == button_text]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def status_of(page: SignPage, path: Path) -> tuple[str, str]:
    """The status cell's text and its tooltip as the user reads it (plain text)."""
    item = page.table.item(page.files.index(path), COLUMN_STATUS)
    shown = QTextDocument()
    shown.setHtml(item.toolTip())
    return item.text(), shown.toPlainText().replace("\xa0", " ")


def test_a_vanished_file_is_shown_before_the_password_and_the_others_are_signed(
    page: SignPage, qtbot, tmp_path: Path, pki: TestPki
) -> None:
    files = documents(tmp_path / "Offre", 3)
    page.add_paths(files)
    page.format_buttons[SignatureFormat.CADES].setChecked(True)
    files[1].unlink()  # deleted after it was added, as in the issue
    seen: list[dict] = []
    answer_message_box(qtbot, "Sign the other 2 file(s)", seen)
    asked = answer_password(qtbot, PKCS12_PASSWORD)
    with qtbot.waitSignal(page.signing_finished, timeout=60_000) as finished:
        page.sign_button.click()

    [box] = seen
    assert box["text"] == "1 of the 3 files cannot be signed:"
    assert files[1].name in box["informative"] and "no such file" in box["informative"]
    assert asked == [False], "the password was asked once, after the problems were shown"
    outcome = finished.args[0]
    assert [r.document for r in outcome.results] == [files[0], files[2]]
    for document in (files[0], files[2]):
        token = document.parent / f"{document.name} - Signature 1.p7s"
        assert openssl_cms_verify(token, document, pki.root_cert).returncode == 0
        assert status_of(page, document)[0] == "✔ Signed"
    text, reason = status_of(page, files[1])
    assert text == "✘ Cannot be signed" and "no such file" in reason
    lines = [page.results_list.item(i).text() for i in range(page.results_list.count())]
    assert any(line.startswith("✘") and files[1].name in line for line in lines), lines
    assert sum(line.startswith("✔") and line.endswith(".p7s") for line in lines) == 2
    assert page.status.text() == "2 signed, 1 failed."

    page.file_list.clear_button.click()  # "Vider": nothing of that batch stays on screen
    assert page.results_list.count() == 0 and page.status.text() == ""
    assert not page.verify_now.isEnabled() and not page.open_folder.isEnabled()
    assert page.overall_progress.isHidden()


def test_cancel_at_the_problems_signs_nothing_and_asks_no_password(
    page: SignPage, qtbot, tmp_path: Path
) -> None:
    files = documents(tmp_path / "Offre", 2)
    page.add_paths(files)
    files[0].unlink()
    seen: list[dict] = []
    answer_message_box(qtbot, "Cancel", seen)
    page.sign_button.click()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert "password_first" not in seen[0]
    assert page.worker is None
    assert sorted(p.name for p in (tmp_path / "Offre").iterdir()) == [files[1].name]
    assert status_of(page, files[0])[0] == "✘ Cannot be signed"


def test_a_damaged_p12_is_said_before_its_password(
    page: SignPage, qtbot, tmp_path: Path, pki: TestPki
) -> None:
    keystore = tmp_path / "Jeanne.p12"
    keystore.write_bytes(pki.p12("rsa").read_bytes())
    answer_password(qtbot, PKCS12_PASSWORD)
    page.remember(keystore)
    keystore.write_bytes(keystore.read_bytes()[:600])  # damaged since it was added
    [document] = documents(tmp_path / "Offre", 1)
    page.add_paths([document])
    seen: list[dict] = []
    answer_message_box(qtbot, "Close", seen)
    page.sign_button.click()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert "password_first" not in seen[0]
    assert str(keystore) in seen[0]["text"] and "PKCS#12" in seen[0]["text"]
    assert list((tmp_path / "Offre").iterdir()) == [document]


def test_a_file_failing_during_the_run_fails_alone_and_is_marked(
    page: SignPage, qtbot, tmp_path: Path
) -> None:
    files = documents(tmp_path / "Offre", 3)
    page.add_paths(files)
    page.format_buttons[SignatureFormat.CADES].setChecked(True)
    page.worker = None

    def delete_the_last(_result: object) -> None:
        files[2].unlink(missing_ok=True)

    answer_password(qtbot, PKCS12_PASSWORD)
    with qtbot.waitSignal(page.signing_finished, timeout=60_000) as finished:
        page.sign_button.click()
        qtbot.waitUntil(lambda: page.worker is not None, timeout=10_000)
        page.worker.signals.file_done.connect(delete_the_last)
    outcome = finished.args[0]
    assert len(outcome.results) == 2 and outcome.failed_documents == [files[2]]
    assert status_of(page, files[0])[0] == status_of(page, files[1])[0] == "✔ Signed"
    text, reason = status_of(page, files[2])
    assert text == "✘ Failed" and files[2].name in reason
    assert page.status.text() == "2 signed, 1 failed."
    assert not (tmp_path / "Offre" / f"{files[2].name} - Signature 1.p7s").exists()
