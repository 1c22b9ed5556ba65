"""The visible PAdES signature on the Sign page, driven with the mouse and the keys as a user
would: the placeholder before any PDF, every page reachable, the box dragged and resized, the
stamp's text previewed, why PAdES is off, the language switched live; and the place chosen is
the place the engine prints the stamp."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt, QTimer, QTranslator
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from paraphe.core.config.settings import Settings
from paraphe.core.signing.request import SignatureFormat
from paraphe.gui.dialogs.password_dialog import PasswordDialog
from paraphe.gui.dialogs.stamp_place_dialog import StampPlaceDialog
from paraphe.gui.pages.sign_page import SignPage
from paraphe.gui.widgets.pdf_preview import KEY_STEP, PdfPreview
from tests.support.pki import PKCS12_PASSWORD, TestPki


def answer_password(qtbot, password: str) -> None:  # type: ignore[no-untyped-def]
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PasswordDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.field.setText(password)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def three_pages(path: Path) -> Path:
    """A4 portrait, A4 landscape, A4 portrait: each page numbered in big letters."""
    drawing = canvas.Canvas(str(path), pagesize=A4)
    for number, size in ((1, A4), (2, landscape(A4)), (3, A4)):
        drawing.setPageSize(size)
        drawing.setFont("Helvetica", 40)
        drawing.drawString(60, size[1] - 100, f"Page {number}")
        drawing.showPage()
    drawing.save()
    return path


@pytest.fixture
def page(qtbot, pki: TestPki, tmp_path: Path, monkeypatch) -> SignPage:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))
    widget = SignPage(Settings.load())
    qtbot.addWidget(widget)
    widget.resize(1280, 900)
    widget.show()
    answer_password(qtbot, PKCS12_PASSWORD)
    widget.remember(pki.p12("rsa"))
    assert widget.selected_identity() is not None
    return widget


@pytest.fixture
def pdf_page(page: SignPage, tmp_path: Path) -> SignPage:
    """The page with a three-page PDF, PAdES and the visible signature chosen."""
    page.add_paths([three_pages(tmp_path / "Offre.pdf")])
    page.format_buttons[SignatureFormat.PADES].setChecked(True)
    page.visible.setChecked(True)
    assert page.preview.has_page
    return page


def blue_pixels(widget: PdfPreview) -> int:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    found = 0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            red, green, blue = colour.red(), colour.green(), colour.blue()
            if blue > 150 and blue - red > 80 and blue - green > 40:  # the box's blue, blended
                found += 1
    return found


def on_screen(preview: PdfPreview) -> tuple[QPoint, QPoint, QPoint]:
    """Where the box's centre and its top-left and bottom-right corners are drawn."""
    shown = preview._to_pixels(preview._box)
    return (
        shown.center().toPoint(),
        shown.topLeft().toPoint(),
        shown.bottomRight().toPoint(),
    )


def drag(qtbot, widget: PdfPreview, start: QPoint, end: QPoint) -> None:  # type: ignore[no-untyped-def]
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    middle = (start + end) / 2
    qtbot.mouseMove(widget, pos=middle)
    qtbot.mouseMove(widget, pos=end)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def points_per_pixel(preview: PdfPreview) -> float:
    factor, _ = preview._scale()
    return 1 / factor


def test_before_any_pdf_a_sentence_and_no_box_and_after_the_last_pdf_goes_again(
    page: SignPage, tmp_path: Path
) -> None:
    assert not page.preview.has_page
    assert blue_pixels(page.preview) == 0, "no signature box on an empty page"
    assert not page.visible_box.isEnabled()

    pdf = three_pages(tmp_path / "Offre.pdf")
    page.add_paths([pdf])
    page.format_buttons[SignatureFormat.PADES].setChecked(True)
    page.visible.setChecked(True)
    assert page.preview.has_page and blue_pixels(page.preview) > 200
    assert page.visible_box.document_label.isHidden(), "one PDF: no need to name it"
    page.add_paths([three_pages(tmp_path / "Annexe.pdf")])
    named = page.visible_box.document_label
    assert named.isVisibleTo(page) and "Offre.pdf" in named.text(), "which of the PDFs is shown"

    page.file_list.clear_files()
    assert not page.preview.has_page and blue_pixels(page.preview) == 0
    note = tmp_path / "note.txt"
    note.write_text("not a PDF")
    page.add_paths([note])
    assert not page.preview.has_page, "a list without a PDF shows no page"


def test_every_page_is_reachable_and_the_engine_gets_the_page_shown(
    pdf_page: SignPage, qtbot
) -> None:
    box = pdf_page.visible_box
    assert pdf_page.page.maximum() == 3 and box.page_count.text() == "of 3"
    assert not box.previous.isEnabled() and box.next.isEnabled()
    portrait = pdf_page.preview._image
    assert portrait is not None and portrait.height() > portrait.width()

    qtbot.mouseClick(box.next, Qt.MouseButton.LeftButton)

    assert pdf_page.page.value() == 2
    landscape_page = pdf_page.preview._image
    assert landscape_page is not None and landscape_page.width() > landscape_page.height()
    request = pdf_page.build_request()
    assert request.visible is not None and request.visible.page == 2
    qtbot.mouseClick(box.next, Qt.MouseButton.LeftButton)
    assert pdf_page.page.value() == 3 and not box.next.isEnabled()
    qtbot.mouseClick(box.previous, Qt.MouseButton.LeftButton)
    assert pdf_page.page.value() == 2


def test_the_box_is_dragged_and_the_engine_gets_where_it_was_dropped(
    pdf_page: SignPage, qtbot
) -> None:
    preview = pdf_page.preview
    request = pdf_page.build_request()
    assert request.visible is not None and request.visible.box is None, "untouched: automatic"
    before = preview.box()
    centre, _, _ = on_screen(preview)
    scale = points_per_pixel(preview)

    drag(qtbot, preview, centre, centre + QPoint(-60, -80))

    after = preview.box()
    assert abs((after[0] - before[0]) - (-60 * scale)) <= 2
    assert abs((after[1] - before[1]) - (80 * scale)) <= 2, "up on screen is up on the page"
    assert (after[2] - after[0], after[3] - after[1]) == (before[2] - before[0], 70)
    request = pdf_page.build_request()
    assert request.visible is not None and request.visible.box == after


def test_a_corner_resizes_the_box_and_the_opposite_corner_stays(pdf_page: SignPage, qtbot) -> None:
    preview = pdf_page.preview
    preview.set_box((100, 300, 310, 370))
    _, _, bottom_right = on_screen(preview)
    scale = points_per_pixel(preview)

    drag(qtbot, preview, bottom_right, bottom_right + QPoint(40, 30))

    x1, y1, x2, y2 = preview.box()
    assert (x1, y2) == (100, 370), "the top-left corner stays"
    assert abs(x2 - (310 + 40 * scale)) <= 2 and abs(y1 - (300 - 30 * scale)) <= 2
    request = pdf_page.build_request()
    assert request.visible is not None and request.visible.box == (x1, y1, x2, y2)


def test_the_box_stays_on_the_page_and_readable(pdf_page: SignPage, qtbot) -> None:
    preview = pdf_page.preview
    centre, top_left, _ = on_screen(preview)

    drag(qtbot, preview, centre, QPoint(preview.width() + 400, preview.height() + 400))
    x1, y1, x2, y2 = preview.box()
    assert (x2, y1) == (595, 0), "pushed into the lower-right corner, not off the page"

    _, top_left, _ = on_screen(preview)
    drag(qtbot, preview, top_left, top_left + QPoint(2000, 2000))
    x1, y1, x2, y2 = preview.box()
    assert (x2 - x1, y2 - y1) == (80, 30), "no smaller than a readable stamp"


def test_the_arrow_keys_move_and_shift_resizes(pdf_page: SignPage, qtbot) -> None:
    preview = pdf_page.preview
    preview.set_box((100, 300, 310, 370))
    preview.setFocus()
    step = round(KEY_STEP)

    qtbot.keyClick(preview, Qt.Key.Key_Right)
    qtbot.keyClick(preview, Qt.Key.Key_Up)
    assert preview.box() == (100 + step, 300 + step, 310 + step, 370 + step)
    qtbot.keyClick(preview, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(preview, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert preview.box() == (100 + step, 300, 310 + 2 * step, 370 + step)


def test_the_large_view_places_the_box_on_the_sign_page(pdf_page: SignPage, qtbot) -> None:
    dialog = StampPlaceDialog(pdf_page.preview, pdf_page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    large = dialog.preview
    assert large.has_page and large.stamp_lines == pdf_page.preview.stamp_lines
    centre, _, _ = on_screen(large)

    drag(qtbot, large, centre, centre + QPoint(-100, -100))
    dialog.accept()

    assert pdf_page.preview.placed_by_user and pdf_page.preview.box() == large.box()


def test_the_stamp_previewed_names_the_signer_the_organisation_and_the_local_time(
    pdf_page: SignPage,
) -> None:
    lines = pdf_page.preview.stamp_lines

    assert lines[:3] == ["Signed electronically by", "Jeanne Test", "ENTREPRISE TEST SAS"]
    assert re.fullmatch(r"on \d{4}-\d\d-\d\d \d\d:\d\d [+-]\d\d:\d\d", lines[3]), lines
    # drawn in the box: dark ink inside it (the page around it is blank there)
    preview = pdf_page.preview
    preview.set_box((300, 400, 560, 490))
    assert ink_in_box(preview) > 15
    preview.set_stamp_lines([])
    assert ink_in_box(preview) == 0, "what was counted is the stamp's text"


def ink_in_box(preview: PdfPreview) -> int:
    """Dark pixels inside the box's frame."""
    image = preview.grab().toImage()
    _, top_left, bottom_right = on_screen(preview)
    dark = 0
    for y in range(top_left.y() + 4, bottom_right.y() - 4):
        for x in range(top_left.x() + 4, bottom_right.x() - 4):
            if image.pixelColor(x, y).lightness() < 100:
                dark += 1
    return dark


def test_pades_says_why_it_is_off(page: SignPage, tmp_path: Path) -> None:
    pades = page.format_buttons[SignatureFormat.PADES]
    assert not pades.isEnabled()
    assert pades.toolTip() == "PAdES signs PDF files: add one or more PDF files to choose it."

    note = tmp_path / "note.txt"
    note.write_text("x")
    page.add_paths([note])
    assert pades.toolTip() == "PAdES signs PDF files only: this file is not a PDF."

    page.add_paths([three_pages(tmp_path / "a.pdf"), tmp_path / "note.txt"])
    sheet = tmp_path / "BPU.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not a PDF")
    page.add_paths([sheet])
    assert not pades.isEnabled()
    assert pades.toolTip() == "PAdES signs PDF files only: 2 of the 3 files are not PDFs."
    assert pades.accessibleDescription() == pades.toolTip()
    hover = QPoint(5, 5)  # the pointer resting on the greyed-out choice shows the reason
    QApplication.sendEvent(pades, QHelpEvent(QEvent.Type.ToolTip, hover, pades.mapToGlobal(hover)))
    assert QToolTip.isVisible() and QToolTip.text() == pades.toolTip()
    QToolTip.hideText()

    page.file_list.clear_files()
    renamed = three_pages(tmp_path / "contrat")  # a PDF saved without its extension
    page.add_paths([renamed, tmp_path / "a.pdf", sheet])
    assert pades.toolTip() == "PAdES signs PDF files only: 1 of the 3 files is not a PDF."

    page.file_list.clear_files()
    page.add_paths([renamed, tmp_path / "a.pdf"])
    assert pades.isEnabled() and pades.toolTip() == ""


class _Words(QTranslator):
    """A catalogue in a test: the words of the group and of the engine, in French."""

    WORDS = {  # noqa: RUF012
        "Visible signature (PAdES)": "Signature visible (PAdES)",
        "Visible si&gnature on the page": "Si&gnature visible sur la page",
        "Signed electronically by": "Signé électroniquement par",
        "on {moment}": "le {moment}",
        "{year}-{month}-{day} {hour}:{minute} {offset}": "{day}/{month}/{year} {hour}:{minute} "
        "{offset}",
        "PAdES signs PDF files only: this file is not a PDF.": "PAdES ne signe que des fichiers"
        " PDF : ce fichier n'est pas un PDF.",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def, override]
        return self.WORDS.get(source, "")

    def isEmpty(self) -> bool:  # type: ignore[override]
        return False


@pytest.fixture
def french_words() -> Iterator[QTranslator]:
    words = _Words()
    yield words
    QCoreApplication.removeTranslator(words)


def test_the_group_and_the_stamp_switch_language_at_once(
    pdf_page: SignPage, tmp_path: Path, french_words: QTranslator
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("x")

    QCoreApplication.installTranslator(french_words)
    QCoreApplication.processEvents()

    assert pdf_page.visible_box.title() == "Signature visible (PAdES)"
    assert pdf_page.visible.text() == "Si&gnature visible sur la page"
    lines = pdf_page.preview.stamp_lines
    assert lines[0] == "Signé électroniquement par"
    assert re.fullmatch(r"le \d\d/\d\d/\d{4} \d\d:\d\d [+-]\d\d:\d\d", lines[-1]), lines
    pdf_page.file_list.clear_files()
    pdf_page.add_paths([note])
    tip = pdf_page.format_buttons[SignatureFormat.PADES].toolTip()
    assert tip == "PAdES ne signe que des fichiers PDF : ce fichier n'est pas un PDF."


def test_the_stamp_is_printed_where_the_box_was_dropped(
    pdf_page: SignPage, qtbot, tmp_path: Path
) -> None:
    preview = pdf_page.preview
    centre, _, _ = on_screen(preview)
    drag(qtbot, preview, centre, centre + QPoint(-120, -150))
    chosen = preview.box()

    answer_password(qtbot, PKCS12_PASSWORD)
    with qtbot.waitSignal(pdf_page.signing_finished, timeout=60_000) as finished:
        pdf_page.sign_button.click()

    assert finished.args[0] is not None and not finished.args[0].failures
    with open(tmp_path / "Offre_signe.pdf", "rb") as handle:
        [signature] = PdfFileReader(handle, strict=False).embedded_signatures
        rect = tuple(round(float(v)) for v in signature.sig_field["/Rect"])
    assert rect == chosen


def test_a_press_beside_the_box_brings_it_there(pdf_page: SignPage, qtbot) -> None:
    preview = pdf_page.preview
    _, page_rect = preview._scale()
    target = page_rect.topLeft() + QPointF(page_rect.width() / 2, page_rect.height() / 2)

    qtbot.mouseClick(preview, Qt.MouseButton.LeftButton, pos=target.toPoint())

    x1, y1, x2, y2 = preview.box()
    assert abs((x1 + x2) / 2 - 595 / 2) <= 3 and abs((y1 + y2) / 2 - 842 / 2) <= 3


def test_a_damaged_pdf_is_said_and_shows_no_box(page: SignPage, tmp_path: Path) -> None:
    damaged = tmp_path / "Abîmé.pdf"
    damaged.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)

    page.add_paths([damaged])
    page.format_buttons[SignatureFormat.PADES].setChecked(True)
    page.visible.setChecked(True)

    assert page.visible_hint.text() == "This PDF cannot be previewed."
    assert not page.preview.has_page and blue_pixels(page.preview) == 0
