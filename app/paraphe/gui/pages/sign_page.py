"""The "Sign" task: files, certificate, format, output, visible signature; sign in the background.

The page gathers the request and the key source, asks the engine's pre-flight whether each file
and the key can be used (before any password: the user sees every problem and may sign the
others), and hands the rest to a ``SignWorker``, which runs the engine's ``sign_batch``; it shows
progress, answers the engine's password or PIN requests with a dialog (or the password kept for
the session), lists what was signed and what failed, and marks the files accordingly.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QThreadPool, Signal
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
    QMessageBox,
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
from ...core.signing.preflight import FileProblem, Preflight, preflight
from ...core.signing.request import SignatureFormat, SignRequest, SignResult
from ...core.text.display_text import displayable
from ...core.timestamps.servers import tsa_servers
from ..dialogs.errors import show_error
from ..dialogs.password_dialog import PinDialog
from ..i18n import localized, resolve_language, translated
from ..session_passwords import SessionPasswords
from ..widgets.certificate_picker import CertificatePicker
from ..widgets.file_list import FileList, FileState
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
        self.passwords = SessionPasswords()
        """.p12 passwords the user asked to keep until quitting (memory only)."""
        self._attempt_reported = False
        self._pades_checked: tuple[tuple[Path, ...], Notice | None] = ((), pades_refusal(()))
        """The files last checked for PAdES, and why it cannot sign them (None: it can)."""
        self._skipped: tuple[FileProblem, ...] = ()
        """The files the pre-flight refused in the batch under way (the user signed the rest)."""
        self._when_stopped: list[Callable[[], object]] = []
        self._summary: tuple[int, int] | None = None
        """(signed, failed) of the last batch, shown in the current language."""
        self._build()
        self.retranslate()
        self._update_state()

    @property
    def busy(self) -> bool:
        """A batch is under way."""
        return self.worker is not None

    # ---- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.file_list = FileList()
        self.file_list.changed.connect(self._refresh_preview)
        self.file_list.changed.connect(self._update_state)
        self.file_list.cleared.connect(self.clear_results)
        # The widgets tests and the main window reach through the page.
        self.files = self.file_list.files
        self.table = self.file_list.table
        self.drop_zone = self.file_list.drop_zone
        self.picker = CertificatePicker(self.settings, passwords=self.passwords)
        self.picker.changed.connect(self._update_state)
        self.certificate = self.picker.certificate
        self.identity_details = self.picker.identity_details
        self.show_all = self.picker.show_all

        # Format, level, output
        self.format_group = QButtonGroup(self)
        self.format_buttons: dict[SignatureFormat, QRadioButton] = {}
        format_row = QHBoxLayout()
        for fmt in (SignatureFormat.XADES, SignatureFormat.CADES, SignatureFormat.PADES):
            button = QRadioButton()
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
        self.beside = QRadioButton()
        self.elsewhere = QRadioButton()
        self.output_dir = QLineEdit(self.settings.output_dir or "")
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose_output)
        (self.elsewhere if self.settings.output_dir else self.beside).setChecked(True)
        self.beside.toggled.connect(self._update_state)
        output_row = QHBoxLayout()
        output_row.addWidget(self.beside)
        output_row.addWidget(self.elsewhere)
        output_row.addWidget(self.output_dir, 1)
        output_row.addWidget(self.browse)
        self.options_box = QGroupBox()
        form = QFormLayout(self.options_box)
        self.format_label = QLabel()
        self.level_label = QLabel()
        self.level_label.setBuddy(self.level)
        self.output_label = QLabel()
        form.addRow(self.format_label, format_row)
        form.addRow(self.level_label, self.level)
        form.addRow(self.output_label, output_row)
        self.write_guide = QCheckBox()
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
        self.sign_button = QPushButton()
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(lambda: self.start_signing())
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.file_progress = QProgressBar()
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
        self.results_list.setWordWrap(True)  # a reason is a sentence: read whole, not scrolled
        self.results_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.open_folder = QPushButton()
        self.open_folder.clicked.connect(self.open_output_folder)
        self.verify_now = QPushButton()
        self.verify_now.clicked.connect(self._verify_results)
        action_row = QHBoxLayout()
        action_row.addWidget(self.overall_progress, 1)
        action_row.addWidget(self.cancel_button)
        action_row.addWidget(self.sign_button)
        results_row = QHBoxLayout()
        results_row.addStretch()
        results_row.addWidget(self.open_folder)
        results_row.addWidget(self.verify_now)
        self.results_box = QGroupBox()
        results_layout = QVBoxLayout(self.results_box)
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
        left_layout.addWidget(self.options_box)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.visible_box, 3)
        right_layout.addWidget(self.results_box, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def retranslate(self) -> None:
        """Every text of the page in the current language (the visible-signature group has its
        own)."""
        for fmt, label in (
            (SignatureFormat.XADES, self.tr("&XAdES (.xml token)")),
            (SignatureFormat.CADES, self.tr("CAdES (.p7s &token)")),
            (SignatureFormat.PADES, self.tr("&PAdES (signed PDF)")),
        ):
            self.format_buttons[fmt].setText(label)
        self.beside.setText(self.tr("&Beside the originals"))
        self.elsewhere.setText(self.tr("&In this folder:"))
        self.output_dir.setAccessibleName(self.tr("Output folder"))
        self.browse.setText(self.tr("Bro&wse…"))
        self.options_box.setTitle(self.tr("Signature"))
        self.format_label.setText(self.tr("Format:"))
        self.level_label.setText(self.tr("&Level:"))
        self.output_label.setText(self.tr("Output:"))
        self.write_guide.setText(self.tr("Attach a verification proced&ure (PDF)"))
        self.write_guide.setToolTip(
            self.tr(
                "Writes beside the signatures a PDF that tells the buyer how to verify them, free"
                " of charge, as the arrêté of 22 March 2019 asks of a bidder."
            )
        )
        self.sign_button.setText(self.tr("Sig&n"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.file_progress.setFormat(self.tr("Current file: %p%"))
        self.results_list.setAccessibleName(self.tr("Signatures written"))
        self.open_folder.setText(self.tr("&Open folder"))
        self.verify_now.setText(self.tr("Verif&y now"))
        self.results_box.setTitle(self.tr("Result"))
        self._show_summary()
        self.update_levels()
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
        identity = self.selected_identity()
        usable = identity is not None and self.picker.badge(identity).can_sign
        ready = bool(self.files) and usable and not busy
        self.sign_button.setEnabled(ready)
        self.sign_button.setToolTip(
            ""
            if usable or identity is None
            else self.tr("This certificate is outside its validity period: choose another.")
        )
        self.picker.remove_keystore_button.setEnabled(
            identity is not None and identity.keystore is not None and not busy
        )
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
        if identity is None or not self.files or self.busy:
            return
        try:
            request = self.build_request()
            request.assert_viable()
        except ParapheError as error:
            show_error(self, error)
            return
        # Before any password or PIN: every file and the key, by the engine's one check.
        checked = preflight(request, identity.source, certificate=identity.certificate)
        self.file_list.clear_marks()
        if checked.blocking is not None:
            show_error(self, checked.blocking)
            return
        for problem in checked.problems:
            self.file_list.mark(problem.document, FileState.REFUSED, translated(problem.error))
        if checked.problems:
            if not self._sign_the_others(checked):
                return
            request = checked.narrowed(request)
        self._skipped = checked.problems
        self._attempt_started()
        guide = resolve_language(self.settings.language) if self.write_guide.isChecked() else None
        worker = SignWorker(request, identity.source, guide_language=guide)
        worker.signals.secret_needed.connect(self._answer_secret)  # a bound slot: GUI thread
        worker.signals.progress.connect(self._on_progress)
        worker.signals.file_done.connect(self._on_file_done)
        worker.signals.file_failed.connect(self._on_file_failed)
        worker.signals.notice.connect(self._on_notice)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.guide_written.connect(self._on_guide_written)
        worker.signals.guide_failed.connect(self._on_guide_failed)
        worker.signals.finished.connect(self._on_finished)
        self.worker = worker
        self.picker.busy = True
        self._update_state()
        self.pool.start(worker)

    def _sign_the_others(self, checked: Preflight) -> bool:
        """Some files cannot be signed: say which and why, and let the user sign the others
        (the default: nothing is lost, the refused files stay marked in the list) or stop."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names are never markup
        box.setWindowTitle(self.tr("Some files cannot be signed"))
        total = len(checked.ready) + len(checked.problems)
        box.setText(
            self.tr("%1 of the %2 files cannot be signed:")
            .replace("%1", str(len(checked.problems)))
            .replace("%2", str(total))
        )
        reasons = [f"• {localized(p.error)}" for p in checked.problems]
        shown = reasons[:6]
        if len(reasons) > len(shown):
            shown.append(
                self.tr("… and %1 more (see the details).").replace(
                    "%1", str(len(reasons) - len(shown))
                )
            )
        box.setInformativeText("\n".join(shown))
        box.setDetailedText("\n".join(reasons))
        if not checked.ready:
            box.setText(self.tr("None of the files can be signed:"))
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            return False
        sign = box.addButton(
            self.tr("Sign the other %1 file(s)").replace("%1", str(len(checked.ready))),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(sign)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is sign

    def clear_results(self) -> None:
        """Forget what the last batch showed ("Clear" emptied the list): no stale "300 signed"."""
        if self.busy:
            return
        self.results = []
        self.guide = None
        self._skipped = ()
        self.results_list.clear()
        self._summary = None
        self.status.clear()
        self.file_progress.hide()
        self.overall_progress.hide()
        self._update_state()

    def _show_summary(self) -> None:
        if self._summary is not None:
            signed, failed = self._summary
            self.status.setText(
                self.tr("%1 signed, %2 failed.")
                .replace("%1", str(signed))
                .replace("%2", str(failed))
            )

    def _attempt_started(self) -> None:
        self._summary = None
        self._attempt_reported = False
        self.results = []
        self.guide = None
        self.results_list.clear()
        for problem in self._skipped:
            self.results_list.addItem(f"✘ {localized(problem.error)}")
        self.file_progress.show()
        self.overall_progress.show()
        self.overall_progress.setRange(0, len(self.files) - len(self._skipped))
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
        """The engine asks for a PIN, or a password (again, when the last one was wrong: the
        dialog says so; the batch is still waiting, not stopped)."""
        if request.kind is SecretKind.TOKEN_PIN:
            secret = PinDialog.ask_pin(request, self)
        else:
            if request.retry:
                self.status.setText(self.tr("Wrong password: waiting for another try…"))
            secret = self.passwords.ask(request, self)
            if secret is not None:
                self.status.setText(self.tr("Signing…"))
        if self.worker is not None:
            self.worker.answer_secret(secret)
        del secret

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def stop(self, then: Callable[[], object]) -> None:
        """Stop the batch (the file under way is finished or left out whole) and call ``then``
        once the worker is done: what closing the window during a run does."""
        if self.worker is None:
            then()
            return
        self._when_stopped.append(then)
        self.cancel()

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
        self.file_list.mark(Path(result.document), FileState.SIGNED)

    def _on_file_failed(self, document: object, error: object) -> None:
        """One file failed during the run; the others go on."""
        self.results_list.addItem(f"✘ {localized(error)}")
        if isinstance(error, ParapheError):
            self.file_list.mark(Path(str(document)), FileState.FAILED, translated(error))

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
        waiting, self._when_stopped = self._when_stopped, []
        if outcome is None:
            self._update_state()
            self._attempt_stopped()
        else:
            failures = len(getattr(outcome, "failures", [])) + len(self._skipped)
            self._summary = (len(self.results), failures)
            self._show_summary()
            self.file_progress.setValue(100)
            self._update_state()
            self.signing_finished.emit(outcome)
        for then in waiting:
            then()

    def open_output_folder(self) -> None:
        """The folder of the signatures, in the file manager; where it is, when none opens it."""
        from ..desktop_open import open_in_desktop

        if self.results:
            open_in_desktop(self, self.results[0].parent)

    def _verify_results(self) -> None:
        self.verify_requested.emit(sorted({*self.files, *self.results}))
