"""Settings and About dialogs: what OK saves, what blocks it, locked values, trust anchors."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel

from paraphe import __version__
from paraphe.core.config.settings import SETTINGS_FILE, TRUST_ANCHORS, Settings
from paraphe.core.trust import TrustFileError, UserTrustStore
from paraphe.gui.dialogs import errors
from paraphe.gui.dialogs.about_dialog import AboutDialog
from paraphe.gui.dialogs.settings_dialog import SettingsDialog


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """Errors the dialog would have shown, captured instead of opening a modal box."""
    captured: list[BaseException] = []
    monkeypatch.setattr(errors, "show_error", lambda parent, error: captured.append(error))
    return captured


def make_dialog(qtbot, settings: Settings | None = None) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(settings or Settings.load(), trust_store=UserTrustStore())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def ok_button(dialog: SettingsDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def self_signed_pem(folder: Path, common_name: str) -> Path:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Paraphe Test"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = folder / f"{common_name}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def test_ok_saves_the_edited_values_and_reports_the_language(qtbot, data_dir: Path) -> None:
    settings = Settings.load()
    dialog = make_dialog(qtbot, settings)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("pades"))
    dialog.timestamp_urls.setPlainText(" https://tsa.example.org/tsr \n\nhttp://tsa2.example.org\n")
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("B-T"))
    dialog.suffix.setText("_signed")
    dialog.folder_radio.setChecked(True)
    dialog.folder_edit.setText(str(data_dir / "out"))
    assert dialog.example.text() == "Contrat_signed.pdf"

    with qtbot.waitSignal(dialog.language_changed, timeout=1000) as blocker:
        ok_button(dialog).click()

    assert blocker.args == ["en"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = json.loads((data_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert saved["language"] == "en"
    assert saved["default_format"] == "pades"
    assert saved["default_level"] == "B-T"
    assert saved["timestamp_urls"] == ["https://tsa.example.org/tsr", "http://tsa2.example.org"]
    assert saved["pades_suffix"] == "_signed"
    assert saved["output_dir"] == str(data_dir / "out")
    assert settings.language == "en" and settings.pades_suffix == "_signed"  # updated in place


def test_unchanged_language_is_not_reported_and_beside_originals_saves_none(
    qtbot, data_dir: Path
) -> None:
    Settings(output_dir="/somewhere", language="fr").save()
    dialog = make_dialog(qtbot)
    assert dialog.folder_radio.isChecked()
    dialog.beside_radio.setChecked(True)
    assert not dialog.folder_edit.isEnabled()
    with qtbot.assertNotEmitted(dialog.language_changed):
        ok_button(dialog).click()
    saved = json.loads((data_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert saved["output_dir"] is None
    assert saved["language"] == "fr"


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("suffix", "a/b", "suffix"),
        ("suffix", "", "suffix"),
        ("suffix", "x:y", "suffix"),
        ("timestamp_urls", "ftp:x", "Timestamp server, line 1"),
        ("timestamp_urls", "https://tsa.example.org\nhttp://", "Timestamp server, line 2"),
        ("timestamp_urls", "https://user:secret@tsa.example.org", "without a user name"),
        ("level_combo", "B-T", "Default level B-T needs a timestamp server"),
    ],
)
def test_invalid_values_disable_ok_with_a_visible_message(
    qtbot, data_dir: Path, field: str, value: str, words: str
) -> None:
    dialog = make_dialog(qtbot)
    assert ok_button(dialog).isEnabled()
    assert not dialog.message.isVisible()

    widget = getattr(dialog, field)
    if field == "level_combo":
        widget.setCurrentIndex(widget.findData(value))
    elif field == "timestamp_urls":
        widget.setPlainText(value)
    else:
        widget.setText(value)

    assert not ok_button(dialog).isEnabled()
    assert dialog.message.isVisible()
    assert words in dialog.message.text()
    dialog.accept()  # even when forced, nothing is saved and the dialog stays open
    assert dialog.isVisible()
    assert not (data_dir / SETTINGS_FILE).exists()


def test_chosen_folder_must_be_named(qtbot, data_dir: Path) -> None:
    dialog = make_dialog(qtbot)
    dialog.folder_radio.setChecked(True)
    assert not ok_button(dialog).isEnabled()
    dialog.folder_edit.setText(str(data_dir))
    assert ok_button(dialog).isEnabled()
    assert not dialog.message.isVisible()


def test_locked_settings_are_read_only_and_kept(qtbot, data_dir: Path) -> None:
    locked = frozenset(
        {
            "timestamp_urls",
            "pades_suffix",
            "language",
            "output_dir",
            "default_format",
            TRUST_ANCHORS,
        }
    )
    settings = Settings(timestamp_urls=["https://tsa.corp.example/"], locked=locked)
    dialog = make_dialog(qtbot, settings)

    for widget in (
        dialog.timestamp_urls,
        dialog.suffix,
        dialog.language,
        dialog.format_combo,
        dialog.beside_radio,
        dialog.folder_radio,
        dialog.folder_edit,
        dialog.browse_button,
        dialog.add_anchor_button,
        dialog.remove_anchor_button,
    ):
        assert not widget.isEnabled(), widget
        assert widget.toolTip() == "Set by your administrator"
    assert dialog.level_combo.isEnabled()  # not locked
    assert dialog.locked_notice.isVisible()

    dialog.level_combo.setCurrentIndex(0)
    ok_button(dialog).click()
    assert settings.timestamp_urls == ["https://tsa.corp.example/"]


def test_every_level_is_selectable(qtbot, data_dir: Path) -> None:
    dialog = make_dialog(qtbot)
    model = dialog.level_combo.model()
    levels = [dialog.level_combo.itemText(i) for i in range(dialog.level_combo.count())]
    assert levels == ["B-B", "B-T", "B-LT", "B-LTA"]
    assert all(model.item(row).isEnabled() for row in range(4))


def test_adding_and_removing_a_trust_anchor(
    qtbot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown_errors
) -> None:
    pem_path = self_signed_pem(tmp_path, "Racine de test")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kw: (str(pem_path), ""))
    )

    dialog = make_dialog(qtbot)
    dialog.add_anchor_button.click()
    assert dialog.anchors.topLevelItemCount() == 1
    row = dialog.anchors.topLevelItem(0)
    assert "Racine de test" in row.text(0)
    assert UserTrustStore().entries() == []  # nothing written before OK
    ok_button(dialog).click()
    entries = UserTrustStore().entries()
    assert len(entries) == 1
    digest = entries[0][0]
    assert row.text(1).replace(":", "").rstrip("…") == digest[:16].upper()
    assert shown_errors == []

    dialog = make_dialog(qtbot)
    assert dialog.anchors.topLevelItemCount() == 1
    assert not dialog.remove_anchor_button.isEnabled()
    dialog.anchors.topLevelItem(0).setSelected(True)
    assert dialog.remove_anchor_button.isEnabled()
    dialog.remove_anchor_button.click()
    assert dialog.anchors.topLevelItemCount() == 0
    ok_button(dialog).click()
    assert UserTrustStore().entries() == []


def test_cancel_keeps_the_trust_store_as_it_was(
    qtbot, data_dir: Path, tmp_path: Path, shown_errors
) -> None:
    dialog = make_dialog(qtbot)
    dialog.add_anchor_file(self_signed_pem(tmp_path, "Annulée"))
    dialog.add_anchor_file(self_signed_pem(tmp_path, "Annulée"))  # a new key: a second anchor
    assert dialog.anchors.topLevelItemCount() == 2
    dialog.reject()
    assert UserTrustStore().entries() == []
    assert not (data_dir / SETTINGS_FILE).exists()


def test_a_junk_file_shows_an_error_and_adds_nothing(
    qtbot, data_dir: Path, tmp_path: Path, shown_errors
) -> None:
    junk = tmp_path / "junk.crt"
    junk.write_bytes(b"this is not a certificate\x00\x01")
    dialog = make_dialog(qtbot)
    dialog.add_anchor_file(junk)
    assert len(shown_errors) == 1
    assert isinstance(shown_errors[0], TrustFileError)
    assert dialog.anchors.topLevelItemCount() == 0
    ok_button(dialog).click()
    assert UserTrustStore().entries() == []


def test_about_lists_components_with_versions_and_licences(qtbot) -> None:
    about = AboutDialog()
    qtbot.addWidget(about)
    rows = {name: (version, licence) for name, version, licence in about.component_rows()}
    for name in ("pyHanko", "signxml", "cryptography", "PySide6-Essentials", "Qt", "Noto Sans"):
        version, licence = rows[name]
        assert version and version != "?", name
        assert licence and licence != "?", name
    assert "LGPL" in rows["PySide6-Essentials"][1]
    assert "OFL" in rows["Noto Sans"][1]
    assert rows["pyHanko"][1] == "MIT"


def test_about_shows_the_version(qtbot) -> None:
    about = AboutDialog()
    qtbot.addWidget(about)
    texts = " ".join(label.text() for label in about.findChildren(QLabel))
    assert __version__ in texts


def test_screenshots(qtbot, data_dir: Path, tmp_path: Path, shown_errors) -> None:
    """Pictures to look at by eye (the paths are printed with -s)."""
    dialog = make_dialog(qtbot, Settings(locked=frozenset({"timestamp_urls"})))
    dialog.add_anchor_file(self_signed_pem(tmp_path, "Autorité de test"))
    dialog.suffix.setText("a/b")
    shots = {}
    for index, name in enumerate(("general", "output", "trust")):
        dialog.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        shots[name] = tmp_path / f"settings-{name}.png"
        assert dialog.grab().save(str(shots[name]))
    about = AboutDialog()
    qtbot.addWidget(about)
    about.show()
    qtbot.waitExposed(about)
    shots["about"] = tmp_path / "about.png"
    assert about.grab().save(str(shots["about"]))
    print(*shots.values(), sep="\n")
