"""Outside text (file names, certificate fields) in widgets: one line, never markup.

The engine's ``displayable`` decides what a name may show (no line break, no bidi trick,
undecodable bytes as ``\\xHH``). Qt adds one risk of its own: tooltips, and labels or message
boxes left in AutoText, guess whether a text is HTML, so a file named ``<b>VALID</b>.pdf``
would be rendered as markup. Such places get the text escaped here.
"""

from __future__ import annotations

import html
import os
import re

from PySide6.QtGui import Qt

from ..core.text.display_text import displayable

_FOLDED_SPACE = re.compile(r"(?:^|(?<= )) ")
"""A space HTML would drop: at the start, or after another space."""


def as_html(text: str | os.PathLike[str] | None) -> str:
    """For rich-text places: displayable, HTML-escaped, every space kept (HTML would fold two
    into one, and two names may differ only there)."""
    return _FOLDED_SPACE.sub("&nbsp;", html.escape(displayable(text), quote=True))


def tooltip(text: str | os.PathLike[str] | None) -> str:
    """A tooltip that shows ``text`` as it is, whatever it holds (Qt would guess markup), every
    space kept (two names may differ only there)."""
    return Qt.convertFromPlainText(displayable(text), Qt.WhiteSpaceMode.WhiteSpacePre)
