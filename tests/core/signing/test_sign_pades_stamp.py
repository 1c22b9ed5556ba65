"""Visible PAdES stamps land on blank space, never over what an earlier signer signed."""

from __future__ import annotations

from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from paraphe.core.pdf.pages import open_document, render, to_pixels
from paraphe.core.signing.request import SignatureFormat, SignRequest, VisibleSignature
from tests.conftest import RunParaphe
from tests.core.validation.cms.test_verify_pdf_cms import PASSED, PDF, copy_sample, verify
from tests.support import hostile_pdf
from tests.support.pki import TestPki
from tests.support.signing import sign_with
from tests.support.verdicts import verdict

Rect = tuple[float, float, float, float]


def sign_visibly(
    pki: TestPki, persona: str, pdf: Path, box: tuple[int, int, int, int] | None
) -> Path:
    request = SignRequest(
        documents=(pdf,), format=SignatureFormat.PADES, visible=VisibleSignature(box=box)
    )
    sign_with(pki, persona, request)
    return pdf.with_name(f"{pdf.stem}_signe.pdf")


def stamps(pdf: Path) -> dict[str, Rect]:
    with open(pdf, "rb") as handle:
        reader = PdfFileReader(handle, strict=False)
        found = {}
        for sig in reader.embedded_signatures:
            x1, y1, x2, y2 = (float(v) for v in sig.sig_field["/Rect"])
            found[sig.field_name] = (x1, y1, x2, y2)
        return found


def overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_second_stamp_goes_above_the_first_and_both_stay_valid(
    pki: TestPki, tmp_path: Path
) -> None:
    once = sign_visibly(pki, "rsa", copy_sample(PDF, tmp_path), None)
    twice = sign_visibly(pki, "ecdsa", once, None)

    boxes = stamps(twice)
    report = verify(pki, twice)

    assert boxes["Signature1"] == (350, 40, 560, 110)  # the default place, bottom right
    assert not overlap(boxes["Signature1"], boxes["Signature2"]), boxes
    assert [verdict(s) for s in report.all_signatures()] == [(PASSED, None), (PASSED, None)]


def test_chosen_place_over_an_earlier_stamp_is_refused(
    pki: TestPki, tmp_path: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    once = sign_visibly(pki, "rsa", copy_sample(PDF, tmp_path / "in"), None)
    out = tmp_path / "out"
    out.mkdir()

    done = run_paraphe(
        "sign",
        once,
        "--format",
        "pades",
        "--visible",
        "--position",
        "360,50,570,120",
        "--p12",
        pki.p12("ecdsa"),
        "--password-file",
        password_file,
        "--out",
        out,
    )

    assert done.returncode == 4, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert str(once) in done.stderr and "would cover an earlier signature" in done.stderr
    assert list(out.iterdir()) == []


def test_chosen_place_on_an_unsigned_pdf_is_kept(pki: TestPki, tmp_path: Path) -> None:
    over_text = (60, 650, 270, 720)  # over the signer's own, not yet signed, text

    signed = sign_visibly(pki, "rsa", copy_sample(PDF, tmp_path), over_text)

    assert stamps(signed)["Signature1"] == over_text


def test_default_place_taken_by_content_moves_to_blank_space(pki: TestPki, tmp_path: Path) -> None:
    pdf = copy_sample(PDF, tmp_path)
    with open(pdf, "rb") as handle:
        writer = IncrementalPdfFileWriter(handle, strict=False)
        writer.add_stream_to_page(
            0,
            # a black block in the default corner
            writer.add_object(generic.StreamObject(stream_data=b"0 g 330 30 250 100 re f")),
        )
        with open(tmp_path / "busy.pdf", "wb") as out:
            writer.write(out)
    busy = tmp_path / "busy.pdf"

    signed = sign_visibly(pki, "rsa", busy, None)

    box = stamps(signed)["Signature1"]
    assert not overlap(box, (330, 30, 580, 130)), box
    with open_document(busy) as document:  # the stamp's place was blank before signing
        bitmap = render(document, 0)
        ((x0, y0, x1, y1),) = to_pixels(document[0], bitmap, [box])
        assert bitmap.blank_in((x0, y0, x1, y1))


def test_stamps_avoid_a_light_footer_and_both_signatures_stay_valid(
    pki: TestPki, tmp_path: Path
) -> None:
    """Blank means what the verifier means: a light grey 5 pt footer in the default corner is
    content, so neither stamp goes over it (the verifier would then fail the first signer)."""
    footer = hostile_pdf.append_revision(
        copy_sample(PDF, tmp_path / "in"),
        tmp_path / "footer.pdf",
        hostile_pdf.draw_on_first_page(
            b"0.62 g BT /F1 5 Tf 380 75 Td (Ref. AE-2026-0042 - version 3) Tj ET"
        ),
    )

    once = sign_visibly(pki, "rsa", footer, None)
    twice = sign_visibly(pki, "ecdsa", once, None)

    boxes = stamps(twice)
    footer_area: Rect = (380, 73, 470, 81)
    assert not any(overlap(box, footer_area) for box in boxes.values()), boxes
    assert not overlap(boxes["Signature1"], boxes["Signature2"]), boxes
    report = verify(pki, twice)
    assert [verdict(s) for s in report.all_signatures()] == [(PASSED, None), (PASSED, None)]
