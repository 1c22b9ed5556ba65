"""What a visible PAdES stamp says, and how it is laid out: one copy for the signer and the preview.

The stamp names the signer, their organisation and the signing time in the signer's local time
with its offset from UTC ("04/12/2026 14:03 +01:00"): a reader sees the hour the signer saw,
and the offset keeps it unambiguous. The words and the date's order come from the language's
catalogue (``translate``); the face that signs passes its translation, so the preview it shows
and the PDF it writes say the same thing.

The layout constants are pyHanko's text-box rules as ``pades`` configures them (font size,
leading, margins): the preview draws with them to show the stamp as it will be printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from cryptography import x509

from ..text.translatable import N_
from ..x509.certificates import holder_name, organisation

Translate = Callable[[str], str]

SIGNED_BY = N_("Signed electronically by")
"""The stamp's first line."""
SIGNED_ON = N_("on {moment}")
"""The stamp's last line: the signing time."""
MOMENT = N_("{year}-{month}-{day} {hour}:{minute} {offset}")
"""The date's order and separators in the stamp's language (French: day/month/year)."""

FONT_SIZE = 10
"""Points."""
LEADING = 12
"""Points from one line's baseline to the next (pyHanko's default, the font size, is cramped)."""
TEXT_MARGIN = 10
"""Points around the text inside the stamp (pyHanko's default text-box margin)."""
BORDER_WIDTH = 1
"""Points: the stamp's frame."""


def _untranslated(text: str) -> str:
    return text


def stamp_moment(moment: dt.datetime, translate: Translate = _untranslated) -> str:
    """``moment`` in this computer's time zone, to the minute, with its offset ("+01:00")."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone()
    offset = local.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return translate(MOMENT).format(
        year=f"{local.year:04d}",
        month=f"{local.month:02d}",
        day=f"{local.day:02d}",
        hour=f"{local.hour:02d}",
        minute=f"{local.minute:02d}",
        offset=f"{sign}{hours:02d}:{rest:02d}",
    )


def stamp_lines(
    signer: str,
    organisation_name: str | None,
    moment: dt.datetime,
    translate: Translate = _untranslated,
) -> list[str]:
    """The stamp's lines: who signed, for which organisation (when the certificate names one),
    when. Line breaks inside a name are flattened: each line is one line of the stamp."""
    lines = [translate(SIGNED_BY), _one_line(signer)]
    if organisation_name:
        lines.append(_one_line(organisation_name))
    lines.append(translate(SIGNED_ON).format(moment=stamp_moment(moment, translate)))
    return lines


def certificate_stamp_lines(
    certificate: x509.Certificate, moment: dt.datetime, translate: Translate = _untranslated
) -> list[str]:
    """The lines of the stamp ``certificate``'s holder gets when signing at ``moment``."""
    return stamp_lines(holder_name(certificate), organisation(certificate), moment, translate)


def _one_line(text: str) -> str:
    return " ".join(text.split())
