"""The sign page's "attach a verification procedure" checkbox: on by default, a signing run
writes the batch's guide beside the signatures (off the GUI thread); unticked, none, and the
choice is remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from paraphe.core.config.settings import Settings
from paraphe.core.reports.verification_guide import TITLE
from paraphe.gui.i18n import tr_engine
from paraphe.gui.pages.sign_page import SignPage
from tests.gui.test_sign_page import answer_password, documents, page  # noqa: F401 - fixture
from tests.support.pki import PKCS12_PASSWORD


def sign(page: SignPage, qtbot) -> object:  # noqa: F811 - the fixture
    answer_password(qtbot, PKCS12_PASSWORD)
    with qtbot.waitSignal(page.signing_finished, timeout=60_000) as finished:
        qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    return finished.args[0]


def test_the_checkbox_is_there_and_ticked_by_default(page: SignPage) -> None:  # noqa: F811
    assert page.write_guide.isVisibleTo(page) and page.write_guide.isEnabled()
    assert page.write_guide.isChecked()


def test_signing_writes_the_guide_beside_the_signatures(
    page: SignPage,  # noqa: F811
    qtbot,
    tmp_path: Path,
) -> None:
    files = documents(tmp_path / "Offre", 2)
    page.add_paths(files)
    outcome = sign(page, qtbot)
    assert outcome is not None and not outcome.failures
    guide = tmp_path / "Offre" / f"{tr_engine(TITLE)}.pdf"
    assert page.guide == guide and guide.read_bytes().startswith(b"%PDF-")
    items = [page.results_list.item(i).text() for i in range(page.results_list.count())]
    assert f"✔ {guide.name}" in items
    assert page.results == [f.parent / f"{f.name} - Signature 1.xml" for f in files]


def test_unticked_no_guide_and_the_choice_is_remembered(
    page: SignPage,  # noqa: F811
    qtbot,
    tmp_path: Path,
) -> None:
    page.write_guide.setChecked(False)
    assert Settings.load().write_verification_guide is False
    page.add_paths(documents(tmp_path / "Offre", 1))
    outcome = sign(page, qtbot)
    assert outcome is not None and not outcome.failures
    assert page.guide is None
    assert not list((tmp_path / "Offre").glob("*.pdf"))
    again = SignPage(Settings.load())
    qtbot.addWidget(again)
    assert again.write_guide.isChecked() is False
