"""About Paraphe: the version, and the bundled components with their licences (LGPL duty for Qt)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import SUPPORT_EMAIL, WEBSITE, __version__
from ..screen_fit import fitted_size
from .licences import Component, bundled_components


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Paraphe"))

        version = self.tr("Version %1").replace("%1", __version__)
        title = QLabel(f"<h2>Paraphe</h2><p>{version}</p>")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        description = QLabel(
            self.tr(
                "Sign files (XAdES, CAdES, PAdES) and verify signatures, for public procurement."
            )
        )
        description.setWordWrap(True)
        contact = QLabel(
            self.tr("Website: %1<br>Support: %2")
            .replace("%1", f'<a href="{WEBSITE}">{WEBSITE}</a>')
            .replace("%2", f'<a href="mailto:{SUPPORT_EMAIL}">{SUPPORT_EMAIL}</a>')
        )
        contact.setTextFormat(Qt.TextFormat.RichText)
        contact.setOpenExternalLinks(True)
        contact.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.contact = contact

        components_label = QLabel(self.tr("&Components included in this application:"))
        self.components = self._components_table(bundled_components(qVersion()))
        components_label.setBuddy(self.components)
        notice = QLabel(
            self.tr(
                "Qt and PySide6 are used under the GNU LGPL version 3; you may replace them with"
                " your own build. The Noto Sans font is under the SIL Open Font License 1.1."
            )
        )
        notice.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(description)
        layout.addWidget(contact)
        layout.addSpacing(8)
        layout.addWidget(components_label)
        layout.addWidget(self.components, 1)
        layout.addWidget(notice)
        layout.addWidget(buttons)
        self.resize(fitted_size(QSize(640, 640)))

    def _components_table(self, components: list[Component]) -> QTableWidget:
        table = QTableWidget(len(components), 3, self)
        table.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")]
        )
        for row, component in enumerate(components):
            for column, text in enumerate((component.name, component.version, component.licence)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(text)
                table.setItem(row, column, item)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def component_rows(self) -> list[tuple[str, str, str]]:
        """The table's text, row by row (name, version, licence): what a tester or a bug report needs."""
        table = self.components

        def cell(row: int, column: int) -> str:
            item = table.item(row, column)
            return "" if item is None else item.text()

        return [(cell(row, 0), cell(row, 1), cell(row, 2)) for row in range(table.rowCount())]
