"""PDF-aware mutations of a signed PDF: the numbers a reader trusts (startxref, xref offsets,
/ByteRange, object numbers, /Length, /Prev, /Size), names, delimiters, trailing data, the CMS
inside /Contents, and real incremental updates appended with pyHanko's writer.

Incremental updates are of two kinds: harmless ones a signature allows (a new Info dictionary, a
sticky note) and forbidden ones (content drawn over page 1, the page's content stream redefined,
a page added) that must never leave a signature TOTAL_PASSED; ``Mutation.forbidden_update`` says
which, for the oracle.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import mutate_cms

_NUMBER_EDGES = (
    b"0",
    b"-1",
    b"1",
    b"99999999999999999999",
    b"2147483648",
    b"-2147483649",
    b"1.5",
    b"1e10",
    b"",
    b"x",
)
_STARTXREF = re.compile(rb"startxref\s+(-?\d+)")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[([^\]]*)\]")
_OBJ = re.compile(rb"(\d+) (\d+) obj")
_REF = re.compile(rb"(\d+) (\d+) R\b")
_KEYED_NUMBER = re.compile(rb"/(Length|Prev|Size|Count|Kids|N|First|P|V|R)\s+(\d+)")
_NAME = re.compile(rb"/[A-Za-z][A-Za-z0-9.]*")
_DELIMITER = re.compile(rb"<<|>>|\[|\]|endobj|endstream|stream|xref|trailer|%%EOF")
_CONTENTS = re.compile(rb"/Contents\s*<([0-9A-Fa-f]+)>")


@dataclass(frozen=True)
class Mutation:
    data: bytes
    label: str
    forbidden_update: bool = False
    """An incremental update that changes what the page shows: never TOTAL_PASSED."""


def _pick(rng: random.Random, pattern: re.Pattern[bytes], data: bytes) -> re.Match[bytes] | None:
    found = list(pattern.finditer(data))
    return rng.choice(found) if found else None


def _replace(data: bytes, match: re.Match[bytes], group: int, value: bytes) -> bytes:
    return data[: match.start(group)] + value + data[match.end(group) :]


def _number(rng: random.Random, old: bytes) -> bytes:
    if old.lstrip(b"-").isdigit() and rng.random() < 0.6:
        delta = rng.choice((1, -1, 2, -2, 10, -10, 100, -100, 1000))
        return str(int(old) + delta).encode()
    return rng.choice(_NUMBER_EDGES)


def startxref(rng: random.Random, data: bytes) -> Mutation:
    match = _pick(rng, _STARTXREF, data)
    if match is None:
        return Mutation(data + b"\nstartxref\n0\n%%EOF\n", "pdf startxref added")
    return Mutation(_replace(data, match, 1, _number(rng, match[1])), "pdf startxref")


def xref_entry(rng: random.Random, data: bytes) -> Mutation:
    match = _pick(rng, _XREF_ENTRY, data)
    if match is None:
        return startxref(rng, data)
    group = rng.choice((1, 1, 2, 3))
    value = (
        rng.choice((b"n", b"f", b"x"))
        if group == 3
        else _number(rng, match[group]).rjust(len(match[group]), b"0")
    )
    return Mutation(_replace(data, match, group, value), f"pdf xref entry field {group}")


def byte_range(rng: random.Random, data: bytes) -> Mutation:
    match = _pick(rng, _BYTE_RANGE, data)
    if match is None:
        return startxref(rng, data)
    numbers = match[1].split()
    op = rng.randrange(4)
    if op == 0 and numbers:
        index = rng.randrange(len(numbers))
        numbers[index] = _number(rng, numbers[index])
        label = f"pdf /ByteRange number {index}"
    elif op == 1 and numbers:
        del numbers[rng.randrange(len(numbers))]
        label = "pdf /ByteRange number removed"
    elif op == 2:
        numbers.append(rng.choice((b"0", b"1", b"5")))
        label = "pdf /ByteRange number added"
    else:
        numbers = [b"0", b"0", b"0", b"0"]
        label = "pdf /ByteRange zeroed"
    text = b" ".join(numbers)
    width = len(match[1])
    if rng.random() < 0.7 and len(text) <= width:
        text = text.ljust(width)  # same width: nothing after it moves
    return Mutation(_replace(data, match, 1, text), label)


def object_number(rng: random.Random, data: bytes) -> Mutation:
    pattern = _OBJ if rng.random() < 0.5 else _REF
    match = _pick(rng, pattern, data)
    if match is None:
        return startxref(rng, data)
    group = rng.choice((1, 1, 2))
    kind = "obj" if pattern is _OBJ else "ref"
    return Mutation(_replace(data, match, group, _number(rng, match[group])), f"pdf {kind} number")


def keyed_number(rng: random.Random, data: bytes) -> Mutation:
    match = _pick(rng, _KEYED_NUMBER, data)
    if match is None:
        return startxref(rng, data)
    if match[1] == b"Prev" and rng.random() < 0.5:  # a /Prev loop: the trailer points to itself
        at = data.rfind(b"xref", 0, match.start())
        return Mutation(_replace(data, match, 2, str(max(at, 0)).encode()), "pdf /Prev loop")
    return Mutation(_replace(data, match, 2, _number(rng, match[2])), f"pdf /{match[1].decode()}")


def name(rng: random.Random, data: bytes) -> Mutation:
    names = list(_NAME.finditer(data))
    if not names:
        return startxref(rng, data)
    match = rng.choice(names)
    other = rng.choice(names)[0] if rng.random() < 0.8 else b"/X" + rng.randbytes(3).hex().encode()
    return Mutation(_replace(data, match, 0, other), f"pdf name {match[0].decode()}")


def delimiter(rng: random.Random, data: bytes) -> Mutation:
    match = _pick(rng, _DELIMITER, data)
    if match is None:
        return startxref(rng, data)
    value = rng.choice((b"", match[0] * 2, match[0] * 500, b"<<" if match[0] == b">>" else b">>"))
    return Mutation(_replace(data, match, 0, value), f"pdf delimiter {match[0].decode()}")


def trailing(rng: random.Random, data: bytes) -> Mutation:
    tail = rng.choice(
        (
            b"\n",
            b"\x00" * 100,
            b"%%EOF\n",
            b"garbage",
            b"\nstartxref\n0\n%%EOF\n",
            b"\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n%d\n%%%%EOF\n"
            % len(data),
            rng.randbytes(1000),
        )
    )
    return Mutation(data + tail, "pdf trailing data")


def contents_cms(rng: random.Random, data: bytes) -> Mutation:
    """A structure-aware mutation of the CMS inside a /Contents hex string."""
    match = _pick(rng, _CONTENTS, data)
    if match is None:
        return startxref(rng, data)
    hex_text = match[1]
    raw = bytes.fromhex(hex_text.decode()) if len(hex_text) % 2 == 0 else b""
    stripped = raw.rstrip(b"\x00")
    try:
        from . import der

        length = len(der.encode(der.parse(stripped)))
        stripped = raw[:length]
    except ValueError:
        pass
    mutated, label = mutate_cms.mutate(rng, stripped)
    encoded = mutated.hex().encode()
    if len(encoded) <= len(hex_text):
        encoded = encoded.ljust(len(hex_text), b"0")  # same width: the /ByteRange still fits
    return Mutation(_replace(data, match, 1, encoded), f"pdf /Contents {label}")


# --- incremental updates -----------------------------------------------------------------------


def _update(data: bytes, edit: Callable[..., None]) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    edit(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _new_info(writer: object) -> None:
    from pyhanko.pdf_utils import generic

    info = generic.DictionaryObject({generic.pdf_name("/Title"): generic.TextStringObject("x")})
    writer.set_info(writer.add_object(info))  # type: ignore[attr-defined]


def _sticky_note(writer: object) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    page_ref, _ = writer.find_page_for_modification(0)  # type: ignore[attr-defined]
    note = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Text"),
            pdf_name("/Rect"): generic.ArrayObject(
                [generic.NumberObject(n) for n in (0, 0, 20, 20)]
            ),
            pdf_name("/Contents"): generic.TextStringObject("note"),
        }
    )
    writer.register_annotation(page_ref, writer.add_object(note))  # type: ignore[attr-defined]


def incremental_update(rng: random.Random, data: bytes) -> Mutation:
    from tests.support import hostile_pdf

    harmless: dict[str, Callable[..., None]] = {"info": _new_info, "sticky note": _sticky_note}
    forbidden: dict[str, Callable[..., None]] = {
        "text over page 1": hostile_pdf.add_text_to_first_page,
        "content redefined": hostile_pdf.overwrite_first_page_content,
        "page added": hostile_pdf.add_page,
    }
    is_forbidden = rng.random() < 0.5
    label, edit = rng.choice(sorted((forbidden if is_forbidden else harmless).items()))
    try:
        updated = _update(data, edit)
    except Exception:  # the mutant is not a PDF pyHanko can extend: try something else
        return trailing(rng, data)
    return Mutation(updated, f"pdf update: {label}", forbidden_update=is_forbidden)


PDF_MUTATORS: tuple[Callable[[random.Random, bytes], Mutation], ...] = (
    startxref,
    xref_entry,
    byte_range,
    object_number,
    keyed_number,
    name,
    delimiter,
    trailing,
    contents_cms,
    contents_cms,
    incremental_update,
)
