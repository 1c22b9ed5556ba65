"""The status bar's word on the EU trusted lists: how current the lists that decide a
signature's qualification are, and a button to refresh them in the background.

The lists in use are read (``manage.status``) and refreshed (``manage.refresh``) in a
``TrustListsJob`` on the thread pool, never on the GUI thread: a refresh takes up to a minute
online, and the window stays usable meanwhile, with the refresh's progress shown here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStyle,
    QToolButton,
    QWidget,
)

from ...core.text.display_text import displayable
from ..plain_text import as_html
from ..workers.trust_lists_worker import TrustListsJob

if TYPE_CHECKING:
    from ...core.trust.eutl.cache import TrustedListCache
    from ...core.trust.eutl.manage import ListStatus

_RUNNING: set[TrustListsJob] = set()
"""Jobs under way, kept alive until their last signal even if the window goes first."""


class TrustListsStatus(QWidget):
    """ "EU trusted lists: 22/05/2026 (shipped snapshot) — 2 stale" and "Update trusted lists"."""

    loaded = Signal()
    """The lists in use were read at start-up (``needs_refresh`` now answers)."""
    refreshed = Signal()
    """A refresh ended and the new lists are shown."""
    refresh_failed = Signal(object)
    """A refresh stopped with this error; the lists in use are those of before."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache: TrustedListCache | None = None
        self._rows: list[ListStatus] = []
        self._loaded = False
        self._error = ""
        """Why the last refresh failed, until the next one (shown beside the date)."""
        self._read_error = ""
        """Why the lists in use could not be read (the tooltip of "none available")."""
        self._progress: tuple[int, int, str] | None = None
        self._job: TrustListsJob | None = None
        self._refreshing = False
        self._manual = False

        self.label = _ElidedLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(100)
        self.progress.setMaximumHeight(12)
        self.progress.hide()
        self.update_action = QAction(self)
        self.update_action.triggered.connect(self._update_clicked)
        self.update_action.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        )
        self.update_button = QToolButton()
        self.update_button.setDefaultAction(self.update_action)
        self.update_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.update_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addWidget(self.update_button)
        self.retranslate()
        self._start(TrustListsJob(refresh=False))

    # --- the contract ---------------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        """A reading or a refresh of the lists is under way."""
        return self._job is not None

    @property
    def needs_refresh(self) -> bool:
        """The lists in use are the shipped snapshot, or some are stale, or there are none."""
        if not self._loaded:
            return False
        return self._cache is None or self._cache.snapshot or bool(self._stale())

    def refresh(
        self, lotl: str | None = None, *, offline: bool = False, manual: bool = True
    ) -> bool:
        """Fetch and verify the lists again in the background; False if one is under way.

        ``lotl``/``offline`` as ``manage.refresh`` takes them (tests read a local folder);
        ``manual``: the user asked, so a failure is also shown in a dialog, not only here.
        """
        if self._refreshing:
            return False
        self._refreshing = True
        self._manual = manual
        self._error = ""
        self._progress = None
        self.progress.setRange(0, 0)
        self.progress.show()
        self.update_action.setEnabled(False)
        self._start(TrustListsJob(refresh=True, lotl=lotl, offline=offline))
        self.retranslate()
        return True

    def cancel(self) -> None:
        """Stop a refresh under way (the window is closing): the lists in use stay as they were."""
        for job in list(_RUNNING):
            job.cancel()

    @Slot()
    def _update_clicked(self) -> None:
        self.refresh()

    # --- the jobs -------------------------------------------------------------------------------

    def _start(self, job: TrustListsJob) -> None:
        job.setAutoDelete(False)
        # bound slots, not lambdas: Qt drops the connections if the widget is destroyed first
        job.signals.progress.connect(self._progressed)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        self._job = job
        _RUNNING.add(job)
        QThreadPool.globalInstance().start(job)

    def _done(self) -> bool:
        """Forget the job whose signal arrived; True if it was the latest one started."""
        job = self.sender()
        latest = self._job is not None and self._job.signals is job
        for running in [j for j in _RUNNING if j.signals is job]:
            _RUNNING.discard(running)
        if latest:
            self._job = None
        return latest

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, name: str) -> None:
        self._progress = (done, total, name)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.retranslate()

    @Slot(object)
    def _finished(self, status: tuple[TrustedListCache | None, list[ListStatus]]) -> None:
        if not self._done():
            return
        self._cache, self._rows = status
        first, self._loaded = not self._loaded, True
        was_refreshing = self._end_refresh()
        self.retranslate()
        if was_refreshing:
            self.refreshed.emit()
        elif first:
            self.loaded.emit()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        if not self._done():
            return
        from ..i18n import localized

        was_refreshing = self._end_refresh()
        if was_refreshing:
            self._error = localized(error)
        else:  # the lists in use could not even be read: none to show, and why in the tooltip
            self._cache, self._rows, self._loaded = None, [], True
            self._read_error = localized(error)
        self.retranslate()
        if was_refreshing:
            self.refresh_failed.emit(error)
            if self._manual:
                from ..dialogs import errors

                errors.show_error(self.window(), error)

    def _end_refresh(self) -> bool:
        was_refreshing, self._refreshing = self._refreshing, False
        self._progress = None
        self.progress.hide()
        self.update_action.setEnabled(True)
        return was_refreshing

    # --- the words ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.update_action.setText(self.tr("&Update trusted lists"))
        self.update_action.setToolTip(
            self.tr(
                "Fetch the EU trusted lists again and check their signatures, in the background:"
                " they decide which signatures are qualified."
            )
        )
        self.label.set_full_text(self._text(), self._tooltip())
        self.setAccessibleName(self.label.full_text)

    def text(self) -> str:
        """What the status bar says of the lists, whole (the label may show it shortened)."""
        return self.label.full_text

    def _text(self) -> str:
        if self._refreshing:
            if self._progress is None:
                return self.tr("EU trusted lists: reading the list of lists…")
            done, total, name = self._progress
            return self.tr("EU trusted lists: {done} of {total} ({name})").format(
                done=done, total=total, name=displayable(name)
            )
        if not self._loaded:
            return self.tr("EU trusted lists: …")
        if self._cache is None:
            text = self.tr("EU trusted lists: none available")
        else:
            date = self._date(self._cache.updated)
            text = (
                self.tr("EU trusted lists: {date} (shipped snapshot)")
                if self._cache.snapshot
                else self.tr("EU trusted lists: {date}")
            ).format(date=date)
        notes = []
        if stale := self._stale():
            notes.append(self.tr("{count} stale").format(count=len(stale)))
        if missing := self._missing():
            notes.append(self.tr("{count} unavailable").format(count=len(missing)))
        if self._error:
            notes.append(self.tr("update failed"))
        return " — ".join([text, ", ".join(notes)]) if notes else text

    def _tooltip(self) -> str:
        lines = [error for error in (self._error, self._read_error) if error]
        if self._cache is not None:
            usable = sum(
                1 for row in self._rows if row.record.origin != "lotl" and row.record.usable
            )
            lines.append(
                self.tr("{count} national lists in use, besides the EU list of lists.").format(
                    count=usable
                )
            )
            if stale := self._stale():
                lines.append(
                    self.tr("Past their next update: {lists}.").format(
                        lists=", ".join(
                            self.tr("{territory} since {date}").format(
                                territory=displayable(row.record.territory),
                                date=self._date(row.stale_since),
                            )
                            for row in stale
                            if row.stale_since is not None
                        )
                    )
                )
            if missing := self._missing():
                lines.append(
                    self.tr("Could not be had: {lists}.").format(
                        lists=", ".join(
                            displayable(row.record.territory or row.record.location)
                            for row in missing
                        )
                    )
                )
            if self._cache.snapshot:
                lines.append(
                    self.tr(
                        "These are the lists shipped with Paraphe: update them to judge"
                        " signatures against the current ones."
                    )
                )
        return "\n".join(lines)

    def _date(self, moment: dt.datetime) -> str:
        """A day in the user's language; the lists' dates are UTC days, as the engine says them."""
        day = moment.astimezone(dt.UTC) if moment.tzinfo else moment
        date_format = self.tr("yyyy-MM-dd", "a QDate.toString format: dd/MM/yyyy in French")
        return QDate(day.year, day.month, day.day).toString(date_format)

    def _stale(self) -> list[ListStatus]:
        return [row for row in self._rows if row.stale_since is not None]

    def _missing(self) -> list[ListStatus]:
        return [row for row in self._rows if not row.record.usable]


class _ElidedLabel(QLabel):
    """Plain text shortened with "…" when the window is narrow: a permanent status-bar widget
    must never make the window wider than the screen. Shortened, the whole text heads the
    tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.full_text = ""
        self.details = ""

    def set_full_text(self, text: str, details: str) -> None:
        self.full_text, self.details = text, details
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance(self.full_text) + 8
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance("x" * 16)
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        shown = metrics.elidedText(self.full_text, Qt.TextElideMode.ElideRight, self.width())
        self.setText(shown)
        lines = [self.full_text] if shown != self.full_text else []
        lines += [line for line in self.details.split("\n") if line]
        # rich text, each line escaped: an error may quote a path or an address from outside
        self.setToolTip("".join(f"<p>{as_html(line)}</p>" for line in lines))
