"""The Verify page: drop documents, tokens, signed PDFs, folders or ZIP archives; read the verdicts.

One tree row per document with its overall badge, one child row per signature, and groups for
unsigned documents, signatures without their document and files that could not be read. The
details panel explains the selected signature: the verdict and why, who signed, with which
certificate and chain, revocation, times, PDF coverage and every check behind the verdict.

The page is thin: the engine's ``verify_paths`` does the work in a ``VerifyJob`` on the thread
pool; the engine's summary view (``core.reports.summary``) words the report; the list
(``VerdictTree``) and the details panel (``DetailsPanel``) show it.

"Extend to B-T" adds a timestamp to signatures shown below B-T (the selected ones, or all):
after a confirmation naming the files, the engine's ``extend_batch`` runs in an ``ExtendJob``,
then the page verifies everything again so the new level and the proven time are what is shown.

"Export the report…" writes the report shown as a PDF (``core.reports.pdf_report``) to file with
the tender: whole under the chosen name, or not at all.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QPoint,
    QRunnable,
    Qt,
    QTemporaryDir,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from ...core.config.settings import Settings
from ...core.errors import OutputNotWritable, ParapheError, ReportNotWritable
from ...core.etsi import BaselineLevel
from ...core.signing.extend import EXTENDABLE_LEVELS, Extended, ExtendOutcome, ExtendRequest
from ...core.text.display_text import displayable
from ...core.text.translatable import N_
from ...core.timestamps.servers import tsa_servers
from ...core.validation.indications import Indication
from ...core.validation.report import (
    DetectedFormat,
    InputError,
    OrphanSignature,
    Packaging,
    SignatureReport,
    ValidationReport,
)
from ..dialogs.errors import show_error
from ..dialogs.extend_dialogs import ExtendConfirmation, ExtendOutcomeMessage
from ..i18n import local_time, localized, report_words, resolve_language, tr_engine
from ..widgets.details_panel import DetailsPanel
from ..widgets.drop_zone import DropZone
from ..widgets.verdict_filter import Show, VerdictFilter, signature_shown
from ..widgets.verdict_tree import COLUMN_DOCUMENT, ROLE_ENTRY, VerdictTree
from ..workers.extend_worker import ExtendJob
from ..workers.verify_worker import VerifyJob

if TYPE_CHECKING:
    from ...core.reports.summary import Summary

EXTEND_LEVEL = BaselineLevel.B_T
"""The least "Extend" raises signatures to: a proven signing time, what a buyer needs when a bid
is opened weeks later. The settings' default level is used when it is higher (B-LT for an
offline check, B-LTA for an archive kept ten years): ``VerifyPage.extend_level``."""
assert EXTEND_LEVEL in EXTENDABLE_LEVELS

_LEVELS = tuple(BaselineLevel)


class VerifyPage(QWidget):
    """Verification of everything dropped or added, with verdict badges and per-signature details."""

    verification_finished = Signal(object)
    """Emitted with the ValidationReport once it is shown."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._paths: list[Path] = []
        self._job: VerifyJob | None = None
        self._rerun = False
        self._generation = 0
        """Bumped by clear(): a run started before it finishes unseen."""
        self._job_generation = 0
        self.report: ValidationReport | None = None
        self._extend_job: ExtendJob | None = None
        self._export_job: QRunnable | None = None
        self._extended: list[Extended] = []
        """What the extension under way has done so far."""
        self._extend_total = 0
        self._extend_note = ""
        """What the last extension did, said once more beside the verification that follows it."""
        self._all_extendable: list[Path] = []
        """The signature files shown that can be extended, as found when the list was shown."""
        self._summary_shown: Summary | None = None
        self._revisions: QTemporaryDir | None = None
        """Where the signed revisions opened are cut (removed with the page)."""

        self._expected: dict[tuple[tuple[Path, ...], bool], int] = {}
        """How many items the last run of the same paths (and mode) checked: the total of the
        next run's progress ("12 / 48")."""
        self._pairing: tuple[Path, Path] | None = None
        """(orphan signature, the document the user chose for it), until verified."""
        self._note = ""
        """Why the verification under way runs (the trust changed...), said beside its result."""

        self.drop_zone = DropZone("", self)
        self.drop_zone.setMinimumHeight(88)
        self.drop_zone.paths_dropped.connect(self.add_paths)

        self.offline_box = QCheckBox()
        self.offline_box.toggled.connect(self._offline_toggled)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear)
        self.stop_button = QPushButton()
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.again_button = QPushButton()
        self.again_button.clicked.connect(self._request_run)
        self.again_button.hide()
        self.extend_selected_action = QAction(self)
        self.extend_selected_action.triggered.connect(self.extend_selected)
        self.extend_all_action = QAction(self)
        self.extend_all_action.triggered.connect(self.extend_all)
        self.extend_menu = QMenu(self)
        self.extend_menu.setToolTipsVisible(True)
        self.extend_menu.addAction(self.extend_selected_action)
        self.extend_menu.addAction(self.extend_all_action)
        self.extend_button = QPushButton()
        self.extend_button.setMenu(self.extend_menu)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_report)
        self.export_button.setEnabled(False)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.progress_label = QLabel()
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        # the leftover width of the row, never more: a long name is cut at its end (whole in the
        # tooltip), the count kept, rather than push the buttons off a small screen
        self.progress_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        controls = QHBoxLayout()
        controls.addWidget(self.offline_box)
        controls.addWidget(self.progress_label, 1)
        controls.addWidget(self.busy)
        controls.addWidget(self.stop_button)
        controls.addWidget(self.again_button)
        controls.addWidget(self.extend_button)
        controls.addWidget(self.export_button)
        controls.addWidget(self.clear_button)

        self.filter = VerdictFilter()
        self.filter.changed.connect(self._reshow)
        self.tree = VerdictTree()
        self.tree.currentItemChanged.connect(self._show_details)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self.details = DetailsPanel()
        self.certificate_button = QPushButton()
        self.certificate_button.clicked.connect(self.view_certificate)
        self.open_document_button = QPushButton()
        self.open_document_button.clicked.connect(self.open_document)
        self.pick_document_button = QPushButton()
        self.pick_document_button.clicked.connect(self.pick_document)
        entry_actions = QHBoxLayout()
        entry_actions.setContentsMargins(0, 0, 0, 0)
        entry_actions.addWidget(self.certificate_button)
        entry_actions.addWidget(self.open_document_button)
        entry_actions.addWidget(self.pick_document_button)
        entry_actions.addStretch()
        details_side = QWidget()
        details_layout = QVBoxLayout(details_side)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.details, 1)
        details_layout.addLayout(entry_actions)
        list_side = QWidget()
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.filter)
        list_layout.addWidget(self.tree, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(list_side)
        self.splitter.addWidget(details_side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([760, 400])

        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(self.drop_zone)
        layout.addLayout(controls)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)

        self.setTabOrder(self.drop_zone, self.drop_zone.files_button)
        self.setTabOrder(self.drop_zone.files_button, self.drop_zone.folder_button)
        self.setTabOrder(self.drop_zone.folder_button, self.offline_box)
        self.setTabOrder(self.offline_box, self.stop_button)
        self.setTabOrder(self.stop_button, self.again_button)
        self.setTabOrder(self.again_button, self.extend_button)
        self.setTabOrder(self.extend_button, self.export_button)
        self.setTabOrder(self.export_button, self.clear_button)
        self.setTabOrder(self.clear_button, self.filter.show_combo)
        self.setTabOrder(self.filter.show_combo, self.filter.sort_combo)
        self.setTabOrder(self.filter.sort_combo, self.tree)
        self.setTabOrder(self.tree, self.details)
        self.setTabOrder(self.details, self.certificate_button)
        self.setTabOrder(self.certificate_button, self.open_document_button)
        self.setTabOrder(self.open_document_button, self.pick_document_button)
        self.retranslate()
        self.details.show_placeholder()
        self.tree.size_columns()
        self.update_extend_actions()
        self._update_entry_actions()

    def retranslate(self) -> None:
        """Every text of the page in the current language, the list and the details included
        (their words come from the catalogue too): called at start and on a language change."""
        self.drop_zone.label.setText(
            self.tr("Drop documents, signatures, signed PDFs, folders or a ZIP here")
        )
        self.offline_box.setText(self.tr("&Offline (use only revocation data already at hand)"))
        self.offline_box.setToolTip(
            self.tr(
                "Do not contact OCSP responders or download CRLs; signatures whose revocation"
                " status cannot be proven then stay indeterminate."
            )
        )
        self.clear_button.setText(self.tr("&Clear"))
        self.stop_button.setText(self.tr("S&top"))
        self.stop_button.setToolTip(self.tr("Stop after the signature being checked"))
        self.again_button.setText(self.tr("Verify a&gain"))
        self.again_button.setToolTip(
            self.tr("Verify everything added again (after a stop, or once the network is back)")
        )
        self.export_button.setText(self.tr("Export the &report…"))
        self.export_button.setToolTip(
            self.tr("Save the verification shown as a PDF report, to file with the tender")
        )
        self.busy.setAccessibleName(self.tr("Verifying"))
        self.certificate_button.setText(self.tr("C&ertificate…"))
        self.certificate_button.setToolTip(
            self.tr("The signer's certificate and its whole chain, each one exportable as .cer")
        )
        self.open_document_button.setText(self.tr("Open the docu&ment"))
        self.pick_document_button.setText(self.tr("&Pick its document…"))
        self.pick_document_button.setToolTip(
            self.tr("Choose the document this signature signs; it is then verified with it")
        )
        self.filter.retranslate()
        self.tree.retranslate()
        self.update_extend_actions()
        if self.report is not None:
            self._populate(self.report, keep_selection=True)
        else:
            self._show_details(self.tree.currentItem())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the contract ---------------------------------------------------------------------------

    @Slot(list)
    def add_paths(self, paths: list[Path]) -> None:
        """Add files, folders or archives and verify everything added so far (again)."""
        for path in paths:
            path = Path(path)
            if path not in self._paths:
                self._paths.append(path)
        self._request_run()

    @Slot()
    def clear(self) -> None:
        """Forget every path and verdict; a verification under way is stopped, unseen."""
        if self._job is not None:
            self._job.cancel()
        self._paths.clear()
        self._pairing = None
        self._note = ""
        self._rerun = False
        self._generation += 1
        self.report = None
        self._all_extendable = []
        self._extend_note = ""
        self.tree.clear()
        self.status.clear()
        self.progress_label.clear()
        self.details.show_placeholder()
        if self._job is None:
            self._set_busy(False)
        self.update_extend_actions()
        self._update_entry_actions()

    @Slot()
    def stop(self) -> None:
        """Stop the verification or the extension under way; what was added stays, to verify
        again later; an extension stops after the file under way (each file is whole)."""
        if self._extend_job is not None:
            self._extend_job.cancel()
            self.stop_button.setEnabled(False)
            self.progress_label.setText(self.tr("Stopping after the file under way…"))
            return
        if self._job is None:
            return
        self._rerun = False
        self._job.cancel()
        self.stop_button.setEnabled(False)
        self.progress_label.setText(self.tr("Stopping…"))

    @property
    def is_busy(self) -> bool:
        return self._job is not None or self._extend_job is not None

    # --- running the engine -----------------------------------------------------------------------

    def _request_run(self) -> None:
        if not self._paths:
            return
        if self._job is not None or self._extend_job is not None:
            self._rerun = True  # the current run misses what was just added: go again after it
            return
        self._start()

    def _run_key(self) -> tuple[tuple[Path, ...], bool]:
        return tuple(self._paths), self.offline_box.isChecked()

    def _start(self) -> None:
        self._rerun = False
        job = VerifyJob(
            self._paths, self.offline_box.isChecked(), self._expected.get(self._run_key(), 0)
        )
        job.setAutoDelete(False)  # the page holds it until its last signal has arrived
        self._job_generation = self._generation
        # bound slots, not lambdas: Qt drops the connections if the page is destroyed first
        job.signals.progress.connect(self._progress)
        job.signals.partial.connect(self._partial)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._cancelled)
        self._job = job
        self._set_busy(True)
        self.progress_label.setText(self.tr("Verifying…"))
        QThreadPool.globalInstance().start(job)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.stop_button.setVisible(busy)
        self.stop_button.setEnabled(busy)
        self.again_button.setVisible(not busy and bool(self._paths))
        self.clear_button.setEnabled(self._extend_job is None)  # files are being rewritten
        if not busy:
            self.progress_label.clear()
        self.update_extend_actions()

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, name: str) -> None:
        """ "Verifying 12 / 48: name…" when the last run of the same files said how many there
        are, else "Verifying (12): name…"; the bar fills when the total is known."""
        if self._job is None or not self.stop_button.isEnabled():
            return  # stopping: "Stopping…" stays
        shown = displayable(Path(name).name)
        if total and done <= total:
            self.busy.setRange(0, total)
            self.busy.setValue(done - 1)
            self.busy.setFormat(f"{done} / {total}")  # on the bar too: the label may be cut
            self.busy.setTextVisible(True)
            text = self.tr("Verifying {done} / {total}: {name}…")
        else:
            self.busy.setRange(0, 0)
            self.busy.setTextVisible(False)
            text = self.tr("Verifying ({done}): {name}…")
        self.progress_label.setText(text.format(done=done, total=total, name=shown))
        self.progress_label.setToolTip(self.progress_label.text())

    @Slot(object)
    def _partial(self, report: ValidationReport) -> None:
        """The verdicts of the folders verified so far, shown while the others are checked."""
        if self._job is None or self._job_generation != self._generation:
            return
        self._populate(report, keep_selection=True, complete=False)

    def _job_done(self) -> bool:
        """Forget the finished job; True if its result is still wanted."""
        self._job = None
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        if self._rerun and self._paths:
            self._start()
            return False
        self._set_busy(False)
        return True

    @Slot(object)
    def _finished(self, report: ValidationReport) -> None:
        job = self._job
        if job is not None:
            self._expected[(tuple(job.paths), job.offline)] = job.items
        current = self._job_generation == self._generation
        wanted = self._job_done() and current
        if not wanted:
            return
        self.report = report
        self._populate(report, keep_selection=True)
        self._say_pairing(report)
        self.verification_finished.emit(report)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        current = self._job_generation == self._generation
        wanted = self._job_done() and current
        if wanted:
            self.status.setText(self.tr("Verification stopped by an error."))
            show_error(self, error)

    @Slot()
    def _cancelled(self) -> None:
        current = self._job_generation == self._generation
        if self._job_done() and current:
            self.report = None
            self.tree.clear()
            self.details.show_placeholder()
            self.status.setText(
                self.tr(
                    "Verification stopped: no verdict is shown for a half-checked set."
                    " Press Verify again to start over."
                )
            )

    @Slot(bool)
    def _offline_toggled(self, _checked: bool) -> None:
        self._request_run()

    # --- showing a report -------------------------------------------------------------------------

    def _populate(
        self, report: ValidationReport, keep_selection: bool = False, complete: bool = True
    ) -> None:
        """Show ``report`` in the list (filtered and sorted as chosen) and its summary line;
        ``keep_selection``: the row selected before stays selected when it is still there
        (results arriving, the filter or the language changed); ``complete``: False while
        more verdicts are to come."""
        from ...core.reports.summary import summarise

        summary = summarise(report)
        self._summary_shown = summary
        self._all_extendable = (
            _unique(
                row.report.signature_path
                for document in sorted(summary.documents, key=lambda d: str(d.path).casefold())
                for row in document.signatures
                if self._why_not_extendable(row.report) is None
            )
            if complete
            else []
        )
        selected = _entry_key(self._current_entry()) if keep_selection else None
        first = self.tree.show_summary(
            summary, self._shown, self.filter.showing, self.filter.sort_by
        )
        if complete:
            notes = [self._extend_note, self._note]
            self._extend_note = self._note = ""
        else:
            notes = [self.tr("Verdicts so far; the others follow")]
        parts = [self._filter_note(summary), *notes, self._summary(summary)]
        self.status.setText(" · ".join(part for part in parts if part))
        again = self._item_with_key(selected) if selected is not None else None
        chosen = again or first
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
            self._show_details(chosen)
        else:
            self.details.show_placeholder()
            self._update_entry_actions()
        self.update_extend_actions()

    @Slot()
    def _reshow(self) -> None:
        """The filter or the order changed: the list again from the report shown."""
        report = self.report
        if report is not None:
            self._populate(report, keep_selection=True)

    def _filter_note(self, summary: Summary) -> str:
        """ "8 of 48 signatures shown" when the filter hides some."""
        if self.filter.showing is Show.ALL:
            return ""
        shown = sum(
            1
            for document in summary.documents
            for row in document.signatures
            if signature_shown(row, self.filter.showing)
        )
        return self.tr("{shown} of {total} signature(s) shown").format(
            shown=shown, total=summary.tally.as_params()["total"]
        )

    def _current_entry(self) -> object:
        item = self.tree.currentItem()
        return item.data(COLUMN_DOCUMENT, ROLE_ENTRY) if item is not None else None

    def _items(self) -> Iterator[QTreeWidgetItem]:
        """Every row of the list, each document before its signatures."""
        iterator = QTreeWidgetItemIterator(self.tree)
        while (item := iterator.value()) is not None:
            yield item
            iterator += 1

    def _item_with_key(self, key: object) -> QTreeWidgetItem | None:
        for item in self._items():
            if _entry_key(item.data(COLUMN_DOCUMENT, ROLE_ENTRY)) == key:
                return item
        return None

    def _shown(self, path: Path | str) -> str:
        """A path as short as the user can still recognise it: from the folder they dropped."""
        text = str(path)
        for root in self._paths:
            base = str(root.parent)
            if base and text.startswith(base.rstrip("/\\") + ("\\" if "\\" in base else "/")):
                return text[len(base.rstrip("/\\")) + 1 :]
        return text

    def _summary(self, summary: Summary) -> str:
        from ...core.reports.summary import NOTHING_TRUSTED

        parts = [
            self.tr(
                "{total} signature(s): {passed} valid, {failed} failed, {indeterminate} indeterminate"
            ).format(**summary.tally.as_params())
        ]
        if summary.unsigned_documents:
            parts.append(
                self.tr("{count} unsigned document(s)").format(
                    count=len(summary.unsigned_documents)
                )
            )
        if summary.orphan_signatures:
            parts.append(
                self.tr("{count} signature(s) without their document").format(
                    count=len(summary.orphan_signatures)
                )
            )
        if summary.errors:
            parts.append(self.tr("{count} could not be read").format(count=len(summary.errors)))
        trust = ", ".join(localized(source) for source in summary.trust_sources) or tr_engine(
            NOTHING_TRUSTED
        )
        parts.append(
            self.tr("verified {time} ({mode}); trusted: {trust}").format(
                time=local_time(summary.validation_time),
                mode=tr_engine(summary.mode.label),
                trust=trust,
            )
        )
        return " · ".join(parts)

    def _show_details(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        entry = current.data(COLUMN_DOCUMENT, ROLE_ENTRY) if current is not None else None
        self.details.show_entry(entry, self._shown)
        self.update_extend_actions()
        self._update_entry_actions()

    # --- the selected signature: its certificate, its document ---------------------------------

    def _selected_signature(self) -> SignatureReport | None:
        """The signature selected, or the only one of the document selected."""
        from ...core.reports.summary import DocumentRow, SignatureRow

        entry = self._current_entry()
        if isinstance(entry, SignatureRow):
            return entry.report
        if isinstance(entry, DocumentRow) and len(entry.signatures) == 1:
            return entry.signatures[0].report
        return None

    def _update_entry_actions(self) -> None:
        """Enable the buttons under the details for what is selected; their tooltips say why
        one is not available."""
        signature = self._selected_signature()
        entry = self._current_entry()
        has_certificate = signature is not None and signature.certificate is not None
        self.certificate_button.setEnabled(has_certificate)
        document = self.document_to_open()
        self.open_document_button.setEnabled(document is not None and not self.is_busy)
        if document is not None:
            self.open_document_button.setToolTip(self._open_document_tip(signature, document))
        else:
            self.open_document_button.setToolTip(self._why_no_document(signature, entry))
        orphan = isinstance(entry, OrphanSignature)
        self.pick_document_button.setVisible(orphan)
        self.pick_document_button.setEnabled(orphan and not self.is_busy)

    def document_to_open(self) -> Path | None:
        """The file "Open the document" opens for the selection: the signed document of a
        token, the signed PDF (its signed revision is cut from it), the enveloping signature
        holding its document (taken out of it), or an unsigned document; None when it is not a
        file on disk (inside a ZIP archive)."""
        signature = self._selected_signature()
        entry = self._current_entry()
        if signature is not None and _holds_its_document(signature):
            document: Path | None = signature.signature_path
        elif signature is not None:
            document = signature.document_path
        elif isinstance(entry, Path):
            document = entry
        else:
            return None
        if document is None or not Path(document).is_file():
            return None
        return Path(document)

    def _open_document_tip(self, signature: SignatureReport | None, document: Path) -> str:
        if signature is not None and signature.pdf is not None:
            return self.tr(
                "Open the revision of the PDF this signature signed: what the signer saw, before"
                " any later change"
            )
        if signature is not None and _holds_its_document(signature):
            return self.tr(
                "Open the document inside {name}: it is taken out, the signature is not modified"
            ).format(name=displayable(document.name))
        return self.tr("Open {name} with its application").format(name=displayable(document.name))

    def _why_no_document(self, signature: SignatureReport | None, entry: object) -> str:
        if signature is None and not isinstance(entry, Path):
            return self.tr("Select a signature or a document")
        if signature is not None and signature.document_path is None:
            return self.tr("The signed document is inside the signature or was not found")
        return self.tr(
            "The document is not a file on disk (it is inside a ZIP archive): unpack the"
            " archive to open it"
        )

    @Slot()
    def view_certificate(self) -> None:
        """The certificate viewer for the selected signature: the chain, fields, export."""
        signature = self._selected_signature()
        if signature is None or signature.certificate is None:
            return
        from ..widgets.certificate_viewer import CertificateViewer

        CertificateViewer(signature, self).exec()

    @Slot()
    def open_document(self) -> None:
        """Open the selected signature's document with the desktop: a token's document as it
        is; for a PDF signature, the revision it signed, cut into a temporary copy (the
        original is only read); a message when no application opens it."""
        document = self.document_to_open()
        if document is None:
            return
        from ..desktop_open import open_in_desktop

        signature = self._selected_signature()
        try:
            if signature is not None and signature.pdf is not None:
                document = self._signed_revision(signature, document)
            elif signature is not None and _holds_its_document(signature):
                document = self._enveloped_document(document)
        except ParapheError as error:
            show_error(self, error)
            return
        open_in_desktop(self, document)

    def _scratch(self) -> Path:
        """A new folder of this session for a document taken out of a file, removed with the
        page (when Paraphe quits): the originals are only read."""
        if self._revisions is None:
            self._revisions = QTemporaryDir()
        return Path(tempfile.mkdtemp(dir=self._revisions.path()))

    def _enveloped_document(self, token: Path) -> Path:
        """The document inside an enveloping CMS signature, written out by the engine under
        the name the signature file gives it (``Offre.pdf.p7m``: ``Offre.pdf``)."""
        from ...core.validation.cms.extract import extract_document

        document = extract_document(token, self._scratch())
        if document is None:
            raise NoEnvelopedDocument(token)
        return document

    def _signed_revision(self, signature: SignatureReport, pdf: Path) -> Path:
        """The revision of ``pdf`` the signature signed: the file itself when the signature
        covers it whole, else a copy cut at the end of its signed bytes, in a folder of this
        session removed when Paraphe quits."""
        from ...core.pdf.signed_revision import write_signed_revision

        if signature.pdf is not None and signature.pdf.coverage == "ENTIRE_FILE":
            return pdf
        folder = self._scratch()
        name = self.tr("{stem} (signed revision).pdf").format(stem=pdf.stem)
        target = folder / _safe_file_name(name)
        return write_signed_revision(pdf, signature.signature_id, target)

    @Slot()
    def pick_document(self) -> None:
        """For a signature shown without its document: the user chooses the document, which
        is added and verified with the rest; the engine pairs them if the signature signed it
        (by name or by digest), and the page says so when it did not."""
        entry = self._current_entry()
        if not isinstance(entry, OrphanSignature) or self.is_busy:
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("The document signed by {name}").format(
                name=displayable(entry.signature_path.name)
            ),
            str(entry.signature_path.parent),
        )
        if not chosen:
            return
        self._pairing = (entry.signature_path, Path(chosen))
        self.add_paths([Path(chosen)])

    def _say_pairing(self, report: ValidationReport) -> None:
        """After a document was chosen for a signature: select the signature, verified, or say
        the document chosen is not the one it signed."""
        if self._pairing is None:
            return
        signature_path, document = self._pairing
        self._pairing = None
        if any(o.signature_path == signature_path for o in report.orphan_signatures):
            # said once the result is out (verification_finished), over the list that shows it
            QTimer.singleShot(0, self, partial(self._not_its_document, signature_path, document))
            return
        from ...core.reports.summary import SignatureRow

        for item in self._items():
            entry = item.data(COLUMN_DOCUMENT, ROLE_ENTRY)
            if isinstance(entry, SignatureRow) and entry.report.signature_path == signature_path:
                self.tree.setCurrentItem(item)
                return

    def _not_its_document(self, signature_path: Path, document: Path) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the names are never markup
        box.setWindowTitle(self.tr("Not its document"))
        box.setText(
            self.tr(
                "{document} is not the document {signature} signed: neither its name nor its"
                " content match. The signature stays without its document."
            ).format(
                document=displayable(document.name), signature=displayable(signature_path.name)
            )
        )
        box.exec()

    # --- trust changes ----------------------------------------------------------------------------

    def trust_changed(self, note: str = "") -> None:
        """The trusted certificates or the EU trusted lists changed: the verdicts shown (or
        being made) may be wrong now; everything is verified again, ``note`` saying why."""
        if not self._paths:
            return
        self._note = note or self.tr("Verified again: the trust settings changed")
        self._request_run()

    # --- extending signatures ---------------------------------------------------------------------

    def _why_not_extendable(self, report: SignatureReport) -> str | None:
        """Why this signature cannot be extended from here, or None."""
        if report.level is not None and _LEVELS.index(report.level) >= _LEVELS.index(
            self.extend_level
        ):
            return self.tr("This signature is already {level}.").format(level=report.level.value)
        if report.indication is Indication.TOTAL_FAILED:
            return self.tr(
                "A failed signature is not extended: a timestamp would not make it valid."
            )
        if report.level is None:
            return self.tr("The level of this signature could not be read.")
        if not report.signature_path.is_file():
            return self.tr(
                "The signature file is not on disk: a signature inside a ZIP archive cannot be"
                " extended (unpack the archive first)."
            )
        return None

    def _selected_reports(self) -> list[SignatureReport]:
        from ...core.reports.summary import DocumentRow, SignatureRow

        item = self.tree.currentItem()
        entry = item.data(COLUMN_DOCUMENT, ROLE_ENTRY) if item is not None else None
        if isinstance(entry, SignatureRow):
            return [entry.report]
        if isinstance(entry, DocumentRow):
            return [row.report for row in entry.signatures]
        return []

    def selected_extendable(self) -> list[Path]:
        """The signature files of the selected signature (or document) that can be extended."""
        return _unique(
            report.signature_path
            for report in self._selected_reports()
            if report.signature_path in self._all_extendable
        )

    def all_extendable(self) -> list[Path]:
        """Every signature file shown that can be extended."""
        return list(self._all_extendable)

    @property
    def extend_level(self) -> BaselineLevel:
        """EXTEND_LEVEL, or the settings' default level when that is higher."""
        default = self.settings.default_level
        if _LEVELS.index(default) > _LEVELS.index(EXTEND_LEVEL) and default in EXTENDABLE_LEVELS:
            return default
        return EXTEND_LEVEL

    def update_extend_actions(self) -> None:
        """Enable "Extend" when a timestamp server is set, nothing runs, and a signature shown can
        be extended; the tooltips say why not. Called again when the settings change (the level
        follows their default level)."""
        level = self.extend_level.value
        self.extend_button.setText(self.tr("E&xtend to {level}").format(level=level))
        selected = self.selected_extendable()
        every = self._all_extendable
        self.extend_selected_action.setText(
            self.tr("The &selected signature ({count} file(s))…").format(count=len(selected))
        )
        self.extend_all_action.setText(
            self.tr("&All signatures below {level} ({count} file(s))…").format(
                level=level, count=len(every)
            )
        )
        self.extend_selected_action.setEnabled(bool(selected))
        self.extend_all_action.setEnabled(bool(every))
        self.extend_selected_action.setToolTip(
            "\n".join(displayable(self._shown(path)) for path in selected)
            or self._why_not_selected()
        )
        self.extend_all_action.setToolTip(
            ""
            if every
            else self.tr("No signature shown is below {level} and extendable.").format(level=level)
        )
        has_servers = bool(self.settings.timestamp_urls)
        if not has_servers:
            tip = self.tr(
                "Needs a timestamp server: add one in Settings, then signatures below {level} can"
                " be extended."
            ).format(level=level)
        elif self.report is None:
            tip = self.tr(
                "Verify signatures first: those below {level} can then be extended."
            ).format(level=level)
        elif not every:
            tip = self.tr(
                "Every signature shown is already {level} or higher, or cannot be extended."
            ).format(level=level)
        else:
            tip = self.tr(
                "Add a timestamp to signatures below {level}: it proves when they existed. The"
                " signature files are replaced by their extended version; the signed documents"
                " are not modified."
            ).format(level=level)
        self.extend_button.setToolTip(tip)
        self.extend_button.setEnabled(has_servers and bool(every) and not self.is_busy)
        self.export_button.setEnabled(
            self.report is not None and not self.is_busy and self._export_job is None
        )

    # --- exporting the report ---------------------------------------------------------------------

    @Slot()
    def export_report(self) -> None:
        """Ask for a file name and write the report shown there as a PDF; an error says so and
        leaves no file."""
        report = self.report
        if report is None or self.is_busy:
            return
        name = self.tr("Verification report {date}.pdf").format(date=dt.date.today().isoformat())
        folder = self._paths[0].parent if self._paths else Path.home()
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the report"), str(folder / name), self.tr("PDF files (*.pdf)")
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        from ..workers.report_worker import ReportJob

        language = resolve_language(self.settings.language)
        paths = list(self._paths)
        job = ReportJob(lambda: write_report_file(report, target, paths, language), target)
        job.setAutoDelete(False)
        job.signals.finished.connect(self._report_written)
        job.signals.failed.connect(self._report_failed)
        self._export_job = job
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Writing the report…"))
        QThreadPool.globalInstance().start(job)

    @property
    def is_exporting(self) -> bool:
        return self._export_job is not None

    @Slot(object)
    def _report_written(self, target: Path) -> None:
        self._export_job = None
        self.update_extend_actions()
        self.status.setText(self.tr("Report saved as {path}").format(path=displayable(str(target))))

    @Slot(object)
    def _report_failed(self, error: BaseException) -> None:
        self._export_job = None
        self.update_extend_actions()
        self.status.setText("")
        show_error(self, error)

    def _why_not_selected(self) -> str:
        reports = self._selected_reports()
        if not reports:
            return self.tr("Select a signature, or a document to extend all its signatures.")
        reasons = _unique_text(self._why_not_extendable(report) or "" for report in reports)
        return "\n".join(reasons)

    @Slot(QPoint)
    def _tree_menu(self, position: QPoint) -> None:
        if self.extend_button.isEnabled():
            self.extend_menu.popup(self.tree.viewport().mapToGlobal(position))

    @Slot()
    def extend_selected(self) -> None:
        """Extend the selected signature, or every signature of the selected document."""
        self._extend(self.selected_extendable())

    @Slot()
    def extend_all(self) -> None:
        """Extend every signature shown below the level."""
        self._extend(self.all_extendable())

    def _extend(self, paths: list[Path]) -> None:
        if not paths or self.is_busy or not self.extend_button.isEnabled():
            return
        try:
            servers = tsa_servers(self.settings.timestamp_urls)
        except ParapheError as error:
            show_error(self, error)
            return
        confirmation = ExtendConfirmation(
            self, paths, self.extend_level, [server.url for server in servers], self._shown
        )
        if not confirmation.agreed():
            return
        job = ExtendJob(ExtendRequest(tuple(paths), self.extend_level, servers))
        job.setAutoDelete(False)  # the page holds it until its last signal has arrived
        job.signals.file_done.connect(self._extend_file_done)
        job.signals.finished.connect(self._extend_finished)
        job.signals.failed.connect(self._extend_failed)
        job.signals.cancelled.connect(self._extend_cancelled)
        self._extend_job = job
        self._extended = []
        self._extend_total = len(paths)
        self.busy.setRange(0, len(paths))
        self.busy.setValue(0)
        self._set_busy(True)
        self.progress_label.setText(self.tr("Asking the timestamp server…"))
        self.status.setText(
            self.tr("Extending {count} signature file(s) to {level}…").format(
                count=len(paths), level=self.extend_level.value
            )
        )
        QThreadPool.globalInstance().start(job)

    @Slot(object)
    def _extend_file_done(self, result: Extended) -> None:
        self._extended.append(result)
        self.busy.setValue(len(self._extended))
        if self.stop_button.isEnabled():
            self.progress_label.setText(
                self.tr("Extending: {done} of {total} done…").format(
                    done=len(self._extended), total=self._extend_total
                )
            )

    def _extend_done(self) -> bool:
        """Forget the finished extension and verify again if a file changed (or paths were
        added meanwhile); True if a verification started."""
        self._extend_job = None
        self.busy.setRange(0, 0)
        changed = any(result.changed for result in self._extended)
        if (changed or self._rerun) and self._paths:
            self._start()
            return True
        self._set_busy(False)
        return False

    def _changed_count(self) -> int:
        return sum(result.changed for result in self._extended)

    @Slot(object)
    def _extend_finished(self, outcome: ExtendOutcome) -> None:
        self._extended = list(outcome.results)
        self._extend_note = self.tr(
            "{extended} signature file(s) extended to {level}, {already} already at the level,"
            " {failed} not extended"
        ).format(
            extended=self._changed_count(),
            already=len(outcome.results) - self._changed_count(),
            failed=len(outcome.failures),
            level=self.extend_level.value,
        )
        verifying = self._extend_done()
        if not verifying:
            self.status.setText(self._extend_note)
            self._extend_note = ""
        ExtendOutcomeMessage(self, outcome, self.extend_level, self._shown, verifying).exec()

    @Slot(object)
    def _extend_failed(self, error: BaseException) -> None:
        self._extend_note = self._stopped_note()
        if not self._extend_done():
            self.status.setText(self._extend_note)
            self._extend_note = ""
        show_error(self, error)

    @Slot()
    def _extend_cancelled(self) -> None:
        self._extend_note = self._stopped_note()
        if not self._extend_done():
            self.status.setText(self._extend_note)
            self._extend_note = ""

    def _stopped_note(self) -> str:
        changed = self._changed_count()
        if not changed:
            return self.tr("Extension stopped: no signature file was modified.")
        return self.tr(
            "Extension stopped: {count} signature file(s) extended to {level} before it stopped;"
            " the others are as they were."
        ).format(count=changed, level=self.extend_level.value)


def write_report_file(
    report: ValidationReport, target: Path, inputs: Sequence[Path], language: str
) -> None:
    """The PDF report written whole as ``target`` (in place of an existing file in one step),
    or not at all: ReportNotWritable says why."""
    from ... import __version__
    from ...core.files.staged_file import StagedFile
    from ...core.reports.pdf_report import write_pdf_report

    try:
        with StagedFile(target.parent, for_file=target) as staged:
            try:
                write_pdf_report(
                    report,
                    staged.file,
                    inputs=inputs,
                    words=report_words(),
                    language=language,
                    version=__version__,
                )
            except OSError as exc:
                raise ReportNotWritable(target, detail=exc.strerror or str(exc)) from None
            staged.put(target)
    except ReportNotWritable:
        raise
    except OutputNotWritable as exc:
        raise ReportNotWritable(exc.path, detail=exc.params.get("detail", "")) from None


class NoEnvelopedDocument(ParapheError):
    template = N_("{path}: the signature holds no document that can be taken out of it.")


def _holds_its_document(signature: SignatureReport) -> bool:
    """An enveloping CMS signature (a ``.p7m``) on disk: its document is inside it."""
    return (
        signature.format is DetectedFormat.CADES
        and signature.packaging is Packaging.ENVELOPING
        and Path(signature.signature_path).is_file()
    )


def _entry_key(entry: object) -> object:
    """What identifies a row across two fillings of the list (the rows are new objects)."""
    from ...core.reports.summary import DocumentRow, SignatureRow

    if isinstance(entry, SignatureRow):
        return ("signature", entry.report.signature_path, entry.report.signature_id)
    if isinstance(entry, DocumentRow):
        return ("document", entry.path)
    if isinstance(entry, OrphanSignature):
        return ("orphan", entry.signature_path)
    if isinstance(entry, InputError):
        return ("error", entry.path, entry.template)
    if isinstance(entry, Path):
        return ("unsigned", entry)
    return None


_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def _safe_file_name(name: str) -> str:
    return _UNSAFE_NAME.sub("_", name).strip() or "document.pdf"


def _unique(paths: Iterable[Path]) -> list[Path]:
    """In order, without repeats (a PDF holds several signatures but is extended once)."""
    return list(dict.fromkeys(paths))


def _unique_text(texts: Iterable[str]) -> list[str]:
    return [text for text in dict.fromkeys(texts) if text]
