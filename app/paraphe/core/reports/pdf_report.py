"""The verification report as a PDF a buyer can file with the tender (A4, in the reader's
language).

First page: what was checked (each input, with the SHA-256 of files and archives), when, by which
Paraphe version, against which trusted sources, and a table of the verdicts. Then one section per
signature: its verdict and why, the five checks of the arrêté of 22 March 2019 with their
evidence (``pdf_report_checks``), then the certificate, its chain, the timestamps and every check
behind the verdict, as the details panel words them (``details.signature_details``).

Laid out with reportlab's platypus. Text is set in the bundled Noto Sans (the PAdES stamp's
font): it covers the Latin, Greek and Cyrillic scripts; the verdict marks are drawn, and a
character the font lacks is written as its code point rather than as an empty box.
"""

from __future__ import annotations

import datetime as dt
import functools
import zipfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..text.display_text import displayable
from ..text.translatable import N_
from ..validation.report import ValidationReport
from .details import NONE, Field, Localizer, Section, signature_details
from .pdf_report_checks import Digests, arrete_checks, lists_consulted
from .summary import NOTHING_TRUSTED, SignatureRow, Summary, TimeProof, summarise
from .verdicts import VerdictLook, look
from .wording import orphan_reason

FONT = "ParapheSans"
FONT_FILE = "NotoSans-Regular.ttf"
MONO = "Courier"

INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor("#5a6270")
RULE = colors.HexColor("#c9ced6")
SHADE = colors.HexColor("#eef1f5")
ACCENT = colors.HexColor("#1f3a5f")

MARGIN = 16 * mm
WIDTH = A4[0] - 2 * MARGIN

TITLE = N_("Electronic signature verification report")
INTRO = N_(
    "This report records the verification of the electronic signatures listed below, following"
    " the five checks of the arrêté of 22 March 2019 on the signature of public contracts."
)
INPUT_KINDS = {"file": N_("file"), "folder": N_("folder"), "zip": N_("ZIP archive")}
DETAIL_SECTIONS = (
    N_("Certificate"),
    N_("Certificate chain"),
    N_("Timestamps"),
    N_("PDF coverage"),
    N_("Checks"),
)
"""The sections of the details shown after the five checks (the others are in their evidence)."""


def write_pdf_report(
    report: ValidationReport,
    output: BinaryIO,
    *,
    inputs: Sequence[Path],
    words: Localizer,
    language: str,
    version: str,
) -> None:
    """Write the report as a PDF into ``output`` (an open binary file: publishing it whole, or
    not at all, is the caller's part)."""
    t = words.translate
    made = words.moment(dt.datetime.now(dt.UTC))
    styles = report_styles()
    summary = summarise(report)
    digests = Digests()
    story: list[Flowable] = []
    story += _first_page(summary, inputs, words, version, styles, digests)
    rows = [row for document in summary.documents for row in document.signatures]
    for index, row in enumerate(rows, start=1):
        story.append(PageBreak() if index == 1 else CondPageBreak(70 * mm))
        story += _signature_section(row, index, len(rows), words, styles, digests)

    footer = t(N_("Report made on {time} by Paraphe {version}")).format(time=made, version=version)
    build_document(
        output,
        story,
        title=t(TITLE),
        footer=footer,
        author=f"Paraphe {version}",
        words=words,
        language=language,
    )


def build_document(
    output: BinaryIO,
    story: list[Flowable],
    *,
    title: str,
    footer: str,
    author: str,
    words: Localizer,
    language: str,
) -> None:
    """Lay ``story`` out on A4 pages headed with ``title``, with ``footer`` and "page X / Y" at
    the foot: the frame every PDF Paraphe writes shares (this report, the verification guide)."""
    doc = SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=author,
        creator=author,
        subject=title,
        lang=language,
    )
    page_words = words.translate(N_("page {number} / {count}"))

    class _Canvas(NumberedCanvas):
        header, left, pages = title, footer, page_words

    doc.build(story, canvasmaker=_Canvas)


# --- the first page ---------------------------------------------------------------------------


def _first_page(
    summary: Summary,
    inputs: Sequence[Path],
    words: Localizer,
    version: str,
    styles: dict[str, ParagraphStyle],
    digests: Digests,
) -> list[Flowable]:
    t = words.translate
    body, small = styles["body"], styles["small"]
    story: list[Flowable] = [
        Strong(markup(t(TITLE)), styles["title"]),
        Paragraph(markup(t(INTRO)), styles["intro"]),
        Strong(markup(t(N_("What was checked"))), styles["h2"]),
    ]
    checked: list[list[Any]] = [
        [para(t(label), styles["th"]) for label in (N_("Kind"), N_("Path"), N_("SHA-256"))]
    ]
    for path in inputs:
        kind = _input_kind(path)
        digest = digests.of(path) if kind != "folder" else None
        checked.append(
            [
                para(t(INPUT_KINDS[kind]), small),
                para(_shown(path), small),
                Paragraph(markup(digest or NONE), styles["mono"]),
            ]
        )
    story.append(grid(checked, [20 * mm, WIDTH - 20 * mm - 98 * mm, 98 * mm], header=True))

    trust = [
        words.translate(n.template).format(path=n.path, **n.params) for n in summary.trust_sources
    ]
    facts = [
        (t(N_("Verified on")), words.moment(summary.validation_time)),
        (t(N_("Verified by")), f"Paraphe {version}"),
        (t(N_("Mode")), t(summary.mode.label)),
        (t(N_("Trusted sources")), "\n".join(trust) or t(NOTHING_TRUSTED)),
    ]
    story.append(Spacer(1, 3 * mm))
    story.append(fields_table([Field(label, value) for label, value in facts], styles))

    tally = summary.tally
    story.append(Strong(markup(t(N_("Verdicts"))), styles["h2"]))
    story.append(
        Paragraph(
            markup(
                t(
                    N_(
                        "{total} signature(s): {passed} valid, {failed} failed,"
                        " {indeterminate} indeterminate"
                    )
                ).format(**tally.as_params())
            ),
            body,
        )
    )
    story.append(Spacer(1, 2 * mm))
    story.append(_summary_table(summary, inputs, words, styles))
    for title, paths in (
        (
            N_("Unsigned documents"),
            [_from_input(p, inputs) for p in summary.unsigned_documents],
        ),
        (
            N_("Signatures without their document"),
            [f"{o.signature_path}: {orphan_reason(o, t)}" for o in summary.orphan_signatures],
        ),
        (
            N_("Files that could not be read"),
            [t(e.template).format(path=e.path, **e.params) for e in summary.errors],
        ),
    ):
        if paths:
            story.append(Strong(markup(t(title)), styles["h3"]))
            story += [Paragraph("• " + markup(p), small) for p in paths]
    return story


def _input_kind(path: Path) -> str:
    if path.is_dir():
        return "folder"
    if path.suffix.lower() == ".zip" or (path.is_file() and zipfile.is_zipfile(path)):
        return "zip"
    return "file"


def _summary_table(
    summary: Summary, inputs: Sequence[Path], words: Localizer, styles: dict[str, ParagraphStyle]
) -> Flowable:
    t = words.translate
    th, cell = styles["th"], styles["cell"]
    heads = (
        N_("No."),
        N_("Document"),
        N_("Verdict"),
        N_("Signer"),
        N_("Organisation (SIREN)"),
        N_("Signing time"),
        N_("Qualification"),
    )
    data: list[list[Any]] = [[para(t(h), th) for h in heads]]
    number = 0
    for document in summary.documents:
        for row in document.signatures:
            number += 1
            org = row.organisation or NONE
            if row.siren:
                org = f"{org} ({row.siren})"
            qualification = row.report.qualification
            data.append(
                [
                    para(str(number), cell),
                    para(_shown(_from_input(document.path, inputs)), cell),
                    Badge(look(row.indication), words, size=7.5),
                    para(row.signer_name or NONE, cell),
                    para(org, cell),
                    para(_time(row, words), cell),
                    para(qualification.status if lists_consulted(qualification) else NONE, cell),
                ]
            )
    widths = [8 * mm, 44 * mm, 25 * mm, 27 * mm, 30 * mm, 24 * mm, 20 * mm]
    widths[1] += WIDTH - sum(widths)
    return grid(data, widths, header=True)


def _from_input(path: Path, inputs: Sequence[Path]) -> str:
    """A path from the folder that holds the input it was found in (as the desktop application
    shows it): the full input paths are on the same page, under "What was checked"."""
    text = str(path)
    for root in inputs:
        base = str(root.parent).rstrip("/\\")
        if base and text.startswith(base + "/"):
            return text[len(base) + 1 :]
    return text


def _time(row: SignatureRow, words: Localizer) -> str:
    if row.time is None:
        return NONE
    proof = words.translate(
        N_("timestamp") if row.time.proof is TimeProof.TIMESTAMP else N_("claimed")
    )
    return f"{words.moment(row.time.moment)} ({proof})"


# --- one signature ----------------------------------------------------------------------------


def _signature_section(
    row: SignatureRow,
    index: int,
    count: int,
    words: Localizer,
    styles: dict[str, ParagraphStyle],
    digests: Digests,
) -> list[Flowable]:
    t = words.translate
    s = row.report
    details = signature_details(s, words)
    document = s.document_path or s.signature_path
    heading = t(N_("Signature {number} of {count}")).format(number=index, count=count)
    badge = Badge(look(s.indication), words, size=10)
    verdict = Table(
        [
            [
                badge,
                Paragraph(
                    markup(t(N_("ETSI indication: {code}")).format(code=details.code)),
                    styles["code"],
                ),
            ]
        ],
        colWidths=[badge.width + 4 * mm, WIDTH - badge.width - 4 * mm],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )
    story: list[Flowable] = [
        KeepTogether(
            [
                Strong(markup(heading), styles["h2"]),
                Paragraph(markup(_shown(document)), styles["doc"]),
                verdict,
            ]
        )
    ]
    if details.reason:
        story.append(Paragraph(markup(details.reason), styles["reason"]))

    story.append(
        Strong(markup(t(N_("The five checks of the arrêté of 22 March 2019"))), styles["h3"])
    )
    data: list[list[Any]] = [
        [para(text, styles["th"]) for text in ("", t(N_("Check and result")), t(N_("Evidence")))]
    ]
    for check in arrete_checks(s, words, digests):
        data.append(
            [
                para(str(check.number), styles["num"]),
                [
                    Strong(markup(check.title), styles["checktitle"]),
                    Spacer(1, 1.2 * mm),
                    Badge(check.outcome.look, words, size=7.5),
                    Spacer(1, 1.2 * mm),
                    Paragraph(markup(check.result), styles["cell"]),
                ],
                _evidence(check.evidence, styles),
            ]
        )
    story.append(grid(data, [7 * mm, 62 * mm, WIDTH - 69 * mm], header=True))

    wanted = {t(title) for title in DETAIL_SECTIONS}
    for section in details.sections:
        if section.title in wanted:
            story += _section(section, words, styles)
    return story


def _evidence(fields: tuple[Field, ...], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    if not fields:
        return [Paragraph(NONE, styles["cell"])]
    out: list[Flowable] = []
    for f in fields:
        value_style = styles["monocell"] if is_digest(f.value) else styles["cell"]
        out.append(Paragraph(markup(f.label), styles["label"]))
        out.append(Paragraph(markup(f.value), value_style))
    return out


def is_digest(value: str) -> bool:
    return len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def _section(
    section: Section, words: Localizer, styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    story: list[Flowable] = [Strong(markup(section.title or ""), styles["h3"])]
    if section.is_empty:
        story.append(Paragraph(markup(section.empty or NONE), styles["cell"]))
        return story
    if section.fields:
        story.append(fields_table(list(section.fields), styles))
    for bullet in section.bullets:
        story.append(Paragraph("• " + markup(bullet), styles["cell"]))
    if section.chain:
        rows = [
            [
                para(f"{depth}.", styles["num"]),
                [para(link.subject, styles["cell"]), para(link.issued, styles["label"])],
            ]
            for depth, link in enumerate(section.chain, start=1)
        ]
        story.append(grid(rows, [7 * mm, WIDTH - 7 * mm]))
    for entry in section.timestamps:
        story.append(
            KeepTogether(
                [
                    Table(
                        [
                            [
                                Badge(entry.mark.look, words, size=7.5),
                                strong(entry.title, styles["checktitle"]),
                            ]
                        ],
                        colWidths=[30 * mm, WIDTH - 30 * mm],
                        style=TableStyle(
                            [
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ]
                        ),
                        hAlign="LEFT",
                    ),
                    fields_table(list(entry.fields), styles),
                ]
            )
        )
    if section.checks:
        rows = [
            [
                Badge(check.mark.look, words, size=7),
                para(check.name, styles["cell"]),
                para(check.detail, styles["cell"]),
            ]
            for check in section.checks
        ]
        story.append(grid(rows, [28 * mm, 62 * mm, WIDTH - 90 * mm]))
    return story


# --- building blocks --------------------------------------------------------------------------


class Badge(Flowable):
    """A verdict as a coloured label: its mark and its word in white (never colour alone). The
    marks are drawn, not set: the bundled font has no ✔ or ✘."""

    def __init__(self, verdict: VerdictLook, words: Localizer, size: float) -> None:
        super().__init__()
        self.verdict = verdict
        self.word = words.translate(verdict.word)
        self.size = size
        self.pad = size * 0.5
        self.mark = size * 0.75
        self.width = (
            2 * self.pad + self.mark + size * 0.45 + pdfmetrics.stringWidth(self.word, FONT, size)
        )
        self.height = size * 1.6

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        size, pad, mark = self.size, self.pad, self.mark
        c.setFillColor(colors.HexColor(self.verdict.colour))
        c.roundRect(0, 0, self.width, self.height, size * 0.3, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setStrokeColor(colors.white)
        c.setLineWidth(size * 0.14)
        c.setLineCap(1)
        c.setLineJoin(1)
        bottom = (self.height - mark) / 2
        if self.verdict.symbol == "✔":
            c.lines(
                [
                    (pad, bottom + mark * 0.5, pad + mark * 0.38, bottom + mark * 0.12),
                    (pad + mark * 0.38, bottom + mark * 0.12, pad + mark, bottom + mark * 0.9),
                ]
            )
        elif self.verdict.symbol == "✘":
            c.lines(
                [
                    (pad + mark * 0.1, bottom + mark * 0.1, pad + mark * 0.9, bottom + mark * 0.9),
                    (pad + mark * 0.1, bottom + mark * 0.9, pad + mark * 0.9, bottom + mark * 0.1),
                ]
            )
        else:
            c.setFont(FONT, size)
            c.drawCentredString(pad + mark / 2, self.height / 2 - size * 0.35, self.verdict.symbol)
        c.setFont(FONT, size)
        c.drawString(pad + mark + size * 0.45, self.height / 2 - size * 0.35, self.word)


class Strong(Paragraph):
    """A paragraph drawn a little heavier (stroked as well as filled): the bundled font has no
    bold face, and headings must stand out."""

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(self.style.textColor)
        c.setLineWidth(self.style.fontSize * 0.035)
        c._code.append("2 Tr")
        super().draw()
        c.restoreState()


class NumberedCanvas(Canvas):
    """Pages held until the end, so each can say "page X / Y"; the header and footer lines."""

    header = ""
    left = ""
    pages = "{number} / {count}"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        count = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._decorate(count)
            super().showPage()
        super().save()

    def _decorate(self, count: int) -> None:
        width, height = A4
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, height - 14 * mm, width - MARGIN, height - 14 * mm)
        self.line(MARGIN, 12 * mm, width - MARGIN, 12 * mm)
        self.setFillColor(MUTED)
        self.setFont(FONT, 7.5)
        self.drawString(MARGIN, height - 12.5 * mm, f"Paraphe — {self.header}")
        self.drawString(MARGIN, 8.5 * mm, self.left)
        self.drawRightString(
            width - MARGIN, 8.5 * mm, self.pages.format(number=self._pageNumber, count=count)
        )
        self.restoreState()


def grid(data: list[list[Any]], widths: list[float], header: bool = False) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style += [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ]
    table.setStyle(TableStyle(style))
    return table


def fields_table(fields: list[Field], styles: dict[str, ParagraphStyle]) -> Table:
    rows = []
    for f in fields:
        style = styles["monocell"] if is_digest(f.value) else styles["cell"]
        value = [Paragraph(markup(line), style) for line in f.value.split("\n")]
        rows.append([para(f.label, styles["label"]), value])
    table = Table(rows, colWidths=[48 * mm, WIDTH - 48 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(markup(text), style)


def _shown(path: Path | str) -> str:
    return displayable(str(path))


def markup(text: str) -> str:
    """Outside or translated text as paragraph markup: escaped, and each character the font
    lacks written as its code point (never an empty box, never a missing letter unnoticed)."""
    glyphs = _glyphs()
    return "".join(
        escape(character) if ord(character) in glyphs else f"[U+{ord(character):04X}]"
        for character in text
    )


@functools.cache
def _glyphs() -> frozenset[int]:
    """The code points the bundled font draws, once its file is registered with reportlab."""
    source = resources.files("paraphe.resources.fonts").joinpath(FONT_FILE)
    with resources.as_file(source) as path:
        font = TTFont(FONT, str(path))
    pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)
    return frozenset(font.face.charToGlyph)


def report_styles() -> dict[str, ParagraphStyle]:
    _glyphs()  # the font is registered before a style names it
    base = ParagraphStyle("base", fontName=FONT, fontSize=8.5, leading=11, textColor=INK)

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    styles = {
        "title": style("title", fontSize=17, leading=21, textColor=ACCENT, spaceAfter=4),
        "intro": style("intro", textColor=MUTED, spaceAfter=6),
        "h2": style("h2", fontSize=12.5, leading=16, textColor=ACCENT, spaceBefore=8, spaceAfter=4),
        "h3": style("h3", fontSize=10, leading=13, textColor=ACCENT, spaceBefore=7, spaceAfter=3),
        "body": base,
        "small": style("small", fontSize=7.5, leading=9.5),
        "cell": style("cell", fontSize=7.5, leading=9.5),
        "num": style("num", fontSize=7.5, leading=9.5, textColor=MUTED),
        "label": style("label", fontSize=7, leading=9, textColor=MUTED),
        "th": style("th", fontSize=7.5, leading=9.5, textColor=ACCENT),
        "checktitle": style("checktitle", fontSize=8.5, leading=10.5, textColor=INK),
        "doc": style("doc", fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=3),
        "code": style("code", fontSize=8, leading=10, textColor=INK),
        "reason": style("reason", fontSize=8.5, leading=11, spaceBefore=3, spaceAfter=2),
        "mono": style("mono", fontName=MONO, fontSize=6.8, leading=9.5),
        "monocell": style("monocell", fontName=MONO, fontSize=7.5, leading=9.5),
    }
    return styles


def strong(text: str, style: ParagraphStyle) -> Paragraph:
    return Strong(markup(text), style)
