"""Every GUI string has a French translation, and the window switches language live."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from lxml import etree

from paraphe.core.config.settings import Settings
from paraphe.gui.i18n import install_translation, translations_dir
from paraphe.gui.main_window import MainWindow

GUI = Path(__file__).resolve().parents[2] / "app" / "paraphe" / "gui"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\d|\{\w+\}", text))


def test_every_gui_string_is_translated_to_french(tmp_path: Path) -> None:
    """lupdate over the current sources must find nothing new or untranslated."""
    ts = tmp_path / "paraphe_gui_fr.ts"
    shutil.copy(translations_dir() / "paraphe_gui_fr.ts", ts)
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run(
        [str(lupdate), *map(str, sorted(GUI.rglob("*.py"))), "-ts", str(ts)],
        check=True,
        capture_output=True,
    )
    root = etree.parse(str(ts)).getroot()
    missing = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation.get("type") in ("obsolete", "vanished"):
            continue
        source = message.findtext("source")
        if translation.get("type") == "unfinished" or not translation.text:
            missing.append(source)
        else:
            assert _placeholders(source) == _placeholders(translation.text), source
    assert not missing, (
        f"untranslated GUI strings (run tools/build_translations.py --update): {missing}"
    )


def test_language_switch(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path))
    try:
        assert install_translation("en")
        window = MainWindow(Settings.load())
        qtbot.addWidget(window)
        assert window.tabs.tabText(0) == "&Sign"
        assert install_translation("fr")
        qtbot.waitUntil(lambda: window.tabs.tabText(1) == "&Vérifier")
        assert window.tabs.tabText(0) == "&Signer"
        assert window.file_menu.title() == "&Fichier"
        assert install_translation("en")
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "&Sign")
    finally:
        install_translation("en")


def test_qt_own_dialogs_and_buttons_are_in_french(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt's own words (standard buttons, its file dialog) come from the qtbase catalogue: without
    it a French user met "Cancel", "Look in" and "Show Details..." in the middle of French."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

    from paraphe.gui.i18n import install_translation

    install_translation("fr")
    try:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Cancel
        )
        qtbot.addWidget(buttons)
        texts = {b.text().replace("&", "") for b in buttons.buttons()}
        assert texts == {"Fermer", "Annuler"}
        dialog = QFileDialog()
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        labels = {
            w.text().replace("&", "").replace("\xa0", " ") for w in dialog.findChildren(QLabel)
        }
        assert labels == {"Voir dans :", "Nom de fichier :", "Fichiers de type :"}
    finally:
        install_translation("en")
