"""A file name as the bytes the operating system holds, whatever they are.

On Linux a name is any bytes but ``/`` and NUL: ``caf\\xe9.pdf`` (Latin-1) is not UTF-8, and
Python holds it as a str with a surrogate (``os.fsdecode``). Such a name must still be signed,
referenced and found again, and written into UTF-8 text (XML, JSON) without loss or confusion:

- a reference to a file (the XAdES document URI, the exact form of a path in the JSON report) is
  the RFC 3986 percent-encoding of its bytes (``os.fsencode``): ``caf%E9.pdf``, exact and ASCII;
- a URI names a file when the bytes it decodes to are the file name's bytes, never by comparing
  texts that a decoder may have altered;
- where only readable text fits, undecodable bytes become U+FFFD, as any UTF-8 decoder that
  replaces errors would show them.

For a name that is valid Unicode (every name on Windows and macOS, nearly every one on Linux)
the percent-encoding is the usual one of its UTF-8 and the text is the name itself.
"""

from __future__ import annotations

import os
from urllib.parse import quote, unquote_to_bytes


def percent_encoded(name: str | os.PathLike[str], keep: str = "") -> str:
    """The name's bytes, every byte but ASCII letters, digits, ``-._~`` and ``keep`` as %XX."""
    return quote(os.fsencode(name), safe=keep)


def file_name_in_uri(uri: str) -> str | None:
    """The file name a relative URI's bytes spell, as Python names files on this system (so
    that comparing it with ``Path.name`` compares bytes); None if no file can have that name."""
    try:
        return os.fsdecode(unquote_to_bytes(uri))
    except (UnicodeDecodeError, ValueError):
        return None  # e.g. bytes that are not UTF-8 on Windows


def unicode_text(text: str | os.PathLike[str]) -> str:
    """``text`` with undecodable bytes (and any other lone surrogate) as U+FFFD: valid UTF-8."""
    text = os.fspath(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return text
    try:
        raw = os.fsencode(text)
    except UnicodeEncodeError:  # a surrogate that does not stand for a byte
        raw = text.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")
