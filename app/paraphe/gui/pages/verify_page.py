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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.config.settings import Settings
from ...core.errors import OutputNotWritable, ParapheError, ReportNotWritable
from ...core.etsi import BaselineLevel
from ...core.signing.extend import EXTENDABLE_LEVELS, Extended, ExtendOutcome, ExtendRequest
from ...core.text.display_text import displayable
from ...core.timestamps.servers import tsa_servers
from ...core.validation.indications import Indication
from ...core.validation.report import SignatureReport, ValidationReport
from ..dialogs.errors import show_error
from ..dialogs.extend_dialogs import ExtendConfirmation, ExtendOutcomeMessage
from ..i18n import local_time, localized, report_words, resolve_language, tr_engine
from ..widgets.details_panel import DetailsPanel
from ..widgets.drop_zone import DropZone
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

        self.drop_zone = DropZone(
            self.tr("Drop documents, signatures, signed PDFs, folders or a ZIP here"), self
        )
        self.drop_zone.setMinimumHeight(88)
        self.drop_zone.paths_dropped.connect(self.add_paths)

        self.offline_box = QCheckBox(self.tr("&Offline (use only revocation data already at hand)"))
        self.offline_box.setToolTip(
            self.tr(
                "Do not contact OCSP responders or download CRLs; signatures whose revocation"
                " status cannot be proven then stay indeterminate."
            )
        )
        self.offline_box.toggled.connect(self._offline_toggled)
        self.clear_button = QPushButton(self.tr("&Clear"))
        self.clear_button.clicked.connect(self.clear)
        self.stop_button = QPushButton(self.tr("S&top"))
        self.stop_button.setToolTip(self.tr("Stop after the signature being checked"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.again_button = QPushButton(self.tr("Verify a&gain"))
        self.again_button.setToolTip(
            self.tr("Verify everything added again (after a stop, or once the network is back)")
        )
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
        self.extend_button = QPushButton(
            self.tr("E&xtend to {level}").format(level=self.extend_level.value)
        )
        self.extend_button.setMenu(self.extend_menu)
        self.export_button = QPushButton(self.tr("Export the &report…"))
        self.export_button.setToolTip(
            self.tr("Save the verification shown as a PDF report, to file with the tender")
        )
        self.export_button.clicked.connect(self.export_report)
        self.export_button.setEnabled(False)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName(self.tr("Verifying"))
        self.busy.hide()
        self.progress_label = QLabel()
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)

        controls = QHBoxLayout()
        controls.addWidget(self.offline_box)
        controls.addStretch()
        controls.addWidget(self.progress_label)
        controls.addWidget(self.busy)
        controls.addWidget(self.stop_button)
        controls.addWidget(self.again_button)
        controls.addWidget(self.extend_button)
        controls.addWidget(self.export_button)
        controls.addWidget(self.clear_button)

        self.tree = VerdictTree()
        self.tree.currentItemChanged.connect(self._show_details)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self.details = DetailsPanel()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.details)
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
        self.setTabOrder(self.clear_button, self.tree)
        self.setTabOrder(self.tree, self.details)
        self.details.show_placeholder()
        self.tree.size_columns()
        self.update_extend_actions()

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

    def _start(self) -> None:
        self._rerun = False
        job = VerifyJob(self._paths, self.offline_box.isChecked())
        job.setAutoDelete(False)  # the page holds it until its last signal has arrived
        self._job_generation = self._generation
        # bound slots, not lambdas: Qt drops the connections if the page is destroyed first
        job.signals.progress.connect(self._progress)
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

    @Slot(str)
    def _progress(self, name: str) -> None:
        self.progress_label.setText(
            self.tr("Verifying {name}…").format(name=displayable(Path(name).name))
        )

    def _job_done(self) -> bool:
        """Forget the finished job; True if its result is still wanted."""
        self._job = None
        if self._rerun and self._paths:
            self._start()
            return False
        self._set_busy(False)
        return True

    @Slot(object)
    def _finished(self, report: ValidationReport) -> None:
        current = self._job_generation == self._generation
        wanted = self._job_done() and current
        if not wanted:
            return
        self.report = report
        self._populate(report)
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

    def _populate(self, report: ValidationReport) -> None:
        from ...core.reports.summary import summarise

        summary = summarise(report)
        self._all_extendable = _unique(
            row.report.signature_path
            for document in sorted(summary.documents, key=lambda d: str(d.path).casefold())
            for row in document.signatures
            if self._why_not_extendable(row.report) is None
        )
        first = self.tree.show_summary(summary, self._shown)
        note, self._extend_note = self._extend_note, ""
        self.status.setText(" · ".join(part for part in (note, self._summary(summary)) if part))
        if first is not None:
            self.tree.setCurrentItem(first)
        else:
            self.details.show_placeholder()
        self.update_extend_actions()

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


def _unique(paths: Iterable[Path]) -> list[Path]:
    """In order, without repeats (a PDF holds several signatures but is extended once)."""
    return list(dict.fromkeys(paths))


def _unique_text(texts: Iterable[str]) -> list[str]:
    return [text for text in dict.fromkeys(texts) if text]
