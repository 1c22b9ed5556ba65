"""The EU trusted lists in the desktop application: each signature's qualification in the
verdict list, the lists' date in the status bar, and their refresh in the background (read from
the lists shipped with Paraphe, offline), failing without harm."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument

from paraphe.core.config.settings import Settings
from paraphe.core.etsi import BaselineLevel
from paraphe.core.reports.summary import summarise
from paraphe.core.trust.eutl import qualification as q
from paraphe.core.trust.eutl.cache import snapshot_dir
from paraphe.core.trust.eutl.update import TrustUpdateError
from paraphe.core.validation.indications import Indication
from paraphe.core.validation.report import (
    DetectedFormat,
    DocumentReport,
    SignatureReport,
    ValidationReport,
)
from paraphe.gui.dialogs import errors
from paraphe.gui.i18n import install_translation
from paraphe.gui.main_window import MainWindow
from paraphe.gui.widgets import verdict_style
from paraphe.gui.widgets.verdict_tree import (
    COLUMN_QUALIFICATION,
    COLUMN_SIGNER,
    COLUMN_VERDICT,
    NEUTRAL,
    VerdictTree,
)

LOTL_FOLDER = snapshot_dir() / "lotl-2026-05"
SNAPSHOT_DAY = dt.date(2026, 5, 22)
"""The shipped snapshot's date: the newest shipped LOTL's issue."""
WAIT_MS = 60_000

QESIG = q.Qualification(
    q.QESIG,
    q.R_QESIG,
    trusted_list="FR 112 2023-02-23",
    service="Test Qualified CA",
    reason_template=q.R_QESIG,
)
NOT_LISTED = q.Qualification(q.NOT_APPLICABLE, q.R_NOT_LISTED, reason_template=q.R_NOT_LISTED)


@pytest.fixture(autouse=True)
def own_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test starts from the shipped lists: a refresh never reaches the other tests."""
    folder = tmp_path / "data"
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    shown = MainWindow(Settings.load())
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: not shown.trust_lists.is_busy, timeout=WAIT_MS)
    return shown


def _signature(name: str, qualification: q.Qualification | None) -> SignatureReport:
    document = Path(f"/bid/{name}")
    return SignatureReport(
        Path(f"/bid/{name} - Signature 1.xml"),
        DetectedFormat.XADES,
        Indication.TOTAL_PASSED,
        None,
        None,
        document_path=document,
        level=BaselineLevel.B_T,
        qualification=qualification,
    )


def _tree(qtbot, *signatures: SignatureReport) -> VerdictTree:  # type: ignore[no-untyped-def]
    report = ValidationReport(
        validation_time=dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
        documents=[DocumentReport(s.document_path or s.signature_path, [s]) for s in signatures],
    )
    tree = VerdictTree()
    qtbot.addWidget(tree)
    tree.resize(1000, 400)
    tree.show_summary(summarise(report), str)
    return tree


def _signature_row(tree: VerdictTree, name: str):  # type: ignore[no-untyped-def]
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        if item.text(0).endswith(name):
            return item.child(0)
    raise AssertionError(name)


def _plain(rich: str) -> str:
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText().strip()


def test_the_verdict_list_shows_each_signature_qualification(qtbot) -> None:
    tree = _tree(
        qtbot,
        _signature("Acte.pdf", QESIG),
        _signature("BPU.ods", NOT_LISTED),
        _signature("Notes.txt", None),
    )
    assert tree.headerItem().text(COLUMN_QUALIFICATION) == "Qualification"
    assert tree.headerItem().text(COLUMN_VERDICT) == "Verdict"  # the others where they were
    assert tree.headerItem().text(COLUMN_SIGNER) == "Signer"

    qualified = _signature_row(tree, "Acte.pdf")
    assert qualified.text(COLUMN_VERDICT) == "Valid"
    assert qualified.text(COLUMN_QUALIFICATION) == "✔ QESig"  # a mark, never colour alone
    assert qualified.foreground(COLUMN_QUALIFICATION).color() == verdict_style.colour(
        Indication.TOTAL_PASSED
    )
    tip = _plain(qualified.toolTip(COLUMN_QUALIFICATION))
    assert "qualified electronic signature" in tip
    assert "acceptable for public procurement" in tip
    assert "not acceptable" not in tip

    unlisted = _signature_row(tree, "BPU.ods")
    assert unlisted.text(COLUMN_QUALIFICATION) == "N/A"
    colour = unlisted.foreground(COLUMN_QUALIFICATION).color()
    assert colour.name() == NEUTRAL  # grey, not the red of a failed verdict
    assert colour != verdict_style.colour(Indication.TOTAL_FAILED)
    assert _plain(unlisted.toolTip(COLUMN_QUALIFICATION)) == (
        "not acceptable for public procurement: the certificate's issuer is not a qualified"
        " service of any EU trusted list"
    )

    assert _signature_row(tree, "Notes.txt").text(COLUMN_QUALIFICATION) == ""  # lists not used
    widest = tree.fontMetrics().horizontalAdvance("✔ AdESeal-QC")
    assert tree.header().sectionSize(COLUMN_QUALIFICATION) >= widest


def test_the_status_bar_shows_the_shipped_lists_date(window: MainWindow) -> None:
    text = window.trust_lists.text()
    assert text.startswith(f"EU trusted lists: {SNAPSHOT_DAY:%Y-%m-%d} (shipped snapshot)")
    assert "stale" in text  # the shipped French list is past its next update
    assert "FR since 2023-08-23" in _plain(window.trust_lists.label.toolTip())
    assert window.trust_lists.isVisibleTo(window)
    assert window.trust_lists.update_action in window.file_menu.actions()
    assert window.trust_lists.needs_refresh


def test_the_status_bar_in_french(qtbot, window: MainWindow) -> None:
    try:
        assert install_translation("fr")
        qtbot.waitUntil(lambda: "Listes de confiance de l’UE" in window.trust_lists.text())
        text = window.trust_lists.text()
        assert text.startswith(
            f"Listes de confiance de l’UE : {SNAPSHOT_DAY:%d/%m/%Y} (instantané fourni) — "
        )
        assert "obsolète" in text
        assert window.trust_lists.update_button.text() == "Mettre à jour les listes de confiance"
    finally:
        install_translation("en")


def test_a_refresh_runs_in_the_background_and_shows_the_new_date(qtbot, window: MainWindow) -> None:
    shown: list[str] = []
    window.trust_lists.progress.valueChanged.connect(
        lambda _value: shown.append(window.trust_lists.text())
    )
    with qtbot.waitSignal(window.trust_lists.refreshed, timeout=WAIT_MS):
        assert window.refresh_trusted_lists(str(LOTL_FOLDER), offline=True)
        assert window.trust_lists.is_busy  # returned at once: the work is on the thread pool
        assert not window.trust_lists.update_action.isEnabled()
        assert not window.refresh_trusted_lists(str(LOTL_FOLDER), offline=True)  # one at a time
    # progress reached the window while the lists were read: its event loop kept running
    assert "EU trusted lists: 12 of 31 (FR)" in shown
    today = dt.datetime.now(dt.UTC).date()
    text = window.trust_lists.text()
    assert text.startswith(f"EU trusted lists: {today:%Y-%m-%d}")
    assert "shipped snapshot" not in text and "update failed" not in text
    assert "unavailable" in text  # the folder holds the LOTL and one national list only
    assert window.trust_lists.progress.isHidden()
    assert window.trust_lists.update_action.isEnabled()
    assert window.statusBar().currentMessage() == "EU trusted lists updated."


def test_a_failed_refresh_says_why_and_leaves_the_window_usable(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[BaseException] = []
    monkeypatch.setattr(errors, "show_error", lambda parent, error: shown.append(error))
    before = window.trust_lists.text()
    with qtbot.waitSignal(window.trust_lists.refresh_failed, timeout=WAIT_MS):
        window.refresh_trusted_lists(str(tmp_path / "no such folder"), offline=True)
    assert len(shown) == 1 and isinstance(shown[0], TrustUpdateError)
    text = window.trust_lists.text()
    assert text.startswith(before) and text.endswith("update failed")  # the old lists stay
    assert "the LOTL cannot be read" in _plain(window.trust_lists.label.toolTip())
    assert window.trust_lists.update_action.isEnabled()
    assert window.trust_lists.progress.isHidden()
    # a long status never makes the window wider: the label shortens, its tooltip says it all
    assert window.trust_lists.label.minimumSizeHint().width() < 300
    window.show_page(window.verify_page)
    assert window.current_page() is window.verify_page

    with qtbot.waitSignal(window.trust_lists.refreshed, timeout=WAIT_MS):  # and it can try again
        window.refresh_trusted_lists(str(LOTL_FOLDER), offline=True)
    assert "update failed" not in window.trust_lists.text()


def test_no_automatic_refresh_unless_allowed_and_never_offscreen(qtbot) -> None:
    settings = Settings.load()
    settings.trusted_lists_auto_update = False
    plain = MainWindow(settings)
    qtbot.addWidget(plain)
    qtbot.waitUntil(lambda: not plain.trust_lists.is_busy, timeout=WAIT_MS)
    assert plain.trust_lists.needs_refresh  # shipped lists: a refresh would be due...
    assert not plain.trust_lists.is_busy  # ...but the settings do not allow it

    settings.trusted_lists_auto_update = True  # the default
    allowed = MainWindow(settings)
    qtbot.addWidget(allowed)
    with qtbot.waitSignal(allowed.trust_lists.loaded, timeout=WAIT_MS):
        pass
    assert not allowed.trust_lists.is_busy  # offscreen (tests, screenshots): never


def test_policy_problems_show_in_the_status_bar(qtbot, tmp_path) -> None:
    from paraphe.core.config.policy import load_policy

    path = tmp_path / "policy.toml"
    path.write_text('[defaults]\ncolour = "blue"\n', encoding="utf-8")
    policy = load_policy(path)
    settings = Settings.load(policy=policy)
    settings.trusted_lists_auto_update = False
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show_policy_problems(policy.problems)
    message = window.statusBar().currentMessage()
    assert f"{path}, line 2" in message and "colour" in message
    qtbot.waitUntil(lambda: not window.trust_lists.is_busy, timeout=WAIT_MS)
