"""The Sign page in the user's language, switched live: its buttons, labels, the file list and
the certificate picker change at once; sizes in the locale's units, file types in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from paraphe.gui.i18n import install_translation
from paraphe.gui.pages.sign_page import SignPage
from paraphe.gui.widgets.file_list import COLUMN_SIZE, COLUMN_TYPE
from tests.gui.test_sign_page import make_page
from tests.support.pki import TestPki


@pytest.fixture
def page(qtbot, pki: TestPki, tmp_path: Path, monkeypatch) -> SignPage:
    return make_page(qtbot, pki, tmp_path, monkeypatch)


@pytest.fixture
def restored_language():
    locale = QLocale()
    yield
    install_translation("en")
    QLocale.setDefault(locale)


def texts(page: SignPage) -> dict[str, str]:
    header = page.table.horizontalHeaderItem
    return {
        "sign": page.sign_button.text(),
        "clear": page.file_list.clear_button.text(),
        "add_p12": page.picker.add_keystore_button.text(),
        "add_files": page.drop_zone.files_button.text(),
        "file_column": header(0).text(),
        "level": page.level_label.text(),
        "beside": page.beside.text(),
        "verify_now": page.verify_now.text(),
        "summary": page.status.text(),
    }


def test_the_sign_page_switches_language_at_once(page: SignPage, qtbot, restored_language) -> None:
    page._summary = (3, 1)  # the last batch's summary is retranslated too
    page._show_summary()
    english = texts(page)
    assert english["summary"] == "3 signed, 1 failed."
    assert english["sign"] == "Sig&n" and english["clear"] == "&Clear"
    assert install_translation("fr")
    qtbot.waitUntil(lambda: page.sign_button.text() == "Sig&ner")
    french = texts(page)
    assert french["clear"] == "V&ider"
    assert french["add_p12"] == "Ajouter un certificat .p&12…"
    assert french["file_column"] == "Fichier"
    assert french["summary"] == "3 signé(s), 1 en échec."
    changed = [key for key in english if english[key] == french[key]]
    assert changed == [], f"still in English after the switch: {changed}"
    assert install_translation("en")
    qtbot.waitUntil(lambda: page.sign_button.text() == "Sig&n")
    assert texts(page) == english


def test_sizes_in_the_locales_units_and_types_in_words(
    page: SignPage, tmp_path: Path, restored_language
) -> None:
    pdf = tmp_path / "Acte d'engagement.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"0" * 2200)
    sheet = tmp_path / "BPU.xlsx"
    sheet.write_bytes(b"PK" + b"0" * 3_500_000)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    page.add_paths([pdf, sheet])
    assert page.table.item(0, COLUMN_SIZE).text() == "2,2 ko"
    assert page.table.item(1, COLUMN_SIZE).text() == "3,3 Mo"
    assert page.table.item(0, COLUMN_TYPE).text() == "PDF document"
    assert page.table.item(1, COLUMN_TYPE).text() == "Excel spreadsheet"
    assert "application/" not in page.table.item(1, COLUMN_TYPE).text()
