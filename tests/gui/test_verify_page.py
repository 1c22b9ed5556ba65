"""The Verify page against the real engine and the served test PKI: verdicts, groups, details.

Signatures are made with the engine into a bid folder; the page trusts the test root through a
user trust store in a per-test data folder, as a user who added it in the settings would.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from cryptography import x509
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPainter
from PySide6.QtWidgets import QApplication

from paraphe.core.config.settings import Settings
from paraphe.core.reports.names import name_in_words
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.trust import UserTrustStore
from paraphe.core.validation.indications import Indication
from paraphe.core.validation.report import ValidationReport
from paraphe.gui.i18n import install_translation
from paraphe.gui.pages import verify_page
from paraphe.gui.pages.verify_page import VerifyPage
from paraphe.gui.widgets import verdict_style
from paraphe.gui.widgets.verdict_tree import (
    COLUMN_DATE,
    COLUMN_DOCUMENT,
    COLUMN_ORGANISATION,
    COLUMN_QUALIFICATION,
    COLUMN_SIGNER,
    COLUMN_VERDICT,
)
from paraphe.gui.workers import verify_worker
from tests.conftest import SAMPLES
from tests.core.validation.inputs.test_damaged_archives import damage
from tests.support.pki import TestPki
from tests.support.signing import sign_with

WAIT_MS = 60_000
PDF = "Acte d'engagement.pdf"
ODS = "BPU.ods"
TXT = "Mémoire technique.txt"
UNSIGNED = "Notes <b>&amp; brouillon<b>.txt"  # must show as text, never as markup


def _sign(pki: TestPki, document: Path, fmt: SignatureFormat) -> None:
    sign_with(pki, "rsa", SignRequest(documents=(document,), format=fmt))


@pytest.fixture(scope="module")
def bid(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Signed (PAdES, XAdES, CAdES), tampered, orphan and unsigned files in one folder."""
    folder = tmp_path_factory.mktemp("bid") / "Offre Test"
    folder.mkdir()
    for name in (PDF, ODS, TXT):
        shutil.copyfile(SAMPLES / name, folder / name)
    _sign(pki, folder / PDF, SignatureFormat.PADES)
    _sign(pki, folder / ODS, SignatureFormat.XADES)
    _sign(pki, folder / TXT, SignatureFormat.CADES)
    tampered = folder / "Planning.txt"
    tampered.write_text("Livraison le 12 août.\n", encoding="utf-8")
    _sign(pki, tampered, SignatureFormat.CADES)
    tampered.write_text("Livraison le 12 septembre.\n", encoding="utf-8")
    orphan = folder / "Annexe.txt"
    orphan.write_text("Annexe financière.\n", encoding="utf-8")
    _sign(pki, orphan, SignatureFormat.XADES)
    orphan.unlink()
    (folder / UNSIGNED).write_text("Pas signé.\n", encoding="utf-8")
    return folder


@pytest.fixture
def trusted(pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))
    UserTrustStore().add(pki.root_cert)


@pytest.fixture
def page(qtbot, trusted: None) -> VerifyPage:
    widget = VerifyPage(Settings.load())
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    return widget


def verify(qtbot, page: VerifyPage, paths: list[Path]) -> ValidationReport:
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS) as blocker:
        page.add_paths(paths)
    assert not page.is_busy and page.busy.isHidden()
    return blocker.args[0]


def rows(page: VerifyPage) -> dict[str, object]:
    """Top-level rows by their first column's text, e.g. 'Offre Test/BPU.ods'."""
    tree = page.tree
    return {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
    }


def row(page: VerifyPage, ending: str):
    matches = [item for text, item in rows(page).items() if text.endswith(ending)]
    assert len(matches) == 1, (ending, list(rows(page)))
    return matches[0]


def group(page: VerifyPage, starting: str) -> list[str]:
    matches = [item for text, item in rows(page).items() if text.startswith(starting)]
    assert len(matches) == 1, (starting, list(rows(page)))
    item = matches[0]
    return [item.child(i).text(0) for i in range(item.childCount())]


def test_verdicts_signers_and_groups(qtbot, page: VerifyPage, bid: Path, pki: TestPki) -> None:
    report = verify(qtbot, page, [bid])
    assert len(report.all_signatures()) == 4

    for name in ("Acte d'engagement_signe.pdf", ODS, TXT):
        item = row(page, f"Offre Test/{name}")
        assert item.text(COLUMN_VERDICT) == "Valid"
        assert item.foreground(COLUMN_VERDICT).color() == verdict_style.colour(
            Indication.TOTAL_PASSED
        )
        assert not item.icon(COLUMN_VERDICT).isNull()  # icon + text + colour, never colour alone
        assert item.text(COLUMN_SIGNER) == "Jeanne Test"
        assert item.text(COLUMN_ORGANISATION) == "ENTREPRISE TEST SAS"
        assert item.text(COLUMN_DATE)
        assert item.childCount() == 1
        signature = item.child(0)
        assert signature.text(COLUMN_VERDICT) == "Valid"
        assert signature.text(COLUMN_SIGNER) == "Jeanne Test"
        # the test CA is in no EU trusted list: valid, but not qualified
        assert signature.text(COLUMN_QUALIFICATION) == "N/A"
        assert item.text(COLUMN_QUALIFICATION) == ""  # a document row has no qualification
    assert row(page, ODS).child(0).text(COLUMN_DOCUMENT) == f"{ODS} - Signature 1.xml"

    failed = row(page, "Planning.txt")
    assert failed.text(COLUMN_VERDICT) == "Failed"
    assert failed.child(0).text(COLUMN_VERDICT) == "Failed"
    page.tree.setCurrentItem(failed)
    text = page.details.toPlainText()
    assert "HASH_FAILURE" in text
    assert "The document was modified after it was signed" in text

    assert sorted(group(page, "Unsigned documents (2)")) == sorted(
        [f"Offre Test/{PDF}", f"Offre Test/{UNSIGNED}"]
    )
    assert group(page, "Signatures without their document (1)") == [
        "Offre Test/Annexe.txt - Signature 1.xml"
    ]
    assert not [t for t in rows(page) if t.startswith("Could not be read")]
    assert page.status.text().startswith("4 signature(s): 3 valid, 1 failed, 0 indeterminate")
    assert "2 unsigned document(s)" in page.status.text()
    assert "user trust store (1)" in page.status.text()


def test_details_of_a_signature(qtbot, page: VerifyPage, bid: Path, pki: TestPki) -> None:
    verify(qtbot, page, [bid])
    page.tree.setCurrentItem(row(page, ODS).child(0))
    text = page.details.toPlainText()
    html = page.details.toHtml()
    for expected in (
        "Valid",
        "TOTAL_PASSED",
        "XAdES B-B",
        "Jeanne Test",
        "ENTREPRISE TEST SAS",
        "NTRFR-123456789",
        "123456789",
        "OCSP responder",
        "not revoked",
        "no timestamp: the signing time is only claimed",
        "non-repudiation",
        "EU qualified certificate (qc_compliance)",
        "Qualified (declared by the certificate)",
        "✔",
        "document digest",
        "certificate chain — leads to a trusted authority",
    ):
        assert expected in text, expected
    for cert in (pki.intermediate_cert, pki.root_cert):
        subject = x509.load_pem_x509_certificate(cert.read_bytes()).subject.rfc4514_string()
        assert name_in_words(subject, str) in text, subject  # labelled, not dotted OIDs
    assert "paraphe-badge:total_passed" in html  # the badge icon is drawn in the details too

    page.tree.setCurrentItem(row(page, "_signe.pdf").child(0))
    text = page.details.toPlainText()
    assert "PAdES" in text and "PDF coverage" in text and "Covers the whole document" in text

    unsigned = next(
        it
        for text, it in rows(page).items()
        if text.startswith("Unsigned documents")
        for it in [it.child(i) for i in range(it.childCount())]
        if it.text(0).endswith(UNSIGNED)
    )
    page.tree.setCurrentItem(unsigned)
    assert UNSIGNED in page.details.toPlainText()  # escaped: the markup is shown, not applied


@pytest.mark.filterwarnings("ignore:Function. 'QDragEnterEvent:DeprecationWarning")
def test_a_dropped_zip(qtbot, page: VerifyPage, bid: Path, tmp_path: Path) -> None:
    archive = tmp_path / "Dépôt.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name in (
            ODS,
            f"{ODS} - Signature 1.xml",
            "Planning.txt",
            "Planning.txt - Signature 1.p7s",
        ):
            zipped.write(bid / name, f"Offre/{name}")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(archive))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    assert QApplication.sendEvent(page.drop_zone, enter) and enter.isAccepted()
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS) as blocker:
        QApplication.sendEvent(page.drop_zone, drop)
    report: ValidationReport = blocker.args[0]
    assert len(report.all_signatures()) == 2
    assert row(page, f"Dépôt.zip!/Offre/{ODS}").text(COLUMN_VERDICT) == "Valid"
    assert row(page, "Dépôt.zip!/Offre/Planning.txt").text(COLUMN_VERDICT) == "Failed"


def test_a_damaged_entry_of_a_zip_is_named_as_text_in_the_users_language(
    qtbot, page: VerifyPage, bid: Path, tmp_path: Path
) -> None:
    """The entry's name comes from the archive: shown as text, never as markup; the sentence
    around it in the user's language."""
    name = "Offre <b>finale</b>.pdf"
    archive = tmp_path / "Dépôt.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(bid / ODS, f"Offre/{ODS}")
        zipped.writestr(name, (SAMPLES / PDF).read_bytes(), zipfile.ZIP_LZMA)
    damage(archive, name)

    report = verify(qtbot, page, [archive])

    assert [error.message for error in report.errors] == [
        f"{name}: damaged (Corrupt input data), skipped"
    ]
    [item] = [
        it.child(0) for text, it in rows(page).items() if text.startswith("Could not be read (1)")
    ]
    page.tree.setCurrentItem(item)
    assert f"Could not be read: {name}: damaged (Corrupt input data), skipped." in (
        page.details.toPlainText()
    )
    try:
        assert install_translation("fr")
        page.tree.setCurrentItem(item.parent())
        page.tree.setCurrentItem(item)
        assert f"Illisible : {name} : endommagé (Corrupt input data), ignoré." in (
            page.details.toPlainText()
        )
    finally:
        install_translation("en")


def test_the_gui_thread_stays_responsive(qtbot, page: VerifyPage, bid: Path) -> None:
    """A 10 ms timer keeps ticking while the engine works: the GUI thread never blocks."""
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()) if page.is_busy else None)
    timer.start()
    started = time.monotonic()
    try:
        verify(qtbot, page, [bid])
    finally:
        timer.stop()
    finished = time.monotonic()
    took = finished - started
    gaps = [b - a for a, b in itertools.pairwise([started, *ticks, finished])]
    print(f"verification {took:.2f} s, {len(ticks)} ticks, longest gap {max(gaps):.3f} s")
    assert len(ticks) >= 5, f"the GUI thread ticked only {len(ticks)} times in {took:.2f} s"
    assert max(gaps) < 0.5, f"the GUI thread was blocked for {max(gaps):.2f} s"


def test_adding_while_verifying_runs_again_with_everything(
    qtbot, page: VerifyPage, bid: Path, tmp_path: Path
) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "Lettre.txt").write_text("Lettre.\n", encoding="utf-8")
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS) as blocker:
        page.add_paths([bid])
        assert page.is_busy
        page.add_paths([extra])
    report: ValidationReport = blocker.args[0]
    assert Path(extra / "Lettre.txt") in report.unsigned_documents
    assert len(report.all_signatures()) == 4
    assert "extra/Lettre.txt" in group(page, "Unsigned documents (3)")

    page.clear()
    assert page.tree.topLevelItemCount() == 0 and page.status.text() == ""


def test_clear_while_verifying_drops_the_result(qtbot, page: VerifyPage, bid: Path) -> None:
    page.add_paths([bid])
    assert page.is_busy and page.busy.isVisibleTo(page)
    job = page._job
    with qtbot.assertNotEmitted(page.verification_finished, wait=100):
        page.clear()
        assert job is not None and job._cancel.cancelled  # stopped, not left to run unseen
        qtbot.waitUntil(lambda: not page.is_busy, timeout=WAIT_MS)
    assert page.tree.topLevelItemCount() == 0 and page.busy.isHidden()
    assert verify(qtbot, page, [bid / TXT, bid / f"{TXT} - Signature 1.p7s"])
    assert row(page, TXT).text(COLUMN_VERDICT) == "Valid"


def test_stop_shows_no_half_verdict_and_verify_again_starts_over(
    qtbot, page: VerifyPage, bid: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_verify_paths = verify_worker.verify_paths
    checked: list[str] = []

    def slow_verify_paths(paths, settings, on_item=None, cancel=None):  # type: ignore[no-untyped-def]
        def each(name: str) -> None:
            checked.append(name)
            if on_item is not None:
                on_item(name)
            time.sleep(0.2)  # leave the Stop time to arrive before the next signature

        return real_verify_paths(paths, settings, on_item=each, cancel=cancel)

    monkeypatch.setattr(verify_worker, "verify_paths", slow_verify_paths)
    assert page.stop_button.isHidden()
    with qtbot.assertNotEmitted(page.verification_finished, wait=100):
        page.add_paths([bid])
        assert page.stop_button.isVisibleTo(page) and page.again_button.isHidden()
        qtbot.waitUntil(lambda: bool(checked), timeout=WAIT_MS)
        page.stop()
        assert page.progress_label.text() == "Stopping…"
        qtbot.waitUntil(lambda: not page.is_busy, timeout=WAIT_MS)
    assert len(checked) == 1, checked  # stopped before the second signature
    assert page.tree.topLevelItemCount() == 0 and page.report is None
    assert page.status.text().startswith("Verification stopped")
    assert page.stop_button.isHidden() and page.again_button.isVisibleTo(page)

    monkeypatch.setattr(verify_worker, "verify_paths", real_verify_paths)
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(page.again_button, Qt.MouseButton.LeftButton)
    assert len(blocker.args[0].all_signatures()) == 4
    assert row(page, TXT).text(COLUMN_VERDICT) == "Valid"


def test_offline_checkbox_verifies_again_offline(qtbot, page: VerifyPage, bid: Path) -> None:
    verify(qtbot, page, [bid / ODS, bid / f"{ODS} - Signature 1.xml"])
    assert row(page, ODS).text(COLUMN_VERDICT) == "Valid"
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS) as blocker:
        page.offline_box.setChecked(True)
    assert blocker.args[0].offline
    item = row(page, ODS)
    # a B-B signature embeds no revocation data: offline, its status cannot be proven
    assert item.text(COLUMN_VERDICT) == "Indeterminate"
    page.tree.setCurrentItem(item.child(0))
    assert (
        "TRY_LATER" in page.details.toPlainText() or "INDETERMINATE" in page.details.toPlainText()
    )
    assert "(offline)" in page.status.text()


def test_untrusted_signatures_are_indeterminate(
    qtbot, bid: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "empty"))
    page = VerifyPage(Settings())
    qtbot.addWidget(page)
    verify(qtbot, page, [bid / TXT, bid / f"{TXT} - Signature 1.p7s"])
    item = row(page, TXT)
    assert item.text(COLUMN_VERDICT) == "Indeterminate"
    page.tree.setCurrentItem(item.child(0))
    assert "NO_CERTIFICATE_CHAIN_FOUND" in page.details.toPlainText()


def test_an_engine_error_reaches_show_error(
    qtbot, page: VerifyPage, bid: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[BaseException] = []
    monkeypatch.setattr(verify_page, "show_error", lambda parent, error: shown.append(error))

    def explode(*args: object, **kwargs: object) -> ValidationReport:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(verify_worker, "verify_paths", explode)
    page.add_paths([bid])
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert str(shown[0]) == "disk on fire"
    assert not page.is_busy and page.busy.isHidden()


def test_keyboard_reaches_drop_zone_buttons_tree_and_details(page: VerifyPage) -> None:
    chain = []
    widget = page.drop_zone
    for _ in range(40):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is page.drop_zone:
            break
    for needed in (
        page.drop_zone,
        page.drop_zone.files_button,
        page.drop_zone.folder_button,
        page.offline_box,
        page.tree,
        page.details,
    ):
        assert needed in chain, needed
    assert chain.index(page.tree) < chain.index(page.details)
    assert page.details.tabChangesFocus()


def test_screenshot_at_1280_wide(
    qtbot, page: VerifyPage, bid: Path, tmp_path: Path, capsys
) -> None:
    verify(qtbot, page, [bid])
    page.tree.setCurrentItem(row(page, "Planning.txt").child(0))
    page.resize(1280, 700)
    qtbot.wait(50)
    target = tmp_path / "verify.png"
    assert page.grab().save(str(target))
    details = tmp_path / "verify-details.png"
    _render_details(page, details)
    with capsys.disabled():
        print(f"\nverify page screenshot: {target}\nwhole details panel: {details}")
    # nothing essential is cut off: the names and verdicts fit their columns
    header = page.tree.header()
    assert header.sectionSize(COLUMN_DOCUMENT) >= 250
    assert header.sectionSize(COLUMN_VERDICT) >= page.tree.fontMetrics().horizontalAdvance(
        "Indeterminate"
    )
    assert page.details.width() >= 380


def _render_details(page: VerifyPage, target: Path) -> None:
    """The details panel's whole document, not only what fits on screen."""
    document = page.details.document()
    width = page.details.viewport().width()
    document.setTextWidth(width)
    image = QImage(width, int(document.size().height()) + 1, QImage.Format.Format_RGB32)
    image.fill(page.details.palette().base().color())
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    assert image.save(str(target))
