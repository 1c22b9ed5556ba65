"""The main window: two tasks, "Sign" and "Verify", the menus around them, and a status bar
saying how current the EU trusted lists are (and refreshing them in the background)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QMainWindow, QScrollArea, QTabWidget, QWidget

from .. import __version__
from ..core.config.settings import Settings
from ..core.text.translatable import N_
from .pages.sign_page import SignPage
from .pages.verify_page import VerifyPage
from .screen_fit import fitted_size
from .widgets.trust_lists_status import TrustListsStatus

if TYPE_CHECKING:
    from ..core.config.policy import PolicyProblem


class MainWindow(QMainWindow):
    language_requested = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._stopping = False
        """The user chose to stop a signing run and quit: the window closes once it stops."""
        self.resize(fitted_size(QSize(1280, 800)))
        self.tabs = QTabWidget()
        self.sign_page = SignPage(settings)
        self.verify_page = VerifyPage(settings)
        self.tabs.addTab(_scrollable(self.sign_page), "")
        self.tabs.addTab(_scrollable(self.verify_page), "")
        self.setCentralWidget(self.tabs)
        self.sign_page.verify_requested.connect(self.verify_signed)
        self.setAcceptDrops(True)  # a drop outside the pages' zones is routed (open_paths)
        self.sign_page.drop_zone.installEventFilter(self)
        self.trust_lists = TrustListsStatus()
        self.statusBar().addPermanentWidget(self.trust_lists)
        self.trust_lists.refreshed.connect(self._lists_refreshed)
        self.trust_lists.loaded.connect(self._refresh_if_outdated)
        self._build_menus()
        self.retranslate()

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence("Ctrl+O"))
        self.open_action.triggered.connect(self.open_files)
        # Qt's Preferences key is empty on Linux and Windows: Ctrl+, as most applications give it
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addAction(self.trust_lists.update_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.help_menu = self.menuBar().addMenu("")
        self.help_action = QAction(self)
        self.help_action.setShortcut(QKeySequence("F1"))
        self.help_action.triggered.connect(self.open_help)
        self.help_menu.addAction(self.help_action)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.open_about)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Paraphe %1").replace("%1", __version__))
        self.tabs.setTabText(0, self.tr("&Sign"))
        self.tabs.setTabText(1, self.tr("&Verify"))
        self.file_menu.setTitle(self.tr("&File"))
        self.open_action.setText(self.tr("&Open files…"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.help_action.setText(self.tr("&Using Paraphe"))
        self.about_action.setText(self.tr("&About Paraphe"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_page(self, page: QWidget) -> None:
        """Bring the Sign or Verify page to the front (each sits in a scroll area)."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if isinstance(tab, QScrollArea) and tab.widget() is page:
                self.tabs.setCurrentIndex(index)

    def current_page(self) -> QWidget | None:
        tab = self.tabs.currentWidget()
        return tab.widget() if isinstance(tab, QScrollArea) else tab

    def open_files(self) -> None:
        """Ctrl+O: the file picker of the page in front (files to sign, or to verify)."""
        page = self.current_page()
        if page is self.verify_page:
            self.verify_page.drop_zone.pick_files()
        else:
            self.sign_page.drop_zone.pick_files()

    def verify(self, paths: list[Path]) -> None:
        self.show_page(self.verify_page)
        self.verify_page.clear()
        self.verify_page.add_paths(paths)

    def verify_signed(self, paths: list[Path]) -> None:
        """The Sign page's "Verify now": what was signed and written, with the tokens already
        beside each original (signed earlier, or in another format), so that an original whose
        signed copy is a new PDF is not shown as unsigned when its tokens are there."""
        from ..core.naming import tokens_beside

        everything = list(paths)
        for path in paths:
            everything.extend(t for t in tokens_beside(Path(path)) if t not in everything)
        self.verify(everything)

    def open_paths(self, paths: Sequence[Path]) -> None:
        """Files given on the command line or dropped on the window, each to its task: what
        holds signatures (and folders, archives) to Verify, plain documents to Sign; both at
        once asks (``MixedFilesDialog``)."""
        from .dialogs.open_with_dialog import MixedChoice, MixedFilesDialog
        from .open_with import route

        routing = route(paths)
        if routing.mixed:
            choice = MixedFilesDialog(routing, self).choice()
            if choice is MixedChoice.CANCEL:
                return
            if choice is MixedChoice.VERIFY_ALL:
                self.verify([Path(p) for p in paths])
                return
        if routing.to_sign:
            self.sign_page.add_paths(routing.to_sign)
            self.show_page(self.sign_page)
        if routing.to_verify:
            self.verify(routing.to_verify)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A drop on the window outside the pages' zones (the list of verdicts, the tabs):
        on the Verify page, added to what is verified there; elsewhere, routed."""
        paths = _dropped_paths(event)
        if not paths:
            return
        event.acceptProposedAction()
        if self.current_page() is self.verify_page:
            self.verify_page.add_paths(paths)
        else:
            self.open_paths(paths)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A drop on the Sign page's zone that holds signatures is routed as any other (a
        signature dropped there is to be verified, not signed again); plain documents only
        go on to the Sign page's list as before."""
        if watched is self.sign_page.drop_zone and event.type() == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = _dropped_paths(event)
            from .open_with import route

            if paths and route(paths).to_verify:
                event.acceptProposedAction()
                self.open_paths(paths)
                return True
        return super().eventFilter(watched, event)

    def refresh_trusted_lists(self, lotl: str | None = None, *, offline: bool = False) -> bool:
        """Refresh the EU trusted lists in the background (the File menu's and the status bar's
        "Update trusted lists"); ``lotl``/``offline`` as ``manage.refresh`` takes them."""
        return self.trust_lists.refresh(lotl, offline=offline)

    def _refresh_if_outdated(self) -> None:
        """At start-up, refresh the shipped or stale lists unattended, when the settings allow
        it; never in an offscreen run (tests, screenshots), never with a dialog."""
        from PySide6.QtGui import QGuiApplication

        if not self.settings.trusted_lists_auto_update:
            return
        if QGuiApplication.platformName() == "offscreen" or not self.trust_lists.needs_refresh:
            return
        self.trust_lists.refresh(manual=False)

    def show_policy_problems(self, problems: Sequence[PolicyProblem]) -> None:
        """The administrator's policy file has errors: each in one line, in the status bar and
        its tooltip (Paraphe runs with the rest of the policy); nothing when it has none."""
        if not problems:
            return
        from .i18n import tr_engine

        lines = [
            tr_engine(N_("policy: {problem}")).format(problem=p.worded(tr_engine)) for p in problems
        ]
        self.statusBar().showMessage(lines[0] if len(lines) == 1 else "\n".join(lines), 60_000)
        self.statusBar().setToolTip("\n".join(lines))

    def shut_down(self, wait_ms: int = 15_000) -> None:
        """Before the process ends: stop what runs in the background (signing stops after the
        file under way, verification and the lists' refresh at the next step) and wait for it,
        so that no worker is left running while Python shuts down (a crash at exit)."""
        from PySide6.QtCore import QThreadPool

        self.trust_lists.cancel()
        self.verify_page.stop()
        self.sign_page.cancel()
        QThreadPool.globalInstance().waitForDone(wait_ms)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing during a signing run asks first; stopping lets the file under way finish or
        leaves it out whole (outputs are published atomically), then the window closes once the
        worker is done, so nothing is left half-written and no signal reaches a deleted window.
        A refresh of the lists under way stops at the next list: closing never waits for the
        network (the lists in use stay as they were)."""
        if self.sign_page.busy:
            event.ignore()
            if not self._stopping and self._confirm_stop():
                self._stopping = True
                self.sign_page.stop(then=self.close)
            return
        self.trust_lists.cancel()
        self.sign_page.passwords.forget_all()  # kept until quitting, and not a moment longer
        super().closeEvent(event)

    def _confirm_stop(self) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Signing under way"))
        box.setText(self.tr("Files are being signed. Stop and quit?"))
        box.setInformativeText(
            self.tr(
                "The files already signed keep their signatures; the file under way is finished"
                " or left unsigned, never half-written."
            )
        )
        stop = box.addButton(self.tr("Stop and quit"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep signing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is stop

    def _lists_refreshed(self) -> None:
        self.statusBar().showMessage(self.tr("EU trusted lists updated."), 10_000)
        self.sign_page.picker.trusted_lists_changed()  # a badge may now be confirmed
        self.verify_page.trust_changed(self.tr("Verified again: the EU trusted lists were updated"))

    def open_settings(self) -> None:
        from .dialogs.settings_dialog import SettingsDialog

        trusted = _trusted_anchors()
        dialog = SettingsDialog(self.settings, self)
        dialog.language_changed.connect(self.language_requested.emit)
        dialog.exec()
        self.sign_page.reload_identities()
        self.sign_page.update_levels()
        self.verify_page.update_extend_actions()
        if _trusted_anchors() != trusted:  # a certificate trusted, or no longer
            self.verify_page.trust_changed(
                self.tr("Verified again: the trusted certificates changed")
            )

    def open_help(self) -> None:
        from .dialogs.help_dialog import HelpDialog

        HelpDialog(self).exec()

    def open_about(self) -> None:
        from .dialogs.about_dialog import AboutDialog

        AboutDialog(self).exec()


def _trusted_anchors() -> frozenset[bytes]:
    """The certificates a verification trusts now (user store, administrator's policy): what
    the settings dialog may change; unreadable sources count as none."""
    from ..core.trust import chosen_sources, gather

    try:
        anchors, _notices = gather(chosen_sources())
    except Exception:  # a store being rewritten: the comparison then says "changed"
        return frozenset()
    return frozenset(anchor.dump() for anchor in anchors)


def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def _scrollable(page: QWidget) -> QScrollArea:
    """The page in a scroll area: on a small screen (1024x640, or 1440x900 at 150 %) every
    control stays reachable; on a large one the page fills the window as before."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
