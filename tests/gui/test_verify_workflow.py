"""A buyer's workflow on the Verify page (issue 16, item 8), against the real engine and the
served test PKI: progress with a count, verdicts arriving folder by folder, show and sort by
verdict, the certificate viewer and its export, "Open the document" (a PDF's signed revision),
the document of an orphan signature picked by hand, a new verification when the trust changes,
and the page in French at once when the language changes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog

from paraphe.core.config.settings import Settings
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.trust import UserTrustStore
from paraphe.core.validation.indications import Indication
from paraphe.gui.desktop_open import NothingOpened
from paraphe.gui.i18n import install_translation
from paraphe.gui.main_window import MainWindow
from paraphe.gui.pages.verify_page import VerifyPage
from paraphe.gui.widgets.certificate_viewer import CertificateViewer
from paraphe.gui.widgets.verdict_filter import Show, SortBy
from paraphe.gui.widgets.verdict_tree import COLUMN_VERDICT
from tests.conftest import SAMPLES
from tests.gui import test_verify_page as verify_page_tests
from tests.gui.test_verify_page import ODS, PDF, TXT, WAIT_MS, group, row, rows, verify
from tests.support.pki import TestPki
from tests.support.signing import sign_with

# the Verify page's fixtures: its bid folder (signed, tampered, orphan, unsigned), its trust
bid = verify_page_tests.bid
trusted = verify_page_tests.trusted
page = verify_page_tests.page


def _sign(pki: TestPki, document: Path, fmt: SignatureFormat) -> list[Path]:
    results = sign_with(pki, "rsa", SignRequest(documents=(document,), format=fmt))
    return [result.output for result in results]


@pytest.fixture(scope="module")
def two_bids(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two bidders' folders, each with a document and its CAdES token."""
    root = tmp_path_factory.mktemp("bids")
    folders = []
    for name in ("Entreprise A", "Entreprise B"):
        folder = root / name
        folder.mkdir()
        shutil.copyfile(SAMPLES / TXT, folder / TXT)
        _sign(pki, folder / TXT, SignatureFormat.CADES)
        folders.append(folder)
    return folders


class Opened(QObject):
    """The desktop's "open this file", recorded instead of launching an application."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened() -> Opened:
    recorder = Opened()
    QDesktopServices.setUrlHandler("file", recorder, "open")
    yield recorder
    QDesktopServices.unsetUrlHandler("file")


def _modal(qtbot, handle) -> list[object]:  # type: ignore[no-untyped-def]
    """Run ``handle(dialog)`` on the next modal dialog once it is open."""
    seen: list[object] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        seen.append(handle(dialog))

    QTimer.singleShot(0, look)
    return seen


def test_progress_counts_and_verdicts_arrive_folder_by_folder(
    qtbot, page: VerifyPage, two_bids: list[Path]
) -> None:
    seen: list[tuple[str, int, bool]] = []

    def spy_partial(_report: object) -> None:  # runs after the page's own slot
        seen.append(("partial", page.tree.topLevelItemCount(), page.is_busy))

    def watch() -> None:
        job = page._job
        assert job is not None
        job.signals.partial.connect(spy_partial)
        job.signals.progress.connect(
            lambda done, total, name: seen.append((page.progress_label.text(), done, total > 0))
        )

    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS) as done:
        page.add_paths(two_bids)
        watch()
    assert len(done.args[0].all_signatures()) == 2
    # the first folder's verdict was on screen while the second was being verified
    assert ("partial", 1, True) in seen
    labels = [text for text, *_ in seen if text != "partial"]
    # no total known yet: "Verifying (n)" (which n is seen first depends on when the spy is
    # connected: the job has started)
    assert any(
        re.fullmatch(rf"Verifying \([12]\): {re.escape(TXT)} - Signature 1\.p7s…", t)
        for t in labels
    )
    assert page.tree.topLevelItemCount() == 2

    seen.clear()
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS):
        page.again_button.click()
        watch()
    # the same files again: the count has its total
    assert f"Verifying 2 / 2: {TXT} - Signature 1.p7s…" in [text for text, *_ in seen]
    assert page.busy.isHidden() and page.progress_label.text() == ""


def test_a_signature_and_its_document_in_two_folders_are_still_paired(
    qtbot, page: VerifyPage, pki: TestPki, tmp_path: Path
) -> None:
    """Folders verified apart would leave the token without its document: the page verifies
    the whole set in one run then, as the engine pairs it (by digest)."""
    documents, signatures, pdfs = tmp_path / "documents", tmp_path / "signatures", tmp_path / "pdf"
    for folder in (documents, signatures, pdfs):
        folder.mkdir()
    shutil.copyfile(SAMPLES / TXT, documents / "Offre.txt")
    [token] = _sign(pki, documents / "Offre.txt", SignatureFormat.CADES)
    token.rename(signatures / "Offre envoyée.p7s")
    shutil.copyfile(SAMPLES / PDF, pdfs / PDF)
    _sign(pki, pdfs / PDF, SignatureFormat.PADES)
    (pdfs / PDF).unlink()
    report = verify(qtbot, page, [documents, signatures, pdfs])
    assert report.orphan_signatures == [] and report.unsigned_documents == []
    # each document once, with its own signatures: the signed PDF is not counted twice
    assert sorted((d.path.name, len(d.signatures)) for d in report.documents) == [
        ("Acte d'engagement_signe.pdf", 1),
        ("Offre.txt", 1),
    ]
    assert row(page, "Offre.txt").text(COLUMN_VERDICT) == "Valid"
    assert page.status.text().startswith("2 signature(s): 2 valid")


def test_show_and_sort_by_verdict(qtbot, page: VerifyPage, bid: Path) -> None:
    verify(qtbot, page, [bid])
    page.filter.choose(show=Show.FAILED)
    assert list(rows(page)) == ["Offre Test/Planning.txt"]  # the groups set aside are hidden
    assert page.status.text().startswith("1 of 4 signature(s) shown · 4 signature(s)")
    page.filter.choose(show=Show.ACCEPTABLE)  # the test CA is in no EU trusted list
    assert page.tree.topLevelItemCount() == 0
    assert "0 of 4 signature(s) shown" in page.status.text()
    page.filter.choose(show=Show.NOT_ACCEPTABLE)
    assert page.tree.topLevelItemCount() == 4

    page.filter.choose(show=Show.ALL, sort_by=SortBy.VERDICT)
    names = list(rows(page))
    assert names[0] == "Offre Test/Planning.txt"  # failed first
    assert names[-2].startswith("Unsigned documents")  # the groups set aside stay last
    page.filter.choose(sort_by=SortBy.NAME)
    assert next(iter(rows(page))) == "Offre Test/Acte d'engagement_signe.pdf"


def test_the_certificate_viewer_shows_the_chain_and_exports_a_certificate(
    qtbot, page: VerifyPage, bid: Path, pki: TestPki, tmp_path: Path, monkeypatch
) -> None:
    verify(qtbot, page, [bid])
    page.tree.setCurrentItem(next(it for t, it in rows(page).items() if t.startswith("Unsigned")))
    assert not page.certificate_button.isEnabled()  # a group has no certificate
    page.tree.setCurrentItem(row(page, ODS).child(0))
    assert page.certificate_button.isEnabled()
    target = tmp_path / "exported" / "Jeanne Test.cer"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )

    def inspect(viewer: CertificateViewer) -> tuple[list[str], str]:
        names = []
        item = viewer.chain.topLevelItem(0)
        while item is not None:
            names.append(item.text(0))
            item = item.child(0) if item.childCount() else None
        fields = viewer.fields.toPlainText()
        viewer.export_selected()
        viewer.chain.setCurrentItem(viewer.chain.topLevelItem(0))
        root_fields = viewer.fields.toPlainText()
        viewer.reject()
        return names, fields + "\n" + root_fields

    seen = _modal(qtbot, inspect)
    page.certificate_button.click()
    [(names, fields)] = seen
    root = x509.load_pem_x509_certificate(pki.root_cert.read_bytes())
    signer = x509.load_der_x509_certificate(target.read_bytes())
    assert names[-1] == "Jeanne Test" and len(names) == 3  # root, intermediate, signer
    assert names[0] == root.subject.rfc4514_string().split("CN=")[1].split(",")[0]
    assert "non-repudiation" in fields and "SHA-256 fingerprint" in fields
    assert "CN=Jeanne Test" in signer.subject.rfc4514_string()  # the signer's, exported whole
    assert root.public_bytes(Encoding.DER) != target.read_bytes()
    assert not list(target.parent.glob(".paraphe-*"))  # nothing half-written beside it


def test_open_the_document_of_a_token_and_the_signed_revision_of_a_pdf(
    qtbot, page: VerifyPage, pki: TestPki, tmp_path: Path, opened: Opened
) -> None:
    folder = tmp_path / "Offre"
    folder.mkdir()
    shutil.copyfile(SAMPLES / PDF, folder / PDF)
    shutil.copyfile(SAMPLES / ODS, folder / ODS)
    _sign(pki, folder / ODS, SignatureFormat.XADES)
    [first] = _sign(pki, folder / PDF, SignatureFormat.PADES)
    [second] = _sign(pki, first, SignatureFormat.PADES)  # a second signer, a later revision
    original = second.read_bytes()
    verify(qtbot, page, [folder])

    page.tree.setCurrentItem(row(page, ODS).child(0))
    page.open_document_button.click()
    assert [url.toLocalFile() for url in opened.urls] == [str(folder / ODS)]

    document = row(page, second.name)
    assert document.childCount() == 2
    revisions = []
    for index in range(2):
        page.tree.setCurrentItem(document.child(index))
        assert "revision" in page.open_document_button.toolTip()
        page.open_document_button.click()
        revisions.append(Path(opened.urls[-1].toLocalFile()))
    # the first signer's revision is the file they signed, byte for byte; the second covers all
    by_size = sorted(revisions, key=lambda p: p.stat().st_size)
    assert by_size[0].read_bytes() == first.read_bytes()
    assert by_size[0].name.endswith("(signed revision).pdf")
    assert by_size[1] == second
    assert second.read_bytes() == original  # the signed PDF was only read


def test_a_document_no_application_opens_says_where_it_is(
    qtbot, page: VerifyPage, bid: Path
) -> None:
    """Offscreen, as on a desktop without an application for the file, nothing opens it."""
    verify(qtbot, page, [bid])
    page.tree.setCurrentItem(row(page, TXT).child(0))
    seen = _modal(qtbot, lambda box: (box.text(), box.informativeText(), box.reject()))
    page.open_document_button.click()
    [(text, where, _)] = seen
    assert text.startswith(f"No application opened {TXT}")
    assert where == str(bid / TXT)

    box = NothingOpened(None, bid)
    qtbot.addWidget(box)
    box.copy_button.click()
    assert QApplication.clipboard().text() == str(bid)
    assert box.text().startswith("No file manager opened the folder Offre Test")


def test_the_document_of_an_orphan_signature_is_picked_and_verified(
    qtbot, page: VerifyPage, pki: TestPki, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "Dépôt"
    folder.mkdir()
    shutil.copyfile(SAMPLES / TXT, folder / TXT)
    [token] = _sign(pki, folder / TXT, SignatureFormat.CADES)
    elsewhere = tmp_path / "reçu"
    elsewhere.mkdir()
    renamed = elsewhere / "memoire_v2.txt"
    (folder / TXT).rename(renamed)
    wrong = elsewhere / "autre.txt"
    wrong.write_text("Un autre document.\n", encoding="utf-8")

    report = verify(qtbot, page, [folder])
    assert [o.signature_path for o in report.orphan_signatures] == [token]
    assert page.pick_document_button.isHidden()
    [orphan_row] = [
        item
        for text, item in rows(page).items()
        if text.startswith("Signatures without their document")
    ]
    page.tree.setCurrentItem(orphan_row.child(0))
    assert page.pick_document_button.isVisibleTo(page) and page.pick_document_button.isEnabled()
    assert "Choose the document it signs" in page.details.toPlainText()

    picked = [wrong]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(picked[0]), ""))
    )
    said = _modal(qtbot, lambda box: (box.text(), box.accept()))
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS):
        page.pick_document_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=WAIT_MS)
    assert said[0][0].startswith("autre.txt is not the document")

    picked[0] = renamed
    page.tree.setCurrentItem(
        next(it for t, it in rows(page).items() if t.startswith("Signatures without")).child(0)
    )
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS) as done:
        page.pick_document_button.click()
    assert done.args[0].orphan_signatures == []
    current = page.tree.currentItem()
    assert current is not None and current.text(COLUMN_VERDICT) == "Valid"
    assert "Jeanne Test" in page.details.toPlainText()  # the signer, now that it is verified


def test_verdicts_are_renewed_when_the_trust_changes(
    qtbot, bid: Path, pki: TestPki, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))
    settings = Settings.load()
    settings.trusted_lists_auto_update = False
    window = MainWindow(settings)
    qtbot.addWidget(window)
    page = window.verify_page
    verify(qtbot, page, [bid / TXT, bid / f"{TXT} - Signature 1.p7s"])
    assert row(page, TXT).text(COLUMN_VERDICT) == "Indeterminate"  # nothing trusted yet

    from paraphe.gui.dialogs import settings_dialog

    def trust_the_root(dialog: settings_dialog.SettingsDialog) -> int:
        UserTrustStore().add(pki.root_cert)  # as the Trust tab's "Add…" then OK do
        return 1

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", trust_the_root)
    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS) as done:
        window.open_settings()
    assert done.args[0].all_signatures()[0].indication is Indication.TOTAL_PASSED
    assert row(page, TXT).text(COLUMN_VERDICT) == "Valid"
    assert page.status.text().startswith("Verified again: the trusted certificates changed")

    with qtbot.waitSignal(page.verification_finished, timeout=WAIT_MS):
        window._lists_refreshed()
    assert page.status.text().startswith("Verified again: the EU trusted lists were updated")

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", lambda dialog: 1)
    window.open_settings()  # nothing changed: nothing verified again
    assert not page.is_busy
    window.shut_down()


def test_the_page_changes_language_at_once(qtbot, page: VerifyPage, bid: Path) -> None:
    verify(qtbot, page, [bid])
    page.tree.setCurrentItem(row(page, "Planning.txt").child(0))
    try:
        assert install_translation("fr")
        qtbot.waitUntil(lambda: page.clear_button.text() == "V&ider")
        assert row(page, "Planning.txt").text(COLUMN_VERDICT) == "Échec"
        assert row(page, ODS).text(COLUMN_VERDICT) == "Valide"
        assert group(page, "Documents non signés (2)")
        assert page.drop_zone.files_button.text() == "Ajouter des fic&hiers…"
        assert "Échec" in page.details.toPlainText()  # the details are shown again in French
        current = page.tree.currentItem()
        assert current is not None and current.text(0) == "Planning.txt - Signature 1.p7s"
        assert page.status.text().startswith("4 signature(s) : 3 valide(s), 1 en échec")
    finally:
        install_translation("en")
    qtbot.waitUntil(lambda: page.clear_button.text() == "&Clear")
    assert row(page, ODS).text(COLUMN_VERDICT) == "Valid"


def test_a_file_name_in_the_message_is_text(qtbot) -> None:
    box = NothingOpened(None, Path("/tmp") / "<b>x<b>.pdf")
    qtbot.addWidget(box)
    assert box.textFormat().name == "PlainText"
    assert "<b>x<b>.pdf" in box.text()


def test_the_details_say_where_the_signature_sits(qtbot) -> None:
    """The report fields of issue 13 in words, under the verdict (a report as the engine
    gives it for an ASiC-E container)."""
    from paraphe.core.reports.summary import DocumentReport, signature_row
    from paraphe.core.validation.report import (
        Container,
        DetectedFormat,
        Packaging,
        SignatureReport,
        SignedObject,
    )
    from paraphe.gui.widgets.details_panel import DetailsPanel

    report = SignatureReport(
        Path("offre.asice"),
        DetectedFormat.XADES,
        Indication.TOTAL_PASSED,
        None,
        None,
        packaging=Packaging.DETACHED,
        container=Container.ASIC_E,
        signed_objects=[
            SignedObject("offre.pdf", "file", True),
            SignedObject("BPU.xlsx", "file", True),
        ],
    )
    panel = DetailsPanel()
    qtbot.addWidget(panel)
    panel.show_entry(signature_row(DocumentReport(Path("offre.asice")), report, 1), str)
    text = panel.toPlainText()
    assert "Detached signature — signed document(s) beside it: offre.pdf, BPU.xlsx" in text
    assert "ASiC-E container: 2 signed document(s)" in text
    assert "BPU.xlsx: its digest matches" in text


def test_open_the_document_inside_an_enveloping_signature(
    qtbot, page: VerifyPage, pki: TestPki, tmp_path: Path, opened: Opened
) -> None:
    """A .p7m made by openssl holds its document: it is taken out (under the name the file
    gives it) and opened; the .p7m is only read."""
    from tests.support.third_party import openssl_sign

    folder = tmp_path / "Dépôt"
    folder.mkdir()
    document = tmp_path / TXT
    shutil.copyfile(SAMPLES / TXT, document)
    p7m = openssl_sign(pki, document, folder / f"{TXT}.p7m", "-nodetach")
    before = p7m.read_bytes()
    verify(qtbot, page, [folder])
    [item] = [
        page.tree.topLevelItem(i)
        for i in range(page.tree.topLevelItemCount())
        if page.tree.topLevelItem(i).text(0).endswith(".p7m")
    ]
    page.tree.setCurrentItem(item.child(0) if item.childCount() else item)
    assert page.open_document_button.isEnabled()
    assert page.open_document_button.toolTip().startswith(f"Open the document inside {TXT}.p7m")
    page.open_document_button.click()
    [url] = opened.urls
    taken_out = Path(url.toLocalFile())
    assert taken_out.name == TXT and taken_out.parent != folder
    assert taken_out.read_bytes() == document.read_bytes()
    assert p7m.read_bytes() == before and sorted(p.name for p in folder.iterdir()) == [p7m.name]


def test_a_token_inside_a_zip_still_finds_its_document_in_a_folder(
    qtbot, page: VerifyPage, pki: TestPki, tmp_path: Path
) -> None:
    """An entry of an archive can only be checked again by unpacking it again: the whole set
    is verified in one run then."""
    import zipfile

    documents = tmp_path / "documents"
    documents.mkdir()
    shutil.copyfile(SAMPLES / TXT, documents / "Offre.txt")
    [token] = _sign(pki, documents / "Offre.txt", SignatureFormat.CADES)
    archive = tmp_path / "Signatures.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(token, "Offre envoyée.p7s")
    token.unlink()
    report = verify(qtbot, page, [documents, archive])
    assert report.orphan_signatures == []
    assert documents / "Offre.txt" not in report.unsigned_documents
    [document] = report.documents
    assert document.path == documents / "Offre.txt"
    assert str(document.signatures[0].signature_path).endswith("Signatures.zip!/Offre envoyée.p7s")
