"""Settings: timestamp server, default format and level, output naming and folder, language, and
the certificates the user trusts.

Nothing changes until OK: the ``Settings`` object is then updated in place and saved, and the
trust anchors added or removed are written to the ``UserTrustStore``. Cancel leaves both alone.
Settings an admin policy fixes (``Settings.locked``) are shown read-only.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.config.settings import TRUST_ANCHORS, Settings
from ...core.errors import UsageError
from ...core.etsi import BaselineLevel, SignatureFormat
from ...core.signing.levels import FORMAT_NAMES, LEVELS, is_signable, needs_timestamp
from ...core.timestamps.servers import TsaServer
from ...core.trust import TrustFileError, UserTrustStore
from ..screen_fit import fitted_size
from ..widgets.trust_anchors_editor import TrustAnchorsEditor
from . import errors

LANGUAGES = ("system", "fr", "en")
FORBIDDEN_IN_SUFFIX = '/\\<>:"|?*'
"""Path separators, and the characters Windows refuses in a file name."""
EXAMPLE_DOCUMENT = "Contrat.pdf"


def note(text: str) -> QLabel:
    """A wrapped explanation under a field, as wide as the field column."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return label


class SettingsDialog(QDialog):
    language_changed = Signal(str)
    """Emitted on OK when the language changed: "system", "fr" or "en"."""

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        trust_store: UserTrustStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.trust_store = trust_store or UserTrustStore()
        self.setWindowTitle(self.tr("Settings"))

        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(), self.tr("&General"))
        self.tabs.addTab(self._output_tab(), self.tr("&Output"))
        self.tabs.addTab(self._trust_tab(), self.tr("T&rust anchors"))

        self.locked_notice = QLabel(
            self.tr("Some settings are set by your administrator and cannot be changed here.")
        )
        self.locked_notice.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.locked_notice)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._load_values()
        self._apply_locks()
        for signal in (
            self.timestamp_urls.textChanged,
            self.level_combo.currentIndexChanged,
            self.suffix.textChanged,
            self.folder_edit.textChanged,
            self.folder_radio.toggled,
        ):
            signal.connect(self._validate)
        self.suffix.textChanged.connect(self._update_example)
        self.folder_radio.toggled.connect(self._update_folder_enabled)
        self._update_example()
        self._update_folder_enabled()
        self._validate()
        self.resize(fitted_size(QSize(600, 460)))

    # -- construction -------------------------------------------------------------------------

    def _general_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "system")
        self.language.addItem("Français", "fr")  # each language named in itself
        self.language.addItem("English", "en")
        self.language_label = QLabel(self.tr("&Language:"))
        self.language_label.setBuddy(self.language)
        form.addRow(self.language_label, self.language)
        form.addRow("", note(self.tr("A new language applies to windows opened after OK.")))

        self.format_combo = QComboBox()
        for signature_format, name in FORMAT_NAMES.items():
            self.format_combo.addItem(name, signature_format.value)
        self.format_label = QLabel(self.tr("Default &format:"))
        self.format_label.setBuddy(self.format_combo)
        form.addRow(self.format_label, self.format_combo)

        self.level_combo = QComboBox()
        model = self.level_combo.model()
        for row, level in enumerate(LEVELS):
            self.level_combo.addItem(level.value, level.value)
            if not is_signable(level) and isinstance(model, QStandardItemModel):
                item = model.item(row)
                item.setEnabled(False)
                item.setToolTip(self.tr("Coming in a later version"))
        self.level_label = QLabel(self.tr("Default le&vel:"))
        self.level_label.setBuddy(self.level_combo)
        form.addRow(self.level_label, self.level_combo)

        self.timestamp_urls = QPlainTextEdit()
        self.timestamp_urls.setPlaceholderText("https://…")
        self.timestamp_urls.setTabChangesFocus(True)
        self.timestamp_urls.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.timestamp_label = QLabel(self.tr("&Timestamp servers:"))
        self.timestamp_label.setBuddy(self.timestamp_urls)
        form.addRow(self.timestamp_label, self.timestamp_urls)
        timestamp_note = note(
            self.tr(
                "One address per line, tried in order: the next one is used when a server does"
                " not answer. Levels B-T and above need at least one."
            )
        )
        form.addRow("", timestamp_note)
        return page

    def _output_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.suffix = QLineEdit()
        self.suffix_label = QLabel(self.tr("PAdES file s&uffix:"))
        self.suffix_label.setBuddy(self.suffix)
        form.addRow(self.suffix_label, self.suffix)
        self.example = QLabel()
        self.example.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("PAdES signed copy:"), self.example)
        tokens = QLabel(
            f"{EXAMPLE_DOCUMENT} - Signature 1.xml  (XAdES)\n"
            f"{EXAMPLE_DOCUMENT} - Signature 1.p7s  (CAdES)"
        )
        tokens.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Signature tokens:"), tokens)
        tokens_note = note(
            self.tr(
                "Token names follow the convention buyer platforms expect; a second signer of"
                " the same file gets “Signature 2”. Originals are never modified."
            )
        )
        form.addRow("", tokens_note)
        layout.addLayout(form)

        folder_title = QLabel(self.tr("Save signatures:"))
        self.beside_radio = QRadioButton(self.tr("&Beside the original files"))
        self.folder_radio = QRadioButton(self.tr("In this fol&der:"))
        self.output_group = QButtonGroup(self)
        self.output_group.addButton(self.beside_radio)
        self.output_group.addButton(self.folder_radio)
        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName(self.tr("Output folder"))
        self.browse_button = QPushButton(self.tr("Bro&wse…"))
        self.browse_button.clicked.connect(self._browse_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_radio)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        layout.addSpacing(8)
        layout.addWidget(folder_title)
        layout.addWidget(self.beside_radio)
        layout.addLayout(folder_row)
        layout.addStretch(1)
        return page

    def _trust_tab(self) -> QWidget:
        self.trust_editor = TrustAnchorsEditor(self.trust_store)
        # The widgets tests reach through the dialog.
        self.anchors = self.trust_editor.anchors
        self.add_anchor_button = self.trust_editor.add_anchor_button
        self.remove_anchor_button = self.trust_editor.remove_anchor_button
        return self.trust_editor

    def add_anchor_file(self, path: Path) -> None:
        self.trust_editor.add_anchor_file(path)

    def _load_values(self) -> None:
        s = self.settings
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.format_combo.setCurrentIndex(
            max(0, self.format_combo.findData(s.default_format.value))
        )
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(s.default_level.value)))
        self.timestamp_urls.setPlainText("\n".join(s.timestamp_urls))
        self.suffix.setText(s.pades_suffix)
        self.folder_edit.setText(s.output_dir or "")
        (self.folder_radio if s.output_dir else self.beside_radio).setChecked(True)
        self.trust_editor.load()

    def _lockable_widgets(self) -> dict[str, tuple[QWidget, ...]]:
        return {
            "language": (self.language,),
            "default_format": (self.format_combo,),
            "default_level": (self.level_combo,),
            "timestamp_urls": (self.timestamp_urls,),
            "pades_suffix": (self.suffix,),
            "output_dir": (
                self.beside_radio,
                self.folder_radio,
                self.folder_edit,
                self.browse_button,
            ),
            TRUST_ANCHORS: (self.add_anchor_button, self.remove_anchor_button),
        }

    def _apply_locks(self) -> None:
        locked = self.settings.locked
        for name, widgets in self._lockable_widgets().items():
            if name in locked:
                for widget in widgets:
                    widget.setEnabled(False)
                    widget.setToolTip(self.tr("Set by your administrator"))
        self.locked_notice.setVisible(any(name in locked for name in self._lockable_widgets()))
        self.trust_editor.locked = TRUST_ANCHORS in locked
        self.trust_editor.update_remove_enabled()

    def is_locked(self, name: str) -> bool:
        return name in self.settings.locked

    # -- live behaviour -----------------------------------------------------------------------

    def _update_example(self) -> None:
        stem = Path(EXAMPLE_DOCUMENT).stem
        suffix = self.suffix.text()
        self.example.setText(f"{stem}{suffix}.pdf" if self._suffix_problem() is None else "—")

    def _update_folder_enabled(self) -> None:
        enabled = self.folder_radio.isChecked() and not self.is_locked("output_dir")
        self.folder_edit.setEnabled(enabled)
        self.browse_button.setEnabled(enabled)

    def _browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the signatures"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def _suffix_problem(self) -> str | None:
        suffix = self.suffix.text()
        if not suffix.strip():
            return self.tr("PAdES file suffix: it cannot be empty.")
        if any(c in FORBIDDEN_IN_SUFFIX or ord(c) < 32 for c in suffix):
            return self.tr(
                'PAdES file suffix: it cannot contain / \\ < > : " | ? * (it is part of a file name).'
            )
        return None

    def _server_lines(self) -> list[str]:
        return [
            line.strip() for line in self.timestamp_urls.toPlainText().splitlines() if line.strip()
        ]

    def _url_problem(self) -> str | None:
        for number, line in enumerate(self._server_lines(), start=1):
            try:
                TsaServer.parse(line)
            except UsageError:
                return self.tr(
                    "Timestamp server, line %1: enter an address starting with http:// or"
                    " https://, without a user name or password."
                ).replace("%1", str(number))
        return None

    def _level_problem(self) -> str | None:
        level = BaselineLevel(self.level_combo.currentData())
        if needs_timestamp(level) and not self._server_lines():
            return self.tr("Default level %1 needs a timestamp server.").replace("%1", level.value)
        return None

    def _folder_problem(self) -> str | None:
        if self.folder_radio.isChecked() and not self.folder_edit.text().strip():
            return self.tr("Output folder: choose a folder, or save beside the original files.")
        return None

    def problems(self) -> list[str]:
        """What keeps OK from saving, one sentence each; empty when everything is valid."""
        found = (
            self._url_problem(),
            self._level_problem(),
            self._suffix_problem(),
            self._folder_problem(),
        )
        return [p for p in found if p]

    def _validate(self) -> bool:
        problems = self.problems()
        self.message.setText("\n".join(problems))
        self.message.setVisible(bool(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return not problems

    # -- OK -----------------------------------------------------------------------------------

    def _edited_values(self) -> dict[str, Any]:
        """The values shown, for the settings not locked by a policy."""
        values = {
            "language": self.language.currentData(),
            "default_format": SignatureFormat(self.format_combo.currentData()),
            "default_level": BaselineLevel(self.level_combo.currentData()),
            "timestamp_urls": self._server_lines(),
            "pades_suffix": self.suffix.text(),
            "output_dir": self.folder_edit.text().strip()
            if self.folder_radio.isChecked()
            else None,
        }
        return {name: value for name, value in values.items() if not self.is_locked(name)}

    def accept(self) -> None:
        if not self._validate():
            return
        values = self._edited_values()
        try:
            if not self.is_locked(TRUST_ANCHORS):
                self.trust_editor.save_changes()
            # Save a copy first: if the disk refuses, the caller's Settings stay as they were.
            dataclasses.replace(self.settings, **values).save()
        except (TrustFileError, OSError) as exc:
            errors.show_error(self, exc)
            return
        old_language = self.settings.language
        for name, value in values.items():
            setattr(self.settings, name, value)
        if self.settings.language != old_language:
            self.language_changed.emit(self.settings.language)
        super().accept()
