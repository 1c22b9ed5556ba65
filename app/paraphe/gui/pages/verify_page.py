"""The Verify page: drop documents, tokens, signed PDFs, folders or ZIP archives; read the verdicts.

One tree row per document with its overall badge, one child row per signature, and groups for
unsigned documents, signatures without their document and files that could not be read. The
details panel explains the selected signature: the verdict and why, who signed, with which
certificate and chain, revocation, times, PDF coverage and every check behind the verdict.

The page is thin: the engine's ``verify_paths`` does the work in a ``VerifyJob`` on the thread
pool; the engine's summary view (``core.reports.summary``) words the report; the list
(``VerdictTree``) and the details panel (``DetailsPanel``) show it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.config.settings import Settings
from ...core.text.display_text import displayable
from ...core.validation.report import ValidationReport
from ..dialogs.errors import show_error
from ..i18n import local_time, localized, tr_engine
from ..widgets.details_panel import DetailsPanel
from ..widgets.drop_zone import DropZone
from ..widgets.verdict_tree import COLUMN_DOCUMENT, ROLE_ENTRY, VerdictTree
from ..workers.verify_worker import VerifyJob

if TYPE_CHECKING:
    from ...core.reports.summary import Summary


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
        controls.addWidget(self.clear_button)

        self.tree = VerdictTree()
        self.tree.currentItemChanged.connect(self._show_details)
        self.details = DetailsPanel()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([700, 460])

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
        self.setTabOrder(self.again_button, self.clear_button)
        self.setTabOrder(self.clear_button, self.tree)
        self.setTabOrder(self.tree, self.details)
        self.details.show_placeholder()
        self.tree.size_columns()

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
        self.tree.clear()
        self.status.clear()
        self.progress_label.clear()
        self.details.show_placeholder()
        if self._job is None:
            self._set_busy(False)

    @Slot()
    def stop(self) -> None:
        """Stop the verification under way; what was added stays, to verify again later."""
        if self._job is None:
            return
        self._rerun = False
        self._job.cancel()
        self.stop_button.setEnabled(False)
        self.progress_label.setText(self.tr("Stopping…"))

    @property
    def is_busy(self) -> bool:
        return self._job is not None

    # --- running the engine -----------------------------------------------------------------------

    def _request_run(self) -> None:
        if not self._paths:
            return
        if self._job is not None:
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
        if not busy:
            self.progress_label.clear()

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
        first = self.tree.show_summary(summary, self._shown)
        self.status.setText(self._summary(summary))
        if first is not None:
            self.tree.setCurrentItem(first)
        else:
            self.details.show_placeholder()

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
