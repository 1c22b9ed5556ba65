"""The main window: two tasks, "Sign" and "Verify", and the menus around them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from .. import __version__
from ..core.config.settings import Settings
from .pages.sign_page import SignPage
from .pages.verify_page import VerifyPage


class MainWindow(QMainWindow):
    language_requested = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.resize(1280, 800)
        self.tabs = QTabWidget()
        self.sign_page = SignPage(settings)
        self.verify_page = VerifyPage(settings)
        self.tabs.addTab(self.sign_page, "")
        self.tabs.addTab(self.verify_page, "")
        self.setCentralWidget(self.tabs)
        self.sign_page.verify_requested.connect(self.verify)
        self._build_menus()
        self.retranslate()

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.help_menu = self.menuBar().addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.open_about)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Paraphe %1").replace("%1", __version__))
        self.tabs.setTabText(0, self.tr("&Sign"))
        self.tabs.setTabText(1, self.tr("&Verify"))
        self.file_menu.setTitle(self.tr("&File"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About Paraphe"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def verify(self, paths: list[Path]) -> None:
        self.tabs.setCurrentWidget(self.verify_page)
        self.verify_page.clear()
        self.verify_page.add_paths(paths)

    def open_settings(self) -> None:
        from .dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        dialog.language_changed.connect(self.language_requested.emit)
        dialog.exec()
        self.sign_page.reload_identities()
        self.sign_page.update_levels()
        self.verify_page.update_extend_actions()

    def open_about(self) -> None:
        from .dialogs.about_dialog import AboutDialog

        AboutDialog(self).exec()
