"""The revision of a PDF that a signature signed: what the signer saw, which later revisions
(another signature, a form filled, a document timestamp, or a change an attacker hoped would go
unseen) may have changed on screen.

A PDF signature signs the file's bytes from the start up to the end of its revision, less the
hole for its own value: its ``/ByteRange`` ``[0 len1 start2 len2]`` ends at ``start2 + len2``.
Those first bytes are a complete PDF, the one that was signed (Acrobat's "View signed version"),
so cutting the file there is all it takes; pyHanko reads the byte range.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ParapheError
from ..files.user_files import open_regular
from ..text.translatable import N_
from .end import pdf_end_problem


class RevisionNotFound(ParapheError):
    template = N_(
        "The signed revision of {path} could not be extracted: {detail}. Open the PDF itself."
    )


def signed_revision_end(pdf: Path, field_name: str | None) -> int:
    """Where the revision signed by the signature in field ``field_name`` (the first signature
    when None) ends, in bytes from the start of the file."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with open_regular(pdf) as handle:
            if (problem := pdf_end_problem(handle)) is not None:
                raise RevisionNotFound(pdf, detail=problem)
            signatures = PdfFileReader(handle, strict=False).embedded_regular_signatures
            for signature in signatures:
                if field_name is None or signature.field_name == field_name:
                    _start1, _length1, start2, length2 = signature.byte_range
                    end = int(start2) + int(length2)
                    if pdf_end_problem(handle, end) is not None:
                        break
                    return end
    except OSError as exc:
        raise RevisionNotFound(pdf, detail=exc.strerror or str(exc)) from None
    except ParapheError:
        raise
    except Exception as exc:  # a PDF pyHanko cannot read
        raise RevisionNotFound(pdf, detail=str(exc) or type(exc).__name__) from None
    raise RevisionNotFound(pdf, detail="no signature with a readable byte range by that name")


def write_signed_revision(pdf: Path, field_name: str | None, target: Path) -> Path:
    """The signed revision written to ``target`` (a new file: the original is only read)."""
    end = signed_revision_end(pdf, field_name)
    with open_regular(pdf) as source, open(target, "xb") as out:
        remaining = end
        while remaining > 0:
            chunk = source.read(min(remaining, 1 << 20))
            if not chunk:
                break
            out.write(chunk)
            remaining -= len(chunk)
    return target
