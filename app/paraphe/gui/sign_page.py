"""The "Sign" task: files, certificate, format, output, visible signature; sign in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.display_text import displayable
from ..core.documents import mime_type_for
from ..core.errors import ParapheError, WrongPassword
from ..core.settings import Settings
from ..core.signing.request import SignatureFormat, SignRequest, VisibleSignature
from .dialogs.errors import show_error
from .i18n import localized
from .identities import (
    Badge,
    Identity,
    identities,
    remember_keystore,
    token_identities,
    token_presence,
)
from .password_dialog import PasswordDialog, PinDialog
from .pdf_preview import PdfPreview
from .plain_text import as_html, tooltip
from .sign_worker import SignWorker
from .widgets.drop_zone import DropZone

_BADGE_STYLE = {
    Badge.QUALIFIED: ("✔", "#1b7f3b"),
    Badge.NOT_QUALIFIED: ("!", "#9a6700"),
    Badge.EXPIRED: ("✘", "#b00020"),
}


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


class SignPage(QWidget):
    verify_requested = Signal(list)  # paths to verify: the documents and what was written
    signing_finished = Signal(object)  # BatchOutcome or None, for tests

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.files: list[Path] = []
        self.worker: SignWorker | None = None
        self.results: list[Path] = []
        self.pool = QThreadPool.globalInstance()
        self._token_state: tuple[tuple[str, str, str], ...] | None = None
        self._polling = False
        self._build()
        self.reload_identities()
        self._update_state()
        # Plugging a token in (or pulling it out) refreshes the certificate list.
        self.token_timer = QTimer(self)
        self.token_timer.setInterval(3000)
        self.token_timer.timeout.connect(self.poll_tokens)
        self.token_timer.start()

    # ---- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.drop_zone = DropZone(
            self.tr("Drop the files to sign here, or add them with the buttons.")
        )
        self.drop_zone.paths_dropped.connect(self.add_paths)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Size"), self.tr("Type")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.remove_button = QPushButton(self.tr("&Remove selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QPushButton(self.tr("C&lear"))
        self.clear_button.clicked.connect(self.clear_files)
        file_buttons = QHBoxLayout()
        file_buttons.addStretch()
        file_buttons.addWidget(self.remove_button)
        file_buttons.addWidget(self.clear_button)

        files_box = QGroupBox(self.tr("Files"))
        files_layout = QVBoxLayout(files_box)
        files_layout.addWidget(self.drop_zone)
        files_layout.addWidget(self.table)
        files_layout.addLayout(file_buttons)

        # Certificate picker
        self.certificate = QComboBox()
        self.certificate.setAccessibleName(self.tr("Certificate"))
        self.certificate.currentIndexChanged.connect(self._show_identity)
        self.add_keystore_button = QPushButton(self.tr("Add a .p12 &certificate…"))
        self.add_keystore_button.clicked.connect(self.add_keystore)
        self.show_all = QCheckBox(self.tr("Show certificates not meant for signing"))
        self.show_all.toggled.connect(self.reload_identities)
        self.identity_details = QLabel()
        self.identity_details.setWordWrap(True)
        self.identity_details.setTextFormat(Qt.TextFormat.RichText)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.certificate, 1)
        cert_row.addWidget(self.add_keystore_button)
        cert_box = QGroupBox(self.tr("Certificate"))
        cert_layout = QVBoxLayout(cert_box)
        cert_layout.addLayout(cert_row)
        cert_layout.addWidget(self.identity_details)
        cert_layout.addWidget(self.show_all)

        # Format, level, output
        self.format_group = QButtonGroup(self)
        self.format_buttons: dict[SignatureFormat, QRadioButton] = {}
        format_row = QHBoxLayout()
        for fmt, label in (
            (SignatureFormat.XADES, self.tr("&XAdES (.xml token)")),
            (SignatureFormat.CADES, self.tr("CA&dES (.p7s token)")),
            (SignatureFormat.PADES, self.tr("&PAdES (signed PDF)")),
        ):
            button = QRadioButton(label)
            self.format_group.addButton(button)
            self.format_buttons[fmt] = button
            format_row.addWidget(button)
            button.toggled.connect(self._update_state)
        default = SignatureFormat(self.settings.default_format)
        self.format_buttons.get(default, self.format_buttons[SignatureFormat.XADES]).setChecked(
            True
        )
        self.level = QComboBox()
        self.level.addItem("B-B", "B-B")
        for level in ("B-T", "B-LT", "B-LTA"):
            self.level.addItem(level, level)
            index = self.level.count() - 1
            self.level.model().item(index).setEnabled(False)  # type: ignore[attr-defined]
            self.level.setItemData(
                index,
                self.tr("Needs a timestamp server: coming in a later version"),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.beside = QRadioButton(self.tr("&Beside the originals"))
        self.elsewhere = QRadioButton(self.tr("In this f&older:"))
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

        # Visible signature (PAdES)
        self.visible = QCheckBox(self.tr("&Visible signature on the page"))
        self.visible.toggled.connect(self._update_state)
        self.page = QSpinBox()
        self.page.setMinimum(1)
        self.page.setAccessibleName(self.tr("Page"))
        self.page.valueChanged.connect(self._refresh_preview)
        self.preview = PdfPreview()
        self.visible_hint = QLabel(self.tr("Click on the page to place the signature."))
        page_row = QHBoxLayout()
        page_row.addWidget(self.visible)
        page_row.addStretch()
        page_row.addWidget(QLabel(self.tr("Page:")))
        page_row.addWidget(self.page)
        self.visible_box = QGroupBox(self.tr("Visible signature (PAdES)"))
        visible_layout = QVBoxLayout(self.visible_box)
        visible_layout.addLayout(page_row)
        visible_layout.addWidget(self.visible_hint)
        visible_layout.addWidget(self.preview, 1)

        # Action, progress, results
        self.sign_button = QPushButton(self.tr("&Sign"))
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.start_signing)
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
        self.verify_now = QPushButton(self.tr("Verify &now"))
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
        left_layout.addWidget(files_box, 3)
        left_layout.addWidget(cert_box)
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

    # ---- files --------------------------------------------------------------------------
    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            candidates = (
                sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            )
            for candidate in candidates:
                if candidate.name.startswith(".") or candidate in self.files:
                    continue
                self.files.append(candidate)
        self._fill_table()
        self._refresh_preview()
        self._update_state()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.files))
        for row, path in enumerate(self.files):
            try:
                size = human_size(path.stat().st_size)
            except OSError:
                size = "?"
            for column, text in enumerate((displayable(path.name), size, mime_type_for(path))):
                item = QTableWidgetItem(text)
                item.setToolTip(tooltip(path))
                self.table.setItem(row, column, item)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            del self.files[row]
        self._fill_table()
        self._refresh_preview()
        self._update_state()

    def clear_files(self) -> None:
        self.files.clear()
        self._fill_table()
        self._update_state()

    def _pdfs(self) -> list[Path]:
        return [f for f in self.files if f.suffix.lower() == ".pdf"]

    # ---- certificates -------------------------------------------------------------------
    def reload_identities(self, tokens: list[Identity] | None = None) -> None:
        """Refill the picker; ``tokens`` when a probe already read them off the GUI thread."""
        current = self.selected_identity()
        self.certificate.blockSignals(True)
        self.certificate.clear()
        show_all = self.show_all.isChecked()
        files = [i for i in identities(self.settings) if i.is_signing or show_all]
        if tokens is None:
            tokens = _read_token_identities(self.settings, show_all)
        for identity in files:
            self._add_identity(identity)
        token_names: list[str] = []
        for identity in tokens:
            assert identity.token is not None
            if identity.token.token_label not in token_names:
                token_names.append(identity.token.token_label)
                self.certificate.addItem(
                    self.tr("— Token: %1 —").replace("%1", identity.token.token_label)
                )
                header = self.certificate.model().item(self.certificate.count() - 1)  # type: ignore[attr-defined]
                header.setEnabled(False)
            self._add_identity(identity)
        if current is not None:
            for index in range(self.certificate.count()):
                if self.certificate.itemData(index) == current:
                    self.certificate.setCurrentIndex(index)
        if self.selected_identity() is None:
            for index in range(self.certificate.count()):
                if isinstance(self.certificate.itemData(index), Identity):
                    self.certificate.setCurrentIndex(index)
                    break
        self.certificate.blockSignals(False)
        self._show_identity()
        self._update_state()

    def _add_identity(self, identity: Identity) -> None:
        label = identity.holder
        if identity.organisation:
            label += f" — {identity.organisation}"
        if identity.siren:
            label += f" (SIREN {identity.siren})"
        if identity.token is not None:
            label = "    " + label
        self.certificate.addItem(label, identity)

    def poll_tokens(self) -> None:
        """Look for tokens plugged in or pulled out, off the GUI thread."""
        if self._polling or self.worker is not None:
            return
        self._polling = True
        probe = _TokenProbe(self.settings, self._token_state, self.show_all.isChecked())
        probe.signals.done.connect(self._tokens_polled)
        QThreadPool.globalInstance().start(probe)

    def _tokens_polled(self, result: object) -> None:
        """The probe's (presence, identities): identities read off the GUI thread on a change."""
        self._polling = False
        state, tokens = result  # type: ignore[misc]
        if state != self._token_state:
            first = self._token_state is None
            self._token_state = state
            if not first and tokens is not None:
                self.reload_identities(tokens)

    def selected_identity(self) -> Identity | None:
        if not hasattr(self, "certificate"):
            return None
        data = self.certificate.currentData()
        return data if isinstance(data, Identity) else None

    def _badge_text(self, badge: Badge) -> str:
        return {
            Badge.QUALIFIED: self.tr("Qualified"),
            Badge.NOT_QUALIFIED: self.tr("Not qualified"),
            Badge.EXPIRED: self.tr("Expired"),
        }[badge]

    def _show_identity(self) -> None:
        identity = self.selected_identity()
        if identity is None:
            self.identity_details.setText(
                self.tr("No certificate yet: add your .p12 file with the button above.")
            )
            self._update_state()
            return
        cert = identity.certificate
        symbol, colour = _BADGE_STYLE[identity.badge()]
        usage = ", ".join(identity.key_usage) or "—"
        lines = [
            f"<span style='color:{colour}; font-weight:bold'>{symbol} {self._badge_text(identity.badge())}</span>",
            self.tr("Holder: %1").replace("%1", _escape(identity.holder)),
            self.tr("Organisation: %1").replace("%1", _escape(identity.organisation or "—")),
            self.tr("SIREN: %1").replace("%1", _escape(identity.siren or "—")),
            self.tr("Issuer: %1").replace("%1", _escape(identity.issuer)),
            self.tr("Valid from %1 to %2")
            .replace("%1", cert.not_valid_before_utc.date().isoformat())
            .replace("%2", cert.not_valid_after_utc.date().isoformat()),
            self.tr("Key usage: %1").replace("%1", usage),
            (
                self.tr("Token: %1 (key %2)")
                .replace("%1", _escape(identity.token.token_label))
                .replace("%2", _escape(identity.token.key_label))
                if identity.token is not None
                else self.tr("File: %1").replace("%1", _escape(str(identity.keystore)))
            ),
        ]
        self.identity_details.setText("<br>".join(lines))
        self._update_state()

    def add_keystore(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a certificate file"),
            "",
            self.tr("PKCS#12 (*.p12 *.pfx);;All files (*)"),
        )
        if name:
            self.remember(Path(name))

    def remember(self, keystore: Path) -> None:
        """Read the certificate of a new .p12 once (asks its password, does not keep it)."""
        retry = False
        while True:
            password = PasswordDialog.ask(keystore, retry, self)
            if password is None:
                return
            try:
                identity = remember_keystore(self.settings, keystore, password)
            except WrongPassword:
                retry = True
                continue
            except ParapheError as error:
                show_error(self, error)
                return
            break
        self.reload_identities()
        for index in range(self.certificate.count()):
            data = self.certificate.itemData(index)
            if isinstance(data, Identity) and data.keystore == identity.keystore:
                self.certificate.setCurrentIndex(index)

    # ---- options ------------------------------------------------------------------------
    def selected_format(self) -> SignatureFormat:
        for fmt, button in self.format_buttons.items():
            if button.isChecked():
                return fmt
        return SignatureFormat.XADES

    def choose_output(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Output folder"))
        if name:
            self.output_dir.setText(name)
            self.elsewhere.setChecked(True)

    def _refresh_preview(self) -> None:
        pdfs = self._pdfs()
        if not pdfs:
            return
        try:
            self.preview.load(pdfs[0], self.page.value() - 1)
            self.page.setMaximum(max(1, self.preview.page_count))
        except Exception:
            self.visible_hint.setText(self.tr("This PDF cannot be previewed."))

    def _update_state(self) -> None:
        if not hasattr(self, "sign_button"):
            return
        busy = self.worker is not None
        all_pdfs = bool(self.files) and len(self._pdfs()) == len(self.files)
        pades_button = self.format_buttons[SignatureFormat.PADES]
        pades_button.setEnabled(all_pdfs and not busy)
        if pades_button.isChecked() and not all_pdfs:
            self.format_buttons[SignatureFormat.XADES].setChecked(True)
        pades = self.selected_format() is SignatureFormat.PADES
        self.visible_box.setEnabled(pades and not busy)
        self.preview.setEnabled(pades and self.visible.isChecked())
        self.page.setEnabled(pades and self.visible.isChecked())
        self.output_dir.setEnabled(self.elsewhere.isChecked())
        self.browse.setEnabled(not busy)
        ready = bool(self.files) and self.selected_identity() is not None and not busy
        self.sign_button.setEnabled(ready)
        self.cancel_button.setEnabled(busy)
        self.drop_zone.setEnabled(not busy)
        has_results = bool(self.results) and not busy
        self.open_folder.setEnabled(has_results)
        self.verify_now.setEnabled(has_results)
        if pades and self.visible.isChecked():
            self._refresh_preview()

    # ---- signing ------------------------------------------------------------------------
    def build_request(self) -> SignRequest:
        fmt = self.selected_format()
        visible = None
        if fmt is SignatureFormat.PADES and self.visible.isChecked():
            box = self.preview.box() if self.preview.placed_by_user else None
            visible = VisibleSignature(page=self.page.value(), box=box)
        output = (
            Path(self.output_dir.text())
            if self.elsewhere.isChecked() and self.output_dir.text()
            else None
        )
        return SignRequest(
            documents=tuple(self.files),
            format=fmt,
            output_dir=output,
            visible=visible,
            pades_suffix=self.settings.pades_suffix,
        )

    def start_signing(self, retry: bool = False) -> None:
        identity = self.selected_identity()
        if identity is None or not self.files:
            return
        try:
            request = self.build_request()
            request.assert_viable()
        except ParapheError as error:
            show_error(self, error)
            return
        password = None
        if identity.token is None:
            assert identity.keystore is not None
            password = PasswordDialog.ask(identity.keystore, retry, self)
            if password is None:
                return
        self.results = []
        self.results_list.clear()
        self.file_progress.show()
        self.overall_progress.show()
        self.overall_progress.setRange(0, len(self.files))
        self.overall_progress.setValue(0)
        self.file_progress.setValue(0)
        self.status.setText(self.tr("Signing…"))
        worker = SignWorker(request, identity, password)
        del password
        worker.signals.pin_needed.connect(self._answer_pin)  # a bound slot: runs on the GUI thread
        worker.signals.progress.connect(self._on_progress)
        worker.signals.file_done.connect(self._on_file_done)
        worker.signals.notice.connect(self._on_notice)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.finished.connect(self._on_finished)
        self.worker = worker
        self._update_state()
        self.pool.start(worker)

    def _answer_pin(self, request: object) -> None:
        pin = PinDialog.ask_pin(request, self)
        if self.worker is not None:
            self.worker.answer_pin(pin)

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

    def _on_file_done(self, result: object) -> None:
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

    def _on_failed(self, error: object) -> None:
        self._wrong_password = isinstance(error, WrongPassword)
        if not self._wrong_password and isinstance(error, BaseException):
            show_error(self, error)

    def _on_finished(self, outcome: object) -> None:
        self.worker = None
        retry = getattr(self, "_wrong_password", False)
        self._wrong_password = False
        if outcome is None:
            self.status.setText(self.tr("Stopped: nothing more was signed."))
        else:
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
        if retry:
            self.start_signing(retry=True)

    def open_output_folder(self) -> None:
        if self.results:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.results[0].parent)))

    def _verify_results(self) -> None:
        self.verify_requested.emit(sorted({*self.files, *self.results}))


def _escape(text: str) -> str:
    return as_html(text)


class _ProbeSignals(QObject):
    done = Signal(object)


def _read_token_identities(settings: Settings, show_all: bool) -> list[Identity]:
    try:
        return token_identities(settings, show_all)
    except Exception:  # a misbehaving middleware must not break the picker
        return []


class _TokenProbe(QRunnable):
    """Which tokens are plugged in; on a change, their identities too (both off the GUI thread)."""

    def __init__(self, settings: Settings, known_state: object, show_all: bool) -> None:
        super().__init__()
        self.settings = settings
        self.known_state = known_state
        self.show_all = show_all
        self.signals = _ProbeSignals()

    def run(self) -> None:
        try:
            state: object = token_presence(self.settings)
        except Exception:
            state = ()
        tokens = None
        if self.known_state is not None and state != self.known_state:
            tokens = _read_token_identities(self.settings, self.show_all)
        self.signals.done.emit((state, tokens))
