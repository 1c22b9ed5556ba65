"""The files to sign: a drop zone, a table (name, size, type) and remove / clear buttons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
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


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


class FileList(QGroupBox):
    changed = Signal()  # files were added or removed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Files"))
        self.files: list[Path] = []
        self.drop_zone = DropZone(
            self.tr("Drop the files to sign here, or add them with the buttons.")
        )
        self.drop_zone.paths_dropped.connect(self.add_paths)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Size"), self.tr("Type")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.remove_button = QPushButton(self.tr("&Remove selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QPushButton(self.tr("&Clear"))
        self.clear_button.clicked.connect(self.clear_files)
        file_buttons = QHBoxLayout()
        file_buttons.addStretch()
        file_buttons.addWidget(self.remove_button)
        file_buttons.addWidget(self.clear_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.drop_zone)
        layout.addWidget(self.table)
        layout.addLayout(file_buttons)

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

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.files))
        for row, path in enumerate(self.files):
            try:
                size = human_size(path.stat().st_size)
            except OSError:
                size = "?"
            for column, text in enumerate((displayable(path.name), size, mime_type_for(path))):
                item = QTableWidgetItem(text)
                item.setToolTip(tooltip(path))
                self.table.setItem(row, column, item)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            del self.files[row]
        self._fill_table()
        self.changed.emit()

    def clear_files(self) -> None:
        self.files.clear()
        self._fill_table()
        self.changed.emit()

    def pdfs(self) -> list[Path]:
        return [f for f in self.files if f.suffix.lower() == ".pdf"]
