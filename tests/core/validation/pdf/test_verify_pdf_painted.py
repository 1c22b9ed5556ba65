"""Signed PDFs painted over after signing: what a reader sees must be what was signed.

An incremental update that adds an empty signature field is, object by object, what a tool does
to prepare the next signature: pyHanko's difference analysis allows it (FORM_FILLING). Its
widget can still draw anything on the page. These tests paint over signed PDFs (ours, visible
and invisible, and pyHanko's) and check the verdict, and check that the legitimate cases (a
second signature stamped on blank space, an empty field for the next signer, a form filled in)
stay valid. Signed by Paraphe (visible and invisible), pyHanko and endesive.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields

from paraphe.core.errors import Cancelled
from paraphe.core.progress import CancelToken
from paraphe.core.signing.request import SignatureFormat, SignRequest, VisibleSignature
from paraphe.core.validation.indications import SubIndication
from paraphe.core.validation.pdf import page_comparer
from paraphe.core.validation.pdf.validator import _MODIFIED_AFTER_SIGNING, _PAINTED_OVER
from paraphe.core.validation.report import SignatureReport
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import RunParaphe
from tests.core.validation.cms.test_verify_pdf_cms import (
    FAILED,
    INDETERMINATE,
    PASSED,
    PDF,
    copy_sample,
    only,
    our_pades,
    pyhanko_sign,
    settings,
    verify,
)
from tests.support import hostile_pdf
from tests.support.endesive_pdf import endesive_sign
from tests.support.pdf_shapes import certify
from tests.support.pki import TestPki
from tests.support.signing import sign_with
from tests.support.verdicts import assert_verdict, verdict

SHOWN = "pages shown are the pages signed"
FORMAT_FAILURE = SubIndication.FORMAT_FAILURE


def check(signature: SignatureReport, name: str) -> bool | None:
    matching = [c.passed for c in signature.checks if c.name == name]
    assert matching, [c.name for c in signature.checks]
    return matching[0]


@pytest.fixture(scope="module")
def signed_pdfs(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("painted")
    invisible = our_pades(pki, copy_sample(PDF, folder / "invisible"))
    visible_pdf = copy_sample(PDF, folder / "visible")
    sign_with(
        pki,
        "rsa",
        SignRequest(
            documents=(visible_pdf,), format=SignatureFormat.PADES, visible=VisibleSignature()
        ),
    )
    visible = visible_pdf.with_name(f"{visible_pdf.stem}_signe.pdf")
    theirs = pyhanko_sign(pki, copy_sample(PDF, folder / "theirs"), folder / "pyhanko.pdf")
    endesive = endesive_sign(
        pki, copy_sample(PDF, folder / "endesive"), folder / "endesive.pdf", box=(350, 40, 560, 110)
    )
    return {
        "paraphe-invisible": invisible,
        "paraphe-visible": visible,
        "pyhanko": theirs,
        "endesive-visible": endesive,
    }


ATTACKS = {
    "new-amount-over-the-signed-one": (hostile_pdf.AMOUNT_LINE, hostile_pdf.NEW_AMOUNT),
    "white-page": (hostile_pdf.WHOLE_PAGE, hostile_pdf.WHITE_BOX),
    "line-added-on-blank-space": (hostile_pdf.BLANK_AREA, hostile_pdf.ADDED_LINE),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
@pytest.mark.parametrize(
    "signed_by", ["paraphe-invisible", "paraphe-visible", "pyhanko", "endesive-visible"]
)
def test_unsigned_field_drawing_on_the_signed_page_fails(
    signed_by: str, attack: str, pki: TestPki, signed_pdfs: dict[str, Path], tmp_path: Path
) -> None:
    rect, drawing = ATTACKS[attack]
    painted = hostile_pdf.append_revision(
        signed_pdfs[signed_by],
        tmp_path / "painted.pdf",
        hostile_pdf.unsigned_signature_field(rect, drawing),
    )

    signature = only(verify(pki, painted))

    assert_verdict(signature, (FAILED, FORMAT_FAILURE))
    assert signature.explanation == _PAINTED_OVER
    assert check(signature, SHOWN) is False
    # object-wise the change is an allowed one: only the rendering tells
    assert signature.pdf is not None and signature.pdf.modification_level == "FORM_FILLING"
    assert check(signature, "changes after signing are allowed") is True


def test_painted_pdf_through_the_cli_is_not_valid(
    pki: TestPki, signed_pdfs: dict[str, Path], run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    painted = hostile_pdf.append_revision(
        signed_pdfs["paraphe-visible"],
        tmp_path / "painted.pdf",
        hostile_pdf.unsigned_signature_field(hostile_pdf.AMOUNT_LINE, hostile_pdf.NEW_AMOUNT),
    )

    human = run_paraphe("verify", painted, "--trust", pki.root_cert)
    as_json = run_paraphe("verify", painted, "--trust", pki.root_cert, "--json")

    assert human.returncode == 1, human.stdout + human.stderr
    assert "✔" not in human.stdout
    assert "the page shown is not the page that was signed" in human.stdout
    assert human.stderr == ""
    (signature,) = json.loads(as_json.stdout)["documents"][0]["signatures"]
    assert signature["indication"] == "TOTAL_FAILED"
    shown = [c for c in signature["checks"] if c["name"] == SHOWN]
    assert shown and shown[0]["passed"] is False and "page 1" in shown[0]["detail"]


def test_empty_field_for_the_next_signer_keeps_the_signature_valid(
    pki: TestPki, signed_pdfs: dict[str, Path], tmp_path: Path
) -> None:
    prepared = hostile_pdf.append_revision(
        signed_pdfs["paraphe-invisible"],
        tmp_path / "prepared.pdf",
        hostile_pdf.unsigned_signature_field(hostile_pdf.BLANK_AREA, b""),
    )

    signature = only(verify(pki, prepared))

    assert_verdict(signature, (PASSED, None))
    assert check(signature, SHOWN) is True


@pytest.mark.parametrize("first", ["paraphe-invisible", "paraphe-visible", "endesive-visible"])
def test_second_visible_signature_on_blank_space_keeps_both_valid(
    first: str, pki: TestPki, signed_pdfs: dict[str, Path], tmp_path: Path
) -> None:
    twice = pyhanko_sign(
        pki, signed_pdfs[first], tmp_path / "twice.pdf", field="1/72,420,300,480/Sig2"
    )

    report = verify(pki, twice)

    signatures = {s.signature_id: s for s in report.all_signatures()}
    assert {k: verdict(s) for k, s in signatures.items()} == {
        "Signature1": (PASSED, None),
        "Sig2": (PASSED, None),
    }, {k: s.checks for k, s in signatures.items()}
    assert check(signatures["Signature1"], SHOWN) is True


def test_second_signature_stamped_over_signed_text_fails_the_first(
    pki: TestPki, signed_pdfs: dict[str, Path], tmp_path: Path
) -> None:
    over_text = pyhanko_sign(
        pki,
        signed_pdfs["paraphe-invisible"],
        tmp_path / "over.pdf",
        field="1/60,640,340,700/Sig2",
    )

    signatures = {s.signature_id: s for s in verify(pki, over_text).all_signatures()}

    assert_verdict(signatures["Signature1"], (FAILED, FORMAT_FAILURE))
    assert signatures["Signature1"].explanation == _PAINTED_OVER
    assert_verdict(signatures["Sig2"], (PASSED, None))


def test_rotated_page_maps_the_later_stamp_where_it_is_shown(pki: TestPki, tmp_path: Path) -> None:
    rotated = hostile_pdf.append_revision(
        copy_sample(PDF, tmp_path / "in"),
        tmp_path / "rotated.pdf",
        hostile_pdf.rotate_first_page(90),
    )
    signed = our_pades(pki, rotated)
    twice = pyhanko_sign(pki, signed, tmp_path / "twice.pdf", field="1/72,420,300,480/Sig2")
    painted = hostile_pdf.append_revision(
        signed,
        tmp_path / "painted.pdf",
        hostile_pdf.unsigned_signature_field(hostile_pdf.AMOUNT_LINE, hostile_pdf.NEW_AMOUNT),
    )

    first_of_twice = {s.signature_id: s for s in verify(pki, twice).all_signatures()}
    assert_verdict(first_of_twice["Signature1"], (PASSED, None))
    assert_verdict(only(verify(pki, painted)), (FAILED, FORMAT_FAILURE))


def test_any_change_after_a_no_changes_certification_fails_it(pki: TestPki, tmp_path: Path) -> None:
    certified = certify(
        pki,
        copy_sample(PDF, tmp_path / "in"),
        tmp_path / "certified.pdf",
        fields.MDPPerm.NO_CHANGES,
    )
    with_field = hostile_pdf.append_revision(
        certified,
        tmp_path / "changed.pdf",
        hostile_pdf.unsigned_signature_field(hostile_pdf.BLANK_AREA, b""),
    )

    assert_verdict(only(verify(pki, certified)), (PASSED, None))
    signature = only(verify(pki, with_field))
    assert_verdict(signature, (FAILED, FORMAT_FAILURE))
    assert signature.explanation == _MODIFIED_AFTER_SIGNING


def test_approval_after_a_form_filling_certification_stays_valid(
    pki: TestPki, tmp_path: Path
) -> None:
    certified = certify(
        pki,
        copy_sample(PDF, tmp_path / "in"),
        tmp_path / "certified.pdf",
        fields.MDPPerm.FILL_FORMS,
    )
    approved = our_pades(pki, certified)

    signatures = {s.signature_id: s for s in verify(pki, approved).all_signatures()}

    assert {k: verdict(s) for k, s in signatures.items()} == {
        "Certification": (PASSED, None),
        "Signature1": (PASSED, None),
    }


def signed_form(pki: TestPki, folder: Path, prepare: hostile_pdf.Edit) -> Path:
    form = hostile_pdf.append_revision(
        copy_sample(PDF, folder / "in"), folder / "form.pdf", prepare
    )
    return our_pades(pki, form)


def test_field_filled_in_after_signing_stays_valid(pki: TestPki, tmp_path: Path) -> None:
    signed = signed_form(pki, tmp_path, hostile_pdf.add_text_field)
    filled = hostile_pdf.append_revision(
        signed, tmp_path / "filled.pdf", hostile_pdf.set_text_field_shown("12 345,00 EUR")
    )

    signature = only(verify(pki, filled))

    assert_verdict(signature, (PASSED, None))
    assert check(signature, SHOWN) is True
    assert signature.pdf is not None and signature.pdf.changes == ("Montant",)


def test_signed_field_value_overwritten_after_signing_fails(pki: TestPki, tmp_path: Path) -> None:
    signed = signed_form(pki, tmp_path, hostile_pdf.text_field_showing("12 345,00 EUR"))
    changed = hostile_pdf.append_revision(
        signed, tmp_path / "changed.pdf", hostile_pdf.set_text_field_shown("92 345,00 EUR")
    )

    signature = only(verify(pki, changed))

    assert_verdict(signature, (FAILED, FORMAT_FAILURE))
    assert signature.explanation == _PAINTED_OVER
    # pyHanko rates it form filling: only what is drawn tells the signed value was replaced
    assert signature.pdf is not None and signature.pdf.modification_level == "FORM_FILLING"


def test_unsigned_field_painted_over_a_signed_field_value_fails(
    pki: TestPki, tmp_path: Path
) -> None:
    signed = signed_form(pki, tmp_path, hostile_pdf.text_field_showing("12 345,00 EUR"))
    painted = hostile_pdf.append_revision(
        signed,
        tmp_path / "painted.pdf",
        hostile_pdf.unsigned_signature_field(
            hostile_pdf.FIELD_RECT,
            b"1 1 1 rg 0 0 228 20 re f 0 g BT /F1 10 Tf 2 6 Td (92 345,00 EUR) Tj ET",
        ),
    )

    signature = only(verify(pki, painted))

    assert_verdict(signature, (FAILED, FORMAT_FAILURE))
    assert signature.explanation == _PAINTED_OVER


def test_unsigned_field_hiding_under_a_field_filled_in_fails(pki: TestPki, tmp_path: Path) -> None:
    """Filling a field is allowed; a new widget drawing in the same rectangle is not."""
    signed = signed_form(pki, tmp_path, hostile_pdf.add_text_field)

    def fill_and_paint(writer: IncrementalPdfFileWriter) -> None:
        hostile_pdf.set_text_field_shown("12 345,00 EUR")(writer)
        hostile_pdf.unsigned_signature_field(
            hostile_pdf.FIELD_RECT, b"0 g BT /F1 10 Tf 120 6 Td (x 1 000) Tj ET"
        )(writer)

    painted = hostile_pdf.append_revision(signed, tmp_path / "painted.pdf", fill_and_paint)

    signature = only(verify(pki, painted))

    assert_verdict(signature, (FAILED, FORMAT_FAILURE))


# --- what a reader sees, in the less obvious ways ------------------------------------------------


@pytest.mark.parametrize(
    "drawing",
    [
        b"0.8 g BT /F1 40 Tf 20 300 Td (ANNULE - 925 000 EUR) Tj ET",  # light grey
        b"1 0.76 0.76 rg BT /F1 40 Tf 20 300 Td (ANNULE - 925 000 EUR) Tj ET",  # pink
        b"0 g BT /F1 7 Tf 0 5 Td (.) Tj ET",  # one small full stop
    ],
    ids=["light-grey", "pink", "small-dot"],
)
def test_faint_or_tiny_additions_are_seen(
    drawing: bytes, pki: TestPki, signed_pdfs: dict[str, Path], tmp_path: Path
) -> None:
    rect = hostile_pdf.WHOLE_PAGE if b"40 Tf" in drawing else hostile_pdf.BLANK_AREA
    painted = hostile_pdf.append_revision(
        signed_pdfs["paraphe-invisible"],
        tmp_path / "painted.pdf",
        hostile_pdf.unsigned_signature_field(rect, drawing),
    )

    signature = only(verify(pki, painted))

    assert_verdict(signature, (FAILED, FORMAT_FAILURE))


def test_light_signed_text_covered_is_seen(pki: TestPki, tmp_path: Path) -> None:
    light = hostile_pdf.append_revision(
        copy_sample(PDF, tmp_path / "in"),
        tmp_path / "light.pdf",
        hostile_pdf.draw_on_first_page(b"0.78 g BT /F1 11 Tf 72 560 Td (Remise : 0 %) Tj ET"),
    )
    covered = hostile_pdf.append_revision(
        our_pades(pki, light),
        tmp_path / "covered.pdf",
        hostile_pdf.unsigned_signature_field((70, 555, 200, 575), b"1 1 1 rg 0 0 130 20 re f"),
    )

    signature = only(verify(pki, covered))

    assert_verdict(signature, (FAILED, FORMAT_FAILURE))


def test_form_redrawn_from_changed_form_settings_is_seen(pki: TestPki, tmp_path: Path) -> None:
    """Only /AcroForm's /NeedAppearances and /DR change: no annotation object does, yet every
    field is drawn anew (here in ZapfDingbats)."""
    signed = signed_form(pki, tmp_path, hostile_pdf.text_field_showing("12 345,00 EUR"))
    redrawn = hostile_pdf.append_revision(
        signed, tmp_path / "redrawn.pdf", hostile_pdf.form_redrawn_with("/ZapfDingbats")
    )

    signature = only(verify(pki, redrawn))

    assert_verdict(signature, (FAILED, FORMAT_FAILURE))
    assert signature.pdf is not None and signature.pdf.modification_level == "FORM_FILLING"


def test_a_value_shown_without_v_is_not_an_empty_field(pki: TestPki, tmp_path: Path) -> None:
    signed = signed_form(pki, tmp_path, hostile_pdf.text_field_showing_without_value("12 345,00"))
    changed = hostile_pdf.append_revision(
        signed, tmp_path / "changed.pdf", hostile_pdf.set_text_field_shown("92 345,00 EUR")
    )

    signature = only(verify(pki, changed))

    assert_verdict(signature, (FAILED, FORMAT_FAILURE))


def test_a_page_sized_later_stamp_cannot_write_between_signed_lines(
    pki: TestPki, signed_pdfs: dict[str, Path], tmp_path: Path
) -> None:
    page_sized = pyhanko_sign(
        pki, signed_pdfs["paraphe-invisible"], tmp_path / "big.pdf", field="1/0,0,595,842/Sig2"
    )

    signatures = {s.signature_id: s for s in verify(pki, page_sized).all_signatures()}

    assert_verdict(signatures["Signature1"], (FAILED, FORMAT_FAILURE))
    assert_verdict(signatures["Sig2"], (PASSED, None))


def test_pages_that_cannot_be_matched_are_indeterminate_not_failed(
    pki: TestPki, tmp_path: Path
) -> None:
    """A sloppy /Count and a legitimate second signature: the pages cannot be paired, which
    says nothing against the first signer."""
    sloppy = hostile_pdf.append_revision(
        copy_sample(PDF, tmp_path / "in"),
        tmp_path / "sloppy.pdf",
        hostile_pdf.count_one_page_too_many,
    )
    twice = pyhanko_sign(
        pki, our_pades(pki, sloppy), tmp_path / "twice.pdf", field="1/72,420,300,480/Sig2"
    )

    first = {s.signature_id: s for s in verify(pki, twice).all_signatures()}["Signature1"]

    assert_verdict(first, (INDETERMINATE, SubIndication.GENERIC))
    assert check(first, SHOWN) is None


def test_pages_too_slow_to_draw_are_indeterminate_within_the_time_limit(
    pki: TestPki, signed_pdfs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_comparer, "COMPARE_SECONDS", 5.0)
    slow = hostile_pdf.append_revision(
        signed_pdfs["paraphe-invisible"],
        tmp_path / "slow.pdf",
        hostile_pdf.slow_pattern_field(0.01),
    )

    started = time.monotonic()
    signature = only(verify(pki, slow))

    assert time.monotonic() - started < 30
    assert signature.indication is not PASSED
    assert check(signature, SHOWN) is None


def test_stopping_a_verification_stops_the_page_drawing(
    pki: TestPki, signed_pdfs: dict[str, Path], tmp_path: Path
) -> None:
    slow = hostile_pdf.append_revision(
        signed_pdfs["paraphe-invisible"],
        tmp_path / "slow.pdf",
        hostile_pdf.slow_pattern_field(0.01),
    )
    cancel = CancelToken()
    threading.Timer(3.0, cancel.cancel).start()

    started = time.monotonic()
    with pytest.raises(Cancelled):
        verify_paths([slow], settings(pki), cancel=cancel)

    assert time.monotonic() - started < 10
    # the next comparison gets a fresh process
    twice = pyhanko_sign(
        pki, signed_pdfs["paraphe-invisible"], tmp_path / "twice.pdf", field="1/72,420,300,480/Sig2"
    )
    first = {s.signature_id: s for s in verify(pki, twice).all_signatures()}["Signature1"]
    assert verdict(first) == (PASSED, None) and check(first, SHOWN) is True
