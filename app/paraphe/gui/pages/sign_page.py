"""The "Sign" task: files, certificate, format, output, visible signature; sign in the background.

The page gathers the request and the key source and hands them to a ``SignWorker``, which runs
the engine's ``sign_batch``; it shows progress, answers the engine's password or PIN requests
with a dialog, and lists what was written.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.config.settings import Settings
from ...core.credentials.identities import Identity
from ...core.credentials.secrets import SecretKind, SecretRequest
from ...core.errors import Notice, ParapheError
from ...core.etsi import BaselineLevel
from ...core.signing.levels import LEVELS, is_signable, needs_timestamp
from ...core.signing.pades_choice import pades_refusal
from ...core.signing.request import SignatureFormat, SignRequest, SignResult
from ...core.text.display_text import displayable
from ...core.timestamps.servers import tsa_servers
from ..dialogs.errors import show_error
from ..dialogs.password_dialog import PasswordDialog, PinDialog
from ..i18n import localized, resolve_language
from ..widgets.certificate_picker import CertificatePicker
from ..widgets.file_list import FileList
from ..widgets.visible_signature import VisibleSignatureBox
from ..workers.sign_worker import SignWorker


class SignPage(QWidget):
    verify_requested = Signal(list)  # paths to verify: the documents and what was written
    signing_finished = Signal(object)  # BatchOutcome or None, for tests

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.worker: SignWorker | None = None
        self.results: list[Path] = []
        self.guide: Path | None = None
        """The last batch's verification guide, if one was written."""
        self.pool = QThreadPool.globalInstance()
        self._attempt_reported = False
        self._pades_checked: tuple[tuple[Path, ...], Notice | None] = ((), pades_refusal(()))
        """The files last checked for PAdES, and why it cannot sign them (None: it can)."""
        self._build()
        self._update_state()

    # ---- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.file_list = FileList()
        self.file_list.changed.connect(self._refresh_preview)
        self.file_list.changed.connect(self._update_state)
        # The widgets tests and the main window reach through the page.
        self.files = self.file_list.files
        self.table = self.file_list.table
        self.drop_zone = self.file_list.drop_zone
        self.picker = CertificatePicker(self.settings)
        self.picker.changed.connect(self._update_state)
        self.certificate = self.picker.certificate
        self.identity_details = self.picker.identity_details
        self.show_all = self.picker.show_all

        # Format, level, output
        self.format_group = QButtonGroup(self)
        self.format_buttons: dict[SignatureFormat, QRadioButton] = {}
        format_row = QHBoxLayout()
        for fmt, label in (
            (SignatureFormat.XADES, self.tr("&XAdES (.xml token)")),
            (SignatureFormat.CADES, self.tr("CAdES (.p7s &token)")),
            (SignatureFormat.PADES, self.tr("&PAdES (signed PDF)")),
        ):
            button = QRadioButton(label)
            self.format_group.addButton(button)
            self.format_buttons[fmt] = button
            format_row.addWidget(button)
            button.toggled.connect(self._update_state)
        default = self.settings.default_format
        self.format_buttons.get(default, self.format_buttons[SignatureFormat.XADES]).setChecked(
            True
        )
        self.level = QComboBox()
        for level in LEVELS:
            self.level.addItem(level.value, level.value)
        self.update_levels()
        self.beside = QRadioButton(self.tr("&Beside the originals"))
        self.elsewhere = QRadioButton(self.tr("&In this folder:"))
        self.output_dir = QLineEdit(self.settings.output_dir or "")
        self.output_dir.setAccessibleName(self.tr("Output folder"))
        self.browse = QPushButton(self.tr("Bro&wse…"))
        self.browse.clicked.connect(self.choose_output)
        (self.elsewhere if self.settings.output_dir else self.beside).setChecked(True)
        self.beside.toggled.connect(self._update_state)
        output_row = QHBoxLayout()
        output_row.addWidget(self.beside)
        output_row.addWidget(self.elsewhere)
        output_row.addWidget(self.output_dir, 1)
        output_row.addWidget(self.browse)
        options_box = QGroupBox(self.tr("Signature"))
        form = QFormLayout(options_box)
        form.addRow(self.tr("Format:"), format_row)
        form.addRow(self.tr("&Level:"), self.level)
        form.addRow(self.tr("Output:"), output_row)
        self.write_guide = QCheckBox(self.tr("Attach a verification proced&ure (PDF)"))
        self.write_guide.setToolTip(
            self.tr(
                "Writes beside the signatures a PDF that tells the buyer how to verify them, free"
                " of charge, as the arrêté of 22 March 2019 asks of a bidder."
            )
        )
        self.write_guide.setChecked(self.settings.write_verification_guide)
        self.write_guide.setEnabled("write_verification_guide" not in self.settings.locked)
        self.write_guide.toggled.connect(self._remember_guide_choice)
        form.addRow("", self.write_guide)

        # Visible signature (PAdES): its own widget; the names below are what tests reach.
        self.visible_box = VisibleSignatureBox()
        self.visible_box.changed.connect(self._update_state)
        self.picker.changed.connect(self._refresh_signer)
        self._refresh_signer()
        self.visible = self.visible_box.visible
        self.page = self.visible_box.page
        self.preview = self.visible_box.preview
        self.visible_hint = self.visible_box.hint

        # Action, progress, results
        self.sign_button = QPushButton(self.tr("Sig&n"))
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(lambda: self.start_signing())
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.file_progress = QProgressBar()
        self.file_progress.setFormat(self.tr("Current file: %p%"))
        self.overall_progress = QProgressBar()
        for bar in (self.file_progress, self.overall_progress):
            # Shown from the first signing on; hidden bars keep their place (no jumping buttons).
            policy = bar.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            bar.setSizePolicy(policy)
            bar.hide()
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it names files: never markup
        self.status.setWordWrap(True)
        self.results_list = QListWidget()
        self.results_list.setAccessibleName(self.tr("Signatures written"))
        self.open_folder = QPushButton(self.tr("&Open folder"))
        self.open_folder.clicked.connect(self.open_output_folder)
        self.verify_now = QPushButton(self.tr("Verif&y now"))
        self.verify_now.clicked.connect(self._verify_results)
        action_row = QHBoxLayout()
        action_row.addWidget(self.overall_progress, 1)
        action_row.addWidget(self.cancel_button)
        action_row.addWidget(self.sign_button)
        results_row = QHBoxLayout()
        results_row.addStretch()
        results_row.addWidget(self.open_folder)
        results_row.addWidget(self.verify_now)
        results_box = QGroupBox(self.tr("Result"))
        results_layout = QVBoxLayout(results_box)
        results_layout.addWidget(self.status)
        results_layout.addWidget(self.file_progress)
        results_layout.addLayout(action_row)
        results_layout.addWidget(self.results_list)
        results_layout.addLayout(results_row)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.file_list, 3)
        left_layout.addWidget(self.picker)
        left_layout.addWidget(options_box)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.visible_box, 3)
        right_layout.addWidget(results_box, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # ---- files and certificate -------------------------------------------------------------
    def add_paths(self, paths: list[Path]) -> None:
        self.file_list.add_paths(paths)

    def _pdfs(self) -> list[Path]:
        return self.file_list.pdfs()

    def selected_identity(self) -> Identity | None:
        if not hasattr(self, "picker"):
            return None
        return self.picker.selected_identity()

    def update_levels(self) -> None:
        """Offer the levels that can be signed now: B-T needs a timestamp server in the settings;
        the default level of the settings is chosen when it can be."""
        has_servers = bool(self.settings.timestamp_urls)
        model = self.level.model()
        for index, level in enumerate(LEVELS):
            if not is_signable(level):
                tip = self.tr("Coming in a later version")
            elif needs_timestamp(level) and not has_servers:
                tip = self.tr("Needs a timestamp server: add one in Settings")
            else:
                tip = ""
            model.item(index).setEnabled(not tip)  # type: ignore[attr-defined]
            self.level.setItemData(index, tip or None, Qt.ItemDataRole.ToolTipRole)
        wanted = self.level.findData(self.settings.default_level.value)
        current = self.level.currentIndex()
        for candidate in (wanted, current, 0):
            if candidate >= 0 and model.item(candidate).isEnabled():  # type: ignore[attr-defined]
                self.level.setCurrentIndex(candidate)
                break

    def selected_level(self) -> BaselineLevel:
        return BaselineLevel(self.level.currentData())

    def reload_identities(self, tokens: list[Identity] | None = None) -> None:
        self.picker.reload_identities(tokens)

    def remember(self, keystore: Path) -> None:
        """Read the certificate of a new .p12 once (asks its password, does not keep it)."""
        self.picker.remember(keystore)

    # ---- options ------------------------------------------------------------------------
    def selected_format(self) -> SignatureFormat:
        for fmt, button in self.format_buttons.items():
            if button.isChecked():
                return fmt
        return SignatureFormat.XADES

    def _remember_guide_choice(self, checked: bool) -> None:
        """The choice holds for the next signings, and the next sessions."""
        self.settings.write_verification_guide = checked
        with contextlib.suppress(OSError):  # not saved: still holds for this session
            self.settings.save()

    def choose_output(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Output folder"))
        if name:
            self.output_dir.setText(name)
            self.elsewhere.setChecked(True)

    def _refresh_preview(self) -> None:
        """The preview follows the list: its first PDF, or nothing once it holds none."""
        pdfs = self._pdfs()
        self.visible_box.set_document(pdfs[0] if pdfs else None, len(pdfs))

    def _refresh_signer(self) -> None:
        identity = self.selected_identity()
        self.visible_box.set_signer(identity.certificate if identity is not None else None)

    def _explain_pades(self, refusal: Notice | None) -> None:
        """Say beside the PAdES choice why it is off (a mixed batch, no file), or nothing."""
        button = self.format_buttons[SignatureFormat.PADES]
        reason = localized(refusal) if refusal is not None else ""
        button.setToolTip(reason)
        button.setAccessibleDescription(reason)

    def _update_state(self) -> None:
        if not hasattr(self, "sign_button"):
            return
        busy = self.worker is not None
        files = tuple(self.files)
        if files != self._pades_checked[0]:  # reads the first bytes of files not named .pdf
            self._pades_checked = files, pades_refusal(files)
        refusal = self._pades_checked[1]
        self._explain_pades(refusal)
        pades_button = self.format_buttons[SignatureFormat.PADES]
        pades_button.setEnabled(refusal is None and not busy)
        if pades_button.isChecked() and refusal is not None:
            self.format_buttons[SignatureFormat.XADES].setChecked(True)
        pades = self.selected_format() is SignatureFormat.PADES
        self.visible_box.set_active(pades, busy)
        self.output_dir.setEnabled(self.elsewhere.isChecked())
        self.browse.setEnabled(not busy)
        ready = bool(self.files) and self.selected_identity() is not None and not busy
        self.sign_button.setEnabled(ready)
        self.cancel_button.setEnabled(busy)
        self.drop_zone.setEnabled(not busy)
        has_results = bool(self.results) and not busy
        self.open_folder.setEnabled(has_results)
        self.verify_now.setEnabled(has_results)

    # ---- signing ------------------------------------------------------------------------
    def build_request(self) -> SignRequest:
        fmt = self.selected_format()
        visible = self.visible_box.visible_signature() if fmt is SignatureFormat.PADES else None
        output = (
            Path(self.output_dir.text())
            if self.elsewhere.isChecked() and self.output_dir.text()
            else None
        )
        level = self.selected_level()
        return SignRequest(
            documents=tuple(self.files),
            format=fmt,
            level=level,
            tsa=tsa_servers(self.settings.timestamp_urls) if needs_timestamp(level) else (),
            output_dir=output,
            visible=visible,
            pades_suffix=self.settings.pades_suffix,
        )

    def start_signing(self) -> None:
        identity = self.selected_identity()
        if identity is None or not self.files:
            return
        try:
            request = self.build_request()
            request.assert_viable()
        except ParapheError as error:
            show_error(self, error)
            return
        self._attempt_started()
        guide = resolve_language(self.settings.language) if self.write_guide.isChecked() else None
        worker = SignWorker(request, identity.source, guide_language=guide)
        worker.signals.secret_needed.connect(self._answer_secret)  # a bound slot: GUI thread
        worker.signals.progress.connect(self._on_progress)
        worker.signals.file_done.connect(self._on_file_done)
        worker.signals.notice.connect(self._on_notice)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.guide_written.connect(self._on_guide_written)
        worker.signals.guide_failed.connect(self._on_guide_failed)
        worker.signals.finished.connect(self._on_finished)
        self.worker = worker
        self.picker.busy = True
        self._update_state()
        self.pool.start(worker)

    def _attempt_started(self) -> None:
        self._attempt_reported = False
        self.results = []
        self.guide = None
        self.results_list.clear()
        self.file_progress.show()
        self.overall_progress.show()
        self.overall_progress.setRange(0, len(self.files))
        self.overall_progress.setValue(0)
        self.file_progress.setValue(0)
        self.status.setText(self.tr("Signing…"))

    def _attempt_stopped(self) -> None:
        """Nothing was signed by this attempt: said once, whether the batch stops or asks again."""
        self.status.setText(self.tr("Stopped: nothing more was signed."))
        if not self._attempt_reported:
            self._attempt_reported = True
            self.signing_finished.emit(None)

    def _answer_secret(self, request: SecretRequest) -> None:
        """The engine asks for a PIN, or a password (again, when the last one was wrong)."""
        if request.kind is SecretKind.TOKEN_PIN:
            secret = PinDialog.ask_pin(request, self)
        else:
            assert request.keystore is not None
            if request.retry:
                self._attempt_stopped()  # the attempt with the wrong password is over
            secret = PasswordDialog.ask(request.keystore, request.retry, self)
            if request.retry and secret is not None:
                self._attempt_started()
        if self.worker is not None:
            self.worker.answer_secret(secret)
        del secret

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def _on_progress(self, progress: object) -> None:
        total = getattr(progress, "bytes_total", 0) or 1
        self.file_progress.setValue(int(100 * getattr(progress, "bytes_done", 0) / total))
        self.overall_progress.setValue(getattr(progress, "file_index", 0))
        self.status.setText(
            self.tr("Signing %1 (%2 of %3)…")
            .replace("%1", displayable(Path(getattr(progress, "path", "")).name))
            .replace("%2", str(getattr(progress, "file_index", 0) + 1))
            .replace("%3", str(getattr(progress, "file_count", 1)))
        )

    def _on_file_done(self, result: SignResult) -> None:
        output = Path(result.output)
        self.results.append(output)
        self.results_list.addItem(f"✔ {displayable(output.name)}")
        self.overall_progress.setValue(len(self.results))

    def _on_notice(self, notice: object) -> None:
        text = localized(notice)
        self.results_list.addItem(f"⚠ {text}")
        # Also where the eye is while waiting: "type the PIN on the reader's keypad" comes while
        # the reader waits, before any progress replaces it.
        self.status.setText(text)

    def _on_guide_written(self, path: Path) -> None:
        self.guide = path
        self.results_list.addItem(f"✔ {displayable(path.name)}")

    def _on_guide_failed(self, error: object) -> None:
        self.results_list.addItem(f"✘ {localized(error)}")

    def _on_failed(self, error: object) -> None:
        if isinstance(error, BaseException):
            show_error(self, error)

    def _on_finished(self, outcome: object) -> None:
        self.worker = None
        self.picker.busy = False
        if outcome is None:
            self._update_state()
            self._attempt_stopped()
            return
        failures = getattr(outcome, "failures", [])
        for failure in failures:
            self.results_list.addItem(f"✘ {localized(failure)}")
        self.status.setText(
            self.tr("%1 signed, %2 failed.")
            .replace("%1", str(len(self.results)))
            .replace("%2", str(len(failures)))
        )
        self.file_progress.setValue(100)
        self._update_state()
        self.signing_finished.emit(outcome)

    def open_output_folder(self) -> None:
        if self.results:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.results[0].parent)))

    def _verify_results(self) -> None:
        self.verify_requested.emit(sorted({*self.files, *self.results}))
