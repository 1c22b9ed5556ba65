"""A zone that accepts dropped files and folders, and opens pickers from the keyboard or mouse."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout


class DropZone(QFrame):
    """Emits ``paths_dropped`` with the local files and folders dropped or picked."""

    paths_dropped = Signal(list)

    def __init__(self, prompt: str, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setObjectName("DropZone")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(96)
        self.setStyleSheet(
            "#DropZone { border: 2px dashed palette(mid); border-radius: 8px; }"
            "#DropZone:focus { border-color: palette(highlight); }"
        )
        self.label = QLabel(prompt)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.files_button = QPushButton()
        self.folder_button = QPushButton()
        self.retranslate()
        self.files_button.clicked.connect(self.pick_files)
        self.folder_button.clicked.connect(self.pick_folder)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.files_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        """The buttons' words (the prompt is the page's): at start and on a language change."""
        self.files_button.setText(self.tr("&Add files…"))
        self.folder_button.setText(self.tr("Add a fol&der…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def pick_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose files"))
        if names:
            self.paths_dropped.emit([Path(n) for n in names])

    def pick_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"))
        if name:
            self.paths_dropped.emit([Path(name)])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.paths_dropped.emit(paths)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.pick_files()
        else:
            super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.pick_files()
