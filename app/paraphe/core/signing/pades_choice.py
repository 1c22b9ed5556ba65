"""Whether a list of files can be signed in PAdES, and if not, the sentence that says why.

PAdES writes a signed copy of a PDF; any other file needs a detached token (XAdES or CAdES).
A face greys out the PAdES choice when this returns a reason, and shows the reason beside it,
so that the user knows what to change rather than guessing why the choice is off.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import Notice
from ..files.documents import is_pdf_file
from ..text.translatable import N_

NO_FILE = N_("PAdES signs PDF files: add one or more PDF files to choose it.")
ONE_FILE_NOT_PDF = N_("PAdES signs PDF files only: this file is not a PDF.")
ONE_NOT_PDF = N_("PAdES signs PDF files only: 1 of the {total} files is not a PDF.")
SOME_NOT_PDF = N_("PAdES signs PDF files only: {count} of the {total} files are not PDFs.")


def pades_refusal(documents: Sequence[Path]) -> Notice | None:
    """None when every file is a PDF (PAdES can sign them all), else why it cannot."""
    if not documents:
        return Notice(NO_FILE)
    others = sum(1 for path in documents if not is_pdf_file(path))
    if not others:
        return None
    total = len(documents)
    if total == 1:
        return Notice(ONE_FILE_NOT_PDF, documents[0])
    if others == 1:
        return Notice(ONE_NOT_PDF, total=total)
    return Notice(SOME_NOT_PDF, count=others, total=total)
