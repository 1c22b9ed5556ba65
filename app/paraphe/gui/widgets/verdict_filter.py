"""What the verify page's list shows and in which order: a buyer with 48 signatures looks at
the failed ones first, or only at those public procurement does not accept.

The choices are words over the engine's facts (the indication, and the qualification's
``procurement_acceptable``); nothing here decides a verdict.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ...core.validation.indications import Indication

if TYPE_CHECKING:
    from ...core.reports.summary import DocumentRow, SignatureRow


class Show(enum.Enum):
    ALL = "all"
    PASSED = "passed"
    INDETERMINATE = "indeterminate"
    FAILED = "failed"
    ACCEPTABLE = "acceptable"
    """Qualified as public procurement accepts (QESig, AdESig-QC), per the EU trusted lists."""
    NOT_ACCEPTABLE = "not_acceptable"
    """Not qualified so, or not known to be (no qualification)."""


class SortBy(enum.Enum):
    NAME = "name"
    VERDICT = "verdict"
    """Failed first, then indeterminate, then valid: what needs a look first."""
    SIGNER = "signer"
    DATE = "date"


_INDICATION = {
    Show.PASSED: Indication.TOTAL_PASSED,
    Show.INDETERMINATE: Indication.INDETERMINATE,
    Show.FAILED: Indication.TOTAL_FAILED,
}
_URGENCY = {Indication.TOTAL_FAILED: 0, Indication.INDETERMINATE: 1, Indication.TOTAL_PASSED: 2}


def signature_shown(row: SignatureRow, show: Show) -> bool:
    if show is Show.ALL:
        return True
    if show in _INDICATION:
        return row.indication is _INDICATION[show]
    qualification = row.report.qualification
    acceptable = qualification is not None and qualification.procurement_acceptable
    return acceptable if show is Show.ACCEPTABLE else not acceptable


def ordered(documents: Iterable[DocumentRow], sort_by: SortBy) -> list[DocumentRow]:
    """The documents in the chosen order; by name within equals."""
    by_name = sorted(documents, key=lambda d: str(d.path).casefold())
    if sort_by is SortBy.VERDICT:
        return sorted(by_name, key=lambda d: _URGENCY.get(d.verdict, 3) if d.verdict else 3)
    if sort_by is SortBy.SIGNER:
        return sorted(by_name, key=lambda d: (not d.signers, [s.casefold() for s in d.signers]))
    if sort_by is SortBy.DATE:
        return sorted(by_name, key=_earliest)
    return by_name


def _earliest(document: DocumentRow) -> tuple[bool, dt.datetime]:
    times = [row.time.moment for row in document.signatures if row.time is not None]
    if not times:
        return True, dt.datetime.max.replace(tzinfo=dt.UTC)
    return False, min(times)


class VerdictFilter(QWidget):
    """ "Show: [every signature ▾]  Sort by: [document name ▾]"; ``changed`` on each choice."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_label = QLabel()
        self.show_combo = QComboBox()
        self.show_label.setBuddy(self.show_combo)
        self.sort_label = QLabel()
        self.sort_combo = QComboBox()
        self.sort_label.setBuddy(self.sort_combo)
        for choice in Show:
            self.show_combo.addItem("", choice)
        for order in SortBy:
            self.sort_combo.addItem("", order)
        self.show_combo.currentIndexChanged.connect(self.changed)
        self.sort_combo.currentIndexChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.show_label)
        layout.addWidget(self.show_combo)
        layout.addSpacing(12)
        layout.addWidget(self.sort_label)
        layout.addWidget(self.sort_combo)
        layout.addStretch()
        self.retranslate()

    def retranslate(self) -> None:
        self.show_label.setText(self.tr("Sho&w:"))
        self.sort_label.setText(self.tr("Sort &by:"))
        shows = {
            Show.ALL: self.tr("every signature and file"),
            Show.PASSED: self.tr("valid signatures"),
            Show.INDETERMINATE: self.tr("indeterminate signatures"),
            Show.FAILED: self.tr("failed signatures"),
            Show.ACCEPTABLE: self.tr("acceptable for public procurement (QESig, AdESig-QC)"),
            Show.NOT_ACCEPTABLE: self.tr("not acceptable for public procurement"),
        }
        for index in range(self.show_combo.count()):
            self.show_combo.setItemText(index, shows[self.show_combo.itemData(index)])
        orders = {
            SortBy.NAME: self.tr("document name"),
            SortBy.VERDICT: self.tr("verdict (failed first)"),
            SortBy.SIGNER: self.tr("signer"),
            SortBy.DATE: self.tr("signing date"),
        }
        for index in range(self.sort_combo.count()):
            self.sort_combo.setItemText(index, orders[self.sort_combo.itemData(index)])

    @property
    def showing(self) -> Show:
        return self.show_combo.currentData()

    @property
    def sort_by(self) -> SortBy:
        return self.sort_combo.currentData()

    def choose(self, show: Show | None = None, sort_by: SortBy | None = None) -> None:
        if show is not None:
            self.show_combo.setCurrentIndex(self.show_combo.findData(show))
        if sort_by is not None:
            self.sort_combo.setCurrentIndex(self.sort_combo.findData(sort_by))
