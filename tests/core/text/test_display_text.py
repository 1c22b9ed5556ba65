"""The two rules for names from outside: how one is shown (display_text), and how one is
referenced and written exactly (name_bytes); and the JSON report that uses the second."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest

from paraphe.core.errors import UnreadableDocument
from paraphe.core.files.name_bytes import file_name_in_uri, percent_encoded, unicode_text
from paraphe.core.text.display_text import displayable, displayable_values
from paraphe.core.validation.indications import Indication
from paraphe.core.validation.report import (
    DetectedFormat,
    DocumentReport,
    InputError,
    SignatureReport,
    ValidationReport,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="names are bytes on POSIX only")


@pytest.mark.parametrize(
    "name",
    [
        "Acte d'engagement.pdf",
        "Mémoire technique.txt",
        "Offre\u00a0finale – lot 2.pdf",  # a no-break space and a dash stay
        "日本語の書類.pdf",
        "Plan 📄.pdf",
        "Offre/sous-dossier/BPU.xlsx",
    ],
)
def test_an_ordinary_name_is_shown_as_it_is(name: str) -> None:
    assert displayable(name) == name
    assert displayable(Path(name)) == str(Path(name))


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("a\nb", r"a\nb"),
        ("a\rb\tc", r"a\rb\tc"),
        ("x\x1b[2Ky", r"x\u001B[2Ky"),  # ESC: no cursor movement, no erased line
        ("del\x7f", r"del\u007F"),
        ("nel\x85", r"nel\u0085"),  # a C1 control that some terminals take for a newline
        ("ls\u2028ps\u2029", r"ls\u2028ps\u2029"),
        ("\u202efdp.exe", r"\u202Efdp.exe"),  # right-to-left override
        ("iso\u2066late\u2069", r"iso\u2066late\u2069"),
        ("zero\u200bwidth\ufeff", r"zero\u200Bwidth\uFEFF"),  # invisible: two names alike
        ("tag\U000e0041", r"tag\U000E0041"),
    ],
)
def test_characters_that_break_lines_move_the_cursor_or_hide_are_escaped(
    name: str, shown: str
) -> None:
    assert displayable(name) == shown
    assert displayable(name).isprintable()


@posix_only
def test_bytes_that_are_not_utf8_are_shown_as_hex_and_backslashes_doubled() -> None:
    assert displayable(os.fsdecode(b"caf\xe9.pdf")) == r"caf\xE9.pdf"
    assert displayable("a\\b.pdf") == r"a\\b.pdf"


@posix_only
def test_two_different_names_are_never_shown_alike() -> None:
    names = [
        "a\nb",
        "a\\nb",
        "a\\\nb",
        os.fsdecode(b"a\x85"),
        "a\x85",
        "a\\x85",
        "a\\u0085",
        "a\\\\u0085",
        os.fsdecode(b"caf\xe9"),
        os.fsdecode(b"caf\xe8"),
        "caf\ufffd",
    ]
    assert len({displayable(name) for name in names}) == len(names)


def test_template_values_are_made_displayable_but_numbers_stay_numbers() -> None:
    error = UnreadableDocument(Path("x\n  ✔ VALID.pdf"), detail="bad\x1b[2K")
    values = displayable_values(error)
    assert values == {"path": r"x\n  ✔ VALID.pdf", "detail": r"bad\u001B[2K"}
    assert displayable_values(type("N", (), {"params": {"count": 3}})())["count"] == 3


@posix_only
def test_a_name_is_referenced_by_the_percent_encoding_of_its_bytes() -> None:
    latin1 = os.fsdecode(b"caf\xe9.pdf")
    assert percent_encoded(latin1) == "caf%E9.pdf"
    assert percent_encoded("café.pdf") == "caf%C3%A9.pdf"
    assert percent_encoded("100% sûr.pdf") == "100%25%20s%C3%BBr.pdf"
    assert percent_encoded("Offre/a b.pdf", keep="/") == "Offre/a%20b.pdf"
    for name in (latin1, "café.pdf", "100% sûr.pdf", "a\nb", "%E9"):
        assert unquote_to_bytes(percent_encoded(name)) == os.fsencode(name)
        assert file_name_in_uri(percent_encoded(name)) == name  # compared as bytes
    assert file_name_in_uri("caf%E9.pdf") != file_name_in_uri("caf%E8.pdf")
    assert file_name_in_uri("caf%C3%A9.pdf") == "café.pdf"


@posix_only
def test_text_replaces_only_what_is_not_unicode() -> None:
    assert unicode_text("café.pdf") == "café.pdf"
    assert unicode_text(os.fsdecode(b"caf\xe9.pdf")) == "caf\ufffd.pdf"
    assert unicode_text("lone \ud800 surrogate").encode("utf-8")


def _report(folder: Path) -> ValidationReport:
    latin1 = folder / os.fsdecode(b"caf\xe9.pdf")
    token = folder / os.fsdecode(b"caf\xe9.pdf - Signature 1.p7s")
    signature = SignatureReport(
        signature_path=token,
        format=DetectedFormat.CADES,
        indication=Indication.TOTAL_PASSED,
        subindication=None,
        explanation=None,
        document_path=latin1,
        signature_id="signer\u202e 1",
    )
    return ValidationReport(
        validation_time=dt.datetime(2026, 11, 23, 9, 0, 19, tzinfo=dt.UTC),
        documents=[DocumentReport(latin1, [signature])],
        unsigned_documents=[folder / os.fsdecode(b"caf\xe8.pdf"), folder / "a\x85b.txt"],
        errors=[InputError(folder / os.fsdecode(b"\xff.zip"), "damaged \udcff archive")],
    )


@posix_only
def test_the_json_report_is_utf8_exact_and_inert_on_a_terminal() -> None:
    folder = Path("Offre")
    raw = _report(folder).to_json()
    text = raw.decode("utf-8")  # strict
    for inert in ("\u202e", "\x85"):
        assert inert not in text  # written as \\uXXXX escapes...
    report = json.loads(text)
    document = report["documents"][0]
    signature = document["signatures"][0]
    assert signature["signature_id"] == "signer\u202e 1"  # ...which parse back unchanged
    assert document["path"] == "Offre/caf\ufffd.pdf"
    assert unquote_to_bytes(document["path_bytes"]) == b"Offre/caf\xe9.pdf"
    assert document["path_bytes"] == "Offre/caf%E9.pdf"
    assert unquote_to_bytes(signature["signature_path_bytes"]) == (
        b"Offre/caf\xe9.pdf - Signature 1.p7s"
    )
    assert signature["document_path_bytes"] == document["path_bytes"]
    assert report["unsigned_documents"] == ["Offre/caf\ufffd.pdf", "Offre/a\x85b.txt"]
    assert [unquote_to_bytes(b) for b in report["unsigned_documents_bytes"]] == [
        b"Offre/caf\xe8.pdf",
        "Offre/a\x85b.txt".encode(),
    ]
    assert report["errors"] == [
        {
            "path": "Offre/\ufffd.zip",
            "path_bytes": "Offre/%FF.zip",
            "message": "damaged \ufffd archive",
        }
    ]


def test_the_json_report_escapes_exactly_what_a_name_shown_escapes() -> None:
    """One rule for both (``must_escape``): U+200B, U+FEFF, U+00AD, U+2060 and the tags were
    left raw in the JSON while shown escaped; each is now a JSON escape, parsed back unchanged."""
    characters = [
        chr(code)
        for code in [*range(0x7F, 0x30000), *range(0xE0000, 0xE0080)]
        if not 0xD800 <= code <= 0xDFFF
    ]
    text = "".join(characters)
    report = ValidationReport(
        validation_time=dt.datetime(2026, 12, 3, tzinfo=dt.UTC),
        errors=[InputError(Path("Offre.zip"), text)],  # no ASCII braces: a template as it is
    )

    written = report.to_json().decode("utf-8")

    raw = set(written)
    for character in characters:
        assert (character in raw) == (displayable(character) == character), hex(ord(character))
    for invisible in "\u200b\ufeff\u00ad\u2060":
        assert invisible not in raw and f"\\u{ord(invisible):04x}" in written
    assert json.loads(written)["errors"][0]["message"] == text


def test_a_report_without_odd_names_keeps_every_field_as_before() -> None:
    report = _report(Path("Offre"))
    report.documents[0].path = Path("Offre/Acte.pdf")
    as_dict = report.to_json_dict()
    assert as_dict["documents"][0]["path"] == "Offre/Acte.pdf"
    assert as_dict["documents"][0]["path_bytes"] == "Offre/Acte.pdf"
    assert as_dict["schema_version"] == 1
    if sys.platform != "win32":
        assert json.loads(report.to_json()) == json.loads(json.dumps(as_dict))
