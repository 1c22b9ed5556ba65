"""The trust anchors the user added: listed, added from a file, removed; saved only on OK.

Changes wait in the editor until ``save_changes()`` (the settings dialog's OK): Cancel leaves the
``UserTrustStore`` as it was.
"""

from __future__ import annotations

from pathlib import Path

from asn1crypto import x509 as asn1_x509
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.text.display_text import displayable
from ...core.trust import TrustFileError, UserTrustStore, fingerprint, load_certificates
from ..dialogs import errors
from ..plain_text import tooltip

_FINGERPRINT_ROLE = Qt.ItemDataRole.UserRole


def subject_label(cert: asn1_x509.Certificate) -> str:
    """ "Common name — organisation", or the whole subject when it has no common name."""
    names = cert.subject.native
    common = names.get("common_name")
    organisation = names.get("organization_name")
    if isinstance(common, list):
        common = common[0]
    if isinstance(organisation, list):
        organisation = organisation[0]
    if not common:
        return cert.subject.human_friendly
    return f"{common} — {organisation}" if organisation and organisation != common else common


def short_fingerprint(hex_digest: str) -> str:
    """The first 8 bytes of a SHA-256, as AB:CD:…, enough to tell anchors apart by eye."""
    head = hex_digest[:16].upper()
    return ":".join(head[i : i + 2] for i in range(0, len(head), 2)) + "…"


class TrustAnchorsEditor(QWidget):
    def __init__(self, trust_store: UserTrustStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trust_store = trust_store
        self.locked = False
        """Set by an admin policy: nothing can be added or removed."""
        self._pending_add: dict[str, Path] = {}
        """Fingerprint → file it came from, for anchors added since the dialog opened."""
        self._pending_remove: set[str] = set()
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Signatures whose certificate chains up to one of these certificates are trusted."
            )
        )
        intro.setWordWrap(True)
        self.anchors_label = QLabel(self.tr("&Certificates you trust:"))
        self.anchors = QTreeWidget()
        self.anchors.setHeaderLabels([self.tr("Subject"), self.tr("SHA-256")])
        self.anchors.setRootIsDecorated(False)
        self.anchors.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.anchors.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.anchors.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.anchors.header().setStretchLastSection(False)
        self.anchors_label.setBuddy(self.anchors)
        self.add_anchor_button = QPushButton(self.tr("&Add…"))
        self.remove_anchor_button = QPushButton(self.tr("Re&move"))
        self.add_anchor_button.clicked.connect(self._pick_anchor)
        self.remove_anchor_button.clicked.connect(self.remove_selected_anchors)
        self.anchors.itemSelectionChanged.connect(self.update_remove_enabled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_anchor_button)
        buttons.addWidget(self.remove_anchor_button)
        buttons.addStretch(1)
        layout.addWidget(intro)
        layout.addWidget(self.anchors_label)
        layout.addWidget(self.anchors, 1)
        layout.addLayout(buttons)

    def load(self) -> None:
        """List the anchors in the store; an unreadable folder is reported, not fatal."""
        try:
            entries = self.trust_store.entries()
        except OSError as exc:  # an unreadable folder must not keep the settings from opening
            errors.show_error(self, exc)
            entries = []
        for digest, cert in entries:
            self._add_anchor_row(digest, cert)

    def update_remove_enabled(self) -> None:
        self.remove_anchor_button.setEnabled(bool(self.anchors.selectedItems()) and not self.locked)

    def _add_anchor_row(self, digest: str, cert: asn1_x509.Certificate) -> None:
        item = QTreeWidgetItem([displayable(subject_label(cert)), short_fingerprint(digest)])
        item.setData(0, _FINGERPRINT_ROLE, digest)
        item.setToolTip(0, tooltip(cert.subject.human_friendly))
        item.setToolTip(1, digest.upper())
        self.anchors.addTopLevelItem(item)

    def anchor_fingerprints(self) -> list[str]:
        """The SHA-256 of every anchor listed, as it will be once OK is pressed."""
        items = (self.anchors.topLevelItem(i) for i in range(self.anchors.topLevelItemCount()))
        return [item.data(0, _FINGERPRINT_ROLE) for item in items if item is not None]

    def _pick_anchor(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Add a trusted certificate"),
            "",
            self.tr("Certificates (*.pem *.der *.crt *.cer);;All files (*)"),
        )
        if path:
            self.add_anchor_file(Path(path))

    def add_anchor_file(self, path: Path) -> None:
        """List every certificate in ``path``; a file that holds none is reported, not added."""
        try:
            certs = load_certificates(path)
        except TrustFileError as exc:
            errors.show_error(self, exc)
            return
        listed = set(self.anchor_fingerprints())
        for cert in certs:
            digest = fingerprint(cert)
            if digest in listed:
                continue
            if digest in self._pending_remove:
                self._pending_remove.discard(digest)
            else:
                self._pending_add[digest] = path
            self._add_anchor_row(digest, cert)
            listed.add(digest)

    def remove_selected_anchors(self) -> None:
        for item in self.anchors.selectedItems():
            digest = item.data(0, _FINGERPRINT_ROLE)
            if self._pending_add.pop(digest, None) is None:
                self._pending_remove.add(digest)
            self.anchors.takeTopLevelItem(self.anchors.indexOfTopLevelItem(item))
        self.update_remove_enabled()

    def save_changes(self) -> None:
        """Write the anchors added and removed to the store (the dialog's OK)."""
        kept = set(self.anchor_fingerprints())
        added: set[str] = set()
        for path in dict.fromkeys(self._pending_add.values()):
            added.update(fingerprint(cert) for cert in self.trust_store.add(path))
        # A file may hold certificates the user removed from the list before OK.
        for digest in (self._pending_remove | added) - kept:
            self.trust_store.remove(digest)
        self._pending_add.clear()
        self._pending_remove.clear()
