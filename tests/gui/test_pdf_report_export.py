""" "Export the report…" on the Verify page: the report shown written as a PDF under the chosen
name; a folder that cannot be written shows the error and leaves no file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from pathlib import Path

import pytest

from paraphe.core.config.settings import Settings
from paraphe.core.errors import ReportNotWritable
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.trust import UserTrustStore
from paraphe.gui.pages import verify_page
from paraphe.gui.pages.verify_page import VerifyPage
from tests.conftest import SAMPLES
from tests.support.pki import TestPki
from tests.support.signing import sign_with

WAIT_MS = 60_000
TXT = "Mémoire technique.txt"


@pytest.fixture(scope="module")
def bid(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "Offre"
    folder.mkdir()
    shutil.copyfile(SAMPLES / TXT, folder / TXT)
    sign_with(pki, "rsa", SignRequest(documents=(folder / TXT,), format=SignatureFormat.XADES))
    return folder


@pytest.fixture
def page(qtbot, pki: TestPki, bid: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))
    UserTrustStore().add(pki.root_cert)
    widget = VerifyPage(Settings.load())
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.export_button.isEnabled()  # nothing to export yet
    with qtbot.waitSignal(widget.verification_finished, timeout=WAIT_MS):
        widget.add_paths([bid])
    assert widget.export_button.isEnabled()
    return widget


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The save dialog answers ``path``; returns the default name it was offered."""
    offered: list[str] = []

    def answer(parent, caption, directory, filter):  # type: ignore[no-untyped-def]
        offered.append(directory)
        return str(path), filter

    monkeypatch.setattr(verify_page.QFileDialog, "getSaveFileName", answer)
    return offered


def _export(qtbot, page: VerifyPage) -> None:  # type: ignore[no-untyped-def]
    """Click "Export the report" and wait for the worker: the window is not blocked meanwhile."""
    page.export_button.click()
    assert page.is_exporting and not page.export_button.isEnabled()
    qtbot.waitUntil(lambda: not page.is_exporting, timeout=60_000)


def test_export_writes_the_pdf(qtbot, page: VerifyPage, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[BaseException] = []
    monkeypatch.setattr(verify_page, "show_error", lambda parent, error: shown.append(error))
    target = tmp_path / "Rapport"  # the extension is added
    offered = _choose(monkeypatch, target)
    _export(qtbot, page)
    assert not shown
    written = target.with_name("Rapport.pdf")
    assert written.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == ["Rapport.pdf"]
    assert Path(offered[0]).name.startswith("Verification report ")
    assert Path(offered[0]).suffix == ".pdf"
    assert "Rapport.pdf" in page.status.text()

    _export(qtbot, page)  # again, under the same name: replaced whole
    assert written.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("where", ["missing", "a file, not a folder"])
def test_a_write_error_is_shown_and_leaves_no_file(
    qtbot,  # type: ignore[no-untyped-def]
    page: VerifyPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    shown: list[BaseException] = []
    monkeypatch.setattr(verify_page, "show_error", lambda parent, error: shown.append(error))
    folder = tmp_path / "out"
    if where != "missing":  # a read-only folder cannot be tested as root: a file stands there
        folder.write_text("not a folder", encoding="utf-8")
    _choose(monkeypatch, folder / "Rapport.pdf")
    _export(qtbot, page)
    [error] = shown
    assert isinstance(error, ReportNotWritable)
    assert "Rapport.pdf" in error.message
    assert not (folder / "Rapport.pdf").exists()
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "data")  # data: user folder
    assert left == ([] if where == "missing" else ["out"])


def test_a_failure_while_writing_leaves_no_file(
    qtbot,  # type: ignore[no-untyped-def]
    page: VerifyPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The disk fills up halfway: the error is shown and no partial PDF is left behind."""
    from paraphe.core.reports import pdf_report

    def full_disk(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    shown: list[BaseException] = []
    monkeypatch.setattr(verify_page, "show_error", lambda parent, error: shown.append(error))
    monkeypatch.setattr(pdf_report, "write_pdf_report", full_disk)
    folder = tmp_path / "out"
    folder.mkdir()
    _choose(monkeypatch, folder / "Rapport.pdf")
    _export(qtbot, page)
    [error] = shown
    assert isinstance(error, ReportNotWritable) and "No space left" in error.message
    assert list(folder.iterdir()) == []
