"""Where a PDF (or one of its revisions) ends, checked before pyHanko reads it.

pyHanko finds a PDF's end by reading backwards one byte at a time, a whole line at once: a signed
PDF followed by 2 GiB of zeros keeps it busy for hours before it gives up. It only accepts the
``%%EOF`` marker within the last 1024 bytes (as Acrobat does) and ``startxref`` just before it,
so that is checked here first, with one bounded read: a file that fails this check is one pyHanko
would refuse anyway, only much later.
"""

from __future__ import annotations

import os
import re
from typing import BinaryIO

EOF_WINDOW = 1024
"""The ``%%EOF`` marker must start within this many bytes of the end (pyHanko's and Acrobat's
rule)."""
_TAIL = 2 * EOF_WINDOW
_END = re.compile(rb"startxref\s*\d+\s*%%EOF")


def pdf_end_problem(handle: BinaryIO, end: int | None = None) -> str | None:
    """Why the bytes of ``handle`` up to ``end`` (the whole file when None) do not end like a
    PDF, or None when they do. The position of ``handle`` is left at 0."""
    size = handle.seek(0, os.SEEK_END) if end is None else end
    start = max(0, size - _TAIL)
    handle.seek(start)
    tail = handle.read(size - start)
    handle.seek(0)
    marker = tail.rfind(b"%%EOF")
    if marker < 0 or len(tail) - marker > EOF_WINDOW:
        return "no end-of-file marker at its end: the file is truncated or has data appended after its end"
    if _END.search(tail, 0, marker + 5) is None:
        return "no startxref before its end-of-file marker: the file is damaged"
    return None
