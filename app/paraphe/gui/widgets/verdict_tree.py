"""The verify page's list: one row per document with its overall badge, one child row per
signature, and groups for unsigned documents, signatures without their document and files that
could not be read.

It shows the engine's summary rows (``core.reports.summary``); each row keeps what it stands for
(``ROLE_ENTRY``) for the details panel. Each signature also gets its qualification per the EU
trusted lists (QESig, AdESig-QC, ...): what a buyer must know before accepting it in a tender.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from ...core.reports.wording import procurement_reading, qualification_reason
from ...core.text.display_text import displayable
from ...core.trust.eutl.qualification import (
    ADESEAL,
    ADESEAL_QC,
    ADESIG,
    ADESIG_QC,
    NOT_APPLICABLE,
    QESEAL,
    QESIG,
    Qualification,
)
from ...core.validation.indications import Indication
from ...core.validation.report import InputError, OrphanSignature
from ..i18n import local_time, report_words, tr_engine, translated
from ..plain_text import as_html, tooltip
from . import verdict_style
from .verdict_filter import Show, SortBy, ordered, signature_shown

if TYPE_CHECKING:
    from ...core.reports.summary import DocumentRow, SignatureRow, SigningTime, Summary

(
    COLUMN_DOCUMENT,
    COLUMN_VERDICT,
    COLUMN_QUALIFICATION,
    COLUMN_SIGNER,
    COLUMN_ORGANISATION,
    COLUMN_DATE,
) = range(6)

ROLE_ENTRY = Qt.ItemDataRole.UserRole + 1
"""What a row stands for: a DocumentRow, SignatureRow, OrphanSignature, InputError or Path."""

ShownPath = Callable[[Path | str], str]
"""A path as short as the user can still recognise it."""


class VerdictTree(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(6)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.header()
        header.setStretchLastSection(False)
        # The document's name gets the width left, but never less than DOCUMENT_MINIMUM: on a
        # narrow window the list scrolls sideways rather than cut every name to "O…f".
        for column in range(COLUMN_DOCUMENT, self.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(60)
        self.retranslate()

    def retranslate(self) -> None:
        """The headings in the current language (the rows are filled again by the page)."""
        self.setHeaderLabels(
            [
                self.tr("Document"),
                self.tr("Verdict"),
                self.tr("Qualification"),
                self.tr("Signer"),
                self.tr("Organisation"),
                self.tr("Date"),
            ]
        )
        self.setAccessibleName(self.tr("Documents and signatures"))
        self.headerItem().setToolTip(
            COLUMN_QUALIFICATION,
            self.tr(
                "The signature's qualification per the EU trusted lists; ✔ marks those public"
                " procurement accepts (QESig, AdESig-QC)."
            ),
        )

    def show_summary(
        self,
        summary: Summary,
        shown: ShownPath,
        showing: Show = Show.ALL,
        sort_by: SortBy = SortBy.NAME,
    ) -> QTreeWidgetItem | None:
        """Fill the list with what ``showing`` lets through, documents in ``sort_by`` order (the
        files set aside only when every row is shown); returns the row to select first (the
        first signature, if any)."""
        self.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        first_signature: QTreeWidgetItem | None = None
        for document in ordered(summary.documents, sort_by):
            signatures = [row for row in document.signatures if signature_shown(row, showing)]
            if not signatures:
                continue
            item = self._document_item(document, bold, shown, signatures)
            self.addTopLevelItem(item)
            item.setExpanded(True)
            if first_signature is None and item.childCount():
                first_signature = item.child(0)
        if showing is not Show.ALL:
            self.size_columns()
            return first_signature or self.topLevelItem(0)
        self._group(
            self.tr("Unsigned documents ({count})"),
            [
                (
                    shown(p),
                    p,
                    self.tr("No signature"),
                    self.tr("No signature was found for this document."),
                )
                for p in summary.unsigned_documents
            ],
            bold,
        )
        self._group(
            self.tr("Signatures without their document ({count})"),
            [
                (shown(o.signature_path), o, self.tr("Document missing"), tr_engine(o.reason))
                for o in summary.orphan_signatures
            ],
            bold,
        )
        self._group(
            self.tr("Could not be read ({count})"),
            [(shown(e.path), e, self.tr("Unreadable"), translated(e)) for e in summary.errors],
            bold,
        )
        self.size_columns()
        return first_signature or self.topLevelItem(0)

    def _document_item(
        self,
        document: DocumentRow,
        bold: QFont,
        shown: ShownPath,
        signatures: Sequence[SignatureRow],
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem([displayable(shown(document.path))])
        item.setToolTip(COLUMN_DOCUMENT, tooltip(document.path))
        item.setData(COLUMN_DOCUMENT, ROLE_ENTRY, document)
        item.setFont(COLUMN_DOCUMENT, bold)
        if document.verdict is not None:
            self._set_badge(item, document.verdict)
            item.setFont(COLUMN_VERDICT, bold)
        item.setText(COLUMN_SIGNER, ", ".join(map(displayable, document.signers)))
        item.setText(COLUMN_ORGANISATION, ", ".join(map(displayable, document.organisations)))
        self._set_date(item, document.time)
        for signature in signatures:
            item.addChild(self._signature_item(signature))
        return item

    def _signature_item(self, signature: SignatureRow) -> QTreeWidgetItem:
        report = signature.report
        if signature.signature_file is not None:
            name = displayable(signature.signature_file.name)
        else:
            name = self.tr("Signature {number}").format(number=signature.number)
            if report.signature_id:
                name += f" ({displayable(report.signature_id)})"
        item = QTreeWidgetItem([name])
        item.setToolTip(COLUMN_DOCUMENT, tooltip(report.signature_path))
        item.setData(COLUMN_DOCUMENT, ROLE_ENTRY, signature)
        self._set_badge(item, signature.indication)
        if signature.explanation:
            item.setToolTip(COLUMN_VERDICT, tooltip(tr_engine(signature.explanation)))
        if report.qualification is not None:
            self._set_qualification(item, report.qualification)
        if report.signer is not None:
            item.setText(COLUMN_SIGNER, displayable(signature.signer_name))
            item.setText(COLUMN_ORGANISATION, displayable(signature.organisation))
            if signature.siren:
                item.setToolTip(
                    COLUMN_ORGANISATION,
                    tooltip(self.tr("SIREN {siren}").format(siren=signature.siren)),
                )
        self._set_date(item, signature.time)
        return item

    def _group(self, title: str, rows: list[tuple[str, object, str, str]], bold: QFont) -> None:
        if not rows:
            return
        group = QTreeWidgetItem([title.format(count=len(rows))])
        group.setFont(COLUMN_DOCUMENT, bold)
        self.addTopLevelItem(group)
        for shown, entry, verdict, reason in rows:
            child = QTreeWidgetItem([displayable(shown), verdict])
            child.setData(COLUMN_DOCUMENT, ROLE_ENTRY, entry)
            child.setToolTip(COLUMN_DOCUMENT, tooltip(_entry_path(entry)))
            child.setToolTip(COLUMN_VERDICT, tooltip(reason))
            signer = getattr(entry, "signer", None)  # an orphan signature names its signer
            if signer is not None:
                unverified = self.tr("Named by the signature; not verified without its document.")
                child.setText(COLUMN_SIGNER, displayable(signer.name))
                child.setText(COLUMN_ORGANISATION, displayable(signer.organisation or ""))
                child.setToolTip(COLUMN_SIGNER, unverified)
                child.setToolTip(COLUMN_ORGANISATION, unverified)
            group.addChild(child)
        group.setExpanded(True)

    def _set_badge(self, item: QTreeWidgetItem, indication: Indication) -> None:
        icon, text, colour = verdict_style.badge(indication)
        item.setIcon(COLUMN_VERDICT, icon)
        item.setText(COLUMN_VERDICT, text)
        item.setForeground(COLUMN_VERDICT, colour)

    def _set_qualification(self, item: QTreeWidgetItem, qualification: Qualification) -> None:
        """The status, marked ✔ in the verdicts' green when public procurement accepts it, else
        plain grey: the verdict column already says whether the signature is valid."""
        text, colour = qualification_badge(qualification)
        item.setText(COLUMN_QUALIFICATION, text)
        item.setForeground(COLUMN_QUALIFICATION, colour)
        item.setToolTip(COLUMN_QUALIFICATION, qualification_tooltip(qualification))

    def _set_date(self, item: QTreeWidgetItem, time: SigningTime | None) -> None:
        if time is None:
            return
        item.setText(COLUMN_DATE, local_time(time.moment))
        from ...core.reports.summary import TimeProof

        if time.proof is TimeProof.TIMESTAMP:
            item.setToolTip(COLUMN_DATE, self.tr("Proven by a timestamp"))
        else:
            item.setToolTip(COLUMN_DATE, self.tr("Claimed by the signer, not proven"))

    def size_columns(self) -> None:
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(verdict_style.label(i)) for i in Indication)
        self.header().resizeSection(COLUMN_VERDICT, widest + 44)  # icon, margins, bold
        self.header().resizeSection(COLUMN_QUALIFICATION, self._qualification_width())
        for column, minimum, maximum in (
            (COLUMN_SIGNER, 110, 170),
            (COLUMN_ORGANISATION, 110, 150),
            (COLUMN_DATE, 110, 130),
        ):
            self.resizeColumnToContents(column)
            width = min(max(self.columnWidth(column), minimum), maximum)
            self.setColumnWidth(column, width)
        self._fit_document_column()

    def _fit_document_column(self) -> None:
        """The document name is what the buyer reads first: it gets the rest of the width,
        at least DOCUMENT_MINIMUM."""
        others = sum(self.columnWidth(c) for c in range(1, self.columnCount()))
        self.setColumnWidth(0, max(DOCUMENT_MINIMUM, self.viewport().width() - others))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_document_column()

    def _qualification_width(self) -> int:
        """Room for the widest status with its mark, and for the header."""
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(f"{QUALIFIED_MARK} {status}") for status in STATUSES)
        heading = self.header().sectionSizeFromContents(COLUMN_QUALIFICATION).width()
        return max(widest + 14, heading)


DOCUMENT_MINIMUM = 240
"""The least width of the document column (pixels): room for a recognisable name."""
QUALIFIED_MARK = "✔"
STATUSES = (QESIG, QESEAL, ADESIG_QC, ADESEAL_QC, ADESIG, ADESEAL, NOT_APPLICABLE)
"""Every status the engine gives (``Qualification.status``): the column fits the widest."""
NEUTRAL = "#5f6368"
"""Grey for a status public procurement does not accept: readable (above 4.5:1 on white), and
no alarm: it is not a verdict."""


def qualification_badge(qualification: Qualification) -> tuple[str, QColor]:
    """The status as the list shows it: "✔ QESig" in the verdicts' green when procurement
    accepts it, the bare status in grey otherwise."""
    if qualification.procurement_acceptable:
        return f"{QUALIFIED_MARK} {qualification.status}", verdict_style.colour(
            Indication.TOTAL_PASSED
        )
    return qualification.status, QColor(NEUTRAL)


def qualification_tooltip(qualification: Qualification) -> str:
    """What the status means for a tender, in the user's language (the engine's words), as rich
    text that wraps: the reasons are long, and every outside name in them is escaped."""
    words = report_words()
    lines = [procurement_reading(qualification, words.translate)]
    if qualification.procurement_acceptable:
        lines.insert(0, qualification_reason(qualification, words.translate))
    return "".join(f"<p>{as_html(line)}</p>" for line in lines)


def _entry_path(entry: object) -> Path:
    if isinstance(entry, OrphanSignature):
        return entry.signature_path
    if isinstance(entry, InputError):
        return entry.path
    return Path(str(entry))
