"""Outside text (file names, certificate fields, library messages) made safe to show on one line.

A file name may hold any character its file system allows: a newline that prints a forged
"✔ VALID" line of its own, ESC sequences that move a terminal's cursor or repaint a line, bidi
overrides that show ``fdp.exe`` as ``exe.pdf``, invisible characters that make two names look
the same, and on Linux bytes that are not UTF-8 at all. Every face (command line, desktop
application) shows such text through ``displayable``: one rule decides what is escaped, and how.

The rule: every character of Unicode categories Cc (C0 and C1 controls, DEL), Cf (format: bidi
controls, zero-width characters, soft hyphen), Zl and Zp (line and paragraph separators) and Cs
(lone surrogates) is written as an escape, so what is shown has no line break, no terminal
sequence and nothing invisible:

- ``\\n``, ``\\r``, ``\\t`` for the three common controls;
- ``\\xHH`` for a byte that is not UTF-8 (Python holds it as a surrogate, ``os.fsdecode``);
- ``\\uHHHH`` (``\\UHHHHHHHH`` beyond the BMP) for any other such character;
- a backslash is doubled where it is an ordinary character of names (not on Windows, where it
  separates folders and cannot be part of a name), so no name can spell out an escape that
  another name needs: two different names are always shown differently.

Letters of every script, accents, spaces (no-break spaces included) and emoji stay as they are:
an ordinary name is shown unchanged.

The JSON report escapes the same characters (``must_escape``), as JSON ``\\uXXXX`` escapes, which
parse back unchanged.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable

_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_BACKSLASH_IN_NAMES = os.sep != "\\"
_UNDECODABLE_BYTES = sys.getfilesystemencodeerrors() == "surrogateescape"
"""On POSIX, Python keeps a byte that is not UTF-8 as a surrogate U+DC80..U+DCFF."""


def displayable(text: str | os.PathLike[str] | None) -> str:
    """``text`` (a name, a path, a certificate field) as one line a person can read safely."""
    if text is None:
        return ""
    text = os.fspath(text)
    if text.isprintable() and not (_BACKSLASH_IN_NAMES and "\\" in text):
        return text  # the common case, at C speed
    return "".join(_shown(character) for character in text)


def must_escape(character: str) -> bool:
    """Whether ``character`` is written as an escape wherever outside text is shown or written:
    a control, a format character, a line or paragraph separator, a lone surrogate."""
    return unicodedata.category(character) in _ESCAPED_CATEGORIES


def _shown(character: str) -> str:
    if character == "\\":
        return "\\\\" if _BACKSLASH_IN_NAMES else character
    if character in _SHORT:
        return _SHORT[character]
    if not must_escape(character):
        return character
    code = ord(character)
    if _UNDECODABLE_BYTES and 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02X}"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def displayable_values(
    message: object, translate: Callable[[str], str] | None = None
) -> dict[str, object]:
    """The values that fill a ParapheError's or Notice's template (``path`` and its params),
    texts made displayable: what the faces give ``template.format`` after translating it. With
    ``translate``, the ``detail`` (a phrase of the engine, "permission denied") is translated
    too: a message is then in one language, not French ending in English."""
    path = getattr(message, "path", None)
    values: dict[str, object] = {"path": None if path is None else displayable(path)}
    for name, value in getattr(message, "params", {}).items():
        if translate is not None and name in TRANSLATED_PARAMS and isinstance(value, str):
            value = translate(value)
        values[name] = displayable(value) if isinstance(value, str | os.PathLike) else value
    return values


TRANSLATED_PARAMS = frozenset({"detail"})
"""The parameters that hold a phrase of the engine (marked ``N_`` where it is written), not a
value from outside (a name, a path): translated with the template."""
