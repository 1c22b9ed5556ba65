"""Files opened with Paraphe go to their task (issue 16, item 3): signatures, signed PDFs,
archives and folders to Verify, plain documents to Sign, and a mixed set asks.

Real signatures made by the engine with the test PKI; the sorting is the engine's discovery.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from paraphe.core.config.settings import Settings
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.trust import UserTrustStore
from paraphe.gui import app as gui_app
from paraphe.gui.dialogs.open_with_dialog import MixedFilesDialog
from paraphe.gui.main_window import MainWindow
from paraphe.gui.open_with import route
from tests.conftest import SAMPLES
from tests.support.pki import TestPki
from tests.support.signing import sign_with

WAIT_MS = 60_000
PDF = "Acte d'engagement.pdf"
ODS = "BPU.ods"
TXT = "Mémoire technique.txt"


@pytest.fixture(scope="module")
def files(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A token, a signed PDF, a CMS signature under a name that says nothing, a ZIP, a folder
    and plain documents."""
    folder = tmp_path_factory.mktemp("open-with")
    for name in (PDF, ODS, TXT):
        shutil.copyfile(SAMPLES / name, folder / name)
    sign_with(pki, "rsa", SignRequest(documents=(folder / ODS,), format=SignatureFormat.XADES))
    sign_with(pki, "rsa", SignRequest(documents=(folder / PDF,), format=SignatureFormat.PADES))
    sign_with(pki, "rsa", SignRequest(documents=(folder / PDF,), format=SignatureFormat.CADES))
    sign_with(pki, "rsa", SignRequest(documents=(folder / TXT,), format=SignatureFormat.CADES))
    unnamed = folder / "envoi-0042.dat"
    shutil.copyfile(folder / f"{TXT} - Signature 1.p7s", unnamed)
    archive = folder / "Dépôt.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(folder / ODS, ODS)
        zipped.write(folder / f"{ODS} - Signature 1.xml", f"{ODS} - Signature 1.xml")
    plain = folder / "plain"
    plain.mkdir()
    shutil.copyfile(SAMPLES / PDF, plain / PDF)
    (plain / "Lettre.txt").write_text("Lettre de candidature.\n", encoding="utf-8")
    bid = folder / "Offre"
    bid.mkdir()
    return {
        "token": folder / f"{ODS} - Signature 1.xml",
        "signed_pdf": folder / "Acte d'engagement_signe.pdf",
        "unnamed_cms": unnamed,
        "zip": archive,
        "folder": bid,
        "plain_pdf": plain / PDF,
        "plain_txt": plain / "Lettre.txt",
        "document": folder / ODS,
        "original_pdf": folder / PDF,
    }


@pytest.fixture
def window(qtbot, pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))
    UserTrustStore().add(pki.root_cert)
    settings = Settings.load()
    settings.trusted_lists_auto_update = False
    shown = MainWindow(settings)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.shut_down()


def test_signatures_archives_and_folders_go_to_verify_documents_to_sign(files) -> None:
    routing = route(
        [
            files["token"],
            files["plain_pdf"],
            files["signed_pdf"],
            files["unnamed_cms"],
            files["zip"],
            files["folder"],
            files["plain_txt"],
            files["document"],
        ]
    )
    assert routing.to_verify == [
        files["token"],
        files["signed_pdf"],
        files["unnamed_cms"],  # recognised by content, whatever its name
        files["zip"],
        files["folder"],
    ]
    assert routing.to_sign == [files["plain_pdf"], files["plain_txt"], files["document"]]
    assert routing.mixed


def test_signatures_given_alone_are_verified_not_listed_for_signing(
    qtbot, window: MainWindow, files
) -> None:
    with qtbot.waitSignal(window.verify_page.verification_finished, timeout=WAIT_MS) as done:
        window.open_paths([files["token"], files["signed_pdf"]])
    assert window.current_page() is window.verify_page
    assert window.sign_page.files == []
    report = done.args[0]
    assert len(report.all_signatures()) == 2
    # the token given alone is checked against the document it names beside it
    assert sorted(d.path.name for d in report.documents) == sorted(
        [ODS, "Acte d'engagement_signe.pdf"]
    )


def test_plain_documents_go_to_the_sign_list(qtbot, window: MainWindow, files) -> None:
    window.show_page(window.verify_page)
    window.open_paths([files["plain_pdf"], files["plain_txt"]])
    assert not window.verify_page.is_busy
    assert window.current_page() is window.sign_page
    assert window.sign_page.files == [files["plain_pdf"], files["plain_txt"]]
    assert window.verify_page.tree.topLevelItemCount() == 0


def _answer(qtbot, button: str, seen: list[str]) -> None:
    """Click a button of the question once it is open (it is modal)."""

    def click() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MixedFilesDialog)
        seen.append(dialog.informativeText())
        getattr(dialog, button).click()

    QTimer.singleShot(0, click)


def test_a_mixed_set_asks_and_splits(qtbot, window: MainWindow, files) -> None:
    seen: list[str] = []
    _answer(qtbot, "split_button", seen)
    with qtbot.waitSignal(window.verify_page.verification_finished, timeout=WAIT_MS) as done:
        window.open_paths([files["plain_txt"], files["token"]])
    assert seen and f"• {ODS} - Signature 1.xml" in seen[0] and "• Lettre.txt" in seen[0]
    assert window.sign_page.files == [files["plain_txt"]]
    assert window.current_page() is window.verify_page
    assert [d.path.name for d in done.args[0].documents] == [ODS]


def test_a_mixed_set_can_be_verified_whole_or_not_at_all(qtbot, window: MainWindow, files) -> None:
    seen: list[str] = []
    _answer(qtbot, "verify_all_button", seen)
    with qtbot.waitSignal(window.verify_page.verification_finished, timeout=WAIT_MS) as done:
        window.open_paths([files["plain_txt"], files["token"]])
    assert window.sign_page.files == []
    assert files["plain_txt"] in done.args[0].unsigned_documents

    window.verify_page.clear()
    _answer(qtbot, "cancel_button", seen)
    window.open_paths([files["plain_pdf"], files["zip"]])
    assert len(seen) == 2
    assert window.sign_page.files == [] and not window.verify_page.is_busy
    assert window.verify_page.tree.topLevelItemCount() == 0


def _drop(target, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    assert QApplication.sendEvent(target, enter) and enter.isAccepted()
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)


@pytest.mark.filterwarnings("ignore:Function. 'QDragEnterEvent:DeprecationWarning")
def test_a_signature_dropped_on_the_sign_page_is_verified(qtbot, window: MainWindow, files) -> None:
    with qtbot.waitSignal(window.verify_page.verification_finished, timeout=WAIT_MS):
        _drop(window.sign_page.drop_zone, [files["zip"]])
    assert window.sign_page.files == []
    assert window.current_page() is window.verify_page

    _drop(window.sign_page.drop_zone, [files["plain_txt"]])  # a document stays there
    assert window.sign_page.files == [files["plain_txt"]]

    with qtbot.waitSignal(window.verify_page.verification_finished, timeout=WAIT_MS):
        _drop(window, [files["signed_pdf"]])  # anywhere else on the window
    assert window.current_page() is window.verify_page
    # on the Verify page, a drop adds to what is verified there
    assert window.verify_page._paths == [files["zip"], files["signed_pdf"]]

    window.show_page(window.sign_page)
    with qtbot.waitSignal(window.verify_page.verification_finished, timeout=WAIT_MS):
        _drop(window, [files["token"]])  # on the Sign page's window: routed, a new set
    assert window.current_page() is window.verify_page
    assert window.verify_page._paths == [files["token"]]


def test_the_command_line_routes_the_files(
    qtbot, window: MainWindow, files, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``paraphe-gui FILE...`` as a file manager's "Open with" runs it: a mixed set asks over
    the shown window, then each file goes to its task."""
    seen: list[str] = []
    args = gui_app.parse_args([str(files["token"]), str(files["plain_pdf"])])
    with qtbot.waitSignal(window.verify_page.verification_finished, timeout=WAIT_MS) as done:
        gui_app.open_arguments(window, args)
        assert window.sign_page.files == []  # asked once the event loop runs, not before
        _answer(qtbot, "split_button", seen)
    assert len(seen) == 1
    assert window.sign_page.files == [files["plain_pdf"]]
    assert [d.path.name for d in done.args[0].documents] == [ODS]

    args = gui_app.parse_args(["--verify", str(files["plain_txt"])])
    with qtbot.waitSignal(window.verify_page.verification_finished, timeout=WAIT_MS) as done:
        gui_app.open_arguments(window, args)
    assert done.args[0].unsigned_documents == [files["plain_txt"]]
    assert len(seen) == 1


def test_the_question_names_the_files_as_text(qtbot, files) -> None:
    routing = route([files["token"], files["plain_txt"]])
    dialog = MixedFilesDialog(routing)
    qtbot.addWidget(dialog)
    assert dialog.textFormat() == Qt.TextFormat.PlainText
    assert dialog.defaultButton() is dialog.split_button
    assert dialog.escapeButton() is dialog.button(QMessageBox.StandardButton.Cancel)


def test_verify_now_after_pades_finds_the_tokens_beside_the_original(
    qtbot, window: MainWindow, files
) -> None:
    """The Sign page hands over the original and its signed copy: the original's CAdES token
    beside it is verified with it, so the original is not shown as unsigned."""
    with qtbot.waitSignal(window.verify_page.verification_finished, timeout=WAIT_MS) as done:
        window.sign_page.verify_requested.emit([files["original_pdf"], files["signed_pdf"]])
    report = done.args[0]
    assert report.unsigned_documents == []
    assert sorted(d.path.name for d in report.documents) == sorted(
        [PDF, "Acte d'engagement_signe.pdf"]
    )
    assert {s.format.value for s in report.all_signatures()} == {"CAdES", "PAdES"}
