"""Closing the window during a signing run, as the application runs it (its own process, its
error hook, its shut-down): the user is asked; stopping leaves only whole signatures and prints
nothing; keeping on signs everything."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.pki import PKCS12_PASSWORD, TestPki
from tests.support.verifiers import openssl_cms_verify

COUNT = 30

# The application's own sequence (gui.app.main): a window, the error hook that shows any
# uncaught error in a dialog, the event loop, then shut_down. A timer answers the password
# dialog and the question; the window is closed as soon as the first file is signed.
DRIVER = r"""
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from paraphe.core.config.settings import Settings
from paraphe.core.signing.request import SignatureFormat
from paraphe.gui.dialogs.errors import show_error
from paraphe.gui.dialogs.password_dialog import PasswordDialog
from paraphe.gui.main_window import MainWindow

folder, keystore, password, answer = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
app = QApplication([])
window = MainWindow(Settings.load())
sys.excepthook = lambda kind, error, tb: show_error(window, error)
window.show()
page = window.sign_page
asked = []


def answer_dialogs():
    modal = QApplication.activeModalWidget()
    if isinstance(modal, PasswordDialog):
        modal.field.setText(password)
        modal.accept()
    elif isinstance(modal, QMessageBox):
        asked.append(modal.text())
        [button] = [b for b in modal.buttons() if b.text() == answer]
        button.click()
    QTimer.singleShot(10, answer_dialogs)


answer_dialogs()
page.remember(keystore)
page.write_guide.setChecked(False)
page.add_paths([folder])
page.format_buttons[SignatureFormat.CADES].setChecked(True)
closed_once = []


def close_once(_result):
    if not closed_once:
        closed_once.append(True)
        QTimer.singleShot(0, window.close)


def start():
    page.sign_button.click()
    page.worker.signals.file_done.connect(close_once)


page.signing_finished.connect(lambda outcome: print("finished", outcome is not None, flush=True))
page.signing_finished.connect(lambda _outcome: QTimer.singleShot(0, window.close))
QTimer.singleShot(0, start)
code = int(app.exec())
window.shut_down()
print("asked", asked, flush=True)
print("results", len(page.results), flush=True)
sys.exit(code)
"""


def run_and_close(
    tmp_path: Path, pki: TestPki, answer: str
) -> tuple[subprocess.CompletedProcess, Path]:
    folder = tmp_path / "Offre"
    folder.mkdir()
    for index in range(COUNT):
        (folder / f"Pièce {index + 1:02}.bin").write_bytes(os.urandom(2_000_000))
    env = {
        **os.environ,
        "PARAPHE_DATA_DIR": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(folder), str(pki.p12("rsa")), PKCS12_PASSWORD, answer],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    return done, folder


def errors_printed(stderr: str) -> list[str]:
    """What the process printed on stderr, but Qt's offscreen plugin's own notice."""
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and "does not support propagateSizeHints" not in line
    ]


def whole_signatures(folder: Path, pki: TestPki) -> list[Path]:
    tokens = sorted(folder.glob("*.p7s"))
    for token in tokens:
        document = folder / token.name.removesuffix(" - Signature 1.p7s")
        assert openssl_cms_verify(token, document, pki.root_cert).returncode == 0, token
    return tokens


@pytest.mark.slow
def test_stop_and_quit_leaves_whole_signatures_and_prints_nothing(
    tmp_path: Path, pki: TestPki
) -> None:
    done, folder = run_and_close(tmp_path, pki, "Stop and quit")
    assert done.returncode == 0, done.stderr
    assert errors_printed(done.stderr) == [], done.stderr
    assert "asked ['Files are being signed. Stop and quit?']" in done.stdout
    tokens = whole_signatures(folder, pki)
    assert 1 <= len(tokens) < COUNT, "stopped part-way: some signed, not all"
    assert f"results {len(tokens)}" in done.stdout, "the page listed every signature written"
    assert not [p for p in folder.iterdir() if p.name.startswith(".")], "no staged leftovers"


@pytest.mark.slow
def test_keep_signing_signs_everything(tmp_path: Path, pki: TestPki) -> None:
    done, folder = run_and_close(tmp_path, pki, "Keep signing")
    assert done.returncode == 0, done.stderr
    assert errors_printed(done.stderr) == [], done.stderr
    assert "finished True" in done.stdout
    assert len(whole_signatures(folder, pki)) == COUNT
