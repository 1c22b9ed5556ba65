"""The signer's certificate and its whole chain, each certificate's fields in words, and any of
them exported as a .cer file (DER), as DigiDoc4's and the systems' certificate viewers do: a
buyer checks who issued what, and keeps or forwards a certificate to ask its authority.

The fields are the engine's details view (``core.reports.details.certificate_fields``): the
same words as the details panel, in the user's language.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import OutputNotWritable, ParapheError
from ...core.reports.details import certificate_fields, short_name
from ...core.validation.report import CertificateInfo, SignatureReport
from ..dialogs.errors import show_error
from ..i18n import report_words
from ..plain_text import as_html

ROLE_CERTIFICATE = Qt.ItemDataRole.UserRole + 1


def chain_from_signer(report: SignatureReport) -> list[CertificateInfo]:
    """The signer's certificate first, then each issuer found among the chain's certificates,
    up to the root (or the last one found); certificates of the chain not on that path follow."""
    if report.certificate is None:
        return list(report.chain)
    pool = {c.sha256: c for c in [report.certificate, *report.chain]}
    ordered = [report.certificate]
    del pool[report.certificate.sha256]
    while pool:
        current = ordered[-1]
        if current.issuer == current.subject:
            break  # self-issued: the root
        issuer = next((c for c in pool.values() if c.subject == current.issuer), None)
        if issuer is None:
            break
        ordered.append(issuer)
        del pool[issuer.sha256]
    return ordered + list(pool.values())


class CertificateViewer(QDialog):
    """The chain as a tree (the root at the top, the signer at the bottom), the selected
    certificate's fields beside it, and "Export as .cer"."""

    def __init__(self, report: SignatureReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Certificate"))
        self.certificates = chain_from_signer(report)
        self.chain = QTreeWidget()
        self.chain.setHeaderHidden(True)
        self.chain.setAccessibleName(self.tr("Certificate chain"))
        self.fields = QTextBrowser()
        self.fields.setAccessibleName(self.tr("Certificate fields"))
        self.fields.setOpenLinks(False)
        self.fields.setTabChangesFocus(True)
        parent_item: QTreeWidget | QTreeWidgetItem = self.chain
        item: QTreeWidgetItem | None = None
        for certificate in reversed(self.certificates):  # the root first
            item = QTreeWidgetItem(parent_item, [as_plain(common_name(certificate))])
            item.setData(0, ROLE_CERTIFICATE, certificate)
            item.setToolTip(0, as_plain(certificate.subject))
            item.setExpanded(True)
            parent_item = item
        self.chain.expandAll()
        self.chain.currentItemChanged.connect(self._show)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.chain)
        splitter.addWidget(self.fields)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([300, 460])
        self.export_button = QPushButton(self.tr("&Export as .cer…"))
        self.export_button.setToolTip(
            self.tr("Save the selected certificate as a .cer file (DER), to keep or to send")
        )
        self.export_button.clicked.connect(self.export_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(760, 440)
        if item is not None:
            self.chain.setCurrentItem(item)  # the signer's certificate
        else:
            self.fields.setPlainText(self.tr("No signing certificate found."))
            self.export_button.setEnabled(False)

    def selected(self) -> CertificateInfo | None:
        item = self.chain.currentItem()
        return None if item is None else item.data(0, ROLE_CERTIFICATE)

    def _show(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        certificate = None if current is None else current.data(0, ROLE_CERTIFICATE)
        if certificate is None:
            self.fields.clear()
            return
        rows = "".join(
            f'<tr><td width="34%" valign="top" style="font-weight:600">{as_html(f.label)}</td>'
            f"<td>{as_html(f.value)}</td></tr>"
            for f in certificate_fields(certificate, report_words())
        )
        self.fields.setHtml(
            f"<h3>{as_html(common_name(certificate))}</h3>"
            f'<table width="100%" cellspacing="0" cellpadding="2">{rows}</table>'
        )
        self.export_button.setEnabled(bool(certificate.der))

    def export_selected(self) -> None:
        certificate = self.selected()
        if certificate is None or not certificate.der:
            return
        suggested = Path.home() / f"{file_name_for(certificate)}.cer"
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the certificate"),
            str(suggested),
            self.tr("Certificates (*.cer *.crt *.der)"),
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() not in (".cer", ".crt", ".der"):
            target = target.with_name(target.name + ".cer")
        try:
            export_certificate(certificate, target)
        except ParapheError as error:
            show_error(self, error)


def export_certificate(certificate: CertificateInfo, target: Path) -> Path:
    """The certificate written whole as ``target`` (DER), or not at all (OutputNotWritable)."""
    from ...core.files.staged_file import StagedFile

    with StagedFile(target.parent, for_file=target) as staged:
        try:
            staged.file.write(certificate.der)
        except OSError as exc:
            raise OutputNotWritable(target, detail=exc.strerror or str(exc)) from None
        staged.put(target)
    return target


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name_for(certificate: CertificateInfo) -> str:
    """A file name from the certificate's common name, safe on every system."""
    name = _UNSAFE.sub("_", common_name(certificate)).strip(" ._")
    return name[:80] or certificate.sha256[:16]


def common_name(certificate: CertificateInfo) -> str:
    """The certificate's common name (what a person calls it), read from the certificate
    itself; its subject as written when it has none or cannot be read."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    try:
        names = x509.load_der_x509_certificate(certificate.der).subject.get_attributes_for_oid(
            NameOID.COMMON_NAME
        )
    except ValueError:
        names = []
    if names and isinstance(names[0].value, str) and names[0].value.strip():
        return names[0].value
    return short_name(certificate.subject)


def as_plain(text: str) -> str:
    """Outside text for a plain-text cell: one line, no bidi trick."""
    from ...core.text.display_text import displayable

    return displayable(text)
