"""The verify page's details panel: why the selected row got its verdict.

For a signature: the verdict and why, who signed, with which certificate and chain, revocation,
times and timestamps (each with its own verdict), PDF coverage and every check behind the verdict, as the engine's details view
(``core.reports.details``) words them; for a document, each of its signatures in turn; for the
other rows, what is wrong with the file.

Every text from outside (names, certificate fields, messages) passes through ``as_html`` once:
made displayable (one line, no bidi trick), then escaped, so it is never taken for markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from ...core.validation.indications import Indication
from ...core.validation.report import InputError, OrphanSignature, SignatureReport
from ..i18n import report_words, tr_engine, translated
from ..plain_text import as_html
from . import verdict_style
from .verdict_tree import ShownPath

if TYPE_CHECKING:
    from ...core.reports.details import Section, SignatureDetails
    from ...core.reports.summary import DocumentRow


class DetailsPanel(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Signature details"))
        self.setOpenLinks(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTabChangesFocus(True)
        self.setMinimumWidth(280)
        for indication in Indication:
            self.document().addResource(
                QTextDocument.ResourceType.ImageResource,
                _badge_url(indication),
                verdict_style.image(indication, 16),
            )

    def show_placeholder(self) -> None:
        self.setHtml(
            "<p>"
            + _e(self.tr("Select a document or a signature to see the checks behind its verdict."))
            + "</p>"
        )

    def show_entry(self, entry: object, shown: ShownPath) -> None:
        """The details of what a row of the list stands for (see ``verdict_tree.ROLE_ENTRY``)."""
        from ...core.reports.details import signature_details
        from ...core.reports.summary import DocumentRow, SignatureRow

        if isinstance(entry, SignatureRow):
            body = _signature_html(signature_details(entry.report, report_words()), entry.report)
        elif isinstance(entry, DocumentRow):
            body = self._document_html(entry, shown)
        elif isinstance(entry, OrphanSignature):
            body = (
                _h(shown(entry.signature_path))
                + _p(
                    _e(
                        self.tr("Signature without its document: {reason}.").format(
                            reason=tr_engine(entry.reason)
                        )
                    )
                )
                + _p(
                    _e(
                        self.tr(
                            "Choose the document it signs (Pick its document…): it is then"
                            " verified with it, and its signer shown."
                        )
                    )
                )
            )
        elif isinstance(entry, InputError):
            body = _h(shown(entry.path)) + _p(
                _e(self.tr("Could not be read: {reason}.").format(reason=translated(entry)))
            )
        elif isinstance(entry, Path):
            body = _h(shown(entry)) + _p(
                self.tr(
                    "No signature was found for this document: no signed PDF, no token beside it"
                    " naming it, no signature referring to it."
                )
            )
        else:
            self.show_placeholder()
            return
        self.setHtml(body)

    def _document_html(self, document: DocumentRow, shown: ShownPath) -> str:
        from ...core.reports.details import signature_details

        parts = [_h(shown(document.path))]
        if document.verdict is not None:
            parts.append(_p(_badge_html(document.verdict)))
        parts.append(_p(self.tr("{count} signature(s).").format(count=len(document.signatures))))
        for signature in document.signatures:
            parts.append("<hr/>")
            parts.append(_h3(self.tr("Signature {number}").format(number=signature.number)))
            details = signature_details(signature.report, report_words())
            parts.append(_signature_html(details, signature.report, heading=False))
        return "".join(parts)


def _signature_html(
    details: SignatureDetails, report: SignatureReport, heading: bool = True
) -> str:
    from ...core.reports.packaging import packaging_lines, signed_object_lines

    parts: list[str] = []
    if heading:
        parts.append(_h(details.file_name))
    parts.append(_p(f"{_badge_html(details.indication)} &nbsp;<code>{_e(details.code)}</code>"))
    if details.reason:
        parts.append(_p(_e(details.reason)))
    words = report_words()
    packaging = packaging_lines(report, words)
    if packaging:
        parts.append(_p("<br/>".join(_e(line) for line in packaging)))
    objects = signed_object_lines(report, words)
    if objects:
        parts.append("<ul>" + "".join(f"<li>{_e(line)}</li>" for line in objects) + "</ul>")
    parts.extend(_section_html(section) for section in details.sections)
    return "".join(parts)


def _section_html(section: Section) -> str:
    parts: list[str] = []
    if section.title is not None:
        parts.append(_h3(section.title))
    if section.fields:
        parts.append(_table([(field.label, field.value) for field in section.fields]))
    if section.chain:
        items = "".join(
            f"<li>{_e(link.subject)}<br/><small>{_e(link.issued)}</small></li>"
            for link in section.chain
        )
        parts.append(f"<ol>{items}</ol>")
    for stamp in section.timestamps:
        look = stamp.mark.look
        parts.append(
            f'<p style="margin-top:6px; margin-bottom:0"><b style="color:{look.colour}">'
            f"{look.symbol}</b>&nbsp;<b>{_e(stamp.title)}</b></p>"
        )
        parts.append(_table([(field.label, field.value) for field in stamp.fields]))
    if section.bullets:
        parts.append("<ul>" + "".join(f"<li>{_e(c)}</li>" for c in section.bullets) + "</ul>")
    if section.checks:
        rows_html = []
        for check in section.checks:
            look = check.mark.look
            detail = f" — {_e(check.detail)}" if check.detail else ""
            rows_html.append(
                f'<tr><td style="color:{look.colour}"><b>{look.symbol}</b></td>'
                f"<td>{_e(check.name)}{detail}</td></tr>"
            )
        parts.append('<table cellspacing="2">' + "".join(rows_html) + "</table>")
    if section.is_empty and section.empty is not None:
        parts.append(_p(_e(section.empty)))
    return "".join(parts)


def _badge_html(indication: Indication) -> str:
    colour = verdict_style.colour(indication).name()
    return (
        f'<img src="{_badge_url(indication).toString()}" width="16" height="16"/>&nbsp;'
        f'<b style="color:{colour}">{_e(verdict_style.label(indication))}</b>'
    )


def _badge_url(indication: Indication) -> QUrl:
    return QUrl(f"paraphe-badge:{indication.value.lower()}")


def _e(text: object) -> str:
    """Every text of the details panel passes here once: names, certificate fields and
    messages from outside are made displayable (one line, no bidi trick), then escaped."""
    return as_html(str(text))


def _h(text: str) -> str:
    return f"<h2>{_e(text)}</h2>"


def _h3(text: str) -> str:
    return f"<h3>{_e(text)}</h3>"


def _p(inner_html: str) -> str:
    return f"<p>{inner_html}</p>"


def _table(rows: list[tuple[str, str]]) -> str:
    """Label and value pairs; labels in semi-bold so they read as labels in any colour theme."""
    cells = "".join(
        f'<tr><td width="34%" valign="top" style="font-weight:600">{_e(k)}</td>'
        f"<td>{_e(v)}</td></tr>"
        for k, v in rows
    )
    return f'<table width="100%" cellspacing="0" cellpadding="2">{cells}</table>'
