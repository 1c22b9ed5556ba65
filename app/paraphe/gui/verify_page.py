"""The Verify page: drop documents, tokens, signed PDFs, folders or ZIP archives; read the verdicts.

One tree row per document with its overall badge, one child row per signature, and groups for
unsigned documents, signatures without their document and files that could not be read. The
details panel explains the selected signature: the verdict and why, who signed, with which
certificate and chain, revocation, times, PDF coverage and every check behind the verdict.

The page is thin: the engine's ``verify_paths`` does the work in a ``VerifyJob`` on the thread
pool; the page only turns the ``ValidationReport`` into widgets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt, QThreadPool, QUrl, Signal, Slot
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.display_text import displayable
from ..core.settings import Settings
from ..core.validation.indications import Indication
from ..core.validation.report import (
    CertificateInfo,
    DocumentReport,
    InputError,
    OrphanSignature,
    SignatureReport,
    ValidationReport,
)
from . import verdict_style
from .drop_zone import DropZone
from .errors import show_error
from .i18n import localized, tr_engine, translated
from .plain_text import as_html, tooltip
from .verify_worker import VerifyJob

COLUMN_DOCUMENT, COLUMN_VERDICT, COLUMN_SIGNER, COLUMN_ORGANISATION, COLUMN_DATE = range(5)

ROLE_ENTRY = Qt.ItemDataRole.UserRole + 1
"""What a row stands for: a DocumentReport, SignatureReport, OrphanSignature, InputError or Path."""

_MARKS = {True: "✔", False: "✘", None: "?"}


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

        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [
                self.tr("Document"),
                self.tr("Verdict"),
                self.tr("Signer"),
                self.tr("Organisation"),
                self.tr("Date"),
            ]
        )
        self.tree.setAccessibleName(self.tr("Documents and signatures"))
        self.tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_DOCUMENT, QHeaderView.ResizeMode.Stretch)
        for column in (COLUMN_VERDICT, COLUMN_SIGNER, COLUMN_ORGANISATION, COLUMN_DATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(60)
        self.tree.currentItemChanged.connect(self._show_details)

        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Signature details"))
        self.details.setOpenLinks(False)
        self.details.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.details.setTabChangesFocus(True)
        self.details.setMinimumWidth(280)
        for indication in Indication:
            self.details.document().addResource(
                QTextDocument.ResourceType.ImageResource,
                _badge_url(indication),
                verdict_style.image(indication, 16),
            )

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
        self._show_placeholder()
        self._size_columns()

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
        self._show_placeholder()
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
            self._show_placeholder()
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
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        first_signature: QTreeWidgetItem | None = None
        for document in sorted(report.documents, key=lambda d: str(d.path).casefold()):
            item = self._document_item(document, bold)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
            if first_signature is None and item.childCount():
                first_signature = item.child(0)
        self._group(
            self.tr("Unsigned documents ({count})"),
            [
                (
                    self._shown(p),
                    p,
                    self.tr("No signature"),
                    self.tr("No signature was found for this document."),
                )
                for p in report.unsigned_documents
            ],
            bold,
        )
        self._group(
            self.tr("Signatures without their document ({count})"),
            [
                (self._shown(o.signature_path), o, self.tr("Document missing"), tr_engine(o.reason))
                for o in report.orphan_signatures
            ],
            bold,
        )
        self._group(
            self.tr("Could not be read ({count})"),
            [(self._shown(e.path), e, self.tr("Unreadable"), translated(e)) for e in report.errors],
            bold,
        )
        self._size_columns()
        self.status.setText(self._summary(report))
        first = first_signature or self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        else:
            self._show_placeholder()

    def _document_item(self, document: DocumentReport, bold: QFont) -> QTreeWidgetItem:
        item = QTreeWidgetItem([displayable(self._shown(document.path))])
        item.setToolTip(COLUMN_DOCUMENT, tooltip(document.path))
        item.setData(COLUMN_DOCUMENT, ROLE_ENTRY, document)
        item.setFont(COLUMN_DOCUMENT, bold)
        verdict = verdict_style.overall(s.indication for s in document.signatures)
        if verdict is not None:
            self._set_badge(item, verdict)
            item.setFont(COLUMN_VERDICT, bold)
        signers = _unique(s.signer.name for s in document.signatures if s.signer)
        organisations = _unique(
            s.signer.organisation for s in document.signatures if s.signer and s.signer.organisation
        )
        item.setText(COLUMN_SIGNER, ", ".join(map(displayable, signers)))
        item.setText(COLUMN_ORGANISATION, ", ".join(map(displayable, organisations)))
        if len(document.signatures) == 1:
            self._set_date(item, document.signatures[0])
        for number, signature in enumerate(document.signatures, start=1):
            item.addChild(self._signature_item(document, signature, number))
        return item

    def _signature_item(
        self, document: DocumentReport, signature: SignatureReport, number: int
    ) -> QTreeWidgetItem:
        if Path(signature.signature_path) != Path(document.path):
            name = displayable(Path(signature.signature_path).name)
        else:
            name = self.tr("Signature {number}").format(number=number)
            if signature.signature_id:
                name += f" ({displayable(signature.signature_id)})"
        item = QTreeWidgetItem([name])
        item.setToolTip(COLUMN_DOCUMENT, tooltip(signature.signature_path))
        item.setData(COLUMN_DOCUMENT, ROLE_ENTRY, signature)
        self._set_badge(item, signature.indication)
        if signature.explanation:
            item.setToolTip(COLUMN_VERDICT, tooltip(tr_engine(signature.explanation)))
        if signature.signer is not None:
            item.setText(COLUMN_SIGNER, displayable(signature.signer.name))
            item.setText(COLUMN_ORGANISATION, displayable(signature.signer.organisation))
            if signature.signer.siren:
                item.setToolTip(
                    COLUMN_ORGANISATION,
                    tooltip(self.tr("SIREN {siren}").format(siren=signature.signer.siren)),
                )
        self._set_date(item, signature)
        return item

    def _group(self, title: str, rows: list[tuple[str, object, str, str]], bold: QFont) -> None:
        if not rows:
            return
        group = QTreeWidgetItem([title.format(count=len(rows))])
        group.setFont(COLUMN_DOCUMENT, bold)
        self.tree.addTopLevelItem(group)
        for shown, entry, verdict, reason in rows:
            child = QTreeWidgetItem([displayable(shown), verdict])
            child.setData(COLUMN_DOCUMENT, ROLE_ENTRY, entry)
            child.setToolTip(COLUMN_DOCUMENT, tooltip(_entry_path(entry)))
            child.setToolTip(COLUMN_VERDICT, tooltip(reason))
            group.addChild(child)
        group.setExpanded(True)

    def _set_badge(self, item: QTreeWidgetItem, indication: Indication) -> None:
        icon, text, colour = verdict_style.badge(indication)
        item.setIcon(COLUMN_VERDICT, icon)
        item.setText(COLUMN_VERDICT, text)
        item.setForeground(COLUMN_VERDICT, colour)

    def _set_date(self, item: QTreeWidgetItem, signature: SignatureReport) -> None:
        if signature.timestamp_time is not None:
            item.setText(COLUMN_DATE, _local(signature.timestamp_time))
            item.setToolTip(COLUMN_DATE, self.tr("Proven by a timestamp"))
        elif signature.signing_time is not None:
            item.setText(COLUMN_DATE, _local(signature.signing_time))
            item.setToolTip(COLUMN_DATE, self.tr("Claimed by the signer, not proven"))

    def _shown(self, path: Path | str) -> str:
        """A path as short as the user can still recognise it: from the folder they dropped."""
        text = str(path)
        for root in self._paths:
            base = str(root.parent)
            if base and text.startswith(base.rstrip("/\\") + ("\\" if "\\" in base else "/")):
                return text[len(base.rstrip("/\\")) + 1 :]
        return text

    def _size_columns(self) -> None:
        metrics = self.tree.fontMetrics()
        widest = max(metrics.horizontalAdvance(verdict_style.label(i)) for i in Indication)
        self.tree.header().resizeSection(COLUMN_VERDICT, widest + 56)  # icon, margins, bold
        for column, minimum, maximum in (
            (COLUMN_SIGNER, 110, 170),
            (COLUMN_ORGANISATION, 110, 150),
            (COLUMN_DATE, 110, 130),
        ):
            self.tree.resizeColumnToContents(column)
            width = min(max(self.tree.columnWidth(column), minimum), maximum)
            self.tree.setColumnWidth(column, width)
        # The document name is what the buyer reads first: it gets the rest of the width.
        others = sum(self.tree.columnWidth(c) for c in range(1, self.tree.columnCount()))
        self.tree.setColumnWidth(0, max(220, self.tree.viewport().width() - others))

    def _summary(self, report: ValidationReport) -> str:
        counts = dict.fromkeys(Indication, 0)
        for signature in report.all_signatures():
            counts[signature.indication] += 1
        parts = [
            self.tr(
                "{total} signature(s): {passed} valid, {failed} failed, {indeterminate} indeterminate"
            ).format(
                total=sum(counts.values()),
                passed=counts[Indication.TOTAL_PASSED],
                failed=counts[Indication.TOTAL_FAILED],
                indeterminate=counts[Indication.INDETERMINATE],
            )
        ]
        if report.unsigned_documents:
            parts.append(
                self.tr("{count} unsigned document(s)").format(count=len(report.unsigned_documents))
            )
        if report.orphan_signatures:
            parts.append(
                self.tr("{count} signature(s) without their document").format(
                    count=len(report.orphan_signatures)
                )
            )
        if report.errors:
            parts.append(self.tr("{count} could not be read").format(count=len(report.errors)))
        mode = self.tr("offline") if report.offline else self.tr("online")
        trust = ", ".join(localized(source) for source in report.trust_sources) or self.tr(
            "nothing"
        )
        parts.append(
            self.tr("verified {time} ({mode}); trusted: {trust}").format(
                time=_local(report.validation_time), mode=mode, trust=trust
            )
        )
        return " · ".join(parts)

    # --- details --------------------------------------------------------------------------------

    def _show_placeholder(self) -> None:
        self.details.setHtml(
            "<p>"
            + _e(self.tr("Select a document or a signature to see the checks behind its verdict."))
            + "</p>"
        )

    def _show_details(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        entry = current.data(COLUMN_DOCUMENT, ROLE_ENTRY) if current is not None else None
        if isinstance(entry, SignatureReport):
            body = self._signature_html(entry)
        elif isinstance(entry, DocumentReport):
            body = self._document_html(entry)
        elif isinstance(entry, OrphanSignature):
            body = _h(self._shown(entry.signature_path)) + _p(
                self.tr("Signature without its document: {reason}.").format(
                    reason=tr_engine(entry.reason)
                )
            )
        elif isinstance(entry, InputError):
            body = _h(self._shown(entry.path)) + _p(
                _e(self.tr("Could not be read: {reason}.").format(reason=translated(entry)))
            )
        elif isinstance(entry, Path):
            body = _h(self._shown(entry)) + _p(
                self.tr(
                    "No signature was found for this document: no signed PDF, no token beside it"
                    " naming it, no signature referring to it."
                )
            )
        else:
            self._show_placeholder()
            return
        self.details.setHtml(body)

    def _document_html(self, document: DocumentReport) -> str:
        parts = [_h(self._shown(document.path))]
        verdict = verdict_style.overall(s.indication for s in document.signatures)
        if verdict is not None:
            parts.append(_p(self._badge_html(verdict)))
        parts.append(_p(self.tr("{count} signature(s).").format(count=len(document.signatures))))
        for number, signature in enumerate(document.signatures, start=1):
            parts.append("<hr/>")
            parts.append(_h3(self.tr("Signature {number}").format(number=number)))
            parts.append(self._signature_html(signature, heading=False))
        return "".join(parts)

    def _badge_html(self, indication: Indication) -> str:
        colour = verdict_style.colour(indication).name()
        return (
            f'<img src="{_badge_url(indication).toString()}" width="16" height="16"/>&nbsp;'
            f'<b style="color:{colour}">{_e(verdict_style.label(indication))}</b>'
        )

    def _signature_html(self, s: SignatureReport, heading: bool = True) -> str:
        yes, no, none = self.tr("yes"), self.tr("no"), "—"
        parts: list[str] = []
        if heading:
            parts.append(_h(Path(s.signature_path).name))
        code = s.indication.value + (f" / {s.subindication.code}" if s.subindication else "")
        parts.append(_p(f"{self._badge_html(s.indication)} &nbsp;<code>{_e(code)}</code>"))
        if s.explanation:
            parts.append(_p(_e(tr_engine(s.explanation))))
        elif s.indication is Indication.TOTAL_PASSED:
            parts.append(
                _p(
                    _e(
                        self.tr(
                            "The document is intact and the signer's certificate was valid,"
                            " unrevoked and issued by a trusted authority."
                        )
                    )
                )
            )

        level = f"{s.format.value} {s.level or ''}".strip()
        rows = [(self.tr("Format and level"), level), (self.tr("Signature"), str(s.signature_path))]
        if s.document_path is not None:
            rows.append((self.tr("Signed document"), str(s.document_path)))
        if s.signature_id:
            rows.append((self.tr("Signature identifier"), s.signature_id))
        parts.append(_table(rows))

        parts.append(_h3(self.tr("Signer")))
        if s.signer is not None:
            parts.append(
                _table(
                    [
                        (self.tr("Name"), s.signer.name),
                        (self.tr("Organisation"), s.signer.organisation or none),
                        (
                            self.tr("Organisation identifier"),
                            s.signer.organization_identifier or none,
                        ),
                        (self.tr("SIREN"), s.signer.siren or none),
                        (self.tr("E-mail"), s.signer.email or none),
                        (self.tr("Country"), s.signer.country or none),
                    ]
                )
            )
        else:
            parts.append(_p(_e(self.tr("The signer could not be identified."))))

        parts.append(_h3(self.tr("Time")))
        parts.append(
            _table(
                [
                    (
                        self.tr("Claimed signing time"),
                        _local(s.signing_time) if s.signing_time else none,
                    ),
                    (
                        self.tr("Proven by a timestamp"),
                        _local(s.timestamp_time)
                        if s.timestamp_time
                        else self.tr("no timestamp: the signing time is only claimed"),
                    ),
                ]
            )
        )

        parts.append(_h3(self.tr("Certificate")))
        if s.certificate is not None:
            parts.append(self._certificate_html(s.certificate, yes, no))
        else:
            parts.append(_p(_e(self.tr("No signing certificate found."))))

        parts.append(_h3(self.tr("Certificate chain")))
        if s.chain:
            issued = self.tr("issued by {issuer}, valid until {date}")
            items = "".join(
                f"<li>{_e(c.subject)}<br/><small>"
                f"{_e(issued.format(issuer=c.issuer, date=_local(c.not_after)))}</small></li>"
                for c in s.chain
            )
            parts.append(f"<ol>{items}</ol>")
        else:
            parts.append(_p(_e(self.tr("No chain to a trusted authority was built."))))

        parts.append(_h3(self.tr("Revocation")))
        if s.revocation is not None:
            rows = [
                (self.tr("Status"), self._revocation_status(s.revocation.status)),
                (self.tr("Source"), self._revocation_source(s.revocation.source)),
            ]
            if s.revocation.detail:
                rows.append((self.tr("Detail"), s.revocation.detail))
            parts.append(_table(rows))
        else:
            parts.append(_p(_e(self.tr("Not checked."))))

        if s.pdf is not None:
            parts.append(_h3(self.tr("PDF coverage")))
            rows = [
                (self.tr("Covers the whole document"), yes if s.pdf.covers_whole_document else no),
                (self.tr("Coverage"), s.pdf.coverage),
                (self.tr("Changes after signing"), s.pdf.modification_level or none),
            ]
            parts.append(_table(rows))
            if s.pdf.changes:
                parts.append("<ul>" + "".join(f"<li>{_e(c)}</li>" for c in s.pdf.changes) + "</ul>")

        parts.append(_h3(self.tr("Checks")))
        if s.checks:
            rows_html = []
            for check in s.checks:
                mark = _MARKS[check.passed]
                colour = {True: "#1b7a34", False: "#c0262d", None: "#9a5b00"}[check.passed]
                detail = f" — {_e(tr_engine(check.detail))}" if check.detail else ""
                rows_html.append(
                    f'<tr><td style="color:{colour}"><b>{mark}</b></td>'
                    f"<td>{_e(tr_engine(check.name))}{detail}</td></tr>"
                )
            parts.append('<table cellspacing="2">' + "".join(rows_html) + "</table>")
        else:
            parts.append(_p(_e(self.tr("No check recorded."))))
        return "".join(parts)

    def _certificate_html(self, cert: CertificateInfo, yes: str, no: str) -> str:
        none = "—"
        return _table(
            [
                (self.tr("Subject"), cert.subject),
                (self.tr("Issuer"), cert.issuer),
                (self.tr("Serial number"), cert.serial),
                (
                    self.tr("Valid"),
                    self.tr("from {start} to {end}").format(
                        start=_local(cert.not_before), end=_local(cert.not_after)
                    ),
                ),
                (self.tr("SHA-256 fingerprint"), _grouped(cert.sha256)),
                (self.tr("Key usage"), ", ".join(map(self._key_usage, cert.key_usage)) or none),
                (
                    self.tr("QC statements"),
                    ", ".join(map(self._qc_statement, cert.qc_statements)) or none,
                ),
                (
                    self.tr("Qualified (declared by the certificate)"),
                    yes if cert.qualified_by_statement else no,
                ),
            ]
        )

    def _key_usage(self, name: str) -> str:
        return {
            "digital_signature": self.tr("digital signature"),
            "content_commitment": self.tr("non-repudiation"),
            "key_encipherment": self.tr("key encipherment"),
            "data_encipherment": self.tr("data encipherment"),
            "key_agreement": self.tr("key agreement"),
            "key_cert_sign": self.tr("certificate signing"),
            "crl_sign": self.tr("CRL signing"),
        }.get(name, name)

    def _qc_statement(self, name: str) -> str:
        """EN 319 412-5 statements in words, with the standard's name for those who look it up."""
        words = {
            "qc_compliance": self.tr("EU qualified certificate"),
            "qc_sscd": self.tr("key in a qualified signature device"),
            "qc_type": self.tr("certificate type"),
            "qc_pds": self.tr("PKI disclosure statement"),
            "qc_limit_value": self.tr("transaction limit"),
            "qc_retention_period": self.tr("retention period"),
            "qc_cclegislation": self.tr("legislation"),
            "semantics_natural_person": self.tr("natural person"),
            "semantics_legal_person": self.tr("legal person"),
        }.get(name)
        return f"{words} ({name})" if words else name

    def _revocation_status(self, status: str) -> str:
        return {
            "good": self.tr("not revoked"),
            "revoked": self.tr("revoked"),
            "unknown": self.tr("unknown"),
            "not_checked": self.tr("not checked"),
        }.get(status, status)

    def _revocation_source(self, source: str | None) -> str:
        if source is None:
            return "—"
        return {
            "ocsp": self.tr("OCSP responder"),
            "crl": self.tr("certificate revocation list (CRL)"),
            "embedded": self.tr("embedded in the signature"),
            "cache": self.tr("local cache"),
        }.get(source, source)


def _entry_path(entry: object) -> Path:
    if isinstance(entry, OrphanSignature):
        return entry.signature_path
    if isinstance(entry, InputError):
        return entry.path
    return Path(str(entry))


def _badge_url(indication: Indication) -> QUrl:
    return QUrl(f"paraphe-badge:{indication.value.lower()}")


def _e(text: object) -> str:
    """Every text of the details panel passes here once: names, certificate fields and
    messages from outside are made displayable (one line, no bidi trick), then escaped."""
    return as_html(str(text))


def _h(text: str) -> str:
    return f"<h2>{_e(text)}</h2>"


def _h3(text: str) -> str:
    return f"<h3>{_e(text)}</h3>"


def _p(inner_html: str) -> str:
    return f"<p>{inner_html}</p>"


def _table(rows: list[tuple[str, str]]) -> str:
    """Label and value pairs; labels in semi-bold so they read as labels in any colour theme."""
    cells = "".join(
        f'<tr><td width="34%" valign="top" style="font-weight:600">{_e(k)}</td>'
        f"<td>{_e(v)}</td></tr>"
        for k, v in rows
    )
    return f'<table width="100%" cellspacing="0" cellpadding="2">{cells}</table>'


def _grouped(hex_digits: str) -> str:
    """A fingerprint in pairs, so it wraps and can be read aloud."""
    return ":".join(hex_digits[i : i + 2] for i in range(0, len(hex_digits), 2)).upper()


def _local(moment: dt.datetime) -> str:
    """A UTC time in the user's time zone and locale format."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    when = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000)).toLocalTime()
    return when.toString("dd/MM/yyyy HH:mm")


def _unique(values: Iterable[str | None]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen
