"""The files to sign: a drop zone, a table (name, size, type, what happened) and remove / clear
buttons.

The table follows the batch: a file the pre-flight refused or that failed during the run is
marked with the reason, a signed one is marked signed; the marks go when the file is removed or
the list cleared.
"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.files.documents import mime_type_for
from ...core.text.display_text import displayable
from ..plain_text import tooltip
from .drop_zone import DropZone

COLUMN_NAME, COLUMN_SIZE, COLUMN_TYPE, COLUMN_STATUS = range(4)


class FileState(enum.Enum):
    SIGNED = "signed"
    FAILED = "failed"
    """Failed during the run."""
    REFUSED = "refused"
    """Found unsignable before the password was asked (the pre-flight)."""


_STATE_COLOUR = {
    FileState.SIGNED: "#1b7f3b",
    FileState.FAILED: "#b00020",
    FileState.REFUSED: "#b00020",
}


def human_size(size: int) -> str:
    """A size in the locale's units and digits ("2,2 Ko" in French, "2.2 KB" in English)."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class FileList(QGroupBox):
    changed = Signal()  # files were added or removed
    cleared = Signal()  # the user emptied the list ("Clear"): what was shown of a batch goes too

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files: list[Path] = []
        self.marks: dict[Path, tuple[FileState, str]] = {}
        """What happened to each file in the last batch, and why (empty for a signed one)."""
        self.drop_zone = DropZone("")
        self.drop_zone.paths_dropped.connect(self.add_paths)

        self.table = QTableWidget(0, 4)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COLUMN_NAME, QHeaderView.ResizeMode.Stretch)
        for column in (COLUMN_SIZE, COLUMN_TYPE, COLUMN_STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Three rows at least, at any scale: the marks of a batch are read here (the page scrolls).
        row = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(header.sizeHint().height() + 3 * row + 4)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_files)
        file_buttons = QHBoxLayout()
        file_buttons.addStretch()
        file_buttons.addWidget(self.remove_button)
        file_buttons.addWidget(self.clear_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.drop_zone)
        layout.addWidget(self.table)
        layout.addLayout(file_buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Files"))
        self.drop_zone.label.setText(
            self.tr("Drop the files to sign here, or add them with the buttons.")
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Size"), self.tr("Type"), self.tr("Status")]
        )
        self.remove_button.setText(self.tr("&Remove selected"))
        self.clear_button.setText(self.tr("&Clear"))
        self._fill_table()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            candidates = (
                sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            )
            for candidate in candidates:
                if candidate.name.startswith(".") or candidate in self.files:
                    continue
                self.files.append(candidate)
        self._fill_table()
        self.changed.emit()

    def mark(self, path: Path, state: FileState, reason: str = "") -> None:
        """Show what happened to ``path`` in the batch (``reason``: why it was not signed)."""
        self.marks[path] = (state, reason)
        if path in self.files:
            self._fill_row(self.files.index(path), path)

    def clear_marks(self) -> None:
        self.marks.clear()
        self._fill_table()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.files))
        for row, path in enumerate(self.files):
            self._fill_row(row, path)

    def _fill_row(self, row: int, path: Path) -> None:
        try:
            size = human_size(path.stat().st_size)
        except OSError:
            size = "—"
        state, reason = self.marks.get(path, (None, ""))
        texts = (displayable(path.name), size, self.kind(path), self._state_text(state))
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(tooltip(reason if column == COLUMN_STATUS and reason else path))
            if column == COLUMN_STATUS and state is not None:
                item.setForeground(QBrush(QColor(_STATE_COLOUR[state])))
            self.table.setItem(row, column, item)

    def _state_text(self, state: FileState | None) -> str:
        if state is None:
            return ""
        return {
            FileState.SIGNED: self.tr("✔ Signed"),
            FileState.FAILED: self.tr("✘ Failed"),
            FileState.REFUSED: self.tr("✘ Cannot be signed"),
        }[state]

    def kind(self, path: Path) -> str:
        """The file's type in words, from its MIME type ("PDF document")."""
        mime = mime_type_for(path)
        words = {
            "application/pdf": self.tr("PDF document"),
            "application/msword": self.tr("Word document"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": self.tr(
                "Word document"
            ),
            "application/vnd.ms-excel": self.tr("Excel spreadsheet"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": self.tr(
                "Excel spreadsheet"
            ),
            "application/vnd.ms-powerpoint": self.tr("PowerPoint presentation"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation": self.tr(
                "PowerPoint presentation"
            ),
            "application/vnd.oasis.opendocument.text": self.tr("OpenDocument text"),
            "application/vnd.oasis.opendocument.spreadsheet": self.tr("OpenDocument spreadsheet"),
            "application/vnd.oasis.opendocument.presentation": self.tr("OpenDocument presentation"),
            "application/rtf": self.tr("RTF document"),
            "application/zip": self.tr("ZIP archive"),
            "application/x-zip-compressed": self.tr("ZIP archive"),
            "application/x-7z-compressed": self.tr("7-Zip archive"),
            "application/vnd.rar": self.tr("RAR archive"),
            "text/html": self.tr("Web page"),
            "text/plain": self.tr("Text file"),
            "text/csv": self.tr("CSV table"),
            "application/xml": self.tr("XML file"),
            "text/xml": self.tr("XML file"),
            "image/vnd.dwg": self.tr("DWG drawing"),
            "application/pkcs7-signature": self.tr("CAdES signature"),
        }
        if mime in words:
            return words[mime]
        if mime.startswith("image/"):
            return self.tr("Image")
        suffix = path.suffix.lstrip(".").upper()
        return self.tr("%1 file").replace("%1", suffix) if suffix else self.tr("File")

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.marks.pop(self.files[row], None)
            del self.files[row]
        self._fill_table()
        self.changed.emit()

    def clear_files(self) -> None:
        self.files.clear()
        self.marks.clear()
        self._fill_table()
        self.changed.emit()
        self.cleared.emit()

    def pdfs(self) -> list[Path]:
        return [f for f in self.files if f.suffix.lower() == ".pdf"]
