"""PAdES from other tools: LTV data, document timestamps, second signers, comments, filled forms,
certification signatures and the legacy sub-filters, each with the verdict a buyer must get.

Changes after a signature are judged by their kind, as Adobe and the EU DSS do (ISO 32000-1,
12.8.2.2; EN 319 142-1): validation data (DSS/VRI), document timestamps, later signatures, form
filling and comments are allowed unless a certification signature's DocMDP permission forbids
them (P=1: validation data and timestamps only; P=2: also form filling and signing; P=3: also
comments); page content and new pages never are. Every PDF here is made by a tool we did not
write (pyHanko's CLI and API, pypdf, endesive). What the peers said about each, on the same
files (checked by hand with ``pdfsig -nssdir`` trusting the test root, poppler 22.12, and
``pyhanko sign validate --trust root``, pyHanko CLI 0.6 / pyHanko 0.38), is in each comment:
pdfsig does not judge later changes at all, and pyHanko refuses every comment.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from asn1crypto import cms
from pyhanko.sign.fields import MDPPerm

from paraphe.core.validation.indications import SubIndication
from paraphe.core.validation.pdf.validator import (
    _FORBIDDEN_BY_CERTIFICATION,
    _MODIFIED_AFTER_SIGNING,
    _PAINTED_OVER,
)
from paraphe.core.validation.report import SignatureReport
from tests.core.validation.cms.test_verify_pdf_cms import (
    FAILED,
    INDETERMINATE,
    PASSED,
    PDF,
    copy_sample,
    only,
    verify,
)
from tests.support import hostile_pdf, pdf_shapes
from tests.support.pki import TestPki
from tests.support.verdicts import assert_verdict, verdict

FORMAT_FAILURE = SubIndication.FORMAT_FAILURE
MARGIN = (500, 780, 520, 800)
"""Blank space at the top right of the sample's page 1."""
SIGNED_TEXT = (70, 690, 330, 710)
"""A line of the sample's signed text."""


def by_name(pdf: Path, pki: TestPki) -> dict[str, SignatureReport]:
    return {s.signature_id or "": s for s in verify(pki, pdf).all_signatures()}


def check(signature: SignatureReport, name: str) -> bool | None:
    matching = [c.passed for c in signature.checks if c.name == name]
    assert matching, [c.name for c in signature.checks]
    return matching[0]


@pytest.fixture(scope="module")
def signed_bt(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PAdES B-T by pyHanko's CLI (revision 2 of the file), timestamped by the test TSA."""
    folder = tmp_path_factory.mktemp("bt")
    source = copy_sample(PDF, folder)
    return pdf_shapes.pyhanko_addsig(pki, source, folder / "bt.pdf", "Sig1", "timestamp")


# --- long-term data and document timestamps ------------------------------------------------------


def test_ltv_data_added_by_ltvfix_keeps_the_signature_valid(
    pki: TestPki, signed_bt: Path, tmp_path: Path
) -> None:
    """``pyhanko sign ltvfix`` appends a DSS with VRI: validation data only (LTA_UPDATES), which
    any signature allows. pdfsig: "Signature is Valid"; pyHanko: "All modifications relate to
    signature maintenance"."""
    pdf = pdf_shapes.pyhanko_ltvfix(pki, Path(shutil.copy(signed_bt, tmp_path / "ltv.pdf")), "Sig1")

    signature = only(verify(pki, pdf))

    assert_verdict(signature, (PASSED, None))
    assert signature.level == "B-LT"
    assert signature.pdf is not None
    assert signature.pdf.modification_level == "LTA_UPDATES"
    assert signature.pdf.later_changes == ("revision 3: validation data added (DSS)",)
    assert (signature.pdf.revision, signature.pdf.revisions, signature.pdf.later_revisions) == (
        2,
        3,
        1,
    )


def test_document_timestamp_after_ltv_is_validated_and_reported(
    pki: TestPki, signed_bt: Path, tmp_path: Path
) -> None:
    """ltvfix with a timestamp: DSS, then a document timestamp (ETSI.RFC3161), then pyHanko's
    DSS for it: B-LTA, the timestamp validated on its own (EN 319 142-1, 5.5). pdfsig cannot
    check document timestamps ("Unimplemented Feature"); pyHanko: signature maintenance."""
    pdf = pdf_shapes.pyhanko_ltvfix(
        pki, Path(shutil.copy(signed_bt, tmp_path / "lta.pdf")), "Sig1", timestamp=True
    )

    signature = only(verify(pki, pdf))

    assert_verdict(signature, (PASSED, None))
    assert signature.level == "B-LTA"
    kinds = {(t.kind.value, t.indication.value) for t in signature.timestamps}
    assert kinds == {("signature", "TOTAL_PASSED"), ("document", "TOTAL_PASSED")}
    assert signature.pdf is not None
    assert "revision 4: document timestamp" in signature.pdf.later_changes


def test_ltv_data_is_used_offline(pki: TestPki, signed_bt: Path, tmp_path: Path) -> None:
    """With the network off, the OCSP responses the DSS holds answer for the signer's
    certificate: the signature still passes (EN 319 102-1, 5.6.2.3: revocation data at hand)."""
    pdf = pdf_shapes.pyhanko_ltvfix(pki, Path(shutil.copy(signed_bt, tmp_path / "ltv.pdf")), "Sig1")

    signature = only(verify(pki, pdf, offline=True))

    assert_verdict(signature, (PASSED, None))
    assert signature.revocation is not None and signature.revocation.source == "embedded"


# --- several signatures --------------------------------------------------------------------------


def test_second_signer_each_signature_its_revision(
    pki: TestPki, signed_bt: Path, tmp_path: Path
) -> None:
    """A second signer (pyHanko's CLI, RSA persona) adds Sig2: a later signature is allowed to
    the first (FORM_FILLING: a new signature field); both pass, each names its revision.
    pdfsig: both "Signature is Valid"; pyHanko: "signing and form filling operations"."""
    pdf = pdf_shapes.pyhanko_addsig(pki, signed_bt, tmp_path / "two.pdf", "Sig2", persona="rsa")

    signatures = by_name(pdf, pki)

    assert {k: verdict(s) for k, s in signatures.items()} == {
        "Sig1": (PASSED, None),
        "Sig2": (PASSED, None),
    }
    first, second = signatures["Sig1"], signatures["Sig2"]
    assert first.pdf is not None and second.pdf is not None
    assert (first.pdf.revision, first.pdf.later_revisions) == (2, 1)
    assert (second.pdf.revision, second.pdf.later_revisions) == (3, 0)
    assert first.pdf.later_changes[0] == "revision 3: signature Sig2"
    assert second.pdf.later_changes == ()
    assert [o.name for o in first.signed_objects] == ["revision 2"]
    assert first.signed_objects[0].kind == "same-document"
    assert first.signed_objects[0].digest_matches is True
    assert first.packaging is not None and first.packaging.value == "embedded"


# --- comments and forms --------------------------------------------------------------------------


def test_sticky_note_in_the_margin_keeps_the_signature_valid(
    pki: TestPki, signed_bt: Path, tmp_path: Path
) -> None:
    """A reader's sticky note (pypdf, /Text) on blank space: a comment, allowed after an approval
    signature, drawn where nothing was signed. pdfsig: "Signature is Valid"; pyHanko: "Some
    modifications may be illegitimate" (its policy has no rule for comments): a valid bid
    rejected, which this validator must not do."""
    pdf = pdf_shapes.sticky_note(signed_bt, tmp_path / "note.pdf", MARGIN)

    signature = only(verify(pki, pdf))

    assert_verdict(signature, (PASSED, None))
    assert signature.pdf is not None and signature.pdf.modification_level == "ANNOTATIONS"
    assert signature.pdf.later_changes == ("revision 3: comment (Text) on page 1",)
    assert check(signature, "pages shown are the pages signed") is True


def test_highlight_over_signed_text_keeps_the_signature_valid(
    pki: TestPki, signed_bt: Path, tmp_path: Path
) -> None:
    """A yellow highlight over a signed line tints it and leaves it readable: allowed.
    pdfsig: valid; pyHanko: "may be illegitimate"."""
    pdf = pdf_shapes.highlight(signed_bt, tmp_path / "highlight.pdf", SIGNED_TEXT)

    signature = only(verify(pki, pdf))

    assert_verdict(signature, (PASSED, None))
    assert check(signature, "pages shown are the pages signed") is True


def test_opaque_comment_over_signed_text_fails(
    pki: TestPki, signed_bt: Path, tmp_path: Path
) -> None:
    """A FreeText comment with a white background over the signed text, saying "925 000 EUR"
    (the evil-annotation shadow attack): a comment is allowed object-wise, but it would hide
    signed content, and pdfium cannot even draw it (no appearance: readers make their own).
    TOTAL_FAILED. pdfsig: "Signature is Valid" (it does not look at later changes)."""
    pdf = pdf_shapes.free_text(signed_bt, tmp_path / "free.pdf", SIGNED_TEXT, "925 000 EUR")

    signature = only(verify(pki, pdf))

    assert_verdict(signature, (FAILED, FORMAT_FAILURE))
    assert signature.explanation == _PAINTED_OVER
    assert signature.pdf is not None and signature.pdf.modification_level == "ANNOTATIONS"


def test_filled_square_comment_over_signed_text_fails(
    pki: TestPki, signed_bt: Path, tmp_path: Path
) -> None:
    """A square comment filled white over the signed line (pdfium draws it): it covers signed
    content, so the page shown is not the page signed: TOTAL_FAILED."""
    pdf = pdf_shapes.white_box(signed_bt, tmp_path / "box.pdf", SIGNED_TEXT)

    signature = only(verify(pki, pdf))

    assert_verdict(signature, (FAILED, FORMAT_FAILURE))
    assert check(signature, "pages shown are the pages signed") is False


@pytest.mark.parametrize(
    "drawing",
    [
        hostile_pdf.NEW_AMOUNT,  # a white box and a new amount over the signed one
        b"0 0 0 rg 0 0 260 18 re f",  # an opaque black box
        b"/GS0 gs 0 0 0 rg 0 0 260 18 re f",  # a black "tint": multiplied, still black
        b"0.85 g BT /F1 11 Tf 120 5 Td (925 000) Tj ET",  # light grey text between the lines
    ],
    ids=["white-box-new-amount", "black-box", "black-multiply", "light-text-added"],
)
def test_a_highlight_that_hides_or_adds_text_fails(
    drawing: bytes, pki: TestPki, signed_bt: Path, tmp_path: Path
) -> None:
    """A /Highlight written by a hostile tool whose appearance is not a tint: over the signed
    amount it blacks out, covers or writes. A highlight may darken what it marks and tint
    blank paper in a light colour, nothing else: TOTAL_FAILED (the page shown is not the page
    signed). pdfsig: "Signature is Valid"."""
    pdf = hostile_pdf.append_revision(
        signed_bt,
        tmp_path / "hidden.pdf",
        pdf_shapes.markup_drawing("/Highlight", hostile_pdf.AMOUNT_LINE, drawing),
    )

    signature = only(verify(pki, pdf))

    assert_verdict(signature, (FAILED, FORMAT_FAILURE))
    assert signature.explanation == _PAINTED_OVER


def test_a_yellow_tint_drawn_by_a_highlight_passes(
    pki: TestPki, signed_bt: Path, tmp_path: Path
) -> None:
    """The same hand-written highlight drawing what Acrobat draws (yellow, multiply blend) over
    the signed amount: the text stays readable: TOTAL_PASSED."""
    tint = b"/GS0 gs 1 1 0 rg 0 0 260 18 re f"
    pdf = hostile_pdf.append_revision(
        signed_bt,
        tmp_path / "tint.pdf",
        pdf_shapes.markup_drawing("/Highlight", hostile_pdf.AMOUNT_LINE, tint),
    )

    signature = only(verify(pki, pdf))

    assert_verdict(signature, (PASSED, None))


# --- form filling (pypdf) ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("form")
    return pdf_shapes.text_field_form(copy_sample(PDF, folder), folder / "form.pdf")


def test_form_filled_by_pypdf_after_an_approval_signature_passes(
    pki: TestPki, form: Path, tmp_path: Path
) -> None:
    """pypdf fills the empty field "Montant" (value and appearance) after a pyHanko signature:
    form filling, allowed; drawn inside a field that showed nothing when signed. TOTAL_PASSED.
    pdfsig: valid; pyHanko: "signing and form filling operations"."""
    signed = pdf_shapes.pyhanko_addsig(pki, form, tmp_path / "signed.pdf", "Sig1")
    filled = pdf_shapes.fill_field(signed, tmp_path / "filled.pdf", "Montant", "12 345,00 EUR")

    signature = only(verify(pki, filled))

    assert_verdict(signature, (PASSED, None))
    assert signature.pdf is not None and signature.pdf.changes == ("Montant",)
    assert signature.pdf.later_changes[0] == "revision 4: form field Montant written"


@pytest.mark.parametrize(("permission", "allowed"), [(1, False), (2, True), (3, True)])
def test_form_filling_is_allowed_by_p2_and_p3(
    permission: int, allowed: bool, pki: TestPki, form: Path, tmp_path: Path
) -> None:
    """The field filled in by pypdf after a certification: P=1 forbids it (TOTAL_FAILED, the
    certification's sentence), P=2 and P=3 allow it. pyHanko's CLI agrees (P=1: "incompatible
    with the current document modification policy"); pdfsig: valid in all three."""
    certified = pdf_shapes.certify(pki, form, tmp_path / "certified.pdf", MDPPerm(permission))
    filled = pdf_shapes.fill_field(certified, tmp_path / "filled.pdf", "Montant", "12 345,00")

    signature = only(verify(pki, filled))

    if allowed:
        assert_verdict(signature, (PASSED, None))
    else:
        assert_verdict(signature, (FAILED, FORMAT_FAILURE))
        assert signature.explanation == _FORBIDDEN_BY_CERTIFICATION


# --- content changes -------------------------------------------------------------------------------


@pytest.mark.parametrize("change", ["new_page", "page_content_changed"])
def test_page_content_or_a_new_page_after_signing_fails(
    change: str, pki: TestPki, signed_bt: Path, tmp_path: Path
) -> None:
    """pypdf appends a page, or draws a new line into page 1's content: not a change any
    signature allows (pyHanko: unexplained objects). TOTAL_FAILED, FORMAT_FAILURE. pdfsig:
    "Signature is Valid" (the signed revision is intact); pyHanko: "incompatible"."""
    pdf = getattr(pdf_shapes, change)(signed_bt, tmp_path / "changed.pdf")

    signature = only(verify(pki, pdf))

    assert_verdict(signature, (FAILED, FORMAT_FAILURE))
    assert signature.explanation == _MODIFIED_AFTER_SIGNING
    assert signature.pdf is not None and signature.pdf.modification_level == "OTHER"
    assert signature.pdf.later_changes[-1].startswith("not a change a signature allows")


# --- certification signatures ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certified(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("certified")
    source = copy_sample(PDF, folder)
    return {p: pdf_shapes.certify(pki, source, folder / f"p{p}.pdf", MDPPerm(p)) for p in (1, 2, 3)}


@pytest.mark.parametrize("permission", [1, 2, 3])
def test_ltv_data_and_document_timestamps_are_allowed_by_every_certification(
    permission: int, pki: TestPki, certified: dict[int, Path], tmp_path: Path
) -> None:
    """DSS and document timestamps are allowed even by P=1 (ISO 32000-2, 12.8.2.2.2; pyHanko:
    "signature maintenance"). TOTAL_PASSED."""
    pdf = pdf_shapes.pyhanko_timestamp(pki, certified[permission], tmp_path / "ts.pdf")

    signature = only(verify(pki, pdf))

    assert_verdict(signature, (PASSED, None))
    assert signature.pdf is not None and signature.pdf.docmdp == permission


@pytest.mark.parametrize("permission", [2, 3])
def test_a_later_signature_is_allowed_from_p2(
    permission: int, pki: TestPki, certified: dict[int, Path], tmp_path: Path
) -> None:
    """An approval signature (pyHanko's CLI, RSA persona) after a P=2 or P=3 certification:
    signing is allowed, both pass. (P=1 forbids it: pyHanko refuses to sign such a document,
    and test_verify_pdf_painted checks the new field is refused.) pdfsig: both valid;
    pyHanko: "signing and form filling operations"."""
    pdf = pdf_shapes.pyhanko_addsig(
        pki, certified[permission], tmp_path / "approved.pdf", "Sig2", persona="rsa"
    )

    signatures = by_name(pdf, pki)

    assert {k: verdict(s) for k, s in signatures.items()} == {
        "Certification": (PASSED, None),
        "Sig2": (PASSED, None),
    }
    assert signatures["Certification"].pdf is not None
    assert signatures["Certification"].pdf.docmdp == permission


@pytest.mark.parametrize(("permission", "allowed"), [(1, False), (2, False), (3, True)])
def test_a_comment_is_allowed_by_p3_only(
    permission: int, allowed: bool, pki: TestPki, certified: dict[int, Path], tmp_path: Path
) -> None:
    """A sticky note after a certification: P=3 allows comments, P=1 and P=2 do not (the
    certification then fails: what is shown is not what the author certified). pyHanko:
    "may be illegitimate" in all three; pdfsig: valid in all three."""
    pdf = pdf_shapes.sticky_note(certified[permission], tmp_path / "note.pdf", MARGIN)

    signature = only(verify(pki, pdf))

    if allowed:
        assert_verdict(signature, (PASSED, None))
    else:
        assert_verdict(signature, (FAILED, FORMAT_FAILURE))
        assert signature.explanation == _FORBIDDEN_BY_CERTIFICATION
    assert signature.pdf is not None
    assert (signature.pdf.docmdp, signature.pdf.docmdp_set_by) == (permission, "Certification")


# --- legacy sub-filters --------------------------------------------------------------------------


def _cms_of(pdf: Path) -> tuple[cms.ContentInfo, bytes]:
    data = pdf.read_bytes()
    start = data.rindex(b"/Contents <") + len(b"/Contents <")
    hex_digits = data[start : data.index(b">", start)]
    info = cms.ContentInfo.load(bytes.fromhex(hex_digits.decode()).rstrip(b"\0"))
    return info, data


def test_adbe_pkcs7_sha1_is_validated(pki: TestPki, tmp_path: Path) -> None:
    """``adbe.pkcs7.sha1`` (ISO 32000-1, 12.8.3.3.1): the CMS encapsulates the SHA-1 digest of
    the byte range. pyHanko skips the field ("unsupported SubFilter"); pdfsig says "Digest
    Mismatch" (on a CMS that openssl verifies: poppler seems to hash the byte range as if
    detached). ``openssl cms -verify`` checks the
    CMS here, independently. A valid signature from a trusted signer: TOTAL_PASSED, with the
    SHA-1 binding recorded for the crypto policy."""
    pdf = pdf_shapes.legacy_sign(
        pki, copy_sample(PDF, tmp_path / "in"), tmp_path / "s.pdf", "adbe.pkcs7.sha1"
    )
    info, _ = _cms_of(pdf)
    der = tmp_path / "sig.der"
    der.write_bytes(info.dump())
    done = subprocess.run(
        ["openssl", "cms", "-verify", "-inform", "DER", "-in", str(der), "-noverify"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr

    signature = only(verify(pki, pdf))

    assert_verdict(signature, (PASSED, None))
    assert check(signature, "document digest (adbe.pkcs7.sha1, SHA-1)") is True


def test_adbe_pkcs7_sha1_with_a_changed_byte_fails(pki: TestPki, tmp_path: Path) -> None:
    """One signed byte changed (in the page content): the SHA-1 the CMS carries no longer
    matches the bytes: TOTAL_FAILED, HASH_FAILURE (EN 319 102-1, 5.2.7)."""
    pdf = pdf_shapes.legacy_sign(
        pki, copy_sample(PDF, tmp_path / "in"), tmp_path / "s.pdf", "adbe.pkcs7.sha1"
    )
    data = bytearray(pdf.read_bytes())
    at = data.index(b"Tj")  # inside the page's content stream, signed
    data[at - 3] ^= 0x01
    pdf.write_bytes(bytes(data))

    signature = only(verify(pki, pdf))

    assert signature.indication is not PASSED
    assert_verdict(signature, (FAILED, SubIndication.HASH_FAILURE))


def test_adbe_x509_rsa_sha1_gets_a_verdict_not_a_crash(pki: TestPki, tmp_path: Path) -> None:
    """``adbe.x509.rsa_sha1`` (a bare PKCS#1 signature, certificates in /Cert): pyHanko has no
    support for it and skips it; pdfsig: "Input couldn't be parsed as a CMS signature". It may
    be valid, so INDETERMINATE, FORMAT_FAILURE, with the reason; never a pass."""
    pdf = pdf_shapes.legacy_sign(
        pki, copy_sample(PDF, tmp_path / "in"), tmp_path / "s.pdf", "adbe.x509.rsa_sha1"
    )

    signature = only(verify(pki, pdf))

    assert_verdict(signature, (INDETERMINATE, FORMAT_FAILURE))
    assert signature.signature_id == "Legacy1"
    assert "adbe.x509.rsa_sha1" in signature.checks[0].detail


def test_a_legacy_field_does_not_hide_a_pades_signature(pki: TestPki, tmp_path: Path) -> None:
    """A PAdES signature added after an rsa_sha1 one: each gets its own verdict."""
    legacy = pdf_shapes.legacy_sign(
        pki, copy_sample(PDF, tmp_path / "in"), tmp_path / "l.pdf", "adbe.x509.rsa_sha1"
    )
    pdf = pdf_shapes.pyhanko_addsig(pki, legacy, tmp_path / "both.pdf", "Sig2")

    signatures = by_name(pdf, pki)

    assert verdict(signatures["Legacy1"]) == (INDETERMINATE, FORMAT_FAILURE)
    assert verdict(signatures["Sig2"]) == (PASSED, None)
