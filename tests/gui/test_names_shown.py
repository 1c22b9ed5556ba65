"""File names that try to forge what the window shows: line breaks, terminal sequences, a bidi
override, markup, bytes that are not UTF-8. Each is shown escaped, on one line, as text.

Signed and verified with the real engine; only the modal message box is intercepted (its
``exec`` would wait for a click).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox, QTreeWidgetItem

from paraphe.core.config.settings import Settings
from paraphe.core.errors import UnreadableDocument
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.trust import UserTrustStore
from paraphe.gui.dialogs import errors
from paraphe.gui.dialogs.password_dialog import PasswordDialog
from paraphe.gui.pages.sign_page import SignPage
from paraphe.gui.pages.verify_page import VerifyPage
from paraphe.gui.widgets.verdict_tree import COLUMN_DOCUMENT
from tests.conftest import SAMPLES
from tests.gui.test_sign_page import answer_password
from tests.support.pki import PKCS12_PASSWORD, TestPki
from tests.support.signing import sign_with

WAIT_MS = 60_000
TXT = "Mémoire technique.txt"
FORGERY = "Offre.pdf\n  ✔ VALID\x1b[1A\r\u202efdp.exe\u2028<b>fin&amp;"
SHOWN = r"Offre.pdf\n  ✔ VALID\u001B[1A\r\u202Efdp.exe\u2028<b>fin&amp;"
LATIN1 = b"caf\xe9.txt"
FORBIDDEN = ("\n", "\r", "\x1b", "\u202e", "\u2028")

needs_byte_names = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="file names are Unicode on this system"
)


def as_plain(rich: str) -> str:
    """What a rich-text tooltip shows."""
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


def all_items(page: VerifyPage) -> list[QTreeWidgetItem]:
    items = []
    for index in range(page.tree.topLevelItemCount()):
        top = page.tree.topLevelItem(index)
        items += [top, *(top.child(i) for i in range(top.childCount()))]
    return items


@pytest.fixture
def bid(pki: TestPki, tmp_path: Path) -> Path:
    folder = tmp_path / "bid"
    folder.mkdir()
    signed = folder / f"{FORGERY}.txt"
    shutil.copyfile(SAMPLES / TXT, signed)
    sign_with(pki, "rsa", SignRequest(documents=(signed,), format=SignatureFormat.XADES))
    if sys.platform not in ("win32", "darwin"):
        (folder / os.fsdecode(LATIN1)).write_bytes(b"unsigned\n")
    return folder


@pytest.fixture
def verify_page(qtbot, pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))
    UserTrustStore().add(pki.root_cert)
    page = VerifyPage(Settings.load())
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    return page


def test_the_verify_page_shows_forged_names_escaped_on_one_line(
    qtbot, verify_page: VerifyPage, bid: Path
) -> None:
    with qtbot.waitSignal(verify_page.verification_finished, timeout=WAIT_MS):
        verify_page.add_paths([bid])

    texts = {item.text(COLUMN_DOCUMENT): item for item in all_items(verify_page)}
    assert f"bid/{SHOWN}.txt" in texts
    document = texts[f"bid/{SHOWN}.txt"]
    assert document.child(0).text(COLUMN_DOCUMENT) == f"{SHOWN}.txt - Signature 1.xml"
    for item in all_items(verify_page):
        for column in range(verify_page.tree.columnCount()):
            shown = item.text(column) + as_plain(item.toolTip(column))
            assert not any(c in shown for c in FORBIDDEN), repr(shown)
    assert as_plain(document.toolTip(COLUMN_DOCUMENT)) == f"{bid}/{SHOWN}.txt"  # not markup

    verify_page.tree.setCurrentItem(document.child(0))
    details = verify_page.details.toPlainText()
    assert f"{bid}/{SHOWN}.txt - Signature 1.xml" in details
    assert not any(c in details for c in FORBIDDEN[2:])  # the panel's own lines aside


@needs_byte_names
def test_a_name_that_is_not_utf8_keeps_its_byte_visible(
    qtbot, verify_page: VerifyPage, bid: Path
) -> None:
    """Qt would silently drop the byte, showing "café.txt" as "caf.txt": another file's name."""
    with qtbot.waitSignal(verify_page.verification_finished, timeout=WAIT_MS):
        verify_page.add_paths([bid])
    texts = [item.text(COLUMN_DOCUMENT) for item in all_items(verify_page)]
    assert "bid/caf\\xE9.txt" in texts


@pytest.fixture
def sign_page(qtbot, pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SignPage:
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))
    page = SignPage(Settings.load())
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    answer_password(qtbot, PKCS12_PASSWORD)
    page.remember(pki.p12("rsa"))
    return page


def test_the_sign_page_lists_and_reports_forged_names_escaped(
    qtbot, sign_page: SignPage, tmp_path: Path
) -> None:
    folder = tmp_path / "Offre"
    folder.mkdir()
    document = folder / f"{FORGERY}.txt"
    shutil.copyfile(SAMPLES / TXT, document)
    sign_page.add_paths([document])
    assert sign_page.table.item(0, 0).text() == f"{SHOWN}.txt"
    assert as_plain(sign_page.table.item(0, 0).toolTip()) == f"{folder}/{SHOWN}.txt"

    answer_password(qtbot, PKCS12_PASSWORD)
    with qtbot.waitSignal(sign_page.signing_finished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(sign_page.sign_button, Qt.MouseButton.LeftButton)
    assert not finished.args[0].failures
    written = [sign_page.results_list.item(i).text() for i in range(sign_page.results_list.count())]
    # the signature, then the verification guide written beside it (on by default)
    assert written == [f"✔ {SHOWN}.txt - Signature 1.xml", "✔ Signature verification procedure.pdf"]
    assert sign_page.status.textFormat() == Qt.TextFormat.PlainText


def test_an_error_naming_a_forged_file_is_one_line_of_text(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or 0)
    errors.show_error(None, UnreadableDocument(tmp_path / FORGERY, detail="no such file"))
    (box,) = boxes
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == f"{tmp_path}/{SHOWN}: cannot read this file (no such file)."


def test_the_password_dialog_names_a_forged_keystore_as_text(qtbot, tmp_path: Path) -> None:
    dialog = PasswordDialog(tmp_path / f"{FORGERY}.p12")
    qtbot.addWidget(dialog)
    assert dialog.label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.label.text() == f"Password of the certificate file {SHOWN}.p12:"
